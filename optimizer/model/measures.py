"""The figures of a portfolio, each a ratio of two linear functions of the funded shares.

A portfolio is a vector x over *options*: option o is one project started in one
year, and x[o] is the share of it that is funded (0 when the option is not
taken). Every figure the group cares about is

    value(x) = (num_coef @ x + num_const) / (den_coef @ x + den_const)

row by row (one row per sector for the sector share, one row otherwise): a sum
of money when the denominator is the constant 1, a ratio such as ROE when it is
not. The model turns a target on a figure into a linear constraint by
multiplying with the (positive) denominator; the reports evaluate the same
figure to show it before and after. Formulas are those of workbook.md; which figure each Settings key
bounds is in the registry (optimizer/model/targets.py), `Figures.for_limit(key)` its measure.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from optimizer.model.case import Case
from optimizer.model.targets import FIGURES, setting
from optimizer.tolerances import ZERO


@dataclass(frozen=True)
class Option:
    """One way to take a project: its index in case.projects and its start year."""

    project: int
    start_year: int
    delay: int


def options_of(case: Case) -> list[Option]:
    return [
        Option(i, year, year - p.earliest_start)
        for i, p in enumerate(case.projects)
        for year in p.start_years
    ]


@dataclass(frozen=True)
class Measure:
    """A figure of the portfolio: rows of (num_coef @ x + num_const) / (den_coef @ x + den_const).

    Which figure it is, is the registry's to say (targets.FIGURES names the method of Figures that builds it)."""

    num_coef: np.ndarray  # rows x options
    num_const: np.ndarray  # rows
    den_coef: np.ndarray  # rows x options
    den_const: np.ndarray  # rows
    subjects: tuple[str, ...] = ("",)
    """What each row is about: a sector or entity name, "" for a single-row figure."""

    @property
    def is_ratio(self) -> bool:
        return bool(np.any(self.den_coef) or np.any(self.den_const != 1.0))

    def numerator(self, x: np.ndarray) -> np.ndarray:
        return self.num_coef @ x + self.num_const

    def denominator(self, x: np.ndarray) -> np.ndarray:
        return self.den_coef @ x + self.den_const

    def rows(self, x: np.ndarray) -> np.ndarray:
        """The value of each row; NaN where the denominator is zero (e.g. a share of nothing)."""
        den = self.denominator(x)
        num = self.numerator(x)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(np.abs(den) > ZERO, num / np.where(den == 0, 1, den), np.nan)

    def worst(self, x: np.ndarray, sense: str | None) -> float | None:
        """One number for the figure: its only row, or the row a limit of this sense binds first (the largest
        sector share against a ceiling, the smallest against a floor); None where no row has a value."""
        rows = self.rows(x)
        rows = rows[~np.isnan(rows)]
        if rows.size == 0:
            return None
        return float(rows.min() if sense == "min" else rows.max())


def _remembered(method):
    """A measure is computed once per Figures (the case it is built from does not change): the
    reports, the rank-and-fill start and the model ask for the same ones after every what-if solve."""

    @functools.wraps(method)
    def remembered(self, *args):
        key = (method.__name__, *args)
        if key not in self._memo:
            self._memo[key] = method(self, *args)
        return self._memo[key]

    return remembered


