"""Why (not) this project? (optimizer/analysis/explain.py in the app), and the export with reasons.

A right click on a row of the candidate projects or of the recommended portfolio offers
"Why (not) this project?": the project is forced in (or out) in the background, on the document's
analysis session and thread, and a non-modal dialog answers: chosen or not, the objective with and
without forcing, the cost of forcing, what keeps it out (holds it in) in business words, the NPV at
which it would be chosen (leave), and how the forced portfolio differs from the recommended one.
File > "Export with reasons…" explains every project left out (explain_excluded, with progress and
Cancel) and writes the result workbook with its "Why not" sheet (export_with_analytics).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from optimizer.analysis.explain import Explanation, explain_excluded, explain_project
from optimizer.errors import AnalysisError, ExportError
from optimizer.io.export_analytics import export_with_analytics
from optimizer.model.case import Case
from optimizer.model.targets import SCORE_UNIT, Objective, is_limit
from optimizer.words.text import said
from ui import i18n

EXPLAIN, EXPORT = "explain", "explain_excluded"


@dataclass(frozen=True)
class Unanswered:
    """Why the question cannot be asked of this case: the engine's message, a Text (optimizer.words.text) to be
    said in the app's language. It comes back as the question's answer, not as a failure of the analysis."""

    message: str


def answer(case: Case, project_id: str, **options) -> Explanation | Unanswered:
    """explain_project, with the question it cannot answer (an unknown project...) as an Unanswered."""
    try:
        return explain_project(case, project_id, **options)
    except AnalysisError as error:
        return Unanswered(said(error))


def rule_label(name: str) -> str:
    """A blocking constraint's name in business words (a Settings limit's label, or a project rule)."""
    rules = {
        "mandatory": QCoreApplication.translate("ExplainRules", "it is marked mandatory"),
        "excluded": QCoreApplication.translate("ExplainRules", "it is marked excluded"),
        "exclusive_group": QCoreApplication.translate("ExplainRules",
                                                      "another project of its exclusive group is chosen"),
        "requires": QCoreApplication.translate("ExplainRules", "a project it depends on (or that depends on it)"),
        "negative_list": QCoreApplication.translate("ExplainRules", "the negative list"),
    }
    if name in rules:
        return rules[name]
    if is_limit(name):
        return i18n.words().limit_label(name)
    return name


class ExplanationDialog(QDialog):
    """The answer for one project; shows progress until it comes."""

    def __init__(self, project_id: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explain_dialog")
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setWindowTitle(self.tr("Why (not) {id} {name}?").format(id=project_id, name=name))
        self.project_id = project_id
        self.explanation: Explanation | None = None
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setFormat(self.tr("solving…"))
        self.progress.setTextVisible(True)
        self.headline = QLabel(self.tr("Forcing {id} in and out of the portfolio…").format(id=project_id))
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLabel] = {}
        for key, label in (("objective", self.tr("Objective as it is")), ("forced", self.tr("Objective forced")),
                           ("cost", self.tr("Cost of forcing")), ("blocking", self.tr("What keeps it out")),
                           ("npv", self.tr("NPV now")), ("npv_to_enter", self.tr("NPV to be chosen")),
                           ("why", self.tr("Note"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            self.form.addRow(label, value)
        self.differences = QTableWidget(0, 3)
        self.differences.setHorizontalHeaderLabels([self.tr("Project"), self.tr("Recommended"), self.tr("Forced")])
        self.differences.horizontalHeader().setStretchLastSection(True)
        self.differences.verticalHeader().hide()
        self.differences.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.differences_label = QLabel(self.tr("How the forced portfolio differs:"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.progress)
        layout.addLayout(self.form)
        layout.addWidget(self.differences_label)
        layout.addWidget(self.differences, 1)
        layout.addWidget(buttons)
        self.resize(620, 520)

    def set_step(self, step) -> None:
        self.progress.setRange(0, max(step.total, 1))
        self.progress.setValue(step.done)
        self.progress.setFormat(self.tr("solve %v of about %m"))

    def set_failed(self, message: str) -> None:
        self.progress.setVisible(False)
        self.headline.setText(self.tr("The question could not be answered: {0}").format(message))

    def set_explanation(self, e: Explanation, case: Case, recommended: dict[str, tuple[float, int]]) -> None:
        """Show the answer; `recommended` is the recommended portfolio (id -> share, start year)."""
        self.explanation = e
        self.progress.setVisible(False)
        w = i18n.words()
        unit = SCORE_UNIT.said_in(w.chinese) if e.objective == Objective.SCORE else w.currency(e.currency_unit)
        objective = w.objective(e.objective)

        def amount(value: float | None) -> str:
            return self.tr("not available") if value is None else f"{value:,.2f} {unit} {objective}"

        who = f"{e.id} {e.name}".strip()
        if e.objective_value is None:
            self.headline.setText(self.tr("{who}: the case has no portfolio as it is.").format(who=who))
        else:
            self.headline.setText(self.tr("{who} is chosen.").format(who=who) if e.chosen else
                                  self.tr("{who} is not chosen.").format(who=who))
        self.form.labelForField(self.fields["forced"]).setText(
            self.tr("Objective with it forced out") if e.chosen else self.tr("Objective with it forced in"))
        self.form.labelForField(self.fields["blocking"]).setText(
            self.tr("What holds it in") if e.chosen else self.tr("What keeps it out"))
        self.form.labelForField(self.fields["npv_to_enter"]).setText(
            self.tr("NPV below which it leaves") if e.chosen else self.tr("NPV from which it is chosen"))
        self.fields["objective"].setText(amount(e.objective_value))
        forced = amount(e.forced_objective_value)
        if e.forced_status and e.forced_objective_value is None:
            forced = w.status(e.forced_status)
        self.fields["forced"].setText(forced)
        if e.cost_of_forcing is None:
            cost = self.tr("not available")
        elif e.cost_of_forcing >= 0:
            cost = self.tr("costs {amount}").format(amount=amount(e.cost_of_forcing))
        else:
            cost = self.tr("gains {amount}").format(amount=amount(-e.cost_of_forcing))
        self.fields["cost"].setText(cost)
        self.fields["blocking"].setText("; ".join(rule_label(name) for name in e.blocking) or self.tr("nothing"))
        money = w.currency(e.currency_unit)
        self.fields["npv"].setText(f"{e.npv:,.4f} {money}")
        if e.npv_to_enter is None:
            self.fields["npv_to_enter"].setText(self.tr("not available"))
        else:
            tolerance = e.npv_tolerance
            text = f"{e.npv_to_enter:,.4f} {money}"
            if tolerance is not None:
                text += self.tr(" (within ±{tolerance:.2g} {unit})").format(tolerance=tolerance, unit=money)
            self.fields["npv_to_enter"].setText(text)
        self.fields["why"].setText(w.text(e.why))
        self.form.setRowVisible(self.fields["why"], bool(e.why))
        self._fill_differences(e, case, recommended)

    def _fill_differences(self, e: Explanation, case: Case, recommended: dict[str, tuple[float, int]]) -> None:
        forced = {s["id"]: (s["share"], s["start_year"]) for s in e.forced_selected}
        rows = []
        if e.forced_objective_value is not None:
            for pid in sorted(set(recommended) | set(forced)):
                a, b = recommended.get(pid), forced.get(pid)
                if a is None or b is None or abs(a[0] - b[0]) > 1e-6 or a[1] != b[1]:
                    rows.append((pid, self._funding(a), self._funding(b)))
        self.differences.setRowCount(len(rows))
        names = {p.id: p.name for p in case.projects}
        for r, (pid, a, b) in enumerate(rows):
            for c, text in enumerate((f"{pid} {names.get(pid, '')}".strip(), a, b)):
                self.differences.setItem(r, c, QTableWidgetItem(text))
        self.differences.resizeColumnsToContents()
        self.differences_label.setText(self.tr("How the forced portfolio differs ({n} projects):").format(n=len(rows)))

    def _funding(self, funding: tuple[float, int] | None) -> str:
        if funding is None:
            return self.tr("not chosen")
        share, year = funding
        if share >= 1 - 1e-9:
            return self.tr("chosen, starts {year}").format(year=year)
        return self.tr("{share:.0%} funded, starts {year}").format(share=share, year=year)

    def difference_rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.differences.item(r, c).text() for c in range(3)) for r in range(self.differences.rowCount())]


class ExplainController(QObject):
    """The window's "Why (not) this project?" menus, dialog and export with reasons."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.session = self.document.analysis_session
        self.tasks = self.document.analysis_tasks(self)
        self.tasks.progress.connect(self._on_progress)
        self.tasks.finished.connect(self._on_finished)
        self.tasks.failed.connect(self._on_failed)
        self.dialog: ExplanationDialog | None = None
        self._case: Case | None = None
        self._recommended: dict[str, tuple[float, int]] = {}
        self._export: tuple[object, str] | None = None
        self._export_progress: QProgressDialog | None = None
        window.projects.contextMenuRequested.connect(self.show_menu)
        table = window.portfolio.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._portfolio_menu)
        self.export_action = QAction(self.tr("Export with &reasons…"), window)
        self.export_action.triggered.connect(self.export_dialog)

    # --- menus ------------------------------------------------------------------------------------
    def menu_for(self, project_id: str) -> QMenu:
        menu = QMenu(self.window)
        action = menu.addAction(self.tr("Why (not) this project?"))
        action.setEnabled(self.document.case is not None)
        action.triggered.connect(lambda _checked=False, pid=project_id: self.explain(pid))
        return menu

    def show_menu(self, project_id: str, position: QPoint) -> None:
        self._menu = self.menu_for(project_id)
        self._menu.popup(position)

    def _portfolio_menu(self, pos: QPoint) -> None:
        view = self.window.portfolio
        index = view.table.indexAt(pos)
        if index.isValid():
            row = view.proxy.data(index, view.model.ROW_ROLE)
            self.show_menu(row.id, view.table.viewport().mapToGlobal(pos))

    # --- one project ------------------------------------------------------------------------------
    def explain(self, project_id: str) -> ExplanationDialog | None:
        case = self.document.case
        if case is None:
            return None
        self._case = case
        result = self.document.result
        self._recommended = {}
        if result is not None and result.solution.has_portfolio:
            self._recommended = {x.id: (x.share, x.start_year) for x in result.selected}
        name = next((p.name for p in case.projects if p.id == project_id), "")
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = ExplanationDialog(project_id, name, self.window)
        self.dialog.show()
        self.tasks.start(EXPLAIN, answer, case, project_id, session=self.session)
        return self.dialog

    def _on_progress(self, name: str, step) -> None:
        if name == EXPLAIN and self.dialog is not None:
            self.dialog.set_step(step)
        elif name == EXPORT and self._export_progress is not None:
            self._export_progress.setMaximum(max(step.total, 1))
            self._export_progress.setValue(step.done)
            self._export_progress.setLabelText(self.tr("Explaining the projects left out: {done} of {total}").format(
                done=step.done, total=step.total))

    def _on_finished(self, name: str, value) -> None:
        if name == EXPLAIN and self.dialog is not None and isinstance(value, Unanswered):
            self.dialog.set_failed(i18n.words().text(value.message))
        elif name == EXPLAIN and self.dialog is not None:
            self.dialog.set_explanation(value, self._case, self._recommended)
        elif name == EXPORT:
            self._write_export(value)

    def _on_failed(self, name: str, message: str) -> None:
        if name == EXPLAIN and self.dialog is not None:
            self.dialog.set_failed(message)
        elif name == EXPORT:
            self._close_export_progress()
            QMessageBox.warning(self.window, self.tr("Export failed"), message)

    def wait(self, msecs: int = 60000) -> bool:
        return self.tasks.wait(msecs)

    # --- export with reasons ----------------------------------------------------------------------
    def export_dialog(self) -> None:
        window, result = self.window, self.document.result
        if result is None or not result.solution.has_portfolio:
            QMessageBox.information(window, self.tr("Export with reasons"),
                                    self.tr("There is no recommended portfolio to export yet."))
            return
        stem = Path(result.case.source).stem if result.case.source else "case"
        default = str(Path(window.settings.last_folder()) / f"{stem}-result.xlsx")
        path, _ = QFileDialog.getSaveFileName(window, self.tr("Export with reasons"), default,
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        """Explain every project left out in the background, then write the workbook to `path`."""
        result = self.document.result
        self._export = (result, path)
        progress = QProgressDialog(self.tr("Explaining the projects left out…"), self.tr("Cancel"), 0, 0, self.window)
        progress.setObjectName("export_progress")
        progress.setWindowTitle(self.tr("Export with reasons"))
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(self.cancel_export)
        progress.show()
        self._export_progress = progress
        self.tasks.start(EXPORT, explain_excluded, result.case, session=self.session)

    def cancel_export(self) -> None:
        self.tasks.cancel(EXPORT)
        self._export = None
        self._close_export_progress()
        self.window.statusBar().showMessage(self.tr("Export with reasons cancelled."), 6000)

    def _close_export_progress(self) -> None:
        if self._export_progress is not None:
            self._export_progress.canceled.disconnect(self.cancel_export)
            self._export_progress.close()
            self._export_progress = None

    def _write_export(self, explanations: list[Explanation]) -> None:
        self._close_export_progress()
        if self._export is None:
            return
        result, path = self._export
        self._export = None
        try:
            export_with_analytics(result, path, explanations=explanations, language=i18n.language())
        except ExportError as error:
            QMessageBox.warning(self.window, self.tr("Export failed"), i18n.words().text(said(error)))
            return
        self.window.statusBar().showMessage(self.tr("Result exported to {0} with the reasons for {1} projects left "
                                                    "out").format(path, len(explanations)), 8000)
