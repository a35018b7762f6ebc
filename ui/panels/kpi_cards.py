"""KPI cards: each headline figure before and after the recommended portfolio, against its target.

Met or missed is said twice, by the card's accent colour and in words, so it reads without colour.

The group's own figures ("one profit, five rates") also show a sparkline of their path across the plan years,
before and after, with the target (ui/panels/sparkline.py).

Labour productivity is shown in the unit every widget uses for it (i18n.productivity_unit: 78.00 万元/人
for a case in 亿元, not the engine's 0.0078).
"""

from __future__ import annotations

from html import escape

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from optimizer.model.measures import Figures
from optimizer.model.targets import FIGURES, PERCENT_KINDS, Kind, Sense, headline_figures
from optimizer.report.kpis import kpis_of
from optimizer.report.result import Kpi, Result
from optimizer.solve.solver import Status
from ui import i18n
from ui.charts.years import path_of, without_new_projects
from ui.panels.sparkline import Sparkline

CARD_KEYS = tuple(figure.key for figure in headline_figures())
"""The headline figures, in the registry's order: total profit, the rates, the strategic share, the NPV."""

MET, MISSED, NO_TARGET, EMPTY, NO_PORTFOLIO = "met", "missed", "no_target", "empty", "no_portfolio"
ACCENTS = {MET: "#2e7d32", MISSED: "#c62828", NO_TARGET: "#9e9e9e", EMPTY: "#cfcfcf", NO_PORTFOLIO: "#ef6c00"}
STATUS_COLOURS = {MET: "#1b5e20", MISSED: "#b71c1c", NO_TARGET: "#616161", EMPTY: "#757575",
                  NO_PORTFOLIO: "#b53d00"}
PLACEHOLDER = "—"


def productivity_scale(currency_unit: str) -> tuple[float, str]:
    """Factor and unit in which to show labour productivity for a case's currency unit."""
    unit = i18n.productivity_unit(currency_unit)
    return unit.factor, unit.unit


