"""Charts of a result: spend per plan year against budget, and capex by strategic category.
(The objective against a target's level is the Trade-offs tab's chart, ui/panels/tradeoffs.py.)

The figures on the bars are drawn by the chart itself (BarLabels), not by QtCharts, whose "@value"
labels drop trailing zeros ("12.5" next to "3"): all labels of one chart have the same decimals.
Both draw on `ResultChart`, the app's `ChartView` (ui/charts/view.py) with those figures and their tooltips.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
)
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QPointF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFontMetrics, QPen
from PySide6.QtWidgets import QGraphicsSimpleTextItem, QToolTip, QWidget

from optimizer.model.case import STRATEGIC_CATEGORIES
from optimizer.report.result import Result
from ui import i18n
from ui.charts.view import BUDGET_COLOUR, SPEND_COLOUR, ChartView, add_subtitle

TRADITIONAL_LABEL = QT_TRANSLATE_NOOP("CategoryChart", "传统/Traditional")


def label_decimals(values: list[float]) -> int:
    """Decimals for every bar label of one chart, from the data's magnitude: three significant digits
    for the largest value (0 from 100 up, 1 from 10, 2 from 1, 3 below)."""
    largest = max((abs(v) for v in values), default=0.0)
    for decimals, floor in enumerate((100.0, 10.0, 1.0)):
        if largest >= floor - 0.5 * 10.0 ** -decimals:  # 99.96 shows as "100", not "100.0"
            return decimals
    return 3


def bar_label_texts(values: list[float]) -> list[str]:
    """The labels of one chart's bars, each with the same decimals, as the interface's locale writes them."""
    decimals = label_decimals(values)
    locale = QLocale()
    return [locale.toString(float(v), "f", decimals) for v in values]


class BarLabels:
    """A figure on each bar of one series: beside the bar's end, or centred in it (white)."""

    GAP = 4

    def __init__(self, chart: QChart) -> None:
        self._chart = chart
        self._series: QBarSeries | QHorizontalBarSeries | None = None
        self._items: list[QGraphicsSimpleTextItem] = []
        self._values: list[float] = []
        self._inside = False
        chart.plotAreaChanged.connect(self.place)

    def set(self, series: QBarSeries | QHorizontalBarSeries, values: list[float], font, inside: bool) -> None:
        """Label each bar of `series` (category i has value values[i]); `inside`: centred, white."""
        self.clear()
        self._series, self._values, self._inside = series, list(values), inside
        colour = QBrush(QColor("white") if inside else QColor("black"))
        for text in bar_label_texts(values):
            item = QGraphicsSimpleTextItem(text, self._chart)
            item.setFont(font)
            item.setBrush(colour)
            item.setZValue(1000)  # above the bars
            self._items.append(item)
        self.place()

    def clear(self) -> None:
        for item in self._items:
            if item.scene() is not None:
                item.scene().removeItem(item)
        self._items, self._values, self._series = [], [], None

    def texts(self) -> list[str]:
        return [item.text() for item in self._items]

    def items(self) -> list[QGraphicsSimpleTextItem]:
        return list(self._items)

    def visible(self) -> bool:
        return bool(self._items) and all(item.isVisible() for item in self._items)

    def place(self) -> None:
        """Put each label at its bar (after every layout change). Inside labels show only if every one
        fits its bar: a white label wider than its bar would be white on white."""
        series = self._series
        if series is None or not self._items:
            return
        horizontal = isinstance(series, QHorizontalBarSeries)
        fits = True
        if self._inside and not horizontal:
            bar_width = self._chart.plotArea().width() / len(self._items) * series.barWidth()
            fits = max(item.boundingRect().width() for item in self._items) + self.GAP <= bar_width
        for i, (item, value) in enumerate(zip(self._items, self._values, strict=True)):
            box = item.boundingRect()
            if horizontal:  # beside the bar's end
                end = self._chart.mapToPosition(QPointF(value, i), series)
                item.setPos(end.x() + self.GAP, end.y() - box.height() / 2)
            else:  # in the middle of the bar
                middle = self._chart.mapToPosition(QPointF(i, value / 2), series)
                item.setPos(middle.x() - box.width() / 2, middle.y() - box.height() / 2)
            item.setVisible(fits)


