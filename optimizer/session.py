"""A planning session: the case as the user edits it, solved again and again on one compiled model.

The app (or a script) holds immutable `Case` values and hands each version to
`Session.solve`. When only what a what-if slider moves has changed (a limit's
value, the score weights, the risk aversion, a project forced in or out), the session sets the
model's Parameters and re-solves, warm-started from the previous answer;
otherwise (a limit added or removed, other project data, another objective) it
builds a new model. One solve runs at a time; a caller that wants a newer
answer sets the `cancel` event of the older solve first.

Before a re-solve starts, the session hands the solver the best portfolio it already knows that
keeps every rule under the new values: the previous answer, or the rank-and-fill portfolio
(optimizer/ranking.py). The caller's `progress` hears of it at once (its bound not yet known), so
a slider move shows a valid portfolio within milliseconds, and the solver improves from there.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from . import highs_runner
from .case import Case
from .highs_runner import Progress
from .model import PortfolioModel
from .ranking import broken_limits, rank_and_fill
from .report import Result
from .solve import Solution, solve


def _structure(case: Case) -> tuple:
    """What a model is built from, apart from what its Parameters hold."""
    projects = tuple(replace(p, mandatory=False, excluded=False, extra={}) for p in case.projects)
    return (projects, case.years, case.enterprise, case.settings.objective,
            tuple(sorted(case.settings.limits)))


class Session:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: PortfolioModel | None = None
        self._structure: tuple | None = None
        self._offsets: tuple[dict[int, int], int] | None = None
        self._last_shares: np.ndarray | None = None
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
            self._model = PortfolioModel(case)
            self._structure = structure
            self._offsets, self._last_shares = None, None
            self.rebuilds += 1
            return self._model
        model = self._model
        model.case = case
        for key, value in case.settings.limits.items():
            if key in model.targets:
                model.set_limit(key, value)
        model.set_weights(case.settings.weights)
        model.set_risk_aversion(case.settings.risk_aversion)
        model.set_project_bounds(
            forced_in={p.id for p in case.projects if p.mandatory},
            forced_out={p.id for p in case.projects if p.excluded or model.screened_out(p)},
        )
        return model

    def solve(self, case: Case, *, time_limit: float | None = None, gap: float | None = None,
              progress: Callable[[Progress], None] | None = None,
              cancel: threading.Event | None = None, diagnose_conflicts: bool = True) -> Result:
        from .diagnosis import diagnose
        from .empty import solve_without_candidates
        from .report import build_result

        with self._lock:
            if not case.projects:
                return solve_without_candidates(case)
            started = time.perf_counter()
            model = self.model_for(case)
            self._start_from_best_known(model, progress, started)
            solution: Solution = solve(model, time_limit=time_limit, mip_gap=gap, warm_start=True,
                                       progress=progress, cancel=cancel)
            if solution.has_portfolio:
                self._last_shares = solution.option_shares
            result = build_result(model, solution)
            if solution.status == "infeasible" and diagnose_conflicts:
                result.diagnosis = diagnose(case, time_limit)
            return result

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
            self._offsets = highs_runner.variable_offsets(model.problem)
        values = {model.choose: (shares > 1e-9).astype(float)}
        if model.partial_share is not None:
            values[model.partial_share] = shares[model.partial_options]
        if model.plan_capex is not None:
            values[model.plan_capex.variable] = np.array([model.plan_capex.value(shares)])
        columns = highs_runner.columns_of(self._offsets, values)
        if columns is None:
            return
        model.last_columns = columns
        if progress is not None:
            progress(Progress(time.perf_counter() - started, float(coef @ shares), math.inf))
