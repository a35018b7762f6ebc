"""One chart per figure of the group across the plan years ("one profit, five rates", workbook.md "Year by year").

Each `YearChart` draws its figure in each plan year without new projects (dashed), with the recommended portfolio
(solid) and the target where one binds that year, and marks the years the portfolio misses it. Hovering a year
shows what the figure is made of that year, before and after (optimizer/report/year_parts.py): the 2028 debt
ratio's total liabilities and total assets. The values are the engine's (`Result.kpis_by_year`), shown in the
KPI cards' units: percent, the case's money unit, labour productivity in 万元/人 for a case in 亿元.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from html import escape

import numpy as np
from PySide6.QtCharts import QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPen, QTextDocument
from PySide6.QtWidgets import QToolTip, QWidget

from optimizer.model.case import Case
from optimizer.model.measures import Figures
from optimizer.model.targets import FIGURES, PERCENT_KINDS, Kind, Sense
from optimizer.report.kpis import kpis_by_year, meets
from optimizer.report.result import Kpi
from optimizer.report.year_parts import Makeup, YearParts
from ui import i18n
from ui.charts.view import SPEND_COLOUR, ChartView, add_subtitle

BEFORE_COLOUR = QColor("#8c8c8c")
"""The group without new projects: grey, dashed."""
AFTER_COLOUR = SPEND_COLOUR
TARGET_COLOUR = QColor("#f28e2b")
"""The target: orange, so that a target of its own in one year (a square) is not taken for a miss (red)."""
MISSED_COLOUR = QColor("#c62828")
"""A year the portfolio misses its target (the KPI cards' "missed")."""


@dataclass(frozen=True)
class Scale:
    """How a figure is shown: value shown = engine value × factor, in `unit`."""

    factor: float
    unit: str
    percent: bool = False

    def text(self, value: float | None) -> str:
        """A value as the KPI cards write it, with its unit: 63.24%, 58.00 CNY 100m, 78.00 万元/人."""
        if value is None:
            return "—"
        if self.percent:
            return f"{value * self.factor:,.2f}%"
        return f"{value * self.factor:,.2f} {self.unit}".strip()


def scale_of(kind: str, currency_unit: str) -> Scale:
    """The figure's unit on the charts and sparklines, as the KPI cards show it."""
    if kind in PERCENT_KINDS:
        return Scale(100.0, "%", percent=True)
    if kind == Kind.PRODUCTIVITY:
        unit = i18n.productivity_unit(currency_unit)
        return Scale(unit.factor, unit.unit)
    return Scale(1.0, i18n.words().currency(currency_unit))


def path_of(kpis_by_year: dict[int, dict[str, Kpi]], key: str) -> dict[int, Kpi]:
    """A figure's KPI in each plan year, in year order (years where it is not computed left out)."""
    return {year: row[key] for year, row in sorted(kpis_by_year.items()) if key in row}


def without_new_projects(case: Case, figures: Figures | None = None) -> dict[int, dict[str, Kpi]]:
    """The group's figures in each plan year without new projects against their targets, nothing after: what is
    shown when an answer has no portfolio."""
    figures = figures or Figures(case)
    return {year: {key: replace(kpi, after=None, met=None) for key, kpi in row.items()}
            for year, row in kpis_by_year(case, figures, np.zeros(figures.n)).items()}


def misses(path: dict[int, Kpi]) -> list[tuple[int, float]]:
    """(year, value) of each point that misses the year's target: the portfolio's where the engine says it misses,
    and the group's without new projects where it would."""
    points = []
    for year, kpi in path.items():
        if kpi.before is not None and meets(kpi.before, kpi.target, kpi.sense) is False:
            points.append((year, kpi.before))
        if kpi.after is not None and kpi.met is False:
            points.append((year, kpi.after))
    return points

CELL = "<td style='white-space:pre'>"
NUMBER_CELL = "<td align='right' style='white-space:pre'>"
"""A tooltip's table cells do not wrap: a tooltip would rather wrap a long name than grow wide."""


class YearChart(ChartView):
    """One figure of the group across the plan years: before, after, the target, the years that miss it."""

    MINIMUM_HEIGHT = 230

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"year_chart_{key}")
        self.setMinimumSize(300, self.MINIMUM_HEIGHT)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self._path: dict[int, Kpi] = {}
        self._parts: dict[int, YearParts] = {}
        self._scale = Scale(1.0, "")
        self._currency_unit = ""
        self.set_path({}, {}, "")

    def title(self) -> str:
        return FIGURES[self.key].name.said_in(i18n.is_chinese())

    def set_path(self, path: dict[int, Kpi], parts: dict[int, YearParts], currency_unit: str) -> None:
        """Draw the figure's KPI in each plan year (`path_of`), with what each year is made of for the hover."""
        chart = self.reset_chart(self.title())
        self._path, self._parts, self._currency_unit = dict(path), dict(parts), currency_unit
        self._scale = scale_of(FIGURES[self.key].kind, currency_unit)
        if not path:
            chart.legend().hide()
            return
        chart.legend().show()
        years = list(path)
        drawn: list[QLineSeries | QScatterSeries] = []
        before = self._line(self.tr("Before"), [(y, k.before) for y, k in path.items()], BEFORE_COLOUR,
                            Qt.PenStyle.DashLine)
        after = self._line(self.tr("After"), [(y, k.after) for y, k in path.items()], AFTER_COLOUR,
                           Qt.PenStyle.SolidLine)
        drawn += [s for s in (before, after) if s is not None]
        targets = [(y, k.target) for y, k in path.items() if k.target is not None]
        if targets:
            if len(targets) == len(years) and len(years) > 1:  # a line only where every year has a target
                target = self._line(self.tr("Target"), targets, TARGET_COLOUR, Qt.PenStyle.DashDotLine, width=1.8)
            else:
                target = self._points(self.tr("Target"), targets, TARGET_COLOUR, QScatterSeries.MarkerShape.
                                      MarkerShapeRectangle, 9)
            drawn.append(target)
        missed = misses(path)
        if missed:
            drawn.append(self._points(self.tr("Missed"), missed, MISSED_COLOUR,
                                      QScatterSeries.MarkerShape.MarkerShapeCircle, 11))
        values = [p.y() for s in drawn for p in s.points()]
        if not values:  # the Enterprise sheet lacks what the figure is measured from
            chart.legend().hide()
            add_subtitle(chart, self.tr("not computed for this case"))
            return
        y_axis = self.value_axis(self._scale.unit, *_shown_range(min(values), max(values)))
        x_axis = QValueAxis()
        x_axis.setRange(years[0] - 0.3, years[-1] + 0.3)
        x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        x_axis.setTickAnchor(years[0])
        x_axis.setTickInterval(1.0)
        x_axis.setLabelFormat("%d")
        x_axis.setGridLineVisible(False)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in drawn:
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

    def _line(self, name: str, points: list[tuple[int, float | None]], colour: QColor, style: Qt.PenStyle,
              width: float = 2.2) -> QLineSeries | None:
        points = [(y, v) for y, v in points if v is not None]
        if not points:
            return None
        series = QLineSeries()
        series.setName(name)
        series.append([QPointF(y, v * self._scale.factor) for y, v in points])
        pen = QPen(colour, width)
        pen.setStyle(style)
        series.setPen(pen)
        series.setPointsVisible(True)
        self.chart().addSeries(series)
        return series

    def _points(self, name: str, points: list[tuple[int, float]], colour: QColor,
                shape: QScatterSeries.MarkerShape, size: float) -> QScatterSeries:
        series = QScatterSeries()
        series.setName(name)
        series.append([QPointF(y, v * self._scale.factor) for y, v in points])
        series.setMarkerShape(shape)
        series.setMarkerSize(size)
        series.setColor(colour)
        series.setBorderColor(colour)
        self.chart().addSeries(series)
        return series

    # --- what is drawn, for tests ------------------------------------------------------------------
    def series_values(self, name: str) -> dict[int, float]:
        """A line or the targets as drawn (in the shown unit: percent for a rate), by plan year; {} if not drawn."""
        return {round(p.x()): p.y() for p in self._points_of(name)}

    def missed_points(self) -> dict[int, list[float]]:
        """The points marked as missing their target, by plan year (before and after may both miss)."""
        points: dict[int, list[float]] = {}
        for p in self._points_of(self.tr("Missed")):
            points.setdefault(round(p.x()), []).append(p.y())
        return points

    def _points_of(self, name: str) -> list[QPointF]:
        return next((s.points() for s in self.chart().series() if s.name() == name), [])

    def target_is_line(self) -> bool:
        return any(isinstance(s, QLineSeries) and s.name() == self.tr("Target") for s in self.chart().series())

    def axis_title(self) -> str:
        axes = self.chart().axes(Qt.Orientation.Vertical)
        return axes[0].titleText() if axes else ""

    # --- hovering a year -----------------------------------------------------------------------------
    def year_at(self, position: QPoint) -> int | None:
        """The plan year under a point of the view, if it is over the plot."""
        if not self._path:
            return None
        chart = self.chart()
        at = chart.mapFromScene(self.mapToScene(position))
        if not chart.plotArea().contains(at):
            return None
        year = round(chart.mapToValue(at).x())
        return year if year in self._path else None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        super().mouseMoveEvent(event)
        year = self.year_at(event.position().toPoint())
        if year is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip(year), self)

    def tooltip(self, year: int) -> str:
        """The figure in `year` before and after against its target, and the amounts it is made of."""
        kpi = self._path[year]
        scale = self._scale
        with_portfolio = kpi.after is not None
        heading = self.tr("{year}: {figure}").format(year=year, figure=self.title())
        lines = [f"<b>{escape(heading)}</b>"]
        if with_portfolio:
            lines.append(escape(self.tr("before {before} → after {after}").format(before=scale.text(kpi.before),
                                                                                 after=scale.text(kpi.after))))
        else:
            lines.append(escape(self.tr("without new projects {before}").format(before=scale.text(kpi.before))))
        if kpi.target is not None:
            sense = "≥" if kpi.sense == Sense.MIN else "≤"
            target = self.tr("target {sense} {value}").format(sense=sense, value=scale.text(kpi.target))
            if kpi.met is not None:
                target = self.tr("{target}: {status}").format(
                    target=target, status=self.tr("met") if kpi.met else self.tr("missed"))
            lines.append(escape(target))
        parts = self._parts.get(year)
        if parts is None or kpi.before is None:
            return "<br>".join(lines)
        headers = [self.tr("Before"), self.tr("After")] if with_portfolio else [self.tr("Before")]
        rows = ["<tr><td></td>" + "".join(f"<td align='right'><i>{escape(h)}</i></td>" for h in headers)
                + "<td></td></tr>"]
        for part in parts.parts:
            amounts = [part.before, part.after] if with_portfolio else [part.before]
            rows.append(f"<tr>{CELL}{escape(part.name.said_in(i18n.is_chinese()))}</td>"
                        + "".join(f"{NUMBER_CELL}{_number(a, part.kind)}</td>" for a in amounts)
                        + f"{CELL}{escape(self._part_unit(part.kind))}</td></tr>")
        return "<br>".join(lines) + "<table cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>" + \
            escape(self._makeup(parts))

    def tooltip_text(self, year: int) -> str:
        """The tooltip as plain text, as a reader sees it (for tests)."""
        document = QTextDocument()
        document.setHtml(self.tooltip(year))
        return document.toPlainText()

    def _part_unit(self, kind: str) -> str:
        if kind == Kind.COUNT:
            return self.tr("people")
        return i18n.words().currency(self._currency_unit)

    def _makeup(self, parts: YearParts) -> str:
        names = [p.name.said_in(i18n.is_chinese()) for p in parts.parts]
        if parts.makeup == Makeup.SUM:
            return self.tr("{figure} = {terms}").format(figure=self.title(), terms=" + ".join(names))
        if parts.makeup == Makeup.GROWTH:
            return self.tr("{figure} = {this} ÷ {last} − 1").format(figure=self.title(), this=names[0],
                                                                    last=names[-1])
        return self.tr("{figure} = {top} ÷ {bottom}").format(figure=self.title(), top=names[0], bottom=names[-1])


def _shown_range(low: float, high: float) -> tuple[float, float]:
    """The value axis's range around the values drawn: at least 4% of their size tall (a nearly flat path does
    not fill the chart with a hundredth of a point, nor repeat one label), with a margin above and below."""
    span = max(high - low, 0.04 * max(abs(low), abs(high)), 1e-6)
    middle = (low + high) / 2
    low, high = min(low, middle - span / 2), max(high, middle + span / 2)
    return low - 0.12 * span, high + 0.12 * span


def _number(value: float, kind: str) -> str:
    """An amount of a figure's parts: money with two decimals, people whole."""
    if math.isnan(value):
        return "—"
    return f"{value:,.0f}" if kind == Kind.COUNT else f"{value:,.2f}"
