"""Read a case workbook into a `Case`, checking it against the input contract.

The contract is `shared/spec/workbook.md`: a Projects sheet (项目), an optional
Enterprise sheet (企业基数) and an optional Settings sheet (约束与目标). Sheet
names, column names and setting keys may be English or Chinese and are matched
ignoring case, spaces, underscores and hyphens.

`read_case` reads Settings first (the objective decides which Projects columns
are required), then Enterprise, then Projects, then the checks that span
sheets. Every problem is kept with its sheet and cell and all of them are
raised together in one `CaseError`, so a user can fix the whole workbook in one
pass. Things worth knowing but not wrong (an unknown setting, a project flagged
for special supervision) become `Case.warnings`.

Formulas are read by the value Excel saved with them. A formula cell that has
no saved value (a file written by a script and never opened and saved in
Excel) is an error at that cell, "formula without a saved value", rather than
being taken as blank: a blank capex or NPV would silently change the answer.
(A formula whose saved result is empty text cannot be told apart from that and
gets the same error.) Only the cells the engine reads are checked.

`apply_overrides` applies `--set KEY=VALUE` (and the app's what-if changes) to
a case read earlier, with the same value rules and the cross-checks that
depend on settings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils.cell import (
    column_index_from_string,
    coordinate_from_string,
    get_column_letter,
    range_boundaries,
)

from optimizer.io.xlsx import LIMITS, SheetEntry, SheetTooLarge, UnreadableWorkbook, open_workbook
from optimizer.model.case import (
    ENTERPRISE_KEYS,
    LIMIT_KEYS,
    OBJECTIVE_ALIASES,
    OBJECTIVES,
    OTHER_SETTING_KEYS,
    STRATEGIC_CATEGORIES,
    WEIGHT_KEYS,
    Case,
    Enterprise,
    Project,
    Settings,
    budget_key,
    budget_year,
    negative_list_reason,
)
from optimizer.words.text import Text, said

# --------------------------------------------------------------------------- problems


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, where it is and what is wrong, in plain words."""

    sheet: str
    """The sheet name as written in the workbook, "--set" for an override, "" for the file."""
    cell: str
    """Like "C5", or "" when no single cell applies (the message then names the id or column)."""
    message: str
    """In English; a Text (optimizer.words.text), so optimizer.words.language can say it in Chinese."""

    def __str__(self) -> str:
        return str(self.said())

    def said(self) -> Text:
        """The problem as a user reads it, "Projects!C5: message", as a Text."""
        if not self.sheet:
            return Text("{message}", message=self.message)
        if not self.cell:
            return Text("{sheet}: {message}", sheet=self.sheet, message=self.message)
        return Text("{sheet}!{cell}: {message}", sheet=self.sheet, cell=self.cell, message=self.message)


class CaseError(Exception):
    """The workbook (or an override) is invalid; `problems` lists everything found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # keep the problems when pickled (e.g. across processes)
        return CaseError, (self.problems,)


class _BadValue(ValueError):
    """A cell value that does not fit its column; the message says why, in plain words."""


class _Report:
    """Collects the problems (errors) and warnings found while reading."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.warnings: list[str] = []

    def error(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(sheet, cell, message))

    def warn(self, sheet: str, cell: str, message: str) -> None:
        self.warnings.append(Problem(sheet, cell, message).said())


# --------------------------------------------------------------------------- names


def _norm(name: object) -> str:
    """A sheet, column or key name as compared: lower case, without spaces, underscores, hyphens.

    A unit in brackets at the end is dropped too: "npv (CNY 100m)", "净现值（亿元）".
    """
    text = unicodedata.normalize("NFKC", str(name)).lower()
    text = re.sub(r"\s*(\(.*\)|\[.*\]|【.*】)$", "", text.strip())
    return re.sub(r"[\s_\-]+", "", text)


SHEET_NAMES = {"projects": ("Projects", "项目"), "enterprise": ("Enterprise", "企业基数"),
               "settings": ("Settings", "约束与目标")}
_SHEET_BY_NAME = {_norm(n): sheet for sheet, names in SHEET_NAMES.items() for n in names}
_ROLE_NAMES = {"projects": Text("Projects"), "enterprise": Text("Enterprise"), "settings": Text("Settings")}

