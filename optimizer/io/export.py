"""The result workbook: the input sheets, so it opens again as the same case, plus result sheets.

    export_result(result, "RESULT.xlsx")                      # English sheet and column names
    export_result(result, "结果.xlsx", language="zh_CN")      # Chinese ones (optimizer.words.language)

The result sheets are a summary, the chosen projects, the excluded projects with their reasons,
spend by year against budget, capex by strategic category, the KPIs before and after against
their targets, the group's figures in each plan year with a chart each and the five values
(export_values.py), every constraint (contract: shared/spec/cli.md) and the decision log (export_case.py:
every override of the workbook, the solver, the input file's SHA-256). Re-exporting an export replaces its
result sheets. The input sheets are copied, with their formatting, as the case that was solved: the rules (the
Entities, Groups and NegativeList sheets) are written from the case (the app's Rules tab edits them), and the
Settings values and the projects' mandatory and excluded marks that `--set` or the app changed are rewritten in
place (export_case.py), so the export reopens as the case solved. The file is written atomically; any failure
is an `ExportError` with a plain message.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.errors import UnreadableWorkbook
from optimizer.io.case_writer import RULE_SHEETS, case_workbook
from optimizer.io.export_case import DECISION_LOG, write_case_as_solved, write_decision_log
from optimizer.io.export_values import FIVE_VALUES, KPIS_BY_YEAR, write_five_values, write_kpis_by_year
from optimizer.io.sheets import (
    EXCEL_ROWS,
    HEADER_FONT,
    MAX_COLUMN_WIDTH,
    MONEY_FORMAT,
    NUMBER_FORMATS,
    PERCENT_FORMAT,
    YEAR_FORMAT,
    check_target,
    export_error,
    open_on,
    save,
    shown_format,
    status_said,
    write_table,
)
from optimizer.io.spreadsheet import open_data
from optimizer.io.values import name_key
from optimizer.io.workbook import SHEET_NAMES
from optimizer.io.xlsx import SheetTooLarge, as_transitional
from optimizer.model.case import STRATEGIC_CATEGORIES, Case, Project
from optimizer.model.targets import SCORE_UNIT, TOTAL_BUDGET, Kind, Objective, budget_key
from optimizer.report.constraints import GROUP_COUNTS, limit_step
from optimizer.report.result import Result, Selection
from optimizer.tolerances import NEGLIGIBLE
from optimizer.words.language import CHINESE, ENGLISH, IN_ENGLISH, Words
from optimizer.words.text import Items, Text, said
from optimizer.words.units import shown_value

SUMMARY, SELECTED, EXCLUDED, SPEND, CATEGORIES, KPIS, CONSTRAINTS = (
    "Summary", "Selected", "Excluded", "Spend by year", "Capex by category", "KPIs", "Constraints")
RESULT_SHEETS = (SUMMARY, SELECTED, EXCLUDED, SPEND, CATEGORIES, KPIS, KPIS_BY_YEAR, FIVE_VALUES, CONSTRAINTS,
                 DECISION_LOG)
ANALYTICS_SHEETS = ("Why not", "未入选分析", "Risk figures", "风险指标")
"""Sheets export_analytics.py adds through `extra_sheets`; like the result sheets, replaced on re-export."""

TRADITIONAL = "Traditional / 传统"


def export_result(result: Result, path: str | Path, language: str = ENGLISH,
                  extra_sheets: Callable[[Workbook, Words], None] | None = None) -> None:
    """Write `result` to the .xlsx at `path`: the case's input sheets plus the result sheets.

    `language` ("en" or "zh_CN") names the result sheets and their columns and writes the reasons and
    the diagnosis; the input sheets are copied with the values the solve used, so the file reads back as the case
    solved.
    `extra_sheets(wb, words)` adds more before saving (the decision analytics, export_analytics.py).
    """
    path = Path(path)
    words = Words(language)
    check_target(path, result.case.source, words)
    wb, copied = _input_workbook(result.case, words)
    _rules_as_solved(wb, result.case)
    if copied:
        write_case_as_solved(wb, result.case, words)
    summary = wb.create_sheet(words(SUMMARY))
    write_summary(summary, result, words)
    if result.solution.has_portfolio:
        write_selected(wb.create_sheet(words(SELECTED)), result, words)
        write_excluded(wb.create_sheet(words(EXCLUDED)), result, words)
        write_spend(wb.create_sheet(words(SPEND)), result, words)
        write_categories(wb.create_sheet(words(CATEGORIES)), result, words)
        write_kpis(wb.create_sheet(words(KPIS)), result, words)
        if result.kpis_by_year:
            write_kpis_by_year(wb.create_sheet(words(KPIS_BY_YEAR)), result, words)
        if result.five_values:
            write_five_values(wb.create_sheet(words(FIVE_VALUES)), result, words)
        write_constraints(wb.create_sheet(words(CONSTRAINTS)), result, words)
    write_decision_log(wb.create_sheet(words(DECISION_LOG)), result, words)
    if extra_sheets is not None:
        extra_sheets(wb, words)
    open_on(wb, summary)
    save(wb, path, words)


# --- the input sheets ---------------------------------------------------------------------------
def _input_workbook(case: Case, words: Words = IN_ENGLISH) -> tuple[Workbook, bool]:
    """The input workbook with values, not formulas, and without result sheets of an earlier export; and whether
    it is the file's copy (False: the case's sheets as the case writer writes them).

    A formula cell keeps its cached value, so the file reads back as the same case. A formula with
    no cached value (a file written by a program, never opened in Excel) stays a formula, so the
    user's spreadsheet program can still compute it. openpyxl loads the file once, for the values;
    those formulas come from the bounded reader (optimizer.io.xlsx), which checks the file first anyway.
    An .xls or .ods, which openpyxl cannot open, gives the case's sheets as the case writer writes them
    (the case read from it, so the export reopens as the same case; its other sheets are not copied).
    The workbook is copied from the bytes read with the case, never from the file as it is now (replaced or
    edited during the solve, it would not be the case solved); only a case without them (an autosave restored
    whose copy of them was lost) reads its file again.
    """
    source = case.source
    if not source:
        wb = Workbook()
        wb.remove(wb.active)
        return wb, False
    origin = case.workbook_origin
    try:
        raw = origin.data if origin is not None and origin.data else Path(source).read_bytes()
        # the reader's bounds (zip and XML bombs) before openpyxl unpacks it
        uncached, titles = _uncached_formulas(Path(source).name, raw)
        if uncached is None:
            return case_workbook(case), False
        data = as_transitional(raw)
    except UnreadableWorkbook as error:
        raise export_error(words, Text("The result was not saved: the case file's sheets could not be copied into "
                                        "it. {problem}", problem=said(error))) from error
    except OSError as error:
        raise export_error(words, Text(
            "The result was not saved: the case file {name} could not be read again to copy its sheets into it "
            "({detail}). Check that the file is still there and not locked by another program, then export again",
            name=Path(source).name, detail=error.strerror or type(error).__name__)) from error
    try:
        # From the bytes, not the path, so that an input with another extension opens, as in the reader.
        with warnings.catch_warnings():  # what it warns of is checked below, in words
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file; the user hears what to do
        raise export_error(words, Text(
            "The result was not saved: the case file {name} could not be read again to copy its sheets into it. "
            "It may have been changed or damaged since the case was opened, or hold something the copy cannot "
            "read. Open it in Excel and save it again, then open the case again and export",
            name=Path(source).name)) from error
    lost = [title for title in titles if title not in wb.sheetnames]
    if lost:
        raise export_error(words, Text(
            "The result was not saved: the sheets {sheets} of the case file {name} could not be copied into it, so "
            "it would not reopen as the case solved. Open the file in Excel, save it as an Excel Workbook (.xlsx), "
            "then open the case again and export", sheets=Items(lost), name=Path(source).name))
    for ws in wb.worksheets:
        for (row, column), formula in uncached.get(ws.title, {}).items():
            ws.cell(row=row, column=column).value = formula
    result_names = {_normalized(words(name)) for name in RESULT_SHEETS for words in (Words(ENGLISH), Words(CHINESE))}
    result_names |= {_normalized(name) for name in ANALYTICS_SHEETS}
    for ws in list(wb.worksheets):
        if _normalized(ws.title) in result_names:
            wb.remove(ws)
    return wb, True


def _rules_as_solved(wb: Workbook, case: Case) -> None:
    """The Entities, Groups and NegativeList sheets written from `case` in place of the copied ones (at the same
    place, under the same title), added when the workbook had none, removed when the case has no such rules."""
    names_of = {names[0]: names for names in SHEET_NAMES.values()}  # English title -> it and its Chinese one
    for english, (has_rules, write) in RULE_SHEETS.items():
        titles = {name_key(name) for name in names_of[english]}
        found = next((ws for ws in wb.worksheets if name_key(ws.title) in titles), None)
        title, at = (found.title, wb.index(found)) if found is not None else (english, None)
        if found is not None:
            wb.remove(found)
        if has_rules(case):
            write(wb.create_sheet(title, at), case)


def _uncached_formulas(name: str, data: bytes) -> tuple[dict[str, dict[tuple[int, int], str]] | None, list[str]]:
    """Sheet title -> (row, column) -> formula, for the formula cells without a saved value; and the titles of
    the worksheets, which the copy must keep. None for an .xls or .ods, which openpyxl cannot copy.

    A sheet past the reader's limits (millions of cells, which no case sheet needs) gives none: its
    values are copied as openpyxl reads them.
    """
    found: dict[str, dict[tuple[int, int], str]] = {}
    titles: list[str] = []
    with open_data(name, data) as book:
        if book.file_format != "xlsx":
            return None, []
        for entry in book.sheets:
            if entry.kind != "worksheet":
                continue
            titles.append(entry.title)
            try:
                cells = book.read(entry.title, max_rows=EXCEL_ROWS)
            except SheetTooLarge:
                continue
            if cells.unsaved_formula_text:
                found[entry.title] = cells.unsaved_formula_text
    return found, titles


def _normalized(name: str) -> str:
    """Sheet names match as the reader matches them: ignoring case, spaces, underscores and hyphens."""
    return "".join(ch for ch in name.casefold() if ch not in " _-")


# --- the result sheets, one function each -------------------------------------------------------
def write_summary(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    case, s = result.case, result.solution
    unit = words.currency(case.settings.currency_unit)
    value_unit = SCORE_UNIT.said_in(words.chinese) if result.objective == Objective.SCORE else unit
    value_format = NUMBER_FORMATS[Kind.GRADE] if result.objective == Objective.SCORE else MONEY_FORMAT
    rows: list[tuple[str, object, str | None]] = [
        (words("Case file"), Path(case.source).name if case.source else "", None),
        (words("Run at"), datetime.now().replace(microsecond=0), "yyyy-mm-dd hh:mm"),
        (words("Status"), status_said(words, s.status), None),
        (words("Quality"), words.text(s.quality()), None),
        (words("Objective"), f"{words.objective(result.objective)} ({result.objective})", None),
        (words("Objective value ({unit})").format(unit=value_unit), s.objective_value, value_format),
        (words("Best proven bound ({unit})").format(unit=value_unit), s.bound, value_format),
        (words("Gap"), s.gap, PERCENT_FORMAT),
        (words("Solve seconds"), s.solve_seconds, "0.00"),
    ]
    if s.has_portfolio:
        rows += [
            (words("Projects selected"), len(result.selected), "0"),
            (words("Candidate projects"), len(case.projects), "0"),
            (words("Total capex ({unit})").format(unit=unit), sum(x.capex for x in result.selected), MONEY_FORMAT),
        ]
    supervised = [x.id for x in result.supervised if x.chosen]
    if supervised:
        rows.append((words("Selected under special supervision"), ", ".join(supervised), None))
    rows += [(words("Warning"), words.text(warning), None) for warning in case.warnings]
    rows += [(words("Diagnosis"), words.text(item.message), None) for item in result.diagnosis]
    write_table(ws, [words("Item"), words("Value")], [[label, value] for label, value, _ in rows],
                 [[None, fmt] for _, _, fmt in rows])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].alignment = Alignment(horizontal="left", wrap_text=isinstance(row[0].value, str))
    ws.column_dimensions["B"].width = MAX_COLUMN_WIDTH * 1.5


def write_selected(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    case = result.case
    unit = words.currency(case.settings.currency_unit)
    later = _spend_after_horizon(result)
    headers = [words(h) for h in ("ID", "Name", "Entity", "Sector", "Strategic category", "Share", "Start year")]
    headers.append(words("Capex ({unit})").format(unit=unit))
    headers += [words("capex_{year} ({unit})").format(year=year, unit=unit) for year in case.years]
    if later:
        headers.append(words("Capex after {year} ({unit})").format(year=case.years[-1], unit=unit))
    headers += [words(h).format(unit=unit) for h in ("NPV ({unit})", "Profit ({unit})", "R&D spend ({unit})")]
    headers += [words("Risk grade"), words("Mandatory"), words("Special supervision")]
    supervised = {x.id: x.reason for x in result.supervised}
    rows, formats = [], []
    for x in result.selected:
        p = case.project(x.id)
        by_year = _spend_by_plan_year(p, x)
        row = [x.id, x.name, p.entity, p.sector, _category_chinese(p), x.share, x.start_year, x.capex]
        row += [by_year.get(year, 0.0) for year in case.years]
        if later:
            row.append(sum(v for year, v in by_year.items() if year > case.years[-1]))
        row += [x.npv, p.profit * x.share, p.rd_spend * x.share, p.risk, words("yes" if p.mandatory else "no"),
                words.text(supervised[x.id]) if x.id in supervised else None]
        rows.append(row)
        money_columns = len(case.years) + bool(later)
        formats.append([None] * 5 + [PERCENT_FORMAT, YEAR_FORMAT, MONEY_FORMAT] + [MONEY_FORMAT] * money_columns
                       + [MONEY_FORMAT] * 3 + ["0.##", None, None])
    write_table(ws, headers, rows, formats)


def write_excluded(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    rows = [[x.id, x.name, words.text(x.reason), x.code] for x in result.excluded]
    write_table(ws, [words(h) for h in ("ID", "Name", "Reason", "Code")], rows)


def write_spend(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    case = result.case
    unit = words.currency(case.settings.currency_unit)
    headers = [words(h).format(unit=unit) for h in ("Year", "Spend ({unit})", "Budget ({unit})", "Headroom ({unit})",
                                                    "Utilisation")]
    rows = []
    for year in case.years:
        spend, budget = result.spend_by_year.get(year, (0.0, case.settings.limits.get(budget_key(year))))
        rows.append([year, spend, *_against(spend, budget)])
    later = _spend_after_horizon(result)
    if later:
        rows.append([words("after {year}").format(year=case.years[-1]), later, None, None, None])
    total = sum(x.capex for x in result.selected)
    rows.append([words("Total"), total, *_against(total, case.settings.limits.get(TOTAL_BUDGET))])
    row_format = [YEAR_FORMAT, MONEY_FORMAT, MONEY_FORMAT, MONEY_FORMAT, PERCENT_FORMAT]
    write_table(ws, headers, rows, [row_format] * len(rows))
    for cell in ws[ws.max_row]:
        cell.font = HEADER_FONT
    if case.years:
        has_budget = any(row[2] is not None for row in rows[:len(case.years)])
        chart = _bar_chart(words("Spend by year against budget"), unit)
        chart.add_data(Reference(ws, min_col=2, max_col=3 if has_budget else 2, min_row=1,
                                 max_row=1 + len(case.years)), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=1 + len(case.years)))
        ws.add_chart(chart, "G2")


def write_categories(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    """Capex by strategic emerging industry, traditional business last, with its chart."""
    unit = words.currency(result.case.settings.currency_unit)
    capex: dict[str | None, float] = {}
    for x in result.selected:
        key = result.case.project(x.id).strategic_category
        capex[key] = capex.get(key, 0.0) + x.capex
    total = sum(capex.values())
    order = [key for key in STRATEGIC_CATEGORIES if key in capex] + ([None] if None in capex else [])
    rows = [[_category_label(key, words), capex[key], capex[key] / total if total else None] for key in order]
    headers = [words("Strategic category"), words("Capex ({unit})").format(unit=unit), words("Share of capex")]
    write_table(ws, headers, rows,
                 [[None, MONEY_FORMAT, PERCENT_FORMAT]] * len(rows))
    if rows:
        # Horizontal bars: the long category names read along the axis, not squeezed under it.
        chart = _bar_chart(words("Capex by strategic category"), unit, horizontal=True)
        chart.height = max(7.5, 1.2 * len(rows) + 3)
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=1 + len(rows)), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=1 + len(rows)))
        chart.legend = None
        ws.add_chart(chart, "E2")


def write_kpis(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    headers = [words(h) for h in ("KPI", "Unit", "Before", "After", "Target", "Target sense", "Met", "Key")]
    currency = result.case.settings.currency_unit
    rows, formats = [], []
    for k in result.kpis.values():
        sense = {"min": "≥", "max": "≤"}.get(k.sense or "", "") if k.target is not None else ""
        met = "" if k.met is None else ("✓" if k.met else "✗")
        unit = words.shown_unit(k.kind, currency) if words.chinese or k.kind == Kind.PRODUCTIVITY else k.unit
        before, after, target = (shown_value(v, k.kind, currency) for v in (k.before, k.after, k.target))
        rows.append([words.kpi_label(k.key, k.label), unit, before, after, target, sense, met, k.key])
        fmt = shown_format(k.kind, currency)
        formats.append([None, None, fmt, fmt, fmt, None, None, None])
    write_table(ws, headers, rows, formats)
    for row in ws.iter_rows(min_row=2, min_col=6, max_col=7):
        for cell in row:
            cell.alignment = Alignment(horizontal="center")


def write_constraints(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    """Every constraint in the unit it is shown in (percentages, the case's money, 万元/人), and for a binding
    limit what one step looser is worth: re-solved (analysis/step_value.py), and the LP's local rate at the
    chosen projects (report/constraints.py), both per the step of its Step column."""
    currency = result.case.settings.currency_unit
    objective_unit = SCORE_UNIT.said_in(words.chinese) if result.objective == Objective.SCORE \
        else words.currency(currency)
    headers = [words(h) for h in ("Name", "Subject", "Label", "Unit", "Value", "Limit", "Binding", "Step looser")]
    headers += [words(h).format(unit=objective_unit) for h in ("Worth of one step looser, re-solved ({unit})",
                                                               "Local rate at the chosen projects, per step ({unit})")]
    if words.chinese:  # the Settings key, not a project's name
        headers[0] = words("Constraint key")
    rows, formats = [], []
    for c in result.constraints:
        label = words.constraint_label(c.name, "", c.label)
        value, limit = shown_value(c.value, c.kind, currency), shown_value(c.limit, c.kind, currency)
        step = limit_step(c.name, c.kind, currency) if c.binding and c.name not in GROUP_COUNTS else None
        rate = c.marginal_value * step.change if step is not None and c.marginal_value is not None else None
        rows.append([c.name, c.subject, label, words.shown_unit(c.kind, currency), value, limit,
                     words("yes" if c.binding else "no"), words.say(step.size) if step is not None else None,
                     c.step_value if step is not None else None, rate])
        fmt = shown_format(c.kind, currency)
        formats.append([None, None, None, None, fmt, fmt, None, None, "0.0000", "0.0000"])
    write_table(ws, headers, rows, formats)


# --- figures the sheets share -------------------------------------------------------------------
def _spend_by_plan_year(p: Project, x: Selection) -> dict[int, float]:
    """The chosen share of a project's spend by calendar year, for its chosen start year.

    The capex profile is for a start in earliest_start; starting d years later moves it d years later.
    """
    delay = x.start_year - p.earliest_start
    return {year + delay: amount * x.share for year, amount in p.capex.items()}


def _spend_after_horizon(result: Result) -> float:
    if not result.case.years:
        return 0.0
    last = result.case.years[-1]
    later = sum(amount for x in result.selected
                for year, amount in _spend_by_plan_year(result.case.project(x.id), x).items() if year > last)
    return later if later > NEGLIGIBLE else 0.0


def _against(spend: float, limit: float | None) -> list[float | None]:
    """Budget, headroom and utilisation of a spend against a limit (blank when there is none)."""
    if limit is None:
        return [None, None, None]
    return [limit, limit - spend, spend / limit if limit else None]


def _category_chinese(p: Project) -> str:
    return STRATEGIC_CATEGORIES[p.strategic_category][1] if p.strategic_category in STRATEGIC_CATEGORIES else ""


def _category_label(key: str | None, words: Words = IN_ENGLISH) -> str:
    if key is None or key not in STRATEGIC_CATEGORIES:
        return words("Traditional") if words.chinese else TRADITIONAL
    english, chinese = STRATEGIC_CATEGORIES[key]
    return chinese if words.chinese else f"{english} / {chinese}"


# --- charts ------------------------------------------------------------------------------------------
def _bar_chart(title: str, unit: str, horizontal: bool = False) -> BarChart:
    chart = BarChart()
    chart.type, chart.grouping = ("bar" if horizontal else "col"), "clustered"
    if horizontal:  # list the categories top-down, in the table's order
        chart.x_axis.scaling.orientation = "maxMin"
    chart.title = title
    chart.y_axis.title = unit
    chart.y_axis.numFmt = MONEY_FORMAT
    # openpyxl 3.1 marks axes deleted by default; recent Excel then draws none.
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.width, chart.height = 18, 9
    return chart

