"""Values that must be refused at their cell (issue 17): negative figures where none can be, Excel error values in
any column, a percentage in a money column, ids that look alike, years out of range or with a gap, a key | value
table moved right or a value beside its blank value cell, and hidden columns. Each on a case built by hand."""

from __future__ import annotations

from openpyxl import load_workbook

from optimizer import cli
from optimizer.io.workbook import read_case
from tests.builders import make_workbook
from tests.io.test_workbook import problems, project, second

BASELINE = {"revenue": 1000, "total_profit": 100, "net_profit": 75, "total_assets": 2000, "total_liabilities": 1200,
            "rd_spend": 20, "headcount": 5000, "labour_output": 300}


def test_the_negative_revenue_of_the_issue_exits_2_at_its_cell(tmp_path, capsys):
    path = make_workbook(tmp_path / "case.xlsx", [project(revenue=-1500, rd_spend=1), second(revenue=10)],
                         {"min_rd_intensity": 0.03}, BASELINE)
    assert cli.main(["solve", str(path), "-o", str(tmp_path / "out.xlsx")]) == 2
    assert "Projects!F2: -1500 is negative; write 0 or more (revenue)" in capsys.readouterr().out
    assert not (tmp_path / "out.xlsx").exists()


def test_negative_figures_where_none_can_be_are_refused_and_profit_cash_and_npv_may_be_negative(tmp_path):
    found = problems(tmp_path, [project(revenue=-1, headcount=-2, rd_spend=-3, value_added=-4, equity_ratio=-0.1,
                                        risk=-1, profit=-5, operating_cash_flow=-6, npv=-7, npv_low=-8, irr=-0.1)],
                     {}, {**BASELINE, "total_assets": 0, "revenue": -5, "headcount": 0, "total_profit": -1,
                          "rd_spend": -1})
    cells = [f.split(":")[0] for f in found]
    assert cells == ["Projects!F2", "Projects!G2", "Projects!H2", "Projects!I2", "Projects!J2", "Projects!K2",
                     "Enterprise!B2", "Enterprise!B5", "Enterprise!B7", "Enterprise!B8"]
    assert "Enterprise!B5: total_assets: 0 is not above 0, and ratios divide by it" in found[7]


def test_excel_errors_in_any_column_are_refused_at_the_cell(tmp_path):
    rows = [project(exclusive_group="#N/A"), second(id="#REF!"), project(id="P3", name="#VALUE!", note="#NUM!"),
            project(id="P4", sector="#SPILL!", capex_2028="#DIV/0!")]
    found = problems(tmp_path, rows, {"total_budget": "#N/A", "#REF!": 3}, {"revenue": "#CALC!"})
    assert found == [
        "Projects!F2: the cell shows the Excel error #N/A (exclusive_group)",
        "Projects!A3: the cell shows the Excel error #REF! (id)",
        "Projects!B4: the cell shows the Excel error #VALUE! (name)",
        "Projects!G4: the cell shows the Excel error #NUM! (note)",
        "Projects!D5: the cell shows the Excel error #DIV/0! (capex_2028)",
        "Projects!H5: the cell shows the Excel error #SPILL! (sector)",
        "Settings!B2: total_budget: the cell shows the Excel error #N/A",
        "Settings!A3: the cell shows the Excel error #REF!",
        "Enterprise!B2: revenue: the cell shows the Excel error #CALC!"]


def test_a_percentage_in_a_money_column_is_refused(tmp_path):
    found = problems(tmp_path, [project(capex_2027="50%", revenue="5%")], {"total_budget": "50%"})
    assert [f.split(":")[0] for f in found] == ["Projects!C2", "Projects!F2", "Settings!B2"]
    assert "'50%' is a percentage, but this is an amount" in found[0]


def test_a_number_typed_as_a_percentage_in_a_money_column_is_refused_and_in_a_rate_column_read(tmp_path):
    # Typed as 50% in Excel, a cell holds 0.5 shown as a percentage: as capex that is no amount anyone meant.
    path = make_workbook(tmp_path / "case.xlsx", [project(irr=0.08)], {"total_budget": 30})
    wb = load_workbook(path)
    sheet = wb["Projects"]
    sheet["C2"].value, sheet["C2"].number_format = 0.5, "0%"
    irr = next(c for c in sheet[1] if c.value == "irr").column_letter
    sheet[f"{irr}2"].number_format = "0.0%"
    wb.save(path)
    found = problems(tmp_path, [], path=path)
    assert found == ["Projects!C2: '50%' is a percentage, but this is an amount, not a share: write the amount "
                     "itself (in the workbook's money unit, or persons) (capex_2027)"]
    sheet["C2"].number_format = "General"  # the same 0.5 as a plain number is an amount of 0.5
    wb.save(path)
    case = read_case(path)
    assert case.projects[0].capex[2027] == 0.5 and case.projects[0].irr == 0.08