class ResultChart(ChartView):
    """A chart of one answer: a figure on each bar, the exact figures on hovering a bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar_labels = BarLabels(self.chart())

    def reset_chart(self, title: str) -> QChart:
        self.bar_labels.clear()
        return super().reset_chart(title)

    def _empty(self, chart: QChart, result: Result | None) -> None:
        """No series: say why under the title."""
        chart.legend().hide()
        why = self.tr("no result yet") if result is None else self.tr("no portfolio in this result")
        add_subtitle(chart, why)

    def _connect_tooltips(self, bars: QBarSeries | QHorizontalBarSeries, texts: list[str]) -> None:
        """On hovering a bar, its exact figures (the bar labels are rounded)."""
        self._tooltips = texts

        def show(entered: bool, index: int, _bar_set: QBarSet) -> None:
            if entered and 0 <= index < len(self._tooltips):
                QToolTip.showText(QCursor.pos(), self._tooltips[index], self)
            else:
                QToolTip.hideText()

        bars.hovered.connect(show)


class SpendByYearChart(ResultChart):
    """Bars of the portfolio's spend in each plan year, the annual budgets as a line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spend_by_year_chart")
        self.set_result(None)

    def set_result(self, result: Result | None) -> None:
        chart = self.reset_chart(self.tr("Spend by plan year against budget"))
        if result is None or not result.spend_by_year:
            self._empty(chart, result)
            return
        chart.legend().show()
        unit = i18n.words().currency(result.case.settings.currency_unit)
        years = sorted(result.spend_by_year)
        spend = QBarSet(self.tr("Spend"))
        spend.setColor(SPEND_COLOUR)
        values = [result.spend_by_year[y][0] for y in years]
        spend.append(values)
        bars = QBarSeries()
        bars.append(spend)
        chart.addSeries(bars)
        self._connect_tooltips(bars, [self._tooltip(year, *result.spend_by_year[year], unit) for year in years])
        budgets = [(i, result.spend_by_year[y][1]) for i, y in enumerate(years)]
        budget_points = [QPointF(i, b) for i, b in budgets if b is not None]
        budget = None
        if budget_points:
            # A line only where every year has a budget; markers alone would not suggest a limit in between.
            budget = QLineSeries() if len(budget_points) == len(years) else QScatterSeries()
            budget.setName(self.tr("Budget"))
            budget.append(budget_points)
            budget.setColor(BUDGET_COLOUR)
            if isinstance(budget, QLineSeries):
                budget.setPen(QPen(BUDGET_COLOUR, 2.5))
                budget.setPointsVisible(True)
            chart.addSeries(budget)
        x_axis = QBarCategoryAxis()
        x_axis.append([str(y) for y in years])
        x_axis.setTitleText(self.tr("Plan year"))
        high = max([result.spend_by_year[y][0] for y in years] + [p.y() for p in budget_points] + [1e-9])
        y_axis = self.value_axis(self.tr("Spend ({unit})").format(unit=unit), 0.0, high * 1.08)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, budget):
            if series is not None:
                series.attachAxis(x_axis)
                series.attachAxis(y_axis)
        # In the middle of the bar: the budget line runs near the bar tops.
        self.bar_labels.set(bars, values, spend.labelFont(), inside=True)

    def labels_visible(self) -> bool:
        """Whether the figures show on the bars (only when every one fits its bar)."""
        return self.bar_labels.visible()

    def _tooltip(self, year: int, spend: float, budget: float | None, unit: str) -> str:
        if budget is None:
            return self.tr("{year}: spend {spend:,.2f} {unit}, no annual budget").format(
                year=year, spend=spend, unit=unit)
        return self.tr("{year}: spend {spend:,.2f} of budget {budget:,.2f} {unit}").format(
            year=year, spend=spend, budget=budget, unit=unit)

    def spend_values(self) -> dict[int, float]:
        """The bars as drawn: plan year -> spend."""
        return self._bar_values()

    def budget_values(self) -> dict[int, float]:
        """The budget points as drawn: plan year -> budget (years without a budget are absent)."""
        chart = self.chart()
        years = self._years()
        points = [p for s in chart.series() if isinstance(s, (QLineSeries, QScatterSeries)) for p in s.points()]
        return {years[round(p.x())]: p.y() for p in points}

    def _years(self) -> list[int]:
        axes = [a for a in self.chart().axes(Qt.Orientation.Horizontal) if isinstance(a, QBarCategoryAxis)]
        return [int(c) for c in axes[0].categories()] if axes else []

    def _bar_values(self) -> dict[int, float]:
        bars = [s for s in self.chart().series() if isinstance(s, QBarSeries)]
        if not bars:
            return {}
        spend = bars[0].barSets()[0]
        return {year: spend.at(i) for i, year in enumerate(self._years())}


