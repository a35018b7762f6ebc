"""The candidate projects: a table model over `case.projects`, a filter proxy, and the view with its filter bar.

The model never changes the Case it was given. Ticking mandatory or excluded in the table builds
a new Case (the project replaced with `dataclasses.replace`) and emits it as `caseEdited`; the
window then hands the new case back with `set_case`, which keeps the view's filters, sort order,
selection and scroll position when the projects are the same ones.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from optimizer.model.case import PROJECT_COLUMNS, STRATEGIC_CATEGORIES, Case, Project
from optimizer.model.screening import Screened, Status, prohibition, screen
from optimizer.model.targets import Kind
from optimizer.report.result import Result
from ui import i18n

SORT_ROLE = Qt.UserRole
"""Native values for sorting: numbers as numbers, flags as bools, blanks as None."""
PROJECT_ROLE = Qt.UserRole + 1
"""The row's `Project`."""

(ID, NAME, ENTITY, SECTOR, CATEGORY, MANDATORY, EXCLUDED, SCREENING, CAPEX, NPV, IRR, RISK, EARLIEST, LATEST,
 MIN_SHARE, CHOSEN, REASON) = range(17)
COLUMN_COUNT = 17
CHECK_COLUMNS = {MANDATORY: "mandatory", EXCLUDED: "excluded"}
NUMBER_COLUMNS = {CAPEX, NPV, IRR, RISK, EARLIEST, LATEST, MIN_SHARE}
# The Chinese name of each column's workbook field, for the header tooltip.
COLUMN_FIELDS = {ID: "id", NAME: "name", ENTITY: "entity", SECTOR: "sector", CATEGORY: "strategic_category",
                 MANDATORY: "mandatory", EXCLUDED: "excluded", NPV: "npv", IRR: "irr", RISK: "risk",
                 EARLIEST: "earliest_start", LATEST: "latest_start", MIN_SHARE: "min_share"}
ROOT = QModelIndex()
CHOSEN_BRUSH = QBrush(QColor(46, 160, 67, 42))  # a light green wash that keeps alternating rows visible
SCREENING_COLOURS = {Status.PROHIBITED: QColor("#b42318"), Status.SUPERVISED: QColor("#b54708")}
"""The screening column's text: red for a prohibited project, amber for a supervised one."""

SCREENING_ORDER = {Status.PROHIBITED: 0, Status.SUPERVISED: 1, Status.OK: 2}
"""How the screening column sorts: prohibited first."""
TRADITIONAL = "traditional"
"""The category filter for projects outside the strategic emerging industries."""
ALL, CHOSEN_ONLY, NOT_CHOSEN = "all", "chosen", "not chosen"


def _is_checked(value: object) -> bool:
    """A check state as given by a view (Qt.CheckState) or by code (an int or a bool)."""
    if isinstance(value, Qt.CheckState):
        return value == Qt.Checked
    if isinstance(value, bool):
        return value
    return value == Qt.Checked.value


def category_name(key: str | None) -> str:
    """The Chinese name of a strategic category key; blank for traditional business."""
    return STRATEGIC_CATEGORIES[key][1] if key in STRATEGIC_CATEGORIES else ""


