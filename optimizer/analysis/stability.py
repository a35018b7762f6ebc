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
recommendation, which keeps all the rules, since only the objective changes between draws.

The draws run in parallel (optimizer/analysis/parallel.py: worker processes on every core by default, or a
Dask cluster), and their answers do not depend on how many workers there are: draw k's NPVs come from its
own seed, (seed, k), and its start from the recommendation alone, never from another draw's answer.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import numpy as np

from optimizer.analysis.common import Progress, solve_on
from optimizer.analysis.parallel import new_token, run_points, start_workers, threads_for
from optimizer.analysis.risk import triangular_of
from optimizer.model.case import Case
from optimizer.model.measures import Figures
from optimizer.model.portfolio import PortfolioModel, score_criteria
from optimizer.model.targets import WEIGHT_RETURN, Objective
from optimizer.solve.session import Session
from optimizer.solve.solver import Status
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
    status: str | None = None
    """The recommendation's status (solver.Status): a draw is solved only when it has a portfolio."""

    def share(self, project_id: str) -> float | None:
        """The share of the solved draws in which the project is chosen (0..1), None without any."""
        if self.solved == 0:
            return None
        return self.chosen_in.get(project_id, 0) / self.solved

    def to_json(self) -> dict:
        return {"draws": self.draws, "seed": self.seed, "solved": self.solved, "recommended": self.recommended,
                "chosen_share": {pid: self.share(pid) for pid in self.chosen_in}, "gap": self.gap,
                "largest_gap": self.largest_gap, "note": self.note, "status": self.status}


def draw_gap(case: Case) -> float:
    """The gap the draws of this case are solved to by default: DRAW_GAP, or the case's looser mip_gap."""
    return max(DRAW_GAP, case.settings.mip_gap)


def stability(case: Case, *, draws: int = DRAWS, seed: int = SEED, session: Session | None = None,
              time_limit: float | None = None, gap: float | None = None,
              progress: Progress | None = None, cancel: threading.Event | None = None,
              workers: int | None = None, cluster: str | None = None) -> Stability:
    """Re-solve the case `draws` times with NPVs drawn in their ranges; see the module docstring.

    `progress` gets one Step per draw. `gap` and `time_limit` are per draw (defaults: `draw_gap(case)`
    and DRAW_TIME_LIMIT or the case's shorter time_limit); the recommendation itself is solved to the
    case's mip_gap within the case's time_limit, in this process. `workers` (default: every core) and
    `cluster` (a Dask scheduler's address, or "local") say where the draws run (parallel.run_points).
    """
    session = session or Session()
    if case.settings.objective != Objective.EVA:
        start_workers(draws, workers, cluster)  # they start while the recommendation is solved
    gap = draw_gap(case) if gap is None else gap
    per_draw = min(DRAW_TIME_LIMIT, case.settings.time_limit) if time_limit is None else time_limit
    model, recommended = solve_on(session, case, time_limit=None, gap=case.settings.mip_gap, cancel=cancel)
    result = Stability(draws, seed, 0, {p.id: 0 for p in case.projects}, list(recommended.portfolio), gap=gap,
                       status=str(recommended.status))
    if not recommended.has_portfolio:
        result.note = Text("the case has no portfolio as it is: {quality}", quality=recommended.quality())
        return result
    if case.settings.objective == Objective.EVA:
        result.solved = draws
        result.chosen_in.update({pid: draws for pid in recommended.portfolio})
        result.draw_portfolios = [list(recommended.portfolio) for _ in range(draws)]
        result.note = Text("the eva objective does not depend on the NPVs: every draw gives the recommendation")
        return result
    job = StabilityDraws(case, new_token(), seed, draws, per_draw, gap, model.last_columns, threads_for(draws))
    for drawn in run_points(job, draws, workers=workers, cluster=cluster, progress=progress, cancel=cancel,
                            session=session):
        if drawn.portfolio is not None:
            result.solved += 1
            for pid in drawn.portfolio:
                result.chosen_in[pid] += 1
            if drawn.gap is not None:
                result.largest_gap = max(result.largest_gap or 0.0, drawn.gap)
        result.draw_portfolios.append(drawn.portfolio)
    return result


def drawn_npvs(case: Case, seed: int, draw: int) -> np.ndarray:
    """The NPVs of draw number `draw` (from 0): each project's from its triangular distribution, at quantiles of
    draw's own seed (seed, draw), so a draw is the same whichever worker solves it and whatever ran before."""
    return triangular_of(case, np.random.default_rng([seed, draw]).random(len(case.projects)))


@dataclass(frozen=True)
class Draw:
    """What one draw gave: its status, the projects chosen (None without a portfolio), the gap reached."""

    status: Status
    portfolio: list[str] | None
    gap: float | None


@dataclass(frozen=True)
class StabilityDraws:
    """The draws as a sweep (parallel.Job): everything a worker needs travels with it, the case's data included."""

    case: Case
    token: str
    seed: int
    draws: int
    time_limit: float
    gap: float
    start: np.ndarray | None
    """The recommendation's solver columns: every draw starts from it (it keeps every rule)."""
    threads: int

    def run(self, index: int, session: Session, cancel: threading.Event | None = None) -> Draw:
        model = session.model_for(self.case)
        drawn = replace(self.case, projects=tuple(replace(p, npv=float(v)) for p, v in zip(
            self.case.projects, drawn_npvs(self.case, self.seed, index), strict=True)))
        adjustment = _objective_coefficients(model, drawn) - _objective_coefficients(model, self.case)
        model.last_columns = None if self.start is None else self.start.copy()
        _, solution = solve_on(session, self.case, time_limit=self.time_limit, gap=self.gap, cancel=cancel,
                               adjustment=adjustment, threads=self.threads)
        return Draw(solution.status, list(solution.portfolio) if solution.has_portfolio else None,
                    solution.gap if solution.has_portfolio else None)

    def said(self, index: int, answer: Draw) -> tuple[str, object | None]:
        return f"draw {index + 1} of {self.draws}: {answer.status}", None


def _objective_coefficients(model: PortfolioModel, case: Case) -> np.ndarray:
    """The NPV-dependent part of the objective per option, for the NPVs of `case`."""
    figures = Figures(case, model.options)
    if case.settings.objective == Objective.NPV:
        return figures.npv().num_coef[0]
    return model.weights[WEIGHT_RETURN].value * score_criteria(figures)[WEIGHT_RETURN]
