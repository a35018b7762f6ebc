"""What each level of a target costs: the best objective at each value of one Settings key
(the `frontier` command of cli.md).

    frontier = sweep(case, "min_strategic_share", levels_between(0.35, 0.55, 5))
    frontier.sentence(0, 2)  # "Raising the strategic emerging industry share floor from 35% to 45% costs
                             #  23.1 CNY 100m of NPV."

One model is built (with the key as a limit, if the case had none) and re-solved at each level with
the key's Parameter changed. The levels are independent, so they are solved in parallel
(optimizer/analysis/parallel.py: worker processes on every core by default, or a Dask cluster), each
from its own rank-and-fill portfolio where that keeps every rule (else the solver's own start), so that
its answer does not depend on the number of workers; the points are reported in the order asked. On the
demo's 20 levels of total_budget, solved in one process, that start takes 6.3 s of solving where the
neighbour's answer took 11.3 s (same run, 2 cores shared with other work). Any limit of the registry
(optimizer/model/targets.py) can be varied, annual budgets included, and so can the risk aversion
(the NPV–risk frontier, see risk.py) and, with objective score, the score weights. Each point is solved
to proven optimality by default (analysis.EXACT_GAP), so its objective is the optimum at that level.
What the frontier says (`sentence`, `ending`) is a Text, which optimizer.words says in Chinese.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import numpy as np

from optimizer.analysis.common import Progress, check_cancel, number, selection_json, solve_on
from optimizer.analysis.parallel import new_token, run_points, threads_for
from optimizer.analysis.risk import NpvScenarios, RiskFigures, has_npv_ranges
from optimizer.errors import AnalysisError, CaseError, Problem
from optimizer.io.settings import apply_overrides
from optimizer.io.values import canonical_setting_key, parse_setting_value
from optimizer.model.case import Case
from optimizer.model.targets import (
    DEFAULT_WEIGHT,
    OBJECTIVE_NAMES,
    PERCENT_KINDS,
    RISK_AVERSION,
    SCORE_UNIT,
    WEIGHT_KEYS,
    Kind,
    Objective,
    Sense,
    budget_year,
    is_limit,
    setting,
    year_of,
)
from optimizer.solve import highs
from optimizer.solve.ranking import rank_and_fill
from optimizer.solve.session import Session
from optimizer.solve.solver import Status, quality
from optimizer.words.text import Items, Name, Text, said
from optimizer.words.units import Amount, Currency


@dataclass
class FrontierPoint:
    value: float
    status: Status | None = None
    """None until the level is solved."""
    objective_value: float | None = None
    bound: float | None = None
    gap: float | None = None
    selected: list[dict] = field(default_factory=list)
    solve_seconds: float = 0.0
    reached: float | None = None
    """The varied figure in the portfolio found (e.g. its total capex for total_budget); None for
    risk aversion and weights."""
    risk: RiskFigures | None = None
    """Expected, pessimistic NPV and CVaR of the portfolio, where the case gives NPV ranges."""

    def __post_init__(self) -> None:
        self.status = Status(self.status) if self.status else None

    @property
    def has_portfolio(self) -> bool:
        return self.status is not None and Status(self.status).has_portfolio

    def to_json(self) -> dict:
        data = {"value": number(self.value), "status": self.status, "objective_value": number(self.objective_value),
                "bound": number(self.bound), "gap": number(self.gap), "selected": self.selected,
                "reached": number(self.reached), "solve_seconds": round(self.solve_seconds, 4)}
        if self.risk is not None:
            data["risk"] = self.risk.to_json()
        return data


@dataclass
class Frontier:
    vary: str
    label: str
    kind: str
    """How the key's values are written (targets.Kind)."""
    objective: str
    currency_unit: str
    points: list[FrontierPoint] = field(default_factory=list)
    project_names: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"vary": self.vary, "label": self.label, "objective": self.objective,
                "currency_unit": self.currency_unit, "points": [p.to_json() for p in self.points],
                "sentences": self.sentences()}

    def sentence(self, a: int, b: int) -> Text:
        """The change from point a to point b in words."""
        p, q = self.points[a], self.points[b]
        what = describe_key(self.vary)
        for point in (q, p):
            if not point.has_portfolio:
                return Text("With the {what} at {level}, {why}.", what=what, level=self.level(point.value),
                            why=quality(point.status, None))
        change = self._change(p.value, q.value)
        if self.vary == RISK_AVERSION and p.risk is not None and q.risk is not None:
            return _risk_sentence(change, p.risk, q.risk)
        difference = q.objective_value - p.objective_value
        digits = 3 if self.objective == Objective.SCORE else 1
        objective = OBJECTIVE_NAMES[self.objective]
        unit = SCORE_UNIT if self.objective == Objective.SCORE else Currency(self.currency_unit)
        if abs(difference) < 0.5 * 10 ** -digits:
            effect = Text("changes nothing", objective=objective)
        elif difference < 0:
            effect = Text("costs {amount:,.{digits}f} {unit} of {objective}", amount=-difference, digits=digits,
                          unit=unit, objective=objective)
        else:
            effect = Text("adds {amount:,.{digits}f} {unit} of {objective}", amount=difference, digits=digits,
                          unit=unit, objective=objective)
        return Text("{change} {effect}.", change=change, effect=effect)

    def _change(self, start: float, end: float) -> Text:
        what, start_level, end_level = describe_key(self.vary), self.level(start), self.level(end)
        if end > start:
            return Text("Raising the {what} from {start} to {end}", what=what, start=start_level, end=end_level)
        return Text("Lowering the {what} from {start} to {end}", what=what, start=start_level, end=end_level)

    def sentences(self) -> list[Text]:
        """One sentence per step between neighbouring points."""
        return [self.sentence(i, i + 1) for i in range(len(self.points) - 1)]

    def ending(self) -> list[Text]:
        """Where the frontier ends: the levels at which no portfolio meets the targets (they conflict there),
        and those at which the time limit came before any portfolio was found (there may be one)."""
        solved = sorted((p for p in self.points if p.status is not None), key=lambda p: p.value)
        what = describe_key(self.vary)
        said_here: list[Text] = []
        none = [p for p in solved if p.status == Status.INFEASIBLE]
        with_one = [p for p in solved if p.has_portfolio]
        if none and not with_one:
            said_here.append(Text("No portfolio meets all the rules and targets at any level solved, from {low} to "
                                  "{high}.", low=self.level(solved[0].value), high=self.level(solved[-1].value)))
        elif none:
            above = [p for p in none if p.value > with_one[-1].value]
            below = [p for p in none if p.value < with_one[0].value]
            if len(above) == len(none):
                said_here.append(Text("No portfolio meets all the rules and targets with the {what} at {level} or "
                                      "above; the highest level with one is {last}.", what=what,
                                      level=self.level(above[0].value), last=self.level(with_one[-1].value)))
            elif len(below) == len(none):
                said_here.append(Text("No portfolio meets all the rules and targets with the {what} at {level} or "
                                      "below; the lowest level with one is {first}.", what=what,
                                      level=self.level(below[-1].value), first=self.level(with_one[0].value)))
            else:
                said_here.append(Text("No portfolio meets all the rules and targets with the {what} at {levels}.",
                                      what=what, levels=Items(tuple(self.level(p.value) for p in none))))
        timed_out = [p for p in solved if p.status == Status.NO_SOLUTION]
        if timed_out:
            said_here.append(Text("No portfolio was found within the time limit with the {what} at {levels}: there "
                                  "may be one, which a longer time limit could find.", what=what,
                                  levels=Items(tuple(self.level(p.value) for p in timed_out))))
        return said_here

    def level(self, value: float) -> object:
        """A level of the key as a sentence says it: 35% for a share or rate, the money with its unit."""
        if self.kind in PERCENT_KINDS:
            return f"{value * 100:.4g}%"
        if self.kind == Kind.WEIGHT:
            return f"{value:.4g}"
        return Amount(value, self.kind, self.currency_unit)

    def format(self, value: float) -> str:
        """A level in English (the command's tables)."""
        return str(self.level(value))


