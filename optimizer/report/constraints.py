"""Every constraint of a solved model, by its business name: its value, its limit, whether it binds, and what
loosening it is worth at the chosen projects (the marginal value, from the LP with the integer choices fixed).

The marginal value is a local rate: it keeps the yes/no choices of the answer, so it can be far from what a
step looser really gives once other projects may come in (one 亿元 more of a budget, one percentage point less
of a floor). `limit_step` says what one such step is for each limit; optimizer/analysis/step_value.py re-solves
the case with each binding limit one step looser for that real worth (`ConstraintRow.step_value`)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cvxpy as cp
import numpy as np

from optimizer.errors import SolverFailure
from optimizer.model.portfolio import SIGN, PortfolioModel
from optimizer.model.relations import EXCLUSIVE_GROUP, GROUP_MIN_COUNT
from optimizer.model.targets import OBJECTIVE_NAMES, PERCENT_KINDS, PRODUCTIVITY_SCALE, Kind, Sense, setting
from optimizer.report.relations import group_rows
from optimizer.report.result import ConstraintRow, Result
from optimizer.solve.solver import Solution, run_highs
from optimizer.tolerances import FUNDED, RULE
from optimizer.words.text import Name, Text
from optimizer.words.units import currency_in_chinese

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


@dataclass(frozen=True)
class LimitStep:
    """One step looser of a limit, in the unit a planner thinks in."""

    change: float
    """The change of the limit in its own (the engine's) units: +1.0 for a budget in CNY 100m, -0.01 for a
    share floor, -0.0001 for a labour productivity floor in CNY 100m per person (1 万元/人)."""
    size: Name
    """The step as it is said: "1 percentage point" / "1 个百分点", "1 CNY 100m" / "1 亿元"."""


GRADE_STEP = 0.1
"""A step of the average risk grade (1..5): a tenth of a grade, as its slider and the results show it (2.76)."""


def limit_step(key: str, kind: str, currency_unit: str) -> LimitStep:
    """One step looser of the limit `key` of this kind: a ceiling raised, a floor lowered, by one currency unit of
    money, one percentage point of a share or rate, one shown unit of labour productivity (1 万元/人 in a case in
    CNY 100m), a tenth of the average risk grade, one of anything else."""
    money = Name(currency_unit, currency_in_chinese(currency_unit))
    if kind in PERCENT_KINDS:
        size, name = 0.01, Name("1 percentage point", "1 个百分点")
    elif kind == Kind.MONEY:
        size, name = 1.0, Name(f"1 {money.english}", f"1 {money.chinese}")
    elif kind == Kind.PRODUCTIVITY:
        factor, shown = PRODUCTIVITY_SCALE.get(currency_unit.strip(), (None, None))
        if factor:
            size, name = 1.0 / factor, Name(f"1 {shown.english} per person", f"1 {shown.chinese}/人")
        else:
            size, name = 1.0, Name(f"1 {money.english} per person", f"1 {money.chinese}/人")
    elif kind == Kind.GRADE:
        size, name = GRADE_STEP, Name(f"{GRADE_STEP:g} of a risk grade", f"{GRADE_STEP:g} 个风险等级")
    else:
        size, name = 1.0, Name("1", "1")
    sign = 1.0 if setting(key).sense == Sense.MAX else -1.0
    return LimitStep(sign * size, name)


def marginal_text(row: ConstraintRow, result: Result) -> Text:
    """The marginal value per step looser (limit_step), in the unit the limit is shown in, said to be the local
    rate it is: what loosening the limit is worth while the chosen projects stay as they are."""
    step = limit_step(row.name, row.kind, result.case.settings.currency_unit)
    return Text("{value:+,.4g} {objective} per {step} looser (local rate at the chosen projects)",
                value=row.marginal_value * step.change, step=step.size,
                objective=OBJECTIVE_NAMES[result.objective])


def step_text(row: ConstraintRow, result: Result) -> Text:
    """The real worth of one step looser (analysis/step_value.py), in words; the row must have it."""
    step = limit_step(row.name, row.kind, result.case.settings.currency_unit)
    return Text("{value:+,.4g} {objective} for {step} looser (re-solved)", value=row.step_value, step=step.size,
                objective=OBJECTIVE_NAMES[result.objective])
