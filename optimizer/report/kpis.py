"""The KPIs of a portfolio: every reported figure of the registry before and after investing, against its
target where the Settings set one."""

from __future__ import annotations

import numpy as np

from optimizer.model.case import Case
from optimizer.model.measures import Figures
from optimizer.model.targets import FIGURES, SCORE_FIGURE, SCORE_UNIT, Objective, Sense, limit_on, setting
from optimizer.report.result import Kpi
from optimizer.tolerances import ROW
from optimizer.words.units import unit_of


def kpis_of(case: Case, figures: Figures, x: np.ndarray) -> dict[str, Kpi]:
    """The KPIs of the portfolio `x` (funded share of each option); the group's own figures also before."""
    empty = np.zeros(figures.n)
    limits = case.settings.limits
    unit = case.settings.currency_unit
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
            base = case.enterprise.total_profit if case.enterprise else None
            if growth_key in limits and base is not None:
                target, sense = base * (1 + limits[growth_key]), Sense.MIN
        after = measure.worst(x, sense or Sense.MAX)
        before = measure.worst(empty, sense or Sense.MAX) if figure.of_group else None
        met = None
        if target is not None and after is not None:
            tolerance = ROW * max(1.0, abs(target))
            met = after >= target - tolerance if sense == Sense.MIN else after <= target + tolerance
        result[figure.key] = Kpi(figure.key, figure.name.english, unit_of(figure.kind, unit), figure.kind,
                                 before, after, target, sense, met)
    if case.settings.objective == Objective.SCORE:
        name = SCORE_FIGURE.name.english
        result[SCORE_FIGURE.key] = Kpi(SCORE_FIGURE.key, name[:1].upper() + name[1:], SCORE_UNIT.english,
                                       SCORE_FIGURE.kind, None, None, None, None, None)
    return result
