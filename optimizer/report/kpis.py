"""The KPIs of a portfolio: every reported figure of the registry before and after investing, against its
target where the Settings set one; and the group's own figures ("one profit, five rates") in each plan year,
against the target that binds that year."""

from __future__ import annotations

import numpy as np

from optimizer.model.case import Case
from optimizer.model.measures import Figures, Measure
from optimizer.model.targets import (
    FIGURES,
    SCORE_FIGURE,
    SCORE_UNIT,
    Figure,
    Objective,
    Sense,
    limit_on,
    setting,
    yearly_key,
)
from optimizer.report.result import Kpi
from optimizer.tolerances import ROW
from optimizer.words.units import unit_of


def kpis_of(case: Case, figures: Figures, x: np.ndarray) -> dict[str, Kpi]:
    """The KPIs of the portfolio `x` (funded share of each option); the group's own figures also before."""
    limits = case.settings.limits
    result: dict[str, Kpi] = {}
    for figure in FIGURES.values():
        if not figure.reported:
            continue
        measure = figures.of(figure.key)
        if measure.num_coef.shape[0] == 0:
            continue
        limit_key = limit_on(figure.key)
        sense = setting(limit_key).sense if limit_key else None
        target = limits.get(limit_key) if limit_key else None
        if figure.growth is not None:  # total profit: its target is the baseline grown by the growth target
            growth_key = limit_on(figure.growth)
            base = case.baseline(figure.key)
            if growth_key in limits and base is not None:
                target, sense = base * (1 + limits[growth_key]), Sense.MIN
        result[figure.key] = _kpi(case, figure, measure, x, target, sense,
                                  with_before=figure.key not in GROWTH_FIGURES)
    if case.settings.objective == Objective.SCORE:
        name = SCORE_FIGURE.name.english
        result[SCORE_FIGURE.key] = Kpi(SCORE_FIGURE.key, name[:1].upper() + name[1:], SCORE_UNIT.english,
                                       SCORE_FIGURE.kind, None, None, None, None, None)
    return result


GROWTH_FIGURES = frozenset(f.growth for f in FIGURES.values() if f.growth is not None)
"""Growths of a figure over its baseline (profit growth): in the steady state the outlook without new projects
is the baseline itself, so its growth "before" is 0 by definition and says nothing; none is shown. Year by
year it is the outlook's own growth over the year before, and is shown."""


def year_figures() -> list[Figure]:
    """The figures reported year by year: the group's own, "one profit, five rates"."""
    return [f for f in FIGURES.values() if f.of_group]


def kpis_by_year(case: Case, figures: Figures, x: np.ndarray) -> dict[int, dict[str, Kpi]]:
    """The group's own figures in each plan year with the portfolio `x` and without new projects (its outlook),
    against the target binding that year (workbook.md, "Year by year"); empty without an Enterprise sheet."""
    if case.enterprise is None:
        return {}
    limits = case.limits_in_force
    result: dict[int, dict[str, Kpi]] = {}
    for year in case.years:
        row: dict[str, Kpi] = {}
        for figure in year_figures():
            measure: Measure = getattr(figures, figure.measure)(year)
            limit_key = limit_on(figure.key)
            key = yearly_key(limit_key, year) if limit_key else None
            sense = setting(limit_key).sense if limit_key else None
            target = limits.get(key) if key else None
            if figure.growth is not None:  # total profit: last year's grown by this year's growth target
                growth_key = yearly_key(limit_on(figure.growth), year)
                if growth_key in limits:
                    last = getattr(figures, figure.measure)(year - 1).worst(x, Sense.MIN)
                    if last is not None:
                        target, sense = last * (1 + limits[growth_key]), Sense.MIN
            row[figure.key] = _kpi(case, figure, measure, x, target, sense)
        result[year] = row
    return result


def _kpi(case: Case, figure: Figure, measure: Measure, x: np.ndarray, target: float | None,
         sense: str | None, with_before: bool = True) -> Kpi:
    after = measure.worst(x, sense or Sense.MAX)
    if measure.subjects != ("",) and not np.any(measure.numerator(x) > 0):
        after = None  # the largest sector (entity) share of a portfolio whose projects name none: there is none
    before = None
    if figure.of_group and with_before:
        before = measure.worst(np.zeros(measure.num_coef.shape[1]), sense or Sense.MAX)
    return Kpi(figure.key, figure.name.english, unit_of(figure.kind, case.settings.currency_unit), figure.kind,
               before, after, target, sense, meets(after, target, sense))


def meets(value: float | None, target: float | None, sense: str | None) -> bool | None:
    """Whether a figure keeps its target (a floor for Sense.MIN, else a ceiling), within the rows' tolerance; None
    without a target or a value."""
    if target is None or value is None:
        return None
    tolerance = ROW * max(1.0, abs(target))
    return value >= target - tolerance if sense == Sense.MIN else value <= target + tolerance
