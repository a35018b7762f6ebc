"""Scenarios: named what-if answers kept side by side, compared, exported to one workbook, saved as JSON.

    scenarios = [Scenario("Budget 780", case, session.solve(case)),
                 Scenario("Budget 700", tighter, session.solve(tighter))]
    comparison = compare(scenarios)
    export_scenarios(scenarios, "scenarios.xlsx")

What is saved: `scenario_to_dict` keeps the settings a what-if changes (limits, each subsidiary's budgets among
them, objective, weights, whether supervised projects are allowed, forced projects, the group counts, the negative
list, time limit, gap) and a summary of the answer
(`Outcome`: status, objective value, gap, portfolio, KPIs, total capex), not the whole `Result`.
`scenario_from_dict(data, case)` puts those settings on the case read from its workbook again (a negative-list
rule read as the NegativeList sheet's rows are; a file saved before the groups or the negative list were kept
leaves the case's own); the loaded scenario has `result=None`, and
its `outcome` compares and exports like a fresh one. To see its full result (reasons, constraints),
solve `scenario.case` again. Saved scenarios describe the case as it was: a project since removed
from the workbook keeps its id in the portfolio and is shown by id.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.errors import ExportError, ScenarioError
from optimizer.io.files import write_atomically
from optimizer.io.negative_list import make_rule
from optimizer.io.sheets import (
    HEADER_FILL,
    HEADER_FONT,
    MONEY_FORMAT,
    NUMBER_FORMATS,
    PERCENT_FORMAT,
    YEAR_FORMAT,
    body_row,
    check_target,
    fit_columns,
    header_row,
    open_on,
    print_on_pages_wide,
    put,
    save,
    shown_format,
    status_said,
)
from optimizer.model.case import Case, GroupCount
from optimizer.model.negative_list import NegativeRule
from optimizer.model.targets import (
    ALLOW_SUPERVISED,
    FIGURES,
    LIMIT_KEYS,
    SCORE_UNIT,
    Kind,
    Objective,
    Sense,
    budget_year,
    entity_budget,
    limit_on,
    setting,
)
from optimizer.report.result import Kpi, Result
from optimizer.solve.solver import Funding, Status, quality
from optimizer.tolerances import FUNDED
from optimizer.words.language import ENGLISH, IN_ENGLISH, Words
from optimizer.words.text import Text
from optimizer.words.units import shown_value, unit_of

COMPARISON = "Comparison"
FORMAT_VERSION = 1
SHARE_TOLERANCE = FUNDED
"""Two shares of a project closer than this are the same funding."""
CHANGED_FILL = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
MET_FILL = PatternFill("solid", start_color="E2EFDA", end_color="E2EFDA")
MISSED_FILL = PatternFill("solid", start_color="FCE4D6", end_color="FCE4D6")
SHEET_NAME_LENGTH = 31
NO_LIMIT = "no limit"
NOT_SETTINGS = {"name", "created", "status", "objective_value"}
"""Rows of a scenario sheet that are not compared with the first scenario's."""


@dataclass(frozen=True)
class Outcome:
    """What a solve gave, in short: enough to compare and export without the full `Result`."""

    status: str
    objective_value: float | None
    gap: float | None
    portfolio: dict[str, Funding]
    kpis: dict[str, Kpi]
    total_capex: float | None
    """None when there is no portfolio."""

    @classmethod
    def of(cls, result: Result) -> Outcome:
        s = result.solution
        capex = sum(x.capex for x in result.selected) if s.has_portfolio else None
        return cls(s.status, s.objective_value, s.gap, dict(s.portfolio), dict(result.kpis), capex)

    @property
    def has_portfolio(self) -> bool:
        return Status(self.status).has_portfolio

    def quality(self) -> Text:
        return quality(self.status, self.gap)


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


