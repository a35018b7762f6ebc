"""How long the decision analytics take on the demo case, and what a CVaR risk model would cost.

    python -m benchmarks.analytics_demo            # prints a Markdown table (figures for docs/engine.md)

Measures, on resources/demo_case.xlsx (80 projects, 5 plan years, the demo's own mip_gap 1e-4
unless said otherwise):

- a re-solve with the linear risk term (objective NPV − λ (NPV − npv_low)) at several λ, on one
  compiled model, against the same re-solve at λ = 0;
- the alternative the engine does not use: maximising (1 − λ) E[NPV] + λ CVaR90 with the
  Rockafellar–Uryasev LP (one variable and one row per scenario), for several scenario counts;
- explain (one project), a 5-point frontier, 30 stability draws (each to stability.py's gap).
Wall-clock seconds on this machine; the figures move with its load.
"""

from __future__ import annotations

import time

import cvxpy as cp
import numpy as np

from optimizer.analysis.explain import explain_project
from optimizer.analysis.frontier import levels_between, sweep
from optimizer.analysis.risk import NpvScenarios, triangular_npvs
from optimizer.analysis.stability import stability
from optimizer.io.workbook import read_case
from optimizer.model.portfolio import PortfolioModel
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.solve.session import Session
from optimizer.solve.solver import solve


def _timed(work):
    started = time.perf_counter()
    value = work()
    return value, time.perf_counter() - started


def linear_risk(case, aversions=(0.0, 0.3, 0.7, 1.0)):
    model = PortfolioModel(case)
    solve(model)  # compile once
    scenarios = NpvScenarios(case)
    rows = []
    for aversion in aversions:
        model.set_risk_aversion(aversion)
        solution, seconds = _timed(lambda: solve(model, warm_start=True))
        risk = scenarios.figures(solution.portfolio)
        rows.append((f"linear, λ = {aversion:g}", seconds, risk.expected_npv, risk.pessimistic_npv, risk.cvar))
    return rows


def cvar_lp(case, counts=(100, 300, 1000), aversion=0.5):
    rows = []
    for count in counts:
        model = PortfolioModel(case)
        draws = triangular_npvs(case, count, seed=1)
        discount = np.array([(1 + case.capital_cost_rate) ** -o.delay for o in model.options])
        outcomes = draws[:, [o.project for o in model.options]] * discount  # scenario NPV per unit share
        threshold, shortfall = cp.Variable(), cp.Variable(count, nonneg=True)
        expected = model.figures.npv().num_coef[0] @ model.share
        tail = threshold - cp.sum(shortfall) / (0.1 * count)
        model.problem = cp.Problem(cp.Maximize((1 - aversion) * expected + aversion * tail),
                                   [*model.constraints.values(), shortfall >= threshold - outcomes @ model.share])
        solution, seconds = _timed(lambda m=model: solve(m, time_limit=120))
        figures = (np.nan, np.nan, np.nan)
        if solution.has_portfolio:
            risk = NpvScenarios(case).figures(solution.portfolio)
            figures = (risk.expected_npv, risk.pessimistic_npv, risk.cvar)
        rows.append((f"CVaR LP, {count} scenarios, λ = {aversion:g} ({solution.status})", seconds, *figures))
    return rows


def analyses(case):
    session = Session()
    Planner(session).solve(case)
    left_out = next(p.id for p in case.projects
                    if p.id not in Planner(session).solve(case).solution.portfolio and not p.excluded)
    rows = []
    explanation, seconds = _timed(lambda: explain_project(case, left_out, session=session))
    rows.append((f"explain {left_out} ({explanation.solves + 1} solves, gap 0)", seconds))
    _, seconds = _timed(lambda: sweep(case, "min_strategic_share", levels_between(0.55, 0.75, 5), session=session))
    rows.append(("frontier, 5 levels of min_strategic_share (gap 0)", seconds))
    drawn, seconds = _timed(lambda: stability(case, draws=30, session=session))
    rows.append((f"stability, 30 draws (each to a {drawn.gap:.1%} gap)", seconds))
    return rows


def main() -> None:
    case = read_case(DEMO_CASE)
    print("| risk model | re-solve s | expected NPV | pessimistic NPV | CVaR 90% |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds, expected, pessimistic, tail in linear_risk(case) + cvar_lp(case):
        print(f"| {name} | {seconds:.2f} | {expected:.2f} | {pessimistic:.2f} | {tail:.2f} |")
    print()
    print("| analysis | seconds |")
    print("|---|---:|")
    for name, seconds in analyses(case):
        print(f"| {name} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
