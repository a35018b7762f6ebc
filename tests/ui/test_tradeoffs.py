"""The Trade-offs tab driven as a user would: pick a target, Compute, read the chart and the sentence,
click a point; every figure checked against independent solves of the case at that level."""

from __future__ import annotations

from pathlib import Path

import pytest

from optimizer.analysis.frontier import with_setting
from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from tests.builders import ENTERPRISE, make_workbook, random_projects
from tests.reference import enumerate_all_or_nothing
from tests.ui.conftest import isolated_settings
from ui.panels.tradeoffs import TradeoffsPanel
from ui.window.document import PlanningDocument
from ui.window.main_window import MainWindow

LIMITS = {"total_budget": 40.0, "min_strategic_share": 0.3, "objective": "npv"}


@pytest.fixture
def small_case(tmp_path) -> Path:
    return make_workbook(tmp_path / "small.xlsx", random_projects(8, n=7), LIMITS, ENTERPRISE)


@pytest.fixture
def window(qtbot, tmp_path, small_case):
    w = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.controller.resultReady, timeout=60000):
        assert w.open_case(small_case)
    yield w
    w.tradeoffs.tasks.cancel()
    w.tradeoffs.wait()
    w.controller.cancel()
    w.controller.wait()


def _optimum(case) -> float | None:
    solution = Planner().solve(case, gap=0.0).solution
    return solution.objective_value if solution.has_portfolio else None


def _compute(qtbot, panel: TradeoffsPanel, key: str, points: int = 5):
    panel.key_combo.setCurrentIndex(panel.key_combo.findData(key))
    panel.points_box.setValue(points)
    with qtbot.waitSignal(panel.tasks.finished, timeout=60000):
        panel.compute_button.click()
    return panel.frontier


def test_default_range_is_around_the_current_level(window):
    panel = window.tradeoffs
    panel.key_combo.setCurrentIndex(panel.key_combo.findData("total_budget"))
    assert panel.low_box.value() == pytest.approx(0.6 * 40.0)
    assert panel.high_box.value() == pytest.approx(1.4 * 40.0)
    assert "CNY 100m" in panel.low_box.suffix()
    panel.key_combo.setCurrentIndex(panel.key_combo.findData("min_strategic_share"))
    assert (panel.low_box.value(), panel.high_box.value()) == pytest.approx((20.0, 40.0))
    assert panel.low_box.suffix() == "%"
    panel.points_box.setValue(5)
    assert panel.levels() == pytest.approx([0.2, 0.25, 0.3, 0.35, 0.4])


def test_each_point_is_the_optimum_of_the_case_at_that_level(qtbot, window):
    panel = window.tradeoffs
    frontier = _compute(qtbot, panel, "total_budget", points=5)
    case = window.case
    assert [p.value for p in frontier.points] == pytest.approx([24.0, 32.0, 40.0, 48.0, 56.0])
    drawn = dict(panel.chart.drawn_points())
    for point in frontier.points:
        expected = _optimum(with_setting(case, "total_budget", point.value))
        if expected is None:
            assert not point.has_portfolio
            continue
        assert point.objective_value == pytest.approx(expected, abs=1e-6)
        assert any(abs(x - point.value) < 1e-9 and abs(y - expected) < 1e-6 for x, y in drawn.items())
    # the sentence reads out the step from the current level (40) to the next (48)
    p40, p48 = frontier.points[2], frontier.points[3]
    change = p48.objective_value - p40.objective_value
    sentence = panel.sentence.text()
    assert sentence.startswith("Raising the total budget from 40.00 CNY 100m to 48.00 CNY 100m")
    assert (f"{abs(change):,.1f}" in sentence) if abs(change) >= 0.05 else "changes nothing" in sentence


def test_share_floor_axis_is_in_percent(qtbot, window):
    panel = window.tradeoffs
    frontier = _compute(qtbot, panel, "min_strategic_share", points=3)
    xs = sorted(x for x, _ in panel.chart.drawn_points())
    solved = sorted(p.value * 100 for p in frontier.points if p.has_portfolio)
    assert xs == pytest.approx(solved)
    axis = panel.chart.chart().axes()[0]
    assert "(%)" in axis.titleText()
    assert "%" in panel.sentence.text() or "no portfolio" in panel.sentence.text()


