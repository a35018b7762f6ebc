"""The portfolio as a cvxpy mixed-integer model.

One `PortfolioModel` per case and purpose (`Variant`: optimise, feasibility, elastic, reach,
marginal). What a what-if slider moves is a `cp.Parameter` (every limit of the Settings sheet, the
score weights, the risk aversion, which projects are forced in or out), so a change is `apply`-ed
and the same compiled problem re-solved instead of rebuilt: the problem is DPP
(`problem.is_dcp(dpp=True)`, tests/model/test_portfolio.py). Each constraint carries the business name of the rule it
enforces: the Settings key (`budget_2027`, `min_roe`, `max_debt_ratio_2028`, ...) for limits
and targets (`Case.limits_in_force`: with `kpi_check` every_year a plain target is also a row in
each plan year), and `one_start`, `mandatory`, `min_share`, `requires` for the project rules and
`requires_any`, `together_with`, `exclusive_group`, `group_min_count` for the relations between
projects (model/relations.py).

Variables, over the options (a project and a start year, see measures.py):
  choose[o] in {0, 1}  the option is taken;
  share[o] in [min_share, 1] when taken, 0 otherwise: the funded share.
For all-or-nothing projects the share *is* choose, so only projects that may
be partly funded get a continuous variable.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import cvxpy as cp
import numpy as np
import scipy.sparse as sp

from optimizer.model.case import Case
from optimizer.model.measures import Figures, Measure
from optimizer.model.relations import lag, relation_constraints
from optimizer.model.screening import is_prohibited
from optimizer.model.targets import DEFAULT_WEIGHT, WEIGHT_KEYS, Objective, setting, year_of
from optimizer.tolerances import FUNDED, NEGLIGIBLE, ZERO

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
    largest = np.maximum(np.max(np.vstack(parts), axis=0), NEGLIGIBLE)
    return 2.0 ** np.round(np.log2(largest))


class Variant(Enum):
    """What a model is built to find."""

    OPTIMISE = "optimise"
    """The best portfolio that keeps every rule and limit: the what-if solves and the analyses."""
    FEASIBILITY = "feasibility"
    """Any portfolio that keeps them all (the diagnosis asks whether one exists)."""
    ELASTIC = "elastic"
    """Every limit row may give, by a slack; the least total slack (the diagnosis: which targets have to give)."""
    REACH = "reach"
    """The best level of one limit's figure with every other rule and limit kept (the diagnosis)."""
    MARGINAL = "marginal"
    """The LP with the yes/no choices fixed at an answer, whose duals are the limits' marginal values."""


