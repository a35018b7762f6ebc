"""The way portfolios are often picked today: rank the projects and fill the budget in that order.

`rank_and_fill(model)` ranks the candidate projects by objective per unit of capex (NPV per unit
of capex for the `npv` objective) and takes them in that order while the rules the optimiser
keeps still hold:

- projects forced in (mandatory) first, forced-out and negative-list projects never;
- one start year per project, the earliest that fits; all of a project, or its minimum share
  when all of it does not fit;
- at most one project of an exclusive group (or its Groups row's max_count); a project only after
  the projects it requires, starting no earlier than they do (plus the lag), and after one of its
  requires_any; a portfolio that splits a set decided together or misses a group's min_count is
  not a valid start (`missed` says so);
- every limit and target of the Settings sheet (budgets, shares, the "one profit, five rates").

A share of the plan's capex is undefined for an empty plan and jumps about while the plan is
small, so while filling, a planner reads a share limit against the budget instead: at most 35% of
the total budget in one sector, at least 65% of it strategic (the total budget, else the sum of
the annual budgets). Floors (strategic share, security investment, ROE, ...) are unmet by an
empty plan, so it first takes the best-ranked projects that move an unmet floor towards its
target without breaking anything already met, then fills in rank order, taking only projects that
keep every met limit met and leave no unmet one worse. The finished portfolio is then checked
against every rule as written; `missed` names what it still breaks (empty: a valid portfolio).

It serves twice: as the benchmark baseline the optimiser is measured against, and as a first
portfolio for the solver (a feasible start within milliseconds) after a what-if change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from optimizer.model.portfolio import SIGN, PortfolioModel
from optimizer.model.relations import broken_relations, lag
from optimizer.model.targets import TOTAL_BUDGET, budget_year
from optimizer.tolerances import FUNDED, ROW, RULE

TOLERANCE = ROW


@dataclass
class Ranked:
    shares: np.ndarray
    """The funded share of each option of the model."""
    objective_value: float
    missed: list[str] = field(default_factory=list)
    """The Settings keys whose limits it breaks, and `mandatory ID` for a forced-in project it could
    not take (empty: every rule holds)."""

    @property
    def meets_rules(self) -> bool:
        return not self.missed


def _anticipated_capex(model: PortfolioModel) -> float:
    """The plan's size a planner fills towards: the total budget, else the annual budgets' sum."""
    limits = {key: float(t.limit.value) for key, t in model.limits.items()}
    if TOTAL_BUDGET in limits:
        return limits[TOTAL_BUDGET]
    annual = [v for k, v in limits.items() if budget_year(k) is not None]
    return sum(annual) if annual else float(model.figures.total_capex.sum())


class _Rows:
    """Every Settings row of the model as g(x) = constant + matrix @ x >= 0, rows scaled as the model's.

    With `plan_capex`, a row that is a share of the plan's capex (no constant terms) is read
    against that fixed plan size instead of the plan's own capex.
    """

    def __init__(self, model: PortfolioModel, plan_capex: float | None = None):
        blocks, constants, keys = [], [], []
        for key, target in model.limits.items():
            m, limit, sign = target.measure, float(target.limit.value), SIGN[target.sense]
            scale = target.scale
            if plan_capex is not None and not np.any(m.num_const) and not np.any(m.den_const):
                blocks.append(sign * m.num_coef / scale[:, None])
                constants.append(-sign * limit * plan_capex * np.ones(len(scale)) / scale)
            else:
                blocks.append(sign * (m.num_coef - limit * m.den_coef) / scale[:, None])
                constants.append(sign * (m.num_const - limit * m.den_const) / scale)
            keys += [key] * m.num_coef.shape[0]
        n = len(model.options)
        self.matrix = np.vstack(blocks) if blocks else np.zeros((0, n))
        self.constant = np.concatenate(constants) if constants else np.zeros(0)
        self.keys = keys

    def missed(self, x: np.ndarray) -> list[str]:
        value = self.constant + self.matrix @ x
        return sorted({k for k, v in zip(self.keys, value, strict=True) if v < -TOLERANCE})


def rank_and_fill(model: PortfolioModel) -> Ranked:
    """The rank-and-fill portfolio under the model's current Parameters (limits, forced in and out).

    When the plan comes out smaller than the budget it was filled towards and breaks a share limit
    (a share of less capex than planned for), it is filled again towards its own size (at most
    three times); the first portfolio that keeps every rule, else the last, is the answer.
    """
    plan_capex = _anticipated_capex(model)
    for _ in range(3):
        ranked = _fill(model, plan_capex)
        realised = float(model.figures.total_capex @ ranked.shares)
        if ranked.meets_rules or realised >= plan_capex * (1 - RULE):
            break
        plan_capex = realised
    return ranked


def _fill(model: PortfolioModel, plan_capex: float) -> Ranked:
    case, options = model.case, model.options
    rows = _Rows(model, plan_capex)
    matrix = np.ascontiguousarray(rows.matrix.T)  # one row per option: what taking it adds to g
    value = rows.constant.copy()  # g at the portfolio so far
    x = np.zeros(len(options))
    coef = model.objective_coefficients()
    capex = model.figures.total_capex
    lower, upper = model.project_lower.value, model.project_upper.value
    options_of: dict[int, list[int]] = {}
    for o, option in enumerate(options):
        options_of.setdefault(option.project, []).append(o)
    start_of: dict[str, int] = {}  # chosen project id -> start year
    groups: dict[str, int] = {}  # exclusive group -> projects taken

    def allowed(o: int) -> bool:
        option = options[o]
        project = case.projects[option.project]
        if project.id in start_of or upper[option.project] < 0.5:
            return False
        group = project.exclusive_group
        most = case.group_count(group).max_count if group else None
        if most is not None and groups.get(group, 0) >= most:
            return False
        if project.requires_any and not any(start_of.get(a, option.start_year + 1) <= option.start_year
                                            for a in project.requires_any):
            return False
        return all(r in start_of and start_of[r] + lag(project, r) <= option.start_year for r in project.requires)

    def take(o: int, share: float) -> None:
        nonlocal value
        project = case.projects[options[o].project]
        x[o] = share
        value = value + share * matrix[o]
        start_of[project.id] = options[o].start_year
        if project.exclusive_group:
            groups[project.exclusive_group] = groups.get(project.exclusive_group, 0) + 1

    def shares_to_try(o: int) -> tuple[float, ...]:
        minimum = case.projects[options[o].project].min_share
        return (1.0,) if minimum >= 1 else (1.0, minimum)

    def keeps_rules(o: int, share: float) -> bool:
        """Every met row stays met and the total shortfall of the unmet ones does not grow."""
        after = value + share * matrix[o]
        met = value >= -TOLERANCE
        if not np.all(after[met] >= -TOLERANCE):
            return False
        return np.minimum(after, 0.0).sum() >= np.minimum(value, 0.0).sum() - TOLERANCE

    # Rank: objective per unit of capex of the project's best start.
    per_capex = np.divide(coef, capex, out=np.where(coef > 0, np.inf, -np.inf), where=capex > 0)
    project_rank = sorted(options_of, key=lambda i: -max(per_capex[o] for o in options_of[i]))
    option_rank = [o for i in project_rank for o in options_of[i]]

    # 1. Forced in: at the first start that keeps the rules, else at the earliest.
    for i in project_rank:
        if lower[i] > 0.5 and upper[i] > 0.5:
            candidates = [o for o in options_of[i] if allowed(o)] or options_of[i][:1]
            fitting = [o for o in candidates if keeps_rules(o, 1.0)]
            take((fitting or candidates)[0], 1.0)

    # 2. Unmet floors, one at a time as quotas are filled: the best-ranked projects that add to it,
    # as long as every met row stays met.
    for r in range(len(value)):
        for o in option_rank:
            if value[r] >= -TOLERANCE:
                break
            if matrix[o, r] <= 0 or not allowed(o):
                continue
            met = value >= -TOLERANCE
            share = next((s for s in shares_to_try(o) if np.all((value + s * matrix[o])[met] >= -TOLERANCE)), None)
            if share is not None:
                take(o, share)

    # 3. The fill, in rank order: projects that pay, at the first start and share that keep the rules
    # (again for projects whose prerequisites came later in the order).
    for _ in range(3):
        added = False
        for o in option_rank:
            if coef[o] <= 0 or not allowed(o):
                continue
            share = next((s for s in shares_to_try(o) if keeps_rules(o, s)), None)
            if share is not None:
                take(o, share)
                added = True
        if not added:
            break
    missed = _Rows(model).missed(x)
    missed += broken_relations(model, (x > FUNDED).astype(float))  # a set decided together, a group's minimum
    missed += [f"mandatory {case.projects[i].id}" for i in range(len(case.projects))
               if lower[i] > 0.5 and upper[i] > 0.5 and case.projects[i].id not in start_of]
    return Ranked(x, float(coef @ x), missed)


def broken_limits(model: PortfolioModel, shares: np.ndarray) -> list[str]:
    """What a portfolio of the same model breaks under its current Parameters: the Settings keys
    whose limits it misses, and `mandatory ID` / `excluded ID` for projects forced in or out.
    (The project rules that no Parameter moves, one start, exclusive groups and prerequisites, are
    not checked again.)"""
    broken = _Rows(model).missed(shares)
    chosen = model.per_project @ (shares > FUNDED).astype(float)
    for i, project in enumerate(model.case.projects):
        if model.project_lower.value[i] > 0.5 and chosen[i] < 0.5:
            broken.append(f"mandatory {project.id}")
        if model.project_upper.value[i] < 0.5 and chosen[i] > 0.5:
            broken.append(f"excluded {project.id}")
    return broken
