"""Solving in the background: a QRunnable per solve on a QThreadPool, and a controller that
debounces requests, lets the newest request win and cancels on demand.

The engine's `Session` keeps one compiled model and solves one case at a time; a newer request
sets the `cancel` event of the running solve, which then stops within moments, and only the
newest request's answer is passed on. A cancelled solve passes nothing on: the window keeps
showing the previous answer.

When the targets cannot all be met, the answer "infeasible" is passed on at once (a slider moved
into a conflict shows so within the solve's time) and the diagnosis, which takes one solve per
target tried and can take minutes on a large case, follows on the same pool thread; it comes as
`diagnosisReady`, and a newer request cancels it like a solve.
"""

from __future__ import annotations

import dataclasses
import threading
import time

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from optimizer.analysis.common import AnalysisCancelled
from optimizer.model.case import Case
from optimizer.planner import Planner
from optimizer.report.result import Result
from optimizer.solve.highs import Progress
from optimizer.solve.session import Session
from optimizer.solve.solver import SolverFailure
from optimizer.words.text import said
from ui import i18n


class _Signals(QObject):
    progress = Signal(int, object)
    finished = Signal(int, object)
    diagnosed = Signal(int, object)
    failed = Signal(int, str)


class SolveRunnable(QRunnable):
    """One solve of one case, run on a pool thread; reports through `signals`."""

    def __init__(self, session: Session, case: Case, request_id: int, cancel: threading.Event,
                 signals: _Signals, gap: float | None = None, time_limit: float | None = None):
        super().__init__()
        self.session, self.case, self.request_id, self.cancel = session, case, request_id, cancel
        self.signals, self.gap, self.time_limit = signals, gap, time_limit

    def run(self) -> None:
        try:
            result = Planner(self.session).solve(
                self.case, gap=self.gap, time_limit=self.time_limit, cancel=self.cancel,
                progress=lambda p: self.signals.progress.emit(self.request_id, p), diagnose_conflicts=False)
        except SolverFailure as error:  # the engine's own words for the user, in the app's language
            self.signals.failed.emit(self.request_id, i18n.words().text(said(error)))
            return
        except Exception as error:  # noqa: BLE001 -- anything else is shown too; the app stays usable
            self.signals.failed.emit(self.request_id, f"{type(error).__name__}: {error}")
            return
        self.signals.finished.emit(self.request_id, result)
        if result.solution.status != "infeasible" or self.cancel.is_set():
            return
        try:
            items = Planner(self.session).diagnose(self.case, time_limit=self.time_limit, cancel=self.cancel)
        except AnalysisCancelled:
            return
        except SolverFailure as error:  # the diagnosis's solver failed or hung
            self.signals.failed.emit(self.request_id, i18n.words().text(said(error)))
            return
        except Exception as error:  # noqa: BLE001 -- the answer "infeasible" stands; the diagnosis failed
            self.signals.failed.emit(self.request_id, f"{type(error).__name__}: {error}")
            return
        self.signals.diagnosed.emit(self.request_id, dataclasses.replace(result, diagnosis=items))


class SolveController(QObject):
    """What the window talks to: request(case) and cancel(); results come back as signals."""

    started = Signal()
    progress = Signal(object)  # optimizer.solve.highs.Progress of the newest solve
    resultReady = Signal(object)  # optimizer.report.result.Result, never a cancelled or superseded one
    diagnosing = Signal(bool)  # the newest answer is "infeasible" and its diagnosis is being found
    diagnosisReady = Signal(object)  # that Result again, with its diagnosis
    cancelled = Signal()
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, debounce_ms: int = 250, session: Session | None = None):
        super().__init__(parent)
        self.session = session or Session()
        self.pool = QThreadPool(self)
        self._signals = _Signals(self)
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.diagnosed.connect(self._on_diagnosed)
        self._signals.failed.connect(self._on_failed)
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._start_pending)
        self._pending: tuple[Case, float | None, float | None] | None = None
        self._latest = 0
        self._running: dict[int, threading.Event] = {}
        self._diagnosing: dict[int, threading.Event] = {}
        self.started_at = 0.0

    @property
    def busy(self) -> bool:
        return bool(self._running) or bool(self._diagnosing) or self._pending is not None

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
        """Stop the running solve and drop any pending one; the previous answer stays."""
        self._timer.stop()
        self._pending = None
        self._stop_diagnoses()
        for event in self._running.values():
            event.set()
        if not self._running:
            self.busyChanged.emit(False)

    def wait(self, msecs: int = 60000) -> bool:
        """Block until every solve has finished (for tests and on close)."""
        return self.pool.waitForDone(msecs)

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        case, gap, time_limit = self._pending
        self._pending = None
        self._stop_diagnoses()
        for event in self._running.values():
            event.set()  # superseded
        self._latest += 1
        cancel = threading.Event()
        self._running[self._latest] = cancel
        self.started_at = time.perf_counter()
        self.pool.start(SolveRunnable(self.session, case, self._latest, cancel, self._signals, gap, time_limit))
        self.started.emit()

    def _stop_diagnoses(self) -> None:
        if self._diagnosing:
            for event in self._diagnosing.values():
                event.set()
            self._diagnosing.clear()
            self.diagnosing.emit(False)

    def _done(self, request_id: int) -> bool:
        """Forget a finished solve; True when it is the newest one."""
        self._running.pop(request_id, None)
        if not self.busy:
            self.busyChanged.emit(False)
        return request_id == self._latest and self._pending is None

    def _on_progress(self, request_id: int, progress: Progress) -> None:
        if request_id == self._latest:
            self.progress.emit(progress)

    def _on_finished(self, request_id: int, result: Result) -> None:
        event = self._running.get(request_id)
        if result.solution.status == "infeasible" and event is not None:
            if request_id == self._latest and self._pending is None:
                self._diagnosing[request_id] = event  # the pool thread goes on to the diagnosis
            else:
                event.set()  # nobody will look at this diagnosis
        newest = self._done(request_id)
        if result.solution.status == "cancelled":
            if newest:
                self.cancelled.emit()
            return
        if newest:
            self.resultReady.emit(result)
            if request_id in self._diagnosing:
                self.diagnosing.emit(True)

    def _on_diagnosed(self, request_id: int, result: Result) -> None:
        if self._diagnosing.pop(request_id, None) is None:
            return  # stopped or superseded
        newest = self._done(request_id)
        self.diagnosing.emit(False)
        if newest:
            self.diagnosisReady.emit(result)

    def _on_failed(self, request_id: int, message: str) -> None:
        was_diagnosing = self._diagnosing.pop(request_id, None) is not None
        if self._done(request_id):
            if was_diagnosing:
                self.diagnosing.emit(False)
            self.failed.emit(message)
