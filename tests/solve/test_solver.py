"""What a solve says of its answer (optimizer/solve/solver.py): its status and how good it is, on a small
hand-made case whose optimum is found by trying all 256 portfolios: proven optimal, stopped by the time
limit with or without a portfolio, infeasible, cancelled; and the gap as shared/spec/cli.md defines it.

The case has two budgets, so that HiGHS's presolve does not solve it outright: the time limit and a cancel
are then met in the search, as on a real case."""

from __future__ import annotations

import itertools
import threading

import numpy as np
import pytest

from optimizer.model.case import Case, Project, Settings
from optimizer.model.portfolio import PortfolioModel
from optimizer.solve import highs
from optimizer.solve.solver import Solution, Status, quality, relative_gap, solve

# id: (capex 2027, capex 2028, npv)
TABLE = {"P0": (10, 3, 14), "P1": (11, 10, 22), "P2": (12, 6, 20), "P3": (13, 2, 17),
         "P4": (14, 9, 26), "P5": (15, 5, 23), "P6": (16, 1, 19), "P7": (17, 8, 28)}
BUDGETS = {"budget_2027": 54.0, "budget_2028": 22.0}


def case(mandatory: tuple[str, ...] = ()) -> Case:
    projects = tuple(Project(pid, pid, {2027: float(c1), 2028: float(c2)}, 2027, 2027, npv=float(npv),
                             mandatory=pid in mandatory) for pid, (c1, c2, npv) in TABLE.items())
    return Case(projects, (2027, 2028), Settings(limits=dict(BUDGETS)))


def best_by_enumeration() -> tuple[float, set[str]]:
    best, chosen = -1.0, set()
    for size in range(len(TABLE) + 1):
        for subset in itertools.combinations(TABLE, size):
            spend = [sum(TABLE[p][year] for p in subset) for year in (0, 1)]
            value = sum(TABLE[p][2] for p in subset)
            if spend[0] <= BUDGETS["budget_2027"] and spend[1] <= BUDGETS["budget_2028"] and value > best:
                best, chosen = value, set(subset)
    return best, chosen


def test_proven_optimal_is_the_enumerated_optimum_with_no_gap():
    best, chosen = best_by_enumeration()
    solution = solve(PortfolioModel.optimising(case()), mip_gap=0)
    assert solution.status == Status.OPTIMAL and solution.has_portfolio
    assert solution.objective_value == pytest.approx(best)
    assert set(solution.portfolio) == chosen
    assert all(f.share == 1.0 and f.start_year == 2027 for f in solution.portfolio.values())
    assert solution.bound == pytest.approx(best) and solution.gap == pytest.approx(0.0, abs=1e-9)
    assert str(solution.quality()) == "proven optimal"


def test_a_coarse_gap_gives_a_true_bound_above_a_real_portfolio():
    best, _ = best_by_enumeration()
    solution = solve(PortfolioModel.optimising(case()), mip_gap=0.2)
    assert solution.status == Status.OPTIMAL
    value = sum(TABLE[p][2] for p in solution.portfolio)
    assert solution.objective_value == pytest.approx(value)  # the value of the portfolio it gives
    assert value <= best + 1e-9 <= solution.bound + 2e-9  # the bound is no lower than the true optimum
    assert solution.gap == pytest.approx(relative_gap(value, solution.bound)) and solution.gap <= 0.2 + 1e-9


def test_the_time_limit_before_any_portfolio_is_no_solution():
    solution = solve(PortfolioModel.optimising(case()), time_limit=0, mip_gap=0)
    assert solution.status == Status.NO_SOLUTION and not solution.has_portfolio
    assert solution.portfolio == {} and solution.objective_value is None
    assert str(solution.quality()) == "no portfolio was found within the time limit"


def test_the_time_limit_with_a_portfolio_in_hand_is_feasible_with_its_gap_unknown():
    model = PortfolioModel.optimising(case())
    start = np.array([1.0 if o.project == 0 else 0.0 for o in model.options])  # P0 alone keeps both budgets
    model.last_columns = highs.columns_of(highs.variable_offsets(model.problem), model.variable_values(start))
    solution = solve(model, time_limit=0, mip_gap=0, warm_start=True)
    assert solution.status == Status.FEASIBLE and solution.has_portfolio
    assert set(solution.portfolio) == {"P0"} and solution.objective_value == pytest.approx(14)
    assert solution.bound is None and solution.gap is None
    assert str(solution.quality()) == "best found when the time limit ran out, within unknown of the best possible"


def test_rules_no_portfolio_can_keep_are_infeasible():
    # P1, P4 and P7 forced in spend 10 + 9 + 8 = 27 in 2028, over its budget of 22.
    solution = solve(PortfolioModel.optimising(case(mandatory=("P1", "P4", "P7"))), mip_gap=0)
    assert solution.status == Status.INFEASIBLE and not solution.has_portfolio and solution.portfolio == {}
    assert str(solution.quality()) == "no portfolio meets all the rules and targets"


def test_a_cancelled_search_is_cancelled_without_a_portfolio():
    cancel = threading.Event()
    cancel.set()
    model = PortfolioModel.optimising(case())
    solution = solve(model, mip_gap=0, cancel=cancel)
    assert solution.status == Status.CANCELLED and not solution.has_portfolio and solution.portfolio == {}
    assert str(solution.quality()) == "the solve was cancelled"
    # the model is unharmed: solved again, it gives the optimum
    assert solve(model, mip_gap=0).objective_value == pytest.approx(best_by_enumeration()[0])


def test_how_good_an_answer_is_in_words():
    assert str(quality(Status.OPTIMAL, 0.0)) == "proven optimal"
    assert str(quality(Status.OPTIMAL, None)) == "proven optimal"
    assert str(quality(Status.OPTIMAL, 0.004)) == "proven within 0.40% of the best possible"
    assert str(quality("feasible", 0.0123)) == \
        "best found when the time limit ran out, within 1.23% of the best possible"
    assert Solution("optimal").status is Status.OPTIMAL  # the JSON's words are the statuses


def test_the_gap_is_relative_to_the_value_but_never_to_less_than_one():
    # cli.md: gap = |bound - value| / max(1, |value|)
    assert relative_gap(100.0, 101.0) == pytest.approx(0.01)
    assert relative_gap(-50.0, -49.0) == pytest.approx(0.02)
    assert relative_gap(0.5, 0.7) == pytest.approx(0.2)
