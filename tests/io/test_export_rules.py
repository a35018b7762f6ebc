"""The export carries the rules the answer kept: the Entities, Groups and NegativeList sheets are written from the
case solved (the app's Rules tab edits them), so the exported file reopens as that case and gives the same answer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimizer.cli import solve_case
from optimizer.io.export import export_result
from optimizer.io.workbook import read_case
from optimizer.model.case import GroupCount
from optimizer.model.targets import entity_budget_key
from optimizer.paths import DEMO_CASE
from tests.builders import make_workbook


def rules_of(case) -> list[tuple]:
    """The rules as a user reads them (their rows on the sheet aside)."""
    return [(r.rule_class, r.field, r.matches, r.reason) for r in case.negative_list]


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


def test_rules_edited_in_the_app_are_the_rules_of_the_export(demo, tmp_path: Path):
    # As a planner would in the Rules tab: real estate allowed again (the first rule of the demo's list),
    # the cathode bases "at most one" instead of "exactly one", and the power subsidiary capped at 40 in total
    # (it spends 59 without).
    real_estate = demo.negative_list[0]
    assert real_estate.match_text == "房地产与商业"
    power = next(p.entity for p in demo.projects if p.id.startswith("PW"))
    group = next(iter(demo.groups))
    edited = replace(demo, negative_list=demo.negative_list[1:], groups={**demo.groups, group: GroupCount(0, 1)})
    edited = edited.with_limits(**{entity_budget_key("total_budget", power): 40.0})
    result = solve_case(edited)
    out = tmp_path / "result.xlsx"
    export_result(result, out)

    wb = load_workbook(out)
    source = load_workbook(DEMO_CASE)
    # The rule sheets stay where the workbook had them, under their own titles; the Entities sheet is new.
    for title in ("NegativeList", "Groups"):
        assert wb.sheetnames.index(title) == source.sheetnames.index(title)
    assert "Entities" in wb.sheetnames and "Entities" not in source.sheetnames
    rules = [[c.value for c in row] for row in wb["NegativeList"].iter_rows(min_row=2)]
    assert "房地产与商业" not in [row[2] for row in rules] and len(rules) == len(demo.negative_list) - 1

    again = read_case(out)
    assert rules_of(again) == rules_of(edited)
    assert again.groups == edited.groups
    assert {k: v for k, v in again.settings.limits.items() if "@" in k} == {f"total_budget@{power}": 40.0}
    answer = solve_case(again)
    assert answer.solution.objective_value == pytest.approx(result.solution.objective_value, rel=1e-3)
    assert {x.id for x in answer.selected} == {x.id for x in result.selected}
    entity_of = {p.id: p.entity for p in again.projects}
    power_capex = sum(x.capex for x in answer.selected if entity_of[x.id] == power)
    assert power_capex <= 40.0 + 1e-6


def test_rules_removed_in_the_app_leave_no_sheet_and_a_case_without_rules_gets_none(demo, tmp_path: Path):
    bare = replace(demo, negative_list=(), groups={})
    export_result(solve_case(bare), tmp_path / "bare.xlsx")
    names = load_workbook(tmp_path / "bare.xlsx").sheetnames
    assert "NegativeList" not in names and "Groups" not in names and "Entities" not in names
    again = read_case(tmp_path / "bare.xlsx")
    assert again.negative_list == () and again.groups == {}


def test_a_chinese_rule_sheet_keeps_its_title(tmp_path: Path):
    path = tmp_path / "case.xlsx"
    make_workbook(path, [{"id": "P1", "name": "住宅", "capex_2027": 10, "npv": 3, "sector": "房地产"},
                         {"id": "P2", "name": "风电", "capex_2027": 10, "npv": 2, "sector": "新能源"}],
                  {"total_budget": 20})
    wb = load_workbook(path)
    sheet = wb.create_sheet("负面清单")
    sheet.append(["类别", "字段", "匹配", "原因"])
    sheet.append(["禁止类", "sector", "房地产", "非主业房地产"])
    wb.save(path)
    case = read_case(path)
    result = solve_case(case)
    assert [x.id for x in result.selected] == ["P2"]  # P1 is prohibited: by hand
    export_result(result, tmp_path / "out.xlsx")
    assert "负面清单" in load_workbook(tmp_path / "out.xlsx").sheetnames
    assert rules_of(read_case(tmp_path / "out.xlsx")) == rules_of(case)
