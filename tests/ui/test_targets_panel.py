"""The targets and baseline form: what a planner types becomes the new Case."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.io.workbook import read_case
from optimizer.model.case import ENTERPRISE_FIGURES
from optimizer.model.targets import LIMIT_KEYS, YEARLY_TARGETS, yearly_key
from optimizer.paths import DEMO_CASE
from ui.panels.targets_panel import DEBOUNCE_MS, TargetsPanel


@pytest.fixture(scope="module")
def case():
    return read_case(DEMO_CASE)


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


def test_shows_every_target_in_planners_units(panel, case):
    keys = set(LIMIT_KEYS) | {f"budget_{year}" for year in case.years} | {
        yearly_key(key, year) for key in YEARLY_TARGETS for year in case.years}
    assert set(panel.limit_rows) == keys
    share = panel.limit_rows["min_strategic_share"]
    assert share.check.isChecked() and share.spin.value() == 65.0
    assert share.spin.text() == "≥ 65.00 %"
    assert panel.limit_rows["budget_2027"].spin.text() == "≤ 160.00 CNY 100m"
    assert panel.limit_rows["max_avg_risk"].spin.value() == 3.2
    assert set(panel.enterprise_rows) == set(ENTERPRISE_FIGURES)
    assert panel.enterprise_rows["revenue"].spin.text() == "3,000.00 CNY 100m"
    assert panel.enterprise_rows["tax_rate"].spin.text() == "25.00 %"
    assert panel.objective_combo.currentData() == "npv"


def test_setting_the_strategic_share_to_40_percent(qtbot, panel, case):
    spin = panel.limit_rows["min_strategic_share"].spin
    new = edited_case(qtbot, panel, lambda: spin.setValue(40.0))
    assert new.settings.limits["min_strategic_share"] == 0.40
    others = {k: v for k, v in new.settings.limits.items() if k != "min_strategic_share"}
    assert others == {k: v for k, v in case.settings.limits.items() if k != "min_strategic_share"}
    assert case.settings.limits["min_strategic_share"] == 0.65  # the case given is not changed


def test_unticking_a_target_removes_it(qtbot, panel, case):
    row = panel.limit_rows["max_debt_ratio"]
    new = edited_case(qtbot, panel, lambda: row.check.setChecked(False))
    assert "max_debt_ratio" not in new.settings.limits
    assert not row.spin.isEnabled()
    assert len(new.settings.limits) == len(case.settings.limits) - 1


def test_ticking_a_target_the_case_lacks_sets_it(qtbot, panel, case):
    panel.set_case(case.with_limits(budget_2029=None))
    row = panel.limit_rows["budget_2029"]
    assert not row.check.isChecked() and not row.spin.isEnabled()

    def tick_and_type():
        row.check.setChecked(True)
        row.spin.setValue(185.5)

    assert edited_case(qtbot, panel, tick_and_type).settings.limits["budget_2029"] == 185.5


def test_an_eva_floor_may_be_negative_like_in_the_workbook(qtbot, panel):
    """EVA below zero is a floor a planner may set (the reader takes min_eva = -5); a budget cannot go below 0."""
    row = panel.limit_rows["min_eva"]

    def tick_and_type():
        row.check.setChecked(True)
        row.spin.setValue(-5.0)

    assert edited_case(qtbot, panel, tick_and_type).settings.limits["min_eva"] == -5.0
    budget = panel.limit_rows["budget_2027"].spin
    budget.setValue(-5.0)
    assert budget.value() == 0.0


def test_quick_edits_make_one_new_case(qtbot, panel):
    emitted = []
    panel.caseEdited.connect(emitted.append)
    spin = panel.limit_rows["min_roe"].spin
    for value in (7.5, 8.0, 8.5):
        spin.setValue(value)
    qtbot.wait(DEBOUNCE_MS + 200)
    assert len(emitted) == 1
    assert emitted[0].settings.limits["min_roe"] == pytest.approx(0.085)


def test_set_case_emits_nothing(qtbot, panel, case):
    with qtbot.assertNotEmitted(panel.caseEdited, wait=DEBOUNCE_MS + 100):
        panel.set_case(case.with_limits(min_roe=0.08, total_budget=None))
    assert panel.limit_rows["min_roe"].spin.value() == 8.0
    assert not panel.limit_rows["total_budget"].check.isChecked()


def test_a_pending_edit_survives_a_new_case_from_elsewhere(qtbot, panel, case):
    panel.limit_rows["min_roe"].spin.setValue(9.0)
    panel.set_case(case.with_limits(total_budget=700.0))  # e.g. a what-if slider moved meanwhile
    new = edited_case(qtbot, panel, lambda: None)
    assert new.settings.limits["min_roe"] == pytest.approx(0.09)
    assert new.settings.limits["total_budget"] == 700.0


def test_objective_and_weights(qtbot, panel):
    weight = panel.weight_rows["weight_risk"].spin
    assert not weight.isEnabled()  # weights matter for the score objective only
    score = panel.objective_combo.findData("score")
    new = edited_case(qtbot, panel, lambda: panel.objective_combo.setCurrentIndex(score))
    assert new.settings.objective == "score"
    assert weight.isEnabled()
    new = edited_case(qtbot, panel, lambda: weight.setValue(0.3))
    assert new.settings.weights == {"weight_return": 0.4, "weight_strategic": 0.25, "weight_security": 0.15,
                                    "weight_innovation": 0.1, "weight_risk": 0.3}


def test_baseline_edits(qtbot, panel, case):
    revenue = panel.enterprise_rows["revenue"]
    new = edited_case(qtbot, panel, lambda: revenue.spin.setValue(3200.0))
    assert new.enterprise == replace(case.enterprise, revenue=3200.0)
    new = edited_case(qtbot, panel, lambda: revenue.check.setChecked(False))
    assert new.enterprise.revenue is None
    hurdle = panel.enterprise_rows["hurdle_rate"]
    assert hurdle.check is None  # always set: it has a default
    assert edited_case(qtbot, panel, lambda: hurdle.spin.setValue(2.5)).enterprise.hurdle_rate == 0.025


def test_budget_rows_follow_the_plan_years(panel, case):
    shorter = replace(case, years=(2027, 2028))
    panel.set_case(shorter)
    assert {k for k in panel.limit_rows if k.startswith("budget_")} == {"budget_2027", "budget_2028"}
    panel.set_case(case)
    assert panel.limit_rows["budget_2031"].spin.value() == 90.0


def test_fits_a_420_pixel_dock(qtbot, panel):
    panel.show()
    qtbot.waitExposed(panel)
    content = panel.scroll.widget()
    assert content.minimumSizeHint().width() <= panel.scroll.viewport().width()
    assert not panel.scroll.horizontalScrollBar().isVisible()


def test_without_a_baseline_the_rates_say_what_they_need(panel, case):
    assert not panel.baseline_hint.isVisibleTo(panel)
    panel.set_case(replace(case, enterprise=None))
    assert panel.baseline_hint.isVisibleTo(panel)
    assert not panel.enterprise_rows["revenue"].check.isChecked()
    assert panel.enterprise_rows["tax_rate"].spin.value() == 25.0  # the default, shown
