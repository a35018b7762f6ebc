"""Run HiGHS on a compiled cvxpy problem, with progress, cancel and a warm start.

cvxpy compiles the model once (and, the model being DPP, re-applies only the
Parameters after a what-if change); `problem.get_problem_data` hands over that
compiled data. This module passes it to HiGHS the way cvxpy's own HiGHS
interface does (`cvxpy/reductions/solvers/conic_solvers/highs_conif.py`), but
keeps the solver in hand: it reports each improving portfolio, stops when asked,
and starts from the previous answer. `problem.unpack_results` then maps the
answer back onto the cvxpy variables as `problem.solve` would.
"""

from __future__ import annotations

import math
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import cvxpy as cp
import cvxpy.settings as s
import highspy
import numpy as np
from cvxpy.reductions.solvers.conic_solvers.conic_solver import dims_to_solver_dict

from optimizer.tolerances import ROW
from optimizer.words.text import Text

# cvxpy warns "Solution may be inaccurate" when HiGHS stops at its time limit with a portfolio in hand; the
# answer's status says so in words. The filter is set once for the process, for that message only:
# warnings.catch_warnings() around each run is not thread-safe, and the what-if solve and the analyses run
# on threads of their own (it let the warning through in the app's tests).
warnings.filterwarnings("ignore", message="Solution may be inaccurate", category=UserWarning)

COARSE_GAP = 1e-3
"""From this relative gap on, a solve is a quick look (a what-if move), not a proof of optimality."""


@dataclass(frozen=True)
class Progress:
    """What the search knows so far: the best portfolio's objective and the best proven bound."""

    seconds: float
    value: float
    bound: float

    @property
    def gap(self) -> float:
        return abs(self.bound - self.value) / max(1.0, abs(self.value))


def _highs_model(data: dict) -> highspy.HighsModel:
    inf = highspy.kHighsInf
    dims = dims_to_solver_dict(data[s.DIMS])
    c = data[s.C]
    a = data[s.A].tocsc()
    equalities = dims[s.EQ_DIM]
    upper = data[s.B]
    lower = np.concatenate([upper[:equalities], np.full(len(upper) - equalities, -inf)])
    model = highspy.HighsModel()
    lp = model.lp_
    lp.num_col_, lp.num_row_ = a.shape[1], a.shape[0]
    lp.offset_ = 0
    lp.col_cost_ = c
    lp.row_lower_, lp.row_upper_ = lower, upper
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
    lb, ub = data[s.LOWER_BOUNDS], data[s.UPPER_BOUNDS]
    col_lower = np.full(lp.num_col_, -inf) if lb is None else np.array(lb, dtype=float)
    col_upper = np.full(lp.num_col_, inf) if ub is None else np.array(ub, dtype=float)
    booleans, integers = data[s.BOOL_IDX], data[s.INT_IDX]
    if booleans or integers:
        integrality = [highspy.HighsVarType.kContinuous] * lp.num_col_
        for index in list(booleans) + list(integers):
            integrality[index] = highspy.HighsVarType.kInteger
        if booleans:
            mask = np.array(booleans, dtype=int)
            col_lower[mask] = np.maximum(col_lower[mask], 0)
            col_upper[mask] = np.minimum(col_upper[mask], 1)
        lp.integrality_ = integrality
    lp.col_lower_, lp.col_upper_ = col_lower, col_upper
    return model


def _recast(model: highspy.HighsModel, recast: Recast) -> None:
    lp = model.lp_
    if recast.free_rows is not None and len(recast.free_rows):
        lower, upper = np.array(lp.row_lower_), np.array(lp.row_upper_)
        lower[recast.free_rows], upper[recast.free_rows] = -highspy.kHighsInf, highspy.kHighsInf
        lp.row_lower_, lp.row_upper_ = lower, upper
    if recast.cost is not None:
        lp.col_cost_ = np.asarray(recast.cost, dtype=float)
        lp.offset_ = float(recast.offset)


