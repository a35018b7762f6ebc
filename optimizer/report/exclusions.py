"""Why each project is left out of the portfolio, the first reason that applies, with its code (cli.md):

negative_list (screening prohibits it), forced_out (marked excluded or forced out in the app), exclusive
(another project of its group is chosen, or its group of the Groups sheet is full), dependency (a project it
requires is not chosen, or starts too late for its lag; none of its requires_any is chosen in time),
together_with (a project it goes together with is left out by a rule: report/relations.py), no_value (it
would not add to the objective), does_not_fit (every way to take it, even alone, breaks
a budget), outcompeted (the limits it would push past if taken as well, each with the figure it would reach and
the limit: a budget, "outcompeted for budget"; a target in a plan year, "2028 debt ratio"; any other limit, the
average risk grade or a share, "held out by a limit"; where it breaks none, the limits are better spent on the
chosen projects).
"""

from __future__ import annotations

import math

import numpy as np

from optimizer.model.portfolio import SIGN, PortfolioModel
from optimizer.model.relations import earliest_starts
from optimizer.model.screening import prohibition
from optimizer.model.targets import OBJECTIVE_NAMES, Kind, LimitKey, Sense, setting, yearly_target
from optimizer.report.relations import relation_reason, start_reason, taken_by_group, with_partners
from optimizer.report.result import Exclusion
from optimizer.solve.solver import Solution
from optimizer.tolerances import NEGLIGIBLE, ROW
from optimizer.words.text import CLAUSES, Items, Text
from optimizer.words.units import Currency, against_limit, decimals_apart


def exclusions(model: PortfolioModel, solution: Solution, binding: list[str]) -> list[Exclusion]:
    """The projects not in `solution`, each with why; `binding` names the limits that bind."""
    case = model.case
    chosen = solution.portfolio
    coef = model.objective_coefficients()
    best_value: dict[int, float] = {}
    for o, opt in enumerate(model.options):
        best_value[opt.project] = max(best_value.get(opt.project, -math.inf), coef[o])
    by_id = {p.id: p for p in case.projects}
    group_choice = {by_id[pid].exclusive_group: pid for pid in chosen  # a group of the Groups sheet: relations.py
                    if by_id[pid].exclusive_group and by_id[pid].exclusive_group not in case.groups}
    earliest, in_groups = earliest_starts(case), taken_by_group(case, chosen)
    options_of: dict[int, list[int]] = {}
    for o, opt in enumerate(model.options):
        options_of.setdefault(opt.project, []).append(o)
    budgets = _Budgets(_money_limits(model))
    money = {key for key, *_ in budgets.rows}
    x = solution.option_shares
    limits = _Limits(model, x)
    result = []
    for i, p in enumerate(case.projects):
        if p.id in chosen:
            continue
        screened = prohibition(p, case)
        missing = [r for r in p.requires if r not in chosen]
        late = [r for r in p.requires if r in chosen and chosen[r].start_year > p.latest_start]
        if screened:
            reason, code = screened, "negative_list"
        elif p.excluded or model.project_upper.value[i] < 0.5:
            reason, code = Text("forced out: marked excluded"), "forced_out"
        elif (impossible := start_reason(p, case, earliest)) is not None:
            reason, code = impossible, "dependency"
        elif p.exclusive_group and p.exclusive_group in group_choice:
            other = group_choice[p.exclusive_group]
            reason = Text("exclusive alternative chosen: {other} ({other_name}) in group {group}", other=other,
                          other_name=by_id[other].name, group=p.exclusive_group)
            code = "exclusive"
        elif missing:
            reason, code = Text("dependency: requires {requires}, not chosen", requires=Items(tuple(missing))), \
                "dependency"
        elif late:
            reason = Text("dependency: requires {requires}, which starts after this project's latest start "
                          "{latest_start}", requires=Items(tuple(late)), latest_start=p.latest_start)
            code = "dependency"
        elif (related := relation_reason(p, case, chosen, in_groups)) is not None:
            reason, code = related
        elif best_value.get(i, 0.0) <= 0:
            reason = Text("does not pay: its {objective} contribution {value:,.2f} is not positive",
                          objective=OBJECTIVE_NAMES[case.settings.objective], value=float(best_value.get(i, 0.0)))
            code = "no_value"
        elif (too_large := _too_large_alone(model, i, options_of.get(i, []), budgets)) is not None:
            reason, code = too_large, "does_not_fit"
        elif (held := _held_out(model, limits, money, options_of.get(i, []), coef)) is not None:
            reason, code = held, "outcompeted"
        else:  # it breaks no limit taken as well (a tolerance, the gap): the binding ones, as they are
            limits = Text(" (binding: {binding})", binding=Items(tuple(map(LimitKey, binding)))) if binding \
                else Text("")
            reason = Text("outcompeted for budget: the limits are better spent on the chosen projects{limits}",
                          limits=limits)
            code = "outcompeted"
        result.append(Exclusion(p.id, p.name, reason, code))
    return with_partners(case, result, {p.id: best_value.get(i, 0.0) for i, p in enumerate(case.projects)})


