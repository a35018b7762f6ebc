"""Rank-and-fill (the baseline the optimiser is measured against, and the first portfolio of a re-solve):
a hand-worked case, every rule checked by tests/reference.py, never above the enumerated optimum."""

from __future__ import annotations

import numpy as np
import pytest

from optimizer.generator import generate_case
from optimizer.io.case_writer import write_case
from optimizer.io.workbook import read_case
from optimizer.model.portfolio import PortfolioModel
from optimizer.planner import Planner
from optimizer.solve.ranking import broken_limits, rank_and_fill
from optimizer.solve.session import Session
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects


def _portfolio(model, shares) -> dict[str, tuple[float, int]]:
    return {model.case.projects[o.project].id: (float(shares[k]), o.start_year)
            for k, o in enumerate(model.options) if shares[k] > 1e-9}


def test_fills_the_budget_in_order_of_npv_per_capex(tmp_path):
    # NPV per capex: A 2.0, B 1.5, C 1.2, D 1.0. Budget 10: A (4) and B (4) fit, C (5) does not, D (2) does.
    projects = [{"id": i, "name": i, "capex_2027": k, "npv": v}
                for i, k, v in [("C", 5, 6), ("A", 4, 8), ("D", 2, 2), ("B", 4, 6)]]
    model = PortfolioModel(read_case(make_workbook(tmp_path / "c.xlsx", projects, {"budget_2027": 10})))
    ranked = rank_and_fill(model)
    assert sorted(_portfolio(model, ranked.shares)) == ["A", "B", "D"]
    assert ranked.objective_value == pytest.approx(16.0) and ranked.meets_rules
    # Here the ranking is also the optimum: A + B + D (16) beats A + C (14) and A + B (14).
    assert ranked.objective_value == pytest.approx(Planner().solve(model.case, gap=0).solution.objective_value)


@pytest.mark.parametrize("seed", range(4))
def test_a_valid_ranked_portfolio_keeps_every_rule_and_never_beats_the_optimum(seed, tmp_path):
    projects = random_projects(seed, n=6, deferrable=True, partial=True)
    settings = {"budget_2027": 30.0, "budget_2028": 25.0, "min_strategic_share": 0.3, "max_sector_share": 0.7,
                "min_roe": 0.05}
    projects[1]["requires"] = projects[0]["id"]
    projects[2]["exclusive_group"] = projects[3]["exclusive_group"] = "site"
    path = make_workbook(tmp_path / "case.xlsx", projects, settings, ENTERPRISE)
    model = PortfolioModel(read_case(path))
    ranked = rank_and_fill(model)
    portfolio = _portfolio(model, ranked.shares)
    broken = reference.broken_rules(projects, portfolio, ENTERPRISE, settings)
    assert ranked.meets_rules == (broken == []), broken
    assert (broken_limits(model, ranked.shares) == []) == ranked.meets_rules
    best, _ = reference.enumerate_optimum(projects, settings, ENTERPRISE)
    if ranked.meets_rules:
        npv = reference.figure(projects, portfolio, ENTERPRISE, settings, "npv")
        assert ranked.objective_value == pytest.approx(npv)
        assert ranked.objective_value <= best + 1e-6


@pytest.mark.parametrize("seed", [1, 3])
def test_on_generated_cases_it_says_truly_whether_it_keeps_every_rule(seed, tmp_path):
    case = generate_case(200, seed=seed)
    write_case(case, tmp_path / "g.xlsx")
    projects, enterprise, settings = reference.raw_rows(tmp_path / "g.xlsx")
    model = PortfolioModel(read_case(tmp_path / "g.xlsx"))
    ranked = rank_and_fill(model)
    broken = reference.broken_rules(projects, _portfolio(model, ranked.shares), enterprise, settings)
    assert ranked.meets_rules == (broken == []), (ranked.missed, broken)
    assert sorted(ranked.missed) == sorted({b.split(":")[0] for b in broken})
    assert np.all(ranked.shares >= 0) and ranked.objective_value > 0


def test_a_re_solve_shows_a_portfolio_before_the_search_and_improves_on_it(tmp_path):
    projects = random_projects(11, n=7, deferrable=True)
    path = make_workbook(tmp_path / "case.xlsx", projects, {"budget_2027": 40.0, "budget_2028": 30.0}, ENTERPRISE)
    case = read_case(path)
    session = Session()
    first = Planner(session).solve(case, gap=0)
    # below what the answer spends in 2027: a search is needed (a budget it still kept would leave it standing)
    budget = next(y["spend"] for y in first.to_json()["spend_by_year"] if y["year"] == 2027) - 1.0
    heard = []
    result = Planner(session).solve(case.with_limits(budget_2027=budget), gap=0, progress=heard.append)
    assert not result.solution.reused
    assert heard and heard[0].bound == float("inf")  # known before any bound: the previous answer or the ranking
    assert heard[0].value <= result.solution.objective_value + 1e-9
    best, _ = reference.enumerate_optimum(projects, {"budget_2027": budget, "budget_2028": 30.0}, ENTERPRISE)
    assert result.solution.objective_value == pytest.approx(best, abs=1e-6)


def test_a_set_decided_together_is_taken_whole_and_a_groups_minimum_is_met(tmp_path):
    # By hand. NPV per capex: A 1.25, D 0.67, C 0.33, B -0.5. B goes with A (together_with); C and D are the sites
    # of a group that takes exactly one. The group's minimum takes its best-ranked site, D; then A comes with B
    # (4 + 2 + 3 = 9 of the budget of 10), and C is left out by the group's maximum: A, B, D, NPV 5 - 1 + 2 = 6.
    from tests.io.test_relations import with_groups

    projects = [{"id": "A", "name": "Mine", "capex_2027": 4, "npv": 5, "together_with": "B"},
                {"id": "B", "name": "Railway", "capex_2027": 2, "npv": -1},
                {"id": "C", "name": "Site 1", "capex_2027": 3, "npv": 1, "exclusive_group": "site"},
                {"id": "D", "name": "Site 2", "capex_2027": 3, "npv": 2, "exclusive_group": "site"}]
    settings = {"budget_2027": 10}
    groups = {"site": (1, 1)}
    path = with_groups(make_workbook(tmp_path / "c.xlsx", projects, settings), groups)
    model = PortfolioModel(read_case(path))
    ranked = rank_and_fill(model)
    portfolio = _portfolio(model, ranked.shares)
    assert sorted(portfolio) == ["A", "B", "D"] and ranked.meets_rules
    assert ranked.objective_value == pytest.approx(6.0)
    assert reference.broken_rules(projects, portfolio, None, settings, groups) == []
    best, _ = reference.enumerate_optimum(projects, settings, None, group_counts=groups)
    assert ranked.objective_value <= best + 1e-6
