"""What-if sliders: each move gives the case with that one limit changed."""

from __future__ import annotations

import pytest

from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
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