@dataclass(frozen=True)
class Scenario:
    name: str
    case: Case
    result: Result | None = None
    """None for a scenario loaded from JSON: then `summary` holds what it gave."""
    created: datetime = field(default_factory=_now)
    summary: Outcome | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.result is None and self.summary is None:
            raise ValueError("a scenario needs its result or a summary of it")

    @cached_property
    def outcome(self) -> Outcome:
        return self.summary if self.result is None else Outcome.of(self.result)

    @property
    def objective(self) -> str:
        return self.case.settings.objective

    @property
    def objective_unit(self) -> str:
        return SCORE_UNIT.english if self.objective == Objective.SCORE else self.case.settings.currency_unit


# --- comparing ----------------------------------------------------------------------------------
class ProjectDifference(NamedTuple):
    project_id: str
    name: str
    funding: list[Funding | None]
    """The funding in each scenario, None where the project is not chosen."""


@dataclass(frozen=True)
class KpiRow:
    key: str
    label: str
    unit: str
    kind: str
    sense: str | None
    after: list[float | None]
    target: list[float | None]
    met: list[bool | None]
    """Each a list with one entry per scenario."""


@dataclass(frozen=True)
class Comparison:
    scenarios: list[Scenario]
    kpis: dict[str, KpiRow]
    projects: list[ProjectDifference]
    """The projects funded differently: chosen in some scenarios only, or with another share or start."""

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.scenarios]

    @property
    def objective_values(self) -> list[float | None]:
        return [s.outcome.objective_value for s in self.scenarios]

    @property
    def statuses(self) -> list[str]:
        return [s.outcome.status for s in self.scenarios]

    @property
    def gaps(self) -> list[float | None]:
        return [s.outcome.gap for s in self.scenarios]


def compare(scenarios: Sequence[Scenario]) -> Comparison:
    scenarios = list(scenarios)
    if not scenarios:
        raise ValueError("nothing to compare: no scenarios")
    return Comparison(scenarios, _kpi_rows(scenarios), _differences(scenarios))


def _kpi_rows(scenarios: list[Scenario]) -> dict[str, KpiRow]:
    rows: dict[str, KpiRow] = {}
    for s in scenarios:
        for key, k in s.outcome.kpis.items():
            if key not in rows:
                rows[key] = KpiRow(key, k.label, k.unit, k.kind, k.sense, [], [], [])
    limit_keys = {key: limit_on(key) for key, figure in FIGURES.items() if figure.growth is None}
    for row in rows.values():
        for s in scenarios:
            k = s.outcome.kpis.get(row.key)
            row.after.append(k.after if k else None)
            # Without a portfolio there are no KPIs, but the target is still the scenario's setting.
            limit = limit_keys.get(row.key)
            row.target.append(k.target if k else s.case.settings.limits.get(limit) if limit else None)
            row.met.append(k.met if k else None)
    return rows


