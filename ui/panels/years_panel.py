"""The Year by year tab: the group's figures ("one profit, five rates") in each plan year, a chart each.

It follows the document's answer (ui/window/document.py): each new answer redraws the seven charts of
ui/charts/years.py from `Result.kpis_by_year`, with what makes up each figure in each year for the hover
(optimizer/report/year_parts.py). An answer without a portfolio (the targets conflict) shows the group without
new projects against its targets. A case without an Enterprise sheet has no figures of the group: the tab says
so in a sentence instead of showing empty charts.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from optimizer.model.measures import Figures
from optimizer.report.kpis import year_figures
from optimizer.report.result import Kpi, Result
from optimizer.report.year_parts import parts_by_year
from optimizer.solve.solver import Status
from ui import i18n
from ui.charts.years import YearChart, path_of, without_new_projects
from ui.window.document import PlanningDocument


class YearsPanel(QWidget):
    """A chart per figure of the group across the plan years, in a grid of 1 to 3 columns that scrolls."""

    MIN_CHART_WIDTH = 340
    MAX_COLUMNS = 3

    def __init__(self, document: PlanningDocument | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("years_panel")
        self.note = QLabel()
        self.note.setObjectName("years_note")
        self.note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("years_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setMargin(12)
        self._charts = {figure.key: YearChart(figure.key) for figure in year_figures()}
        grid_widget = QWidget()
        self._grid = QGridLayout(grid_widget)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(6)
        self._scroll = scroll = QScrollArea()
        scroll.setWidget(grid_widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.addWidget(self.note)
        charts_layout.addWidget(scroll, 1)
        self._pages = QStackedWidget()
        self._pages.addWidget(self.message)
        self._pages.addWidget(charts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._pages)
        self._columns = 0
        self._arrange(2)
        self.set_result(None)
        if document is not None:
            document.resultChanged.connect(self.set_result)
            self.set_result(document.result)

    def chart(self, key: str) -> YearChart:
        return self._charts[key]

    def charts(self) -> list[YearChart]:
        return list(self._charts.values())

    def scroll_to(self, chart: YearChart) -> None:
        """Bring a chart into view (the grid scrolls when the tab is shorter than the charts)."""
        self._scroll.verticalScrollBar().setValue(chart.y())

    def columns(self) -> int:
        return self._columns

    def showing_charts(self) -> bool:
        """True when the charts are shown, False when a sentence stands in for them."""
        return self._pages.currentIndex() == 1

    def set_result(self, result: Result | None) -> None:
        if result is None:
            self._say(self.tr("No result yet."))
            return
        case = result.case
        if case.enterprise is None:
            self._say(self.tr("This case has no Enterprise sheet: the group's profit and rates year by year are "
                              "measured from its baseline figures (revenue, profit, assets, liabilities...)."))
            return
        figures = Figures(case)
        if result.solution.has_portfolio and result.kpis_by_year:
            shares, by_year = result.solution.option_shares, result.kpis_by_year
            what = self.tr("Each plan year: dashed without new projects, solid with the recommended portfolio, the "
                           "target where one binds that year; a year that misses it is marked red.")
        else:  # the group without new projects against its targets
            shares, by_year = np.zeros(figures.n), without_new_projects(case, figures)
            what = (self.tr("No portfolio keeps every rule.") if result.solution.status == Status.INFEASIBLE
                    else self.tr("No portfolio."))
            what = _sentences(what, self.tr("Each plan year shows the group without new projects against the "
                                            "target that binds that year; a year that misses it is marked red."))
        parts = parts_by_year(figures, shares)
        unit = case.settings.currency_unit
        for key, chart in self._charts.items():
            chart.set_path(path_of(by_year, key), {year: row[key] for year, row in parts.items()}, unit)
        self.note.setText(_sentences(what, self.tr("Hover over a year for the amounts that make up the figure."),
                                     self._no_target(by_year)))
        self._pages.setCurrentIndex(1)

    def _no_target(self, by_year: dict[int, dict[str, Kpi]]) -> str:
        if any(kpi.target is not None for row in by_year.values() for kpi in row.values()):
            return ""
        return self.tr("No target binds in a plan year: the targets bind after the plan unless the KPI check is "
                       "every year or a target is set for a year.")

    def _say(self, sentence: str) -> None:
        self.message.setText(sentence)
        self._pages.setCurrentIndex(0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        spacing = self._grid.horizontalSpacing()
        fits = (event.size().width() + spacing) // (self.MIN_CHART_WIDTH + spacing)
        self._arrange(max(1, min(self.MAX_COLUMNS, fits)))

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        for chart in self._charts.values():
            self._grid.removeWidget(chart)
        for index, chart in enumerate(self._charts.values()):
            self._grid.addWidget(chart, index // columns, index % columns)
        for column in range(self.MAX_COLUMNS):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)
        self._columns = columns


def _sentences(*sentences: str) -> str:
    """Sentences one after the other: with a space in English, without in Chinese."""
    return ("" if i18n.is_chinese() else " ").join(s for s in sentences if s)
