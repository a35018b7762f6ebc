"""Read a case workbook into a `Case`, checking it against the input contract.

The contract is `shared/spec/workbook.md`: a Projects sheet (项目), an optional
Enterprise sheet (企业基数) and an optional Settings sheet (约束与目标). Sheet
names, column names and setting keys may be English or Chinese and are matched
ignoring case, spaces, underscores and hyphens.

`read_case` reads Settings first (the objective decides which Projects columns
are required), then Enterprise, then Projects, then the Outlook (基数预测, the
baseline business year by year, optional), then the checks that span sheets.
Every problem is kept with its sheet and cell and all of them are raised
together in one `CaseError`, so a user can fix the whole workbook in one pass.
Things worth knowing but not wrong (an unknown setting, a project flagged for
special supervision) become `Case.warnings`.

Formulas are read by the value Excel saved with them. A formula cell that has
no saved value (a file written by a script and never opened and saved in
Excel) is an error at that cell, "formula without a saved value", rather than
being taken as blank: a blank capex or NPV would silently change the answer.
(A formula whose saved result is empty text cannot be told apart from that and
gets the same error.) Only the cells the engine reads are checked.

How a cell's value is read is in values.py (the same rules for every sheet, and for `--set`); what a
Settings key may take is in the registry (optimizer/model/targets.py); the checks of the Settings
against the other sheets, which an override needs too, are in settings.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
    range_boundaries,
)

from optimizer.errors import CaseError, Problem, UnreadableWorkbook
from optimizer.io.entities import read_entity_budgets
from optimizer.io.groups import check_group_marks, read_groups
from optimizer.io.negative_list import check_screening, read_negative_list
from optimizer.io.relations import check_relations, parse_requires, resolve_relations
from optimizer.io.settings import (
    baseline_problems,
    productivity_problems,
    required_columns,
    set_setting,
    settings_fields,
    without_stray_budgets,
    year_problems,
)
from optimizer.io.spreadsheet import open_workbook
from optimizer.io.values import (
    FIRST_YEAR,
    LAST_YEAR,
    BadValue,
    canonical_setting_key,
    excel_error,
    id_key,
    in_range,
    is_blank,
    name_key,
    parse_amount,
    parse_build_years,
    parse_category,
    parse_choice,
    parse_flag,
    parse_id,
    parse_ids,
    parse_min_share,
    parse_non_negative,
    parse_number,
    parse_risk_grade,
    parse_setting_value,
    parse_year,
    plain,
    shown_id,
    text_of,
    within,
)
from optimizer.io.xlsx import LIMITS, SheetEntry, SheetTooLarge
from optimizer.model.case import (
    ENTERPRISE_KEYS,
    EQUITY_SOURCE_NAMES,
    OUTLOOK_KEYS,
    PROJECT_COLUMNS,
    Case,
    Enterprise,
    GroupCount,
    Origin,
    Project,
    Settings,
)
from optimizer.model.screening import below_hurdle
from optimizer.model.targets import figure_of, is_limit, year_of, yearly_target
from optimizer.words.text import Name, Text, said

# --------------------------------------------------------------------------- problems


class _Report:
    """Collects the problems (errors) and warnings found while reading."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.error_cells: set[tuple[str, str]] = set()
        """(sheet, cell) of the cells that show an Excel error: read as blank, and said once."""

    def error(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(sheet, cell, message))

    def warn(self, sheet: str, cell: str, message: str) -> None:
        self.warnings.append(Problem(sheet, cell, message).said())


# --------------------------------------------------------------------------- names


SHEET_NAMES = {"projects": ("Projects", "项目"), "enterprise": ("Enterprise", "企业基数"),
               "settings": ("Settings", "约束与目标"), "outlook": ("Outlook", "基数预测"),
               "entities": ("Entities", "投资主体"), "negative_list": ("NegativeList", "负面清单"),
               "groups": ("Groups", "项目组")}
_SHEET_BY_NAME = {name_key(n): sheet for sheet, names in SHEET_NAMES.items() for n in names}
_ROLE_NAMES = {"projects": Text("Projects"), "enterprise": Text("Enterprise"), "settings": Text("Settings"),
               "outlook": Text("Outlook"), "entities": Text("Entities"), "negative_list": Text("NegativeList"),
               "groups": Text("Groups")}

_COLUMN_BY_NAME = {name_key(n): f for f, zh in PROJECT_COLUMNS.items() for n in (f, zh)}
_CAPEX_COLUMN = re.compile(r"(?:capex|投资)(\d{4})")

_ENTERPRISE_BY_NAME = {name_key(n): key for key, zh in ENTERPRISE_KEYS.items() for n in (key, zh)}


def _canonical_enterprise_key(name: str) -> str | None:
    return _ENTERPRISE_BY_NAME.get(name_key(name))


# How each Projects column is read (capex_YYYY columns use parse_non_negative). Amounts are never percentages; a
# figure a ratio divides by (revenue, headcount) or one that cannot be below 0 is 0 or more; profit, cash flow,
# NPV and IRR may be negative (docs/workbook-template.md, "What each column may hold").
_PARSERS: dict[str, Callable[[object], object]] = {
    "id": parse_id, "name": text_of, "entity": text_of, "sector": text_of, "region": text_of,
    "overseas": parse_flag, "main_business": parse_flag, "strategic_category": parse_category,
    "future_industry": parse_flag, "key_core_tech": parse_flag, "security": parse_flag,
    "livelihood": parse_flag, "mandatory": parse_flag, "excluded": parse_flag,
    "equity_ratio": in_range(0, 1, Text("a share between 0 and 1")),
    "npv": parse_amount, "npv_low": parse_amount, "npv_high": parse_amount, "irr": parse_number,
    "revenue": parse_non_negative, "profit": parse_amount, "operating_cash_flow": parse_amount,
    "rd_spend": parse_non_negative, "value_added": parse_non_negative, "headcount": parse_non_negative,
    "risk": parse_risk_grade, "strategic_score": in_range(0, 100, Text("a score between 0 and 100")),
    "requires": parse_requires, "requires_any": parse_ids, "together_with": parse_ids, "exclusive_group": text_of,
    "earliest_start": parse_year, "latest_start": parse_year, "min_share": parse_min_share,
    "build_years": parse_build_years,
}