# Projects columns (besides capex_YYYY): field of Project -> Chinese name.
PROJECT_COLUMNS: dict[str, str] = {
    "id": "项目编号", "name": "项目名称", "entity": "投资主体", "sector": "所属行业",
    "region": "地区", "overseas": "是否境外", "main_business": "是否主业",
    "strategic_category": "战新产业类别", "future_industry": "是否未来产业",
    "key_core_tech": "关键核心技术", "security": "安全保障", "mandatory": "必选",
    "excluded": "排除", "equity_ratio": "资本金比例", "npv": "净现值",
    "npv_low": "悲观净现值", "npv_high": "乐观净现值", "irr": "内部收益率",
    "revenue": "营业收入", "profit": "利润总额", "operating_cash_flow": "经营现金流",
    "rd_spend": "研发投入", "value_added": "增加值", "headcount": "新增人数",
    "risk": "风险等级", "strategic_score": "战略评分", "requires": "前置项目",
    "exclusive_group": "互斥组", "earliest_start": "最早开工年", "latest_start": "最晚开工年",
    "min_share": "最低参与比例",
}
_COLUMN_BY_NAME = {_norm(n): f for f, zh in PROJECT_COLUMNS.items() for n in (f, zh)}
_CAPEX_COLUMN = re.compile(r"(?:capex|投资)(\d{4})")

_SETTING_BY_NAME = {
    _norm(n): key
    for key, zh in [*((k, s.chinese) for k, s in LIMIT_KEYS.items()), *OTHER_SETTING_KEYS.items()]
    for n in (key, zh)
}
_BUDGET_SETTING = re.compile(r"(?:budget|年度预算)(\d{4})")
_ENTERPRISE_BY_NAME = {_norm(n): key for key, zh in ENTERPRISE_KEYS.items() for n in (key, zh)}


def canonical_setting_key(name: str) -> str | None:
    """The canonical Settings key for an English or Chinese name ("年度预算_2027" -> "budget_2027")."""
    normalised = _norm(name)
    budget = _BUDGET_SETTING.fullmatch(normalised)
    if budget:
        return budget_key(int(budget.group(1)))
    return _SETTING_BY_NAME.get(normalised)


def _canonical_enterprise_key(name: str) -> str | None:
    return _ENTERPRISE_BY_NAME.get(_norm(name))


# --------------------------------------------------------------------------- cell values
# Each parser takes a raw cell value and returns the value, or None for a blank
# cell; it raises _BadValue with a plain message for anything else.

_EXCEL_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!"}
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_TRUE = {"true", "yes", "y", "1", "是"}
_FALSE = {"false", "no", "n", "0", "否"}


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fmt(number: float) -> str:
    """A number as a person would write it: 35 not 35.0."""
    if float(number).is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.6g}"


def _text(value: object) -> str | None:
    if _is_blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return _fmt(value)
    if isinstance(value, datetime) and value == datetime(value.year, value.month, value.day):
        return value.date().isoformat()
    return str(value)


LARGEST_NUMBER = 1e15
"""Larger figures are refused as typing or unit slips: the assets of the largest group are about
1e13 yuan, and beyond about 1e15 sums lose the cents in floating point."""


def _number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _BadValue(Text("{value} is not a number", value="TRUE" if value else "FALSE"))
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise _BadValue(Text("{value} is not a number", value=str(value)))
        return _not_too_large(float(value))
    if isinstance(value, str):
        number = _number_from_text(value)
        return None if number is None else _not_too_large(number)
    if isinstance(value, date):
        raise _BadValue(Text("the date {date} is not a number", date=f"{value:%Y-%m-%d}"))
    raise _BadValue(Text("{value} is not a number", value=str(value)))


def _not_too_large(number: float) -> float:
    if abs(number) > LARGEST_NUMBER:
        raise _BadValue(Text("{number} is too large: figures up to 1e15 are supported (check the unit)",
                             number=f"{number:.6g}"))
    return number


def _number_from_text(text: str) -> float | None:
    """Numeric text: " 12 ", "1,234.5", "35%" (= 0.35)."""
    shown = text.strip()
    if not shown:
        return None
    if shown.upper() in _EXCEL_ERRORS:
        raise _BadValue(Text("the cell shows the Excel error {error}", error=shown.upper()))
    digits = unicodedata.normalize("NFKC", shown).replace(" ", "")
    percent = digits.endswith("%")
    if percent:
        digits = digits[:-1]
    if _THOUSANDS.fullmatch(digits):
        digits = digits.replace(",", "")
    try:
        if "_" in digits:  # float() would accept "1_000"; Excel would not
            raise ValueError
        number = float(digits)
    except ValueError:
        raise _BadValue(Text("text '{text}' is not a number", text=shown)) from None
    if not math.isfinite(number):
        raise _BadValue(Text("text '{text}' is not a number", text=shown))
    return number / 100 if percent else number


def _flag(value: object) -> bool | None:
    if _is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = unicodedata.normalize("NFKC", value).strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise _BadValue(Text("'{text}' is not yes or no (write TRUE/FALSE, yes/no, Y/N, 1/0 or 是/否)", text=_text(value)))


