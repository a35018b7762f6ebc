"""The bounded .xlsx reader (optimizer/io/xlsx.py) on a tiny workbook written with openpyxl: shared strings,
inline strings, booleans, whole and decimal numbers, a date, a formula's saved value and a formula without
one, a hidden row and columns, a merged range, a hidden sheet; each value as the cell holds it and as openpyxl's own
reading gives it; and each of the reader's bounds refusing a file in a plain sentence."""

from __future__ import annotations

import html
import re
import zipfile
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from optimizer.errors import UnreadableWorkbook
from optimizer.io.xlsx import Limits, SheetTooLarge, open_workbook
from tests.builders import cached_formulas, make_workbook, rewrite_part

SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture
def tiny(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["id", "name", "flag", "count", "ratio", "doubled", "start"])
    ws.append(["P1", "新能源基地", True, 42, 0.35, "=D2*2", datetime(2027, 1, 1)])
    ws.append(["P2", "Mill", False, -7, 1e-3, "=D3*2"])
    ws.append(["P1", "inline"])
    ws.row_dimensions[3].hidden = True
    ws.column_dimensions.group("E", "F", hidden=True)  # one <col min="5" max="6" hidden="1">
    ws.merge_cells("A6:B6")
    ws["A6"] = "合计"
    wb.create_sheet("Notes").sheet_state = "hidden"
    path = tmp_path / "tiny.xlsx"
    wb.save(path)
    cached_formulas(path, {"F2": 84})  # Excel saves a formula's value with it; openpyxl does not
    return share_texts(path, keep_inline={"B4"})


