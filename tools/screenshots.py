"""Screenshots of the real app, for looking at the layout and for the user guide.

    xvfb-run -s "-screen 0 1920x1080x24" python tools/screenshots.py OUT_FOLDER [--size 1366x768 ...]
             [--case CASE.xlsx] [--lang en|zh_CN]
    xvfb-run -a -s "-screen 0 1920x1080x24" python tools/screenshots.py --guide [docs/images]

Opens the case (the demo by default) in a fresh window with throw-away settings, waits for the
answer and saves one PNG per tab: `OUT_FOLDER/<size>-<tab>.png` (the Trade-offs tab with the total-budget
frontier computed), and the "Why (not) this project?" dialog for a project left out (`<size>-explain.png`).
Without an X server it runs on
Qt's offscreen platform, which draws the same widgets.

`--guide` makes exactly the images the user guide (docs/user-guide*.md) uses, in English and in
Chinese (`docs/images/en/*.png`, `docs/images/zh_CN/*.png`, one process per language), on the demo
case in a 1366x768 window: see `GUIDE_IMAGES`. Open menus are taken from the screen, so `--guide`
needs an X server (xvfb-run). When `pngquant` is on the PATH the images are reduced to 256 colours
(a third of the size; text stays sharp).
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
    from ui.window.main_window import MainWindow

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


# --- the user guide's images ---------------------------------------------------------------------
GUIDE_SIZE = (1366, 768)
GUIDE_IMAGES = {
    "main": "the window on the demo case: KPI cards, what-if sliders, recommended portfolio",
    "targets": "the Baseline and targets tab",
    "rules": "the Rules tab: the negative list with each rule's hits, the exclusive groups, the entity budgets",
    "charts": "the Charts tab",
    "limits": "the Limits and diagnosis tab: binding limits and what loosening each is worth",
    "explain": "the Why (not) this project? dialog for the first project left out",
    "whatif": "after the min strategic share slider moved to 70%, changes against the pinned baseline",
    "diagnosis": "min R&D intensity at 3.00%: the targets conflict, the diagnosis and the relax button",
    "scenarios": "the Scenarios tab with three saved scenarios",
    "compare": "the Compare scenarios dialog, three scenarios side by side",
    "tradeoffs": "the Trade-offs tab: best NPV against the total budget, 5 levels",
    "risk": "the Risk tab: the NPV-risk frontier",
    "stability": "the recommended portfolio after Solve > Test stability (30 draws)",
    "ahp": "the Weights by pairwise comparison (AHP) dialog, objective score",
    "targets_by_year": "the targets by year, the 2028 debt-ratio ceiling of 62.8% typed in its year",
    "by_year": "the Year by year tab under that ceiling, scrolled to the debt ratio",
    "five_values": "the Five values tab under that ceiling",
    "export": "the File menu with Export result and Export with reasons",
    "problems": "the problems dialog for a broken workbook",
}
"""Name -> what it shows; `--guide` writes exactly these, for each language."""


def wait_for(signal, timeout_ms: int = 120000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def move_slider(window, key: str, value: float) -> None:
    """Move a what-if slider (a rate, or "total_budget" as a fraction of the case's budget), wait for the answer."""
    window.whatif.limits[key].set_to(value)
    wait_for_answer(window)


def broken_workbook(folder: Path) -> Path:
    """The demo case with four typical mistakes: a repeated id, a negative capex, a share typed as 65
    instead of 65%, and a prerequisite that does not exist."""
    import openpyxl

    book = openpyxl.load_workbook(DEMO_CASE)
    projects = book.worksheets[0]
    header = [c.value for c in projects[1]]
    projects.cell(3, header.index("id") + 1, projects.cell(2, header.index("id") + 1).value)
    projects.cell(4, header.index("capex_2027") + 1, -5)
    projects.cell(5, header.index("requires") + 1, "XX99")
    settings = book.worksheets[2]
    for row in settings.iter_rows(min_row=2):
        if row[0].value == "min_strategic_share":
            row[1].value = 65
    path = folder / "broken_case.xlsx"
    book.save(path)
    return path


class GuideShooter:
    def __init__(self, out: Path, lang: str):
        self.out = out
        self.lang = lang
        self.saved: list[Path] = []

    def save(self, widget, name: str) -> None:
        assert name in GUIDE_IMAGES, name
        wait(400)
        path = self.out / f"{name}.png"
        widget.grab().save(str(path))
        self.saved.append(path)

    def save_screen(self, window, name: str) -> None:
        """The window from the screen, with what is open over it (a menu)."""
        wait(400)
        frame = window.frameGeometry()
        path = self.out / f"{name}.png"
        window.screen().grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).save(str(path))
        self.saved.append(path)

    @staticmethod
    def scroll_to_rates(targets) -> None:
        """The Baseline and targets tab scrolled to its "one profit, five rates" box."""
        from PySide6.QtWidgets import QGroupBox, QScrollArea

        scroll = targets.findChild(QScrollArea)
        rates = next(box for box in targets.findChildren(QGroupBox) if "一利五率" in box.title())
        scroll.verticalScrollBar().setValue(rates.y() - 4)

    def tab(self, tabs, widget) -> None:
        tabs.setCurrentWidget(widget)
        wait(300)

    def run(self) -> list[Path]:
        app = make_application([])
        from ui.i18n import install_language

        install_language(app, self.lang)
        from ui.window.main_window import MainWindow

        with tempfile.TemporaryDirectory() as folder:
            settings = AppSettings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))
            settings.set_last_folder(folder)
            window = MainWindow(settings)
            window.resize(*GUIDE_SIZE)
            window.move(0, 0)
            window.show()
            window.open_case(DEMO_CASE)
            wait_for_answer(window)
            wait(800)
            self.save(window, "main")
            self.tab(window.left_tabs, window.targets)
            self.scroll_to_rates(window.targets)
            self.save(window, "targets")
            self.tab(window.left_tabs, window.rules)
            self.save(window, "rules")
            self.tab(window.left_tabs, window.projects)
            charts = window.answer_tabs.widget(1)
            self.tab(window.answer_tabs, charts)
            self.save(window, "charts")
            self.tab(window.answer_tabs, window.diagnosis)
            self.save(window, "limits")
            self.tab(window.answer_tabs, window.portfolio)
            shoot_explanation(window, self.out / "explain.png")
            self.saved.append(self.out / "explain.png")

            # what-if, scenarios and the diagnosis
            names = iter(("Demo as given", "Strategic share 70%", "Budget 105%") if self.lang == "en" else
                         ("演示案例原样", "战新占比70%", "预算105%"))
            window.scenarios.ask_name = lambda _default: next(names)
            window.save_scenario()
            window.pin_baseline()
            move_slider(window, "min_strategic_share", 0.70)
            self.save(window, "whatif")
            window.save_scenario()
            move_slider(window, "min_strategic_share", 0.65)
            move_slider(window, "total_budget", 1.05)
            window.save_scenario()
            move_slider(window, "total_budget", 1.0)
            self.tab(window.answer_tabs, window.scenarios)
            self.save(window, "scenarios")
            window.scenarios.select(range(3))
            dialog = window.scenarios.compare_selected()
            self.save(dialog, "compare")
            dialog.close()
            move_slider(window, "min_rd_intensity", 0.03)
            for _ in range(3):  # the diagnosis's first answer, then the refined one, which the guide shows
                diagnosis = window.result.diagnosis if window.result is not None else []
                if diagnosis and all(item.refined for item in diagnosis):
                    break
                wait_for(window.controller.diagnosisReady)
            self.tab(window.answer_tabs, window.diagnosis)
            self.save(window, "diagnosis")
            move_slider(window, "min_rd_intensity", 0.027)

            # analytics
            self.tab(window.answer_tabs, window.tradeoffs)
            compute_frontier(window)
            self.save(window, "tradeoffs")
            self.tab(window.answer_tabs, window.risk_panel)
            window.risk_panel.compute()
            wait_for_task(window.risk_panel.tasks)
            self.save(window, "risk")
            window.start_stability(30)
            wait_for(window.stability_run.done, 300000)
            self.tab(window.answer_tabs, window.portfolio)
            self.save(window, "stability")  # Stays chosen sits next to the project's name

            # year by year: the worked example's 2028 debt-ratio ceiling, typed in its year
            self.tab(window.left_tabs, window.targets)
            self.scroll_to_rates(window.targets)
            window.targets.limit_rows["max_debt_ratio_2028"].spin.set_number(62.8)
            window.targets.flush()
            wait_for_answer(window)
            self.save(window, "targets_by_year")
            self.tab(window.answer_tabs, window.years)
            wait(300)  # laid out: the grid's rows have their height
            window.years.scroll_to(window.years.chart("debt_ratio"))
            self.save(window, "by_year")
            self.tab(window.answer_tabs, window.five_values)
            self.save(window, "five_values")
            window.targets.limit_rows["max_debt_ratio_2028"].spin.set_number(None)
            window.targets.flush()
            wait_for_answer(window)
            self.tab(window.left_tabs, window.projects)
            self.tab(window.answer_tabs, window.portfolio)

            # export: the File menu open
            menu = window.menuBar().actions()[0].menu()
            menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
            self.save_screen(window, "export")
            menu.close()

            # objective score: the weights and their pairwise comparison
            targets = window.targets
            targets.objective_combo.setCurrentIndex(targets.objective_combo.findData("score"))
            targets.flush()  # as the form does a moment after the choice
            wait_for_answer(window)
            ahp = window.whatif.ahp_dialog()
            ahp.show()
            self.save(ahp, "ahp")
            ahp.close()

            # a broken workbook
            window.open_case(broken_workbook(Path(folder)))
            box = window._problems_box
            box.show()
            self.save(box, "problems")
            box.close()
            window.close()
        return self.saved


