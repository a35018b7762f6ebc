"""The "one profit, five rates" targets by year in the targets form: a row per target, its target for every
year in the first column and one column per plan year; what a planner types there reaches the engine as the
workbook's own keys and binds in that year."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from optimizer.io.workbook import read_case
from tests.builders import HAND_ENTERPRISE, MIDDLE_YEAR, make_workbook
from ui.panels.targets_panel import DEBOUNCE_MS, TargetsPanel
from ui.window.document import Change, PlanningDocument

# Three plants over 2027-2029, each started in 2027 or not at all (workbook.md, "Year by year"): A and B run
# from 2029 (build_years 2), C from 2027. The group: assets 1000, liabilities 600 (net assets 400).
PROJECTS, ENTERPRISE = MIDDLE_YEAR, HAND_ENTERPRISE
SETTINGS = {"min_roe": 0.05, "max_debt_ratio_2028": 0.66}


@pytest.fixture
def case(tmp_path):
    return read_case(make_workbook(tmp_path / "years.xlsx", PROJECTS, SETTINGS, ENTERPRISE))


@pytest.fixture
def panel(qtbot, case):
    panel = TargetsPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 700)
    panel.set_case(case)
    return panel


def edited_case(qtbot, panel, edit):
    """The Case emitted after `edit()` (and the debounce)."""
    with qtbot.waitSignal(panel.caseEdited, timeout=DEBOUNCE_MS + 2000) as signal:
        edit()
    return signal.args[0]


def type_into(qtbot, box, text: str) -> None:
    """Select what the box shows, type `text` over it (nothing: clear it) and press Enter, as a planner would."""
    box.selectAll()
    qtbot.keyClick(box, Qt.Key_Backspace)
    if text:
        qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key_Return)


def cell(panel, key: str):
    return panel.limit_rows[key].spin


def test_the_targets_stand_in_their_row_and_year(panel):
    grid = panel.year_grid
    assert [label.text() for label in grid.headers] == ["Every year", "2027", "2028", "2029"]
    roe = panel.limit_rows["min_roe"]
    assert roe.check.isChecked() and roe.spin.text() == "≥ 5.00"
    assert "ROE (%)" in roe.label.text()
    assert cell(panel, "max_debt_ratio_2028").text() == "≤ 66.00"
    assert not panel.limit_rows["max_debt_ratio"].check.isChecked()  # no debt-ratio target for every year
    blank = [f"{key}_{year}" for key in ("min_roe", "max_debt_ratio", "min_rd_intensity") for year in (2027, 2029)]
    assert all(cell(panel, key).text() == "" for key in [*blank, "min_roe_2028"])
    # the steady state only: nothing applies in a blank year, and a blank box says so
    assert panel.kpi_check_combo.currentData() == "steady"
    assert cell(panel, "min_roe_2027").lineEdit().placeholderText() == ""
    assert "Blank: no target in 2027" in cell(panel, "min_roe_2027").toolTip()


def test_typing_a_2029_debt_ratio_binds_the_2029_answer(qtbot, panel, case):
    # By hand, 2029's debt ratio with the assets and debt of the projects' capex (C_i (1 - q_i)):
    # all three (600 + 96 + 80 + 5) / (1000 + 230) = 63.50%, A and C (600 + 101) / (1000 + 130) = 62.04%,
    # B and C (600 + 85) / 1110 = 61.71%: under 63% the best NPV is A and C (12 + 2 = 14), without it all three.
    document = PlanningDocument(debounce_ms=20)
    try:
        panel.caseEdited.connect(lambda edited: document.edit(edited, Change.TARGETS_EDITED))
        with qtbot.waitSignal(document.resultChanged, timeout=60000) as first:
            document.open(case)
        assert set(first.args[0].solution.portfolio) == {"A", "B", "C"}
        assert first.args[0].kpis_by_year[2029]["debt_ratio"].target is None

        box = cell(panel, "max_debt_ratio_2029")
        with qtbot.waitSignal(document.resultChanged, timeout=60000) as answered:
            sent = edited_case(qtbot, panel, lambda: type_into(qtbot, box, "63"))
        assert sent.settings.limits == {**case.settings.limits, "max_debt_ratio_2029": 0.63}
        assert box.text() == "≤ 63.00"
        result = answered.args[0]
        assert result.case.settings.limits["max_debt_ratio_2029"] == 0.63
        assert set(result.solution.portfolio) == {"A", "C"}
        debt_2029 = result.kpis_by_year[2029]["debt_ratio"]
        assert debt_2029.target == 0.63
        assert debt_2029.after == pytest.approx(701 / 1130)
        assert result.kpis_by_year[2028]["debt_ratio"].target == 0.66
    finally:
        document.stop()


def test_clearing_a_year_removes_its_target(qtbot, panel, case):
    sent = edited_case(qtbot, panel, lambda: type_into(qtbot, cell(panel, "max_debt_ratio_2028"), ""))
    assert sent.settings.limits == {"min_roe": 0.05}
    assert cell(panel, "max_debt_ratio_2028").text() == ""


def test_a_years_box_takes_what_the_target_takes(qtbot, panel):
    # ROE may be negative (a rate between -100% and 100%); a debt ratio is a share: the minus sign is refused
    sent = edited_case(qtbot, panel, lambda: type_into(qtbot, cell(panel, "min_roe_2027"), "-2.5"))
    assert sent.settings.limits["min_roe_2027"] == pytest.approx(-0.025)
    sent = edited_case(qtbot, panel, lambda: type_into(qtbot, cell(panel, "max_debt_ratio_2027"), "-64"))
    assert sent.settings.limits["max_debt_ratio_2027"] == pytest.approx(0.64)


def test_the_kpi_check_on_every_plan_year(qtbot, panel, case):
    combo = panel.kpi_check_combo
    assert "steady: the steady state after the plan only" in combo.toolTip()  # the workbook's words
    assert "every_year: the steady state and each plan year" in combo.toolTip()
    sent = edited_case(qtbot, panel, lambda: combo.setCurrentIndex(combo.findData("every_year")))
    assert sent.settings.kpi_check == "every_year"
    assert sent.settings.limits == case.settings.limits
    # a blank year now holds the target for every year, shown in grey; a year's own target stays its own
    assert cell(panel, "min_roe_2027").lineEdit().placeholderText() == "≥ 5.00"
    assert cell(panel, "min_roe_2027").text() == ""
    assert "the target for every year applies in 2027" in cell(panel, "min_roe_2027").toolTip()
    assert cell(panel, "max_debt_ratio_2027").lineEdit().placeholderText() == ""  # no debt target for every year
    panel.limit_rows["min_roe"].spin.setValue(6.0)
    assert cell(panel, "min_roe_2029").lineEdit().placeholderText() == "≥ 6.00"
    sent = edited_case(qtbot, panel, lambda: combo.setCurrentIndex(combo.findData("steady")))
    assert sent.settings.kpi_check == "steady"
    assert cell(panel, "min_roe_2027").lineEdit().placeholderText() == ""


def test_the_equity_of_new_projects_from_own_funds(qtbot, panel, case):
    combo = panel.equity_source_combo
    assert combo.currentData() == "new_capital"
    sent = edited_case(qtbot, panel, lambda: combo.setCurrentIndex(combo.findData("own_funds")))
    assert sent.enterprise == replace(case.enterprise, equity_source="own_funds")
    assert sent.settings == case.settings


def test_a_case_without_targets_by_year_shows_blank_years(panel, case):
    panel.set_case(case.with_limits(max_debt_ratio_2028=None))
    assert all(cell(panel, f"{key}_{year}").text() == "" for key in ("min_roe", "max_debt_ratio")
               for year in case.years)


def test_without_plan_years_or_a_baseline_the_form_is_as_before(panel, case):
    panel.set_case(replace(case, enterprise=None))
    assert panel.baseline_hint.isVisibleTo(panel)
    assert cell(panel, "max_debt_ratio_2028").text() == "≤ 66.00"
    panel.set_case(replace(case, years=(), settings=replace(case.settings, limits={"min_roe": 0.05})))
    assert not any(key.endswith(("_2027", "_2028", "_2029")) for key in panel.limit_rows)
    assert not panel.kpi_check_combo.isVisibleTo(panel)
    assert not panel.year_grid.headers[0].isVisibleTo(panel)  # no "Every year" over a single column
    assert panel.limit_rows["min_roe"].spin.text() == "≥ 5.00"
    panel.set_case(case)
    assert cell(panel, "max_debt_ratio_2028").text() == "≤ 66.00"
    assert panel.kpi_check_combo.isVisibleTo(panel)


def test_five_plan_years_scroll_sideways_beside_the_names(qtbot, panel, case):
    five = replace(case, years=(2027, 2028, 2029, 2030, 2031))
    panel.set_case(five)
    panel.show()
    qtbot.waitExposed(panel)
    content = panel.scroll.widget()
    assert content.minimumSizeHint().width() <= panel.scroll.viewport().width()  # the 420-px dock
    scroll = panel.year_grid.scroll
    bar = scroll.horizontalScrollBar()
    assert bar.isVisible() and bar.maximum() > 0
    bar.setValue(bar.maximum())
    last = cell(panel, "max_debt_ratio_2031")
    right = last.mapTo(scroll.viewport(), last.rect().topRight()).x()
    assert right <= scroll.viewport().width()  # the last year can be reached
    name = panel.limit_rows["max_debt_ratio"].label
    assert name.isVisible() and name.mapTo(panel, name.rect().topLeft()).x() >= 0  # its name stays in place
    # the name and the boxes of a row side by side, at one height
    box = cell(panel, "max_debt_ratio_2028")
    middle = box.mapTo(panel, box.rect().center()).y()
    top, bottom = name.mapTo(panel, name.rect().topLeft()).y(), name.mapTo(panel, name.rect().bottomLeft()).y()
    assert top <= middle <= bottom
    panel.resize(1000, 700)
    qtbot.waitUntil(lambda: not bar.isVisible())