def keeps_every_row(data: dict, columns: np.ndarray, tolerance: float = ROW) -> bool:
    """Whether these column values satisfy the compiled model: its rows, its bounds, and integrality."""
    dims = dims_to_solver_dict(data[s.DIMS])
    equalities = dims[s.EQ_DIM]
    residual = data[s.A] @ columns - data[s.B]
    if np.any(np.abs(residual[:equalities]) > tolerance) or np.any(residual[equalities:] > tolerance):
        return False
    lb, ub = data[s.LOWER_BOUNDS], data[s.UPPER_BOUNDS]
    if (lb is not None and np.any(columns < np.asarray(lb) - tolerance)) or (
            ub is not None and np.any(columns > np.asarray(ub) + tolerance)):
        return False
    booleans = columns[list(data[s.BOOL_IDX])]
    if np.any(booleans < -tolerance) or np.any(booleans > 1 + tolerance):
        return False
    whole = columns[list(data[s.BOOL_IDX]) + list(data[s.INT_IDX])]
    return bool(np.all(np.abs(whole - np.round(whole)) <= tolerance))


def variable_offsets(problem: cp.Problem) -> tuple[dict[int, int], int]:
    """Where each cvxpy variable starts among the solver's columns (by variable id), and how many
    columns there are: to hand HiGHS a starting portfolio written in the model's own variables."""
    data, _, inverse_data = problem.get_problem_data(cp.HIGHS)
    stuffing = next(d for d in reversed(inverse_data) if hasattr(d, "var_offsets"))
    return dict(stuffing.var_offsets), int(data[s.C].shape[0])


def columns_of(offsets: tuple[dict[int, int], int], values: dict[cp.Variable, np.ndarray]) -> np.ndarray | None:
    """The solver's column values for these variable values (None if a variable is not a column)."""
    where, count = offsets
    columns = np.zeros(count)
    for variable, value in values.items():
        if variable.id not in where:
            return None
        start = where[variable.id]
        columns[start:start + variable.size] = np.asarray(value, dtype=float).reshape(-1)
    return columns


WATCHDOG_GRACE = 30.0
"""Seconds past its time limit (at least; twice the limit on long runs) after which a HiGHS run that
has not returned is given up as hung: the caller hears a SolverFailure and can go on."""


RUNS_STARTED = 0
"""HiGHS runs started in this process: once there has been one, its pool of worker threads lives until the process
ends (the headless command, stopped by a signal, then ends without the interpreter's shutdown: console.py)."""


def _run_watched(highs: highspy.Highs, time_limit: float) -> None:
    """`highs.run()` on a thread of its own, waited for at most the time limit plus a grace.

    The thread is also what lets each run choose its number of threads: HiGHS sizes its pool of
    worker threads at the first run on a calling thread and refuses a later run on that thread that
    asks for another number. A hung run's thread is left behind (a daemon: it does not keep the
    process alive) and its answer, should it ever come, is not read.
    """
    failure: list[BaseException] = []

    def target() -> None:
        try:
            highs.run()
        except BaseException as error:  # noqa: BLE001 -- handed to the caller's thread
            failure.append(error)

    global RUNS_STARTED
    worker = threading.Thread(target=target, name="HiGHS", daemon=True)
    RUNS_STARTED += 1
    worker.start()
    waited = time_limit + max(WATCHDOG_GRACE, time_limit)
    deadline = time.monotonic() + waited if math.isfinite(waited) else math.inf
    while worker.is_alive() and time.monotonic() < deadline:
        # in short waits: a Ctrl-C the system hands to a HiGHS thread is then heard at once, not at the deadline
        worker.join(min(0.1, max(0.0, deadline - time.monotonic())))
    if worker.is_alive():
        raise TimeoutError(Text("it did not stop at its time limit of {limit} s and was given up after {waited} s",
                                limit=f"{time_limit:g}", waited=f"{waited:g}"))
    if failure:
        raise failure[0]


@dataclass(frozen=True)
class Recast:
    """A question asked of a compiled model instead of its own: some of its rows set free (bounds ±inf, which
    HiGHS's presolve drops at once) and, with `cost`, another objective (minimised, plus `offset`)."""

    free_rows: np.ndarray | None = None
    cost: np.ndarray | None = None
    offset: float = 0.0


