"""The portfolio as a cvxpy mixed-integer model.

One `PortfolioModel` per case. What a what-if slider moves is a `cp.Parameter`
(every limit of the Settings sheet, the score weights, which projects are
forced in or out), so a change re-solves the same compiled problem instead of
rebuilding it. Each constraint carries the business name of the rule it
enforces: the Settings key (`budget_2027`, `min_roe`, ...) for limits and
targets, and `one_start`, `mandatory`, `min_share`, `requires`,
`exclusive_group` for the project rules.

Variables, over the options (a project and a start year, see measures.py):
  choose[o] in {0, 1}  the option is taken;
  share[o] in [min_share, 1] when taken, 0 otherwise: the funded share.
For all-or-nothing projects the share *is* choose, so only projects that may
be partly funded get a continuous variable.
"""

from __future__ import annotations

from dataclasses import dataclass

import cvxpy as cp
import numpy as np
import scipy.sparse as sp

from optimizer.model.case import Case
from optimizer.model.measures import Figures, Measure
from optimizer.model.screening import is_prohibited
from optimizer.model.targets import DEFAULT_WEIGHT, WEIGHT_KEYS, Objective, budget_year, setting

# How a target row becomes "g(x) >= 0": min targets num - r*den >= 0, max targets r*den - num >= 0.
SIGN = {"min": 1.0, "max": -1.0}


@dataclass
class LimitRows:
    """A limit of the Settings sheet, as constraint rows of the model."""

    key: str
    sense: str
    measure: Measure
    limit: cp.Parameter
    scale: np.ndarray
    """Each row is divided by its scale so that all rows are of order one."""
    constraint: cp.Constraint | None = None

    def expression(self, x: cp.Expression, plan_capex: PlanCapex | None = None) -> cp.Expression:
        """g(x) >= 0 holds exactly when the target is met (rows scaled).

        With `plan_capex`, a share of the plan's capex is written against that one variable, so its
        row holds only the options it counts (a sector's, an entity's) instead of every option.
        """
        m = self.measure
        num = sp.csr_matrix(m.num_coef) @ x + m.num_const
        if plan_capex is not None and plan_capex.is_denominator_of(m):
            den = plan_capex.unit * plan_capex.variable * np.ones(m.den_coef.shape[0])
        else:
            den = sp.csr_matrix(m.den_coef) @ x + m.den_const
        return cp.multiply(SIGN[self.sense] / self.scale, num - self.limit * den)


@dataclass
class PlanCapex:
    """The plan's total capex as a variable of its own, defined by the row `plan_capex`.

    The variable counts the capex in `unit`s, the largest option's capex, so that its row and its
    column stay of order one in any currency unit: in money, a plan of 1e9 (yuan) against HiGHS's
    absolute tolerances made feasible cases read as infeasible.
    """

    coef: np.ndarray
    variable: cp.Variable
    unit: float = 1.0

    def is_denominator_of(self, measure: Measure) -> bool:
        return not np.any(measure.den_const) and bool(np.all(measure.den_coef == self.coef))

    def value(self, shares: np.ndarray) -> float:
        """The variable's value for these option shares."""
        return float(self.coef @ shares) / self.unit


def _row_scale(measure: Measure) -> np.ndarray:
    """The power of two nearest to each row's largest coefficient.

    A power of two scales without rounding a single coefficient, and HiGHS scales by powers of two
    itself, so it sees the very numbers of the data: on OR-Library mknapcb1 5.100-21, rows divided
    by their exact largest coefficient took HiGHS 12,169 nodes (7.3 s), powers of two 1,010 nodes
    (0.9 s), as on the raw instance; over ten instances 25.2 s -> 18.5 s of CPU.
    """
    parts = [np.abs(measure.num_coef).max(axis=1, initial=0.0), np.abs(measure.num_const),
             np.abs(measure.den_coef).max(axis=1, initial=0.0), np.abs(measure.den_const)]
    largest = np.maximum(np.max(np.vstack(parts), axis=0), 1e-9)
    return 2.0 ** np.round(np.log2(largest))


