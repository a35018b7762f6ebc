"""The app's diagnosis in two answers: the what-if solver passes on the first answer as soon as it is found, then
the refined one, both off the GUI thread; the panel says of the first that its best levels are being found."""

from __future__ import annotations

import threading

from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from ui.panels.diagnosis_panel import DiagnosisPanel
from ui.window.whatif_solver import WhatIfSolver


def test_the_first_answer_is_shown_then_replaced_by_the_refined_one(qtbot):
    solver = WhatIfSolver(debounce_ms=0)
    panel = DiagnosisPanel()
    qtbot.addWidget(panel)
    shown: list[tuple[list, str, bool]] = []

    def show(result) -> None:
        panel.set_result(result)
        shown.append((result.diagnosis, panel.summary.text(), threading.current_thread() is threading.main_thread()))

    solver.diagnosisReady.connect(show)
    case = apply_overrides(read_case(DEMO_CASE), {"min_rd_intensity": "0.06"})
    with qtbot.waitSignals([solver.diagnosisReady] * 2, timeout=120000):
        solver.request(case, immediate=True)
    solver.wait()
    (first, first_summary, on_gui), (refined, refined_summary, _) = shown
    assert on_gui  # the signal is delivered on the GUI thread; the solves ran on the solver's own
    assert first and not any(item.refined for item in first)
    assert "a first answer" in first_summary
    assert [item.constraint for item in refined] == [item.constraint for item in first]
    assert all(item.refined for item in refined)
    assert "a first answer" not in refined_summary and "Relax one of these" in refined_summary
