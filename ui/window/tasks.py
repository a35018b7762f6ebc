"""Work off the GUI thread: named tasks on a thread pool, the newest of each name wins.

`Tasks.start(name, function, *args, **kwargs)` runs `function(*args, progress=..., cancel=..., **kwargs)`
on a pool thread, in a `Task`: a QRunnable whose small QObject (`TaskSignals`) carries what it reports back
to the GUI thread, where `Tasks` passes it on as `progress(name, step)`, `finished(name, value)` or
`failed(name, message)`. The engine's work takes those two arguments (optimizer/analysis/common.py):
it calls `progress(step)` after each step and stops with `AnalysisCancelled` once `cancel`, a
threading.Event, is set. Starting a task under a name that is still running, or still waiting for a
thread, cancels the older one; only the newest task of each name reports back, and a cancelled one
never does, whatever it still sends.

The message of a failure is made here, and only here (`said_in_words`): the engine's own failures in
the app's language, anything else as its kind and message, so the app stays usable after any of them.
Several `Tasks` may share one pool: the analyses of every panel run on the document's one analysis
thread (ui/window/document.py), so they queue instead of competing for the CPU and the session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from optimizer.errors import AnalysisCancelled, AnalysisError, SolverFailure
from optimizer.words.text import said
from ui import i18n


def said_in_words(error: BaseException) -> str:
    """What the user reads when a task fails: the engine's words in the app's language; any other error
    (a bug, a missing file) as its kind and message, "ValueError: ..."."""
    if isinstance(error, (SolverFailure, AnalysisError)):
        return i18n.words().text(said(error))
    return f"{type(error).__name__}: {error}"


def one_thread_pool(parent: QObject | None = None) -> QThreadPool:
    """A pool that runs one task at a time: the next one waits for a thread."""
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool


class TaskSignals(QObject):
    """What one task sends back from its pool thread; each carries the task's name and number."""

    progress = Signal(str, int, object)  # a step the function reported
    finished = Signal(str, int, object)  # what the function returned
    failed = Signal(str, int, object)  # the exception it raised


class Task(QRunnable):
    """One call of a function on a pool thread, with its own cancel event and signals."""

    def __init__(self, name: str, number: int, function: Callable, args: tuple, kwargs: dict) -> None:
        super().__init__()
        self.name, self.number = name, number
        self.function, self.args, self.kwargs = function, args, kwargs
        self.cancel = threading.Event()
        self.signals = TaskSignals()

    def run(self) -> None:
        if self.cancel.is_set():
            return  # cancelled while it waited for a thread
        try:
            value = self.function(*self.args, progress=self._progress, cancel=self.cancel, **self.kwargs)
        except AnalysisCancelled:
            return
        except Exception as error:  # noqa: BLE001 -- said to the user by Tasks; the app stays usable
            self.signals.failed.emit(self.name, self.number, error)
            return
        self.signals.finished.emit(self.name, self.number, value)

    def _progress(self, step: object) -> None:
        self.signals.progress.emit(self.name, self.number, step)


class Tasks(QObject):
    """Named background tasks, the newest of each name wins; the signals carry the task's name."""

    progress = Signal(str, object)  # name, the step the function reported (e.g. optimizer.analysis.common.Step)
    finished = Signal(str, object)  # name, what the function returned (never sent for a cancelled task)
    failed = Signal(str, str)  # name, the failure in the app's words

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool if pool is not None else one_thread_pool(self)
        self._running: dict[str, tuple[int, threading.Event]] = {}  # name -> the newest task's number, cancel
        self._count = 0

    def start(self, name: str, function: Callable, *args, **kwargs) -> None:
        """Run `function(*args, progress=, cancel=, **kwargs)` in the background; an older task of this
        name is cancelled."""
        self.cancel(name)
        self._count += 1
        task = Task(name, self._count, function, args, kwargs)
        task.signals.progress.connect(self._on_progress)
        task.signals.finished.connect(self._on_finished)
        task.signals.failed.connect(self._on_failed)
        self._running[name] = (task.number, task.cancel)
        self.pool.start(task)

    def cancel(self, name: str | None = None) -> None:
        """Stop the task of that name (every task when None); it will not report back."""
        for key in [name] if name is not None else list(self._running):
            running = self._running.pop(key, None)
            if running is not None:
                running[1].set()

    def running(self, name: str) -> bool:
        """Whether a task of that name was started and has not finished, failed or been cancelled."""
        return name in self._running

    def wait(self, msecs: int = 60000) -> bool:
        """Block until the pool is idle (for tests, and on close); False if it was not within `msecs`."""
        return self.pool.waitForDone(msecs)

    def _current(self, name: str, number: int) -> bool:
        running = self._running.get(name)
        return running is not None and running[0] == number

    def _on_progress(self, name: str, number: int, step: object) -> None:
        if self._current(name, number):
            self.progress.emit(name, step)

    def _on_finished(self, name: str, number: int, value: object) -> None:
        if self._current(name, number):
            del self._running[name]
            self.finished.emit(name, value)

    def _on_failed(self, name: str, number: int, error: BaseException) -> None:
        if self._current(name, number):
            del self._running[name]
            self.failed.emit(name, said_in_words(error))
