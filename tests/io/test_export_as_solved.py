"""The export is the case that was solved (issue 16): its Settings sheet holds the values used (after `--set` and
the app's edits) and its Projects sheet the marks after the app's ticks, rewritten in place in the copied sheets,
so the file reopens to the same answer; its decision log lists every override and ties the result to its input;
the JSON carries `settings_used` and `overrides` (cli.md, Extension 2)."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import replace

import pytest
from openpyxl import load_workbook

import main
from optimizer.cli import load_case, solve_case
from optimizer.io.export import export_result
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.report.result import Result


@pytest.fixture(scope="module")
def solved() -> tuple[Result, str]:
    """The demo with `--set min_strategic_share=0.7` and a project the workbook leaves free, which the answer
    leaves out, forced in (as a tick in the app does)."""
    case = load_case(str(DEMO_CASE), {"min_strategic_share": "0.7"})
    chosen = {x.id for x in solve_case(case).selected}
    forced = next(p.id for p in case.projects if not p.mandatory and not p.excluded and p.id not in chosen)
    case = replace(case, projects=tuple(replace(p, mandatory=True) if p.id == forced else p for p in case.projects))
    return solve_case(case), forced


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def test_the_export_reopens_as_the_case_solved(solved, tmp_path):
    result, forced = solved
    out = tmp_path / "r.xlsx"
    export_result(result, out)
    again = solve_case(read_case(out))
    gap = result.case.settings.mip_gap
    assert math.isclose(again.solution.objective_value, result.solution.objective_value, rel_tol=gap)
    assert sorted(x.id for x in again.selected) == sorted(x.id for x in result.selected)
    assert forced in {x.id for x in again.selected}

    wb = load_workbook(out)
    settings = {row[0]: row[1] for row in _rows(wb["Settings"])}
    assert settings["min_strategic_share"] == 0.7
    projects = _rows(wb["Projects"])
    header = projects[0]
    row = next(r for r in projects if r[0] == forced)
    assert row[header.index("mandatory")] == "yes"
    # The rest of the sheets is the workbook's: its other settings and marks, and its formatting.
    source = load_workbook(DEMO_CASE)
    before = {row[0]: row[1] for row in _rows(source["Settings"])}
    assert {k: v for k, v in settings.items() if k != "min_strategic_share"} == \
        {k: v for k, v in before.items() if k != "min_strategic_share"}
    assert sum(a != b for a, b in zip(_rows(source["Projects"]), projects, strict=True)) == 1
    at = next(c for c in wb["Settings"]["B"] if c.value == 0.7)
    assert at.number_format == source["Settings"][at.coordinate].number_format


def test_the_decision_log_lists_both_overrides_and_the_input(solved, tmp_path):
    result, forced = solved
    out = tmp_path / "结果.xlsx"
    export_result(result, out, language="zh_CN")
    rows = _rows(load_workbook(out)["决策记录"])
    facts = {row[0]: row[1] for row in rows}
    assert facts["案例文件"] == DEMO_CASE.name
    assert facts["案例文件的 SHA-256"] == hashlib.sha256(DEMO_CASE.read_bytes()).hexdigest()
    assert facts["求解器"].startswith("HiGHS")
    assert f"mip_rel_gap={result.case.settings.mip_gap:g}" in facts["求解参数"]
    assert ("min_strategic_share", None, 0.65, 0.7, "--set", "--set") in rows
    assert ("mandatory", forced, "否", "是", "软件界面", None) in rows  # forced here, not by a control it could name


def test_a_limit_removed_and_one_added_in_the_app_reopen_as_used(tmp_path):
    case = read_case(DEMO_CASE)
    removed = next(key for key in case.settings.limits if key.startswith("min_") and "@" not in key)
    limits = {k: v for k, v in case.settings.limits.items() if k != removed}
    edited = replace(case, settings=replace(case.settings, limits={**limits, "min_eva": 0.0}))
    assert "min_eva" not in case.settings.cells  # no row for it in the workbook
    result = solve_case(edited)
    assert result.solution.has_portfolio
    out = tmp_path / "r.xlsx"
    export_result(result, out)
    back = read_case(out)
    assert removed not in back.settings.limits
    assert back.settings.limits["min_eva"] == 0.0
    assert {o["key"]: o["by"] for o in result.to_json()["overrides"]} == {removed: "app", "min_eva": "app"}


def test_the_decision_log_gives_the_gap_the_command_solved_with(tmp_path):
    out = tmp_path / "r.xlsx"
    assert main.main(["solve", str(DEMO_CASE), "--gap", "0.02", "-o", str(out)]) == 0
    facts = {row[0]: row[1] for row in _rows(load_workbook(out)["Decision log"])}
    assert "mip_rel_gap=0.02" in facts["Solver options"] and "time_limit=" in facts["Solver options"]


def test_the_json_carries_settings_used_and_overrides(tmp_path):
    out = tmp_path / "r.json"
    code = main.main(["solve", str(DEMO_CASE), "--set", "min_strategic_share=0.7", "--json", str(out)])
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    case = read_case(DEMO_CASE)
    assert data["settings_used"]["min_strategic_share"] == 0.7
    assert data["settings_used"]["objective"] == case.settings.objective
    assert set(case.settings.limits) <= set(data["settings_used"])
    assert data["overrides"] == [{"key": "min_strategic_share", "workbook": 0.65, "used": 0.7, "by": "--set",
                                  "how": "--set"}]


def test_a_case_whose_origin_is_another_file_rewrites_nothing_of_its_workbook(solved, tmp_path):
    """An autosave restored names its workbook as source but was read from the autosave: the cells it knows are
    the autosave's, so the copied workbook is left as it is and no override is claimed against it."""
    result, _ = solved
    elsewhere = replace(result, case=replace(result.case, origin=replace(result.case.origin, path="autosave.xlsx")))
    assert elsewhere.to_json()["overrides"] == []
    out = tmp_path / "r.xlsx"
    export_result(elsewhere, out)
    assert _rows(load_workbook(out)["Settings"]) == _rows(load_workbook(DEMO_CASE)["Settings"])


def test_an_input_replaced_after_it_was_read_is_copied_as_it_was_read(tmp_path):
    """The file replaced during the solve: the export copies the workbook from the bytes read with the case, so it
    reopens as the case solved, with the workbook's own formatting, not as the new file."""
    source = tmp_path / "case.xlsx"
    source.write_bytes(DEMO_CASE.read_bytes())
    result = solve_case(read_case(source))
    wb = load_workbook(source)
    ws = wb["Projects"]
    ws.delete_rows(2, 40)  # another file under the same name, 40 projects fewer
    wb.save(source)
    out = tmp_path / "r.xlsx"
    export_result(result, out)
    back = read_case(out)
    assert [p.id for p in back.projects] == [p.id for p in result.case.projects]
    assert sorted(x.id for x in solve_case(back).selected) == sorted(x.id for x in result.selected)
    copied, original = load_workbook(out)["Projects"], load_workbook(DEMO_CASE)["Projects"]
    assert [copied.column_dimensions[c].width for c in "ABC"] == [original.column_dimensions[c].width for c in "ABC"]
    assert copied["A1"].fill.fgColor.rgb == original["A1"].fill.fgColor.rgb
