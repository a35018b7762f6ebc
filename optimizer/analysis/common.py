"""What the decision analyses share: progress, cancel, and exact re-solves of one compiled model.

The analyses (`explain.py`, `frontier.py`, `risk.py`, `stability.py`) each solve a case many
times with a few Parameters changed. They take the same two optional arguments so that the app
can run them in the background:

- `progress(step)` is called after each solve with a `Step` (done, total, a line for the user, and
  the item just finished, such as one frontier point or one explained project);
- setting the `cancel` event stops the running solve and raises `AnalysisCancelled`.

They re-solve through a `Session` (one compiled model, warm-started from the previous answer).
Pass a session that is used for analyses only, not the one the what-if sliders solve on: a session
runs one solve at a time, and an analysis changes its model's Parameters between solves.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from optimizer.errors import AnalysisCancelled, AnalysisError
from optimizer.model.case import Case
from optimizer.model.portfolio import PortfolioModel
from optimizer.solve.session import Session
from optimizer.solve.solver import Solution, Status, solve
from optimizer.words.text import Text

EXACT_GAP = 0.0
"""The analyses compare optima (the cost of forcing a project is the difference of two), so by default
they solve to proven optimality; a solve stopped by the time limit says so with its gap."""


@dataclass(frozen=True)
class Step:
    done: int
    total: int
    message: str
    item: object | None = None
    """What this step finished (a FrontierPoint, an Explanation...), or None."""


Progress = Callable[[Step], None]


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise AnalysisCancelled()


def tell(progress: Progress | None, done: int, total: int, message: str, item: object | None = None) -> None:
    if progress is not None:
        progress(Step(done, total, message, item))


def solve_on(session: Session, case: Case, *, time_limit: float | None, gap: float | None,
             cancel: threading.Event | None, adjustment: np.ndarray | None = None,
             threads: int | None = None, warm_start: bool = True) -> tuple[PortfolioModel, Solution]:
    """Solve `case` on the session's compiled model (its Parameters set for this case).

    `adjustment` is added to the objective per unit of share of each option for this solve only
    (another NPV for a project, see PortfolioModel.objective_adjustment). `threads`: HiGHS's (solver.solve);
    `warm_start` False: the solver's own start, not the model's last answer. Raises AnalysisCancelled.
    """
    check_cancel(cancel)
    if not case.projects:
        raise AnalysisError(Text("the case has no candidate projects"))
    model = session.model_for(case)
    if adjustment is not None:
        model.objective_adjustment.value = np.asarray(adjustment, dtype=float)
    try:
        solution = solve(model, time_limit=time_limit, mip_gap=EXACT_GAP if gap is None else gap,
                         warm_start=warm_start, cancel=cancel, threads=threads)
    finally:
        model.objective_adjustment.value = np.zeros(len(model.options))
    if solution.status == Status.CANCELLED:
        raise AnalysisCancelled()
    return model, solution


def selection_json(solution: Solution) -> list[dict]:
    """The chosen projects as cli.md's `selected` items: id, share, start year."""
    return [{"id": pid, "share": f.share, "start_year": f.start_year} for pid, f in solution.portfolio.items()]


def number(value: float | None, digits: int = 10) -> float | None:
    """A float for JSON: None for None, NaN or infinity; rounded to hide solver noise."""
    if value is None or not np.isfinite(value):
        return None
    return round(float(value), digits)