# --------------------------------------------------------------------------- opening the file

MAX_PROJECTS = 20_000
"""Candidate projects a case may have. The model is built and solved for 5,000 in seconds; 20,000
still fit a laptop. A Projects sheet with more rows is refused before it is read whole."""
_MAX_HEADER_ROWS = 10  # the header row is looked for in the first 10 rows
_MAX_MERGED_REPORTED = 20
MAX_PROBLEMS = 1_000
"""Problems listed at most (a sheet of 20,000 wrong rows is fixed as a whole, not cell by cell)."""
MAX_KEY_VALUE_ROWS = 10_000
"""Rows a Settings or Enterprise sheet may have (each has one row per key, a few dozen)."""


@dataclass
class _Sheet:
    """One worksheet's cell values, read once; rows[0] is Excel row 1."""

    title: str
    rows: list[tuple]
    unsaved_formulas: set[tuple[int, int]] = field(default_factory=set)
    """(row, column) of formula cells without a saved value."""
    merged: list[str] = field(default_factory=list)
    """Merged ranges, like "A3:A5"."""
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    state: str = "visible"
    """"visible", "hidden" or "veryHidden", as Excel keeps it."""

    def value(self, row: int, column: int) -> object:
        cells = self.rows[row - 1] if row <= len(self.rows) else ()
        return cells[column - 1] if column <= len(cells) else None


@dataclass
class _Book:
    titles: list[str]
    """All sheet titles, in workbook order."""
    sheets: dict[str, _Sheet]
    """The case's worksheets by role: "projects", "enterprise", "settings"."""
    problems: list[Problem]
    data: bytes = b""
    """The file's bytes as read."""
    sha256: str = ""
    """Their SHA-256."""


def _open(path: Path) -> _Book:
    """Read the case's sheets from the file, safely (see xlsx.py: bounded, no XML tricks).

    Raises CaseError with one clear file-level problem when the file is not a readable workbook
    or a sheet is too large.
    """
    name = path.name
    try:
        book = open_workbook(path)
    except UnreadableWorkbook as error:
        raise CaseError([Problem("", "", said(error))]) from None
    with book:
        problems = []
        found: dict[str, SheetEntry] = {}
        for entry in book.sheets:
            role = _SHEET_BY_NAME.get(name_key(entry.title))
            if role is None or entry.kind != "worksheet":  # a chart sheet named Projects holds no cells
                continue
            if role in found:
                problems.append(Problem("", "", Text("{name} has two {role} sheets, '{first}' and '{second}'; "
                                                     "keep one", name=name, role=_ROLE_NAMES[role],
                                                     first=found[role].title, second=entry.title)))
                continue
            found[role] = entry
        sheets = {}
        for role, entry in found.items():
            limit = MAX_PROJECTS + _MAX_HEADER_ROWS if role == "projects" else MAX_KEY_VALUE_ROWS
            try:
                cells = book.read(entry.title, max_rows=limit)
            except UnreadableWorkbook as error:
                raise CaseError([Problem("", "", said(error))]) from None
            except SheetTooLarge as error:
                raise CaseError([Problem(entry.title, "", _too_large(role, error))]) from None
            sheets[role] = _Sheet(entry.title, cells.rows, cells.unsaved_formulas, cells.merged,
                                  cells.hidden_rows, set(getattr(cells, "hidden_columns", ())), entry.state)
        return _Book(book.titles, sheets, problems, book.data, book.sha256)


def _too_large(role: str, error: SheetTooLarge) -> Text:
    if error.too_many_cells:
        return Text("the sheet has more than {cells:,} cells (counting the blanks up to each row's last value); "
                    "a case workbook is far smaller: delete the unused rows and columns", cells=LIMITS.cells)
    if role == "projects":
        return Text("the sheet has {rows:,} rows; at most {limit:,} candidate projects are supported: split "
                    "the case into several workbooks", rows=error.rows, limit=MAX_PROJECTS)
    return Text("the sheet has {rows:,} rows; a {role} sheet has one row per key (at most {limit:,})",
                rows=error.rows, role=_ROLE_NAMES[role], limit=MAX_KEY_VALUE_ROWS)


# --------------------------------------------------------------------------- key | value sheets


@dataclass(frozen=True)
class _Entry:
    key: str
    value: object
    cell: str
    """The value's cell, like "B7"."""


_MAX_KEY_COLUMN = 10
"""A key | value table is looked for in the first 10 columns."""


def _key_column(sheet: _Sheet, canonical: Callable[[str], str | None]) -> int:
    """The column of a key | value table's keys: A, or the first column that holds a known key (a table moved to
    B:C)."""
    for column in range(1, _MAX_KEY_COLUMN + 1):
        for row in sheet.rows:
            if column <= len(row) and (text := text_of(row[column - 1])) and canonical(text) is not None:
                return column
    return 1


