"""What loosening a binding limit by one step is really worth: the case re-solved with that limit one step looser.

The marginal value of a limit (report/constraints.py) is the dual of the LP with the answer's yes/no choices
fixed: a local rate at the chosen projects, which can be far from what a planner gets by loosening the limit,
since then other projects may come in or go (on the demo the 2030 budget's rate says +0.16 NPV per 亿元, one
亿元 more gives +0.08). Here each binding limit of a solved answer (the group counts aside) is loosened by one
step a planner thinks in (report/constraints.py `limit_step`: 1 currency unit of money, one percentage point of
a share or rate, 1 万元/人 of labour productivity, a tenth of the average risk grade) and the case is solved
again; the step's worth is the objective found minus the answer's.

- Each re-solve starts from the answer, which keeps the looser limit too, and is solved to the gap and within
  the time limit the answer was solved with (the case's, or the command's), or what is left of `budget`. The
  worth is then exact to within that gap, and never below 0: the answer itself is still a portfolio. A
  re-solve that fails or stops without proof gives None, and so does a limit that one step would take out of
  its allowed range (a share ceiling of 100%).
- The rows of one key (a ceiling on every sector's share) share its one Settings value: one re-solve loosens
  them together and its worth is given on each binding row of the key.
- A plain "one profit, five rates" target under kpi_check every_year binds in each plan year too: only the key
  valued is loosened, its years stay at their value (each set as its own key, `min_roe_2028`).
- Only an answer proven within its gap is valued: against one stopped by the time limit, a re-solve would mix
  the step's worth with the better portfolios it finds anyway.
- When `budget` seconds are spent the remaining limits are left unvalued, and the result says so.

Like the other analyses it re-solves on a Session of its own (analysis/common.py), reports each limit valued to
`progress` and stops when `cancel` is set (AnalysisCancelled).
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field

from optimizer.analysis.common import Progress, check_cancel, solve_on, tell
from optimizer.errors import AnalysisCancelled, PlannerError
from optimizer.model.case import Case
from optimizer.model.targets import KpiCheck, setting, yearly_key, yearly_keys
from optimizer.report.constraints import GROUP_COUNTS, LimitStep, limit_step
from optimizer.report.result import Result
from optimizer.solve import highs
from optimizer.solve.session import Session
from optimizer.solve.solver import Status
from optimizer.tolerances import NEGLIGIBLE
from optimizer.words.text import Items, Text, said

STEP_BUDGET = 120.0
"""Seconds all the re-solves of one answer may take together (each at most the case's time limit)."""


@dataclass(frozen=True)
class StepValue:
    """What one step looser of one limit is worth."""

    key: str
    step: LimitStep
    value: float | None
    """The objective gained, in the objective's unit; None where the re-solve gave no proven answer."""
    note: Text | None = None
    """Why there is no value, when there is none."""


@dataclass
class StepValues:
    values: dict[str, StepValue] = field(default_factory=dict)
    """By limit key, the binding limits valued (with a value or the reason for none)."""
    unvalued: list[str] = field(default_factory=list)
    """Binding limits not valued because the time budget was spent."""
    note: Text | None = None
    """Why some or all limits are not valued (the answer not proven, the budget spent)."""


def binding_keys(result: Result) -> list[str]:
    """The keys of the binding limits of an answer, in the order of its constraint rows (no group counts)."""
    keys = [c.name for c in result.constraints if c.binding and c.name not in GROUP_COUNTS]
    return list(dict.fromkeys(keys))


def loosened(case: Case, key: str, change: float) -> Case | None:
    """The case with limit `key` moved by `change` and every other limit as it binds now; None when the moved
    value is outside what the limit allows."""
    limits = case.limits_in_force
    value = limits[key] + change
    if not setting(key).allowed.admits(value):
        return None
    pinned = {}
    if case.settings.kpi_check == KpiCheck.EVERY_YEAR and key in yearly_keys():
        # the plain target also binds in each plan year without its own: those stay where they are
        pinned = {yearly_key(key, year): limits[yearly_key(key, year)] for year in case.years
                  if yearly_key(key, year) in limits}
    return case.with_limits(**pinned, **{key: value})


def step_values(result: Result, *, session: Session | None = None, budget: float = STEP_BUDGET,
                time_limit: float | None = None, gap: float | None = None,
                progress: Progress | None = None, cancel: threading.Event | None = None) -> StepValues:
    """Re-solve the case of `result` once per binding limit, that limit one step looser (module docstring).

    Each re-solve runs to `gap` within `time_limit` (by default those the answer was solved with, so that the two
    objectives compare), all of them within `budget` seconds. `progress` gets one Step per limit, its StepValue as
    the item. Raises AnalysisCancelled when `cancel` is set.
    """
    keys = binding_keys(result)
    found = StepValues()
    solution = result.solution
    if not keys:
        return found
    if solution.status != Status.OPTIMAL or solution.objective_value is None or solution.option_shares is None:
        found.note = Text("what loosening a limit is worth is re-solved only for a proven answer")
        return found
    case = result.case
    gap = float(solution.options.get("mip_rel_gap", case.settings.mip_gap) if gap is None else gap)
    time_limit = float(solution.options.get("time_limit", case.settings.time_limit) if time_limit is None
                       else time_limit)
    session = session or Session()
    model = session.model_for(case)
    start = highs.columns_of(highs.variable_offsets(model.problem), model.variable_values(solution.option_shares))
    started = time.perf_counter()
    kinds = {c.name: c.kind for c in result.constraints}
    for done, key in enumerate(keys):
        check_cancel(cancel)
        left = budget - (time.perf_counter() - started)
        if left <= 0:
            found.unvalued = keys[done:]
            found.note = Text("the time for re-solving ran out before {limits} could be valued",
                              limits=Items(tuple(found.unvalued)))
            break
        step = limit_step(key, kinds[key], case.settings.currency_unit)
        found.values[key] = worth = _step_value(session, case, key, step, start, solution.objective_value,
                                                min(time_limit, left), gap, cancel)
        tell(progress, done + 1, len(keys), f"{key}: {worth.value}", worth)
    return found


def _step_value(session: Session, case: Case, key: str, step: LimitStep, start, base: float, time_limit: float,
                gap: float, cancel: threading.Event | None) -> StepValue:
    looser = loosened(case, key, step.change)
    if looser is None:
        return StepValue(key, step, None, Text("one step looser is outside what the limit allows"))
    model = session.model_for(looser)
    model.last_columns = start  # the answer: it keeps the looser limit too
    try:
        _, solution = solve_on(session, looser, time_limit=time_limit, gap=gap, cancel=cancel)
    except AnalysisCancelled:
        raise
    except PlannerError as error:
        return StepValue(key, step, None, Text("the re-solve failed: {problem}", problem=said(error)))
    if solution.status != Status.OPTIMAL or solution.objective_value is None:
        return StepValue(key, step, None, Text("the re-solve gave no proven answer: {quality}",
                                               quality=solution.quality()))
    gained = solution.objective_value - base
    # The answer keeps the looser limit too, so the best looser portfolio is worth at least as much: a loss is
    # only the two optimality gaps, and a gain within rounding is none.
    if gained <= NEGLIGIBLE * max(1.0, abs(base)) or not math.isfinite(gained):
        gained = 0.0
    return StepValue(key, step, float(gained))


def apply_step_values(result: Result, found: StepValues) -> None:
    """Write the step values into the result's constraint rows (each binding row of a key valued)."""
    for row in result.constraints:
        worth = found.values.get(row.name) if row.binding else None
        if worth is not None:
            row.step, row.step_value = worth.step.change, worth.value
