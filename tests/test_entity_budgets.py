"""Each subsidiary's own budgets (the Entities sheet, workbook.md "Screening and relations"; issue 15): the optimum
under them, deferral included, against enumeration (tests/reference.py), and what the answer says of them."""

from __future__ import annotations

import json

import pytest

from optimizer import cli
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects


def solve(tmp_path, projects, settings, entities):
    path = make_workbook(tmp_path / "case.xlsx", projects, settings, ENTERPRISE, entities=entities)
    out = tmp_path / "result.json"
    code = cli.main(["solve", str(path), "--json", str(out), "--gap", "0"])
    return code, json.loads(out.read_text(encoding="utf-8"))


def _caps(projects, shares: dict[str, float]) -> dict[str, dict[str, float]]:
    """Each named entity's total budget at the given share of its candidates' capex, and its 2027 budget at the
    same share of their 2027 spend: below what the unconstrained optimum would give it, so they bind."""
    caps: dict[str, dict[str, float]] = {}
    for entity, share in shares.items():
        own = [p for p in projects if p["entity"] == entity]
        caps[entity] = {"total_budget": round(share * sum(reference.total(p) for p in own), 2),
                        "budget_2027": round(share * sum(p["capex_2027"] for p in own), 2)}
    return caps


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_entity_budgets_with_deferral_match_enumeration(tmp_path, seed):
    projects = random_projects(200 + seed, n=8, deferrable=True)
    entities = _caps(projects, {"E0": 0.4, "E1": 0.5})
    settings = {"budget_2028": 60}
    limits = {**settings, **{f"{key}@{entity}": cap for entity, caps in entities.items() for key, cap in caps.items()}}
    expected, _ = reference.enumerate_optimum(projects, limits, ENTERPRISE)
    unconstrained, _ = reference.enumerate_optimum(projects, settings, ENTERPRISE)
    code, result = solve(tmp_path, projects, settings, entities)
    if expected is None:
        assert code == 3
        return
    assert code == 0, result
    assert expected < unconstrained - 1e-6, "the entity budgets should bind"
    assert result["objective_value"] == pytest.approx(expected, abs=1e-6)
    portfolio = reference.portfolio_from_json(result)
    assert reference.broken_rules(projects, portfolio, ENTERPRISE, limits) == []
    rows = {c["name"]: c for c in result["constraints"]}
    for key, cap in limits.items():
        if "@" in key:
            name, _ = reference.limit_figure(key)
            assert rows[key]["limit"] == pytest.approx(cap)
            assert rows[key]["value"] == pytest.approx(reference.figure(projects, portfolio, ENTERPRISE, {}, name))


def test_a_project_larger_than_its_entitys_budget_is_told_so(tmp_path):
    # by hand: E0's whole budget is 5; A alone costs 10 (an NPV of 9), so it cannot be taken at any start
    projects = [{"id": "A", "name": "Plant", "entity": "E0", "capex_2027": 6, "capex_2028": 4, "npv": 9},
                {"id": "B", "name": "Mill", "entity": "E1", "capex_2027": 3, "capex_2028": 0, "npv": 2}]
    code, result = solve(tmp_path, projects, {}, {"E0": {"total_budget": 5}})
    assert code == 0 and [s["id"] for s in result["selected"]] == ["B"]
    assert {x["id"]: x["reason"] for x in result["excluded"]} == {
        "A": "does not fit: even alone it needs 10.00 of total_budget@E0, whose limit is 5.00"}


def test_a_mandatory_project_over_its_entitys_budget_is_diagnosed(tmp_path, capsys):
    projects = [{"id": "A", "name": "Plant", "entity": "E0", "capex_2027": 6, "capex_2028": 4, "npv": 9,
                 "mandatory": True},
                {"id": "B", "name": "Mill", "entity": "E1", "capex_2027": 3, "capex_2028": 0, "npv": 2}]
    code, result = solve(tmp_path, projects, {}, {"E0": {"budget_2027": 5}})
    assert code == 3
    assert [(d["constraint"], d["best_reachable"]) for d in result["diagnosis"]] == [("budget_2027@E0", 6.0)]
    assert "Budget 2027 of E0 at most 5.00 CNY 100m (budget_2027@E0)" in capsys.readouterr().out


def test_a_subsidiarys_budget_set_on_the_command_line_is_the_same_as_on_its_sheet(tmp_path, capsys):
    # `--set budget_2027@E0=40` (or 年度预算_2027@E0) asks what the Entities sheet would: the same optimum, against
    # enumeration; a cap for an entity no project is of, or a year outside the plan, is refused at --set.
    projects = random_projects(300, n=8, deferrable=True)
    caps = _caps(projects, {"E0": 0.4})["E0"]
    limits = {f"{key}@E0": cap for key, cap in caps.items()}
    expected, _ = reference.enumerate_optimum(projects, limits, ENTERPRISE)
    path = make_workbook(tmp_path / "case.xlsx", projects, {}, ENTERPRISE)
    out = tmp_path / "result.json"
    code = cli.main(["solve", str(path), "--json", str(out), "--gap", "0", "--set",
                     f"年度预算_2027@E0={caps['budget_2027']}", "--set", f"total_budget@E0={caps['total_budget']}"])
    result = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0 and result["objective_value"] == pytest.approx(expected, abs=1e-6)
    assert {c["name"] for c in result["constraints"]} >= set(limits)
    for bad, said in (("budget_2027@Nobody=5", "no project is of the investing entity 'Nobody'"),
                      ("budget_2035@E0=5", "2035 is not a plan year"), ("min_roe@E0=0.1", "unknown setting")):
        capsys.readouterr()
        assert cli.main(["solve", str(path), "--set", bad]) == 2
        assert said in capsys.readouterr().out
