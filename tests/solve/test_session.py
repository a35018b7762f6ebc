"""The planning session: a what-if change re-solves the same model and gives the fresh answer."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest

from optimizer.cli import solve_case
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.solve.session import Session
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects


@pytest.fixture
def small_case(tmp_path):
    projects = random_projects(31, n=8, deferrable=True, partial=True)
    path = make_workbook(tmp_path / "case.xlsx", projects,
                         {"budget_2027": 40.0, "min_rd_intensity": 0.02, "mip_gap": 0}, ENTERPRISE)
    return projects, read_case(path)


def test_what_if_changes_reuse_the_model_and_match_enumeration(small_case):
    projects, case = small_case
    session = Session()
    Planner(session).solve(case)
    for budget in (25.0, 35.0, 50.0):
        changed = case.with_limits(budget_2027=budget)
        result = Planner(session).solve(changed)
        expected, _ = reference.enumerate_optimum(projects, {"budget_2027": budget, "min_rd_intensity": 0.02},
                                                  ENTERPRISE)
        assert result.solution.objective_value == pytest.approx(expected, abs=1e-6)
    assert session.rebuilds == 1


def test_forcing_a_project_in_and_out_reuses_the_model(small_case):
    projects, case = small_case
    session = Session()
    first = Planner(session).solve(case)
    left_out = next(p for p in case.projects if p.id not in first.solution.portfolio and p.npv > 0)
    forced = replace(case, projects=tuple(replace(p, mandatory=p.id == left_out.id) for p in case.projects))
    result = Planner(session).solve(forced)
    assert left_out.id in result.solution.portfolio
    assert result.solution.objective_value == pytest.approx(solve_case(forced).solution.objective_value, abs=1e-6)
    again = Planner(session).solve(case)
    assert again.solution.objective_value == pytest.approx(first.solution.objective_value, abs=1e-6)
    assert session.rebuilds == 1


def test_a_new_limit_rebuilds_the_model(small_case):
    _, case = small_case
    session = Session()
    Planner(session).solve(case)
    Planner(session).solve(case.with_limits(total_budget=30.0))
    assert session.rebuilds == 2


def test_cancel_stops_the_search():
    case = read_case(DEMO_CASE)
    cancel = threading.Event()
    cancel.set()
    result = Planner().solve(case, gap=0.0, cancel=cancel)
    assert result.solution.status == "cancelled"
    assert result.selected == []


def test_progress_reports_better_portfolios_and_a_closing_gap():
    case = read_case(DEMO_CASE)
    seen = []
    result = Planner().solve(case, progress=seen.append)
    assert seen, "at least one portfolio is reported while the search runs"
    values = [p.value for p in seen]
    assert values == sorted(values)
    assert values[-1] <= result.solution.objective_value + 1e-6
    assert all(p.bound >= result.solution.objective_value - 1e-6 for p in seen)


def test_a_starting_portfolio_is_judged_as_the_rules_judge_it(small_case):
    """The solver's start is checked against the compiled rows (RINS and RENS are skipped when it
    keeps them all): the check must agree with the rules as workbook.md writes them."""
    import cvxpy as cp

    from optimizer.solve.highs import keeps_every_row

    projects, case = small_case
    session = Session()
    answer = Planner(session).solve(case)
    start = session.model_for(case).last_columns
    portfolio = reference.portfolio_from_json(answer.to_json())
    settings = {"budget_2027": 40.0, "min_rd_intensity": 0.02}
    spent = answer.to_json()["spend_by_year"]
    verdicts = set()
    for budget in (40.0, 30.0, 20.0, 10.0):
        changed = {**settings, "budget_2027": budget}
        model = session.model_for(case.with_limits(budget_2027=budget))
        data, _, _ = model.problem.get_problem_data(cp.HIGHS)
        kept = not reference.broken_rules(projects, portfolio, ENTERPRISE, changed)
        assert keeps_every_row(data, start) == kept, (budget, spent)
        verdicts.add(kept)
    assert verdicts == {True, False}  # the budgets tried both keep and break the first answer's plan


def test_a_move_that_only_tightens_keeps_a_still_valid_answer_without_solving(small_case):
    """Lowering a budget the answer already keeps leaves it the best there is: the session answers
    without a solve, and the answer is still the enumerated optimum."""
    projects, case = small_case
    session = Session()
    first = Planner(session).solve(case)
    spent = next(y["spend"] for y in first.to_json()["spend_by_year"] if y["year"] == 2027)
    moves = [(spent + 0.5, True),   # a lower budget the answer still keeps: it stands
             (spent + 1.0, False),  # higher than the last: a relaxation, solved
             (spent + 0.8, True),
             (spent - 0.5, False)]  # below the answer's spend: solved
    for budget, reused in moves:
        answer = Planner(session).solve(case.with_limits(budget_2027=budget))
        expected, _ = reference.enumerate_optimum(projects, {"budget_2027": budget, "min_rd_intensity": 0.02},
                                                  ENTERPRISE)
        assert answer.solution.reused == reused, budget
        assert answer.solution.objective_value == pytest.approx(expected, abs=1e-6)
    assert session.rebuilds == 1


def test_forcing_out_reuses_the_answer_only_when_it_keeps_the_project_out(small_case):
    _, case = small_case
    session = Session()
    first = Planner(session).solve(case)
    chosen = {s.id for s in first.selected}
    left_out = next(p.id for p in case.projects if p.id not in chosen)
    taken = next(iter(sorted(chosen)))
    for pid, reused in ((left_out, True), (taken, False)):
        forced = replace(case, projects=tuple(replace(p, excluded=p.id == pid) for p in case.projects))
        Planner(session).solve(case)
        answer = Planner(session).solve(forced)
        assert answer.solution.reused == reused, pid
        assert answer.solution.objective_value == pytest.approx(solve_case(forced).solution.objective_value,
                                                                abs=1e-6)


def test_a_change_of_the_objective_is_always_solved():
    """Risk aversion moves the objective (the demo gives pessimistic NPVs): no old proof holds."""
    case = read_case(DEMO_CASE)
    session = Session()
    Planner(session).solve(case, gap=0.01)
    assert Planner(session).solve(case, gap=0.01).solution.reused  # nothing changed: the answer stands
    assert Planner(session).solve(case, gap=0.001).solution.reused is False  # a finer proof is asked for
    averse = replace(case, settings=replace(case.settings, risk_aversion=0.5))
    assert Planner(session).solve(averse, gap=0.01).solution.reused is False
