"""The Settings against the rest of the case: the checks both the reader and an override need, and
`apply_overrides` (`--set KEY=VALUE`, the app's edits).

A limit on a figure of the group ("one profit, five rates") needs the Enterprise items it is measured
from, and the one it divides by above 0 (targets.Figure.needs, divisor); a limit on a figure measured from
a project column needs that column on every project (the average risk grade, from `risk`); the objective
needs the figures it sums (npv, or profit for eva). A budget for a year outside the plan is dropped with a
warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from optimizer.errors import CaseError, Problem
from optimizer.io.values import canonical_setting_key, is_blank, parse_setting_value, plain
from optimizer.model.case import Case, Enterprise, Project, Settings
from optimizer.model.screening import prohibition
from optimizer.model.targets import (
    ALLOW_SUPERVISED,
    ENTITY_MARK,
    OBJECTIVE,
    WEIGHT_KEYS,
    WEIGHT_RETURN,
    Kind,
    Objective,
    budget_year,
    entity_budget,
    entity_budget_key,
    figure_of,
    is_limit,
    setting,
    yearly_target,
)
from optimizer.words.text import Text, said
from optimizer.words.units import Currency, currency_in_chinese

OVERRIDE = "--set"
"""Where a problem of an override is said to be (the sheet of its Problem)."""


def settings_fields(settings: Settings) -> dict:
    """A Settings as a dict of fresh, changeable fields (to build a new Settings from)."""
    return {"limits": dict(settings.limits), "objective": settings.objective,
            "weights": dict(settings.weights), "currency_unit": settings.currency_unit,
            "time_limit": settings.time_limit, "mip_gap": settings.mip_gap,
            "risk_aversion": settings.risk_aversion, "kpi_check": settings.kpi_check,
            ALLOW_SUPERVISED: settings.allow_supervised, "cells": dict(settings.cells)}


def set_setting(fields: dict, key: str, value: float | str | None) -> None:
    """Put one parsed setting into `fields`; None restores the default (no limit)."""
    if is_limit(key) or key in WEIGHT_KEYS:
        values = fields["limits"] if is_limit(key) else fields["weights"]
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    else:  # objective, kpi_check, allow_supervised, currency_unit, time_limit, mip_gap, risk_aversion: a field
        fields[key] = getattr(Settings, key) if value is None else value


def required_columns(settings: Settings) -> dict[str, Text]:
    """Columns the Projects sheet must have -> why."""
    required = {"name": Text("every project needs a name")}
    if settings.objective == Objective.NPV:
        required["npv"] = Text("the objective is npv")
    elif settings.objective == Objective.SCORE and settings.weights.get(WEIGHT_RETURN, 0) > 0:
        required["npv"] = Text("the score objective weighs return ({key})", key=WEIGHT_RETURN)
    elif settings.objective == Objective.EVA:
        required["profit"] = Text("the objective is eva")
    return required


def baseline_problems(settings: Settings, enterprise: Enterprise | None,
                      keys: Iterable[str]) -> list[tuple[str, Text]]:
    """(key, message) for each limit among `keys` that is set but cannot be measured from the baseline."""
    found = []
    for key in keys:
        if key not in settings.limits or not is_limit(key):
            continue
        figure = figure_of(key)
        if not figure.of_group or not figure.needs:
            continue
        needed, divisor = figure.needs, figure.divisor
        missing = [item for item in needed if enterprise is None or getattr(enterprise, item) is None]
        if enterprise is None:
            found.append((key, Text("{key} needs the Enterprise sheet ({items})", key=key, items=_and(needed))))
        elif missing:
            found.append((key, Text("{key} needs {items} on the Enterprise sheet", key=key, items=_and(missing))))
        elif divisor is not None and getattr(enterprise, divisor) <= 0:
            found.append((key, Text("{key} needs {item} above 0 on the Enterprise sheet (it is {value})", key=key,
                                    item=divisor, value=plain(getattr(enterprise, divisor)))))
    return found


def _and(items: Iterable[str]) -> Text:
    """Keys joined by "and" ("net_profit and equity"; "net_profit、equity" in Chinese)."""
    items = list(items)
    return Text("{first} and {second}", first=", ".join(items[:-1]), second=items[-1]) if len(items) > 1 \
        else Text("{only}", only=items[0])


def column_problems(settings: Settings, projects: Iterable[Project], keys: Iterable[str]) -> list[Text]:
    """For a case already read: a limit among `keys` on a figure measured from a project column, where some
    project leaves that column blank."""
    found = []
    for key in keys:
        if key not in settings.limits or not is_limit(key) or figure_of(key).needs_column is None:
            continue
        column, what = figure_of(key).needs_column
        blank = [p.id for p in projects if getattr(p, column) is None]
        if blank:
            more = Text(" and {count} more", count=len(blank) - 5) if len(blank) > 5 else Text("")
            found.append(Text("{key} needs a {what} for every project; missing for {ids}{more}", key=key, what=what,
                              ids=", ".join(blank[:5]), more=more))
    return found


def objective_problems(settings: Settings, projects: Iterable[Project]) -> list[Text]:
    """For a case already read: the objective needs figures that no project has.

    The reader checks the columns themselves; after an override only the values
    are left, and all of them being 0 means the column was missing.
    """
    projects = list(projects)
    required = required_columns(settings)
    found: list[Text] = []
    if not projects:
        return found
    if "npv" in required and all(p.npv == 0 for p in projects):
        found.append(Text("{why}, but no project has an npv", why=required["npv"]))
    if "profit" in required and all(p.profit == 0 for p in projects):
        found.append(Text("{why}, but no project has a profit", why=required["profit"]))
    return found


def supervision_problems(case: Case) -> list[Text]:
    """A mandatory project that screening prohibits: after an override, one that is supervised while supervised
    projects are not allowed (the reader refuses the others)."""
    return [Text("{id} is mandatory but prohibited: {reason}", id=p.id, reason=reason) for p in case.projects
            if p.mandatory and not p.excluded and (reason := prohibition(p, case)) is not None]


IN_10K_CNY = {"亿元": 10_000.0, "百万元": 100.0, "元": 1e-4}
"""How many 万元 (CNY 10k) one unit of the case's currency is, for the units other than 万元 itself."""
PRODUCTIVITY_IN_10K = (0.1, 10_000.0)
"""Labour productivity a group can have, in 万元 per person: from 1,000 CNY to 1 亿元 a person a year. A target
outside it was written in the wrong unit, most often 万元/人, the unit reports use: 78 for 0.0078 亿元/人."""


