"""Results in Chinese (optimizer.words.language): the same figures as the engine's English, and exported
workbooks in Chinese that read back as the same case."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimizer.io.export import export_result
from optimizer.io.scenarios import Scenario, export_scenarios
from optimizer.io.workbook import read_case
from optimizer.model.targets import FIGURES, LIMIT_KEYS
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.solve.solver import quality
from optimizer.words.language import Words, language_of
from tests.builders import make_workbook

CHINESE = Words("zh_CN")
# An English word: three letters or more, not capitals (NPV, ids such as P7) nor a key with underscores.
ENGLISH_WORD = re.compile(r"(?<![A-Za-z_])[A-Za-z][a-z]{2,}(?![A-Za-z_])")
KEY = re.compile(r"[a-z]+(?:_[a-z0-9]+)+")


def english_words(text: str, allowed: frozenset[str] = frozenset()) -> set[str]:
    return set(ENGLISH_WORD.findall(KEY.sub("", text))) - allowed


def numbers(text: str) -> list[str]:
    """The figures of a sentence; a currency unit's own digits ("CNY 100m", said 亿元) are not a figure."""
    return sorted(re.findall(r"\d+(?:,\d{3})*(?:\.\d+)?", re.sub(r"CNY \d+[km]", "", str(text))))


def test_every_kpi_and_limit_has_a_chinese_name():
    for key in FIGURES:
        assert re.fullmatch(r"[\u4e00-\u9fff]+", CHINESE.kpi_label(key)), key
    for key in LIMIT_KEYS:
        assert re.fullmatch(r"[\u4e00-\u9fff]+", CHINESE.limit_label(key)), key
    assert CHINESE.limit_label("budget_2027") == "2027年度预算"
    assert CHINESE.kpi_label("roe") == "净资产收益率" and CHINESE.limit_label("max_debt_ratio") == "资产负债率"
    assert language_of("zh-Hans") == language_of("zh_TW") == "zh_CN" and language_of("en_GB") == "en"


def test_each_reason_for_leaving_a_project_out_reads_in_chinese_with_the_engines_figures(tmp_path):
    def project(pid, npv, **more):
        return {"id": pid, "name": f"项目{pid}", "capex_2027": 10, "npv": npv, "irr": 0.08, **more}

    path = make_workbook(tmp_path / "reasons.xlsx", [
        project("P1", 5),
        project("P2", 1, irr=0.01),  # below the 2% hurdle rate: negative list
        project("P3", 5, excluded="yes"),
        project("P4", 6, exclusive_group="G"),
        project("P5", 4, exclusive_group="G"),
        project("P6", -2),  # does not pay
        project("P7", 3, requires="P6"),
        project("P8", 4, capex_2027=30),  # does not fit the budget beside P1 and P4
    ], settings={"total_budget": 30})
    result = Planner().solve(read_case(path))
    reasons = {x.id: x for x in result.excluded}
    assert {pid: x.code for pid, x in reasons.items()} == {
        "P2": "negative_list", "P3": "forced_out", "P5": "exclusive", "P6": "no_value", "P7": "dependency",
        "P8": "outcompeted"}
    for x in result.excluded:
        chinese = CHINESE.text(x.reason)
        assert not english_words(chinese), chinese
        assert numbers(chinese) == numbers(x.reason), (x.reason, chinese)
        assert Words("en").text(x.reason) == x.reason
    assert "P4（项目P4）" in CHINESE.text(reasons["P5"].reason)
    assert "1.00%" in CHINESE.text(reasons["P2"].reason) and "2.00%" in CHINESE.text(reasons["P2"].reason)


def test_quality_in_chinese_says_the_gap():
    assert CHINESE.text(quality("optimal", 0.0)) == "已证明为最优解"
    assert "0.50%" in CHINESE.text(quality("optimal", 0.005))
    assert "未知" in CHINESE.text(quality("feasible", None))


@pytest.fixture(scope="module")
def demo_result():
    return Planner().solve(read_case(DEMO_CASE))


def cells(path: Path) -> dict[str, list[list[object]]]:
    book = load_workbook(path)
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}


def same_numbers(english: list[list[object]], chinese: list[list[object]], sheet: str) -> None:
    """Cell by cell, the Chinese sheet holds exactly the English sheet's numbers and dates."""
    assert len(english) == len(chinese), sheet
    for r, (a, b) in enumerate(zip(english, chinese, strict=True)):
        for c, (x, y) in enumerate(zip(a, b, strict=True)):
            if isinstance(x, datetime):
                assert isinstance(y, datetime), (sheet, r, c)
            elif isinstance(x, int | float) and not isinstance(x, bool):
                assert y == x, (sheet, r, c)


