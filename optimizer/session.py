"""A planning session: the case as the user edits it, solved again and again on one compiled model.

The app (or a script) holds immutable `Case` values and hands each version to
`Session.solve`. When only what a what-if slider moves has changed (a limit's
value, the score weights, the risk aversion, a project forced in or out), the session sets the
model's Parameters and re-solves, warm-started from the previous answer;
otherwise (a limit added or removed, other project data, another objective) it
builds a new model. One solve runs at a time; a caller that wants a newer
answer sets the `cancel` event of the older solve first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace

from .case import Case
from .highs_runner import Progress
from .model import PortfolioModel
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
        self.rebuilds = 0
        """How many times a model was built (a what-if change should not add one)."""

    def model_for(self, case: Case) -> PortfolioModel:
        """The compiled model with its Parameters set for this case (built only when needed)."""
        structure = _structure(case)
        if self._model is None or structure != self._structure:
            self._model = PortfolioModel(case)
            self._structure = structure
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
            model = self.model_for(case)
            solution: Solution = solve(model, time_limit=time_limit, mip_gap=gap, warm_start=True,
                                       progress=progress, cancel=cancel)
            result = build_result(model, solution)
            if solution.status == "infeasible" and diagnose_conflicts:
                result.diagnosis = diagnose(case, time_limit)
            return result
