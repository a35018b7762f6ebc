"""The `explain` and `frontier` commands as cli.md describes them: JSON keys, exit statuses, --set,
the frontier workbook; figures against brute-force enumeration (tests/reference.py)."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

import main
from optimizer import cli
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects

LIMITS = {"budget_2027": 30.0, "budget_2028": 20.0, "min_rd_intensity": 0.022}


@pytest.fixture
def small(tmp_path):
    projects = random_projects(3, n=6)
    return projects, make_workbook(tmp_path / "case.xlsx", projects, LIMITS, ENTERPRISE)


def _run(argv, out):
    code = cli.main(argv + ["--json", str(out)])
    return code, json.loads(out.read_text(encoding="utf-8"))


def test_explain_json_as_cli_md_says(tmp_path, small, capsys):
    projects, path = small
    free, portfolio = reference.enumerate_optimum(projects, LIMITS, ENTERPRISE)
    left_out = next(p for p in projects if p["id"] not in portfolio)
    code, data = _run(["explain", str(path), left_out["id"]], tmp_path / "explain.json")
    assert code == 0
    assert {"id", "chosen", "objective_value", "forced_objective_value", "cost_of_forcing", "blocking",
            "npv_to_enter"} <= set(data)
    forced = [{**p, "mandatory": p["id"] == left_out["id"]} for p in projects]
    with_it, _ = reference.enumerate_optimum(forced, LIMITS, ENTERPRISE)
    assert data["id"] == left_out["id"] and data["chosen"] is False
    assert data["objective_value"] == pytest.approx(free, abs=1e-6)
    assert data["forced_objective_value"] == pytest.approx(with_it, abs=1e-6)
    assert data["cost_of_forcing"] == pytest.approx(free - with_it, abs=1e-6)
    assert data["npv_to_enter"] > left_out["npv"]
    assert f"{left_out['id']} (" in capsys.readouterr().out


def test_explain_a_chosen_project_through_main_with_set(tmp_path, small):
    projects, path = small
    settings = {**LIMITS, "budget_2027": 40.0}
    free, portfolio = reference.enumerate_optimum(projects, settings, ENTERPRISE)
    chosen = next(iter(portfolio))
    out = tmp_path / "explain.json"
    code = main.main(["explain", str(path), chosen, "--set", "budget_2027=40", "--json", str(out)])
    data = json.loads(out.read_text(encoding="utf-8"))
    without = [{**p, "excluded": p["id"] == chosen} for p in projects]
    without_it, _ = reference.enumerate_optimum(without, settings, ENTERPRISE)
    assert code == 0 and data["chosen"] is True and data["forced"] == "out"
    assert data["cost_of_forcing"] == pytest.approx(free - without_it, abs=1e-6)


def test_explain_exit_statuses(tmp_path, small, capsys):
    projects, path = small
    assert cli.main(["explain", str(path), "NOPE"]) == 1
    assert "no project with id 'NOPE'" in capsys.readouterr().err
    code, data = _run(["explain", str(path), projects[0]["id"], "--set", "min_rd_intensity=0.9"],
                      tmp_path / "infeasible.json")
    assert code == 3 and data["status"] == "infeasible" and data["diagnosis"]
    code, data = _run(["explain", str(path), projects[0]["id"], "--set", "min_strategic_share=2"],
                      tmp_path / "invalid.json")
    assert code == 2 and data["status"] == "invalid"


def test_frontier_json_points_equal_the_optima_and_the_workbook(tmp_path, small):
    projects, path = small
    out_xlsx = tmp_path / "frontier.xlsx"
    code, data = _run(["frontier", str(path), "--vary", "budget_2027", "--from", "10", "--to", "40", "--steps", "4",
                       "-o", str(out_xlsx)], tmp_path / "frontier.json")
    assert code == 0 and data["vary"] == "budget_2027"
    assert [p["value"] for p in data["points"]] == [10.0, 20.0, 30.0, 40.0]
    for point in data["points"]:
        assert {"value", "status", "objective_value", "gap", "selected"} <= set(point)
        expected, _ = reference.enumerate_optimum(projects, {**LIMITS, "budget_2027": point["value"]}, ENTERPRISE)
        assert point["objective_value"] == pytest.approx(expected, abs=1e-6)
    values = [p["objective_value"] for p in data["points"]]
    assert values == sorted(values)
    wb = load_workbook(out_xlsx)
    assert wb.sheetnames == ["Frontier", "Portfolios"]
    sheet = wb["Frontier"]
    assert [sheet.cell(row=r, column=3).value for r in range(2, 6)] == pytest.approx(values)
    assert sheet._charts, "the frontier is drawn"
    chosen_somewhere = {s["id"] for p in data["points"] for s in p["selected"]}
    assert {wb["Portfolios"].cell(row=r, column=1).value for r in range(2, 2 + len(chosen_somewhere))} == \
        chosen_somewhere


def test_frontier_takes_percentages_and_chinese_keys(tmp_path, small):
    _, path = small
    code, data = _run(["frontier", str(path), "--vary", "战新投资占比下限", "--from", "0%", "--to", "30%",
                       "--steps", "3"], tmp_path / "f.json")
    assert code == 0 and data["vary"] == "min_strategic_share"
    assert [p["value"] for p in data["points"]] == pytest.approx([0.0, 0.15, 0.3])


def test_frontier_exit_statuses(tmp_path, capsys):
    projects = [{"id": "M", "name": "Must", "capex_2027": 6.0, "npv": 1.0, "mandatory": True},
                {"id": "B", "name": "Beta", "capex_2027": 2.0, "npv": 3.0}]
    path = make_workbook(tmp_path / "case.xlsx", projects, {"total_budget": 10.0})
    code, data = _run(["frontier", str(path), "--vary", "total_budget", "--from", "1", "--to", "5", "--steps", "3"],
                      tmp_path / "none.json")
    assert code == 3 and {p["status"] for p in data["points"]} == {"infeasible"}
    assert cli.main(["frontier", str(path), "--vary", "objective", "--from", "1", "--to", "2"]) == 1
    assert "not a limit" in capsys.readouterr().err
    code, data = _run(["frontier", str(path), "--vary", "min_strategic_share", "--from", "0", "--to", "1.5"],
                      tmp_path / "bad.json")
    assert code == 2 and "1.5" in data["problems"][0]
    assert cli.main(["frontier", str(path), "--vary", "total_budget", "--from", "6", "--to", "9",
                     "-o", str(tmp_path / "f.csv")]) == 1
