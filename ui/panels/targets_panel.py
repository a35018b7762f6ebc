"""The case's targets and the group's baseline as an editable form.

Every limit of the Settings sheet has a row: a check box (unticked = no limit) and a spin box in
the planner's units (percent for shares and rates, the currency unit for money). Edits are
gathered for a moment (DEBOUNCE_MS) and then emitted as one new Case built from the case last
given to `set_case`; only the values the user touched are taken from the widgets, so values the
spin boxes round for display are never rounded in the case.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from optimizer.model.case import ENTERPRISE_FIGURES, ENTERPRISE_KEYS, Case, Enterprise
from optimizer.model.targets import (
    DEFAULT_WEIGHT,
    OBJECTIVE_NAMES,
    PERCENT_KINDS,
    SETTINGS,
    TOTAL_BUDGET,
    WEIGHT_KEYS,
    Group,
    Kind,
    Objective,
    Sense,
    budget_key,
    setting,
)
from ui import i18n
from ui.window.document import Change

DEBOUNCE_MS = 300
BIG = 1e12
SPIN_WIDTH = 160  # "≤ 1,000.00 CNY 100m" fits; label and spin fit a 420-px dock

HIGHEST_PERCENT = 10_000.0
"""A rate without an upper bound (a profit growth) takes up to 10,000% in its box."""

# English names, translated where shown (TargetsPanel.tr); in Chinese a row shows the workbook's Chinese key.
ENTERPRISE_LABELS = {
    "revenue": QT_TRANSLATE_NOOP("TargetsPanel", "Revenue"),
    "total_profit": QT_TRANSLATE_NOOP("TargetsPanel", "Total profit"),
    "net_profit": QT_TRANSLATE_NOOP("TargetsPanel", "Net profit"),
    "total_assets": QT_TRANSLATE_NOOP("TargetsPanel", "Total assets"),
    "total_liabilities": QT_TRANSLATE_NOOP("TargetsPanel", "Total liabilities"),
    "equity": QT_TRANSLATE_NOOP("TargetsPanel", "Equity"),
    "operating_cash_flow": QT_TRANSLATE_NOOP("TargetsPanel", "Operating cash flow"),
    "rd_spend": QT_TRANSLATE_NOOP("TargetsPanel", "R&D spend"),
    "headcount": QT_TRANSLATE_NOOP("TargetsPanel", "Average headcount"),
    "labour_output": QT_TRANSLATE_NOOP("TargetsPanel", "Labour output"),
    "tax_rate": QT_TRANSLATE_NOOP("TargetsPanel", "Income tax rate"),
    "capital_cost_rate": QT_TRANSLATE_NOOP("TargetsPanel", "Cost of capital"),
    "hurdle_rate": QT_TRANSLATE_NOOP("TargetsPanel", "Hurdle rate (5-year treasury)"),
}
ENTERPRISE_RATES = {"tax_rate": (0.0, 100.0), "capital_cost_rate": (0.0, 100.0), "hurdle_rate": (-100.0, 100.0)}
"""Baseline rates: always set (they have defaults), so they have no check box."""



class RowLabel(QLabel):
    """A row's name, wrapped to the dock's width; clicking it ticks the row's check box like its own text."""

    def __init__(self, text: str, check: QCheckBox | None = None):
        super().__init__(text)
        self.setWordWrap(True)
        self._check = check  # not a buddy: a buddy would turn the & of "R&D" into a shortcut

    def mouseReleaseEvent(self, event):
        if self._check is not None and self._check.isEnabled() and event.button() == Qt.LeftButton:
            self._check.toggle()
        super().mouseReleaseEvent(event)


class SpinBox(QDoubleSpinBox):
    """A spin box that ignores the mouse wheel unless focused, so scrolling the form changes nothing."""

    def __init__(self):
        super().__init__()
        self.setFocusPolicy(Qt.StrongFocus)
        self.setKeyboardTracking(False)  # valueChanged on Enter / leaving the box, not on each key
        self.setAlignment(Qt.AlignRight)
        self.setFixedWidth(SPIN_WIDTH)

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


@dataclass
class Row:
    """One value of the form. `check` is None for values that are always set; `scale` turns the case's
    value into the shown one (100 for percent)."""

    key: str
    spin: SpinBox
    check: QCheckBox | None
    scale: float = 1.0
    label: QLabel | None = None

    @property
    def enabled(self) -> bool:
        return self.check is None or self.check.isChecked()

    def value(self) -> float | None:
        """The value in the case's units, or None when unticked."""
        return self.spin.value() / self.scale if self.enabled else None

    def show(self, value: float | None, fallback: float) -> None:
        if self.check is not None:
            self.check.setChecked(value is not None)
        self.spin.setValue((fallback if value is None else value) * self.scale)
        self.spin.setEnabled(self.enabled)