def _key_value_entries(sheet: _Sheet, canonical: Callable[[str], str | None], what: Text,
                       report: _Report, readable: Callable[[str, object], bool]) -> list[_Entry]:
    """The recognised key | value rows of a Settings or Enterprise sheet.

    The first non-blank row is skipped silently when its key is unknown (a
    header such as key | value or 参数 | 取值); any later unknown key is a warning.
    The table is read where its keys are: columns A:B, or a table moved right
    (with a warning). A value that `readable` takes, written to the right of a
    blank value cell, is an error: blank means no limit, so it would be lost.
    """
    key_column = _key_column(sheet, canonical)
    value_column = key_column + 1
    letter = get_column_letter(value_column)
    _hidden_columns(sheet, {key_column: "keys", value_column: "values"}, report)
    _merged_cells(sheet, 1, value_column, report)
    entries: list[_Entry] = []
    seen: dict[str, int] = {}
    first = True
    for r, row in enumerate(sheet.rows, start=1):
        key_text = text_of(row[key_column - 1] if len(row) >= key_column else None)
        value = sheet.value(r, value_column)
        if key_column > 1 and not seen and key_text and canonical(key_text) is not None:
            report.warn(sheet.title, f"{get_column_letter(key_column)}{r}",
                        Text("the table is in columns {columns}, not A:B; it is read from there",
                             columns=f"{get_column_letter(key_column)}:{letter}"))
        if key_text is not None and is_blank(value) and (r, value_column) not in sheet.unsaved_formulas:
            key = canonical(key_text)
            beside = next((c for c in range(value_column + 1, len(row) + 1) if not is_blank(row[c - 1])), None)
            if key is not None and beside is not None and readable(key, row[beside - 1]):
                report.error(sheet.title, f"{get_column_letter(beside)}{r}",
                             Text("{key}: the value is in {cell}, but the value cell {value_cell} is blank, which "
                                  "means no limit (or the default): move the value to {value_cell}", key=key,
                                  cell=f"{get_column_letter(beside)}{r}", value_cell=f"{letter}{r}"))
        if key_text is None:
            if not is_blank(value) and not first:
                report.warn(sheet.title, f"{letter}{r}", Text("value without a {what} name in column A is ignored",
                                                              what=what))
            continue
        was_first, first = first, False
        key = canonical(key_text)
        if key is None:
            if not was_first:
                report.warn(sheet.title, f"{get_column_letter(key_column)}{r}",
                            Text("unknown {what} '{key}' is ignored", what=what, key=key_text))
            continue
        keys = get_column_letter(key_column)
        if key in seen:
            report.error(sheet.title, f"{keys}{r}", Text("{key} is given twice ({first} and {second})", key=key,
                                                         first=f"{keys}{seen[key]}", second=f"{keys}{r}"))
            continue
        seen[key] = r
        if is_blank(value) and (r, value_column) in sheet.unsaved_formulas:
            report.error(sheet.title, f"{letter}{r}", Text("{key}: formula without a saved value "
                                                           "(open and save the workbook in Excel)", key=key))
            continue
        entries.append(_Entry(key, value, f"{letter}{r}"))
    return entries


def _reads(parse: Callable[[str, object], object], key: str, value: object) -> bool:
    """Whether `value` is one the key takes (a note beside a blank value cell is not)."""
    try:
        parse(key, value)
    except ValueError:
        return False
    return True


def _read_settings(sheet: _Sheet | None, report: _Report) -> Settings:
    if sheet is None:
        return Settings()
    fields = settings_fields(Settings())
    for entry in _key_value_entries(sheet, canonical_setting_key, Text("setting"), report,
                                    lambda key, value: _reads(parse_setting_value, key, value)):
        fields["cells"][entry.key] = f"{sheet.title}!{entry.cell}"
        if is_blank(entry.value):
            continue  # blank means no limit (or the default)
        try:
            value = parse_setting_value(entry.key, entry.value)
        except ValueError as exc:
            report.error(sheet.title, entry.cell, Text("{key}: {problem}", key=entry.key, problem=said(exc)))
            continue
        set_setting(fields, entry.key, value)
    return Settings(**fields)


_ENTERPRISE_RATES = {"tax_rate": (0, 1), "capital_cost_rate": (0, 1), "hurdle_rate": (-1, 1)}
_DIVISORS = {"revenue", "total_assets", "headcount"}
"""Enterprise items a ratio divides by (R&D intensity, the debt ratio, labour productivity): above 0."""
_NOT_NEGATIVE = {"total_liabilities", "rd_spend", "labour_output"}
"""Items that cannot be below 0; profit, net profit, equity and cash flow may."""


def _enterprise_number(key: str, value: object) -> float | None:
    """An Enterprise (or Outlook) item's value, checked: a rate within its range, an amount not a percentage, a
    divisor above 0, an item that cannot be negative 0 or more."""
    if key in _ENTERPRISE_RATES:
        number = parse_number(value)
        if number is not None:
            low, high = _ENTERPRISE_RATES[key]
            within(number, low, high, Text("a rate between {low} and {high}", low=low, high=high))
        return number
    number = parse_amount(value)
    if number is not None and key in _DIVISORS and number <= 0:
        raise BadValue(Text("{number} is not above 0, and ratios divide by it (write the group's figure)",
                            number=plain(number)))
    if number is not None and key in _NOT_NEGATIVE and number < 0:
        raise BadValue(Text("{number} is negative; write 0 or more", number=plain(number)))
    return number
_EQUITY_SOURCE = Name("an equity source", "资本金来源")


def _read_enterprise(sheet: _Sheet | None, report: _Report) -> Enterprise | None:
    if sheet is None:
        return None
    values: dict[str, object] = {}
    for entry in _key_value_entries(sheet, _canonical_enterprise_key, Text("item"), report,
                                    lambda key, value: key != "equity_source" and _reads(_enterprise_number, key,
                                                                                         value)):
        if entry.key == "equity_source":
            try:
                if not is_blank(entry.value):
                    values[entry.key] = parse_choice(entry.value, EQUITY_SOURCE_NAMES, _EQUITY_SOURCE)
            except BadValue as exc:
                report.error(sheet.title, entry.cell, Text("{key}: {problem}", key=entry.key, problem=said(exc)))
            continue
        try:
            number = _enterprise_number(entry.key, entry.value)
        except BadValue as exc:
            report.error(sheet.title, entry.cell, Text("{key}: {problem}", key=entry.key, problem=said(exc)))
            continue
        if number is not None:
            values[entry.key] = number
    if "equity" not in values and "total_assets" in values and "total_liabilities" in values:
        values["equity"] = values["total_assets"] - values["total_liabilities"]
    return Enterprise(**values)


# --------------------------------------------------------------------------- the Outlook sheet


@dataclass
class _Outlook:
    """The Outlook sheet as read: item -> year -> value, and where each was read from."""

    figures: dict[str, dict[int, float]] = field(default_factory=dict)
    cells: dict[tuple[str, int], str] = field(default_factory=dict)
    """(item, year) -> the value's cell, like "C4"."""
    year_cells: dict[int, str] = field(default_factory=dict)
    """Year -> its header cell."""


