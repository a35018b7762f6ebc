"""A planning session: the case as the user edits it, solved again and again on one compiled model.

The app (or a script) holds immutable `Case` values and hands each version to `Session.solving`
(through optimizer/planner.py, which also reports on the answer and diagnoses it). When only what a
what-if slider moves has changed (a limit's value, the score weights, the risk aversion, a project
forced in or out), the session applies the change to the model's Parameters and re-solves,
warm-started from the previous answer; otherwise (a limit added or removed, other project data,
another objective) it builds a new model. One solve runs at a time; a caller that wants a newer
answer sets the `cancel` event of the older solve first.

Before a re-solve starts, the session hands the solver the best portfolio it already knows that
keeps every rule under the new values: the previous answer, or the rank-and-fill portfolio
(optimizer/solve/ranking.py). The caller's `progress` hears of it at once (its bound not yet known), so
a slider move shows a valid portfolio within milliseconds, and the solver improves from there.

A move that only tightens (a floor raised, a ceiling or budget lowered, a project forced in or out)
while the previous answer still keeps every rule needs no solve at all: the new plans are a subset
of the old, so the old answer, proven within its gap of the best of the larger set, is proven
within the same gap here. The session answers it at once (`Solution.reused`).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

import cvxpy as cp
import numpy as np

from optimizer.model.case import Case
from optimizer.model.portfolio import PortfolioModel
from optimizer.model.targets import Sense
from optimizer.solve import highs
from optimizer.solve.highs import Progress
from optimizer.solve.ranking import broken_limits, rank_and_fill
from optimizer.solve.solver import Solution, Status, solve


@dataclass(frozen=True)
class _Proven:
    """The last answer proven within its gap, with the Parameter values it was proven for."""

    parameters: dict[int, np.ndarray]
    gap: float
    """The relative gap the answer was proven to (as asked of the solver)."""
    solution: Solution
    choose: np.ndarray
    columns: np.ndarray | None


def _parameter_values(model: PortfolioModel) -> dict[int, np.ndarray]:
    return {p.id: np.array(p.value, dtype=float, copy=True) for p in model.problem.parameters()}


def _tightening_directions(model: PortfolioModel) -> dict[int, int]:
    """For each Parameter that bounds the plans: +1 if raising it can only remove plans, -1 if
    lowering it can. Parameters missing here (weights, risk aversion) move the objective."""
    directions = {t.limit.id: (1 if t.sense == Sense.MIN else -1) for t in model.limits.values()}
    directions[model.project_lower.id] = 1  # forcing in
    directions[model.project_upper.id] = -1  # forcing out
    return directions


def _structure(case: Case) -> tuple:
    """What a model is built from, apart from what its Parameters hold."""
    projects = tuple(replace(p, mandatory=False, excluded=False, extra={}) for p in case.projects)
    return (projects, case.years, case.enterprise, case.settings.objective,
            tuple(sorted(case.limits_in_force)), case.outlook, case.groups)


class Session:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: PortfolioModel | None = None
        self._structure: tuple | None = None
        self._offsets: tuple[dict[int, int], int] | None = None
        self._last_shares: np.ndarray | None = None
        self._proven: _Proven | None = None
        self.rebuilds = 0
        """How many times a model was built (a what-if change should not add one)."""

    def model_for(self, case: Case) -> PortfolioModel:
        """The compiled model with its Parameters set for this case (built only when needed)."""
        if self._model is not None and case.projects is self._model.case.projects:
            # A what-if change keeps the projects (Case.with_limits and the app's sliders do): compare
            # the rest only, not every project again (0.1 s for 1,000 projects).
            structure = (self._structure[0], *_structure(replace(case, projects=()))[1:])
        else:
            structure = _structure(case)
        if self._model is None or structure != self._structure:
            self._model = PortfolioModel.optimising(case)
            self._structure = structure
            self._offsets, self._last_shares, self._proven = None, None, None
            self.rebuilds += 1
            return self._model
        self._model.apply(case)
        return self._model

    @contextmanager
    def solving(self, case: Case, *, time_limit: float | None = None, gap: float | None = None,
                progress: Callable[[Progress], None] | None = None, cancel: threading.Event | None = None,
                threads: int | None = None) -> Iterator[tuple[PortfolioModel, Solution]]:
        """Solve `case` (which has candidate projects) on the compiled model:

            with session.solving(case) as (model, solution):
                result = build_result(model, solution)

        The model stays this solve's (its Parameters, its answer) until the block ends, so what is read
        from it there is about this case even when another thread is waiting to solve the next one.
        """
        with self._lock:
            started = time.perf_counter()
            model = self.model_for(case)
            wanted_gap = float(case.settings.mip_gap if gap is None else gap)
            solution = self._still_proven(model, wanted_gap, started)
            if solution is None:
                self._proven = None
                self._start_from_best_known(model, progress, started)
                solution = solve(model, time_limit=time_limit, mip_gap=gap, warm_start=True,
                                 progress=progress, cancel=cancel, threads=threads)
                if solution.status == Status.OPTIMAL:
                    self._proven = _Proven(_parameter_values(model), wanted_gap, solution, model.choose.value.copy(),
                                           model.last_columns)
            elif progress is not None:
                progress(Progress(solution.solve_seconds, solution.objective_value, solution.bound))
            if solution.has_portfolio:
                self._last_shares = solution.option_shares
            yield model, solution

    def _still_proven(self, model: PortfolioModel, gap: float, started: float) -> Solution | None:
        """The previous answer, if this change only tightened the rules and it keeps them all."""
        proven = self._proven
        if proven is None or proven.columns is None or proven.gap > gap:
            return None
        now = _parameter_values(model)
        tighter = _tightening_directions(model)
        for key, before in proven.parameters.items():
            after = now.get(key)
            if after is None:
                return None
            if np.array_equal(before, after):
                continue
            direction = tighter.get(key)
            if direction is None or not np.all(after * direction >= before * direction):
                return None  # the objective changed, or some rule was relaxed
        data, _, _ = model.problem.get_problem_data(cp.HIGHS)
        if not highs.keeps_every_row(data, proven.columns):
            return None
        model.choose.value = proven.choose.copy()  # the report's marginal LP reads the choice from it
        model.last_columns = proven.columns
        self._proven = replace(proven, parameters=now)  # the proof holds for these values too
        return replace(proven.solution, reused=True, solve_seconds=time.perf_counter() - started)

    def _start_from_best_known(self, model: PortfolioModel, progress: Callable[[Progress], None] | None,
                               started: float) -> None:
        """Warm-start the solver from the better of the previous answer (if it still keeps every rule)
        and the rank-and-fill portfolio (if it keeps them all), and tell `progress` about it."""
        if model.choose.boolean_idx is None or self._last_shares is None:
            return  # a first solve (the headless command's only one) is the solver's own from the start
        starts = []
        if self._last_shares is not None and not broken_limits(model, self._last_shares):
            starts.append(self._last_shares)
        ranked = rank_and_fill(model)
        if ranked.meets_rules:
            starts.append(ranked.shares)
        if not starts:
            return  # the solver looks for its own first portfolio (the previous one may still help it)
        coef = model.objective_coefficients()
        shares = max(starts, key=lambda x: float(coef @ x))
        if self._offsets is None:
            self._offsets = highs.variable_offsets(model.problem)
        columns = highs.columns_of(self._offsets, model.variable_values(shares))
        if columns is None:
            return
        model.last_columns = columns
        if progress is not None:
            progress(Progress(time.perf_counter() - started, float(coef @ shares), math.inf))
