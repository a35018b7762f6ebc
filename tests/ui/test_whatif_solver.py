"""The what-if solve: results arrive as signals, the newest request wins, cancel keeps the old answer, a conflict
is answered at once and diagnosed after."""

from __future__ import annotations

import pytest

from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from ui.window.whatif_solver import WhatIfSolver


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


@pytest.fixture
def controller(qtbot):
    c = WhatIfSolver(debounce_ms=50)
    yield c
    c.cancel()
    c.wait()


def test_result_arrives_as_a_signal_and_matches_the_engine(qtbot, controller, demo):
    case = demo.with_limits(total_budget=700)
    with qtbot.waitSignal(controller.resultReady, timeout=60000) as blocker:
        controller.request(case)
    result = blocker.args[0]
    expected = Planner().solve(case)
    assert result.solution.objective_value == pytest.approx(expected.solution.objective_value, rel=2e-4)
    assert result.case.settings.limits["total_budget"] == 700


def test_newest_request_wins(qtbot, controller, demo):
    seen = []
    controller.resultReady.connect(seen.append)
    controller.request(demo.with_limits(total_budget=600), immediate=True)
    controller.request(demo.with_limits(total_budget=650), immediate=True)
    with qtbot.waitSignal(controller.resultReady, timeout=60000):
        controller.request(demo.with_limits(total_budget=700), immediate=True)
    controller.wait()
    qtbot.wait(100)
    assert [r.case.settings.limits["total_budget"] for r in seen] == [700]


def test_debounce_solves_only_the_last_of_quick_moves(qtbot, controller, demo):
    seen = []
    controller.resultReady.connect(seen.append)
    with qtbot.waitSignal(controller.resultReady, timeout=60000):
        for budget in (610, 620, 630, 640):
            controller.request(demo.with_limits(total_budget=budget))
    controller.wait()
    qtbot.wait(100)
    assert [r.case.settings.limits["total_budget"] for r in seen] == [640]
    assert controller.session.rebuilds == 1


def test_cancel_emits_cancelled_and_no_result(qtbot, controller, demo):
    seen = []
    controller.resultReady.connect(seen.append)
    with qtbot.waitSignal(controller.started, timeout=5000):
        controller.request(demo, immediate=True, gap=0.0)
    with qtbot.waitSignal(controller.cancelled, timeout=10000):
        controller.cancel()
    controller.wait()
    qtbot.wait(100)
    assert seen == []
    assert not controller.busy


def test_a_conflict_is_answered_at_once_and_diagnosed_after(qtbot, controller, demo):
    """A slider moved into a conflict: "infeasible" comes first, then the diagnosis, which names the
    target that was moved (an R&D intensity of 3.5% is more than the demo's candidates can reach)."""
    case = demo.with_limits(min_rd_intensity=0.035)
    states = []
    controller.diagnosing.connect(states.append)
    def refined(result) -> bool:  # the first answer comes before it
        return bool(result.diagnosis) and all(item.refined for item in result.diagnosis)

    with qtbot.waitSignal(controller.diagnosisReady, timeout=120000, check_params_cb=refined) as diagnosed:
        with qtbot.waitSignal(controller.resultReady, timeout=60000) as answered:
            controller.request(case, immediate=True)
        assert answered.args[0].solution.status == "infeasible"
        assert answered.args[0].diagnosis == []
        assert controller.busy  # still diagnosing
    items = diagnosed.args[0].diagnosis
    assert "min_rd_intensity" in {item.constraint for item in items}
    assert states == [True, False]
    controller.wait()
    qtbot.wait(50)
    assert not controller.busy


def test_a_new_request_stops_the_diagnosis(qtbot, controller, demo):
    diagnosed = []
    controller.diagnosisReady.connect(diagnosed.append)
    with qtbot.waitSignal(controller.diagnosing, timeout=60000):
        controller.request(demo.with_limits(min_rd_intensity=0.035), immediate=True)
    with qtbot.waitSignal(controller.resultReady, timeout=60000) as blocker:
        controller.request(demo.with_limits(total_budget=700), immediate=True)
    assert blocker.args[0].solution.has_portfolio
    controller.wait()
    qtbot.wait(100)
    assert diagnosed == []
    assert not controller.busy
