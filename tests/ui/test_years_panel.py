"""The Year by year tab draws the group's figures in each plan year as the engine computes them, worked by hand on
the small cases of tests/builders.py: the middle-year case (the debt ratio peaks in 2028) and the one-plant case."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QToolTip

from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from optimizer.report.result import Result
from tests.builders import BORROWING_IN_2028, HAND_ENTERPRISE, HAND_PROJECT, MIDDLE_YEAR, make_workbook
from ui.i18n import install_language
from ui.panels.years_panel import YearsPanel
from ui.window.document import PlanningDocument
from ui.window.main_window import MainWindow


def solve(tmp_path, projects, settings, enterprise=HAND_ENTERPRISE, outlook=None) -> Result:
    return Planner().solve(read_case(make_workbook(tmp_path / "case.xlsx", projects, settings, enterprise,
                                                   outlook=outlook)))


@pytest.fixture
def panel(qtbot) -> YearsPanel:
    widget = YearsPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    return widget


@pytest.fixture
def middle_year(tmp_path) -> Result:
    """Under a 64.50% debt-ratio ceiling in every year only the upgrade C is taken (tests/test_year_by_year.py):
    it spends 10 in 2027, half of it equity, so the group's liabilities grow by 5 and its assets by 10."""
    result = solve(tmp_path, MIDDLE_YEAR, {"max_debt_ratio": 0.645, "kpi_check": "every_year"},
                   outlook=BORROWING_IN_2028)
    assert [s.id for s in result.selected] == ["C"]
    return result


def test_the_debt_ratio_chart_draws_the_middle_year_case(panel, middle_year):
    panel.set_result(middle_year)
    chart = panel.chart("debt_ratio")
    assert panel.showing_charts() and chart.chart().title() == "Debt ratio"
    # by hand, in percent: 600/1000 and 605/1010 in 2027 and 2029; the baseline borrows to 640/1010 in 2028
    assert chart.series_values("Before") == pytest.approx({2027: 60.0, 2028: 6400 / 101, 2029: 60.0})
    assert chart.series_values("After") == pytest.approx({2027: 60500 / 1010, 2028: 64500 / 1020,
                                                          2029: 60500 / 1010})
    # every_year: the plain ceiling holds in each plan year, drawn as a line
    assert chart.series_values("Target") == pytest.approx({2027: 64.5, 2028: 64.5, 2029: 64.5})
    assert chart.target_is_line()
    assert chart.missed_points() == {}
    assert chart.axis_title() == "%"
    # the engine's own numbers, as the headless command reports them
    assert chart.series_values("After")[2028] == pytest.approx(middle_year.kpis_by_year[2028]["debt_ratio"].after * 100)


def test_hovering_a_year_shows_its_liabilities_and_assets(panel, middle_year):
    panel.set_result(middle_year)
    panel.show()
    chart = panel.chart("debt_ratio")
    text = chart.tooltip_text(2028)
    lines = text.splitlines()
    assert lines[0] == "2028: Debt ratio"
    assert "before 63.37% → after 63.24%" in text and "target ≤ 64.50%: met" in text
    # 640 and 645 of liabilities, 1,010 and 1,020 of assets (CNY 100m), before and after
    assert _row(lines, "Total liabilities") == ["640.00", "645.00", "CNY 100m"]
    assert _row(lines, "Total assets") == ["1,010.00", "1,020.00", "CNY 100m"]
    assert lines[-1] == "Debt ratio = Total liabilities ÷ Total assets"
    # the mouse over the plot above 2028 shows it
    view = chart.chart()
    at = chart.mapFromScene(view.mapToScene(view.mapToPosition(QPointF(2028, 62.0))))
    assert chart.year_at(at) == 2028
    QApplication.sendEvent(chart.viewport(), QMouseEvent(QEvent.Type.MouseMove, QPointF(at),
                                                         QPointF(chart.viewport().mapToGlobal(at)),
                                                         Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                                         Qt.KeyboardModifier.NoModifier))
    assert "Total liabilities" in QToolTip.text() and "645.00" in QToolTip.text()
    QToolTip.hideText()
    assert chart.year_at(chart.mapFromScene(view.mapToScene(view.plotArea().topLeft())) - QPointF(5, 5)
                         .toPoint()) is None


