"""When the targets cannot all be met: which ones conflict and how far each can be reached.

1. The elastic model (PortfolioModel.elastic) gives every target row a
   slack and minimises their sum (rows are scaled, so slacks are comparable).
   The targets left with slack are the ones that have to give.
2. A conflict is a smallest set of targets that cannot be met together (a
   deletion filter over feasibility solves: drop each target in turn and keep
   it dropped while the rest still conflicts; the targets that had to give are
   tried last, so they stay in the set). A conflict of one target is a target
   out of reach on its own. While the remaining targets still conflict, one
   target of the conflict found is set aside and the search goes on.
3. For each target of a conflict, its best reachable value is found with all
   the other targets met (so relaxing it to that value resolves the case) or,
   when those conflict among themselves too, with the other targets of its
   conflict met. A target is a ratio of linear figures
   (a share, ROE, ...), so this is a fractional programme: Dinkelbach's method
   solves it exactly with a few mixed-integer solves of "maximise
   num - r * den" (the worst row, for a target with several rows), updating r
   to the ratio reached.

Every solve, those of Dinkelbach's method included, runs through optimizer/solve/highs.py (its watchdog gives up a
HiGHS run that does not stop at its time limit, and its callbacks stop a run when `cancel` is set): a
hung solver during the diagnosis is a SolverFailure, as in any solve, never a diagnosis that never ends.
"""

from __future__ import annotations

import threading
from dataclasses import replace

import cvxpy as cp
import numpy as np

from optimizer.analysis.rules import conflicting_rules, described
from optimizer.errors import AnalysisCancelled
from optimizer.model.case import Case
from optimizer.model.portfolio import SIGN, PortfolioModel
from optimizer.model.targets import Kind, KpiCheck, Sense, setting
from optimizer.report.result import DiagnosisItem
from optimizer.solve.solver import SOLVER_THREADS, Solution, Status, run_highs, solve
from optimizer.tolerances import FEASIBILITY, NEGLIGIBLE, PROVEN, ROW, ZERO
from optimizer.words.text import CLAUSES, Items, Text
from optimizer.words.units import Amount

PROJECT_RULES = "project_rules"
"""The diagnosis item's `constraint` when the project rules contradict each other without any target; its
`conflicts_with` names their families (`mandatory`, `requires`, `together_with`, ...: analysis/rules.py)."""
DINKELBACH_STEPS = 20
SOLVE_OPTIONS = {"mip_rel_gap": PROVEN, "mip_abs_gap": 1e-10, "primal_feasibility_tolerance": FEASIBILITY,
                 "mip_feasibility_tolerance": FEASIBILITY, "threads": SOLVER_THREADS, "output_flag": False}
"""A best reachable level is proven exactly: to a relative gap of PROVEN, and an absolute one ten times finer."""


def describe_limit(case: Case, key: str) -> Text:
    """A limit in words: "R&D intensity at least 3.00% (min_rd_intensity)"."""
    limit = setting(key)
    value = Amount(case.limits_in_force[key], limit.kind, case.settings.currency_unit)
    if limit.sense == Sense.MIN:
        return Text("{name} at least {value} ({key})", name=limit.name, value=value, key=key)
    return Text("{name} at most {value} ({key})", name=limit.name, value=value, key=key)


def diagnose(case: Case, time_limit: float | None = None, max_conflicts: int = 5,
             cancel: threading.Event | None = None) -> list[DiagnosisItem]:
    """Which targets conflict and how far each can be reached. Each solve has `time_limit` seconds
    (the case's by default); setting `cancel` stops the diagnosis with AnalysisCancelled."""
    limit = case.settings.time_limit if time_limit is None else time_limit
    elastic = PortfolioModel.elastic(case)
    relaxed = _solve(elastic, limit, cancel, mip_gap=PROVEN)
    if not relaxed.has_portfolio:
        rules = conflicting_rules(_only(case, {}), lambda changed: is_feasible(changed, limit, cancel))
        if rules:
            families = list(dict.fromkeys(rule.family for rule in rules))
            return [DiagnosisItem(PROJECT_RULES, 0.0, None, families, Text(
                "The project rules contradict each other even without any target: {rules}.",
                rules=described(case, rules)))]
        mandatory = tuple(p.id for p in case.projects if p.mandatory)
        return [DiagnosisItem(
            PROJECT_RULES, 0.0, None, [],
            Text("The project rules contradict each other even without any target: check the mandatory projects "
                 "({mandatory}), their dependencies and exclusive groups.",
                 mandatory=Items(mandatory) if mandatory else Text("none")))]
    gave = {key for key, slack in elastic.slack.items() if float(np.max(slack.value)) > ROW}
    remaining = case.limits_in_force
    items: list[DiagnosisItem] = []
    for _ in range(max_conflicts):
        if is_feasible(_only(case, remaining), limit, cancel):
            break
        order = [k for k in remaining if k not in gave] + [k for k in remaining if k in gave]
        conflict = smallest_conflict(case, {k: remaining[k] for k in order}, limit, cancel)
        for key in conflict:
            partners = [k for k in conflict if k != key]
            others = {k: v for k, v in remaining.items() if k != key}
            all_kept = is_feasible(_only(case, others), limit, cancel)
            kept = others if all_kept else {k: remaining[k] for k in partners}
            best = best_reachable(_only(case, kept), key, remaining[key], limit, cancel)
            items.append(_item(case, key, best, partners, all_kept))
        set_aside = next((k for k in reversed(order) if k in conflict), conflict[0])
        remaining.pop(set_aside)
    return items


