"""The KPI cards show the engine's figures for the demo case, formatted, with met or missed in words."""

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea

from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.report.result import Result
from optimizer.solve.solver import Solution
from ui.panels.kpi_cards import CARD_KEYS, EMPTY, MET, MISSED, NO_TARGET, KpiPanel


@pytest.fixture(scope="module")
def result() -> Result:
    return Planner().solve(read_case(DEMO_CASE))


@pytest.fixture
def panel(qtbot) -> KpiPanel:
    widget = KpiPanel()
    qtbot.addWidget(widget)
    return widget


def with_kpi(result: Result, key: str, **changes) -> Result:
    return replace(result, kpis={**result.kpis, key: replace(result.kpis[key], **changes)})


def test_roe_card_shows_before_after_and_target(panel, result):
    roe = result.kpis["roe"]
    panel.set_result(result)
    card = panel.card("roe")
    assert card.value_text() == f"{roe.before * 100:.2f}% → {roe.after * 100:.2f}%"
    assert card.value_text() == "6.82% → 7.99%"  # the demo's ROE, as docs/engine.md's reader would check it
    assert card.target_text() == "target ≥ 7.00%"
    assert card.status_text() == "met"


def test_every_card_says_met_when_the_engine_says_met(panel, result):
    panel.set_result(result)
    for key in CARD_KEYS:
        kpi, card = result.kpis[key], panel.card(key)
        if kpi.met is None:
            assert (card.status_text(), card.state()) == ("no target", NO_TARGET)
        else:
            assert (card.status_text() == "met") == kpi.met
            assert card.state() == (MET if kpi.met else MISSED)
            assert card.property("kpiState") == card.state()


def test_money_cards_write_the_unit_once(panel, result):
    profit, npv = result.kpis["total_profit"], result.kpis["npv"]
    panel.set_result(result)
    assert panel.card("total_profit").value_text() == f"{profit.before:,.2f} → {profit.after:,.2f} CNY 100m"
    assert panel.card("total_profit").target_text() == f"target ≥ {profit.target:,.2f} CNY 100m"
    # NPV is a figure of the portfolio only: no before, no target.
    assert panel.card("npv").value_text() == f"{npv.after:,.2f} CNY 100m"
    assert panel.card("npv").target_text() == ""


def test_labour_productivity_is_shown_in_ten_thousands_per_person(panel, result):
    kpi = result.kpis["labour_productivity"]
    panel.set_result(result)
    card = panel.card("labour_productivity")
    assert card.value_text() == f"{kpi.before * 1e4:.2f} → {kpi.after * 1e4:.2f} CNY 10k per person"
    assert card.target_text() == f"target ≥ {kpi.target * 1e4:.2f} CNY 10k per person"


def test_debt_ratio_is_an_upper_limit(panel, result):
    panel.set_result(result)
    assert panel.card("debt_ratio").target_text().startswith("target ≤ ")


def test_missed_targets_say_by_how_much(panel, result):
    roe = result.kpis["roe"]
    debt = result.kpis["debt_ratio"]
    profit = result.kpis["total_profit"]
    missed = with_kpi(result, "roe", target=roe.after + 0.003, met=False)
    missed = with_kpi(missed, "debt_ratio", target=debt.after - 0.0125, met=False)
    missed = with_kpi(missed, "total_profit", target=profit.after + 3.2, met=False)
    panel.set_result(missed)
    assert panel.card("roe").status_text() == "missed by 0.30 pp"
    assert panel.card("debt_ratio").status_text() == "missed by 1.25 pp"
    assert panel.card("total_profit").status_text() == "missed by 3.20 CNY 100m"
    assert {panel.card(k).state() for k in ("roe", "debt_ratio", "total_profit")} == {MISSED}


def test_no_result_shows_placeholders(panel, result):
    panel.set_result(result)
    panel.set_result(None)
    for card in panel.cards():
        assert card.value_text() == "—"
        assert card.status_text() == "no result yet"
        assert card.state() == EMPTY


def test_a_result_without_portfolio_says_so(panel, result):
    panel.set_result(Result(result.case, Solution("infeasible")))
    assert {card.status_text() for card in panel.cards()} == {"no portfolio keeps every rule"}


def test_a_kpi_the_case_does_not_compute_is_a_placeholder(panel, result):
    panel.set_result(replace(result, kpis={k: v for k, v in result.kpis.items() if k != "roe"}))
    assert panel.card("roe").value_text() == "—"
    assert panel.card("roe").status_text() == "not computed for this case"


@pytest.mark.parametrize(("width", "columns"), [(500, 2), (700, 3), (900, 4), (1366, 4)])
def test_cards_reflow_and_are_not_clipped(qtbot, panel, result, width, columns):
    panel.set_result(result)
    panel.resize(width, 600)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.columns() == columns
    assert panel.sizeHint().height() <= 600  # all rows fit: nothing scrolls
    for card in panel.cards():
        assert card.parentWidget().rect().contains(card.geometry())
        assert card.visibleRegion().boundingRect().size() == card.size()
        for label in card.findChildren(QLabel):
            if label.isVisible():
                assert label.height() >= label.heightForWidth(label.width()), (card.key, label.text())


def test_a_squeezed_panel_scrolls_rather_than_clips(qtbot, panel, result):
    panel.set_result(result)
    panel.resize(500, 150)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.minimumSizeHint().height() <= 150  # it does not hold a window taller than one row
    scroll_bar = panel.findChild(QScrollArea).verticalScrollBar()
    qtbot.waitUntil(lambda: scroll_bar.isVisible() and scroll_bar.maximum() > 0)
    for card in panel.cards():
        assert card.height() >= card.minimumSizeHint().height()
