"""The relations between projects (workbook.md, "Screening and relations") against brute-force enumeration
(tests/reference.py): requires with and without a lag, requires_any, together_with (cycles too), every kind of group
count; the reasons that name the rule, explain of a project kept out (or held in) only by a relation, and the
diagnosis of rules that are each valid but that no portfolio keeps."""

from __future__ import annotations

import json

import pytest

from optimizer import cli
from optimizer.analysis.explain import explain_project
from optimizer.io.workbook import read_case
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects
from tests.io.test_relations import with_groups

SETTINGS = {"budget_2027": 30.0, "budget_2028": 25.0}


def case_file(tmp_path, projects, settings, groups=None, enterprise=ENTERPRISE):
    path = make_workbook(tmp_path / "case.xlsx", projects, settings, enterprise)
    return with_groups(path, groups) if groups else path


def solve(tmp_path, projects, settings, groups=None, enterprise=ENTERPRISE):
    out = tmp_path / "result.json"
    code = cli.main(["solve", str(case_file(tmp_path, projects, settings, groups, enterprise)), "--json", str(out),
                     "--gap", "0"])
    return code, json.loads(out.read_text(encoding="utf-8"))


def check(tmp_path, projects, settings, groups=None) -> dict:
    """The engine's optimum against the enumerated one, and its portfolio against every rule."""
    expected, _ = reference.enumerate_all_or_nothing(projects, settings, ENTERPRISE, group_counts=groups)
    code, result = solve(tmp_path, projects, settings, groups)
    if expected is None:
        assert code == 3 and result["status"] == "infeasible", result
        return result
    assert code == 0 and result["status"] == "optimal", result
    portfolio = reference.portfolio_from_json(result)
    assert reference.broken_rules(projects, portfolio, ENTERPRISE, settings, groups) == []
    assert result["objective_value"] == pytest.approx(expected, abs=1e-6)
    return result


def three_years(seed: int) -> list[dict]:
    """Seven random projects over 2027-2029 that all pay; P00, P03 and P06 may start a year late."""
    projects = random_projects(seed, n=7, deferrable=True)
    for p in projects:
        p["capex_2029"] = 0
        p["npv"] = abs(p["npv"]) + 0.5
    return projects


def with_relation(projects: list[dict], relation: str) -> list[dict]:
    p = projects
    if relation == "requires":
        p[2]["requires"], p[3]["latest_start"] = "P03", 2029
    elif relation == "requires_lag":  # P06 (2027 to 2029) at least a year after P01 (2027)
        p[6]["requires"], p[6]["latest_start"] = "P01+1", 2029
    elif relation == "requires_lag_2":
        p[4]["requires"], p[4]["latest_start"] = "P00+2", 2029
    elif relation == "requires_any":
        p[1]["requires_any"], p[1]["latest_start"], p[3]["latest_start"] = "P03, P05", 2028, 2029
    elif relation == "requires_any_with_lag":
        p[1]["requires_any"], p[1]["latest_start"] = "P03, P05", 2028
        p[3]["requires"], p[3]["latest_start"] = "P06+1", 2029
    elif relation == "together_with":
        p[1]["together_with"] = "P04"
    elif relation == "together_cycle":
        p[1]["together_with"], p[4]["together_with"], p[5]["together_with"] = "P04", "P05", "P01"
    elif relation == "together_with_lag":
        p[1]["together_with"], p[6]["requires"], p[6]["latest_start"] = "P06", "P00+1", 2029
    return projects


RELATIONS = ["requires", "requires_lag", "requires_lag_2", "requires_any", "requires_any_with_lag", "together_with",
             "together_cycle", "together_with_lag"]


def without_lags(projects: list[dict]) -> list[dict]:
    return [{**p, "requires": ", ".join(r for r, _ in reference.requires_entries(p))} if p.get("requires") else p
            for p in projects]


@pytest.mark.parametrize("relation", RELATIONS)
def test_each_relation_matches_enumeration_and_changes_some_answer(tmp_path, relation):
    changed = lagged = 0
    for seed in range(4):
        projects = with_relation(three_years(seed), relation)
        result = check(tmp_path, projects, SETTINGS)
        value = result.get("objective_value")
        free, _ = reference.enumerate_all_or_nothing(three_years(seed), SETTINGS, ENTERPRISE)
        plain, _ = reference.enumerate_all_or_nothing(without_lags(projects), SETTINGS, ENTERPRISE)
        changed += value is None or abs(value - free) > 1e-6
        lagged += value is None or abs(value - plain) > 1e-6
    assert changed, f"{relation} never changed the answer: the test would not see it ignored"
    assert lagged or "lag" not in relation, f"the lags of {relation} never changed the answer"


