"""The recommended portfolio as a table, with what changed against a pinned baseline.

Changes are shown by colour and, in the Change column, in words: added (green), removed (the
baseline's row, struck through and grey), deferred or advanced and share changed (amber). A chosen
project that the negative list flags for special supervision says so in the Supervision column (shown
when the portfolio has one), its rule in the tooltip.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from optimizer.model.case import STRATEGIC_CATEGORIES
from optimizer.report.result import Result, Selection
from ui import i18n

ADDED, REMOVED, DEFERRED, ADVANCED, SHARE = "added", "removed", "deferred", "advanced", "share"
SHARE_TOLERANCE = 5e-4
"""Shares closer than this (0.05 percentage points) count as unchanged."""

ADDED_BACKGROUND = QColor("#d4edda")
CHANGED_BACKGROUND = QColor("#ffe8a8")
REMOVED_BACKGROUND = QColor("#eeeeee")
REMOVED_FOREGROUND = QColor("#7a7a7a")
SUPERVISED_FOREGROUND = QColor("#b54708")

AnyIndex = QModelIndex | QPersistentModelIndex


def share_text(share: float) -> str:
    """A share as a percentage, without a trailing ".0" (100%, 63.2%)."""
    text = f"{share * 100:.1f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


@dataclass(frozen=True)
class PortfolioRow:
    """One project in the table: in the portfolio, or a baseline project that was dropped."""

    id: str
    name: str
    entity: str
    category: str | None
    """A key of STRATEGIC_CATEGORIES, or None for traditional business."""
    share: float
    start_year: int
    capex: float
    npv: float
    changes: tuple[str, ...] = ()
    """Of ADDED, REMOVED, DEFERRED, ADVANCED, SHARE; empty when unchanged or without a baseline."""
    baseline_share: float | None = None
    baseline_start_year: int | None = None
    supervision: str | None = None
    """Why the negative list flags it for special supervision, in the interface's language; None when it does not."""

    @property
    def category_name(self) -> str:
        return STRATEGIC_CATEGORIES[self.category][1] if self.category in STRATEGIC_CATEGORIES else ""

    @property
    def removed(self) -> bool:
        return REMOVED in self.changes


def _row(result: Result, x: Selection, changes: tuple[str, ...] = (),
         baseline: Selection | None = None) -> PortfolioRow:
    project = result.case.project(x.id)
    supervised = next((s.reason for s in result.supervised if s.id == x.id), None)
    return PortfolioRow(x.id, x.name, project.entity, project.strategic_category, x.share, x.start_year, x.capex,
                        x.npv, changes, baseline.share if baseline else None,
                        baseline.start_year if baseline else None,
                        i18n.words().text(supervised) if supervised is not None else None)


def portfolio_rows(result: Result | None, baseline: Result | None = None) -> list[PortfolioRow]:
    """The chosen projects, then (with a baseline) the baseline's projects no longer chosen."""
    if result is None:
        return []
    if baseline is None or not result.solution.has_portfolio:
        return [_row(result, x) for x in result.selected]
    before = {x.id: x for x in baseline.selected}
    rows = []
    for x in result.selected:
        old = before.get(x.id)
        changes: list[str] = []
        if old is None:
            changes.append(ADDED)
        else:
            if x.start_year != old.start_year:
                changes.append(DEFERRED if x.start_year > old.start_year else ADVANCED)
            if abs(x.share - old.share) >= SHARE_TOLERANCE:
                changes.append(SHARE)
        rows.append(_row(result, x, tuple(changes), old))
    chosen = {x.id for x in result.selected}
    rows += [_row(baseline, old, (REMOVED,), old) for old in baseline.selected if old.id not in chosen]
    return rows


