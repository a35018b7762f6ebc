"""Read the cell values of an .xlsx file that may be hostile: bounded in size, time and memory.

    book = open_workbook(path)        # UnreadableWorkbook(message) when the file cannot be used
    for sheet in book.sheets: ...     # title, state (visible / hidden / veryHidden), kind
    cells = book.read(title, max_rows=20_010)   # SheetTooLarge past the limit

Departments open whatever workbooks their subsidiaries send, so nothing here trusts the file:

- the file and what its zip may expand to are bounded before any XML is parsed: its size on disk,
  the number of parts, the declared size of each part and of all together, and the compression
  ratio of each large part (a zip bomb is refused in milliseconds, from its directory alone);
- XML may not declare a DTD, so no entity expansion (XML bomb) and no external entity (file or
  network access) is possible: the streamed sheets use expat with the guards of defusedxml, and
  the small parts `defusedxml.ElementTree`;
- a sheet is streamed, and reading stops at a limit of rows and cells;
- a file that is not an .xlsx gets one plain sentence: an encrypted workbook, an .xlsb, an
  OpenDocument file that is not a spreadsheet, a web page, plain text, an empty file;
- an .xls (Excel 97-2003) or an .ods (OpenDocument) passes the checks above (its size, an .ods's
  zip) and is handed on (OtherFormat) to spreadsheet.py, which reads it through calamine after a
  scan that bounds what calamine will hold in memory (calamine_book.py, ods.py, xls.py).

The cell values are those openpyxl's `values_only` reading gives: numbers (int when written
without a point or exponent), text, booleans, datetimes for date-formatted numbers, and Excel
errors as their text ("#N/A"). A formula gives the value Excel saved with it; a formula without
a saved value reads as None and its cell is listed in `unsaved_formulas`, with its formula as
openpyxl gives it ("=C2*2", a shared formula moved to its cell) in `unsaved_formula_text`.

This module reads only what the engine needs (values, merged ranges, hidden rows, columns and sheets),
several times faster than openpyxl's read-only mode.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from openpyxl.formula.translate import Translator
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from optimizer.errors import UnreadableWorkbook
from optimizer.words.text import Text, said


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold. The defaults are far above a real planning case
    (20,000 projects x 60 columns is about 40 MB of sheet XML) and far below what would
    exhaust a 8 GB laptop."""

    file_bytes: int = 200 * 2**20
    parts: int = 10_000
    part_bytes: int = 256 * 2**20
    """Uncompressed size of any one part (a sheet, the shared texts, ...)."""
    total_bytes: int = 1024 * 2**20
    """Uncompressed size of all parts together."""
    ratio: int = 100
    """Largest compression ratio of a part over `ratio_from` bytes (Apache POI uses the same 1:100)."""
    ratio_from: int = 2**20
    small_part_bytes: int = 16 * 2**20
    """The parts parsed whole (the workbook, relationships, styles): Excel writes them in kilobytes."""
    shared_strings: int = 2_000_000
    cells: int = 4_000_000
    """Cell elements (blank or not) read from one sheet; the rows' widths together may be 4 times that."""


LIMITS = Limits()


class Percent(float):
    """A number the cell shows as a percentage (typed as 50% in Excel, stored as 0.5): a share or rate may be one;
    an amount may not, since "50%" as capex would read as 0.5 (optimizer/io/values.py parse_amount)."""


@dataclass
class SheetTooLarge(Exception):
    """A sheet holds more than the caller's limit of rows with values, or more cells than `Limits.cells`."""

    title: str
    rows: int
    """Rows with values found, counted to the end of the sheet (when only cells overflowed: so far)."""
    cells: int
    row_limit: int
    too_many_cells: bool


@dataclass(frozen=True)
class SheetEntry:
    title: str
    state: str
    """"visible", "hidden" or "veryHidden" (hidden so that Excel's menus cannot show it)."""
    kind: str
    """"worksheet", or "chartsheet", "dialogsheet", "macrosheet" (no cells to read)."""
    part: str


@dataclass
class SheetCells:
    """The values of one worksheet; rows[0] is Excel row 1, a row's tuple item 0 is column A."""

    rows: list[tuple]
    unsaved_formulas: set[tuple[int, int]] = field(default_factory=set)
    """(row, column) of formula cells without a saved value."""
    unsaved_formula_text: dict[tuple[int, int], str] = field(default_factory=dict)
    """Their formulas, "=" first, as openpyxl reads them (the export keeps them for Excel to compute)."""
    merged: list[str] = field(default_factory=list)
    """Merged ranges as written, like "A3:A5"."""
    hidden_rows: set[int] = field(default_factory=set)
    """Rows (with values) hidden in Excel, e.g. by a filter."""
    hidden_columns: set[int] = field(default_factory=set)
    """Columns hidden in Excel (`<col min= max= hidden="1">`), 1 for column A."""


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_MAIN_NAMESPACES = ("http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                    "http://purl.oclc.org/ooxml/spreadsheetml/main")
_RELATIONSHIP_NAMESPACES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                            "http://purl.oclc.org/ooxml/officeDocument/relationships")
# Built-in number formats that are dates in Chinese, Japanese and Korean Excel (not in openpyxl's list).
_CJK_DATE_FORMATS = set(range(27, 37)) | set(range(50, 59))
_CHUNK = 2**20
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384


