"""The board pack's content: what a committee reads, in English or Chinese, as plain data for a renderer.

    pack = board_pack(result, "zh_CN", frontier=None)   # a Pack: its title and sections
    for section in pack.sections: ...                   # each a heading and its blocks, in order

A block is a paragraph (a str), a `Table` (headers and rows of strings already written in the pack's language,
numbers in their units) or a chart's data (`BarChart`, `LineChart`: plain numbers with their labels). The
renderers (ui/board_pack/: the Word document and the PDF) draw them; nothing here knows Qt or a file format.

The sections: a one-page summary (the recommendation, NPV and EVA, how good the answer is, every target met or
missed at full run rate and in each plan year), the key figures before and after, the charts, the recommended
projects, the projects left out with their reasons, the limits that bind with their worth, the diagnosis when
the targets conflict, and the decision log (optimizer/report/overrides.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path

from optimizer.io.files import written_through
from optimizer.model.case import STRATEGIC_CATEGORIES
from optimizer.model.targets import (
    EVA,
    NPV,
    OBJECTIVE_NAMES,
    PERCENT_KINDS,
    SCORE_UNIT,
    Kind,
    Objective,
    Sense,
    setting,
)
from optimizer.report.constraints import GROUP_COUNTS, marginal_text, step_text
from optimizer.report.overrides import BY_SET, overrides, settings_used
from optimizer.report.result import Kpi, Result
from optimizer.solve.solver import Status
from optimizer.words.language import Words
from optimizer.words.text import Items, Text
from optimizer.words.units import Amount

SUFFIXES = (".docx", ".pdf")
"""The files a pack is written as: an editable Word document, or a PDF."""
NO_VALUE = "—"
"""A cell with nothing to say (no "before" for a portfolio's own figure, no target)."""


@dataclass(frozen=True)
class Table:
    key: str
    """What the table is ("kpis", "selected", ...): a renderer may size its columns by it."""
    headers: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()
    """The columns of numbers, aligned right."""
    bold_last: bool = False
    """The last row is a total."""


@dataclass(frozen=True)
class BarChart:
    key: str
    title: str
    unit: str
    labels: list[str]
    series: list[tuple[str, list[float | None]]]
    """Each series' name and its value at each label (None: none, as a year without a budget)."""
    horizontal: bool = False


@dataclass(frozen=True)
class LineChart:
    key: str
    title: str
    x_title: str
    y_title: str
    points: list[tuple[float, float]]
    current: float | None = None
    """The level in force, marked on the level axis."""
    current_label: str = ""


Block = str | Table | BarChart | LineChart


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Pack:
    language: str
    chinese: bool
    title: str
    subtitle: str
    sections: list[Section]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


def wrong_suffix(path: str | Path) -> Text | None:
    """Why `path` cannot be a board pack by its name (None: a .docx or a .pdf, or a special file written through)."""
    path = Path(path)
    if path.suffix.lower() in SUFFIXES or written_through(path):
        return None
    return Text("The board pack must be saved as a Word document (.docx) or a PDF (.pdf), not '{name}'.",
                name=path.name)


def no_cjk_font() -> Text:
    """The renderers' refusal of a Chinese pack on a system without a Chinese font."""
    return Text("No Chinese font is installed, so a Chinese board pack cannot be written (its characters would not "
                "show). Install one (Noto Sans CJK SC, Microsoft YaHei or SimSun) or write the pack in English "
                "(--lang en).")


def board_pack(result: Result, language: str = "en", frontier=None, at: datetime | None = None) -> Pack:
    """The pack of `result` in `language`; `frontier` (optimizer/analysis/frontier.py) adds its trade-off curve."""
    words = Words(language)
    at = at or datetime.now().replace(microsecond=0)
    case = result.case
    name = Path(case.source).name if case.source else ""
    subtitle = f"{name} · {at:%Y-%m-%d %H:%M}" if name else f"{at:%Y-%m-%d %H:%M}"
    has_portfolio = result.solution.has_portfolio
    sections = [_summary(result, words)]
    if has_portfolio:
        sections.append(_kpis(result, words))
        sections.append(_charts(result, words, frontier))
        sections.append(_selected(result, words))
        sections.append(_excluded(result, words))
        sections.append(_binding(result, words))
    if result.diagnosis:
        sections.append(_diagnosis(result, words))
    sections.append(_decision_log(result, words, at))
    return Pack(words.language, words.chinese, words("Investment portfolio: board pack"), subtitle,
                [s for s in sections if s.blocks])


# --- the sections --------------------------------------------------------------------------------------------
def _summary(result: Result, words: Words) -> Section:
    case, s = result.case, result.solution
    unit = case.settings.currency_unit
    blocks: list[Block] = []
    if s.has_portfolio:
        capex = sum(x.capex for x in result.selected)
        blocks.append(words.text(Text(
            "Recommendation: invest in {count} of the {candidates} candidate projects, {capex} in all, for the best "
            "{objective} the rules and targets allow: {value}.", count=len(result.selected),
            candidates=len(case.projects), capex=Amount(capex, Kind.MONEY, unit),
            objective=OBJECTIVE_NAMES[result.objective], value=_objective_amount(result, s.objective_value))))
        npv, eva = result.kpis.get(NPV), result.kpis.get(EVA)
        if npv is not None and eva is not None:
            blocks.append(words.text(Text("The portfolio's NPV is {npv} and its EVA {eva}.",
                                          npv=Amount(npv.after, Kind.MONEY, unit),
                                          eva=Amount(eva.after, Kind.MONEY, unit))))
        blocks.append(words.text(Text("How good the answer is: {quality}.", quality=s.quality())))
        blocks += _targets_said(result, words)
    elif s.status == Status.INFEASIBLE:
        blocks.append(words.text(Text("No portfolio is recommended: the targets cannot all be met together. The "
                                      "diagnosis says which targets conflict and how far each can be reached.")))
    else:
        blocks.append(words.text(Text("No portfolio is recommended: {quality}.", quality=s.quality())))
    changed = overrides(case)
    if changed:
        blocks.append(words.text(Text("{count} setting(s) or mark(s) differ from the workbook's ({keys}): the "
                                      "decision log lists each.", count=len(changed),
                                      keys=Items(tuple(dict.fromkeys(_override_name(o) for o in changed))))))
    else:
        blocks.append(words.text(Text("The case was solved as the workbook gives it.")))
    if s.has_portfolio:
        table = _targets_table(result, words)
        if table is not None:
            blocks.append(table)
    return Section("summary", words("Summary for the committee"), blocks)


def _targets_said(result: Result, words: Words) -> list[str]:
    """Every target met, or those missed, at full run rate and in the plan years."""
    said = []
    steady = [k for k in result.kpis.values() if k.target is not None]
    missed = [k for k in steady if k.met is False]
    if steady and not missed:
        said.append(words.text(Text("Every target is met at full run rate ({count} targets).", count=len(steady))))
    elif missed:
        said.append(words.text(Text("Targets missed at full run rate: {missed}.",
                                    missed=Items(tuple(_figure_name(k) for k in missed)))))
    years = list(result.kpis_by_year)
    yearly = [(year, k) for year in years for k in result.kpis_by_year[year].values() if k.target is not None]
    missed_yearly = [(year, k) for year, k in yearly if k.met is False]
    if yearly and not missed_yearly:
        with_targets = tuple(dict.fromkeys(str(year) for year, _ in yearly))
        said.append(words.text(Text("Every target by year is met ({count} in the plan years {years}).",
                                    count=len(yearly), years=Items(with_targets))))
    elif missed_yearly:
        said.append(words.text(Text("Targets by year missed: {missed}.", missed=Items(tuple(
            Text("{name} in {year}", name=_figure_name(k), year=year) for year, k in missed_yearly)))))
    return said


def _targets_table(result: Result, words: Words) -> Table | None:
    """Each target met or missed: at full run rate (with the figure against its target) and in each plan year
    that has targets by year."""
    years = [year for year, row in result.kpis_by_year.items() if any(k.target is not None for k in row.values())]
    keys = [k.key for k in result.kpis.values() if k.target is not None]
    keys += [key for year in years for key, k in result.kpis_by_year[year].items()
             if k.target is not None and key not in keys]
    keys = list(dict.fromkeys(keys))
    if not keys:
        return None
    unit = result.case.settings.currency_unit
    headers = [words("Target"), words("Full run rate"), *[str(year) for year in years]]
    rows = []
    for key in keys:
        first = result.kpis.get(key) or next(row[key] for row in result.kpis_by_year.values() if key in row)
        row = [words.kpi_label(key, first.label), _against_target(result.kpis.get(key), words, unit)]
        row += [_verdict(result.kpis_by_year[year].get(key), words) for year in years]
        rows.append(row)
    return Table("targets", headers, rows)


def _against_target(k: Kpi | None, words: Words, unit: str) -> str:
    if k is None or k.target is None:
        return NO_VALUE
    after, target = words.format_value(k.after, k.kind, unit), words.format_value(k.target, k.kind, unit)
    return f"{after} {_sense(k.sense)}{target} {_verdict(k, words)}"


def _verdict(k: Kpi | None, words: Words) -> str:
    if k is None or k.target is None or k.met is None:
        return NO_VALUE
    return words("met") if k.met else words("missed")


def _kpis(result: Result, words: Words) -> Section:
    unit = result.case.settings.currency_unit
    headers = [words("KPI"), words("Before"), words("After"), words("Target"), words("Met")]
    rows = []
    for k in result.kpis.values():
        if k.after is None and k.before is None:
            continue
        met = NO_VALUE if k.met is None else words("yes" if k.met else "no")
        target = NO_VALUE if k.target is None else f"{_sense(k.sense)}{words.format_value(k.target, k.kind, unit)}"
        before = NO_VALUE if k.before is None else words.format_value(k.before, k.kind, unit)
        rows.append([words.kpi_label(k.key, k.label), before, words.format_value(k.after, k.kind, unit), target, met])
    blocks: list[Block] = [words.text(Text("Before is the group without the new projects; a figure of the portfolio "
                                           "alone has none.")),
                           Table("kpis", headers, rows, numeric=(1, 2, 3))]
    if result.kpis_by_year:
        years = list(result.kpis_by_year)
        year_rows = []
        for key, first in result.kpis_by_year[years[0]].items():
            row = [words.kpi_label(key, first.label)]
            for year in years:
                k = result.kpis_by_year[year][key]
                cell = words.format_value(k.after, k.kind, unit)
                if k.target is not None:
                    cell += f" ({_sense(k.sense)}{words.format_value(k.target, k.kind, unit)})"
                    cell += "" if k.met is not False else " ✗"
                row.append(cell)
            year_rows.append(row)
        blocks.append(words.text(Text("The group's own figures in each plan year after investing, the target that "
                                      "year in brackets.")))
        blocks.append(Table("kpis_by_year", [words("KPI"), *[str(y) for y in years]], year_rows,
                            numeric=tuple(range(1, len(years) + 1))))
    return Section("kpis", words("Key figures before and after"), blocks)


def _charts(result: Result, words: Words, frontier) -> Section:
    case = result.case
    unit = words.currency(case.settings.currency_unit)
    blocks: list[Block] = []
    if result.spend_by_year:
        years = list(result.spend_by_year)
        spend = [result.spend_by_year[y][0] for y in years]
        budget = [result.spend_by_year[y][1] for y in years]
        series = [(words("Spend"), spend)]
        if any(b is not None for b in budget):
            series.append((words("Budget"), budget))
        blocks.append(BarChart("spend_by_year", words("Spend by year against budget"), unit,
                               [str(y) for y in years], series))
    capex: dict[str | None, float] = {}
    for x in result.selected:
        key = case.project(x.id).strategic_category
        key = key if key in STRATEGIC_CATEGORIES else None
        capex[key] = capex.get(key, 0.0) + x.capex
    order = [key for key in STRATEGIC_CATEGORIES if key in capex] + ([None] if None in capex else [])
    if order:
        labels = [words.category(key) if key else words("Traditional") for key in order]
        blocks.append(BarChart("capex_by_category", words("Capex by strategic category"), unit, labels,
                               [(words("Capex"), [capex[key] for key in order])], horizontal=True))
    curve = _tradeoff(result, words, frontier)
    if curve is not None:
        blocks.append(curve)
    return Section("charts", words("Charts"), blocks)


def _tradeoff(result: Result, words: Words, frontier) -> LineChart | None:
    if frontier is None:
        return None
    points = [p for p in frontier.points if p.has_portfolio and p.objective_value is not None]
    if len(points) < 2:
        return None
    from optimizer.analysis.frontier import describe_key  # the analyses load only for a pack with a frontier

    scale = 100.0 if frontier.kind in PERCENT_KINDS else 1.0
    level_unit = "%" if scale == 100.0 else words.currency(frontier.currency_unit) if frontier.kind == Kind.MONEY \
        else ""
    what = describe_key(frontier.vary).said_in(words.chinese)
    objective = words.objective(frontier.objective)
    money = SCORE_UNIT.said_in(words.chinese) if frontier.objective == Objective.SCORE else \
        words.currency(frontier.currency_unit)
    current = result.case.settings.limits.get(frontier.vary)
    return LineChart("tradeoff", words.text(Text("Trade-off: the best {objective} at each level of the {what}",
                                                 objective=OBJECTIVE_NAMES[frontier.objective], what=describe_key(
                                                     frontier.vary))),
                     f"{what} ({level_unit})" if level_unit else what,
                     f"{objective} ({money})",
                     [(p.value * scale, float(p.objective_value)) for p in points],
                     None if current is None else current * scale, words("Current level"))


def _selected(result: Result, words: Words) -> Section:
    case = result.case
    unit = case.settings.currency_unit
    money = words.currency(unit)
    headers = [words("ID"), words("Name"), words("Strategic category"), words("Start year"), words("Share"),
               words("Capex ({unit})").format(unit=money), words("NPV ({unit})").format(unit=money)]
    rows = []
    for x in result.selected:
        p = case.project(x.id)
        category = words.category(p.strategic_category) or words("Traditional")
        rows.append([x.id, x.name, category, str(x.start_year), f"{x.share:.0%}", f"{x.capex:,.2f}", f"{x.npv:,.2f}"])
    rows.append([words("Total"), words.text(Text("{count} projects", count=len(result.selected))), "", "", "",
                 f"{sum(x.capex for x in result.selected):,.2f}", f"{sum(x.npv for x in result.selected):,.2f}"])
    supervised = [x for x in result.supervised if x.chosen]
    blocks: list[Block] = [Table("selected", headers, rows, numeric=(3, 4, 5, 6), bold_last=True)]
    if supervised:
        blocks.append(words("Selected under special supervision"))
        blocks.append(Table("supervised", [words("ID"), words("Name"), words("Why it is supervised")],
                            [[x.id, x.name, words.text(x.reason)] for x in supervised]))
    return Section("selected", words("Recommended projects"), blocks)


def _excluded(result: Result, words: Words) -> Section:
    rows = [[x.id, x.name, words.text(x.reason)] for x in result.excluded]
    if not rows:
        return Section("excluded", words("Projects left out"),
                       [words.text(Text("Every candidate project is in the portfolio."))])
    return Section("excluded", words("Projects left out"),
                   [Table("excluded", [words("ID"), words("Name"), words("Reason")], rows)])


def _binding(result: Result, words: Words) -> Section:
    """The limits that bind, with the objective a step looser actually gives (a re-solve: `step_value`, where it
    was computed) and the LP's local rate at the chosen projects."""
    unit = result.case.settings.currency_unit
    rows = []
    has_step = False
    for c in result.constraints:
        if not c.binding or c.name in GROUP_COUNTS:
            continue
        worth = NO_VALUE
        if getattr(c, "step_value", None) is not None:  # re-solved (analysis/step_value.py), where it was
            has_step = True
            worth = words.text(step_text(c, result))
        rate = NO_VALUE if c.marginal_value is None else words.text(marginal_text(c, result))
        rows.append([words.constraint_label(c.name, c.subject, c.label), words.format_value(c.value, c.kind, unit),
                     words.format_value(c.limit, c.kind, unit), worth, rate])
    if not rows:
        return Section("binding", words("Limits that bind"),
                       [words.text(Text("No limit binds: each has room left at the recommended portfolio."))])
    headers = [words("Binding limit"), words("Value"), words("Limit value"),
               words("Worth of one step looser ({objective})").format(objective=words.objective(result.objective)),
               words("Local rate (LP dual)")]
    notes = [words.text(Text("The worth of one step is the {objective} gained by solving again with that limit one "
                             "step looser; the local rate is the LP's dual at the chosen projects, which holds only "
                             "for small moves.", objective=OBJECTIVE_NAMES[result.objective]))]
    if not has_step:
        notes.append(words.text(Text("The worth of one step was not computed for this pack.")))
    return Section("binding", words("Limits that bind"), [*notes, Table("binding", headers, rows, numeric=(1, 2))])


def _diagnosis(result: Result, words: Words) -> Section:
    unit = result.case.settings.currency_unit
    blocks: list[Block] = [words.text(item.message) for item in result.diagnosis]
    rows = []
    for item in result.diagnosis:
        try:
            kind = setting(item.constraint).kind
        except KeyError:
            kind = Kind.MONEY
        rows.append([words.limit_label(item.constraint), words.format_value(item.target, kind, unit),
                     words.format_value(item.best_reachable, kind, unit),
                     str(words.say(Items(tuple(words.limit_label(key) for key in item.conflicts_with))))
                     if item.conflicts_with else NO_VALUE])
    headers = [words("Target"), words("Target value"), words("Best reachable"), words("Conflicts with")]
    blocks.append(Table("diagnosis", headers, rows, numeric=(1, 2)))
    return Section("diagnosis", words("Why the targets cannot all be met"), blocks)


def _decision_log(result: Result, words: Words, at: datetime) -> Section:
    case = result.case
    origin = case.workbook_origin
    facts = [
        [words("Case file"), Path(case.source).name if case.source else NO_VALUE],
        [words("SHA-256 of the case file"), origin.sha256 if origin is not None and origin.sha256 else NO_VALUE],
        [words("App version"), _version("portfolio-optimizer")],
        [words("Solver"), f"HiGHS {_version('highspy')}"],
        [words("Solver options"), _options(result)],
        [words("Solve seconds"), f"{result.solution.solve_seconds:.2f}"],
        [words("Run at"), at.isoformat(sep=" ")],
    ]
    blocks: list[Block] = [Table("facts", [words("Item"), words("Value")], facts)]
    found = overrides(case)
    if found:
        blocks.append(words("Settings and marks changed for this run"))
        rows = [[_override_name(o), o.project or NO_VALUE, _shown(o.workbook, words), _shown(o.used, words),
                 _made_by(o, words)] for o in found]
        blocks.append(Table("overrides", [words("Override"), words("Project"), words("Workbook value"),
                                          words("Value used"), words("By")], rows))
    else:
        blocks.append(words("none: the case was solved as the workbook gives it"))
    used = [[key, _shown(value, words)] for key, value in settings_used(case.settings).items()]
    half = (len(used) + 1) // 2  # two pairs of columns: the list keeps to one page
    pairs = [used[i] + (used[i + half] if i + half < len(used) else ["", ""]) for i in range(half)]
    blocks.append(words("Settings used"))
    blocks.append(Table("settings", [words("Key"), words("Value used")] * 2, pairs))
    return Section("decision_log", words("Decision log"), blocks)


# --- pieces -------------------------------------------------------------------------------------------------
def _sense(sense: str | None) -> str:
    return "≥ " if sense == Sense.MIN else "≤ " if sense == Sense.MAX else ""


def _figure_name(k: Kpi):
    from optimizer.model.targets import FIGURES

    figure = FIGURES.get(k.key)
    return figure.name if figure is not None else k.label


def _objective_amount(result: Result, value: float | None):
    if result.objective == Objective.SCORE:
        return Text("{value:,.2f} points", value=value or 0.0)
    return Amount(value, Kind.MONEY, result.case.settings.currency_unit)


def _made_by(o, words: Words) -> str:
    """Where an override came from: --set, or the app's control that made it (a slider, a tick, the relax
    button...) where the case recorded it."""
    how = getattr(o, "how", None)
    if how and how != BY_SET:
        return words(how)
    return words("--set") if o.by == BY_SET else words("app")


def _override_name(o) -> str:
    return o.key if o.project is None else f"{o.project} ({o.key})"


def _shown(value: object, words: Words) -> str:
    if isinstance(value, bool):
        return words("yes" if value else "no")
    if value is None:
        return words("no limit")
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _options(result: Result) -> str:
    settings = result.case.settings
    options = {key: value for key, value in result.solution.options.items() if key != "output_flag"} or \
        {"time_limit": settings.time_limit, "mip_rel_gap": settings.mip_gap}
    return ", ".join(f"{key}={value:g}" if isinstance(value, float) else f"{key}={value}"
                     for key, value in options.items())


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"