class PortfolioTableModel(QAbstractTableModel):
    # Change and Stays chosen come right after the name: with a baseline pinned, or after a stability test,
    # they are what the user reads first, and they stay on screen however narrow the window.
    ID, NAME, CHANGE, STABLE, SUPERVISION, ENTITY, CATEGORY, SHARE, START, CAPEX, NPV = range(11)
    COLUMN_COUNT = 11
    SORT_ROLE = Qt.ItemDataRole.UserRole
    ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    NUMERIC_COLUMNS = (SHARE, START, CAPEX, NPV, STABLE)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._result: Result | None = None
        self._baseline: Result | None = None
        self._rows: list[PortfolioRow] = []
        self._stability = None

    # --- what it shows ---
    def set_stability(self, stability) -> None:
        """The stability test of the result shown (optimizer.analysis.stability.Stability), or None: the "Stays
        chosen" column shows each project's share of the draws in which it is chosen."""
        self._stability = stability
        self._refresh()

    def stability(self):
        return self._stability

    def stays_chosen(self, row: PortfolioRow) -> float | None:
        return self._stability.share(row.id) if self._stability is not None else None

    def set_result(self, result: Result | None) -> None:
        self._result = result
        self._refresh()

    def pin_baseline(self, result: Result | None = None) -> None:
        """Compare with this result from now on (by default the one shown now)."""
        self._baseline = self._result if result is None else result
        self._refresh()

    def clear_baseline(self) -> None:
        self._baseline = None
        self._refresh()

    def result(self) -> Result | None:
        return self._result

    def baseline(self) -> Result | None:
        return self._baseline

    def rows(self) -> list[PortfolioRow]:
        return list(self._rows)

    def row_at(self, row: int) -> PortfolioRow:
        return self._rows[row]

    def change_counts(self) -> dict[str, int]:
        """How many rows have each kind of change (ADDED, REMOVED, DEFERRED, ADVANCED, SHARE)."""
        counts = dict.fromkeys((ADDED, REMOVED, DEFERRED, ADVANCED, SHARE), 0)
        for row in self._rows:
            for change in row.changes:
                counts[change] += 1
        return counts

    def currency_unit(self) -> str:
        """The case's money unit as the interface's language writes it."""
        result = self._result or self._baseline
        return i18n.words().currency(result.case.settings.currency_unit) if result else ""

    def _refresh(self) -> None:
        self.beginResetModel()
        self._rows = portfolio_rows(self._result, self._baseline)
        self.endResetModel()

    # --- Qt model ---
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 (Qt's API)
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt's API)
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            unit = self.currency_unit()
            money = f"\n({unit})" if unit else ""
            return [self.tr("ID"), self.tr("Project"), self.tr("Change"), self.tr("Stays\nchosen"),
                    self.tr("Supervision"), self.tr("Entity"), self.tr("Strategic\ncategory"), self.tr("Share"),
                    self.tr("Start\nyear"), self.tr("Capex") + money, self.tr("NPV") + money][section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.SUPERVISION:
            return self.tr("Chosen projects the negative list flags for special supervision (特别监管类)")
        if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.SORT_ROLE:
            return self._native(row, column)
        if role == self.ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:  # names, entities and categories may be elided in a narrow column
            if column in (self.NAME, self.ENTITY, self.CATEGORY):
                return self._display(row, column)
            if column == self.SUPERVISION:
                return row.supervision
            return self.change_text(row) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self.NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row)
        if role == Qt.ItemDataRole.ForegroundRole and row.removed:
            return QBrush(REMOVED_FOREGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.SUPERVISION:
            return QBrush(SUPERVISED_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and row.removed and column != self.CHANGE:
            font = QFont()
            font.setStrikeOut(True)
            return font
        return None

    def _display(self, row: PortfolioRow, column: int) -> str:
        if column == self.CATEGORY:
            return row.category_name or self.tr("传统/Traditional")
        if column == self.SHARE:
            return share_text(row.share)
        if column == self.CAPEX:
            return f"{row.capex:,.2f}"
        if column == self.NPV:
            return f"{row.npv:,.2f}"
        if column == self.CHANGE:
            return self.change_text(row)
        if column == self.STABLE:
            share = self.stays_chosen(row)
            return "" if share is None else f"{share:.0%}"
        if column == self.SUPERVISION:
            return self.tr("Supervised") if row.supervision is not None else ""
        return str(self._native(row, column))

    def _native(self, row: PortfolioRow, column: int) -> str | float | int:
        return [row.id, row.name, self.change_text(row), self.stays_chosen(row) or 0.0, row.supervision or "",
                row.entity, row.category_name, row.share, row.start_year, row.capex, row.npv][column]

    def _background(self, row: PortfolioRow) -> QBrush | None:
        if ADDED in row.changes:
            return QBrush(ADDED_BACKGROUND)
        if row.removed:
            return QBrush(REMOVED_BACKGROUND)
        if row.changes:
            return QBrush(CHANGED_BACKGROUND)
        return None

    def change_text(self, row: PortfolioRow) -> str:
        """The row's changes in words: "added", "removed", "deferred 2027→2029; share 100%→60%"."""
        words = []
        for change in row.changes:
            if change == ADDED:
                words.append(self.tr("added"))
            elif change == REMOVED:
                words.append(self.tr("removed"))
            elif change in (DEFERRED, ADVANCED):
                verb = self.tr("deferred") if change == DEFERRED else self.tr("advanced")
                words.append(f"{verb} {row.baseline_start_year}→{row.start_year}")
            elif change == SHARE and row.baseline_share is not None:
                words.append(self.tr("share") + f" {share_text(row.baseline_share)}→{share_text(row.share)}")
        return "; ".join(words)


class PortfolioView(QWidget):
    """The portfolio table behind a sort and filter proxy, with a filter box and a one-line summary."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PortfolioTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(PortfolioTableModel.SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.summary = QLabel(self)
        self.summary.setObjectName("portfolio_summary")
        self.summary.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter by ID, name, entity, category or change"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("portfolio_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PortfolioTableModel.ID, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(False)  # the change colours are the only row colours
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        self._content_widths: dict[int, int] = {}
        self.table.viewport().installEventFilter(self)
        self.model.modelReset.connect(self._update)
        self._update()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._squeeze_columns()
        return super().eventFilter(watched, event)

    def set_result(self, result: Result | None) -> None:
        self.model.set_result(result)

    def pin_baseline(self, result: Result | None = None) -> None:
        self.model.pin_baseline(result)

    def set_stability(self, stability) -> None:
        self.model.set_stability(stability)

    def clear_baseline(self) -> None:
        self.model.clear_baseline()

    def selected_rows(self) -> list[PortfolioRow]:
        return [self.proxy.data(index, PortfolioTableModel.ROW_ROLE)
                for index in self.table.selectionModel().selectedRows()]

    def summary_text(self) -> str:
        return self.summary.text()

    def _update(self) -> None:
        self.summary.setText(self._summary())
        self._fit_columns()

    def _summary(self) -> str:
        result = self.model.result()
        if result is None:
            return self.tr("No result yet.")
        if not result.solution.has_portfolio:
            s = result.solution
            return self.tr("No portfolio: {why}.").format(why=i18n.words().text(s.quality()))
        capex = sum(x.capex for x in result.selected)
        text = self.tr("{count} projects, capex {capex:,.2f} {unit}").format(
            count=len(result.selected), capex=capex, unit=self.model.currency_unit())
        supervised = sum(1 for x in result.supervised if x.chosen)
        if supervised:
            text += self.tr(", {n} under special supervision").format(n=supervised)
        if self.model.baseline() is None:
            return text
        counts = self.model.change_counts()
        parts = [self.tr("+{n} added").format(n=counts[ADDED]), self.tr("−{n} removed").format(n=counts[REMOVED])]
        for key, words in ((DEFERRED, self.tr("{n} deferred")), (ADVANCED, self.tr("{n} advanced")),
                           (SHARE, self.tr("{n} share changed"))):
            if counts[key]:
                parts.append(words.format(n=counts[key]))
        return text + self.tr("; vs baseline: ") + ", ".join(parts)

    # Columns whose text may be elided (the whole text is in the tooltip): widest and narrowest width, in
    # the order they give up width when the table is narrower than its columns.
    ELIDED_WIDTHS = {PortfolioTableModel.ENTITY: (130, 70), PortfolioTableModel.CATEGORY: (130, 70),
                     PortfolioTableModel.NAME: (200, 110), PortfolioTableModel.CHANGE: (260, 110),
                     PortfolioTableModel.SUPERVISION: (110, 60)}

    def _fit_columns(self) -> None:
        """Columns as wide as their contents, long names elided; narrower still, down to a minimum, where the
        table is narrower than its columns (a 1366 px window, in Chinese too, shows every column)."""
        self.table.setColumnHidden(PortfolioTableModel.CHANGE, self.model.baseline() is None)
        self.table.setColumnHidden(PortfolioTableModel.STABLE, self.model.stability() is None)
        self.table.setColumnHidden(PortfolioTableModel.SUPERVISION,
                                   not any(row.supervision for row in self.model.rows()))
        self.table.resizeColumnsToContents()
        self._content_widths = {column: self.table.columnWidth(column)
                                for column in range(PortfolioTableModel.COLUMN_COUNT)}
        for column, (widest, _) in self.ELIDED_WIDTHS.items():
            self._content_widths[column] = min(self._content_widths[column], widest)
        self._squeeze_columns()

    def _squeeze_columns(self) -> None:
        """Give the elided columns the width the viewport has left, no less than their minimum."""
        if not self._content_widths:
            return
        shown = [c for c in range(PortfolioTableModel.COLUMN_COUNT) if not self.table.isColumnHidden(c)]
        widths = {c: self._content_widths[c] for c in shown}
        excess = sum(widths.values()) - self.table.viewport().width()
        for column, (_, narrowest) in self.ELIDED_WIDTHS.items():
            if excess <= 0:
                break
            if column in widths:
                give = max(0, min(excess, widths[column] - narrowest))
                widths[column] -= give
                excess -= give
        for column, width in widths.items():
            self.table.setColumnWidth(column, width)
