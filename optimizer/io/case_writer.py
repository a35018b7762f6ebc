"""Write a `Case` back to a case workbook that `read_case` reads as the same case.

    write_case(case, "case.xlsx")

The layout is the input contract (`shared/spec/workbook.md`) with its English
names: a Projects sheet with one column per field and one capex_YYYY column per
plan year, then any extra columns the case was read with; an Enterprise sheet
when the case has a baseline; a Settings sheet listing every limit (blank for
no limit) and the targets by year it sets, the KPI check, whether supervised
projects are allowed, the objective, the score weights, the currency unit, the
time limit and the gap; an Outlook sheet and a NegativeList sheet when the case
has them. A third column on the key | value sheets gives the
Chinese name and the English label for the people who open the file; the
reader ignores it. A Groups sheet holds the case's group counts, when it has some.

Text is always stored as text, so a name such as "=SUM(A1)" or "-5" never
becomes a formula or a number. The file is written atomically, and the case's
own source workbook is never overwritten unless the caller says so. Numbers
keep 16 significant digits (openpyxl's precision; Excel itself keeps 15), so a
value such as 0.1 + 0.2 reads back as 0.3.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.errors import ExportError
from optimizer.io.files import write_atomically
from optimizer.io.sheets import fit_columns, header_row, put, same_file
from optimizer.model.case import ENTERPRISE_KEYS, OUTLOOK_KEYS, PROJECT_COLUMNS, STRATEGIC_CATEGORIES, Case, Project
from optimizer.model.relations import requires_text
from optimizer.model.targets import (
    ALLOW_SUPERVISED,
    KPI_CHECK,
    LIMIT_KEYS,
    OBJECTIVE,
    PERCENT_KINDS,
    SETTINGS,
    TOTAL_BUDGET,
    WEIGHT_KEYS,
    budget_key,
    entity_budget,
    setting,
    yearly_target,
)
from optimizer.words.text import Text

PERCENT_FORMAT = "0.00%"
PERCENT_COLUMNS = {"equity_ratio", "irr", "min_share"}
PERCENT_ENTERPRISE = {"tax_rate", "capital_cost_rate", "hurdle_rate"}


def write_case(case: Case, path: str | Path, *, allow_overwrite: bool = False) -> None:
    """Write `case` to the .xlsx at `path`.

    Raises ExportError (in words) when `path` is the workbook the case was read from and `allow_overwrite`
    is false, a folder, or in a folder that does not exist; an OSError (permission denied, disk full)
    passes through unchanged.
    """
    path = Path(path)
    if case.source and not allow_overwrite and same_file(path, Path(case.source)):
        raise ExportError(Text("Refusing to write over the case's own workbook {name}; choose another file name.",
                               name=path.name))
    if path.is_dir():
        raise ExportError(Text("{path} is a folder; choose a file name ending in .xlsx.", path=str(path)))
    if not path.parent.is_dir():
        raise ExportError(Text("Cannot save the case to {path}: the folder {folder} does not exist.", path=str(path),
                               folder=str(path.parent)))
    write_atomically(path, case_workbook(case).save)


def case_workbook(case: Case) -> Workbook:
    """The case's input sheets, as `write_case` saves them."""
    wb = Workbook()
    _write_projects(wb.active, case)
    if case.enterprise is not None:
        _write_enterprise(wb.create_sheet("Enterprise"), case)
    _write_settings(wb.create_sheet("Settings"), case)
    if case.outlook:
        _write_outlook(wb.create_sheet("Outlook"), case)
    for title, (has_rules, write) in RULE_SHEETS.items():
        if has_rules(case):
            write(wb.create_sheet(title), case)
    return wb


# --- sheets -------------------------------------------------------------------------------------
def _write_projects(ws: Worksheet, case: Case) -> None:
    ws.title = "Projects"
    fields = list(PROJECT_COLUMNS)
    capex_at = fields.index("equity_ratio")  # the contract's order: flags, then capex, then figures
    extra = list(dict.fromkeys(header for p in case.projects for header in p.extra))
    headers = [*fields[:capex_at], *(f"capex_{year}" for year in case.years), *fields[capex_at:], *extra]
    _headers(ws, headers)
    for r, project in enumerate(case.projects, start=2):
        values = [*(_project_value(project, f) for f in fields[:capex_at]),
                  *(project.capex.get(year, 0.0) for year in case.years),
                  *(_project_value(project, f) for f in fields[capex_at:]),
                  *(project.extra.get(header) for header in extra)]
        for column, value in enumerate(values, start=1):
            cell = put(ws, r, column, value)
            if headers[column - 1] in PERCENT_COLUMNS:
                cell.number_format = PERCENT_FORMAT
    fit_columns(ws)


def _project_value(project: Project, field: str) -> object:
    value = getattr(project, field)
    if field == "strategic_category":
        return STRATEGIC_CATEGORIES[value][1] if value in STRATEGIC_CATEGORIES else None
    if field == "requires":
        return requires_text(project) or None
    if field in ("requires_any", "together_with"):
        return ", ".join(value) or None
    return value if value != "" else None


