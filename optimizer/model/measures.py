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

The group's own figures ("one profit, five rates") come twice: `Figures.roe()` is the steady state after the
plan, every project at full effect; `Figures.roe(2028)` is the plan year 2028, where a project adds its
figures only from its start plus its build years on, its spend so far is on the balance sheet, the
baseline business is the Outlook's, and ROE divides by the average of the net assets at the start and the
end of the year (workbook.md, "Year by year").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from optimizer.model.case import Case, EquitySource, Project
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
        """The measure a limit bounds: the figure of its Settings key, in its year for an annual budget and a
        target by year, over one subsidiary's projects for its own budget (`budget_2027@NE`)."""
        limit = setting(key)
        measure = getattr(self, FIGURES[limit.figure].measure)
        measure = measure(limit.year) if limit.year is not None else measure()
        return self._of_entity(measure, limit.entity) if limit.entity is not None else measure

    def _of_entity(self, measure: Measure, entity: str) -> Measure:
        """A sum over the options of one investing subsidiary's projects (its own budget, the Entities sheet)."""
        own = self._flag(lambda p: p.entity == entity)
        return Measure(measure.num_coef * own, measure.num_const, measure.den_coef * own, measure.den_const)

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

    @_remembered
    def livelihood_investment(self) -> Measure:
        return self._single(self._flag(lambda p: p.livelihood) * self.total_capex)

    # --- shares of the plan's capex ----------------------------------------
    @_remembered
    def strategic_share(self) -> Measure:
        return self._share_of_capex(self._flag(lambda p: p.is_strategic))

    @_remembered
    def key_core_tech_share(self) -> Measure:
        return self._share_of_capex(self._flag(lambda p: p.key_core_tech))

    @_remembered
    def future_industry_share(self) -> Measure:
        return self._share_of_capex(self._flag(lambda p: p.future_industry))

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
    # Each takes the plan year (None: the steady state after the plan).
    def _base(self, name: str, year: int | None = None) -> float:
        value = self.case.baseline(name, year)
        return float(value) if value is not None else float("nan")

    def _run_rate(self, value, year: int | None) -> np.ndarray:
        """A run-rate figure per option: in full for the steady state, from the project's start plus its
        build years on in a plan year."""
        figures = self._per_project(value)
        return figures if year is None else figures * self._adding(year)

    @_remembered
    def _adding(self, year: int) -> np.ndarray:
        """1 for the options that add their run-rate figures in `year`, 0 for the others (all of them in the base
        year, whose figures are the Enterprise sheet's)."""
        if year <= self.case.base_year:
            return np.zeros(self.n)
        return np.array([1.0 if o.start_year + p.build_years <= year else 0.0
                         for p, o in zip(self._projects, self.options, strict=True)])

    @_remembered
    def _spent(self, year: int | None) -> np.ndarray:
        """Each option's capex on the balance sheet: all of it for the steady state, the spend through the end
        of `year` in a plan year."""
        if year is None:
            return self.total_capex
        return np.array([sum(amount for y, amount in p.capex.items() if y + o.delay <= year)
                         for p, o in zip(self._projects, self.options, strict=True)], dtype=float)

    def _own_funds(self) -> bool:
        enterprise = self.case.enterprise
        return enterprise is not None and enterprise.equity_source == EquitySource.OWN_FUNDS

    def _equity_part(self) -> np.ndarray:
        return self._per_project(lambda p: p.equity_ratio)

    def _net_assets(self, year: int | None) -> tuple[np.ndarray, float]:
        """Net assets at the end of `year` (the steady state for None), as (per option, constant): the baseline's
        and, with new capital, the equity part of the capex spent so far."""
        growth = np.zeros(self.n) if self._own_funds() else self._equity_part() * self._spent(year)
        return growth, self._base("equity", year)

    def _tax_rate(self, year: int | None) -> float:
        rate = self.case.baseline("tax_rate", year)
        return self.case.tax_rate if rate is None else float(rate)

    @_remembered
    def net_assets(self, year: int | None = None) -> Measure:
        """Net assets at the end of `year` (the base year's are the Enterprise equity; None: the steady state)."""
        growth, base = self._net_assets(year)
        return self._single(growth, base)

    @_remembered
    def total_profit(self, year: int | None = None) -> Measure:
        return self._single(self._run_rate(_profit, year), self._base("total_profit", year))

    @_remembered
    def profit_growth(self, year: int | None = None) -> Measure:
        if year is None:  # P / total_profit - 1 = sum p_i s_i / total_profit
            return self._single(self._per_project(_profit), 0.0, None, self._base("total_profit"))
        # P(y) / P(y-1) - 1 = (P(y) - P(y-1)) / P(y-1)
        now, before = self.total_profit(year), self.total_profit(year - 1)  # year - 1 may be the base year
        return self._single(now.num_coef - before.num_coef, now.num_const[0] - before.num_const[0],
                            before.num_coef, before.num_const[0])

    @_remembered
    def roe(self, year: int | None = None) -> Measure:
        net_profit = (1 - self._tax_rate(year)) * self._run_rate(_profit, year)
        if year is None:
            growth, equity = self._net_assets(None)
            return self._single(net_profit, self._base("net_profit"), growth, equity)
        # SASAC's ROE: net profit over the average of the net assets at the start and the end of the year
        end, end_base = self._net_assets(year)
        start, start_base = self._net_assets(year - 1)  # the base year's: the Enterprise equity, nothing spent
        return self._single(net_profit, self._base("net_profit", year), (start + end) / 2, (start_base + end_base) / 2)

    @_remembered
    def debt_ratio(self, year: int | None = None) -> Measure:
        spent = self._spent(year)
        debt = (1 - self._equity_part()) * spent
        assets = debt if self._own_funds() else spent
        return self._single(debt, self._base("total_liabilities", year), assets, self._base("total_assets", year))

    @_remembered
    def rd_intensity(self, year: int | None = None) -> Measure:
        return self._single(
            self._run_rate(lambda p: p.rd_spend, year), self._base("rd_spend", year),
            self._run_rate(_revenue, year), self._base("revenue", year),
        )

    @_remembered
    def operating_cash_ratio(self, year: int | None = None) -> Measure:
        return self._single(
            self._run_rate(lambda p: p.operating_cash_flow, year), self._base("operating_cash_flow", year),
            self._run_rate(_revenue, year), self._base("revenue", year),
        )

    @_remembered
    def labour_productivity(self, year: int | None = None) -> Measure:
        return self._single(
            self._run_rate(lambda p: p.value_added, year), self._base("labour_output", year),
            self._run_rate(lambda p: p.headcount, year), self._base("headcount", year),
        )


def _profit(p: Project) -> float:
    return p.profit


def _revenue(p: Project) -> float:
    return p.revenue