class TargetsPanel(QWidget):
    """Budgets, strategic and structure limits, one profit and five rates, the objective, the baseline."""

    caseEdited = Signal(object)  # the new Case

    def __init__(self, parent=None):
        super().__init__(parent)
        self._case: Case | None = None
        self._loading = False
        self._dirty: set[tuple[str, str]] = set()  # (what, key): what is limit, enterprise, weight, objective
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.flush)
        self.limit_rows: dict[str, Row] = {}
        self.enterprise_rows: dict[str, Row] = {}
        self.weight_rows: dict[str, Row] = {}
        self._build()
        self.setEnabled(False)

    # --- building ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.budgets = QGroupBox(self.tr("Budgets"))
        self._budget_grid = QGridLayout(self.budgets)
        self._budget_years: tuple[int, ...] = ()
        self._add_limit_row(self._budget_grid, TOTAL_BUDGET)
        strategic = QGroupBox(self.tr("Strategic && structure"))  # && shows one &
        grid = QGridLayout(strategic)
        for key in _group(Group.STRUCTURE):
            self._add_limit_row(grid, key)
        rates = QGroupBox(self.tr("One profit, five rates (一利五率)"))
        grid = QGridLayout(rates)
        self.baseline_hint = QLabel(self.tr("These targets are measured against the group baseline below; "
                                            "the case has none yet."))
        self.baseline_hint.setWordWrap(True)
        self.baseline_hint.setVisible(False)
        grid.addWidget(self.baseline_hint, 0, 0, 1, 3)
        for key in _group(Group.PROFIT_AND_RATES):
            self._add_limit_row(grid, key)
        baseline = QGroupBox(self.tr("Group baseline (企业基数)"))
        grid = QGridLayout(baseline)
        for key in ENTERPRISE_FIGURES:
            self._add_enterprise_row(grid, key)

        content = QWidget()
        layout = QVBoxLayout(content)
        for box in (self.budgets, strategic, rates, self._build_objective(), baseline):
            box.layout().setColumnStretch(1, 1)
            layout.addWidget(box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _build_objective(self) -> QGroupBox:
        box = QGroupBox(self.tr("Objective"))
        grid = QGridLayout(box)
        self.objective_combo = QComboBox()
        for key, name in OBJECTIVE_NAMES.items():
            english = name.english[:1].upper() + name.english[1:]
            self.objective_combo.addItem(name.chinese if i18n.is_chinese() else f"{english} {name.chinese}", key)
        self.objective_combo.currentIndexChanged.connect(self._objective_changed)
        grid.addWidget(QLabel(self.tr("Maximise\n优化目标")), 0, 1)
        grid.addWidget(self.objective_combo, 0, 2)
        self.weights_label = QLabel(self.tr("Score weights (relative):"))
        grid.addWidget(self.weights_label, 1, 1, 1, 2)
        for key in WEIGHT_KEYS:
            spin = SpinBox()
            spin.setRange(0.0, 1000.0)
            spin.setDecimals(3)
            spin.setSingleStep(0.05)
            row = Row(key, spin, None)
            self.weight_rows[key] = row
            weight = SETTINGS[key]
            self._place(grid, row, _two_lines(weight.name.english, weight.workbook_chinese), ("weight", key))
        return box

    def _add_limit_row(self, grid: QGridLayout, key: str, at: int | None = None) -> Row:
        spec = setting(key)
        spin = SpinBox()
        spin.setPrefix("≥ " if spec.sense == Sense.MIN else "≤ ")
        scale = 1.0
        allowed = spec.allowed
        if spec.kind in PERCENT_KINDS:  # in percent, within what the reader takes
            scale = 100.0
            spin.setRange(100.0 * allowed.low + (0.01 if allowed.low_open else 0.0),
                          min(100.0 * allowed.high, HIGHEST_PERCENT))
            spin.setSuffix(" %")
            spin.setSingleStep(0.5)
        elif spec.kind == Kind.GRADE:
            spin.setRange(allowed.low, allowed.high)
            spin.setSingleStep(0.1)
        elif spec.kind == Kind.PRODUCTIVITY:  # in the KPI cards' unit, set with the case (_show_productivity)
            spin.setRange(0.0, BIG)
        else:  # money
            spin.setRange(0.0, BIG)
            spin.setSingleStep(10.0)
            spin.setGroupSeparatorShown(True)
        row = Row(key, spin, QCheckBox(), scale)
        row.check.setToolTip(self.tr("Ticked: the target applies ({key}). Unticked: no limit.").format(key=key))
        self.limit_rows[key] = row
        self._place(grid, row, _two_lines(spec.name.english, _limit_chinese(key)), ("limit", key), at)
        return row

    def _add_enterprise_row(self, grid: QGridLayout, key: str) -> None:
        spin = SpinBox()
        label = _two_lines(self.tr(ENTERPRISE_LABELS[key]), ENTERPRISE_KEYS[key])
        if key in ENTERPRISE_RATES:
            spin.setRange(*ENTERPRISE_RATES[key])
            spin.setSuffix(" %")
            spin.setSingleStep(0.5)
            row = Row(key, spin, None, 100.0)
        else:
            spin.setRange(-BIG if key in ("total_profit", "net_profit", "operating_cash_flow") else 0.0, BIG)
            spin.setGroupSeparatorShown(True)
            if key == "headcount":
                spin.setDecimals(0)
                spin.setSingleStep(100)
                spin.setSuffix(self.tr(" people"))
            row = Row(key, spin, QCheckBox())
            row.check.setToolTip(self.tr("Ticked: the group's figure ({key}). Unticked: not known.").format(key=key))
        self.enterprise_rows[key] = row
        self._place(grid, row, label, ("enterprise", key))

    def _place(self, grid: QGridLayout, row: Row, text: str, dirty: tuple[str, str], at: int | None = None) -> None:
        """Put a row in the grid: its check box (if any), its name and its spin box."""
        r = grid.rowCount() if at is None else at
        row.label = RowLabel(text, row.check)
        if row.check is not None:
            grid.addWidget(row.check, r, 0)
        grid.addWidget(row.label, r, 1)
        grid.addWidget(row.spin, r, 2)
        row.spin.valueChanged.connect(lambda _: self._edited(dirty))
        if row.check is not None:
            row.check.toggled.connect(row.spin.setEnabled)
            row.check.toggled.connect(lambda _: self._edited(dirty))

    def _set_budget_years(self, years: tuple[int, ...]) -> None:
        """One budget row per plan year, above total_budget."""
        if years == self._budget_years:
            return
        for year in self._budget_years:
            row = self.limit_rows.pop(budget_key(year))
            for widget in (row.check, row.label, row.spin):
                self._budget_grid.removeWidget(widget)
                widget.deleteLater()
        total = self.limit_rows[TOTAL_BUDGET]
        for widget in (total.check, total.label, total.spin):
            self._budget_grid.removeWidget(widget)
        for r, year in enumerate(years):
            self._add_limit_row(self._budget_grid, budget_key(year), at=r)
        for column, widget in enumerate((total.check, total.label, total.spin)):
            self._budget_grid.addWidget(widget, len(years), column)
        self._budget_years = years

    # --- feeding ----------------------------------------------------------------------------------
    def follow_case(self, case: Case, change: Change) -> None:
        """The document's case, but for this form's own edits (they are what the form shows already)."""
        if change is not Change.TARGETS_EDITED:
            self.set_case(case)

    def set_case(self, case: Case | None) -> None:
        """Show `case`. Values edited but not yet emitted stay as the user left them."""
        self._case = case
        self.setEnabled(case is not None)
        if case is None:
            self._timer.stop()
            self._dirty.clear()
            return
        self._loading = True
        try:
            self._set_budget_years(case.years)
            self._show(case)
        finally:
            self._loading = False

    def _show(self, case: Case) -> None:
        settings, enterprise = case.settings, case.enterprise or Enterprise()
        self.baseline_hint.setVisible(case.enterprise is None)
        unit = f" {i18n.words().currency(settings.currency_unit)}" if settings.currency_unit else ""
        for key, row in self.limit_rows.items():
            kind = setting(key).kind
            if kind == Kind.MONEY:
                row.spin.setSuffix(unit)
            elif kind == Kind.PRODUCTIVITY:
                self._show_productivity(row, settings.currency_unit)
            if ("limit", key) not in self._dirty:
                row.show(settings.limits.get(key), self._suggestion(case, key))
        for key, row in self.enterprise_rows.items():
            if key not in ENTERPRISE_RATES and key != "headcount":
                row.spin.setSuffix(unit)
            if ("enterprise", key) not in self._dirty:
                row.show(getattr(enterprise, key), 0.0)
        if ("objective", "objective") not in self._dirty:
            self.objective_combo.setCurrentIndex(max(0, self.objective_combo.findData(settings.objective)))
        for key, row in self.weight_rows.items():
            if ("weight", key) not in self._dirty:
                row.show(_weights(settings.weights)[key], 0.0)
        self._enable_weights()

    def _show_productivity(self, row: Row, currency_unit: str) -> None:
        """Labour productivity in the unit of the KPI cards (78.00 万元/人 for the engine's 0.0078 亿元 per
        person): the spin box shows value × factor and gives back what the user types ÷ factor. Its unit
        goes in the label, which has room for a long one ("CNY m/person")."""
        unit = i18n.productivity_unit(currency_unit)
        row.scale = unit.factor
        row.spin.setDecimals(unit.decimals if unit.decimals is not None else 4)
        row.spin.setSingleStep(1.0 if unit.decimals is not None else 0.0001)
        spec = setting(row.key)
        chinese = _limit_chinese(row.key)
        chinese = f"{chinese}（{unit.unit}）" if i18n.is_chinese() else chinese  # the unit said once
        row.label.setText(_two_lines(f"{spec.name.english} ({unit.unit})", chinese))

    @staticmethod
    def _suggestion(case: Case, key: str) -> float:
        """What an unticked target shows, to start from when ticked: the loosest sensible value."""
        spec = setting(key)
        if key == TOTAL_BUDGET:
            return sum(p.total_capex for p in case.projects)
        if spec.year is not None:
            return sum(p.capex.get(spec.year, 0.0) for p in case.projects)
        if spec.kind == Kind.GRADE:
            return spec.allowed.high
        return 1.0 if spec.sense == Sense.MAX and spec.kind in PERCENT_KINDS else 0.0

    # --- editing ----------------------------------------------------------------------------------
    def _edited(self, dirty: tuple[str, str]) -> None:
        if self._loading or self._case is None:
            return
        self._dirty.add(dirty)
        self._timer.start()

    def _objective_changed(self) -> None:
        self._enable_weights()
        self._edited(("objective", "objective"))

    def _enable_weights(self) -> None:
        score = self.objective_combo.currentData() == Objective.SCORE
        self.weights_label.setEnabled(score)
        for row in self.weight_rows.values():
            row.spin.setEnabled(score)

    def flush(self) -> None:
        """Emit the pending edits now (the window calls this before saving or solving)."""
        self._timer.stop()
        if not self._dirty or self._case is None:
            self._dirty.clear()
            return
        case, dirty = self._case, self._dirty
        self._dirty = set()
        limits = {key: self.limit_rows[key].value() for what, key in dirty if what == "limit"}
        if limits:
            case = case.with_limits(**limits)
        baseline = {key: self.enterprise_rows[key].value() for what, key in dirty if what == "enterprise"}
        if baseline:
            case = replace(case, enterprise=replace(case.enterprise or Enterprise(), **baseline))
        settings = case.settings
        if ("objective", "objective") in dirty:
            settings = replace(settings, objective=self.objective_combo.currentData())
        weights = {key: self.weight_rows[key].value() for what, key in dirty if what == "weight"}
        if weights:
            settings = replace(settings, weights={**_weights(settings.weights), **weights})
        case = replace(case, settings=settings)
        self._case = case
        self.caseEdited.emit(case)

def _two_lines(english: str, chinese: str) -> str:
    """A row's name: English over the workbook's Chinese key; the Chinese alone in the Chinese interface."""
    return chinese if i18n.is_chinese() else f"{english}\n{chinese}"


def _limit_chinese(key: str) -> str:
    """A limit's Chinese name: the Settings key (资产负债率上限), an annual budget as 2027年度预算."""
    spec = setting(key)
    return spec.name.chinese if spec.year is not None else spec.workbook_chinese


def _group(group: Group) -> list[str]:
    """The limits the registry puts in one box of the form, in its order."""
    return [key for key, spec in SETTINGS.items() if spec.is_limit and spec.group is group]


def _weights(weights: dict[str, float]) -> dict[str, float]:
    """All five score weights as the model uses them: the given ones (others 0), or all equal if none."""
    if not weights:
        return dict.fromkeys(WEIGHT_KEYS, DEFAULT_WEIGHT)
    return {key: weights.get(key, 0.0) for key in WEIGHT_KEYS}
