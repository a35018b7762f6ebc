"""When the targets cannot all be met: which ones conflict and how far each can be reached.

1. The elastic model (PortfolioModel(elastic=True)) gives every target row a
   slack and minimises their sum (rows are scaled, so slacks are comparable).
   The targets left with slack are the ones that cannot be met together with
   the rest.
2. For each such target, its best reachable value is found with the other
   violated targets set aside and every remaining rule and target kept. A
   target is a ratio of linear figures (a share, ROE, ...), so this is a
   fractional programme: Dinkelbach's method solves it exactly with a few
   mixed-integer solves of "maximise num - r * den" (the smallest row, for a
   target with several rows), updating r to the ratio reached.
3. The targets it conflicts with are a smallest set of other targets that
   cannot be met together with it (a deletion filter over feasibility
   solves); an empty set means it is out of reach on its own.
"""

from __future__ import annotations

import cvxpy as cp
import numpy as np

from .case import Case, setting_key
from .model import SIGN, PortfolioModel
from .report import DiagnosisItem, format_value
from .solve import solve

SLACK_TOLERANCE = 1e-7
DINKELBACH_STEPS = 20
SOLVE_OPTIONS = {"mip_rel_gap": 1e-9, "mip_abs_gap": 1e-10, "primal_feasibility_tolerance": 1e-9,
                 "mip_feasibility_tolerance": 1e-9, "threads": 1, "output_flag": False}


def _describe(key: str) -> str:
    spec = setting_key(key)
    return spec.label if spec.kind != "money" or key == "min_security_investment" else spec.label.lower()


def diagnose(case: Case, time_limit: float | None = None) -> list[DiagnosisItem]:
    limit = case.settings.time_limit if time_limit is None else time_limit
    elastic = PortfolioModel(case, elastic=True)
    relaxed = solve(elastic, time_limit=limit, mip_gap=1e-9)
    if not relaxed.has_portfolio:
        mandatory = [p.id for p in case.projects if p.mandatory]
        return [DiagnosisItem(
            "project_rules", 0.0, None, [],
            "The project rules contradict each other even without any target: check the mandatory projects "
            f"({', '.join(mandatory) or 'none'}), their dependencies and exclusive groups.")]
    violated = [key for key, slack in elastic.slack.items() if float(np.max(slack.value)) > SLACK_TOLERANCE]
    items = []
    for key in violated:
        others_kept = case.with_limits(**{v: None for v in violated})
        best = best_reachable(others_kept, key, case.settings.limits[key], relaxed.option_shares, limit)
        conflicts = conflicting_targets(case.with_limits(**{v: None for v in violated if v != key}), key, limit)
        items.append(_item(case, key, best, conflicts))
    return items


def is_feasible(case: Case, time_limit: float) -> bool:
    model = PortfolioModel(case, feasibility=True)
    return solve(model, time_limit=time_limit).has_portfolio


def conflicting_targets(case: Case, key: str, time_limit: float) -> list[str]:
    """A smallest set of the other targets that, with `key`, cannot be met (a deletion filter:
    drop each target in turn and keep it dropped while the rest still conflicts)."""
    kept = [k for k in case.settings.limits if k != key]
    limits = dict(case.settings.limits)
    for other in list(kept):
        trial = {k: v for k, v in limits.items() if k != other}
        if not is_feasible(case.with_limits(**{k: None for k in limits}).with_limits(**trial), time_limit):
            limits = trial
            kept.remove(other)
    return kept


def best_reachable(case: Case, key: str, target: float, start: np.ndarray, time_limit: float
                   ) -> float | None:
    """The best value of target `key` reachable under every rule and limit of `case` (which must not
    contain `key`). `start` is a portfolio that meets `case`."""
    model = PortfolioModel(case.with_limits(**{key: target}), targets_enforced=False)
    goal = model.targets.pop(key)
    for other in model.targets.values():
        other.constraint = other.expression(model.share) >= 0
        model.constraints[other.key] = other.constraint
    sign = SIGN[goal.sense]
    measure = goal.measure
    level = cp.Variable(name="level")
    problem = cp.Problem(cp.Maximize(level),
                         list(model.constraints.values()) + [goal.expression(model.share) >= level])

    def ratio(x: np.ndarray) -> float | None:
        rows = measure.rows(x)
        rows = rows[~np.isnan(rows)]
        if rows.size == 0:
            return None
        return float(rows.min() if sign > 0 else rows.max())

    current = ratio(start)
    if current is None:  # a share of an empty portfolio: start from the loosest possible value
        current = 0.0 if sign > 0 else 1.0
    for _ in range(DINKELBACH_STEPS):
        goal.limit.value = current
        problem.solve(solver=cp.HIGHS, time_limit=time_limit, **SOLVE_OPTIONS)
        if problem.status not in (cp.OPTIMAL, cp.USER_LIMIT) or level.value is None:
            break
        if float(level.value) <= 1e-9:
            break
        x = np.clip(np.asarray(model.share.value, dtype=float), 0, 1)
        reached = ratio(x)
        if reached is None or sign * (reached - current) <= 1e-12 * max(1.0, abs(current)):
            break
        current = reached
    return current


def _item(case: Case, key: str, best: float | None, conflicts: list[str]) -> DiagnosisItem:
    spec = setting_key(key)
    unit = case.settings.currency_unit
    target = case.settings.limits[key]
    wanted = format_value(target, spec.kind, unit)
    reach = format_value(best, spec.kind, unit)
    because = f"; it conflicts with: {', '.join(_describe(t) + f' ({t})' for t in conflicts)}" if conflicts else \
        "; it cannot be reached even with every other limit set aside"
    if spec.sense == "min":
        message = f"{spec.label} of at least {wanted} ({key}) is out of reach: at most {reach} with these " \
                  f"candidates and the other limits{because}."
    elif spec.kind == "money":
        message = f"{spec.label} of {wanted} ({key}) is too small: at least {reach} is needed for the required " \
                  f"projects and targets{because}."
    else:
        message = f"{spec.label} of at most {wanted} ({key}) cannot be kept: the lowest reachable is {reach}{because}."
    return DiagnosisItem(key, target, best, conflicts, message)
