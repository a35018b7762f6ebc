"""Read the NegativeList sheet (负面清单) into the case's negative-list rules, and check the rules against the
projects (workbook.md, "Screening and relations").

One rule per row, under a header row (in the first 10 rows) naming the columns `class` (类别), `field` (字段),
`match` (匹配) and `reason` (原因), in any order; other columns are ignored. A rule's field is a Projects column in
English or Chinese, `capex` (投资: the project's total capex over the plan), or a column of the workbook's own
on the Projects sheet. Its match is one or more values separated by a comma, 、 or ;, each turned here into the
column's type (optimizer/model/negative_list.py's `Match`):

- a text column: equal ignoring case and spaces, or, written `*text*`, containing the text;
- a yes/no column: yes or no in any of the forms a flag takes (是/否, TRUE/FALSE...);
- a number column: the number, or the number after `>`, `>=`, `<` or `<=` (`>=50`, `<6%`); a number with a
  thousands separator (`1,000`) is read whole when the whole match is one number;
- `strategic_category`: one of the 9 industries (or none, for traditional business);
- a column of the workbook's own: a number column when every project's value there is a number, a yes/no column
  when every one is yes/no, else text.

Every problem is reported at its cell, all at once, with the rest of the workbook's: a class or field that is not
one, a blank class, field or match, a match that cannot be compared with its column, and a mandatory project that
a rule prohibits (at its mandatory cell on the Projects sheet).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import fields
from typing import Protocol

from openpyxl.utils.cell import get_column_letter

from optimizer.io.values import BadValue, is_blank, name_key, parse_category, parse_flag, parse_number, text_of
from optimizer.model.case import PROJECT_COLUMNS, Case, Project
from optimizer.model.negative_list import (
    TOTAL_CAPEX_FIELD,
    Compare,
    Match,
    NegativeRule,
    RuleClass,
    plain_text,
)
from optimizer.model.screening import Status as Screening
from optimizer.model.screening import below_hurdle, screen
from optimizer.model.targets import TOTAL_BUDGET, figure_of
from optimizer.words.text import Name, Text, said

HEADERS = {"rule_class": ("class", "类别"), "field": ("field", "字段"), "match": ("match", "匹配"),
           "reason": ("reason", "原因")}
_HEADER_BY_NAME = {name_key(name): column for column, names in HEADERS.items() for name in names}
_REQUIRED = ("rule_class", "field", "match")
_MAX_HEADER_ROWS = 10

_CLASS_BY_NAME = {name_key(name): rule_class for rule_class, names in {
    RuleClass.PROHIBITED: ("prohibited", "禁止类", "禁止", "prohibit"),
    RuleClass.SUPERVISED: ("supervised", "特别监管类", "特别监管", "监管类", "supervise"),
}.items() for name in names}
_TOTAL_CAPEX_NAMES = (TOTAL_CAPEX_FIELD, "投资", figure_of(TOTAL_BUDGET).key, "总投资")
_CAPEX_YEAR = re.compile(r"(?:capex|投资)(\d{4})")
_FIELD_BY_NAME = {name_key(n): f for f, zh in PROJECT_COLUMNS.items() for n in (f, zh)} | \
    {name_key(n): TOTAL_CAPEX_FIELD for n in _TOTAL_CAPEX_NAMES}
_SEPARATORS = re.compile(r"[,，、;；]")
_COMPARISON = re.compile(r"(>=|<=|≥|≤|>|<|=)?\s*(.*)", re.S)
_OPERATORS = {">=": Compare.AT_LEAST, "≥": Compare.AT_LEAST, "<=": Compare.AT_MOST, "≤": Compare.AT_MOST,
              ">": Compare.ABOVE, "<": Compare.BELOW, "=": Compare.EQUAL, None: Compare.EQUAL}

TEXT, FLAG, NUMBER, CATEGORY = "text", "flag", "number", "category"
_KIND_NAMES = {TEXT: Name("a text column", "文本列"), FLAG: Name("a yes/no column", "是否列"),
               NUMBER: Name("a number column", "数值列"), CATEGORY: Name("the strategic category", "战新产业类别列")}


class SheetCells(Protocol):
    """The cells of a sheet as the workbook reader holds them (rows[0] is Excel row 1)."""

    title: str
    rows: list[tuple]
    unsaved_formulas: set[tuple[int, int]]

    def value(self, row: int, column: int) -> object: ...


class Problems(Protocol):
    def error(self, sheet: str, cell: str, message: str) -> None: ...


def read_negative_list(sheet: SheetCells | None, projects: list[Project], extra_columns: Iterable[str],
                       years: Iterable[int], report: Problems) -> tuple[NegativeRule, ...]:
    """The rules of the NegativeList sheet (none without the sheet); problems go to `report`.

    `extra_columns` are the headers of the Projects columns the engine does not use (a rule may name them),
    `years` the plan years (a rule may name a year's capex column)."""
    if sheet is None:
        return ()
    header = _header(sheet)
    if header is None:
        report.error(sheet.title, "", Text("no header row with the columns class, field and match (类别, 字段, 匹配) "
                                           "in the first 10 rows"))
        return ()
    header_row, columns = header
    missing = [column for column in _REQUIRED if column not in columns]
    if missing:
        names = ", ".join(f"{HEADERS[c][0]} ({HEADERS[c][1]})" for c in missing)
        report.error(sheet.title, f"A{header_row}", Text("the rules need the columns {columns}", columns=names))
        return ()
    fields_by_name = _fields(extra_columns, years)
    kinds = _kinds(projects, extra_columns)
    rules = []
    for r in range(header_row + 1, len(sheet.rows) + 1):
        cells = {column: sheet.value(r, c) for column, c in columns.items()}
        unsaved = {column for column, c in columns.items() if (r, c) in sheet.unsaved_formulas}
        if all(is_blank(v) for v in cells.values()) and not unsaved:
            continue
        rule = _rule(sheet.title, r, columns, cells, unsaved, fields_by_name, kinds, report)
        if rule is not None:
            rules.append(rule)
    return tuple(rules)


def check_screening(case: Case, mandatory_cell: Callable[[Project], tuple[str, str]], report: Problems) -> None:
    """A mandatory project that the negative list prohibits (a prohibited rule, or a supervised one when supervised
    projects are not allowed) is an error at its mandatory cell. (The IRR rule's is the Projects sheet's own
    check.)"""
    for project in case.projects:
        if not project.mandatory or below_hurdle(project, case.hurdle_rate) is not None:
            continue
        screened = screen(project, case)
        if screened.status is Screening.PROHIBITED:
            report.error(*mandatory_cell(project), Text("{id} is mandatory but prohibited: {reason}", id=project.id,
                                                        reason=screened.reason))


def rule_fields(case: Case) -> list[str]:
    """Every field a rule on this case may name, as the reader knows it: the Projects columns, the total capex,
    each plan year's capex and the workbook's own columns."""
    return list(dict.fromkeys(_fields(_extra_columns(case), case.years).values()))


def make_rule(case: Case, rule_class: str, field: str, match: object, reason: str = "") -> NegativeRule | Text:
    """A rule written outside a workbook (the app's Rules tab), read exactly as a row of the NegativeList sheet
    on this case: the rule, or the reader's message saying why it is not one (the first, if several)."""
    problems = _Messages()
    extra = _extra_columns(case)
    cells = {"rule_class": rule_class, "field": field, "match": match, "reason": reason}
    columns = {column: c for c, column in enumerate(cells, start=1)}
    rule = _rule("", 0, columns, cells, set(), _fields(extra, case.years), _kinds(list(case.projects), extra),
                 problems)
    return problems.messages[0] if problems.messages else rule


def screening_problem(case: Case) -> Text | None:
    """The reader's message for the first mandatory project the case's negative list prohibits, or None."""
    problems = _Messages()
    check_screening(case, lambda _project: ("", ""), problems)
    return problems.messages[0] if problems.messages else None


class _Messages:
    """A Problems that keeps the messages only."""

    def __init__(self) -> None:
        self.messages: list[Text] = []

    def error(self, sheet: str, cell: str, message: Text) -> None:
        self.messages.append(message)


def _extra_columns(case: Case) -> list[str]:
    return list(dict.fromkeys(header for p in case.projects for header in p.extra))


# --- one rule -------------------------------------------------------------------------------------
def _header(sheet: SheetCells) -> tuple[int, dict[str, int]] | None:
    """The header row and the column of each of its known headers."""
    for r, row in enumerate(sheet.rows[:_MAX_HEADER_ROWS], start=1):
        columns: dict[str, int] = {}
        for c, value in enumerate(row, start=1):
            known = _HEADER_BY_NAME.get(name_key(value)) if text_of(value) else None
            if known and known not in columns:
                columns[known] = c
        if len(columns) >= 2 and ("field" in columns or "match" in columns):
            return r, columns
    return None


def _rule(title: str, r: int, columns: dict[str, int], cells: dict[str, object], unsaved: set[str],
          fields_by_name: dict[str, str], kinds: dict[str, str], report: Problems) -> NegativeRule | None:
    def cell(column: str) -> str:
        return f"{get_column_letter(columns[column])}{r}"

    ok = True
    for column in unsaved:
        if is_blank(cells[column]):
            report.error(title, cell(column), Text("formula without a saved value (open and save the workbook in "
                                                   "Excel) ({column})", column=HEADERS[column][0]))
            ok = False
    if not ok:
        return None
    class_text, field_text, match_value = text_of(cells["rule_class"]), text_of(cells["field"]), cells["match"]
    rule_class = None
    if class_text is None:
        report.error(title, cell("rule_class"), Text("a rule without a class: write prohibited or supervised "
                                                     "(禁止类 or 特别监管类)"))
    else:
        rule_class = _CLASS_BY_NAME.get(name_key(class_text))
        if rule_class is None:
            report.error(title, cell("rule_class"), Text("'{text}' is not a class of rule: write prohibited or "
                                                         "supervised (禁止类 or 特别监管类)", text=class_text))
    field = None
    if field_text is None:
        report.error(title, cell("field"), Text("a rule without a field: name the Projects column it looks at, "
                                                "such as sector (所属行业)"))
    else:
        field = fields_by_name.get(name_key(field_text))
        if field is None:
            report.error(title, cell("field"), Text("'{text}' is not a column of the Projects sheet (name one such "
                                                    "as sector 所属行业, region 地区, overseas 是否境外, or capex 投资 "
                                                    "for the total capex)", text=field_text))
    matches: tuple[Match, ...] = ()
    if is_blank(match_value):
        report.error(title, cell("match"), Text("a rule without a match: write the value(s) it looks for"))
    elif field is not None:
        try:
            matches = parse_matches(match_value, kinds.get(field, TEXT), field_text)
        except BadValue as error:
            report.error(title, cell("match"), said(error))
    if rule_class is None or field is None or not matches:
        return None
    match_text = text_of(match_value) or ""
    reason = text_of(cells.get("reason")) or f"{field_text} {match_text}"
    return NegativeRule(rule_class, field, matches, reason, (rule_class.value, field_text, match_text), r)


def _fields(extra_columns: Iterable[str], years: Iterable[int]) -> dict[str, str]:
    """Field of a rule by the name a workbook may give it."""
    found = dict(_FIELD_BY_NAME)
    for year in years:
        found[name_key(f"capex_{year}")] = found[name_key(f"投资_{year}")] = f"capex_{year}"
    for header in extra_columns:
        found.setdefault(name_key(header), header)
    return found


def _kinds(projects: list[Project], extra_columns: Iterable[str]) -> dict[str, str]:
    """How each field's values compare: the type of the Project field, or what the values of a column of the
    workbook's own all are."""
    kinds = {TOTAL_CAPEX_FIELD: NUMBER}
    for f in fields(Project):
        if f.name == "strategic_category":
            kinds[f.name] = CATEGORY
        elif f.name == "capex":
            continue
        elif str(f.type) == "bool":
            kinds[f.name] = FLAG
        elif str(f.type).startswith(("float", "int")):
            kinds[f.name] = NUMBER
        else:
            kinds[f.name] = TEXT
    for header in extra_columns:
        values = [p.extra.get(header) for p in projects if not is_blank(p.extra.get(header))]
        if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            kinds[header] = NUMBER
        elif values and all(isinstance(v, bool) for v in values):
            kinds[header] = FLAG
        else:
            kinds[header] = TEXT
    return kinds


def parse_matches(value: object, kind: str, field: str) -> tuple[Match, ...]:
    """The matches written in one cell, in the column's type; BadValue saying why one cannot be compared."""
    if isinstance(value, bool):
        parts: list[object] = [value]
    elif isinstance(value, int | float):
        parts = [float(value)]
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
        whole = _single_number(text) if kind == NUMBER else None
        parts = [text] if whole is not None else [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
    if not parts:
        raise BadValue(Text("a rule without a match: write the value(s) it looks for"))
    return tuple(_match(part, kind, field) for part in parts)


def _single_number(text: str) -> float | None:
    try:
        return parse_number(_COMPARISON.fullmatch(text).group(2))
    except BadValue:
        return None


def _match(part: object, kind: str, field: str) -> Match:
    written = text_of(part) or ""
    contains = isinstance(part, str) and len(part) > 2 and part.startswith("*") and part.endswith("*")
    if contains and kind == TEXT:
        return Match(Compare.CONTAINS, plain_text(part[1:-1]))
    if contains:
        raise BadValue(Text("'{text}' cannot be compared with {field}, {kind}: *text* looks for text", text=written,
                            field=field, kind=_KIND_NAMES[kind]))
    if kind == TEXT:
        return Match(Compare.EQUAL, plain_text(written))
    if kind == FLAG:
        try:
            return Match(Compare.EQUAL, parse_flag(part))
        except BadValue:
            raise BadValue(Text("'{text}' cannot be compared with {field}, {kind}: write yes or no (是 or 否)",
                                text=written, field=field, kind=_KIND_NAMES[kind])) from None
    if kind == CATEGORY:
        try:
            category = parse_category(part)
        except BadValue as error:
            raise BadValue(Text("{problem} ({field})", problem=said(error), field=field)) from None
        return Match(Compare.EQUAL, plain_text(category) if category else None)
    if isinstance(part, float):
        return Match(Compare.EQUAL, part)
    operator, number = _COMPARISON.fullmatch(str(part)).groups()
    try:
        value = parse_number(number)
    except BadValue:
        value = None
    if value is None:
        raise BadValue(Text("'{text}' cannot be compared with {field}, {kind}: write a number, or a number after >, "
                            ">=, < or <= (such as >=50)", text=written, field=field, kind=_KIND_NAMES[kind]))
    return Match(_OPERATORS[operator], value)