def _read_outlook(sheet: _Sheet | None, report: _Report) -> _Outlook:
    """The baseline business year by year: an Enterprise item per row (column A), a year per column (its header
    in the first row that has one). Blank cells are not given (the item stays at its Enterprise value)."""
    outlook = _Outlook()
    if sheet is None:
        return outlook
    _merged_cells(sheet, 1, None, report)
    header = next((r for r, row in enumerate(sheet.rows, start=1) if any(not is_blank(v) for v in row[1:])), None)
    if header is None:
        return outlook
    years: dict[int, int] = {}  # column -> year
    for column, value in enumerate(sheet.rows[header - 1][1:], start=2):
        cell = f"{get_column_letter(column)}{header}"
        if is_blank(value):
            continue
        try:
            year = parse_year(value)
        except BadValue as exc:
            report.error(sheet.title, cell, Text("{problem}: each column after the first is a plan year (its header "
                                                 "is the year, e.g. 2028)", problem=said(exc)))
            continue
        if year in outlook.year_cells:
            report.error(sheet.title, cell, Text("the year {year} appears twice ({first} and {second})", year=year,
                                                 first=outlook.year_cells[year], second=cell))
            continue
        years[column], outlook.year_cells[year] = year, cell
    seen: dict[str, int] = {}
    for r in range(header + 1, len(sheet.rows) + 1):
        row = sheet.rows[r - 1]
        name = text_of(row[0] if row else None)
        given = [c for c in years if not is_blank(sheet.value(r, c)) or (r, c) in sheet.unsaved_formulas]
        if name is None:
            if given:
                report.warn(sheet.title, f"A{r}", Text("figures without an item name in column A are ignored"))
            continue
        key = _canonical_enterprise_key(name)
        if key is None:
            report.error(sheet.title, f"A{r}", Text("'{key}' is not an Enterprise item (the outlook forecasts the "
                                                    "items of the Enterprise sheet, such as revenue or "
                                                    "total_assets)", key=name))
            continue
        if key not in OUTLOOK_KEYS:
            report.error(sheet.title, f"A{r}", Text("{key} is one value for the whole plan: give it on the "
                                                    "Enterprise sheet, not by year", key=key))
            continue
        if key in seen:
            report.error(sheet.title, f"A{r}", Text("{key} is given twice ({first} and {second})", key=key,
                                                    first=f"A{seen[key]}", second=f"A{r}"))
            continue
        seen[key] = r
        for column in given:
            cell = f"{get_column_letter(column)}{r}"
            if (r, column) in sheet.unsaved_formulas and is_blank(sheet.value(r, column)):
                report.error(sheet.title, cell, Text("{key}: formula without a saved value "
                                                     "(open and save the workbook in Excel)", key=key))
                continue
            try:
                number = _enterprise_number(key, sheet.value(r, column))
            except BadValue as exc:
                report.error(sheet.title, cell, Text("{key}: {problem}", key=key, problem=said(exc)))
                continue
            if number is not None:
                outlook.figures.setdefault(key, {})[years[column]] = number
                outlook.cells[(key, years[column])] = cell
    return outlook


def _check_outlook(outlook: _Outlook, sheet: _Sheet | None, enterprise: Enterprise | None, years: tuple[int, ...],
                   report: _Report) -> None:
    """The outlook against the plan: each year a plan year, and a baseline to forecast from."""
    if sheet is None or not outlook.year_cells:
        return
    if enterprise is None:
        report.error(sheet.title, "", Text("the outlook forecasts the Enterprise items year by year: add the "
                                           "Enterprise sheet with the figures of the year before the plan"))
    if not years:
        return
    for year, cell in outlook.year_cells.items():
        if year == years[0] - 1:
            report.error(sheet.title, cell, Text("{year} is the year before the plan, whose figures are the Enterprise "
                                                 "sheet's: give the plan years {first}–{last} only", year=year,
                                                 first=years[0], last=years[-1]))
        elif year not in years:
            report.error(sheet.title, cell, Text("{year} is outside the plan years {first}–{last}", year=year,
                                                 first=years[0], last=years[-1]))


# --------------------------------------------------------------------------- the Projects sheet


@dataclass
class _Layout:
    """Where the Projects columns are."""

    header_row: int
    headers: dict[int, str]
    """Column number -> header as written."""
    columns: dict[str, int]
    """Field of Project -> column number."""
    capex: dict[int, int]
    """Plan year -> column number of its capex column."""
    extra: dict[str, int]
    """Unknown header -> column number."""

    def cell(self, field_name: str, row: int) -> str:
        return f"{get_column_letter(self.columns[field_name])}{row}"


def _find_layout(sheet: _Sheet, report: _Report) -> _Layout | None:
    id_names = {name_key("id"), name_key(PROJECT_COLUMNS["id"])}
    header_row = next((r for r, row in enumerate(sheet.rows[:10], start=1)
                       if any(text_of(v) and name_key(v) in id_names for v in row)), None)
    if header_row is None:
        report.error(sheet.title, "", Text("no header row with an 'id' (项目编号) column in the first 10 rows"))
        return None
    layout = _Layout(header_row, {}, {}, {}, {})
    first_cell: dict[object, int] = {}  # field or capex year -> column where it first appeared
    for column, value in enumerate(sheet.rows[header_row - 1], start=1):
        header = text_of(value)
        if header is None:
            continue
        if excel_error(header):
            report.error(sheet.title, f"{get_column_letter(column)}{header_row}",
                         Text("the cell shows the Excel error {error}", error=excel_error(header)))
            continue
        layout.headers[column] = header
        normalised = name_key(header)
        capex = _CAPEX_COLUMN.fullmatch(normalised)
        known: object = int(capex.group(1)) if capex else _COLUMN_BY_NAME.get(normalised)
        if capex and not FIRST_YEAR <= int(capex.group(1)) <= LAST_YEAR:
            report.error(sheet.title, f"{get_column_letter(column)}{header_row}",
                         Text("column '{header}' is for the year {year}: plan years from {first} to {last} are "
                              "supported", header=header, year=int(capex.group(1)), first=FIRST_YEAR, last=LAST_YEAR))
            continue
        if known is None:
            name, copy = header, 1
            while name in layout.extra:  # two unknown columns with one header: keep both
                copy += 1
                name = f"{header} ({copy})"
            layout.extra[name] = column
        elif known in first_cell:
            here = f"{get_column_letter(column)}{header_row}"
            there = f"{get_column_letter(first_cell[known])}{header_row}"
            report.error(sheet.title, here, Text("column '{header}' appears twice ({first} and {second})",
                                                 header=header, first=there, second=here))
        else:
            first_cell[known] = column
            if isinstance(known, int):
                layout.capex[known] = column
            else:
                layout.columns[known] = column
    return layout