class PortfolioModel:
    """The mixed-integer model of one case; re-solve after changing its Parameters.

    `targets_enforced=False` leaves the Settings limits out of the constraints
    (the diagnosis adds them its own way); `fixed_choice=True` makes `choose`
    continuous and equal to the Parameter `choice_fixed`, the LP whose duals
    give marginal values; `elastic=True` adds a slack to every target row and minimises their sum;
    `feasibility=True` only looks for a portfolio that meets everything.
    """

    def __init__(self, case: Case, *, targets_enforced: bool = True, fixed_choice: bool = False,
                 elastic: bool = False, feasibility: bool = False):
        self.case = case
        self.figures = Figures(case)
        self.options = self.figures.options
        n = len(self.options)
        projects = case.projects
        if n == 0:
            raise ValueError("a model needs at least one candidate project")

        # --- variables ------------------------------------------------------
        self.choose = cp.Variable(n, name="choose", boolean=not fixed_choice,
                                  bounds=[0, 1] if fixed_choice else None)
        partial = [o for o, opt in enumerate(self.options) if projects[opt.project].min_share < 1]
        self.partial_options = partial
        if partial:
            self.partial_share = cp.Variable(len(partial), name="partial_share")
            whole = np.ones(n)
            whole[partial] = 0.0
            pick = sp.csr_matrix((np.ones(len(partial)), (partial, range(len(partial)))), shape=(n, len(partial)))
            self.share = cp.multiply(whole, self.choose) + pick @ self.partial_share
        else:
            self.partial_share = None
            self.share = self.choose

        # --- parameters -----------------------------------------------------
        self.project_lower = cp.Parameter(len(projects), name="project_lower", nonneg=True)
        self.project_upper = cp.Parameter(len(projects), name="project_upper", nonneg=True)
        self.set_project_bounds(
            forced_in={p.id for p in projects if p.mandatory},
            forced_out={p.id for p in projects if p.excluded or self.screened_out(p)},
        )
        self.choice_fixed = cp.Parameter(n, name="choice_fixed") if fixed_choice else None

        # --- the project rules ----------------------------------------------
        per_project = sp.csr_matrix(
            (np.ones(n), ([opt.project for opt in self.options], range(n))), shape=(len(projects), n))
        self.per_project = per_project
        chosen = per_project @ self.choose
        self.constraints: dict[str, cp.Constraint] = {
            "one_start": chosen <= self.project_upper,
            "mandatory": chosen >= self.project_lower,
        }
        if partial:
            min_share = np.array([projects[self.options[o].project].min_share for o in partial])
            taken = self.choose[partial]
            self.constraints["min_share"] = self.partial_share >= cp.multiply(min_share, taken)
            self.constraints["max_share"] = self.partial_share <= taken
        self.requires_rows = self._requires_rows()
        if self.requires_rows:
            rows, cols, vals = [], [], []
            for r, (o, prerequisite_options, _, _) in enumerate(self.requires_rows):
                rows.append(r), cols.append(o), vals.append(1.0)
                for o2 in prerequisite_options:
                    rows.append(r), cols.append(o2), vals.append(-1.0)
            matrix = sp.csr_matrix((vals, (rows, cols)), shape=(len(self.requires_rows), n))
            self.constraints["requires"] = matrix @ self.choose <= 0
        self.groups = sorted({p.exclusive_group for p in projects if p.exclusive_group})
        if self.groups:
            member = sp.csr_matrix(
                [[1.0 if p.exclusive_group == g else 0.0 for p in projects] for g in self.groups])
            self.constraints["exclusive_group"] = member @ chosen <= 1
        if fixed_choice:
            self.constraints["fixed_choice"] = self.choose == self.choice_fixed

        # --- the limits and targets of the Settings sheet --------------------
        self.limits: dict[str, LimitRows] = {}
        for key, value in case.settings.limits.items():
            year = budget_year(key)
            if year is not None and year not in case.years:
                continue  # a budget for a year outside the plan: nothing falls in it
            measure = self.figures.for_limit(key)
            if measure.num_coef.shape[0] == 0:
                continue  # e.g. a sector limit when no project names a sector
            limit = cp.Parameter(name=key, value=float(value))
            self.limits[key] = LimitRows(key, setting(key).sense, measure, limit, _row_scale(measure))
        self.slack: dict[str, cp.Variable] = {}
        self.plan_capex: PlanCapex | None = None
        if targets_enforced:
            # Shares of the plan's capex (strategic, sector, entity, average risk ...) divide by one
            # and the same sum: define it once, so that each share row stays sparse (measured: the
            # entity rows of a 1,000-project case were 120,000 of its 126,000 nonzeros).
            unit = max(float(np.max(self.figures.total_capex, initial=0.0)), 1e-9)
            plan_capex = PlanCapex(self.figures.total_capex, cp.Variable(name="plan_capex", nonneg=True), unit)
            if any(plan_capex.is_denominator_of(t.measure) for t in self.limits.values()):
                self.plan_capex = plan_capex
                self.constraints["plan_capex"] = plan_capex.variable == (plan_capex.coef / unit) @ self.share
            for key, target in self.limits.items():
                g = target.expression(self.share, self.plan_capex)
                if elastic:
                    self.slack[key] = cp.Variable(g.shape, name=f"slack_{key}", nonneg=True)
                    g = g + self.slack[key]
                target.constraint = g >= 0
                self.constraints[key] = target.constraint

        # --- the objective ----------------------------------------------------
        self.weights = {key: cp.Parameter(name=key, nonneg=True) for key in WEIGHT_KEYS}
        self.set_weights(case.settings.weights)
        self.risk_aversion = cp.Parameter(name="risk_aversion", nonneg=True)
        self.set_risk_aversion(case.settings.risk_aversion)
        self.objective_adjustment = cp.Parameter(n, name="objective_adjustment", value=np.zeros(n))
        """Added to the objective per unit of share of each option: how the analyses (optimizer/analysis/explain.py,
        optimizer/analysis/stability.py) try another NPV for a project without rebuilding. Zero otherwise."""
        self.objective_coef = self._objective_expression()
        if feasibility:
            objective = cp.Minimize(0)
        elif elastic:
            objective = cp.Minimize(sum(cp.sum(s) for s in self.slack.values()) if self.slack else 0)
        else:
            objective = cp.Maximize(self.objective_coef)
        self.problem = cp.Problem(objective, list(self.constraints.values()))
        self.last_columns: np.ndarray | None = None
        """The solver's previous answer, to warm-start the next solve after a what-if change."""
        self.marginal_lp: PortfolioModel | None = None
        """The LP with the choices fixed that gives marginal values (report.py builds it on first use)."""

    # --- parameters a slider or an analysis moves --------------------------
    def set_limit(self, key: str, value: float) -> None:
        self.limits[key].limit.value = float(value)

    def set_project_bounds(self, forced_in: set[str], forced_out: set[str]) -> None:
        ids = [p.id for p in self.case.projects]
        self.project_lower.value = np.array([1.0 if i in forced_in and i not in forced_out else 0.0 for i in ids])
        self.project_upper.value = np.array([0.0 if i in forced_out else 1.0 for i in ids])

    def set_weights(self, weights: dict[str, float]) -> None:
        given = {k: float(v) for k, v in weights.items() if k in self.weights}
        for key, parameter in self.weights.items():
            parameter.value = given.get(key, 0.0) if given else DEFAULT_WEIGHT

    def set_risk_aversion(self, value: float) -> None:
        self.risk_aversion.value = min(max(float(value), 0.0), 1.0)

    def screened_out(self, project) -> bool:
        return is_prohibited(project, self.case.hurdle_rate)

    # --- helpers -----------------------------------------------------------
    def _requires_rows(self):
        """For each option o of a project and each project it requires: o may be taken only if the
        prerequisite is taken with a start no later than o's (start order)."""
        index = {p.id: i for i, p in enumerate(self.case.projects)}
        options_of_project: dict[int, list[int]] = {}
        for o, opt in enumerate(self.options):
            options_of_project.setdefault(opt.project, []).append(o)
        rows = []
        for o, opt in enumerate(self.options):
            project = self.case.projects[opt.project]
            for required_id in project.requires:
                j = index[required_id]
                allowed = [o2 for o2 in options_of_project.get(j, [])
                           if self.options[o2].start_year <= opt.start_year]
                rows.append((o, allowed, project.id, required_id))
        return rows

    def _objective_expression(self) -> cp.Expression:
        objective = self.case.settings.objective
        adjustment = self.objective_adjustment @ self.share
        if objective == Objective.NPV:
            # Risk aversion λ moves weight from the NPV to the pessimistic NPV: NPV − λ (NPV − npv_low).
            npv = self.figures.npv().num_coef[0]
            downside = npv - self.figures.npv_low().num_coef[0]
            if not np.any(downside):
                return npv @ self.share + adjustment
            return npv @ self.share - self.risk_aversion * (downside @ self.share) + adjustment
        if objective == Objective.EVA:
            return self.figures.eva().num_coef[0] @ self.share + adjustment
        criteria = score_criteria(self.figures)
        return sum(self.weights[key] * (criteria[key] @ self.share) for key in WEIGHT_KEYS) + adjustment

    def variable_values(self, shares: np.ndarray) -> dict[cp.Variable, np.ndarray]:
        """The model's variables at a portfolio given as option shares: a start to hand the solver."""
        values = {self.choose: (shares > 1e-9).astype(float)}
        if self.partial_share is not None:
            values[self.partial_share] = shares[self.partial_options]
        if self.plan_capex is not None:
            values[self.plan_capex.variable] = np.array([self.plan_capex.value(shares)])
        return values

    def objective_coefficients(self) -> np.ndarray:
        """The objective per unit of share of each option, at the current weights and risk aversion."""
        objective = self.case.settings.objective
        if objective == Objective.NPV:
            npv = self.figures.npv().num_coef[0]
            coef = npv - self.risk_aversion.value * (npv - self.figures.npv_low().num_coef[0])
        elif objective == Objective.EVA:
            coef = self.figures.eva().num_coef[0]
        else:
            criteria = score_criteria(self.figures)
            coef = sum(self.weights[key].value * criteria[key] for key in WEIGHT_KEYS)
        return coef + self.objective_adjustment.value