def _held_out(model: PortfolioModel, limits: _Limits, money: set[str], options: list[int],
              coef: np.ndarray) -> Text | None:
    """Why a project that would add to the objective is left out: taken as well, in its most valuable way (start
    year, its least share), it would push these limits past their values: a budget ("outcompeted for budget"),
    a target in a plan year ("held out by a target"), or any other limit, the average risk grade, a share
    ("held out by a limit"), each with the figure it would reach and the limit. None when it breaks none."""
    if not options:
        return None
    o = max(options, key=lambda option: coef[option])
    project = model.case.projects[model.options[o].project]
    delta = max(0.0, project.min_share - float(limits.x[o]))
    broken = limits.broken(o, delta)
    if not broken:
        return None
    currency = model.case.settings.currency_unit
    clauses = []
    for key, sense, value, limit in broken:
        found = setting(key)
        shown, bound = against_limit(value, limit, found.kind, currency)
        if sense == Sense.MIN:
            clauses.append(Text("{key} ({name} {value}, at least {limit})", key=LimitKey(key), name=found.name,
                                value=shown, limit=bound))
        else:
            clauses.append(Text("{key} ({name} {value}, at most {limit})", key=LimitKey(key), name=found.name,
                                value=shown, limit=bound))
    said = Items(tuple(clauses), CLAUSES)
    keys = [key for key, *_ in broken]
    if all(key in money for key in keys):
        return Text("outcompeted for budget: taking it as well would break {limits}", limits=said)
    if all(key in money or yearly_target(key) is not None for key in keys):
        return Text("held out by a target: taking it as well would break {targets}", targets=said)
    return Text("held out by a limit: taking it as well would break {limits}", limits=said)


class _Limits:
    """Every limit's rows at the chosen portfolio, stacked, so that taking one more option is checked against all
    of them at once by adding its column (a case with subsidiaries' budgets has hundreds of rows)."""

    def __init__(self, model: PortfolioModel, x: np.ndarray):
        self.x = x
        self.sense = {key: rows.sense for key, rows in model.limits.items()}
        measures = [(key, rows) for key, rows in model.limits.items() if rows.measure.num_coef.shape[0]]
        self.keys = [key for key, rows in measures for _ in range(rows.measure.num_coef.shape[0])]
        self.sign = np.array([SIGN[self.sense[key]] for key in self.keys])
        self.limit = np.array([float(rows.limit.value) for _, rows in measures
                               for _ in range(rows.measure.num_coef.shape[0])])
        if not measures:
            return
        self.num_coef = np.vstack([np.asarray(rows.measure.num_coef, dtype=float) for _, rows in measures])
        self.den_coef = np.vstack([np.asarray(rows.measure.den_coef, dtype=float) for _, rows in measures])
        self.num = self.num_coef @ x + np.concatenate([rows.measure.num_const for _, rows in measures])
        self.den = self.den_coef @ x + np.concatenate([rows.measure.den_const for _, rows in measures])

    def broken(self, o: int, delta: float) -> list[tuple[str, str, float, float]]:
        """The limits that option `o` taken `delta` more would break, each as (key, sense, the figure it would
        reach, the limit), in the model's order. A row counts only if the option moves it the wrong way: a row
        the solver left a hair outside, which the option does not touch, is not the option's doing."""
        if not self.keys:
            return []
        num = self.num + self.num_coef[:, o] * delta
        den = self.den + self.den_coef[:, o] * delta
        slack = self.sign * (num - self.limit * den)
        worse = self.sign * (self.num_coef[:, o] - self.limit * self.den_coef[:, o]) * delta < 0
        out = worse & (slack < -ROW * np.maximum(1.0, np.abs(self.limit * den)))
        result: dict[str, tuple[str, str, float, float]] = {}
        for r in np.flatnonzero(out):
            key = self.keys[r]
            with np.errstate(divide="ignore", invalid="ignore"):
                value = float(num[r] / den[r]) if abs(den[r]) > NEGLIGIBLE else math.nan
            sense = self.sense[key]
            if key in result:  # the row of the key the limit binds first: the largest share against a ceiling
                kept = result[key][2]
                value = min(kept, value) if sense == Sense.MIN else max(kept, value)
            result[key] = (key, sense, value, float(self.limit[r]))
        return list(result.values())


def _money_limits(model: PortfolioModel) -> list[tuple[str, np.ndarray, float, float]]:
    """The limits about size, as (key, each option's amount, constant, limit): budgets and other money
    ceilings of one row. A share or rate is not about size."""
    return [(key, t.measure.num_coef[0], float(t.measure.num_const[0]), float(t.limit.value))
            for key, t in model.limits.items()
            if t.sense == Sense.MAX and not t.measure.is_ratio and t.measure.num_coef.shape[0] == 1]


class _Budgets:
    """The money limits as arrays, so that a project's options are checked against all of them at once (a case
    with subsidiaries' budgets has hundreds)."""

    def __init__(self, rows: list[tuple[str, np.ndarray, float, float]]):
        self.rows = rows
        self.amounts = np.array([amounts for _, amounts, _, _ in rows]) if rows else np.zeros((0, 0))
        self.constants = np.array([constant for _, _, constant, _ in rows])
        self.limits = np.array([limit for _, _, _, limit in rows])
        self.room = self.limits + NEGLIGIBLE * np.maximum(1.0, np.abs(self.limits))


def _too_large_alone(model: PortfolioModel, i: int, options: list[int], budgets: _Budgets) -> Text | None:
    """Why project i cannot be chosen even alone: every way to take it (its `options`: start year,
    least share) spends more than an annual or total budget allows; None when some way fits. The
    reason names the limit (the first one its first way breaks), what the project needs of it, and the limit."""
    if not options or not budgets.rows:
        return None
    needed = budgets.amounts[:, options] * model.case.projects[i].min_share + budgets.constants[:, None]
    over = needed > budgets.room[:, None]  # limits x options
    if not over.any(axis=0).all():
        return None
    b = int(np.argmax(over[:, 0]))
    key, limit = budgets.rows[b][0], budgets.rows[b][3]
    need = float(needed[b, 0])
    return Text("does not fit: even alone it needs {needed:,.{digits}f} of {key}, whose limit is {limit:,.{digits}f}",
                needed=need, key=key, limit=limit, digits=decimals_apart(need, limit, Kind.MONEY),
                name=setting(key).name, unit=Currency(model.case.settings.currency_unit))