def test_ids_that_look_alike_are_one_project_refused_naming_both_cells(tmp_path):
    found = problems(tmp_path, [project(), second(id="Ｐ００１"), second(id="P001\u200b"), second(id="p001"),
                                second(id=" P001 ")])
    assert found[0].startswith("Projects!A3: id 'Ｐ００１' is the same as 'P001' in A2")
    assert found[1].startswith("Projects!A4: id 'P001<U+200B>' is the same as 'P001' in A2")
    assert found[2].startswith("Projects!A5: id 'p001' is the same as 'P001' in A2")
    assert found[3] == "Projects!A6: id 'P001' is used twice (rows 2 and 6)"
    assert len(found) == 4


def test_references_are_normalised_and_an_id_with_a_space_works_in_requires(tmp_path):
    rows = [project(id="P 001", latest_start=2028), second(requires="p 001+1, ｐ　００１", latest_start=2028),
            project(id="P3", requires_any="P002 P 001", together_with="p002\u200b")]
    case = read_case(make_workbook(tmp_path / "case.xlsx", rows))
    first, mill, third = case.projects
    assert first.id == "P 001"
    assert mill.requires == ("P 001",) and mill.lags == {"P 001": 1}
    assert third.requires_any == ("P002", "P 001") and third.together_with == ("P002",)


def test_years_out_of_range_and_a_gap_in_the_plan_are_refused_at_their_cells(tmp_path):
    found = problems(tmp_path, [project(earliest_start=2200), second(earliest_start=2030, latest_start=2300)])
    assert found == ["Projects!F2: 2200 is not a year from 1990 to 2100 (earliest_start)",
                     "Projects!F3: P002 earliest_start 2030 is outside the plan years 2027–2028",
                     "Projects!G3: 2300 is not a year from 1990 to 2100 (latest_start)"]
    found = problems(tmp_path, [{"id": "P1", "name": "a", "capex_0000": 1, "capex_2027": 1, "capex_9999": 1,
                                 "npv": 1}])
    assert found == ["Projects!C1: column 'capex_0000' is for the year 0: plan years from 1990 to 2100 are supported",
                     "Projects!E1: column 'capex_9999' is for the year 9999: plan years from 1990 to 2100 are "
                     "supported"]
    found = problems(tmp_path, [{"id": "P1", "name": "a", "capex_2027": 1, "capex_2029": 1, "npv": 1}],
                     {"budget_2028": 5})
    assert found == ["Projects!D1: the plan years must follow one another, but there is no capex column for 2028 "
                     "between 2027 and 2029: add capex_2028 (blank where nothing is spent)"]


def _with_sheet(path, title, rows):
    wb = load_workbook(path)
    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_a_settings_table_moved_right_is_read_from_there_with_a_warning(tmp_path):
    path = make_workbook(tmp_path / "case.xlsx", [project()])
    _with_sheet(path, "Settings", [[None, "key", "value"], [None, "total_budget", 8]])
    case = read_case(path)
    assert case.settings.limits == {"total_budget": 8}
    assert "Settings!B2: the table is in columns B:C, not A:B; it is read from there" in case.warnings


def test_a_value_beside_a_blank_value_cell_is_an_error_and_a_note_is_not(tmp_path):
    path = make_workbook(tmp_path / "case.xlsx", [project()])
    _with_sheet(path, "Settings", [["key", "value"], ["total_budget", None, 8], ["budget_2027", None, "per year"]])
    _with_sheet(path, "Enterprise", [["revenue", None, 1000]])
    found = problems(tmp_path, [], path=path)
    assert found == ["Settings!C2: total_budget: the value is in C2, but the value cell B2 is blank, which means no "
                     "limit (or the default): move the value to B2",
                     "Enterprise!C1: revenue: the value is in C1, but the value cell B1 is blank, which means no "
                     "limit (or the default): move the value to B1"]


def test_hidden_columns_are_read_with_a_warning_and_named_beside_their_problems(tmp_path):
    path = make_workbook(tmp_path / "case.xlsx", [project(), second()])
    wb = load_workbook(path)
    wb["Projects"].column_dimensions["D"].hidden = True
    wb.save(path)
    case = read_case(path)
    assert case.projects[0].capex[2028] == 5
    assert "Projects: columns hidden in Excel are read as usual: D (capex_2028)" in case.warnings
    path = make_workbook(tmp_path / "bad.xlsx", [project(capex_2028=-5)])
    wb = load_workbook(path)
    wb["Projects"].column_dimensions["D"].hidden = True
    wb.save(path)
    assert problems(tmp_path, [], path=path)[-1].startswith("Projects: columns D are hidden in Excel")


def test_the_demo_case_reads_as_before():
    from tests.conftest import ROOT

    case = read_case(ROOT / "resources" / "demo_case.xlsx")
    assert len(case.projects) == 81 and case.years == (2027, 2028, 2029, 2030, 2031) and case.warnings == ()
