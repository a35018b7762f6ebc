"""What-if sliders: each move gives the case with that one limit changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from ui.i18n import install_language
from ui.panels.whatif import WhatIfPanel


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


def test_sliders_start_at_the_case_values(qtbot, demo):
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(demo)
    case = panel.current_case()
    limits = demo.settings.limits
    assert case.settings.limits["total_budget"] == pytest.approx(limits["total_budget"])
    for key in panel.rates:
        if key in limits:
            assert case.settings.limits[key] == limits[key]  # the case's own, exactly
    assert "100% = 780.00 CNY 100m" in panel.budget.value.text()


def test_moving_the_budget_slider_changes_only_the_total_budget(qtbot, demo):
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(demo)
    with qtbot.waitSignal(panel.changed) as blocker:
        panel.budget.slider.setValue(panel.budget_position(0.9))
    case = blocker.args[0]
    assert case.settings.limits["total_budget"] == pytest.approx(0.9 * demo.settings.limits["total_budget"])
    assert case.settings.limits["budget_2027"] == demo.settings.limits["budget_2027"]
    assert "90%" in panel.budget.value.text()


def test_unticking_a_target_removes_the_limit(qtbot, demo):
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(demo)
    with qtbot.waitSignal(panel.changed) as blocker:
        panel.rates["min_rd_intensity"].check.setChecked(False)
    assert "min_rd_intensity" not in blocker.args[0].settings.limits
    assert panel.rates["min_rd_intensity"].value.text() == "no limit"


def test_rd_slider_sets_the_rd_floor(qtbot, demo):
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(demo)
    with qtbot.waitSignal(panel.changed) as blocker:
        panel.rates["min_rd_intensity"].set_to(0.03)
    assert blocker.args[0].settings.limits["min_rd_intensity"] == pytest.approx(0.03)
    assert panel.rates["min_rd_intensity"].value.text() == "3.00%"


def test_moving_one_slider_keeps_every_other_limit_the_cases_own(qtbot, demo):
    """A case whose targets lie outside the sliders' usual ranges (a debt-ratio ceiling of 35% below the usual
    40%..90%, an ROE floor of 25% above 0..20%): moving only the budget changes the budget and nothing else,
    and each slider stands at the case's own value."""
    case = demo.with_limits(max_debt_ratio=0.35, min_roe=0.25, min_rd_intensity=0.0296)
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(case)
    for key in ("max_debt_ratio", "min_roe"):
        row = panel.rates[key]
        assert row.slider_value() == pytest.approx(case.settings.limits[key])
        assert row.low <= case.settings.limits[key] <= row.high
    assert panel.rates["max_debt_ratio"].value.text() == "35.00%" and panel.rates["min_roe"].value.text() == "25.00%"
    with qtbot.waitSignal(panel.changed) as blocker:
        panel.budget.slider.setValue(panel.budget_position(0.8))
    moved = blocker.args[0].settings.limits
    assert moved["total_budget"] == pytest.approx(0.8 * case.settings.limits["total_budget"])
    assert {k: v for k, v in moved.items() if k != "total_budget"} == \
        {k: v for k, v in case.settings.limits.items() if k != "total_budget"}
    assert blocker.args[0].settings.weights == case.settings.weights
    assert blocker.args[0].settings.risk_aversion == case.settings.risk_aversion


def test_a_slider_moved_and_back_gives_the_cases_own_value(qtbot, demo):
    case = demo.with_limits(min_rd_intensity=0.0296)  # not on the slider's 0.05% grid
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(case)
    row = panel.rates["min_rd_intensity"]
    start = row.slider.value()
    with qtbot.waitSignal(panel.changed) as blocker:
        row.slider.setValue(start + 4)
    assert blocker.args[0].settings.limits["min_rd_intensity"] == pytest.approx(row.value_at(start + 4))
    with qtbot.waitSignal(panel.changed) as blocker:
        row.slider.setValue(start)
    assert blocker.args[0].settings.limits["min_rd_intensity"] == 0.0296


# --- targets by year ----------------------------------------------------------------------------------------
def test_a_target_by_year_has_a_slider_that_moves_it_alone(qtbot, demo):
    case = demo.with_limits(max_debt_ratio_2028=0.64)
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(case)
    row = panel.limits["max_debt_ratio_2028"]
    assert row.check.text() == "Max debt ratio 2028"
    assert row.check.isChecked() and row.slider_value() == pytest.approx(0.64)
    assert (row.low, row.high) == (panel.limits["max_debt_ratio"].low, panel.limits["max_debt_ratio"].high)
    assert row.value.text() == "64.00%"
    with qtbot.waitSignal(panel.changed) as blocker:
        row.set_to(0.62)
    assert blocker.args[0].settings.limits == {**case.settings.limits, "max_debt_ratio_2028": 0.62}
    assert row.value.text() == "62.00%"
    # its plain target's slider moves the plain key alone: 2028 keeps the 62% just moved to
    with qtbot.waitSignal(panel.changed) as blocker:
        panel.limits["max_debt_ratio"].set_to(0.70)
    assert blocker.args[0].settings.limits == {**case.settings.limits, "max_debt_ratio_2028": 0.62,
                                               "max_debt_ratio": 0.70}


def test_a_target_by_year_the_case_does_not_set_has_no_slider(qtbot, demo):
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(demo.with_limits(min_roe_2029=0.075, min_profit_growth_2028=0.05))
    assert [key for key in panel.limits if key[-4:].isdigit()] == ["min_roe_2029"]  # profit growth has no slider
    grid = panel.limits["min_roe_2029"].check.parentWidget().layout()
    rows = {key: grid.getItemPosition(grid.indexOf(row.check))[0] for key, row in panel.limits.items()}
    assert rows["min_roe_2029"] == max(rows.values())  # below the plain sliders
    assert grid.getItemPosition(grid.indexOf(panel.risk.check))[0] == rows["min_roe_2029"] + 1  # above the risk
    panel.set_case(demo)
    assert not any(key[-4:].isdigit() for key in panel.limits)
    assert grid.indexOf(panel.risk.check) >= 0


def test_with_every_year_the_plain_slider_moves_each_year_without_its_own(qtbot, demo):
    case = demo.with_limits(max_debt_ratio_2028=0.64)
    case = replace(case, settings=replace(case.settings, kpi_check="every_year"))
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(case)
    plain = panel.limits["max_debt_ratio"]
    assert "each plan year that has no target of its own" in plain.check.toolTip()
    with qtbot.waitSignal(panel.changed) as blocker:
        plain.set_to(0.70)
    moved = blocker.args[0]
    assert moved.settings.limits == {**case.settings.limits, "max_debt_ratio": 0.70}
    in_force = moved.limits_in_force
    assert [in_force[f"max_debt_ratio_{year}"] for year in case.years] == [0.70, 0.64, 0.70, 0.70, 0.70]
    # unticked, 2028 follows the target for every year
    with qtbot.waitSignal(panel.changed) as blocker:
        panel.limits["max_debt_ratio_2028"].check.setChecked(False)
    assert "max_debt_ratio_2028" not in blocker.args[0].settings.limits
    assert panel.limits["max_debt_ratio_2028"].value.text() == "as every year: 70.00%"


def test_a_target_by_year_is_named_in_chinese(qtbot, qapp, demo):
    assert install_language(qapp, "zh_CN") == "zh_CN"
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(demo.with_limits(max_debt_ratio_2028=0.64))
    assert panel.limits["max_debt_ratio_2028"].check.text() == "2028年资产负债率上限"
