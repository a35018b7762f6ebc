"""Background tasks: progress, the newest task of a name wins, a cancelled task never reports, failures
said in the app's language."""

from __future__ import annotations

import threading

import pytest

from optimizer.analysis.common import check_cancel, tell
from optimizer.errors import AnalysisError, SolverFailure
from optimizer.words.text import Text
from ui.i18n import install_language
from ui.window.tasks import Tasks, one_thread_pool

UNKNOWN_PROJECT = Text("there is no project with id '{id}' in the case", id="P999")


def counting(n, *, progress, cancel, gate: threading.Event | None = None, ran: list | None = None):
    if ran is not None:
        ran.append(n)
    for i in range(n):
        if gate is not None:
            gate.wait(5)
        check_cancel(cancel)
        tell(progress, i + 1, n, f"point {i + 1} of {n}")
    return n


@pytest.fixture
def tasks(qtbot):
    t = Tasks()
    yield t
    t.cancel()
    t.wait()


def heard(tasks: Tasks) -> list[tuple]:
    """Everything the tasks report, in order."""
    seen: list[tuple] = []
    tasks.progress.connect(lambda name, step: seen.append(("progress", name, step.done)))
    tasks.finished.connect(lambda name, value: seen.append(("finished", name, value)))
    tasks.failed.connect(lambda name, message: seen.append(("failed", name, message)))
    return seen


def test_a_task_reports_progress_then_its_value(qtbot, tasks):
    seen = []
    tasks.progress.connect(lambda name, step: seen.append((name, step.done, step.total, step.message)))
    with qtbot.waitSignal(tasks.finished, timeout=5000) as blocker:
        tasks.start("frontier", counting, 3)
    assert blocker.args == ["frontier", 3]
    assert seen == [("frontier", i, 3, f"point {i} of 3") for i in (1, 2, 3)]  # all of it before the value
    assert not tasks.running("frontier")


def test_a_newer_task_of_the_same_name_wins(qtbot, tasks):
    gate = threading.Event()
    seen = heard(tasks)
    tasks.start("explain", counting, 2, gate=gate)
    tasks.start("explain", counting, 5)
    gate.set()
    qtbot.waitUntil(lambda: ("finished", "explain", 5) in seen, timeout=5000)
    tasks.wait()
    qtbot.wait(50)
    assert seen == [("progress", "explain", i) for i in range(1, 6)] + [("finished", "explain", 5)]


def test_tasks_of_other_names_each_report(qtbot, tasks):
    seen = heard(tasks)
    tasks.start("frontier", counting, 1)
    tasks.start("stability", counting, 2)
    qtbot.waitUntil(lambda: len([s for s in seen if s[0] == "finished"]) == 2, timeout=5000)
    assert ("finished", "frontier", 1) in seen and ("finished", "stability", 2) in seen


def test_a_cancelled_task_never_reports(qtbot, tasks):
    gate = threading.Event()
    seen = heard(tasks)
    tasks.start("stability", counting, 3, gate=gate)
    tasks.cancel("stability")
    assert not tasks.running("stability")
    gate.set()
    tasks.wait()
    qtbot.wait(50)
    assert seen == []


def test_a_task_cancelled_while_it_waits_for_the_thread_never_runs(qtbot):
    # Two names on one thread (as the analyses share the document's): the second waits, and is cancelled.
    pool = one_thread_pool()
    first, second = Tasks(pool=pool), Tasks(pool=pool)
    gate, ran = threading.Event(), []
    seen = heard(second)
    first.start("frontier", counting, 1, gate=gate, ran=ran)
    second.start("explain", counting, 2, ran=ran)
    second.cancel("explain")
    gate.set()
    with qtbot.waitSignal(first.finished, timeout=5000):
        pass
    pool.waitForDone(5000)
    qtbot.wait(50)
    assert ran == [1] and seen == []


def test_a_task_that_ignores_its_cancel_is_not_heard_either(qtbot, tasks):
    # A function that returns anyway (it had no step left to check the event at): its value is dropped.
    seen = heard(tasks)
    gate = threading.Event()

    def stubborn(*, progress, cancel):
        gate.wait(5)
        progress("a last step")
        return "done anyway"

    tasks.start("explain", stubborn)
    tasks.cancel("explain")
    gate.set()
    tasks.wait()
    qtbot.wait(50)
    assert seen == []


def test_any_other_failure_is_reported_with_its_kind_and_message(qtbot, tasks):
    def broken(*, progress, cancel):
        raise ValueError("the budget must be positive")

    with qtbot.waitSignal(tasks.failed, timeout=5000) as blocker:
        tasks.start("frontier", broken)
    assert blocker.args == ["frontier", "ValueError: the budget must be positive"]
    assert not tasks.running("frontier")


@pytest.mark.parametrize("language, expected", [
    ("zh_CN", "案例中没有项目编号为“P999”的项目"),
    ("en", "there is no project with id 'P999' in the case"),
])
@pytest.mark.parametrize("error", [AnalysisError, SolverFailure])
def test_the_engines_failures_are_said_in_the_apps_language(qtbot, qapp, tasks, language, expected, error):
    assert install_language(qapp, language) == language

    def refused(*, progress, cancel):
        raise error(UNKNOWN_PROJECT)

    with qtbot.waitSignal(tasks.failed, timeout=5000) as blocker:
        tasks.start("explain", refused)
    assert blocker.args == ["explain", expected]  # the engine's words, without the exception's name
