"""Risk and stability in the window, checked against the engine run independently and a hand-solved case.

The case has room for one of A and B; C always fits. A has the higher NPV (10 against 8) but the
lower pessimistic NPV (2 against 7): risk-neutral the answer is A and C, fully risk-averse B and C.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog

from optimizer.analysis.risk import portfolio_risk
from optimizer.analysis.stability import stability
from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from tests.builders import make_workbook
from tests.ui.conftest import isolated_settings
from ui.panels.risk_panel import RiskLine, money
from ui.tables.portfolio_table import PortfolioTableModel
from ui.window.main_window import MainWindow

PROJECTS = [
    {"id": "A", "name": "Risky", "capex_2027": 5.0, "npv": 10.0, "npv_low": 2.0, "npv_high": 12.0},
    {"id": "B", "name": "Safe", "capex_2027": 5.0, "npv": 8.0, "npv_low": 7.0, "npv_high": 11.0},
    {"id": "C", "name": "Sure", "capex_2027": 1.0, "npv": 3.0},
]


@pytest.fixture
def case_path(tmp_path):
    return make_workbook(tmp_path / "risky.xlsx", PROJECTS, {"total_budget": 6.0}, None)


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.stability_run.cancel()
    w.stability_run.tasks.wait()
    w.controller.cancel()
    w.controller.wait()


def open_and_wait(qtbot, window, path):
    with qtbot.waitSignal(window.controller.resultReady, timeout=30000) as blocker:
        assert window.open_case(Path(path))
    return blocker.args[0]


def test_risk_line_shows_the_portfolios_pessimistic_npv_and_cvar(qtbot, case_path):
    case = read_case(case_path)
    result = Planner().solve(case)
    assert sorted(result.solution.portfolio) == ["A", "C"]
    line = RiskLine()
    qtbot.addWidget(line)
    line.set_result(result)
    expected = portfolio_risk(case, result.solution.portfolio)
    assert line.figures == expected
    assert expected.pessimistic_npv == pytest.approx(2.0 + 3.0)  # by hand: A and C at their npv_low
    unit = case.settings.currency_unit
    for figure in (expected.pessimistic_npv, expected.cvar, expected.expected_npv):
        assert money(figure, unit) in line.text()
    assert "CVaR 90%" in line.text() and not line.isHidden()


def test_risk_line_hidden_without_npv_ranges(qtbot, tmp_path):
    plain = [{k: v for k, v in p.items() if not k.startswith("npv_")} for p in PROJECTS]
    case = read_case(make_workbook(tmp_path / "plain.xlsx", plain, {"total_budget": 6.0}, None))
    line = RiskLine()
    qtbot.addWidget(line)
    line.set_result(Planner().solve(case))
    assert line.isHidden() and line.figures is None


def test_risk_aversion_slider_re_solves_without_a_rebuild(qtbot, window, case_path):
    first = open_and_wait(qtbot, window, case_path)
    assert sorted(first.solution.portfolio) == ["A", "C"]
    assert window.whatif.risk_available()
    rebuilds = window.controller.session.rebuilds
    with qtbot.waitSignal(window.controller.resultReady, timeout=30000) as blocker:
        window.whatif.risk.slider.setValue(100)
        window.whatif.risk.check.setChecked(True)
    result = blocker.args[0]
    assert result.case.settings.risk_aversion == 1.0
    assert sorted(result.solution.portfolio) == ["B", "C"]  # pessimistic 7 + 3 beats 2 + 3
    assert window.controller.session.rebuilds == rebuilds
    assert money(7.0 + 3.0, result.case.settings.currency_unit) in window.risk_line.text()


def test_stability_column_and_export_match_the_engine(qtbot, window, case_path, tmp_path, monkeypatch):
    result = open_and_wait(qtbot, window, case_path)
    with qtbot.waitSignal(window.stability_run.done, timeout=60000):
        window.start_stability(6)
    expected = stability(read_case(case_path), draws=6)  # the same default seed, run on its own
    assert 0 < expected.share("A") < 1, "the draws go both ways"
    model = window.portfolio.model
    assert not window.portfolio.table.isColumnHidden(PortfolioTableModel.STABLE)
    shown = {model.row_at(r).id: model.index(r, PortfolioTableModel.STABLE).data() for r in range(model.rowCount())}
    assert shown == {pid: f"{expected.share(pid):.0%}" for pid in result.solution.portfolio}

    out = tmp_path / "out.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    window.export_dialog()
    qtbot.waitUntil(out.exists, timeout=60000)  # once each binding limit's step is re-solved
    sheets = openpyxl.load_workbook(out).worksheets
    stability_cells = {}
    for ws in sheets:
        header = [c.value for c in ws[1]]
        if "Stability" in header and "ID" in header:
            column, ids = header.index("Stability"), header.index("ID")
            stability_cells = {row[ids]: row[column] for row in ws.iter_rows(min_row=2, values_only=True)
                               if row[ids] in result.solution.portfolio}
    assert stability_cells == pytest.approx({pid: expected.share(pid) for pid in result.solution.portfolio})
