"""The export's "KPIs by year" and "Five values" sheets (optimizer/io/export_values.py), read back with openpyxl, on
the case worked by hand in tests/report/test_five_values.py (tests/builders.py's FIVE_VALUES_PROJECTS), in English
and in Chinese; the exported workbook still reads back as the case."""

from __future__ import annotations

from dataclasses import replace

import pytest
from openpyxl import load_workbook

from optimizer.io.export import export_result
from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from tests.builders import (
    FIVE_VALUES_ENTERPRISE,
    FIVE_VALUES_OUTLOOK,
    FIVE_VALUES_PROJECTS,
    FIVE_VALUES_SETTINGS,
    make_workbook,
)

YEARS = [2027, 2028, 2029]


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export_values")
    path = make_workbook(folder / "five.xlsx", FIVE_VALUES_PROJECTS, FIVE_VALUES_SETTINGS, FIVE_VALUES_ENTERPRISE,
                         outlook=FIVE_VALUES_OUTLOOK)
    result = Planner().solve(read_case(path))
    english, chinese = folder / "result.xlsx", folder / "结果.xlsx"
    export_result(result, english)
    export_result(result, chinese, language="zh_CN")
    return path, english, chinese


def rows(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_kpis_by_year_has_a_row_per_figure_and_year(solved):
    ws = load_workbook(solved[1])["KPIs by year"]
    table = rows(ws)
    assert [(r["Key"], r["Year"]) for r in table[:4]] == [("total_profit", 2027), ("total_profit", 2028),
                                                          ("total_profit", 2029), ("profit_growth", 2027)]
    assert len(table) == 7 * len(YEARS)
    debt = {r["Year"]: r for r in table if r["Key"] == "debt_ratio"}
    # by hand (tests/report/test_five_values.py): the baseline borrows 10 more in 2028; with the four projects
    # liabilities 703 over assets 1150
    assert debt[2028]["Before"] == pytest.approx(610 / 1000)
    assert debt[2028]["After"] == pytest.approx(703 / 1150)
    assert (debt[2028]["Target"], debt[2028]["Target sense"], debt[2028]["Met"], debt[2028]["Unit"]) == \
        (0.615, "≤", "✓", "%")
    assert ws.cell(row=2 + table.index(debt[2028]), column=5).number_format == "0.00%"
    roe = [r for r in table if r["Key"] == "roe"]
    assert {r["Target"] for r in roe} == {None} and {r["Met"] for r in roe} == {None}  # no ROE target


def test_a_line_chart_per_figure_with_the_target_where_one_binds(solved):
    ws = load_workbook(solved[1])["KPIs by year"]
    charts = ws._charts
    assert len(charts) == 7
    # the rows of each figure: total profit 2..4, profit growth 5..7, ROE 8..10, the debt ratio 11..13, ...
    debt = charts[3]
    assert [s.val.numRef.f for s in debt.series] == ["'KPIs by year'!$D$11:$D$13", "'KPIs by year'!$E$11:$E$13",
                                                      "'KPIs by year'!$F$11:$F$13"]
    assert [s.tx.v for s in debt.series] == ["Before", "After", "Target"]
    assert debt.series[2].spPr.ln.prstDash == "dash"
    assert debt.series[0].cat.numRef.f == "'KPIs by year'!$B$11:$B$13"
    assert len(charts[2].series) == 2  # ROE: before and after, no target
    # the axis spans the figures, not from 0: from 60% to the ceiling 61.5%, a quarter of that range is 0.375
    # points, so the gridlines go by the next round step, 0.5 points, from 59.5% to 62%
    assert debt.y_axis.majorUnit == pytest.approx(0.005)
    assert (debt.y_axis.scaling.min, debt.y_axis.scaling.max) == (pytest.approx(0.595), pytest.approx(0.62))


def test_five_values_sheet_reads_as_the_answer(solved):
    table = rows(load_workbook(solved[1])["Five values"])
    assert table[0]["Five values"] == "稳 Steady growth"
    worst = next(r for r in table if r["Figure"] == "Worst margin")
    assert (worst["Year"], worst["Unit"], worst["Note"]) == (2028, "%", "2028 debt ratio 61.13%, at most 61.50%")
    assert worst["After"] == pytest.approx(0.615 - 703 / 1150)
    met = next(r for r in table if r["Figure"] == "Targets met")
    assert (met["After"], met["Target"], met["Met"]) == (8, 8, "✓")
    regions = [(r["Figure"], r["After"]) for r in table if r["Figure"].startswith("Capex in")]
    assert regions == [("Capex in 内蒙古", 80), ("Capex in 江苏", 50), ("Capex in 甘肃", 30)]
    carried = {r["Five values"]: r["Note"] for r in table if r["Figure"] == "Projects that carry it"}
    assert carried == {"稳 Steady growth": "A, B, D", "优 Better returns and structure": "A, C",
                       "保 Security and livelihoods": "B, D", "促 Coordinated development": "B",
                       "新 New productive forces": "C"}
    rd = [(r["Year"], r["After"]) for r in table if r["Figure"] == "R&D intensity"]
    assert rd == [(None, pytest.approx(13.4 / 559)), (2027, pytest.approx(10 / 509)), (2028, pytest.approx(10.4 / 529)),
                  (2029, pytest.approx(10.4 / 529))]


def test_the_chinese_export_names_its_sheets_and_says_its_notes_in_chinese(solved):
    wb = load_workbook(solved[2])
    assert {"年度指标", "五个价值"} <= set(wb.sheetnames)
    assert [c.value for c in wb["年度指标"][1]][:5] == ["指标", "年度", "单位", "投资前", "投资后"]
    assert len(wb["年度指标"]._charts) == 7
    table = rows(wb["五个价值"])
    worst = next(r for r in table if r["指标"] == "最小余量")
    assert worst["说明"] == "2028年资产负债率为 61.13%，上限 61.50%"
    carried = {r["五个价值"]: r["说明"] for r in table if r["指标"] == "承载项目"}
    assert carried["保 保安全、保民生"] == "B、D"
    assert any(r["指标"] == "内蒙古投资" and r["投资后"] == 80 for r in table)


@pytest.mark.parametrize("which", [1, 2])
def test_the_export_reads_back_as_the_case_and_a_reexport_replaces_the_sheets(solved, which, tmp_path):
    case_path, exported = solved[0], solved[which]
    original, again = read_case(case_path), read_case(exported)
    assert [replace(p, row=0) for p in again.projects] == [replace(p, row=0) for p in original.projects]
    assert [p.livelihood for p in again.projects] == [False, True, False, False]
    assert (again.settings.limits, again.outlook, again.enterprise) == \
        (original.settings.limits, original.outlook, original.enterprise)
    out = tmp_path / "again.xlsx"
    export_result(Planner().solve(again), out, language="zh_CN" if which == 2 else "en")
    assert load_workbook(out).sheetnames == load_workbook(exported).sheetnames


def test_labour_productivity_is_in_10k_cny_per_person_in_both_languages(solved):
    """100 亿元 of labour output over 1,000 people is 0.1 亿元, 1,000 万元 per person, each year (no project adds
    value or people): the sheets show 1,000.00, not 0.1000, so 78.01 and 78.10 万元/人 read apart."""
    for which, sheet, unit in ((1, "KPIs by year", "CNY 10k per person"), (2, "年度指标", "万元/人")):
        ws = load_workbook(solved[which])[sheet]
        table = rows(ws)
        key, before, after, unit_column = list(table[0])[-1], list(table[0])[3], list(table[0])[4], list(table[0])[2]
        productivity = [r for r in table if r[key] == "labour_productivity"]
        assert len(productivity) == len(YEARS)
        for r in productivity:
            assert (r[before], r[after], r[unit_column]) == (pytest.approx(1000), pytest.approx(1000), unit)
        assert ws.cell(row=2 + table.index(productivity[0]), column=4).number_format == "#,##0.00"
    kpis = rows(load_workbook(solved[1])["KPIs"])
    steady = next(r for r in kpis if r["Key"] == "labour_productivity")
    assert (steady["Before"], steady["After"], steady["Unit"]) == (pytest.approx(1000), pytest.approx(1000),
                                                                  "CNY 10k per person")
