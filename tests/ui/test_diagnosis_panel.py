"""The limits table and the diagnosis panel, checked against the engine's own answer."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.words.units import format_value
from ui.panels.diagnosis_panel import STEP_VALUES, ConstraintTableModel, DiagnosisPanel
from ui.window.document import Change, PlanningDocument


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


def test_limits_table_lists_every_constraint_with_binding_ones_first(qtbot, demo):
    result = Planner().solve(demo)
    panel = DiagnosisPanel()
    qtbot.addWidget(panel)
    panel.set_result(result)
    assert panel.constraints.rowCount() == len(result.constraints)
    view = panel.constraint_view.model()
    binding = sum(c.binding for c in result.constraints)
    assert binding > 0
    shown = [view.index(r, ConstraintTableModel.BINDING).data() for r in range(view.rowCount())]
    assert shown[:binding] == ["binding"] * binding and "binding" not in shown[binding:]
    budget = next(r for r in range(view.rowCount())
                  if view.index(r, 0).data(ConstraintTableModel.ROW_ROLE).name == "total_budget")
    row = view.index(budget, 0).data(ConstraintTableModel.ROW_ROLE)
    assert view.index(budget, ConstraintTableModel.LIMIT).data() == format_value(row.limit, "money", "CNY 100m")
    assert view.index(budget, ConstraintTableModel.MARGINAL).data().endswith(" per 1 CNY 100m")
    assert panel.relax_button.isHidden()


def test_relax_offers_the_best_reachable_values_and_they_can_be_met(qtbot, demo):
    too_high = demo.with_limits(min_rd_intensity=0.035)
    result = Planner().solve(too_high)
    assert result.solution.status == "infeasible"
    panel = DiagnosisPanel()
    qtbot.addWidget(panel)
    panel.set_result(result)
    assert panel.messages.count() == len(result.diagnosis)
    assert "R&D intensity" in panel.messages.item(0).text()
    assert panel.constraints.rowCount() == 0
    with qtbot.waitSignal(panel.relaxRequested) as blocker:
        qtbot.mouseClick(panel.relax_button, Qt.MouseButton.LeftButton)
    relaxed = blocker.args[0]
    assert set(relaxed) == {"min_rd_intensity"}
    assert 0.027 < relaxed["min_rd_intensity"] < 0.035
    again = Planner().solve(too_high.with_limits(**relaxed))
    assert again.solution.has_portfolio
    assert again.kpis["rd_intensity"].after >= relaxed["min_rd_intensity"] - 1e-6


def test_what_a_step_looser_is_worth_comes_in_the_background_as_a_fresh_re_solve_says(qtbot, demo):
    proven = replace(demo, settings=replace(demo.settings, mip_gap=1e-9))
    document = PlanningDocument(debounce_ms=20)
    panel = DiagnosisPanel(document)
    qtbot.addWidget(panel)
    document.resultChanged.connect(panel.set_result)
    first_shown = []

    def budget_cell(result) -> str:
        model = panel.constraints
        line = next(r for r in range(model.rowCount())
                    if model.index(r, 0).data(ConstraintTableModel.ROW_ROLE).name == "budget_2030")
        return model.index(line, ConstraintTableModel.STEP).data()

    document.resultChanged.connect(lambda result: first_shown.append(budget_cell(result)) if result else None)
    try:
        with qtbot.waitSignal(panel.stepValuesShown, timeout=120000) as shown:
            document.open(proven)
        assert first_shown == ["re-solving…"]  # the answer is shown at once, the worth when ready
        base = Planner().solve(proven).solution.objective_value
        looser = Planner().solve(proven.with_limits(budget_2030=161.0)).solution.objective_value
        assert shown.args[0] is document.result
        assert budget_cell(document.result) == f"{looser - base:+,.4g} for 1 CNY 100m"
        assert panel.step_status.text() == ""

        with qtbot.waitSignal(document.resultChanged, timeout=60000):
            document.edit(proven.with_limits(total_budget=700.0), Change.TARGETS_EDITED)
            assert not panel._tasks.running(STEP_VALUES)  # the edit cancelled any valuing of the old answer
        assert panel._tasks.running(STEP_VALUES) or any(c.step is not None for c in document.result.constraints)
    finally:
        document.stop()


def test_the_step_and_rate_cells_say_the_whole_sentence_in_their_tooltip(qtbot, demo):
    result = Planner().solve(demo)
    budget = next(c for c in result.constraints if c.name == "total_budget")
    budget.step, budget.step_value = 1.0, 0.05
    panel = DiagnosisPanel()
    qtbot.addWidget(panel)
    panel.set_result(result)
    model = panel.constraints
    line = next(r for r in range(model.rowCount())
                if model.index(r, 0).data(ConstraintTableModel.ROW_ROLE).name == "total_budget")
    tip = model.index(line, ConstraintTableModel.STEP).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "+0.05 NPV for 1 CNY 100m looser (re-solved)"
    assert model.index(line, ConstraintTableModel.MARGINAL).data(Qt.ItemDataRole.ToolTipRole).endswith(
        "NPV per 1 CNY 100m looser (local rate at the chosen projects)")
