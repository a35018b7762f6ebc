"""The result workbook: input sheets unchanged and re-readable, result sheets a user can check."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimizer.cli import solve_case
from optimizer.errors import ExportError
from optimizer.io.export import RESULT_SHEETS, export_result
from optimizer.io.workbook import read_case
from tests.builders import make_workbook
from tests.conftest import ROOT

YEARS = (2027, 2028, 2029)
CAPITAL_COST_RATE = 0.055

# P2 cannot start in 2027 with P1 inside budget_2027, so it is deferred to 2028. P6 is partly
# funded to fill budget_2029. P4 does not pay; P5 is forced out. Three names look like formulas.
PROJECTS = [
    dict(id="P1", name="海上风电一期", entity="华瑞新能源", sector="新能源发电", strategic_category="新能源",
         capex_2027=60, capex_2028=40, capex_2029=None, npv=50, profit=8, rd_spend=0.5, risk=2),
    dict(id="P2", name="+cmd", entity="华瑞电力", sector="火电与热力", strategic_category=None,
         capex_2027=50, npv=30, profit=5, rd_spend=0.1, risk=3, latest_start=2028),
    dict(id="P3", name="=SUM(A1)", entity="华瑞重工", sector="高端装备", strategic_category="高端装备",
         capex_2029=10, npv=5, profit=1, rd_spend=0.8, risk=2, mandatory="yes"),
    dict(id="P4", name="Loss maker", entity="华瑞重工", sector="装备制造", capex_2028=10, npv=-5, profit=0.2,
         rd_spend=0, risk=4),
    dict(id="P5", name="@x", entity="华瑞国际", sector="矿产资源", capex_2027=20, npv=15, profit=2, rd_spend=0,
         risk=5, excluded="yes"),
    dict(id="P6", name="储能电站", entity="华瑞新能源", sector="储能与氢能", strategic_category="新能源",
         capex_2029=100, npv=40, profit=6, rd_spend=1.2, risk=3, min_share=0.2),
]
SETTINGS = {"budget_2027": 80, "budget_2028": 100, "budget_2029": 50, "total_budget": 300,
            "min_rd_intensity": 0.001, "currency_unit": "CNY 100m"}
ENTERPRISE = {"revenue": 1000, "total_profit": 80, "net_profit": 60, "total_assets": 3000,
              "total_liabilities": 1800, "operating_cash_flow": 120, "rd_spend": 15, "headcount": 20000,
              "labour_output": 400, "capital_cost_rate": CAPITAL_COST_RATE}


def _sheet_rows(ws) -> list[dict[str, object]]:
    """The rows of a result sheet as dicts keyed by header."""
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _make_case(path: Path, projects: list[dict], settings: dict) -> Path:
    """The case workbook, with names that look like formulas stored as text (as Excel does for '=SUM(A1))."""
    make_workbook(path, projects, settings, ENTERPRISE)
    wb = load_workbook(path)
    for cell in wb["Projects"]["B"]:
        if cell.data_type == "f":
            cell.data_type = "s"
    wb.save(path)
    return path


@pytest.fixture
def case_path(tmp_path: Path) -> Path:
    return _make_case(tmp_path / "case.xlsx", PROJECTS, SETTINGS)


@pytest.fixture
def exported(case_path: Path, tmp_path: Path):
    """The result of the case and its export, read back with openpyxl."""
    result = solve_case(read_case(case_path))
    out = tmp_path / "out" / "result.xlsx"
    out.parent.mkdir()
    export_result(result, out)
    return result, out, load_workbook(out)


def test_the_case_is_solved_as_designed(exported):
    result, _, _ = exported
    chosen = {x.id: x for x in result.selected}
    assert set(chosen) == {"P1", "P2", "P3", "P6"}
    assert chosen["P2"].start_year == 2028
    assert chosen["P6"].share == pytest.approx(0.4, abs=1e-6)


def test_export_reads_back_as_the_same_case(case_path, exported):
    _, out, wb = exported
    original, again = read_case(case_path), read_case(out)
    assert [p.id for p in again.projects] == [p.id for p in original.projects]
    assert [p.name for p in again.projects] == [p.name for p in original.projects]
    assert [p.capex for p in again.projects] == [p.capex for p in original.projects]
    assert again.settings.limits == original.settings.limits
    assert again.enterprise == original.enterprise
    assert again.years == original.years
    assert wb.sheetnames[:3] == ["Projects", "Settings", "Enterprise"]
    assert set(RESULT_SHEETS) <= set(wb.sheetnames)


def test_selected_sheet_lists_the_chosen_projects_with_shifted_capex(exported):
    result, _, wb = exported
    rows = _sheet_rows(wb["Selected"])
    assert [r["ID"] for r in rows] == [x.id for x in result.selected]
    by_id = {r["ID"]: r for r in rows}
    # P2 is planned for 2027 but starts in 2028: its spend moves one year later, its NPV is discounted.
    assert by_id["P2"]["capex_2027 (CNY 100m)"] == 0
    assert by_id["P2"]["capex_2028 (CNY 100m)"] == pytest.approx(50)
    assert by_id["P2"]["NPV (CNY 100m)"] == pytest.approx(30 / (1 + CAPITAL_COST_RATE))
    assert by_id["P6"]["capex_2029 (CNY 100m)"] == pytest.approx(40, abs=1e-4)
    assert by_id["P6"]["Capex (CNY 100m)"] == pytest.approx(40, abs=1e-4)
    assert by_id["P6"]["Profit (CNY 100m)"] == pytest.approx(6 * 0.4, abs=1e-4)
    assert by_id["P1"]["Strategic category"] == "新能源"
    assert by_id["P2"]["Strategic category"] in ("", None)
    assert by_id["P3"]["Mandatory"] == "yes"
    share_column = list(rows[0]).index("Share") + 1
    assert wb["Selected"].cell(row=2, column=share_column).number_format == "0.00%"


def test_excluded_sheet_gives_each_reason(exported):
    result, _, wb = exported
    rows = {r["ID"]: r for r in _sheet_rows(wb["Excluded"])}
    assert set(rows) == {x.id for x in result.excluded} == {"P4", "P5"}
    assert rows["P4"]["Code"] == "no_value"
    assert rows["P5"]["Code"] == "forced_out"
    assert "excluded" in rows["P5"]["Reason"]


def test_spend_by_year_matches_the_workbook_data(exported):
    result, _, wb = exported
    expected = dict.fromkeys(YEARS, 0.0)
    for x in result.selected:
        planned = next(p for p in PROJECTS if p["id"] == x.id)
        delay = x.start_year - 2027
        for year in YEARS:
            expected_year = year + delay
            if expected_year in expected:
                expected[expected_year] += (planned.get(f"capex_{year}") or 0) * x.share
    rows = _sheet_rows(wb["Spend by year"])
    by_year = {r["Year"]: r for r in rows}
    for year in YEARS:
        assert by_year[year]["Spend (CNY 100m)"] == pytest.approx(expected[year], abs=1e-4)
        assert by_year[year]["Budget (CNY 100m)"] == SETTINGS[f"budget_{year}"]
        assert by_year[year]["Headroom (CNY 100m)"] == pytest.approx(SETTINGS[f"budget_{year}"] - expected[year],
                                                                     abs=1e-4)
    total = by_year["Total"]
    assert total["Spend (CNY 100m)"] == pytest.approx(sum(expected.values()), abs=1e-4)
    assert total["Budget (CNY 100m)"] == SETTINGS["total_budget"]
    assert wb["Spend by year"]["E2"].number_format == "0.00%"


def test_kpis_read_back_as_computed(exported):
    result, _, wb = exported
    rows = {r["Key"]: r for r in _sheet_rows(wb["KPIs"])}
    assert set(rows) == set(result.kpis)
    for key, k in result.kpis.items():
        per_10k = 10_000 if key == "labour_productivity" else 1  # 1 亿元 is 10,000 万元: shown in 万元 per person
        for column, value in (("Before", k.before), ("After", k.after), ("Target", k.target)):
            assert rows[key][column] == (None if value is None else pytest.approx(value * per_10k)), (key, column)
    assert rows["labour_productivity"]["Unit"] == "CNY 10k per person"
    rd = rows["rd_intensity"]
    assert rd["Target sense"] == "≥"
    assert rd["Met"] == "✓"
    ws = wb["KPIs"]
    row = next(c.row for c in ws["H"] if c.value == "rd_intensity")
    assert ws.cell(row=row, column=4).number_format == "0.00%"
    row = next(c.row for c in ws["H"] if c.value == "total_profit")
    assert ws.cell(row=row, column=4).number_format == "#,##0.00"


def test_constraints_and_summary(exported):
    result, _, wb = exported
    names = [r["Name"] for r in _sheet_rows(wb["Constraints"])]
    assert names == [c.name for c in result.constraints]
    assert "budget_2029" in names
    summary = {r["Item"]: r["Value"] for r in _sheet_rows(wb["Summary"])}
    assert summary["Case file"] == "case.xlsx"
    assert summary["Status"] == result.solution.status
    assert summary["Quality"] == result.solution.quality()
    assert summary["Objective value (CNY 100m)"] == pytest.approx(result.solution.objective_value)
    assert summary["Projects selected"] == 4
    assert summary["Candidate projects"] == 6
    assert wb.active.title == "Summary"


def test_result_sheets_are_formatted_and_charted(exported):
    _, _, wb = exported
    for name in RESULT_SHEETS:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws["A1"].font.bold, name
        assert ws.column_dimensions["A"].width >= 8, name
    assert wb["Spend by year"]._charts
    assert wb["Capex by category"]._charts
    categories = {r["Strategic category"]: r for r in _sheet_rows(wb["Capex by category"])}
    assert set(categories) == {"New energy / 新能源", "High-end equipment / 高端装备", "Traditional / 传统"}
    assert categories["New energy / 新能源"]["Capex (CNY 100m)"] == pytest.approx(140, abs=1e-4)


def test_formula_like_text_is_stored_as_text(exported):
    _, _, wb = exported
    for name in RESULT_SHEETS:
        for row in wb[name].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (name, cell.coordinate, cell.value)
    names = {r["ID"]: r["Name"] for r in _sheet_rows(wb["Selected"])}
    assert names["P3"] == "=SUM(A1)"
    assert names["P2"] == "+cmd"
    excluded = {r["ID"]: r["Name"] for r in _sheet_rows(wb["Excluded"])}
    assert excluded["P5"] == "@x"
    projects = wb["Projects"]
    for cell in projects["B"][1:]:
        assert cell.data_type == "s"


def test_formulas_in_the_input_become_their_saved_values(tmp_path):
    projects = [dict(PROJECTS[0], npv="=20+30", note="=1+1")]
    path = make_workbook(tmp_path / "formulas.xlsx", projects, SETTINGS, ENTERPRISE)
    _save_cached_value(path, "20+30", "50")
    result = solve_case(read_case(path))
    out = tmp_path / "result.xlsx"
    export_result(result, out)
    ws = load_workbook(out)["Projects"]
    npv = ws.cell(row=2, column=[c.value for c in ws[1]].index("npv") + 1)
    assert npv.value == 50 and npv.data_type == "n"
    note = ws.cell(row=2, column=[c.value for c in ws[1]].index("note") + 1)
    assert note.value == "=1+1"  # no saved value to take: the formula stays for Excel to compute
    assert read_case(out).projects[0].npv == 50


def _save_cached_value(path: Path, formula: str, value: str) -> None:
    """Give a formula the saved value Excel would have stored (openpyxl writes none)."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    for empty in ("<v />", "<v></v>"):  # openpyxl's empty value, without lxml and with it
        parts[sheet] = parts[sheet].replace(f"<f>{formula}</f>{empty}".encode(),
                                            f"<f>{formula}</f><v>{value}</v>".encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_reexporting_an_export_replaces_its_result_sheets(exported, tmp_path):
    _, out, first = exported
    again = tmp_path / "again.xlsx"
    export_result(solve_case(read_case(out)), again)
    wb = load_workbook(again)
    assert wb.sheetnames == first.sheetnames
    assert [r["ID"] for r in _sheet_rows(wb["Selected"])] == [r["ID"] for r in _sheet_rows(first["Selected"])]


def test_refuses_to_write_over_the_input(case_path):
    before = case_path.read_bytes()
    result = solve_case(read_case(case_path))
    with pytest.raises(ExportError, match="input workbook"):
        export_result(result, case_path)
    with pytest.raises(ExportError, match="input workbook"):
        export_result(result, case_path.parent / "." / case_path.name)
    assert case_path.read_bytes() == before
    assert _files(case_path.parent) == {"case.xlsx"}


def test_refuses_a_path_that_is_not_xlsx(case_path, tmp_path):
    result = solve_case(read_case(case_path))
    with pytest.raises(ExportError, match=r"\.xlsx"):
        export_result(result, tmp_path / "result.csv")
    assert not (tmp_path / "result.csv").exists()


def test_missing_folder_is_a_plain_error(case_path, tmp_path):
    result = solve_case(read_case(case_path))
    with pytest.raises(ExportError, match="does not exist"):
        export_result(result, tmp_path / "no such folder" / "result.xlsx")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_folder_is_a_plain_error(case_path, tmp_path):
    result = solve_case(read_case(case_path))
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            export_result(result, folder / "result.xlsx")
        assert _files(folder) == set()
    finally:
        folder.chmod(0o700)


def test_locked_target_is_a_plain_error_and_leaves_no_temporary_file(case_path, tmp_path, monkeypatch):
    result = solve_case(read_case(case_path))
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "result.xlsx").write_bytes(b"the old result")

    def locked(src, dst):  # what Windows does while Excel has the file open
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="permission denied"):
        export_result(result, folder / "result.xlsx")
    assert _files(folder) == {"result.xlsx"}
    assert (folder / "result.xlsx").read_bytes() == b"the old result"


def test_export_leaves_no_temporary_file(exported):
    _, out, _ = exported
    assert _files(out.parent) == {"result.xlsx"}


def test_infeasible_case_exports_the_summary_and_the_diagnosis(tmp_path):
    settings = dict(SETTINGS, min_rd_intensity=0.5)
    path = _make_case(tmp_path / "infeasible.xlsx", PROJECTS, settings)
    result = solve_case(read_case(path))
    assert result.solution.status == "infeasible"
    out = tmp_path / "result.xlsx"
    export_result(result, out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Projects", "Settings", "Enterprise", "Summary", "Decision log"]
    summary = _sheet_rows(wb["Summary"])
    assert {"Item": "Status", "Value": "infeasible"} in summary
    assert any(r["Item"] == "Diagnosis" and "min_rd_intensity" in r["Value"] for r in summary)


def test_column_widths_count_chinese_characters_double():
    from optimizer.io.sheets import display_width

    assert display_width("新能源") == 6
    assert display_width("P1") == 2


DEMO = ROOT / "resources" / "demo_case.xlsx"


@pytest.mark.skipif(not DEMO.exists(), reason="resources/demo_case.xlsx has not been generated")
def test_demo_case_exports_and_renders(tmp_path):
    result = solve_case(read_case(DEMO), time_limit=30)
    out = tmp_path / "demo_result.xlsx"
    export_result(result, out)
    wb = load_workbook(out)
    for name in RESULT_SHEETS:
        ws = wb[name]
        print(f"--- {name} ({ws.max_row - 1} rows)")
        for row in ws.iter_rows(max_row=4, values_only=True):
            print(row)
    assert len(_sheet_rows(wb["Selected"])) == len(result.selected)
    assert [p.id for p in read_case(out).projects] == [p.id for p in read_case(DEMO).projects]
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office:
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                       check=True, timeout=120, capture_output=True)
        assert (tmp_path / "demo_result.pdf").stat().st_size > 0
