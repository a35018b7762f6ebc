"""The analyses' messages in the app's language: a Why (not) question that cannot be answered, a
trade-off range that cannot be computed, and a level where the time limit came before any portfolio;
said in Chinese in the Chinese app (no English sentence left), in English in the English one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.builders import ENTERPRISE, make_workbook, random_projects
from tests.ui.conftest import isolated_settings
from ui.i18n import install_language
from ui.window.main_window import MainWindow

LIMITS = {"total_budget": 40.0, "min_strategic_share": 0.3, "objective": "npv"}
HAN = re.compile(r"[\u4e00-\u9fff]")


def english_words(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Words of English in a text, but for the values it carries (`allowed`: ids, keys...)."""
    for value in allowed:
        text = text.replace(value, " ")
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp) -> str:
    assert install_language(qapp, request.param) == request.param
    return request.param


@pytest.fixture
def window(language, qtbot, tmp_path):
    path = make_workbook(tmp_path / "small.xlsx", random_projects(8, n=7), LIMITS, ENTERPRISE)
    w = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.controller.resultReady, timeout=60000):
        assert w.open_case(Path(path))
    yield w
    w.explainer.tasks.cancel()
    w.explainer.wait()
    w.tradeoffs.tasks.cancel()
    w.tradeoffs.wait()
    w.controller.cancel()
    w.controller.wait()


def test_a_question_that_cannot_be_answered_is_said_in_the_apps_language(qtbot, window, language):
    # A project the case does not hold (the table showed a result of an older case): the engine's
    # AnalysisError, said in the app's language, without the exception's class name.
    with qtbot.waitSignal(window.explainer.tasks.finished, timeout=60000):
        dialog = window.explainer.explain("P999")
    text = dialog.headline.text()
    assert "AnalysisError" not in text and dialog.explanation is None and dialog.progress.isHidden()
    if language == "zh_CN":
        assert text == "无法回答此问题：案例中没有项目编号为“P999”的项目"
        assert english_words(text, ("P999",)) == []
    else:
        assert text == "The question could not be answered: there is no project with id 'P999' in the case"


@pytest.fixture
def window_without_enterprise(language, qtbot, tmp_path):
    """A case without the Enterprise sheet: the ROE, debt-ratio and R&D targets cannot be set on it."""
    path = make_workbook(tmp_path / "no_baseline.xlsx", random_projects(8, n=7), LIMITS)
    w = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.controller.resultReady, timeout=60000):
        assert w.open_case(Path(path))
    yield w
    w.tradeoffs.tasks.cancel()
    w.tradeoffs.wait()
    w.controller.cancel()
    w.controller.wait()


def test_a_target_the_case_cannot_take_is_refused_in_the_apps_language(window_without_enterprise, language):
    # The ROE floor needs the group's net profit and equity (the Enterprise sheet): Compute says so at once,
    # in the app's language, and solves nothing (it used to fail in the background with "CaseError: --set: ...").
    panel = window_without_enterprise.tradeoffs
    panel.key_combo.setCurrentIndex(panel.key_combo.findData("min_roe"))
    panel.compute_button.click()
    assert not panel.running() and panel.shown_frontier() is None
    text = panel.status.text()
    assert "CaseError" not in text and "--set" not in text
    if language == "zh_CN":
        assert text == "无法计算目标权衡：min_roe 需要企业基数工作表（net_profit、equity）"
        assert english_words(text, ("min_roe", "net_profit", "equity")) == []
    else:
        assert text == "The trade-off could not be computed: min_roe needs the Enterprise sheet (net_profit and equity)"


@pytest.mark.parametrize("key, lowest, highest", [("min_strategic_share", 0.0, 100.0), ("min_roe", -100.0, 100.0),
                                                  ("max_debt_ratio", 0.0, 100.0), ("total_budget", 0.0, 1e12)])
