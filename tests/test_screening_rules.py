"""The negative list (workbook.md, "Screening and relations") against brute-force enumeration: the engine's optimum
on small random cases with a NegativeList sheet equals the best portfolio of tests/reference.py over the projects
that screening leaves, prohibited rules always and supervised ones under both values of allow_supervised; every
project kept out says which rule and why, and the chosen supervised projects are listed with their rule."""

from __future__ import annotations

import json

import pytest

from optimizer import cli
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects, with_negative_list

RULE_SETS = {
    "sector and overseas": [("prohibited", "sector", "S1", "sector S1 is on the list"),
                            ("supervised", "overseas", "yes", "overseas investment")],
    "return and size": [("prohibited", "irr", "<9%", "return under 9%"),
                        ("supervised", "capex", ">=18", "large project")],
    "entities and names": [("supervised", "entity", "E0, e2", "entities under review"),
                           ("prohibited", "name", "*ject 3*", "project 3 by name")],
    "flags": [("supervised", "main_business", "no", "non-main business"),
              ("prohibited", "security", "no", "commercial projects"),
              ("supervised", "strategic_category", "新材料", "new materials")],
}


def solve(tmp_path, projects, rules, settings):
    path = with_negative_list(make_workbook(tmp_path / "case.xlsx", projects, settings, ENTERPRISE), rules)
    out = tmp_path / "result.json"
    code = cli.main(["solve", str(path), "--json", str(out), "--gap", "0"])
    return code, json.loads(out.read_text(encoding="utf-8"))


def budget(projects) -> dict:
    return {"total_budget": round(0.45 * sum(reference.total(p) for p in projects), 2)}


@pytest.mark.parametrize("allow", [True, False], ids=["supervised allowed", "supervised not allowed"])
@pytest.mark.parametrize("name", list(RULE_SETS))
def test_the_optimum_is_the_best_portfolio_of_the_projects_screening_leaves(tmp_path, name, allow):
    rules = RULE_SETS[name]
    changed = 0
    for seed in range(3):
        projects = random_projects(seed)
        settings = {**budget(projects), "allow_supervised": "yes" if allow else "no"}
        left, kept_out, supervised = reference.negative_list_screening(projects, rules, ENTERPRISE, allow)
        expected, _ = reference.enumerate_optimum(left, settings, ENTERPRISE)
        unscreened, _ = reference.enumerate_optimum(projects, settings, ENTERPRISE)
        changed += abs(unscreened - expected) > 1e-6
        code, result = solve(tmp_path, projects, rules, settings)
        assert code == 0, result
        portfolio = reference.portfolio_from_json(result)
        assert reference.broken_rules(left, portfolio, ENTERPRISE, settings) == []
        assert result["objective_value"] == pytest.approx(expected, abs=1e-6)
        # each project kept out names its rule and reason
        reasons = {x["id"]: x for x in result["excluded"]}
        by_id = {p["id"]: p for p in projects}
        for pid, reason in kept_out.items():
            assert reasons[pid]["code"] == "negative_list"
            prohibited = any(r[0] == "prohibited" and reference.rule_matches(by_id[pid], r[1], r[2]) for r in rules)
            assert reasons[pid]["reason"] == (f"negative list, prohibited: {reason}" if prohibited else
                                              f"negative list, supervised: {reason}; supervised projects are not "
                                              "allowed (allow_supervised is no)")
        # the supervised projects: flagged, chosen or not, with their rule
        flagged = {x["id"]: x for x in result["supervised"]}
        assert {pid: x["reason"] for pid, x in flagged.items()} == {
            pid: f"negative list, supervised: {reason}" for pid, reason in supervised.items()}
        assert {pid for pid, x in flagged.items() if x["chosen"]} == set(supervised) & set(portfolio)
    assert changed, f"the rules {name} never changed the answer: the test would not see them ignored"


def test_supervised_projects_leave_only_when_they_are_not_allowed(tmp_path):
    """The same case both ways: allowed, the supervised projects the optimum takes are listed as chosen (and
    printed); not allowed, the answer is the best without them."""
    projects = random_projects(4)
    rules = [("supervised", "capex", ">=15", "large project")]
    allowed = {**budget(projects), "allow_supervised": "是"}
    code, result = solve(tmp_path, projects, rules, allowed)
    chosen = {x["id"] for x in result["supervised"] if x["chosen"]}
    assert code == 0 and chosen, "the optimum takes a large project"
    _, kept_out, _ = reference.negative_list_screening(projects, rules, ENTERPRISE, allow_supervised=False)
    left, _, _ = reference.negative_list_screening(projects, rules, ENTERPRISE, allow_supervised=False)
    expected, _ = reference.enumerate_optimum(left, allowed, ENTERPRISE)
    code, without = solve(tmp_path, projects, rules, {**allowed, "allow_supervised": "否"})
    assert code == 0 and without["supervised"] == []
    assert without["objective_value"] == pytest.approx(expected, abs=1e-6)
    assert expected < result["objective_value"] - 1e-6
    assert not set(kept_out) & {x["id"] for x in without["selected"]}


def test_the_command_prints_the_chosen_supervised_projects(tmp_path, capsys):
    projects = random_projects(4)
    path = with_negative_list(make_workbook(tmp_path / "case.xlsx", projects, budget(projects), ENTERPRISE),
                              [("supervised", "capex", ">=15", "large project")])
    assert cli.main(["solve", str(path), "--gap", "0"]) == 0
    printed = capsys.readouterr().out
    _, _, supervised = reference.negative_list_screening(projects, [("supervised", "capex", ">=15", "large")],
                                                        ENTERPRISE)
    assert "Flagged for special supervision" in printed
    assert any(f"  {pid} Project {int(pid[1:])}: negative list, supervised: large project" in printed
               for pid in supervised)


def test_explain_says_a_prohibited_project_is_kept_out_by_the_negative_list(tmp_path):
    projects = random_projects(0)
    rules = [("prohibited", "sector", "S1", "sector S1 is on the list")]
    path = with_negative_list(make_workbook(tmp_path / "case.xlsx", projects, budget(projects), ENTERPRISE), rules)
    banned = next(p["id"] for p in projects if p["sector"] == "S1")
    out = tmp_path / "explain.json"
    assert cli.main(["explain", str(path), banned, "--json", str(out)]) == 0
    answer = json.loads(out.read_text(encoding="utf-8"))
    assert answer["chosen"] is False and answer["blocking"] == ["negative_list"]
    assert answer["forced_status"] == "prohibited"
    assert answer["why"] == "negative list, prohibited: sector S1 is on the list"
