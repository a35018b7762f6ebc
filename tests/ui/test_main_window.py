"""The main window driven as a user would: open, move a slider, read the cards, export, scenarios."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.words.units import format_value
from tests.builders import make_workbook
from tests.ui.conftest import isolated_settings
from ui.window.main_window import MainWindow


@pytest.fixture
def settings(tmp_path):
    return isolated_settings(tmp_path)


@pytest.fixture
def window(qtbot, settings):
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.controller.cancel()
    w.controller.wait()


def open_and_wait(qtbot, window, path=DEMO_CASE):
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
        assert window.open_case(Path(path))
    return blocker.args[0]


def test_open_demo_shows_the_engine_answer(qtbot, window):
    result = open_and_wait(qtbot, window)
    expected = Planner().solve(read_case(DEMO_CASE))
    assert result.solution.objective_value == pytest.approx(expected.solution.objective_value, rel=2e-4)
    roe = result.kpis["roe"]
    card_text = window.kpis.card("roe").value_text()
    assert format_value(roe.after, roe.kind) in card_text
    assert window.portfolio.model.rowCount() == len(result.selected)
    assert "Proven" in window.status_label.text() or "proven" in window.status_label.text()


def test_budget_slider_re_solves_with_the_new_budget(qtbot, window):
    open_and_wait(qtbot, window)
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
        window.whatif.budget.slider.setValue(window.whatif.budget_position(0.8))
    result = blocker.args[0]
    budget = 0.8 * 780
    assert result.case.settings.limits["total_budget"] == pytest.approx(budget)
    assert sum(s.capex for s in result.selected) <= budget + 1e-6
    expected = Planner().solve(read_case(DEMO_CASE).with_limits(total_budget=budget))
    assert result.solution.objective_value == pytest.approx(expected.solution.objective_value, rel=2e-4)
    npv = result.kpis["npv"]
    assert format_value(npv.after, npv.kind, "CNY 100m").split()[0] in window.kpis.card("npv").value_text()


def test_broken_workbook_lists_the_cells(qtbot, window, tmp_path):
    bad = make_workbook(tmp_path / "bad.xlsx", [{"id": "A", "name": "a", "capex_2027": "abc", "npv": 1},
                                                {"id": "A", "name": "b", "capex_2027": 1, "npv": 2}])
    assert window.open_case(bad) is False
    box = window._problems_box
    text = box.detailedText()
    assert "Projects!C2" in text and "Projects!A3" in text
    box.close()


def test_export_writes_a_workbook_that_reads_back(qtbot, window, tmp_path, monkeypatch):
    result = open_and_wait(qtbot, window)
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.export_dialog()
    qtbot.waitUntil(target.exists, timeout=60000)  # once each binding limit's step is re-solved
    book = openpyxl.load_workbook(target, read_only=True)
    assert "Selected" in book.sheetnames
    assert read_case(target).projects == read_case(DEMO_CASE).projects or len(read_case(target).projects) == 80
    ids = [row[0] for row in book["Selected"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert set(ids) == {s.id for s in result.selected}


def test_cancel_keeps_the_previous_answer(qtbot, window):
    first = open_and_wait(qtbot, window)
    with qtbot.waitSignal(window.controller.started, timeout=5000):
        window.controller.request(window.case.with_limits(total_budget=600), immediate=True, gap=0.0)
    with qtbot.waitSignal(window.controller.cancelled, timeout=10000):
        window.cancel_button.click()
    assert window.result is first
    assert "cancelled" in window.status_label.text()


def test_recent_files_and_geometry_persist(qtbot, settings):
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    open_and_wait(qtbot, w)
    w.resize(760, 560)  # within the offscreen screen (800 x 600)
    size = (w.width(), w.height())
    w.close()
    assert str(Path(DEMO_CASE).resolve()) in settings.recent_files()
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.height() == size[1]  # (the width is clamped to the 800-pixel offscreen screen)
    assert again.settings.state("splitter") is not None


def test_saved_scenarios_come_back_with_the_case(qtbot, settings, monkeypatch):
    w = MainWindow(settings)
    qtbot.addWidget(w)
    w.show()
    result = open_and_wait(qtbot, w)
    monkeypatch.setattr(w.scenarios, "ask_name", lambda default: "Board draft")
    w.save_scenario()
    w.close()
    assert settings.scenarios_file(DEMO_CASE).parent == settings.data_folder / "scenarios"
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    open_and_wait(qtbot, again)
    [scenario] = again.scenarios.scenarios()
    assert scenario.name == "Board draft"
    assert scenario.outcome.objective_value == pytest.approx(result.solution.objective_value)
    again.close()


def test_conflicting_targets_show_the_diagnosis_and_one_click_relaxes_them(qtbot, window):
    open_and_wait(qtbot, window)
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
        window.targets.caseEdited.emit(window.case.with_limits(min_rd_intensity=0.035))
        # the answer comes before the diagnosis, which follows in the background
        blocker_diagnosis = qtbot.waitSignal(window.controller.diagnosisReady, timeout=120000)
        blocker_refined = qtbot.waitSignals([window.controller.diagnosisReady] * 2, timeout=120000)
    assert blocker.args[0].solution.status == "infeasible"
    assert blocker.args[0].diagnosis == []
    assert window.answer_tabs.currentWidget() is window.diagnosis
    assert "cannot all be met" in window.status_label.text()
    assert "Finding which ones conflict" in window.diagnosis.summary.text()
    assert window.diagnosis.relax_button.isHidden()
    blocker_diagnosis.wait()
    # the diagnosis's first answer is shown at once, said to be refined...
    first = blocker_diagnosis.args[0].diagnosis
    assert first and not any(item.refined for item in first)
    blocker_refined.wait()
    # ...then the refined one replaces it
    assert "min_rd_intensity" in {item.constraint for item in window.result.diagnosis}
    assert all(item.refined for item in window.result.diagnosis)
    assert window.diagnosis.messages.count() == len(window.result.diagnosis)
    assert "see Limits and diagnosis" in window.status_label.text()
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
        window.diagnosis.relax_button.click()
    relaxed = blocker.args[0]
    assert relaxed.solution.has_portfolio
    assert window.case.settings.limits["min_rd_intensity"] < 0.035
    kept = window.case.settings.limits["min_rd_intensity"]
    rd = window.whatif.rates["min_rd_intensity"]
    assert rd.value.text() == format_value(window.case.settings.limits["min_rd_intensity"], "share")
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:  # another slider moves:
        window.whatif.rates["max_debt_ratio"].slider.setValue(window.whatif.rates["max_debt_ratio"].slider.value() + 5)
    assert blocker.args[0].solution.has_portfolio
    assert blocker.args[0].case.settings.limits["min_rd_intensity"] == kept  # not rounded to the slider's step


def test_a_failing_solver_is_reported_and_the_app_stays_usable(qtbot, window, monkeypatch):
    from optimizer.errors import SolverFailure

    first = open_and_wait(qtbot, window)
    planner = window.controller.planner
    real_solve = planner.solve

    def broken(*args, **kwargs):
        raise SolverFailure("HiGHS stopped with an internal error; try again or lower the gap.")

    monkeypatch.setattr(planner, "solve", broken)
    with qtbot.waitSignal(window.controller.failed, timeout=10000):
        window.request_solve(immediate=True)
    assert "HiGHS stopped with an internal error" in window.status_label.text()
    assert window.result is first and window.portfolio.model.rowCount() == len(first.selected)
    assert not window.cancel_button.isVisible()
    monkeypatch.setattr(planner, "solve", real_solve)
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
        window.request_solve(immediate=True)
    assert blocker.args[0].solution.objective_value == pytest.approx(first.solution.objective_value, rel=1e-6)


def test_a_tightening_the_portfolio_already_keeps_is_answered_unchanged(qtbot, window):
    first = open_and_wait(qtbot, window)
    debt_ratio = first.kpis["debt_ratio"].after  # the demo's answer: 63.71% against a ceiling of 66%
    ceiling = (debt_ratio + first.case.settings.limits["max_debt_ratio"]) / 2  # lower, still kept
    assert ceiling < first.case.settings.limits["max_debt_ratio"]
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
        window.targets.caseEdited.emit(window.case.with_limits(max_debt_ratio=ceiling))
    result = blocker.args[0]
    assert result.solution.reused
    assert {s.id for s in result.selected} == {s.id for s in first.selected}
    expected = Planner().solve(read_case(DEMO_CASE).with_limits(max_debt_ratio=ceiling))
    assert result.solution.objective_value == pytest.approx(expected.solution.objective_value, rel=2e-4)
    assert "Unchanged" in window.status_label.text()


@pytest.mark.parametrize(("name", "accepted"), [("case.xlsx", True), ("case.XLS", True), ("案例.ods", True),
                                                 ("case.csv", False), ("case.xlsb", False)])
def test_a_case_file_of_each_format_the_reader_takes_may_be_dropped_on_the_window(window, tmp_path, name, accepted):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / name))])
    event = QDragEnterEvent(QPoint(10, 10), Qt.CopyAction, data, Qt.LeftButton, Qt.NoModifier)
    event.setAccepted(False)
    window.dragEnterEvent(event)
    assert event.isAccepted() == accepted


def test_the_open_dialog_offers_xls_and_ods_too(window, monkeypatch):
    offered = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args: (offered.append(args[3]), ("", ""))[1])
    window.open_dialog()
    assert offered and all(f"*.{kind}" in offered[0] for kind in ("xlsx", "xls", "ods"))


def test_at_start_up_the_window_is_painted_before_the_case_is_read(qtbot, settings, monkeypatch):
    """`python main.py` shows the window at once: the workbook is read (and solved) only after its first paint."""
    read_at_paint = []
    window = MainWindow(settings)
    qtbot.addWidget(window)
    painted = window.paintEvent
    monkeypatch.setattr(window, "paintEvent", lambda event: (read_at_paint.append(window.case), painted(event)))
    window.open_first_case(DEMO_CASE)
    assert window.case is None and DEMO_CASE.name in window.statusBar().currentMessage()
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000):
        window.show()
    assert read_at_paint and read_at_paint[0] is None  # the first paint came before the case
    assert window.case is not None and window.case.source == str(DEMO_CASE)
    assert window.result.solution.has_portfolio


def test_an_export_asked_for_before_the_step_values_are_in_waits_for_them(qtbot, window, tmp_path):
    """Exported the moment the answer shows, while each binding limit is still being re-solved one step looser:
    the Constraints sheet has the worth of every binding limit's step, as the Limits tab shows them once in."""
    result = open_and_wait(qtbot, window)
    assert window.diagnosis.valuing(result)  # the step values are on their way
    target = tmp_path / "early.xlsx"
    window.export_to(str(target))
    assert not target.exists()
    assert "re-solved" in window.statusBar().currentMessage()
    qtbot.waitUntil(target.exists, timeout=120000)
    assert not window.diagnosis.valuing(result)
    valued = {c.name: c.step_value for c in result.constraints if c.step is not None}
    assert valued and all(v is not None for v in valued.values())
    sheet = openpyxl.load_workbook(target, read_only=True)["Constraints"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    worth = next(i for i, h in enumerate(header) if str(h).startswith("Worth of one step looser, re-solved"))
    exported = {row[0]: row[worth] for row in rows[1:] if row[0] in valued}
    assert exported == pytest.approx(valued)
