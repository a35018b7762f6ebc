"""Labour productivity reads the same everywhere: 万元 per person for a case in 亿元 ("CNY 100m").

The demo workbook's target is 0.0078 亿元 per person (Settings sheet), which is 78 万元 per person
(1 亿元 = 10,000 万元): every widget must say "78.00" and "万元/人" for it (CNY 10k per person in the English
window), and a target typed as 80 万元/人 must reach the engine as 0.008 亿元 per person.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from optimizer.io.scenarios import Scenario, compare
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from ui.i18n import install_language, productivity_unit
from ui.panels.diagnosis_panel import ConstraintTableModel, DiagnosisPanel
from ui.panels.kpi_cards import KpiPanel
from ui.panels.scenarios_panel import KpiComparisonModel
from ui.panels.targets_panel import DEBOUNCE_MS, TargetsPanel

KEY = "min_labour_productivity"


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


@pytest.fixture(scope="module")
def result(demo):
    return Planner().solve(demo)


def test_the_demo_target_is_0_0078_in_the_workbook(demo):
    assert demo.settings.currency_unit == "CNY 100m"
    assert demo.settings.limits[KEY] == 0.0078


@pytest.mark.parametrize(("currency", "typed", "engine"), [
    ("CNY 100m", 80.0, 0.008), ("亿元", 80.0, 0.008), ("CNY 100m", 78.25, 0.007825), ("万元", 78.25, 78.25)])
def test_a_target_typed_in_the_shown_unit_reaches_the_engine_divided_by_the_factor(qtbot, demo, currency, typed,
                                                                                   engine):
    case = replace(demo, settings=replace(demo.settings, currency_unit=currency))
    panel = TargetsPanel()
    qtbot.addWidget(panel)
    panel.set_case(case)
    spin = panel.limit_rows[KEY].spin
    with qtbot.waitSignal(panel.caseEdited, timeout=DEBOUNCE_MS + 2000) as signal:
        spin.setValue(typed)
    factor = productivity_unit(currency).factor
    assert factor == (10_000.0 if currency != "万元" else 1.0)
    sent = signal.args[0].settings.limits[KEY]
    assert sent == typed / factor
    assert sent == pytest.approx(engine, rel=1e-12)


def test_an_untouched_target_is_not_rounded_to_the_shown_decimals(qtbot, demo):
    case = demo.with_limits(**{KEY: 0.00781234})
    panel = TargetsPanel()
    qtbot.addWidget(panel)
    panel.set_case(case)
    assert panel.limit_rows[KEY].spin.text() == "≥ 78.12"
    with qtbot.waitSignal(panel.caseEdited, timeout=DEBOUNCE_MS + 2000) as signal:
        panel.limit_rows["min_roe"].spin.setValue(6.0)
    assert signal.args[0].settings.limits[KEY] == 0.00781234


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_widget_shows_the_target_as_78_00_wan_yuan_per_person(qtbot, qapp, demo, result, language):
    assert install_language(qapp, language) == language
    unit = "万元/人" if language == "zh_CN" else "CNY 10k per person"  # the engine's words for it (words/units.py)
    try:
        cards = KpiPanel()
        qtbot.addWidget(cards)
        cards.set_result(result)
        card = cards.card("labour_productivity")
        assert card.target_text().endswith(f"≥ 78.00 {unit}")

        targets = TargetsPanel()
        qtbot.addWidget(targets)
        targets.set_case(demo)
        row = targets.limit_rows[KEY]
        assert row.spin.text() == "≥ 78.00"
        assert "（万元/人）" in row.label.text() if language == "zh_CN" else f"({unit})" in row.label.text()

        diagnosis = DiagnosisPanel()
        qtbot.addWidget(diagnosis)
        diagnosis.set_result(result)
        model = diagnosis.constraints
        line = next(r for r in range(model.rowCount())
                    if model.index(r, 0).data(ConstraintTableModel.ROW_ROLE).name == KEY)
        assert model.index(line, ConstraintTableModel.LIMIT).data() == f"78.00 {unit}"

        scenarios = [Scenario(name, demo, result, datetime(2026, 3, 1, 9, 30)) for name in ("A", "B")]
        comparison = KpiComparisonModel(compare(scenarios))
        labels = [comparison.data(comparison.index(r, KpiComparisonModel.LABEL)) for r in range(comparison.rowCount())]
        line = next(r for r, label in enumerate(labels) if label.endswith(f"({unit})"))
        assert comparison.data(comparison.index(line, KpiComparisonModel.TARGET)) == "≥ 78.00"
        after = result.kpis["labour_productivity"].after
        shown = comparison.data(comparison.index(line, KpiComparisonModel.FIRST_SCENARIO))
        assert shown.split()[0] == f"{after * 10_000:,.2f}"
        assert card.value_text().split(" → ")[1] == f"{after * 10_000:,.2f} {unit}"
        assert sum(label.count(unit) for label in labels) == 1  # no other row speaks of it
    finally:
        install_language(qapp, "en")
