"""What the answer means: KPIs before and after against targets, every constraint, and why each
project was left out. Built from a solved model; `Result.to_json()` is the cli.md result."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cvxpy as cp
import numpy as np

from optimizer.model.case import Case, negative_list_reason, setting_key
from optimizer.model.measures import Figures, Measure
from optimizer.model.portfolio import SIGN, PortfolioModel
from optimizer.solve.solver import Solution

PERCENT, MONEY, GRADE, PRODUCTIVITY = "share", "money", "grade", "productivity"


@dataclass(frozen=True)
class KpiSpec:
    key: str
    label: str
    kind: str
    measure: str
    """The Figures method that computes it."""
    limit_key: str | None
    group_level: bool
    """True for the group's own figures (they have a value before investment)."""


KPI_SPECS = [
    KpiSpec("total_profit", "Total profit", MONEY, "total_profit", None, True),
    KpiSpec("profit_growth", "Total profit growth", PERCENT, "profit_growth", "min_profit_growth", True),
    KpiSpec("roe", "ROE", PERCENT, "roe", "min_roe", True),
    KpiSpec("debt_ratio", "Debt ratio", PERCENT, "debt_ratio", "max_debt_ratio", True),
    KpiSpec("rd_intensity", "R&D intensity", PERCENT, "rd_intensity", "min_rd_intensity", True),
    KpiSpec("operating_cash_ratio", "Operating cash ratio", PERCENT, "operating_cash_ratio",
            "min_operating_cash_ratio", True),
    KpiSpec("labour_productivity", "Labour productivity", PRODUCTIVITY, "labour_productivity",
            "min_labour_productivity", True),
    KpiSpec("strategic_share", "Strategic emerging industry share", PERCENT, "strategic_share",
            "min_strategic_share", False),
    KpiSpec("non_main_share", "Non-main-business share", PERCENT, "non_main_share", "max_non_main_share", False),
    KpiSpec("overseas_share", "Overseas share", PERCENT, "overseas_share", "max_overseas_share", False),
    KpiSpec("security_investment", "Security investment", MONEY, "security_investment",
            "min_security_investment", False),
    KpiSpec("max_sector_share", "Largest sector share", PERCENT, "sector_share", "max_sector_share", False),
    KpiSpec("max_entity_share", "Largest entity share", PERCENT, "entity_share", "max_entity_share", False),
    KpiSpec("avg_risk", "Average risk grade", GRADE, "avg_risk", "max_avg_risk", False),
    KpiSpec("total_capex", "Total capex", MONEY, "capex", "total_budget", False),
    KpiSpec("npv", "NPV", MONEY, "npv", None, False),
    KpiSpec("eva", "EVA", MONEY, "eva", None, False),
]


def unit_of(kind: str, currency_unit: str) -> str:
    return {PERCENT: "%", MONEY: currency_unit, GRADE: "grade 1-5",
            PRODUCTIVITY: f"{currency_unit} per person", "rate": "%"}.get(kind, "")


TEN_THOUSAND_PER_UNIT = {"CNY 100m": 10_000.0, "亿元": 10_000.0}
"""Currency units in which labour productivity is a tiny number (0.0078 CNY 100m per person): in words
it is said in 10k CNY (万元) per person, 78.00, as the app's cards say it."""


def productivity_in_words(value: float, currency_unit: str) -> tuple[float, str | None]:
    """Labour productivity as it is said: (78.0, "CNY 10k") for 0.0078 CNY 100m; (value, None) otherwise."""
    factor = TEN_THOUSAND_PER_UNIT.get(currency_unit.strip())
    return (value * factor, "CNY 10k") if factor else (value, None)


def plain_number(value: float) -> str:
    """A number without a fixed unit of size: 95,000 / 12.35 / 0.0078 (never 9.5e+04)."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.4g}"


def format_value(value: float | None, kind: str, currency_unit: str = "") -> str:
    """A number as a user reads it: percentages for shares and rates, the unit for money."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    if kind in (PERCENT, "rate"):
        return f"{value:.2%}"
    if kind == GRADE:
        return f"{value:.2f}"
    if kind == "count":
        return f"{value:g}"
    if kind == PRODUCTIVITY:
        shown, unit = productivity_in_words(value, currency_unit)
        if unit:
            return f"{shown:,.2f} {unit} per person"
        return f"{plain_number(value)} {currency_unit} per person".strip()
    return f"{value:,.2f} {currency_unit}".strip()


@dataclass
class Kpi:
    key: str
    label: str
    unit: str
    kind: str
    before: float | None
    after: float | None
    target: float | None
    sense: str | None
    met: bool | None


