"""How stable the recommendation is: how often each project is chosen when the NPVs are drawn
within their ranges.

Each draw gives every project an NPV from the triangular distribution (npv_low, npv, npv_high),
the same distribution as the CVaR of risk.py (a project without a range keeps its NPV), with a
fixed seed. The case is re-solved once per draw on one compiled model: the drawn NPVs enter as
`PortfolioModel.objective_adjustment`, warm-started from the previous draw's answer. A project's
stability is the share of the draws with a portfolio in which it is chosen; 100% for a chosen
project means no draw of the NPVs changes that choice.

With objective `npv` the drawn NPV replaces the NPV (a risk aversion keeps weighing the range as
given); with `score` it moves the return criterion (re-scaled over the candidates); `eva` does
not depend on the NPVs, so every draw gives the recommendation itself and nothing is re-solved.
The draws are solved to the case's own mip_gap (a statistic, not a comparison of optima).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import numpy as np

from .analysis import Progress, check_cancel, solve_on, tell
from .case import Case
from .measures import Figures
from .model import PortfolioModel, score_criteria
from .risk import triangular_npvs
from .session import Session

DRAWS = 30
SEED = 20240607


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

    def share(self, project_id: str) -> float | None:
        """The share of the solved draws in which the project is chosen (0..1), None without any."""
        if self.solved == 0:
            return None
        return self.chosen_in.get(project_id, 0) / self.solved

    def to_json(self) -> dict:
        return {"draws": self.draws, "seed": self.seed, "solved": self.solved, "recommended": self.recommended,
                "chosen_share": {pid: self.share(pid) for pid in self.chosen_in}, "note": self.note}


def stability(case: Case, *, draws: int = DRAWS, seed: int = SEED, session: Session | None = None,
              time_limit: float | None = None, gap: float | None = None,
              progress: Progress | None = None, cancel: threading.Event | None = None) -> Stability:
    """Re-solve the case `draws` times with NPVs drawn in their ranges; see the module docstring.

    `progress` gets one Step per draw; `gap` defaults to the case's mip_gap.
    """
    session = session or Session()
    gap = case.settings.mip_gap if gap is None else gap
    model, recommended = solve_on(session, case, time_limit=time_limit, gap=gap, cancel=cancel)
    result = Stability(draws, seed, 0, {p.id: 0 for p in case.projects}, list(recommended.portfolio))
    if not recommended.has_portfolio:
        result.note = f"the case has no portfolio as it is: {recommended.quality()}"
        return result
    if case.settings.objective == "eva":
        result.solved = draws
        result.chosen_in.update({pid: draws for pid in recommended.portfolio})
        result.note = "the eva objective does not depend on the NPVs: every draw gives the recommendation"
        return result
    base = _objective_coefficients(model, case)
    npvs = triangular_npvs(case, draws, seed)
    for k in range(draws):
        check_cancel(cancel)
        drawn = replace(case, projects=tuple(replace(p, npv=float(v)) for p, v in zip(case.projects, npvs[k],
                                                                                       strict=True)))
        _, solution = solve_on(session, case, time_limit=time_limit, gap=gap, cancel=cancel,
                               adjustment=_objective_coefficients(model, drawn) - base)
        if solution.has_portfolio:
            result.solved += 1
            for pid in solution.portfolio:
                result.chosen_in[pid] += 1
        tell(progress, k + 1, draws, f"draw {k + 1} of {draws}: {solution.status}")
    return result


def _objective_coefficients(model: PortfolioModel, case: Case) -> np.ndarray:
    """The NPV-dependent part of the objective per option, for the NPVs of `case`."""
    figures = Figures(case, model.options)
    if case.settings.objective == "npv":
        return figures.npv().num_coef[0]
    return model.weights["weight_return"].value * score_criteria(figures)["weight_return"]
