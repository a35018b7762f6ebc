"""The risk of a portfolio from the projects' NPV ranges (npv_low, npv, npv_high of workbook.md).

Reported for any portfolio whose case gives ranges (a project without one counts as certain, its
NPV in every scenario; one bound missing is taken as the npv):

- pessimistic NPV, the downside: Σ npv_low × share, discounted for deferral like the NPV: what
  the portfolio is worth if every project comes in at its low case;
- optimistic NPV: the same with npv_high;
- CVaR at 90%: the mean portfolio NPV over the worst 10% of `SCENARIOS` scenarios, each project's
  NPV drawn independently from the triangular distribution (npv_low, most likely npv, npv_high),
  with a fixed seed so that the same case always gives the same figure.

Risk aversion (Settings `risk_aversion` λ, 0..1, objective npv only) trades expected NPV against
the downside. The objective becomes

    Σ [npv − λ (npv − npv_low)] × share = expected NPV − λ × (expected − pessimistic NPV),

λ = 0 the expected NPV, λ = 1 the pessimistic NPV. It stays linear: each project's coefficient
moves, the model keeps its size, and λ is a cvxpy Parameter, so a change re-solves the compiled
model. Optimising CVaR itself (Rockafellar–Uryasev: one variable and one row per scenario) was
measured on the demo case and is much slower for a noisy tail; docs/engine.md has the figures.
The NPV–risk frontier is the risk aversion's frontier (frontier.risk_frontier), each point with these figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from optimizer.analysis.common import number
from optimizer.model.case import Case
from optimizer.solve.solver import Funding
from optimizer.tolerances import NEGLIGIBLE

SCENARIOS = 2000
SEED = 20240531
CVAR_LEVEL = 0.9


@dataclass(frozen=True)
class RiskFigures:
    expected_npv: float
    """Σ npv × share (discounted for deferral): the portfolio's NPV as the workbook gives it."""
    pessimistic_npv: float
    optimistic_npv: float
    cvar: float
    """The mean NPV over the worst (1 − level) of the scenarios."""
    scenario_mean: float
    """The mean NPV over the scenarios (differs from expected_npv where a range is lopsided)."""
    level: float = CVAR_LEVEL
    scenarios: int = SCENARIOS
    seed: int = SEED

    @property
    def downside(self) -> float:
        """How much less than expected the pessimistic case is worth."""
        return self.expected_npv - self.pessimistic_npv

    def to_json(self) -> dict:
        return {"expected_npv": number(self.expected_npv), "pessimistic_npv": number(self.pessimistic_npv),
                "optimistic_npv": number(self.optimistic_npv), "downside": number(self.downside),
                f"cvar_{round(self.level * 100)}": number(self.cvar), "scenario_mean": number(self.scenario_mean),
                "cvar_level": self.level, "scenarios": self.scenarios, "seed": self.seed}


def has_npv_ranges(case: Case) -> bool:
    """Whether some project gives an NPV range wider than its NPV."""
    return any((p.npv_low is not None and p.npv_low < p.npv) or (p.npv_high is not None and p.npv_high > p.npv)
               for p in case.projects)


def npv_bounds(case: Case) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(low, most likely, high) NPV of each project; a missing bound is the npv."""
    npv = np.array([p.npv for p in case.projects], dtype=float)
    low = np.array([p.npv if p.npv_low is None else min(p.npv_low, p.npv) for p in case.projects], dtype=float)
    high = np.array([p.npv if p.npv_high is None else max(p.npv_high, p.npv) for p in case.projects], dtype=float)
    return low, npv, high


def triangular_npvs(case: Case, count: int = SCENARIOS, seed: int = SEED) -> np.ndarray:
    """Scenario NPVs, count × projects, each project drawn from triangular(low, npv, high).

    By the inverse of the distribution function on uniform draws, so a project without a range
    keeps its NPV and the draws do not depend on which projects have ranges.
    """
    return triangular_of(case, np.random.default_rng(seed).random((count, len(case.projects))))


def triangular_of(case: Case, u: np.ndarray) -> np.ndarray:
    """The NPVs at quantiles `u` (one per project, or rows of them) of each project's triangular(low, npv, high)."""
    low, mode, high = npv_bounds(case)
    width = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        peak = np.where(width > 0, (mode - low) / np.where(width > 0, width, 1.0), 0.0)
    lower = low + np.sqrt(u * width * (mode - low))
    upper = high - np.sqrt((1 - u) * width * (high - mode))
    return np.where(width > 0, np.where(u < peak, lower, upper), mode)


def cvar(values: np.ndarray, level: float = CVAR_LEVEL) -> float:
    """The mean of the worst ceil((1 − level) × n) values."""
    ordered = np.sort(np.asarray(values, dtype=float))
    tail = max(1, math.ceil((1 - level) * len(ordered) - NEGLIGIBLE))
    return float(ordered[:tail].mean())


class NpvScenarios:
    """The scenarios of one case, drawn once; figures for any of its portfolios."""

    def __init__(self, case: Case, count: int = SCENARIOS, seed: int = SEED, level: float = CVAR_LEVEL):
        self.case, self.count, self.seed, self.level = case, count, seed, level
        self.low, self.npv, self.high = npv_bounds(case)
        self.draws = triangular_npvs(case, count, seed)
        self.index = {p.id: i for i, p in enumerate(case.projects)}

    def figures(self, portfolio: dict[str, Funding]) -> RiskFigures:
        weight = np.zeros(len(self.case.projects))
        rate = self.case.capital_cost_rate
        for pid, funding in portfolio.items():
            i = self.index[pid]
            delay = funding.start_year - self.case.projects[i].earliest_start
            weight[i] = funding.share * (1 + rate) ** -delay
        outcomes = self.draws @ weight
        return RiskFigures(float(self.npv @ weight), float(self.low @ weight), float(self.high @ weight),
                           cvar(outcomes, self.level), float(outcomes.mean()), self.level, self.count, self.seed)


def portfolio_risk(case: Case, portfolio: dict[str, Funding], count: int = SCENARIOS,
                   seed: int = SEED) -> RiskFigures | None:
    """The risk figures of a portfolio, or None when no project of the case gives an NPV range."""
    if not has_npv_ranges(case):
        return None
    return NpvScenarios(case, count, seed).figures(portfolio)