class KpiCard(QFrame):
    """One KPI: its title, "before → after" with the unit, the target and whether it is met."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"kpi_card_{key}")
        self.setProperty("kpiKey", key)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._title = self._label(bold=True)
        self._value = self._label(point_scale=1.25, bold=True)
        self._target = self._label()
        self._status = self._label(bold=True)
        self._value.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 10, 8)
        layout.setSpacing(2)
        for label in (self._title, self._value, self._target):
            layout.addWidget(label)
        # The group's own figures also have their path across the plan years, beside the status: the cards
        # grow no taller for it.
        self.sparkline = Sparkline(key, self) if FIGURES[key].of_group else None
        if self.sparkline is None:
            layout.addWidget(self._status)
        else:
            status = QHBoxLayout()
            status.setSpacing(8)
            status.addWidget(self._status)
            status.addWidget(self.sparkline, 1)
            layout.addLayout(status)
        layout.addStretch(1)
        self._title.setText(self.title())
        self._value_text = ""
        self._state = EMPTY
        self.clear()

    def _label(self, point_scale: float = 1.0, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = label.font()
        font.setBold(bold)
        if point_scale != 1.0 and font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * point_scale)
        label.setFont(font)
        return label

    def title(self) -> str:
        """The figure's card title from the registry, in the app's language."""
        return FIGURES[self.key].card.said_in(i18n.is_chinese())

    # --- what the card shows, for the window and for tests ---
    def value_text(self) -> str:
        """The figure as shown, "before → after unit"; only the after value for figures without a before."""
        return self._value_text

    def target_text(self) -> str:
        return self._target.text().strip()

    def status_text(self) -> str:
        return self._status.text()

    def state(self) -> str:
        """One of MET, MISSED, NO_TARGET, EMPTY or NO_PORTFOLIO (also the card's `kpiState` property)."""
        return self._state

    # --- filling it ---
    def clear(self, reason: str = "") -> None:
        """Placeholders: no result yet, or this case does not compute the figure."""
        self._show(PLACEHOLDER, "", "", reason or self.tr("no result yet"), EMPTY)
        self.set_path({}, "")

    def set_path(self, path: dict[int, Kpi], currency_unit: str) -> None:
        """The figure in each plan year (the group's own figures only): its sparkline."""
        if self.sparkline is not None:
            self.sparkline.set_path(path, currency_unit)

    def set_kpi(self, kpi: Kpi, currency_unit: str) -> None:
        numbers, unit = self._numbers(kpi, currency_unit)
        before, after, target = numbers
        value = after if kpi.before is None else f"{before} → {after}"
        if kpi.target is None:
            self._show(value, unit, "", self.tr("no target"), NO_TARGET)
            return
        sense = "≥" if kpi.sense == Sense.MIN else "≤"
        target_text = self.tr("target {sense} {value}").format(sense=sense, value=_joined(target, unit))
        if kpi.met:
            self._show(value, unit, target_text, self.tr("met"), MET)
        else:
            shortfall = self._shortfall(kpi, unit, currency_unit)
            self._show(value, unit, target_text, self.tr("missed by {amount}").format(amount=shortfall), MISSED)

    def set_without_portfolio(self, kpi: Kpi, currency_unit: str, reason: str) -> None:
        """No portfolio to show: the group's figure before investing ("before → —") and the target, and why."""
        numbers, unit = self._numbers(kpi, currency_unit)
        before, _, target = numbers
        value = PLACEHOLDER if kpi.before is None else f"{before} → {PLACEHOLDER}"
        target_text = ""
        if kpi.target is not None:
            sense = "≥" if kpi.sense == Sense.MIN else "≤"
            target_text = self.tr("target {sense} {value}").format(sense=sense, value=_joined(target, unit))
        self._show(value, unit if kpi.before is not None or kpi.target is not None else "", target_text, reason,
                   NO_PORTFOLIO)

    def _numbers(self, kpi: Kpi, currency_unit: str) -> tuple[tuple[str, str, str], str]:
        """The before, after and target numbers as text, and the unit written once after them."""
        values = (kpi.before, kpi.after, kpi.target)
        if kpi.kind == Kind.PRODUCTIVITY:
            unit = i18n.productivity_unit(currency_unit)
            return tuple(PLACEHOLDER if v is None else unit.number(v) for v in values), unit.unit
        words = i18n.words()
        if kpi.kind in (*PERCENT_KINDS, Kind.GRADE):
            return tuple(words.format_value(v, kpi.kind) for v in values), ""
        return tuple(words.format_value(v, kpi.kind) for v in values), words.currency(currency_unit)

    def _shortfall(self, kpi: Kpi, unit: str, currency_unit: str) -> str:
        if kpi.after is None or kpi.target is None:
            return PLACEHOLDER
        gap = abs(kpi.target - kpi.after)
        if kpi.kind in PERCENT_KINDS:
            return self.tr("{points} pp").format(points=f"{gap * 100:.2f}")
        if kpi.kind == Kind.PRODUCTIVITY:
            return i18n.productivity_unit(currency_unit).text(gap)
        return _joined(i18n.words().format_value(gap, kpi.kind), unit)

    def _show(self, value: str, unit: str, target: str, status: str, state: str) -> None:
        self._value_text = _joined(value, unit)
        # In a narrow card the line may break between the numbers and the unit, never inside either
        # ("CNY | 100m", "万元/ | 人").
        self._value.setText(f"<span style='white-space:nowrap'>{escape(value)}</span> "
                            f"<span style='font-weight:normal; white-space:nowrap'>{escape(unit)}</span>")
        # An empty line rather than none: every card, placeholders included, keeps the same height, so
        # the panel does not jump when the first result arrives.
        self._target.setText(target or "\u00a0")
        self._status.setText(status)
        self._state = state
        self.setProperty("kpiState", state)
        self.setStyleSheet(
            f"#{self.objectName()} {{ border: 1px solid #d0d0d0; border-left: 5px solid {ACCENTS[state]};"
            f" border-radius: 3px; }}")
        self._status.setStyleSheet(f"color: {STATUS_COLOURS[state]};")


def _joined(number: str, unit: str) -> str:
    return f"{number} {unit}".strip()


class KpiPanel(QWidget):
    """The eight headline KPI cards in a grid of 2 to 4 columns that follows the panel's width.

    The grid sits in a scroll area: a window squeezed below the cards' height scrolls them instead of
    clipping them, and the panel does not force a minimum window height of four card rows.
    """

    MIN_CARD_WIDTH = 195
    """Four columns from about 810 px: the right-hand pane of a 1366 px window."""
    MIN_COLUMNS, MAX_COLUMNS = 2, 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpi_panel")
        self._grid_widget = QWidget()
        self._cards = {key: KpiCard(key, self._grid_widget) for key in CARD_KEYS}
        self._grid = QGridLayout(self._grid_widget)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(self._grid_widget)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        self._columns = 0
        self._arrange(self.MAX_COLUMNS)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """All cards at the current width (a scroll area alone would suggest a fixed small size)."""
        hint = self._grid.sizeHint()
        width = self.width() if self.isVisible() else hint.width()
        height = self._grid.heightForWidth(width) if self._grid.hasHeightForWidth() else -1
        return QSize(hint.width(), height if height > 0 else hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Two narrow cards side by side, one row high; the other rows scroll."""
        width = max(card.minimumSizeHint().width() for card in self._cards.values())
        height = max(card.minimumSizeHint().height() for card in self._cards.values())
        return QSize(self.MIN_COLUMNS * width + self._grid.horizontalSpacing(), height)

    def card(self, key: str) -> KpiCard:
        return self._cards[key]

    def cards(self) -> list[KpiCard]:
        return list(self._cards.values())

    def columns(self) -> int:
        return self._columns

    def set_result(self, result: Result | None) -> None:
        self._fill(result)
        self.updateGeometry()  # filled cards may wrap a line more than the placeholders

    def _fill(self, result: Result | None) -> None:
        if result is None:
            for card in self._cards.values():
                card.clear()
            return
        unit = result.case.settings.currency_unit
        if not result.solution.has_portfolio:
            self._fill_without_portfolio(result)
            return
        for key, card in self._cards.items():
            kpi = result.kpis.get(key)
            if kpi is not None and kpi.after is not None:
                card.set_kpi(kpi, unit)
                card.set_path(path_of(result.kpis_by_year, key), unit)
            else:
                card.clear(self.tr("not computed for this case"))

    def _fill_without_portfolio(self, result: Result) -> None:
        """The targets conflict (or no portfolio was found in time): each card shows where the group stands
        before investing and the target it was asked for, and says no portfolio keeps every rule."""
        case = result.case
        if result.solution.status == Status.INFEASIBLE:
            reason = self.tr("no portfolio keeps every rule")
        else:
            reason = self.tr("no portfolio")
        try:
            figures = Figures(case)
            baseline = kpis_of(case, figures, np.zeros(figures.n))
            by_year = without_new_projects(case, figures)
        except (ValueError, ArithmeticError):  # a case too broken to measure: the reason alone
            baseline, by_year = {}, {}
        for key, card in self._cards.items():
            kpi = baseline.get(key)
            if kpi is None:
                card.clear(reason)
            else:
                card.set_without_portfolio(kpi, case.settings.currency_unit, reason)
                card.set_path(path_of(by_year, key), case.settings.currency_unit)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        spacing = self._grid.horizontalSpacing()
        fits = (event.size().width() + spacing) // (self.MIN_CARD_WIDTH + spacing)
        self._arrange(max(self.MIN_COLUMNS, min(self.MAX_COLUMNS, fits)))

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        for card in self._cards.values():
            self._grid.removeWidget(card)
        for index, card in enumerate(self._cards.values()):
            self._grid.addWidget(card, index // columns, index % columns)
        for column in range(self.MAX_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        # Spare height goes below the cards, not between them.
        rows = -(-len(self._cards) // columns)
        for row in range(len(self._cards) + 1):
            self._grid.setRowStretch(row, 1 if row == rows else 0)
        self._columns = columns
        self.updateGeometry()  # the height it needs changes with the number of rows