def _year(value: object) -> int | None:
    if isinstance(value, date):  # datetime is a date too
        return value.year
    if isinstance(value, str):
        value = value.strip().removesuffix("年")
    try:
        number = _number(value)
    except _BadValue:
        raise _BadValue(Text("'{text}' is not a year", text=_text(value))) from None
    if number is None:
        return None
    if not number.is_integer() or not 1900 <= number <= 2200:
        raise _BadValue(Text("{number} is not a year", number=_fmt(number)))
    return int(number)


def _within(number: float, low: float, high: float, what: Text) -> float:
    """The number if low <= number <= high, else a message that helps with the usual slip (35 for 35%)."""
    if low <= number <= high:
        return number
    if high == 1 and 1 < abs(number) <= 100:
        raise _BadValue(Text("{number} is not {what} (write {fraction} or {number}%)", number=_fmt(number),
                             what=what, fraction=_fmt(number / 100)))
    raise _BadValue(Text("{number} is not {what}", number=_fmt(number), what=what))


def _in_range(low: float, high: float, what: Text) -> Callable[[object], float | None]:
    def parse(value: object) -> float | None:
        number = _number(value)
        return None if number is None else _within(number, low, high, what)
    return parse


def _non_negative(value: object) -> float | None:
    number = _number(value)
    if number is not None and number < 0:
        raise _BadValue(Text("{number} is negative; write 0 or more", number=_fmt(number)))
    return number


def _min_share(value: object) -> float | None:
    number = _number(value)
    if number is not None and number == 0:
        raise _BadValue(Text("0 is not a share above 0 and up to 1 (write 1 for all or nothing)"))
    return None if number is None else _within(number, 0, 1, Text("a share above 0 and up to 1"))


def _risk(value: object) -> float | None:
    number = _number(value)
    if number is not None and not (number.is_integer() and 1 <= number <= 5):
        raise _BadValue(Text("{number} is not a risk grade (a whole number 1 to 5)", number=_fmt(number)))
    return number


_ID_SEPARATORS = re.compile(r"[,，、;；\s]+")


def _ids(value: object) -> tuple[str, ...] | None:
    text = _text(value)
    if text is None:
        return None
    return tuple(dict.fromkeys(part for part in _ID_SEPARATORS.split(text) if part))


def _category_norm(text: str) -> str:
    words = unicodedata.normalize("NFKC", text).lower()
    words = re.sub(r"\band\b", " ", words)
    words = re.sub(r"[^0-9a-z\u4e00-\u9fff]", "", words)
    for suffix in ("industries", "industry", "产业", "行业"):
        if words.endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)]
    return words


_NOT_STRATEGIC = {"", "none", "no", "na", "nil", "traditional", "无", "传统", "否", "非战新"}
_CATEGORY_VARIANTS = {
    "next_generation_it": ["IT", "information technology", "next generation information technology",
                           "new generation information technology", "new generation IT", "next-gen IT",
                           "信息技术"],
    "high_end_equipment": ["high-end equipment manufacturing", "advanced equipment", "高端装备制造"],
    "new_materials": ["new material", "advanced materials"],
    "biotechnology": ["biotech", "bio", "biology", "生物", "生物医药"],
    "new_energy_vehicles": ["NEV", "NEVs", "new energy vehicle", "electric vehicles", "EV", "EVs"],
    "new_energy": ["renewable energy", "clean energy", "renewables"],
    "green_environmental": ["green", "environmental protection", "green and environmental protection",
                            "environmental", "energy saving and environmental protection", "节能环保", "环保"],
    "aerospace": ["aviation", "aerospace equipment", "航空", "航天"],
    "marine_equipment": ["marine", "ocean", "ocean equipment", "maritime equipment", "海洋"],
}
_CATEGORY_BY_NAME = {
    _category_norm(name): key
    for key, (english, chinese) in STRATEGIC_CATEGORIES.items()
    for name in (key, english, chinese, *_CATEGORY_VARIANTS[key])
}


def _category(value: object) -> str | None:
    """A key of STRATEGIC_CATEGORIES, or None for traditional business (blank, 无, 传统, none)."""
    text = _text(value)
    name = _category_norm(text or "")
    if name in _NOT_STRATEGIC:
        return None
    key = _CATEGORY_BY_NAME.get(name) or _CATEGORY_BY_NAME.get(name.removesuffix("s"))
    if key is None:
        known = "、".join(zh for _, zh in STRATEGIC_CATEGORIES.values())
        raise _BadValue(Text("'{text}' is not a strategic emerging industry (use one of {known}, "
                             "or leave it blank for traditional business)", text=text, known=known))
    return key


