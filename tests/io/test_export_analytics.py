"""The analytics in the result workbook (Why not, a Stability column, Risk figures) read back with
openpyxl as a user would, and the exported file still opening as the same case."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from optimizer.analysis.explain import explain_excluded
from optimizer.analysis.stability import stability
from optimizer.io.export import export_result
from optimizer.io.export_analytics import export_with_analytics
from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from optimizer.words.language import Words
from tests.builders import make_workbook

PROJECTS = [  # budget 10: A + C is best (15); B and D are left out; L is on the negative list
    {"id": "A", "name": "Alpha", "capex_2027": 6.0, "npv": 10.0, "npv_low": 6.0, "npv_high": 12.0, "irr": 0.09},
    {"id": "B", "name": "Beta", "capex_2027": 5.0, "npv": 8.0, "npv_low": 7.0, "npv_high": 9.0, "irr": 0.08},
    {"id": "C", "name": "Gamma", "capex_2027": 4.0, "npv": 5.0, "irr": 0.07},
    {"id": "D", "name": "Delta", "capex_2027": 1.0, "npv": -1.0, "irr": 0.05},
    {"id": "L", "name": "Low", "capex_2027": 1.0, "npv": 0.5, "irr": 0.01},
]


def _rows(ws):
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row), strict=False)) for row in ws.iter_rows(min_row=2)]


def test_result_workbook_with_why_not_stability_and_risk(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 10.0}))
    result = Planner().solve(case)
    assert {s.id for s in result.selected} == {"A", "C"}
    explanations = explain_excluded(case)
    draws = stability(case, draws=6, seed=5)
    out = tmp_path / "result.xlsx"
    export_with_analytics(result, out, explanations=explanations, stability=draws)

    wb = load_workbook(out)
    why = {row["ID"]: row for row in _rows(wb["Why not"])}
    assert set(why) == {"B", "D"}  # L is prohibited by the negative list: not explained
    # By hand: B in -> B + C = 13 (cost 2, enters from NPV 10). D in (A + C + D is over the budget) ->
    # B + C + D = 12 or A + D = 9: cost 3, enters from NPV 2 (B + C + D = 13 + d reaches A + C = 15).
    assert why["B"]["Objective with it (CNY 100m)"] == pytest.approx(13.0)
    assert why["B"]["Cost of forcing it in (CNY 100m)"] == pytest.approx(2.0)
    assert why["B"]["What keeps it out"] == "total_budget"
    assert why["B"]["NPV to enter (CNY 100m)"] == pytest.approx(10.0, abs=1e-3)
    assert why["B"]["NPV rise needed (CNY 100m)"] == pytest.approx(2.0, abs=1e-3)
    assert why["D"]["Cost of forcing it in (CNY 100m)"] == pytest.approx(3.0)
    assert why["D"]["NPV to enter (CNY 100m)"] == pytest.approx(2.0, abs=1e-3)
    assert why["B"]["Stability"] == pytest.approx(draws.share("B"))

    selected = {row["ID"]: row for row in _rows(wb["Selected"])}
    assert selected["C"]["Stability"] == pytest.approx(1.0)  # C is certain and always fits
    assert selected["A"]["Stability"] == pytest.approx(draws.share("A"))
    assert wb["Selected"].cell(row=2, column=wb["Selected"].max_column).number_format == "0.00%"

    risk = {row["Item"]: row["Value"] for row in _rows(wb["Risk figures"])}
    assert risk["Expected NPV (CNY 100m)"] == pytest.approx(15.0)
    assert risk["Pessimistic NPV (CNY 100m)"] == pytest.approx(6.0 + 5.0)  # A at its low case, C certain
    assert risk["Risk aversion"] == 0
    assert risk["Stability: each draw within (gap)"] == pytest.approx(draws.gap) and draws.gap > 0

    assert read_case(out).projects == case.projects  # still opens as the same case
    again = tmp_path / "again.xlsx"
    export_result(Planner().solve(read_case(out)), again)
    assert "Why not" not in load_workbook(again).sheetnames  # replaced like the other result sheets


def test_no_ranges_no_risk_sheet_and_no_analytics_asked(tmp_path):
    flat = [{k: v for k, v in p.items() if k not in ("npv_low", "npv_high")} for p in PROJECTS]
    case = read_case(make_workbook(tmp_path / "case.xlsx", flat, {"total_budget": 10.0}))
    out = tmp_path / "result.xlsx"
    export_with_analytics(Planner().solve(case), out)
    names = load_workbook(out).sheetnames
    assert "Risk figures" not in names and "Why not" not in names and "Selected" in names


def test_chinese_workbook_names_the_analytics_in_chinese(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 10.0}))
    out = tmp_path / "结果.xlsx"
    export_with_analytics(Planner().solve(case), out, explanations=explain_excluded(case, ["B"]),
                          stability=stability(case, draws=3, seed=5), language="zh_CN")
    wb = load_workbook(out)
    assert "未入选分析" in wb.sheetnames and "风险指标" in wb.sheetnames
    why = _rows(wb["未入选分析"])
    assert why[0]["项目编号"] == "B" and why[0]["强制入选的代价（亿元）"] == pytest.approx(2.0)
    selected = wb[Words("zh_CN")("Selected")]
    assert selected.title != "Selected" and selected.cell(row=1, column=selected.max_column).value == "稳定性"