class PortfolioModel:
    """The mixed-integer model of one case; `apply` a what-if change and re-solve.

    Build it with the constructor of what it is for: `PortfolioModel.optimising(case)` (also plain
    `PortfolioModel(case)`), `feasibility`, `elastic`, `reaching(case, key)` or `marginal`. `apply(case)`
    sets every Parameter from a case of the same structure; `objective_terms` is the objective, written
    once for the cvxpy expression and for the coefficients of a portfolio.
    """

    def __init__(self, case: Case, variant: Variant = Variant.OPTIMISE, goal: str | None = None,
                 decide_projects: bool = False):
        if not case.projects:
            raise ValueError("a model needs at least one candidate project")
        self.case = case
        self.variant = variant
        self.figures = Figures(case)
        self.options = self.figures.options
        self.decide_projects = decide_projects and any(len(p.start_years) > 1 for p in case.projects)
        """A binary per project (`taken`) beside those of its start years: see `reaching`."""
        self._variables(fixed_choice=variant is Variant.MARGINAL)
        self._parameters()
        self.constraints: dict[str, cp.Constraint] = self._project_rules()
        self.limits: dict[str, LimitRows] = self._limit_rows()
        self.goal: LimitRows | None = self.limits.pop(goal) if goal is not None else None
        """For REACH: the limit whose figure is pushed as far as it goes (its Parameter is the level to beat)."""
        self.level: cp.Variable | None = None
        self.slack: dict[str, cp.Variable] = {}
        self.plan_capex: PlanCapex | None = None
        self._enforce_limits()
        self.problem = cp.Problem(self._objective(), list(self.constraints.values()))
        self.last_columns: np.ndarray | None = None
        """The solver's previous answer, to warm-start the next solve after a what-if change."""
        self.marginal_lp: PortfolioModel | None = None
        """The LP with the choices fixed that gives marginal values (report/constraints.py builds it on first use)."""

    # --- one constructor per variant ------------------------------------------------------------------
    @classmethod
    def optimising(cls, case: Case) -> PortfolioModel:
        return cls(case, Variant.OPTIMISE)

    @classmethod
    def feasibility(cls, case: Case, decide_projects: bool = False) -> PortfolioModel:
        """Any portfolio that keeps every rule and limit (`decide_projects`: as `reaching`'s)."""
        return cls(case, Variant.FEASIBILITY, decide_projects=decide_projects)

    @classmethod
    def elastic(cls, case: Case) -> PortfolioModel:
        return cls(case, Variant.ELASTIC)

    @classmethod
    def reaching(cls, case: Case, key: str, decide_projects: bool = False) -> PortfolioModel:
        """Maximise `level` such that the figure of limit `key` beats its Parameter by it, with every other
        rule and limit kept (the case must set `key`). `decide_projects`, where some project has a choice of
        start years: a binary per project equal to the sum of its start years' (`taken`), the same portfolios,
        but HiGHS can branch on taking a project before it picks its start. In the diagnosis's proofs
        (best_reachable) that made the seed-2 1,000-project conflict's most security investment 5 s, not 18 s."""
        return cls(case, Variant.REACH, goal=key, decide_projects=decide_projects)

    @classmethod
    def marginal(cls, case: Case) -> PortfolioModel:
        return cls(case, Variant.MARGINAL)

    # --- the parts --------------------------------------------------------------------------------------
    def _variables(self, fixed_choice: bool) -> None:
        n = len(self.options)
        projects = self.case.projects
        self.choose = cp.Variable(n, name="choose", boolean=not fixed_choice,
                                  bounds=[0, 1] if fixed_choice else None)
        self.taken = cp.Variable(len(projects), name="taken", boolean=True) if self.decide_projects else None
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

    def _parameters(self) -> None:
        n, projects = len(self.options), self.case.projects
        self.project_lower = cp.Parameter(len(projects), name="project_lower", nonneg=True)
        self.project_upper = cp.Parameter(len(projects), name="project_upper", nonneg=True)
        self.choice_fixed = cp.Parameter(n, name="choice_fixed") if self.variant is Variant.MARGINAL else None
        self.weights = {key: cp.Parameter(name=key, nonneg=True) for key in WEIGHT_KEYS}
        self.risk_aversion = cp.Parameter(name="risk_aversion", nonneg=True)
        self.objective_adjustment = cp.Parameter(n, name="objective_adjustment", value=np.zeros(n))
        """Added to the objective per unit of share of each option: how the analyses (analysis/explain.py,
        analysis/stability.py) try another NPV for a project without rebuilding. Zero otherwise."""
        self._set_project_bounds(self.case)
        self.set_weights(self.case.settings.weights)
        self.set_risk_aversion(self.case.settings.risk_aversion)

    def _project_rules(self) -> dict[str, cp.Constraint]:
        n, projects = len(self.options), self.case.projects
        per_project = sp.csr_matrix(
            (np.ones(n), ([opt.project for opt in self.options], range(n))), shape=(len(projects), n))
        self.per_project = per_project
        chosen = per_project @ self.choose
        constraints = {
            "one_start": chosen <= self.project_upper,
            "mandatory": chosen >= self.project_lower,
        }
        if self.taken is not None:
            constraints["taken"] = chosen == self.taken
        partial = self.partial_options
        if partial:
            min_share = np.array([projects[self.options[o].project].min_share for o in partial])
            taken = self.choose[partial]
            constraints["min_share"] = self.partial_share >= cp.multiply(min_share, taken)
            constraints["max_share"] = self.partial_share <= taken
        self.requires_rows = self._requires_rows()
        if self.requires_rows:
            rows, cols, vals = [], [], []
            for r, (o, prerequisite_options, _, _) in enumerate(self.requires_rows):
                rows.append(r), cols.append(o), vals.append(1.0)
                for o2 in prerequisite_options:
                    rows.append(r), cols.append(o2), vals.append(-1.0)
            matrix = sp.csr_matrix((vals, (rows, cols)), shape=(len(self.requires_rows), n))
            constraints["requires"] = matrix @ self.choose <= 0
        constraints.update(relation_constraints(self))  # requires_any, together_with, the group counts
        if self.choice_fixed is not None:
            constraints["fixed_choice"] = self.choose == self.choice_fixed
        return constraints

    def _limit_rows(self) -> dict[str, LimitRows]:
        """Each limit and target of the Settings sheet as rows of its figure, named by its key."""
        limits = {}
        for key, value in self.case.limits_in_force.items():
            year = year_of(key)
            if year is not None and year not in self.case.years:
                continue  # a budget for a year outside the plan: nothing falls in it
            measure = self.figures.for_limit(key)
            if measure.num_coef.shape[0] == 0:
                continue  # e.g. a sector limit when no project names a sector
            limit = cp.Parameter(name=key, value=float(value))
            limits[key] = LimitRows(key, setting(key).sense, measure, limit, _row_scale(measure))
        return limits

    def _enforce_limits(self) -> None:
        """The limits' constraints (each with a slack in the ELASTIC model), and the goal's for REACH."""
        # Shares of the plan's capex (strategic, sector, entity, average risk ...) divide by one and the same
        # sum: define it once, so that each share row stays sparse (measured: the entity rows of a
        # 1,000-project case were 120,000 of its 126,000 nonzeros).
        unit = max(float(np.max(self.figures.total_capex, initial=0.0)), NEGLIGIBLE)
        plan_capex = PlanCapex(self.figures.total_capex, cp.Variable(name="plan_capex", nonneg=True), unit)
        rows = list(self.limits.values()) + ([self.goal] if self.goal is not None else [])
        if any(plan_capex.is_denominator_of(t.measure) for t in rows):
            self.plan_capex = plan_capex
            self.constraints["plan_capex"] = plan_capex.variable == (plan_capex.coef / unit) @ self.share
        for key, limit in self.limits.items():
            g = limit.expression(self.share, self.plan_capex)
            if self.variant is Variant.ELASTIC:
                self.slack[key] = cp.Variable(g.shape, name=f"slack_{key}", nonneg=True)
                g = g + self.slack[key]
            limit.constraint = g >= 0
            self.constraints[key] = limit.constraint
        if self.goal is not None:
            self.level = cp.Variable(name="level")
            self.goal.constraint = self.goal.expression(self.share, self.plan_capex) >= self.level
            self.constraints[self.goal.key] = self.goal.constraint

    def _objective(self) -> cp.Minimize | cp.Maximize:
        if self.variant is Variant.FEASIBILITY:
            return cp.Minimize(0)
        if self.variant is Variant.ELASTIC:
            return cp.Minimize(sum(cp.sum(s) for s in self.slack.values()) if self.slack else 0)
        if self.variant is Variant.REACH:
            return cp.Maximize(self.level)
        terms = sum(weight * (coefficients @ self.share) for weight, coefficients in self.objective_terms())
        return cp.Maximize(terms + self.objective_adjustment @ self.share)

    # --- the objective, written once ----------------------------------------------------------------------
    def objective_terms(self) -> list[tuple[cp.Parameter | float, np.ndarray]]:
        """The objective as (weight, coefficient per option) terms; a weight is a Parameter where a slider
        moves it. NPV: the NPV, less risk aversion λ × (NPV − npv_low), so λ moves weight from the NPV to the
        pessimistic NPV. EVA: the EVA. Score: each criterion by its weight. Plus `objective_adjustment`."""
        objective = self.case.settings.objective
        if objective == Objective.NPV:
            npv = self.figures.npv().num_coef[0]
            downside = npv - self.figures.npv_low().num_coef[0]
            return [(1.0, npv)] + ([(self.risk_aversion, -downside)] if np.any(downside) else [])
        if objective == Objective.EVA:
            return [(1.0, self.figures.eva().num_coef[0])]
        criteria = score_criteria(self.figures)
        return [(self.weights[key], criteria[key]) for key in WEIGHT_KEYS]

    def objective_coefficients(self) -> np.ndarray:
        """The objective per unit of share of each option, at the Parameters' current values."""
        coefficients = self.objective_adjustment.value.copy()
        for weight, per_option in self.objective_terms():
            coefficients = coefficients + (weight.value if isinstance(weight, cp.Parameter) else weight) * per_option
        return coefficients

    # --- parameters a slider or an analysis moves --------------------------
    def apply(self, case: Case) -> None:
        """Take a what-if change: every Parameter set from `case`, of the same structure as the model's (the
        same projects, limits and objective; the values and the projects forced in or out may differ)."""
        self.case = case
        for key, value in case.limits_in_force.items():
            if key in self.limits:
                self.set_limit(key, value)
        self.set_weights(case.settings.weights)
        self.set_risk_aversion(case.settings.risk_aversion)
        self._set_project_bounds(case)

    def set_limit(self, key: str, value: float) -> None:
        self.limits[key].limit.value = float(value)

    def _set_project_bounds(self, case: Case) -> None:
        """Mandatory projects forced in; projects marked excluded, or prohibited by screening, forced out."""
        self.set_project_bounds(
            forced_in={p.id for p in case.projects if p.mandatory},
            forced_out={p.id for p in case.projects if p.excluded or is_prohibited(p, case)})

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

    # --- helpers -----------------------------------------------------------
    def _requires_rows(self):
        """For each option o of a project and each project it requires: o may be taken only if the
        prerequisite is taken with a start no later than o's less the lag (start order; `P001+2`: two years)."""
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
                           if self.options[o2].start_year <= opt.start_year - lag(project, required_id)]
                rows.append((o, allowed, project.id, required_id))
        return rows

    def variable_values(self, shares: np.ndarray) -> dict[cp.Variable, np.ndarray]:
        """The model's variables at a portfolio given as option shares: a start to hand the solver."""
        values = {self.choose: (shares > FUNDED).astype(float)}
        if self.partial_share is not None:
            values[self.partial_share] = shares[self.partial_options]
        if self.plan_capex is not None:
            values[self.plan_capex.variable] = np.array([self.plan_capex.value(shares)])
        return values


def _scaled(values: np.ndarray, higher_is_better: bool = True) -> np.ndarray:
    """Min-max scaling to 0..1 over the candidates; a criterion that does not vary scores 1 if positive."""
    lo, hi = float(np.min(values)), float(np.max(values))
    if hi - lo <= ZERO:
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
