"""The desktop build (packaging/): the build script makes the one-folder app on Linux, its headless program
solves the bundled demo case to the same objective as the engine run in-process, and its desktop program opens
the bundled demo case offscreen and keeps running until it is stopped.

The build takes 1.5 to 2.5 minutes, so the suite leaves these tests out unless asked (pyproject's addopts):
`pytest -m packaging`. They are skipped when PyInstaller is not installed (it is in the `test` extra).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from optimizer import cli
from optimizer.paths import DEMO_CASE

ROOT = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = ROOT / "packaging" / "build.py"
APP_NAME = "PortfolioOptimizer"

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the packaging test builds the Linux app"),
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed (pip install -e '.[test]')"),
]


@pytest.fixture(scope="module")
def app_folder(tmp_path_factory) -> Path:
    """The app built by packaging/build.py, as a user runs it, into a scratch folder."""
    scratch = tmp_path_factory.mktemp("packaging")
    dist, work = scratch / "dist", scratch / "build"
    built = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--dist", str(dist), "--work", str(work)],
                           capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return dist / APP_NAME


def isolated_environment(home: Path) -> dict[str, str]:
    """Offscreen Qt, and settings and autosaves kept in `home` instead of the user's own."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home))
    env.update(XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_CACHE_HOME=str(home / "cache"), XDG_RUNTIME_DIR=str(home / "runtime"))
    (home / "runtime").mkdir(mode=0o700, parents=True)
    return env


def test_build_holds_both_programs_the_demo_case_and_the_icon(app_folder):
    assert os.access(app_folder / APP_NAME, os.X_OK)
    assert os.access(app_folder / f"{APP_NAME}-cli", os.X_OK)
    resources = app_folder / "_internal" / "resources"
    for name in ("demo_case.xlsx", "template.xlsx", "icon.png"):
        assert (resources / name).read_bytes() == (ROOT / "resources" / name).read_bytes()
    assert (app_folder / "portfolio-optimizer.desktop").is_file()


def test_frozen_solve_matches_the_engine_in_process(app_folder, tmp_path):
    frozen_json = tmp_path / "frozen.json"
    demo = app_folder / "_internal" / "resources" / "demo_case.xlsx"
    run = subprocess.run([str(app_folder / f"{APP_NAME}-cli"), "solve", str(demo), "--json", str(frozen_json)],
                         capture_output=True, text=True, timeout=300, env=isolated_environment(tmp_path / "home"))
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "exception" not in run.stderr.lower(), run.stderr
    frozen = json.loads(frozen_json.read_text(encoding="utf-8"))

    in_process_json = tmp_path / "in_process.json"
    assert cli.main(["solve", str(DEMO_CASE), "--json", str(in_process_json)]) == cli.EXIT_OK
    in_process = json.loads(in_process_json.read_text(encoding="utf-8"))

    assert frozen["status"] in ("optimal", "feasible")
    assert frozen["objective"] == in_process["objective"]
    # Each answer proves the best objective lies between its value and its bound: the two ranges must overlap.
    frozen_range = sorted((frozen["objective_value"], frozen["bound"]))
    in_process_range = sorted((in_process["objective_value"], in_process["bound"]))
    tolerance = 1e-6 * max(1.0, abs(in_process["objective_value"]))
    assert frozen_range[0] <= in_process_range[1] + tolerance
    assert in_process_range[0] <= frozen_range[1] + tolerance
    assert frozen["selected"], "the frozen program chose no project"


def test_frozen_sweep_in_worker_processes_matches_the_engine_in_process(app_folder, tmp_path):
    """The draws run in spawned worker processes, each the frozen program started again (main.py's
    multiprocessing.freeze_support hands it to the worker): the same draws as the engine in this process."""
    from optimizer.analysis.stability import stability
    from optimizer.io.workbook import read_case

    frozen_json = tmp_path / "frozen.json"
    demo = app_folder / "_internal" / "resources" / "demo_case.xlsx"
    run = subprocess.run([str(app_folder / f"{APP_NAME}-cli"), "stability", str(demo), "--draws", "6", "--seed", "5",
                          "--workers", "2", "--json", str(frozen_json)],
                         capture_output=True, text=True, timeout=300, env=isolated_environment(tmp_path / "home"))
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Traceback" not in run.stderr, run.stderr
    frozen = json.loads(frozen_json.read_text(encoding="utf-8"))
    in_process = stability(read_case(DEMO_CASE), draws=6, seed=5, workers=1)
    assert frozen["solved"] == 6 and frozen["draw_portfolios"] == in_process.draw_portfolios


def test_frozen_report_writes_a_word_board_pack_from_the_bundled_template(app_folder, tmp_path):
    """python-docx's default template (docx/templates) comes with the build: the Word pack opens and holds tables."""
    docx = pytest.importorskip("docx", reason="python-docx is not installed")
    pack = tmp_path / "pack.docx"
    demo = app_folder / "_internal" / "resources" / "demo_case.xlsx"
    run = subprocess.run([str(app_folder / f"{APP_NAME}-cli"), "report", str(demo), "-o", str(pack)],
                         capture_output=True, text=True, timeout=300, env=isolated_environment(tmp_path / "home"))
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Traceback" not in run.stderr, run.stderr
    assert len(docx.Document(str(pack)).tables) >= 5


def test_frozen_window_opens_the_demo_case_and_keeps_running(app_folder, tmp_path):
    home = tmp_path / "home"
    env = isolated_environment(home)
    bundled_demo = str(app_folder / "_internal" / "resources" / "demo_case.xlsx")
    app = subprocess.Popen([str(app_folder / APP_NAME)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        # The app remembers an opened case in its settings (its recent files): wait until the demo case is there.
        deadline, opened = time.monotonic() + 60, False
        while time.monotonic() < deadline and app.poll() is None and not opened:
            time.sleep(0.5)
            opened = any(bundled_demo in path.read_text(encoding="utf-8", errors="replace")
                         for path in (home / "config").rglob("*.conf"))
        time.sleep(5)  # a few seconds more, while the first solve runs in the background
        still_running = app.poll() is None
    finally:
        app.terminate()
        try:
            _, stderr = app.communicate(timeout=15)
            stopped = True
        except subprocess.TimeoutExpired:
            app.kill()
            _, stderr = app.communicate()
            stopped = False
    assert still_running, f"the app quit by itself (exit {app.returncode}):\n{stderr}"
    assert opened, f"the app did not open the bundled demo case within 60 s:\n{stderr}"
    assert stopped, f"the app did not stop within 15 s of being asked to:\n{stderr}"
    assert "Traceback" not in stderr, stderr
