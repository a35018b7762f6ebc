"""Write a corpus of broken and hostile case workbooks, each with the words its error must contain.

    python tests/corpus/make_corpus.py FOLDER      # writes the files and FOLDER/manifest.json

Every file here must give exit status 2 from `main.py solve` with one plain message per problem
(naming the sheet and cell, or the project id, or what the file is), in bounded time and memory,
never a traceback. The files are written byte by byte from here (a small .xlsx, zip and OLE writer
of our own), so that each can hold exactly the defect it is about (a formula without a saved value,
a NaN cell, a DTD, a lying zip directory) and nothing here shares code with the reader under test.

The .ods and .xls files of real producers are the exception: they are copied from producers/,
where LibreOffice wrote them (producers/make_files.py). Each broken workbook is the small valid case
below with one thing wrong. Nothing large is kept in
the repository: the 200,000-row sheet and the bombs are made in a second or two.
"""

from __future__ import annotations

import json
import shutil
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

PRODUCERS = Path(__file__).resolve().parent / "producers"
"""Small workbooks as LibreOffice saves them as .ods and .xls (producers/make_files.py)."""

# --------------------------------------------------------------------------- the valid case

HEADER = ["id", "name", "capex_2027", "capex_2028", "npv", "requires", "mandatory", "excluded"]
PROJECTS = [
    ["P001", "海上风电一期", 10, 5, 3, None, None, None],
    ["P002", "储能电站", 8, 2, 2.5, "P001", None, None],
    ["P003", "Smelter upgrade", 6, 6, 1.2, None, None, None],
]
SETTINGS = [["key", "value"], ["total_budget", 30], ["budget_2027", 20], ["objective", "npv"]]
ENTERPRISE = [["key", "value"], ["revenue", 1000], ["total_profit", 100], ["net_profit", 75],
              ["total_assets", 2000], ["total_liabilities", 1200]]


@dataclass
class Raw:
    """A cell written exactly as given: the XML of one <c> element, "{ref}" standing for its reference."""

    xml: str


@dataclass
class Sheet:
    title: str
    rows: list[list[object]]
    state: str = "visible"
    merged: list[str] = field(default_factory=list)
    first_row: int = 1
    xml: bytes | None = None
    """The whole sheet part, instead of one made from the rows."""
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)


def case_sheets(projects: list[list[object]] | None = None, header: list[str] | None = None,
                settings: list[list[object]] | None = None, enterprise: list[list[object]] | None = None,
                ) -> list[Sheet]:
    return [Sheet("Projects", [header or HEADER, *(PROJECTS if projects is None else projects)]),
            Sheet("Settings", SETTINGS if settings is None else settings),
            Sheet("Enterprise", ENTERPRISE if enterprise is None else enterprise)]


def changed(row: int, column: str, value: object) -> list[list[object]]:
    """The valid projects with one value changed (row 0 is P001; column by header name)."""
    rows = [list(r) for r in PROJECTS]
    rows[row][HEADER.index(column)] = value
    return rows


# --------------------------------------------------------------------------- an .xlsx writer

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DATE_STYLE = 1  # cellXfs index of a date format in STYLES


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_xml(ref: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Raw):
        return value.xml.replace("{ref}", ref)
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


def sheet_xml(sheet: Sheet) -> bytes:
    rows = []
    for number, row in enumerate(sheet.rows, start=sheet.first_row):
        cells = "".join(cell_xml(f"{column_letter(c)}{number}", v) for c, v in enumerate(row, start=1))
        hidden = ' hidden="1"' if number in sheet.hidden_rows else ""
        rows.append(f'<row r="{number}"{hidden}>{cells}</row>')
    merged = ""
    if sheet.merged:
        merged = f'<mergeCells count="{len(sheet.merged)}">' + "".join(
            f'<mergeCell ref="{ref}"/>' for ref in sheet.merged) + "</mergeCells>"
    columns = "".join(f'<col min="{c}" max="{c}" width="0" hidden="1"/>' for c in sorted(sheet.hidden_columns))
    columns = f"<cols>{columns}</cols>" if columns else ""
    return (f'{XML_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">{columns}<sheetData>{"".join(rows)}</sheetData>'
            f"{merged}</worksheet>").encode()


STYLES = (f'{XML_HEAD}<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
          'formatCode="yyyy-mm-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font>'
          '</fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1">'
          '<border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
          '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
          '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def workbook_parts(sheets: list[Sheet], shared_strings: str | None = None,
                   workbook_xml: str | None = None) -> dict[str, bytes]:
    """The parts of an .xlsx holding these sheets, as Excel lays them out."""
    overrides = [
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sheet.main+xml"/>',
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.styles+xml"/>']
    rels = [f'<Relationship Id="rIdStyles" Type="{RELS}/styles" Target="styles.xml"/>']
    entries = []
    parts: dict[str, bytes] = {}
    for number, sheet in enumerate(sheets, start=1):
        overrides.append(f'<Override PartName="/xl/worksheets/sheet{number}.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
        rels.append(f'<Relationship Id="rId{number}" Type="{RELS}/worksheet" Target="worksheets/sheet{number}.xml"/>')
        state = "" if sheet.state == "visible" else f' state="{sheet.state}"'
        entries.append(f'<sheet name={quoteattr(sheet.title)} sheetId="{number}"{state} r:id="rId{number}"/>')
        parts[f"xl/worksheets/sheet{number}.xml"] = sheet.xml if sheet.xml is not None else sheet_xml(sheet)
    if shared_strings is not None:
        overrides.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                         'officedocument.spreadsheetml.sharedStrings+xml"/>')
        rels.append(f'<Relationship Id="rIdStrings" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>')
        parts["xl/sharedStrings.xml"] = shared_strings.encode()
    content_types = (f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                     'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                     f'{"".join(overrides)}</Types>')
    return {
        "[Content_Types].xml": content_types.encode(),
        "_rels/.rels": (f'{XML_HEAD}<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
                        f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>').encode(),
        "xl/workbook.xml": (workbook_xml or f'{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
                            f'{"".join(entries)}</sheets></workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (f'{XML_HEAD}<Relationships xmlns="{PACKAGE_RELS}">{"".join(rels)}'
                                       "</Relationships>").encode(),
        "xl/styles.xml": STYLES.encode(),
        **parts,
    }


def write_zip(path: Path, parts: dict[str, bytes], level: int = 6) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 9, 1, 9, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)


def write_xlsx(path: Path, sheets: list[Sheet], **options) -> None:
    write_zip(path, workbook_parts(sheets, **options))


# --------------------------------------------------------------------------- hostile containers


def raw_zip(path: Path, members: list[tuple[str, bytes, int, int, int]], flags: int = 0) -> None:
    """A zip written by hand: (name, stored bytes, method, crc, declared size) per member, so that the
    declared sizes may lie and the data may be a deflate stream made without expanding it here."""
    local, central, offset = [], [], 0
    for name, data, method, crc, size in members:
        encoded = name.encode()
        header = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, flags, method, 0, 0x5B21, crc, len(data), size,
                             len(encoded), 0) + encoded
        local.append(header + data)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, flags, method, 0, 0x5B21, crc,
                                   len(data), size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
        offset += len(header) + len(data)
    directory = b"".join(central)
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), offset, 0)
    path.write_bytes(b"".join(local) + directory + end)


