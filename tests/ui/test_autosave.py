"""Nothing lost: a real app process killed mid-solve, then a new start that offers its edits back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QSettings

from optimizer.paths import DEMO_CASE
from tests.conftest import ROOT
from ui.settings import AppSettings
from ui.window.main_window import MainWindow

# The app, driven inside its own process: open the demo, cut the total budget to 600 (as the
# targets panel does), wait for the autosave, start a long solve and say so.
APP = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QSettings, QTimer
    from optimizer.paths import DEMO_CASE
    from ui.app import make_application
    from ui.window.main_window import MainWindow
    from ui.settings import AppSettings

    app = make_application([])
    window = MainWindow(AppSettings(QSettings(sys.argv[1], QSettings.Format.IniFormat)))
    window.show()

    def saved_at():
        info = window.autosave.info_file
        return info.stat().st_mtime_ns if info.exists() else 0

    def edit(_result):
        global before
        window.controller.resultReady.disconnect(edit)
        before = saved_at()
        window.targets.caseEdited.emit(window.case.with_limits(total_budget=600.0))
        QTimer.singleShot(100, wait_for_autosave)

    def wait_for_autosave():
        if saved_at() == before:
            QTimer.singleShot(100, wait_for_autosave)
            return
        # Said as the solve starts: a demo solve may end within a few hundred milliseconds, before a later look.
        window.controller.started.connect(say_solving)
        window.controller.request(window.case.with_limits(min_strategic_share=0.66), immediate=True, gap=0.0)

    def say_solving():
        print("SOLVING" if window.controller.busy else "IDLE", flush=True)

    window.controller.resultReady.connect(edit)
    window.open_case(DEMO_CASE)
    app.exec()
""")


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "settings.ini"


def settings_at(path) -> AppSettings:
    return AppSettings(QSettings(str(path), QSettings.Format.IniFormat))


@pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL")
def test_a_killed_process_offers_its_edits_back(qtbot, settings_path, monkeypatch):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-c", APP, str(settings_path)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        assert line == "SOLVING", process.stderr.read() if line == "" else line
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL

    asked = []
    monkeypatch.setattr(MainWindow, "ask_restore", lambda self, name, saved: asked.append((name, saved)) or True)
    window = MainWindow(settings_at(settings_path))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000):
        assert window.offer_restore() is True
    assert asked and asked[0][0] == DEMO_CASE.name
    assert window.case.settings.limits["total_budget"] == pytest.approx(600.0)
    assert window.case.source == str(DEMO_CASE)
    assert "restored" in window.windowTitle()
    assert sum(s.capex for s in window.result.selected) <= 600.0 + 1e-6
    window.close()

    clean = MainWindow(settings_at(settings_path))  # that window closed cleanly: nothing to offer now
    qtbot.addWidget(clean)
    assert clean.autosave.crashed is False and clean.offer_restore() is False


def test_declining_the_restore_discards_it(qtbot, settings_path, monkeypatch):
    folder = settings_path.parent / "data" / "autosave"
    dies = ("import os, sys\nfrom pathlib import Path\nfrom optimizer.paths import DEMO_CASE\n"
            "from optimizer.io.workbook import read_case\nfrom ui.window.autosave import Autosave\n"
            "autosave = Autosave(Path(sys.argv[1]))\nautosave.save(read_case(DEMO_CASE))\n"
            "os._exit(0)  # no clean close\n")
    subprocess.run([sys.executable, "-c", dies, str(folder)], cwd=ROOT, check=True, timeout=120,
                   env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert (folder / "lock").exists() and (folder / "case.xlsx").exists()
    monkeypatch.setattr(MainWindow, "ask_restore", lambda self, name, saved: False)
    window = MainWindow(settings_at(settings_path))
    qtbot.addWidget(window)
    assert window.autosave.crashed is True
    assert window.offer_restore() is False
    assert not window.autosave.case_file.exists()
    assert window.case is None
