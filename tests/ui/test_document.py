"""The planning document: one signal per change, saying where a new case came from; a what-if move keeps
what was edited elsewhere; the window a language switch builds holds the same case, answer, baseline and
scenarios as the one it replaces."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from optimizer.analysis.stability import Stability
from optimizer.io.scenarios import Scenario
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from tests.builders import make_workbook
from tests.ui.conftest import isolated_settings
from ui.panels.whatif import WhatIfPanel
from ui.window.document import Change, PlanningDocument
from ui.window.main_window import MainWindow

SMALL = [
    {"id": "A", "name": "Wind farm", "capex_2027": 6, "capex_2028": 4, "npv": 5},
    {"id": "B", "name": "Grid link", "capex_2027": 5, "capex_2028": 1, "npv": 4},
    {"id": "C", "name": "Smelter", "capex_2027": 8, "npv": 3},
]


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


@pytest.fixture
def small(tmp_path):
    return read_case(make_workbook(tmp_path / "small.xlsx", SMALL, {"total_budget": 15}))


@pytest.fixture
def document(qtbot):
    d = PlanningDocument(debounce_ms=20)
    yield d
    d.stop()


class Heard:
    """Every signal of a document, in order: ("case", change), ("result", result), ("baseline", result),
    ("stability", stability), ("scenarios", list)."""

    def __init__(self, document: PlanningDocument) -> None:
        self.signals: list[tuple[str, object]] = []
        document.caseChanged.connect(lambda _case, change: self.signals.append(("case", change)))
        for name in ("result", "baseline", "stability", "scenarios"):
            getattr(document, f"{name}Changed").connect(lambda value, name=name: self.signals.append((name, value)))

    def of(self, name: str) -> list[object]:
        return [value for kind, value in self.signals if kind == name]


def answered(qtbot, document: PlanningDocument, action=None):
    """Do `action` (an edit) and wait for the document's new answer."""
    with qtbot.waitSignal(document.resultChanged, timeout=60000) as blocker:
        if action is not None:
            action()
    return blocker.args[0]


def made_up_stability(result) -> Stability:
    return Stability(draws=4, seed=1, solved=4, chosen_in=dict.fromkeys(result.solution.portfolio, 3))


def test_opening_a_case_is_one_change_and_its_answer_follows(qtbot, document, small):
    heard = Heard(document)
    result = answered(qtbot, document, lambda: document.open(small))
    assert heard.signals == [("case", Change.OPENED), ("result", result)]
    assert document.case is small and document.result is result and result.case is small
    assert result.solution.has_portfolio


def test_each_edit_is_one_change_named_by_where_it_came_from_and_the_last_is_solved(qtbot, document, demo):
    answered(qtbot, document, lambda: document.open(demo))
    heard = Heard(document)
    excluded = replace(demo, projects=tuple(replace(p, excluded=True) if i == 0 else p
                                           for i, p in enumerate(demo.projects)))
    document.edit(demo.with_limits(min_roe=0.05), Change.TARGETS_EDITED)
    document.edit(excluded, Change.PROJECTS_EDITED)
    document.move_sliders(document.case.with_limits(total_budget=700).settings)
    document.relax({"min_strategic_share": 0.5})
    document.edit(document.case.with_limits(total_budget=710), Change.TRADEOFF_LOADED)
    assert heard.signals == [("case", change) for change in (Change.TARGETS_EDITED, Change.PROJECTS_EDITED,
                                                             Change.WHAT_IF, Change.RELAXED, Change.TRADEOFF_LOADED)]
    result = answered(qtbot, document)
    document.solver.wait()
    qtbot.wait(100)
    assert heard.of("result") == [result]  # quick edits: only the last case is solved
    assert result.case is document.case
    assert document.case.settings.limits["total_budget"] == 710
    assert document.case.settings.limits["min_strategic_share"] == 0.5
    assert document.case.projects[0].excluded  # each edit on the case as the ones before left it