def _read_projects(sheet: _Sheet, settings: Settings, hurdle_rate: float,
                   report: _Report) -> tuple[list[Project], tuple[int, ...], _Layout | None]:
    layout = _find_layout(sheet, report)
    if layout is None:
        return [], (), None
    required = required_columns(settings)
    for column, why in required.items():
        if column not in layout.columns:
            report.error(sheet.title, "", Text("missing column '{column}' ({chinese}): {why}", column=column,
                                               chinese=PROJECT_COLUMNS[column], why=why))
    if not layout.capex:
        report.error(sheet.title, "", Text("no capex column: add one capex_YYYY (投资_YYYY) column per plan "
                                           "year, e.g. capex_2027"))
    years = tuple(sorted(layout.capex))
    for before, year in zip(years, years[1:], strict=False):
        if year != before + 1:
            report.error(sheet.title, f"{get_column_letter(layout.capex[year])}{layout.header_row}",
                         Text("the plan years must follow one another, but there is no capex column for {missing} "
                              "between {before} and {year}: add capex_{first_missing} (blank where nothing is spent)",
                              missing=f"{before + 1}" if year == before + 2 else f"{before + 1}–{year - 1}",
                              before=before, year=year, first_missing=before + 1))
    _merged_cells(sheet, layout.header_row, None, report)
    projects: list[Project] = []
    first_row: dict[str, int] = {}  # id_key -> the row it first appears in
    rows_seen = 0
    formula_rows = {r for r, _ in sheet.unsaved_formulas}
    for r in range(layout.header_row + 1, len(sheet.rows) + 1):
        if all(is_blank(v) for v in sheet.rows[r - 1]) and r not in formula_rows:
            continue
        rows_seen += 1
        if rows_seen > MAX_PROJECTS:
            report.error(sheet.title, "", Text("more than {limit:,} project rows (row {row} is the {seen:,}th); "
                                               "at most {limit:,} candidate projects are supported: split the "
                                               "case into several workbooks", limit=MAX_PROJECTS, row=r,
                                               seen=rows_seen))
            break
        project = _read_project_row(sheet, r, layout, years, required, hurdle_rate, report)
        if project is None:
            continue
        key = id_key(project.id)
        if key in first_row:
            first, column = first_row[key], layout.columns["id"]
            if text_of(sheet.value(first, column)) == text_of(sheet.value(r, column)):
                report.error(sheet.title, layout.cell("id", r),
                             Text("id '{id}' is used twice (rows {first} and {second})", id=project.id,
                                  first=first, second=r))
            else:
                report.error(sheet.title, layout.cell("id", r),
                             Text("id '{id}' is the same as '{other}' in {cell} once case, full-width letters, "
                                  "invisible characters and spaces at the ends are set aside: give each project an "
                                  "id of its own", id=shown_id(str(sheet.value(r, column))),
                                  other=shown_id(str(sheet.value(first, column))),
                                  cell=layout.cell("id", first)))
            continue
        first_row[key] = r
        projects.append(project)
    if not rows_seen:  # a blank template: not wrong, but there is nothing to choose from
        report.warn(sheet.title, "", Text("no projects: the sheet has a header row but no project rows"))
    _hidden_columns(sheet, layout.headers, report)
    hidden = sorted(r for r in sheet.hidden_rows if r > layout.header_row)
    if len(hidden) == 1:
        report.warn(sheet.title, "", Text("row {row} is hidden in Excel (by a filter or by hand); their projects "
                                          "are candidates too", row=hidden[0]))
    elif hidden:
        listed = ", ".join(map(str, hidden[:5]))
        more = Text(" and {count} more", count=len(hidden) - 5) if len(hidden) > 5 else Text("")
        report.warn(sheet.title, "", Text("rows {rows}{more} are hidden in Excel (by a filter or by hand); "
                                          "their projects are candidates too", rows=listed, more=more))
    return projects, years, layout


def _hidden_columns(sheet: _Sheet, headers: dict[int, str], report: _Report) -> None:
    """A warning for the columns of the table hidden in Excel: they are read like the others (a hidden capex
    column counts), so a user should know they are there."""
    hidden = [f"{get_column_letter(c)} ({headers[c]})" for c in sorted(sheet.hidden_columns) if c in headers]
    if hidden:
        report.warn(sheet.title, "", Text("columns hidden in Excel are read as usual: {columns}",
                                          columns=", ".join(hidden[:10]) + (" ..." if len(hidden) > 10 else "")))


def _merged_cells(sheet: _Sheet, first_row: int, last_column: int | None, report: _Report) -> None:
    """A merged range over the cells the engine reads is an error: Excel keeps the value in its first
    cell only, so the others would silently read as blank (a project without an id, a blank budget)."""
    found = 0
    for reference in sheet.merged:
        try:
            min_column, min_row, max_column, max_row = range_boundaries(reference)
        except (ValueError, TypeError):
            continue
        if max_row < first_row or (last_column is not None and min_column > last_column) or \
                (min_row == max_row and min_column == max_column):
            continue
        found += 1
        if found <= _MAX_MERGED_REPORTED:
            report.error(sheet.title, f"{get_column_letter(min_column)}{min_row}",
                         Text("cells {cells} are merged: only the first keeps its value, the others read as "
                              "blank; unmerge them and fill in every cell", cells=reference))
    if found > _MAX_MERGED_REPORTED:
        report.error(sheet.title, "", Text("{count:,} more merged ranges; unmerge every merged cell in the table",
                                           count=found - _MAX_MERGED_REPORTED))


