"""Why (not) project X: every figure of `explain` against brute-force enumeration (tests/reference.py)
and hand-solved cases."""

from __future__ import annotations

import threading

import pytest

from optimizer.analysis.explain import NPV_TOLERANCE, explain_excluded, explain_project
from optimizer.errors import AnalysisCancelled, AnalysisError
from optimizer.io.workbook import read_case
from optimizer.solve.session import Session
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects


def _case(tmp_path, projects, settings, enterprise=ENTERPRISE):
    return read_case(make_workbook(tmp_path / "case.xlsx", projects, settings, enterprise))


def _with(projects, project_id, **changes):
    return [{**p, **changes} if p["id"] == project_id else p for p in projects]


def _forced_optimum(projects, project_id, into, settings, objective="npv"):
    changed = _with(projects, project_id, mandatory=into, excluded=not into)
    value, _ = reference.enumerate_optimum(changed, settings, ENTERPRISE, objective)
    return value


CASES = [  # (seed, deferrable and partly fundable, objective, limits)
    (3, False, "npv", {"budget_2027": 30.0, "budget_2028": 20.0, "min_rd_intensity": 0.022}),
    (8, True, "npv", {"budget_2027": 28.0, "budget_2028": 25.0, "min_strategic_share": 0.3}),
    (5, True, "eva", {"budget_2027": 25.0, "total_budget": 40.0}),
]


@pytest.mark.parametrize(("seed", "flexible", "objective", "limits"), CASES)
def test_cost_of_forcing_is_the_difference_of_the_two_optima(tmp_path, seed, flexible, objective, limits):
    projects = random_projects(seed, n=6, deferrable=flexible, partial=flexible)
    case = _case(tmp_path, projects, {**limits, "objective": objective})
    free, portfolio = reference.enumerate_optimum(projects, limits, ENTERPRISE, objective)
    session = Session()
    kinds = set()
    for p in projects:
        e = explain_project(case, p["id"], session=session)
        assert e.chosen == (p["id"] in portfolio)
        assert e.objective_value == pytest.approx(free, abs=1e-6)
        forced = _forced_optimum(projects, p["id"], not e.chosen, limits, objective)
        if forced is None:
            assert e.forced_status == "infeasible" and e.cost_of_forcing is None
            continue
        assert e.forced_objective_value == pytest.approx(forced, abs=1e-6)
        assert e.cost_of_forcing == pytest.approx(free - forced, abs=1e-6)
        kinds.add(e.chosen)
    assert kinds == {True, False}, "the case has both chosen and left-out projects to explain"


@pytest.mark.parametrize(("seed", "flexible", "limits"), [(c[0], c[1], c[3]) for c in CASES[:2]])
def test_npv_to_enter_a_little_more_is_chosen_a_little_less_is_not(tmp_path, seed, flexible, limits):
    projects = random_projects(seed, n=6, deferrable=flexible, partial=flexible)
    case = _case(tmp_path, projects, limits)
    session = Session()
    checked = 0
    for p in projects:
        e = explain_project(case, p["id"], session=session)
        if e.npv_to_enter is None:
            continue
        assert e.npv_tolerance == pytest.approx(NPV_TOLERANCE * max(1.0, abs(p["npv"])))
        little = 10 * e.npv_tolerance
        for npv, chosen in ((e.npv_to_enter + little, True), (e.npv_to_enter - little, False)):
            changed = _with(projects, p["id"], npv=npv)
            with_it = _forced_optimum(changed, p["id"], True, limits)
            without_it = _forced_optimum(changed, p["id"], False, limits)
            assert (with_it is not None and (without_it is None or with_it > without_it)) == chosen, \
                (p["id"], e.chosen, npv, with_it, without_it)
        checked += 1
    assert checked >= 4


def _hand_case(tmp_path, **extra_settings):
    """Budget 10: A costs 6 (NPV 10), B 5 (NPV 8), C 4 (NPV 5). Best: A + C = 15."""
    projects = [
        {"id": "A", "name": "Alpha", "capex_2027": 6.0, "npv": 10.0},
        {"id": "B", "name": "Beta", "capex_2027": 5.0, "npv": 8.0},
        {"id": "C", "name": "Gamma", "capex_2027": 4.0, "npv": 5.0},
    ]
    return _case(tmp_path, projects, {"total_budget": 10.0, **extra_settings}, None)


