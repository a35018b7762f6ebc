"""The limits of the answer: which bind and what loosening each is worth, and, when the targets
cannot all be met, why, in words, with one click to relax them.

What one step looser of each binding limit is worth is re-solved in the background once an answer is shown
(optimizer/analysis/step_value.py, on the document's analysis thread and session) and fills its column when
ready; a newer answer or an edit of the case cancels it. Beside it the LP's local rate at the chosen projects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from optimizer.analysis.diagnosis import PROJECT_RULES
from optimizer.analysis.step_value import StepValues, apply_step_values, binding_keys, step_values
from optimizer.model.targets import Kind
from optimizer.report.constraints import GROUP_COUNTS, limit_step, marginal_text, step_text
from optimizer.report.result import ConstraintRow, Result
from optimizer.solve.solver import Status
from ui import i18n

if TYPE_CHECKING:
    from ui.window.document import PlanningDocument

AnyIndex = QModelIndex | QPersistentModelIndex
BINDING_BACKGROUND = QColor("#ffe8a8")


class ConstraintTableModel(QAbstractTableModel):
    """Every limit of the answer: its value against the limit, whether it binds, what one step looser is worth
    (re-solved, once known) and the LP's local rate per that step."""

    NAME, VALUE, LIMIT, BINDING, STEP, MARGINAL = range(6)
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ConstraintRow] = []
        self._result: Result | None = None
        self._valuing = False

    def set_result(self, result: Result | None, valuing: bool = False) -> None:
        """Show the answer's limits; `valuing`: what a step looser is worth is being re-solved."""
        self.beginResetModel()
        self._result = result
        self._valuing = valuing
        self._rows = list(result.constraints) if result is not None and result.solution.has_portfolio else []
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt's API)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [self.tr("Limit"), self.tr("Value in\nthe answer"), self.tr("Limit value"),
                    self.tr("Binding"), self.tr("Worth of one\nstep looser"),
                    self.tr("Local rate at\nthe chosen projects")][section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == self.ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == self.SORT_ROLE:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.VALUE, self.LIMIT, self.STEP, self.MARGINAL):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and row.binding:
            return QBrush(BINDING_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and row.binding and column == self.BINDING:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if self._result is not None and column == self.STEP and row.step_value is not None:
                return i18n.words().text(step_text(row, self._result))  # the whole sentence, the objective named
            if self._result is not None and column == self.MARGINAL and self._text(row, column):
                return i18n.words().text(marginal_text(row, self._result))
            return f"{row.name}: {i18n.words().limit_label(row.name, row.label)}"
        return None

    def _text(self, row: ConstraintRow, column: int) -> str:
        unit = self._result.case.settings.currency_unit if self._result else ""
        if column == self.NAME:
            return i18n.words().constraint_label(row.name, row.subject, row.label or row.name)
        if column in (self.VALUE, self.LIMIT):
            return self._value_text(row.value if column == self.VALUE else row.limit, row.kind, unit)
        if column == self.BINDING:
            return self.tr("binding") if row.binding else self.tr("slack")
        if self._result is None or not row.binding or row.name in GROUP_COUNTS:
            return ""
        step = limit_step(row.name, row.kind, unit)
        size = i18n.words().say(step.size)
        if column == self.STEP:
            if row.step_value is not None:
                return self.tr("{0:+,.4g} for {1}").format(row.step_value, size)
            if row.step is not None:
                return self.tr("not found in time")
            return self.tr("re-solving…") if self._valuing else ""
        if row.marginal_value is None:
            return ""
        return self.tr("{0:+,.4g} per {1}").format(row.marginal_value * step.change, size)

    @staticmethod
    def _value_text(value: float | None, kind: str, unit: str) -> str:
        if kind == Kind.PRODUCTIVITY and value is not None:  # in the unit of the KPI card (万元/人)
            return i18n.productivity_unit(unit).text(value)
        return i18n.words().format_value(value, kind, unit)

    def _sort_value(self, row: ConstraintRow, column: int):
        if column == self.VALUE:
            return row.value if row.value is not None else float("-inf")
        if column == self.LIMIT:
            return row.limit
        if column == self.BINDING:
            return int(row.binding)
        if column == self.STEP:
            return row.step_value if row.step_value is not None else -1.0
        if column == self.MARGINAL:
            return abs(row.marginal_value) if row.marginal_value is not None else -1.0
        return self._text(row, column)


STEP_VALUES = "step values"


class DiagnosisPanel(QWidget):
    relaxRequested = Signal(dict)  # noqa: N815 (Qt's naming): {settings key: best reachable value}
    stepValuesShown = Signal(object)  # noqa: N815 (Qt's naming): the Result whose step values are now shown
    stepValuesSettled = Signal(object)  # noqa: N815 (Qt's naming): the Result whose step values are in, or given up

    def __init__(self, document: PlanningDocument | None = None, parent: QWidget | None = None):
        """With a `document`, what one step looser of each binding limit is worth is re-solved for each answer
        (on the document's analysis thread); without one, the table shows what the answers already carry."""
        super().__init__(parent)
        self.summary = QLabel(self.tr("All targets are met."))
        self.summary.setWordWrap(True)
        self.messages = QListWidget()
        self.messages.setWordWrap(True)
        self.relax_button = QPushButton(self.tr("Relax the conflicting targets to their best reachable values"))
        self.relax_button.setEnabled(False)
        self.relax_button.clicked.connect(self._relax)
        conflicts = QWidget()
        conflicts_layout = QVBoxLayout(conflicts)
        conflicts_layout.setContentsMargins(0, 0, 0, 0)
        conflicts_layout.addWidget(self.summary)
        conflicts_layout.addWidget(self.messages, 1)
        conflicts_layout.addWidget(self.relax_button)
        self.conflicts = conflicts

        self.constraints = ConstraintTableModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.constraints)
        proxy.setSortRole(ConstraintTableModel.SORT_ROLE)
        self.constraint_view = QTableView()
        self.constraint_view.setObjectName("constraint_table")
        self.constraint_view.setModel(proxy)
        self.constraint_view.setSortingEnabled(True)
        self.constraint_view.sortByColumn(ConstraintTableModel.BINDING, Qt.SortOrder.DescendingOrder)
        self.constraint_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.constraint_view.verticalHeader().setVisible(False)
        self.constraint_view.setWordWrap(False)
        header = self.constraint_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        # The limit's name at a set width (a long group's name is elided, its tooltip says it in full), so that the
        # worth of a step and the local rate fit beside the values in a 1366 px window.
        header.setSectionResizeMode(ConstraintTableModel.NAME, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ConstraintTableModel.NAME, self.fontMetrics().horizontalAdvance("M") * 10)
        self.constraint_note = QLabel(self.tr(
            "Binding limits hold the answer back. “Worth of one step looser” is the objective gained by solving "
            "again with the limit one step looser (1 unit of money, one percentage point of a share or rate). "
            "The local rate is the dual value of the linear programme with the chosen projects kept: it holds "
            "only near the answer, and can be far from what a step looser really gives."))
        self.constraint_note.setWordWrap(True)
        self.step_status = QLabel()
        self.step_status.setObjectName("step_status")
        self.step_status.setWordWrap(True)
        limits = QWidget()
        limits_layout = QVBoxLayout(limits)
        limits_layout.setContentsMargins(0, 0, 0, 0)
        limits_layout.addWidget(self.constraint_note)
        limits_layout.addWidget(self.step_status)
        limits_layout.addWidget(self.constraint_view, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(conflicts)
        splitter.addWidget(limits)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._relaxed: dict[str, float] = {}
        self._result: Result | None = None
        self._valuing: Result | None = None
        """The answer whose step values are being re-solved, while they are."""
        self._tasks = None
        if document is not None:
            self._session = document.analysis_session
            self._tasks = document.analysis_tasks(self)
            self._tasks.progress.connect(self._on_step_progress)
            self._tasks.finished.connect(self._on_step_values)
            self._tasks.failed.connect(self._on_step_failed)
            document.caseChanged.connect(lambda _case, _change: self._stop_valuing())
        self.set_result(None)

    def set_result(self, result: Result | None) -> None:
        self.messages.clear()
        items = result.diagnosis if result is not None else []
        self._relaxed = {d.constraint: d.best_reachable for d in items if d.best_reachable is not None
                         and d.constraint != PROJECT_RULES}
        self._result = result
        if not items:
            if result is None:
                self.summary.setText(self.tr("No answer yet."))
            elif result.solution.has_portfolio:
                self.summary.setText(self.tr("All targets are met."))
            elif result.solution.status == Status.INFEASIBLE:
                self.summary.setText(self.tr("The targets cannot all be met."))
            else:
                self.summary.setText(self.tr("No answer yet."))
        else:
            self.summary.setText(self.tr("The targets cannot all be met. Relax one of these:") if all(
                item.refined for item in items) else self.tr(
                "The targets cannot all be met. Relax one of these (a first answer: each level can be reached; "
                "the best levels are being found…):"))
            words = i18n.words()
            for item in items:
                self.messages.addItem(words.text(item.message))
        self.messages.setVisible(bool(items))
        self.relax_button.setVisible(bool(items))
        self.relax_button.setEnabled(bool(self._relaxed))
        valuing = self._value_steps(result)
        self.constraints.set_result(result, valuing)
        self.constraint_view.parentWidget().setVisible(self.constraints.rowCount() > 0)

    # --- what one step looser is worth ------------------------------------------------------------
    def _value_steps(self, result: Result | None) -> bool:
        """Start re-solving the binding limits of a new answer one step looser; True when it started."""
        if self._tasks is None:
            return False
        self._stop_valuing()
        self.step_status.clear()
        if (result is None or result.solution.status != Status.OPTIMAL or not binding_keys(result)
                or any(c.step is not None for c in result.constraints)):
            return False  # nothing to value, or valued already (the same answer shown again)
        self.step_status.setText(self.tr("Re-solving each binding limit one step looser…"))
        self._valuing = result
        self._tasks.start(STEP_VALUES, step_values, result, session=self._session)
        return True

    def valuing(self, result: Result | None) -> bool:
        """Whether what one step looser is worth is still being re-solved for `result` (stepValuesSettled says
        when that is over)."""
        return result is not None and self._valuing is result

    def _stop_valuing(self) -> None:
        """The step values being re-solved are no longer wanted (a new answer, a changed case)."""
        self._tasks.cancel(STEP_VALUES)
        self._settled()

    def _settled(self) -> None:
        result, self._valuing = self._valuing, None
        if result is not None:
            self.stepValuesSettled.emit(result)

    def _on_step_progress(self, _name: str, step) -> None:
        self.step_status.setText(self.tr("Re-solving each binding limit one step looser… ({0} of {1})").format(
            step.done, step.total))

    def _on_step_values(self, _name: str, found: StepValues) -> None:
        result = self._result
        if result is None:
            return
        apply_step_values(result, found)
        self.step_status.setText(i18n.words().text(found.note) if found.note else "")
        self.constraints.set_result(result)
        self.stepValuesShown.emit(result)
        self._settled()

    def _on_step_failed(self, _name: str, message: str) -> None:
        self.step_status.setText(self.tr("What a step looser is worth could not be re-solved: {0}").format(message))
        self.constraints.set_result(self._result)
        self._settled()

    def set_diagnosing(self, diagnosing: bool) -> None:
        """The answer is "infeasible" and the diagnosis is on its way (or has stopped, when False)."""
        if diagnosing:
            self.summary.setText(self.tr(
                "The targets cannot all be met. Finding which ones conflict and how far each can be reached…"))
        else:
            self.set_result(self._result)

    def relaxed_limits(self) -> dict[str, float]:
        return dict(self._relaxed)

    def _relax(self) -> None:
        if self._relaxed:
            self.relaxRequested.emit(dict(self._relaxed))
