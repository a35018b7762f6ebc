"""Solving a model with HiGHS and saying how good the answer is.

`solve(model)` returns a `Solution` whose `Status` is one of

- OPTIMAL: proven optimal within the requested relative gap (`mip_gap`);
- FEASIBLE: the time limit stopped the search with a portfolio in hand; the
  gap to the best proven bound is reported;
- INFEASIBLE: no portfolio meets all the rules and targets (the diagnosis
  says which targets conflict);
- NO_SOLUTION: the time limit came before any portfolio was found;
- CANCELLED: the user stopped the search (the app keeps showing the previous answer).

The statuses are the words of the headless command's JSON ("optimal", ...; shared/spec/cli.md), and
`quality(status, gap)` says how good an answer is as a Text, which optimizer.words says in Chinese.
A solver failure raises `SolverFailure` with a plain message.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import cvxpy as cp
import cvxpy.settings as cps
import numpy as np

from optimizer.errors import SolverFailure
from optimizer.model.portfolio import PortfolioModel
from optimizer.solve import highs
from optimizer.solve.highs import Progress
from optimizer.solve.verify import bound_below_value, broken_rules
from optimizer.tolerances import FEASIBILITY, FUNDED, PROVEN
from optimizer.words.text import Name, Text, said

SOLVER_THREADS = max(1, min(4, os.cpu_count() or 1))
"""Threads for a HiGHS run that proves optimality (a what-if look at a coarse gap runs on one).

Two threads instead of one halve the wall-clock time of the harder OR-Library mknapcb1 proofs on a
2-core machine (mknapcb 5.100-01 and -22: 12.4 and 16.4 s -> 7.9 and 10.2 s), as raw HiGHS does
with its defaults; beyond four, HiGHS's MIP search has little to share out. A positive number is
given rather than HiGHS's automatic 0, which has stalled on Windows (HiGHS.jl #160). HiGHS sizes its
thread pool once per calling thread: optimizer/solve/highs.py keeps the runs of each size on threads of their
own, and the diagnosis's direct cvxpy solves use this same number.
"""


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    NO_SOLUTION = "no_solution"
    CANCELLED = "cancelled"

    @property
    def has_portfolio(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


STATUS_NAMES = {
    Status.OPTIMAL: Name("Optimal", "最优"),
    Status.FEASIBLE: Name("Best found in time", "时限内最好解"),
    Status.INFEASIBLE: Name("Targets conflict", "目标相互冲突"),
    Status.NO_SOLUTION: Name("None found in time", "时限内未找到"),
    Status.CANCELLED: Name("Cancelled", "已取消"),
}
"""Each status in a word or two, for a table or a form (the JSON keeps the status itself)."""


SHOWN_GAP = 0.5e-4
"""The smallest gap two decimals of a percentage show (0.01%): a gap above PROVEN but below it reads "less than
0.01%", never "0.00%", which would claim a proof the solver did not give."""


def quality(status: Status | str, gap: float | None) -> Text:
    """How good an answer of this status and relative gap is, in words."""
    status = Status(status)
    if status == Status.OPTIMAL:
        if gap is not None and gap > PROVEN:
            if gap < SHOWN_GAP:
                return Text("proven within less than 0.01% of the best possible")
            return Text("proven within {gap:.2%} of the best possible", gap=gap)
        return Text("proven optimal")
    if status == Status.FEASIBLE:
        if gap is None:
            return Text("best found when the time limit ran out, within unknown of the best possible")
        if PROVEN < gap < SHOWN_GAP:
            return Text("best found when the time limit ran out, within less than 0.01% of the best possible")
        return Text("best found when the time limit ran out, within {gap:.2%} of the best possible", gap=gap)
    if status == Status.INFEASIBLE:
        return Text("no portfolio meets all the rules and targets")
    if status == Status.CANCELLED:
        return Text("the solve was cancelled")
    return Text("no portfolio was found within the time limit")


@dataclass(frozen=True)
class Funding:
    share: float
    start_year: int


@dataclass
class Solution:
    status: Status
    objective_value: float | None = None
    bound: float | None = None
    gap: float | None = None
    solve_seconds: float = 0.0
    portfolio: dict[str, Funding] = field(default_factory=dict)
    """The chosen projects by id."""
    option_shares: np.ndarray | None = None
    """The funded share of each option of the model (the solver's x)."""
    reused: bool = False
    """A what-if change only tightened the rules and the previous answer keeps them all: it stands,
    proven within the same gap, without a solve (see session.py)."""
    options: dict[str, object] = field(default_factory=dict)
    """The HiGHS options the solve ran with (its time limit and gap: the settings', or the command's or a what-if
    look's own), for the record (the export's decision log)."""

    def __post_init__(self) -> None:
        self.status = Status(self.status)

    @property
    def has_portfolio(self) -> bool:
        return self.status.has_portfolio

    def quality(self) -> Text:
        """How good the answer is, in words."""
        return quality(self.status, self.gap)


def _quiet_highs_banner() -> None:
    """HiGHS prints its banner to stdout once per process, when the first solver is made.

    Make that first one with stdout pointed at nothing, so the headless command's output stays ours.
    """
    import os
    import sys

    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


try:
    _quiet_highs_banner()
except OSError:  # no usable stdout (e.g. a windowed app on Windows): nothing to keep clean
    pass


def relative_gap(value: float, bound: float) -> float:
    """The gap as cli.md defines it: |bound - value| / max(1, |value|)."""
    return abs(bound - value) / max(1.0, abs(value))


