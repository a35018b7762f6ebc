"""A solver failure in the app's language: HiGHS made to hang past its time limit (given up by the
watchdog) or to crash, injected where HiGHS runs (highspy.Highs.run) as tests/test_reliability.py
does, so the engine's own message reaches the window. Said in Chinese in the Chinese app, with no
English sentence left (a crashing library's own words stay as its detail); the English app and the
command keep the English."""

from __future__ import annotations

import threading
from pathlib import Path

import highspy
import pytest

from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from optimizer.solve import highs
from tests.builders import make_workbook
from tests.ui.conftest import isolated_settings
from tests.ui.test_analytics_words import english_words
from ui.i18n import install_language
from ui.window.main_window import MainWindow
from ui.window.tasks import Tasks

PROJECTS = [
    {"id": "A", "name": "Wind farm", "capex_2027": 6, "capex_2028": 4, "npv": 5},
    {"id": "B", "name": "Grid link", "capex_2027": 5, "capex_2028": 1, "npv": 4},
    {"id": "C", "name": "Smelter", "capex_2027": 8, "npv": 3},
]
# The watchdog gives a run up after its time limit plus the grace: 0.2 s + 0.5 s here.
HUNG_ENGLISH = "the solver HiGHS failed: it did not stop at its time limit of 0.2 s and was given up after 0.7 s"
HUNG_CHINESE = "HiGHS 求解失败：到了 0.2 秒的时间限制仍未停止，等待 0.7 秒后已放弃本次求解"


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp) -> str:
    assert install_language(qapp, request.param) == request.param
    return request.param


@pytest.fixture
def case_path(tmp_path) -> Path:
    return make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 20, "time_limit": 0.2})


@pytest.fixture
def hang(monkeypatch):
    """HiGHS runs never return (until the test ends); the watchdog's grace is 0.5 s."""
    release = threading.Event()
    monkeypatch.setattr(highspy.Highs, "run", lambda self: release.wait(30))
    monkeypatch.setattr(highs, "WATCHDOG_GRACE", 0.5)
    yield
    release.set()


@pytest.fixture
def window(language, qtbot, tmp_path, case_path):
    w = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.controller.resultReady, timeout=60000):
        assert w.open_case(case_path)
    yield w
    w.controller.cancel()
    w.controller.wait()


def relax(window) -> None:
    """A what-if move that needs a solve (the same case again, or a tightening, is answered without one)."""
    window.controller.request(window.case.with_limits(total_budget=25), immediate=True)


def test_a_hung_solver_is_reported_in_the_apps_language(qtbot, window, language, hang):
    first = window.result
    with qtbot.waitSignal(window.controller.failed, timeout=20000) as blocker:
        relax(window)
    text = window.status_label.text()
    if language == "zh_CN":
        assert blocker.args == [HUNG_CHINESE]
        assert text == "求解器出错：" + HUNG_CHINESE
        assert english_words(text, ("HiGHS",)) == []
    else:
        assert blocker.args == [HUNG_ENGLISH]
        assert text == "The solver failed: " + HUNG_ENGLISH
    assert window.result is first  # the previous answer stays


def test_a_crashing_solver_is_reported_in_the_apps_language(qtbot, window, language, monkeypatch):
    def crash(self):
        raise RuntimeError("HiGHS crashed in presolve")

    monkeypatch.setattr(highspy.Highs, "run", crash)
    with qtbot.waitSignal(window.controller.failed, timeout=20000):
        relax(window)
    text = window.status_label.text()
    if language == "zh_CN":  # the library's own words are kept as they are, as the detail
        assert text == "求解器出错：HiGHS 求解失败：HiGHS crashed in presolve"
    else:
        assert text == "The solver failed: the solver HiGHS failed: HiGHS crashed in presolve"


def test_a_background_analysis_whose_solver_hangs_reports_it_in_the_apps_language(qtbot, language, case_path,
                                                                                   hang):
    # The analyses (trade-offs, stability, explain) run their solves through ui/window/tasks.py.
    case = read_case(case_path)
    tasks = Tasks()

    def analysis(*, progress, cancel):
        return Planner().solve(case, time_limit=0.2)

    try:
        with qtbot.waitSignal(tasks.failed, timeout=20000) as blocker:
            tasks.start("frontier", analysis)
    finally:
        tasks.cancel()
        tasks.wait()
    assert blocker.args == ["frontier", HUNG_CHINESE if language == "zh_CN" else HUNG_ENGLISH]
