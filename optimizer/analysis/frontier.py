"""What each level of a target costs: the best objective at each value of one Settings key
(the `frontier` command of cli.md).

    frontier = sweep(case, "min_strategic_share", levels_between(0.35, 0.55, 5))
    frontier.sentence(0, 2)  # "Raising the strategic emerging industry share floor from 35% to 45% costs 23.1 NPV."

One model is built (with the key as a limit, if the case had none) and re-solved at each level with
the key's Parameter changed. The levels are solved from the tightest to the loosest (ascending for
a cap, descending for a floor), each warm-started from its neighbour's answer, which then still
meets the looser level; the points are reported in the order asked. Any limit key can be varied
(`total_budget`, `budget_YYYY`, `min_strategic_share`, `max_debt_ratio`, `min_roe`,
`min_rd_intensity`, ...), and so can `risk_aversion` (the NPV–risk frontier, see risk.py) and,
with objective score, the score weights. Each point is solved to proven optimality by default
(analysis.EXACT_GAP), so its objective is the optimum at that level.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

import numpy as np

from optimizer.analysis.common import AnalysisError, Progress, check_cancel, number, selection_json, solve_on, tell
from optimizer.analysis.risk import NpvScenarios, RiskFigures, has_npv_ranges
from optimizer.model.case import LIMIT_KEYS, WEIGHT_KEYS, Case, budget_year, setting_key
from optimizer.model.measures import measure_for_limit
from optimizer.model.portfolio import DEFAULT_WEIGHT
from optimizer.report.result import format_value
from optimizer.solve.session import Session
from optimizer.words.text import Text, said

OTHER_VARIABLE_KEYS = {"risk_aversion": ("Risk aversion", "weight")}
OBJECTIVE_NAMES = {"npv": "NPV", "eva": "EVA", "score": "score points"}
_OBJECTIVE_WORDS = {"npv": Text("NPV"), "eva": Text("EVA"), "score": Text("the weighted score")}


@dataclass
class FrontierPoint:
    value: float
    status: str
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

    @property
    def has_portfolio(self) -> bool:
        return self.status in ("optimal", "feasible")

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
    """How the key's values are written: "share", "rate", "money", "grade", "productivity"."""
    objective: str
    currency_unit: str
    points: list[FrontierPoint] = field(default_factory=list)
    project_names: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"vary": self.vary, "label": self.label, "objective": self.objective,
                "currency_unit": self.currency_unit, "points": [p.to_json() for p in self.points],
                "sentences": self.sentences()}

    def sentence(self, a: int, b: int) -> str:
        """The change from point a to point b in words."""
        p, q = self.points[a], self.points[b]
        what = describe_key(self.vary)
        if not q.has_portfolio:
            return f"With the {what} at {self.format(q.value)}, {_no_portfolio(q.status)}."
        if not p.has_portfolio:
            return f"With the {what} at {self.format(p.value)}, {_no_portfolio(p.status)}."
        verb = "Raising" if q.value > p.value else "Lowering"
        if self.vary == "risk_aversion" and p.risk is not None and q.risk is not None:
            return _risk_sentence(f"{verb} the {what} from {self.format(p.value)} to {self.format(q.value)}",
                                  p.risk, q.risk)
        change = q.objective_value - p.objective_value
        name = OBJECTIVE_NAMES.get(self.objective, self.objective)
        digits = 3 if self.objective == "score" else 1
        amount = f"{abs(change):,.{digits}f} {name}"
        if abs(change) < 0.5 * 10 ** -digits:
            effect = "changes nothing"
        else:
            effect = f"costs {amount}" if change < 0 else f"adds {amount}"
        return f"{verb} the {what} from {self.format(p.value)} to {self.format(q.value)} {effect}."

    def sentences(self) -> list[str]:
        """One sentence per step between neighbouring points."""
        return [self.sentence(i, i + 1) for i in range(len(self.points) - 1)]

    def format(self, value: float) -> str:
        if self.kind in ("share", "rate"):
            return f"{value * 100:.4g}%"
        if self.kind == "weight":
            return f"{value:.4g}"
        return format_value(value, self.kind, self.currency_unit)


def describe_key(key: str) -> str:
    """A Settings key as words in a sentence: "strategic emerging industry share floor"."""
    if key == "total_budget":
        return "total budget"
    year = budget_year(key)
    if year is not None:
        return f"budget for {year}"
    if key in OTHER_VARIABLE_KEYS:
        return OTHER_VARIABLE_KEYS[key][0].lower()
    if key in WEIGHT_KEYS:
        return f"weight of {key.removeprefix('weight_')}"
    spec = setting_key(key)
    label = spec.label if spec.label[1:2].isupper() else spec.label[0].lower() + spec.label[1:]
    return f"{label} {'floor' if spec.sense == 'min' else 'cap'}"