def describe_key(key: str) -> Name:
    """A Settings key as words in a sentence: "strategic emerging industry share floor" / 战略性新兴产业投资占比."""
    found = setting(key)
    english, chinese = found.name.english, found.name.chinese
    lower = english[:1].lower() + english[1:] if english[1:2].islower() else english  # "ROE", "R&D" kept
    if budget_year(key) is not None:
        return Name(f"budget for {found.year}", chinese)
    if found.kind == Kind.WEIGHT and key != RISK_AVERSION:
        return Name(f"weight of {english.lower()}", found.workbook_chinese)
    if not found.is_limit or found.kind == Kind.MONEY and found.sense == Sense.MAX:
        return Name(lower, chinese)
    return Name(f"{lower} {'floor' if found.sense == Sense.MIN else 'cap'}", chinese)


def _risk_sentence(change: Text, before: RiskFigures, after: RiskFigures) -> Text:
    """A move along the NPV–risk frontier: what it gives up in expected NPV, what the downside gains."""
    expected = after.expected_npv - before.expected_npv
    pessimistic = after.pessimistic_npv - before.pessimistic_npv
    if abs(expected) < 0.05 and abs(pessimistic) < 0.05:
        return Text("{change} {effect}.", change=change,
                    effect=Text("changes nothing", objective=OBJECTIVE_NAMES[Objective.NPV]))
    expected_text = Text("gives up {amount:,.1f} of expected NPV", amount=-expected) if expected < 0 else \
        Text("adds {amount:,.1f} of expected NPV", amount=expected)
    pessimistic_text = Text("raises the pessimistic NPV by {amount:,.1f}", amount=pessimistic) if pessimistic >= 0 \
        else Text("lowers the pessimistic NPV by {amount:,.1f}", amount=-pessimistic)
    return Text("{change} {expected} and {pessimistic}.", change=change, expected=expected_text,
                pessimistic=pessimistic_text)


