"""The decision analytics in workbooks: the result workbook with them, and the frontier workbook.

    export_with_analytics(result, "RESULT.xlsx", explanations=explain_excluded(case), stability=stability(case))
    write_frontier_workbook(sweep(case, "total_budget", levels), "FRONTIER.xlsx")

The result workbook is export.py's, plus:

- "Why not": one row per explained project (every project left out that the negative list does
  not prohibit, from `explain_excluded`): the objective with it forced in, the cost of forcing,
  what keeps it out, its NPV and the NPV at which it would be chosen, its stability;
- a "Stability" column on the chosen-projects sheet: the share of NPV draws in which each
  chosen project stays chosen (stability.py);
- "Risk figures", where the case gives NPV ranges: expected, pessimistic and optimistic NPV and CVaR of
  the portfolio, and the risk aversion it was optimised with (risk.py).

The frontier workbook holds the points (level, status, objective, change, what each step costs in
words) with a chart, and the portfolio at each level. Formatting reuses export.py's helpers.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import Reference, ScatterChart, Series
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.analysis.explain import Explanation
from optimizer.analysis.frontier import Frontier
from optimizer.analysis.risk import portfolio_risk
from optimizer.analysis.stability import Stability
from optimizer.errors import ExportError
from optimizer.io.export import SELECTED, export_result
from optimizer.io.files import written_through
from optimizer.io.sheets import MONEY_FORMAT, PERCENT_FORMAT, fit_columns, put, save, shown_format, write_table
from optimizer.model.targets import SCORE_UNIT, Kind, Objective
from optimizer.report.result import Result
from optimizer.words.language import IN_ENGLISH, Words
from optimizer.words.text import Text
from optimizer.words.units import shown_unit, shown_value

WHY_NOT, RISK, FRONTIER, PORTFOLIOS = "Why not", "Risk figures", "Frontier", "Portfolios"

CHINESE = {  # the two sheet names are export.ANALYTICS_SHEETS, which a re-export replaces
    WHY_NOT: "未入选分析", RISK: "风险指标", "ID": "项目编号", "Name": "项目名称",
    "Reason": "未入选原因", "Objective with it ({unit})": "强制入选后的目标值（{unit}）",
    "Cost of forcing it in ({unit})": "强制入选的代价（{unit}）", "What keeps it out": "制约因素",
    "NPV ({unit})": "净现值（{unit}）", "NPV to enter ({unit})": "入选所需净现值（{unit}）",
    "NPV rise needed ({unit})": "需提高的净现值（{unit}）", "Stability": "稳定性", "Note": "说明",
    "Item": "项目", "Value": "数值", "Risk aversion": "风险厌恶系数",
    "Expected NPV ({unit})": "期望净现值（{unit}）", "Pessimistic NPV ({unit})": "悲观净现值（{unit}）",
    "Optimistic NPV ({unit})": "乐观净现值（{unit}）", "Downside ({unit})": "下行损失（{unit}）",
    "CVaR {level} ({unit})": "条件风险价值 CVaR {level}（{unit}）",
    "Scenario mean ({unit})": "情景平均净现值（{unit}）", "Scenarios": "情景数", "Seed": "随机种子",
    "Stability draws": "稳定性抽样次数", "points": "分",
    "Stability: each draw within (gap)": "稳定性：每次抽样求解的最优性差距",
}


def export_with_analytics(result: Result, path: str | Path, *, explanations: list[Explanation] | None = None,
                          stability: Stability | None = None, language: str = "en") -> None:
    """The result workbook (export.export_result) with the analytics sheets; ExportError on failure."""
    export_result(result, path, language=language,
                  extra_sheets=lambda wb, words: add_analytics(wb, words, result, explanations, stability))


def add_analytics(wb: Workbook, words: Callable[[str], str], result: Result,
                  explanations: list[Explanation] | None, stability: Stability | None) -> None:
    """Add the analytics to a result workbook being written (`words` names export.py's sheets)."""
    chinese = bool(getattr(words, "chinese", False))
    unit = getattr(words, "currency", _english)(result.case.settings.currency_unit)

    def say(text: str) -> str:
        return CHINESE.get(text, text) if chinese else text

    if explanations:
        write_why_not(wb.create_sheet(say(WHY_NOT)), result, explanations, stability, say, unit,
                      words=words if isinstance(words, Words) else IN_ENGLISH)
    if stability is not None and result.solution.has_portfolio and words(SELECTED) in wb.sheetnames:
        add_stability_column(wb[words(SELECTED)], stability, say)
    risk = portfolio_risk(result.case, result.solution.portfolio) if result.solution.has_portfolio else None
    if risk is not None:
        write_risk(wb.create_sheet(say(RISK)), result, risk, stability, say, unit)


def _english(text: str) -> str:
    return text


def write_why_not(ws: Worksheet, result: Result, explanations: list[Explanation], stability: Stability | None,
                  say: Callable[[str], str] = _english, unit: str | None = None, words: Words = IN_ENGLISH) -> None:
    """One row per explained project; `words` says the reasons and the notes in the export's language."""
    unit = unit or result.case.settings.currency_unit
    value_unit = say(SCORE_UNIT.english) if result.objective == Objective.SCORE else unit
    reasons = {x.id: words.text(x.reason) for x in result.excluded}
    headers = [say("ID"), say("Name"), say("Reason"), say("Objective with it ({unit})").format(unit=value_unit),
               say("Cost of forcing it in ({unit})").format(unit=value_unit), say("What keeps it out"),
               say("NPV ({unit})").format(unit=unit), say("NPV to enter ({unit})").format(unit=unit),
               say("NPV rise needed ({unit})").format(unit=unit), say("Stability"), say("Note")]
    rows, formats = [], []
    value_format = "0.0000" if result.objective == Objective.SCORE else MONEY_FORMAT
    for e in explanations:
        rise = None if e.npv_to_enter is None else e.npv_to_enter - e.npv
        share = stability.share(e.id) if stability is not None else None
        rows.append([e.id, e.name, reasons.get(e.id, ""), e.forced_objective_value, e.cost_of_forcing,
                     ", ".join(e.blocking), e.npv, e.npv_to_enter, rise, share, words.text(e.why)])
        formats.append([None, None, None, value_format, value_format, None, MONEY_FORMAT, MONEY_FORMAT,
                        MONEY_FORMAT, PERCENT_FORMAT, None])
    write_table(ws, headers, rows, formats)


def add_stability_column(ws: Worksheet, stability: Stability, say: Callable[[str], str] = _english) -> None:
    """A last column on the chosen-projects sheet (ids in column A): how often each stays chosen."""
    column = ws.max_column + 1
    header = put(ws, 1, column, say("Stability"))
    first = ws.cell(row=1, column=1)
    header.font, header.fill, header.alignment = copy(first.font), copy(first.fill), copy(first.alignment)
    for row in range(2, ws.max_row + 1):
        project_id = ws.cell(row=row, column=1).value
        share = stability.share(str(project_id)) if project_id is not None else None
        if share is not None:
            put(ws, row, column, share).number_format = PERCENT_FORMAT
    fit_columns(ws)


def write_risk(ws: Worksheet, result: Result, risk, stability: Stability | None,
               say: Callable[[str], str] = _english, unit: str | None = None) -> None:
    unit = unit or result.case.settings.currency_unit
    level = f"{risk.level:.0%}"
    rows = [
        (say("Risk aversion"), result.case.settings.risk_aversion, "0.00"),
        (say("Expected NPV ({unit})").format(unit=unit), risk.expected_npv, MONEY_FORMAT),
        (say("Pessimistic NPV ({unit})").format(unit=unit), risk.pessimistic_npv, MONEY_FORMAT),
        (say("Optimistic NPV ({unit})").format(unit=unit), risk.optimistic_npv, MONEY_FORMAT),
        (say("Downside ({unit})").format(unit=unit), risk.downside, MONEY_FORMAT),
        (say("CVaR {level} ({unit})").format(level=level, unit=unit), risk.cvar, MONEY_FORMAT),
        (say("Scenario mean ({unit})").format(unit=unit), risk.scenario_mean, MONEY_FORMAT),
        (say("Scenarios"), risk.scenarios, "0"),
        (say("Seed"), risk.seed, "0"),
    ]
    if stability is not None:
        rows += [(say("Stability draws"), stability.solved, "0"), (f"{say('Seed')} ({say('Stability')})",
                                                                   stability.seed, "0"),
                 (say("Stability: each draw within (gap)"), stability.gap, "0.0%")]
    write_table(ws, [say("Item"), say("Value")], [[label, value] for label, value, _ in rows],
                 [[None, fmt] for _, _, fmt in rows])


# --- the frontier workbook ----------------------------------------------------------------------
def write_frontier_workbook(frontier: Frontier, path: str | Path) -> None:
    """The frontier's points with a chart, and the portfolio at each level; ExportError on failure."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx" and not written_through(path):  # /dev/null may take it
        raise ExportError(Text("The frontier must be saved as an .xlsx workbook, not '{name}'.", name=path.name))
    if path.is_dir():
        raise ExportError(Text("{path} is a folder; choose a file name ending in .xlsx.", path=str(path)))
    wb = Workbook()
    points_sheet = wb.active
    points_sheet.title = FRONTIER
    _write_points(points_sheet, frontier)
    _write_portfolios(wb.create_sheet(PORTFOLIOS), frontier)
    save(wb, path)


def _level_format(frontier: Frontier) -> str:
    return {"share": PERCENT_FORMAT, "rate": PERCENT_FORMAT, "money": MONEY_FORMAT, "grade": "0.00",
            "productivity": shown_format(frontier.kind, frontier.currency_unit)}.get(frontier.kind, "0.00")


def _write_points(ws: Worksheet, frontier: Frontier) -> None:
    unit = frontier.currency_unit
    value_unit = SCORE_UNIT.english if frontier.objective == Objective.SCORE else unit
    objective = IN_ENGLISH.objective(frontier.objective)
    with_risk = any(p.risk is not None for p in frontier.points)
    level = f"{frontier.label} ({frontier.vary})"
    if frontier.kind == Kind.PRODUCTIVITY:  # in the unit the window and the sentences say it: 78.00 CNY 10k
        level = f"{frontier.label} ({frontier.vary}, {shown_unit(frontier.kind, unit)})"
    headers = [level, "Status", f"{objective} ({value_unit})",
               f"Change from the previous level ({value_unit})", "Gap", "Reached", "Projects chosen"]
    if with_risk:
        headers += [f"Expected NPV ({unit})", f"Pessimistic NPV ({unit})", f"CVaR 90% ({unit})"]
    headers.append("In words")
    level_format = _level_format(frontier)
    value_format = "0.0000" if frontier.objective == Objective.SCORE else MONEY_FORMAT
    rows, formats = [], []
    for i, p in enumerate(frontier.points):
        previous = frontier.points[i - 1] if i else None
        change = (p.objective_value - previous.objective_value
                  if previous is not None and p.has_portfolio and previous.has_portfolio else None)
        row = [shown_value(p.value, frontier.kind, unit), p.status, p.objective_value, change, p.gap,
               shown_value(p.reached, frontier.kind, unit), len(p.selected)]
        fmt = [level_format, None, value_format, value_format, PERCENT_FORMAT, level_format, "0"]
        if with_risk:
            risk = p.risk
            row += [None, None, None] if risk is None else [risk.expected_npv, risk.pessimistic_npv, risk.cvar]
            fmt += [MONEY_FORMAT] * 3
        row.append(frontier.sentence(i - 1, i) if i else "")
        fmt.append(None)
        rows.append(row)
        formats.append(fmt)
    write_table(ws, headers, rows, formats)
    solved = [i for i, p in enumerate(frontier.points) if p.has_portfolio]
    if len(solved) >= 2:
        chart = ScatterChart()
        chart.title = f"{objective} against {frontier.label.lower()}"
        chart.style = 13
        chart.x_axis.title = frontier.label
        chart.y_axis.title = f"{objective} ({value_unit})"
        chart.x_axis.number_format = level_format
        chart.y_axis.number_format = value_format
        chart.x_axis.delete = chart.y_axis.delete = False  # openpyxl 3.1 hides axes by default
        last = 1 + len(frontier.points)
        series = Series(Reference(ws, min_col=3, min_row=2, max_row=last),
                        Reference(ws, min_col=1, min_row=2, max_row=last), title=objective)
        series.marker.symbol = "circle"
        chart.series.append(series)
        chart.legend = None
        chart.width, chart.height = 18, 9
        ws.add_chart(chart, f"A{last + 3}")


def _write_portfolios(ws: Worksheet, frontier: Frontier) -> None:
    """One row per project chosen at some level, one column per level: its funded share there."""
    order: list[str] = []
    for p in frontier.points:
        order += [s["id"] for s in p.selected if s["id"] not in order]
    shares = [{s["id"]: s for s in p.selected} for p in frontier.points]
    headers = ["ID", "Name"] + [_level_text(frontier, p.value) for p in frontier.points]
    rows, formats = [], []
    for pid in order:
        rows.append([pid, frontier.project_names.get(pid, "")]
                    + [chosen[pid]["share"] if pid in chosen else None for chosen in shares])
        formats.append([None, None] + [PERCENT_FORMAT] * len(frontier.points))
    write_table(ws, headers, rows, formats)


def _level_text(frontier: Frontier, value: float) -> str:
    return f"{frontier.vary} = {frontier.format(value)}"