def _megabytes(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size >= 2**20 else f"{size / 1024:,.0f} KB"


# --------------------------------------------------------------------------- opening the file


def open_workbook(path: str | Path, limits: Limits = LIMITS) -> Workbook:
    """Open an .xlsx (under any file name) after checking it can be read within `limits`.

    An .xls or an .ods raises OtherFormat, after the same checks of its size (and of an .ods's zip): the
    reader of a case opens files with spreadsheet.open_workbook, which reads those through calamine."""
    path = Path(path)
    name = path.name
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableWorkbook(Text("{name} is a folder, not an Excel workbook", name=name))
        if not stat.S_ISREG(mode):  # a device or a pipe could be read for ever
            raise UnreadableWorkbook(Text("{name} is not a file but a device or a pipe", name=name))
        with open(path, "rb") as file:
            data = file.read(limits.file_bytes + 1)
    except FileNotFoundError:
        raise UnreadableWorkbook(Text("{name} was not found", name=name)) from None
    except PermissionError:
        raise UnreadableWorkbook(Text("{name} could not be opened: permission denied. It may be open in a program "
                                      "that locks it, or you may not have access to it: close it there or ask for "
                                      "access, or copy it to a folder of your own", name=name)) from None
    except OSError as error:
        raise UnreadableWorkbook(Text("{name} could not be read from its disk or network drive ({detail}): check "
                                      "that the drive is there, or copy the file to a folder of your own",
                                      name=name, detail=error.strerror or type(error).__name__)) from None
    return open_data(name, data, limits)


def open_data(name: str, data: bytes, limits: Limits = LIMITS) -> Workbook:
    """open_workbook for the bytes of a file already read (named `name` in messages): the export copies the
    workbook as it was read, from the bytes the case keeps."""
    if len(data) > limits.file_bytes:
        raise UnreadableWorkbook(Text("{name} is more than {size}; a case workbook is far smaller",
                                      name=name, size=_megabytes(limits.file_bytes)))
    if not data.strip():
        raise UnreadableWorkbook(Text("{name} is empty", name=name))
    if data.startswith(b"PK\x03\x04") and not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableWorkbook(Text("{name} is a damaged or incomplete Excel workbook (cut short while copying "
                                      "or downloading?): ask for the file again, or open it in Excel to repair it",
                                      name=name))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data.startswith(_OLE_MAGIC) and {"Workbook", "Book"} & _cfb_stream_names(data) \
                and not {"EncryptionInfo", "EncryptedPackage"} & _cfb_stream_names(data):
            raise OtherFormat("xls", name, data, None)
        raise UnreadableWorkbook(Text("{name} {what}", name=name, what=_what_it_is(data)))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_FAILURES as error:
        raise UnreadableWorkbook(Text("{name} is a damaged Excel workbook ({damage}): {advice}", name=name,
                                      damage=_zip_damage(error), advice=_REPAIR)) from None
    try:
        _check_archive(archive, name, limits)
        if _is_opendocument(archive, name):
            raise OtherFormat("ods", name, data, archive)
        book = Workbook(name, archive, limits)
        book.data, book.sha256 = data, hashlib.sha256(data).hexdigest()
        return book
    except OtherFormat:
        raise  # its archive is read by spreadsheet.py, which closes it
    except BaseException:
        archive.close()
        raise


@dataclass
class OtherFormat(Exception):
    """The file, checked, is an .xls or an .ods: spreadsheet.open_workbook reads it through calamine."""

    file_format: str
    """"xls" or "ods"."""
    name: str
    data: bytes
    archive: zipfile.ZipFile | None
    """An .ods's zip, its directory checked as an .xlsx's."""


def _is_opendocument(archive: zipfile.ZipFile, name: str) -> bool:
    """Whether the zip is an OpenDocument spreadsheet; another OpenDocument file gets its plain sentence."""
    names = set(archive.namelist())
    if "[Content_Types].xml" in names or "content.xml" not in names:
        return False
    mimetype = archive.getinfo("mimetype") if "mimetype" in names else None
    try:
        kind = archive.read(mimetype).decode("ascii", "replace").strip() if mimetype and mimetype.file_size < 200 \
            else ""
    except _ZIP_FAILURES:
        kind = ""
    if kind.startswith("application/vnd.oasis.opendocument") and "spreadsheet" not in kind:
        raise UnreadableWorkbook(Text("{name} is an OpenDocument file but not a spreadsheet ({kind}): open it in "
                                      "the program that made it and save its table as a spreadsheet",
                                      name=name, kind=kind.rpartition(".")[2]))
    return True


def _what_it_is(data: bytes) -> Text:
    """What a file that is not a zip is, as the rest of the sentence "NAME ..."."""
    if data.startswith(_OLE_MAGIC):
        names = _cfb_stream_names(data)
        if {"EncryptionInfo", "EncryptedPackage"} & names:
            return Text("is password-protected (encrypted): open it in Excel, remove the password "
                        "(File > Info > Protect Workbook) and save it again")
        return Text("is not an Excel workbook (.xlsx): it looks like an old Excel 97-2003 file (.xls) or a "
                    "password-protected workbook; save it in Excel as an unprotected .xlsx")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return Text("is a PDF file, not an Excel workbook")
    if b"<html" in head or b"<table" in head or b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        return Text("is a web page or an XML spreadsheet with an Excel file name, not an .xlsx: "
                    "open it in Excel and save it as an Excel workbook (.xlsx)")
    return Text("is not an Excel workbook (.xlsx): open it in Excel and save it as an Excel workbook (.xlsx)")


def _cfb_stream_names(data: bytes) -> set[str]:
    """Names of the streams and storages of an OLE compound file (the container of .xls and of
    encrypted Office files), found as directory entries: 128-byte records, aligned, each starting
    with its UTF-16 name and giving the name's length at byte 64."""
    found = set()
    for name in ("EncryptionInfo", "EncryptedPackage", "Workbook", "Book"):
        encoded = name.encode("utf-16-le") + b"\0\0"
        start = data.find(encoded, 512)
        while start != -1:
            if start % 128 == 0 and int.from_bytes(data[start + 64:start + 66], "little") == len(encoded):
                found.add(name)
                break
            start = data.find(encoded, start + 1)
    return found


def _check_archive(archive: zipfile.ZipFile, name: str, limits: Limits) -> None:
    """Refuse a zip bomb, an encrypted or oddly compressed part, before anything is decompressed."""
    members = archive.infolist()
    if len(members) > limits.parts:
        raise UnreadableWorkbook(Text("{name} holds {parts:,} parts; an Excel workbook with more than "
                                      "{limit:,} is refused (it may be a zip bomb)",
                                      name=name, parts=len(members), limit=limits.parts))
    total = 0
    seen: set[str] = set()
    for member in members:
        if member.filename in seen:
            raise UnreadableWorkbook(Text("{name} is damaged: it holds two parts named {part}", name=name,
                                          part=member.filename))
        seen.add(member.filename)
        if member.flag_bits & 0x1:
            raise UnreadableWorkbook(Text("{name} is password-protected (encrypted): remove the password in "
                                          "Excel and save it again", name=name))
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnreadableWorkbook(Text("{name} is not an .xlsx that Excel wrote: its part {part} "
                                          "uses another kind of compression", name=name, part=member.filename))
        if member.file_size > limits.part_bytes:
            raise UnreadableWorkbook(Text("{name} is refused: its part {part} would expand to {size}, more than "
                                          "the {limit} a workbook part may hold (it may be a zip bomb)",
                                          name=name, part=member.filename, size=_megabytes(member.file_size),
                                          limit=_megabytes(limits.part_bytes)))
        if member.file_size > limits.ratio_from and \
                member.file_size > limits.ratio * max(member.compress_size, 1):
            raise UnreadableWorkbook(Text("{name} is refused: its part {part} would expand {ratio:,.0f} times, "
                                          "to {size} (a zip bomb; real workbooks compress less than {limit} times)",
                                          name=name, part=member.filename,
                                          ratio=member.file_size / max(member.compress_size, 1),
                                          size=_megabytes(member.file_size), limit=limits.ratio))
        total += member.file_size
    if total > limits.total_bytes:
        raise UnreadableWorkbook(Text("{name} is refused: it would expand to {size}, more than the {limit} a "
                                      "workbook may hold (it may be a zip bomb)", name=name, size=_megabytes(total),
                                      limit=_megabytes(limits.total_bytes)))


# --------------------------------------------------------------------------- the workbook


class Workbook:
    """An opened, checked .xlsx: its sheets, read one at a time."""

    file_format = "xlsx"

    def __init__(self, name: str, archive: zipfile.ZipFile, limits: Limits):
        self.name = name
        self.data = b""
        """The file's bytes as read (set by open_workbook)."""
        self.sha256 = ""
        """Their SHA-256."""
        self._archive = archive
        self._limits = limits
        self._shared: list[str] | None = None
        workbook_part = self._office_document()
        root = self._xml(workbook_part)
        targets = self._relationships(workbook_part)
        self.date1904 = any(_truthy(e.get("date1904")) for e in _children(root, "workbookPr"))
        self.sheets: list[SheetEntry] = []
        for sheet in _children(root, "sheet"):
            rid = next((sheet.get(f"{{{ns}}}id") for ns in _RELATIONSHIP_NAMESPACES
                        if sheet.get(f"{{{ns}}}id") is not None), None)
            kind, part = targets.get(rid or "", ("", ""))
            self.sheets.append(SheetEntry(sheet.get("name", ""), sheet.get("state", "visible"), kind, part))
        if not self.sheets:
            raise UnreadableWorkbook(Text("{name} is damaged: its workbook part lists no sheets", name=name))
        self._styles = self._number_styles(targets)
        self._shared_part = next((part for kind, part in targets.values() if kind == "sharedStrings"), None)

    def close(self) -> None:
        self._archive.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def titles(self) -> list[str]:
        return [s.title for s in self.sheets]

    # --- the parts --------------------------------------------------------------------------
    def _office_document(self) -> str:
        names = set(self._archive.namelist())
        if "[Content_Types].xml" not in names and "_rels/.rels" not in names:
            raise UnreadableWorkbook(Text("{name} {what}", name=self.name, what=_zip_kind(names)))
        rels = self._relationships("")
        part = next((p for kind, p in rels.values() if kind == "officeDocument"), None)
        if part is None or part not in names:
            raise UnreadableWorkbook(Text("{name} {what}", name=self.name, what=_zip_kind(names)))
        if part.endswith(".bin"):
            raise UnreadableWorkbook(Text("{name} is a binary Excel workbook (.xlsb): open it in Excel and "
                                          "save it as .xlsx", name=self.name))
        return part

    def _read_part(self, part: str) -> bytes:
        try:
            return self._archive.read(part)
        except KeyError:
            raise UnreadableWorkbook(Text("{name} is damaged: its part {part} is missing", name=self.name,
                                          part=part)) from None
        except _ZIP_FAILURES as error:
            raise UnreadableWorkbook(Text("{name} is damaged: its part {part} cannot be unpacked ({damage}): {advice}",
                                          name=self.name, part=part, damage=_zip_damage(error),
                                          advice=_REPAIR)) from None

    def _xml(self, part: str) -> Element:
        """A small part parsed whole, by defusedxml: no DTD, no entities."""
        size = self._archive.getinfo(part).file_size if part in self._archive.namelist() else 0
        if size > self._limits.small_part_bytes:
            raise UnreadableWorkbook(Text("{name} is refused: its part {part} is {size}, far more than Excel "
                                          "writes", name=self.name, part=part, size=_megabytes(size)))
        data = self._read_part(part)
        try:
            return SafeET.fromstring(data, forbid_dtd=True)
        except DefusedXmlException:
            raise _xml_bomb(self.name, part) from None
        except (ParseError, ValueError) as error:
            raise UnreadableWorkbook(Text("{name} is damaged: its part {part} is not well-formed XML ({damage}): "
                                          "{advice}", name=self.name, part=part, damage=_xml_damage(error),
                                          advice=_REPAIR)) from None

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationship id -> (kind, e.g. "worksheet"; target part) of a part ("" for the package)."""
        folder, _, file_name = part.rpartition("/")
        rels_part = f"{folder}/_rels/{file_name}.rels" if folder else f"_rels/{file_name}.rels"
        found: dict[str, tuple[str, str]] = {}
        if rels_part not in self._archive.namelist():
            return found
        for rel in self._xml(rels_part).iter(_RELATIONSHIPS):
            target = rel.get("Target", "")
            if target.startswith("/"):
                member = target.lstrip("/")
            else:
                member = _normpath(f"{folder}/{target}" if folder else target)
            found[rel.get("Id", "")] = (rel.get("Type", "").rpartition("/")[2], member)
        return found

    def _number_styles(self, targets: dict[str, tuple[str, str]]
                       ) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
        """Indexes of the cell styles that show a number as a date (and, of those, as a duration), and of those
        that show it as a percentage."""
        part = next((p for kind, p in targets.values() if kind == "styles"), None)
        if part is None or part not in self._archive.namelist():
            return frozenset(), frozenset(), frozenset()
        root = self._xml(part)
        custom = {}
        for fmt in _children(root, "numFmt"):
            try:
                custom[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode", "")
            except ValueError:
                continue
        dates, durations, percents = set(), set(), set()
        cell_xfs = next(_children(root, "cellXfs"), None)
        for index, xf in enumerate(_children(cell_xfs, "xf") if cell_xfs is not None else ()):
            try:
                number_format = int(xf.get("numFmtId", "0"))
            except ValueError:
                continue
            code = custom.get(number_format, BUILTIN_FORMATS.get(number_format))
            if is_date_format(code) or (number_format in _CJK_DATE_FORMATS and number_format not in custom):
                dates.add(index)
                if is_timedelta_format(code):
                    durations.add(index)
            elif code and "%" in re.sub(r'"[^"]*"|\\.', "", code):  # a % that is not quoted text nor escaped
                percents.add(index)
        return frozenset(dates), frozenset(durations), frozenset(percents)

    def _shared_strings(self) -> list[str]:
        if self._shared is None:
            self._shared = [] if self._shared_part is None or \
                self._shared_part not in self._archive.namelist() else self._read_shared(self._shared_part)
        return self._shared

    def _read_shared(self, part: str) -> list[str]:
        strings: list[str] = []
        text: list[str] = []
        state = {"in_text": False, "phonetic": 0}
        limit = self._limits.shared_strings

        def start(tag: str, attrs: dict) -> None:
            tag = tag.rpartition(":")[2]
            if tag == "si":
                text.clear()
            elif tag == "t":
                state["in_text"] = not state["phonetic"]
            elif tag == "rPh":  # the phonetic guide above East Asian text is not part of the value
                state["phonetic"] += 1

        def end(tag: str) -> None:
            tag = tag.rpartition(":")[2]
            if tag == "si":
                strings.append(_unescape("".join(text)))
                if len(strings) > limit:
                    raise _TooManyStrings
            elif tag == "t":
                state["in_text"] = False
            elif tag == "rPh":
                state["phonetic"] -= 1

        def characters(data: str) -> None:
            if state["in_text"]:
                text.append(data)

        try:
            self._stream(part, start, end, characters, what=Text("the table of shared texts"))
        except _TooManyStrings:
            raise UnreadableWorkbook(Text("{name} holds more than {limit:,} different texts; a case workbook "
                                          "has far fewer", name=self.name, limit=limit)) from None
        return strings

    def _stream(self, part: str, start, end, characters, stop=None, what: Text | None = None) -> None:
        """Feed a part to expat, forbidding any DTD, in chunks; `stop()` true ends the reading early.

        `what` names the part in messages ("sheet 'Projects'"); by default its path in the zip.
        """
        what = what or Text("its part {part}", part=part)
        parser = _safe_parser(start, end, characters)
        try:
            with self._archive.open(part) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    parser.Parse(chunk, not chunk)
                    if not chunk or (stop is not None and stop()):
                        return
        except KeyError:
            raise UnreadableWorkbook(Text("{name}: {what} could not be read: the part {part} is missing "
                                          "(the file is damaged)", name=self.name, what=what, part=part)) from None
        except DefusedXmlException:
            raise _xml_bomb(self.name, part) from None
        except expat.ExpatError as error:
            raise UnreadableWorkbook(Text("{name}: {what} could not be read: the file is damaged (line {line}: "
                                          "{damage}): {advice}", name=self.name, what=what, damage=_xml_damage(error),
                                          line=error.lineno, advice=_REPAIR)) from None
        except _ZIP_FAILURES as error:
            raise UnreadableWorkbook(Text("{name}: {what} could not be read: the file is damaged ({damage}): "
                                          "{advice}", name=self.name, what=what, damage=_zip_damage(error),
                                          advice=_REPAIR)) from None

    # --- one sheet ----------------------------------------------------------------------------
    def read(self, title: str, max_rows: int) -> SheetCells:
        """The values of a worksheet; SheetTooLarge past `max_rows` rows with values or `Limits.cells` cells."""
        entry = next(s for s in self.sheets if s.title == title)
        if entry.kind != "worksheet":
            raise UnreadableWorkbook(Text("{name}: sheet '{title}' is a {kind}, which holds no cells",
                                          name=self.name, title=title, kind=entry.kind))
        reader = _SheetReader(self._shared_strings(), self._styles, self.date1904, max_rows, self._limits.cells)
        try:
            self._stream(entry.part, reader.start, reader.end, reader.characters, stop=reader.full,
                         what=Text("sheet '{title}'", title=title))
        except _BadCell as error:
            raise UnreadableWorkbook(Text("{name} is damaged: in sheet '{title}', {error}", name=self.name,
                                          title=title, error=said(error))) from None
        if reader.full():
            rows = reader.rows_with_values + self._rows_after(entry.part, reader)
            raise SheetTooLarge(title, rows, reader.cells, max_rows, reader.too_many_cells())
        return reader.result()

    def _rows_after(self, part: str, reader: _SheetReader) -> int:
        """Rows still to come after the reader stopped: counted from the bytes, not parsed (fast)."""
        if reader.too_many_cells():
            return 0
        row_tag = re.compile(rb"<(?:\w{1,8}:)?row[\s>/]")
        counted, tail = 0, b""
        with self._archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                data = tail + chunk
                keep = max(0, len(data) - 16)  # a tag starting in the last bytes is counted with the next chunk
                counted += sum(1 for match in row_tag.finditer(data) if match.start() < keep)
                tail = data[keep:]
        counted += len(row_tag.findall(tail))
        return max(0, counted - reader.rows_ended)


# The namespaces of a Strict Open XML workbook (Excel's "Strict Open XML Spreadsheet") and their Transitional
# twins, which openpyxl reads; the reader here reads both (_MAIN_NAMESPACES, _RELATIONSHIP_NAMESPACES).
STRICT_TO_TRANSITIONAL = {
    "http://purl.oclc.org/ooxml/spreadsheetml/main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "http://purl.oclc.org/ooxml/officeDocument/relationships":
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/drawingml/main": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/chart": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing":
        "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "http://purl.oclc.org/ooxml/officeDocument/extendedProperties":
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes":
        "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    "http://purl.oclc.org/ooxml/officeDocument/sharedTypes":
        "http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes",
}


def as_transitional(data: bytes) -> bytes:
    """The bytes of an .xlsx already checked by `open_workbook`, a Strict one rewritten with the Transitional
    namespaces so that openpyxl reads its sheets (it drops them, with a warning, otherwise); any other as it is."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(b"purl.oclc.org/ooxml" in archive.read(info) for info in archive.infolist()
                   if info.filename.endswith("workbook.xml")):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
            for info in archive.infolist():
                part = archive.read(info)
                if info.filename.endswith((".xml", ".rels")):
                    for strict, transitional in STRICT_TO_TRANSITIONAL.items():
                        part = part.replace(strict.encode(), transitional.encode())
                rewritten.writestr(info, part)
    return out.getvalue()


