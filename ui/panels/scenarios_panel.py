"""Saved scenarios: a list to keep answers in, compare side by side, delete and export to one workbook.

The panel does not solve. "Save current…" emits `saveRequested`; the window answers with
`panel.ask_name(default)` and `panel.add(Scenario(...))`. The list belongs to the window's document: an
add or a delete here emits `scenariosChanged`, and the panel shows what the document holds. The dialogs
a test must not block on (`ask_name`, `ask_export_path`, `confirm_delete`, `show_error`) are methods to
monkeypatch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from optimizer.io.scenarios import Comparison, ProjectDifference, Scenario, compare, export_scenarios
from optimizer.model.targets import PERCENT_KINDS, SCORE_UNIT, Kind, Objective, Sense
from optimizer.solve.solver import STATUS_NAMES
from ui import i18n
from ui.settings import AppSettings

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY, TOOLTIP, ALIGN = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CENTER = int(Qt.AlignmentFlag.AlignCenter)
MET_BACKGROUND, MET_FOREGROUND = QColor("#d4edda"), QColor("#1e6b34")
MISSED_BACKGROUND, MISSED_FOREGROUND = QColor("#f8d7da"), QColor("#a12830")
NOT_CHOSEN_FOREGROUND = QColor("#7a7a7a")
COMPARE_DIALOG_STATE = "compare_scenarios"
NARROW = 460
"""Below this width the scenario list leaves out the Saved column."""


def number_text(value: float | None, kind: str, currency_unit: str = "") -> str:
    """A figure without its unit (the row's label has it): 7.84%, 1,234.50, 2.80; labour productivity in
    the unit of the KPI cards (78.00 for 0.0078 亿元 per person)."""
    if value is None:
        return "–"
    if kind in PERCENT_KINDS:
        return f"{value:.2%}"
    if kind == Kind.PRODUCTIVITY:
        return i18n.productivity_unit(currency_unit).number(value)
    if kind == Kind.GRADE:
        return f"{value:.2f}"
    if kind == Kind.COUNT:
        return f"{value:g}"
    return f"{value:,.2f}"


def status_text(status: str) -> str:
    """A solve's status in words (never the engine's bare status string)."""
    return str(i18n.words().say(STATUS_NAMES[status])) if status in STATUS_NAMES else str(status)


def objective_unit(scenario: Scenario) -> str:
    """The unit of a scenario's objective value, in the interface's language."""
    if scenario.objective == Objective.SCORE:
        return SCORE_UNIT.said_in(i18n.is_chinese())
    return currency_unit(scenario)


def currency_unit(scenario: Scenario) -> str:
    return i18n.words().currency(scenario.case.settings.currency_unit)


def saved_text(created: datetime, *, short: bool = False) -> str:
    """When a scenario was saved, as the language's locale writes it; `short`: the time alone if today."""
    locale, short_format = QLocale(), QLocale.FormatType.ShortFormat
    if short:
        today = created.date() == datetime.now().date()
        return locale.toString(created.time(), short_format) if today else locale.toString(created.date(), short_format)
    return locale.toString(created, short_format)


def funding_text(share: float, start_year: int) -> str:
    percent = f"{share * 100:.1f}".removesuffix(".0")
    return f"✓ {percent}% · {start_year}"


class _Model(QAbstractTableModel):
    """What the three tables share: a fixed list of rows, the sort role and the row-object role."""

    SORT_ROLE = Qt.ItemDataRole.UserRole
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else len(self.headers())

    def headers(self) -> list[str]:
        raise NotImplementedError

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt's API)
                   role: int = DISPLAY):
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < self.columnCount():
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY):
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= self.columnCount():
            return None
        row = self._rows[index.row()]
        if role == self.ROW_ROLE:
            return row
        return self.cell(row, index.column(), role)

    def cell(self, row, column: int, role: int):
        raise NotImplementedError


