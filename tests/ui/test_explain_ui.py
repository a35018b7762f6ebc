"""'Why (not) this project?' and 'Export with reasons…' driven as a user would; every figure checked
against independent solves of the case with the project forced in or out."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QPushButton

from optimizer.planner import Planner
from tests.builders import ENTERPRISE, make_workbook, random_projects
from tests.ui.conftest import isolated_settings
from ui.window.main_window import MainWindow

LIMITS = {"total_budget": 40.0, "min_strategic_share": 0.3, "objective": "npv"}


@pytest.fixture
def window(qtbot, tmp_path):
    path = make_workbook(tmp_path / "small.xlsx", random_projects(8, n=7), LIMITS, ENTERPRISE)
    w = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.controller.resultReady, timeout=60000):
        assert w.open_case(Path(path))
    yield w
    w.explainer.tasks.cancel()
    w.explainer.wait()
    w.controller.cancel()
    w.controller.wait()


def _optimum(case, project_id=None, into=None) -> float | None:
    if project_id is not None:
        projects = tuple(replace(p, mandatory=into, excluded=not into) if p.id == project_id else p
                         for p in case.projects)
        case = replace(case, projects=projects)
    solution = Planner().solve(case, gap=0.0).solution
    return solution.objective_value if solution.has_portfolio else None


def _ask(qtbot, window, project_id):
    menu = window.explainer.menu_for(project_id)
    action = next(a for a in menu.actions() if a.text() == "Why (not) this project?")
    with qtbot.waitSignal(window.explainer.tasks.finished, timeout=60000):
        action.trigger()
    return window.explainer.dialog


@pytest.mark.parametrize("chosen", [False, True])
def test_the_dialog_shows_the_cost_of_forcing_as_two_independent_solves_give_it(qtbot, window, chosen):
    case, result = window.case, window.result
    selected = {x.id for x in result.selected}
    project = next(p for p in case.projects if (p.id in selected) == chosen and not p.excluded)
    dialog = _ask(qtbot, window, project.id)
    assert dialog.isVisible() and not dialog.isModal()
    free = _optimum(case)
    forced = _optimum(case, project.id, into=not chosen)
    e = dialog.explanation
    assert e.chosen == chosen
    assert ("is chosen" if chosen else "is not chosen") in dialog.headline.text()
    assert f"{free:,.2f} CNY 100m NPV" == dialog.fields["objective"].text()
    if forced is None:
        assert e.cost_of_forcing is None
        return
    assert e.cost_of_forcing == pytest.approx(free - forced, abs=1e-6)
    cost = dialog.fields["cost"].text()
    assert f"{abs(free - forced):,.2f} CNY 100m" in cost
    assert cost.startswith("costs" if free - forced >= -1e-9 else "gains")
    assert dialog.fields["forced"].text() == f"{forced:,.2f} CNY 100m NPV"
    label = dialog.form.labelForField(dialog.fields["forced"]).text()
    assert label == ("Objective with it forced out" if chosen else "Objective with it forced in")
    # the differences table: every project whose funding differs between the two portfolios
    forced_ids = {s["id"] for s in e.forced_selected}
    rows = {row[0].split()[0] for row in dialog.difference_rows()}
    assert selected ^ forced_ids <= rows
    assert (project.id in rows) == (forced_ids != selected or project.id in selected ^ forced_ids)


def test_blocking_limits_are_in_business_words_and_npv_to_enter_has_its_unit(qtbot, window):
    selected = {x.id for x in window.result.selected}
    left_out = [p for p in window.case.projects if p.id not in selected]
    dialog = None
    for project in left_out:
        dialog = _ask(qtbot, window, project.id)
        if dialog.explanation.npv_to_enter is not None and dialog.explanation.blocking:
            break
    e = dialog.explanation
    assert e.npv_to_enter is not None, "a left-out project with an NPV to enter"
    text = dialog.fields["blocking"].text()
    labels = {"total_budget": "Total budget", "min_strategic_share": "Strategic emerging industry share"}
    for key in e.blocking:
        assert key not in text or key in ("requires",)  # no workbook keys shown
        if key in labels:
            assert labels[key] in text
    assert f"{e.npv_to_enter:,.4f} CNY 100m" in dialog.fields["npv_to_enter"].text()
    assert "±" in dialog.fields["npv_to_enter"].text()
    # chosen from that NPV: solve the case with the project's NPV raised to it, independently
    case = window.case
    raised = replace(case, projects=tuple(replace(p, npv=e.npv_to_enter + 1e-3 * max(1, abs(e.npv_to_enter)))
                                          if p.id == e.id else p for p in case.projects))
    assert e.id in Planner().solve(raised, gap=0.0).solution.portfolio


def test_the_portfolio_table_offers_the_same_question(qtbot, window):
    view = window.portfolio
    index = view.proxy.index(0, 0)
    rect = view.table.visualRect(index)
    shown = []
    window.explainer.show_menu = lambda pid, pos: shown.append(pid)
    view.table.customContextMenuRequested.disconnect()
    view.table.customContextMenuRequested.connect(window.explainer._portfolio_menu)
    view.table.customContextMenuRequested.emit(rect.center())
    assert shown == [view.proxy.data(index, view.model.ROW_ROLE).id]


def test_export_with_reasons_writes_a_why_not_row_per_left_out_project(qtbot, window, tmp_path):
    out = tmp_path / "with-reasons.xlsx"
    assert window.explainer.export_action in window.menuBar().actions()[0].menu().actions()
    with qtbot.waitSignal(window.explainer.tasks.finished, timeout=120000) as blocker:
        window.explainer.export_to(str(out))
    explanations = blocker.args[1]
    assert out.exists()
    sheet = load_workbook(out)["Why not"]
    ids = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert set(ids) >= {e.id for e in explanations}
    selected = {x.id for x in window.result.selected}
    for e in explanations:
        assert e.id not in selected
        forced = _optimum(window.case, e.id, into=True)
        if forced is not None and e.cost_of_forcing is not None:
            assert e.cost_of_forcing == pytest.approx(_optimum(window.case) - forced, abs=1e-6)


def test_cancelling_the_export_writes_nothing(qtbot, window, tmp_path):
    out = tmp_path / "cancelled.xlsx"
    window.explainer.export_to(str(out))
    dialog = window.explainer._export_progress
    next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel").click()
    window.explainer.wait()
    qtbot.wait(50)
    assert not out.exists()
    assert not window.explainer.tasks.running("explain_excluded")