def _same_funding(a: Funding | None, b: Funding | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.start_year == b.start_year and abs(a.share - b.share) <= SHARE_TOLERANCE


def _differences(scenarios: list[Scenario]) -> list[ProjectDifference]:
    ids = [p.id for p in scenarios[0].case.projects]
    ids += sorted({pid for s in scenarios for pid in s.outcome.portfolio} - set(ids))
    rows = []
    for pid in ids:
        funding = [s.outcome.portfolio.get(pid) for s in scenarios]
        if all(f is None for f in funding) or all(_same_funding(funding[0], f) for f in funding[1:]):
            continue
        rows.append(ProjectDifference(pid, _project_name(scenarios, pid), funding))
    return rows


def _project_name(scenarios: Sequence[Scenario], project_id: str) -> str:
    for s in scenarios:
        for p in s.case.projects:
            if p.id == project_id:
                return p.name
    return project_id


# --- the workbook -------------------------------------------------------------------------------
def export_scenarios(scenarios: Sequence[Scenario], path: str | Path, language: str = ENGLISH) -> None:
    """One .xlsx: a Comparison sheet, then a sheet per scenario with its settings and chosen projects.

    `language` ("en" or "zh_CN") names the sheets, the columns and the rows (optimizer.words.language).
    """
    path = Path(path)
    words = Words(language)
    if not scenarios:
        raise ExportError(Text("There are no scenarios to export."))
    for s in scenarios:
        check_target(path, s.case.source, words)
    wb = Workbook()
    comparison_sheet = wb.active
    comparison_sheet.title = words(COMPARISON)
    write_comparison(comparison_sheet, compare(scenarios), words)
    titles = sheet_names([s.name for s in scenarios], taken=(COMPARISON, words(COMPARISON)))
    for scenario, title in zip(scenarios, titles, strict=True):
        write_scenario(wb.create_sheet(title), scenario, scenarios[0], words)
    open_on(wb, comparison_sheet)
    save(wb, path, words)


def sheet_names(names: Sequence[str], taken: Sequence[str] = (COMPARISON,)) -> list[str]:
    """Names Excel accepts for these scenarios' sheets: no []:*?/\\, at most 31 characters, unique."""
    used = {t.casefold() for t in taken}
    result = []
    for number, name in enumerate(names, start=1):
        base = " ".join(re.sub(r"[\[\]:*?/\\\x00-\x1f]", " ", name).split()).strip("'").strip()
        base = _clip(base or f"Scenario {number}", SHEET_NAME_LENGTH)
        candidate, copy = base, 1
        while candidate.casefold() in used or candidate.casefold() == "history":  # 'History' is Excel's own
            copy += 1
            suffix = f" ({copy})"
            candidate = _clip(base, SHEET_NAME_LENGTH - len(suffix)).rstrip() + suffix
        used.add(candidate.casefold())
        result.append(candidate)
    return result


def _clip(text: str, length: int) -> str:
    """At most `length` UTF-16 units, as Excel counts them (a character outside the BMP counts two)."""
    while len(text.encode("utf-16-le")) // 2 > length:
        text = text[:-1]
    return text


def write_comparison(ws: Worksheet, comparison: Comparison, words: Words = IN_ENGLISH) -> None:
    """KPIs side by side (value, target, met for each scenario), then the projects funded differently.

    Each table has two header rows: the scenario names over their three columns, then what each column holds.
    """
    scenarios = comparison.scenarios
    headers = [words(h) for h in ["Item", "Unit", "Target sense"] + ["Value", "Target", "Met"] * len(scenarios)]
    header_row(ws, 2, headers)
    units = {_objective_unit(s, words) for s in scenarios}
    value_format = NUMBER_FORMATS[Kind.GRADE] if {s.objective for s in scenarios} == {Objective.SCORE} else MONEY_FORMAT
    objectives = [words.objective(s.objective) for s in scenarios]
    rows: list[tuple[list, list]] = [
        _summary_row(words("Status"), "", [status_said(words, status) for status in comparison.statuses]),
        _summary_row(words("Objective"), "", objectives),
        _summary_row(words("Objective value"), units.pop() if len(units) == 1 else words("see objective"),
                     comparison.objective_values, value_format),
        _summary_row(words("Gap"), "%", comparison.gaps, PERCENT_FORMAT),
        _summary_row(words("Projects chosen"), "", [len(s.outcome.portfolio) for s in scenarios], "0"),
    ]
    currency = scenarios[0].case.settings.currency_unit
    for k in comparison.kpis.values():
        sense = {Sense.MIN: "≥", Sense.MAX: "≤"}.get(k.sense, "") if any(t is not None for t in k.target) else ""
        unit = words.shown_unit(k.kind, currency) if words.chinese or k.kind == Kind.PRODUCTIVITY else k.unit
        values, formats = [words.kpi_label(k.key, k.label), unit, sense], [None, None, None]
        for after, target, met in zip(k.after, k.target, k.met, strict=True):
            values += [shown_value(after, k.kind, currency), shown_value(target, k.kind, currency),
                       "" if met is None else ("✓" if met else "✗")]
            formats += [shown_format(k.kind, currency)] * 2 + [None]
        rows.append((values, formats))
    for r, (values, formats) in enumerate(rows, start=3):
        body_row(ws, r, values, formats)
        for column in range(6, len(values) + 1, 3):
            _mark_met(ws, r, column)
    projects_row = len(rows) + 4
    _write_differences(ws, projects_row, comparison, words)
    # Frozen, and repeated on printed pages: the scenario names and the labels, which hold for both tables.
    ws.freeze_panes = "D2"
    fit_columns(ws)
    # The names go in after fitting: each spans its scenario's three columns, and should not widen the first.
    _scenario_titles(ws, 1, comparison.names)
    _scenario_titles(ws, projects_row + 1, comparison.names)
    print_on_pages_wide(ws)


def _scenario_titles(ws: Worksheet, row: int, names: Sequence[str]) -> None:
    for column in range(1, 4):
        ws.cell(row=row, column=column).fill = HEADER_FILL
    for i, name in enumerate(names):
        column = 4 + 3 * i
        cell = put(ws, row, column, name)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + 2)