def optimise_png(paths: list[Path]) -> None:
    """256 colours with pngquant where it is installed; the screenshots' text stays sharp."""
    import shutil
    import subprocess

    if shutil.which("pngquant") is None:
        print("pngquant not found: the images are left at full colour", file=sys.stderr)
        return
    for path in paths:
        subprocess.run(["pngquant", "--quality=70-95", "--speed", "1", "--strip", "--force", "--skip-if-larger",
                        "--output", str(path), str(path)], check=False)


def shoot_guide_languages(out: Path, lang: str | None) -> None:
    """Each language in a process of its own (a translator is installed once per application)."""
    import subprocess

    if lang:
        folder = out / lang
        folder.mkdir(parents=True, exist_ok=True)
        saved = GuideShooter(folder, lang).run()
        optimise_png(saved)
        for path in saved:
            print(path)
        sys.stdout.flush()
        os._exit(0)  # PySide6 can abort while collecting its objects at exit, after the work is done
    for language in ("en", "zh_CN"):
        subprocess.run([sys.executable, __file__, "--guide", str(out), "--lang", language], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--guide", action="store_true",
                        help="the user guide's images, both languages, under OUT (default docs/images)")
    parser.add_argument("--size", action="append", default=[], help="WIDTHxHEIGHT (repeatable)")
    parser.add_argument("--case", type=Path, default=DEMO_CASE)
    parser.add_argument("--lang", default=None)
    args = parser.parse_args()
    if args.guide:
        shoot_guide_languages(args.out or ROOT / "docs" / "images", args.lang)
        return
    if args.out is None:
        parser.error("OUT is required without --guide")
    sizes = [tuple(int(v) for v in s.split("x")) for s in args.size] or [(1366, 768), (1920, 1080)]
    args.out.mkdir(parents=True, exist_ok=True)
    for path in shoot(args.out, sizes, args.case, args.lang):
        print(path)


if __name__ == "__main__":
    main()
