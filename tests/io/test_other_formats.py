""".xls and .ods cases (issue 17), read through calamine within the reader's bounds (optimizer/io/calamine_book.py).

The files are real: LibreOffice saved them (tests/corpus/producers/, kept because CI has no LibreOffice), and
the demo case is converted at test time where soffice is installed. Each reads as the .xlsx it was made from:
the same values and types, errors at their cells, merged and hidden cells, hidden sheets; the demo solves to
the same portfolio; the export of an .ods or .xls case reopens as the case. The hostile files (cell bombs in
an .ods, the far corner of an .xls) are refused before calamine fills memory.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from optimizer.cli import solve_case
from optimizer.errors import CaseError, UnreadableWorkbook
from optimizer.io.export import export_result
from optimizer.io.spreadsheet import open_workbook
from optimizer.io.workbook import read_case
from optimizer.io.xlsx import Limits, SheetTooLarge
from optimizer.paths import DEMO_CASE
from tests.corpus.make_corpus import PRODUCERS, PROJECTS, ods_content, write_ods

FORMATS = ["ods", "xls"]


@pytest.fixture(scope="module")
def demo_converted(tmp_path_factory) -> dict[str, Path]:
    """The demo case as LibreOffice saves it in each format (skipped without LibreOffice, as on CI)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed: the demo is not converted; tests/corpus/producers/ "
                    "holds small files it converted earlier")
    folder = tmp_path_factory.mktemp("converted")
    for to in FORMATS:
        subprocess.run(["soffice", "--headless", "--convert-to", to, "--outdir", str(folder), str(DEMO_CASE)],
                       check=True, capture_output=True, timeout=180)
    return {to: folder / f"demo_case.{to}" for to in FORMATS}


@pytest.mark.parametrize("to", FORMATS)
def test_the_demo_saved_by_libreoffice_solves_to_the_same_portfolio(demo_converted, to):
    expected = solve_case(read_case(DEMO_CASE))
    result = solve_case(read_case(demo_converted[to]))
    assert result.solution.objective_value == pytest.approx(expected.solution.objective_value, rel=1e-4)
    assert {x.id for x in result.selected} == {x.id for x in expected.selected}


@pytest.mark.parametrize("to", FORMATS)
def test_the_demo_reads_with_the_values_of_the_xlsx(demo_converted, to):
    with open_workbook(DEMO_CASE) as xlsx, open_workbook(demo_converted[to]) as other:
        assert other.titles == xlsx.titles
        for title in xlsx.titles:
            mine, theirs = xlsx.read(title, 1000).rows, other.read(title, 1000).rows
            # LibreOffice writes a yes/no cell of an .ods as the number 1 or 0, which the reader takes as yes/no
            assert [tuple(int(v) if isinstance(v, bool) and to == "ods" else v for v in row) for row in mine] == \
                theirs, title


@pytest.mark.parametrize("to", FORMATS)
def test_an_ods_or_xls_case_exports_and_reopens_as_the_same_case(to, tmp_path):
    source = tmp_path / f"case.{to}"
    shutil.copyfile(PRODUCERS / f"valid_case.{to}", source)
    result = solve_case(read_case(source))
    out = tmp_path / "result.xlsx"
    export_result(result, out)
    again = solve_case(read_case(out))
    assert again.solution.objective_value == pytest.approx(result.solution.objective_value, rel=1e-6)
    assert {x.id for x in again.selected} == {x.id for x in result.selected} == {"P001", "P002"}
    assert read_case(out).projects == read_case(source).projects


@pytest.mark.parametrize("to", FORMATS)
def test_values_have_the_types_of_the_xlsx_reader(to):
    with open_workbook(PRODUCERS / f"valid_case.{to}") as book:
        assert [(s.title, s.state, s.kind) for s in book.sheets] == [
            ("Projects", "visible", "worksheet"), ("Settings", "visible", "worksheet"),
            ("Enterprise", "visible", "worksheet")]
        rows = book.read("Projects", 100).rows
    assert rows[1] == ("P001", "海上风电一期", 10, 5, 3)  # whole numbers as int, trailing blanks dropped
    assert rows[2][:5] == ("P002", "储能电站", 8, 2, 2.5) and rows[2][5] == "P001"
    assert len(rows) == 1 + len(PROJECTS)


@pytest.mark.parametrize("to", FORMATS)
def test_errors_text_and_merged_cells_are_said_at_their_cell(to):
    problems = {}
    for stem in ("text_in_capex", "excel_error_cell", "merged_id_cells"):
        with pytest.raises(CaseError) as raised:
            read_case(PRODUCERS / f"{stem}.{to}")
        problems[stem] = [str(p) for p in raised.value.problems]
    assert problems["text_in_capex"] == ["Projects!C3: text 'about 8' is not a number (capex_2027)"]
    assert problems["excel_error_cell"] == ["Projects!C4: the cell shows the Excel error #DIV/0! (capex_2027)"]
    assert problems["merged_id_cells"][0].startswith("Projects!A3: cells A3:A4 are merged")