def _read_project_row(sheet: _Sheet, r: int, layout: _Layout, years: tuple[int, ...],
                      required: dict[str, str], hurdle_rate: float, report: _Report) -> Project | None:
    """One project from row r, or None when its id is blank; problems go to the report."""
    title = sheet.title

    def parse(column: int, parser: Callable[[object], object], what: str) -> object:
        raw = sheet.value(r, column)
        if raw is None and (r, column) in sheet.unsaved_formulas:
            report.error(title, f"{get_column_letter(column)}{r}",
                         Text("formula without a saved value (open and save the workbook in Excel) ({column})",
                              column=what))
            return None
        try:
            if raw.__class__ is str and excel_error(raw):  # in any column: a text column would keep "#N/A" as text
                raise BadValue(Text("the cell shows the Excel error {error}", error=excel_error(raw)))
            return parser(raw)
        except BadValue as exc:
            report.error(title, f"{get_column_letter(column)}{r}", Text("{problem} ({column})", problem=said(exc),
                                                                        column=what))
            return None

    def unless_error(column: int, what: str) -> object:
        """A cell of a column the engine does not know, as it is (for the export, the negative list), unless it
        shows an Excel error."""
        raw = sheet.value(r, column)
        if raw.__class__ is str and excel_error(raw):
            report.error(title, f"{get_column_letter(column)}{r}",
                         Text("{problem} ({column})", column=what,
                              problem=Text("the cell shows the Excel error {error}", error=excel_error(raw))))
            return None
        return raw

    def blank(field_name: str) -> bool:
        """The cell is blank (not merely unreadable, which is reported already)."""
        column = layout.columns.get(field_name)
        return (column is not None and is_blank(sheet.value(r, column))
                and (r, column) not in sheet.unsaved_formulas)

    values = {f: parse(c, _PARSERS[f], layout.headers[c]) for f, c in layout.columns.items()}
    capex = {year: parse(c, parse_non_negative, layout.headers[c]) or 0.0 for year, c in layout.capex.items()}
    project_id = values.pop("id")
    if project_id is None:
        if blank("id"):
            report.error(title, layout.cell("id", r), Text("a project row without an id"))
        return None
    if blank("name"):
        report.error(title, layout.cell("name", r), Text("{id} has no name", id=project_id))
    if "npv" in required and blank("npv"):
        report.error(title, layout.cell("npv", r), Text("npv of {id} is blank, but {why}", id=project_id,
                                                        why=required["npv"]))
    npv_given = values.get("npv") is not None
    values = {f: v for f, v in values.items() if v is not None}
    values.setdefault("earliest_start", years[0] if years else 0)
    values.setdefault("latest_start", values["earliest_start"])
    project = Project(
        id=project_id, name=values.pop("name", ""), capex=capex, row=r,
        extra={header: unless_error(c, header) for header, c in layout.extra.items()},
        **values,
    )
    _check_project(project, npv_given, layout, hurdle_rate, title, report)
    return project


def _check_project(p: Project, npv_given: bool, layout: _Layout, hurdle_rate: float, sheet: str,
                   report: _Report) -> None:
    """The checks within one project's row."""
    r = p.row
    years = sorted(p.capex)
    if years and "earliest_start" in layout.columns and not years[0] <= p.earliest_start <= years[-1]:
        report.error(sheet, layout.cell("earliest_start", r),
                     Text("{id} earliest_start {year} is outside the plan years {first}–{last}", id=p.id,
                          year=p.earliest_start, first=years[0], last=years[-1]))
    if p.latest_start < p.earliest_start:
        report.error(sheet, layout.cell("latest_start", r),
                     Text("{id} latest_start {latest} is before earliest_start {earliest}", id=p.id,
                          latest=p.latest_start, earliest=p.earliest_start))
    if p.mandatory and p.excluded:
        report.error(sheet, layout.cell("mandatory", r), Text("{id} is both mandatory and excluded", id=p.id))
    reason = below_hurdle(p, hurdle_rate)
    if p.mandatory and reason:
        report.error(sheet, layout.cell("mandatory", r), Text("{id} is mandatory but prohibited: {reason}",
                                                              id=p.id, reason=reason))
    if npv_given and p.npv_low is not None and p.npv_low > p.npv:
        report.error(sheet, layout.cell("npv_low", r),
                     Text("{id} npv_low {low} is above its npv {npv}", id=p.id, low=plain(p.npv_low), npv=plain(p.npv)))
    if npv_given and p.npv_high is not None and p.npv_high < p.npv:
        report.error(sheet, layout.cell("npv_high", r),
                     Text("{id} npv_high {high} is below its npv {npv}", id=p.id, high=plain(p.npv_high),
                          npv=plain(p.npv)))
    if p.irr is not None and p.irr > 1:
        report.warn(sheet, layout.cell("irr", r), Text("{id} irr {irr} reads as {percent}; write {fraction} or "
                                                       "{irr}% if you meant {irr}%", id=p.id, irr=plain(p.irr),
                                                       percent=f"{p.irr:.0%}", fraction=plain(p.irr / 100)))


def _with_relations(projects: list[Project], layout: _Layout, title: str, groups_sheet: _Sheet | None,
                    report: _Report) -> tuple[list[Project], dict[str, GroupCount]]:
    """The relations of the Projects sheet resolved (lags, ids: io/relations.py) and the Groups sheet read
    (io/groups.py), each checked against the other and the marks."""
    projects = resolve_relations(projects, layout.cell, title, report.error)
    groups: dict[str, GroupCount] = {}
    if groups_sheet is not None:
        _merged_cells(groups_sheet, 1, None, report)
        groups = read_groups(groups_sheet.title, groups_sheet.rows, groups_sheet.unsaved_formulas, projects,
                             report.error, report.warn)
    check_relations(projects, groups, layout.cell, title, report.error)
    check_group_marks(projects, groups, layout.cell, title, report.error)
    return projects, groups


def _check_links(projects: list[Project], layout: _Layout, sheet: str, report: _Report) -> None:
    """The checks between projects: requires, dependency cycles (the relations and the groups: _with_relations)."""
    by_id = {p.id: p for p in projects}
    graph: dict[str, list[str]] = {}
    for p in projects:
        for other in p.requires:
            cell = layout.cell("requires", p.row)
            if other == p.id:
                report.error(sheet, cell, Text("{id} requires itself", id=p.id))
            elif other not in by_id:
                report.error(sheet, cell, Text("{id} requires '{other}', which is not a project id", id=p.id,
                                               other=other))
            elif p.mandatory and by_id[other].excluded:
                report.error(sheet, cell, Text("{id} is mandatory but requires {other}, which is excluded", id=p.id,
                                               other=other))
        graph[p.id] = [other for other in p.requires if other in by_id and other != p.id]
    for cycle in _cycles(graph):
        first = min(cycle, key=lambda i: by_id[i].row)
        at = cycle.index(first)
        path = cycle[at:] + cycle[:at] + [first]
        report.error(sheet, layout.cell("requires", by_id[first].row),
                     Text("dependency cycle {path}", path=" → ".join(path)))