# How each Projects column is read (capex_YYYY columns use _non_negative).
_PARSERS: dict[str, Callable[[object], object]] = {
    "id": _text, "name": _text, "entity": _text, "sector": _text, "region": _text,
    "overseas": _flag, "main_business": _flag, "strategic_category": _category,
    "future_industry": _flag, "key_core_tech": _flag, "security": _flag,
    "mandatory": _flag, "excluded": _flag,
    "equity_ratio": _in_range(0, 1, Text("a share between 0 and 1")),
    "npv": _number, "npv_low": _number, "npv_high": _number, "irr": _number,
    "revenue": _number, "profit": _number, "operating_cash_flow": _number,
    "rd_spend": _number, "value_added": _number, "headcount": _number,
    "risk": _risk, "strategic_score": _in_range(0, 100, Text("a score between 0 and 100")),
    "requires": _ids, "exclusive_group": _text,
    "earliest_start": _year, "latest_start": _year, "min_share": _min_share,
}

def negative_list_text(project: Project, hurdle_rate: float) -> Text | None:
    """case.negative_list_reason as a Text (the same English), or None."""
    if negative_list_reason(project, hurdle_rate) is None:
        return None
    return Text("negative list: IRR {irr:.2%} is below the hurdle rate {hurdle_rate:.2%} for a commercial project",
                irr=project.irr, hurdle_rate=hurdle_rate)


# --------------------------------------------------------------------------- setting values

_OBJECTIVE_BY_NAME = {**{o: o for o in OBJECTIVES}, **OBJECTIVE_ALIASES}
_ZERO_TO_ONE = {"max_debt_ratio", "min_rd_intensity"}
_MINUS_ONE_TO_ONE = {"min_roe", "min_operating_cash_ratio"}


def parse_setting_value(key: str, value: object) -> float | str:
    """The value of one setting (English or Chinese key), checked; ValueError with a plain message if bad.

    Returns the objective's canonical name for `objective`, the text for
    `currency_unit`, and a number for everything else.
    """
    canonical = canonical_setting_key(key)
    if canonical is None:
        raise ValueError(Text("unknown setting '{key}'", key=key))
    if _is_blank(value):
        raise ValueError(Text("no value"))
    if canonical == "objective":
        objective = _OBJECTIVE_BY_NAME.get(_norm(value))
        if objective is None:
            raise ValueError(Text("'{text}' is not an objective (write npv, eva or score; "
                                  "净现值, 经济增加值 or 综合评分)", text=_text(value)))
        return objective
    if canonical == "currency_unit":
        return _text(value) or ""
    number = _number(value)
    assert number is not None
    return _check_setting_range(canonical, number)


def _check_setting_range(key: str, number: float) -> float:
    kind = LIMIT_KEYS[key].kind if key in LIMIT_KEYS else ("money" if budget_year(key) else "")
    if key == "time_limit":
        if number <= 0:
            raise _BadValue(Text("{number} is not a time limit (write the seconds, more than 0)", number=_fmt(number)))
    elif key == "mip_gap":
        _within(number, 0, 1, Text("a gap between 0 and 1"))
    elif key == "risk_aversion":
        _within(number, 0, 1, Text("a risk aversion between 0 (none) and 1 (the pessimistic NPV only)"))
    elif key in WEIGHT_KEYS or kind in ("money", "productivity"):
        if number < 0:
            raise _BadValue(Text("{number} is negative; write 0 or more", number=_fmt(number)))
    elif kind == "share" or key in _ZERO_TO_ONE:
        _within(number, 0, 1, Text("a share between 0 and 1"))
    elif key in _MINUS_ONE_TO_ONE:
        _within(number, -1, 1, Text("a rate between -1 and 1"))
    elif key == "min_profit_growth":
        if number <= -1:
            raise _BadValue(Text("{number} is not a growth above -1 (-100%)", number=_fmt(number)))
    elif key == "max_avg_risk":
        _within(number, 1, 5, Text("a risk grade between 1 and 5"))
    return number


def setting_range(key: str) -> tuple[float, float]:
    """The lowest and highest value a Settings key may take, as parse_setting_value checks it (±inf where
    it has no bound): for a form that lets the user enter only what the engine takes. min_profit_growth
    must stay above its lowest (-1), time_limit above 0."""
    kind = LIMIT_KEYS[key].kind if key in LIMIT_KEYS else ("money" if budget_year(key) else "")
    if key == "time_limit":
        return 0.0, math.inf
    if key in ("mip_gap", "risk_aversion"):
        return 0.0, 1.0
    if key in WEIGHT_KEYS or kind in ("money", "productivity"):
        return 0.0, math.inf
    if kind == "share" or key in _ZERO_TO_ONE:
        return 0.0, 1.0
    if key in _MINUS_ONE_TO_ONE:
        return -1.0, 1.0
    if key == "min_profit_growth":
        return -1.0, math.inf
    if key == "max_avg_risk":
        return 1.0, 5.0
    return -math.inf, math.inf


