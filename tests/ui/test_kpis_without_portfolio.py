"""When no portfolio keeps every rule, the KPI cards still show where the group stands and what was asked.

The demo's group baseline (Settings sheet, 企业基数): net profit 150 and equity 2,200 give ROE 6.82%;
liabilities 3,800 of assets 6,000 a debt ratio of 63.33%; R&D 75 of revenue 3,000 an intensity of
2.50%; labour output 900 亿元 over 120,000 people 0.0075 亿元 = 75.00 万元 per person. These are the
"before" figures the cards must keep showing when a target cannot be met.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.report.result import Result
from optimizer.solve.solver import Solution
from tests.ui.conftest import isolated_settings
from ui.i18n import install_language
from ui.panels.kpi_cards import NO_PORTFOLIO, KpiPanel
from ui.window.main_window import MainWindow

BEFORE = {"roe": "6.82%", "debt_ratio": "63.33%", "rd_intensity": "2.50%", "labour_productivity": "75.00"}


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


@pytest.fixture(scope="module")
def conflict(demo) -> Result:
    """ROE of at least 50%: no portfolio of the demo reaches it."""
    result = Planner().solve(demo.with_limits(min_roe=0.50))
    assert result.solution.status == "infeasible" and not result.kpis
    return result


@pytest.fixture
def panel(qtbot) -> KpiPanel:
    widget = KpiPanel()
    qtbot.addWidget(widget)
    return widget


def test_cards_show_the_figures_before_investing_and_the_targets(panel, conflict):
    panel.set_result(conflict)
    roe = panel.card("roe")
    assert roe.value_text() == "6.82% → —"
    assert roe.target_text() == "target ≥ 50.00%"
    assert roe.status_text() == "no portfolio keeps every rule"
    assert roe.state() == NO_PORTFOLIO
    assert panel.card("debt_ratio").value_text() == "63.33% → —"
    assert panel.card("debt_ratio").target_text() == "target ≤ 66.00%"
    productivity = panel.card("labour_productivity")
    assert productivity.value_text() == "75.00 → — CNY 10k per person"
    assert productivity.target_text() == "target ≥ 78.00 CNY 10k per person"
    assert panel.card("total_profit").value_text() == "200.00 → — CNY 100m"
    assert panel.card("total_profit").target_text() == "target ≥ 230.00 CNY 100m"  # 200 grown by 15%
    # Figures of the portfolio alone have no "before": a dash, the target if any, and the same reason.
    assert panel.card("strategic_share").value_text() == "—"
    assert panel.card("strategic_share").target_text() == "target ≥ 65.00%"
    assert panel.card("npv").value_text() == "—" and panel.card("npv").target_text() == ""
    assert {card.status_text() for card in panel.cards()} == {"no portfolio keeps every rule"}
    assert {card.state() for card in panel.cards()} == {NO_PORTFOLIO}


def test_no_portfolio_found_in_time_is_not_called_a_conflict(panel, demo):
    panel.set_result(Result(demo, Solution("no_solution")))
    assert panel.card("roe").value_text() == "6.82% → —"
    assert {card.status_text() for card in panel.cards()} == {"no portfolio"}


def test_in_chinese_the_reason_is_chinese(qtbot, qapp, conflict):
    assert install_language(qapp, "zh_CN") == "zh_CN"
    try:
        panel = KpiPanel()
        qtbot.addWidget(panel)
        panel.set_result(conflict)
        assert panel.card("roe").value_text() == "6.82% → —"
        status = panel.card("roe").status_text()
        assert status and status != "no portfolio keeps every rule"
        assert panel.card("labour_productivity").target_text().endswith("≥ 78.00 万元/人")
    finally:
        install_language(qapp, "en")


def test_an_infeasible_what_if_move_keeps_the_before_figures_on_the_cards(qtbot, tmp_path):
    window = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(window)
    window.show()
    try:
        with qtbot.waitSignal(window.controller.resultReady, timeout=60000):
            assert window.open_case(Path(DEMO_CASE))
        rd = window.whatif.rates["min_rd_intensity"]
        with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
            rd.slider.setValue(rd.slider.maximum())  # 10%
        assert blocker.args[0].solution.status == "infeasible"
        card = window.kpis.card("rd_intensity")
        assert card.value_text() == "2.50% → —"
        assert card.target_text() == "target ≥ 10.00%"
        assert card.status_text() == "no portfolio keeps every rule"
        for key, before in BEFORE.items():
            assert window.kpis.card(key).value_text().startswith(f"{before} → —"), key
    finally:
        window.controller.cancel()
        window.controller.wait()
