"""The case's targets and the group's baseline as an editable form.

Every limit of the Settings sheet has a row: a check box (unticked = no limit) and a spin box in
the planner's units (percent for shares and rates, the currency unit for money). The "one profit,
five rates" targets are a grid (ui/panels/year_grid.py): a row per target, its plain key in the
"every year" column (`min_roe`) and its key by year in each plan year's (`min_roe_2028`, blank
where the Settings do not set it), beside where they bind (`kpi_check`). A check box says whether projects the
negative list flags for special supervision may be chosen (`allow_supervised`). Edits are
gathered for a moment (DEBOUNCE_MS) and then emitted as one new Case built from the case last
given to `set_case`; only the values the user touched are taken from the widgets, so values the
spin boxes round for display are never rounded in the case.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QWidget,
)

from optimizer.model.case import (
    ENTERPRISE_FIGURES,
    ENTERPRISE_KEYS,
    EQUITY_SOURCE_NAMES,
    Case,
    Enterprise,
    EquitySource,
)
from optimizer.model.targets import (
    ALLOW_SUPERVISED,
    DEFAULT_WEIGHT,
    KPI_CHECK,
    KPI_CHECK_NAMES,
    OBJECTIVE_NAMES,
    PERCENT_KINDS,
    SETTINGS,
    TOTAL_BUDGET,
    WEIGHT_KEYS,
    YEARLY_TARGETS,
    Group,
    Kind,
    KpiCheck,
    Objective,
    Sense,
    Setting,
    budget_key,
    budget_year,
    setting,
    yearly_key,
    yearly_target,
)
from ui import i18n
from ui.panels.year_grid import SpinBox, YearCell, YearGrid, scrolled_column
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
    "equity_source": QT_TRANSLATE_NOOP("TargetsPanel", "Equity of new projects"),
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


@dataclass
class Row:
    """One value of the form. `check` is None for values that are always set and for a target's box in one
    plan year (blank there is none); `scale` turns the case's value into the shown one (100 for percent)."""

    key: str
    spin: SpinBox
    check: QCheckBox | None
    scale: float = 1.0
    label: QLabel | None = None

    @property
    def enabled(self) -> bool:
        return self.check is None or self.check.isChecked()

    def value(self) -> float | None:
        """The value in the case's units, or None when unticked (or blank)."""
        number = self.spin.number()
        return number / self.scale if self.enabled and number is not None else None

    def show(self, value: float | None, fallback: float) -> None:
        if self.check is not None:
            self.check.setChecked(value is not None)
        self.spin.set_number(None if value is None else value * self.scale, fallback * self.scale)
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
        """Every limit's row by key: the budgets, the structure limits, the targets for every year and, in the
        grid, the targets by plan year (`max_debt_ratio_2028`)."""
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
        spec = SETTINGS[ALLOW_SUPERVISED]
        self.allow_supervised_check = QCheckBox(_two_lines(spec.name.english, spec.workbook_chinese))
        self.allow_supervised_check.setToolTip(self.tr(
            "Projects the negative list (负面清单) flags for special supervision may be chosen; unticked, they are "
            "left out like prohibited ones."))
        self.allow_supervised_check.toggled.connect(lambda: self._edited(("setting", ALLOW_SUPERVISED)))
        grid.addWidget(self.allow_supervised_check, grid.rowCount(), 0, 1, 3)
        baseline = QGroupBox(self.tr("Group baseline (企业基数)"))
        grid = QGridLayout(baseline)
        for key in ENTERPRISE_FIGURES:
            self._add_enterprise_row(grid, key)
        self._add_equity_source_row(grid)

        boxes = (self.budgets, strategic, self._build_rates(), self._build_objective(), baseline)
        for box in boxes:
            box.layout().setColumnStretch(1, 1)
        self.scroll = scrolled_column(self, boxes)

    def _build_rates(self) -> QGroupBox:
        """一利五率: where the targets bind, then the grid of the targets for every year and by plan year."""
        rates = QGroupBox(self.tr("One profit, five rates (一利五率)"))
        grid = QGridLayout(rates)
        self.baseline_hint = QLabel(self.tr("These targets are measured against the group baseline below; "
                                            "the case has none yet."))
        self.baseline_hint.setWordWrap(True)
        self.baseline_hint.setVisible(False)
        grid.addWidget(self.baseline_hint, 0, 0, 1, 3)
        chinese = i18n.is_chinese()
        self.kpi_check_combo = QComboBox()
        for check, text in ((KpiCheck.STEADY, self.tr("Steady state only")),
                            (KpiCheck.EVERY_YEAR, self.tr("Steady state and every plan year"))):
            name = KPI_CHECK_NAMES[check]
            self.kpi_check_combo.addItem(text if chinese else f"{text} {name.chinese}", check)
        names = {check: name.said_in(chinese) for check, name in KPI_CHECK_NAMES.items()}
        self.kpi_check_combo.setToolTip(self.tr(
            "Where the targets of the Every year column bind. {steady}: the steady state after the plan only, "
            "every project at full effect. {every_year}: the steady state and each plan year, as SASAC "
            "assesses them; a target set in a year's own column replaces them in that year.").format(
                steady=names[KpiCheck.STEADY], every_year=names[KpiCheck.EVERY_YEAR]))
        self.kpi_check_combo.currentIndexChanged.connect(self._kpi_check_changed)
        spec = SETTINGS[KPI_CHECK]
        self.kpi_check_label = RowLabel(_two_lines(spec.name.english, spec.workbook_chinese))
        grid.addWidget(self.kpi_check_label, 1, 0, 1, 2)
        grid.addWidget(self.kpi_check_combo, 1, 2)
        every_year = QLabel(self.tr("Every year"))
        every_year.setToolTip(self.tr("The targets without a year: they bind the steady state after the plan and, "
                                      "with the KPI check on every plan year, each plan year that has no target "
                                      "of its own."))
        self.year_grid = YearGrid(every_year)
        self._target_years: tuple[int, ...] = ()
        for key in YEARLY_TARGETS:
            row = self._limit_row(key, in_grid=True)
            row.label = RowLabel(_grid_label(key, "%" if setting(key).kind in PERCENT_KINDS else ""), row.check)
            row.label.setWordWrap(False)  # its lines as written: the grid keeps a name beside its boxes
            self.year_grid.add_row(row.check, row.label, row.spin)
            self._connect(row, ("limit", key))
            row.spin.valueChanged.connect(self._show_inherited)
            row.check.toggled.connect(self._show_inherited)
        grid.addWidget(self.year_grid, 2, 0, 1, 3)
        return rates

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
        row = self._limit_row(key)
        self._place(grid, row, _two_lines(setting(key).name.english, _limit_chinese(key)), ("limit", key), at)
        return row

    def _limit_row(self, key: str, in_grid: bool = False) -> Row:
        """A limit's row in the planner's units (percent, the currency), within what the reader takes; a target
        by year's is a box that may be blank, for the grid."""
        spec = setting(key)
        sign = "≥ " if spec.sense == Sense.MIN else "≤ "
        by_year = yearly_target(key) is not None
        spin = YearCell(sign) if by_year else SpinBox(None if in_grid else SPIN_WIDTH)
        if not by_year:
            spin.setPrefix(sign)
        if in_grid:
            spin.make_compact()
        scale = _set_units(spin, spec)
        if spec.kind in PERCENT_KINDS and not in_grid:
            spin.setSuffix(" %")  # in the grid, the row's name says it
        row = Row(key, spin, None if by_year else QCheckBox(), scale)
        if row.check is not None:
            row.check.setToolTip(self.tr("Ticked: the target applies ({key}). Unticked: no limit.").format(key=key))
        self.limit_rows[key] = row
        return row

    def _add_equity_source_row(self, grid: QGridLayout) -> None:
        chinese = i18n.is_chinese()
        self.equity_source_combo = QComboBox()
        for source, name in EQUITY_SOURCE_NAMES.items():
            english = name.english[:1].upper() + name.english[1:]
            self.equity_source_combo.addItem(name.chinese if chinese else f"{english} {name.chinese}", source)
        names = {source: name.said_in(chinese) for source, name in EQUITY_SOURCE_NAMES.items()}
        self.equity_source_combo.setToolTip(self.tr(
            "Where the equity part of each project's capex comes from. {new_capital}: new capital, so the group's "
            "net assets grow by it. {own_funds}: the group's own cash, so its total assets grow only by the debt "
            "part and its net assets do not grow.").format(
                new_capital=names[EquitySource.NEW_CAPITAL], own_funds=names[EquitySource.OWN_FUNDS]))
        self.equity_source_combo.currentIndexChanged.connect(lambda _: self._edited(("equity", "source")))
        r = grid.rowCount()
        grid.addWidget(RowLabel(_two_lines(self.tr(ENTERPRISE_LABELS["equity_source"]),
                                           ENTERPRISE_KEYS["equity_source"])), r, 1)
        grid.addWidget(self.equity_source_combo, r, 2)

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
        self._connect(row, dirty)

    def _connect(self, row: Row, dirty: tuple[str, str]) -> None:
        """A row's edits mark it `dirty` (and its check box enables its spin box)."""
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

    def _set_target_years(self, years: tuple[int, ...]) -> None:
        """A column of the grid per plan year, a box per target in each (`max_debt_ratio_2028`)."""
        if years == self._target_years:
            return
        for key in YEARLY_TARGETS:
            for year in self._target_years:
                self.year_grid.take(self.limit_rows.pop(yearly_key(key, year)).spin)
                self._dirty.discard(("limit", yearly_key(key, year)))
        self.year_grid.set_years(years)
        order: list[QWidget] = []  # Tab goes along a row, then to the next
        for r, key in enumerate(YEARLY_TARGETS, start=1):
            order += [self.limit_rows[key].check, self.limit_rows[key].spin]
            for column, year in enumerate(years, start=1):
                row = self._limit_row(yearly_key(key, year), in_grid=True)
                self.year_grid.put(row.spin, r, column)
                self._connect(row, ("limit", row.key))
                order.append(row.spin)
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)
        for widget in (self.kpi_check_label, self.kpi_check_combo):
            widget.setVisible(bool(years))
        self._target_years = years

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
            self._set_target_years(case.years)
            self._show(case)
        finally:
            self._loading = False
        self._show_inherited()
        self.year_grid.fit_rows()

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
        if ("setting", KPI_CHECK) not in self._dirty:
            self.kpi_check_combo.setCurrentIndex(max(0, self.kpi_check_combo.findData(settings.kpi_check)))
        if ("setting", ALLOW_SUPERVISED) not in self._dirty:
            self.allow_supervised_check.setChecked(settings.allow_supervised)
        if ("equity", "source") not in self._dirty:
            found = self.equity_source_combo.findData(enterprise.equity_source)
            self.equity_source_combo.setCurrentIndex(max(0, found))
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
        if row.label is not None:  # a target by year's box has its name on its row
            row.label.setText(_grid_label(row.key, unit.unit))

    def _show_inherited(self) -> None:
        """In each blank box of a plan year, in grey, the target that applies there instead: with the KPI check
        on every plan year, the row's target for every year; else none."""
        every_year = self.kpi_check_combo.currentData() == KpiCheck.EVERY_YEAR
        for key in YEARLY_TARGETS:
            plain = self.limit_rows[key]
            inherited = plain.spin.text() if every_year and plain.enabled else ""
            for year in self._target_years:
                cell = self.limit_rows[yearly_key(key, year)].spin
                cell.set_inherited(inherited)
                blank = (self.tr("Blank: the target for every year applies in {year}.") if every_year
                         else self.tr("Blank: no target in {year}.")).format(year=year)
                cell.setToolTip(self.tr("The target in {year} alone ({key}).").format(
                    year=year, key=yearly_key(key, year)) + " " + blank)

    @staticmethod
    def _suggestion(case: Case, key: str) -> float:
        """What an unticked target shows, to start from when ticked: the loosest sensible value."""
        spec = setting(key)
        if key == TOTAL_BUDGET:
            return sum(p.total_capex for p in case.projects)
        if budget_year(key) is not None:
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

    def _kpi_check_changed(self) -> None:
        self._show_inherited()
        self._edited(("setting", KPI_CHECK))

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
        if ("equity", "source") in dirty:
            baseline["equity_source"] = self.equity_source_combo.currentData()
        if baseline:
            case = replace(case, enterprise=replace(case.enterprise or Enterprise(), **baseline))
        settings = case.settings
        if ("setting", KPI_CHECK) in dirty:
            settings = replace(settings, kpi_check=self.kpi_check_combo.currentData())
        if ("setting", ALLOW_SUPERVISED) in dirty:
            settings = replace(settings, allow_supervised=self.allow_supervised_check.isChecked())
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