# --- the list of saved scenarios ----------------------------------------------------------------
class ScenarioListModel(_Model):
    """One row per saved scenario. Units shared by all rows are said once (`units_note`), to keep it narrow."""

    NAME, CREATED, OBJECTIVE, STATUS, CAPEX = range(5)

    def headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Saved"), self.tr("Objective"), self.tr("Status"), self.tr("Capex")]

    def units_note(self) -> str:
        """The units the numbers are in, when all rows share them ("" when each cell says its own)."""
        objective, currency = self._common_units()
        if objective is None or currency is None:
            return ""
        if objective == currency:
            return self.tr("Amounts in {0}.").format(currency)
        return self.tr("Objective in {0}, capex in {1}.").format(objective, currency)

    def _common_units(self) -> tuple[str | None, str | None]:
        objective = {objective_unit(s) for s in self._rows}
        currency = {currency_unit(s) for s in self._rows}
        return (objective.pop() if len(objective) == 1 else None), (currency.pop() if len(currency) == 1 else None)

    def add(self, scenario: Scenario) -> None:
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(scenario)
        self.endInsertRows()

    def remove(self, rows: Sequence[int]) -> None:
        for row in sorted(set(rows), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def set_scenarios(self, scenarios: Sequence[Scenario]) -> None:
        self.beginResetModel()
        self._rows = list(scenarios)
        self.endResetModel()

    def scenarios(self) -> list[Scenario]:
        return list(self._rows)

    def scenario(self, row: int) -> Scenario:
        return self._rows[row]

    def cell(self, s: Scenario, column: int, role: int):
        o = s.outcome
        if role == DISPLAY:
            common_objective, common_currency = self._common_units()
            if column == self.CREATED:
                return saved_text(s.created, short=True)
            if column == self.OBJECTIVE:
                return _money_text(o.objective_value, None if common_objective else objective_unit(s))
            if column == self.CAPEX:
                return _money_text(o.total_capex, None if common_currency else currency_unit(s))
            return s.name if column == self.NAME else status_text(o.status)
        if role == self.SORT_ROLE:
            return [s.name.casefold(), s.created.timestamp(), _sortable(o.objective_value),
                    status_text(o.status), _sortable(o.total_capex)][column]
        if role == TOOLTIP:
            return self._tooltip(s, column)
        if role == ALIGN and column in (self.OBJECTIVE, self.CAPEX):
            return RIGHT
        return None

    def _tooltip(self, s: Scenario, column: int) -> str | None:
        if column == self.NAME:
            loaded = self.tr("\nLoaded from file: its settings and a summary of its answer") if s.result is None else ""
            return s.name + loaded
        if column == self.CREATED:
            return saved_text(s.created)
        if column == self.STATUS:
            return i18n.words().text(s.outcome.quality())
        if column == self.OBJECTIVE:
            return _money_text(s.outcome.objective_value, objective_unit(s))
        return _money_text(s.outcome.total_capex, currency_unit(s))


def _money_text(value: float | None, unit: str | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.2f} {unit}" if unit else f"{value:,.2f}"


def _sortable(value: float | None) -> float:
    return float("-inf") if value is None else float(value)


# --- the comparison tables ----------------------------------------------------------------------
@dataclass(frozen=True)
class ComparisonLine:
    """One row of the KPI comparison: a KPI, or the objective, status or number of projects."""

    key: str
    label: str
    kind: str
    values: list
    targets: list[float | None]
    met: list[bool | None]
    sense: str | None = None


class KpiComparisonModel(_Model):
    """Rows: the objective, the status, the number of projects, then each KPI; a column per scenario."""

    LABEL, TARGET = 0, 1
    FIRST_SCENARIO = 2

    def __init__(self, comparison: Comparison, parent=None) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self._rows = self._lines(comparison)

    def _lines(self, c: Comparison) -> list[ComparisonLine]:
        n = len(c.scenarios)
        units = {objective_unit(s) for s in c.scenarios}
        objective = self.tr("Objective value") + (f" ({next(iter(units))})" if len(units) == 1 else "")
        lines = [
            ComparisonLine("objective_value", objective, Kind.MONEY, c.objective_values, [None] * n, [None] * n),
            ComparisonLine("status", self.tr("Status"), "text", c.statuses, [None] * n, [None] * n),
            ComparisonLine("projects", self.tr("Projects chosen"), "count",
                           [len(s.outcome.portfolio) for s in c.scenarios], [None] * n, [None] * n),
        ]
        for k in c.kpis.values():
            words, currency = i18n.words(), c.scenarios[0].case.settings.currency_unit
            name = words.kpi_label(k.key, k.label)
            if k.kind == Kind.PRODUCTIVITY:
                unit = i18n.productivity_unit(currency).unit
            else:
                unit = words.unit(k.kind, currency) if words.chinese else k.unit
            label = f"{name} ({unit})" if unit else name
            lines.append(ComparisonLine(k.key, label, k.kind, k.after, k.target, k.met, k.sense))
        return lines

    def headers(self) -> list[str]:
        return [self.tr("KPI"), self.tr("Target")] + self.comparison.names

    def line(self, row: int) -> ComparisonLine:
        return self._rows[row]

    def cell(self, line: ComparisonLine, column: int, role: int):
        if column == self.LABEL:
            if role in (DISPLAY, self.SORT_ROLE):
                return line.label
            if role == Qt.ItemDataRole.FontRole and line.key == "objective_value":
                font = QFont()
                font.setBold(True)
                return font
            return None
        if column == self.TARGET:
            return self._target(line, role)
        i = column - self.FIRST_SCENARIO
        value, met = line.values[i], line.met[i]
        if role == DISPLAY:
            if line.kind == "text":
                return status_text(value)
            mark = "" if met is None else (" ✓" if met else " ✗")
            return number_text(value, line.kind, self._currency()) + mark
        if role == self.SORT_ROLE:
            return value if line.kind == "text" else _sortable(value)
        if role == ALIGN:
            return RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and met is not None:
            return QBrush(MET_BACKGROUND if met else MISSED_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and met is not None:
            return QBrush(MET_FOREGROUND if met else MISSED_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and line.key == "objective_value":
            font = QFont()
            font.setBold(True)
            return font
        if role == TOOLTIP:
            if line.key == "status":
                outcome = self.comparison.scenarios[i].outcome
                return i18n.words().text(outcome.quality())
            if met is not None:
                verdict = self.tr("met") if met else self.tr("missed")
                return self.tr("Target {0}: {1}").format(self._target_text(line, line.targets[i]), verdict)
        return None

    def _target(self, line: ComparisonLine, role: int):
        # A scenario without a portfolio has no KPIs; unless its target is known, it does not make them differ.
        known = [t for s, t in zip(self.comparison.scenarios, line.targets, strict=True)
                 if line.key in s.outcome.kpis or t is not None]
        shown = {t for t in known if t is not None}
        if role == DISPLAY:
            if not shown:
                return ""
            if len(shown) == 1 and None not in known:
                return self._target_text(line, shown.pop())
            return self.tr("differs")
        if role == TOOLTIP and shown:
            return "\n".join(f"{s.name}: {self._target_text(line, t)}"
                             for s, t in zip(self.comparison.scenarios, line.targets, strict=True)
                             if line.key in s.outcome.kpis or t is not None)
        if role == self.SORT_ROLE:
            return _sortable(min(shown)) if shown else float("-inf")
        if role == ALIGN:
            return RIGHT
        return None

    def _target_text(self, line: ComparisonLine, target: float | None) -> str:
        if target is None:
            return self.tr("none")
        return {Sense.MIN: "≥ ", Sense.MAX: "≤ "}.get(line.sense, "") + number_text(target, line.kind, self._currency())

    def _currency(self) -> str:
        return self.comparison.scenarios[0].case.settings.currency_unit if self.comparison.scenarios else ""


class ProjectDifferenceModel(_Model):
    """The projects funded differently: ID, name, then per scenario ✓ share · start year, or ✗."""

    ID, NAME = 0, 1
    FIRST_SCENARIO = 2

    def __init__(self, comparison: Comparison, parent=None) -> None:
        super().__init__(parent)
        self.comparison = comparison
        self._rows = list(comparison.projects)

    def headers(self) -> list[str]:
        return [self.tr("ID"), self.tr("Project")] + self.comparison.names

    def cell(self, row: ProjectDifference, column: int, role: int):
        if column in (self.ID, self.NAME):
            if role in (DISPLAY, self.SORT_ROLE) or (role == TOOLTIP and column == self.NAME):
                return row.project_id if column == self.ID else row.name
            return None
        funding = row.funding[column - self.FIRST_SCENARIO]
        if role == DISPLAY:
            return self.tr("✗ not chosen") if funding is None else funding_text(funding.share, funding.start_year)
        if role == self.SORT_ROLE:
            return -1.0 if funding is None else funding.share * 10000 - funding.start_year
        if role == TOOLTIP:
            if funding is None:
                return self.tr("Not chosen")
            return self.tr("{0:.2%} funded, starting in {1}").format(funding.share, funding.start_year)
        if role == ALIGN:
            return CENTER
        if role == Qt.ItemDataRole.BackgroundRole and funding is not None:
            return QBrush(MET_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and funding is None:
            return QBrush(NOT_CHOSEN_FOREGROUND)
        return None


# --- the widgets --------------------------------------------------------------------------------
def _table(model: QAbstractTableModel, sortable: bool) -> QTableView:
    view = QTableView()
    if sortable:
        proxy = QSortFilterProxyModel(view)
        proxy.setSourceModel(model)
        proxy.setSortRole(_Model.SORT_ROLE)
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the model's order until a header is clicked
    else:
        view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    return view


class CompareDialog(QDialog):
    """Scenarios side by side: KPIs against their targets, then the projects funded differently."""

    def __init__(self, scenarios: Sequence[Scenario], parent: QWidget | None = None,
                 settings: AppSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or AppSettings()
        self.comparison = compare(scenarios)
        self.setWindowTitle(self.tr("Compare scenarios"))
        self.setSizeGripEnabled(True)
        self.kpi_model = KpiComparisonModel(self.comparison, self)
        self.kpi_table = _table(self.kpi_model, sortable=False)
        self.kpi_table.setObjectName("kpi_comparison")
        self.project_model = ProjectDifferenceModel(self.comparison, self)
        self.project_table = _table(self.project_model, sortable=True)
        self.project_table.setObjectName("project_differences")
        n = len(self.comparison.projects)
        kpi_box, project_box = QGroupBox(self.tr("Targets and KPIs")), QGroupBox(
            self.tr("Projects that differ ({0})").format(n) if n else self.tr("Projects that differ: none"))
        QVBoxLayout(kpi_box).addWidget(self.kpi_table)
        QVBoxLayout(project_box).addWidget(self.project_table)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(kpi_box)
        self.splitter.addWidget(project_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        legend = QLabel(self.tr("✓ target met, ✗ target missed; projects: ✓ share funded · start year."))
        legend.setWordWrap(True)
        layout.addWidget(legend)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(buttons)
        self._fit_columns()
        self._restore_size()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        super().showEvent(event)
        self.close_button.setFocus()  # a table taking the focus would pick out its first cell
        for table in (self.kpi_table, self.project_table):
            table.selectionModel().setCurrentIndex(QModelIndex(), table.selectionModel().SelectionFlag.Clear)

    def _fit_columns(self) -> None:
        few = len(self.comparison.scenarios) <= 5  # more than that: natural widths and a scroll bar
        for table, label_columns in ((self.kpi_table, 2), (self.project_table, 2)):
            header = table.horizontalHeader()
            header.setMinimumSectionSize(80)
            for column in range(table.model().columnCount()):
                mode = QHeaderView.ResizeMode.Stretch if few and column >= label_columns \
                    else QHeaderView.ResizeMode.ResizeToContents
                header.setSectionResizeMode(column, mode)

    def _restore_size(self) -> None:
        geometry = self.settings.state(COMPARE_DIALOG_STATE)
        if geometry is None or not self.restoreGeometry(geometry):
            width, height = 1000, 650
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is not None:
                width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
            self.resize(width, height)

    def done(self, result: int) -> None:
        self.settings.set_state(COMPARE_DIALOG_STATE, self.saveGeometry())
        super().done(result)


class ScenariosPanel(QWidget):
    """The saved scenarios, with Save current…, Compare (two or more selected), Delete and Export all…."""

    saveRequested = Signal()  # noqa: N815 (Qt's naming)
    scenariosChanged = Signal()  # noqa: N815 (Qt's naming): a scenario was added or deleted

    def __init__(self, parent: QWidget | None = None, settings: AppSettings | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or AppSettings()
        self.model = ScenarioListModel(self)
        self.table = _table(self.model, sortable=True)
        self.table.setObjectName("scenario_list")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ScenarioListModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)  # a narrow panel elides long names rather than scroll
        self.empty_hint = QLabel(self.tr("No scenarios yet. Solve, then “Save current…” to keep the answer "
                                         "and compare it with others."))
        self.empty_hint.setWordWrap(True)
        self.units = QLabel()
        self.units.setObjectName("scenario_units")
        self.save_button = QPushButton(self.tr("Save current…"))
        self.compare_button = QPushButton(self.tr("Compare"))
        self.compare_button.setToolTip(self.tr("Select two or more scenarios (Ctrl+click) to compare them"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.export_button = QPushButton(self.tr("Export all…"))
        self.save_button.clicked.connect(self.saveRequested)
        self.compare_button.clicked.connect(self.compare_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button.clicked.connect(self.export_all)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)  # not the Delete key of the whole window
        buttons = QHBoxLayout()
        for button in (self.save_button, self.compare_button, self.delete_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.units)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.rowsInserted.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.dialogs: list[CompareDialog] = []
        self._update_buttons()

    # --- the list ---
    def add(self, scenario: Scenario) -> None:
        self.model.add(scenario)
        self.scenariosChanged.emit()

    def set_scenarios(self, scenarios: Sequence[Scenario]) -> None:
        """Show this list (the document's); does not emit scenariosChanged. The list shown already (the panel's
        own edit coming back) is left as it is, with its selection."""
        shown = self.scenarios()
        if len(shown) != len(scenarios) or any(a is not b for a, b in zip(shown, scenarios, strict=True)):
            self.model.set_scenarios(scenarios)

    def scenarios(self) -> list[Scenario]:
        return self.model.scenarios()

    def selected_scenarios(self) -> list[Scenario]:
        """The selected scenarios in the order they were saved (the first is the reference)."""
        return [self.model.scenario(row) for row in self._selected_rows()]

    def select(self, rows: Sequence[int]) -> None:
        """Select these rows of the model (for the window and for tests)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        proxy = self.table.model()
        for row in rows:
            index = proxy.mapFromSource(self.model.index(row, 0))
            selection.select(index, selection.SelectionFlag.Select | selection.SelectionFlag.Rows)

    def _selected_rows(self) -> list[int]:
        proxy = self.table.model()
        return sorted({proxy.mapToSource(index).row() for index in self.table.selectionModel().selectedRows()})

    def _update_buttons(self) -> None:
        selected = len(self._selected_rows())
        self.compare_button.setEnabled(selected >= 2)
        self.delete_button.setEnabled(selected >= 1)
        self.export_button.setEnabled(self.model.rowCount() > 0)
        self.empty_hint.setVisible(self.model.rowCount() == 0)
        self.units.setText(self.model.units_note())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's API)
        # Narrow (a side panel): the names need the room more than the time each was saved (in its tooltip).
        self.table.setColumnHidden(ScenarioListModel.CREATED, event.size().width() < NARROW)
        super().resizeEvent(event)

    # --- actions ---
    def compare_selected(self) -> CompareDialog | None:
        scenarios = self.selected_scenarios()
        if len(scenarios) < 2:
            return None
        dialog = CompareDialog(scenarios, self.window(), self.settings)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self.dialogs.remove(dialog) if dialog in self.dialogs else None)
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    def delete_selected(self) -> None:
        rows = self._selected_rows()
        if rows and self.confirm_delete([self.model.scenario(r).name for r in rows]):
            self.model.remove(rows)
            self.scenariosChanged.emit()

    def export_all(self) -> bool:
        """Export every scenario to a workbook the user chooses; False if cancelled or it failed."""
        if not self.scenarios():
            return False
        path = self.ask_export_path()
        if not path:
            return False
        try:
            export_scenarios(self.scenarios(), path, language=i18n.language())
        except Exception as error:  # noqa: BLE001 -- a slot must not raise: the user is told, nothing is lost
            self.show_error(self.tr("Export failed"), str(error))
            return False
        self.settings.set_last_folder(Path(path).parent)
        return True

    # --- the dialogs, one method each so that tests can replace them ---
    def ask_name(self, default: str) -> str | None:
        name, ok = QInputDialog.getText(self, self.tr("Save scenario"), self.tr("Name of this scenario:"),
                                        QLineEdit.EchoMode.Normal, default)
        return name.strip() if ok and name.strip() else None

    def ask_export_path(self) -> str | None:
        default = str(Path(self.settings.last_folder()) / "scenarios.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export scenarios"), default,
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return None
        return path if Path(path).suffix else path + ".xlsx"

    def confirm_delete(self, names: list[str]) -> bool:
        text = self.tr("Delete {0} saved scenario(s)?\n\n{1}").format(len(names), "\n".join(names))
        answer = QMessageBox.question(self, self.tr("Delete scenarios"), text)
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)
