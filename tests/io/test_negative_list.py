"""Reading the NegativeList sheet (负面清单, workbook.md "Screening and relations") and Settings allow_supervised: each
rule compares a Projects column as its type; every bad rule is reported at its cell, all at once, and nothing is
written."""

from __future__ import annotations

import hashlib
import json

import pytest

from optimizer import cli
from optimizer.errors import CaseError
from optimizer.io.case_writer import write_case
from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.model.screening import Status, screen
from tests.builders import make_workbook, with_negative_list
from tests.io.test_workbook import problems

HURDLE = {"hurdle_rate": 0.03}


def candidates() -> list[dict]:
    """Columns: A id, B name, C sector, D capex_2027, E capex_2028, F npv, G irr, H overseas, I strategic_category,
    J security, K mandatory, L 业务类型 (a column of the workbook's own)."""
    def row(pid, name, sector, k1, k2, irr, **flags):
        return {"id": pid, "name": name, "sector": sector, "capex_2027": k1, "capex_2028": k2, "npv": 2, "irr": irr,
                "overseas": flags.get("overseas", False), "strategic_category": flags.get("category"),
                "security": flags.get("security", False), "mandatory": flags.get("mandatory", False),
                "业务类型": flags.get("line", "制造")}
    return [row("P1", "Residential Towers", "Real Estate", 10, 5, 0.08),
            row("P2", "Overseas wind", "Wind", 40, 20, 0.09, overseas=True),
            row("P3", "Java coal plant", "Power", 20, 10, 0.07, line="境外煤电"),
            row("P4", "Chip line", "Chips", 8, 4, 0.10, category="新一代信息技术"),
            row("P5", "Grid link", "Grid", 10, 5, 0.07, security=True),
            row("P6", "Old mill", "Steel", 6, 0, 0.05),
            row("P7", "New mill", "Steel", 6, 0, 0.08)]


RULES = [("prohibited", "sector", " real  ESTATE ", "non-main real estate"),
         ("prohibited", "业务类型", "*煤电*", "overseas coal power"),
         ("supervised", "capex", ">=50", "large projects"),
         ("supervised", "strategic_category", "next-generation IT", "chips"),
         ("prohibited", "irr", "<6%", "IRR under 6%")]


def test_each_rule_compares_its_column_as_its_type(tmp_path):
    path = with_negative_list(make_workbook(tmp_path / "case.xlsx", candidates(), {}, HURDLE), RULES)
    case = read_case(path)
    assert [r.reason for r in case.negative_list] == [r[3] for r in RULES]
    screened = {p.id: screen(p, case) for p in case.projects}
    assert {pid: s.status for pid, s in screened.items()} == {
        "P1": Status.PROHIBITED, "P2": Status.SUPERVISED, "P3": Status.PROHIBITED, "P4": Status.SUPERVISED,
        "P5": Status.OK, "P6": Status.PROHIBITED, "P7": Status.OK}
    assert screened["P1"].reason == "negative list, prohibited: non-main real estate"
    assert screened["P3"].reason == "negative list, prohibited: overseas coal power"
    assert screened["P6"].reason == "negative list, prohibited: IRR under 6%"
    assert screened["P2"].reason == "negative list, supervised: large projects"
    assert case.settings.allow_supervised is True


def test_the_sheet_and_its_words_in_chinese_and_supervised_projects_not_allowed(tmp_path):
    path = make_workbook(tmp_path / "case.xlsx", candidates(), {"允许特别监管类": "否"}, HURDLE)
    with_negative_list(path, [("禁止类", "所属行业", "Real Estate；Steel", "非主业"),
                              ("特别监管类", "是否境外", "是", "境外投资"),
                              ("特别监管类", "投资_2027", ">20", "")],
                       title="负面清单", header=("类别", "字段", "匹配", "原因"))
    case = read_case(path)
    assert case.settings.allow_supervised is False
    status = {p.id: screen(p, case) for p in case.projects}
    assert {pid for pid, s in status.items() if s.status is Status.PROHIBITED} == {"P1", "P2", "P6", "P7"}
    assert status["P2"].reason == ("negative list, supervised: 境外投资; supervised projects are not allowed "
                                   "(allow_supervised is no)")
    # a blank reason says the rule itself; P3 spends 20 in 2027, not more
    assert case.negative_list[2].reason == "投资_2027 >20" and status["P3"].status is Status.OK


def test_numbers_with_a_thousands_separator_and_several_values_of_a_text_column(tmp_path):
    projects = [{"id": "A", "name": "Big", "capex_2027": 1500, "npv": 1},
                {"id": "B", "name": "Small", "capex_2027": 999, "npv": 1},
                {"id": "C", "name": "Lab", "capex_2027": 1, "npv": 1}]
    path = with_negative_list(make_workbook(tmp_path / "case.xlsx", projects, {}, None),
                              [("supervised", "capex", ">=1,000", "large"),
                               ("prohibited", "id", "C、D", "listed by id")])
    case = read_case(path)
    assert [screen(p, case).status for p in case.projects] == [Status.SUPERVISED, Status.OK, Status.PROHIBITED]