@dataclass
class ConstraintRow:
    name: str
    subject: str
    label: str
    kind: str
    value: float | None
    limit: float
    binding: bool
    marginal_value: float | None
    """Objective gained per unit the limit is loosened... per unit increase of the limit (cli.md)."""


def marginal_text(row: ConstraintRow, result: Result) -> str:
    """The marginal value in a unit a planner thinks in: per percentage point for shares and rates."""
    objective = {"npv": "NPV", "eva": "EVA", "score": "score"}[result.objective]
    if row.kind in ("share", "rate"):
        return f"{row.marginal_value / 100:+,.4g} {objective} per percentage point"
    if row.kind == "money":
        return f"{row.marginal_value:+,.4g} {objective} per {result.case.settings.currency_unit}"
    return f"{row.marginal_value * abs(row.limit) / 100:+,.4g} {objective} per 1% rise of the limit"


@dataclass
class Selection:
    id: str
    name: str
    share: float
    start_year: int
    capex: float
    npv: float


@dataclass
class Exclusion:
    id: str
    name: str
    reason: str
    code: str
    details: dict[str, object] = field(default_factory=dict)
    """The figures the reason names, by code (optimizer.words.language says the reason in another language)."""


@dataclass
class DiagnosisItem:
    constraint: str
    target: float
    best_reachable: float | None
    conflicts_with: list[str]
    message: str
    all_kept: bool = True
    """True when best_reachable holds with every other limit kept, False with only conflicts_with."""


@dataclass
class Result:
    case: Case
    solution: Solution
    selected: list[Selection] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    kpis: dict[str, Kpi] = field(default_factory=dict)
    constraints: list[ConstraintRow] = field(default_factory=list)
    spend_by_year: dict[int, tuple[float, float | None]] = field(default_factory=dict)
    """Year -> (spend, budget or None)."""
    diagnosis: list[DiagnosisItem] = field(default_factory=list)

    @property
    def objective(self) -> str:
        return self.case.settings.objective

    def to_json(self) -> dict:
        s = self.solution
        return {
            "status": s.status,
            "objective": self.objective,
            "objective_value": _num(s.objective_value),
            "bound": _num(s.bound),
            "gap": _num(s.gap),
            "solve_seconds": round(s.solve_seconds, 4),
            "quality": s.quality(),
            "currency_unit": self.case.settings.currency_unit,
            "selected": [{"id": x.id, "name": x.name, "share": x.share, "start_year": x.start_year,
                          "capex": _num(x.capex), "npv": _num(x.npv)} for x in self.selected],
            "excluded": [{"id": x.id, "name": x.name, "reason": x.reason, "code": x.code} for x in self.excluded],
            "kpis": {k.key: {"before": _num(k.before), "after": _num(k.after), "target": _num(k.target),
                             "sense": k.sense, "met": k.met, "unit": k.unit, "label": k.label}
                     for k in self.kpis.values()},
            "constraints": [{"name": c.name, "subject": c.subject, "value": _num(c.value), "limit": _num(c.limit),
                             "binding": c.binding, "marginal_value": _num(c.marginal_value)}
                            for c in self.constraints],
            "spend_by_year": [{"year": y, "spend": _num(v), "budget": _num(b)}
                              for y, (v, b) in self.spend_by_year.items()],
            "diagnosis": [{"constraint": d.constraint, "target": _num(d.target),
                           "best_reachable": _num(d.best_reachable), "conflicts_with": d.conflicts_with,
                           "message": d.message} for d in self.diagnosis],
            "warnings": list(self.case.warnings),
        }


