"""A case with no candidate projects: the group's figures stay as they are."""

from __future__ import annotations

import numpy as np

from optimizer.model.case import Case
from optimizer.model.measures import Figures
from optimizer.model.portfolio import SIGN
from optimizer.model.targets import Kind, Sense, setting
from optimizer.report.five_values import five_values
from optimizer.report.kpis import kpis_by_year, kpis_of
from optimizer.report.result import DiagnosisItem, Result
from optimizer.solve.solver import Solution, Status
from optimizer.tolerances import NEGLIGIBLE
from optimizer.words.text import Text
from optimizer.words.units import Amount


def solve_without_candidates(case: Case) -> Result:
    figures = Figures(case, options=[])
    x = np.zeros(0)
    missed = []
    unit = case.settings.currency_unit
    for key, limit in case.limits_in_force.items():
        target = setting(key)
        if target.kind == Kind.MONEY and target.sense == Sense.MAX:
            continue  # nothing is spent: every budget is kept
        measure = figures.for_limit(key)
        value = measure.rows(x)
        gap = SIGN[target.sense] * (measure.numerator(x) - limit * measure.denominator(x))
        if measure.num_coef.shape[0] and np.any(gap < -NEGLIGIBLE) and not np.all(np.isnan(value)):
            best = measure.worst(x, target.sense)
            missed.append(DiagnosisItem(key, limit, best, [], Text(
                "{name} target {target} ({key}) cannot be met: there are no candidate projects, and it stays at "
                "{value}.", name=target.name, target=Amount(limit, target.kind, unit), key=key,
                value=Amount(best, target.kind, unit))))
    status = Status.INFEASIBLE if missed else Status.OPTIMAL
    solution = Solution(status, 0.0 if not missed else None, 0.0 if not missed else None,
                        0.0 if not missed else None, 0.0, {}, x)
    result = Result(case, solution, diagnosis=missed)
    if not missed:
        result.kpis = kpis_of(case, figures, x)
        result.kpis_by_year = kpis_by_year(case, figures, x)
        result.five_values = five_values(result)
    return result
