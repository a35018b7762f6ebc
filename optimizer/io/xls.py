"""Scan an .xls (Excel 97-2003, BIFF8; also Excel 5/95, BIFF5) before calamine reads it (see calamine_book.py).

The file is an OLE compound file: a small file system of 512-byte sectors chained by a table (the
FAT), holding the "Workbook" (or "Book") stream. That stream is a list of records, each a type, a
length and its bytes: the workbook's globals (the sheets' names and where each starts, a FILEPASS
record when it is encrypted), then each sheet from its BOF record to its EOF record. The cell records
start with the cell's row and column, so one pass over the records measures each sheet as calamine
will fill it (from A1 to its last value: two cells at A1 and IV65536 take calamine 1 GB) and finds
what calamine does not give: cells showing an Excel error (a BOOLERR record, or a FORMULA record whose
saved result is an error; calamine reads both as blank) and rows hidden by a filter or by hand.

Every offset and chain is checked against the file's size, so a damaged or hostile file ends in
UnreadableWorkbook, in time proportional to its size (at most `Limits.file_bytes`).
"""

from __future__ import annotations

import struct

from optimizer.errors import UnreadableWorkbook
from optimizer.io.calamine_book import SheetScan, check_areas
from optimizer.io.xlsx import Limits
from optimizer.words.text import Text

_END_OF_CHAIN = 0xFFFFFFFE
_LAST_SECTOR = 0xFFFFFFFA  # ids from here up mark free, end-of-chain and FAT sectors
ERROR_TEXTS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}

# BIFF record types
_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _ROW = 0x0809, 0x000A, 0x002F, 0x0085, 0x0208
_OLD_BOFS = {0x0009, 0x0209, 0x0409}
_FORMULA, _BOOLERR, _MULRK = 0x0006, 0x0205, 0x00BD
_VALUE_CELLS = {0x00FD, 0x0203, 0x027E, 0x0204, 0x00D6}  # LABELSST, NUMBER, RK, LABEL, RSTRING
_WORKSHEET = 0x0010


class _Damaged(Exception):
    pass


def scan_xls(data: bytes, name: str, limits: Limits) -> list[SheetScan]:
    """Each sheet of the .xls in `data`, measured; UnreadableWorkbook when it is encrypted or damaged."""
    try:
        stream = _workbook_stream(data)
        return _scan_records(stream, name, limits)
    except _Damaged as damage:
        raise UnreadableWorkbook(Text("{name} is a damaged .xls workbook ({damage}): ask for the file again, or open "
                                      "it in Excel to repair it and save it again", name=name,
                                      damage=damage.args[0])) from None


# --------------------------------------------------------------------------- the OLE compound file
def _workbook_stream(data: bytes) -> bytes:
    if len(data) < 512:
        raise _Damaged(Text("its file structure is cut short"))
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise _Damaged(Text("its file structure is broken"))
    size = 1 << sector_shift
    sectors = (len(data) - size) // size + 1

    def sector(number: int) -> bytes:
        start = (number + 1) * size
        if number >= sectors or start + size > len(data) + size:
            raise _Damaged(Text("its file structure points outside the file"))
        return data[start:start + size]

    directory_start, _, mini_cutoff, mini_fat_start, _, difat_start = struct.unpack_from("<IIIIII", data, 48)
    fat_sectors = [n for n in struct.unpack_from("<109I", data, 76) if n < _LAST_SECTOR]
    next_difat, seen = difat_start, 0
    while next_difat < _LAST_SECTOR and seen <= sectors:
        entries = struct.unpack(f"<{size // 4}I", sector(next_difat))
        fat_sectors += [n for n in entries[:-1] if n < _LAST_SECTOR]
        next_difat, seen = entries[-1], seen + 1
    if len(fat_sectors) > sectors:
        raise _Damaged(Text("its file structure is broken"))
    fat: list[int] = []
    for number in fat_sectors:
        fat.extend(struct.unpack(f"<{size // 4}I", sector(number)))

    def chain(start: int, table: list[int]) -> list[int]:
        found, number = [], start
        while number < _LAST_SECTOR:
            if number >= len(table) or len(found) > len(table):
                raise _Damaged(Text("its file structure is broken"))
            found.append(number)
            number = table[number]
        return found

    directory = b"".join(sector(n) for n in chain(directory_start, fat))
    entries = []
    for at in range(0, len(directory) - 127, 128):
        length, kind = struct.unpack_from("<HB", directory, at + 64)
        entry_name = directory[at:at + min(length, 64)].decode("utf-16-le", "replace").rstrip("\0")
        start, stream_size = struct.unpack_from("<II", directory, at + 116)
        entries.append((entry_name, kind, start, stream_size))
    root = next((e for e in entries if e[1] == 5), None)
    book = next((e for e in entries if e[1] == 2 and e[0] in ("Workbook", "Book")), None)
    if root is None or book is None:
        raise _Damaged(Text("it holds no workbook"))
    _, _, start, stream_size = book
    if stream_size > len(data):
        raise _Damaged(Text("its file structure is broken"))
    if stream_size >= mini_cutoff:
        stream = b"".join(sector(n) for n in chain(start, fat))
    else:  # a small stream lives in the mini stream, in 64-byte pieces with a table of their own
        mini_fat: list[int] = []
        for number in chain(mini_fat_start, fat):
            mini_fat.extend(struct.unpack(f"<{size // 4}I", sector(number)))
        mini_stream = b"".join(sector(n) for n in chain(root[2], fat))
        stream = b"".join(mini_stream[n * 64:n * 64 + 64] for n in chain(start, mini_fat))
    if len(stream) < stream_size:
        raise _Damaged(Text("its workbook is cut short"))
    return stream[:stream_size]


