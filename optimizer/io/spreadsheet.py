"""Open a case workbook in any format the engine reads, within the bounds of xlsx.py.

    book = open_workbook(path)   # an .xlsx: xlsx.Workbook; an .xls or .ods: calamine_book.CalamineBook
    book.sheets, book.read(title, max_rows), book.file_format

The .xlsx reader (xlsx.py) checks every file first (its size on disk, what it is, a zip's directory)
and reads an .xlsx itself; an .xls or an .ods it hands on here, where it is scanned (xls.py, ods.py)
and then read by calamine (calamine_book.py), with the same interface.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from optimizer.errors import UnreadableWorkbook
from optimizer.io.calamine_book import CalamineBook
from optimizer.io.ods import scan_ods
from optimizer.io.xls import scan_xls
from optimizer.io.xlsx import LIMITS, Limits, OtherFormat, Workbook
from optimizer.io.xlsx import open_data as open_xlsx_data
from optimizer.io.xlsx import open_workbook as open_xlsx
from optimizer.words.text import Text


def open_workbook(path: str | Path, limits: Limits = LIMITS) -> Workbook | CalamineBook:
    """Open an .xlsx, .xls or .ods (under any file name) after checking it can be read within `limits`."""
    return _other_formats(lambda: open_xlsx(path, limits), limits)


def open_data(name: str, data: bytes, limits: Limits = LIMITS) -> Workbook | CalamineBook:
    """open_workbook for the bytes of a file already read (named `name` in messages)."""
    return _other_formats(lambda: open_xlsx_data(name, data, limits), limits)


def _other_formats(open_xlsx_book: Callable[[], Workbook], limits: Limits) -> Workbook | CalamineBook:
    try:
        return open_xlsx_book()
    except OtherFormat as other:
        if other.archive is None:
            return CalamineBook(other.name, other.data, "xls", scan_xls(other.data, other.name, limits), limits)
        with other.archive:
            scans = scan_ods(other.archive, other.name, limits)
        if not scans:
            raise UnreadableWorkbook(Text("{name} is damaged: it lists no sheets", name=other.name)) from None
        return CalamineBook(other.name, other.data, "ods", scans, limits)