def _only(case: Case, limits: dict[str, float]) -> Case:
    """The case with exactly these limits (each plain target binding where its key says: the rows that
    kpi_check every_year repeats in every plan year are limits of their own here, `max_debt_ratio_2028`)."""
    return replace(case, settings=replace(case.settings, limits=dict(limits), kpi_check=KpiCheck.STEADY))


def _solve(model: PortfolioModel, time_limit: float, cancel: threading.Event | None, **options) -> Solution:
    solution = solve(model, time_limit=time_limit, cancel=cancel, **options)
    if solution.status == Status.CANCELLED:
        raise AnalysisCancelled()
    return solution


def is_feasible(case: Case, time_limit: float, cancel: threading.Event | None = None) -> bool:
    return _solve(PortfolioModel.feasibility(case), time_limit, cancel).has_portfolio


def smallest_conflict(case: Case, limits: dict[str, float], time_limit: float,
                      cancel: threading.Event | None = None) -> list[str]:
    """A smallest set of these limits that cannot be met together (limits must conflict as a whole)."""
    kept = dict(limits)
    for key in list(limits):
        trial = {k: v for k, v in kept.items() if k != key}
        if not is_feasible(_only(case, trial), time_limit, cancel):
            kept = trial
    return list(kept)


def best_reachable(case: Case, key: str, target: float, time_limit: float,
                   cancel: threading.Event | None = None) -> float | None:
    """The best value of target `key` reachable under every rule and limit of `case` (which must not
    contain `key`), or None when `case` itself cannot be met."""
    start_solution = _solve(PortfolioModel.feasibility(case), time_limit, cancel)
    if not start_solution.has_portfolio:
        return None
    start = start_solution.option_shares
    model = PortfolioModel.reaching(case.with_limits(**{key: target}), key)
    goal, level, problem = model.goal, model.level, model.problem
    sign = SIGN[goal.sense]
    measure = goal.measure

    current = measure.worst(start, goal.sense)
    if current is None:  # a share of an empty portfolio: start from the loosest possible value
        current = 0.0 if sign > 0 else 1.0
    for _ in range(DINKELBACH_STEPS):
        if cancel is not None and cancel.is_set():
            raise AnalysisCancelled()
        goal.limit.value = current
        _solve_watched(problem, time_limit, cancel)
        if problem.status not in (cp.OPTIMAL, cp.USER_LIMIT) or level.value is None:
            break
        if float(level.value) <= NEGLIGIBLE:
            break
        x = np.clip(np.asarray(model.share.value, dtype=float), 0, 1)
        reached = measure.worst(x, goal.sense)
        if reached is None or sign * (reached - current) <= ZERO * max(1.0, abs(current)):
            break
        current = reached
        if not measure.is_ratio and measure.num_coef.shape[0] == 1 and problem.status == cp.OPTIMAL:
            # One plain figure (a budget, an amount): maximising it less the current value found its
            # best; a second solve would only confirm that nothing is better (14 s of a 1,000-project
            # case's diagnosis, per such target).
            break
    return current


def _solve_watched(problem: cp.Problem, time_limit: float, cancel: threading.Event | None) -> None:
    """HiGHS on the watched run of optimizer/solve/highs.py: SolverFailure when HiGHS fails or hangs past its
    time limit, AnalysisCancelled when `cancel` is set."""
    cancelled, _ = run_highs(problem, {**SOLVE_OPTIONS, "time_limit": float(time_limit)}, cancel=cancel)
    if cancelled:
        raise AnalysisCancelled()


def _item(case: Case, key: str, best: float | None, partners: list[str], all_kept: bool) -> DiagnosisItem:
    limit = setting(key)
    reach = Amount(best, limit.kind, case.settings.currency_unit)
    if limit.sense == Sense.MIN:
        outcome = Text("at most {reach} can be reached", reach=reach)
    elif limit.kind == Kind.MONEY:
        outcome = Text("at least {reach} is needed", reach=reach)
    else:
        outcome = Text("the lowest reachable is {reach}", reach=reach)
    if all_kept:
        context = Text("With all the other limits kept")
    elif not partners:  # out of reach on its own: its best is with the project rules only
        context = Text("On its own")
    else:
        context = Text("With that met") if len(partners) == 1 else Text("With those met")
    target = describe_limit(case, key)
    if partners:
        others = Items(tuple(describe_limit(case, k) for k in partners), CLAUSES)
        message = Text("{target} cannot be met together with: {others}. {context}, {outcome}.", target=target,
                       others=others, context=context, outcome=outcome)
    else:
        message = Text("{target} is out of reach even with every other limit set aside. {context}, {outcome}.",
                       target=target, context=context, outcome=outcome)
    return DiagnosisItem(key, case.limits_in_force[key], best, partners, message, all_kept)
