"""Screenshots of the real app, for looking at the layout and for the user guide.

    xvfb-run -s "-screen 0 1920x1080x24" python tools/screenshots.py OUT_FOLDER [--size 1366x768 ...]
             [--case CASE.xlsx] [--lang en|zh_CN]

Opens the case (the demo by default) in a fresh window with throw-away settings, waits for the
answer and saves one PNG per tab: `OUT_FOLDER/<size>-<tab>.png` (the Trade-offs tab with the total-budget
frontier computed), and the "Why (not) this project?" dialog for a project left out (`<size>-explain.png`).
Without an X server it runs on
Qt's offscreen platform, which draws the same widgets.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer  # noqa: E402

from optimizer.paths import DEMO_CASE  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.settings import AppSettings  # noqa: E402


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for_answer(window, timeout_ms: int = 60000) -> None:
    loop = QEventLoop()
    window.controller.resultReady.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def wait_for_task(tasks, timeout_ms: int = 120000) -> None:
    loop = QEventLoop()
    tasks.finished.connect(loop.quit)
    tasks.failed.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def compute_frontier(window, points: int = 5) -> None:
    """The Trade-offs tab with the total-budget frontier computed."""
    panel = window.tradeoffs
    panel.key_combo.setCurrentIndex(panel.key_combo.findData("total_budget"))
    panel.points_box.setValue(points)
    panel.compute()
    wait_for_task(panel.tasks)


def shoot_explanation(window, path: Path) -> Path:
    """The "Why (not) this project?" dialog for the first project left out."""
    chosen = {x.id for x in window.result.selected} if window.result else set()
    project = next(p for p in window.case.projects if p.id not in chosen and not p.excluded)
    dialog = window.explainer.explain(project.id)
    wait_for_task(window.explainer.tasks)
    wait(300)
    dialog.grab().save(str(path))
    dialog.close()
    return path


def shoot(out: Path, sizes: list[tuple[int, int]], case: Path, lang: str | None) -> list[Path]:
    app = make_application([])
    if lang:
        from ui import app as app_module

        if hasattr(app_module, "install_language"):
            app_module.install_language(app, lang)
    from ui.main_window import MainWindow

    saved = []
    with tempfile.TemporaryDirectory() as folder:
        settings = AppSettings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
        for width, height in sizes:
            window = MainWindow(settings)
            window.resize(width, height)
            window.show()
            window.open_case(case)
            wait_for_answer(window)
            compute_frontier(window)
            wait(600)
            prefix = f"{lang + '-' if lang else ''}{width}x{height}"
            for tabs, names in ((window.answer_tabs, "answer"), (window.left_tabs, "left")):
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    wait(300)
                    path = out / f"{prefix}-{names}{index}.png"
                    window.grab().save(str(path))
                    saved.append(path)
                tabs.setCurrentIndex(0)
            saved.append(shoot_explanation(window, out / f"{prefix}-explain.png"))
            window.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", action="append", default=[], help="WIDTHxHEIGHT (repeatable)")
    parser.add_argument("--case", type=Path, default=DEMO_CASE)
    parser.add_argument("--lang", default=None)
    args = parser.parse_args()
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.size] or [(1366, 768), (1920, 1080)]
    args.out.mkdir(parents=True, exist_ok=True)
    for path in shoot(args.out, sizes, args.case, args.lang):
        print(path)


if __name__ == "__main__":
    main()