def productivity_problems(settings: Settings, keys: Iterable[str]) -> list[tuple[str, Text]]:
    """(key, message) for each labour productivity target among `keys` that only makes sense in 万元 per person
    while the workbook counts in another unit, with the value in the workbook's unit (as for 35 typed for 35%)."""
    factor = IN_10K_CNY.get(currency_in_chinese(settings.currency_unit))
    found = []
    for key in keys:
        value = settings.limits.get(key)
        if factor is None or value is None or not value > 0 or setting(key).kind != Kind.PRODUCTIVITY:
            continue
        low, high = PRODUCTIVITY_IN_10K
        if not low <= value * factor <= high:
            found.append((key, Text("{key}: {value} looks like CNY 10k per person (万元/人); labour productivity is "
                                    "written in {unit} per person here, where that is {converted}", key=key,
                                    value=plain(value), unit=Currency(settings.currency_unit),
                                    converted=plain(value / factor))))
    return found


def year_problems(settings: Settings, years: tuple[int, ...], keys: Iterable[str]) -> list[tuple[str, Text]]:
    """(key, message) for each target by year among `keys` for a year outside the plan."""
    found = []
    for key in keys:
        in_year = yearly_target(key)
        if key in settings.limits and in_year is not None and years and in_year[1] not in years:
            found.append((key, Text("{key} is for {year}, outside the plan years {first}–{last}", key=key,
                                    year=in_year[1], first=years[0], last=years[-1])))
    return found


