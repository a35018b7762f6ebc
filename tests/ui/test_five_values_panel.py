"""The Five values tab (ui/panels/five_values_panel.py) on the case worked by hand in tests/report/test_five_values.py
(tests/builders.py's FIVE_VALUES_PROJECTS: every project chosen), in English and in Chinese, and following the
window's answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from tests.builders import (
    FIVE_VALUES_ENTERPRISE,
    FIVE_VALUES_OUTLOOK,
    FIVE_VALUES_PROJECTS,
    FIVE_VALUES_SETTINGS,
    make_workbook,
)
from tests.ui.conftest import isolated_settings
from ui.i18n import install_language
from ui.panels.five_values_panel import FiveValuesPanel
from ui.window.main_window import MainWindow


@pytest.fixture(scope="module")
def case_path(tmp_path_factory) -> Path:
    return make_workbook(tmp_path_factory.mktemp("five_ui") / "five.xlsx", FIVE_VALUES_PROJECTS,
                         FIVE_VALUES_SETTINGS, FIVE_VALUES_ENTERPRISE, outlook=FIVE_VALUES_OUTLOOK)


@pytest.fixture(scope="module")
def result(case_path):
    return Planner().solve(read_case(case_path))


@pytest.fixture
def panel(qtbot, result):
    panel = FiveValuesPanel()
    qtbot.addWidget(panel)
    panel.set_result(result)
    return panel


def cells(panel, key):
    return [line.cells() for line in panel.blocks[key].lines()]


def test_steady_growth_shows_the_targets_met_and_the_worst_margin(panel):
    # by hand: 8 targets in force (the debt ratio and R&D intensity at full run rate and in 2027-2029); the closest,
    # the 2028 debt ratio, is 703 / 1150 = 61.13% under its 61.50% ceiling: 0.37 percentage points
    assert cells(panel, "stability") == [("Targets met", "8 of 8", "", "met"), ("Worst margin", "+0.37 pp", "", "met")]
    assert panel.blocks["stability"].lines()[1].note == "2028 debt ratio 61.13%, at most 61.50%"
    assert panel.blocks["stability"].carried_text() == "Carried by 3: A, B, D"


def test_returns_security_and_coordinated_development(panel):
    optimisation = dict((name, rest) for name, *rest in cells(panel, "optimisation"))
    assert optimisation["NPV"] == ["23.00 CNY 100m", "", ""]  # 12 + 1 + 8 + 2
    # capex-weighted IRR (9% x 60 + 1% x 30 + 11% x 50 + 6% x 20) / 160 = 7.75%, 4.75 points over the 3% hurdle
    assert optimisation["IRR over the hurdle rate"] == ["+4.75 pp", "", ""]
    assert optimisation["Strategic emerging industry share"] == ["68.75%", "≥ 50.00%", "met"]  # 110 / 160
    assert cells(panel, "security") == [("Security investment", "20.00 CNY 100m", "≥ 15.00 CNY 100m", "met"),
                                        ("Livelihood investment", "30.00 CNY 100m", "", "")]
    assert panel.blocks["security"].carried.toolTip() == "B  Water supply\nD  Grid link"
    promotion = panel.blocks["promotion"].lines()
    assert [line.cells() for line in promotion] == [("Livelihood and supply projects", "1", "", ""),
                                                    ("Regions invested in", "3", "", "")]
    assert promotion[1].note == "内蒙古 80.00 CNY 100m · 江苏 50.00 CNY 100m · 甘肃 30.00 CNY 100m"


def test_new_productive_forces_with_rd_intensity_year_by_year(panel):
    innovation = dict((name, rest) for name, *rest in cells(panel, "innovation"))
    assert innovation["Key core technology share"] == ["31.25%", "", ""]  # the chip line, 50 of 160
    # R&D: 10 of 500 before; after, 10 of 509 in 2027 (the water supply and the grid link add revenue), 10.4 of 529
    # from 2028 (the wind farm), 13.4 of 559 at full run rate (the chip line earns from 2030)
    assert innovation["R&D intensity in 2027"] == ["2.00% → 1.96%", "≥ 1.90%", "met"]
    assert innovation["R&D intensity in 2029"] == ["2.00% → 1.97%", "≥ 1.90%", "met"]
    assert innovation["R&D intensity at full run rate"] == ["2.00% → 2.40%", "≥ 1.90%", "met"]
    assert panel.blocks["innovation"].carried_text() == "Carried by 1: C"


def test_without_a_portfolio_the_panel_says_why(qtbot, result):
    infeasible = Planner().solve(result.case.with_limits(min_security_investment=100))  # 20 is all there is
    assert not infeasible.solution.has_portfolio
    panel = FiveValuesPanel()
    qtbot.addWidget(panel)
    panel.set_result(infeasible)
    assert panel.summary.text() == "No portfolio to report: no portfolio meets all the rules and targets."
    assert all(block.lines() == [] for block in panel.blocks.values())
    panel.set_result(None)
    assert panel.summary.text() == "No answer yet."


def test_in_chinese(qtbot, qapp, result):
    install_language(qapp, "zh_CN")
    panel = FiveValuesPanel()
    qtbot.addWidget(panel)
    panel.set_result(result)
    stability = panel.blocks["stability"]
    assert stability.title.text() == "稳增长"
    assert [line.cells() for line in stability.lines()] == [("达成的目标", "8 / 8", "", "已达成"),
                                                           ("最小余量", "+0.37 个百分点", "", "已达成")]
    assert stability.lines()[1].note == "2028年资产负债率为 61.13%，上限 61.50%"
    assert panel.blocks["security"].carried_text() == "承载项目 2 个：B、D"
    rd = dict((name, rest) for name, *rest in cells(panel, "innovation"))
    assert rd["2027年研发投入强度"] == ["2.00% → 1.96%", "≥ 1.90%", "已达成"]


def test_the_window_shows_the_five_values_of_its_answer(qtbot, tmp_path, case_path):
    window = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(window)
    panel = window.findChild(FiveValuesPanel)
    tabs = [window.answer_tabs.tabText(i) for i in range(window.answer_tabs.count())]
    assert tabs.index("Five values") == tabs.index("Limits and diagnosis") + 1
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000):
        assert window.open_case(case_path)
    qtbot.waitUntil(lambda: panel.blocks["stability"].lines() != [])
    assert cells(panel, "stability")[0] == ("Targets met", "8 of 8", "", "met")
    window.controller.cancel()
    window.controller.wait()
