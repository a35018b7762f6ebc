"""Every constraint of a solved model, by its business name: its value, its limit, whether it binds, and what
loosening it is worth (the marginal value, from the LP with the integer choices fixed)."""

from __future__ import annotations

import math

import cvxpy as cp
import numpy as np

from optimizer.errors import SolverFailure
from optimizer.model.portfolio import SIGN, PortfolioModel
from optimizer.model.relations import EXCLUSIVE_GROUP, GROUP_MIN_COUNT
from optimizer.model.targets import OBJECTIVE_NAMES, PERCENT_KINDS, Kind, setting
from optimizer.report.relations import group_rows
from optimizer.report.result import ConstraintRow, Result
from optimizer.solve.solver import Solution, run_highs
from optimizer.tolerances import FUNDED, RULE
from optimizer.words.text import Text
from optimizer.words.units import Currency

GROUP_COUNTS = (EXCLUSIVE_GROUP, GROUP_MIN_COUNT)
"""The constraint rows that count projects of a group, not a limit of the Settings."""
MARGINAL_LP_OPTIONS = {"time_limit": 60.0, "output_flag": False}
"""An LP with every choice fixed: it takes milliseconds; the limit only keeps the watchdog's wait finite."""


def constraint_rows(model: PortfolioModel, x: np.ndarray, duals: dict[str, np.ndarray] | None) -> list[ConstraintRow]:
    rows: list[ConstraintRow] = []
    for key, limit_rows in model.limits.items():
        limit_setting = setting(key)
        m = limit_rows.measure
        values = m.rows(x)
        num, den = m.numerator(x), m.denominator(x)
        limit = float(limit_rows.limit.value)
        sign = SIGN[limit_setting.sense]
        for r, subject in enumerate(m.subjects):
            slack = sign * (num[r] - limit * den[r])
            binding = abs(slack) <= RULE * max(1.0, abs(limit * den[r]), abs(num[r]))
            marginal = 0.0 if not binding else None
            if binding and duals is not None and key in duals:
                marginal = float(duals[key][r] * (-sign) * den[r] / limit_rows.scale[r])
            value = None if math.isnan(values[r]) else float(values[r])
            rows.append(ConstraintRow(key, subject, limit_setting.name.english, limit_setting.kind, value, limit,
                                      bool(binding), marginal))
    return rows + group_rows(model, x)  # the group counts: at most max_count, at least min_count


def marginal_duals(model: PortfolioModel, solution: Solution) -> dict[str, np.ndarray] | None:
    """Duals of the limits in the LP with the integer choices fixed at the solution.

    They say how the objective moves per unit of each limit. They are meaningful only when some
    chosen project is partly funded: with all-or-nothing choices fixed, nothing can move.
    """
    partial_taken = [o for o in model.partial_options if solution.option_shares[o] > FUNDED]
    if not partial_taken or not model.limits:
        return None
    if model.marginal_lp is None:  # built once per model: a what-if re-solve only moves its Parameters
        model.marginal_lp = PortfolioModel.marginal(model.case)
    lp = model.marginal_lp
    lp.apply(model.case)
    lp.objective_adjustment.value = model.objective_adjustment.value
    lp.choice_fixed.value = np.round(np.asarray(model.choose.value, dtype=float))
    try:
        run_highs(lp.problem, MARGINAL_LP_OPTIONS)
    except SolverFailure:
        return None  # the answer stands; only what loosening a limit is worth goes unsaid
    if lp.problem.status != cp.OPTIMAL:
        return None
    return {key: np.atleast_1d(np.asarray(t.constraint.dual_value, dtype=float)) for key, t in lp.limits.items()}


def marginal_text(row: ConstraintRow, result: Result) -> Text:
    """The marginal value in a unit a planner thinks in: per percentage point for shares and rates."""
    objective = OBJECTIVE_NAMES[result.objective]
    if row.kind in PERCENT_KINDS:
        return Text("{value:+,.4g} {objective} per percentage point", value=row.marginal_value / 100,
                    objective=objective)
    if row.kind == Kind.MONEY:
        return Text("{value:+,.4g} {objective} per {unit}", value=row.marginal_value, objective=objective,
                    unit=Currency(result.case.settings.currency_unit))
    return Text("{value:+,.4g} {objective} per 1% rise of the limit", value=row.marginal_value * abs(row.limit) / 100,
                objective=objective)