GROUP_COUNTS = [(0, 1), (1, 1), (0, 2), (2, 2), (2, None), (1, 3), (3, 4), (0, 0), (4, 4)]


@pytest.mark.parametrize("low, high", GROUP_COUNTS)
def test_every_group_count_matches_enumeration(tmp_path, low, high):
    changed = 0
    for seed in range(3):
        projects = three_years(seed)
        for i in (0, 2, 4, 5):
            projects[i]["exclusive_group"] = "site"
        projects[6]["exclusive_group"] = "pier"  # a group without a row: at most one
        projects[3]["exclusive_group"] = "pier"
        groups = {"site": (low, high)}
        result = check(tmp_path, projects, SETTINGS, groups)
        if result["status"] == "optimal":
            taken = [s["id"] for s in result["selected"] if s["id"] in ("P00", "P02", "P04", "P05")]
            assert low <= len(taken) <= (high if high is not None else 4)
        free, _ = reference.enumerate_all_or_nothing(three_years(seed), SETTINGS, ENTERPRISE)
        changed += result.get("objective_value") is None or abs(result["objective_value"] - free) > 1e-6
    assert changed


def test_relations_with_partly_funded_projects_match_enumeration(tmp_path):
    projects = random_projects(41, n=6, deferrable=True, partial=True)
    for p in projects:
        p["capex_2029"], p["npv"] = 0, abs(p["npv"]) + 0.5
    projects[1]["together_with"] = "P03"  # P01 may be funded from half: chosen with P03, each at its own share
    projects[3]["requires"], projects[3]["latest_start"] = "P00+1", 2029
    projects[2]["exclusive_group"] = projects[4]["exclusive_group"] = projects[5]["exclusive_group"] = "site"
    groups = {"site": (1, 2)}
    expected, _ = reference.enumerate_optimum(projects, SETTINGS, ENTERPRISE, group_counts=groups)
    code, result = solve(tmp_path, projects, SETTINGS, groups)
    assert code == 0
    assert reference.broken_rules(projects, reference.portfolio_from_json(result), ENTERPRISE, SETTINGS, groups) == []
    assert result["objective_value"] == pytest.approx(expected, abs=1e-6)


# --------------------------------------------------------------------------- the reasons, explain, the diagnosis
def hand_case() -> list[dict]:
    """Worked by hand (budget 30 in 2027, no other limit): A pays 6; B (4) goes together with C (-5), so B and C
    together lose 1; D (1) needs E (-2) or F (-3) started no later; G1 (5) and G2 (3) form a group that takes
    exactly one. Best: A, G1, 11. P4 needs P3 started by 2027, and P3 cannot start before 2029 (it follows P2 by
    two years)."""
    def project(pid, npv, **columns):
        return {"id": pid, "name": pid, "capex_2027": 2, "capex_2028": 0, "capex_2029": 0, "npv": npv, **columns}
    return [project("A", 6), project("B", 4, together_with="C"), project("C", -5), project("D", 1, requires_any="E, F"),
            project("E", -2), project("F", -3), project("G1", 5, exclusive_group="site"),
            project("G2", 3, exclusive_group="site"), project("P2", 1, latest_start=2029),
            project("P3", 1, requires="P2+2", latest_start=2029), project("P4", 9, requires="P3+2", latest_start=2029)]


HAND_GROUPS = {"site": (1, 1)}


