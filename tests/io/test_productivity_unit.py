"""A labour productivity target typed in 万元 per person, the unit reports use, while the workbook counts in another
money unit (issue 16, item 4): refused at its cell, as a share typed as 35 is, saying the unit the workbook expects
and what the figure is in it. By hand: 78 万元 is 0.0078 亿元 (1 亿元 = 10,000 万元) and 780,000 元."""

from __future__ import annotations

import pytest

from optimizer.errors import CaseError
from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.words.language import Words
from tests.builders import HAND_ENTERPRISE, HAND_PROJECT, make_workbook

CHINESE = Words("zh_CN")
YEARS = {"capex_2027": 40, "capex_2028": 40, "capex_2029": 0}


def refused(tmp_path, settings: dict) -> list:
    with pytest.raises(CaseError) as raised:
        read_case(make_workbook(tmp_path / "case.xlsx", [HAND_PROJECT], settings, HAND_ENTERPRISE))
    return raised.value.problems


def test_78_in_a_workbook_in_cny_100m_is_refused_at_its_cell_with_the_hint(tmp_path):
    [problem] = refused(tmp_path, {"min_labour_productivity": 78})
    assert str(problem) == ("Settings!B2: min_labour_productivity: 78 looks like CNY 10k per person (万元/人); labour "
                            "productivity is written in CNY 100m per person here, where that is 0.0078")
    assert CHINESE.text(problem.message) == \
        "min_labour_productivity：78 看起来是按万元/人填写的；本工作簿的全员劳动生产率按亿元/人填写，应为 0.0078"


def test_a_target_by_year_and_a_workbook_in_yuan_are_caught_too(tmp_path):
    [problem] = refused(tmp_path, {"budget_2027": 100, "min_labour_productivity_2028": 78})
    assert str(problem).startswith("Settings!B3: min_labour_productivity_2028: 78 looks like CNY 10k per person")
    [problem] = refused(tmp_path, {"currency_unit": "元", "min_labour_productivity": 78})
    assert str(problem).endswith("written in 元 per person here, where that is 780000")


@pytest.mark.parametrize(("currency", "target"), [("CNY 100m", 0.0078), ("CNY 10k", 78), ("元", 780_000),
                                                  ("CNY 100m", 0.0801)])
def test_a_target_in_the_workbooks_own_unit_reads(tmp_path, currency, target):
    path = make_workbook(tmp_path / "case.xlsx", [HAND_PROJECT], {"currency_unit": currency,
                                                                  "min_labour_productivity": target}, HAND_ENTERPRISE)
    assert read_case(path).settings.limits["min_labour_productivity"] == target


def test_an_override_of_78_is_refused_the_same_way(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", [HAND_PROJECT], {}, HAND_ENTERPRISE))
    with pytest.raises(CaseError) as raised:
        apply_overrides(case, {"min_labour_productivity": "78"})
    assert "78 looks like CNY 10k per person (万元/人)" in str(raised.value)
    assert "where that is 0.0078" in str(raised.value)
    assert apply_overrides(case, {"min_labour_productivity": "0.0078"}).settings.limits[
        "min_labour_productivity"] == 0.0078
