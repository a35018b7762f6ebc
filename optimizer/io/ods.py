"""Scan an OpenDocument spreadsheet's content.xml before calamine reads it (see calamine_book.py).

One streamed pass with the expat parser of xlsx.py (no DTD, no entities) measures each table as calamine
will fill it, counting the repeats OpenDocument writes instead of copies (table:number-rows-repeated,
table:number-columns-repeated: LibreOffice writes a million empty rows as one element), and notes what
calamine does not give: error cells (calcext:value-type="error", which calamine reads as a blank or as
0), formulas without a saved value, merged cells (table:number-columns-spanned / -rows-spanned) and
rows hidden by a filter or by hand (table:visibility). Reading stops as soon as a table passes the
limit, so a bomb costs the time of the XML read up to there.
"""

from __future__ import annotations

import zipfile
from xml.parsers import expat

from defusedxml.common import DefusedXmlException
from openpyxl.utils.cell import get_column_letter

from optimizer.errors import UnreadableWorkbook
from optimizer.io.calamine_book import SheetScan, too_large
from optimizer.io.xlsx import _CHUNK, _REPAIR, _ZIP_FAILURES, Limits, _safe_parser, _xml_bomb, _xml_damage, _zip_damage
from optimizer.words.text import Text

SPREADSHEET = "application/vnd.oasis.opendocument.spreadsheet"
CONTENT = "content.xml"
_MARKED_CELLS = 100_000
"""Error cells and formulas without a value that a sheet may hold (a case sheet holds none)."""


class _Scanner:
    def __init__(self, name: str, limits: Limits):
        self.name, self.limits = name, limits
        self.scans: list[SheetScan] = []
        self.scan: SheetScan | None = None
        self.depth = 0
        """Tables inside a table (a cell may hold one) are part of that cell, not sheets."""
        self.row = 0
        self.row_repeat = 1
        self.row_hidden = False
        self.row_has_value = False
        self.row_errors: dict[int, str] = {}
        self.row_unsaved: set[int] = set()
        self.column = 0
        self.in_cell = False
        self.cell: dict[str, str] = {}
        self.cell_has_text = False
        self.error_text: list[str] | None = None

    def start(self, tag: str, attrs: dict) -> None:
        tag = tag.rpartition(":")[2]
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.scan = SheetScan(_attribute(attrs, "name"))
                self.scans.append(self.scan)
                self.row = 0
        elif self.depth != 1 or self.scan is None:
            if self.in_cell and tag == "p":
                self.cell_has_text = True
        elif tag == "table-row":
            self.row_repeat = _count(_attribute(attrs, "number-rows-repeated"))
            self.row_hidden = _attribute(attrs, "visibility") in ("collapse", "filter")
            self.row_has_value = False
            self.row_errors, self.row_unsaved = {}, set()
            self.column = 0
        elif tag in ("table-cell", "covered-table-cell"):
            self.in_cell = True
            self.cell = {key.rpartition(":")[2] + ("@calc" if key.startswith("calcext:") else ""): value
                         for key, value in attrs.items()}
            self.cell_has_text = False
            self.error_text = [] if self.cell.get("value-type@calc") == "error" else None
        elif tag == "p" and self.in_cell:
            self.cell_has_text = True

    def end(self, tag: str) -> None:
        tag = tag.rpartition(":")[2]
        if tag == "table":
            self.depth -= 1
        elif self.depth != 1 or self.scan is None:
            return
        elif tag in ("table-cell", "covered-table-cell"):
            self._end_cell()
        elif tag == "table-row":
            self._end_row()

    def characters(self, data: str) -> None:
        if self.error_text is not None:
            self.error_text.append(data)

    def _end_cell(self) -> None:
        scan, cell = self.scan, self.cell
        repeat = _count(cell.get("number-columns-repeated"))
        first = self.column + 1
        self.column += repeat
        self.in_cell = False
        if self.column > 4 * self.limits.cells:  # OpenDocument allows any number; stop counting for ever
            raise too_large(self.name, scan.title, self.row + 1, self.column, self.limits)
        formula = "formula" in cell
        has_value = "value-type" in cell or "value-type@calc" in cell
        if not (has_value or formula or self.cell_has_text):
            return
        self.row_has_value = True
        scan.last_column = max(scan.last_column, self.column)
        if self.error_text is not None or (formula and not has_value):
            if self.column - first >= _MARKED_CELLS:  # a row of a million error cells is no case
                raise too_large(self.name, scan.title, self.row + 1, self.column, self.limits)
            if self.error_text is not None:
                text = "".join(self.error_text).strip() or "#VALUE!"
                self.row_errors.update(dict.fromkeys(range(first, self.column + 1), text))
            else:
                self.row_unsaved.update(range(first, self.column + 1))
        spanned_columns = _count(cell.get("number-columns-spanned"))
        spanned_rows = _count(cell.get("number-rows-spanned"))
        if (spanned_columns > 1 or spanned_rows > 1) and len(scan.merged) < self.limits.cells:
            top = self.row + 1
            scan.merged.append(f"{get_column_letter(min(first, 16_384))}{top}:"
                               f"{get_column_letter(min(first + spanned_columns - 1, 16_384))}{top + spanned_rows - 1}")

    def _end_row(self) -> None:
        scan = self.scan
        first = self.row + 1
        self.row += self.row_repeat
        if not self.row_has_value:
            return
        scan.rows_with_values += self.row_repeat
        scan.last_row = self.row
        if scan.area > self.limits.cells:
            raise too_large(self.name, scan.title, scan.last_row, scan.last_column, self.limits)
        if (self.row_errors or self.row_unsaved) and \
                len(scan.errors) + len(scan.unsaved_formulas) + self.row_repeat > _MARKED_CELLS:
            raise too_large(self.name, scan.title, scan.last_row, scan.last_column, self.limits)
        for row in range(first, self.row + 1):  # the area bounds the repeats
            scan.errors.update({(row, column): text for column, text in self.row_errors.items()})
            scan.unsaved_formulas.update((row, column) for column in self.row_unsaved)
            if self.row_hidden:
                scan.hidden_rows.add(row)