class _TooManyStrings(Exception):
    pass


class _BadCell(Exception):
    pass


def _children(root: Element | None, tag: str):
    """Elements named `tag` in the SpreadsheetML namespace (transitional or strict), anywhere below."""
    if root is None:
        return iter(())
    return (e for e in root.iter() if isinstance(e.tag, str) and e.tag.rpartition("}")[2] == tag
            and e.tag[1:].partition("}")[0] in _MAIN_NAMESPACES)


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")


def _normpath(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _zip_kind(names: set[str]) -> Text:
    if "mimetype" in names or "content.xml" in names:
        return Text("is an OpenDocument file (.ods), not an .xlsx: open it and save it as an Excel workbook (.xlsx)")
    if any(n.startswith("word/") for n in names):
        return Text("is a Word document, not an Excel workbook")
    if any(n.startswith("ppt/") for n in names):
        return Text("is a PowerPoint file, not an Excel workbook")
    if "xl/workbook.bin" in names:
        return Text("is a binary Excel workbook (.xlsb): open it in Excel and save it as .xlsx")
    return Text("is not an Excel workbook (.xlsx): it is a zip file of another kind")


# --------------------------------------------------------------------------- a damaged file in plain words
# What zipfile, zlib and expat say when a file is damaged is English for programmers ("Bad CRC-32 for file
# 'xl/worksheets/sheet1.xml'", "Error -3 while decompressing data", "no element found"). The user hears what
# is wrong in plain words, in their language, and what to do; a failure not known here keeps the library's
# words as a detail in English only.

_ZIP_FAILURES = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError,
                 NotImplementedError)
