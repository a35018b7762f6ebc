"""The KPI cards' sparklines: each of the group's figures across the plan years, as the engine computes them, on the
small cases of tests/builders.py worked by hand."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from optimizer.report.result import Result
from tests.builders import BORROWING_IN_2028, HAND_ENTERPRISE, HAND_PROJECT, MIDDLE_YEAR, make_workbook
from ui.panels.kpi_cards import CARD_KEYS, KpiPanel


def solve(tmp_path, projects, settings, enterprise=HAND_ENTERPRISE, outlook=None) -> Result:
    return Planner().solve(read_case(make_workbook(tmp_path / "case.xlsx", projects, settings, enterprise,
                                                   outlook=outlook)))


@pytest.fixture
def panel(qtbot) -> KpiPanel:
    widget = KpiPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    return widget


def test_the_debt_ratio_card_draws_the_middle_year_case(panel, tmp_path):
    # only the upgrade C (10 in 2027, half equity) keeps a 64.50% ceiling in every year (tests/test_year_by_year.py)
    result = solve(tmp_path, MIDDLE_YEAR, {"max_debt_ratio": 0.645, "kpi_check": "every_year"},
                   outlook=BORROWING_IN_2028)
    panel.set_result(result)
    line = panel.card("debt_ratio").sparkline
    assert line.isVisible()
    assert line.values("before") == pytest.approx({2027: 0.6, 2028: 640 / 1010, 2029: 0.6})
    assert line.values("after") == pytest.approx({2027: 605 / 1010, 2028: 645 / 1020, 2029: 605 / 1010})
    assert line.values("target") == pytest.approx({2027: 0.645, 2028: 0.645, 2029: 0.645})
    assert line.missed() == []
    assert line.toolTip().splitlines()[1] == "2028: 63.37% → 63.24% (target ≤ 64.50%)"
    # the 2028 peak is drawn above 2027
    assert line.point(2028, 645 / 1020).y() < line.point(2027, 605 / 1010).y()


def test_only_the_groups_own_figures_have_one(panel, tmp_path):
    panel.set_result(solve(tmp_path, [HAND_PROJECT], {}))
    with_line = {key for key in CARD_KEYS if panel.card(key).sparkline is not None}
    assert with_line == {"total_profit", "roe", "debt_ratio", "rd_intensity", "operating_cash_ratio",
                         "labour_productivity"}
    # total profit by hand: 50, then 58 once the plant earns (from 2028)
    profit = panel.card("total_profit").sparkline
    assert profit.values("after") == pytest.approx({2027: 50, 2028: 58, 2029: 58})
    assert profit.toolTip().splitlines()[0] == "2027: 50.00 CNY 100m → 50.00 CNY 100m"


def test_a_year_that_misses_its_target_is_painted_red(panel, tmp_path):
    # ROE 2028 at least 10.50%: without the plant 40 / 400 = 10.00% misses it, with it 46 / 430 = 10.70% keeps it
    panel.set_result(solve(tmp_path, [HAND_PROJECT], {"min_roe_2028": 0.105}))
    line = panel.card("roe").sparkline
    assert line.missed() == [(2028, pytest.approx(0.10))]
    image = line.grab().toImage()
    at = line.point(2028, 0.10).toPoint()
    colour = QColor(image.pixel(at))
    assert colour.red() > 150 and colour.green() < 90 and colour.blue() < 90, colour.name()
    # and the after line is painted in its colour at its first point
    first = QColor(image.pixel(line.point(2027, 40 / 410).toPoint()))
    assert first.blue() > first.red(), first.name()


def test_without_a_portfolio_the_group_alone(panel, tmp_path):
    projects = [{**MIDDLE_YEAR[0], "mandatory": True}, *MIDDLE_YEAR[1:]]
    result = solve(tmp_path, projects, {"max_debt_ratio": 0.64, "kpi_check": "every_year"}, outlook=BORROWING_IN_2028)
    assert not result.solution.has_portfolio
    panel.set_result(result)
    line = panel.card("debt_ratio").sparkline
    assert line.isVisible() and line.values("after") == {}
    assert line.values("before") == pytest.approx({2027: 0.6, 2028: 640 / 1010, 2029: 0.6})
    assert line.toolTip().splitlines()[1] == "2028: 63.37% without new projects (target ≤ 64.00%)"


def test_hidden_without_the_groups_figures_or_a_result(panel, tmp_path):
    panel.set_result(solve(tmp_path, [HAND_PROJECT], {}, enterprise=None))
    assert not panel.card("roe").sparkline.isVisible()
    panel.set_result(None)
    assert not panel.card("debt_ratio").sparkline.isVisible()
