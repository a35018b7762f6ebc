"""The portfolio table lists the engine's chosen projects and what changed against a pinned baseline."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtTest import QAbstractItemModelTester

from optimizer.io.workbook import read_case
from optimizer.model.case import STRATEGIC_CATEGORIES
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.report.result import Result
from optimizer.solve.session import Session
from optimizer.solve.solver import Solution
from ui.tables.portfolio_table import (
    ADDED_BACKGROUND,
    CHANGED_BACKGROUND,
    PortfolioRow,
    PortfolioTableModel,
    PortfolioView,
)

M = PortfolioTableModel


@pytest.fixture(scope="module")
def results() -> tuple[Result, Result]:
    """The demo as given (total budget 780) and with a total budget of 700."""
    session = Session()
    case = read_case(DEMO_CASE)
    return Planner(session).solve(case), Planner(session).solve(case.with_limits(total_budget=700))


@pytest.fixture
def model(qtbot) -> PortfolioTableModel:
    model = PortfolioTableModel()
    # Parented to the model, so it lives (and checks every change) as long as the model does.
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)
    return model


def column(model: PortfolioTableModel, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [model.data(model.index(r, col), role) for r in range(model.rowCount())]


def rows_by_id(model: PortfolioTableModel) -> dict[str, tuple[PortfolioRow, str]]:
    return {row.id: (row, text) for row, text in zip(column(model, M.ID, M.ROW_ROLE), column(model, M.CHANGE),
                                                     strict=True)}


def test_one_row_per_chosen_project(model, results):
    result, _ = results
    model.set_result(result)
    assert model.rowCount() == len(result.selected)
    assert column(model, M.ID) == [x.id for x in result.selected]
    first = result.selected[0]
    project = result.case.project(first.id)
    assert model.data(model.index(0, M.NAME)) == first.name
    assert model.data(model.index(0, M.ENTITY)) == project.entity
    category = model.data(model.index(0, M.CATEGORY))
    assert category == (STRATEGIC_CATEGORIES[project.strategic_category][1] if project.strategic_category
                        else "传统/Traditional")
    assert model.data(model.index(0, M.START)) == str(first.start_year)
    assert model.data(model.index(0, M.CAPEX)) == f"{first.capex:,.2f}"
    assert "CNY 100m" in model.headerData(M.CAPEX, Qt.Orientation.Horizontal)
    # A partly funded project shows its share, e.g. 63%.
    partial = next(x for x in result.selected if x.share < 1)
    row = column(model, M.ID).index(partial.id)
    assert model.data(model.index(row, M.SHARE)) == f"{partial.share:.1%}".replace(".0%", "%")


def test_sort_role_gives_native_values_and_row_role_the_row(model, results):
    result, _ = results
    model.set_result(result)
    assert column(model, M.SHARE, M.SORT_ROLE) == [x.share for x in result.selected]
    assert column(model, M.START, M.SORT_ROLE) == [x.start_year for x in result.selected]
    assert column(model, M.NPV, M.SORT_ROLE) == [x.npv for x in result.selected]
    row = model.data(model.index(3, M.NAME), M.ROW_ROLE)
    assert isinstance(row, PortfolioRow) and row.id == result.selected[3].id


def test_a_changed_budget_shows_added_removed_and_rescheduled_projects(model, results):
    baseline, result = results
    before, after = baseline.solution.portfolio, result.solution.portfolio
    added, removed = set(after) - set(before), set(before) - set(after)
    deferred = {i for i in set(after) & set(before) if after[i].start_year > before[i].start_year}
    advanced = {i for i in set(after) & set(before) if after[i].start_year < before[i].start_year}
    assert added and removed  # the demo does change with the budget

    model.set_result(baseline)
    model.pin_baseline()
    assert all(text == "" for _, text in rows_by_id(model).values())
    model.set_result(result)
    rows = rows_by_id(model)
    assert model.rowCount() == len(result.selected) + len(removed)
    assert {i for i, (_, text) in rows.items() if text == "added"} == added
    assert {i for i, (_, text) in rows.items() if text == "removed"} == removed
    assert {i for i, (_, text) in rows.items() if text.startswith("deferred")} == deferred
    assert {i for i, (_, text) in rows.items() if text.startswith("advanced")} == advanced
    for i in deferred:
        assert rows[i][1].startswith(f"deferred {before[i].start_year}→{after[i].start_year}")
    assert model.change_counts()["added"] == len(added)


def test_changes_show_in_colour_and_strike_through(model, results):
    baseline, result = results
    model.pin_baseline(baseline)
    model.set_result(result)
    ids = column(model, M.ID)
    for r, (row, text) in enumerate(rows_by_id(model).values()):
        background = model.data(model.index(r, M.NAME), Qt.ItemDataRole.BackgroundRole)
        font = model.data(model.index(r, M.NAME), Qt.ItemDataRole.FontRole)
        if text == "added":
            assert isinstance(background, QBrush) and background.color() == ADDED_BACKGROUND
        elif text == "removed":
            assert font.strikeOut()
            assert model.data(model.index(r, M.CAPEX)) == f"{row.capex:,.2f}"  # the baseline's figures
        elif text:
            assert background.color() == CHANGED_BACKGROUND
        else:
            assert background is None
        assert ids[r] == row.id


def test_share_change_is_written_out(model, results):
    baseline, result = results
    before, after = baseline.solution.portfolio, result.solution.portfolio
    changed = [i for i in set(after) & set(before) if abs(after[i].share - before[i].share) >= 5e-4]
    model.pin_baseline(baseline)
    model.set_result(result)
    rows = rows_by_id(model)
    for i in changed:
        old, new = (f"{s:.1%}".replace(".0%", "%") for s in (before[i].share, after[i].share))
        assert f"share {old}→{new}" in rows[i][1]


def test_clearing_the_baseline_drops_the_removed_rows(model, results):
    baseline, result = results
    model.pin_baseline(baseline)
    model.set_result(result)
    model.clear_baseline()
    assert model.rowCount() == len(result.selected)
    assert set(column(model, M.CHANGE)) == {""}


def test_view_sorts_on_native_values_and_filters(qtbot, results):
    result, _ = results
    view = PortfolioView()
    qtbot.addWidget(view)
    view.set_result(result)
    view.table.sortByColumn(M.CAPEX, Qt.SortOrder.DescendingOrder)
    capex = [view.proxy.index(r, M.CAPEX).data(M.SORT_ROLE) for r in range(view.proxy.rowCount())]
    assert capex == sorted((x.capex for x in result.selected), reverse=True)
    qtbot.keyClicks(view.filter, result.selected[0].id)
    assert view.proxy.rowCount() >= 1
    assert result.selected[0].id in {view.proxy.index(r, M.ID).data() for r in range(view.proxy.rowCount())}
    assert view.proxy.rowCount() < len(result.selected)


def test_summary_counts_projects_capex_and_changes(qtbot, results):
    baseline, result = results
    view = PortfolioView()
    qtbot.addWidget(view)
    view.set_result(baseline)
    capex = sum(x.capex for x in baseline.selected)
    supervised = sum(x.chosen for x in baseline.supervised)  # the demo's negative list flags 6 of them
    assert supervised == 6
    assert view.summary_text() == (f"{len(baseline.selected)} projects, capex {capex:,.2f} CNY 100m, "
                                   f"{supervised} under special supervision")
    assert view.table.isColumnHidden(M.CHANGE)
    view.pin_baseline()
    view.set_result(result)
    added = len(set(result.solution.portfolio) - set(baseline.solution.portfolio))
    removed = len(set(baseline.solution.portfolio) - set(result.solution.portfolio))
    assert f"{len(result.selected)} projects, capex 700.00 CNY 100m" in view.summary_text()
    assert f"vs baseline: +{added} added, −{removed} removed" in view.summary_text()
    assert not view.table.isColumnHidden(M.CHANGE)


def test_no_portfolio_is_said_not_diffed(qtbot, results):
    baseline, _ = results
    view = PortfolioView()
    qtbot.addWidget(view)
    view.pin_baseline(baseline)
    view.set_result(Result(baseline.case, Solution("infeasible")))
    assert view.model.rowCount() == 0
    assert view.summary_text().startswith("No portfolio: no portfolio meets all the rules and targets")
    view.set_result(None)
    assert view.summary_text() == "No result yet."