class Figures:
    """Builds the measures of one case over its options."""

    def __init__(self, case: Case, options: list[Option] | None = None):
        self.case = case
        self._memo: dict[tuple, Measure] = {}
        self.options = options_of(case) if options is None else options
        projects = [case.projects[o.project] for o in self.options]
        self._projects = projects
        self.n = len(self.options)
        self.total_capex = self._per_project(lambda p: p.total_capex)
        self.spend_by_year = {
            year: np.array(
                [p.capex.get(year - o.delay, 0.0) for p, o in zip(projects, self.options, strict=True)],
                dtype=float,
            )
            for year in case.years
        }

    def _per_project(self, value) -> np.ndarray:
        return np.array([float(value(p)) for p in self._projects], dtype=float)

    def _flag(self, test) -> np.ndarray:
        return self._per_project(lambda p: 1.0 if test(p) else 0.0)

    # --- by the registry's names (optimizer/model/targets.py) ----------------
    def of(self, figure: str) -> Measure:
        """The measure of a figure (a key of targets.FIGURES, such as "rd_intensity")."""
        return getattr(self, FIGURES[figure].measure)()

    def for_limit(self, key: str) -> Measure:
        """The measure a limit bounds: the figure of its Settings key, of its year for an annual budget."""
        limit = setting(key)
        measure = getattr(self, FIGURES[limit.figure].measure)
        return measure(limit.year) if limit.year is not None else measure()

    # --- building blocks ---------------------------------------------------
    def _single(self, num_coef, num_const=0.0, den_coef=None, den_const=1.0) -> Measure:
        den = np.zeros(self.n) if den_coef is None else den_coef
        return Measure(
            np.atleast_2d(np.asarray(num_coef, dtype=float)).reshape(1, self.n),
            np.array([float(num_const)]),
            np.atleast_2d(np.asarray(den, dtype=float)).reshape(1, self.n),
            np.array([float(den_const)]),
        )

    def _share_of_capex(self, flags: np.ndarray) -> Measure:
        return self._single(flags * self.total_capex, 0.0, self.total_capex, 0.0)

    def _largest_share(self, groups: list[str]) -> Measure:
        names = sorted({g for g in groups if g})
        if not names:
            names = []
        member = np.array(groups, dtype=object)[None, :] == np.array(names, dtype=object)[:, None]
        num = np.where(member, self.total_capex[None, :], 0.0).reshape(len(names), self.n)
        den = np.tile(self.total_capex, (len(names), 1)).reshape(len(names), self.n)
        zeros = np.zeros(len(names))
        return Measure(num, zeros, den, zeros.copy(), tuple(names))

    # --- money -------------------------------------------------------------
    @_remembered
    def spend(self, year: int) -> Measure:
        return self._single(self.spend_by_year[year])

    @_remembered
    def capex(self) -> Measure:
        return self._single(self.total_capex)

    @_remembered
    def npv(self) -> Measure:
        rate = self.case.capital_cost_rate
        discount = np.array([(1 + rate) ** -o.delay for o in self.options])
        return self._single(self._per_project(lambda p: p.npv) * discount)

    @_remembered
    def npv_low(self) -> Measure:
        """The pessimistic NPV (npv_low, or the npv where no range is given), discounted for deferral."""
        return self._npv_of(lambda p: p.npv if p.npv_low is None else p.npv_low)

    @_remembered
    def npv_high(self) -> Measure:
        """The optimistic NPV (npv_high, or the npv where no range is given), discounted for deferral."""
        return self._npv_of(lambda p: p.npv if p.npv_high is None else p.npv_high)

    def _npv_of(self, value) -> Measure:
        rate = self.case.capital_cost_rate
        discount = np.array([(1 + rate) ** -o.delay for o in self.options])
        return self._single(self._per_project(value) * discount)

    @_remembered
    def eva(self) -> Measure:
        t, rate = self.case.tax_rate, self.case.capital_cost_rate
        return self._single(self._per_project(lambda p: (1 - t) * p.profit - rate * p.total_capex))

    @_remembered
    def security_investment(self) -> Measure:
        return self._single(self._flag(lambda p: p.security) * self.total_capex)

    # --- shares of the plan's capex ----------------------------------------
    @_remembered
    def strategic_share(self) -> Measure:
        return self._share_of_capex(self._flag(lambda p: p.is_strategic))

    @_remembered
    def non_main_share(self) -> Measure:
        return self._share_of_capex(self._flag(lambda p: not p.main_business))

    @_remembered
    def overseas_share(self) -> Measure:
        return self._share_of_capex(self._flag(lambda p: p.overseas))

    @_remembered
    def sector_share(self) -> Measure:
        return self._largest_share([p.sector for p in self._projects])

    @_remembered
    def entity_share(self) -> Measure:
        return self._largest_share([p.entity for p in self._projects])

    @_remembered
    def avg_risk(self) -> Measure:
        risk = self._per_project(lambda p: p.risk if p.risk is not None else 0.0)
        return self._single(risk * self.total_capex, 0.0, self.total_capex, 0.0)

    # --- the group's "one profit, five rates" after investment -------------
    def _base(self, name: str) -> float:
        value = getattr(self.case.enterprise, name, None) if self.case.enterprise else None
        return float(value) if value is not None else float("nan")

    @_remembered
    def total_profit(self) -> Measure:
        return self._single(self._per_project(lambda p: p.profit), self._base("total_profit"))

    @_remembered
    def profit_growth(self) -> Measure:
        # P / total_profit - 1 = sum p_i s_i / total_profit
        return self._single(self._per_project(lambda p: p.profit), 0.0, None, self._base("total_profit"))

    @_remembered
    def roe(self) -> Measure:
        t = self.case.tax_rate
        return self._single(
            (1 - t) * self._per_project(lambda p: p.profit), self._base("net_profit"),
            self._per_project(lambda p: p.equity_ratio) * self.total_capex, self._base("equity"),
        )

    @_remembered
    def debt_ratio(self) -> Measure:
        debt_share = self._per_project(lambda p: 1 - p.equity_ratio)
        return self._single(
            debt_share * self.total_capex, self._base("total_liabilities"),
            self.total_capex, self._base("total_assets"),
        )

    @_remembered
    def rd_intensity(self) -> Measure:
        return self._single(
            self._per_project(lambda p: p.rd_spend), self._base("rd_spend"),
            self._per_project(lambda p: p.revenue), self._base("revenue"),
        )

    @_remembered
    def operating_cash_ratio(self) -> Measure:
        return self._single(
            self._per_project(lambda p: p.operating_cash_flow), self._base("operating_cash_flow"),
            self._per_project(lambda p: p.revenue), self._base("revenue"),
        )

    @_remembered
    def labour_productivity(self) -> Measure:
        return self._single(
            self._per_project(lambda p: p.value_added), self._base("labour_output"),
            self._per_project(lambda p: p.headcount), self._base("headcount"),
        )
