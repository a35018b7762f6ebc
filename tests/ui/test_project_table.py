"""The candidate projects table: what a planner sees, filters, sorts and ticks."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, Qt, qInstallMessageHandler
from PySide6.QtTest import QAbstractItemModelTester

from optimizer.io.workbook import read_case
from optimizer.model.screening import is_prohibited
from optimizer.paths import DEMO_CASE
from optimizer.report.result import Exclusion, Result, Selection
from optimizer.solve.solver import Solution
from ui.tables.project_table import (
    CAPEX,
    CATEGORY,
    CHOSEN,
    EXCLUDED,
    ID,
    IRR,
    MANDATORY,
    MIN_SHARE,
    NPV,
    PROJECT_ROLE,
    REASON,
    SORT_ROLE,
    TRADITIONAL,
    ProjectFilterProxy,
    ProjectTableModel,
    ProjectTableView,
)


@pytest.fixture(scope="module")
def case():
    return read_case(DEMO_CASE)


@pytest.fixture
def model_failures():
    """What QAbstractItemModelTester reports (as "FAIL!" warnings) while a test runs; must stay empty."""
    failures: list[str] = []

    def handler(mode, context, message):
        if "FAIL!" in message:
            failures.append(message)
        elif callable(previous):
            previous(mode, context, message)

    previous = qInstallMessageHandler(handler)
    yield failures
    qInstallMessageHandler(previous)
    assert not failures, failures


@pytest.fixture
def model(case, model_failures):
    model = ProjectTableModel()
    model.tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    model.set_case(case)
    return model


@pytest.fixture
def proxy(model):
    proxy = ProjectFilterProxy()
    proxy.setSourceModel(model)
    proxy.tester = QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Warning)
    return proxy


@pytest.fixture
def view(qtbot, case):
    view = ProjectTableView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.set_case(case)
    return view


def a_result(case, chosen: dict[str, tuple[float, int]], reasons: dict[str, str]) -> Result:
    """A hand-made answer: which projects are chosen (share, start year) and why others are not."""
    selected = [Selection(pid, case.project(pid).name, share, year, share * case.project(pid).total_capex, 0.0)
                for pid, (share, year) in chosen.items()]
    excluded = [Exclusion(pid, case.project(pid).name, reason, "outcompeted") for pid, reason in reasons.items()]
    return Result(case, Solution("optimal"), selected=selected, excluded=excluded)


def shown_ids(proxy) -> list[str]:
    return [proxy.index(r, ID).data() for r in range(proxy.rowCount())]


def row_of(model, project_id: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, ID).data() == project_id)


# --- the model ------------------------------------------------------------------------------------
def test_model_and_proxy_pass_the_qt_model_tester_through_edits_and_new_cases(model, proxy, case):
    proxy.set_category("new_energy")
    proxy.sort(CAPEX, Qt.DescendingOrder)
    model.set_result(a_result(case, {"NE01": (0.5, 2028)}, {"NE02": "outcompeted for budget"}))
    model.setData(model.index(row_of(model, "NE13"), MANDATORY), Qt.Checked, Qt.CheckStateRole)
    model.set_case(replace(case, projects=case.projects[:10]))  # fewer projects: a reset
    model.set_result(None)
    model.set_case(None)
    assert model.rowCount() == 0


def test_each_project_is_one_row_with_its_figures_and_units(model, case):
    assert model.rowCount() == len(case.projects) == 81
    assert model.headerData(CAPEX, Qt.Horizontal) == "Capex (CNY 100m)"
    assert model.headerData(NPV, Qt.Horizontal) == "NPV (CNY 100m)"
    row = row_of(model, "NE01")  # 西北风光储一体化基地二期: capex 36 + 48 + 36, IRR 6.8 %, min share 0.5
    assert model.index(row, CAPEX).data() == "120.00"
    assert model.index(row, CAPEX).data(SORT_ROLE) == 120.0
    assert model.index(row, IRR).data() == "6.80%"
    assert model.index(row, MIN_SHARE).data() == "50%"
    assert model.index(row, CATEGORY).data() == "新能源"
    assert model.index(row, ID).data(PROJECT_ROLE) is case.project("NE01")
    assert model.index(row, MANDATORY).data(Qt.CheckStateRole) == Qt.Unchecked
    assert model.flags(model.index(row, MANDATORY)) & Qt.ItemIsUserCheckable


def test_chosen_and_reason_columns_come_from_the_last_result(model, case):
    model.set_result(a_result(case, {"NE01": (0.5, 2028)}, {"NE02": "outcompeted for budget"}))
    chosen, other = row_of(model, "NE01"), row_of(model, "NE02")
    assert model.index(chosen, CHOSEN).data() == "50% from 2028"
    assert model.index(chosen, CAPEX).data(Qt.BackgroundRole) is not None  # the whole row is highlighted
    assert model.index(other, CHOSEN).data() == ""
    assert model.index(other, REASON).data() == "outcompeted for budget"
    assert model.index(other, CAPEX).data(Qt.BackgroundRole) is None
    model.set_result(None)
    assert model.index(chosen, CHOSEN).data() == ""


def test_ticking_mandatory_emits_a_new_case_with_the_project_mandatory_and_not_excluded(model, case, qtbot):
    assert case.project("NE13").excluded  # the demo excludes NE13
    row = row_of(model, "NE13")
    with qtbot.waitSignal(model.caseEdited, timeout=1000) as signal:
        assert model.setData(model.index(row, MANDATORY), Qt.Checked, Qt.CheckStateRole)
    edited = signal.args[0]
    assert edited.project("NE13").mandatory and not edited.project("NE13").excluded
    assert case.project("NE13").excluded and not case.project("NE13").mandatory  # the old case is untouched
    assert [p for p in edited.projects if p.id != "NE13"] == [p for p in case.projects if p.id != "NE13"]
    assert model.index(row, EXCLUDED).data(Qt.CheckStateRole) == Qt.Unchecked


def test_ticking_excluded_unticks_mandatory(model, case, qtbot):
    mandatory = next(p for p in case.projects if p.mandatory)
    with qtbot.waitSignal(model.caseEdited, timeout=1000) as signal:
        model.setData(model.index(row_of(model, mandatory.id), EXCLUDED), Qt.Checked.value, Qt.CheckStateRole)
    edited = signal.args[0].project(mandatory.id)
    assert edited.excluded and not edited.mandatory


def test_a_negative_list_project_cannot_be_made_mandatory(model, case, qtbot):
    banned = next(p for p in case.projects if is_prohibited(p, case))
    index = model.index(row_of(model, banned.id), MANDATORY)
    with qtbot.assertNotEmitted(model.caseEdited):
        assert not model.setData(index, Qt.Checked, Qt.CheckStateRole)
    assert "negative list" in index.data(Qt.ToolTipRole)


def test_same_projects_update_in_place_without_a_reset(model, case, qtbot):
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_case(replace(case, settings=replace(case.settings, currency_unit="万元")))
    assert model.headerData(CAPEX, Qt.Horizontal) == "Capex (万元)"


# --- filtering and sorting ------------------------------------------------------------------------
def test_category_filter_shows_that_categorys_projects(proxy, case):
    proxy.set_category("new_energy")  # 新能源
    assert shown_ids(proxy) == [p.id for p in case.projects if p.strategic_category == "new_energy"]
    proxy.set_category(TRADITIONAL)
    assert shown_ids(proxy) == [p.id for p in case.projects if p.strategic_category is None]
    proxy.set_category(None)
    assert len(shown_ids(proxy)) == 81


def test_search_text_matches_names_ids_entities_and_sectors(proxy, case):
    proxy.set_text("基地")
    expected = [p.id for p in case.projects if any("基地" in s for s in (p.id, p.name, p.entity, p.sector))]
    assert expected and shown_ids(proxy) == expected
    assert all("基地" in case.project(pid).name for pid in expected)
    proxy.set_text("ne0")  # case-insensitive
    assert shown_ids(proxy) == [p.id for p in case.projects if p.id.startswith("NE0")]


def test_entity_and_chosen_filters(proxy, model, case):
    entity = case.projects[0].entity
    proxy.set_entity(entity)
    assert shown_ids(proxy) == [p.id for p in case.projects if p.entity == entity]
    proxy.set_entity(None)
    model.set_result(a_result(case, {"NE01": (1.0, 2027), "PW03": (1.0, 2027)}, {}))
    proxy.set_chosen("chosen")
    assert shown_ids(proxy) == ["NE01", "PW03"]
    proxy.set_chosen("not chosen")
    assert len(shown_ids(proxy)) == 79 and "NE01" not in shown_ids(proxy)
    model.set_result(None)  # the answer is gone: nothing is chosen
    assert len(shown_ids(proxy)) == 81


def test_sort_by_capex_is_numeric(proxy, case):
    proxy.sort(CAPEX, Qt.AscendingOrder)
    capex = [proxy.index(r, CAPEX).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert capex == sorted(p.total_capex for p in case.projects)
    shown = [proxy.index(r, CAPEX).data() for r in range(proxy.rowCount())]
    assert shown != sorted(shown)  # text order would put "120.00" before "9.00"
    proxy.sort(CAPEX, Qt.DescendingOrder)
    assert proxy.index(0, CAPEX).data(SORT_ROLE) == max(p.total_capex for p in case.projects)


def test_sort_by_irr_puts_blanks_first(proxy, model, case):
    no_irr = replace(case.projects[5], irr=None)
    model.set_case(replace(case, projects=(*case.projects[:5], no_irr, *case.projects[6:])))
    proxy.sort(IRR, Qt.AscendingOrder)
    irrs = [proxy.index(r, IRR).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert irrs[0] is None and irrs[1:] == sorted(irrs[1:])


# --- the view -------------------------------------------------------------------------------------
def test_filter_bar_and_count_label(view, case):
    assert view.count_label.text() == "showing 81 of 81 projects"
    view.category_combo.setCurrentIndex(view.category_combo.findData("new_energy"))
    expected = sum(p.strategic_category == "new_energy" for p in case.projects)
    assert view.count_label.text() == f"showing {expected} of 81 projects"
    view.search.setText("基地")
    both = sum(p.strategic_category == "new_energy" and "基地" in p.name for p in case.projects)
    assert view.proxy.rowCount() == both
    view.category_combo.setCurrentIndex(0)
    entity = case.projects[-1].entity
    view.entity_combo.setCurrentIndex(view.entity_combo.findData(entity))
    assert all(view.proxy.index(r, 0).data(PROJECT_ROLE).entity == entity for r in range(view.proxy.rowCount()))


def test_view_keeps_filters_when_the_case_is_edited(view, case, qtbot):
    view.search.setText("基地")
    shown = view.proxy.rowCount()
    row = next(r for r in range(view.proxy.rowCount()) if not view.proxy.index(r, 0).data(PROJECT_ROLE).mandatory)
    with qtbot.waitSignal(view.caseEdited, timeout=1000) as signal:
        view.proxy.setData(view.proxy.index(row, MANDATORY), Qt.Checked, Qt.CheckStateRole)
    view.set_case(signal.args[0])  # what the window does with the edit
    assert view.search.text() == "基地" and view.proxy.rowCount() == shown
    assert view.proxy.index(row, MANDATORY).data(Qt.CheckStateRole) == Qt.Checked


def test_right_click_names_the_project_under_the_cursor(view, qtbot):
    view.show()
    qtbot.waitExposed(view)
    view.proxy.sort(CAPEX, Qt.DescendingOrder)
    rect = view.table.visualRect(view.proxy.index(0, 1))
    with qtbot.waitSignal(view.contextMenuRequested, timeout=1000) as signal:
        view.table.customContextMenuRequested.emit(rect.center())
    project_id, where = signal.args
    assert project_id == view.proxy.index(0, 0).data(PROJECT_ROLE).id
    assert isinstance(where, QPoint)
    assert where == view.table.viewport().mapToGlobal(rect.center())