def test_hand_solved_why_not_b(tmp_path):
    # With B in, the best is B + C = 13 (A + B = 11 is over the budget): B costs 2, and B would be
    # chosen from an NPV of 10 (B + C = A + C). A + C + B breaks the budget, which keeps B out,
    # though B + C (9) leaves 1 of it unspent.
    e = explain_project(_hand_case(tmp_path), "B")
    assert not e.chosen
    assert e.objective_value == pytest.approx(15.0)
    assert e.forced_objective_value == pytest.approx(13.0)
    assert e.cost_of_forcing == pytest.approx(2.0)
    assert e.blocking == ["total_budget"]
    assert e.npv_to_enter == pytest.approx(10.0, abs=e.npv_tolerance)
    assert {s["id"] for s in e.forced_selected} == {"B", "C"}
    assert "costs 2.00" in e.message() and "from an NPV of 10.00" in e.message()


def test_hand_solved_forcing_a_chosen_project_out(tmp_path):
    # Without A the best is B + C = 13: A is worth 2 over its replacement and leaves below NPV 8.
    e = explain_project(_hand_case(tmp_path), "A")
    assert e.chosen and e.forced == "out"
    assert e.cost_of_forcing == pytest.approx(2.0)
    assert e.npv_to_enter == pytest.approx(8.0, abs=e.npv_tolerance)
    assert "leave below an NPV of 8.00" in e.message()


def test_a_mandatory_project_forced_out_shows_what_the_mandate_costs(tmp_path):
    projects = [
        {"id": "M", "name": "Mandated", "capex_2027": 5.0, "npv": -3.0, "mandatory": True},
        {"id": "B", "name": "Beta", "capex_2027": 5.0, "npv": 4.0},
    ]
    e = explain_project(_case(tmp_path, projects, {"total_budget": 10.0}, None), "M")
    assert e.chosen and e.blocking[0] == "mandatory"
    assert e.cost_of_forcing == pytest.approx(-3.0)  # dropping the mandate gains 3
    assert e.npv_to_enter is None and "mandatory" in e.why


def test_negative_list_project_cannot_be_forced_in(tmp_path):
    projects = [
        {"id": "A", "name": "Alpha", "capex_2027": 6.0, "npv": 10.0, "irr": 0.08},
        {"id": "L", "name": "Low return", "capex_2027": 1.0, "npv": 1.0, "irr": 0.01},
    ]
    e = explain_project(_case(tmp_path, projects, {"total_budget": 10.0}, None), "L")
    assert not e.chosen and e.forced_status == "prohibited"
    assert e.blocking == ["negative_list"]
    assert e.cost_of_forcing is None and e.npv_to_enter is None
    assert "hurdle rate" in e.why


def test_forcing_in_against_an_exclusive_mandatory_project_is_impossible(tmp_path):
    projects = [
        {"id": "A", "name": "Alpha", "capex_2027": 3.0, "npv": 2.0, "exclusive_group": "G", "mandatory": True},
        {"id": "B", "name": "Beta", "capex_2027": 3.0, "npv": 5.0, "exclusive_group": "G"},
    ]
    e = explain_project(_case(tmp_path, projects, {"total_budget": 10.0}, None), "B")
    assert not e.chosen and e.forced_status == "infeasible"
    assert e.forced_objective_value is None and e.cost_of_forcing is None and e.npv_to_enter is None
    assert e.why.startswith("no portfolio with it meets all the rules")


def test_explain_excluded_covers_every_left_out_project_with_progress(tmp_path):
    projects = random_projects(3, n=6)
    limits = CASES[0][3]
    case = _case(tmp_path, projects, limits)
    _, portfolio = reference.enumerate_optimum(projects, limits, ENTERPRISE)
    steps = []
    explanations = explain_excluded(case, progress=steps.append)
    left_out = [p["id"] for p in projects if p["id"] not in portfolio]
    assert [e.id for e in explanations] == left_out
    assert [s.done for s in steps] == list(range(1, len(left_out) + 1))
    assert [s.item for s in steps] == explanations
    assert all(s.total == len(left_out) for s in steps)


def test_unknown_project_and_cancel(tmp_path):
    case = _hand_case(tmp_path)
    with pytest.raises(AnalysisError, match="no project with id 'Z'"):
        explain_project(case, "Z")
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(AnalysisCancelled):
        explain_project(case, "B", cancel=cancel)