def test_the_reasons_name_the_rule(tmp_path):
    projects = hand_case()
    expected, _ = reference.enumerate_all_or_nothing(projects, {"budget_2027": 30}, None, group_counts=HAND_GROUPS)
    code, result = solve(tmp_path, projects, {"budget_2027": 30}, HAND_GROUPS, enterprise=None)
    assert code == 0 and result["objective_value"] == pytest.approx(expected)
    assert {s["id"] for s in result["selected"]} == {"A", "G1", "P2", "P3"}
    reasons = {x["id"]: (x["code"], x["reason"]) for x in result["excluded"]}
    assert reasons["B"] == ("no_value", "does not pay together with C: their NPV contribution -1.00 is not positive")
    assert reasons["D"] == ("dependency", "needs one of E, F started by 2027, and none is chosen")
    assert reasons["G2"] == ("exclusive", "its group site takes exactly 1: G1 was chosen")
    assert reasons["P4"] == ("dependency", "needs P3 started by 2027, and P3 cannot start before 2029")
    assert {s["id"]: s["start_year"] for s in result["selected"]}["P3"] == 2029
    rows = {(c["name"], c["subject"]): c for c in result["constraints"]}
    assert rows[("exclusive_group", "site")]["limit"] == 1 and rows[("group_min_count", "site")]["value"] == 1


@pytest.mark.parametrize("project_id, family, forced", [("B", "together_with", {"B", "C"}),
                                                        ("D", "requires_any", {"D", "E"}),
                                                        ("G2", "exclusive_group", {"G2"}),
                                                        ("G1", "group_min_count", {"G2"})])
def test_explain_a_project_kept_out_or_held_in_only_by_a_relation(tmp_path, project_id, family, forced):
    projects = hand_case()
    case = read_case(case_file(tmp_path, projects, {"budget_2027": 30}, HAND_GROUPS, enterprise=None))
    explanation = explain_project(case, project_id)
    best, _ = reference.enumerate_all_or_nothing(projects, {"budget_2027": 30}, None, group_counts=HAND_GROUPS)
    changed = [dict(p, mandatory=True) if p["id"] == project_id and not explanation.chosen else
               dict(p, excluded=True) if p["id"] == project_id else p for p in projects]
    forced_best, portfolio = reference.enumerate_all_or_nothing(changed, {"budget_2027": 30}, None,
                                                                group_counts=HAND_GROUPS)
    assert explanation.objective_value == pytest.approx(best)
    assert explanation.forced_objective_value == pytest.approx(forced_best)
    assert explanation.cost_of_forcing == pytest.approx(best - forced_best)
    assert forced <= set(portfolio) and forced <= {s["id"] for s in explanation.forced_selected}
    assert family in explanation.blocking
    assert "budget_2027" not in explanation.blocking  # nothing but the relation is in its way


def test_rules_each_valid_that_no_portfolio_keeps_go_to_the_diagnosis(tmp_path):
    # A is mandatory and needs B or C started no later than it (by 2028); B is excluded, and C starts at least a
    # year after D, which cannot start before 2028: C starts in 2029 at the earliest. Group "lot" takes two of
    # G1, G2, G3, but G2 is excluded and G3 goes together with G4, whose IRR is below the hurdle rate.
    def project(pid, **columns):
        return {"id": pid, "name": pid, "capex_2027": 2, "capex_2028": 0, "capex_2029": 0, "npv": 1, "irr": 0.08,
                **columns}
    projects = [project("A", mandatory=True, requires_any="B, C", latest_start=2028), project("B", excluded=True),
                project("C", requires="D+1", latest_start=2029), project("D", earliest_start=2028, latest_start=2029),
                project("E")]
    assert reference.enumerate_all_or_nothing(projects, {}, None) == (None, None)
    code, result = solve(tmp_path, projects, {}, enterprise=None)
    assert code == 3
    [item] = result["diagnosis"]
    assert item["constraint"] == "project_rules"
    assert set(item["conflicts_with"]) == {"mandatory", "requires_any", "excluded", "requires"}
    assert item["message"] == ("The project rules contradict each other even without any target: A is mandatory; "
                               "A requires one of B, C; B is marked excluded; C starts at least 1 years after D.")

    groups = {"lot": (2, None)}
    projects = [project("G1", exclusive_group="lot"), project("G2", exclusive_group="lot", excluded=True),
                project("G3", exclusive_group="lot", together_with="G4"), project("G4", irr=0.01), project("E")]
    assert reference.enumerate_all_or_nothing(projects, {}, ENTERPRISE, group_counts=groups) == (None, None)
    code, result = solve(tmp_path, projects, {}, groups)
    assert code == 3
    [item] = result["diagnosis"]
    assert set(item["conflicts_with"]) == {"group_min_count", "excluded", "together_with"}
    assert "G3 goes together with G4" in item["message"] and "G4 is prohibited: negative list: IRR 1.00%" in \
        item["message"]