def _summary_row(label: str, unit: str, values: list, fmt: str | None = None) -> tuple[list, list]:
    cells, formats = [label, unit, ""], [None, None, None]
    for value in values:
        cells += [value, None, None]
        formats += [fmt, None, None]
    return cells, formats


def _mark_met(ws: Worksheet, row: int, column: int) -> None:
    """Colour a met mark and, when missed, the value it judges."""
    cell = ws.cell(row=row, column=column)
    if cell.value in ("✓", "✗"):
        cell.alignment = Alignment(horizontal="center")
        cell.fill = MET_FILL if cell.value == "✓" else MISSED_FILL
        if cell.value == "✗":
            ws.cell(row=row, column=column - 2).fill = MISSED_FILL


def _write_differences(ws: Worksheet, first_row: int, comparison: Comparison, words: Words = IN_ENGLISH) -> None:
    """A title row, a row left for the scenario names, the column headers, one row per project."""
    unit = words.currency(comparison.scenarios[0].case.settings.currency_unit)
    title = put(ws, first_row, 1, words("Projects that differ"))
    title.font = Font(name="Calibri", size=12, bold=True)
    header = [words("ID"), words("Name"), words("Full capex ({unit})").format(unit=unit)]
    header += [words(h) for h in ("Share", "Start year", "Chosen")] * len(comparison.scenarios)
    header_row(ws, first_row + 2, header)
    if not comparison.projects:
        put(ws, first_row + 3, 1, words("No project is funded differently in these scenarios."))
        return
    for r, difference in enumerate(comparison.projects, start=first_row + 3):
        capex = _full_capex(comparison.scenarios, difference.project_id)
        values, formats = [difference.project_id, difference.name, capex], [None, None, MONEY_FORMAT]
        for funding in difference.funding:
            if funding is None:
                values += [None, None, "✗"]
            else:
                values += [funding.share, funding.start_year, "✓"]
            formats += [PERCENT_FORMAT, YEAR_FORMAT, None]
        body_row(ws, r, values, formats)
        for column in range(6, len(values) + 1, 3):
            ws.cell(row=r, column=column).alignment = Alignment(horizontal="center")


def _full_capex(scenarios: Sequence[Scenario], project_id: str) -> float | None:
    for s in scenarios:
        for p in s.case.projects:
            if p.id == project_id:
                return p.total_capex
    return None


