"""Which targets conflict and how far each can be reached (optimizer/analysis/diagnosis.py), as the command
reports it: each best reachable value against brute-force enumeration of every portfolio (tests/reference.py)."""

from __future__ import annotations

import json

import pytest

from optimizer import cli
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects
from tests.reference_years import every_choice


def solve_json(tmp_path, projects, settings):
    """Exit status and JSON of `solve` on a workbook of these rows, as a user runs it."""
    path = make_workbook(tmp_path / "case.xlsx", projects, settings, ENTERPRISE)
    out = tmp_path / "result.json"
    code = cli.main(["solve", str(path), "--json", str(out), "--gap", "0"])
    return code, json.loads(out.read_text(encoding="utf-8"))


def test_infeasible_targets_are_diagnosed(tmp_path):
    projects = random_projects(9)
    for p in projects:
        p["npv"] = abs(p["npv"]) + 1
    # R&D intensity beyond what any portfolio reaches within the 2027 budget.
    settings = {"budget_2027": 20.0, "min_rd_intensity": 0.5}
    code, result = solve_json(tmp_path, projects, settings)
    assert code == 3
    assert result["status"] == "infeasible"
    item = next(d for d in result["diagnosis"] if d["constraint"] == "min_rd_intensity")
    # the best reachable R&D intensity under the budget, by enumeration over every portfolio
    best = max(reference.figure(projects, p, ENTERPRISE, {}, "rd_intensity")
               for p in reference.all_portfolios(projects, {"budget_2027": 20.0}, ENTERPRISE))
    assert item["best_reachable"] == pytest.approx(best, rel=1e-7)
    assert "R&D intensity" in item["message"] and "at most" in item["message"]
    # relaxing the target to the best reachable value makes the case solvable
    code, _ = solve_json(tmp_path, projects, {**settings, "min_rd_intensity": best - 1e-9})
    assert code == 0


def test_a_plain_amount_and_a_budget_in_conflict_get_their_exact_best(tmp_path):
    """Security investment beyond reach within the 2027 budget: the most security investment the
    budget allows, and the least budget the security target needs, each by enumeration."""
    projects = random_projects(9)
    for p in projects:
        p["npv"] = abs(p["npv"]) + 1
        p.pop("capex_2028", None)
        p["latest_start"] = 2027
        p["security"] = p["id"] != "P00"
    def security(p):
        return reference.figure(projects, p, ENTERPRISE, {}, "security_investment")

    most_security = max(security(p) for p in reference.all_portfolios(projects, {"budget_2027": 20.0}, ENTERPRISE))
    target = (most_security + max(security(p) for p in reference.all_portfolios(projects, {}, ENTERPRISE))) / 2
    least_budget = min(reference.figure(projects, p, ENTERPRISE, {}, "spend_2027")
                       for p in reference.all_portfolios(projects, {"min_security_investment": target}, ENTERPRISE))
    assert least_budget > 20.0  # the case does conflict
    code, result = solve_json(tmp_path, projects, {"budget_2027": 20.0, "min_security_investment": target})
    assert code == 3
    items = {d["constraint"]: d for d in result["diagnosis"]}
    assert items["min_security_investment"]["best_reachable"] == pytest.approx(most_security, rel=1e-7)
    assert items["budget_2027"]["best_reachable"] == pytest.approx(least_budget, rel=1e-7)


@pytest.mark.parametrize("seed", [3, 10])
def test_targets_whose_best_needs_start_years_chosen_get_their_exact_best(tmp_path, seed):
    """Every project may start in 2027 or 2028, under a budget for each year: the most security investment
    depends on which projects start late (far more than with every start in 2027), and the diagnosis's proofs
    branch on taking a project before its start year (PortfolioModel's `decide_projects`). Each target's best,
    with the others kept, against enumeration of every portfolio and start year."""
    projects = random_projects(seed, n=7)
    for p in projects:
        p["npv"] = abs(p["npv"]) + 1
        p["latest_start"] = 2028
        p["security"] = p["id"] != "P00"
    spend_2027 = sum(p["capex_2027"] for p in projects)
    budgets = {"budget_2027": round(0.4 * spend_2027, 1),
               "budget_2028": round(0.2 * (spend_2027 + sum(p["capex_2028"] for p in projects)), 1)}

    def keeping(settings):
        return [portfolio for portfolio in every_choice(projects, ENTERPRISE)
                if not reference.broken_rules(projects, portfolio, ENTERPRISE, settings)]

    def security(portfolio):
        return reference.figure(projects, portfolio, ENTERPRISE, {}, "security_investment")

    most = max(security(portfolio) for portfolio in keeping(budgets))
    assert most > 1.2 * max(security(portfolio) for portfolio in keeping(budgets)
                            if all(start == 2027 for _, start in portfolio.values()))
    settings = {**budgets, "min_security_investment": round(most + 5, 2)}
    code, result = solve_json(tmp_path, projects, settings)
    assert code == 3
    items = {d["constraint"]: d for d in result["diagnosis"]}
    assert items["min_security_investment"]["best_reachable"] == pytest.approx(most, rel=1e-7)
    for key, item in items.items():
        name, sense = reference.limit_figure(key)
        assert "With all the other limits kept" in item["message"]
        values = [reference.figure(projects, portfolio, ENTERPRISE, {}, name)
                  for portfolio in keeping({k: v for k, v in settings.items() if k != key})]
        assert item["best_reachable"] == pytest.approx(max(values) if sense == "min" else min(values), rel=1e-7), key


def test_conflicting_pair_names_both(tmp_path):
    projects = random_projects(4)
    for p in projects:
        p["npv"] = abs(p["npv"]) + 1
    rd_best = max(reference.figure(projects, p, ENTERPRISE, {}, "rd_intensity")
                  for p in reference.all_portfolios(projects, {"budget_2027": 25.0}, ENTERPRISE))
    # the R&D floor is reachable alone within the 2027 budget, but not with a 2027 budget of 5
    settings = {"budget_2027": 5.0, "min_rd_intensity": rd_best}
    code, result = solve_json(tmp_path, projects, settings)
    assert code == 3
    constraints = {d["constraint"] for d in result["diagnosis"]}
    conflicts = {c for d in result["diagnosis"] for c in d["conflicts_with"]} | constraints
    assert {"budget_2027", "min_rd_intensity"} <= conflicts