def run_highs(problem: cp.Problem, options: dict, warm_start: np.ndarray | None = None,
              progress: Callable[[Progress], None] | None = None,
              cancel: threading.Event | None = None, once: bool = False, compiled: tuple | None = None,
              recast: highs.Recast | None = None) -> tuple[bool, np.ndarray | None]:
    """highs.run, with whatever the solver raises (a hang given up by the watchdog included)
    turned into a SolverFailure in words."""
    try:
        return highs.run(problem, options, warm_start, progress, cancel, once, compiled, recast)
    except Exception as error:  # whatever the solver raises is its failure, reported in words
        raise SolverFailure(Text("the solver HiGHS failed: {problem}",
                                 problem=said(error) or type(error).__name__)) from error


def solve(model: PortfolioModel, time_limit: float | None = None, mip_gap: float | None = None,
          warm_start: bool = False, progress: Callable[[Progress], None] | None = None,
          cancel: threading.Event | None = None, threads: int | None = None, once: bool = False,
          compiled: tuple | None = None, recast: highs.Recast | None = None,
          limits: set[str] | None = None) -> Solution:
    """Solve the model as its Parameters stand now.

    `warm_start` starts from the model's previous answer (after a what-if change); `progress` is
    called with each better portfolio found; setting `cancel` stops the search, and the solution
    is then CANCELLED. `threads` sets HiGHS's threads (a sweep's points, which share the cores, run on one).
    `once`: the model is solved this once; `compiled` and `recast`: a question asked of the model's compiled data
    (highs.run), `limits` the limits it keeps (the answer is checked against those only).
    """
    settings = model.case.settings
    gap = float(settings.mip_gap if mip_gap is None else mip_gap)
    options = {
        "time_limit": float(settings.time_limit if time_limit is None else time_limit),
        "mip_rel_gap": gap,
        # Budgets and targets are checked to the cent.
        "primal_feasibility_tolerance": FEASIBILITY,
        "mip_feasibility_tolerance": FEASIBILITY,
        # A what-if look ends at or near the root, where a second thread adds work, not speed
        # (demo, 10 slider moves to 0.5%: CPU 0.76-0.88 s median on one thread, 0.97-1.03 s on two).
        "threads": threads or (SOLVER_THREADS if gap < highs.COARSE_GAP else 1),
        "random_seed": 0,
        "output_flag": False,
    }
    started = time.perf_counter()
    cancelled, columns = run_highs(model.problem, options, model.last_columns if warm_start else None,
                                   progress, cancel, once, compiled, recast)
    seconds = time.perf_counter() - started
    if cancelled:
        return Solution(Status.CANCELLED, solve_seconds=seconds)
    if columns is not None:
        model.last_columns = columns
    solution = read_solution(model, seconds, limits)
    solution.options = options
    return solution


def read_solution(model: PortfolioModel, seconds: float, limits: set[str] | None = None) -> Solution:
    problem = model.problem
    status = problem.status
    info = problem.solver_stats.extra_stats if problem.solver_stats else None
    has_point = info is not None and getattr(info, "primal_solution_status", 0) == 2
    if status in (cps.INFEASIBLE, cps.INFEASIBLE_INACCURATE, cps.INFEASIBLE_OR_UNBOUNDED):
        return Solution(Status.INFEASIBLE, solve_seconds=seconds)
    if status in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE, cp.USER_LIMIT) and has_point:
        answer = None if model.share.value is None else np.asarray(model.share.value, dtype=float).reshape(-1)
        broken = broken_rules(model, answer, limits)
        if broken:  # a nonsense answer is a solver fault, never a portfolio
            found = broken[:3] + ([f"and {len(broken) - 3} more"] if len(broken) > 3 else [])
            raise SolverFailure(Text("the solver HiGHS returned an answer that breaks the model: {rules}",
                                     rules="; ".join(found)))
        x = np.clip(answer, 0.0, 1.0)
        value = float(problem.value)
        bound: float | None = value
        if model.choose.boolean_idx is not None and info.mip_dual_bound is not None \
                and np.isfinite(info.mip_dual_bound):
            # HiGHS minimises -objective: its incumbent minus its dual bound is the gap in our units.
            bound = value + float(info.objective_function_value - info.mip_dual_bound)
        elif model.choose.boolean_idx is not None and status == cp.USER_LIMIT:
            bound = None  # stopped before any bound was proven: how good the portfolio is, is unknown
        wrong = bound_below_value(value, bound) if bound is not None and isinstance(
            problem.objective, cp.Maximize) else None
        if wrong:
            raise SolverFailure(Text("the solver HiGHS returned nonsense: {wrong}", wrong=wrong))
        gap = None if bound is None else relative_gap(value, bound)
        kind = Status.OPTIMAL if status != cp.USER_LIMIT else Status.FEASIBLE
        return Solution(kind, value, bound, gap, seconds, portfolio_of(model, x), x)
    if status == cp.USER_LIMIT:
        return Solution(Status.NO_SOLUTION, solve_seconds=seconds)
    raise SolverFailure(Text("the solver HiGHS stopped without an answer (status {status})", status=status))


def portfolio_of(model: PortfolioModel, x: np.ndarray) -> dict[str, Funding]:
    """The chosen projects from the option shares; shares within FUNDED of a whole number are rounded."""
    chosen: dict[str, Funding] = {}
    for o, option in enumerate(model.options):
        if x[o] > FUNDED:
            share = float(x[o])
            if abs(share - round(share)) < FUNDED:
                share = float(round(share))
            project = model.case.projects[option.project]
            chosen[project.id] = Funding(share, option.start_year)
    return chosen