def test_every_bad_rule_is_reported_at_its_cell_all_at_once_and_nothing_is_written(tmp_path):
    rows = candidates()
    rows[0]["mandatory"] = True  # P1, on the real estate rule
    path = make_workbook(tmp_path / "case.xlsx", rows, {"allow_supervised": "perhaps"}, HURDLE)
    with_negative_list(path, [("prohibited", "sector", "real estate", "non-main real estate"),
                              ("forbidden", "sector", "Wind", ""),
                              ("prohibited", "colour", "red", ""),
                              ("", "sector", "Steel", ""),
                              ("supervised", "", "x", ""),
                              ("supervised", "sector", None, "no match"),
                              ("prohibited", "irr", "low", ""),
                              ("prohibited", "overseas", "maybe", ""),
                              ("prohibited", "capex", "*big*", ""),
                              ("prohibited", "strategic_category", "chips", "")])
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    found = problems(tmp_path, [], path=path)
    assert found == [
        "Projects!K2: P1 is mandatory but prohibited: negative list, prohibited: non-main real estate",
        "Settings!B2: allow_supervised: 'perhaps' is not yes or no (write TRUE/FALSE, yes/no, Y/N, 1/0 or 是/否)",
        "NegativeList!A3: 'forbidden' is not a class of rule: write prohibited or supervised (禁止类 or 特别监管类)",
        "NegativeList!B4: 'colour' is not a column of the Projects sheet (name one such as sector 所属行业, "
        "region 地区, overseas 是否境外, or capex 投资 for the total capex)",
        "NegativeList!A5: a rule without a class: write prohibited or supervised (禁止类 or 特别监管类)",
        "NegativeList!B6: a rule without a field: name the Projects column it looks at, such as sector (所属行业)",
        "NegativeList!C7: a rule without a match: write the value(s) it looks for",
        "NegativeList!C8: 'low' cannot be compared with irr, a number column: write a number, or a number after >, "
        ">=, < or <= (such as >=50)",
        "NegativeList!C9: 'maybe' cannot be compared with overseas, a yes/no column: write yes or no (是 or 否)",
        "NegativeList!C10: '*big*' cannot be compared with capex, a number column: *text* looks for text",
        "NegativeList!C11: 'chips' is not a strategic emerging industry (use one of 新一代信息技术、高端装备、新材料、"
        "生物技术、新能源汽车、新能源、绿色环保、航空航天、海洋装备, or leave it blank for traditional business) "
        "(strategic_category)",
    ]
    out, answer = tmp_path / "result.xlsx", tmp_path / "r.json"
    assert cli.main(["solve", str(path), "-o", str(out), "--json", str(answer)]) == 2
    assert not out.exists()
    assert json.loads(answer.read_text(encoding="utf-8"))["status"] == "invalid"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_mandatory_supervised_project_needs_supervised_projects_allowed(tmp_path):
    rows = candidates()
    rows[1]["mandatory"] = True  # P2, large: supervised
    rules = [("supervised", "capex", ">=50", "large projects")]
    assert problems(tmp_path, [], path=with_negative_list(
        make_workbook(tmp_path / "no.xlsx", rows, {"allow_supervised": "no"}, HURDLE), rules)) == [
        "Projects!K3: P2 is mandatory but prohibited: negative list, supervised: large projects; supervised projects "
        "are not allowed (allow_supervised is no)"]
    case = read_case(with_negative_list(make_workbook(tmp_path / "yes.xlsx", rows, {}, HURDLE), rules))
    with pytest.raises(CaseError) as raised:
        apply_overrides(case, {"allow_supervised": "no"})
    assert [str(p) for p in raised.value.problems] == [
        "--set: P2 is mandatory but prohibited: negative list, supervised: large projects; supervised projects are "
        "not allowed (allow_supervised is no)"]
    assert apply_overrides(case, {"允许特别监管类": "是"}).settings.allow_supervised is True


def test_a_workbook_without_the_sheet_reads_as_before(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", candidates(), {}, HURDLE))
    assert case.negative_list == () and case.settings.allow_supervised is True
    assert [p.id for p in case.projects if screen(p, case).status is not Status.OK] == []


def test_a_sheet_without_the_columns_of_a_rule_is_reported(tmp_path):
    path = with_negative_list(make_workbook(tmp_path / "case.xlsx", candidates(), {}, HURDLE),
                              [("prohibited", "sector", "Wind")], header=("class", "field", "value"))
    assert problems(tmp_path, [], path=path) == ["NegativeList!A1: the rules need the columns match (匹配)"]


def test_a_saved_case_reads_back_with_the_same_rules(tmp_path):
    path = make_workbook(tmp_path / "case.xlsx", candidates(), {"allow_supervised": "no"}, HURDLE)
    case = read_case(with_negative_list(path, RULES))
    write_case(case, tmp_path / "saved.xlsx")
    again = read_case(tmp_path / "saved.xlsx")
    assert again.negative_list == case.negative_list and again.settings.allow_supervised is False
    assert [screen(p, again) for p in again.projects] == [screen(p, case) for p in case.projects]