def _risk_sentence(change: str, before: RiskFigures, after: RiskFigures) -> str:
    """A move along the NPV–risk frontier: what it gives up in expected NPV, what the downside gains."""
    expected = after.expected_npv - before.expected_npv
    pessimistic = after.pessimistic_npv - before.pessimistic_npv
    if abs(expected) < 0.05 and abs(pessimistic) < 0.05:
        return f"{change} changes nothing."
    return (f"{change} {'gives up' if expected < 0 else 'adds'} {abs(expected):,.1f} of expected NPV and "
            f"{'raises' if pessimistic >= 0 else 'lowers'} the pessimistic NPV by {abs(pessimistic):,.1f}.")


def _no_portfolio(status: str) -> str:
    if status == "infeasible":
        return "no portfolio meets all the rules and targets"
    return "no portfolio was found within the time limit"


def variable_key(case: Case, name: str) -> str:
    """The canonical key for a name the user gave to --vary; AnalysisError if it cannot be varied."""
    from optimizer.io.workbook import canonical_setting_key

    key = canonical_setting_key(name)
    if key is None:
        raise AnalysisError(Text("'{name}' is not a Settings key", name=name))
    year = budget_year(key)
    if year is not None and year not in case.years:
        raise AnalysisError(Text("{key} is for a year outside the plan ({first}-{last})", key=key,
                                 first=case.years[0], last=case.years[-1]))
    if key in WEIGHT_KEYS and case.settings.objective != "score":
        objective = case.settings.objective
        raise AnalysisError(Text("{key} weighs the score objective; this case optimises {objective}", key=key,
                                 objective=_OBJECTIVE_WORDS.get(objective, objective)))
    if key not in LIMIT_KEYS and year is None and key not in OTHER_VARIABLE_KEYS and key not in WEIGHT_KEYS:
        raise AnalysisError(Text("{key} is not a limit or target that a frontier can vary", key=key))
    return key


def key_kind(key: str) -> tuple[str, str]:
    """(label, kind) of a variable key."""
    if key in OTHER_VARIABLE_KEYS:
        return OTHER_VARIABLE_KEYS[key]
    if key in WEIGHT_KEYS:
        return f"Weight of {key.removeprefix('weight_')}", "weight"
    spec = setting_key(key)
    return spec.label, spec.kind


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
    if key == "risk_aversion":
        return replace(case, settings=replace(settings, risk_aversion=float(value)))
    if key in WEIGHT_KEYS:
        weights = dict(settings.weights) or dict.fromkeys(WEIGHT_KEYS, DEFAULT_WEIGHT)
        weights[key] = float(value)
        return replace(case, settings=replace(settings, weights=weights))
    return case.with_limits(**{key: value})


def check_levels(case: Case, key: str, levels: list[float]) -> None:
    """Every level a valid value of the key, and the case able to honour it (CaseError, as --set)."""
    from optimizer.io.workbook import CaseError, Problem, apply_overrides, parse_setting_value

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
          progress: Progress | None = None, cancel: threading.Event | None = None) -> Frontier:
    """The best portfolio at each level of Settings key `key` (see the module docstring).

    `progress` gets one Step per point solved, the FrontierPoint as its item (in solving order).
    Raises AnalysisError for a key that cannot be varied, workbook.CaseError for a level the case
    cannot take (like --set), AnalysisCancelled when `cancel` is set.
    """
    key = variable_key(case, key)
    if not levels:
        raise AnalysisError(Text("a frontier needs at least one level"))
    check_levels(case, key, levels)
    label, kind = key_kind(key)
    frontier = Frontier(key, label, kind, case.settings.objective, case.settings.currency_unit,
                        [FrontierPoint(float(v), "") for v in levels], {p.id: p.name for p in case.projects})
    session = session or Session()
    scenarios = NpvScenarios(case) if has_npv_ranges(case) and case.settings.objective == "npv" else None
    sense = setting_key(key).sense if key in LIMIT_KEYS or budget_year(key) is not None else None
    order = sorted(range(len(levels)), key=lambda i: levels[i], reverse=sense == "min")
    if sense is None:
        order = list(range(len(levels)))
    for done, i in enumerate(order, start=1):
        check_cancel(cancel)
        point = frontier.points[i]
        model, solution = solve_on(session, with_setting(case, key, point.value), time_limit=time_limit,
                                   gap=gap, cancel=cancel)
        point.status, point.solve_seconds = solution.status, solution.solve_seconds
        if solution.has_portfolio:
            point.objective_value, point.bound, point.gap = solution.objective_value, solution.bound, solution.gap
            point.selected = selection_json(solution)
            if sense is not None:
                rows = measure_for_limit(model.figures, key).rows(solution.option_shares)
                rows = rows[~np.isnan(rows)]
                point.reached = None if rows.size == 0 else float(rows.min() if sense == "min" else rows.max())
            if scenarios is not None:
                point.risk = scenarios.figures(solution.portfolio)
        tell(progress, done, len(levels), f"{frontier.format(point.value)}: {point.status}", point)
    return frontier
