"""The negative list in the app: the project table's screening column (its status, the rule in the tooltip, the
filter), the supervised projects of the recommended portfolio, and the targets form's allow_supervised box.

The case is worked by hand: A is on the real estate rule, B abroad (supervised), C a commercial project below the
3% hurdle rate, D clean; nothing else binds, so the best portfolio is B and D."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from optimizer.io.workbook import read_case
from optimizer.model.screening import Status
from optimizer.planner import Planner
from tests.builders import make_workbook, with_negative_list
from ui.panels.targets_panel import DEBOUNCE_MS, TargetsPanel
from ui.tables.portfolio_table import PortfolioTableModel, PortfolioView
from ui.tables.project_table import ID, MANDATORY, PROJECT_ROLE, SCREENING, ProjectTableView

PROJECTS = [
    {"id": "A", "name": "Mall", "sector": "Real estate", "capex_2027": 10, "npv": 5, "irr": 0.08},
    {"id": "B", "name": "Wind abroad", "sector": "Wind", "overseas": True, "capex_2027": 20, "npv": 6, "irr": 0.09},
    {"id": "C", "name": "Plant", "sector": "Power", "capex_2027": 5, "npv": 2, "irr": 0.01},
    {"id": "D", "name": "Grid", "sector": "Grid", "capex_2027": 8, "npv": 3, "irr": 0.07},
]
RULES = [("prohibited", "sector", "real estate", "non-main real estate"),
         ("supervised", "overseas", "yes", "overseas investment")]


@pytest.fixture(scope="module")
def case(tmp_path_factory):
    path = make_workbook(tmp_path_factory.mktemp("screening") / "case.xlsx", PROJECTS, {}, {"hurdle_rate": 0.03})
    return read_case(with_negative_list(path, RULES))


@pytest.fixture
def view(qtbot, case):
    view = ProjectTableView()
    qtbot.addWidget(view)
    view.resize(1000, 400)
    view.set_case(case)
    QAbstractItemModelTester(view.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal, view.proxy)
    return view


def shown(view, column=ID, role=Qt.DisplayRole) -> list:
    return [view.proxy.index(r, column).data(role) for r in range(view.proxy.rowCount())]


def test_each_project_shows_its_screening_with_the_rule_in_the_tooltip(view):
    assert shown(view, SCREENING) == ["Prohibited", "Supervised", "Prohibited", "OK"]
    tips = dict(zip(shown(view), shown(view, SCREENING, Qt.ToolTipRole), strict=True))
    assert tips["A"] == ("negative list, prohibited: non-main real estate\n"
                         "Rule on row 2 of the NegativeList sheet: sector real estate")
    assert tips["B"] == ("negative list, supervised: overseas investment\n"
                         "Rule on row 3 of the NegativeList sheet: overseas yes")
    assert tips["C"] == "negative list: IRR 1.00% is below the hurdle rate 3.00% for a commercial project"
    assert tips["D"] == "No rule of the negative list applies"
    colours = [brush.color().name() if brush else None for brush in shown(view, SCREENING, Qt.ForegroundRole)]
    assert colours == ["#b42318", "#b54708", "#b42318", None]


def test_the_table_filters_and_sorts_by_screening(view):
    combo = view.screening_combo
    for status, ids in ((Status.PROHIBITED, ["A", "C"]), (Status.SUPERVISED, ["B"]), (Status.OK, ["D"])):
        combo.setCurrentIndex(combo.findData(status))
        assert shown(view) == ids
    combo.setCurrentIndex(0)
    assert shown(view) == ["A", "B", "C", "D"]
    view.table.sortByColumn(SCREENING, Qt.DescendingOrder)
    assert shown(view) == ["D", "B", "A", "C"]
    assert view.count_label.text() == "showing 4 of 4 projects"


def test_a_supervised_project_is_prohibited_when_they_are_not_allowed(view, case):
    view.set_case(replace(case, settings=replace(case.settings, allow_supervised=False)))
    assert shown(view, SCREENING) == ["Prohibited", "Prohibited", "Prohibited", "OK"]
    assert view.proxy.index(1, SCREENING).data(Qt.ToolTipRole).startswith(
        "negative list, supervised: overseas investment; supervised projects are not allowed (allow_supervised is "
        "no)\n")
    # and it cannot be ticked mandatory, like any prohibited project; the tooltip says why
    assert view.model.index(1, 0).data(PROJECT_ROLE).id == "B"
    assert not view.model.setData(view.model.index(1, MANDATORY), Qt.Checked, Qt.CheckStateRole)
    assert view.model.index(1, MANDATORY).data(Qt.ToolTipRole).startswith(
        "Cannot be mandatory: negative list, supervised: overseas investment")


def test_the_recommended_portfolio_shows_its_supervised_projects(qtbot, case):
    result = Planner().solve(case)
    assert [x.id for x in result.selected] == ["B", "D"]
    portfolio = PortfolioView()
    qtbot.addWidget(portfolio)
    portfolio.resize(900, 300)
    portfolio.set_result(result)
    model = portfolio.model
    column = PortfolioTableModel.SUPERVISION
    assert not portfolio.table.isColumnHidden(column)
    assert [model.index(r, column).data() for r in range(model.rowCount())] == ["Supervised", ""]
    assert model.index(0, column).data(Qt.ToolTipRole) == "negative list, supervised: overseas investment"
    assert portfolio.summary_text() == "2 projects, capex 28.00 CNY 100m, 1 under special supervision"
    # without a supervised project chosen, the column is not shown
    without = Planner().solve(replace(case, settings=replace(case.settings, allow_supervised=False)))
    assert [x.id for x in without.selected] == ["D"]
    portfolio.set_result(without)
    assert portfolio.table.isColumnHidden(column)
    assert portfolio.summary_text() == "1 projects, capex 8.00 CNY 100m"


def test_the_targets_form_allows_or_refuses_supervised_projects(qtbot, case):
    panel = TargetsPanel()
    qtbot.addWidget(panel)
    panel.set_case(case)
    assert panel.allow_supervised_check.isChecked()
    with qtbot.waitSignal(panel.caseEdited, timeout=DEBOUNCE_MS + 2000) as signal:
        panel.allow_supervised_check.setChecked(False)
    edited = signal.args[0]
    assert edited.settings.allow_supervised is False
    assert edited.settings.limits == case.settings.limits and case.settings.allow_supervised is True
