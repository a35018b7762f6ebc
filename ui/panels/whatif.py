"""What-if sliders: each moves one Settings value of the case, which the model holds as a Parameter.

The panel knows a base case (the document's case as it was before the sliders moved: it follows every
change but its own moves) and emits, on every move, the base with the sliders' limits, weights and risk
aversion; the document puts those settings on its case as edited and asks for a re-solve.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from optimizer.analysis.risk import has_npv_ranges
from optimizer.model.case import Case
from optimizer.model.targets import WEIGHT_KEYS
from ui import i18n
from ui.window.document import Change


@dataclass(frozen=True)
class SliderSpec:
    key: str
    label: str
    low: float
    high: float
    step: float
    kind: str


# Labels are translated where they are shown (WhatIfPanel.tr); QT_TRANSLATE_NOOP lists them for lupdate.
RATE_SLIDERS = [
    SliderSpec("min_strategic_share", QT_TRANSLATE_NOOP("WhatIfPanel", "Min strategic share"), 0.0, 1.0, 0.005,
               "share"),
    SliderSpec("max_debt_ratio", QT_TRANSLATE_NOOP("WhatIfPanel", "Max debt ratio"), 0.40, 0.90, 0.001, "share"),
    SliderSpec("min_roe", QT_TRANSLATE_NOOP("WhatIfPanel", "Min ROE"), 0.0, 0.20, 0.0005, "share"),
    SliderSpec("min_rd_intensity", QT_TRANSLATE_NOOP("WhatIfPanel", "Min R&D intensity"), 0.0, 0.10, 0.0005,
               "share"),
]
WEIGHT_LABELS = {"weight_return": QT_TRANSLATE_NOOP("WhatIfPanel", "Return"),
                 "weight_strategic": QT_TRANSLATE_NOOP("WhatIfPanel", "Strategic"),
                 "weight_security": QT_TRANSLATE_NOOP("WhatIfPanel", "Security"),
                 "weight_innovation": QT_TRANSLATE_NOOP("WhatIfPanel", "Innovation"),
                 "weight_risk": QT_TRANSLATE_NOOP("WhatIfPanel", "Risk")}


class _Row:
    """One slider with its on/off box and its value label."""

    def __init__(self, panel: WhatIfPanel, grid: QGridLayout, row: int, label: str, steps: int):
        self.check = QCheckBox(label.replace("&", "&&"))  # a single & would underline the next letter
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, steps)
        self.value = QLabel()
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("150% = 1,170.00 CNY 100m"))
        self.slider.setMinimumWidth(120)
        self.value.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        grid.addWidget(self.check, row, 0)
        grid.addWidget(self.slider, row, 1)
        grid.addWidget(self.value, row, 2)
        self.check.toggled.connect(self.slider.setEnabled)
        self.check.toggled.connect(panel._changed)
        self.slider.valueChanged.connect(panel._changed)


class WhatIfPanel(QWidget):
    """Sliders for total budget, strategic share, debt ratio, ROE, R&D intensity and score weights."""

    changed = Signal(object)  # a new Case built from the base case and the sliders

    BUDGET_RANGE = (0.5, 1.5)  # share of the case's total budget

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._base: Case | None = None
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("What if…"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        layout.addWidget(box)
        self.budget = _Row(self, grid, 0, self.tr("Total budget"), 100)
        self.rates = {spec.key: _Row(self, grid, i + 1, self.tr(spec.label), round((spec.high - spec.low) / spec.step))
                      for i, spec in enumerate(RATE_SLIDERS)}
        # Risk aversion (0..1): trades expected NPV against the pessimistic NPV; objective npv with NPV ranges.
        self.risk = _Row(self, grid, len(RATE_SLIDERS) + 1, self.tr("Risk aversion"), 100)
        self.risk.check.setToolTip(self.tr("0 maximises the expected NPV, 1 the pessimistic NPV (every project at "
                                           "its npv_low)"))
        self._show_risk(False)
        self.weights_box = QGroupBox(self.tr("Objective weights (score)"))
        weights_grid = QGridLayout(self.weights_box)
        weights_grid.setColumnStretch(1, 1)
        self.weights = {key: _Row(self, weights_grid, i, self.tr(WEIGHT_LABELS[key]), 100)
                        for i, key in enumerate(WEIGHT_KEYS)}
        self.ahp_button = QPushButton(self.tr("Compare pairwise…"))
        self.ahp_button.setToolTip(self.tr("Set the weights by comparing the criteria two at a time (AHP)"))
        self.ahp_button.clicked.connect(self.open_ahp)
        weights_grid.addWidget(self.ahp_button, len(WEIGHT_KEYS), 0, 1, 3)
        self._exact_weights: dict[str, float] = {}
        layout.addWidget(self.weights_box)

    # --- the case ---------------------------------------------------------------------------------
    def base_budget(self) -> float:
        """100% of the budget slider: the case's total budget, else what all candidates would cost."""
        case = self._base
        if case is None:
            return 0.0
        return case.settings.limits.get("total_budget") or sum(p.total_capex for p in case.projects)

    def follow_case(self, case: Case, change: Change) -> None:
        """The document's case as the new base, but for the one this panel's own move made (the sliders
        stand where the user left them, and a move is measured from the base)."""
        if change is not Change.WHAT_IF:
            self.set_case(case)

    def set_case(self, case: Case) -> None:
        """Take this case as the base: every slider to the case's own value."""
        self._base = case
        self._loading = True
        limits = case.settings.limits
        self.budget.check.setChecked("total_budget" in limits)
        self.budget.slider.setEnabled("total_budget" in limits)
        self.budget.slider.setValue(self._budget_position(1.0))
        for spec in RATE_SLIDERS:
            row = self.rates[spec.key]
            row.check.setChecked(spec.key in limits)
            row.slider.setEnabled(spec.key in limits)
            row.slider.setValue(self._position(spec, limits.get(spec.key, spec.low)))
        score = case.settings.objective == "score"
        self.weights_box.setVisible(score)
        given = case.settings.weights
        self._exact_weights = dict(given) if given else {}
        for key, row in self.weights.items():
            row.check.setChecked(True)
            row.slider.setValue(round(100 * (given.get(key, 0.0) if given else 0.2)))
        self._show_risk(case.settings.objective == "npv" and has_npv_ranges(case))
        self.risk.check.setChecked(case.settings.risk_aversion > 0)
        self.risk.slider.setEnabled(case.settings.risk_aversion > 0)
        self.risk.slider.setValue(round(100 * case.settings.risk_aversion))
        self._loading = False
        self._update_labels()

    @staticmethod
    def _position(spec: SliderSpec, value: float) -> int:
        return round((min(max(value, spec.low), spec.high) - spec.low) / spec.step)

    def rate_value(self, spec: SliderSpec) -> float:
        """The slider's value; the case's own value while the slider stands where that value put it
        (a relaxed target such as 2.96% is kept exactly, not rounded to the slider's step)."""
        row = self.rates[spec.key]
        own = self._base.settings.limits.get(spec.key) if self._base else None
        if own is not None and row.slider.value() == self._position(spec, own) and spec.low <= own <= spec.high:
            return own
        return spec.low + spec.step * row.slider.value()

    def _budget_position(self, fraction: float) -> int:
        low, high = self.BUDGET_RANGE
        return round((fraction - low) / (high - low) * 100)

    def budget_fraction(self) -> float:
        low, high = self.BUDGET_RANGE
        return low + (high - low) * self.budget.slider.value() / 100

    def current_case(self) -> Case | None:
        """The base case with the sliders' values."""
        case = self._base
        if case is None:
            return None
        changes: dict[str, float | None] = {}
        changes["total_budget"] = self.base_budget() * self.budget_fraction() if self.budget.check.isChecked() \
            else None
        for spec in RATE_SLIDERS:
            row = self.rates[spec.key]
            changes[spec.key] = self.rate_value(spec) if row.check.isChecked() else None
        case = case.with_limits(**changes)
        if case.settings.objective == "score":
            from dataclasses import replace

            weights = {key: self.weight_value(key) for key, row in self.weights.items() if row.check.isChecked()}
            case = replace(case, settings=replace(case.settings, weights=weights))
        if self.risk_available():
            from dataclasses import replace

            case = replace(case, settings=replace(case.settings, risk_aversion=self.risk_aversion()))
        return case

    def weight_value(self, key: str) -> float:
        """The weight slider's value; the exact weight (the case's, or from pairwise comparison) while the
        slider stands where that weight put it."""
        position = self.weights[key].slider.value()
        exact = self._exact_weights.get(key)
        return exact if exact is not None and round(100 * exact) == position else position / 100

    def risk_available(self) -> bool:
        """Whether the risk aversion slider applies: objective npv and a case with NPV ranges."""
        return not self.risk.check.isHidden()

    def risk_aversion(self) -> float:
        return self.risk.slider.value() / 100 if self.risk.check.isChecked() else 0.0

    def _show_risk(self, shown: bool) -> None:
        for widget in (self.risk.check, self.risk.slider, self.risk.value):
            widget.setVisible(shown)

    # --- weights by pairwise comparison -----------------------------------------------------------
    def ahp_dialog(self):
        """The pairwise-comparison dialog for the score criteria, started from the current weights."""
        from ui.dialogs.ahp_dialog import AhpDialog

        weights = {key: self.weight_value(key) for key, row in self.weights.items() if row.check.isChecked()}
        return AhpDialog(WEIGHT_KEYS, {key: self.tr(label) for key, label in WEIGHT_LABELS.items()}, weights, self)

    def open_ahp(self) -> None:
        dialog = self.ahp_dialog()
        dialog.setObjectName("ahp_dialog")
        self._ahp = dialog
        dialog.accepted.connect(lambda: self.apply_weights(dialog.weights()))
        dialog.open()

    def apply_weights(self, weights: dict[str, float]) -> None:
        """Set the weight sliders to these weights (kept exact) and re-solve once."""
        self._loading = True
        self._exact_weights = dict(weights)
        for key, row in self.weights.items():
            row.check.setChecked(key in weights)
            row.slider.setValue(round(100 * weights.get(key, 0.0)))
        self._loading = False
        self._changed()

    # --- moves ------------------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self._update_labels()
        case = self.current_case()
        if case is not None:
            self.changed.emit(case)

    def _update_labels(self) -> None:
        unit = self._base.settings.currency_unit if self._base else ""
        words = i18n.words()
        if self.budget.check.isChecked():
            budget = words.format_value(self.base_budget() * self.budget_fraction(), "money", unit)
            self.budget.value.setText(f"{self.budget_fraction():.0%} = {budget}")
        else:
            self.budget.value.setText(self.tr("no limit"))
        for spec in RATE_SLIDERS:
            row = self.rates[spec.key]
            row.value.setText(words.format_value(self.rate_value(spec), "share")
                              if row.check.isChecked() else self.tr("no limit"))
        for key, row in self.weights.items():
            row.value.setText(f"{self.weight_value(key):.3f}" if row.check.isChecked()
                              else self.tr("off"))
        self.risk.value.setText(f"{self.risk_aversion():.2f}" if self.risk.check.isChecked() else self.tr("off"))