def _cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One cycle (a list of ids, without repeating the first) for each set of ids that loops."""
    state: dict[str, str] = {}  # "open" while on the current path, "done" after
    found: list[list[str]] = []
    seen: set[frozenset[str]] = set()
    for start in graph:
        if start in state:
            continue
        path, branches = [start], [iter(graph[start])]
        state[start] = "open"
        while branches:  # depth-first without recursion: 5,000 projects may chain deeply
            following = next(branches[-1], None)
            if following is None:
                state[path.pop()] = "done"
                branches.pop()
            elif following not in state:
                state[following] = "open"
                path.append(following)
                branches.append(iter(graph[following]))
            elif state[following] == "open":
                cycle = path[path.index(following):]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    found.append(cycle)
    return found


# --------------------------------------------------------------------------- settings against the case

def _check_settings(settings: Settings, enterprise: Enterprise | None, projects: list[Project],
                    years: tuple[int, ...], sheet: _Sheet, layout: _Layout | None,
                    report: _Report) -> Settings:
    """The checks between the Settings and the other sheets; returns the settings to use."""

    def where(key: str) -> tuple[str, str]:
        sheet_title, _, cell = settings.cells[key].rpartition("!")
        return sheet_title, cell

    for key, message in baseline_problems(settings, enterprise, list(settings.limits)):
        report.error(*where(key), message)
    for key, message in year_problems(settings, years, list(settings.limits)):
        report.error(*where(key), message)
    for key, message in productivity_problems(settings, list(settings.limits)):
        report.error(*where(key), message)
    for key in settings.limits:
        if layout is None or not is_limit(key) or figure_of(key).needs_column is None:
            continue
        column, _ = figure_of(key).needs_column
        if column not in layout.columns:
            report.error(*where(key), Text("{key} needs the {column} column ({chinese}) in Projects", key=key,
                                           column=column, chinese=PROJECT_COLUMNS[column]))
            continue
        number, where_set = layout.columns[column], settings.cells[key]
        for p in projects:
            if is_blank(sheet.value(p.row, number)) and (p.row, number) not in sheet.unsaved_formulas:
                report.error(sheet.title, layout.cell(column, p.row),
                             Text("{column} of {id} is blank, but {key} is set ({cell})", column=column, id=p.id,
                                  key=key, cell=where_set))
    return without_stray_budgets(settings, years, lambda key, message: report.warn(*where(key), message))


def _supervision_warnings(projects: list[Project], enterprise: Enterprise | None, sheet: str,
                          layout: _Layout, report: _Report) -> None:
    equity = enterprise.equity if enterprise else None
    if equity is None or equity <= 0:
        return
    for p in projects:
        if p.total_capex > 0.5 * equity:
            report.warn(sheet, layout.cell("id", p.row),
                        Text("{id} capex {capex} is more than 50% of the group's equity {equity}: flagged for "
                             "special supervision", id=p.id, capex=plain(p.total_capex), equity=plain(equity)))


# --------------------------------------------------------------------------- the public entry points


def read_case(path: str | Path) -> Case:
    """Read and check a case workbook; raises CaseError listing every problem found."""
    path = Path(path)
    book = _open(path)
    report = _Report()
    report.problems.extend(book.problems)
    _hidden_sheets(book, report)
    projects_sheet = book.sheets.get("projects")
    if projects_sheet is None:
        listed = ", ".join(book.titles) if book.titles else Text("none")
        report.error("", "", Text("{name} has no Projects (项目) sheet; its sheets are: {sheets}", name=path.name,
                                  sheets=listed))
        raise CaseError(report.problems)
    for role, sheet in book.sheets.items():
        if role != "projects":
            _excel_errors(sheet, report, 1 if role in ("settings", "enterprise", "outlook") else None)
    settings = _read_settings(book.sheets.get("settings"), report)
    enterprise = _read_enterprise(book.sheets.get("enterprise"), report)
    hurdle_rate = enterprise.hurdle_rate if enterprise else Enterprise.hurdle_rate
    projects, years, layout = _read_projects(projects_sheet, settings, hurdle_rate, report)
    groups: dict[str, GroupCount] = {}
    if layout is not None:
        projects, groups = _with_relations(projects, layout, projects_sheet.title, book.sheets.get("groups"), report)
        _check_links(projects, layout, projects_sheet.title, report)
        _supervision_warnings(projects, enterprise, projects_sheet.title, layout, report)
    outlook_sheet = book.sheets.get("outlook")
    outlook = _read_outlook(outlook_sheet, report)
    _check_outlook(outlook, outlook_sheet, enterprise, years, report)
    settings = _check_settings(settings, enterprise, projects, years, projects_sheet, layout, report)
    settings = _with_entity_budgets(settings, book.sheets.get("entities"), years, projects, report)
    case = Case(projects=tuple(projects), years=years, settings=settings, enterprise=enterprise,
                warnings=tuple(report.warnings), source=str(path), outlook=outlook.figures,
                groups=groups)
    case = _screened(case, book.sheets.get("negative_list"), projects_sheet.title, layout, report)
    if outlook_sheet is not None and not report.problems:
        _check_divisors_by_year(case, outlook, outlook_sheet.title, report)
    if report.problems:
        raise CaseError(_listed(_once_a_cell(report.problems, report.error_cells), book))
    return replace(case, origin=_origin(case, book, projects_sheet.title, layout))


def _origin(case: Case, book: _Book, projects_title: str, layout: _Layout | None) -> Origin:
    """The case as the workbook gave it, for the export to compare the solved case with."""
    columns = layout.columns if layout is not None else {}
    return Origin(settings=case.settings, mandatory=frozenset(p.id for p in case.projects if p.mandatory),
                  excluded=frozenset(p.id for p in case.projects if p.excluded), projects_title=projects_title,
                  header_row=layout.header_row if layout is not None else 1,
                  mark_columns={mark: columns[mark] for mark in ("mandatory", "excluded") if mark in columns},
                  data=book.data, sha256=book.sha256, path=case.source)


def _with_entity_budgets(settings: Settings, sheet: _Sheet | None, years: tuple[int, ...], projects: list[Project],
                         report: _Report) -> Settings:
    """The settings with each subsidiary's own budgets of the Entities sheet (io/entities.py) among the limits."""
    if sheet is None:
        return settings
    _merged_cells(sheet, 1, None, report)
    budgets = read_entity_budgets(sheet.title, sheet.rows, sheet.unsaved_formulas, years,
                                  {p.entity for p in projects if p.entity}, report.error, report.warn)
    return replace(settings, limits={**settings.limits, **budgets.limits}, cells={**settings.cells, **budgets.cells})


