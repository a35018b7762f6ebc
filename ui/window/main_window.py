"""The main window: a whole planning round in one place.

Left: the candidate projects, the targets and the rules. Right: the what-if sliders and KPI cards above the
answer (the recommended portfolio, charts, reasons, the diagnosis, saved scenarios). What is shown is
held by the window's `PlanningDocument` (ui/window/document.py): the window builds the panels and
connects them to it once, the panels follow its signals and send their edits to it, and the document
asks its background solver for a new answer after each edit, so the window never waits on the solver.
The window itself keeps the status line, the menus, the files (open, save, export, scenarios, the
autosave) and the layout.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from optimizer.errors import CaseError, ExportError, PlannerError, ScenarioError
from optimizer.io.case_writer import write_case
from optimizer.io.export_analytics import export_with_analytics
from optimizer.io.scenarios import Scenario, load_scenarios, save_scenarios
from optimizer.io.workbook import read_case
from optimizer.model.case import Case
from optimizer.model.targets import Kind, Objective
from optimizer.report.result import Result
from optimizer.solve.solver import SHOWN_GAP, Status
from optimizer.tolerances import PROVEN
from optimizer.words.text import said
from ui import i18n
from ui.board_pack.action import BoardPackExport
from ui.charts.results import CategoryChart, SpendByYearChart
from ui.panels.diagnosis_panel import DiagnosisPanel
from ui.panels.explain_panel import ExplainController
from ui.panels.five_values_panel import FiveValuesPanel
from ui.panels.kpi_cards import KpiPanel
from ui.panels.risk_panel import STABILITY_DRAWS, RiskLine, RiskPanel, StabilityRun
from ui.panels.rules_panel import RulesPanel
from ui.panels.scenarios_panel import ScenariosPanel
from ui.panels.targets_panel import TargetsPanel
from ui.panels.tradeoffs import TradeoffsPanel
from ui.panels.whatif import WhatIfPanel
from ui.panels.years_panel import YearsPanel
from ui.settings import AppSettings
from ui.tables.portfolio_table import PortfolioView
from ui.tables.project_table import ProjectTableView
from ui.window.autosave import Autosave
from ui.window.document import Change, PlanningDocument

AUTOSAVE_DELAY_MS = 1000
"""An edit is autosaved this long after the last change (a slider drag writes once)."""

_rebuilt: list[MainWindow] = []
"""Windows made by a language switch: nothing else holds them (run_app holds the first)."""


CASE_SUFFIXES = (".xlsx", ".xls", ".ods")
"""The files a case is read from (optimizer/io/xlsx.py, and optimizer/io/spreadsheet.py for .xls and .ods)."""


class MainWindow(QMainWindow):
    replaced = Signal(object)  # the window built in another language to take this one's place

    def __init__(self, settings: AppSettings | None = None):
        super().__init__()
        self.settings = settings or AppSettings()
        self._first_case: Path | None = None  # opened after the window's first paint (open_first_case)
        self.document = PlanningDocument(self)
        self.controller = self.document.solver  # the what-if solve, whose progress the status line shows
        self.autosave = Autosave(self.settings.data_folder / "autosave")
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self._autosave_now)
        self.setWindowTitle(self.tr("Portfolio Optimizer"))
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_actions()
        self._connect()
        self._restore_state()

    @property
    def case(self) -> Case | None:
        """The case as edited (the document's)."""
        return self.document.case

    @property
    def result(self) -> Result | None:
        """The answer shown (the document's)."""
        return self.document.result

    @property
    def baseline(self) -> Result | None:
        """The pinned baseline (the document's)."""
        return self.document.baseline

    # --- layout -----------------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.projects = ProjectTableView()
        self.targets = TargetsPanel()
        self.left_tabs = QTabWidget()
        self.left_tabs.addTab(self.projects, self.tr("Candidate projects"))
        self.left_tabs.addTab(self.targets, self.tr("Baseline and targets"))
        self.rules = RulesPanel()
        self.left_tabs.addTab(self.rules, self.tr("Rules"))

        self.whatif = WhatIfPanel()
        self.kpis = KpiPanel()
        self.portfolio = PortfolioView()
        self.spend_chart = SpendByYearChart()
        self.category_chart = CategoryChart()
        charts = QSplitter(Qt.Horizontal)
        charts.addWidget(self.spend_chart)
        charts.addWidget(self.category_chart)
        self.diagnosis = DiagnosisPanel(self.document)
        self.scenarios = ScenariosPanel(settings=self.settings)
        self.answer_tabs = QTabWidget()
        self.answer_tabs.addTab(self.portfolio, self.tr("Recommended portfolio"))
        self.answer_tabs.addTab(charts, self.tr("Charts"))
        self.years = YearsPanel(self.document)
        self.answer_tabs.addTab(self.years, self.tr("Year by year"))
        self.answer_tabs.addTab(self.diagnosis, self.tr("Limits and diagnosis"))
        self.five_values = FiveValuesPanel(self.document)
        self.answer_tabs.addTab(self.five_values, self.tr("Five values"))
        self.answer_tabs.addTab(self.scenarios, self.tr("Scenarios"))
        self.risk_panel = RiskPanel(self.document)
        self.answer_tabs.addTab(self.risk_panel, self.tr("Risk"))
        self.risk_line = RiskLine()
        self.stability_run = StabilityRun(self.document, self)
        self.tradeoffs = TradeoffsPanel(self.document)
        self.answer_tabs.addTab(self.tradeoffs, self.tr("Trade-offs"))

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.kpis)
        top_layout.addWidget(self.risk_line)
        top_layout.addStretch(1)  # spare height below the risk line, not between it and the cards
        self.right = QSplitter(Qt.Vertical)
        self.right.addWidget(top)
        self.right.addWidget(self.answer_tabs)
        self.right.setStretchFactor(1, 1)
        self.answer_tabs.setMinimumHeight(220)  # its tables scroll; leave room for every KPI card
        left = QSplitter(Qt.Vertical)
        left.addWidget(self.left_tabs)
        left.addWidget(self.whatif)
        left.setStretchFactor(0, 1)
        self.left = left
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)

        self.status_label = QLabel(self.tr("Open a case to begin."))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self._ticker = QTimer(self, interval=200)
        self._ticker.timeout.connect(self._show_elapsed)
        self._last_progress = ""

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = QAction(self.tr("&Open case…"), self, shortcut=QKeySequence.Open)
        self.open_action.triggered.connect(self.open_dialog)
        menu.addAction(self.open_action)
        self.recent_menu = menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.save_case_action = QAction(self.tr("&Save case as…"), self, shortcut=QKeySequence.SaveAs)
        self.save_case_action.triggered.connect(self.save_case_dialog)
        menu.addAction(self.save_case_action)
        self.export_action = QAction(self.tr("&Export result…"), self, shortcut=QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_dialog)
        menu.addAction(self.export_action)
        self.explainer = ExplainController(self)  # "Why (not) this project?" menus and the export with reasons
        menu.addAction(self.explainer.export_action)
        self.board_pack = BoardPackExport(self)  # the committee's pack, Word or PDF (ui/board_pack)
        menu.addAction(self.board_pack.action)
        menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self, shortcut=QKeySequence.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

        solve_menu = self.menuBar().addMenu(self.tr("&Solve"))
        self.solve_action = QAction(self.tr("&Solve now"), self, shortcut=QKeySequence("F5"))
        self.solve_action.triggered.connect(lambda: self.document.solve(immediate=True))
        self.cancel_action = QAction(self.tr("&Cancel solve"), self, shortcut=QKeySequence("Esc"))
        self.cancel_action.triggered.connect(self.controller.cancel)
        self.pin_action = QAction(self.tr("&Pin as baseline"), self)
        self.pin_action.triggered.connect(self.pin_baseline)
        self.save_scenario_action = QAction(self.tr("Save as &scenario…"), self, shortcut=QKeySequence("Ctrl+S"))
        self.save_scenario_action.triggered.connect(self.save_scenario)
        for action in (self.solve_action, self.cancel_action, self.pin_action, self.save_scenario_action):
            solve_menu.addAction(action)
        solve_menu.addSeparator()
        self.stability_action = QAction(self.tr("&Test stability…"), self)
        self.stability_action.setToolTip(self.tr("How often each chosen project stays chosen when the NPVs are "
                                                 "drawn within their low–high ranges"))
        self.stability_action.triggered.connect(self.stability_dialog)
        solve_menu.addAction(self.stability_action)
        self._build_language_menu()
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        for action in (self.open_action, self.solve_action, self.cancel_action, self.pin_action,
                       self.save_scenario_action, self.export_action):
            toolbar.addAction(action)

    def _build_language_menu(self) -> None:
        """View > Language: the system's, or English or 简体中文 (each named in its own words)."""
        menu = self.menuBar().addMenu(self.tr("&View")).addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        chosen = self.settings.language()
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("", self.tr("Follow the system")), *i18n.LANGUAGE_NAMES.items()):
            action = QAction(name, self, checkable=True, checked=code == chosen)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            group.addAction(action)
            menu.addAction(action)
            self.language_actions[code] = action

    def _connect(self) -> None:
        """Once: the panels follow the document, their edits go to it, the status line follows the solver."""
        document, solver = self.document, self.controller
        for panel in (self.projects, self.tradeoffs, self.risk_panel):  # every case, whatever changed it
            document.caseChanged.connect(lambda case, _change, panel=panel: panel.set_case(case))
        document.caseChanged.connect(self.targets.follow_case)  # but its own edits
        document.caseChanged.connect(self.rules.follow_case)  # but its own edits
        document.caseChanged.connect(self.whatif.follow_case)  # but its own moves
        document.caseChanged.connect(self._on_case_changed)
        for panel in (self.kpis, self.risk_line, self.projects, self.diagnosis):  # every answer, portfolio or not
            document.resultChanged.connect(panel.set_result)
        document.resultChanged.connect(self._show_portfolio)
        document.baselineChanged.connect(self._show_baseline)
        document.stabilityChanged.connect(self.portfolio.set_stability)
        document.scenariosChanged.connect(self.scenarios.set_scenarios)

        self.whatif.changed.connect(lambda case: document.move_sliders(case.settings))  # onto the case as edited
        self.targets.caseEdited.connect(lambda case: document.edit(case, Change.TARGETS_EDITED))
        self.projects.caseEdited.connect(lambda case: document.edit(case, Change.PROJECTS_EDITED))
        self.rules.caseEdited.connect(lambda case: document.edit(case, Change.RULES_EDITED))
        self.diagnosis.relaxRequested.connect(document.relax)
        self.tradeoffs.loadRequested.connect(lambda case: document.edit(case, Change.TRADEOFF_LOADED))
        self.scenarios.saveRequested.connect(self.save_scenario)
        self.scenarios.scenariosChanged.connect(self._on_scenarios_edited)
        self.stability_run.done.connect(self._on_stability)
        self.stability_run.failed.connect(self._on_stability_failed)

        solver.started.connect(self._on_started)
        solver.progress.connect(self._on_progress)
        solver.resultReady.connect(self._on_answer)
        solver.diagnosing.connect(self._on_diagnosing)
        solver.diagnosisReady.connect(self._on_diagnosis)
        solver.cancelled.connect(self._on_cancelled)
        solver.failed.connect(self._on_failed)
        solver.busyChanged.connect(self._on_busy)
        self.cancel_button.clicked.connect(solver.cancel)

    # --- the case ---------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open case"), self.settings.last_folder(),
                                              self.tr("Case workbooks (*.xlsx *.xls *.ods)"))
        if path:
            self.open_case(Path(path))

    def open_first_case(self, path: Path) -> None:
        """At start-up: the window is painted first (empty, its status bar saying what it opens); the autosave
        is offered, or the workbook read and its solve started, on the event loop's next turn."""
        self.statusBar().showMessage(self.tr("Opening {0}…").format(path.name))
        self._first_case = path

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if self._first_case is not None:  # the window's first paint: now open what it is to show
            path, self._first_case = self._first_case, None
            QTimer.singleShot(0, lambda: self.offer_restore() or self.open_case(path))

    def open_case(self, path: Path) -> bool:
        """Read a workbook; on problems show every one of them and keep what was open."""
        try:
            case = read_case(path)
        except CaseError as error:
            self.show_problems(Path(path).name, [i18n.words().problem(p) for p in error.problems])
            return False
        self.settings.add_recent_file(path)
        self.document.open(case, Change.OPENED, self._saved_scenarios(case))
        self.setWindowTitle(self.tr("Portfolio Optimizer — {0}").format(Path(path).name))
        return True

    def show_problems(self, name: str, problems: list[str]) -> None:
        box = QMessageBox(QMessageBox.Warning, self.tr("The workbook cannot be used"),
                          self.tr("{0} has {1} problem(s) to fix:").format(name, len(problems)), parent=self)
        box.setInformativeText("\n".join(problems[:15]) + ("\n…" if len(problems) > 15 else ""))
        box.setDetailedText("\n".join(problems))
        box.setObjectName("problems_dialog")
        self._problems_box = box
        box.open()

    def _on_case_changed(self, case: Case, change: Change) -> None:
        if change.new_case:
            for warning in case.warnings:
                self.statusBar().showMessage(i18n.words().text(warning), 8000)
        self._autosave_timer.start()

    def _show_portfolio(self, result: Result | None) -> None:
        """The portfolio table and charts: an answer without a portfolio leaves the last portfolio shown."""
        if result is None or result.solution.has_portfolio:
            for view in (self.portfolio, self.spend_chart, self.category_chart):
                view.set_result(result)

    def _show_baseline(self, baseline: Result | None) -> None:
        if baseline is None:
            self.portfolio.clear_baseline()
        else:
            self.portfolio.pin_baseline(baseline)

    # --- nothing lost ------------------------------------------------------------------------------
    def _autosave_now(self) -> None:
        if self.case is None:
            return
        try:
            self.autosave.save(self.case)
        except (OSError, PlannerError) as error:
            self.statusBar().showMessage(self.tr("Autosave failed: {0}").format(i18n.words().text(said(error))), 10000)

    def offer_restore(self) -> bool:
        """After a run that ended without closing, offer its autosaved case; True if it was restored."""
        if not self.autosave.crashed:
            return False
        if not self.ask_restore(Path(self.autosave.source()).name, self.autosave.saved_at()):
            self.autosave.discard()
            return False
        try:
            case = self.autosave.restore()
        except CaseError as error:
            self.show_problems(self.tr("The autosaved case"), [i18n.words().problem(p) for p in error.problems])
            return False
        self.document.open(case, Change.RESTORED, self._saved_scenarios(case))
        self.setWindowTitle(self.tr("Portfolio Optimizer — {0} (restored)").format(Path(case.source).name))
        return True

    def ask_restore(self, name: str, saved_at: str) -> bool:
        text = self.tr("The last session ended without closing the window. Restore the case you were "
                       "working on ({0}, autosaved {1}) with its edits?").format(name, _local_time(saved_at))
        answer = QMessageBox.question(self, self.tr("Restore the last session?"), text)
        return answer == QMessageBox.StandardButton.Yes

    # --- solving ----------------------------------------------------------------------------------
    def request_solve(self, immediate: bool = False) -> None:
        self.document.solve(immediate=immediate)

    def _on_started(self) -> None:
        self._last_progress = self.tr("searching…")
        self._ticker.start()
        self._show_elapsed()

    def _on_busy(self, busy: bool) -> None:
        self.cancel_button.setVisible(busy)
        self.cancel_action.setEnabled(busy)
        if not busy:
            self._ticker.stop()

    def _on_progress(self, progress) -> None:
        unit = self.case.settings.currency_unit if self.case else ""
        if progress.gap == float("inf"):
            gap = self.tr("gap not yet known")
        elif PROVEN < progress.gap < SHOWN_GAP:  # not "0.00%": that would read as proven optimal
            gap = self.tr("proven within less than 0.01%")
        else:
            gap = self.tr("proven within {0:.2%}").format(progress.gap)
        self._last_progress = self.tr("best so far {0}, {1}").format(
            i18n.words().format_value(progress.value, Kind.MONEY, unit), gap)
        self._show_elapsed()

    def _show_elapsed(self) -> None:
        elapsed = time.perf_counter() - self.controller.started_at
        self.status_label.setText(self.tr("Solving ({0:.1f} s): {1}").format(elapsed, self._last_progress))

    def _on_answer(self, result: Result) -> None:
        """A new answer (the panels show it from the document): say how good it is."""
        self._ticker.stop()
        s = result.solution
        if s.has_portfolio:
            if self._fit_cards_to_first_result:
                self._fit_cards_to_first_result = False
                QTimer.singleShot(50, self._fit_cards)
            unit = result.case.settings.currency_unit
            self.status_label.setText(self.tr("{0}: {1} {2}, {3} projects ({4:.1f} s)").format(
                self._quality(s), self._objective_name(),
                i18n.words().format_value(s.objective_value, Kind.MONEY, unit), len(result.selected), s.solve_seconds))
            if getattr(s, "reused", False):
                self.status_label.setText(self.status_label.text() + " " + self.tr(
                    "Unchanged: the change only tightened rules this portfolio already keeps, so it is still the "
                    "best."))
        elif s.status == Status.INFEASIBLE:
            self.answer_tabs.setCurrentWidget(self.diagnosis)
            self.status_label.setText(self.tr("The targets cannot all be met: see Limits and diagnosis."))
        else:
            self.status_label.setText(self._quality(s))

    def _on_diagnosing(self, diagnosing: bool) -> None:
        self.diagnosis.set_diagnosing(diagnosing)
        if diagnosing:
            self.status_label.setText(self.tr(
                "The targets cannot all be met: finding which ones conflict and how far each can be reached…"))

    def _on_diagnosis(self, result: Result) -> None:
        if all(item.refined for item in result.diagnosis):
            self.status_label.setText(self.tr("The targets cannot all be met: see Limits and diagnosis."))
        else:  # the first answer: the refined one follows
            self.status_label.setText(self.tr(
                "The targets cannot all be met: a first answer is in Limits and diagnosis; its best levels are being "
                "found…"))

    @staticmethod
    def _quality(solution) -> str:
        return i18n.words().text(solution.quality()).capitalize()

    def _objective_name(self) -> str:
        return i18n.words().objective(self.case.settings.objective if self.case else Objective.NPV)

    def _on_cancelled(self) -> None:
        self._ticker.stop()
        self.status_label.setText(self.tr("Solve cancelled; the previous answer is shown."))

    def _on_failed(self, message: str) -> None:
        self._ticker.stop()
        self.status_label.setText(self.tr("The solver failed: {0}").format(message))

    def pin_baseline(self) -> None:
        if self.document.pin_baseline():
            self.statusBar().showMessage(self.tr("Current portfolio pinned as the baseline."), 4000)

    # --- scenarios and files ----------------------------------------------------------------------
    def save_scenario(self) -> None:
        if self.case is None or self.result is None or not self.result.solution.has_portfolio:
            return
        name = self.scenarios.ask_name(self.tr("Scenario {0}").format(len(self.document.scenarios) + 1))
        if name:
            self.scenarios.add(Scenario(name, self.case, self.result, datetime.now()))  # the panel says it changed

    def _saved_scenarios(self, case: Case) -> list[Scenario]:
        """The scenarios saved earlier on this workbook; a damaged file is reported and left as it is."""
        path = self.settings.scenarios_file(case.source)
        if path.exists():
            try:
                return load_scenarios(path, case)
            except ScenarioError as error:
                self.statusBar().showMessage(self.tr("Saved scenarios not loaded: {0}").format(
                    i18n.words().text(said(error))), 10000)
        return []

    def _on_scenarios_edited(self) -> None:
        """A scenario added or deleted in the panel: the document holds the list, the workbook's file keeps it."""
        self.document.set_scenarios(self.scenarios.scenarios())
        self._store_scenarios()

    def _store_scenarios(self) -> None:
        if self.case is None:
            return
        path = self.settings.scenarios_file(self.case.source)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save_scenarios(self.document.scenarios, path)
        except OSError as error:
            self.statusBar().showMessage(self.tr("Scenarios not saved to {0}: {1}").format(
                path, error.strerror or error), 10000)

    def export_dialog(self) -> None:
        if self.result is None:
            return
        default = str(Path(self.settings.last_folder()) / f"{Path(self.case.source).stem}-result.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export result"), default,
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the window's answer to `path`: at once, or once what a step looser of each binding limit is worth
        has been re-solved for it, so that the export's Constraints sheet never has those cells blank because it
        was asked for a moment too soon."""
        result, stability = self.result, self.document.current_stability()
        if result is None:
            return

        def export() -> None:
            try:
                export_with_analytics(result, path, stability=stability, language=i18n.language())
            except ExportError as error:
                QMessageBox.warning(self, self.tr("Export failed"), i18n.words().text(said(error)))
                return
            self.statusBar().showMessage(self.tr("Result exported to {0}").format(path), 6000)

        self.when_valued(result, export)

    def when_valued(self, result: Result, then: Callable[[], None]) -> None:
        """Call `then` once the step values of `result` are in (or given up): at once when they are not being
        re-solved, else when the Limits tab has them, the status line saying meanwhile what the export waits for."""
        if not self.diagnosis.valuing(result):
            then()
            return
        self.statusBar().showMessage(self.tr("Exporting once each binding limit is re-solved one step looser…"))

        def settled(done: Result) -> None:
            if done is result:
                self.diagnosis.stepValuesSettled.disconnect(settled)
                then()

        self.diagnosis.stepValuesSettled.connect(settled)

    # --- stability -----------------------------------------------------------------------------------
    def stability_dialog(self) -> None:
        """Ask how many draws, then test the stability of the current case in the background."""
        if self.case is None:
            return
        draws, ok = QInputDialog.getInt(
            self, self.tr("Test stability"),
            self.tr("Re-solve with NPVs drawn within their ranges how many times? (each draw is one solve)"),
            STABILITY_DRAWS, 2, 500)
        if ok:
            self.start_stability(draws)

    def start_stability(self, draws: int) -> None:
        if self.case is not None:
            self.stability_run.start(self.case, draws)

    def _on_stability(self, case: Case, stability) -> None:
        """A stability test came back: the document holds it; shown next to the answer of the case tested."""
        self.document.set_stability_test(case, stability)
        if self.document.current_stability() is not None:
            self.answer_tabs.setCurrentWidget(self.portfolio)
        self.statusBar().showMessage(self.tr("Stability tested: {0} of {1} draws solved, each within {2} of the best "
                                             "portfolio for its NPVs.").format(
            stability.solved, stability.draws, i18n.words().format_value(stability.gap, Kind.SHARE)), 8000)

    def _on_stability_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Stability test failed: {0}").format(message), 10000)

    def save_case_dialog(self) -> None:
        if self.case is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save case as"), self.settings.last_folder(),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        try:
            write_case(self.case, path)
        except ExportError as error:
            QMessageBox.warning(self, self.tr("Saving failed"), i18n.words().text(said(error)))
            return
        except OSError as error:
            QMessageBox.warning(self, self.tr("Saving failed"), str(error.strerror or error))
            return
        self.settings.add_recent_file(path)
        self.statusBar().showMessage(self.tr("Case saved to {0}").format(path), 6000)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_case(Path(p)))
        if not files:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    # --- drag and drop, state -----------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].toLocalFile().lower().endswith(CASE_SUFFIXES):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls:
            self.open_case(Path(urls[0].toLocalFile()))

    def _restore_state(self) -> None:
        geometry = self.settings.state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1366, 768)
        self._needs_default_layout = self.settings.state("splitter") is None
        self._fit_cards_to_first_result = self._needs_default_layout  # filled cards are taller than empty ones
        for name, widget in (("splitter", self.splitter), ("right", self.right), ("left", self.left)):
            state = self.settings.state(name)
            if state is not None:
                widget.restoreState(state)
        state = self.settings.state("state")
        if state is not None:
            self.restoreState(state)

    def _default_layout(self) -> None:
        """Splitter sizes for a first start: room for the table, two rows of KPI cards, every slider."""
        width, height = self.splitter.width(), self.splitter.height()
        self.splitter.setSizes([int(width * 0.38), width - int(width * 0.38)])
        sliders = self.whatif.sizeHint().height()
        self.left.setSizes([max(height - sliders, 200), sliders])
        QTimer.singleShot(50, self._fit_cards)  # once the cards have taken their new width

    def _fit_cards(self) -> None:
        height = self.right.height()
        risk = self.risk_line.sizeHint().height() + 6 if self.risk_line.isVisibleTo(self) else 0
        cards = min(self.kpis.sizeHint().height() + 4 + risk, int(height * 0.5))
        self.right.setSizes([cards, height - cards])

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._needs_default_layout:
            self._needs_default_layout = False
            QTimer.singleShot(0, self._default_layout)

    def closeEvent(self, event) -> None:
        self._finish()
        super().closeEvent(event)

    def _finish(self) -> None:
        """Stop solving, write the autosave and the layout: the window is closing or being rebuilt."""
        self.document.stop()
        self.stability_run.cancel()  # its progress dialog
        if self._autosave_timer.isActive():
            self._autosave_timer.stop()
            self._autosave_now()
        self.autosave.close()
        self.settings.set_state("geometry", self.saveGeometry())
        self.settings.set_state("state", self.saveState())
        for name, widget in (("splitter", self.splitter), ("right", self.right), ("left", self.left)):
            self.settings.set_state(name, widget.saveState())

    # --- language ---------------------------------------------------------------------------------
    def set_language(self, language: str) -> MainWindow:
        """Switch the app to `language` ("en", "zh_CN", "" for the system's) and remember the choice.

        Every widget takes its words when it is made, so the window is made again in the new language,
        in the same place, and takes this one's document over (the case as edited, the answer, baseline,
        stability test and scenarios); this one closes. Returns the new window.
        """
        self.settings.set_language(language)
        self._finish()  # frees the autosave folder and leaves the layout for the new window
        i18n.install_language(QApplication.instance(), language)
        window = MainWindow(self.settings)
        window.show()
        window.take_over(self)
        _rebuilt[:] = [w for w in _rebuilt if w is not self] + [window]
        self.replaced.emit(window)
        self.close()
        self.deleteLater()
        return window

    def take_over(self, old: MainWindow) -> None:
        """Show what another window showed: its document (case as edited, answer, baseline, stability test and
        scenarios), its tabs and its title."""
        if old.case is None:
            return
        self.document.take_over(old.document)  # asks for a fresh answer too, in case the old one was still coming
        if self.result is not None:
            self._on_answer(self.result)
        self.left_tabs.setCurrentIndex(old.left_tabs.currentIndex())
        self.answer_tabs.setCurrentIndex(old.answer_tabs.currentIndex())
        if old.case.source:
            self.setWindowTitle(self.tr("Portfolio Optimizer — {0}").format(Path(old.case.source).name))


def _local_time(iso: str) -> str:
    """An ISO date and time ("2026-03-01T09:30:00") as the language's locale writes it."""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat) if moment.isValid() else iso
