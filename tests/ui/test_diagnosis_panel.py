"""The limits table and the diagnosis panel, checked against the engine's own answer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.words.units import format_value
from ui.panels.diagnosis_panel import ConstraintTableModel, DiagnosisPanel


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
    assert "NPV per CNY 100m" in view.index(budget, ConstraintTableModel.MARGINAL).data()
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
