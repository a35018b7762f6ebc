"""The way portfolios are often picked today: rank the projects and fill the budget in that order.

`rank_and_fill(model)` ranks the candidate projects by objective per unit of capex (NPV per unit
of capex for the `npv` objective) and takes them in that order while the rules the optimiser
keeps still hold:

- projects forced in (mandatory) first, forced-out and negative-list projects never;
- one start year per project, the earliest that fits; all of a project, or its minimum share
  when all of it does not fit;
- at most one project of an exclusive group (or its Groups row's max_count), and at least its
  min_count (its best-ranked projects, taken before the fill); a project only after the projects it
  requires, starting no earlier than they do (plus the lag), and after one of its requires_any; a set
  decided together (together_with) taken whole, each at its first allowed start, or not at all;
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
    partners_of: dict[int, tuple[int, ...]] = {}  # a project decided together with others -> the others
    for members in getattr(model, "together_sets", []):
        for i in members:
            partners_of[i] = tuple(j for j in members if j != i)
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

    def move(o: int, share: float) -> list[tuple[int, float]] | None:
        """Option o at this share with its partners, each at its first allowed start and the same kind of share
        (all of it, or its least): a set decided together is taken whole or not at all. None when a partner
        cannot be taken."""
        taken = [(o, share)]
        for j in partners_of.get(options[o].project, ()):
            first = next((p for p in options_of.get(j, []) if allowed(p)), None)
            if first is None:
                return None
            taken.append((first, 1.0 if share >= 1.0 else case.projects[j].min_share))
        return taken

    def after(taken: list[tuple[int, float]]) -> np.ndarray:
        return value + sum(share * matrix[o] for o, share in taken)

    def take(taken: list[tuple[int, float]]) -> None:
        nonlocal value
        value = after(taken)
        for o, share in taken:
            project = case.projects[options[o].project]
            x[o] = share
            start_of[project.id] = options[o].start_year
            if project.exclusive_group:
                groups[project.exclusive_group] = groups.get(project.exclusive_group, 0) + 1

    def moves_to_try(o: int) -> list[list[tuple[int, float]]]:
        minimum = case.projects[options[o].project].min_share
        shares = (1.0,) if minimum >= 1 and not partners_of.get(options[o].project) else (1.0, minimum)
        return [m for share in dict.fromkeys(shares) if (m := move(o, share)) is not None]

    def keeps_met(taken: list[tuple[int, float]]) -> bool:
        """Every met row stays met."""
        met = value >= -TOLERANCE
        return bool(np.all(after(taken)[met] >= -TOLERANCE))

    def keeps_rules(taken: list[tuple[int, float]]) -> bool:
        """Every met row stays met and the total shortfall of the unmet ones does not grow."""
        now = after(taken)
        met = value >= -TOLERANCE
        if not np.all(now[met] >= -TOLERANCE):
            return False
        return np.minimum(now, 0.0).sum() >= np.minimum(value, 0.0).sum() - TOLERANCE

    # Rank: objective per unit of capex of the project's best start.
    per_capex = np.divide(coef, capex, out=np.where(coef > 0, np.inf, -np.inf), where=capex > 0)
    project_rank = sorted(options_of, key=lambda i: -max(per_capex[o] for o in options_of[i]))
    option_rank = [o for i in project_rank for o in options_of[i]]

    # 1. Forced in (with what is decided together with them): at the first start that keeps the rules, else at
    # the earliest.
    for i in project_rank:
        if lower[i] > 0.5 and upper[i] > 0.5 and case.projects[i].id not in start_of:
            candidates = [o for o in options_of[i] if allowed(o)] or options_of[i][:1]
            whole = [m for o in candidates if (m := move(o, 1.0)) is not None] or [[(candidates[0], 1.0)]]
            take(next((m for m in whole if keeps_rules(m)), whole[0]))

    # 2. Unmet floors, one at a time as quotas are filled: the best-ranked projects that add to it,
    # as long as every met row stays met.
    for r in range(len(value)):
        for o in option_rank:
            if value[r] >= -TOLERANCE:
                break
            if matrix[o, r] <= 0 or not allowed(o):
                continue
            found = next((m for m in moves_to_try(o) if keeps_met(m)), None)
            if found is not None:
                take(found)

    # 3. A group's minimum (the Groups sheet's min_count): its best-ranked projects that keep every met row met.
    members: dict[str, list[int]] = {}
    for o in option_rank:
        group = case.projects[options[o].project].exclusive_group
        if group and case.group_count(group).min_count > 0:
            members.setdefault(group, []).append(o)
    for group, group_options in members.items():
        for o in group_options:
            if groups.get(group, 0) >= case.group_count(group).min_count:
                break
            if allowed(o) and (found := next((m for m in moves_to_try(o) if keeps_met(m)), None)) is not None:
                take(found)

    # 4. The fill, in rank order: projects that pay, at the first start and share that keep the rules
    # (again for projects whose prerequisites came later in the order).
    for _ in range(3):
        added = False
        for o in option_rank:
            if coef[o] <= 0 or not allowed(o):
                continue
            found = next((m for m in moves_to_try(o) if keeps_rules(m)), None)
            if found is not None and sum(coef[p] * share for p, share in found) > 0:
                take(found)
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
