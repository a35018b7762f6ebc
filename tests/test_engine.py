"""The engine against brute-force enumeration (tests/reference.py) on small random cases:
each limit and rule of workbook.md, each objective, deferral and partial funding."""

from __future__ import annotations

import json

import pytest

from optimizer import cli
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects


def run_engine(tmp_path, projects, settings, enterprise=ENTERPRISE, extra_args=()):
    path = make_workbook(tmp_path / "case.xlsx", projects, settings, enterprise)
    out = tmp_path / "result.json"
    code = cli.main(["solve", str(path), "--json", str(out), "--gap", "0", *extra_args])
    return code, json.loads(out.read_text(encoding="utf-8"))


def check_against_reference(tmp_path, projects, settings, enterprise=ENTERPRISE, objective="npv"):
    expected, _ = reference.enumerate_optimum(projects, settings, enterprise, objective)
    code, result = run_engine(tmp_path, projects, {**settings, "objective": objective}, enterprise)
    if expected is None:
        assert code == 3, result
        assert result["status"] == "infeasible"
        return result
    assert code == 0, result
    assert result["status"] == "optimal"
    portfolio = reference.portfolio_from_json(result)
    assert reference.broken_rules(projects, portfolio, enterprise, settings) == []
    assert result["objective_value"] == pytest.approx(expected, abs=1e-6)
    recomputed = reference.figure(projects, portfolio, enterprise, settings, objective)
    assert result["objective_value"] == pytest.approx(recomputed, abs=1e-6)
    return result


def binding_level(projects, key, enterprise=ENTERPRISE):
    """A value of limit `key` that the unconstrained optimum breaks but some portfolio meets: it binds."""
    _, free = reference.enumerate_optimum(projects, {}, enterprise)
    name, sense = reference.limit_figure(key)
    value = reference.figure(projects, free, enterprise, {}, name)
    reachable = [reference.figure(projects, p, enterprise, {}, name)
                 for p in reference.all_portfolios(projects, {}, enterprise)]
    reachable = [v for v in reachable if v is not None]
    if value is None or not reachable:
        return None
    extreme = min(reachable) if sense == "max" else max(reachable)
    if abs(extreme - value) <= 1e-9 * max(1.0, abs(value)):
        return None
    return (extreme + value) / 2


LIMITS = ["budget_2027", "budget_2028", "total_budget", "min_strategic_share", "max_non_main_share",
          "max_overseas_share", "min_security_investment", "max_sector_share", "max_entity_share", "max_avg_risk",
          "max_debt_ratio", "min_roe", "min_rd_intensity", "min_operating_cash_ratio", "min_labour_productivity",
          "min_profit_growth", "min_eva", "min_livelihood_investment", "min_key_core_tech_share",
          "min_future_industry_share"]


@pytest.mark.parametrize("key", LIMITS)
def test_each_limit_binds_and_matches_enumeration(tmp_path, key):
    checked = 0
    for seed in range(6):
        projects = random_projects(seed)
        level = binding_level(projects, key)
        if level is None:
            continue
        settings = {key: level}
        expected, _ = reference.enumerate_optimum(projects, settings, ENTERPRISE)
        if expected is None:
            continue
        result = check_against_reference(tmp_path, projects, settings)
        kpi_name = {"total_budget": "total_capex", "max_sector_share": "max_sector_share",
                    "max_entity_share": "max_entity_share"}.get(key)
        row = [c for c in result["constraints"] if c["name"] == key]
        assert row, f"constraint {key} is reported"
        assert all(c["limit"] == pytest.approx(level) for c in row)
        if kpi_name:
            assert result["kpis"][kpi_name]["target"] == pytest.approx(level)
        checked += 1
        if checked == 2:
            break
    assert checked >= 1, f"no random case made {key} bind"


def test_all_limits_together_match_enumeration(tmp_path):
    projects = random_projects(11, n=8)
    settings = {"budget_2027": 45, "budget_2028": 30, "total_budget": 70, "min_strategic_share": 0.3,
                "max_overseas_share": 0.4, "max_sector_share": 0.7, "max_debt_ratio": 0.64, "min_roe": 0.0235,
                "min_rd_intensity": 0.022}
    check_against_reference(tmp_path, projects, settings)


@pytest.mark.parametrize("seed", range(4))
def test_deferral_and_partial_funding_match_enumeration(tmp_path, seed):
    projects = random_projects(100 + seed, n=7, deferrable=True, partial=True)
    level = binding_level(projects, "budget_2027")
    settings = {"budget_2027": level, "budget_2028": level * 0.8}
    check_against_reference(tmp_path, projects, settings)