# --------------------------------------------------------------------------- the BIFF records
def _scan_records(stream: bytes, name: str, limits: Limits) -> list[SheetScan]:
    sheet_starts: list[tuple[int, str]] = []
    by_start: dict[int, SheetScan] = {}
    open_streams: list[tuple[SheetScan | None, set[int], set[int]]] = []
    """The substreams begun and not ended: a sheet, and a chart inside it (its own BOF ... EOF)."""
    at, end = 0, len(stream)
    in_globals = True
    while at + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4:at + 4 + length]
        if len(body) < length:
            raise _Damaged(Text("its workbook is cut short"))
        if kind == _BOF or kind in _OLD_BOFS:
            if not in_globals:
                sheet_type = struct.unpack_from("<H", body, 2)[0] if length >= 4 else 0
                scan = SheetScan("") if sheet_type == _WORKSHEET and not open_streams else None
                if not open_streams:
                    by_start[at] = scan or SheetScan("")
                open_streams.append((scan, set(), set()))
        elif kind == _EOF:
            if in_globals:
                in_globals = False
            elif open_streams:
                scan, rows, hidden = open_streams.pop()
                if scan is not None:
                    scan.rows_with_values = len(rows)
                    scan.hidden_rows = hidden & rows
        elif in_globals:
            if kind == _FILEPASS:
                raise UnreadableWorkbook(Text("{name} is password-protected (encrypted): open it in Excel, remove "
                                              "the password (File > Info > Protect Workbook) and save it again",
                                              name=name))
            if kind == _BOUNDSHEET and length >= 4:
                sheet_starts.append((struct.unpack_from("<I", body, 0)[0], _sheet_name(body)))
        elif open_streams and open_streams[-1][0] is not None and length >= 4:
            scan, rows, hidden = open_streams[-1]
            _cell(kind, body, scan, rows, hidden)
        at += 4 + length
    scans = []
    for start, title in sheet_starts:
        found = by_start.get(start)
        if found is None:
            raise _Damaged(Text("a sheet is missing"))
        found.title = title
        scans.append(found)
    check_areas(scans, name, limits)  # calamine fills every sheet as it opens the file
    return scans


def _sheet_name(body: bytes) -> str:
    """The name in a BOUNDSHEET record: a length, then (BIFF8) a flag for two-byte characters."""
    if len(body) < 8:
        return ""
    count, flags = body[6], body[7]
    if flags in (0, 1) and len(body) == 8 + count * (2 if flags else 1):
        return body[8:].decode("utf-16-le" if flags else "latin-1", "replace")
    return body[7:7 + count].decode("latin-1", "replace")  # BIFF5: the text in the workbook's code page


def _cell(kind: int, body: bytes, scan: SheetScan, rows: set[int], hidden: set[int]) -> None:
    """Note one record of a worksheet: a cell with a value, an error, or a row's hidden flag."""
    length = len(body)
    row, column = struct.unpack_from("<HH", body, 0)
    last = column
    if kind == _ROW:
        if length >= 14 and struct.unpack_from("<H", body, 12)[0] & 0x20:
            hidden.add(row + 1)
        return
    if kind == _MULRK and length >= 6:
        last = struct.unpack_from("<H", body, length - 2)[0]
    elif kind == _BOOLERR and length >= 8:
        if body[7]:
            scan.errors[(row + 1, column + 1)] = ERROR_TEXTS.get(body[6], "#VALUE!")
    elif kind == _FORMULA and length >= 14:
        if body[12:14] == b"\xff\xff" and body[6] == 2:
            scan.errors[(row + 1, column + 1)] = ERROR_TEXTS.get(body[8], "#VALUE!")
    elif kind not in _VALUE_CELLS:
        return
    rows.add(row + 1)
    scan.last_row = max(scan.last_row, row + 1)
    scan.last_column = max(scan.last_column, last + 1)