def variable_key(case: Case, name: str) -> str:
    """The canonical key for a name the user gave to --vary; AnalysisError if it cannot be varied."""
    key = canonical_setting_key(name)
    if key is None:
        raise AnalysisError(Text("'{name}' is not a Settings key", name=name))
    year = year_of(key)
    if year is not None and year not in case.years:
        raise AnalysisError(Text("{key} is for a year outside the plan ({first}-{last})", key=key,
                                 first=case.years[0], last=case.years[-1]))
    if key in WEIGHT_KEYS and case.settings.objective != Objective.SCORE:
        raise AnalysisError(Text("{key} weighs the score objective; this case optimises {objective}", key=key,
                                 objective=OBJECTIVE_NAMES[case.settings.objective]))
    if not is_limit(key) and key not in WEIGHT_KEYS and key != RISK_AVERSION:
        raise AnalysisError(Text("{key} is not a limit or target that a frontier can vary", key=key))
    return key


def key_kind(key: str) -> tuple[str, str]:
    """(label, kind) of a variable key."""
    found = setting(key)
    if key in WEIGHT_KEYS:
        return f"Weight of {found.name.english.lower()}", Kind.WEIGHT
    return found.name.english, found.kind


def levels_between(start: float, stop: float, steps: int) -> list[float]:
    """`steps` evenly spaced levels from start to stop (both included)."""
    if steps < 1:
        raise AnalysisError(Text("a frontier needs at least 1 step"))
    if steps == 1:
        return [float(start)]
    return [float(f"{v:.12g}") for v in np.linspace(start, stop, steps)]  # 0.6, not 0.6000000000000001


def with_setting(case: Case, key: str, value: float) -> Case:
    """The case with one Settings key set to value (a limit, a score weight or the risk aversion)."""
    settings = case.settings
    if key == RISK_AVERSION:
        return replace(case, settings=replace(settings, risk_aversion=float(value)))
    if key in WEIGHT_KEYS:
        weights = dict(settings.weights) or dict.fromkeys(WEIGHT_KEYS, DEFAULT_WEIGHT)
        weights[key] = float(value)
        return replace(case, settings=replace(settings, weights=weights))
    return case.with_limits(**{key: value})


def check_levels(case: Case, key: str, levels: list[float]) -> None:
    """Every level a valid value of the key, and the case able to honour it (CaseError, as --set)."""
    problems = []
    for value in levels:
        try:
            parse_setting_value(key, value)
        except ValueError as error:
            problems.append(Problem("--vary", "", Text("{key}={value}: {problem}", key=key, value=f"{value:g}",
                                                       problem=said(error))))
    if problems:
        raise CaseError(problems)
    apply_overrides(case, {key: repr(float(levels[0]))})


