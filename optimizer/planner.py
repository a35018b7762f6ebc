"""What a user asks of a case, in one place: solve it, say what the answer means, and, when the targets
cannot all be met, which ones conflict and how far each can go.

    planner = Planner()
    result = planner.solve(case)                  # optimizer.report.result.Result, with its diagnosis
    result = planner.solve(case.with_limits(total_budget=700), gap=0.005)   # a what-if move: a re-solve

The planner composes the pipeline's parts without them knowing of each other: the session solves
(solve/session.py: one compiled model, re-solved after a what-if change), report/build.py says what the
answer means, analysis/diagnosis.py diagnoses a conflict. The headless command, the app and the analyses'
callers go through it; nothing below it imports it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from optimizer.analysis.diagnosis import first_diagnosis
from optimizer.model.case import Case
from optimizer.report.build import build_result
from optimizer.report.empty import solve_without_candidates
from optimizer.report.result import DiagnosisItem, Result
from optimizer.solve.highs import Progress
from optimizer.solve.session import Session
from optimizer.solve.solver import Status


class Planner:
    def __init__(self, session: Session | None = None):
        self.session = session or Session()
        """The compiled model the what-if changes re-solve (one solve at a time)."""

    def solve(self, case: Case, *, time_limit: float | None = None, gap: float | None = None,
              progress: Callable[[Progress], None] | None = None, cancel: threading.Event | None = None,
              diagnose_conflicts: bool = True, threads: int | None = None,
              first: Callable[[list[DiagnosisItem]], None] | None = None, quick_diagnosis: bool = False) -> Result:
        """The best portfolio for `case` and what it means. `gap` and `time_limit` default to the case's;
        `progress` hears of each better portfolio; setting `cancel` stops the search (status cancelled). When
        the targets cannot all be met, the result carries the diagnosis, unless `diagnose_conflicts` is False
        (the app shows "infeasible" at once and diagnoses in the background with `diagnose`). `threads`: HiGHS's
        (one for a case of a batch, which shares the cores with the others). `first` and `quick_diagnosis`: as
        `diagnose`'s `first` and `quick`."""
        if not case.projects:
            return solve_without_candidates(case)
        with self.session.solving(case, time_limit=time_limit, gap=gap, progress=progress, cancel=cancel,
                                  threads=threads) as (
                model, solution):
            result = build_result(model, solution)
        if solution.status == Status.INFEASIBLE and diagnose_conflicts:
            result.diagnosis = self.diagnose(case, time_limit=time_limit, cancel=cancel, first=first,
                                             quick=quick_diagnosis)
        return result

    def diagnose(self, case: Case, *, time_limit: float | None = None, cancel: threading.Event | None = None,
                 first: Callable[[list[DiagnosisItem]], None] | None = None,
                 quick: bool = False) -> list[DiagnosisItem]:
        """Which targets of `case` conflict and how far each can be reached (analysis/diagnosis.py): the first
        answer, soon (each level reachable; `first` hears it as soon as it is found), then refined to the exact
        best levels, which are returned; with `quick`, the first answer is returned and not refined. Setting
        `cancel` stops either with AnalysisCancelled."""
        diagnosis = first_diagnosis(case, time_limit, cancel=cancel, workers=1 if quick else None)
        if first is not None:
            first(diagnosis.items)
        return diagnosis.items if quick else diagnosis.refined(cancel)
