"""Two result sheets of the export (optimizer/io/export.py): the group's figures year by year and the five values.

- "KPIs by year" (年度指标): a row per "one profit, five rates" figure and plan year, before and after investing,
  against the target binding that year, and a line chart per figure (before and after across the years, the
  target as a dashed line);
- "Five values" (五个价值): a row per figure of each value (稳优保促新, optimizer/report/five_values.py) with its
  target, whether it is met and what it stands for, the capex of each region, and the projects that carry it.
"""

from __future__ import annotations

import math

from openpyxl.chart import LineChart, Reference, Series
from openpyxl.chart.marker import Marker
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.drawing.line import LineProperties
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.io.sheets import HEADER_FONT, MAX_COLUMN_WIDTH, NUMBER_FORMATS, YEAR_FORMAT, shown_format, write_table
from optimizer.model.targets import Kind, Sense
from optimizer.report.kpis import year_figures
from optimizer.report.result import Result
from optimizer.words.language import IN_ENGLISH, Words
from optimizer.words.text import Items
from optimizer.words.units import shown_value

KPIS_BY_YEAR, FIVE_VALUES = "KPIs by year", "Five values"
SENSES = {Sense.MIN: "≥", Sense.MAX: "≤"}
CHART_ROWS = 16
"""Rows a chart takes (7.5 cm at Excel's default row height), so the next one starts below it."""
CHART_COLUMNS = ("K", "S")
"""Where the charts stand, two across, to the right of the table."""


def write_kpis_by_year(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    """A row per figure and plan year, then a line chart per figure."""
    currency = result.case.settings.currency_unit
    headers = [words(h) for h in ("KPI", "Year", "Unit", "Before", "After", "Target", "Target sense", "Met", "Key")]
    rows, formats, blocks = [], [], []
    for figure in year_figures():
        first = len(rows) + 2
        for year, row in result.kpis_by_year.items():
            k = row.get(figure.key)
            if k is None:
                continue
            fmt = shown_format(k.kind, currency)
            before, after, target = (shown_value(v, k.kind, currency) for v in (k.before, k.after, k.target))
            rows.append([words.kpi_label(k.key, k.label), year, words.shown_unit(k.kind, currency), before, after,
                         target, SENSES.get(k.sense, "") if k.target is not None else "", _met(k.met), k.key])
            formats.append([None, YEAR_FORMAT, None, fmt, fmt, fmt, None, None, None])
        if len(rows) + 2 > first:
            blocks.append((figure, first, len(rows) + 1))
    write_table(ws, headers, rows, formats)
    _centre(ws, columns=(7, 8))
    for n, (figure, first, last) in enumerate(blocks):
        chart = _line_chart(ws, first, last, words.kpi_label(figure.key), words.shown_unit(figure.kind, currency),
                            shown_format(figure.kind, currency) or "General", words)
        ws.add_chart(chart, f"{CHART_COLUMNS[n % 2]}{1 + CHART_ROWS * (n // 2)}")


def write_five_values(ws: Worksheet, result: Result, words: Words = IN_ENGLISH) -> None:
    """A row per figure of each value, the capex of each region under its figure, and the projects that carry it."""
    currency = result.case.settings.currency_unit
    headers = [words(h) for h in ("Five values", "Figure", "Year", "Unit", "Before", "After", "Target",
                                  "Target sense", "Met", "Note")]
    rows, formats, titles = [], [], []
    for value in result.five_values.values():
        title = f"{value.character} {value.name.said_in(words.chinese)}"
        titles.append(len(rows) + 2)
        for f in value.figures:
            fmt = shown_format(f.kind, currency)
            before, shown, target = (shown_value(v, f.kind, currency) for v in (f.before, f.value, f.target))
            rows.append([title, f.name.said_in(words.chinese), f.year, words.shown_unit(f.kind, currency), before,
                         shown, target, SENSES.get(f.sense, "") if f.target is not None else "", _met(f.met),
                         words.text(f.note) if f.note else ""])
            formats.append([None, None, YEAR_FORMAT, None, fmt, fmt, fmt, None, None, None])
            for part, amount in f.parts:
                rows.append([title, words("Capex in {region}").format(region=part), None,
                             words.unit(Kind.MONEY, currency), None, amount, None, "", "", ""])
                formats.append([None] * 5 + [NUMBER_FORMATS[Kind.MONEY]] + [None] * 4)
        rows.append([title, words("Projects that carry it"), None, None, None, len(value.projects), None, "", "",
                     str(words.say(Items(value.projects)))])
        formats.append([None] * 5 + ["0"] + [None] * 4)
    write_table(ws, headers, rows, formats)
    _centre(ws, columns=(8, 9))
    for row in titles:  # each value's first row in bold: the table reads as five blocks
        ws.cell(row=row, column=1).font = HEADER_FONT
    ws.column_dimensions["J"].width = MAX_COLUMN_WIDTH * 1.5
    for row in ws.iter_rows(min_row=2, min_col=10, max_col=10):
        row[0].alignment = Alignment(wrap_text=True)


def _met(met: bool | None) -> str:
    return "" if met is None else ("✓" if met else "✗")


def _centre(ws: Worksheet, columns: tuple[int, ...]) -> None:
    for row in ws.iter_rows(min_row=2, min_col=min(columns), max_col=max(columns)):
        for cell in row:
            cell.alignment = Alignment(horizontal="center")


def _line_chart(ws: Worksheet, first: int, last: int, title: str, unit: str, number_format: str,
                words: Words) -> LineChart:
    """Before and after across the years of rows first..last, and the target where one binds, dashed."""
    chart = LineChart()
    chart.title = title
    chart.y_axis.title = unit
    chart.y_axis.numFmt = number_format
    chart.x_axis.title = words("Year")
    chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes by default: Excel draws none
    chart.width, chart.height = 15, 7.5
    columns = {4: words("Before"), 5: words("After"), 6: words("Target")}
    values = []
    for column, name in columns.items():
        cells = [ws.cell(row=r, column=column).value for r in range(first, last + 1)]
        numbers = [v for v in cells if isinstance(v, int | float) and math.isfinite(v)]
        if not numbers:
            continue
        values += numbers
        series = Series(Reference(ws, min_col=column, min_row=first, max_row=last), title=name)
        series.marker = Marker(symbol="circle")
        series.smooth = False
        if column == 6:
            series.graphicalProperties = GraphicalProperties(ln=LineProperties(prstDash="dash"))
        chart.series.append(series)
    chart.set_categories(Reference(ws, min_col=2, min_row=first, max_row=last))
    if values:  # around the figures, not from 0: a ratio that moves by tenths of a point still shows its moves
        step = _round_step((max(values) - min(values)) / 4 or abs(max(values)) / 20 or 1.0)
        chart.y_axis.scaling.min = math.floor(min(values) / step - 0.5) * step
        chart.y_axis.scaling.max = math.ceil(max(values) / step + 0.5) * step
        chart.y_axis.majorUnit = step
    return chart


def _round_step(rough: float) -> float:
    """The round number (1, 2 or 5 times a power of ten) nearest above `rough`: the gridlines fall on round values."""
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough * (1 - 1e-9))
