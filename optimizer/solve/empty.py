"""A case with no candidate projects: the group's figures stay as they are."""

from __future__ import annotations

import numpy as np

from optimizer.model.case import Case, setting_key
from optimizer.model.measures import Figures, measure_for_limit
from optimizer.model.portfolio import SIGN
from optimizer.report.result import DiagnosisItem, Result, format_value, kpis_of
from optimizer.solve.solver import Solution


def solve_without_candidates(case: Case) -> Result:
    figures = Figures(case, options=[])
    x = np.zeros(0)
    missed = []
    for key, limit in case.settings.limits.items():
        if key.startswith("budget_") or key == "total_budget":
            continue
        measure = measure_for_limit(figures, key)
        value = measure.rows(x)
        sense = setting_key(key).sense
        gap = SIGN[sense] * (measure.numerator(x) - limit * measure.denominator(x))
        if measure.num_coef.shape[0] and np.any(gap < -1e-9) and not np.all(np.isnan(value)):
            best = float(np.nanmin(value) if sense == "min" else np.nanmax(value))
            spec = setting_key(key)
            unit = case.settings.currency_unit
            missed.append(DiagnosisItem(key, limit, best, [], (
                f"{spec.label} target {format_value(limit, spec.kind, unit)} ({key}) cannot be met: there are no "
                f"candidate projects, and it stays at {format_value(best, spec.kind, unit)}.")))
    status = "infeasible" if missed else "optimal"
    solution = Solution(status, 0.0 if not missed else None, 0.0 if not missed else None,
                        0.0 if not missed else None, 0.0, {}, x)
    result = Result(case, solution, diagnosis=missed)
    if not missed:
        result.kpis = kpis_of(case, figures, x)
    return result
