"""The what-if solve: each edit of the case re-solved in the background, the newest edit winning.

`WhatIfSolver.request(case)` solves the case a moment later (a slider dragged asks many times; only
the last position is solved) on the solver's own thread (`Tasks`, ui/window/tasks.py), through the
engine's `Planner`, whose session keeps one compiled model and re-solves it with new Parameter values. A newer
request cancels the running solve, which then stops within moments and is never heard of again; an
answer that arrives while a newer request waits for its moment is dropped too. `cancel()` stops
solving and the window keeps showing the previous answer.

When the targets cannot all be met, the answer "infeasible" is passed on at once (a slider moved
into a conflict shows so within the solve's time) and the diagnosis follows on the same thread: its first
answer (which targets conflict, a reachable level of each: seconds) comes as `diagnosisReady` while the
diagnosing goes on, then the refined one (the exact best levels: up to minutes on a large case) as
`diagnosisReady` again; a newer request cancels it like a solve.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from optimizer.model.case import Case
from optimizer.planner import Planner
from optimizer.report.result import Result
from optimizer.solve.highs import Progress
from optimizer.solve.session import Session
from optimizer.solve.solver import Status
from ui.window.tasks import Tasks

SOLVE = "solve"


def solve_then_diagnose(planner: Planner, case: Case, *, progress: Callable[[object], None],
                        cancel: threading.Event, gap: float | None = None,
                        time_limit: float | None = None) -> Result:
    """Solve the case; when its targets conflict, report the answer through `progress` (a Result, after
    the HiGHS `Progress` reports) and go on to find which targets conflict. Returns the answer, with its
    diagnosis when there is one."""
    result = planner.solve(case, gap=gap, time_limit=time_limit, cancel=cancel, progress=progress,
                           diagnose_conflicts=False)
    if result.solution.status != Status.INFEASIBLE or cancel.is_set():
        return result
    progress(result)  # "infeasible" is shown while the diagnosis is found
    items = planner.diagnose(case, time_limit=time_limit, cancel=cancel,
                             first=lambda first: progress(dataclasses.replace(result, diagnosis=first)))
    return dataclasses.replace(result, diagnosis=items)


class WhatIfSolver(QObject):
    """What the document talks to: request(case) and cancel(); the answers come back as signals."""

    started = Signal()
    progress = Signal(object)  # optimizer.solve.highs.Progress of the newest solve
    resultReady = Signal(object)  # optimizer.report.result.Result, never a cancelled or superseded one
    diagnosing = Signal(bool)  # the newest answer is "infeasible" and its diagnosis is being found
    diagnosisReady = Signal(object)  # that Result again, with its diagnosis: the first answer, then the refined one
    cancelled = Signal()  # the user stopped the solve: the previous answer stays
    failed = Signal(str)  # the solver (or the diagnosis) failed, in the app's words
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, debounce_ms: int = 250, planner: Planner | None = None):
        super().__init__(parent)
        self.planner = planner or Planner()
        self.tasks = Tasks(self)  # a thread of its own: a what-if move never waits behind an analysis
        self.tasks.progress.connect(self._on_progress)
        self.tasks.finished.connect(self._on_finished)
        self.tasks.failed.connect(self._on_failed)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._start_pending)
        self._pending: tuple[Case, float | None, float | None] | None = None
        self._diagnosing = False
        self.started_at = 0.0
        """When the newest solve started (time.perf_counter), for the elapsed time on the status line."""

    @property
    def session(self) -> Session:
        """The compiled model the what-if changes re-solve."""
        return self.planner.session

    @property
    def busy(self) -> bool:
        return self.tasks.running(SOLVE) or self._pending is not None

    def request(self, case: Case, *, immediate: bool = False, gap: float | None = None,
                time_limit: float | None = None) -> None:
        """Solve this case soon; a later request before it starts replaces it (debounce)."""
        self._pending = (case, gap, time_limit)
        if immediate:
            self._timer.stop()
            self._start_pending()
        else:
            self._timer.start()
        self.busyChanged.emit(True)

    def cancel(self) -> None:
        """Stop the running solve (or diagnosis) and drop any pending one; the previous answer stays."""
        self._timer.stop()
        self._pending = None
        solving = self.tasks.running(SOLVE) and not self._diagnosing
        self.tasks.cancel(SOLVE)
        self._stop_diagnosing()
        self.busyChanged.emit(False)
        if solving:
            self.cancelled.emit()

    def wait(self, msecs: int = 60000) -> bool:
        """Block until the solver's thread is idle (for tests and on close)."""
        return self.tasks.wait(msecs)

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        case, gap, time_limit = self._pending
        self._pending = None
        self._stop_diagnosing()
        self.started_at = time.perf_counter()
        self.tasks.start(SOLVE, solve_then_diagnose, self.planner, case, gap=gap, time_limit=time_limit)
        self.started.emit()

    def _stop_diagnosing(self) -> None:
        if self._diagnosing:
            self._diagnosing = False
            self.diagnosing.emit(False)

    def _on_progress(self, _name: str, step: Progress | Result) -> None:
        if not isinstance(step, Result):
            self.progress.emit(step)
        elif self._pending is not None:
            self.tasks.cancel(SOLVE)  # a newer request is on its way: nobody will look at this diagnosis
        elif self._diagnosing:
            self.diagnosisReady.emit(step)  # the diagnosis's first answer; the refined one follows
        else:
            self._diagnosing = True
            self.resultReady.emit(step)
            self.diagnosing.emit(True)

    def _on_finished(self, _name: str, result: Result) -> None:
        diagnosed = self._diagnosing
        self._stop_diagnosing()
        if self._pending is not None:
            return  # a newer request is on its way
        self.busyChanged.emit(False)
        if result.solution.status == Status.CANCELLED:
            self.cancelled.emit()
        elif diagnosed:
            self.diagnosisReady.emit(result)
        else:
            self.resultReady.emit(result)

    def _on_failed(self, _name: str, message: str) -> None:
        self._stop_diagnosing()  # the answer "infeasible" stands; its diagnosis failed
        if self._pending is None:
            self.busyChanged.emit(False)
            self.failed.emit(message)
