"""The cvxpy model of a case (optimizer/model/portfolio.py): every variant is DPP, so a what-if change is
applied to its Parameters and the same problem re-solved, to the optimum that brute-force enumeration
(tests/reference.py) finds for the changed case; and each constraint is named by the business rule it
enforces, the Settings key of a limit or the project rule."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.io.workbook import read_case
from optimizer.model.portfolio import PortfolioModel
from optimizer.solve.solver import solve
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects

LIMITS = {"budget_2027": 30.0, "budget_2028": 25.0, "total_budget": 55.0, "min_strategic_share": 0.2,
          "max_sector_share": 0.8, "max_debt_ratio": 0.64, "min_rd_intensity": 0.022}
PROJECT_RULES = {"one_start", "mandatory", "min_share", "max_share", "requires", "exclusive_group"}


def every_rule_projects() -> list[dict]:
    """Eight projects with every project rule of workbook.md: deferral, partial funding, a dependency, an
    exclusive group, and NPV ranges (for the risk aversion)."""
    projects = random_projects(11, n=8, deferrable=True, partial=True)
    projects[2]["requires"] = "P03"
    projects[4]["exclusive_group"] = projects[5]["exclusive_group"] = "site"
    for p in projects:
        p["npv"] = abs(p["npv"]) + 1
        p["npv_low"], p["npv_high"] = p["npv"] - 2, p["npv"] + 2
    return projects


@pytest.fixture
def projects() -> list[dict]:
    return every_rule_projects()


def case_of(tmp_path, projects, settings):
    return read_case(make_workbook(tmp_path / "case.xlsx", projects, settings, ENTERPRISE))


VARIANTS = {
    "optimising": PortfolioModel.optimising,
    "feasibility": PortfolioModel.feasibility,
    "elastic": PortfolioModel.elastic,
    "reaching a ratio": lambda case: PortfolioModel.reaching(case, "min_rd_intensity"),
    "reaching a budget": lambda case: PortfolioModel.reaching(case, "budget_2027"),
    "marginal": PortfolioModel.marginal,
}


@pytest.mark.parametrize("objective", ["npv", "eva", "score"])
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_is_dpp_with_its_limits_as_parameters(tmp_path, projects, variant, objective):
    case = case_of(tmp_path, projects, {**LIMITS, "objective": objective, "risk_aversion": 0.3})
    model = VARIANTS[variant](case)
    assert model.problem.is_dcp(dpp=True)
    parameters = {p.name() for p in model.problem.parameters()}
    assert set(LIMITS) <= parameters


def test_the_constraints_are_named_by_the_settings_keys_and_the_project_rules(tmp_path, projects):
    model = PortfolioModel.optimising(case_of(tmp_path, projects, LIMITS))
    # plan_capex defines the plan's total capex once, for the shares of it
    assert set(model.constraints) == set(LIMITS) | PROJECT_RULES | {"plan_capex"}
    assert {key: rows.limit.name() for key, rows in model.limits.items()} == {key: key for key in LIMITS}
    assert {key: rows.limit.value for key, rows in model.limits.items()} == LIMITS
    elastic = PortfolioModel.elastic(case_of(tmp_path, projects, LIMITS))
    assert {key: slack.name() for key, slack in elastic.slack.items()} == {key: f"slack_{key}" for key in LIMITS}


def test_a_case_without_limits_or_rules_has_only_the_start_rules(tmp_path):
    plain = [{"id": "A", "name": "A", "capex_2027": 3, "npv": 2}, {"id": "B", "name": "B", "capex_2027": 4, "npv": 1}]
    model = PortfolioModel.optimising(case_of(tmp_path, plain, {}))
    assert set(model.constraints) == {"one_start", "mandatory"} and model.limits == {}


def enumerated(projects, settings) -> float:
    value, _ = reference.enumerate_optimum(projects, settings, ENTERPRISE)
    assert value is not None
    return value


def test_a_new_limit_value_is_applied_and_re_solved_to_the_enumerated_optimum(tmp_path, projects):
    case = case_of(tmp_path, projects, LIMITS)
    model = PortfolioModel.optimising(case)
    problem, budget = model.problem, model.limits["budget_2027"].limit
    first = solve(model, mip_gap=0)
    assert first.objective_value == pytest.approx(enumerated(projects, LIMITS), abs=1e-6)
    for level in (22.0, 38.0):
        model.apply(case.with_limits(budget_2027=level))
        assert model.problem is problem and model.limits["budget_2027"].limit is budget and budget.value == level
        solution = solve(model, mip_gap=0, warm_start=True)
        assert solution.status == "optimal"
        assert solution.objective_value == pytest.approx(enumerated(projects, {**LIMITS, "budget_2027": level}),
                                                         abs=1e-6)


def test_forcing_a_project_in_is_applied_without_rebuilding(tmp_path, projects):
    case = case_of(tmp_path, projects, LIMITS)
    model = PortfolioModel.optimising(case)
    problem = model.problem
    left_out = next(p.id for p in case.projects if p.id not in solve(model, mip_gap=0).portfolio)
    model.apply(replace(case, projects=tuple(replace(p, mandatory=p.id == left_out) for p in case.projects)))
    solution = solve(model, mip_gap=0)
    assert model.problem is problem and left_out in solution.portfolio
    forced = [{**p, "mandatory": p["id"] == left_out} for p in projects]
    assert solution.objective_value == pytest.approx(enumerated(forced, LIMITS), abs=1e-6)


def test_new_score_weights_are_applied_and_re_solved(tmp_path):
    # Scaled criteria (workbook.md: each to 0..1 over the candidates): return A 1, B 0.4, C 0; security A 1,
    # C 1. Budget 10 fits two. Return only: A + B = 1.4; security only: A + C = 2.
    three = [{"id": "A", "name": "A", "capex_2027": 5, "npv": 10, "security": True},
             {"id": "B", "name": "B", "capex_2027": 5, "npv": 4, "security": False},
             {"id": "C", "name": "C", "capex_2027": 5, "npv": 0, "security": True}]
    case = case_of(tmp_path, three, {"budget_2027": 10, "objective": "score", "weight_return": 1, "weight_security": 0})
    model = PortfolioModel.optimising(case)
    problem = model.problem
    assert set(solve(model, mip_gap=0).portfolio) == {"A", "B"}
    settings = replace(case.settings, weights={"weight_return": 0.0, "weight_security": 1.0})
    model.apply(replace(case, settings=settings))
    solution = solve(model, mip_gap=0)
    assert model.problem is problem
    assert set(solution.portfolio) == {"A", "C"} and solution.objective_value == pytest.approx(2.0)