def category_label(key: str | None) -> str:
    """The Chinese name of a strategic emerging industry, "传统/Traditional" for none."""
    if key in STRATEGIC_CATEGORIES:
        return STRATEGIC_CATEGORIES[key][1]
    return QCoreApplication.translate("CategoryChart", TRADITIONAL_LABEL)


def capex_by_category(result: Result) -> dict[str | None, float]:
    """The portfolio's capex by strategic category in the order of STRATEGIC_CATEGORIES, traditional last."""
    capex: dict[str | None, float] = {}
    for x in result.selected:
        key = result.case.project(x.id).strategic_category
        capex[key] = capex.get(key, 0.0) + x.capex
    order = [key for key in STRATEGIC_CATEGORIES if key in capex] + ([None] if None in capex else [])
    return {key: capex[key] for key in order}


class CategoryChart(ResultChart):
    """Horizontal bars of the portfolio's capex by strategic emerging industry, traditional business last."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("category_chart")
        self._height_hint = self.MINIMUM_HEIGHT
        self.set_result(None)

    def set_result(self, result: Result | None) -> None:
        chart = self.reset_chart(self.tr("Capex by strategic category"))
        if result is None or not result.selected:
            self._empty(chart, result)
            return
        chart.legend().hide()  # one bar set: its name is in the title
        unit = i18n.words().currency(result.case.settings.currency_unit)
        # Horizontal bars list their categories bottom-up; reversed, the first category is on top.
        capex = list(reversed(capex_by_category(result).items()))
        values = QBarSet(self.tr("Capex"))
        values.setColor(SPEND_COLOUR)
        values.append([value for _, value in capex])
        bars = QHorizontalBarSeries()
        bars.append(values)
        chart.addSeries(bars)
        total = sum(value for _, value in capex)
        self._connect_tooltips(bars, [self.tr("{name}: {value:,.2f} {unit}, {share:.1%} of capex").format(
            name=category_label(key), value=value, unit=unit, share=value / total if total else 0.0)
            for key, value in capex])
        categories = QBarCategoryAxis()
        categories.append([category_label(key) for key, _ in capex])
        # QtCharts elides a category label to "…" when its row is lower than the text (CJK glyphs come
        # from a taller fallback font): ask for room for each row, measured on the labels themselves.
        # A size hint, not a minimum, so a small window can still shrink (the labels then elide).
        metrics = QFontMetrics(categories.labelsFont())
        row_height = max(metrics.boundingRect(label).height() for label in categories.categories()) + 5
        self._height_hint = max(self.MINIMUM_HEIGHT, len(capex) * row_height + 150)
        self.updateGeometry()
        high = max(value for _, value in capex)
        # Room after the longest bar for its label.
        axis = self.value_axis(self.tr("Capex ({unit})").format(unit=unit), 0.0, high * 1.15)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(categories)
        bars.attachAxis(axis)
        self.bar_labels.set(bars, [value for _, value in capex], values.labelFont(), inside=False)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Tall enough that no category label is elided."""
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self._height_hint))

    def values(self) -> dict[str, float]:
        """The bars as drawn, top to bottom: category label -> capex."""
        bars = self.chart().series()
        axes = self.chart().axes(Qt.Orientation.Vertical)
        if not bars or not axes:
            return {}
        labels = axes[0].categories()
        values = bars[0].barSets()[0]
        return {labels[i]: values.at(i) for i in reversed(range(len(labels)))}
