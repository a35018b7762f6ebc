"""How stable the recommendation is: how often each project is chosen when the NPVs are drawn
within their ranges.

Each draw gives every project an NPV from the triangular distribution (npv_low, npv, npv_high),
the same distribution as the CVaR of risk.py (a project without a range keeps its NPV), with a
fixed seed. The case is re-solved once per draw on one compiled model: the drawn NPVs enter as
`PortfolioModel.objective_adjustment` (a Parameter, so nothing is rebuilt). A project's stability
is the share of the draws with a portfolio in which it is chosen; 100% for a chosen project means
no draw of the NPVs changes that choice.

With objective `npv` the drawn NPV replaces the NPV (a risk aversion keeps weighing the range as
given); with `score` it moves the return criterion (re-scaled over the candidates); `eva` does
not depend on the NPVs, so every draw gives the recommendation itself and nothing is re-solved.

How fast: the recommendation is solved to the case's own mip_gap; each draw to `DRAW_GAP` (0.5%,
or the case's mip_gap where that is looser) within `DRAW_TIME_LIMIT`, not to proof. A draw's
portfolio is then within 0.5% of the best one for its NPVs, while the draws move single NPVs by
tens of percent; the result states the gap (`Stability.gap`, and the largest reached where a draw
ran out of time). On the demo case (80 projects, 2 cores) 30 draws took 117 s to the case's 1e-4
and take about 15 s to 0.5% (`python -m benchmarks --only stability`). Each draw starts from the
best, for its NPVs, of the portfolios found so far (the recommendation and the earlier draws'
answers): every one keeps all the rules, since only the objective changes between draws.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import numpy as np

from optimizer.analysis.common import Progress, check_cancel, solve_on, tell
from optimizer.analysis.risk import triangular_npvs
from optimizer.model.case import Case
from optimizer.model.measures import Figures
from optimizer.model.portfolio import PortfolioModel, score_criteria
from optimizer.model.targets import WEIGHT_RETURN, Objective
from optimizer.solve.session import Session
from optimizer.words.text import Text

DRAWS = 30
SEED = 20240607
DRAW_GAP = 0.005
"""Each draw is solved to within this relative gap of the best portfolio for its NPVs (or the case's
mip_gap where that is looser): a share of the draws is a statistic, not a comparison of optima."""
DRAW_TIME_LIMIT = 10.0
"""Seconds per draw at most (or the case's time_limit where that is shorter); a draw stopped with a
portfolio in hand counts, with the gap it reached (`Stability.largest_gap`)."""


@dataclass
class Stability:
    draws: int
    seed: int
    solved: int
    """Draws that gave a portfolio (the others hit the time limit or broke a target)."""
    chosen_in: dict[str, int] = field(default_factory=dict)
    """Project id -> in how many of the solved draws it was chosen."""
    recommended: list[str] = field(default_factory=list)
    """The projects chosen with the NPVs as given."""
    note: str = ""
    gap: float = 0.0
    """The relative gap each draw was solved to (0.005: within 0.5% of the best for its NPVs)."""
    largest_gap: float | None = None
    """The largest gap a solved draw ended with: above `gap` only where a draw ran out of time."""
    draw_portfolios: list[list[str] | None] = field(default_factory=list)
    """The projects chosen in each draw, in draw order (None where the draw gave no portfolio)."""

    def share(self, project_id: str) -> float | None:
        """The share of the solved draws in which the project is chosen (0..1), None without any."""
        if self.solved == 0:
            return None
        return self.chosen_in.get(project_id, 0) / self.solved

    def to_json(self) -> dict:
        return {"draws": self.draws, "seed": self.seed, "solved": self.solved, "recommended": self.recommended,
                "chosen_share": {pid: self.share(pid) for pid in self.chosen_in}, "gap": self.gap,
                "largest_gap": self.largest_gap, "note": self.note}


def draw_gap(case: Case) -> float:
    """The gap the draws of this case are solved to by default: DRAW_GAP, or the case's looser mip_gap."""
    return max(DRAW_GAP, case.settings.mip_gap)


def stability(case: Case, *, draws: int = DRAWS, seed: int = SEED, session: Session | None = None,
              time_limit: float | None = None, gap: float | None = None,
              progress: Progress | None = None, cancel: threading.Event | None = None) -> Stability:
    """Re-solve the case `draws` times with NPVs drawn in their ranges; see the module docstring.

    `progress` gets one Step per draw. `gap` and `time_limit` are per draw (defaults: `draw_gap(case)`
    and DRAW_TIME_LIMIT or the case's shorter time_limit); the recommendation itself is solved to the
    case's mip_gap within the case's time_limit.
    """
    session = session or Session()
    gap = draw_gap(case) if gap is None else gap
    per_draw = min(DRAW_TIME_LIMIT, case.settings.time_limit) if time_limit is None else time_limit
    model, recommended = solve_on(session, case, time_limit=None, gap=case.settings.mip_gap, cancel=cancel)
    result = Stability(draws, seed, 0, {p.id: 0 for p in case.projects}, list(recommended.portfolio), gap=gap)
    if not recommended.has_portfolio:
        result.note = Text("the case has no portfolio as it is: {quality}", quality=recommended.quality())
        return result
    if case.settings.objective == Objective.EVA:
        result.solved = draws
        result.chosen_in.update({pid: draws for pid in recommended.portfolio})
        result.draw_portfolios = [list(recommended.portfolio) for _ in range(draws)]
        result.note = Text("the eva objective does not depend on the NPVs: every draw gives the recommendation")
        return result
    base = _objective_coefficients(model, case)
    objective = model.objective_coefficients()  # at the NPVs as given; a draw adds its adjustment
    known = [(recommended.option_shares, model.last_columns)]  # portfolios that keep every rule
    npvs = triangular_npvs(case, draws, seed)
    for k in range(draws):
        check_cancel(cancel)
        drawn = replace(case, projects=tuple(replace(p, npv=float(v)) for p, v in zip(case.projects, npvs[k],
                                                                                       strict=True)))
        adjustment = _objective_coefficients(model, drawn) - base
        model.last_columns = _best_start(known, objective + adjustment)
        _, solution = solve_on(session, case, time_limit=per_draw, gap=gap, cancel=cancel, adjustment=adjustment)
        if solution.has_portfolio:
            result.solved += 1
            for pid in solution.portfolio:
                result.chosen_in[pid] += 1
            if solution.gap is not None:
                result.largest_gap = max(result.largest_gap or 0.0, solution.gap)
            if model.last_columns is not None:
                known.append((solution.option_shares, model.last_columns))
        result.draw_portfolios.append(list(solution.portfolio) if solution.has_portfolio else None)
        tell(progress, k + 1, draws, f"draw {k + 1} of {draws}: {solution.status}")
    return result


def _best_start(known: list[tuple[np.ndarray, np.ndarray | None]], coefficients: np.ndarray) -> np.ndarray | None:
    """The solver columns of the known portfolio worth most under these objective coefficients."""
    usable = [(float(coefficients @ shares), columns) for shares, columns in known if columns is not None]
    return max(usable, key=lambda pair: pair[0])[1] if usable else None


def _objective_coefficients(model: PortfolioModel, case: Case) -> np.ndarray:
    """The NPV-dependent part of the objective per option, for the NPVs of `case`."""
    figures = Figures(case, model.options)
    if case.settings.objective == Objective.NPV:
        return figures.npv().num_coef[0]
    return model.weights[WEIGHT_RETURN].value * score_criteria(figures)[WEIGHT_RETURN]