def _write_enterprise(ws: Worksheet, case: Case) -> None:
    _headers(ws, ["key", "value", "名称 / name"])
    for r, (key, chinese) in enumerate(ENTERPRISE_KEYS.items(), start=2):
        put(ws, r, 1, key)
        cell = put(ws, r, 2, getattr(case.enterprise, key))
        if key in PERCENT_ENTERPRISE:
            cell.number_format = PERCENT_FORMAT
        put(ws, r, 3, f"{chinese} / {key.replace('_', ' ')}")
    fit_columns(ws)


def _write_settings(ws: Worksheet, case: Case) -> None:
    settings = case.settings
    rows: list[tuple[str, object, str, bool]] = []  # key, value, description, shown as percent
    by_year = [key for key in settings.limits if yearly_target(key) is not None]
    for key in [*(budget_key(year) for year in case.years), *LIMIT_KEYS, *by_year]:
        limit = setting(key)
        rows.append((key, settings.limits.get(key), f"{limit.workbook_chinese} / {limit.name.english}",
                     limit.kind in PERCENT_KINDS))
    rows.append((KPI_CHECK, settings.kpi_check, "考核口径 / KPI check: steady or every_year", False))
    rows.append((ALLOW_SUPERVISED, settings.allow_supervised, "允许特别监管类 / allow supervised projects: yes or no",
                 False))
    rows.append((OBJECTIVE, settings.objective, "优化目标 / objective: npv, eva or score", False))
    rows += [(key, settings.weights.get(key), f"{SETTINGS[key].workbook_chinese} / score weight", False)
             for key in WEIGHT_KEYS]
    rows += [("currency_unit", settings.currency_unit, "货币单位 / currency unit", False),
             ("time_limit", settings.time_limit, "求解时限 / time limit (seconds)", False),
             ("mip_gap", settings.mip_gap, "最优性间隙 / optimality gap", False),
             ("risk_aversion", settings.risk_aversion, "风险厌恶系数 / risk aversion 0..1", False)]
    _headers(ws, ["key", "value", "名称 / name"])
    for r, (key, value, description, percent) in enumerate(rows, start=2):
        put(ws, r, 1, key)
        cell = put(ws, r, 2, value)
        if percent:
            cell.number_format = PERCENT_FORMAT
        put(ws, r, 3, description)
    fit_columns(ws)


def _write_outlook(ws: Worksheet, case: Case) -> None:
    _headers(ws, ["key", *case.years])
    for r, key in enumerate((k for k in OUTLOOK_KEYS if k in case.outlook), start=2):
        put(ws, r, 1, key)
        for column, year in enumerate(case.years, start=2):
            cell = put(ws, r, column, case.outlook[key].get(year))
            if key in PERCENT_ENTERPRISE:
                cell.number_format = PERCENT_FORMAT
    fit_columns(ws)


def write_negative_list(ws: Worksheet, case: Case) -> None:
    """The case's negative list: a rule per row, its class, field, match and reason."""
    _headers(ws, ["class", "field", "match", "reason"])
    for r, rule in enumerate(case.negative_list, start=2):
        for column, value in enumerate((rule.rule_class.value, rule.field_text, rule.match_text, rule.reason),
                                       start=1):
            put(ws, r, column, value)
    fit_columns(ws)


def write_groups(ws: Worksheet, case: Case) -> None:
    """The case's group counts: a row per group, its least and most chosen."""
    _headers(ws, ["group", "min_count", "max_count"])
    for r, (group, count) in enumerate(case.groups.items(), start=2):
        put(ws, r, 1, group)
        put(ws, r, 2, count.min_count)
        put(ws, r, 3, count.max_count)
    fit_columns(ws)


def write_entities(ws: Worksheet, case: Case) -> None:
    """Each subsidiary's own budgets: a row per entity, its total budget and a column per plan year."""
    budgets = [TOTAL_BUDGET, *(budget_key(year) for year in case.years)]
    caps: dict[str, dict[str, float]] = {}
    for key, value in case.settings.limits.items():
        if (of_entity := entity_budget(key)) is not None:
            caps.setdefault(of_entity[1], {})[of_entity[0]] = value
    _headers(ws, ["entity", *budgets])
    for r, (entity, own) in enumerate(caps.items(), start=2):
        put(ws, r, 1, entity)
        for column, key in enumerate(budgets, start=2):
            put(ws, r, column, own.get(key))
    fit_columns(ws)


RULE_SHEETS: dict[str, tuple[Callable[[Case], bool], Callable[[Worksheet, Case], None]]] = {
    "Entities": (lambda case: any(entity_budget(key) for key in case.settings.limits), write_entities),
    "Groups": (lambda case: bool(case.groups), write_groups),
    "NegativeList": (lambda case: bool(case.negative_list), write_negative_list),
}
"""The sheets of the case's rules, by their English titles: whether the case has any of that sheet's rules, and
how they are written (also by the export, over the copied sheets: optimizer/io/export.py)."""


def _headers(ws: Worksheet, headers: list[str]) -> None:
    header_row(ws, 1, headers)
    ws.freeze_panes = "A2"
