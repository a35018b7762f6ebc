"""Why a project is, or is not, in the recommended portfolio (the `explain` command of cli.md).

For a project left out:

- `forced_objective_value`: the best portfolio with it forced in (its `mandatory` bound set);
- `cost_of_forcing`: the objective lost by forcing it in, the difference of the two optima;
- `blocking`: what keeps it out: the Settings limits that the recommended portfolio would break
  with the project added (at the start and share it has in the forced portfolio), then the limits
  binding in the forced portfolio (cli.md's "binding when forced": with whole projects a limit
  that keeps a project out is often not exactly binding once it is in, hence the first list), then
  the project rules in its way (`excluded` when marked so, `exclusive_group` when its group is full,
  `requires` when it needs projects that are not chosen or not early enough for the lag, `requires_any`
  when none of its alternatives is chosen in time, `together_with` when it goes together with others:
  report/relations.py's `in_the_way`);
- `npv_to_enter`: the smallest NPV at which it would be chosen (objective npv only).

For a chosen project the same keys describe forcing it out: `cost_of_forcing` is the objective lost
without it, `blocking` what holds it in (the limits the recommended portfolio would break without
it, those binding in the best portfolio without it, `mandatory`, `requires` when a chosen
project needs it, `requires_any` when it is a chosen project's only alternative in time, `together_with`,
and `group_min_count` when its group is at its minimum), and `npv_to_enter` the NPV below which it would leave.
Overriding a mark is allowed (forcing a marked-excluded project in, a mandatory one out), so the
cost of a mark can be read too; it may then be negative (a gain). A project on the negative list
cannot be forced in.

npv_to_enter. Let V_out be the best objective without the project and V_in(n) the best with it
when its NPV is n (its NPV range moves with it). V_in is convex and piecewise linear in n, with
slope share × deferral discount of the project in the best portfolio, so Newton's method finds the
root of V_in(n) = V_out exactly, in a few re-solves of the same model (the NPV change enters as
`PortfolioModel.objective_adjustment`, no rebuild); every iterate stays on the right of the root.
The search ends with a re-solve at `NPV_TOLERANCE` × max(1, |npv|) below the answer that proves the
project is then not chosen: at npv_to_enter it is chosen (a tie), below by more than the tolerance
it is not.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import numpy as np

from optimizer.analysis.common import Progress, check_cancel, number, selection_json, solve_on, tell
from optimizer.analysis.diagnosis import PROJECT_RULES, diagnose
from optimizer.errors import AnalysisError
from optimizer.model.case import Case, Project
from optimizer.model.portfolio import SIGN, PortfolioModel
from optimizer.model.screening import is_prohibited, prohibition
from optimizer.model.targets import OBJECTIVE_NAMES, SCORE_UNIT, Kind, Objective
from optimizer.report.constraints import GROUP_COUNTS, constraint_rows
from optimizer.report.relations import in_the_way
from optimizer.solve.session import Session
from optimizer.solve.solver import Solution, Status
from optimizer.tolerances import NEGLIGIBLE, RULE
from optimizer.words.text import SENTENCES, Items, Text
from optimizer.words.units import format_value

NPV_TOLERANCE = 1e-4
"""npv_to_enter is proven within NPV_TOLERANCE × max(1, |npv|) of the threshold."""
VALUE_TOLERANCE = 2e-6
"""Two optima closer than this (plus 1e-9 relative) are a tie: HiGHS proves optimality to 1e-6 absolute."""
MAX_SEARCH_SOLVES = 30


@dataclass
class Explanation:
    id: str
    name: str
    status: str
    """The status of the case as it is ("optimal", "feasible", or why there is no portfolio)."""
    chosen: bool
    objective: str
    currency_unit: str
    objective_value: float | None
    forced: str
    """"in" for a project left out, "out" for a chosen one."""
    forced_status: str = ""
    """The forced solve: "optimal", "feasible", "infeasible", "no_solution", or "prohibited"."""
    forced_objective_value: float | None = None
    cost_of_forcing: float | None = None
    blocking: list[str] = field(default_factory=list)
    npv: float = 0.0
    npv_to_enter: float | None = None
    npv_tolerance: float | None = None
    why: str = ""
    """Why a figure is missing (null), in words; empty when all are there. A Text (optimizer.words.text), so
    optimizer.words.language says it in Chinese too."""
    forced_selected: list[dict] = field(default_factory=list)
    solves: int = 0

    def message(self) -> str:
        """The answer in one or two sentences."""
        who = f"{self.id} ({self.name})" if self.name else self.id
        if self.objective_value is None:
            return f"{who}: {self.why}"
        state = "is chosen" if self.chosen else "is not chosen"
        unit = SCORE_UNIT.english if self.objective == Objective.SCORE else self.currency_unit
        objective = OBJECTIVE_NAMES[self.objective]
        parts = [f"{who} {state}."]
        if self.cost_of_forcing is not None:
            verb = "costs" if self.cost_of_forcing >= 0 else "gains"
            parts.append(f"Forcing it {self.forced} {verb} {abs(self.cost_of_forcing):,.2f} {unit} of {objective} "
                         f"({self.objective_value:,.2f} → {self.forced_objective_value:,.2f}).")
        elif self.why:
            parts.append(self.why[0].upper() + self.why[1:] + ("" if self.why.endswith(".") else "."))
        if self.blocking:
            role = "holds it in" if self.chosen else "keeps it out"
            parts.append(f"What {role}: {', '.join(self.blocking)}.")
        if self.npv_to_enter is not None:
            money = format_value(self.npv_to_enter, Kind.MONEY, self.currency_unit)
            now = format_value(self.npv, Kind.MONEY, self.currency_unit)
            parts.append(f"It would leave below an NPV of {money} (now {now})." if self.chosen else
                         f"It would be chosen from an NPV of {money} (now {now}).")
        return " ".join(parts)

    def to_json(self) -> dict:
        return {
            "id": self.id, "name": self.name, "status": self.status, "chosen": self.chosen,
            "objective": self.objective, "objective_value": number(self.objective_value),
            "forced": self.forced, "forced_status": self.forced_status,
            "forced_objective_value": number(self.forced_objective_value),
            "cost_of_forcing": number(self.cost_of_forcing), "blocking": list(self.blocking),
            "npv": number(self.npv), "npv_to_enter": number(self.npv_to_enter),
            "npv_tolerance": number(self.npv_tolerance), "why": self.why,
            "forced_selected": self.forced_selected, "message": self.message(), "solves": self.solves,
        }


def explain_project(case: Case, project_id: str, *, session: Session | None = None,
                    time_limit: float | None = None, gap: float | None = None,
                    progress: Progress | None = None, cancel: threading.Event | None = None) -> Explanation:
    """Why project `project_id` is, or is not, chosen; see the module docstring.

    `gap` defaults to 0 (proven optima, see analysis.EXACT_GAP); `time_limit` (per solve) to the
    case's. Raises AnalysisError for an unknown id, AnalysisCancelled when `cancel` is set.
    """
    _project(case, project_id)
    session = session or Session()
    runner = _Runner(session, time_limit, gap, cancel, progress)
    runner.step("solving the case as it is")
    _, baseline = runner.solve(case)
    return _explain(case, project_id, baseline, runner)


def explain_excluded(case: Case, project_ids: list[str] | None = None, *, session: Session | None = None,
                     time_limit: float | None = None, gap: float | None = None,
                     progress: Progress | None = None, cancel: threading.Event | None = None) -> list[Explanation]:
    """Explain every project left out of the best portfolio that the negative list does not prohibit
    (or the projects named), solving the case as it is once. `progress` gets one Step per project,
    its Explanation as the item."""
    for pid in project_ids or []:
        _project(case, pid)
    session = session or Session()
    runner = _Runner(session, time_limit, gap, cancel, None)
    _, baseline = runner.solve(case)
    if project_ids is None:
        project_ids = [p.id for p in case.projects if p.id not in baseline.portfolio
                       and not is_prohibited(p, case)] if baseline.has_portfolio else []
    result = []
    for done, pid in enumerate(project_ids, start=1):
        explanation = _explain(case, pid, baseline, runner)
        result.append(explanation)
        tell(progress, done, len(project_ids), f"{pid} explained", explanation)
    return result


# --- the work ------------------------------------------------------------------------------------
class _Runner:
    """Solves on one session with the same options, counting solves and telling progress."""

    def __init__(self, session: Session, time_limit, gap, cancel, progress):
        self.session, self.time_limit, self.gap = session, time_limit, gap
        self.cancel, self.progress = cancel, progress
        self.solves = 0

    def step(self, message: str) -> None:
        tell(self.progress, self.solves, max(self.solves + 1, 4), message)

    def solve(self, case: Case, adjustment: np.ndarray | None = None) -> tuple[PortfolioModel, Solution]:
        model, solution = solve_on(self.session, case, time_limit=self.time_limit, gap=self.gap,
                                   cancel=self.cancel, adjustment=adjustment)
        self.solves += 1
        return model, solution


def _project(case: Case, project_id: str) -> Project:
    try:
        return case.project(project_id)
    except KeyError:
        raise AnalysisError(Text("there is no project with id '{id}' in the case", id=project_id)) from None


def _explain(case: Case, project_id: str, baseline: Solution, runner: _Runner) -> Explanation:
    project = _project(case, project_id)
    first_solve = runner.solves
    chosen = project.id in baseline.portfolio
    result = Explanation(project.id, project.name, baseline.status, chosen, case.settings.objective,
                         case.settings.currency_unit, baseline.objective_value if baseline.has_portfolio else None,
                         "out" if chosen else "in", npv=project.npv)
    if not baseline.has_portfolio:
        result.why = Text("the case has no portfolio as it is: {quality}", quality=baseline.quality())
        return result
    screened = prohibition(project, case)
    if screened:
        result.forced_status, result.blocking, result.why = "prohibited", ["negative_list"], screened
        return result
    forced_case = _forced(case, project, into=not chosen)
    runner.step(f"forcing {project.id} {result.forced}")
    model, forced = runner.solve(forced_case)
    result.forced_status = forced.status
    if forced.has_portfolio:
        result.forced_objective_value = forced.objective_value
        result.cost_of_forcing = _difference(baseline.objective_value, forced.objective_value)
        result.forced_selected = selection_json(forced)
        result.blocking = _blocking(model, forced, project, baseline, case)
    elif forced.status == Status.INFEASIBLE:
        result.blocking, result.why = _conflict(forced_case, project, chosen, runner.time_limit)
    else:
        result.why = Text("no portfolio with {id} forced {way} was found within the time limit", id=project.id,
                          way=Text("in") if result.forced == "in" else Text("out"))
    if not result.why and forced.status == Status.FEASIBLE:
        result.why = Text("the forced solve stopped at the time limit, {quality}", quality=forced.quality())
    _search_npv(case, forced_case, project, baseline, forced, result, runner)
    result.solves = runner.solves - first_solve
    return result


def _forced(case: Case, project: Project, into: bool) -> Case:
    """The case with the project forced in (or out), overriding its own mark."""
    changed = replace(project, mandatory=into, excluded=not into)
    return replace(case, projects=tuple(changed if p.id == project.id else p for p in case.projects))


def _difference(value: float, forced: float) -> float:
    difference = value - forced
    return 0.0 if abs(difference) <= VALUE_TOLERANCE + NEGLIGIBLE * abs(value) else difference


def _blocking(model: PortfolioModel, forced: Solution, project: Project, baseline: Solution, case: Case) -> list[str]:
    """What keeps the project out (holds it in): the limits the recommended portfolio would break with
    it added (removed), the limits binding in the forced portfolio, then the project rules in the way."""
    names: list[str] = []
    chosen = project.id in baseline.portfolio
    if chosen and project.mandatory:
        names.append("mandatory")
    if not chosen and project.excluded:
        names.append("excluded")
    changed = np.array(baseline.option_shares, dtype=float)
    index = next(i for i, p in enumerate(case.projects) if p.id == project.id)
    for o, option in enumerate(model.options):
        if option.project == index:
            changed[o] = 0.0 if chosen else forced.option_shares[o]
    names += [key for key in _broken_limits(model, changed) if key not in names]
    for row in constraint_rows(model, forced.option_shares, None):
        if row.binding and row.name not in GROUP_COUNTS and row.name not in names:
            names.append(row.name)
    return names + [name for name in in_the_way(case, project, baseline.portfolio) if name not in names]


def _broken_limits(model: PortfolioModel, x: np.ndarray) -> list[str]:
    """The Settings limits that portfolio x breaks."""
    broken = []
    for key, target in model.limits.items():
        m, limit = target.measure, float(target.limit.value)
        num, den = m.numerator(x), m.denominator(x)
        slack = SIGN[target.sense] * (num - limit * den)
        scale = np.maximum(1.0, np.maximum(np.abs(num), np.abs(limit * den)))
        if np.any(slack < -RULE * scale):
            broken.append(key)
    return broken


def _conflict(forced_case: Case, project: Project, chosen: bool, time_limit: float | None) -> tuple[list[str], str]:
    """Why no portfolio exists with the project forced in (out): the conflicting targets or rules."""
    items = diagnose(forced_case, time_limit)
    # rules in conflict are named by their families (analysis/rules.py)
    names = list(dict.fromkeys(name for item in items for name in (
        item.conflicts_with if item.constraint == PROJECT_RULES and item.conflicts_with else [item.constraint])))
    sentence = Text("no portfolio without it meets all the rules and targets.") if chosen else \
        Text("no portfolio with it meets all the rules and targets.")
    if not items:
        return names, sentence
    return names, Text("{sentence} {diagnosis}", sentence=sentence,
                       diagnosis=Items(tuple(item.message for item in items[:3]), SENTENCES))


def _search_npv(case: Case, forced_case: Case, project: Project, baseline: Solution, forced: Solution,
                result: Explanation, runner: _Runner) -> None:
    """npv_to_enter by Newton's method on V_in(n) − V_out (see the module docstring)."""
    chosen = result.chosen
    if case.settings.objective != Objective.NPV:
        result.why = result.why or Text("npv_to_enter is computed for the npv objective only")
        return
    if project.mandatory and chosen:
        result.why = result.why or Text("it is mandatory: it stays chosen whatever its NPV")
        return
    if project.excluded and not chosen:
        result.why = result.why or Text("it is marked excluded: it stays out whatever its NPV")
        return
    if chosen and forced.status == Status.INFEASIBLE:
        result.why = result.why or Text("it stays chosen at any NPV")
        return
    if not forced.has_portfolio:
        return
    # V_in at the project's own NPV: the baseline when it is chosen, the forced solve when not.
    inside_case, start = (_forced(case, project, into=True), baseline) if chosen else (forced_case, forced)
    value_out = forced.objective_value if chosen else baseline.objective_value
    model = runner.session.model_for(inside_case)
    index = next(i for i, p in enumerate(case.projects) if p.id == project.id)
    rate = case.capital_cost_rate
    options = [o for o, option in enumerate(model.options) if option.project == index]
    discount = np.zeros(len(model.options))
    for o in options:
        discount[o] = (1 + rate) ** -model.options[o].delay

    def slope(solution: Solution) -> float:
        funding = solution.portfolio[project.id]
        return funding.share * (1 + rate) ** -(funding.start_year - project.earliest_start)

    tolerance = NPV_TOLERANCE * max(1.0, abs(project.npv))
    tie = VALUE_TOLERANCE + NEGLIGIBLE * max(1.0, abs(value_out))
    delta, gain, rise = 0.0, start.objective_value - value_out, slope(start)
    low: float | None = None  # an NPV shift at which it is not chosen
    high: tuple[float, float, float] | None = None  # (shift, V_in - V_out, slope) at which it is chosen
    for _ in range(MAX_SEARCH_SOLVES):
        if gain >= -tie:
            high = (delta, gain, rise)
        else:
            low = delta
        if high is not None and low is not None and high[0] - low <= tolerance * (1 + NEGLIGIBLE):
            break
        if high is None:
            candidate = delta - gain / rise  # from the left: convexity puts it at or right of the root
        elif high[1] <= tie:
            candidate = high[0] - tolerance  # at the root: prove the project leaves just below it
        else:
            candidate = high[0] - high[1] / high[2]  # Newton from the right stays right of the root
        if low is not None and high is not None and not low < candidate < high[0]:
            candidate = (low + high[0]) / 2
        check_cancel(runner.cancel)
        runner.step(f"trying an NPV of {project.npv + candidate:,.4f} for {project.id}")
        _, trial = runner.solve(inside_case, adjustment=candidate * discount)
        if not trial.has_portfolio or project.id not in trial.portfolio:
            result.why = result.why or Text("the NPV search stopped: {quality}", quality=trial.quality())
            return
        delta, gain, rise = candidate, trial.objective_value - value_out, slope(trial)
    if high is None:
        return
    result.npv_to_enter = project.npv + high[0]
    result.npv_tolerance = tolerance if low is not None and high[0] - low <= tolerance * (1 + NEGLIGIBLE) else (
        None if low is None else high[0] - low)
