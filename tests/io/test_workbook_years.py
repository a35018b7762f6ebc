"""Reading the parts of a case that work year by year (workbook.md, "Year by year"): build_years, the Outlook
sheet, equity_source, targets by year and kpi_check; each bad value reported at its cell, all at once, and
nothing written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimizer import cli
from optimizer.errors import CaseError
from optimizer.io.case_writer import write_case
from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.model.case import EquitySource
from optimizer.model.targets import KpiCheck
from tests.builders import make_workbook
from tests.io.test_workbook import BASELINE, problems, project, second


def test_reads_build_years_the_outlook_the_equity_source_and_targets_by_year_in_chinese(tmp_path):
    path = make_workbook(
        tmp_path / "case.xlsx", [project(建设期=2), second()],
        {"资产负债率上限_2028": 0.7, "净资产收益率下限": 0.05, "考核口径": "逐年"},
        {**BASELINE, "资本金来源": "自有资金"}, sheet_names=("项目", "约束与目标", "企业基数"),
        outlook={"营业收入": {2027: 1050, 2028: 1100}, "total_assets": {2028: 2100}})
    book = path.parent / "chinese.xlsx"
    wb = load_workbook(path)
    wb["Outlook"].title = "基数预测"
    wb.save(book)
    case = read_case(book)
    assert [p.build_years for p in case.projects] == [2, 0]
    assert case.outlook == {"revenue": {2027: 1050, 2028: 1100}, "total_assets": {2028: 2100}}
    assert case.enterprise.equity_source == EquitySource.OWN_FUNDS
    assert case.settings.kpi_check == KpiCheck.EVERY_YEAR
    assert case.settings.limits == {"max_debt_ratio_2028": 0.7, "min_roe": 0.05}
    assert case.limits_in_force == {"max_debt_ratio_2028": 0.7, "min_roe": 0.05, "min_roe_2027": 0.05,
                                    "min_roe_2028": 0.05}
    # the outlook's equity follows its assets where it gives them, the Enterprise's elsewhere
    assert case.baseline("equity", 2028) == 2100 - 1200
    assert case.baseline("equity", 2027) == 2000 - 1200
    assert case.baseline("revenue", 2026) == 1000


def test_a_workbook_without_them_reads_as_before(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", [project()], {"min_roe": 0.05}, BASELINE))
    assert case.projects[0].build_years == 0 and case.outlook == {}
    assert case.enterprise.equity_source == EquitySource.NEW_CAPITAL
    assert case.settings.kpi_check == KpiCheck.STEADY
    assert case.limits_in_force == {"min_roe": 0.05}


def test_every_bad_value_is_reported_at_its_cell_all_at_once_and_nothing_is_written(tmp_path):
    path = make_workbook(
        tmp_path / "case.xlsx", [project(build_years=-1), second(build_years=1.5)],
        {"max_debt_ratio_2031": 0.7, "min_roe_2027": 0.05, "kpi_check": "yearly"},
        {**BASELINE, "equity_source": "own funds please"},
        outlook={"revenue": {2027: 1050, 2030: 1200}, "turnover": {2027: 1}, "hurdle_rate": {2028: 0.03}})
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    found = problems(tmp_path, [], path=path)
    assert found == [
        "Projects!F2: -1 is negative; write the years of construction, 0 or more (build_years)",
        "Projects!F3: 1.5 is not a whole number of years (build_years)",
        "Settings!B2: max_debt_ratio_2031 is for 2031, outside the plan years 2027–2028",
        "Settings!B4: kpi_check: 'yearly' is not a KPI check (write steady, every_year; 稳态, 逐年)",
        "Enterprise!B11: equity_source: 'own funds please' is not an equity source (write new_capital, own_funds; "
        "新增资本金, 自有资金)",
        "Outlook!D1: 2030 is outside the plan years 2027–2028",
        "Outlook!A3: 'turnover' is not an Enterprise item (the outlook forecasts the items of the Enterprise "
        "sheet, such as revenue or total_assets)",
        "Outlook!A4: hurdle_rate is one value for the whole plan: give it on the Enterprise sheet, not by year",
    ]
    out = tmp_path / "result.xlsx"
    assert cli.main(["solve", str(path), "-o", str(out), "--json", str(tmp_path / "r.json")]) == 2
    assert not out.exists()  # only the JSON, which says "invalid" (cli.md)
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["status"] == "invalid"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_the_outlook_needs_the_enterprise_sheet_and_plan_years_only(tmp_path):
    found = problems(tmp_path, [project()], {}, None, outlook={"revenue": {2026: 900, 2027: 1000}})
    assert found == [
        "Outlook: the outlook forecasts the Enterprise items year by year: add the Enterprise sheet with the figures "
        "of the year before the plan",
        "Outlook!B1: 2026 is the year before the plan, whose figures are the Enterprise sheet's: give the plan "
        "years 2027–2028 only",
    ]


def test_a_target_by_year_that_divides_by_a_figure_of_zero_is_reported_at_the_outlook_cell(tmp_path):
    found = problems(tmp_path, [project()], {"min_rd_intensity": 0.01, "kpi_check": "every_year"}, BASELINE,
                     outlook={"revenue": {2027: 1000, 2028: 0}})
    assert found == ["Outlook!C2: revenue: 0 is not above 0, and ratios divide by it (write the group's figure)"]


def test_a_target_by_year_that_divides_by_a_profit_of_zero_is_reported_at_the_outlook_cell(tmp_path):
    found = problems(tmp_path, [project()], {"min_profit_growth_2028": 0.01}, BASELINE,
                     outlook={"total_profit": {2027: 0, 2028: 10}})
    assert found == ["Outlook!B2: total_profit in 2027 is 0, but min_profit_growth_2028 divides by it: it must be "
                     "above 0"]


def test_set_takes_a_target_by_year_and_refuses_one_outside_the_plan(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", [project()], {}, BASELINE))
    assert apply_overrides(case, {"min_roe_2028": "6%"}).settings.limits == {"min_roe_2028": 0.06}
    assert apply_overrides(case, {"净资产收益率下限_2027": "0.06"}).settings.limits == {"min_roe_2027": 0.06}
    with pytest.raises(CaseError) as raised:
        apply_overrides(case, {"min_roe_2035": "0.06"})
    assert [str(p) for p in raised.value.problems] == [
        "--set: min_roe_2035 is for 2035, outside the plan years 2027–2028"]


def test_a_saved_case_reads_back_as_the_same_case(tmp_path):
    path = make_workbook(
        tmp_path / "case.xlsx", [project(build_years=2), second(build_years=0)],
        {"max_debt_ratio_2028": 0.7, "min_roe": 0.05, "kpi_check": "every_year"},
        {**BASELINE, "equity_source": "own_funds"}, outlook={"revenue": {2027: 1050, 2028: 1100.5}})
    case = read_case(path)
    saved = Path(tmp_path / "saved.xlsx")
    write_case(case, saved)
    again = read_case(saved)
    assert again.projects == case.projects
    assert again.outlook == case.outlook
    assert again.enterprise == case.enterprise
    assert again.settings.limits == case.settings.limits
    assert again.settings.kpi_check == case.settings.kpi_check