def _row(lines: list[str], name: str) -> list[str]:
    """The cells after a part's name in the tooltip's table (each cell is a line of the plain text)."""
    start = lines.index(name)
    return lines[start + 1:start + 4]


def test_roe_is_hovered_with_its_average_net_assets(panel, tmp_path):
    # the one plant: 46 of net profit in 2028 on net assets of 420 at the start and 440 at the end (average 430)
    result = solve(tmp_path, [HAND_PROJECT], {})
    panel.set_result(result)
    chart = panel.chart("roe")
    assert chart.series_values("After") == pytest.approx({2027: 4000 / 410, 2028: 4600 / 430, 2029: 4600 / 440})
    lines = chart.tooltip_text(2028).splitlines()
    assert _row(lines, "Net profit") == ["40.00", "46.00", "CNY 100m"]
    assert _row(lines, "Net assets at the start of the year") == ["400.00", "420.00", "CNY 100m"]
    assert _row(lines, "Net assets at the end of the year") == ["400.00", "440.00", "CNY 100m"]
    assert _row(lines, "Average net assets") == ["400.00", "430.00", "CNY 100m"]
    assert lines[-1] == "ROE = Net profit ÷ Average net assets"
    growth = panel.chart("profit_growth").tooltip_text(2028).splitlines()
    assert _row(growth, "Total profit 2028") == ["50.00", "58.00", "CNY 100m"]
    assert growth[-1] == "Total profit growth = Total profit 2028 ÷ Total profit 2027 − 1"
    profit = panel.chart("total_profit").tooltip_text(2028).splitlines()
    assert _row(profit, "New projects") == ["0.00", "8.00", "CNY 100m"]


def test_a_year_the_group_would_miss_without_new_projects_is_marked(panel, tmp_path):
    # ROE 2028 at least 10.50%: without the plant 40 / 400 = 10.00% misses it; with it 46 / 430 = 10.70% keeps it
    result = solve(tmp_path, [HAND_PROJECT], {"min_roe_2028": 0.105})
    panel.set_result(result)
    chart = panel.chart("roe")
    assert chart.series_values("Target") == pytest.approx({2028: 10.5})
    assert not chart.target_is_line()  # one year only: a marker, not a line through the other years
    assert chart.missed_points() == {2028: [pytest.approx(10.0)]}
    assert "target ≥ 10.50%: met" in chart.tooltip_text(2028)


def test_a_year_the_portfolio_misses_is_marked_on_its_path(panel, middle_year):
    kpis = {**middle_year.kpis_by_year}
    kpis[2029] = {**kpis[2029], "debt_ratio": replace(kpis[2029]["debt_ratio"], target=0.59, met=False)}
    panel.set_result(replace(middle_year, kpis_by_year=kpis))
    chart = panel.chart("debt_ratio")
    # 2029: before 60.00% and after 59.90% are both above a 59% ceiling
    assert chart.missed_points() == {2029: pytest.approx([60.0, 60500 / 1010])}
    assert "target ≤ 59.00%: missed" in chart.tooltip_text(2029)


def test_labour_productivity_in_ten_thousands_per_person(panel, tmp_path):
    # 100 of labour output (CNY 100m) over 1,000 people: 0.1 CNY 100m = 1,000 CNY 10k per person
    result = solve(tmp_path, [HAND_PROJECT], {})
    panel.set_result(result)
    chart = panel.chart("labour_productivity")
    assert chart.axis_title() == "CNY 10k per person"
    assert chart.series_values("After") == pytest.approx({2027: 1000.0, 2028: 1000.0, 2029: 1000.0})
    lines = chart.tooltip_text(2027).splitlines()
    assert _row(lines, "Average headcount") == ["1,000", "1,000", "people"]
    assert panel.chart("total_profit").axis_title() == "CNY 100m"


