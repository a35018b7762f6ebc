"""Long analyses (a frontier, explaining a project, a stability run) on the thread pool.

`BackgroundTasks.start(name, function, *args, **kwargs)` runs `function(*args, progress=...,
cancel=..., **kwargs)` on a pool thread: the engine's analyses (optimizer/analysis/common.py) report each
step by calling `progress(step)` and stop with `AnalysisCancelled` once `cancel` (a threading.Event)
is set. Starting a task under a name that is still running cancels the older one; only the newest
task of each name reports back, and a cancelled one never does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from optimizer.analysis.common import AnalysisCancelled
from optimizer.solve.solver import SolverFailure
from optimizer.words.text import said
from ui import i18n


class _Signals(QObject):
    progress = Signal(str, int, object)
    finished = Signal(str, int, object)
    failed = Signal(str, int, str)


class _Task(QRunnable):
    def __init__(self, name: str, number: int, function: Callable, args, kwargs, cancel: threading.Event,
                 signals: _Signals):
        super().__init__()
        self.name, self.number, self.function, self.args, self.kwargs = name, number, function, args, kwargs
        self.cancel, self.signals = cancel, signals

    def run(self) -> None:
        def progress(step: object) -> None:
            self.signals.progress.emit(self.name, self.number, step)

        try:
            value = self.function(*self.args, progress=progress, cancel=self.cancel, **self.kwargs)
        except AnalysisCancelled:
            return
        except SolverFailure as error:  # the engine's own words, in the app's language
            self.signals.failed.emit(self.name, self.number, i18n.words().text(said(error)))
            return
        except Exception as error:  # noqa: BLE001 -- shown to the user; the app stays usable
            self.signals.failed.emit(self.name, self.number, f"{type(error).__name__}: {error}")
            return
        self.signals.finished.emit(self.name, self.number, value)


class BackgroundTasks(QObject):
    """Named background tasks; signals carry the task's name."""

    progress = Signal(str, object)  # name, the step the function reported (optimizer.analysis.common.Step)
    finished = Signal(str, object)  # name, what the function returned (not sent when cancelled)
    failed = Signal(str, str)  # name, message

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # one analysis at a time beside the interactive solve
        self._signals = _Signals()
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._latest: dict[str, int] = {}
        self._cancel: dict[str, threading.Event] = {}
        self._count = 0

    def start(self, name: str, function: Callable, *args, **kwargs) -> None:
        self.cancel(name)
        self._count += 1
        self._latest[name] = self._count
        self._cancel[name] = threading.Event()
        self.pool.start(_Task(name, self._count, function, args, kwargs, self._cancel[name], self._signals))

    def cancel(self, name: str | None = None) -> None:
        """Stop the task of that name (every task when None); it will not report back."""
        for key in ([name] if name is not None else list(self._cancel)):
            event = self._cancel.pop(key, None)
            if event is not None:
                event.set()
            self._latest.pop(key, None)

    def running(self, name: str) -> bool:
        return name in self._latest

    def wait(self, msecs: int = 60000) -> bool:
        return self.pool.waitForDone(msecs)

    def _current(self, name: str, number: int) -> bool:
        return self._latest.get(name) == number

    def _on_progress(self, name: str, number: int, step: object) -> None:
        if self._current(name, number):
            self.progress.emit(name, step)

    def _on_finished(self, name: str, number: int, value: object) -> None:
        if self._current(name, number):
            del self._latest[name]
            self._cancel.pop(name, None)
            self.finished.emit(name, value)

    def _on_failed(self, name: str, number: int, message: str) -> None:
        if self._current(name, number):
            del self._latest[name]
            self._cancel.pop(name, None)
            self.failed.emit(name, message)
