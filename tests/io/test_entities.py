"""Reading the Entities sheet (投资主体): each subsidiary's own budgets as limits of the case, every bad value at
its cell, and a saved case that reads back with them."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from optimizer.errors import CaseError
from optimizer.io.case_writer import write_case
from optimizer.io.workbook import read_case
from tests.builders import make_workbook

PROJECTS = [{"id": "P1", "name": "Plant", "entity": "华瑞新能源", "capex_2027": 10, "capex_2028": 5, "npv": 3},
            {"id": "P2", "name": "Mill", "entity": "华瑞电力", "capex_2027": 4, "capex_2028": 4, "npv": 2}]


def test_reads_each_entitys_budgets_as_limits_in_english_and_chinese(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 20}, None,
                                   entities={"华瑞新能源": {"total_budget": 12, "budget_2027": 8},
                                             "华瑞电力": {"total_budget": None, "budget_2027": 3}}))
    assert case.settings.limits == {"total_budget": 20, "total_budget@华瑞新能源": 12, "budget_2027@华瑞新能源": 8,
                                    "budget_2027@华瑞电力": 3}
    assert case.settings.cells["budget_2027@华瑞电力"] == "Entities!C3"
    path = make_workbook(tmp_path / "zh.xlsx", PROJECTS, {}, None, entities={"华瑞电力": {"年度预算_2028": 2}})
    book = load_workbook(path)
    book["Entities"].title = "投资主体"
    book["投资主体"]["A1"] = "投资主体"
    book.save(path)
    assert read_case(path).settings.limits == {"budget_2028@华瑞电力": 2}


def test_every_bad_value_is_reported_at_its_cell(tmp_path):
    path = make_workbook(tmp_path / "case.xlsx", PROJECTS, {}, None,
                         entities={"华瑞新能源": {"total_budget": -5, "budget_2031": 3, "note": "x"},
                                   "华瑞电力": {"total_budget": "lots"}, "华瑞新能源 ": {"total_budget": 1}})
    with pytest.raises(CaseError) as raised:
        read_case(path)
    assert [str(p) for p in raised.value.problems] == [
        "Entities!C1: budget_2031 is for 2031, outside the plan years 2027–2028",
        "Entities!B2: total_budget of 华瑞新能源: -5 is negative; write 0 or more",
        "Entities!B3: total_budget of 华瑞电力: text 'lots' is not a number",
        "Entities!A4: 华瑞新能源 is given twice (rows 2 and 4)",
    ]


def test_an_entity_no_project_names_is_a_warning(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", PROJECTS, {}, None,
                                   entities={"华瑞矿业": {"total_budget": 5}}))
    assert case.settings.limits == {"total_budget@华瑞矿业": 5}
    assert any("Entities!A2" in w and "华瑞矿业" in w for w in case.warnings)


def test_a_saved_case_reads_back_with_its_entity_budgets(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", PROJECTS, {"budget_2027": 13}, None,
                                   entities={"华瑞新能源": {"total_budget": 12, "budget_2028": 4}}))
    write_case(case, tmp_path / "saved.xlsx")
    assert read_case(tmp_path / "saved.xlsx").settings.limits == case.settings.limits