def without_stray_budgets(settings: Settings, years: tuple[int, ...],
                           warn: Callable[[str, Text], None]) -> Settings:
    """The settings less any annual budget for a year outside the plan (with a warning each)."""
    stray = [key for key in settings.limits if budget_year(key) is not None and budget_year(key) not in years]
    if not stray or not years:
        return settings
    for key in stray:
        warn(key, Text("{key} is for a year outside the plan years {first}–{last} and is ignored", key=key,
                       first=years[0], last=years[-1]))
    return replace(settings, limits={k: v for k, v in settings.limits.items() if k not in stray})


def override_key(name: str) -> str | None:
    """The canonical key of a `--set` name: a Settings key, or a subsidiary's own budget written as the budget's
    key (English or Chinese) and the entity joined by @ ("budget_2027@华瑞电力", "总预算@华瑞电力")."""
    plain, mark, entity = name.partition(ENTITY_MARK)
    if not mark:
        return canonical_setting_key(name)
    key = canonical_setting_key(plain)
    if key is None or not entity.strip():
        return None
    of_entity = entity_budget_key(key, entity.strip())
    return of_entity if entity_budget(of_entity) is not None else None


def apply_overrides(case: Case, overrides: dict[str, str]) -> Case:
    """A copy of the case with some settings changed (`--set KEY=VALUE`); a blank value removes a limit.

    Keys may be English or Chinese. Raises CaseError (sheet OVERRIDE) for an
    unknown key, a bad value, or a setting the case cannot honour (a baseline
    target without the Enterprise figures it needs, an average risk grade cap with
    projects that have no risk grade, an objective whose figures no project has).
    """
    fields = settings_fields(case.settings)
    problems: list[Problem] = []
    changed: list[str] = []
    for name, text in overrides.items():
        key = override_key(name)
        if key is None:
            problems.append(Problem(OVERRIDE, "", Text("unknown setting '{key}'", key=name)))
            continue
        if (of_entity := entity_budget(key)) is not None:
            year = budget_year(of_entity[0])
            if of_entity[1] not in {p.entity for p in case.projects}:
                problems.append(Problem(OVERRIDE, "", Text("{key}: no project is of the investing entity '{entity}'",
                                                          key=name, entity=of_entity[1])))
                continue
            if year is not None and case.years and year not in case.years:
                problems.append(Problem(OVERRIDE, "", Text("{key}: {year} is not a plan year ({first}–{last})",
                                                          key=name, year=year, first=case.years[0],
                                                          last=case.years[-1])))
                continue
        try:
            value = None if is_blank(text) else parse_setting_value(key, text)
        except ValueError as exc:
            problems.append(Problem(OVERRIDE, "", Text("{key}={value}: {problem}", key=name, value=text,
                                                      problem=said(exc))))
            continue
        set_setting(fields, key, value)
        fields["cells"][key] = OVERRIDE
        changed.append(key)
    settings = Settings(**fields)
    problems += [Problem(OVERRIDE, "", message)
                 for _, message in baseline_problems(settings, case.enterprise, changed)]
    problems += [Problem(OVERRIDE, "", message) for message in column_problems(settings, case.projects, changed)]
    problems += [Problem(OVERRIDE, "", message) for _, message in year_problems(settings, case.years, changed)]
    problems += [Problem(OVERRIDE, "", message) for _, message in productivity_problems(settings, changed)]
    if {OBJECTIVE, WEIGHT_RETURN} & set(changed):
        problems += [Problem(OVERRIDE, "", message)
                     for message in objective_problems(settings, case.projects)]
    if ALLOW_SUPERVISED in changed:
        problems += [Problem(OVERRIDE, "", message)
                     for message in supervision_problems(replace(case, settings=settings))]
    if problems:
        raise CaseError(problems)
    warnings = list(case.warnings)
    settings = without_stray_budgets(
        settings, case.years, lambda key, message: warnings.append(Problem(OVERRIDE, "", message).said()))
    return replace(case, settings=settings, warnings=tuple(warnings))
