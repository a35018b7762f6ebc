"""The exported Constraints sheet reads as the window does: values and limits in the unit they are shown in
(percentages, the case's money, labour productivity in 万元/人), and for each binding limit the step it is
loosened by, its real worth re-solved and the LP's local rate, both per that step, in both languages."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from optimizer.analysis.step_value import apply_step_values, step_values
from optimizer.io.export import export_result
from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from tests.conftest import ROOT

DEMO = ROOT / "resources" / "demo_case.xlsx"


@pytest.fixture(scope="module")
def result():
    # labour productivity at least 79 万元/人 (0.0079 亿元 per person): it binds, with R&D intensity and 2028's budget
    solved = Planner().solve(apply_overrides(read_case(DEMO), {"min_labour_productivity": "0.0079"}))
    apply_step_values(solved, step_values(solved))
    return solved


def _rows(path, sheet: str) -> tuple[dict[str, dict], list[str], object]:
    ws = load_workbook(path)[sheet]
    rows = list(ws.iter_rows(values_only=True))
    return {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}, list(rows[0]), ws


def test_english_sheet_in_display_units_with_the_step_and_its_worth(result, tmp_path):
    path = tmp_path / "r.xlsx"
    export_result(result, path)
    rows, headers, ws = _rows(path, "Constraints")
    assert headers[-2:] == ["Worth of one step looser, re-solved (CNY 100m)",
                            "Local rate at the chosen projects, per step (CNY 100m)"]
    productivity = rows["min_labour_productivity"]
    assert productivity["Unit"] == "CNY 10k per person"
    assert productivity["Limit"] == pytest.approx(79.0) and productivity["Value"] == pytest.approx(79.0)
    assert productivity["Step looser"] == "1 CNY 10k per person"
    solved = {c.name: c for c in result.constraints}
    assert productivity["Worth of one step looser, re-solved (CNY 100m)"] == pytest.approx(
        solved["min_labour_productivity"].step_value)
    # the dual per unit of the limit (亿元 per person) times one step (-0.0001 亿元 per person, a floor lowered)
    assert productivity["Local rate at the chosen projects, per step (CNY 100m)"] == pytest.approx(
        solved["min_labour_productivity"].marginal_value * -1e-4)
    rd = rows["min_rd_intensity"]
    assert (rd["Unit"], rd["Limit"], rd["Step looser"]) == ("%", pytest.approx(0.027), "1 percentage point")
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "min_rd_intensity")
    assert row[5].number_format == "0.00%"  # 2.70%
    budget = rows["budget_2028"]
    assert (budget["Unit"], budget["Limit"], budget["Step looser"]) == ("CNY 100m", 210, "1 CNY 100m")
    slack = rows["max_debt_ratio"]
    assert slack["Binding"] == "no" and slack["Step looser"] is None
    assert slack["Worth of one step looser, re-solved (CNY 100m)"] is None


def test_chinese_sheet_says_the_units_and_the_step_in_chinese(result, tmp_path):
    path = tmp_path / "结果.xlsx"
    export_result(result, path, language="zh_CN")
    rows, headers, _ = _rows(path, "约束条件")
    assert "放宽一步的实际价值（重新求解，亿元）" in headers
    assert "在所选项目处的局部变化率（每放宽一步，亿元）" in headers
    productivity = rows["min_labour_productivity"]
    assert productivity["单位"] == "万元/人" and productivity["限额值"] == pytest.approx(79.0)
    assert productivity["放宽一步"] == "1 万元/人"
    assert rows["min_rd_intensity"]["放宽一步"] == "1 个百分点"
    assert rows["budget_2028"]["放宽一步"] == "1 亿元"