def _screened(case: Case, sheet: _Sheet | None, projects_title: str, layout: _Layout | None, report: _Report) -> Case:
    """The case with the rules of the NegativeList sheet (io/negative_list.py), checked against its projects."""
    if sheet is not None:
        _merged_cells(sheet, 1, None, report)
    rules = read_negative_list(sheet, list(case.projects), layout.extra if layout else {}, case.years, report)
    case = replace(case, negative_list=rules)
    if layout is not None and "mandatory" in layout.columns:
        check_screening(case, lambda p: (projects_title, layout.cell("mandatory", p.row)), report)
    return case


def _check_divisors_by_year(case: Case, outlook: _Outlook, sheet: str, report: _Report) -> None:
    """A target in a plan year divides by the outlook's figure that year: it must be above 0 (like the Enterprise
    figure a plain target divides by). ROE divides by the net assets at the start and the end of the year, profit
    growth by the total profit of the year before."""
    reported: set[str] = set()
    for key in case.limits_in_force:
        year = year_of(key)
        if yearly_target(key) is None or year is None:
            continue
        divisor = figure_of(key).divisor
        needed = {"total_profit": [year - 1], "equity": [year - 1, year]}.get(divisor, [year])
        for y in needed:
            value = case.baseline(divisor, y) if divisor else None
            if value is None or value > 0:
                continue
            items = [divisor] if divisor != "equity" or (divisor, y) in outlook.cells else \
                ["total_assets", "total_liabilities"]
            cell = next((outlook.cells[(item, y)] for item in items if (item, y) in outlook.cells), "")
            if cell and cell not in reported:
                reported.add(cell)
                report.error(sheet, cell, Text("{item} in {year} is {value}, but {key} divides by it: it must be "
                                               "above 0", item=divisor, year=y, value=plain(value), key=key))


def _excel_errors(sheet: _Sheet | None, report: _Report, key_column: int | None = None) -> None:
    """Every cell of a sheet that shows an Excel error (#N/A, #REF!, a formula's error result) is an error at the
    cell, and is read as blank after, so that no check says it again (read_case keeps one problem a cell). On a
    key | value sheet the message names the row's key (in `key_column`). The Projects sheet's cells are checked as
    they are read (_read_project_row): it may hold 20,000 rows."""
    if sheet is None:
        return
    for r, row in enumerate(sheet.rows, start=1):
        if not any(v.__class__ is str and excel_error(v) for v in row):
            continue
        cells = list(row)
        for c, value in enumerate(row, start=1):
            error = excel_error(value)
            if error is None:
                continue
            cell = f"{get_column_letter(c)}{r}"
            message = Text("the cell shows the Excel error {error}", error=error)
            key = text_of(row[key_column - 1]) if key_column is not None and c > key_column else None
            if key is not None and not excel_error(key):
                message = Text("{key}: {problem}", key=key, problem=message)
            report.error(sheet.title, cell, message)
            report.error_cells.add((sheet.title, cell))
            cells[c - 1] = None
        sheet.rows[r - 1] = tuple(cells)


def _once_a_cell(problems: list[Problem], error_cells: set[tuple[str, str]]) -> list[Problem]:
    """The problems less any second one at a cell that shows an Excel error (read as blank after it was said)."""
    said_at: set[tuple[str, str]] = set()
    kept = []
    for problem in problems:
        where = (problem.sheet, problem.cell)
        if where in error_cells:
            if where in said_at:
                continue
            said_at.add(where)
        kept.append(problem)
    return kept


def _hidden_sheets(book: _Book, report: _Report) -> None:
    """A case sheet hidden so that Excel's menus cannot show it is refused: its data could not be
    checked by eye. A plainly hidden one is read, with a warning."""
    for sheet in book.sheets.values():
        if sheet.state == "veryHidden":
            report.error("", "", Text("sheet '{title}' is very hidden: Excel's menus cannot show it, so its cells "
                                      "cannot be checked by eye; make it visible (in the Visual Basic editor set its "
                                      "Visible property to -1) or copy its cells to a visible sheet",
                                      title=sheet.title))
        elif sheet.state == "hidden":
            report.warn(sheet.title, "", Text("the sheet is hidden in Excel; it is read as usual"))


def _listed(problems: list[Problem], book: _Book) -> list[Problem]:
    """The problems in sheet order, at most MAX_PROBLEMS, with a pointer to any hidden sheet they are in."""
    ordered = _in_sheet_order(problems, book.titles)
    listed = ordered[:MAX_PROBLEMS]
    if len(ordered) > MAX_PROBLEMS:
        listed.append(Problem("", "", Text("... and {count:,} more problems like these",
                                           count=len(ordered) - MAX_PROBLEMS)))
    hidden = {s.title for s in book.sheets.values() if s.state == "hidden"}
    for title in sorted({p.sheet for p in ordered} & hidden):
        listed.append(Problem(title, "", Text("this sheet is hidden in Excel: right-click a sheet tab and choose "
                                              "Unhide to see the cells listed")))
    for sheet in book.sheets.values():
        columns = sorted({coordinate_from_string(p.cell)[0] for p in ordered if p.sheet == sheet.title and p.cell
                          and column_index_from_string(coordinate_from_string(p.cell)[0]) in sheet.hidden_columns},
                         key=column_index_from_string)
        if columns:
            listed.append(Problem(sheet.title, "", Text("columns {columns} are hidden in Excel: select the columns "
                                                        "around them, right-click and choose Unhide to see the cells "
                                                        "listed", columns=", ".join(columns))))
    return listed


def _in_sheet_order(problems: list[Problem], titles: list[str]) -> list[Problem]:
    def position(problem: Problem) -> tuple[int, int, int]:
        sheet = titles.index(problem.sheet) if problem.sheet in titles else (-1 if not problem.sheet else 999)
        if not problem.cell:
            return sheet, 0, 0
        letters, row = coordinate_from_string(problem.cell)
        return sheet, row, column_index_from_string(letters)

    return sorted(problems, key=position)