def test_a_chinese_result_workbook_reads_back_as_the_same_case_with_the_english_numbers(demo_result, tmp_path):
    english, chinese = tmp_path / "result.xlsx", tmp_path / "结果.xlsx"
    export_result(demo_result, english)
    export_result(demo_result, chinese, language="zh_CN")
    a, b = cells(english), cells(chinese)
    result_sheets = ["结果摘要", "入选项目", "未入选项目", "分年度投资", "分类别投资", "关键指标", "年度指标",
                     "五个价值", "约束条件", "决策记录"]
    inputs = [name for name in a if name in b]
    assert list(b) == inputs + result_sheets
    assert list(a) == inputs + ["Summary", "Selected", "Excluded", "Spend by year", "Capex by category", "KPIs",
                                "KPIs by year", "Five values", "Constraints", "Decision log"]
    for sheet_en, sheet_zh in zip(list(a)[len(inputs):], result_sheets, strict=True):
        same_numbers(a[sheet_en], b[sheet_zh], sheet_zh)
        headers = [str(h) for h in b[sheet_zh][0] if h is not None]
        keys = {i for i, h in enumerate(b[sheet_zh][0]) if h in ("原因代码", "键名", "约束键名")}
        assert not [h for h in headers if english_words(h)], (sheet_zh, headers)
        for row in b[sheet_zh][1:]:
            for i, value in enumerate(row):
                # the decision log's values are names as they are: the solver's, its options', the file's
                if isinstance(value, str) and i not in keys and not (sheet_zh == "决策记录" and i == 1):
                    assert not english_words(value, frozenset({"npv", "xlsx"})), (sheet_zh, value)
    assert [row[2] for row in b["入选项目"][1:]] == [row[2] for row in a["Selected"][1:]]
    original, again = read_case(DEMO_CASE), read_case(chinese)
    assert again.projects == original.projects
    assert again.settings.limits == original.settings.limits and again.enterprise == original.enterprise
    # Exported again in English from the Chinese export: its Chinese result sheets are replaced, not kept.
    export_result(Planner().solve(again), tmp_path / "again.xlsx")
    assert list(cells(tmp_path / "again.xlsx")) == list(a)


def test_a_chinese_scenario_workbook_has_the_english_numbers(demo_result, tmp_path):
    tighter = Planner().solve(demo_result.case.with_limits(total_budget=700))
    scenarios = [Scenario("基准方案", demo_result.case, demo_result), Scenario("预算700", tighter.case, tighter)]
    export_scenarios(scenarios, tmp_path / "en.xlsx")
    export_scenarios(scenarios, tmp_path / "zh.xlsx", language="zh_CN")
    a, b = cells(tmp_path / "en.xlsx"), cells(tmp_path / "zh.xlsx")
    assert list(a) == ["Comparison", "基准方案", "预算700"] and list(b) == ["情景对比", "基准方案", "预算700"]
    for sheet_en, sheet_zh in zip(a, b, strict=True):
        same_numbers(a[sheet_en], b[sheet_zh], sheet_zh)
        keys = {i for i, h in enumerate(b[sheet_zh][0]) if h == "键名"}  # the Settings keys, as the workbook has them
        for row in b[sheet_zh]:
            for i, value in enumerate(row):
                if isinstance(value, str) and i not in keys:
                    assert not english_words(value, frozenset({"npv"})), (sheet_zh, value)
    assert b["预算700"][0][6:11] == ["事项", "数值", "单位", "键名", "在“基准方案”中"]


def test_labour_productivity_is_said_per_person_in_10k_cny_as_the_cards_show_it():
    """The demo's 900 亿元 of value added over 120,000 people is 0.0075 亿元 = 75.00 万元 per person."""
    from optimizer.words.units import format_value

    productivity = 900 / 120_000
    assert format_value(productivity, "productivity", "CNY 100m") == "75.00 CNY 10k per person"
    assert Words("zh_CN").format_value(productivity, "productivity", "CNY 100m") == "75.00 万元/人"
    assert Words("zh_CN").format_value(productivity, "productivity", "亿元") == "75.00 万元/人"
    # other units keep their own, written plainly
    assert format_value(95_000.0, "productivity", "CNY") == "95,000 CNY per person"
    assert Words("zh_CN").format_value(95_000.0, "productivity", "CNY") == "95,000 元/人"