def test_the_range_takes_only_levels_the_key_can_take(window, key, lowest, highest):
    # A share is 0%-100%, a rate -100%-100%, money 0 or more (workbook.md): beyond, the boxes stop.
    panel = window.tradeoffs
    panel.key_combo.setCurrentIndex(panel.key_combo.findData(key))
    for box in (panel.low_box, panel.high_box):
        assert (box.minimum(), box.maximum()) == (lowest, highest)
    panel.high_box.setValue(150.0 if highest == 100.0 else 2e12)
    panel.low_box.setValue(-150.0)
    assert (panel.low_box.value(), panel.high_box.value()) == (lowest, highest)
    assert panel.range_problem(key, panel.levels()) == ""


def test_a_level_the_time_limit_stopped_is_a_question_mark_not_the_end_of_the_frontier(qtbot, window, language,
                                                                                       monkeypatch):
    # The ROE floor from 2% to 14% (tests/ui/test_tradeoffs.py): the enumerated optimum says which levels
    # have a portfolio and which none. At 6%, which has one, the solver is made to stop at its time limit
    # before finding any ("no_solution"): that level is a grey question mark, not a point nor a cross, and
    # the sentence says a longer time limit could find one; the crosses still mark where the frontier ends.
    from optimizer.analysis import frontier as frontier_module
    from optimizer.analysis import parallel
    from optimizer.solve.solver import Solution
    from tests.reference import enumerate_all_or_nothing

    real_solve_on = frontier_module.solve_on

    def out_of_time_at_6_percent(session, case, **options):
        if abs(case.settings.limits["min_roe"] - 0.06) < 1e-12:
            return None, Solution("no_solution", solve_seconds=options.get("time_limit") or 0.0)
        return real_solve_on(session, case, **options)

    monkeypatch.setattr(frontier_module, "solve_on", out_of_time_at_6_percent)
    monkeypatch.setattr(parallel, "default_workers", lambda: 1)  # the levels in this process, where the patch is
    levels = [0.02, 0.06, 0.10, 0.14]
    best = {level: enumerate_all_or_nothing(random_projects(8, n=7), {**LIMITS, "min_roe": level}, ENTERPRISE)[0]
            for level in levels}
    none = [level for level in levels if best[level] is None]
    assert best[0.06] is not None and none, "6% has a portfolio; the frontier ends inside the range"
    panel = window.tradeoffs
    panel.key_combo.setCurrentIndex(panel.key_combo.findData("min_roe"))
    panel.low_box.setValue(2.0)
    panel.high_box.setValue(14.0)
    panel.points_box.setValue(4)
    with qtbot.waitSignal(panel.tasks.finished, timeout=60000):
        panel.compute_button.click()
    assert [p.status for p in panel.frontier.points if p.value == pytest.approx(0.06)] == ["no_solution"]
    chart = panel.chart
    assert chart.timed_out_levels() == pytest.approx([6.0])
    assert chart.no_portfolio_levels() == pytest.approx([100 * level for level in none])
    found = [level for level in levels if best[level] is not None and level != 0.06]
    assert [x for x, _ in chart.drawn_points()] == pytest.approx([100 * level for level in found])
    assert [y for _, y in chart.drawn_points()] == pytest.approx([best[level] for level in found], abs=1e-6)
    marks = {s.objectName(): s for s in chart.chart().series()}
    assert all(p.y() < min(y for _, y in chart.drawn_points()) for p in marks["timed_out"].points())
    sentence = panel.sentence.text()
    if language == "zh_CN":
        assert marks["timed_out"].name() == "求解时限内未找到投资组合"
        assert "净资产收益率为 6% 时，在求解时限内未找到投资组合：可能存在，延长求解时限或可找到。" in sentence
        assert f"{100 * max(found):.4g}%" in sentence
        assert english_words(sentence) == []
    else:
        assert marks["timed_out"].name() == "No portfolio found within the time limit"
        assert sentence.endswith("No portfolio was found within the time limit with the ROE floor at 6%: there may "
                                 "be one, which a longer time limit could find.")
        assert (f"with the ROE floor at {100 * min(none):.4g}% or above; the highest level with one is "
                f"{100 * max(found):.4g}%.") in sentence
