"""What-if sliders: each move gives the case with that one limit changed."""

from __future__ import annotations

import pytest

from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from ui.panels.whatif import RATE_SLIDERS, WhatIfPanel


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
    for spec in RATE_SLIDERS:
        if spec.key in limits:
            assert case.settings.limits[spec.key] == pytest.approx(limits[spec.key], abs=spec.step / 2)
    assert "100% = 780.00 CNY 100m" in panel.budget.value.text()


def test_moving_the_budget_slider_changes_only_the_total_budget(qtbot, demo):
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(demo)
    with qtbot.waitSignal(panel.changed) as blocker:
        panel.budget.slider.setValue(panel._budget_position(0.9))
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
    spec = next(s for s in RATE_SLIDERS if s.key == "min_rd_intensity")
    with qtbot.waitSignal(panel.changed) as blocker:
        panel.rates["min_rd_intensity"].slider.setValue(round((0.03 - spec.low) / spec.step))
    assert blocker.args[0].settings.limits["min_rd_intensity"] == pytest.approx(0.03)
    assert panel.rates["min_rd_intensity"].value.text() == "3.00%"