def _scaled(values: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """Min-max scaling to 0..1 over the candidates; a criterion that does not vary scores 1 if positive."""
    lo, hi = float(np.min(values)), float(np.max(values))
    if hi - lo <= 1e-12:
        return np.full(values.shape, 1.0 if hi > 0 else 0.0)
    scaled = (values - lo) / (hi - lo)
    return scaled if higher_is_better else 1.0 - scaled


def score_criteria(figures: Figures) -> dict[str, np.ndarray]:
    """Each criterion of the `score` objective per option, scaled 0..1 over the candidate projects.

    return: NPV (deferral discounts it like the NPV); strategic: strategic_score, or 1 for a strategic
    emerging or future industry project when no score is given; security: the security flag;
    innovation: key core technology and future industry flags (half each); risk: the risk grade,
    lower is better.
    """
    case = figures.case
    projects = case.projects
    per_option = [o.project for o in figures.options]
    rate = case.capital_cost_rate
    discount = np.array([(1 + rate) ** -o.delay for o in figures.options])

    def over_projects(values, higher_is_better=True):
        return _scaled(np.array(values, dtype=float), higher_is_better)[per_option]

    has_scores = any(p.strategic_score is not None for p in projects)
    strategic = [(p.strategic_score or 0.0) if has_scores else float(p.is_strategic or p.future_industry)
                 for p in projects]
    return {
        "weight_return": over_projects([p.npv for p in projects]) * discount,
        "weight_strategic": over_projects(strategic),
        "weight_security": over_projects([float(p.security) for p in projects]),
        "weight_innovation": over_projects([0.5 * p.key_core_tech + 0.5 * p.future_industry for p in projects]),
        "weight_risk": over_projects([p.risk if p.risk is not None else 3.0 for p in projects],
                                     higher_is_better=False),
    }