def scan_ods(archive: zipfile.ZipFile, name: str, limits: Limits) -> list[SheetScan]:
    """Each table of the spreadsheet's content.xml, measured; UnreadableWorkbook past `limits` or when damaged."""
    if CONTENT not in archive.namelist():
        raise UnreadableWorkbook(Text("{name} is damaged: it is an OpenDocument file without its content.xml",
                                      name=name))
    scanner = _Scanner(name, limits)
    parser = _safe_parser(scanner.start, scanner.end, scanner.characters)
    try:
        with archive.open(CONTENT) as stream:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except DefusedXmlException:
        raise _xml_bomb(name, CONTENT) from None
    except expat.ExpatError as error:
        raise UnreadableWorkbook(Text("{name} is damaged: its part {part} is not well-formed XML ({damage}): "
                                      "{advice}", name=name, part=CONTENT, damage=_xml_damage(error),
                                      advice=_REPAIR)) from None
    except _ZIP_FAILURES as error:
        raise UnreadableWorkbook(Text("{name} is damaged: its part {part} cannot be unpacked ({damage}): {advice}",
                                      name=name, part=CONTENT, damage=_zip_damage(error), advice=_REPAIR)) from None
    return scanner.scans


def _attribute(attrs: dict, local: str) -> str:
    """An attribute by its local name, whatever prefix the file gives its namespace."""
    for key, value in attrs.items():
        if key.rpartition(":")[2] == local:
            return value
    return ""


def _count(text: str | None) -> int:
    """A repeat or span count: a whole number of at least 1 (anything else counts as 1, as calamine reads it)."""
    if text and text.isascii() and text.isdigit():
        return max(1, int(text))
    return 1