def test_a_what_if_move_keeps_the_project_ticks_and_baseline_edits(qtbot, document, demo):
    # The sliders follow the document as the window connects them: a new base on every change but their own.
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    document.caseChanged.connect(panel.follow_case)
    panel.changed.connect(lambda case: document.move_sliders(case.settings))
    document.open(demo)
    ticked = demo.projects[3].id
    document.edit(replace(demo, projects=tuple(replace(p, mandatory=True) if p.id == ticked else p
                                               for p in demo.projects)), Change.PROJECTS_EDITED)
    rd_spend = demo.enterprise.rd_spend * 1.1  # the group's R&D before investing, edited in the form
    document.edit(replace(document.case, enterprise=replace(document.case.enterprise, rd_spend=rd_spend)),
                  Change.TARGETS_EDITED)
    heard = Heard(document)
    panel.budget.slider.setValue(panel.budget_position(0.8))
    assert heard.signals == [("case", Change.WHAT_IF)]
    case = document.case
    assert case.settings.limits["total_budget"] == pytest.approx(0.8 * demo.settings.limits["total_budget"])
    assert next(p for p in case.projects if p.id == ticked).mandatory
    assert case.enterprise.rd_spend == pytest.approx(rd_spend)
    assert panel.budget_fraction() == pytest.approx(0.8)  # the panel did not reload its own move
    result = answered(qtbot, document)
    assert result.case is case and ticked in {x.id for x in result.selected}
    document.relax({"min_strategic_share": 0.5})  # any other change is the sliders' new base
    assert panel.budget_fraction() == pytest.approx(1.0)
    assert panel.current_case().settings.limits["total_budget"] == pytest.approx(case.settings.limits["total_budget"])
    assert panel.current_case().projects is document.case.projects


def test_the_baseline_and_the_stability_test_follow_the_answer(qtbot, document, small):
    first = answered(qtbot, document, lambda: document.open(small))
    heard = Heard(document)
    assert document.pin_baseline()
    stability = made_up_stability(first)
    document.set_stability_test(first.case, stability)
    assert heard.signals == [("baseline", first), ("stability", stability)]
    assert document.current_stability() is stability

    heard.signals.clear()
    moved = answered(qtbot, document, lambda: document.move_sliders(small.with_limits(total_budget=12).settings))
    assert heard.signals == [("case", Change.WHAT_IF), ("result", moved), ("stability", None)]  # tested another case
    assert document.baseline is first and document.current_stability() is None

    heard.signals.clear()
    document.open(small)  # the workbook again: a new case, nothing of the old one's answer stays
    assert heard.signals == [("case", Change.OPENED), ("result", None), ("baseline", None)]
    assert document.stability_test is None


def test_taking_over_a_document_holds_all_it_held(qtbot, document, small):
    result = answered(qtbot, document, lambda: document.open(small))
    document.pin_baseline()
    stability = made_up_stability(result)
    document.set_stability_test(result.case, stability)
    scenario = Scenario("Board draft", document.case, result, datetime(2026, 3, 1, 9, 30))
    document.set_scenarios([scenario])
    document.stop()
    other = PlanningDocument()
    heard = Heard(other)
    try:
        other.take_over(document)
        assert heard.signals == [("case", Change.TAKEN_OVER), ("result", result), ("baseline", result),
                                 ("stability", stability), ("scenarios", [scenario])]
        assert other.case is document.case and other.result is result and other.baseline is result
        assert other.scenarios == [scenario] and other.scenarios[0] is scenario
        assert other.solver.busy  # solved again, in case the answer taken over was still coming
    finally:
        other.stop()


def test_a_language_switch_keeps_the_case_answer_baseline_and_scenarios(qtbot, tmp_path, monkeypatch):
    window = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(window)
    window.show()
    answered(qtbot, window.document, lambda: window.open_case(DEMO_CASE))
    baseline = window.result
    window.pin_baseline()
    monkeypatch.setattr(window.scenarios, "ask_name", lambda default: "Board draft")
    window.save_scenario()
    [scenario] = window.document.scenarios
    moved = answered(qtbot, window.document, lambda: window.whatif.budget.slider.setValue(
        window.whatif.budget_position(0.8)))
    case, rows = window.case, window.portfolio.model.rowCount()  # the chosen, and those the baseline had
    with qtbot.waitSignal(window.replaced, timeout=10000) as blocker:
        window.language_actions["zh_CN"].trigger()
    chinese = blocker.args[0]
    qtbot.addWidget(chinese)
    try:
        assert chinese.case is case and chinese.result is moved and chinese.baseline is baseline
        assert chinese.document.scenarios == [scenario] and chinese.scenarios.scenarios() == [scenario]
        assert chinese.portfolio.model.baseline() is baseline  # the table still compares with it
        assert chinese.portfolio.model.rowCount() == rows
        assert chinese.whatif.current_case().settings.limits["total_budget"] == \
            pytest.approx(case.settings.limits["total_budget"])
    finally:
        chinese.controller.cancel()
        chinese.controller.wait()
