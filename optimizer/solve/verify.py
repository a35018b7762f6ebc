"""Check a solver's answer against the model's rules before anyone sees it.

A solver can fail loudly (it raises) or quietly: a wrong status, a point that breaks a budget, a
half-taken yes/no choice, NaN. `broken_rules(model, x)` recomputes every rule of the model from
its data (the options, the project bounds, the requires rows, the relations, each target
row) at the answer `x` and lists, in plain words, those it breaks. `solve.read_solution` turns a
non-empty list into a `SolverFailure`, so a nonsense answer is reported as a solver fault and
never shown, exported or compared as a portfolio.
"""

from __future__ import annotations

import numpy as np

from optimizer.model.portfolio import SIGN, PortfolioModel
from optimizer.model.relations import broken_relations
from optimizer.tolerances import RULE, ZERO

TOLERANCE = RULE
"""On shares, yes/no choices and target rows scaled to order one (HiGHS works to FEASIBILITY)."""


def broken_rules(model: PortfolioModel, x: np.ndarray | None, limits: set[str] | None = None) -> list[str]:
    """The rules that the funded shares `x` (one per option) break; [] when it keeps them all. `limits`: the
    limits the answer was asked to keep, when not all of the model's (a question of the diagnosis)."""
    n = len(model.options)
    if x is None or np.shape(x) != (n,):
        return [f"the answer has {np.size(x) if x is not None else 'no'} values for {n} options"]
    x = np.asarray(x, dtype=float)
    if not np.all(np.isfinite(x)):
        return ["the answer holds values that are not numbers (NaN or infinity)"]
    projects = model.case.projects
    broken: list[str] = []
    if np.any(x < -TOLERANCE) or np.any(x > 1 + TOLERANCE):
        worst = int(np.argmax(np.maximum(-x, x - 1)))
        broken.append(f"{projects[model.options[worst].project].id} is funded at a share of {x[worst]:.6g}, "
                      "outside 0 to 1")
    choose = _choices(model, x)
    if model.choose.attributes.get("boolean") and np.any(np.abs(choose - np.round(choose)) > TOLERANCE):
        broken.append("a project is half chosen: the answer is not a yes/no choice")
    taken = np.round(choose)
    starts = model.per_project @ taken
    lower, upper = model.project_lower.value, model.project_upper.value
    for i, p in enumerate(projects):
        if starts[i] > 1 + TOLERANCE:
            broken.append(f"{p.id} is started {starts[i]:.0f} times")
        if starts[i] > upper[i] + TOLERANCE:
            broken.append(f"{p.id} is chosen but forced out (excluded or on the negative list)")
        if starts[i] < lower[i] - TOLERANCE:
            broken.append(f"{p.id} is mandatory but left out")
    for o in model.partial_options:
        minimum = projects[model.options[o].project].min_share
        if taken[o] and x[o] < minimum - TOLERANCE:
            broken.append(f"{projects[model.options[o].project].id} is funded at {x[o]:.2%}, below its min_share "
                          f"{minimum:.2%}")
        if not taken[o] and x[o] > TOLERANCE:
            broken.append(f"{projects[model.options[o].project].id} is funded but not chosen")
    for o, allowed, project_id, required_id in model.requires_rows:
        if taken[o] and not any(taken[a] for a in allowed):
            broken.append(f"{project_id} is chosen without {required_id}, which it requires (started no later)")
    broken += broken_relations(model, taken)  # requires_any, together_with, the group counts
    if not model.slack:  # an elastic model may break targets by design
        broken += _broken_targets(model, x, limits)
    return broken


def bound_below_value(value: float, bound: float) -> str | None:
    """Why a maximisation's proven bound cannot be right (below the portfolio found), or None."""
    if not np.isfinite(value) or not np.isfinite(bound):
        return f"the solver reported the objective {value} with the bound {bound}"
    if bound < value - TOLERANCE * max(1.0, abs(value)):
        return (f"the solver reported a best possible value {bound:.10g} below the portfolio it found "
                f"({value:.10g})")
    return None


def _choices(model: PortfolioModel, x: np.ndarray) -> np.ndarray:
    value = model.choose.value
    if value is None:
        return np.where(x > TOLERANCE, 1.0, 0.0)
    choose = np.asarray(value, dtype=float).reshape(-1)
    return np.where(np.isfinite(choose), choose, 0.5)  # a NaN choice counts as half chosen


def _broken_targets(model: PortfolioModel, x: np.ndarray, limits: set[str] | None = None) -> list[str]:
    broken = []
    for key, target in model.limits.items():
        if target.constraint is None or limits is not None and key not in limits:
            continue
        m = target.measure
        limit = float(target.limit.value)
        num, den = m.numerator(x), m.denominator(x)
        slack = SIGN[target.sense] * (num - limit * den) / target.scale
        for r in np.flatnonzero(slack < -TOLERANCE):
            subject = f" [{m.subjects[r]}]" if m.subjects[r] else ""
            value = num[r] / den[r] if abs(den[r]) > ZERO else float("nan")
            sign = ">=" if target.sense == "min" else "<="
            broken.append(f"{key}{subject} is {value:.6g}, but it must be {sign} {limit:.6g}")
    return broken