def _settings_fields(settings: Settings) -> dict:
    """A Settings as a dict of fresh, changeable fields (to build a new Settings from)."""
    return {"limits": dict(settings.limits), "objective": settings.objective,
            "weights": dict(settings.weights), "currency_unit": settings.currency_unit,
            "time_limit": settings.time_limit, "mip_gap": settings.mip_gap,
            "risk_aversion": settings.risk_aversion, "cells": dict(settings.cells)}


def _set_setting(fields: dict, key: str, value: float | str | None) -> None:
    """Put one parsed setting into `fields`; None restores the default (no limit)."""
    if key in ("objective", "currency_unit", "time_limit", "mip_gap", "risk_aversion"):
        fields[key] = getattr(Settings, key) if value is None else value
    else:
        target = fields["weights"] if key in WEIGHT_KEYS else fields["limits"]
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value


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
            role = _SHEET_BY_NAME.get(_norm(entry.title))
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
                                  cells.hidden_rows, entry.state)
        return _Book(book.titles, sheets, problems)


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


def _key_value_entries(sheet: _Sheet, canonical: Callable[[str], str | None], what: Text,
                       report: _Report) -> list[_Entry]:
    """The recognised key | value rows of a Settings or Enterprise sheet.

    The first non-blank row is skipped silently when its key is unknown (a
    header such as key | value or 参数 | 取值); any later unknown key is a warning.
    """
    _merged_cells(sheet, 1, 2, report)
    entries: list[_Entry] = []
    seen: dict[str, int] = {}
    first = True
    for r, row in enumerate(sheet.rows, start=1):
        key_text = _text(row[0] if row else None)
        value = sheet.value(r, 2)
        if key_text is None:
            if not _is_blank(value) and not first:
                report.warn(sheet.title, f"B{r}", Text("value without a {what} name in column A is ignored",
                                                       what=what))
            continue
        was_first, first = first, False
        key = canonical(key_text)
        if key is None:
            if not was_first:
                report.warn(sheet.title, f"A{r}", Text("unknown {what} '{key}' is ignored", what=what, key=key_text))
            continue
        if key in seen:
            report.error(sheet.title, f"A{r}", Text("{key} is given twice ({first} and {second})", key=key,
                                                    first=f"A{seen[key]}", second=f"A{r}"))
            continue
        seen[key] = r
        if _is_blank(value) and (r, 2) in sheet.unsaved_formulas:
            report.error(sheet.title, f"B{r}", Text("{key}: formula without a saved value "
                                                    "(open and save the workbook in Excel)", key=key))
            continue
        entries.append(_Entry(key, value, f"B{r}"))
    return entries


def _read_settings(sheet: _Sheet | None, report: _Report) -> Settings:
    if sheet is None:
        return Settings()
    fields = _settings_fields(Settings())
    for entry in _key_value_entries(sheet, canonical_setting_key, Text("setting"), report):
        fields["cells"][entry.key] = f"{sheet.title}!{entry.cell}"
        if _is_blank(entry.value):
            continue  # blank means no limit (or the default)
        try:
            value = parse_setting_value(entry.key, entry.value)
        except ValueError as exc:
            report.error(sheet.title, entry.cell, Text("{key}: {problem}", key=entry.key, problem=said(exc)))
            continue
        _set_setting(fields, entry.key, value)
    return Settings(**fields)


_ENTERPRISE_RATES = {"tax_rate": (0, 1), "capital_cost_rate": (0, 1), "hurdle_rate": (-1, 1)}


def _read_enterprise(sheet: _Sheet | None, report: _Report) -> Enterprise | None:
    if sheet is None:
        return None
    values: dict[str, float] = {}
    for entry in _key_value_entries(sheet, _canonical_enterprise_key, Text("item"), report):
        try:
            number = _number(entry.value)
            if number is not None and entry.key in _ENTERPRISE_RATES:
                low, high = _ENTERPRISE_RATES[entry.key]
                _within(number, low, high, Text("a rate between {low} and {high}", low=low, high=high))
        except _BadValue as exc:
            report.error(sheet.title, entry.cell, Text("{key}: {problem}", key=entry.key, problem=said(exc)))
            continue
        if number is not None:
            values[entry.key] = number
    if "equity" not in values and "total_assets" in values and "total_liabilities" in values:
        values["equity"] = values["total_assets"] - values["total_liabilities"]
    return Enterprise(**values)


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
    id_names = {_norm("id"), _norm(PROJECT_COLUMNS["id"])}
    header_row = next((r for r, row in enumerate(sheet.rows[:10], start=1)
                       if any(_text(v) and _norm(v) in id_names for v in row)), None)
    if header_row is None:
        report.error(sheet.title, "", Text("no header row with an 'id' (项目编号) column in the first 10 rows"))
        return None
    layout = _Layout(header_row, {}, {}, {}, {})
    first_cell: dict[object, int] = {}  # field or capex year -> column where it first appeared
    for column, value in enumerate(sheet.rows[header_row - 1], start=1):
        header = _text(value)
        if header is None:
            continue
        layout.headers[column] = header
        normalised = _norm(header)
        capex = _CAPEX_COLUMN.fullmatch(normalised)
        known: object = int(capex.group(1)) if capex else _COLUMN_BY_NAME.get(normalised)
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


