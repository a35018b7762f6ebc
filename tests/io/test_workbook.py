"""Reading and checking case workbooks (spec/workbook.md), as a user would see it."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from optimizer.errors import CaseError, Problem
from optimizer.io.settings import apply_overrides
from optimizer.io.values import canonical_setting_key, parse_setting_value
from optimizer.io.workbook import read_case
from optimizer.model.case import Enterprise, Settings
from tests.builders import cached_formulas, make_workbook, rewrite_part


def project(**columns) -> dict:
    """A valid project row; columns A id, B name, C capex_2027, D capex_2028, E npv, then the extras."""
    return {"id": "P001", "name": "Plant", "capex_2027": 10, "capex_2028": 5, "npv": 3, **columns}


def second(**columns) -> dict:
    return project(**{"id": "P002", "name": "Mill", **columns})


def read(tmp_path: Path, projects: list[dict], settings: dict | None = None,
         enterprise: dict | None = None, **options):
    return read_case(make_workbook(tmp_path / "case.xlsx", projects, settings, enterprise, **options))


def problems(tmp_path: Path, projects: list[dict], settings: dict | None = None,
             enterprise: dict | None = None, path: Path | None = None, **options) -> list[str]:
    """The problems, as printed, of a workbook written from these rows (or of the file at `path`)."""
    with pytest.raises(CaseError) as raised:
        if path is None:
            read(tmp_path, projects, settings, enterprise, **options)
        else:
            read_case(path)
    return [str(p) for p in raised.value.problems]


def only_problem(tmp_path: Path, *args, **options) -> str:
    found = problems(tmp_path, *args, **options)
    assert len(found) == 1, found
    return found[0]


BASELINE = {"revenue": 1000, "total_profit": 100, "net_profit": 75, "total_assets": 2000,
            "total_liabilities": 1200, "operating_cash_flow": 150, "rd_spend": 30,
            "headcount": 500, "labour_output": 400}


# --------------------------------------------------------------------------- reading a valid case


def test_reads_projects_with_defaults(tmp_path):
    case = read(tmp_path, [project(), second(capex_2027=None, npv=-2)])
    assert case.years == (2027, 2028)
    assert [p.id for p in case.projects] == ["P001", "P002"]
    first, other = case.projects
    assert first.capex == {2027: 10.0, 2028: 5.0}
    assert other.capex == {2027: 0.0, 2028: 5.0}  # a blank capex cell is no spend
    assert (first.earliest_start, first.latest_start) == (2027, 2027)
    assert first.equity_ratio == 0.3 and first.min_share == 1.0
    assert first.main_business is True and first.overseas is False
    assert first.strategic_category is None and first.requires == () and first.exclusive_group is None
    assert first.row == 2 and other.row == 3
    assert other.npv == -2
    assert case.settings == Settings()  # no Settings sheet: no limits, objective npv
    assert case.enterprise is None
    assert case.source == str(tmp_path / "case.xlsx")
    assert case.warnings == ()


def test_plan_years_are_sorted_whatever_the_column_order(tmp_path):
    row = {"id": "P001", "name": "A", "capex_2029": 1, "capex_2027": 2, "npv": 1, "capex_2028": 3}
    case = read(tmp_path, [row])
    assert case.years == (2027, 2028, 2029)
    assert case.projects[0].capex == {2027: 2, 2028: 3, 2029: 1}


def test_full_chinese_workbook(tmp_path):
    row = {"项目编号": "X1", "项目名称": "光伏电站", "投资主体": "新能源公司", "所属行业": "电力",
           "地区": "青海", "是否境外": "否", "是否主业": "是", "战新产业类别": "新能源",
           "是否未来产业": "否", "关键核心技术": "是", "安全保障": "否", "必选": "否", "排除": "否",
           "投资_2027": 60, "投资_2028": 40, "资本金比例": 0.4, "净现值": 12, "悲观净现值": 5,
           "乐观净现值": 20, "内部收益率": "8%", "营业收入": 30, "利润总额": 6, "经营现金流": 8,
           "研发投入": 1, "增加值": 10, "新增人数": 50, "风险等级": 2, "战略评分": 85,
           "前置项目": "", "互斥组": "青海光伏", "最早开工年": 2027, "最晚开工年": 2028,
           "最低参与比例": 0.5}
    dependent = {**row, "项目编号": "X2", "项目名称": "储能", "前置项目": "X1", "互斥组": None,
                 "战新产业类别": "无"}
    settings = {"年度预算_2027": 100, "总预算": 180, "战新投资占比下限": "35%", "优化目标": "经济增加值",
                "净资产收益率下限": 0.05, "货币单位": "亿元", "求解时限": 30, "最优性间隙": 0.01}
    enterprise = {"营业收入": 1000, "利润总额": 100, "净利润": 75, "资产总额": 2000, "负债总额": 1200,
                  "所得税率": 0.15}
    case = read(tmp_path, [row, dependent], settings, enterprise,
                sheet_names=("项目", "约束与目标", "企业基数"))
    x1, x2 = case.projects
    assert (x1.id, x1.name, x1.entity, x1.sector, x1.region) == ("X1", "光伏电站", "新能源公司", "电力", "青海")
    assert x1.strategic_category == "new_energy" and x2.strategic_category is None
    assert x1.key_core_tech and not x1.security and not x1.overseas and x1.main_business
    assert x1.capex == {2027: 60, 2028: 40} and case.years == (2027, 2028)
    assert (x1.equity_ratio, x1.npv, x1.npv_low, x1.npv_high) == (0.4, 12, 5, 20)
    assert x1.irr == pytest.approx(0.08)
    assert (x1.revenue, x1.profit, x1.operating_cash_flow, x1.rd_spend) == (30, 6, 8, 1)
    assert (x1.value_added, x1.headcount, x1.risk, x1.strategic_score) == (10, 50, 2, 85)
    assert x1.exclusive_group == "青海光伏" and x2.requires == ("X1",)
    assert (x1.earliest_start, x1.latest_start, x1.min_share) == (2027, 2028, 0.5)
    assert case.settings.limits == {"budget_2027": 100, "total_budget": 180, "min_strategic_share": 0.35,
                                    "min_roe": 0.05}
    assert case.settings.objective == "eva"
    assert case.settings.currency_unit == "亿元"
    assert (case.settings.time_limit, case.settings.mip_gap) == (30, 0.01)
    assert case.settings.cells["budget_2027"] == "约束与目标!B2"
    assert case.enterprise.equity == 800  # total assets minus liabilities
    assert case.enterprise.tax_rate == 0.15 and case.enterprise.hurdle_rate == 0.02


def test_names_match_ignoring_case_spaces_underscores_and_hyphens(tmp_path):
    row = {"ID": "P001", "项目\u3000名称 ": "A", "Capex 2027": 5, "CAPEX-2028": 1, "N P V": 2,
           "Strategic-Category": "New energy", "main business": "no"}
    case = read(tmp_path, [row], {"Total Budget": 50, "Min ROE": None},
                sheet_names=("PROJECTS", "settings", "Enterprise"))
    p = case.projects[0]
    assert p.capex == {2027: 5, 2028: 1} and p.npv == 2
    assert p.strategic_category == "new_energy" and p.main_business is False
    assert case.settings.limits == {"total_budget": 50}


def test_headers_may_carry_a_unit_in_brackets(tmp_path):
    row = {"id": "P001", "name": "A", "capex_2027 (CNY 100m)": 5, "净现值（亿元）": 2, "Owner (team)": "Li"}
    case = read(tmp_path, [row], {"总预算（亿元）": 9})
    p = case.projects[0]
    assert (p.capex, p.npv, p.extra) == ({2027: 5}, 2, {"Owner (team)": "Li"})
    assert case.settings.limits == {"total_budget": 9}


def test_unknown_columns_are_kept_in_extra(tmp_path):
    case = read(tmp_path, [project(Owner="Li", 备注="重点"), second(Owner=None)])
    assert case.projects[0].extra == {"Owner": "Li", "备注": "重点"}
    assert case.projects[1].extra == {"Owner": None, "备注": None}


def test_two_unknown_columns_with_one_header_are_both_kept(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Projects"
    ws.append(["id", "name", "capex_2027", "npv", "Note", "Note"])
    ws.append(["P001", "A", 4, 1, "first", "second"])
    wb.save(tmp_path / "notes.xlsx")
    assert read_case(tmp_path / "notes.xlsx").projects[0].extra == {"Note": "first", "Note (2)": "second"}


def test_header_row_may_follow_title_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Projects"
    ws.append(["Candidate projects 2027-2028"])
    ws.append([])
    ws.append(["id", "name", "capex_2027", "npv"])
    ws.append(["P001", "A", 4, 1])
    ws.append([None, None, None, None])  # blank rows are skipped
    ws.append(["P002", "B", 3, 1])
    wb.save(tmp_path / "titled.xlsx")
    case = read_case(tmp_path / "titled.xlsx")
    assert [(p.id, p.row) for p in case.projects] == [("P001", 4), ("P002", 6)]


def test_numeric_ids_read_as_text(tmp_path):
    case = read(tmp_path, [project(id=1001), second(id=1002.0, requires=1001)])
    assert [p.id for p in case.projects] == ["1001", "1002"]
    assert case.projects[1].requires == ("1001",)


# --------------------------------------------------------------------------- value forms


@pytest.mark.parametrize("written, expected", [
    (12, 12), (12.5, 12.5), (" 12 ", 12), ("1,234.5", 1234.5), ("35%", 0.35), ("-7", -7), ("1e3", 1000),
])
def test_number_forms(tmp_path, written, expected):
    assert read(tmp_path, [project(irr=written)]).projects[0].irr == pytest.approx(expected)  # a rate: 35% too


def test_percent_formatted_cell_is_a_fraction(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Projects"
    ws.append(["id", "name", "capex_2027", "npv", "equity_ratio"])
    ws.append(["P001", "A", 4, 1, 0.35])
    ws["E2"].number_format = "0%"
    wb.save(tmp_path / "pct.xlsx")
    assert read_case(tmp_path / "pct.xlsx").projects[0].equity_ratio == pytest.approx(0.35)


@pytest.mark.parametrize("written", [True, "TRUE", "true", 1, "1", "yes", "Yes", "Y", "y", "是"])
def test_true_forms(tmp_path, written):
    assert read(tmp_path, [project(security=written)]).projects[0].security is True


@pytest.mark.parametrize("written", [False, "FALSE", "false", 0, "0", "no", "NO", "N", "n", "否"])
def test_false_forms(tmp_path, written):
    assert read(tmp_path, [project(main_business=written)]).projects[0].main_business is False


def test_other_words_are_not_booleans(tmp_path):
    message = only_problem(tmp_path, [project(overseas="maybe")])
    assert message.startswith("Projects!F2: 'maybe' is not yes or no")


@pytest.mark.parametrize("written", [2028, 2028.0, "2028", "2028年", date(2028, 3, 1), datetime(2028, 7, 1, 9)])
def test_year_forms(tmp_path, written):
    case = read(tmp_path, [project(earliest_start=2027, latest_start=written)])
    assert case.projects[0].latest_start == 2028


def test_bad_year(tmp_path):
    assert only_problem(tmp_path, [project(latest_start=2027.5)]).startswith("Projects!F2: 2027.5 is not a year")


@pytest.mark.parametrize("written, expected", [
    ("新能源汽车", "new_energy_vehicles"), ("New-energy vehicles", "new_energy_vehicles"),
    ("NEV", "new_energy_vehicles"), ("new energy", "new_energy"), ("IT", "next_generation_it"),
    ("next generation information technology", "next_generation_it"), ("新一代信息技术", "next_generation_it"),
    ("green", "green_environmental"), ("environmental protection", "green_environmental"),
    ("Green & environmental protection", "green_environmental"), ("marine", "marine_equipment"),
    ("biotech", "biotechnology"), ("high_end_equipment", "high_end_equipment"), ("航空航天", "aerospace"),
    ("New materials", "new_materials"), (None, None), ("none", None), ("无", None), ("传统", None),
])
def test_strategic_category_forms(tmp_path, written, expected):
    assert read(tmp_path, [project(strategic_category=written)]).projects[0].strategic_category == expected


@pytest.mark.parametrize("written, expected", [
    ("P002, P003", ("P002", "P003")), ("P002，P003", ("P002", "P003")), ("P002、P003", ("P002", "P003")),
    ("P002;P003", ("P002", "P003")), ("P002；P003", ("P002", "P003")), ("P002 P003", ("P002", "P003")),
])
def test_requires_separators(tmp_path, written, expected):
    rows = [project(requires=written), second(), project(id="P003")]
    assert read(tmp_path, rows).projects[0].requires == expected


def test_formulas_are_read_by_their_saved_values(tmp_path):
    path = make_workbook(tmp_path / "f.xlsx", [project(npv="=C2*2"), second(capex_2028="=SUM(C3,2)")])
    case = read_case(cached_formulas(path, {"E2": 20, "D3": 12}))
    assert case.projects[0].npv == 20 and case.projects[1].capex[2028] == 12


def test_formula_without_saved_value_is_an_error(tmp_path):
    # openpyxl writes formulas without results; Excel would compute them on opening and saving.
    path = make_workbook(tmp_path / "f.xlsx", [project(), second(capex_2028="=SUM(C3,2)", Note="=A3")])
    with pytest.raises(CaseError) as raised:
        read_case(path)
    assert [str(p) for p in raised.value.problems] == [
        "Projects!D3: formula without a saved value (open and save the workbook in Excel) (capex_2028)"]


def test_formulas_in_settings(tmp_path):
    path = make_workbook(tmp_path / "f.xlsx", [project()], {"total_budget": "=10*10", "max_overseas_share": "=0.1*2"})
    with pytest.raises(CaseError) as raised:
        read_case(path)
    assert [str(p) for p in raised.value.problems] == [
        "Settings!B2: total_budget: formula without a saved value (open and save the workbook in Excel)",
        "Settings!B3: max_overseas_share: formula without a saved value (open and save the workbook in Excel)"]
    cached_formulas(path, {"B2": 100, "B3": 0.2}, part="xl/worksheets/sheet2.xml")
    assert read_case(path).settings.limits == {"total_budget": 100, "max_overseas_share": 0.2}


def test_excel_error_value(tmp_path):
    path = cached_formulas(make_workbook(tmp_path / "f.xlsx", [project(npv="=1/0")]), {"E2": "#DIV/0!"})
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace('<c r="E2"', '<c r="E2" t="e"'))
    assert only_problem(tmp_path, [], path=path) == "Projects!E2: the cell shows the Excel error #DIV/0! (npv)"


def test_wrong_sheet_size_in_the_file_is_ignored(tmp_path):
    path = make_workbook(tmp_path / "f.xlsx", [project(), second()])
    rewrite_part(path, "xl/worksheets/sheet1.xml",
                 lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1"', xml))
    assert [p.id for p in read_case(path).projects] == ["P001", "P002"]


def test_damaged_sheet_is_one_clear_problem(tmp_path):
    path = make_workbook(tmp_path / "f.xlsx", [project()])
    rewrite_part(path, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])
    with pytest.raises(CaseError) as raised:
        read_case(path)
    assert len(raised.value.problems) == 1
    assert str(raised.value.problems[0]).startswith("f.xlsx: sheet 'Projects' could not be read")


def test_truncated_file(tmp_path):
    path = make_workbook(tmp_path / "f.xlsx", [project()])
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(CaseError, match=r"^f.xlsx is a damaged or incomplete Excel workbook"):
        read_case(path)


# --------------------------------------------------------------------------- Projects problems


@pytest.mark.parametrize("written", ["abc", "nan", "inf", "-Infinity", "1_000", "12 apples", True])
def test_text_in_a_number_column(tmp_path, written):
    message = only_problem(tmp_path, [project(), second(capex_2028=written)])
    assert message.startswith("Projects!D3: ") and message.endswith("is not a number (capex_2028)")


def test_text_message_quotes_the_text(tmp_path):
    assert only_problem(tmp_path, [project(capex_2027="abc")]) == \
        "Projects!C2: text 'abc' is not a number (capex_2027)"


def test_negative_capex(tmp_path):
    assert only_problem(tmp_path, [project(capex_2028=-1)]) == \
        "Projects!D2: -1 is negative; write 0 or more (capex_2028)"


def test_duplicate_id_names_both_rows(tmp_path):
    message = only_problem(tmp_path, [project(), second(), project()])
    assert message == "Projects!A4: id 'P001' is used twice (rows 2 and 4)"


def test_blank_id_on_a_non_blank_row(tmp_path):
    assert only_problem(tmp_path, [project(), second(id=None)]) == "Projects!A3: a project row without an id"


def test_blank_name(tmp_path):
    assert only_problem(tmp_path, [project(name=" ")]) == "Projects!B2: P001 has no name"


@pytest.mark.parametrize("missing, expected", [
    ("name", "Projects: missing column 'name' (项目名称)"),
    ("npv", "Projects: missing column 'npv' (净现值): the objective is npv"),
])
def test_missing_required_column(tmp_path, missing, expected):
    row = project()
    del row[missing]
    assert only_problem(tmp_path, [row]).startswith(expected)


def test_no_capex_column(tmp_path):
    message = only_problem(tmp_path, [{"id": "P001", "name": "A", "npv": 1}])
    assert message.startswith("Projects: no capex column")


def test_no_id_column(tmp_path):
    message = only_problem(tmp_path, [{"code": "P001", "name": "A", "capex_2027": 1, "npv": 1}])
    assert message == "Projects: no header row with an 'id' (项目编号) column in the first 10 rows"


def test_header_only_is_an_empty_case_with_a_warning(tmp_path):
    wb = Workbook()
    wb.active.title = "Projects"
    wb.active.append(["id", "name", "capex_2027", "npv"])
    wb.save(tmp_path / "empty.xlsx")
    case = read_case(tmp_path / "empty.xlsx")
    assert case.projects == () and case.years == (2027,)
    assert case.warnings == ("Projects: no projects: the sheet has a header row but no project rows",)


def test_npv_needed_only_by_objectives_that_use_it(tmp_path):
    row = {"id": "P001", "name": "A", "capex_2027": 10, "profit": 2}
    assert read(tmp_path, [row], {"objective": "eva"}).projects[0].npv == 0
    assert read(tmp_path, [row], {"objective": "score", "weight_strategic": 1}).projects[0].npv == 0
    message = only_problem(tmp_path, [row], {"objective": "score", "weight_return": 1})
    assert message.startswith("Projects: missing column 'npv'")


def test_profit_needed_for_eva(tmp_path):
    message = only_problem(tmp_path, [project()], {"objective": "eva"})
    assert message == "Projects: missing column 'profit' (利润总额): the objective is eva"


def test_blank_profit_is_zero_for_eva(tmp_path):
    case = read(tmp_path, [project(profit=4), second(profit=None)], {"objective": "eva"})
    assert [p.profit for p in case.projects] == [4, 0]


def test_blank_npv_when_required(tmp_path):
    assert only_problem(tmp_path, [project(), second(npv=None)]) == \
        "Projects!E3: npv of P002 is blank, but the objective is npv"


def test_duplicate_known_column_names_both_cells(tmp_path):
    row = {"id": "P001", "name": "A", "capex_2027": 1, "npv": 1, "净现值": 2}
    assert only_problem(tmp_path, [row]) == "Projects!E1: column '净现值' appears twice (D1 and E1)"


def test_unknown_required_project(tmp_path):
    assert only_problem(tmp_path, [project(requires="P002, P999"), second()]) == \
        "Projects!F2: P001 requires 'P999', which is not a project id"


def test_project_requiring_itself(tmp_path):
    assert only_problem(tmp_path, [project(requires="P001")]) == "Projects!F2: P001 requires itself"


def test_dependency_cycle_is_reported_once(tmp_path):
    rows = [project(requires="P003"), second(requires="P001"), project(id="P003", requires="P002"),
            project(id="P004", requires="P001")]
    assert only_problem(tmp_path, rows) == "Projects!F2: dependency cycle P001 → P003 → P002 → P001"


def test_two_project_cycle(tmp_path):
    assert only_problem(tmp_path, [project(requires="P002"), second(requires="P001")]) == \
        "Projects!F2: dependency cycle P001 → P002 → P001"


def test_unknown_strategic_category(tmp_path):
    message = only_problem(tmp_path, [project(strategic_category="quantum widgets")])
    assert message.startswith("Projects!F2: 'quantum widgets' is not a strategic emerging industry")


@pytest.mark.parametrize("column, written, expected", [
    ("equity_ratio", 1.2, "Projects!F2: 1.2 is not a share between 0 and 1 (write 0.012 or 1.2%)"),
    ("equity_ratio", -0.1, "Projects!F2: -0.1 is not a share between 0 and 1"),
    ("min_share", 0, "Projects!F2: 0 is not a share above 0 and up to 1"),
    ("min_share", 50, "Projects!F2: 50 is not a share above 0 and up to 1 (write 0.5 or 50%)"),
    ("strategic_score", 120, "Projects!F2: 120 is not a score between 0 and 100"),
    ("risk", 3.5, "Projects!F2: 3.5 is not a risk grade (a whole number 1 to 5)"),
    ("risk", 6, "Projects!F2: 6 is not a risk grade"),
    ("risk", 0, "Projects!F2: 0 is not a risk grade"),
])
def test_values_out_of_range(tmp_path, column, written, expected):
    assert only_problem(tmp_path, [project(**{column: written})]).startswith(expected)


def test_latest_start_before_earliest_start(tmp_path):
    assert only_problem(tmp_path, [project(earliest_start=2028, latest_start=2027)]) == \
        "Projects!G2: P001 latest_start 2027 is before earliest_start 2028"


def test_mandatory_and_excluded(tmp_path):
    assert only_problem(tmp_path, [project(mandatory="Y", excluded="Y")]) == \
        "Projects!F2: P001 is both mandatory and excluded"


def test_mandatory_project_on_the_negative_list(tmp_path):
    message = only_problem(tmp_path, [project(mandatory=True, irr=0.01)])
    assert message.startswith("Projects!F2: P001 is mandatory but prohibited: negative list: IRR 1.00%")
    # a security project is not screened, and the hurdle comes from the Enterprise sheet
    assert read(tmp_path, [project(mandatory=True, irr=0.01, security=True)]).projects[0].mandatory
    message = only_problem(tmp_path, [project(mandatory=True, irr=0.03)], enterprise={"hurdle_rate": 0.05})
    assert "below the hurdle rate 5.00%" in message


def test_npv_range_must_contain_npv(tmp_path):
    assert problems(tmp_path, [project(npv_low=4, npv_high=2)]) == [
        "Projects!F2: P001 npv_low 4 is above its npv 3",
        "Projects!G2: P001 npv_high 2 is below its npv 3",
    ]


def test_mandatory_project_needing_an_excluded_one(tmp_path):
    rows = [project(mandatory=True, requires="P002"), second(excluded=True, requires=None)]
    assert only_problem(tmp_path, rows) == "Projects!G2: P001 is mandatory but requires P002, which is excluded"


def test_two_mandatory_projects_in_one_exclusive_group(tmp_path):
    rows = [project(mandatory=True, exclusive_group="site"), second(mandatory=True, exclusive_group="site")]
    assert only_problem(tmp_path, rows) == \
        "Projects!F3: P001 and P002 are both mandatory but in the same exclusive group 'site'"


def test_all_problems_are_reported_at_once_in_sheet_order(tmp_path):
    rows = [project(capex_2027="abc"), second(risk=9), project(id="P003", requires="P404")]
    found = problems(tmp_path, rows, {"min_strategic_share": 40})
    assert found == [
        "Projects!C2: text 'abc' is not a number (capex_2027)",
        "Projects!F3: 9 is not a risk grade (a whole number 1 to 5) (risk)",
        "Projects!G4: P003 requires 'P404', which is not a project id",
        "Settings!B2: min_strategic_share: 40 is not a share between 0 and 1 (write 0.4 or 40%)",
    ]


# --------------------------------------------------------------------------- Settings


def test_settings_values_and_cells(tmp_path):
    settings = {"budget_2027": 100, "total_budget": "1,500", "max_overseas_share": "20%",
                "max_non_main_share": None, "objective": "Score", "weight_return": 2, "weight_risk": 0,
                "currency_unit": "CNY 10k", "time_limit": 5, "mip_gap": "1%", "max_avg_risk": 3.5}
    case = read(tmp_path, [project(risk=3)], settings)
    assert case.settings.limits == {"budget_2027": 100, "total_budget": 1500, "max_overseas_share": 0.2,
                                    "max_avg_risk": 3.5}
    assert case.settings.weights == {"weight_return": 2, "weight_risk": 0}
    assert case.settings.objective == "score" and case.settings.currency_unit == "CNY 10k"
    assert (case.settings.time_limit, case.settings.mip_gap) == (5, 0.01)
    assert case.settings.cells["total_budget"] == "Settings!B3"
    assert case.settings.cells["max_non_main_share"] == "Settings!B5"  # blank: no limit, but known


@pytest.mark.parametrize("written, expected", [("npv", "npv"), ("EVA", "eva"), ("score", "score"),
                                               ("净现值", "npv"), ("经济增加值", "eva"), ("综合评分", "score")])
def test_objective_forms(tmp_path, written, expected):
    row = project(profit=1)
    assert read(tmp_path, [row], {"objective": written}).settings.objective == expected


def test_bad_objective(tmp_path):
    assert only_problem(tmp_path, [project()], {"objective": "profit"}).startswith(
        "Settings!B2: objective: 'profit' is not an objective")


def test_header_row_is_skipped_and_unknown_keys_warn(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Projects"
    ws.append(["id", "name", "capex_2027", "npv"])
    ws.append(["P001", "A", 4, 1])
    sheet = wb.create_sheet("约束与目标")
    sheet.append(["参数", "取值", "说明"])
    sheet.append(["总预算", 10, "亿元"])
    sheet.append(["colour", "blue"])
    wb.save(tmp_path / "s.xlsx")
    case = read_case(tmp_path / "s.xlsx")
    assert case.settings.limits == {"total_budget": 10}
    assert case.warnings == ("约束与目标!A3: unknown setting 'colour' is ignored",)


def test_setting_that_is_not_a_number(tmp_path):
    assert only_problem(tmp_path, [project()], {"total_budget": "lots"}) == \
        "Settings!B2: total_budget: text 'lots' is not a number"


def test_setting_given_twice(tmp_path):
    found = problems(tmp_path, [project()], {"total_budget": 10, "总预算": 20})
    assert found == ["Settings!A3: total_budget is given twice (A2 and A3)"]


@pytest.mark.parametrize("key, value, expected", [
    ("min_strategic_share", 35, "35 is not a share between 0 and 1 (write 0.35 or 35%)"),
    ("max_sector_share", -0.1, "-0.1 is not a share between 0 and 1"),
    ("max_debt_ratio", 70, "70 is not a share between 0 and 1 (write 0.7 or 70%)"),
    ("min_rd_intensity", 1.5, "1.5 is not a share between 0 and 1"),
    ("min_roe", 12, "12 is not a rate between -1 and 1 (write 0.12 or 12%)"),
    ("min_operating_cash_ratio", -2, "-2 is not a rate between -1 and 1"),
    ("min_profit_growth", -1, "-1 is not a growth above -1"),
    ("max_avg_risk", 6, "6 is not a risk grade between 1 and 5"),
    ("max_avg_risk", 0.5, "0.5 is not a risk grade between 1 and 5"),
    ("total_budget", -5, "-5 is negative"),
    ("budget_2027", -5, "-5 is negative"),
    ("min_labour_productivity", -1, "-1 is negative"),
    ("time_limit", 0, "0 is not a time limit"),
    ("mip_gap", 2, "2 is not a gap between 0 and 1"),
    ("weight_risk", -1, "-1 is negative"),
])
def test_setting_ranges(key, value, expected):
    with pytest.raises(ValueError) as raised:
        parse_setting_value(key, value)
    assert str(raised.value).startswith(expected)


def test_setting_range_error_names_the_cell(tmp_path):
    assert only_problem(tmp_path, [project()], {"total_budget": 10, "max_overseas_share": 35}) == \
        "Settings!B3: max_overseas_share: 35 is not a share between 0 and 1 (write 0.35 or 35%)"


def test_budget_outside_the_plan_years_is_a_warning(tmp_path):
    case = read(tmp_path, [project()], {"budget_2027": 10, "budget_2035": 10})
    assert case.settings.limits == {"budget_2027": 10}
    assert case.warnings == (
        "Settings!B3: budget_2035 is for a year outside the plan years 2027–2028 and is ignored",)


def test_parse_setting_value_and_canonical_keys():
    assert canonical_setting_key("年度预算_2027") == "budget_2027"
    assert canonical_setting_key("Budget 2029") == "budget_2029"
    assert canonical_setting_key("Min ROE") == "min_roe"
    assert canonical_setting_key("研发投入强度下限") == "min_rd_intensity"
    assert canonical_setting_key("优化目标") == "objective"
    assert canonical_setting_key("colour") is None
    assert parse_setting_value("战新投资占比下限", "35%") == pytest.approx(0.35)
    assert parse_setting_value("objective", "综合评分") == "score"
    assert parse_setting_value("currency_unit", " 亿元 ") == "亿元"
    with pytest.raises(ValueError, match="unknown setting"):
        parse_setting_value("colour", 1)
    with pytest.raises(ValueError, match="not a number"):
        parse_setting_value("total_budget", "abc")


# --------------------------------------------------------------------------- Enterprise and targets


def test_enterprise_defaults(tmp_path):
    case = read(tmp_path, [project()], enterprise={"total_assets": 100, "total_liabilities": 60})
    assert case.enterprise == Enterprise(total_assets=100, total_liabilities=60, equity=40)
    case = read(tmp_path, [project()], enterprise={"total_assets": 100, "total_liabilities": 60, "净资产": 50,
                                                   "hurdle_rate": "3%"})
    assert case.enterprise.equity == 50 and case.enterprise.hurdle_rate == pytest.approx(0.03)
    assert case.hurdle_rate == pytest.approx(0.03)


@pytest.mark.parametrize("key, value, expected", [
    ("tax_rate", 25, "Enterprise!B2: tax_rate: 25 is not a rate between 0 and 1 (write 0.25 or 25%)"),
    ("capital_cost_rate", -0.1, "Enterprise!B2: capital_cost_rate: -0.1 is not a rate between 0 and 1"),
    ("hurdle_rate", 2, "Enterprise!B2: hurdle_rate: 2 is not a rate between -1 and 1"),
    ("revenue", "n/a", "Enterprise!B2: revenue: text 'n/a' is not a number"),
])
def test_enterprise_problems(tmp_path, key, value, expected):
    assert only_problem(tmp_path, [project()], enterprise={key: value}).startswith(expected)


def test_baseline_target_without_the_enterprise_sheet(tmp_path):
    assert only_problem(tmp_path, [project()], {"total_budget": 10, "min_roe": 0.05}) == \
        "Settings!B3: min_roe needs the Enterprise sheet (net_profit and equity)"


@pytest.mark.parametrize("target, remove, expected", [
    ("min_roe", "net_profit", "min_roe needs net_profit on the Enterprise sheet"),
    ("min_profit_growth", "total_profit", "min_profit_growth needs total_profit on the Enterprise sheet"),
    ("max_debt_ratio", "total_assets", "max_debt_ratio needs total_assets on the Enterprise sheet"),
    ("min_rd_intensity", "rd_spend", "min_rd_intensity needs rd_spend on the Enterprise sheet"),
    ("min_operating_cash_ratio", "revenue", "min_operating_cash_ratio needs revenue on the Enterprise sheet"),
    ("min_labour_productivity", "labour_output",
     "min_labour_productivity needs labour_output on the Enterprise sheet"),
])
def test_baseline_target_without_its_figures(tmp_path, target, remove, expected):
    enterprise = {k: v for k, v in BASELINE.items() if k != remove}
    assert only_problem(tmp_path, [project()], {target: 0.01}, enterprise) == f"Settings!B2: {expected}"


def test_baseline_divisor_must_be_positive(tmp_path):
    message = only_problem(tmp_path, [project()], {"min_profit_growth": 0.05}, {**BASELINE, "total_profit": -3})
    assert message == "Settings!B2: min_profit_growth needs total_profit above 0 on the Enterprise sheet (it is -3)"


def test_all_baseline_targets_with_a_full_baseline(tmp_path):
    targets = {"min_roe": 0.05, "max_debt_ratio": 0.65, "min_rd_intensity": 0.02,
               "min_operating_cash_ratio": 0.1, "min_labour_productivity": 0.5, "min_profit_growth": 0.03}
    case = read(tmp_path, [project()], targets, BASELINE)
    assert case.settings.limits == targets


def test_max_avg_risk_needs_every_risk_grade(tmp_path):
    rows = [project(risk=2), second(risk=None)]
    assert only_problem(tmp_path, rows, {"max_avg_risk": 3}) == \
        "Projects!F3: risk of P002 is blank, but max_avg_risk is set (Settings!B2)"
    assert only_problem(tmp_path, [project()], {"max_avg_risk": 3}) == \
        "Settings!B2: max_avg_risk needs the risk column (风险等级) in Projects"


def test_large_project_is_flagged_for_special_supervision(tmp_path):
    case = read(tmp_path, [project(capex_2027=400), second()], enterprise={"equity": 800})
    assert case.warnings == ("Projects!A2: P001 capex 405 is more than 50% of the group's equity 800: "
                             "flagged for special supervision",)


# --------------------------------------------------------------------------- files that are not workbooks


def test_text_file_renamed_xlsx(tmp_path):
    path = tmp_path / "budget.xlsx"
    path.write_text("id,name\nP001,A\n")
    with pytest.raises(CaseError) as raised:
        read_case(path)
    assert len(raised.value.problems) == 1
    assert str(raised.value.problems[0]).startswith("budget.xlsx is not an Excel workbook (.xlsx)")


@pytest.mark.parametrize("content", [b"", b"  \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "budget.xlsx"
    path.write_bytes(content)
    with pytest.raises(CaseError) as raised:
        read_case(path)
    assert [str(p) for p in raised.value.problems] == ["budget.xlsx is empty"]


def test_old_xls_file(tmp_path):
    path = tmp_path / "budget.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(CaseError, match=r"budget.xls is not an Excel workbook \(.xlsx\): .*old Excel 97-2003"):
        read_case(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "budget.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(CaseError) as raised:
        read_case(path)
    assert len(raised.value.problems) == 1
    assert str(raised.value.problems[0]).startswith("budget.xlsx is not an Excel workbook (.xlsx)")


def test_missing_file(tmp_path):
    with pytest.raises(CaseError, match="nothing.xlsx was not found"):
        read_case(tmp_path / "nothing.xlsx")


def test_workbook_without_a_projects_sheet(tmp_path):
    path = make_workbook(tmp_path / "budget.xlsx", [project()], sheet_names=("Sheet1", "Settings", "Enterprise"))
    with pytest.raises(CaseError) as raised:
        read_case(path)
    assert [str(p) for p in raised.value.problems] == [
        "budget.xlsx has no Projects (项目) sheet; its sheets are: Sheet1"]


def test_two_projects_sheets(tmp_path):
    path = make_workbook(tmp_path / "two.xlsx", [project()], settings={}, sheet_names=("Projects", "项目", "E"))
    with pytest.raises(CaseError, match="two.xlsx has two Projects sheets, 'Projects' and '项目'"):
        read_case(path)


def test_workbook_with_another_extension_still_opens(tmp_path):
    path = make_workbook(tmp_path / "case.xlsx", [project()])
    path = path.rename(tmp_path / "case.dat")
    assert read_case(path).projects[0].id == "P001"


def test_str_of_problems():
    assert str(Problem("Projects", "C5", "bad")) == "Projects!C5: bad"
    assert str(Problem("Settings", "", "bad")) == "Settings: bad"
    assert str(Problem("", "", "bad")) == "bad"
    assert str(CaseError([Problem("", "", "a"), Problem("S", "B2", "b")])) == "a\nS!B2: b"


# --------------------------------------------------------------------------- overrides


def test_apply_overrides(tmp_path):
    case = read(tmp_path, [project(profit=1, risk=2)], {"total_budget": 100, "max_overseas_share": 0.2},
                BASELINE)
    changed = apply_overrides(case, {"total_budget": "80", "战新投资占比下限": "40%", "max_overseas_share": "",
                                     "min_roe": "0.05", "objective": "eva", "time_limit": "10",
                                     "weight_risk": "1"})
    assert changed.settings.limits == {"total_budget": 80, "min_strategic_share": 0.4, "min_roe": 0.05}
    assert changed.settings.objective == "eva" and changed.settings.time_limit == 10
    assert changed.settings.weights == {"weight_risk": 1}
    assert changed.settings.cells["total_budget"] == "--set"
    assert case.settings.limits == {"total_budget": 100, "max_overseas_share": 0.2}  # the original is unchanged
    assert apply_overrides(changed, {"objective": ""}).settings.objective == "npv"


def test_bad_overrides_are_all_reported(tmp_path):
    case = read(tmp_path, [project()])
    with pytest.raises(CaseError) as raised:
        apply_overrides(case, {"colour": "red", "total_budget": "lots", "min_strategic_share": "35",
                               "min_roe": "0.05", "max_avg_risk": "3", "objective": "eva"})
    assert [str(p) for p in raised.value.problems] == [
        "--set: unknown setting 'colour'",
        "--set: total_budget=lots: text 'lots' is not a number",
        "--set: min_strategic_share=35: 35 is not a share between 0 and 1 (write 0.35 or 35%)",
        "--set: min_roe needs the Enterprise sheet (net_profit and equity)",
        "--set: max_avg_risk needs a risk grade for every project; missing for P001",
        "--set: the objective is eva, but no project has a profit",
    ]


def test_override_budget_outside_the_plan_warns(tmp_path):
    case = apply_overrides(read(tmp_path, [project()]), {"budget_2040": "5"})
    assert "budget_2040" not in case.settings.limits
    assert case.warnings == ("--set: budget_2040 is for a year outside the plan years 2027–2028 and is ignored",)


def test_a_bad_cell_is_reported_once(tmp_path):
    assert problems(tmp_path, [project(npv="abc")]) == ["Projects!E2: text 'abc' is not a number (npv)"]


def test_irr_written_as_a_percentage_number_warns(tmp_path):
    case = read(tmp_path, [project(irr=12)])
    assert case.projects[0].irr == 12
    assert case.warnings == ("Projects!F2: P001 irr 12 reads as 1200%; write 0.12 or 12% if you meant 12%",)


def test_override_that_makes_score_weigh_return_needs_npv(tmp_path):
    case = read(tmp_path, [{"id": "P001", "name": "A", "capex_2027": 10, "profit": 2}], {"objective": "eva"})
    assert apply_overrides(case, {"objective": "score", "weight_strategic": "1"}).settings.objective == "score"
    with pytest.raises(CaseError, match="--set: the score objective weighs return .weight_return., but no "
                                        "project has an npv"):
        apply_overrides(case, {"objective": "score", "weight_return": "1"})


# --------------------------------------------------------------------------- hidden and merged cells, dates


def test_hidden_case_sheet_and_hidden_rows_are_read_with_warnings(tmp_path):
    from tests.corpus.make_corpus import HEADER, PROJECTS, SETTINGS, Sheet, write_xlsx

    path = tmp_path / "hidden.xlsx"
    write_xlsx(path, [Sheet("Projects", [HEADER, *PROJECTS], hidden_rows={3}),
                      Sheet("Settings", SETTINGS, state="hidden")])
    case = read_case(path)
    assert [p.id for p in case.projects] == ["P001", "P002", "P003"]
    assert case.settings.limits["total_budget"] == 30
    assert "Settings: the sheet is hidden in Excel; it is read as usual" in case.warnings
    assert "Projects: row 3 is hidden in Excel (by a filter or by hand); their projects are candidates too" \
        in case.warnings


def test_merged_title_cells_above_the_header_are_fine(tmp_path):
    from tests.corpus.make_corpus import HEADER, PROJECTS, Sheet, write_xlsx

    path = tmp_path / "title.xlsx"
    write_xlsx(path, [Sheet("Projects", [["2027年投资计划"], HEADER, *PROJECTS], merged=["A1:H1"])])
    assert len(read_case(path).projects) == 3


def test_year_in_a_chinese_date_format_reads_as_its_year(tmp_path):
    """Chinese Excel writes dates with built-in format 31 (yyyy"年"m"月"d"日") and no format code."""
    from tests.corpus.make_corpus import HEADER, PROJECTS, STYLES, Raw, Sheet, workbook_parts, write_zip

    styles = STYLES.replace('<cellXfs count="2">', '<cellXfs count="3">').replace(
        "</cellXfs>", '<xf numFmtId="31" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>')
    rows = [[*r, Raw('<c r="{ref}" s="2"><v>46388</v></c>')] for r in PROJECTS]  # 2027-01-01
    parts = workbook_parts([Sheet("Projects", [[*HEADER, "earliest_start"], *rows])])
    parts["xl/styles.xml"] = styles.encode()
    path = tmp_path / "dates.xlsx"
    write_zip(path, parts)
    assert {p.earliest_start for p in read_case(path).projects} == {2027}


def test_more_problems_than_can_be_read_are_cut_at_one_thousand(tmp_path):
    rows = [project(id=f"P{i:04d}", capex_2027="ten") for i in range(1_200)]
    found = problems(tmp_path, rows)
    assert len(found) == 1_001
    assert found[-1] == "... and 200 more problems like these"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_not_read_for_ever():
    with pytest.raises(CaseError, match="zero is not a file but a device or a pipe"):
        read_case("/dev/zero")