def _num(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else round(value, 10)


def _row_value(measure: Measure, x: np.ndarray, sense: str) -> float | None:
    """One number for a figure: its only row, or the worst row (largest for a max limit)."""
    rows = measure.rows(x)
    rows = rows[~np.isnan(rows)]
    if rows.size == 0:
        return None
    return float(rows.max() if sense == "max" else rows.min())


# --- KPIs ---------------------------------------------------------------------------------------
def kpis_of(case: Case, figures: Figures, x: np.ndarray) -> dict[str, Kpi]:
    empty = np.zeros(figures.n)
    limits = case.settings.limits
    unit = case.settings.currency_unit
    result: dict[str, Kpi] = {}
    for spec in KPI_SPECS:
        measure: Measure = getattr(figures, spec.measure)()
        if measure.num_coef.shape[0] == 0:
            continue
        sense = setting_key(spec.limit_key).sense if spec.limit_key else None
        after = _row_value(measure, x, sense or "max")
        before = _row_value(measure, empty, sense or "max") if spec.group_level else None
        target = limits.get(spec.limit_key) if spec.limit_key else None
        if spec.key == "total_profit" and "min_profit_growth" in limits and case.enterprise:
            base = case.enterprise.total_profit
            target = None if base is None else base * (1 + limits["min_profit_growth"])
            sense = "min"
        met = None
        if target is not None and after is not None:
            tolerance = 1e-7 * max(1.0, abs(target))
            met = after >= target - tolerance if sense == "min" else after <= target + tolerance
        result[spec.key] = Kpi(spec.key, spec.label, unit_of(spec.kind, unit), spec.kind,
                               before, after, target, sense, met)
    if case.settings.objective == "score":
        result["score"] = Kpi("score", "Weighted score", "points", GRADE, None, None, None, None, None)
    return result


# --- constraints --------------------------------------------------------------------------------
def constraint_rows(model: PortfolioModel, x: np.ndarray, duals: dict[str, np.ndarray] | None) -> list[ConstraintRow]:
    rows: list[ConstraintRow] = []
    for key, target in model.targets.items():
        spec = setting_key(key)
        m = target.measure
        values = m.rows(x)
        num, den = m.numerator(x), m.denominator(x)
        limit = float(target.limit.value)
        for r, subject in enumerate(m.subjects):
            slack = SIGN[spec.sense] * (num[r] - limit * den[r])
            binding = abs(slack) <= 1e-6 * max(1.0, abs(limit * den[r]), abs(num[r]))
            marginal = 0.0 if not binding else None
            if binding and duals is not None and key in duals:
                marginal = float(duals[key][r] * (-SIGN[spec.sense]) * den[r] / target.scale[r])
            value = None if math.isnan(values[r]) else float(values[r])
            rows.append(ConstraintRow(key, subject, spec.label, spec.kind, value, limit, bool(binding), marginal))
    taken_in: dict[str, float] = dict.fromkeys(model.groups, 0.0)
    for o, opt in enumerate(model.options):
        group = model.case.projects[opt.project].exclusive_group
        if group and x[o] > 1e-6:
            taken_in[group] += 1.0
    for group in model.groups:
        taken = taken_in[group]
        rows.append(ConstraintRow("exclusive_group", group, f"Exclusive group {group}", "count", taken, 1.0,
                                  taken >= 1.0, None))
    return rows


def marginal_duals(model: PortfolioModel, solution: Solution) -> dict[str, np.ndarray] | None:
    """Duals of the targets in the LP with the integer choices fixed at the solution.

    They say how the objective moves per unit of each limit. They are meaningful only when some
    chosen project is partly funded: with all-or-nothing choices fixed, nothing can move.
    """
    partial_taken = [o for o in model.partial_options if solution.option_shares[o] > 1e-6]
    if not partial_taken or not model.targets:
        return None
    if model.marginal_lp is None:  # built once per model: a what-if re-solve only moves its Parameters
        model.marginal_lp = PortfolioModel(model.case, fixed_choice=True)
    lp = model.marginal_lp
    lp.project_lower.value = model.project_lower.value
    lp.project_upper.value = model.project_upper.value
    for key, target in model.targets.items():
        lp.set_limit(key, target.limit.value)
    for key, weight in model.weights.items():
        lp.weights[key].value = weight.value
    lp.risk_aversion.value = model.risk_aversion.value
    lp.objective_adjustment.value = model.objective_adjustment.value
    lp.choice_fixed.value = np.round(np.asarray(model.choose.value, dtype=float))
    try:
        lp.problem.solve(solver=cp.HIGHS)
    except cp.error.SolverError:
        return None
    if lp.problem.status != cp.OPTIMAL:
        return None
    return {key: np.atleast_1d(np.asarray(t.constraint.dual_value, dtype=float)) for key, t in lp.targets.items()}


# --- why each project is left out ---------------------------------------------------------------
def exclusions(model: PortfolioModel, solution: Solution, binding: list[str]) -> list[Exclusion]:
    case = model.case
    chosen = solution.portfolio
    coef = model.objective_coefficients()
    best_value: dict[int, float] = {}
    for o, opt in enumerate(model.options):
        best_value[opt.project] = max(best_value.get(opt.project, -math.inf), coef[o])
    by_id = {p.id: p for p in case.projects}
    group_choice = {by_id[pid].exclusive_group: pid for pid in chosen if by_id[pid].exclusive_group}
    objective_name = {"npv": "NPV", "eva": "EVA", "score": "score"}[case.settings.objective]
    options_of: dict[int, list[int]] = {}
    for o, opt in enumerate(model.options):
        options_of.setdefault(opt.project, []).append(o)
    budgets = _money_limits(model)
    result = []
    for i, p in enumerate(case.projects):
        if p.id in chosen:
            continue
        screened = negative_list_reason(p, case.hurdle_rate)
        missing = [r for r in p.requires if r not in chosen]
        late = [r for r in p.requires if r in chosen and chosen[r].start_year > p.latest_start]
        details: dict[str, object] = {}
        if screened:
            reason, code = screened, "negative_list"
            details = {"irr": p.irr, "hurdle_rate": case.hurdle_rate}
        elif p.excluded or model.project_upper.value[i] < 0.5:
            reason, code = "forced out: marked excluded", "forced_out"
        elif p.exclusive_group and p.exclusive_group in group_choice:
            other = group_choice[p.exclusive_group]
            reason = f"exclusive alternative chosen: {other} ({by_id[other].name}) in group {p.exclusive_group}"
            code = "exclusive"
            details = {"other": other, "other_name": by_id[other].name, "group": p.exclusive_group}
        elif missing:
            reason, code = f"dependency: requires {', '.join(missing)}, not chosen", "dependency"
            details = {"requires": missing}
        elif late:
            reason = (f"dependency: requires {', '.join(late)}, which starts after this project's latest start "
                      f"{p.latest_start}")
            code = "dependency"
            details = {"requires": late, "late": True, "latest_start": p.latest_start}
        elif best_value.get(i, 0.0) <= 0:
            reason = f"does not pay: its {objective_name} contribution {best_value.get(i, 0.0):,.2f} is not positive"
            code = "no_value"
            details = {"objective": case.settings.objective, "value": float(best_value.get(i, 0.0))}
        elif (too_large := _too_large_alone(model, i, options_of.get(i, []), budgets)) is not None:
            reason, code = too_large["reason"], "does_not_fit"
            details = {k: v for k, v in too_large.items() if k != "reason"}
        else:
            limits = f" (binding: {', '.join(binding)})" if binding else ""
            reason, code = f"outcompeted for budget: the limits are better spent on the chosen projects{limits}", \
                "outcompeted"
            details = {"binding": list(binding)}
        result.append(Exclusion(p.id, p.name, reason, code, details))
    return result


def _money_limits(model: PortfolioModel) -> list[tuple[str, np.ndarray, float, float]]:
    """The limits about size, as (key, each option's amount, constant, limit): budgets and other money
    ceilings of one row. A share or rate is not about size."""
    return [(key, t.measure.num_coef[0], float(t.measure.num_const[0]), float(t.limit.value))
            for key, t in model.targets.items()
            if t.sense == "max" and not t.measure.is_ratio and t.measure.num_coef.shape[0] == 1]


def _too_large_alone(model: PortfolioModel, i: int, options: list[int],
                     budgets: list[tuple[str, np.ndarray, float, float]]) -> dict[str, object] | None:
    """Why project i cannot be chosen even alone: every way to take it (its `options`: start year,
    least share) spends more than an annual or total budget allows; None when some way fits. The
    reason, with the figures it names (the limit's key, what the project needs of it, the limit)."""
    smallest = model.case.projects[i].min_share
    worst: dict[str, object] | None = None
    for o in options:
        over = None
        for key, amounts, constant, limit in budgets:
            needed = amounts[o] * smallest + constant
            if needed > limit + 1e-9 * max(1.0, abs(limit)):
                over = {"reason": f"does not fit: even alone it needs {needed:,.2f} of {key}, whose limit is "
                                  f"{limit:,.2f}", "limit_key": key, "needed": float(needed), "limit": limit,
                        "currency_unit": model.case.settings.currency_unit}
                break
        if over is None:
            return None
        worst = worst or over
    return worst


# --- the whole result ---------------------------------------------------------------------------
def build_result(model: PortfolioModel, solution: Solution) -> Result:
    case = model.case
    result = Result(case, solution)
    if not solution.has_portfolio:
        return result
    x = solution.option_shares
    figures = model.figures
    npv_coef = figures.npv().num_coef[0]
    for o, opt in enumerate(model.options):
        if x[o] > 1e-6:
            p = case.projects[opt.project]
            f = solution.portfolio[p.id]
            result.selected.append(Selection(p.id, p.name, f.share, f.start_year, f.share * p.total_capex,
                                             float(x[o] * npv_coef[o])))
    result.kpis = kpis_of(case, figures, x)
    if "score" in result.kpis:
        result.kpis["score"].after = float(model.objective_coefficients() @ x)
    result.constraints = constraint_rows(model, x, marginal_duals(model, solution))
    binding = sorted({c.name for c in result.constraints if c.binding and c.name != "exclusive_group"})
    result.excluded = exclusions(model, solution, binding)
    limits = case.settings.limits
    for year in case.years:
        result.spend_by_year[year] = (float(figures.spend_by_year[year] @ x), limits.get(f"budget_{year}"))
    return result