def _required_columns(settings: Settings) -> dict[str, Text]:
    """Columns the Projects sheet must have -> why."""
    required = {"name": Text("every project needs a name")}
    if settings.objective == "npv":
        required["npv"] = Text("the objective is npv")
    elif settings.objective == "score" and settings.weights.get("weight_return", 0) > 0:
        required["npv"] = Text("the score objective weighs return (weight_return)")
    elif settings.objective == "eva":
        required["profit"] = Text("the objective is eva")
    return required


def _read_projects(sheet: _Sheet, settings: Settings, hurdle_rate: float,
                   report: _Report) -> tuple[list[Project], tuple[int, ...], _Layout | None]:
    layout = _find_layout(sheet, report)
    if layout is None:
        return [], (), None
    required = _required_columns(settings)
    for column, why in required.items():
        if column not in layout.columns:
            report.error(sheet.title, "", Text("missing column '{column}' ({chinese}): {why}", column=column,
                                               chinese=PROJECT_COLUMNS[column], why=why))
    if not layout.capex:
        report.error(sheet.title, "", Text("no capex column: add one capex_YYYY (投资_YYYY) column per plan "
                                           "year, e.g. capex_2027"))
    years = tuple(sorted(layout.capex))
    _merged_cells(sheet, layout.header_row, None, report)
    projects: list[Project] = []
    first_row: dict[str, int] = {}
    rows_seen = 0
    formula_rows = {r for r, _ in sheet.unsaved_formulas}
    for r in range(layout.header_row + 1, len(sheet.rows) + 1):
        if all(_is_blank(v) for v in sheet.rows[r - 1]) and r not in formula_rows:
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
        if project.id in first_row:
            report.error(sheet.title, layout.cell("id", r),
                         Text("id '{id}' is used twice (rows {first} and {second})", id=project.id,
                              first=first_row[project.id], second=r))
            continue
        first_row[project.id] = r
        projects.append(project)
    if not rows_seen:  # a blank template: not wrong, but there is nothing to choose from
        report.warn(sheet.title, "", Text("no projects: the sheet has a header row but no project rows"))
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
            return parser(raw)
        except _BadValue as exc:
            report.error(title, f"{get_column_letter(column)}{r}", Text("{problem} ({column})", problem=said(exc),
                                                                        column=what))
            return None

    def blank(field_name: str) -> bool:
        """The cell is blank (not merely unreadable, which is reported already)."""
        column = layout.columns.get(field_name)
        return (column is not None and _is_blank(sheet.value(r, column))
                and (r, column) not in sheet.unsaved_formulas)

    values = {f: parse(c, _PARSERS[f], layout.headers[c]) for f, c in layout.columns.items()}
    capex = {year: parse(c, _non_negative, layout.headers[c]) or 0.0 for year, c in layout.capex.items()}
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
        extra={header: sheet.value(r, c) for header, c in layout.extra.items()},
        **values,
    )
    _check_project(project, npv_given, layout, hurdle_rate, title, report)
    return project


def _check_project(p: Project, npv_given: bool, layout: _Layout, hurdle_rate: float, sheet: str,
                   report: _Report) -> None:
    """The checks within one project's row."""
    r = p.row
    if p.latest_start < p.earliest_start:
        report.error(sheet, layout.cell("latest_start", r),
                     Text("{id} latest_start {latest} is before earliest_start {earliest}", id=p.id,
                          latest=p.latest_start, earliest=p.earliest_start))
    if p.mandatory and p.excluded:
        report.error(sheet, layout.cell("mandatory", r), Text("{id} is both mandatory and excluded", id=p.id))
    reason = negative_list_text(p, hurdle_rate)
    if p.mandatory and reason:
        report.error(sheet, layout.cell("mandatory", r), Text("{id} is mandatory but prohibited: {reason}",
                                                              id=p.id, reason=reason))
    if npv_given and p.npv_low is not None and p.npv_low > p.npv:
        report.error(sheet, layout.cell("npv_low", r),
                     Text("{id} npv_low {low} is above its npv {npv}", id=p.id, low=_fmt(p.npv_low), npv=_fmt(p.npv)))
    if npv_given and p.npv_high is not None and p.npv_high < p.npv:
        report.error(sheet, layout.cell("npv_high", r),
                     Text("{id} npv_high {high} is below its npv {npv}", id=p.id, high=_fmt(p.npv_high),
                          npv=_fmt(p.npv)))
    if p.irr is not None and p.irr > 1:
        report.warn(sheet, layout.cell("irr", r), Text("{id} irr {irr} reads as {percent}; write {fraction} or "
                                                       "{irr}% if you meant {irr}%", id=p.id, irr=_fmt(p.irr),
                                                       percent=f"{p.irr:.0%}", fraction=_fmt(p.irr / 100)))