class ProjectTableModel(QAbstractTableModel):
    caseEdited = Signal(object)  # the new Case after a mandatory / excluded tick

    def __init__(self, parent=None):
        super().__init__(parent)
        self._case: Case | None = None
        self._projects: tuple[Project, ...] = ()
        self._chosen: dict[str, tuple[float, int]] = {}  # id -> (share, start year)
        self._reasons: dict[str, str] = {}

    # --- feeding ----------------------------------------------------------------------------------
    @property
    def case(self) -> Case | None:
        return self._case

    def set_case(self, case: Case | None) -> None:
        """Show `case`; the same projects as before (by id, in order) update in place, keeping the view."""
        projects = case.projects if case is not None else ()
        same_rows = [p.id for p in projects] == [p.id for p in self._projects]
        if not same_rows:
            self.beginResetModel()
        old_unit = self.currency_unit
        self._case, self._projects = case, projects
        if not same_rows:
            self.endResetModel()
            return
        if self.currency_unit != old_unit:
            self.headerDataChanged.emit(Qt.Horizontal, CAPEX, NPV)
        self._all_changed()

    def set_result(self, result: Result | None) -> None:
        """Fill the chosen and reason columns from the last answer (None clears them)."""
        self._chosen = {s.id: (s.share, s.start_year) for s in result.selected} if result else {}
        words = i18n.words()
        self._reasons = {x.id: words.text(x.reason) for x in result.excluded} if result else {}
        self._all_changed()

    def _all_changed(self) -> None:
        if self._projects:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._projects) - 1, COLUMN_COUNT - 1))

    @property
    def currency_unit(self) -> str:
        return self._case.settings.currency_unit if self._case else ""

    def project_at(self, row: int) -> Project:
        return self._projects[row]

    def is_chosen(self, project_id: str) -> bool:
        return project_id in self._chosen

    # --- the Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self._projects)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.DisplayRole:
            return self._header(section)
        if role == Qt.ToolTipRole and section in COLUMN_FIELDS:
            field = COLUMN_FIELDS[section]
            return f"{PROJECT_COLUMNS[field]} ({field})"
        if role == Qt.ToolTipRole and section == CAPEX:
            return self.tr("Total capex over the plan years (投资合计)")
        if role == Qt.ToolTipRole and section == SCREENING:
            return self.tr("Negative-list screening (负面清单): prohibited projects cannot be chosen; supervised ones "
                           "may be, under special supervision")
        return None

    def _header(self, section: int) -> str:
        unit = f" ({i18n.words().currency(self.currency_unit)})" if self.currency_unit else ""
        return {
            ID: self.tr("ID"), NAME: self.tr("Name"), ENTITY: self.tr("Entity"), SECTOR: self.tr("Sector"),
            CATEGORY: self.tr("Category"), MANDATORY: self.tr("Mandatory"),
            EXCLUDED: self.tr("Excluded"), CAPEX: self.tr("Capex") + unit, NPV: self.tr("NPV") + unit,
            IRR: self.tr("IRR"), RISK: self.tr("Risk"), EARLIEST: self.tr("Earliest"),
            LATEST: self.tr("Latest"), MIN_SHARE: self.tr("Min share"), CHOSEN: self.tr("Chosen"),
            REASON: self.tr("Reason not chosen"), SCREENING: self.tr("Screening"),
        }[section]

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.NoItemFlags
        flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() in CHECK_COLUMNS:
            flags |= Qt.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._projects):
            return None
        p, column = self._projects[index.row()], index.column()
        if role == Qt.DisplayRole:
            return self._display(p, column)
        if role == SORT_ROLE:
            return self._sort_value(p, column)
        if role == PROJECT_ROLE:
            return p
        if role == Qt.CheckStateRole and column in CHECK_COLUMNS:
            return Qt.Checked if getattr(p, CHECK_COLUMNS[column]) else Qt.Unchecked
        if role == Qt.TextAlignmentRole and column in NUMBER_COLUMNS | {CHOSEN}:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.BackgroundRole and p.id in self._chosen:
            return CHOSEN_BRUSH
        if role == Qt.ForegroundRole and column == SCREENING:
            colour = SCREENING_COLOURS.get(self.screening(p).status)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ToolTipRole:
            return self._tooltip(p, column)
        return None

    def _display(self, p: Project, column: int) -> str | None:
        if column == CHOSEN:
            if p.id not in self._chosen:
                return ""
            share, start = self._chosen[p.id]
            return self.tr("{share} from {year}").format(share=f"{share:.0%}", year=start)
        if column in (CAPEX, NPV):
            return f"{self._sort_value(p, column):,.2f}"
        if column == IRR:
            return "" if p.irr is None else i18n.words().format_value(p.irr, Kind.RATE)
        if column == MIN_SHARE:
            return f"{p.min_share * 100:.2f}".rstrip("0").rstrip(".") + "%"
        if column == RISK:
            return "" if p.risk is None else f"{p.risk:g}"
        if column in CHECK_COLUMNS:
            return None
        if column == SCREENING:
            return self.status_name(self.screening(p).status)
        value = self._sort_value(p, column)
        return "" if value is None else str(value)

    def _sort_value(self, p: Project, column: int):
        return {
            ID: p.id, NAME: p.name, ENTITY: p.entity, SECTOR: p.sector,
            CATEGORY: category_name(p.strategic_category), MANDATORY: p.mandatory, EXCLUDED: p.excluded,
            CAPEX: p.total_capex, NPV: p.npv, IRR: p.irr, RISK: p.risk, EARLIEST: p.earliest_start,
            LATEST: p.latest_start, MIN_SHARE: p.min_share,
            CHOSEN: self._chosen[p.id][0] if p.id in self._chosen else 0.0,
            REASON: self._reasons.get(p.id, ""), SCREENING: SCREENING_ORDER[self.screening(p).status],
        }[column]

    def _tooltip(self, p: Project, column: int) -> str | None:
        if column == MANDATORY and self._prohibition(p):
            return self.tr("Cannot be mandatory: {reason}").format(reason=self._prohibition(p))
        if column == REASON and p.id in self._reasons:
            return self._reasons[p.id]
        if column == SCREENING:
            return self._screening_tip(self.screening(p))
        if column in (NAME, ENTITY, SECTOR):
            return self._sort_value(p, column) or None
        if column == CATEGORY and p.strategic_category in STRATEGIC_CATEGORIES:
            english, chinese = STRATEGIC_CATEGORIES[p.strategic_category]
            return f"{chinese} / {english}"
        return None

    def screening(self, p: Project) -> Screened:
        """The project's screening under the case shown (the negative list, the IRR rule, allow_supervised)."""
        return screen(p, self._case) if self._case else Screened(Status.OK)

    def status_name(self, status: Status) -> str:
        return {Status.PROHIBITED: self.tr("Prohibited"), Status.SUPERVISED: self.tr("Supervised"),
                Status.OK: self.tr("OK")}[status]

    def _screening_tip(self, screened: Screened) -> str:
        if screened.reason is None:
            return self.tr("No rule of the negative list applies")
        tip = i18n.words().text(screened.reason)
        rule = screened.rule
        if rule is not None and rule.row:
            tip += "\n" + self.tr("Rule on row {row} of the NegativeList sheet: {field} {match}").format(
                row=rule.row, field=rule.field_text, match=rule.match_text)
        return tip

    def _prohibition(self, p: Project) -> str | None:
        reason = prohibition(p, self._case) if self._case else None
        return None if reason is None else i18n.words().text(reason)

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:
        if role != Qt.CheckStateRole or not index.isValid() or index.column() not in CHECK_COLUMNS:
            return False
        p = self._projects[index.row()]
        checked = _is_checked(value)
        if index.column() == MANDATORY:
            if checked and self._prohibition(p):
                return False  # the negative list forbids it; the tooltip says why
            edited = replace(p, mandatory=checked, excluded=p.excluded and not checked)
        else:
            edited = replace(p, excluded=checked, mandatory=p.mandatory and not checked)
        if edited == p:
            return False
        case = replace(self._case, projects=tuple(edited if q.id == p.id else q for q in self._projects))
        self._case, self._projects = case, case.projects
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), COLUMN_COUNT - 1))
        self.caseEdited.emit(case)
        return True


