"""The scenarios panel as a user drives it: save two answers, compare them, delete one, export all."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from optimizer.io.scenarios import COMPARISON, Scenario, compare, scenario_from_dict, scenario_to_dict
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.solve.session import Session
from tests.ui.conftest import isolated_settings
from ui.panels.scenarios_panel import (
    MET_BACKGROUND,
    CompareDialog,
    KpiComparisonModel,
    ProjectDifferenceModel,
    ScenarioListModel,
    ScenariosPanel,
)

DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


@pytest.fixture(scope="module")
def two(demo):
    """The demo solved at total budget 780 and 700."""
    session = Session()
    wide, tight = demo.with_limits(total_budget=780), demo.with_limits(total_budget=700)
    return [Scenario("Budget 780", wide, Planner(session).solve(wide), datetime(2026, 3, 1, 9, 30)),
            Scenario("Budget 700", tight, Planner(session).solve(tight), datetime(2026, 3, 1, 9, 45))]


@pytest.fixture
def settings(tmp_path):
    return isolated_settings(tmp_path)


@pytest.fixture
def panel(qtbot, settings, monkeypatch):
    panel = ScenariosPanel(settings=settings)
    qtbot.addWidget(panel)
    monkeypatch.setattr(panel, "confirm_delete", lambda names: True)
    errors: list[str] = []
    monkeypatch.setattr(panel, "show_error", lambda title, message: errors.append(message))
    panel.errors = errors
    panel.resize(400, 500)
    panel.show()
    yield panel
    for dialog in list(panel.dialogs):
        dialog.close()


def texts(model, column: int) -> list[str]:
    return [model.data(model.index(row, column), DISPLAY) for row in range(model.rowCount())]


def test_list_model_shows_each_scenario_and_passes_the_model_tester(two):
    model = ScenarioListModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)
    for scenario in two:
        model.add(scenario)
    assert texts(model, ScenarioListModel.NAME) == ["Budget 780", "Budget 700"]
    assert texts(model, ScenarioListModel.OBJECTIVE) == \
        [f"{s.result.solution.objective_value:,.2f}" for s in two]
    assert texts(model, ScenarioListModel.STATUS) == ["Optimal", "Optimal"]
    assert texts(model, ScenarioListModel.CAPEX) == \
        [f"{sum(x.capex for x in s.result.selected):,.2f}" for s in two]
    assert model.units_note() == "Amounts in CNY 100m."
    assert model.data(model.index(1, 0), ScenarioListModel.ROW_ROLE) is two[1]
    assert model.data(model.index(0, ScenarioListModel.OBJECTIVE), ScenarioListModel.SORT_ROLE) == \
        two[0].result.solution.objective_value
    model.remove([0])
    assert model.scenarios() == [two[1]]
    model.set_scenarios(two)
    assert model.rowCount() == 2


def test_comparison_models_pass_the_model_tester(two):
    comparison = compare(two)
    for model in (KpiComparisonModel(comparison), ProjectDifferenceModel(comparison)):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, model)
        assert model.rowCount() > 0


def test_save_button_asks_the_window_and_the_window_adds(qtbot, panel, two):
    panel.saveRequested.connect(lambda: panel.add(two[len(panel.scenarios())]))
    with qtbot.waitSignal(panel.scenariosChanged):
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.scenarios() == two
    assert panel.empty_hint.isHidden()


def test_compare_needs_two_selected_and_shows_kpis_and_differing_projects(qtbot, panel, two):
    for scenario in two:
        panel.add(scenario)
    panel.select([0])
    assert not panel.compare_button.isEnabled() and panel.delete_button.isEnabled()
    panel.select([0, 1])
    assert panel.compare_button.isEnabled()
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    assert len(panel.dialogs) == 1
    dialog = panel.dialogs[0]
    assert isinstance(dialog, CompareDialog) and dialog.isVisible()

    kpis = dialog.kpi_table.model()
    labels = texts(kpis, KpiComparisonModel.LABEL)
    headers = [kpis.headerData(c, Qt.Orientation.Horizontal, DISPLAY) for c in range(kpis.columnCount())]
    assert headers == ["KPI", "Target", "Budget 780", "Budget 700"]
    results = [s.result for s in two]
    objective = texts(kpis, 2)[labels.index("Objective value (CNY 100m)")], \
        texts(kpis, 3)[labels.index("Objective value (CNY 100m)")]
    assert objective == tuple(f"{r.solution.objective_value:,.2f}" for r in results)
    roe = labels.index("ROE (%)")
    for column, result in zip((2, 3), results, strict=True):
        kpi = result.kpis["roe"]
        assert texts(kpis, column)[roe] == f"{kpi.after:.2%} " + ("✓" if kpi.met else "✗")
        assert kpis.data(kpis.index(roe, column), Qt.ItemDataRole.BackgroundRole).color() == MET_BACKGROUND
    capex = labels.index("Total capex (CNY 100m)")
    assert texts(kpis, KpiComparisonModel.TARGET)[capex] == "differs"
    assert texts(kpis, KpiComparisonModel.TARGET)[roe] == f"≥ {results[0].kpis['roe'].target:.2%}"

    projects = dialog.project_table.model()
    wide, tight = (r.solution.portfolio for r in results)
    expected = {pid for pid in set(wide) | set(tight) if wide.get(pid) is None or tight.get(pid) is None
                or wide[pid].start_year != tight[pid].start_year or abs(wide[pid].share - tight[pid].share) > 1e-6}
    shown = dict(zip(texts(projects, 0), zip(texts(projects, 2), texts(projects, 3), strict=True), strict=True))
    assert set(shown) == expected
    for pid, cells in shown.items():
        for funding, cell in zip((wide.get(pid), tight.get(pid)), cells, strict=True):
            assert cell.startswith("✓") if funding else cell == "✗ not chosen"
            if funding:
                assert str(funding.start_year) in cell
    assert dialog.width() <= 1366 and dialog.height() <= 768


def test_compare_dialog_is_readable_at_1366x768(qtbot, two, settings):
    dialog = CompareDialog(two, settings=settings)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 650)
    dialog.show()
    assert dialog.kpi_table.viewport().height() > 150 and dialog.project_table.viewport().height() > 100
    header = dialog.kpi_table.horizontalHeader()
    assert header.sectionSize(0) >= dialog.kpi_table.fontMetrics().horizontalAdvance("Strategic emerging")
    dialog.resize(720, 480)  # within the offscreen screen, which restoring the geometry keeps to
    dialog.close()
    reopened = CompareDialog(two, settings=settings)
    qtbot.addWidget(reopened)
    assert (reopened.width(), reopened.height()) == (720, 480)  # geometry remembered in the settings


def test_delete_removes_the_selected_scenarios(qtbot, panel, two):
    for scenario in two:
        panel.add(scenario)
    panel.select([0])
    with qtbot.waitSignal(panel.scenariosChanged):
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert panel.scenarios() == [two[1]]
    assert not panel.delete_button.isEnabled()


def test_delete_keeps_them_when_the_user_says_no(qtbot, panel, two, monkeypatch):
    panel.add(two[0])
    monkeypatch.setattr(panel, "confirm_delete", lambda names: False)
    panel.select([0])
    panel.delete_selected()
    assert panel.scenarios() == [two[0]]


def test_export_all_writes_a_workbook_that_reads_back(qtbot, panel, two, tmp_path, monkeypatch, settings):
    for scenario in two:
        panel.add(scenario)
    target = tmp_path / "out" / "scenarios.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(panel, "ask_export_path", lambda: str(target))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert panel.errors == []
    wb = load_workbook(target)
    assert wb.sheetnames == [COMPARISON, "Budget 780", "Budget 700"]
    rows = list(wb[COMPARISON].iter_rows(values_only=True))
    objective = next(row for row in rows if row[0] == "Objective value")
    assert [objective[3], objective[6]] == pytest.approx([s.result.solution.objective_value for s in two])
    assert settings.last_folder() == str(target.parent)


def test_export_failure_is_shown_not_raised(qtbot, panel, two, tmp_path, monkeypatch):
    panel.add(two[0])
    monkeypatch.setattr(panel, "ask_export_path", lambda: str(tmp_path / "no such folder" / "x.xlsx"))
    assert panel.export_all() is False
    assert len(panel.errors) == 1 and "does not exist" in panel.errors[0]


def test_export_cancelled_writes_nothing(panel, two, tmp_path, monkeypatch):
    panel.add(two[0])
    monkeypatch.setattr(panel, "ask_export_path", lambda: None)
    assert panel.export_all() is False
    assert panel.errors == [] and not list(tmp_path.glob("*.xlsx"))


def test_a_loaded_scenario_shows_and_compares_without_its_full_result(qtbot, panel, two, demo):
    loaded = scenario_from_dict(scenario_to_dict(two[1]), demo)
    panel.set_scenarios([two[0], loaded])
    assert texts(panel.model, ScenarioListModel.OBJECTIVE)[1] == f"{two[1].result.solution.objective_value:,.2f}"
    assert "Loaded from file" in panel.model.data(panel.model.index(1, 0), Qt.ItemDataRole.ToolTipRole)
    panel.select([0, 1])
    dialog = panel.compare_selected()
    assert dialog is not None
    assert {p.project_id for p in dialog.comparison.projects} == {p.project_id for p in compare(two).projects}