def share_texts(path, keep_inline: set[str]):
    """Move the texts openpyxl writes inline into a shared-strings table, as Excel writes them (B2's with
    the phonetic guide Japanese and Chinese Excel add above East Asian text, which is not part of the value)."""
    table: list[str] = []

    def shared(match: re.Match) -> str:
        cell, text = match.group(1), html.unescape(match.group(2))  # openpyxl with lxml writes &#26032; for 新
        if cell in keep_inline:
            return match.group(0)
        if text not in table:
            table.append(text)
        return f'<c r="{cell}" t="s"><v>{table.index(text)}</v></c>'

    rewrite_part(path, SHEET, lambda xml: re.sub(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>([^<]*)</t></is></c>',
                                                 shared, xml))
    items = ['<si><r><t>新能源</t></r><r><t>基地</t></r><rPh sb="0" eb="3"><t>シンノウゲン</t></rPh></si>'
             if text == "新能源基地" else f"<si><t>{html.escape(text, quote=False)}</t></si>" for text in table]
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/sharedStrings.xml"] = (f'<sst xmlns="{main}" count="{len(items)}" uniqueCount="{len(items)}">'
                                     f'{"".join(items)}</sst>').encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        b'spreadsheetml.sharedStrings+xml"/></Types>'))
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"</Relationships>", (
        f'<Relationship Id="rIdShared" Type="{relationships}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>").encode())
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def sheet_xml(path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(SHEET).decode()


def test_the_tiny_workbook_is_written_as_the_test_says(tiny):
    """The cases below are really in the file: shared and inline strings, booleans, a saved formula value."""
    xml = sheet_xml(tiny)
    assert '<c r="A2" t="s">' in xml and '<c r="C2" t="b">' in xml and '<c r="B4" t="inlineStr">' in xml
    first_p1 = re.search(r'<c r="A2" t="s"><v>(\d+)</v>', xml).group(1)
    assert f'<c r="A4" t="s"><v>{first_p1}</v>' in xml  # "P1" again: the same shared text
    with zipfile.ZipFile(tiny) as archive:
        assert b"<rPh" in archive.read("xl/sharedStrings.xml")
    assert "<f>D2*2</f><v>84</v>" in xml and re.search(r"<f>D3\*2</f>(<v ?/>|<v></v>)", xml)  # no saved value


def test_each_value_as_the_cell_holds_it(tiny):
    with open_workbook(tiny) as book:
        cells = book.read("Data", max_rows=100)
    assert cells.rows[0] == ("id", "name", "flag", "count", "ratio", "doubled", "start")
    assert cells.rows[1] == ("P1", "新能源基地", True, 42, 0.35, 84, datetime(2027, 1, 1))
    assert cells.rows[2] == ("P2", "Mill", False, -7, 0.001)  # its formula has no saved value
    assert cells.rows[3] == ("P1", "inline")
    assert cells.rows[5] == ("合计",)
    assert [type(v) for v in cells.rows[1][2:6]] == [bool, int, float, int]


def test_the_values_are_those_openpyxl_reads(tiny):
    """The reader's promise (its docstring): the values openpyxl's values_only reading gives."""
    expected = [tuple(row) for row in load_workbook(tiny, data_only=True)["Data"].iter_rows(values_only=True)]

    def trimmed(row):
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        return tuple(row)

    with open_workbook(tiny) as book:
        rows = book.read("Data", max_rows=100).rows
    assert [trimmed(r) for r in rows] == [trimmed(r) for r in expected][:len(rows)]


def test_a_formula_without_a_saved_value_is_listed_with_its_formula(tiny):
    with open_workbook(tiny) as book:
        cells = book.read("Data", max_rows=100)
    assert cells.unsaved_formulas == {(3, 6)}
    assert cells.unsaved_formula_text == {(3, 6): "=D3*2"}


def test_hidden_rows_columns_merged_ranges_and_hidden_sheets_are_reported(tiny):
    with open_workbook(tiny) as book:
        assert [(s.title, s.state, s.kind) for s in book.sheets] == [("Data", "visible", "worksheet"),
                                                                     ("Notes", "hidden", "worksheet")]
        assert book.titles == ["Data", "Notes"]
        cells = book.read("Data", max_rows=100)
        assert book.read("Notes", max_rows=10).rows == []
    assert cells.hidden_rows == {3}
    assert cells.hidden_columns == {5, 6}
    assert cells.merged == ["A6:B6"]


def test_a_sheet_with_more_rows_than_asked_is_too_large(tiny):
    with open_workbook(tiny) as book, pytest.raises(SheetTooLarge) as raised:
        book.read("Data", max_rows=2)
    assert raised.value.title == "Data" and raised.value.rows == 5 and not raised.value.too_many_cells


def test_every_bound_of_the_reader_is_a_plain_sentence(tmp_path):
    """Each limit of optimizer/io/xlsx.py, lowered to catch an ordinary workbook."""
    rows = [{"id": "P001", "name": "Plant", "capex_2027": 10, "capex_2028": 5, "npv": 3},
            {"id": "P002", "name": "Mill", "capex_2027": 10, "capex_2028": 5, "npv": 3}]
    path = make_workbook(tmp_path / "case.xlsx", rows, {"total_budget": 30})
    size = path.stat().st_size
    for limits, words in [
        (Limits(file_bytes=size - 1), "case.xlsx is more than"),
        (Limits(parts=3), "parts; an Excel workbook with more than 3 is refused"),
        (Limits(part_bytes=500), "would expand to"),
        (Limits(total_bytes=2_000), "it would expand to"),
        (Limits(ratio=1, ratio_from=100), "times"),
        (Limits(small_part_bytes=100), "far more than Excel writes"),
    ]:
        with pytest.raises(UnreadableWorkbook, match=words):
            open_workbook(path, limits)
    with open_workbook(path, Limits(cells=5)) as book:
        with pytest.raises(SheetTooLarge):
            book.read("Projects", max_rows=100)
    with open_workbook(path) as book:
        with pytest.raises(SheetTooLarge) as raised:
            book.read("Projects", max_rows=1)
        assert raised.value.rows == 3 and not raised.value.too_many_cells