def test_clicking_a_point_loads_that_case_and_syncs_the_sliders(qtbot, window):
    panel = window.tradeoffs
    frontier = _compute(qtbot, panel, "total_budget", points=3)
    before = window.case
    target = sorted(p.value for p in frontier.points if p.has_portfolio)[0]
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
        panel.chart.click(0)
    assert window.case == with_setting(before, "total_budget", target)
    assert window.whatif.current_case().settings.limits["total_budget"] == pytest.approx(target)
    point = next(p for p in frontier.points if p.value == target)
    assert blocker.args[0].solution.objective_value == pytest.approx(point.objective_value, abs=1e-4)
    assert not panel.stale  # only the varied key changed: the chart still holds
    assert "out of date" not in panel.chart.chart().title()


def test_editing_the_case_marks_the_chart_out_of_date(qtbot, window):
    panel = window.tradeoffs
    _compute(qtbot, panel, "total_budget", points=2)
    assert not panel.stale
    window.document.relax({"min_strategic_share": 0.1})
    assert panel.stale
    assert "out of date" in panel.chart.chart().title()


def test_cancel_stops_the_sweep(qtbot, window):
    panel = window.tradeoffs
    panel.key_combo.setCurrentIndex(panel.key_combo.findData("total_budget"))
    panel.points_box.setValue(25)
    panel.compute_button.click()
    assert not panel.progress.isHidden() and panel.cancel_button.isEnabled()
    panel.cancel_button.click()
    assert not panel.running()
    assert not panel.cancel_button.isEnabled() and panel.progress.isHidden()
    assert "Cancelled" in panel.status.text()


def test_levels_with_no_portfolio_are_crosses_on_the_level_axis(qtbot, window):
    # The ROE floor from 2% to 14%: the enumerated optimum (tests/reference.py) says which levels
    # have no portfolio at all; those, and only those, are drawn as crosses, and the sentence says
    # from which level on there is none.
    panel = window.tradeoffs
    panel.key_combo.setCurrentIndex(panel.key_combo.findData("min_roe"))
    panel.low_box.setValue(2.0)
    panel.high_box.setValue(14.0)
    frontier = _compute(qtbot, panel, "min_roe", points=4)
    levels = [0.02, 0.06, 0.10, 0.14]
    assert [p.value for p in frontier.points] == pytest.approx(levels)
    projects = random_projects(8, n=7)
    best = {level: enumerate_all_or_nothing(projects, {**LIMITS, "min_roe": level}, ENTERPRISE)[0]
            for level in levels}
    none = [level for level in levels if best[level] is None]
    with_one = [level for level in levels if best[level] is not None]
    assert none and with_one and max(with_one) < min(none), "the case's ROE runs out inside the range"
    assert panel.chart.no_portfolio_levels() == pytest.approx([100 * level for level in none])
    drawn = panel.chart.drawn_points()
    assert [x for x, _ in drawn] == pytest.approx([100 * level for level in with_one])
    assert [y for _, y in drawn] == pytest.approx([best[level] for level in with_one], abs=1e-6)
    crosses = next(s for s in panel.chart.chart().series() if s.objectName() == "no_portfolio")
    assert crosses.name() == "No portfolio meets the targets"
    assert all(p.y() < min(y for _, y in drawn) for p in crosses.points())  # along the bottom, under the line
    assert (f"with the ROE floor at {100 * min(none):.4g}% or above; the highest level with one is "
            f"{100 * max(with_one):.4g}%.") in panel.sentence.text()
    panel.chart.click(0)  # the crosses are not points to load: the first click loads the lowest level with one
    assert window.case.settings.limits["min_roe"] == pytest.approx(min(with_one))


def test_a_labour_productivity_range_is_typed_in_10k_cny_per_person(qtbot, tmp_path):
    """The demo's kind of target, 0.0075 亿元 a person, in boxes of two decimals: shown and typed as 75 万元/人
    (0.0075 × 10,000), its range 60% to 140% of it, 45.00 to 105.00, not 0.00 to 0.01 (issue 16, item 4)."""
    case = read_case(make_workbook(tmp_path / "p.xlsx", random_projects(8, n=4),
                                   {**LIMITS, "min_labour_productivity": 0.0075}, ENTERPRISE))
    document = PlanningDocument()
    panel = TradeoffsPanel(document)
    qtbot.addWidget(panel)
    panel.set_case(case)
    panel.key_combo.setCurrentIndex(panel.key_combo.findData("min_labour_productivity"))
    assert (panel.low_box.value(), panel.high_box.value()) == pytest.approx((45.0, 105.0))
    assert panel.low_box.suffix() == " CNY 10k per person"
    panel.points_box.setValue(3)
    assert panel.levels() == pytest.approx([0.0045, 0.0075, 0.0105])
    document.stop()