def test_without_a_portfolio_the_group_without_new_projects_is_drawn(panel, tmp_path):
    # A mandatory and a 64% ceiling every year conflict (tests/test_year_by_year.py): no portfolio
    projects = [{**MIDDLE_YEAR[0], "mandatory": True}, *MIDDLE_YEAR[1:]]
    result = solve(tmp_path, projects, {"max_debt_ratio": 0.64, "kpi_check": "every_year"},
                   outlook=BORROWING_IN_2028)
    assert not result.solution.has_portfolio
    panel.set_result(result)
    chart = panel.chart("debt_ratio")
    assert chart.series_values("Before") == pytest.approx({2027: 60.0, 2028: 6400 / 101, 2029: 60.0})
    assert chart.series_values("After") == {}
    assert chart.series_values("Target") == pytest.approx({2027: 64.0, 2028: 64.0, 2029: 64.0})
    assert chart.chart().title() == "Debt ratio"
    assert panel.note.text().startswith("No portfolio keeps every rule. Each plan year shows the group without new "
                                        "projects")
    lines = chart.tooltip_text(2028).splitlines()
    assert "without new projects 63.37%" in lines
    assert _row(lines, "Total liabilities")[:2] == ["640.00", "CNY 100m"]


def test_a_case_without_an_enterprise_sheet_says_so(panel, tmp_path):
    panel.set_result(solve(tmp_path, [HAND_PROJECT], {}, enterprise=None))
    assert not panel.showing_charts()
    assert "no Enterprise sheet" in panel.message.text()
    panel.set_result(None)
    assert panel.message.text() == "No result yet."


def test_the_note_says_when_no_target_binds_in_a_plan_year(panel, tmp_path, middle_year):
    panel.set_result(solve(tmp_path, [HAND_PROJECT], {"min_roe": 0.05}))
    assert "No target binds in a plan year" in panel.note.text()
    panel.set_result(middle_year)
    assert "No target binds" not in panel.note.text()


def test_the_panel_follows_the_document(qtbot, tmp_path, middle_year):
    document = PlanningDocument()
    panel = YearsPanel(document)
    qtbot.addWidget(panel)
    assert panel.message.text() == "No result yet."
    document.resultChanged.emit(middle_year)
    assert panel.chart("debt_ratio").series_values("After")[2028] == pytest.approx(64500 / 1020)
    document.stop()


def test_the_grid_follows_the_width(panel):
    panel.show()
    panel.resize(1200, 700)
    assert panel.columns() == 3
    panel.resize(700, 700)
    assert panel.columns() == 2
    panel.resize(500, 700)
    assert panel.columns() == 1


def test_in_chinese(qtbot, qapp, tmp_path, middle_year):
    assert install_language(qapp, "zh_CN") == "zh_CN"
    panel = YearsPanel()
    qtbot.addWidget(panel)
    panel.set_result(middle_year)
    chart = panel.chart("debt_ratio")
    assert chart.chart().title() == "资产负债率"
    lines = chart.tooltip_text(2028).splitlines()
    assert _row(lines, "负债总额") == ["640.00", "645.00", "亿元"]
    assert _row(lines, "资产总额") == ["1,010.00", "1,020.00", "亿元"]
    assert lines[-1] == "资产负债率 = 负债总额 ÷ 资产总额"
    assert "投资前" in chart.tooltip_text(2028)


def test_the_window_shows_the_tab_after_charts_with_its_answer(qtbot, app_settings, tmp_path):
    window = MainWindow(app_settings)
    qtbot.addWidget(window)
    window.show()
    tabs = window.answer_tabs
    index = [tabs.tabText(i) for i in range(tabs.count())].index("Year by year")
    assert tabs.tabText(index - 1) == "Charts"
    panel = tabs.widget(index)
    assert isinstance(panel, YearsPanel) and panel.message.text() == "No result yet."
    path = make_workbook(tmp_path / "middle.xlsx", MIDDLE_YEAR, {"max_debt_ratio": 0.645, "kpi_check": "every_year"},
                         HAND_ENTERPRISE, outlook=BORROWING_IN_2028)
    try:
        with qtbot.waitSignal(window.controller.resultReady, timeout=60000):
            assert window.open_case(path)
        tabs.setCurrentWidget(panel)
        # C alone: 645 / 1020 in 2028, as worked above
        assert panel.showing_charts()
        assert panel.chart("debt_ratio").series_values("After")[2028] == pytest.approx(64500 / 1020)
    finally:
        window.controller.cancel()
        window.controller.wait()
