"""Read an .xls (Excel 97-2003) or .ods (OpenDocument) workbook through calamine, within the bounds of xlsx.py.

    book = open_workbook(path)   # xlsx.open_workbook sends .xls and .ods files here, after its own checks
    book.sheets, book.read(title, max_rows)   # as for an .xlsx: SheetEntry items, SheetCells values

calamine (python-calamine, the Rust library behind pandas' "calamine" engine) reads the values. It reads
every sheet of the file whole, as a rectangle from A1 to the sheet's last value, when the file is opened:
700 bytes of OpenDocument that repeat a cell 16,384 times across 6,000 rows take it 6 GB and half a
minute, and two cells of an .xls, at A1 and IV65536, 1 GB. So before calamine sees a byte, the file is
scanned here (ods.py, xls.py: streaming, bounded in time by the file's size, with no XML DTD allowed)
and a sheet whose rectangle would hold more than `Limits.cells` cells is refused.

The scan also gives what calamine does not: an Excel error in a cell ("#N/A", which calamine reads as a
blank), merged cells in an .ods, rows hidden by a filter or by hand, and, in an .ods, formula cells
without a saved value. A formula of an .xls always has its saved value (Excel and LibreOffice write it).
Values have the types of the .xlsx reader: a whole number is an int (calamine gives .ods numbers as
float), a date a datetime, a blank None.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from datetime import date, datetime

import python_calamine
from openpyxl.utils.cell import get_column_letter

from optimizer.errors import UnreadableWorkbook
from optimizer.io.xlsx import Limits, SheetCells, SheetEntry, SheetTooLarge
from optimizer.words.text import Text

# calamine's enums, by the name they print as ("SheetVisibleEnum.Hidden"; they can be compared but not hashed)
_STATES = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}
_KINDS = {"WorkSheet": "worksheet", "ChartSheet": "chartsheet", "DialogSheet": "dialogsheet",
          "MacroSheet": "macrosheet", "Vba": "macrosheet"}
_EXACT_INTEGERS = 2.0**53


@dataclass
class SheetScan:
    """What the scan of one sheet found, before calamine reads it. Rows and columns count from 1."""

    title: str
    rows_with_values: int = 0
    last_row: int = 0
    last_column: int = 0
    """The rectangle calamine fills: from A1 to the last row and column holding a value."""
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    """Cells showing an Excel error, with its text ("#DIV/0!")."""
    unsaved_formulas: set[tuple[int, int]] = field(default_factory=set)
    merged: list[str] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)

    @property
    def area(self) -> int:
        return self.last_row * self.last_column


def check_areas(scans: list[SheetScan], name: str, limits: Limits) -> None:
    """Refuse a sheet that calamine would fill with more than `limits.cells` cells."""
    for scan in scans:
        if scan.area > limits.cells:
            raise too_large(name, scan.title, scan.last_row, scan.last_column, limits)


def too_large(name: str, title: str, rows: int, columns: int, limits: Limits) -> UnreadableWorkbook:
    return UnreadableWorkbook(Text(
        "{name} is refused: its sheet '{title}' reaches row {rows:,} and column {columns:,}, more than {limit:,} "
        "cells counting the blanks, far more than a case workbook holds (delete the unused rows and columns; or "
        "it is a file made to exhaust memory)", name=name, title=title, rows=rows, columns=columns,
        limit=limits.cells))


class CalamineBook:
    """An opened, scanned .xls or .ods: its sheets, read one at a time, as xlsx.Workbook gives them."""

    def __init__(self, name: str, data: bytes, file_format: str, scans: list[SheetScan], limits: Limits):
        self.name = name
        self.file_format = file_format
        """"xls" or "ods"."""
        self.data = data
        """The file's bytes as read."""
        self.sha256 = hashlib.sha256(data).hexdigest()
        """Their SHA-256."""
        self._limits = limits
        try:
            self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except python_calamine.PasswordError:
            raise UnreadableWorkbook(Text("{name} is password-protected (encrypted): open it, remove the password "
                                          "and save it again", name=name)) from None
        except Exception as error:  # calamine raises its own kinds, and OSError or ValueError, for a damaged file
            raise _damaged(name, file_format, error) from None
        metadata = self._book.sheets_metadata
        by_title = {scan.title: scan for scan in scans}
        same_order = len(scans) == len(metadata)
        self._scans: dict[str, SheetScan] = {}
        self.sheets: list[SheetEntry] = []
        for index, sheet in enumerate(metadata):
            self.sheets.append(SheetEntry(sheet.name, _STATES.get(_enum_name(sheet.visible), "visible"),
                                          _KINDS.get(_enum_name(sheet.typ), "worksheet"), ""))
            scan = scans[index] if same_order else by_title.get(sheet.name, SheetScan(sheet.name))
            scan.title = sheet.name
            self._scans[sheet.name] = scan
        try:
            if not self.sheets:
                raise UnreadableWorkbook(Text("{name} is damaged: it lists no sheets", name=name))
            check_areas(list(self._scans.values()), name, limits)  # before calamine fills any sheet
        except UnreadableWorkbook:
            self.close()
            raise

    def close(self) -> None:
        try:
            self._book.close()
        except python_calamine.WorkbookClosed:
            pass

    def __enter__(self) -> CalamineBook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def titles(self) -> list[str]:
        return [s.title for s in self.sheets]

    def read(self, title: str, max_rows: int) -> SheetCells:
        """The values of a worksheet; SheetTooLarge past `max_rows` rows with values."""
        entry = next(s for s in self.sheets if s.title == title)
        if entry.kind != "worksheet":
            raise UnreadableWorkbook(Text("{name}: sheet '{title}' is a {kind}, which holds no cells",
                                          name=self.name, title=title, kind=entry.kind))
        scan = self._scans[title]
        if scan.rows_with_values > max_rows:
            raise SheetTooLarge(title, scan.rows_with_values, scan.area, max_rows, False)
        if scan.area > self._limits.cells:  # checked at opening too; here for a caller that skipped it
            raise SheetTooLarge(title, scan.rows_with_values, scan.area, max_rows, True)
        try:
            sheet = self._book.get_sheet_by_name(title)
            values = sheet.to_python(skip_empty_area=False)
        except Exception as error:
            raise _damaged(self.name, self.file_format, error) from None
        rows = [_row(values_row) for values_row in values]
        for (row, column), text in scan.errors.items():
            cells = list(rows[row - 1]) if row <= len(rows) else []
            cells += [None] * (column - len(cells))
            cells[column - 1] = text
            rows += [()] * (row - len(rows))
            rows[row - 1] = tuple(cells)
        while rows and not rows[-1]:
            rows.pop()
        merged = list(scan.merged) or _merged(sheet)
        return SheetCells(rows, set(scan.unsaved_formulas), {}, merged, set(scan.hidden_rows))


def _enum_name(value: object) -> str:
    return str(value).rpartition(".")[2]


def _row(values: list) -> tuple:
    cells = [_value(v) for v in values]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def _value(value: object) -> object:
    """A value as the .xlsx reader gives it."""
    if isinstance(value, str):
        return value if value else None
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_INTEGERS:
        return int(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def _merged(sheet: python_calamine.CalamineSheet) -> list[str]:
    ranges = sheet.merged_cell_ranges or []
    return [f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}" for (r0, c0), (r1, c1) in ranges]


def _damaged(name: str, file_format: str, error: BaseException) -> UnreadableWorkbook:
    what = Text(".xls workbook") if file_format == "xls" else Text("OpenDocument spreadsheet (.ods)")
    return UnreadableWorkbook(Text("{name} is a damaged {what}: it cannot be read ({detail}); ask for the file "
                                   "again, or open it and save it again as an Excel workbook (.xlsx)",
                                   name=name, what=what, detail=str(error)[:200] or type(error).__name__))