class ProjectFilterProxy(QSortFilterProxyModel):
    """Filters by search text, strategic category, entity, screening status and chosen state; sorts by
    SORT_ROLE."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._text = ""
        self._category: str | None = None
        self._entity: str | None = None
        self._chosen = ALL
        self._screening: Status | None = None
        self.setSortRole(SORT_ROLE)

    def set_text(self, text: str) -> None:
        self._change(lambda: setattr(self, "_text", text.strip().casefold()))

    def set_category(self, category: str | None) -> None:
        """A key of STRATEGIC_CATEGORIES, TRADITIONAL for none, or None for all."""
        self._change(lambda: setattr(self, "_category", category))

    def set_entity(self, entity: str | None) -> None:
        self._change(lambda: setattr(self, "_entity", entity))

    def set_screening(self, status: Status | None) -> None:
        """Only the projects of this screening status (prohibited, supervised, ok), or None for all."""
        self._change(lambda: setattr(self, "_screening", status))

    def set_chosen(self, state: str) -> None:
        """ALL, CHOSEN_ONLY or NOT_CHOSEN ("all", "chosen", "not chosen")."""
        if state not in (ALL, CHOSEN_ONLY, NOT_CHOSEN):
            raise ValueError(f"unknown chosen filter {state!r}")
        self._change(lambda: setattr(self, "_chosen", state))

    def _change(self, apply) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            apply()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            apply()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model = self.sourceModel()
        p: Project = model.index(source_row, 0, source_parent).data(PROJECT_ROLE)
        if self._text and not any(self._text in s.casefold() for s in (p.id, p.name, p.entity, p.sector)):
            return False
        if self._category is not None and (p.strategic_category or TRADITIONAL) != self._category:
            return False
        if self._entity is not None and p.entity != self._entity:
            return False
        if self._chosen != ALL and model.is_chosen(p.id) != (self._chosen == CHOSEN_ONLY):
            return False
        if self._screening is not None and model.screening(p).status != self._screening:
            return False
        return True

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        a, b = left.data(self.sortRole()), right.data(self.sortRole())
        if a is None or b is None:  # blanks sort before any value
            return a is None and b is not None
        if isinstance(a, str) and isinstance(b, str):
            return a.casefold() < b.casefold()
        return a < b


class ProjectTableView(QWidget):
    """The filter bar, the project table and a "showing n of m projects" line."""

    caseEdited = Signal(object)  # a new Case
    contextMenuRequested = Signal(str, QPoint)  # project id, global position

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = ProjectTableModel(self)
        self.proxy = ProjectFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.model.caseEdited.connect(self.caseEdited)
        self.model.modelReset.connect(self._fit_columns)  # new projects, not an edit of the same ones
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self._update_count()

    def _build(self) -> None:
        self.search = QLineEdit(placeholderText=self.tr("Search id, name, entity, sector…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.category_combo = QComboBox()
        self.category_combo.addItem(self.tr("All categories"), None)
        for key, (english, chinese) in STRATEGIC_CATEGORIES.items():
            self.category_combo.addItem(chinese if i18n.is_chinese() else f"{chinese} {english}", key)
        self.category_combo.addItem(self.tr("Traditional (non-strategic) 传统"), TRADITIONAL)
        self.category_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_category(self.category_combo.currentData()))
        self.entity_combo = QComboBox()
        self.entity_combo.addItem(self.tr("All entities"), None)
        self.entity_combo.currentIndexChanged.connect(lambda: self.proxy.set_entity(self.entity_combo.currentData()))
        self.chosen_combo = QComboBox()
        for text, state in ((self.tr("Chosen or not"), ALL), (self.tr("Chosen"), CHOSEN_ONLY),
                            (self.tr("Not chosen"), NOT_CHOSEN)):
            self.chosen_combo.addItem(text, state)
        self.chosen_combo.currentIndexChanged.connect(lambda: self.proxy.set_chosen(self.chosen_combo.currentData()))
        self.screening_combo = QComboBox()
        self.screening_combo.addItem(self.tr("Any screening"), None)
        for status in (Status.PROHIBITED, Status.SUPERVISED, Status.OK):
            self.screening_combo.addItem(self.model.status_name(status), status)
        self.screening_combo.setToolTip(self.tr("Negative-list screening (负面清单)"))
        self.screening_combo.currentIndexChanged.connect(
            lambda: self.proxy.set_screening(self.screening_combo.currentData()))
        for combo in (self.category_combo, self.entity_combo, self.screening_combo, self.chosen_combo):
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)  # the bar may shrink in a narrow dock
            _widen_popup(combo)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)  # workbook order until clicked
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setHighlightSections(False)
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.count_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.category_combo, 1)
        bar.addWidget(self.entity_combo, 1)
        bar.addWidget(self.screening_combo, 1)
        bar.addWidget(self.chosen_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    # --- feeding ----------------------------------------------------------------------------------
    def set_case(self, case: Case | None) -> None:
        """Show `case`; filters, sort order and selection stay when the projects are the same ones."""
        self.model.set_case(case)
        self._fill_entities(case)
        self._update_count()

    def set_result(self, result: Result | None) -> None:
        self.model.set_result(result)
        header = self.table.horizontalHeader()
        if result is not None and header.sectionSize(CHOSEN) < self.table.sizeHintForColumn(CHOSEN):
            self.table.resizeColumnToContents(CHOSEN)
        self._update_count()

    def selected_project_ids(self) -> list[str]:
        """The ids of the selected rows, in the table's order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.proxy.index(r, 0).data(PROJECT_ROLE).id for r in rows]

    def _fill_entities(self, case: Case | None) -> None:
        entities = sorted({p.entity for p in case.projects if p.entity}) if case else []
        current = self.entity_combo.currentData()
        known = [self.entity_combo.itemData(i) for i in range(1, self.entity_combo.count())]
        if entities == known:
            return
        self.entity_combo.blockSignals(True)
        self.entity_combo.clear()
        self.entity_combo.addItem(self.tr("All entities"), None)
        for entity in entities:
            self.entity_combo.addItem(entity, entity)
        self.entity_combo.setCurrentIndex(max(0, self.entity_combo.findData(current)) if current else 0)
        self.entity_combo.blockSignals(False)
        _widen_popup(self.entity_combo)
        self.proxy.set_entity(self.entity_combo.currentData())

    def _fit_columns(self) -> None:
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column, widest in ((NAME, 240), (ENTITY, 150), (SECTOR, 110), (REASON, 420)):
            header.resizeSection(column, min(header.sectionSize(column), widest))

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("showing {shown} of {total} projects").format(
            shown=self.proxy.rowCount(), total=self.model.rowCount()))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            project = index.data(PROJECT_ROLE)
            self.contextMenuRequested.emit(project.id, self.table.viewport().mapToGlobal(pos))


def _widen_popup(combo: QComboBox) -> None:
    """Let the drop-down list show its items in full even when the combo box itself is narrow."""
    metrics = combo.view().fontMetrics()
    widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
    combo.view().setMinimumWidth(widest + 40)  # the item's margins and a scroll bar
