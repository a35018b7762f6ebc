"""The result workbook's input sheets as the case that was solved, and its decision log.

The export copies the input workbook's sheets (export.py); here the cells whose values the solve did not use are
rewritten in place, so the user's formatting and extra columns stay and the export reopens as the very case
solved: the Settings value of each key changed by `--set` or the app (a row added for a key the workbook lacked,
the value cleared for a limit removed), and the Projects sheet's mandatory and excluded marks the app's ticks
changed (the column added when the sheet had none). The decision log lists those overrides (report/overrides.py)
and what ties the result to its input: the app's version, the solver and its options, the time, the input file's
name and its SHA-256 as it was read.
"""

from __future__ import annotations

from datetime import datetime
from importlib import metadata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.io.sheets import HEADER_FONT, header_row, put, write_table
from optimizer.io.values import name_key
from optimizer.io.workbook import SHEET_NAMES
from optimizer.model.case import Case, Settings
from optimizer.model.targets import PERCENT_KINDS, entity_budget, is_limit, setting
from optimizer.report.overrides import MARKS, changed_settings, overrides, settings_used
from optimizer.report.result import Result
from optimizer.words.language import IN_ENGLISH, Words

DECISION_LOG = "Decision log"
PERCENT_FORMAT = "0.00%"


def write_case_as_solved(wb: Workbook, case: Case, words: Words = IN_ENGLISH) -> None:
    """Rewrite, in the copied input sheets of `wb`, the Settings values and project marks the solve used."""
    if case.workbook_origin is None:  # not read from this workbook: its cells are not known
        return
    _settings_as_solved(wb, case)
    _marks_as_solved(wb, case, words)


def _settings_as_solved(wb: Workbook, case: Case) -> None:
    keys = [key for key in changed_settings(case) if entity_budget(key) is None]  # those are the Entities sheet's
    if not keys:
        return
    titles = {name_key(name) for name in SHEET_NAMES["settings"]}
    ws = next((sheet for sheet in wb.worksheets if name_key(sheet.title) in titles), None)
    if ws is None:
        ws = wb.create_sheet(SHEET_NAMES["settings"][0])
        header_row(ws, 1, ["key", "value"])
    used, cells = settings_used(case.settings), case.workbook_origin.settings.cells
    key_column = 1
    for key in keys:
        title, _, at = cells.get(key, "").rpartition("!")
        if title == ws.title and at:
            cell = ws[at]
            key_column = max(1, cell.column - 1)
        else:
            row = ws.max_row + 1
            put(ws, row, key_column, key)
            cell = ws.cell(row=row, column=key_column + 1)
            if is_limit(key) and setting(key).kind in PERCENT_KINDS:
                cell.number_format = PERCENT_FORMAT
        put(ws, cell.row, cell.column, used.get(key))


def _marks_as_solved(wb: Workbook, case: Case, words: Words) -> None:
    origin = case.workbook_origin
    if origin.projects_title not in wb.sheetnames:
        return
    ws = wb[origin.projects_title]
    for mark in MARKS:
        marked = getattr(origin, mark)
        changed = [p for p in case.projects if getattr(p, mark) != (p.id in marked) and p.row]
        if not changed:
            continue
        column = origin.mark_columns.get(mark)
        if column is None:
            column = ws.max_column + 1
            put(ws, origin.header_row, column, mark)
        for p in changed:
            put(ws, p.row, column, words("yes" if getattr(p, mark) else "no"))


def write_decision_log(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    """The run's facts (app, solver, time, input file and its SHA-256), then one row per override."""
    case = result.case
    settings = case.settings
    origin = case.workbook_origin
    facts = [
        (words("App version"), _version()),
        (words("Solver"), f"HiGHS {_version('highspy')}"),
        (words("Solver options"), _options(result, settings)),
        (words("Run at"), datetime.now().replace(microsecond=0).isoformat(sep=" ")),
        (words("Case file"), Path(case.source).name if case.source else ""),
        (words("SHA-256 of the case file"), origin.sha256 if origin is not None else ""),
    ]
    rows: list[list[object]] = [[label, value, None, None, None, None] for label, value in facts]
    rows.append([None] * 6)
    rows.append([words("Override"), words("Project"), words("Workbook value"), words("Value used"), words("By"),
                 words("How")])
    found = overrides(case)
    for o in found:
        rows.append([o.key, o.project, _shown(o.workbook, words), _shown(o.used, words),
                     words("--set") if o.by == "--set" else words("app"), words(o.how) if o.how else None])
    if not found:
        rows.append([words("none: the case was solved as the workbook gives it"), None, None, None, None, None])
    write_table(ws, [words("Item"), words("Value"), "", "", "", ""], rows)
    for cell in ws[len(facts) + 3]:
        cell.font = HEADER_FONT


def _options(result: Result, settings: Settings) -> str:
    """The options HiGHS ran with, as HiGHS names them; the settings' time limit and gap for a result without a
    solve (no candidates)."""
    options = {key: value for key, value in result.solution.options.items() if key != "output_flag"} or \
        {"time_limit": settings.time_limit, "mip_rel_gap": settings.mip_gap}
    return ", ".join(f"{key}={value:g}" if isinstance(value, float) else f"{key}={value}"
                     for key, value in options.items())


def _shown(value: object, words: Words) -> object:
    if isinstance(value, bool):
        return words("yes" if value else "no")
    return "" if value is None else value


def _version(package: str = "portfolio-optimizer") -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"