def run(problem: cp.Problem, options: dict, warm_start: np.ndarray | None = None,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None, once: bool = False, compiled: tuple | None = None,
        recast: Recast | None = None) -> tuple[bool, np.ndarray | None]:
    """Solve `problem` with HiGHS, leaving the answer on its variables as problem.solve does.

    `once`: the problem is solved this once (a feasibility question of the diagnosis), so cvxpy compiles it with
    its Parameters as plain numbers instead of keeping what re-applies them after a change: half the compile
    (a 1,000-project feasibility model 0.055 s instead of 0.12 s). `compiled`: what `problem.get_problem_data`
    gave already, with `recast` what is asked of it instead.

    Returns (cancelled, the solver's column values to warm-start the next solve with).
    """
    data, chain, inverse_data = compiled or problem.get_problem_data(cp.HIGHS, ignore_dpp=once)
    highs = highspy.Highs()
    if options.get("mip_rel_gap", 0.0) >= COARSE_GAP:
        # A restart presolves the model again once the root node has fixed columns. It pays when
        # proving optimality; at a what-if gap the search ends at or near the root and a restart
        # repeats the root's work: CPU seconds to 0.5% on 8 slider moves, median, demo case 1.53 -> 0.84,
        # generated 80 projects 0.52 -> 0.24, 150 and 300 projects about equal.
        highs.setOptionValue("mip_allow_restart", False)
    if warm_start is not None and len(warm_start) == data[s.C].shape[0] and keeps_every_row(data, warm_start):
        # The search starts from a portfolio that keeps every rule (a what-if move's previous answer
        # or its rank-and-fill plan, an NPV draw's recommendation): what RINS and RENS would spend the
        # root node on, a first good portfolio, is in hand. Off, the demo's slider moves to 0.5% take
        # 0.30 s median instead of 0.76 s (10 moves, side by side), to 0.01% 1.18 s instead of 1.86 s;
        # generated 300 and 1,000-project cases about equal.
        highs.setOptionValue("mip_heuristic_run_rins", False)
        highs.setOptionValue("mip_heuristic_run_rens", False)
    for name, value in options.items():
        highs.setOptionValue(name, value)
    model = _highs_model(data)
    if recast is not None:
        _recast(model, recast)
    highs.passModel(model)
    if warm_start is not None and len(warm_start) == highs.getNumCol():
        solution = highspy.HighsSolution()
        solution.col_value = list(warm_start)
        solution.value_valid = True
        highs.setSolution(solution)
    cancelled = False
    # HiGHS minimises; cvxpy handed it -objective (for Maximize) less a constant offset.
    sign = -1.0 if isinstance(problem.objective, cp.Maximize) else 1.0
    offset = float(inverse_data[-1][s.OFFSET])

    def on_improving(event) -> None:
        if progress is not None:
            out = event.data_out
            progress(Progress(out.running_time, sign * (out.mip_primal_bound + offset),
                              sign * (out.mip_dual_bound + offset)))

    def on_interrupt(event) -> None:
        nonlocal cancelled
        if cancel is not None and cancel.is_set():
            cancelled = True
            event.interrupt()

    highs.cbMipImprovingSolution += on_improving
    highs.cbMipInterrupt += on_interrupt
    highs.cbSimplexInterrupt += on_interrupt
    _run_watched(highs, float(options.get("time_limit", math.inf)))
    status = highs.getModelStatus().name
    info = highs.getInfo()
    results = {
        "solution": highs.getSolution(),
        "basis": highs.getBasis(),
        "info": info,
        # an interrupted search with a portfolio in hand is like one stopped by the time limit
        "model_status": "kTimeLimit" if status in ("kInterrupt", "kHighsInterrupt") else status,
        "run_time": highs.getRunTime(),
    }
    if status == "kInfeasible":
        results["dual_ray"] = highs.getDualRay()
    problem.unpack_results(results, chain, inverse_data)
    has_point = info.primal_solution_status == 2
    return cancelled, np.array(results["solution"].col_value) if has_point else None
