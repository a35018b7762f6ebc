"""What-if sliders: each moves one Settings value of the case, which the model holds as a Parameter.

The sliders, their ranges, steps and names come from the registry (optimizer/model/targets.py): every
limit with a `Slider` (the total budget, as a share of the case's own, and the strategic share, the debt
ratio, ROE and R&D intensity), the score weights and the risk aversion. A slider's range holds the case's
own value, even one outside its usual range (a debt-ratio ceiling of 35% below the usual 40%..90%).
A target by year that the case sets (`max_debt_ratio_2028`) has a slider of its own, below the others, with
its plain target's range: it moves that year's target alone.

The panel knows a base case (the document's case: it follows every change but its own moves) and emits,
on every move, the base with what the user moved, and nothing else: a value the user did not touch is
the case's own, exactly, never a slider's rounding or its range's end.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
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
from optimizer.model.targets import (
    DEFAULT_WEIGHT,
    RISK_AVERSION,
    SETTINGS,
    TOTAL_BUDGET,
    WEIGHT_KEYS,
    YEARLY_TARGETS,
    Kind,
    KpiCheck,
    Objective,
    Setting,
    setting,
    slider_settings,
    yearly_target,
)
from ui import i18n
from ui.window.document import Change

WEIGHT_STEPS = 100
"""A weight slider moves in hundredths."""


class _Row:
    """One slider with its on/off box and its value label, for one Settings key.

    The slider moves in the key's own units on a grid of `step` from `low` (shares and rates as fractions;
    the total budget as a fraction of the case's own, from 50% to 150%).
    """

    def __init__(self, panel: WhatIfPanel, grid: QGridLayout, row: int, spec: Setting):
        self.setting = spec
        self.low, self.high, self.step = spec.slider.low, spec.slider.high, spec.slider.step
        label = (spec.slider_label or spec.name).said_in(i18n.is_chinese())
        self.check = QCheckBox(label.replace("&", "&&"))  # a single & would underline the next letter
        self.slider = QSlider(Qt.Horizontal)
        self.value = QLabel()
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("150% = 1,170.00 CNY 100m"))
        self.slider.setMinimumWidth(120)
        self.value.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self._set_range(self.low, self.high)
        self.place(grid, row)
        self.check.toggled.connect(self.slider.setEnabled)
        self.check.toggled.connect(lambda _on: panel._moved_by_user(self))
        self.slider.valueChanged.connect(lambda _position: panel._moved_by_user(self))

    @property
    def key(self) -> str:
        return self.setting.key

    @property
    def widgets(self) -> tuple[QWidget, ...]:
        return self.check, self.slider, self.value

    def place(self, grid: QGridLayout, row: int) -> None:
        for column, widget in enumerate(self.widgets):
            grid.addWidget(widget, row, column)

    def fit(self, value: float | None) -> None:
        """The range for this case: the registry's, widened on the step grid to hold the case's value."""
        low, high = self.setting.slider.range_for(value, self.setting.allowed)
        self._set_range(low, high)

    def _set_range(self, low: float, high: float) -> None:
        self.low, self.high = low, high
        self.slider.setRange(0, max(1, round((high - low) / self.step)))

    def position(self, value: float) -> int:
        return round((min(max(value, self.low), self.high) - self.low) / self.step)

    def value_at(self, position: int) -> float:
        return round(self.low + self.step * position, 12)

    def set_to(self, value: float) -> None:
        """Move the slider to a value (as a user would drag it there)."""
        self.slider.setValue(self.position(value))

    def slider_value(self) -> float:
        return self.value_at(self.slider.value())


class WhatIfPanel(QWidget):
    """Sliders for the limits the registry gives one, the risk aversion and the score weights."""

    changed = Signal(object)  # a new Case: the base case with what the user moved

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._base: Case | None = None
        self._loading = False
        self._moved: set[str] = set()
        """Keys the user moved since the base was set: only these differ from the base case."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("What if…"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self._grid = grid
        layout.addWidget(box)
        limits = slider_settings()
        self.limits: dict[str, _Row] = {s.key: _Row(self, grid, i, s) for i, s in enumerate(limits)}
        """Every limit's slider by key: the registry's, then the case's targets by year."""
        self.budget = self.limits[TOTAL_BUDGET]
        self.rates = {key: row for key, row in self.limits.items() if key != TOTAL_BUDGET}
        self._plain_rows = len(limits)
        self.yearly: dict[str, _Row] = {}
        """The sliders of the targets by year the case sets (`max_debt_ratio_2028`), in the order of the others."""
        # Risk aversion (0..1): trades expected NPV against the pessimistic NPV; objective npv with NPV ranges.
        self.risk = _Row(self, grid, len(limits), SETTINGS[RISK_AVERSION])
        self.risk.check.setToolTip(self.tr("0 maximises the expected NPV, 1 the pessimistic NPV (every project at "
                                           "its npv_low)"))
        self._show_risk(False)
        self.weights_box = QGroupBox(self.tr("Objective weights (score)"))
        weights_grid = QGridLayout(self.weights_box)
        weights_grid.setColumnStretch(1, 1)
        self.weights = {key: _Row(self, weights_grid, i, SETTINGS[key]) for i, key in enumerate(WEIGHT_KEYS)}
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
        return case.settings.limits.get(TOTAL_BUDGET) or sum(p.total_capex for p in case.projects)

    def follow_case(self, case: Case, change: Change) -> None:
        """The document's case as the new base, but for the one this panel's own move made (the sliders
        stand where the user left them, and a move is measured from the base)."""
        if change is not Change.WHAT_IF:
            self.set_case(case)

    def set_case(self, case: Case) -> None:
        """Take this case as the base: every slider to the case's own value, in a range that holds it."""
        self._base = case
        self._moved.clear()
        self._loading = True
        self._set_yearly_rows(case)
        limits = case.settings.limits
        for key, row in self.limits.items():
            own = limits.get(key)
            row.check.setChecked(own is not None)
            row.slider.setEnabled(own is not None)
            if row.setting.slider.relative:
                row.set_to(1.0)
            else:
                row.fit(own)
                row.set_to(row.low if own is None else own)
        self.weights_box.setVisible(case.settings.objective == Objective.SCORE)
        given = case.settings.weights
        self._exact_weights = dict(given) if given else {}
        for key, row in self.weights.items():
            row.check.setChecked(True)
            row.set_to(given.get(key, 0.0) if given else DEFAULT_WEIGHT)
        self._show_risk(case.settings.objective == Objective.NPV and has_npv_ranges(case))
        self.risk.check.setChecked(case.settings.risk_aversion > 0)
        self.risk.slider.setEnabled(case.settings.risk_aversion > 0)
        self.risk.set_to(case.settings.risk_aversion)
        self._loading = False
        self._update_labels()

    def _set_yearly_rows(self, case: Case) -> None:
        """A slider for each target by year the case sets whose plain target has one, below the plain ones and
        above the risk aversion; the plain ones say whether they also bind every plan year."""
        order = {key: i for i, key in enumerate(self.limits)}
        keys = sorted((key for key in case.settings.limits
                       if (found := yearly_target(key)) and found[0] in order and setting(key).slider),
                      key=lambda key: (order[yearly_target(key)[0]], yearly_target(key)[1]))
        every_year = case.settings.kpi_check == KpiCheck.EVERY_YEAR
        for key in YEARLY_TARGETS:
            if key in self.rates:
                self.rates[key].check.setToolTip(
                    self.tr("With the KPI check on every plan year, this target also binds each plan year that "
                            "has no target of its own: moving it moves them all.") if every_year else
                    self.tr("This target binds the steady state after the plan (the KPI check is the steady "
                            "state only)."))
        if keys == list(self.yearly):
            return
        for key, row in self.yearly.items():
            for widget in row.widgets:
                self._grid.removeWidget(widget)
                widget.deleteLater()
            del self.limits[key], self.rates[key]
        for widget in self.risk.widgets:
            self._grid.removeWidget(widget)
        self.yearly = {}
        for i, key in enumerate(keys):
            row = _Row(self, self._grid, self._plain_rows + i, setting(key))
            year = yearly_target(key)[1]
            row.check.setToolTip(self.tr("The target in {year} alone ({key}): it replaces the target for every "
                                         "year in {year}.").format(year=year, key=key))
            self.yearly[key] = self.limits[key] = self.rates[key] = row
        self.risk.place(self._grid, self._plain_rows + len(keys))

    def budget_position(self, fraction: float) -> int:
        """The budget slider's position for a fraction of the case's own total budget."""
        return self.budget.position(fraction)

    def budget_fraction(self) -> float:
        return self.budget.slider_value()

    def limit_value(self, key: str) -> float | None:
        """The limit as the panel gives it: the case's own until the user moves its slider; None when off."""
        row = self.limits[key]
        own = self._base.settings.limits.get(key) if self._base is not None else None
        if key not in self._moved:
            return own
        if not row.check.isChecked():
            return None
        if row.setting.slider.relative:
            return own if own is not None and row.slider.value() == row.position(1.0) else \
                self.base_budget() * row.slider_value()
        # Back where the case's own value put it: that value exactly (a relaxed 2.96% stays 2.96%).
        return own if own is not None and row.slider.value() == row.position(own) else row.slider_value()

    def current_case(self) -> Case | None:
        """The base case with what the user moved."""
        case = self._base
        if case is None:
            return None
        moved_limits = {key: self.limit_value(key) for key in self.limits if key in self._moved}
        case = case.with_limits(**moved_limits)
        settings = case.settings
        if settings.objective == Objective.SCORE and self._moved & set(self.weights):
            weights = {key: self.weight_value(key) for key, row in self.weights.items() if row.check.isChecked()}
            settings = replace(settings, weights=weights)
        if self.risk_available() and RISK_AVERSION in self._moved:
            settings = replace(settings, risk_aversion=self.risk_aversion())
        return replace(case, settings=settings)

    def weight_value(self, key: str) -> float:
        """The weight slider's value; the exact weight (the case's, or from pairwise comparison) while the
        slider stands where that weight put it."""
        row = self.weights[key]
        exact = self._exact_weights.get(key)
        return exact if exact is not None and row.position(exact) == row.slider.value() else row.slider_value()

    def risk_available(self) -> bool:
        """Whether the risk aversion slider applies: objective npv and a case with NPV ranges."""
        return not self.risk.check.isHidden()

    def risk_aversion(self) -> float:
        return self.risk.slider_value() if self.risk.check.isChecked() else 0.0

    def _show_risk(self, shown: bool) -> None:
        for widget in (self.risk.check, self.risk.slider, self.risk.value):
            widget.setVisible(shown)

    # --- weights by pairwise comparison -----------------------------------------------------------
    def ahp_dialog(self):
        """The pairwise-comparison dialog for the score criteria, started from the current weights."""
        from ui.dialogs.ahp_dialog import AhpDialog

        weights = {key: self.weight_value(key) for key, row in self.weights.items() if row.check.isChecked()}
        names = {key: SETTINGS[key].name.said_in(i18n.is_chinese()) for key in WEIGHT_KEYS}
        return AhpDialog(WEIGHT_KEYS, names, weights, self)

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
            row.set_to(weights.get(key, 0.0))
        self._loading = False
        self._moved |= set(self.weights)
        self._changed()

    # --- moves ------------------------------------------------------------------------------------
    def _moved_by_user(self, row: _Row) -> None:
        if self._loading:
            return
        self._moved.add(row.key)
        self._changed()

    def _changed(self) -> None:
        self._update_labels()
        case = self.current_case()
        if case is not None:
            self.changed.emit(case)

    def _update_labels(self) -> None:
        unit = self._base.settings.currency_unit if self._base else ""
        words = i18n.words()
        if self.budget.check.isChecked():
            budget = words.format_value(self.base_budget() * self.budget_fraction(), Kind.MONEY, unit)
            self.budget.value.setText(f"{self.budget_fraction():.0%} = {budget}")
        else:
            self.budget.value.setText(self.tr("no limit"))
        every_year = self._base is not None and self._base.settings.kpi_check == KpiCheck.EVERY_YEAR
        for key, row in self.rates.items():
            value = self.limit_value(key)
            shown = row.check.isChecked() and value is not None
            plain = self.limit_value(yearly_target(key)[0]) if key in self.yearly else None
            if shown:
                row.value.setText(words.format_value(value, row.setting.kind, unit))
            elif every_year and plain is not None:  # the year follows the target for every year
                row.value.setText(self.tr("as every year: {value}").format(
                    value=words.format_value(plain, row.setting.kind, unit)))
            else:
                row.value.setText(self.tr("no limit"))
        for key, row in self.weights.items():
            row.value.setText(f"{self.weight_value(key):.3f}" if row.check.isChecked() else self.tr("off"))
        self.risk.value.setText(f"{self.risk_aversion():.2f}" if self.risk.check.isChecked() else self.tr("off"))