def zeros_deflated(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of `size` zero bytes and its CRC, made by repeating one flushed block run
    (so a 1 GiB bomb is made in well under a second, without ever holding 1 GiB)."""
    block = 2**24
    assert size % block == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    run = compressor.compress(bytes(block)) + compressor.flush(zlib.Z_FULL_FLUSH)
    finish = compressor.flush()
    crc, zero_block = 0, bytes(block)
    for _ in range(size // block):
        crc = zlib.crc32(zero_block, crc)
    return run * (size // block) + finish, crc


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (the container of .xls files and of encrypted Office files), version 3,
    with each stream of at least 4,096 bytes in ordinary 512-byte sectors."""
    sector = 512
    end_of_chain, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    names = list(streams)
    padded = {n: streams[n] + bytes(-len(streams[n]) % sector) for n in names}
    fat = [fat_sector, end_of_chain]  # sector 0 is the FAT, sector 1 the directory
    starts = {}
    for n in names:
        count = len(padded[n]) // sector
        starts[n] = len(fat)
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [end_of_chain]
    assert len(fat) <= sector // 4
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = name.encode("utf-16-le") + b"\0\0"
        return (encoded.ljust(64, b"\0") + struct.pack("<HBBIII", len(encoded), kind, 1, no_stream, right, child)
                + bytes(16) + struct.pack("<IQQIQ", 0, 0, 0, start, size))

    # Children of the root as a chain of right siblings, in the order the format sorts names (length first).
    ordered = sorted(names, key=lambda n: (len(n), n.upper()))
    directory = entry("Root Entry", 5, 1 if names else no_stream, no_stream, end_of_chain, 0)
    for i, n in enumerate(ordered):
        right = i + 2 if i + 1 < len(ordered) else no_stream
        directory += entry(n, 2, no_stream, right, starts[n], len(streams[n]))
    directory = directory.ljust(sector, b"\0")
    for i in range(len(ordered) + 1, sector // 128):  # unused entries
        directory = directory[:i * 128] + entry("", 0, no_stream, no_stream, 0, 0) + directory[(i + 1) * 128:]
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end_of_chain, 0, end_of_chain, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == sector
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + b"".join(padded[n] for n in ordered)


def encrypted_workbook() -> bytes:
    """What Excel writes for a workbook saved with a password to open: an OLE file holding the
    encryption description (agile encryption, version 4.4) and the encrypted package."""
    info = (b"\x04\x00\x04\x00\x40\x00\x00\x00" + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.'
        b'microsoft.com/office/2006/encryption" xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/'
        b'password"><keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b'</encryption>')).ljust(4096, b"\0")
    package = struct.pack("<Q", 8192) + bytes((i * 7919) % 251 for i in range(8192))
    return compound_file({"EncryptionInfo": info, "EncryptedPackage": package})


def old_xls(filepass: bytes = b"") -> bytes:
    """An Excel 97-2003 workbook without sheets: an OLE file with a 'Workbook' stream of BIFF8 records
    (BOF ... EOF), and `filepass` after the BOF."""
    bof = struct.pack("<HHHHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC, 0x41, 0x06)
    eof = struct.pack("<HH", 0x000A, 0)
    return compound_file({"Workbook": (bof + filepass + eof).ljust(4096, b"\0")})


ODS_NAMESPACES = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods_content(tables: str, head: str = '<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    """An OpenDocument spreadsheet's content.xml holding these table:table elements."""
    return (f'{head}<office:document-content {ODS_NAMESPACES} office:version="1.2"><office:body>'
            f"<office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>").encode()


def write_ods(path: Path, content: bytes) -> None:
    write_zip(path, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": content,
                     "META-INF/manifest.xml": b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                     b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'})


# --------------------------------------------------------------------------- the corpus

BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                            for i in range(1, 10))
                  + ']>\n')
EXTERNAL_ENTITY = '<?xml version="1.0"?>\n<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


@dataclass
class Entry:
    name: str
    expected: list[str]
    """Words the output must contain: the sheet and cell, the id, or what is wrong with the file."""
    kind: str
    """What it tries: "sheets", "columns", "values", "ids", "layout", "damaged xml", "values 2", "settings", "file",
    "damaged", "hostile"."""


CORPUS: list[tuple[Entry, Callable[[Path], None]]] = []


def case(name: str, kind: str, *expected: str):
    def register(build: Callable[[Path], None]) -> Callable[[Path], None]:
        CORPUS.append((Entry(name, list(expected), kind), build))
        return build
    return register


def simple(name: str, kind: str, sheets: Callable[[], list[Sheet]], *expected: str, **options) -> None:
    CORPUS.append((Entry(name, list(expected), kind), lambda path: write_xlsx(path, sheets(), **options)))


# --- sheets
simple("no_projects_sheet.xlsx", "sheets",
       lambda: [Sheet("Sheet1", [HEADER, *PROJECTS])], "has no Projects (项目) sheet; its sheets are: Sheet1")
simple("misnamed_projects_sheet.xlsx", "sheets",
       lambda: [Sheet("Project list", [HEADER, *PROJECTS]), Sheet("Settings", SETTINGS)],
       "has no Projects (项目) sheet; its sheets are: Project list, Settings")
simple("two_projects_sheets.xlsx", "sheets",
       lambda: [Sheet("Projects", [HEADER, *PROJECTS]), Sheet("项目", [HEADER, *PROJECTS])],
       "has two Projects sheets, 'Projects' and '项目'")
simple("empty_projects_sheet.xlsx", "sheets", lambda: [Sheet("Projects", [])],
       "Projects: no header row with an 'id'")
simple("header_below_row_10.xlsx", "sheets",
       lambda: [Sheet("Projects", [["投资计划"]] + [[None]] * 11 + [HEADER, *PROJECTS])],
       "Projects: no header row with an 'id' (项目编号) column in the first 10 rows")
# --- columns
simple("missing_id_column.xlsx", "columns",
       lambda: case_sheets([r[1:] for r in PROJECTS], HEADER[1:]), "no header row with an 'id'")
simple("missing_name_column.xlsx", "columns",
       lambda: case_sheets([[r[0], *r[2:]] for r in PROJECTS], [HEADER[0], *HEADER[2:]]),
       "Projects: missing column 'name' (项目名称)")
simple("missing_npv_column.xlsx", "columns",
       lambda: case_sheets([r[:4] + r[5:] for r in PROJECTS], HEADER[:4] + HEADER[5:]),
       "Projects: missing column 'npv' (净现值): the objective is npv")
simple("missing_capex_columns.xlsx", "columns",
       lambda: case_sheets([r[:2] + r[4:] for r in PROJECTS], HEADER[:2] + HEADER[4:]),
       "Projects: no capex column")
simple("missing_profit_for_eva.xlsx", "columns",
       lambda: case_sheets(settings=[["key", "value"], ["objective", "eva"]]),
       "missing column 'profit' (利润总额): the objective is eva")
simple("duplicated_npv_column.xlsx", "columns",
       lambda: case_sheets([[*r, 9] for r in PROJECTS], [*HEADER, "NPV"]),
       "Projects!I1: column 'NPV' appears twice (E1 and I1)")
simple("duplicated_capex_year.xlsx", "columns",
       lambda: case_sheets([[*r, 1] for r in PROJECTS], [*HEADER, "投资_2027"]),
       "Projects!I1: column '投资_2027' appears twice (C1 and I1)")
# --- values
simple("text_in_capex.xlsx", "values", lambda: case_sheets(changed(1, "capex_2027", "about 8")),
       "Projects!C3: text 'about 8' is not a number (capex_2027)")
simple("number_with_unit.xlsx", "values", lambda: case_sheets(changed(0, "npv", "3亿")),
       "Projects!E2: text '3亿' is not a number (npv)")
simple("blank_id.xlsx", "values", lambda: case_sheets(changed(2, "id", None)),
       "Projects!A4: a project row without an id")
simple("blank_name.xlsx", "values", lambda: case_sheets(changed(1, "name", "  ")),
       "Projects!B3: P002 has no name")
simple("blank_npv.xlsx", "values", lambda: case_sheets(changed(2, "npv", None)),
       "Projects!E4: npv of P003 is blank")
simple("nan_cell.xlsx", "values", lambda: case_sheets(changed(0, "capex_2028", Raw('<c r="{ref}"><v>NaN</v></c>'))),
       "Projects!D2: nan is not a number (capex_2028)")
simple("infinity_cell.xlsx", "values", lambda: case_sheets(changed(1, "npv", Raw('<c r="{ref}"><v>INF</v></c>'))),
       "Projects!E3: inf is not a number (npv)")
simple("infinity_text_in_settings.xlsx", "values",
       lambda: case_sheets(settings=[["key", "value"], ["total_budget", "Infinity"]]),
       "Settings!B2: total_budget: text 'Infinity' is not a number")
simple("excel_error_cell.xlsx", "values",
       lambda: case_sheets(changed(2, "capex_2027", Raw('<c r="{ref}" t="e"><f>1/0</f><v>#DIV/0!</v></c>'))),
       "Projects!C4: the cell shows the Excel error #DIV/0! (capex_2027)")
simple("negative_capex.xlsx", "values", lambda: case_sheets(changed(0, "capex_2027", -10)),
       "Projects!C2: -10 is negative; write 0 or more (capex_2027)")
simple("huge_number.xlsx", "values", lambda: case_sheets(changed(0, "npv", 1e300)),
       "Projects!E2: 1e+300 is too large")
simple("bad_boolean.xlsx", "values", lambda: case_sheets(changed(1, "mandatory", "maybe")),
       "Projects!G3: 'maybe' is not yes or no")
simple("date_in_capex.xlsx", "values",
       lambda: case_sheets(changed(0, "capex_2028", Raw(f'<c r="{{ref}}" s="{DATE_STYLE}"><v>46023</v></c>'))),
       "Projects!D2: the date 2026-01-01 is not a number (capex_2028)")
simple("bad_year.xlsx", "values",
       lambda: case_sheets([[*r, "next year"] for r in PROJECTS], [*HEADER, "earliest_start"]),
       "Projects!I2: 'next year' is not a year")
simple("unknown_category.xlsx", "values",
       lambda: case_sheets([[*r, "crypto mining"] for r in PROJECTS], [*HEADER, "strategic_category"]),
       "Projects!I2: 'crypto mining' is not a strategic emerging industry")
simple("risk_out_of_range.xlsx", "values",
       lambda: case_sheets([[*r, 7] for r in PROJECTS], [*HEADER, "risk"]),
       "Projects!I2: 7 is not a risk grade")
simple("latest_before_earliest.xlsx", "values",
       lambda: case_sheets([[*r, 2028, 2027] for r in PROJECTS], [*HEADER, "earliest_start", "latest_start"]),
       "Projects!J2: P001 latest_start 2027 is before earliest_start 2028")
# --- ids and dependencies
simple("duplicate_ids.xlsx", "ids", lambda: case_sheets(changed(2, "id", "P002")),
       "Projects!A4: id 'P002' is used twice (rows 3 and 4)")
simple("unknown_dependency.xlsx", "ids", lambda: case_sheets(changed(2, "requires", "P001, P999")),
       "Projects!F4: P003 requires 'P999', which is not a project id")
simple("cyclic_dependency.xlsx", "ids",
       lambda: case_sheets([["P001", "A", 1, 1, 1, "P003"], ["P002", "B", 1, 1, 1, "P001"],
                            ["P003", "C", 1, 1, 1, "P002"]]),
       "Projects!F2: dependency cycle P001 → P003 → P002 → P001")
simple("self_dependency.xlsx", "ids", lambda: case_sheets(changed(0, "requires", "P001")),
       "Projects!F2: P001 requires itself")
simple("mandatory_and_excluded.xlsx", "ids",
       lambda: case_sheets([["P001", "A", 1, 1, 1, None, "yes", "yes"], *PROJECTS[1:]]),
       "Projects!G2: P001 is both mandatory and excluded")
simple("mandatory_requires_excluded.xlsx", "ids",
       lambda: case_sheets([["P001", "A", 1, 1, 1, None, None, "是"], ["P002", "B", 1, 1, 1, "P001", "是", None]]),
       "Projects!F3: P002 is mandatory but requires P001, which is excluded")
simple("mandatory_exclusive_pair.xlsx", "ids",
       lambda: case_sheets([[*r[:6], "Y", None, "G1"] for r in PROJECTS[:2]], [*HEADER, "exclusive_group"]),
       "Projects!G3: P001 and P002 are both mandatory but in the same exclusive group 'G1'")
simple("mandatory_on_negative_list.xlsx", "ids",
       lambda: case_sheets([[*PROJECTS[0][:6], "yes", None, 0.01], *[[*r, 0.1] for r in PROJECTS[1:]]],
                           [*HEADER, "irr"]),
       "Projects!G2: P001 is mandatory but prohibited: negative list")
# --- layout
simple("merged_id_cells.xlsx", "layout",
       lambda: [Sheet("Projects", [HEADER, *PROJECTS[:2], [None, *PROJECTS[2][1:]]], merged=["A3:A4"])],
       "Projects!A3: cells A3:A4 are merged")
simple("merged_settings_cells.xlsx", "layout",
       lambda: [*case_sheets()[:1], Sheet("Settings", [["key", "value"], ["total_budget", None]], merged=["A2:B2"])],
       "Settings!A2: cells A2:B2 are merged")
simple("formula_without_saved_value.xlsx", "layout",
       lambda: case_sheets(changed(1, "capex_2028", Raw('<c r="{ref}"><f>C3*0.5</f></c>'))),
       "Projects!D3: formula without a saved value")
simple("formula_without_saved_value_in_settings.xlsx", "layout",
       lambda: case_sheets(settings=[["key", "value"],
                                     ["total_budget", Raw('<c r="{ref}"><f>SUM(C1:C9)</f><v></v></c>')]]),
       "Settings!B2: total_budget: formula without a saved value")
simple("hidden_settings_sheet.xlsx", "layout",
       lambda: [case_sheets()[0], Sheet("Settings", [["key", "value"], ["total_budget", "lots"]], state="hidden")],
       "Settings!B2: total_budget: text 'lots' is not a number", "Settings: this sheet is hidden in Excel")
simple("very_hidden_projects_sheet.xlsx", "layout",
       lambda: [Sheet("Cover", [["Investment plan"]]), Sheet("Projects", [HEADER, *PROJECTS], state="veryHidden")],
       "sheet 'Projects' is very hidden")
simple("shared_text_missing.xlsx", "layout",
       lambda: case_sheets(changed(0, "name", Raw('<c r="{ref}" t="s"><v>7</v></c>'))),
       "is damaged: in sheet 'Projects', row 2 column 2 refers to a shared text that does not exist",
       shared_strings=f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>x</t></si></sst>')
simple("row_outside_the_grid.xlsx", "layout",
       lambda: [Sheet("Projects", [HEADER, *PROJECTS], first_row=99_999_999)],
       "row 99,999,999 is outside Excel's 1,048,576 rows")
simple("malformed_sheet_xml.xlsx", "layout",
       lambda: [Sheet("Projects", [], xml=sheet_xml(Sheet("Projects", [HEADER, *PROJECTS]))[:300])],
       "sheet 'Projects' could not be read: the file is damaged")
# --- sheet XML edited by hand: each read silently wrong before (issue 17), now refused as damaged


def _projects_xml_with(old: str, new: str) -> list[Sheet]:
    """The valid case, its Projects sheet's XML with one piece of text replaced."""
    sheets = case_sheets()
    xml = sheet_xml(sheets[0]).decode()
    assert old in xml, old
    return [Sheet("Projects", [], xml=xml.replace(old, new, 1).encode()), *sheets[1:]]


simple("shared_text_index_minus_one.xlsx", "damaged xml",
       lambda: case_sheets(changed(0, "name", Raw('<c r="{ref}" t="s"><v>-1</v></c>'))),
       "is damaged: in sheet 'Projects', row 2 column 2 refers to a shared text that does not exist",
       shared_strings=f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>x</t></si></sst>')
simple("boolean_written_as_word.xlsx", "damaged xml",
       lambda: case_sheets(changed(1, "mandatory", Raw('<c r="{ref}" t="b"><v>TRUE</v></c>'))),
       "is damaged: in sheet 'Projects', cell G3 is a yes/no cell holding 'TRUE' instead of 1 or 0")
simple("number_with_underscore.xlsx", "damaged xml",
       lambda: case_sheets(changed(0, "capex_2027", Raw('<c r="{ref}"><v>1_0</v></c>'))),
       "is damaged: in sheet 'Projects', cell C2 holds '1_0', which is not a number")
simple("arabic_indic_digit.xlsx", "damaged xml",
       lambda: case_sheets(changed(2, "npv", Raw('<c r="{ref}"><v>\u0668</v></c>'))),
       "is damaged: in sheet 'Projects', cell E4 holds '\u0668', which is not a number")
simple("row_written_twice.xlsx", "damaged xml",
       lambda: _projects_xml_with('<row r="4">', '<row r="3">'),
       "is damaged: in sheet 'Projects', row 3 is written twice")
simple("cell_written_twice.xlsx", "damaged xml",
       lambda: _projects_xml_with('<c r="D2">', '<c r="C2">'),
       "is damaged: in sheet 'Projects', cell C2 is written twice")
simple("row_zero.xlsx", "damaged xml",
       lambda: _projects_xml_with('<row r="1">', '<row r="0">'),
       "is damaged: in sheet 'Projects', a row is numbered '0', which is not a row number")
simple("cell_in_the_wrong_row.xlsx", "damaged xml",
       lambda: _projects_xml_with('<c r="E3">', '<c r="E7">'),
       "is damaged: in sheet 'Projects', cell E7 is written in row 3")
# --- values that must be refused at their cell (issue 17), each read silently wrong before
simple("negative_revenue.xlsx", "values 2",
       lambda: case_sheets([[*r, rev] for r, rev in zip(PROJECTS, [-1500, 10, 5], strict=True)],
                           [*HEADER, "revenue"], settings=[["key", "value"], ["min_rd_intensity", 0.01]],
                           enterprise=[*ENTERPRISE, ["rd_spend", 20]]),
       "Projects!I2: -1500 is negative; write 0 or more (revenue)")
simple("negative_headcount.xlsx", "values 2",
       lambda: case_sheets([[*r, -3] for r in PROJECTS], [*HEADER, "headcount"]),
       "Projects!I2: -3 is negative; write 0 or more (headcount)")
simple("zero_total_assets.xlsx", "values 2",
       lambda: case_sheets(enterprise=[["key", "value"], ["revenue", 1000], ["total_assets", 0]]),
       "Enterprise!B3: total_assets: 0 is not above 0, and ratios divide by it")
simple("excel_error_in_group.xlsx", "values 2",
       lambda: case_sheets([[*r, Raw('<c r="{ref}" t="e"><f>VLOOKUP(A2,X:Y,2,0)</f><v>#N/A</v></c>')]
                            for r in PROJECTS], [*HEADER, "exclusive_group"]),
       "Projects!I2: the cell shows the Excel error #N/A (exclusive_group)",
       "Projects!I4: the cell shows the Excel error #N/A (exclusive_group)")
simple("excel_error_as_id.xlsx", "values 2",
       lambda: case_sheets(changed(1, "id", Raw('<c r="{ref}" t="e"><v>#REF!</v></c>'))),
       "Projects!A3: the cell shows the Excel error #REF! (id)")
simple("excel_error_as_text_in_settings.xlsx", "values 2",
       lambda: case_sheets(settings=[["key", "value"], ["total_budget", "#VALUE!"]]),
       "Settings!B2: total_budget: the cell shows the Excel error #VALUE!")
simple("percent_in_capex.xlsx", "values 2", lambda: case_sheets(changed(0, "capex_2027", "50%")),
       "Projects!C2: '50%' is a percentage, but this is an amount")
simple("full_width_id.xlsx", "values 2", lambda: case_sheets(changed(1, "id", "Ｐ００１")),
       "Projects!A3: id 'Ｐ００１' is the same as 'P001' in A2")
simple("zero_width_space_in_id.xlsx", "values 2", lambda: case_sheets(changed(1, "id", "P001\u200b")),
       "Projects!A3: id 'P001<U+200B>' is the same as 'P001' in A2")
simple("lower_case_id.xlsx", "values 2", lambda: case_sheets(changed(2, "id", "p001")),
       "Projects!A4: id 'p001' is the same as 'P001' in A2")
simple("start_year_2200.xlsx", "values 2",
       lambda: case_sheets([[*r, 2200] for r in PROJECTS], [*HEADER, "earliest_start"]),
       "Projects!I2: 2200 is not a year from 1990 to 2100 (earliest_start)")
simple("capex_year_0000.xlsx", "values 2",
       lambda: case_sheets([[*r, 1] for r in PROJECTS], [*HEADER, "capex_0000"]),
       "Projects!I1: column 'capex_0000' is for the year 0")
simple("gap_in_plan_years.xlsx", "values 2",
       lambda: case_sheets([[*r, 1] for r in PROJECTS], [*HEADER, "capex_2030"]),
       "Projects!I1: the plan years must follow one another, but there is no capex column for 2029 between 2028 "
       "and 2030")
simple("settings_value_beside_blank.xlsx", "values 2",
       lambda: case_sheets(settings=[["key", "value"], ["total_budget", None, 8]]),
       "Settings!C2: total_budget: the value is in C2, but the value cell B2 is blank")
simple("settings_table_moved_right.xlsx", "values 2",
       lambda: case_sheets(settings=[[None, "key", "value"], [None, "total_budget", "lots"]]),
       "Settings!C2: total_budget: text 'lots' is not a number")
simple("hidden_capex_column.xlsx", "values 2",
       lambda: [Sheet("Projects", [HEADER, *changed(2, "capex_2028", -6)], hidden_columns={4}),
                *case_sheets()[1:]],
       "Projects!D4: -6 is negative; write 0 or more (capex_2028)", "Projects: columns D are hidden in Excel")
# --- settings and baseline
simple("unknown_objective.xlsx", "settings",
       lambda: case_sheets(settings=[["key", "value"], ["objective", "profit"]]),
       "Settings!B2: objective: 'profit' is not an objective")
simple("setting_given_twice.xlsx", "settings",
       lambda: case_sheets(settings=[["key", "value"], ["total_budget", 30], ["总预算", 40]]),
       "Settings!A3: total_budget is given twice (A2 and A3)")
simple("share_written_as_percent_number.xlsx", "settings",
       lambda: case_sheets(settings=[["key", "value"], ["min_strategic_share", 35]]),
       "Settings!B2: min_strategic_share: 35 is not a share between 0 and 1 (write 0.35 or 35%)")
simple("target_without_baseline.xlsx", "settings",
       lambda: [case_sheets()[0], Sheet("Settings", [["key", "value"], ["min_roe", 0.08]])],
       "Settings!B2: min_roe needs the Enterprise sheet")
simple("tax_rate_as_percent_number.xlsx", "settings",
       lambda: case_sheets(enterprise=[["key", "value"], ["tax_rate", 25]]),
       "Enterprise!B2: tax_rate: 25 is not a rate between 0 and 1")


# --- files that are not workbooks at all
@case("empty.xlsx", "file", "empty.xlsx is empty")
def _empty(path: Path) -> None:
    path.write_bytes(b"")


@case("text_renamed.xlsx", "file", "text_renamed.xlsx is not an Excel workbook (.xlsx)")
def _text(path: Path) -> None:
    path.write_text("This is the 2027 investment plan. Please see the attached projects.\n", encoding="utf-8")


@case("csv_renamed.xlsx", "file", "csv_renamed.xlsx is not an Excel workbook (.xlsx)")
def _csv(path: Path) -> None:
    path.write_text("id,name,capex_2027,npv\nP001,Plant,10,3\n", encoding="utf-8")


@case("web_page.xls", "file", "web_page.xls is a web page or an XML spreadsheet")
def _html(path: Path) -> None:
    path.write_text("<html><body><table><tr><td>id</td><td>name</td></tr></table></body></html>", encoding="utf-8")


@case("encrypted.xlsx", "file", "encrypted.xlsx is password-protected")
def _encrypted(path: Path) -> None:
    path.write_bytes(encrypted_workbook())


@case("old_format.xls", "values", "Projects!C3: text 'about 8' is not a number (capex_2027)")
def _xls(path: Path) -> None:
    """An Excel 97-2003 workbook, as LibreOffice saves one, is read like an .xlsx: its errors at their cells."""
    shutil.copyfile(PRODUCERS / "text_in_capex.xls", path)


@case("excel_error_cell.xls", "values", "Projects!C4: the cell shows the Excel error #DIV/0! (capex_2027)")
def _xls_error(path: Path) -> None:
    shutil.copyfile(PRODUCERS / "excel_error_cell.xls", path)


@case("encrypted.xls", "file", "encrypted.xls is password-protected (encrypted)")
def _encrypted_xls(path: Path) -> None:
    """An .xls saved with a password to open: a FILEPASS record (RC4) right after the globals' BOF."""
    path.write_bytes(old_xls(filepass=struct.pack("<HHHH", 0x002F, 54, 1, 1) + bytes(range(50))))


@case("xls_without_sheets.xls", "file", "xls_without_sheets.xls is damaged: it lists no sheets")
def _xls_without_sheets(path: Path) -> None:
    path.write_bytes(old_xls())


@case("truncated.xlsx", "file", "truncated.xlsx is a damaged or incomplete Excel workbook")
def _truncated(path: Path) -> None:
    whole = path.with_suffix(".whole")
    write_xlsx(whole, case_sheets())
    path.write_bytes(whole.read_bytes()[:700])
    whole.unlink()


@case("empty_zip.xlsx", "file", "empty_zip.xlsx is not an Excel workbook (.xlsx): it is a zip file of another kind")
def _empty_zip(path: Path) -> None:
    write_zip(path, {})


@case("word_document.xlsx", "file", "word_document.xlsx is a Word document")
def _docx(path: Path) -> None:
    write_zip(path, {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<document/>"})


@case("binary_workbook.xlsx", "file", "binary_workbook.xlsx is a binary Excel workbook (.xlsb)")
def _xlsb(path: Path) -> None:
    write_zip(path, {"[Content_Types].xml": b"<Types/>", "_rels/.rels": (
        f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" Type="{RELS}/officeDocument" '
        'Target="xl/workbook.bin"/></Relationships>').encode(), "xl/workbook.bin": b"\x83\x01\x00"})


@case("opendocument.ods", "values", "Projects!C3: text 'about 8' is not a number (capex_2027)")
def _ods(path: Path) -> None:
    """An OpenDocument spreadsheet, as LibreOffice saves one, is read like an .xlsx."""
    shutil.copyfile(PRODUCERS / "text_in_capex.ods", path)


@case("merged_id_cells.ods", "layout", "Projects!A3: cells A3:A4 are merged")
def _ods_merged(path: Path) -> None:
    shutil.copyfile(PRODUCERS / "merged_id_cells.ods", path)


@case("opendocument_without_tables.xlsx", "file", "opendocument_without_tables.xlsx is damaged: it lists no sheets")
def _ods_without_tables(path: Path) -> None:
    write_zip(path, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<doc/>"})


@case("opendocument_text.odt", "file", "opendocument_text.odt is an OpenDocument file but not a spreadsheet (text)")
def _odt(path: Path) -> None:
    write_zip(path, {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": ods_content("")})


@case("zip_with_password.xlsx", "file", "zip_with_password.xlsx is password-protected")
def _zip_password(path: Path) -> None:
    data = b"<worksheet/>"
    raw_zip(path, [("xl/workbook.xml", data, 0, zlib.crc32(data), len(data))], flags=0x1)


# --- damaged files: what zipfile, zlib and expat raise is said in plain words, not in theirs
def _members(parts: dict[str, bytes], part: str, stored: bytes, crc: int) -> list[tuple]:
    """raw_zip's members for these parts, deflated as Excel does, but `part` written as `stored` bytes
    (a deflate stream) with that crc and its true size."""
    return [(name, stored if name == part else zlib.compress(data)[2:-4], 8, crc if name == part else
             zlib.crc32(data), len(data)) for name, data in parts.items()]


@case("bad_checksum.xlsx", "damaged", "bad_checksum.xlsx: sheet 'Projects' could not be read: the file is damaged "
      "(a part's content does not match its checksum)")
def _bad_checksum(path: Path) -> None:
    parts = workbook_parts(case_sheets())
    sheet = parts["xl/worksheets/sheet1.xml"]
    raw_zip(path, _members(parts, "xl/worksheets/sheet1.xml", zlib.compress(sheet)[2:-4], zlib.crc32(sheet) ^ 1))


@case("broken_deflate.xlsx", "damaged", "broken_deflate.xlsx: sheet 'Projects' could not be read: the file is "
      "damaged (a part's compressed data is broken)")
def _broken_deflate(path: Path) -> None:
    parts = workbook_parts(case_sheets())
    sheet = parts["xl/worksheets/sheet1.xml"]
    raw_zip(path, _members(parts, "xl/worksheets/sheet1.xml", b"\xff" * 64, zlib.crc32(sheet)))  # a reserved block type


@case("broken_part_header.xlsx", "damaged", "broken_part_header.xlsx is damaged: its part xl/workbook.xml cannot "
      "be unpacked (its zip structure is broken or cut short)")
def _broken_part_header(path: Path) -> None:
    write_xlsx(path, case_sheets())
    data = bytearray(path.read_bytes())
    at = zipfile.ZipFile(path).getinfo("xl/workbook.xml").header_offset
    data[at:at + 4] = b"PK\x00\x00"  # the part's own header no longer starts as a zip header does
    path.write_bytes(bytes(data))


@case("unknown_zip_version.xlsx", "damaged", "unknown_zip_version.xlsx is a damaged Excel workbook (it uses a kind "
      "of zip file that Excel does not write)")
def _unknown_zip_version(path: Path) -> None:
    write_xlsx(path, case_sheets())
    data = bytearray(path.read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 6:at + 8] = struct.pack("<H", 99)  # "version needed to extract" 9.9, above any zipfile reads
    path.write_bytes(bytes(data))


@case("broken_workbook_xml.xlsx", "damaged", "broken_workbook_xml.xlsx is damaged: its part xl/workbook.xml is not "
      "well-formed XML (its XML is broken)")
def _broken_workbook_xml(path: Path) -> None:
    parts = workbook_parts(case_sheets())
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b"</sheets>", b"</sheet>")
    write_zip(path, parts)


# --- hostile files
@case("xml_bomb_shared_strings.xlsx", "hostile", "declares XML entities or a DTD")
def _bomb_strings(path: Path) -> None:
    strings = (BILLION_LAUGHS + f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    write_xlsx(path, case_sheets(changed(0, "name", Raw('<c r="{ref}" t="s"><v>0</v></c>'))),
               shared_strings=strings)


@case("xml_bomb_sheet.xlsx", "hostile", "declares XML entities or a DTD")
def _bomb_sheet(path: Path) -> None:
    body = sheet_xml(Sheet("Projects", [HEADER, *changed(0, "name", Raw('<c r="{ref}" t="inlineStr"><is><t>&lol9;'
                                                                        "</t></is></c>"))])).decode()
    write_xlsx(path, [Sheet("Projects", [], xml=(BILLION_LAUGHS + body.split("\n", 1)[1]).encode())])


@case("xml_bomb_workbook_part.xlsx", "hostile", "declares XML entities or a DTD")
def _bomb_workbook(path: Path) -> None:
    workbook = (BILLION_LAUGHS + f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets><sheet name="&lol9;" '
                'sheetId="1" r:id="rId1"/></sheets></workbook>')
    write_xlsx(path, case_sheets()[:1], workbook_xml=workbook)


@case("external_entity.xlsx", "hostile", "declares XML entities or a DTD")
def _xxe(path: Path) -> None:
    body = sheet_xml(Sheet("Projects", [HEADER, *changed(0, "name", Raw('<c r="{ref}" t="inlineStr"><is><t>&xxe;'
                                                                        "</t></is></c>"))])).decode()
    write_xlsx(path, [Sheet("Projects", [], xml=(EXTERNAL_ENTITY + body.split("\n", 1)[1]).encode())])


@case("zip_bomb.xlsx", "hostile", "zip_bomb.xlsx is refused", "zip bomb")
def _zip_bomb(path: Path) -> None:
    """A 1 GiB sheet of zeros in about 1 MB: the classic zip bomb, its sizes told truly."""
    parts = workbook_parts(case_sheets())
    members = [(name, zlib.compress(data)[2:-4], 8, zlib.crc32(data), len(data)) for name, data in parts.items()
               if name != "xl/worksheets/sheet1.xml"]
    stream, crc = zeros_deflated(2**30)
    raw_zip(path, [*members, ("xl/worksheets/sheet1.xml", stream, 8, crc, 2**30)])


@case("zip_bomb_lying_sizes.xlsx", "hostile", "zip_bomb_lying_sizes.xlsx", "damaged")
def _lying_bomb(path: Path) -> None:
    """The same zeros, 64 MiB of them, with the directory claiming a 2 KB sheet: whoever trusts the
    directory and inflates to the end of the stream is flooded."""
    parts = workbook_parts(case_sheets())
    sheet = parts.pop("xl/worksheets/sheet1.xml")
    members = [(name, zlib.compress(data)[2:-4], 8, zlib.crc32(data), len(data)) for name, data in parts.items()]
    stream, _ = zeros_deflated(2**26)
    raw_zip(path, [*members, ("xl/worksheets/sheet1.xml", stream, 8, zlib.crc32(sheet), len(sheet))])


@case("many_parts.xlsx", "hostile", "many_parts.xlsx holds 20,008 parts")
def _many_parts(path: Path) -> None:
    parts = workbook_parts(case_sheets())
    parts.update({f"xl/media/empty{i}.xml": b"" for i in range(20_000)})
    write_zip(path, parts, level=1)


@case("projects_200000_rows.xlsx", "hostile",
      "Projects: the sheet has 200,001 rows; at most 20,000 candidate projects are supported")
def _huge_sheet(path: Path) -> None:
    rows = [f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>P{r:06d}</t></is></c><c r="B{r}" t="inlineStr"><is>'
            f'<t>Project {r}</t></is></c><c r="C{r}"><v>{r % 97 + 1}</v></c><c r="D{r}"><v>{r % 13}</v></c>'
            f'<c r="E{r}"><v>{(r % 31) / 4}</v></c></row>' for r in range(2, 200_002)]
    header = "".join(cell_xml(f"{column_letter(c)}1", h) for c, h in enumerate(HEADER[:5], start=1))
    xml = (f'{XML_HEAD}<worksheet xmlns="{MAIN}"><sheetData><row r="1">{header}</row>{"".join(rows)}'
           "</sheetData></worksheet>").encode()
    write_xlsx(path, [Sheet("Projects", [], xml=xml), *case_sheets()[1:]])


@case("too_wide_sheet.xlsx", "hostile", "Projects: the sheet has more than")
def _wide_sheet(path: Path) -> None:
    """Few cells, but each row's last one in column XFD: 1,000 rows x 16,384 columns to pad."""
    rows = [f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>P{r}</t></is></c><c r="XFD{r}"><v>1</v></c></row>'
            for r in range(2, 1_200)]
    header = "".join(cell_xml(f"{column_letter(c)}1", h) for c, h in enumerate(HEADER[:5], start=1))
    xml = (f'{XML_HEAD}<worksheet xmlns="{MAIN}"><sheetData><row r="1">{header}</row>{"".join(rows)}'
           "</sheetData></worksheet>").encode()
    write_xlsx(path, [Sheet("Projects", [], xml=xml)])


@case("ods_repeated_cells_bomb.ods", "hostile", "ods_repeated_cells_bomb.ods is refused: its sheet 'Projects' "
                                                "reaches row 6,000 and column 16,384")
def _ods_cell_bomb(path: Path) -> None:
    """700 bytes that say: this number, 16,384 times across, in 6,000 rows. calamine would fill the 98 million
    cells (6 GB, half a minute); the scan of content.xml refuses it from the repeat counts."""
    write_ods(path, ods_content('<table:table table:name="Projects"><table:table-row table:number-rows-repeated="6000">'
                                '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
                                'office:value="1"/></table:table-row></table:table>'))


@case("ods_zip_bomb.ods", "hostile", "ods_zip_bomb.ods is refused: its part content.xml would expand to 1,024 MB")
def _ods_zip_bomb(path: Path) -> None:
    stream, crc = zeros_deflated(2**30)
    raw_zip(path, [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet", 0,
                    zlib.crc32(b"application/vnd.oasis.opendocument.spreadsheet"), 46),
                   ("content.xml", stream, 8, crc, 2**30)])


@case("ods_xml_bomb.ods", "hostile", "ods_xml_bomb.ods is refused: its part content.xml declares XML entities")
def _ods_xml_bomb(path: Path) -> None:
    write_ods(path, ods_content('<table:table table:name="Projects"><table:table-row><table:table-cell '
                                'office:value-type="string"><text:p>&lol9;</text:p></table:table-cell>'
                                '</table:table-row></table:table>', head=BILLION_LAUGHS))


@case("xls_far_cell.xls", "hostile", "xls_far_cell.xls is refused: its sheet 'Notes' reaches row 65,536 and "
                                     "column 256")
def _xls_far_cell(path: Path) -> None:
    """Two cells of an .xls saved by LibreOffice, at A1 and IV65536: calamine would fill 16.7 million cells (1 GB)."""
    shutil.copyfile(PRODUCERS / "far_cell.xls", path)


@case("folder.xlsx", "file", "folder.xlsx is a folder")
def _folder(path: Path) -> None:
    path.mkdir()


def make_corpus(folder: Path) -> list[Entry]:
    """Write every file of the corpus into `folder` and a manifest.json listing what each must say."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for entry, build in CORPUS:
        build(folder / entry.name)
    entries = [entry for entry, _ in CORPUS]
    (folder / "manifest.json").write_text(
        json.dumps([entry.__dict__ for entry in entries], ensure_ascii=False, indent=1), encoding="utf-8")
    return entries


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/corpus/make_corpus.py FOLDER")
    made = make_corpus(Path(sys.argv[1]))
    print(f"{len(made)} files written to {sys.argv[1]}")
