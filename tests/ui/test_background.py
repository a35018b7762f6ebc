"""Background analyses: progress, the newest task of a name wins, cancel, failures reported."""

from __future__ import annotations

import threading

import pytest

from optimizer.analysis.common import check_cancel, tell
from ui.window.background import BackgroundTasks


def counting(n, *, progress, cancel, gate: threading.Event | None = None):
    for i in range(n):
        if gate is not None:
            gate.wait(5)
        check_cancel(cancel)
        tell(progress, i + 1, n, f"point {i + 1} of {n}")
    return n


@pytest.fixture
def tasks(qtbot):
    t = BackgroundTasks()
    yield t
    t.cancel()
    t.wait()


def test_a_task_reports_progress_then_its_value(qtbot, tasks):
    seen = []
    tasks.progress.connect(lambda name, step: seen.append((name, step.done, step.total, step.message)))
    with qtbot.waitSignal(tasks.finished, timeout=5000) as blocker:
        tasks.start("frontier", counting, 3)
    assert blocker.args == ["frontier", 3]
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert seen == [("frontier", i, 3, f"point {i} of 3") for i in (1, 2, 3)]
    assert not tasks.running("frontier")


def test_a_newer_task_of_the_same_name_supersedes_the_older(qtbot, tasks):
    gate = threading.Event()
    results = []
    tasks.finished.connect(lambda name, value: results.append(value))
    tasks.start("explain", counting, 2, gate=gate)
    tasks.start("explain", counting, 5)
    gate.set()
    qtbot.waitUntil(lambda: results == [5], timeout=5000)
    tasks.wait()
    assert results == [5]


def test_a_cancelled_task_never_reports(qtbot, tasks):
    gate = threading.Event()
    results = []
    tasks.finished.connect(lambda name, value: results.append(value))
    tasks.start("stability", counting, 3, gate=gate)
    tasks.cancel("stability")
    gate.set()
    tasks.wait()
    qtbot.wait(50)
    assert results == [] and not tasks.running("stability")


def test_a_failure_is_reported_with_its_message(qtbot, tasks):
    def broken(*, progress, cancel):
        raise ValueError("the budget must be positive")

    with qtbot.waitSignal(tasks.failed, timeout=5000) as blocker:
        tasks.start("frontier", broken)
    assert blocker.args == ["frontier", "ValueError: the budget must be positive"]