def sweep(case: Case, key: str, levels: list[float], *, session: Session | None = None,
          time_limit: float | None = None, gap: float | None = None,
          progress: Progress | None = None, cancel: threading.Event | None = None,
          workers: int | None = None, cluster: str | None = None) -> Frontier:
    """The best portfolio at each level of Settings key `key` (see the module docstring).

    `progress` gets one Step per point solved, the FrontierPoint as its item (in the order they finish).
    `workers` (default: every core) and `cluster` (a Dask scheduler's address, or "local") say where the
    levels are solved (parallel.run_points). Raises AnalysisError for a key that cannot be varied,
    workbook.CaseError for a level the case cannot take (like --set), AnalysisCancelled when `cancel` is set.
    """
    key = variable_key(case, key)
    if not levels:
        raise AnalysisError(Text("a frontier needs at least one level"))
    check_levels(case, key, levels)
    label, kind = key_kind(key)
    frontier = Frontier(key, label, kind, case.settings.objective, case.settings.currency_unit,
                        [FrontierPoint(float(v)) for v in levels], {p.id: p.name for p in case.projects})
    check_cancel(cancel)
    job = FrontierLevels(case, new_token(), key, tuple(float(v) for v in levels), time_limit, gap,
                         threads_for(len(levels)), kind, case.settings.currency_unit)
    frontier.points = run_points(job, len(levels), workers=workers, cluster=cluster, progress=progress,
                                 cancel=cancel, session=session)
    return frontier


def ranked_start(model) -> bool:
    """Hand the solver the rank-and-fill portfolio of this level (solve/ranking.py) when it keeps every rule: a
    start that depends on the level alone. False (the solver's own start) when it does not."""
    model.last_columns = None
    if model.choose.boolean_idx is None:
        return False
    ranked = rank_and_fill(model)
    if not ranked.meets_rules:
        return False
    model.last_columns = highs.columns_of(highs.variable_offsets(model.problem), model.variable_values(ranked.shares))
    return model.last_columns is not None


@dataclass(frozen=True)
class FrontierLevels:
    """The levels as a sweep (parallel.Job): each solved on its own from the solver's own start, so a level's
    answer does not depend on which levels a worker solved before it."""

    case: Case
    token: str
    key: str
    levels: tuple[float, ...]
    time_limit: float | None
    gap: float | None
    threads: int
    kind: str
    currency_unit: str

    def run(self, index: int, session: Session, cancel: threading.Event | None = None) -> FrontierPoint:
        point = FrontierPoint(self.levels[index])
        case = with_setting(self.case, self.key, point.value)
        start = ranked_start(session.model_for(case))
        model, solution = solve_on(session, case, time_limit=self.time_limit, gap=self.gap, cancel=cancel,
                                   threads=self.threads, warm_start=start)
        point.status, point.solve_seconds = solution.status, solution.solve_seconds
        if solution.has_portfolio:
            point.objective_value, point.bound, point.gap = solution.objective_value, solution.bound, solution.gap
            point.selected = selection_json(solution)
            if is_limit(self.key):
                point.reached = model.figures.for_limit(self.key).worst(solution.option_shares,
                                                                        setting(self.key).sense)
            if has_npv_ranges(self.case) and self.case.settings.objective == Objective.NPV:
                point.risk = NpvScenarios(self.case).figures(solution.portfolio)
        return point

    def said(self, index: int, answer: FrontierPoint) -> tuple[str, object | None]:
        level = Frontier(self.key, "", self.kind, "", self.currency_unit).format(answer.value)
        return f"{level}: {answer.status}", answer


RISK_AVERSION_LEVELS = tuple(i / 10 for i in range(11))


def risk_frontier(case: Case, levels: tuple[float, ...] | list[float] = RISK_AVERSION_LEVELS, *,
                  session: Session | None = None, time_limit: float | None = None, gap: float | None = None,
                  progress: Progress | None = None, cancel: threading.Event | None = None) -> Frontier:
    """The NPV–risk frontier (risk.py): the best portfolio at each risk aversion, each point with its expected
    NPV, pessimistic NPV and CVaR (FrontierPoint.risk). Objective npv and NPV ranges needed."""
    if case.settings.objective != Objective.NPV:
        raise AnalysisError(Text("the NPV–risk frontier needs the npv objective"))
    if not has_npv_ranges(case):
        raise AnalysisError(Text("no project gives an NPV range (npv_low, npv_high): there is no risk to trade"))
    return sweep(case, RISK_AVERSION, list(levels), session=session, time_limit=time_limit, gap=gap,
                 progress=progress, cancel=cancel)
