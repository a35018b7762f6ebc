"""What each target costs: every frontier point against brute-force enumeration (tests/reference.py)
and a hand-solved budget frontier."""

from __future__ import annotations

import threading

import pytest

from optimizer.analysis.frontier import levels_between, sweep
from optimizer.errors import AnalysisCancelled, AnalysisError, CaseError
from optimizer.io.workbook import read_case
from optimizer.solve.session import Session
from optimizer.words.language import Words
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects


def _case(tmp_path, projects, settings, enterprise=ENTERPRISE):
    return read_case(make_workbook(tmp_path / "case.xlsx", projects, settings, enterprise))


def _portfolio(point):
    return {s["id"]: (s["share"], s["start_year"]) for s in point.selected}


@pytest.mark.parametrize(("key", "levels", "limits"), [
    ("budget_2027", [12.0, 20.0, 28.0, 36.0, 60.0], {"budget_2028": 18.0}),
    ("min_strategic_share", [0.0, 0.3, 0.6, 0.9, 1.0], {"budget_2027": 35.0}),
    ("min_roe", [0.02, 0.024, 0.028, 0.04], {"budget_2027": 40.0}),
])
def test_every_point_is_the_optimum_at_its_level(tmp_path, key, levels, limits):
    projects = random_projects(21, n=6, deferrable=True, partial=True)
    case = _case(tmp_path, projects, limits)
    frontier = sweep(case, key, levels)
    assert [p.value for p in frontier.points] == levels
    statuses = set()
    for point in frontier.points:
        settings = {**limits, key: point.value}
        expected, _ = reference.enumerate_optimum(projects, settings, ENTERPRISE)
        statuses.add(point.status)
        if expected is None:
            assert point.status == "infeasible" and point.objective_value is None
            continue
        assert point.status == "optimal"
        assert point.objective_value == pytest.approx(expected, abs=1e-6)
        assert reference.broken_rules(projects, _portfolio(point), ENTERPRISE, settings) == []
        assert reference.figure(projects, _portfolio(point), ENTERPRISE, settings, "npv") == \
            pytest.approx(point.objective_value, abs=1e-6)
    assert "optimal" in statuses


def test_a_budget_frontier_never_falls(tmp_path):
    projects = random_projects(4, n=7, deferrable=True, partial=True)
    case = _case(tmp_path, projects, {"budget_2028": 20.0})
    frontier = sweep(case, "total_budget", levels_between(5.0, 80.0, 9))
    values = [p.objective_value for p in frontier.points]
    assert all(p.status == "optimal" for p in frontier.points)
    assert all(b >= a - 1e-9 for a, b in zip(values, values[1:], strict=False))
    assert values[-1] > values[0]
    assert all(p.reached <= p.value + 1e-9 for p in frontier.points)  # the capex used fits the budget


def _hand_case(tmp_path):
    """A costs 6 (NPV 10), B 5 (NPV 8), C 4 (NPV 5)."""
    projects = [
        {"id": "A", "name": "Alpha", "capex_2027": 6.0, "npv": 10.0, "strategic_category": "新能源"},
        {"id": "B", "name": "Beta", "capex_2027": 5.0, "npv": 8.0},
        {"id": "C", "name": "Gamma", "capex_2027": 4.0, "npv": 5.0},
    ]
    return _case(tmp_path, projects, {"total_budget": 10.0}, None)


def test_hand_solved_budget_frontier_and_its_sentences(tmp_path):
    # The best portfolio at each total budget, by hand: 4 -> C (5), 5 -> B (8), 6 -> A (10),
    # 9 -> B + C (13), 10 -> A + C (15), 11 -> A + B (18), 15 -> A + B + C (23).
    frontier = sweep(_hand_case(tmp_path), "total_budget", [4, 5, 6, 9, 10, 11, 15])
    assert [p.objective_value for p in frontier.points] == pytest.approx([5, 8, 10, 13, 15, 18, 23])
    assert [sorted(s["id"] for s in p.selected) for p in frontier.points] == \
        [["C"], ["B"], ["A"], ["B", "C"], ["A", "C"], ["A", "B"], ["A", "B", "C"]]
    assert frontier.sentence(4, 5) == \
        "Raising the total budget from 10.00 CNY 100m to 11.00 CNY 100m adds 3.0 CNY 100m of NPV."
    assert frontier.sentence(5, 4) == \
        "Lowering the total budget from 11.00 CNY 100m to 10.00 CNY 100m costs 3.0 CNY 100m of NPV."
    chinese = Words("zh_CN")
    assert chinese.text(frontier.sentence(4, 5)) == "将总预算从 10.00 亿元 提高到 11.00 亿元，净现值增加 3.0 亿元。"


def test_hand_solved_strategic_floor_frontier(tmp_path):
    # Budget 10; only A (capex 6) is strategic. Floor 0%: A + C (15). Floor 60%: A + C has 60%, still 15.
    # Floor 70%: A alone (100%), 10. Floor 0% to 70% costs 5.
    frontier = sweep(_hand_case(tmp_path), "min_strategic_share", [0.0, 0.6, 0.7])
    assert [p.objective_value for p in frontier.points] == pytest.approx([15, 15, 10])
    assert frontier.points[1].reached == pytest.approx(0.6)
    assert frontier.sentence(1, 2) == \
        "Raising the strategic emerging industry share floor from 60% to 70% costs 5.0 CNY 100m of NPV."
    assert frontier.sentence(0, 1).endswith("changes nothing.")


def test_the_sweep_re_solves_one_model(tmp_path):
    session = Session()
    case = _hand_case(tmp_path)
    steps = []
    frontier = sweep(case, "min_strategic_share", [0.2, 0.4, 0.5], session=session, progress=steps.append,
                     workers=1)  # in this process, on the session given
    assert session.rebuilds == 1  # the key was not in the case: one model built with it, then re-solved
    assert [s.done for s in steps] == [1, 2, 3] and {id(s.item) for s in steps} == {id(p) for p in frontier.points}
    sweep(case, "total_budget", [8.0, 12.0], session=session)
    assert session.rebuilds == 2


def test_keys_and_levels_that_cannot_be_swept(tmp_path):
    case = _hand_case(tmp_path)
    with pytest.raises(AnalysisError, match="not a Settings key"):
        sweep(case, "max_fun", [1.0])
    with pytest.raises(AnalysisError, match="score objective"):
        sweep(case, "weight_return", [0.5])
    with pytest.raises(AnalysisError, match="outside the plan"):
        sweep(case, "budget_2040", [5.0])
    with pytest.raises(AnalysisError, match="not a limit"):
        sweep(case, "time_limit", [5.0])
    with pytest.raises(CaseError, match="share between 0 and 1"):
        sweep(case, "min_strategic_share", [0.5, 1.5])
    with pytest.raises(CaseError, match="Enterprise"):
        sweep(case, "min_roe", [0.05])  # a ratio target needs the group's baseline
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(AnalysisCancelled):
        sweep(case, "total_budget", [8.0, 12.0], cancel=cancel)


def test_chinese_key_and_levels_between(tmp_path):
    frontier = sweep(_hand_case(tmp_path), "总预算", [6.0])
    assert frontier.vary == "total_budget" and frontier.points[0].objective_value == pytest.approx(10.0)
    assert levels_between(0.35, 0.45, 3) == [0.35, 0.4, 0.45]
    assert levels_between(7, 7, 1) == [7.0]
    with pytest.raises(AnalysisError):
        levels_between(1, 2, 0)
