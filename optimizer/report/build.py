"""A solved model's Result: the chosen projects, the KPIs, every constraint, why each other project was left
out, spend by year against budget, and the five values."""

from __future__ import annotations

from optimizer.model.portfolio import PortfolioModel
from optimizer.model.screening import supervision
from optimizer.model.targets import SCORE_FIGURE, budget_key
from optimizer.report.constraints import GROUP_COUNTS, constraint_rows, marginal_duals
from optimizer.report.exclusions import exclusions
from optimizer.report.five_values import five_values
from optimizer.report.kpis import kpis_by_year, kpis_of
from optimizer.report.result import Result, Selection, Supervision
from optimizer.solve.solver import Solution
from optimizer.tolerances import FUNDED


def build_result(model: PortfolioModel, solution: Solution) -> Result:
    case = model.case
    result = Result(case, solution)
    result.supervised = [Supervision(p.id, p.name, reason, p.id in solution.portfolio) for p in case.projects
                         if (reason := supervision(p, case)) is not None]
    if not solution.has_portfolio:
        return result
    x = solution.option_shares
    figures = model.figures
    npv_coef = figures.npv().num_coef[0]
    for o, opt in enumerate(model.options):
        if x[o] > FUNDED:
            p = case.projects[opt.project]
            f = solution.portfolio[p.id]
            result.selected.append(Selection(p.id, p.name, f.share, f.start_year, f.share * p.total_capex,
                                             float(x[o] * npv_coef[o])))
    result.kpis = kpis_of(case, figures, x)
    result.kpis_by_year = kpis_by_year(case, figures, x)
    if SCORE_FIGURE.key in result.kpis:
        result.kpis[SCORE_FIGURE.key].after = float(model.objective_coefficients() @ x)
    result.constraints = constraint_rows(model, x, marginal_duals(model, solution))
    binding = sorted({c.name for c in result.constraints if c.binding and c.name not in GROUP_COUNTS})
    result.excluded = exclusions(model, solution, binding)
    limits = case.settings.limits
    for year in case.years:
        result.spend_by_year[year] = (float(figures.spend_by_year[year] @ x), limits.get(budget_key(year)))
    result.five_values = five_values(result)
    return result
