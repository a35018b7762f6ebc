"""The `batch` and `stability` commands: one summary row per case, whose objective is what `solve --json` says of
that case alone; a workbook that cannot be used is its own row; the summary in both languages."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

import main
from optimizer.analysis.batch import run_batch
from optimizer.io.export_batch import write_batch_workbook
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects

LIMITS = {"budget_2027": 30.0, "budget_2028": 20.0, "min_rd_intensity": 0.022}


@pytest.fixture
def cases(tmp_path):
    """Three small cases and one whose Projects sheet has a word for a number."""
    paths, projects = [], []
    for seed in (1, 2, 3):
        found = random_projects(seed, n=7)
        projects.append(found)
        paths.append(str(make_workbook(tmp_path / f"case{seed}.xlsx", found, LIMITS, ENTERPRISE)))
    broken = [{**projects[0][0], "npv": "lots"}, *projects[0][1:]]
    paths.insert(2, str(make_workbook(tmp_path / "broken.xlsx", broken, LIMITS, ENTERPRISE)))
    return paths, projects


def _solve_json(path, tmp_path, *extra) -> dict:
    out = tmp_path / "solve.json"
    main.main(["solve", path, "--json", str(out), *extra])
    return json.loads(out.read_text(encoding="utf-8"))


def test_batch_summary_has_a_row_per_case_with_the_objective_solve_gives(cases, tmp_path, capsys):
    paths, projects = cases
    summary, out = tmp_path / "summary.xlsx", tmp_path / "summary.json"
    code = main.main(["batch", *paths, "--set", "budget_2028=25", "-o", str(summary), "--json", str(out),
                      "--workers", "2"])
    assert code == 2  # one workbook cannot be used; the others were solved all the same
    rows = list(load_workbook(summary).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == 4 and [row[0] for row in body] == paths
    column = {name: i for i, name in enumerate(header)}
    broken = body[2]
    assert broken[column["Status"]] == "invalid" and "npv" in broken[column["Problems"]]
    assert "!" in broken[column["Problems"]]  # sheet!cell: message
    data = json.loads(out.read_text(encoding="utf-8"))["lines"]
    for row, line, path in zip(body, data, paths, strict=True):
        if path.endswith("broken.xlsx"):
            continue
        alone = _solve_json(path, tmp_path, "--set", "budget_2028=25")
        assert row[column["Status"]] == alone["status"] == line["status"]
        assert row[column["Objective value"]] == pytest.approx(alone["objective_value"], abs=1e-6)
        assert row[column["Projects selected"]] == len(alone["selected"])
    for found, row in zip(projects, (body[0], body[1], body[3]), strict=True):  # and brute force agrees
        best, _ = reference.enumerate_optimum(found, {**LIMITS, "budget_2028": 25.0}, ENTERPRISE)
        assert row[column["Objective value"]] == pytest.approx(best, abs=1e-6)
    assert "broken.xlsx: invalid" in capsys.readouterr().out


def test_targets_missed_and_the_summary_in_chinese(tmp_path):
    projects = random_projects(4, n=6)
    impossible = {**LIMITS, "min_rd_intensity": 0.9}  # no choice reaches it
    paths = [str(make_workbook(tmp_path / "ok.xlsx", projects, LIMITS, ENTERPRISE)),
             str(make_workbook(tmp_path / "no.xlsx", projects, impossible, ENTERPRISE))]
    assert reference.enumerate_optimum(projects, impossible, ENTERPRISE) == (None, None)
    lines = run_batch(paths, workers=1)
    assert lines[0].has_portfolio and lines[1].status == "infeasible"
    assert "min_rd_intensity" in lines[1].missed
    write_batch_workbook(lines, tmp_path / "汇总.xlsx", language="zh_CN")
    sheet = load_workbook(tmp_path / "汇总.xlsx").active
    assert sheet.title == "批量求解"
    header = [cell.value for cell in sheet[1]]
    assert {"案例文件", "状态", "目标值", "未达成的目标"} <= set(header)
    assert sheet.cell(3, header.index("状态") + 1).value == "目标相互冲突"


def test_stability_command_json(tmp_path, capsys):
    projects = random_projects(6, n=6)
    for p in projects:
        p.update(npv_low=p["npv"] * 0.5, npv_high=p["npv"] * 1.5)
    path = str(make_workbook(tmp_path / "case.xlsx", projects, LIMITS, ENTERPRISE))
    out = tmp_path / "stability.json"
    assert main.main(["stability", path, "--draws", "5", "--seed", "3", "--json", str(out), "--gap", "0"]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["draws"] == 5 and data["seed"] == 3 and data["solved"] == 5 and data["status"] == "optimal"
    _, chosen = reference.enumerate_optimum(projects, LIMITS, ENTERPRISE)
    assert sorted(data["recommended"]) == sorted(chosen)
    for pid, share in data["chosen_share"].items():
        assert share == sum(pid in draw for draw in data["draw_portfolios"]) / 5
    assert "draws of the NPVs solved" in capsys.readouterr().out


def test_the_scenarios_saved_for_a_case_are_lines_of_their_own(tmp_path):
    from optimizer.io.scenarios import Scenario, save_scenarios
    from optimizer.io.workbook import read_case
    from optimizer.planner import Planner

    projects = random_projects(7, n=7)
    path = str(make_workbook(tmp_path / "case.xlsx", projects, LIMITS, ENTERPRISE))
    case = read_case(path)
    tighter = {"budget_2027": 18.0, "budget_2028": 12.0}
    looser = {"budget_2027": 45.0}
    saved = tmp_path / "saved.json"
    save_scenarios([Scenario(name, case.with_limits(**limits), Planner().solve(case.with_limits(**limits)))
                    for name, limits in (("Tighter", tighter), ("Looser", looser))], saved)
    out, summary = tmp_path / "batch.json", tmp_path / "summary.xlsx"
    assert main.main(["batch", path, "--scenarios", f"{path}={saved}", "-o", str(summary), "--json", str(out)]) == 0
    lines = json.loads(out.read_text(encoding="utf-8"))["lines"]
    assert [(line["case"], line["scenario"]) for line in lines] == [(path, None), (path, "Tighter"), (path, "Looser")]
    for line, limits in zip(lines, ({}, tighter, looser), strict=True):
        best, chosen = reference.enumerate_optimum(projects, {**LIMITS, **limits}, ENTERPRISE)
        assert line["objective_value"] == pytest.approx(best, abs=1e-6) and sorted(line["selected"]) == sorted(chosen)
    rows = list(load_workbook(summary).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == [None, "Tighter", "Looser"]
    assert main.main(["batch", path, "--scenarios", f"other.xlsx={saved}", "-o", str(summary)]) == 1
    assert main.main(["batch", path, "--scenarios", f"{path}={tmp_path / 'none.json'}", "-o", str(summary),
                      "--json", str(out)]) == 2  # the case is solved; the file that cannot be read is its own line
    lines = json.loads(out.read_text(encoding="utf-8"))["lines"]
    assert [line["status"] for line in lines] == ["optimal", "invalid"] and "none.json" in lines[1]["problems"][0]