def write_scenario(ws: Worksheet, scenario: Scenario, first: Scenario, words: Words = IN_ENGLISH) -> None:
    """Chosen projects on the left (A-E), settings on the right (G-K), changes from `first` highlighted."""
    unit = words.currency(scenario.case.settings.currency_unit)
    header_row(ws, 1, [words(h).format(unit=unit) for h in ("ID", "Name", "Share", "Start year", "Capex ({unit})")])
    total = 0.0
    row = 2
    for pid, funding in _in_case_order(scenario):
        capex = _full_capex([scenario], pid)
        capex = None if capex is None else capex * funding.share
        total += capex or 0.0
        body_row(ws, row, [pid, _project_name([scenario], pid), funding.share, funding.start_year, capex],
                  [None, None, PERCENT_FORMAT, YEAR_FORMAT, MONEY_FORMAT])
        row += 1
    if scenario.outcome.portfolio:
        body_row(ws, row, [words("Total"), "", None, None, total], [None, None, None, None, MONEY_FORMAT])
        for cell in ws[row][:5]:
            cell.font = HEADER_FONT
    compared = scenario is not first
    header = [words(h) for h in ("Item", "Value", "Unit", "Key")]
    header += [words("In '{name}'").format(name=first.name)] if compared else []
    header_row(ws, 1, header, first_column=7)
    limit_keys = _limit_keys({**first.case.settings.limits, **scenario.case.settings.limits})
    theirs = {row[0]: row[2] for row in _settings_rows(first, limit_keys, words)}
    for r, (key, label, value, unit_text, fmt) in enumerate(_settings_rows(scenario, limit_keys, words), start=2):
        other_value = theirs.get(key)
        changed = compared and key not in NOT_SETTINGS and other_value != value
        cells = [label, value, unit_text, key] + ([other_value if changed else None] if compared else [])
        body_row(ws, r, cells, [None, fmt, None, None, fmt], first_column=7)
        ws.cell(row=r, column=9).alignment = Alignment(indent=1)  # apart from the number before it
        if changed:
            for cell in ws[r][6:6 + len(cells)]:
                cell.fill = CHANGED_FILL
    ws.freeze_panes = "A2"
    fit_columns(ws)
    ws.column_dimensions["F"].width = 3  # a gutter between the two tables
    if not scenario.outcome.portfolio:  # written after fitting: the sentence may run on over the empty cells
        outcome = scenario.outcome
        put(ws, 2, 1, words("No portfolio: {why}.").format(why=words.text(quality(outcome.status, outcome.gap))))
    print_on_pages_wide(ws)