def test_kpis_equal_independent_recomputation(tmp_path):
    projects = random_projects(7, deferrable=True, partial=True)
    settings = {"budget_2027": 40.0, "budget_2028": 25.0}
    result = check_against_reference(tmp_path, projects, settings)
    portfolio = reference.portfolio_from_json(result)
    for kpi, name in [("total_profit", "total_profit"), ("roe", "roe"), ("debt_ratio", "debt_ratio"),
                      ("rd_intensity", "rd_intensity"), ("operating_cash_ratio", "operating_cash_ratio"),
                      ("labour_productivity", "labour_productivity"), ("strategic_share", "strategic_share"),
                      ("npv", "npv"), ("eva", "eva"), ("total_capex", "total_capex"),
                      ("profit_growth", "profit_growth"), ("avg_risk", "avg_risk")]:
        expected = reference.figure(projects, portfolio, ENTERPRISE, settings, name)
        assert result["kpis"][kpi]["after"] == pytest.approx(expected, rel=1e-9, abs=1e-9), kpi
    assert result["kpis"]["roe"]["before"] == pytest.approx(22.0 / (900 - 560))
    spend = {row["year"]: row["spend"] for row in result["spend_by_year"]}
    assert spend[2027] == pytest.approx(reference.figure(projects, portfolio, ENTERPRISE, settings, "spend_2027"))


def test_eva_objective_matches_enumeration(tmp_path):
    projects = random_projects(21)
    check_against_reference(tmp_path, projects, {"budget_2027": 30.0}, objective="eva")


def test_rules_mandatory_excluded_dependency_exclusive_negative_list(tmp_path):
    projects = random_projects(5, n=8, deferrable=True)
    projects[0]["mandatory"] = True
    projects[1]["excluded"] = True
    projects[2]["requires"] = "P03"
    projects[3]["latest_start"] = 2028      # P02 must not start before P03
    projects[4]["exclusive_group"] = "site"
    projects[5]["exclusive_group"] = "site"
    projects[6]["irr"] = 0.01               # below the hurdle rate 3%: screened out
    projects[6]["security"] = False         # (security projects are exempt)
    for p in projects:
        p["npv"] = abs(p["npv"]) + 1
    result = check_against_reference(tmp_path, projects, {"budget_2027": 50.0})
    reasons = {x["id"]: x["code"] for x in result["excluded"]}
    assert reasons.get("P01") == "forced_out"
    assert reasons.get("P06") == "negative_list"
    assert "P00" in {s["id"] for s in result["selected"]}


def test_start_order_of_a_dependency(tmp_path):
    # B requires A; A can only start in 2028, B may start 2027 or 2028: B must start in 2028.
    projects = [
        {"id": "A", "name": "A", "capex_2027": 0, "capex_2028": 5, "npv": 4, "earliest_start": 2028},
        {"id": "B", "name": "B", "capex_2027": 5, "capex_2028": 0, "npv": 6, "latest_start": 2028, "requires": "A"},
    ]
    code, result = run_engine(tmp_path, projects, {}, None)
    assert code == 0
    assert reference.portfolio_from_json(result) == {"A": (1.0, 2028), "B": (1.0, 2028)}
    assert result["objective_value"] == pytest.approx(4 + 6 / 1.055)


def test_partial_funding_by_hand(tmp_path):
    # budget 10: A (capex 6, npv 9) whole, then B (capex 8, npv 8, min share 0.25) at 4/8 = 0.5.
    projects = [
        {"id": "A", "name": "A", "capex_2027": 6, "npv": 9},
        {"id": "B", "name": "B", "capex_2027": 8, "npv": 8, "min_share": 0.25},
    ]
    code, result = run_engine(tmp_path, projects, {"budget_2027": 10}, None)
    assert code == 0
    assert reference.portfolio_from_json(result) == {"A": (1.0, 2027), "B": (0.5, 2027)}
    assert result["objective_value"] == pytest.approx(13.0)
    budget = next(c for c in result["constraints"] if c["name"] == "budget_2027")
    assert budget["binding"] is True
    assert budget["marginal_value"] == pytest.approx(1.0)  # one more unit funds 1/8 more of B: npv 8/8


def test_score_objective_by_hand(tmp_path):
    # Scaled criteria: return (npv 10, 4, 0 -> 1, 0.4, 0), security (1, 0, 1). Weights 0.5 / 0.5.
    # Budget 10 fits two of the three (capex 5 each): scores A 1.0, B 0.2, C 0.5 -> A + C = 1.5.
    projects = [
        {"id": "A", "name": "A", "capex_2027": 5, "npv": 10, "security": True},
        {"id": "B", "name": "B", "capex_2027": 5, "npv": 4, "security": False},
        {"id": "C", "name": "C", "capex_2027": 5, "npv": 0, "security": True},
    ]
    settings = {"budget_2027": 10, "objective": "score", "weight_return": 0.5, "weight_security": 0.5}
    code, result = run_engine(tmp_path, projects, settings, None)
    assert code == 0
    assert set(reference.portfolio_from_json(result)) == {"A", "C"}
    assert result["objective_value"] == pytest.approx(1.5)


def test_set_overrides_a_limit_like_a_slider(tmp_path):
    projects = random_projects(3)
    code, loose = run_engine(tmp_path, projects, {"total_budget": 1000})
    code2, tight = run_engine(tmp_path, projects, {"total_budget": 1000}, extra_args=["--set", "total_budget=20"])
    assert code == code2 == 0
    expected, _ = reference.enumerate_optimum(projects, {"total_budget": 20}, ENTERPRISE)
    assert tight["objective_value"] == pytest.approx(expected)
    assert tight["objective_value"] < loose["objective_value"]