def _check_links(projects: list[Project], layout: _Layout, sheet: str, report: _Report) -> None:
    """The checks between projects: requires, dependency cycles, exclusive groups."""
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
    mandatory_in_group: dict[str, str] = {}
    for p in projects:
        if p.mandatory and p.exclusive_group:
            if p.exclusive_group in mandatory_in_group:
                report.error(sheet, layout.cell("mandatory", p.row),
                             Text("{first} and {second} are both mandatory but in the same exclusive group "
                                  "'{group}'", first=mandatory_in_group[p.exclusive_group], second=p.id,
                                  group=p.exclusive_group))
            else:
                mandatory_in_group[p.exclusive_group] = p.id


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

# Targets measured against the group's baseline: the Enterprise items they need,
# and the one that divides (must be above 0).
_BASELINE_NEEDS: dict[str, tuple[tuple[str, ...], str]] = {
    "min_profit_growth": (("total_profit",), "total_profit"),
    "min_roe": (("net_profit", "equity"), "equity"),
    "max_debt_ratio": (("total_liabilities", "total_assets"), "total_assets"),
    "min_rd_intensity": (("rd_spend", "revenue"), "revenue"),
    "min_operating_cash_ratio": (("operating_cash_flow", "revenue"), "revenue"),
    "min_labour_productivity": (("labour_output", "headcount"), "headcount"),
}


def _baseline_problems(settings: Settings, enterprise: Enterprise | None,
                       keys: Iterable[str]) -> list[tuple[str, Text]]:
    """(key, message) for each baseline target among `keys` that is set but cannot be measured."""
    found = []
    for key in keys:
        if key not in _BASELINE_NEEDS or key not in settings.limits:
            continue
        needed, divisor = _BASELINE_NEEDS[key]
        missing = [item for item in needed if enterprise is None or getattr(enterprise, item) is None]
        if enterprise is None:
            found.append((key, Text("{key} needs the Enterprise sheet ({items})", key=key, items=_and(needed))))
        elif missing:
            found.append((key, Text("{key} needs {items} on the Enterprise sheet", key=key, items=_and(missing))))
        elif getattr(enterprise, divisor) <= 0:
            found.append((key, Text("{key} needs {item} above 0 on the Enterprise sheet (it is {value})", key=key,
                                    item=divisor, value=_fmt(getattr(enterprise, divisor)))))
    return found


def _and(items: Iterable[str]) -> Text:
    """Keys joined by "and" ("net_profit and equity"; "net_profit、equity" in Chinese)."""
    items = list(items)
    return Text("{first} and {second}", first=", ".join(items[:-1]), second=items[-1]) if len(items) > 1 \
        else Text("{only}", only=items[0])


def _objective_problems(settings: Settings, projects: Iterable[Project]) -> list[Text]:
    """For a case already read: the objective needs figures that no project has.

    The reader checks the columns themselves; after an override only the values
    are left, and all of them being 0 means the column was missing.
    """
    projects = list(projects)
    required = _required_columns(settings)
    found: list[Text] = []
    if not projects:
        return found
    if "npv" in required and all(p.npv == 0 for p in projects):
        found.append(Text("{why}, but no project has an npv", why=required["npv"]))
    if "profit" in required and all(p.profit == 0 for p in projects):
        found.append(Text("{why}, but no project has a profit", why=required["profit"]))
    return found


def _check_settings(settings: Settings, enterprise: Enterprise | None, projects: list[Project],
                    years: tuple[int, ...], sheet: _Sheet, layout: _Layout | None,
                    report: _Report) -> Settings:
    """The checks between the Settings and the other sheets; returns the settings to use."""

    def where(key: str) -> tuple[str, str]:
        sheet_title, _, cell = settings.cells[key].rpartition("!")
        return sheet_title, cell

    for key, message in _baseline_problems(settings, enterprise, list(settings.limits)):
        report.error(*where(key), message)
    if "max_avg_risk" in settings.limits and layout is not None:
        if "risk" not in layout.columns:
            report.error(*where("max_avg_risk"), Text("max_avg_risk needs the risk column (风险等级) in Projects"))
        else:
            column, where_set = layout.columns["risk"], settings.cells["max_avg_risk"]
            for p in projects:
                if _is_blank(sheet.value(p.row, column)) and (p.row, column) not in sheet.unsaved_formulas:
                    report.error(sheet.title, layout.cell("risk", p.row),
                                 Text("risk of {id} is blank, but max_avg_risk is set ({cell})", id=p.id,
                                      cell=where_set))
    return _without_stray_budgets(settings, years, lambda key, message: report.warn(*where(key), message))


