"""The pairwise-comparison dialog reproduces a published AHP example and warns on contradictions."""

from __future__ import annotations

import pytest

from optimizer.model.targets import WEIGHT_KEYS
from tests.published import DRINKS, PUBLISHED_CR, PUBLISHED_WEIGHTS, SAATY_2008_DRINKS
from ui.dialogs.ahp_dialog import AhpDialog


def test_dialog_reproduces_saaty_2008_drinks_example(qtbot):
    dialog = AhpDialog(DRINKS)
    qtbot.addWidget(dialog)
    for i, a in enumerate(DRINKS):
        for j, b in enumerate(DRINKS):
            if i < j:
                dialog.set_judgement(a, b, SAATY_2008_DRINKS[i][j])
    result = dialog.result()
    assert [result.weights[d] for d in DRINKS] == pytest.approx(PUBLISHED_WEIGHTS, abs=5e-4)
    assert result.consistency_ratio == pytest.approx(PUBLISHED_CR, abs=5e-4)
    # shown live, as the user reads them
    assert [float(dialog.weight_labels[d].text()) for d in DRINKS] == pytest.approx(PUBLISHED_WEIGHTS, abs=1.5e-3)
    assert "0.022" in dialog.consistency.text()
    assert dialog.warning.isHidden()


def test_contradicting_comparisons_show_the_warning(qtbot):
    dialog = AhpDialog(("a", "b", "c"))
    qtbot.addWidget(dialog)
    dialog.set_judgement("a", "b", 9)
    dialog.set_judgement("b", "c", 9)
    dialog.set_judgement("c", "a", 9)  # a cycle: the circulant matrix of test_ahp, CR far above 0.1
    assert dialog.result().consistency_ratio > 0.1
    assert not dialog.warning.isHidden() and "0.1" in dialog.warning.text()


def test_dialog_starts_from_the_given_weights(qtbot):
    # consistent weights 4:2:2:1:1 on the scale: the dialog gives them back exactly
    given = dict(zip(WEIGHT_KEYS, (0.4, 0.2, 0.1, 0.1, 0.2), strict=True))
    dialog = AhpDialog(WEIGHT_KEYS, weights=given)
    qtbot.addWidget(dialog)
    assert dialog.weights() == pytest.approx(given)
    assert dialog.result().consistency_ratio == pytest.approx(0.0, abs=1e-9)


def test_ok_applies_the_weights_to_the_case_as_the_sliders_do(qtbot):
    from dataclasses import replace

    from optimizer.io.workbook import read_case
    from optimizer.paths import DEMO_CASE
    from ui.panels.whatif import WhatIfPanel

    demo = read_case(DEMO_CASE)
    case = replace(demo, settings=replace(demo.settings, objective="score"))
    panel = WhatIfPanel()
    qtbot.addWidget(panel)
    panel.set_case(case)
    assert panel.weights_box.isVisibleTo(panel) and panel.ahp_button.isVisibleTo(panel)
    dialog = panel.ahp_dialog()
    qtbot.addWidget(dialog)
    dialog.set_judgement("weight_return", "weight_risk", 3)
    dialog.set_judgement("weight_strategic", "weight_security", 5)
    expected = dialog.weights()
    with qtbot.waitSignal(panel.changed) as blocker:
        panel.apply_weights(expected)
    assert blocker.args[0].settings.weights == pytest.approx(expected)  # exact, not rounded to the slider
    assert blocker.args[0].projects is case.projects
