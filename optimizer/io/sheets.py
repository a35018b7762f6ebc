"""Writing worksheets, the same way for every workbook the program writes (the result, the scenarios, the
frontier, a case saved from the app): header rows, cells that keep text as text, number formats, columns
as wide as their contents, printing one page wide, and the file checked and saved atomically.

A failure to write is an ExportError with a plain message (a Text), said in the export's language: the
English for the headless command, the Chinese for the Chinese app.
"""

from __future__ import annotations

import io
import os
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.errors import ExportError
from optimizer.io.files import ReadOnlyFile, write_atomically, written_through
from optimizer.model.targets import Kind
from optimizer.solve.solver import STATUS_NAMES
from optimizer.words.language import IN_ENGLISH, Words
from optimizer.words.text import Text
from optimizer.words.units import shown_scale

EXCEL_ROWS = 1_048_576
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00%"
YEAR_FORMAT = "0"
NUMBER_FORMATS = {Kind.SHARE: PERCENT_FORMAT, Kind.RATE: PERCENT_FORMAT, Kind.MONEY: MONEY_FORMAT, Kind.GRADE: "0.00",
                  Kind.PRODUCTIVITY: "0.0000", Kind.COUNT: "0"}


def shown_format(kind: str, currency_unit: str) -> str | None:
    """The number format of a value shown in its unit (units.shown_value): labour productivity scaled to
    万元/人 reads 78.01 (#,##0.00), not the engine's 0.0078."""
    if kind == Kind.PRODUCTIVITY and shown_scale(kind, currency_unit) != 1.0:
        return MONEY_FORMAT
    return NUMBER_FORMATS.get(kind)
HEADER_FONT = Font(name="Calibri", size=11, bold=True)  # the body font, bold (Font() alone falls back to a serif)
HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 8


# --- cells ----------------------------------------------------------------------------------------------
def put(ws: Worksheet, row: int, column: int, value: object):
    """Write one cell. A text such as '=SUM(A1)' or '#N/A' is stored as text, not a formula or an error."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def header_row(ws: Worksheet, row: int, headers: Sequence[str], first_column: int = 1) -> None:
    """Headers in bold on a fill."""
    for column, header in enumerate(headers, start=first_column):
        cell = put(ws, row, column, header)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=False)


def body_row(ws: Worksheet, row: int, values: Sequence[object], formats: Sequence[str | None],
             first_column: int = 1) -> None:
    """One row of values, each number in its format."""
    for column, (value, fmt) in enumerate(zip(values, formats, strict=False), start=first_column):
        cell = put(ws, row, column, value)
        if fmt and isinstance(value, int | float | datetime) and not isinstance(value, bool):
            cell.number_format = fmt


def write_table(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[object]],
                formats: Sequence[Sequence[str | None]] | None = None) -> None:
    """Headers in a bold filled frozen row, then the rows; text always stays text, never a formula."""
    header_row(ws, 1, headers)
    for r, row in enumerate(rows, start=2):
        body_row(ws, r, row, formats[r - 2] if formats else [None] * len(row))
    ws.freeze_panes = "A2"
    fit_columns(ws)
    print_on_pages_wide(ws)


def fit_columns(ws: Worksheet) -> None:
    """Each column as wide as what Excel shows in its widest cell, within MIN..MAX_COLUMN_WIDTH."""
    widths: dict[int, float] = {}
    for row in ws.iter_rows():
        for cell in row:
            width = display_width(_shown(cell.value, cell.number_format))
            widths[cell.column] = max(widths.get(cell.column, 0), width)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, width + 2))


def _shown(value: object, number_format: str) -> str:
    """About what Excel shows for a value, to size its column."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return "2000-01-01 00:00"
    if isinstance(value, float | int) and not isinstance(value, bool):
        if number_format == PERCENT_FORMAT:
            return f"{value:.2%}"
        if number_format == MONEY_FORMAT:
            return f"{value:,.2f}"
        return f"{value:.4f}" if isinstance(value, float) else str(value)
    return str(value)


def display_width(text: str) -> int:
    """Characters as wide as a Latin letter; CJK and other wide characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def print_on_pages_wide(ws: Worksheet) -> None:
    """Print landscape, one page wide, the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"


def open_on(wb: Workbook, sheet: Worksheet) -> None:
    """Open the file on this sheet, with only its tab selected (several selected tabs group them)."""
    for ws in wb.worksheets:
        ws.sheet_view.tabSelected = False
    wb.active = sheet
    sheet.sheet_view.tabSelected = True


def status_said(words: Words, status: str) -> str:
    """A solve's status in a result sheet: the engine's own word in English ("optimal", as cli.md's JSON),
    its name in Chinese (最优)."""
    return str(words.say(STATUS_NAMES[status])) if words.chinese and status in STATUS_NAMES else str(status)


# --- the file -------------------------------------------------------------------------------------------
def export_error(words: Words, message: Text) -> ExportError:
    """An ExportError said in the export's language: the Text itself in English (the command's words), its
    Chinese for a Chinese export, which is what the Chinese app asks for."""
    return ExportError(words.text(message) if words.chinese else message)


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def check_target(path: Path, source: str, words: Words = IN_ENGLISH) -> None:
    """Refuse, before anything is written, a file that is not an .xlsx, the input workbook, or a folder. A special
    file written through (/dev/null, a FIFO, /dev/stdout) has no name to mislead, whatever it ends in."""
    if path.suffix.lower() != ".xlsx" and not written_through(path):
        raise export_error(words, Text("The result must be saved as an .xlsx workbook, not '{name}'.",
                                       name=path.name))
    if source and same_file(path, Path(source)):
        raise export_error(words, Text("Refusing to write over the input workbook {name}; choose another file name.",
                                       name=path.name))
    if path.is_dir():
        raise export_error(words, Text("{path} is a folder; choose a file name ending in .xlsx.", path=str(path)))


def _workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx file, made in memory: a disk that fills up then fails one plain write, not openpyxl's zip
    half-way (whose unclosed archive complained again when it was collected)."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def save(wb: Workbook, path: Path, words: Words = IN_ENGLISH) -> None:
    """Save atomically: the file is whole or not there; an ExportError says why it could not be."""
    if not path.parent.is_dir():
        raise export_error(words, Text("Cannot save the result to {path}: the folder {folder} does not exist.",
                                       path=str(path), folder=str(path.parent)))
    try:
        write_atomically(path, _workbook_bytes(wb))
    except ReadOnlyFile as error:
        raise export_error(words, Text("Cannot save the result to {path}: the file is read-only. Make it writable, "
                                       "or choose another file name.", path=str(path))) from error
    except PermissionError as error:
        raise export_error(words, Text("Cannot save the result to {path}: permission denied. The file may be open "
                                       "in another program, or the folder read-only. ({detail})", path=str(path),
                                       detail=str(error.strerror))) from error
    except OSError as error:
        raise export_error(words, Text("Cannot save the result to {path}: {detail}.", path=str(path),
                                       detail=str(error.strerror or error))) from error