def _grid_label(key: str, unit: str) -> str:
    """A target's name in the grid, with the unit of its boxes: "ROE (%)" over 净资产收益率下限; a longer unit
    on a line of its own, to keep the names' column narrow."""
    english, chinese = setting(key).name.english, _limit_chinese(key)
    if not unit:
        return _two_lines(english, chinese)
    if len(unit) > 1:
        return f"{chinese}\n（{unit}）" if i18n.is_chinese() else f"{english}\n({unit})\n{chinese}"
    return _two_lines(f"{english} ({unit})", f"{chinese}（{unit}）" if i18n.is_chinese() else chinese)


def _set_units(spin: SpinBox, spec: Setting) -> float:
    """A limit's box in the planner's units, within what the reader takes; the scale from the case's value to
    the one shown (100 for percent)."""
    allowed = spec.allowed
    if spec.kind in PERCENT_KINDS:
        spin.set_span(100.0 * allowed.low + (0.01 if allowed.low_open else 0.0),
                      min(100.0 * allowed.high, HIGHEST_PERCENT))
        spin.setSingleStep(0.5)
        return 100.0
    if spec.kind == Kind.GRADE:
        spin.set_span(allowed.low, allowed.high)
        spin.setSingleStep(0.1)
    elif spec.kind == Kind.PRODUCTIVITY:  # in the KPI cards' unit, set with the case (_show_productivity)
        spin.set_span(0.0, BIG)
    else:  # money: an amount's floor from 0; one the reader lets go negative (EVA, profit) as far as it goes
        spin.set_span(allowed.low if math.isfinite(allowed.low) else -BIG, BIG)
        spin.setSingleStep(10.0)
        spin.setGroupSeparatorShown(True)
    return 1.0


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