"""What zipfile raises for a damaged or unusual zip (zlib.error from a broken compressed stream)."""
_REPAIR = Text("ask for the file again, or open it in Excel to repair it and save it again")
_BROKEN_STRUCTURE = ("Bad magic number", "Truncated", "File name in directory", "Corrupt", "Bad offset",
                     "negative seek", "File is not a zip file", "Overlapped entries", "zipfiles that span")


def _zip_damage(error: BaseException) -> Text:
    """What is wrong with the file, from what zipfile or zlib raised."""
    words = str(error)
    if words.startswith("Bad CRC-32"):
        return Text("a part's content does not match its checksum")
    if isinstance(error, zlib.error) or "decompressing" in words:
        return Text("a part's compressed data is broken")
    if isinstance(error, EOFError) or any(words.startswith(start) for start in _BROKEN_STRUCTURE):
        return Text("its zip structure is broken or cut short")
    if isinstance(error, NotImplementedError):
        return Text("it uses a kind of zip file that Excel does not write")
    if "password" in words or "encrypted" in words:
        return Text("a part is password-protected")
    return Text("it cannot be unpacked: {detail}", detail=words or type(error).__name__)


_CUT_SHORT = {expat.errors.XML_ERROR_NO_ELEMENTS, expat.errors.XML_ERROR_UNCLOSED_TOKEN,
              expat.errors.XML_ERROR_PARTIAL_CHAR, expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION}