def _without_stray_budgets(settings: Settings, years: tuple[int, ...],
                           warn: Callable[[str, Text], None]) -> Settings:
    """The settings less any annual budget for a year outside the plan (with a warning each)."""
    stray = [key for key in settings.limits if budget_year(key) is not None and budget_year(key) not in years]
    if not stray or not years:
        return settings
    for key in stray:
        warn(key, Text("{key} is for a year outside the plan years {first}–{last} and is ignored", key=key,
                       first=years[0], last=years[-1]))
    return replace(settings, limits={k: v for k, v in settings.limits.items() if k not in stray})


def _supervision_warnings(projects: list[Project], enterprise: Enterprise | None, sheet: str,
                          layout: _Layout, report: _Report) -> None:
    equity = enterprise.equity if enterprise else None
    if equity is None or equity <= 0:
        return
    for p in projects:
        if p.total_capex > 0.5 * equity:
            report.warn(sheet, layout.cell("id", p.row),
                        Text("{id} capex {capex} is more than 50% of the group's equity {equity}: flagged for "
                             "special supervision", id=p.id, capex=_fmt(p.total_capex), equity=_fmt(equity)))


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
    settings = _read_settings(book.sheets.get("settings"), report)
    enterprise = _read_enterprise(book.sheets.get("enterprise"), report)
    hurdle_rate = enterprise.hurdle_rate if enterprise else Enterprise.hurdle_rate
    projects, years, layout = _read_projects(projects_sheet, settings, hurdle_rate, report)
    if layout is not None:
        _check_links(projects, layout, projects_sheet.title, report)
        _supervision_warnings(projects, enterprise, projects_sheet.title, layout, report)
    settings = _check_settings(settings, enterprise, projects, years, projects_sheet, layout, report)
    if report.problems:
        raise CaseError(_listed(report.problems, book))
    return Case(projects=tuple(projects), years=years, settings=settings, enterprise=enterprise,
                warnings=tuple(report.warnings), source=str(path))


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
    return listed


def _in_sheet_order(problems: list[Problem], titles: list[str]) -> list[Problem]:
    def position(problem: Problem) -> tuple[int, int, int]:
        sheet = titles.index(problem.sheet) if problem.sheet in titles else (-1 if not problem.sheet else 999)
        if not problem.cell:
            return sheet, 0, 0
        letters, row = coordinate_from_string(problem.cell)
        return sheet, row, column_index_from_string(letters)

    return sorted(problems, key=position)


def apply_overrides(case: Case, overrides: dict[str, str]) -> Case:
    """A copy of the case with some settings changed (`--set KEY=VALUE`); a blank value removes a limit.

    Keys may be English or Chinese. Raises CaseError (sheet "--set") for an
    unknown key, a bad value, or a setting the case cannot honour (a baseline
    target without the Enterprise figures it needs, max_avg_risk with projects
    that have no risk grade, an objective whose figures no project has).
    """
    fields = _settings_fields(case.settings)
    problems: list[Problem] = []
    changed: list[str] = []
    for name, text in overrides.items():
        key = canonical_setting_key(name)
        if key is None:
            problems.append(Problem("--set", "", Text("unknown setting '{key}'", key=name)))
            continue
        try:
            value = None if _is_blank(text) else parse_setting_value(key, text)
        except ValueError as exc:
            problems.append(Problem("--set", "", Text("{key}={value}: {problem}", key=name, value=text,
                                                      problem=said(exc))))
            continue
        _set_setting(fields, key, value)
        fields["cells"][key] = "--set"
        changed.append(key)
    settings = Settings(**fields)
    problems += [Problem("--set", "", message)
                 for _, message in _baseline_problems(settings, case.enterprise, changed)]
    if "max_avg_risk" in changed and "max_avg_risk" in settings.limits:
        unrated = [p.id for p in case.projects if p.risk is None]
        if unrated:
            more = Text(" and {count} more", count=len(unrated) - 5) if len(unrated) > 5 else Text("")
            problems.append(Problem("--set", "", Text("max_avg_risk needs a risk grade for every project; missing "
                                                      "for {ids}{more}", ids=", ".join(unrated[:5]), more=more)))
    if {"objective", "weight_return"} & set(changed):
        problems += [Problem("--set", "", message)
                     for message in _objective_problems(settings, case.projects)]
    if problems:
        raise CaseError(problems)
    warnings = list(case.warnings)
    settings = _without_stray_budgets(
        settings, case.years, lambda key, message: warnings.append(Problem("--set", "", message).said()))
    return replace(case, settings=settings, warnings=tuple(warnings))
