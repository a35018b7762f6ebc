"""Negative-list screening (workbook.md): a commercial project whose IRR is below the hurdle rate is prohibited;
one flagged `security` or `livelihood` (民生保障, read in English or Chinese) is not, whatever its IRR."""

from __future__ import annotations

import pytest

from optimizer.errors import CaseError
from optimizer.io.workbook import read_case
from optimizer.model.screening import is_prohibited
from tests.builders import make_workbook

HURDLE = {"hurdle_rate": 0.04}


def test_a_livelihood_project_below_the_hurdle_is_not_prohibited(tmp_path):
    # the hurdle is 4%: A (3%) is commercial, B (1%) a livelihood project, C (2%) a security one, D (5%) clears it
    projects = [{"id": "A", "name": "Mall", "capex_2027": 5, "npv": 1, "irr": 0.03},
                {"id": "B", "name": "Water supply", "capex_2027": 5, "npv": 1, "irr": 0.01, "livelihood": "是"},
                {"id": "C", "name": "Grid", "capex_2027": 5, "npv": 1, "irr": 0.02, "security": True},
                {"id": "D", "name": "Plant", "capex_2027": 5, "npv": 1, "irr": 0.05, "livelihood": "no"}]
    case = read_case(make_workbook(tmp_path / "case.xlsx", projects, {}, HURDLE))
    assert [p.livelihood for p in case.projects] == [False, True, False, False]
    assert [is_prohibited(p, case) for p in case.projects] == [True, False, False, False]


def test_the_chinese_column_reads_and_a_mandatory_livelihood_project_is_allowed(tmp_path):
    projects = [{"id": "B", "name": "供水", "capex_2027": 5, "npv": 1, "irr": 0.01, "民生保障": "是",
                 "mandatory": True}]
    case = read_case(make_workbook(tmp_path / "case.xlsx", projects, {}, HURDLE))
    assert case.projects[0].livelihood and case.projects[0].mandatory


def test_a_bad_livelihood_value_is_an_error_at_its_cell(tmp_path):
    projects = [{"id": "B", "name": "Water", "capex_2027": 5, "npv": 1, "livelihood": "maybe"}]
    with pytest.raises(CaseError) as raised:
        read_case(make_workbook(tmp_path / "case.xlsx", projects, {}, HURDLE))
    assert [(p.sheet, p.cell) for p in raised.value.problems] == [("Projects", "E2")]