_ENCODING = {expat.errors.XML_ERROR_UNKNOWN_ENCODING, expat.errors.XML_ERROR_INCORRECT_ENCODING}


def _xml_damage(error: BaseException) -> Text:
    """What is wrong with a part's XML, from what expat (or ElementTree, which uses it) raised."""
    code = getattr(error, "code", None)
    said_by_expat = expat.ErrorString(code) if isinstance(code, int) else None
    if said_by_expat in _CUT_SHORT:
        return Text("its XML stops in the middle, as if cut short")
    if said_by_expat in _ENCODING:
        return Text("its text is not in the encoding it declares")
    if said_by_expat is not None:
        return Text("its XML is broken")
    return Text("its XML cannot be read: {detail}", detail=str(error) or type(error).__name__)


def _xml_bomb(name: str, part: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(Text("{name} is refused: its part {part} declares XML entities or a DTD, which "
                                   "Excel never writes (an XML bomb or an attempt to read other files)",
                                   name=name, part=part))


def _safe_parser(start, end, characters) -> expat.XMLParserType:
    """An expat parser with defusedxml's guards: any DTD, entity or external reference is refused."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 2**16
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters

    def doctype(name, system_id, public_id, has_internal_subset):
        raise DTDForbidden(name, system_id, public_id)

    def entity(name, is_parameter, value, base, system_id, public_id, notation):
        raise EntitiesForbidden(name, value, base, system_id, public_id, notation)

    def external(context, base, system_id, public_id):
        raise ExternalReferenceForbidden(context, base, system_id, public_id)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = lambda *args: entity(args[0], False, None, *args[1:4], args[4])
    parser.ExternalEntityRefHandler = external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Excel writes control characters as _xHHHH_ (and a literal "_x" as "_x005F_x")."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


_COLUMNS: dict[str, int] = {}


def _column_number(reference: str) -> int:
    """The column of a reference such as "AB12" (28); letters seen before are looked up."""
    letters = reference.rstrip("0123456789")
    number = _COLUMNS.get(letters)
    if number is None:
        number = _letters_to_number(letters)
        if len(_COLUMNS) < 20_000:
            _COLUMNS[letters] = number
    return number


def _letters_to_number(reference: str) -> int:
    number = 0
    for ch in reference:
        code = ord(ch)
        if 65 <= code <= 90:
            number = number * 26 + code - 64
        elif 97 <= code <= 122:
            number = number * 26 + code - 96
        else:
            break
    return number


class _SheetReader:
    """expat handlers that collect one sheet's values; `full()` says when a limit is reached."""

    def __init__(self, shared: list[str], styles: tuple[frozenset[int], frozenset[int]], date1904: bool,
                 max_rows: int, max_cells: int):
        self.shared = shared
        self.dates, self.durations, self.percents = styles
        self.epoch = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
        self.max_rows, self.max_cells = max_rows, max_cells
        self.rows: dict[int, dict[int, object]] = {}
        self.unsaved: set[tuple[int, int]] = set()
        self.merged: list[str] = []
        self.hidden_rows: set[int] = set()
        self.hidden_columns: set[int] = set()
        self.rows_seen: set[int] = set()
        self.columns_seen: set[int] = set()
        self.rows_with_values = 0
        self.row_elements = 0
        self.rows_ended = 0
        self.cells = 0
        self.width = 0
        """The rows' tuples together, padded with None up to each row's last value."""
        self.row = 0
        self.row_hidden = False
        self.current: dict[int, object] = {}
        self.column = 0
        self.kind = "n"
        self.style = 0
        self.formula = False
        self.formula_attrs: dict = {}
        self.formula_text: list[str] = []
        self.in_formula = False
        self.shared_formulas: dict[str, tuple[str, str]] = {}
        """Shared formula index -> (its text, the cell it is written for)."""
        self.unsaved_text: dict[tuple[int, int], str] = {}
        self.text: list[str] = []
        self.collecting = False
        self.phonetic = 0

    def full(self) -> bool:
        return self.rows_with_values > self.max_rows or self.too_many_cells()

    def too_many_cells(self) -> bool:
        return self.cells >= self.max_cells or self.width >= 4 * self.max_cells

    def start(self, tag: str, attrs: dict) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "c":
            self.cells += 1
            reference = attrs.get("r")
            self.column = self._cell_column(reference) if reference else self.column + 1
            if self.column > _MAX_COLUMN:
                raise _BadCell(Text("{cell} is outside Excel's 16,384 columns", cell=reference or self.column))
            if self.column in self.columns_seen:
                raise _BadCell(Text("cell {cell} is written twice", cell=self._here()))
            self.columns_seen.add(self.column)
            self.kind = attrs.get("t", "n")
            style = attrs.get("s")
            self.style = int(style) if style and _WHOLE_NUMBER.fullmatch(style) else 0
            self.formula = False
            self.formula_text.clear()
            self.text.clear()
        elif tag == "v":
            self.collecting = True
        elif tag == "t":
            self.collecting = not self.phonetic
        elif tag == "f":
            self.formula, self.in_formula, self.formula_attrs = True, True, attrs
        elif tag == "row":
            self.row_elements += 1
            reference = attrs.get("r")
            if reference is None:
                self.row += 1
            elif _WHOLE_NUMBER.fullmatch(reference) and int(reference) >= 1:
                self.row = int(reference)
            else:
                raise _BadCell(Text("a row is numbered '{number}', which is not a row number", number=reference))
            if self.row > _MAX_ROW:
                raise _BadCell(Text("row {row:,} is outside Excel's 1,048,576 rows", row=self.row))
            if self.row in self.rows_seen:
                raise _BadCell(Text("row {row} is written twice", row=self.row))
            self.rows_seen.add(self.row)
            self.row_hidden = _truthy(attrs.get("hidden"))
            self.column = 0
            self.columns_seen = set()
            self.current = {}
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "mergeCell":
            self.cells += 1
            self.merged.append(attrs.get("ref", ""))
        elif tag == "col":
            self.cells += 1
            self._hide_columns(attrs)

    def end(self, tag: str) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "c":
            value = self._value(self.text)
            if value is None:
                if self.formula:
                    self.unsaved.add((self.row, self.column))
                    self.unsaved_text[(self.row, self.column)] = self._formula()
            else:
                self.current[self.column] = value
        elif tag == "v" or tag == "t":
            self.collecting = False
        elif tag == "f":
            self.in_formula = False
            attrs = self.formula_attrs
            if attrs.get("t") == "shared" and attrs.get("si") is not None and self.formula_text:
                here = f"{get_column_letter(self.column)}{self.row}"
                self.shared_formulas[attrs["si"]] = ("".join(self.formula_text), here)
        elif tag == "row":
            self.rows_ended += 1
            if self.current:
                self.rows[self.row] = self.current
                self.rows_with_values += 1
                self.width += max(self.current)
                if self.row_hidden:
                    self.hidden_rows.add(self.row)
        elif tag == "rPh":
            self.phonetic -= 1

    def characters(self, data: str) -> None:
        if self.collecting:
            self.text.append(data)
        elif self.in_formula:
            self.formula_text.append(data)

    def _formula(self) -> str:
        """The formula of the cell just read, as openpyxl gives it: a shared one moved to this cell."""
        text = "".join(self.formula_text)
        si = self.formula_attrs.get("si")
        if not text and self.formula_attrs.get("t") == "shared" and si in self.shared_formulas:
            master, origin = self.shared_formulas[si]
            here = f"{get_column_letter(self.column)}{self.row}"
            return Translator(f"={master}", origin=origin).translate_formula(here)
        return f"={text}"

    def _here(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    def _hide_columns(self, attrs: dict) -> None:
        """A `<col>` of the sheet's column widths: its columns min..max are hidden when it says so."""
        low, high = attrs.get("min", ""), attrs.get("max", "")
        if _truthy(attrs.get("hidden")) and _WHOLE_NUMBER.fullmatch(low) and _WHOLE_NUMBER.fullmatch(high):
            self.hidden_columns.update(range(max(int(low), 1), min(int(high), _MAX_COLUMN) + 1))

    def _cell_column(self, reference: str) -> int:
        """The column of a cell's reference, which must name a cell of the row being read."""
        found = _CELL_REFERENCE.fullmatch(reference)
        if found is None:
            raise _BadCell(Text("a cell is named '{reference}', which is not a cell", reference=reference))
        if int(found.group(2)) != self.row:
            raise _BadCell(Text("cell {reference} is written in row {row}", reference=reference, row=self.row))
        return _column_number(found.group(1).upper())

    def _value(self, text: list[str]) -> object:
        kind = self.kind
        if not text:
            return None
        raw = "".join(text)
        if kind == "s":
            index = raw.strip()
            if not _WHOLE_NUMBER.fullmatch(index) or int(index) >= len(self.shared):
                raise _BadCell(Text("row {row} column {column} refers to a shared text that does not exist",
                                    row=self.row, column=self.column))
            return self.shared[int(index)]
        if kind == "n" or kind == "":
            number = _number(raw)
            if isinstance(number, str):
                raise _BadCell(Text("cell {cell} holds '{text}', which is not a number", cell=self._here(),
                                    text=raw[:40]))
            if self.style not in self.dates:
                return Percent(number) if self.style in self.percents else number
            try:
                return from_excel(number, self.epoch, timedelta=self.style in self.durations)
            except (OverflowError, ValueError):
                return number
        if kind == "inlineStr" or kind == "str":
            return _unescape(raw) if raw else None
        if kind == "b":
            if raw.strip() not in ("0", "1"):  # the format's only two; "TRUE" is a hand edit, not a guess to make
                raise _BadCell(Text("cell {cell} is a yes/no cell holding '{text}' instead of 1 or 0",
                                    cell=self._here(), text=raw[:40]))
            return raw.strip() == "1"
        if kind == "e":
            return raw
        if kind == "d":
            try:
                return from_ISO8601(raw)
            except ValueError:
                return raw
        return raw

    def result(self) -> SheetCells:
        last = max(self.rows, default=0)
        rows: list[tuple] = [()] * last
        for number, cells in self.rows.items():
            if number < 1:
                continue
            width = max(cells)
            row = [None] * width
            for column, value in cells.items():
                if column >= 1:
                    row[column - 1] = value
            rows[number - 1] = tuple(row)
        return SheetCells(rows, self.unsaved, self.unsaved_text, self.merged, self.hidden_rows, self.hidden_columns)


def _number(text: str) -> int | float | str:
    """A number cell's value as openpyxl gives it: int without a point or exponent. Only the format's own
    digits count (Python would also read "1_0" as 10 and an Arabic-Indic "٨" as 8); "NaN" and "INF" are floats
    for the caller to report as not a number; anything else is returned as the text, which the sheet's reader
    refuses as damage."""
    text = text.strip()
    if _XML_NUMBER.fullmatch(text):
        return float(text) if "." in text or "E" in text or "e" in text else int(text)
    if text.lower() in _NOT_FINITE:
        return float(text)
    return text


_XML_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_NOT_FINITE = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}
_WHOLE_NUMBER = re.compile(r"[0-9]+")
_CELL_REFERENCE = re.compile(r"([A-Za-z]{1,3})([0-9]+)")


_ = datetime  # the type of date cells