def _in_case_order(scenario: Scenario) -> list[tuple[str, Funding]]:
    order = {p.id: i for i, p in enumerate(scenario.case.projects)}
    return sorted(scenario.outcome.portfolio.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _settings_rows(scenario: Scenario, limit_keys: list[str],
                   words: Words = IN_ENGLISH) -> list[tuple[str, str, object, str, str | None]]:
    """(key, label, value, unit, number format) of what a scenario was solved with and what it gave."""
    s = scenario.case.settings
    outcome = scenario.outcome
    objective = words.objective(s.objective)
    rows: list[tuple[str, str, object, str, str | None]] = [
        ("name", words("Scenario"), scenario.name, "", None),
        ("created", words("Created"), scenario.created.replace(tzinfo=None), "", "yyyy-mm-dd hh:mm"),
        ("objective", words("Objective"), objective, "", None),
    ]
    rows += [(key, words.weight_label(key), value, "", "0.00") for key, value in s.weights.items()]
    for key in limit_keys:
        spec = setting(key)
        if words.chinese:  # the Settings key's Chinese says the sense: 资产负债率上限
            budget = budget_year(key) is not None or entity_budget(key) is not None
            label = f"{words.limit_label(key)}上限" if budget else spec.workbook_chinese
        else:
            label = spec.name.english + (" (min)" if spec.sense == Sense.MIN else " (max)")
        rows.append((key, label, s.limits.get(key, words(NO_LIMIT)), _unit_beside(spec.kind, s.currency_unit, words),
                     NUMBER_FORMATS.get(spec.kind)))
    forced_in = ", ".join(p.id for p in scenario.case.projects if p.mandatory)
    forced_out = ", ".join(p.id for p in scenario.case.projects if p.excluded)
    rows += [
        ("forced_in", words("Projects forced in"), forced_in or words("none"), "", None),
        ("forced_out", words("Projects forced out"), forced_out or words("none"), "", None),
        ("time_limit", words("Time limit"), s.time_limit, words("seconds"), "0"),
        ("mip_gap", words("Optimality gap asked"), s.mip_gap, "", "0.00%"),
    ]
    rows += [
        ("status", words("Status (result)"), status_said(words, outcome.status), "", None),
        ("objective_value", words("Objective value (result)"), outcome.objective_value,
         _objective_unit(scenario, words),
         NUMBER_FORMATS[Kind.GRADE] if scenario.objective == Objective.SCORE else MONEY_FORMAT),
    ]
    return rows


def _objective_unit(scenario: Scenario, words: Words) -> str:
    if scenario.objective == Objective.SCORE:
        return SCORE_UNIT.said_in(words.chinese)
    return words.currency(scenario.case.settings.currency_unit)


def _unit_beside(kind: str, currency_unit: str, words: Words = IN_ENGLISH) -> str:
    """The unit to write beside a value: none for a percentage, whose format already says it."""
    unit = words.unit(kind, currency_unit) if words.chinese else unit_of(kind, currency_unit)
    return "" if unit == "%" else unit


def _limit_keys(limits: dict[str, float]) -> list[str]:
    budgets = sorted((k for k in limits if budget_year(k) is not None), key=lambda k: budget_year(k) or 0)
    own = sorted(k for k in limits if entity_budget(k) is not None)  # each subsidiary's, by entity then budget
    return budgets + [k for k in LIMIT_KEYS if k in limits] + own


# --- saving as JSON -----------------------------------------------------------------------------
def scenario_to_dict(scenario: Scenario) -> dict:
    """The scenario as JSON-able data: its settings and a summary of its answer (module docstring)."""
    s, o = scenario.case.settings, scenario.outcome
    return {
        "format": FORMAT_VERSION,
        "name": scenario.name,
        "created": scenario.created.isoformat(),
        "settings": {"objective": s.objective, "limits": {k: _number(v) for k, v in s.limits.items()},
                     "weights": {k: _number(v) for k, v in s.weights.items()},
                     "time_limit": _number(s.time_limit), "mip_gap": _number(s.mip_gap),
                     ALLOW_SUPERVISED: s.allow_supervised},
        "forced_in": [p.id for p in scenario.case.projects if p.mandatory],
        "forced_out": [p.id for p in scenario.case.projects if p.excluded],
        "groups": {group: [count.min_count, count.max_count] for group, count in scenario.case.groups.items()},
        "negative_list": [[rule.rule_class.value, rule.field_text, rule.match_text, rule.reason]
                          for rule in scenario.case.negative_list],
        "result": {
            "status": o.status, "objective_value": _number(o.objective_value), "gap": _number(o.gap),
            "total_capex": _number(o.total_capex),
            "portfolio": {pid: {"share": f.share, "start_year": f.start_year} for pid, f in o.portfolio.items()},
            "kpis": {key: {"label": k.label, "unit": k.unit, "kind": k.kind, "before": _number(k.before),
                           "after": _number(k.after), "target": _number(k.target), "sense": k.sense, "met": k.met}
                     for key, k in o.kpis.items()},
        },
    }


def scenario_from_dict(data: dict, case: Case) -> Scenario:
    """A saved scenario on `case` (the workbook read again): its settings applied, its answer as summary."""
    name = data.get("name", "?") if isinstance(data, dict) else "?"
    try:
        if data.get("format", FORMAT_VERSION) > FORMAT_VERSION:
            raise ScenarioError(Text("Scenario '{name}' was saved by a newer version of the program.", name=name))
        settings, result = data["settings"], data["result"]
        objective = settings["objective"]
        if objective not in tuple(Objective):
            raise ScenarioError(Text("Scenario '{name}': unknown objective '{objective}'.", name=name,
                                     objective=objective))
        limits = {str(k): float(v) for k, v in settings["limits"].items()}
        for key in limits:
            setting(key)  # KeyError for a key this version does not know
        forced_in, forced_out = set(data.get("forced_in", [])), set(data.get("forced_out", []))
        projects = tuple(replace(p, mandatory=p.id in forced_in, excluded=p.id in forced_out) for p in case.projects)
        new_settings = replace(case.settings, objective=objective, limits=limits,
                               weights={str(k): float(v) for k, v in settings.get("weights", {}).items()},
                               time_limit=float(settings.get("time_limit", case.settings.time_limit)),
                               mip_gap=float(settings.get("mip_gap", case.settings.mip_gap)),
                               allow_supervised=bool(settings.get(ALLOW_SUPERVISED, case.settings.allow_supervised)))
        summary = Outcome(
            status=str(result["status"]), objective_value=_optional(result.get("objective_value")),
            gap=_optional(result.get("gap")),
            portfolio={str(pid): Funding(float(f["share"]), int(f["start_year"]))
                       for pid, f in result.get("portfolio", {}).items()},
            kpis={key: Kpi(key, k["label"], k["unit"], k["kind"], _optional(k.get("before")),
                           _optional(k.get("after")), _optional(k.get("target")), k.get("sense"), k.get("met"))
                  for key, k in result.get("kpis", {}).items()},
            total_capex=_optional(result.get("total_capex")))
        groups = {str(group): GroupCount(int(low), None if high is None else int(high))
                  for group, (low, high) in data["groups"].items()} if "groups" in data else case.groups
        rules = _negative_list(data["negative_list"], case, name) if "negative_list" in data else case.negative_list
        return Scenario(str(data["name"]), replace(case, projects=projects, settings=new_settings, groups=groups,
                                                   negative_list=rules),
                        None, datetime.fromisoformat(data["created"]), summary)
    except ScenarioError:
        raise
    except KeyError as error:
        raise ScenarioError(Text("Scenario '{name}' is incomplete or unknown to this version: {detail}.", name=name,
                                 detail=str(error))) from error
    except (TypeError, ValueError, AttributeError) as error:
        raise ScenarioError(Text("Scenario '{name}' is damaged: {detail}.", name=name, detail=str(error))) from error


def _negative_list(rows: list, case: Case, name: str) -> tuple[NegativeRule, ...]:
    """The saved rules (class, field, match, reason), each read as a row of the NegativeList sheet on `case`; a rule
    the workbook has as it is stays the workbook's (its row named where the app shows it)."""
    own = {(r.rule_class.value, r.field_text, r.match_text, r.reason): r for r in case.negative_list}
    rules = []
    for rule_class, column, match, reason in rows:
        written = (str(rule_class), str(column), str(match), str(reason or ""))
        made = own.get(written) or make_rule(case, *written)
        if not isinstance(made, NegativeRule):
            raise ScenarioError(Text("Scenario '{name}' is damaged: {detail}.", name=name, detail=made))
        rules.append(made)
    return tuple(rules)


def save_scenarios(scenarios: Sequence[Scenario], path: str | Path) -> None:
    data = {"format": FORMAT_VERSION, "scenarios": [scenario_to_dict(s) for s in scenarios]}
    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


def load_scenarios(path: str | Path, case: Case) -> list[Scenario]:
    """The scenarios saved at `path` on `case`; `ScenarioError` when the file cannot be read."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        items = data["scenarios"]
    except OSError as error:
        raise ScenarioError(Text("Cannot read the scenarios file {path}: {detail}.", path=str(path),
                                 detail=str(error.strerror or error))) from error
    except (ValueError, KeyError, TypeError) as error:
        raise ScenarioError(Text("The scenarios file {path} is damaged: {detail}.", path=str(path),
                                 detail=str(error))) from error
    return [scenario_from_dict(item, case) for item in items]


def _number(value: float | None) -> float | None:
    """JSON has no NaN or infinity: they are saved as null."""
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else value


def _optional(value: object) -> float | None:
    return None if value is None else float(value)
