"""The chart view every chart of the app draws on, and the colours they share.

A `ChartView` holds one QChart, antialiased, its legend at the bottom and its title bold; each chart
(the answer's in ui/charts/results.py, the trade-off and risk frontiers in ui/panels/) redraws itself by
`reset_chart(title)` and adding its series, with axes from `value_axis`. `add_subtitle` says under the
title why a chart is empty or out of date. Nothing here knows what is drawn.
"""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

SPEND_COLOUR = QColor("#4e79a7")
"""What is drawn first: spend, capex, the best objective."""
BUDGET_COLOUR = QColor("#e15759")
"""A limit or a second line: the annual budgets, the CVaR."""
CURRENT_COLOUR = QColor("#f28e2b")
"""Where the case stands now: the current level of a target, the current risk aversion."""


class ChartView(QChartView):
    """A chart view with one chart, antialiased, legend at the bottom."""

    MINIMUM_HEIGHT = 240

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(320, self.MINIMUM_HEIGHT)
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        font = chart.titleFont()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        chart.setTitleFont(font)
        self.setChart(chart)

    def reset_chart(self, title: str) -> QChart:
        """The chart emptied of its series and axes, with this title, ready to be drawn again."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        return chart

    @staticmethod
    def value_axis(title: str, low: float, high: float) -> QValueAxis:
        """An axis from `low` to `high` on round numbers, whole numbers unless the range is narrow."""
        axis = QValueAxis()
        axis.setTitleText(title)
        axis.setRange(low, high)
        axis.applyNiceNumbers()
        axis.setLabelFormat("%.0f" if axis.max() - axis.min() >= 10 else "%.2f")
        return axis


def add_subtitle(chart: QChart, text: str) -> None:
    """A line in normal weight under the chart's title (why it is empty, that it is out of date)."""
    chart.setTitle(f"<div align='center'>{chart.title()}<br><span style='font-weight:normal'>{text}</span></div>")