@pytest.mark.parametrize("to", FORMATS)
def test_hidden_rows_are_found(to):
    with open_workbook(PRODUCERS / f"hidden_rows.{to}") as book:
        assert book.read("Projects", 100).hidden_rows == {3}
    assert any("row 3 is hidden" in str(w) for w in read_case(PRODUCERS / f"hidden_rows.{to}").warnings)


@pytest.mark.parametrize("to", FORMATS)
def test_the_row_limit_is_kept(to):
    with open_workbook(PRODUCERS / f"valid_case.{to}") as book, pytest.raises(SheetTooLarge) as raised:
        book.read("Projects", max_rows=2)
    assert raised.value.rows == 4 and raised.value.row_limit == 2


def test_an_ods_error_formula_and_formula_without_value_are_not_read_as_blank(tmp_path):
    path = tmp_path / "formulas.ods"
    write_ods(path, ods_content(
        '<table:table table:name="Projects"><table:table-row>'
        '<table:table-cell office:value-type="float" office:value="8"/>'
        '<table:table-cell table:formula="of:=NA()" office:value-type="float" office:value="0" '
        'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
        'calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=[.A1]*2"/>'
        '<table:table-cell office:value-type="date" office:date-value="2027-01-01"/>'
        '<table:table-cell office:value-type="percentage" office:value="0.35"/></table:table-row></table:table>'))
    with open_workbook(path) as book:
        cells = book.read("Projects", 10)
    assert cells.rows == [(8, "#N/A", None, datetime(2027, 1, 1), 0.35)]
    assert cells.unsaved_formulas == {(1, 3)}


def test_an_ods_hidden_sheet_keeps_its_state(tmp_path):
    path = tmp_path / "hidden.ods"
    content = ods_content('<table:table table:name="Projects" table:style-name="ta1"/>'
                          '<table:table table:name="Settings" table:style-name="ta2"/>')
    styles = (b'<office:automatic-styles xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0">'
              b'<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/>'
              b'</style:style><style:style style:name="ta2" style:family="table"><style:table-properties '
              b'table:display="false"/></style:style></office:automatic-styles><office:body>')
    write_ods(path, content.replace(b"<office:body>", styles))
    with open_workbook(path) as book:
        assert [(s.title, s.state) for s in book.sheets] == [("Projects", "visible"), ("Settings", "hidden")]


@pytest.mark.parametrize("rows, columns", [(6_000, 16_384), (1, 10**9), (10**9, 1)])
def test_an_ods_cell_bomb_is_refused_from_its_repeat_counts_in_milliseconds(tmp_path, rows, columns):
    path = tmp_path / "bomb.ods"
    write_ods(path, ods_content(
        f'<table:table table:name="Projects"><table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="float" office:value="1"/>'
        '</table:table-row></table:table>'))
    started = time.perf_counter()
    with pytest.raises(UnreadableWorkbook) as refused:
        open_workbook(path)
    assert time.perf_counter() - started < 1
    assert "bomb.ods is refused: its sheet 'Projects' reaches row" in str(refused.value)


def test_empty_repeated_rows_as_libreoffice_writes_them_cost_nothing(tmp_path):
    path = tmp_path / "padded.ods"
    write_ods(path, ods_content(
        '<table:table table:name="Projects"><table:table-row><table:table-cell office:value-type="string">'
        '<text:p>id</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16383"/>'
        '</table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row></table:table>'))
    with open_workbook(path) as book:
        assert book.read("Projects", 10).rows == [("id",)]


def test_an_xls_reaching_its_last_cell_is_refused_before_calamine_fills_it():
    with pytest.raises(UnreadableWorkbook) as refused:
        open_workbook(PRODUCERS / "far_cell.xls")
    assert "its sheet 'Notes' reaches row 65,536 and column 256" in str(refused.value)
    with open_workbook(PRODUCERS / "far_cell.xls", Limits(cells=20_000_000)) as book:
        assert book.titles == ["Projects", "Notes"]


def test_the_file_size_bound_holds_for_xls_and_ods():
    for to in FORMATS:
        with pytest.raises(UnreadableWorkbook, match="is more than"):
            open_workbook(PRODUCERS / f"valid_case.{to}", Limits(file_bytes=1024))


def test_a_damaged_xls_or_ods_is_said_in_words(tmp_path):
    data = bytearray((PRODUCERS / "valid_case.xls").read_bytes())
    data[512:1024] = b"\x07" * 512  # the table of sector chains (the FAT), overwritten
    broken_xls = tmp_path / "broken.xls"
    broken_xls.write_bytes(data)
    with pytest.raises(UnreadableWorkbook, match="broken.xls is a damaged .xls workbook .its file structure is broken"):
        open_workbook(broken_xls)
    broken = tmp_path / "broken.ods"
    with zipfile.ZipFile(PRODUCERS / "valid_case.ods") as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            part = zin.read(info)
            zout.writestr(info, part[:len(part) // 2] if info.filename == "content.xml" else part)
    with pytest.raises(UnreadableWorkbook, match="broken.ods is damaged: its part content.xml is not well-formed"):
        open_workbook(broken)
