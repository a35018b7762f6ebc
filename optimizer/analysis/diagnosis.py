"""When the targets cannot all be met: which ones conflict and how far each can be reached.

1. The elastic model (PortfolioModel.elastic) gives every target row a
   slack and minimises their sum (rows are scaled, so slacks are comparable).
   The targets left with slack are the ones that have to give.
2. A conflict is a smallest set of targets that cannot be met together (a
   deletion filter over feasibility solves: drop each target in turn and keep
   it dropped while the rest still conflicts; the targets that had to give are
   tried last, so they stay in the set). A conflict of one target is a target
   out of reach on its own. While the remaining targets still conflict, one
   target of the conflict found is set aside and the search goes on.
3. For each target of a conflict, its best reachable value is found with all
   the other targets met (so relaxing it to that value resolves the case) or,
   when those conflict among themselves too, with the other targets of its
   conflict met. A target is a ratio of linear figures
   (a share, ROE, ...), so this is a fractional programme: Dinkelbach's method
   solves it exactly with a few mixed-integer solves of "maximise
   num - r * den" (the worst row, for a target with several rows), updating r
   to the ratio reached.

The diagnosis comes in two answers (`first_diagnosis`, then `Diagnosis.refined`), so that a user sees the
conflict at once and its exact levels after:

- The first answer: one elastic solve, to a coarse gap (FIRST_GAP). Only the targets that had to give and
  the limits left within TIGHT of their bound by the elastic portfolio are suspects of the conflict; while a
  portfolio keeps the suspects, the limits it breaks join them (Chinneck's additive rounds), and the deletion
  filter runs over the suspects alone (a handful of feasibility solves instead of one per limit). Each
  target's first level is one a real portfolio reaches: the elastic portfolio's own level for a target that
  alone had to give (it keeps every other limit), else the portfolio of one "reach" solve (the first step of
  Dinkelbach's method) with the others kept, stopped at its first portfolio. So every level of
  the first answer is reachable; the best may be better (`refined` False).
- The refinement: Dinkelbach's method from that level, with the conflict and which limits are kept already
  known: the exact best of step 3, without repeating steps 1 and 2. The targets' refinements do not depend on
  each other: each starts on a thread of its own as soon as its start is known, while the first answer is still
  being found (`_Ahead`: HiGHS lets go of Python while it solves, so the threads use every core, with no worker
  process to start), at most one solve per core; with `workers=1` they run one after the other in the caller's
  thread when `refined` is called. A target whose conflict has others runs on one HiGHS thread either way, so
  the levels do not depend on the number of workers. Cancelling stops the solves in progress.
- The first answer's questions and the refinement's proofs are asked of models with a binary per project beside
  its start years' (PortfolioModel's `decide_projects`): the same portfolios, searched by project first (on the
  seed-2 conflict, the most security investment proven in 5 s instead of 18 s).

Every solve, those of Dinkelbach's method included, runs through optimizer/solve/highs.py (its watchdog gives up a
HiGHS run that does not stop at its time limit, and its callbacks stop a run when `cancel` is set): a
hung solver during the diagnosis is a SolverFailure, as in any solve, never a diagnosis that never ends.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace

import cvxpy as cp
import cvxpy.settings as s
import numpy as np

from optimizer.analysis.common import check_cancel
from optimizer.analysis.parallel import POLL_SECONDS, default_workers, threads_for
from optimizer.analysis.rules import conflicting_rules, described
from optimizer.errors import AnalysisCancelled
from optimizer.model.case import Case
from optimizer.model.measures import Figures
from optimizer.model.portfolio import SIGN, LimitRows, PortfolioModel
from optimizer.model.targets import Kind, KpiCheck, Sense, setting
from optimizer.report.result import DiagnosisItem
from optimizer.solve.highs import Recast
from optimizer.solve.solver import SOLVER_THREADS, Solution, Status, read_solution, run_highs, solve
from optimizer.tolerances import FEASIBILITY, NEGLIGIBLE, PROVEN, ROW, RULE, ZERO
from optimizer.words.text import CLAUSES, Items, Text
from optimizer.words.units import Amount

PROJECT_RULES = "project_rules"
"""The diagnosis item's `constraint` when the project rules contradict each other without any target; its
`conflicts_with` names their families (`mandatory`, `requires`, `together_with`, ...: analysis/rules.py)."""
DINKELBACH_STEPS = 20
SOLVE_OPTIONS = {"mip_rel_gap": PROVEN, "mip_abs_gap": 1e-10, "primal_feasibility_tolerance": FEASIBILITY,
                 "mip_feasibility_tolerance": FEASIBILITY, "threads": SOLVER_THREADS, "output_flag": False}
"""A best reachable level is proven exactly: to a relative gap of PROVEN, and an absolute one ten times finer."""
CUTOFF = -NEGLIGIBLE
"""From the second of Dinkelbach's solves on, HiGHS looks only for a portfolio that beats the current level by more than
NEGLIGIBLE (its objective_bound on its objective, -level): what the method stops on anyway. So the last solve, which
usually only proves that nothing does, prunes from the start instead of first finding again a portfolio of the current
level: on the seed-3 1,000-project conflict, ROE's last solve took 4.2 s instead of 9.7 s. HiGHS then ends with no
portfolio, or with one it found worse than the bound (its level at most NEGLIGIBLE): either way the current level is the
best. Not on the first solve, which starts from the first answer's level and nearly always beats it: there the bound
changed HiGHS's search and made it slower (seed 1's ROE, 2.2 s instead of 1.4 s)."""
FIRST_GAP = 0.01
"""The gap of the first answer's solves (the elastic one, and a reach solve): a real portfolio found soon, its
level reachable whatever the gap; the refinement proves the best."""
FIRST_OPTIONS = {"mip_rel_gap": FIRST_GAP, "mip_abs_gap": 1e-3, "primal_feasibility_tolerance": FEASIBILITY,
                 "mip_feasibility_tolerance": FEASIBILITY, "threads": 1, "random_seed": 0, "output_flag": False}
TIGHT = RULE
"""A limit whose rows (scaled to order one) the elastic portfolio keeps within this of their bound is a suspect of
the conflict in the first answer: least slack leaves the limits it pushes against exactly at their bound (on the
seed-2 1,000-project conflict, six of 22 limits, the five of the conflict among them)."""
FIRST_PORTFOLIOS = 1
"""A reach solve of the first answer stops at the first portfolio HiGHS finds (or at FIRST_GAP): its level is
reachable, and proving it best is the refinement's work. On the seed-2 conflict: 7.0 s for the whole first answer,
its security investment 1.2% short of the best; stopped after three portfolios, 16.8 s; stopped after half the
elastic solve's time instead, often no portfolio at all (a plain feasibility solve's then left it 35% short)."""


def describe_limit(case: Case, key: str) -> Text:
    """A limit in words: "R&D intensity at least 3.00% (min_rd_intensity)"."""
    limit = setting(key)
    value = Amount(case.limits_in_force[key], limit.kind, case.settings.currency_unit)
    if limit.sense == Sense.MIN:
        return Text("{name} at least {value} ({key})", name=limit.name, value=value, key=key)
    return Text("{name} at most {value} ({key})", name=limit.name, value=value, key=key)


@dataclass
class Reach:
    """How far the first answer reached one target of a conflict: the limits kept meanwhile, and the portfolio
    (option shares) that reaches its level, the refinement's start."""

    key: str
    kept: dict[str, float]
    shares: np.ndarray | None
    partners: list[str]
    all_kept: bool
    threads: int = SOLVER_THREADS
    """HiGHS's threads for its refinement: one where the targets of its conflict share the cores."""


@dataclass
class Diagnosis:
    """The first answer (`items`, each refined False) and what its refinement starts from."""

    case: Case
    time_limit: float
    items: list[DiagnosisItem]
    reaches: list[Reach]
    """One per item, in the same order; empty when there is nothing to refine (the project rules conflict)."""
    workers: int | None = None
    """The refinements run at once (every core by default; 1: one after the other, in the caller's thread)."""
    ahead: _Ahead | None = field(default=None, repr=False, compare=False)
    """The refinements started while the first answer was being found (None with one worker)."""

    def refined(self, cancel: threading.Event | None = None) -> list[DiagnosisItem]:
        """The exact best reachable value of each target of the first answer's conflicts (Dinkelbach's method
        from the first answer's portfolio, on `workers` threads); setting `cancel` stops it with
        AnalysisCancelled."""
        if not self.reaches:
            return [replace(item, refined=True) for item in self.items]
        workers = default_workers() if self.workers is None else self.workers
        if workers > 1 and (self.ahead is not None or len(self.reaches) > 1):
            ahead = self.ahead
            if ahead is None:  # none were started ahead (e.g. on one core, asked for more)
                ahead = _Ahead(workers, holds_one=False)
                for index, reach in enumerate(self.reaches):
                    ahead.submit((index, reach.key), _task(self.case, reach, self.time_limit))
                ahead.first_answer_found([(index, reach.key) for index, reach in enumerate(self.reaches)])
            bests = ahead.results(cancel)
        else:
            bests = [_refine(_task(self.case, reach, self.time_limit), cancel) for reach in self.reaches]
        return [_item(self.case, reach.key, best, reach.partners, reach.all_kept)
                for reach, best in zip(self.reaches, bests, strict=True)]


class _Ahead:
    """The targets' refinements, each started on a thread of its own as soon as the first answer has its start:
    HiGHS lets go of Python while it solves, so they run on every core without worker processes to start (about 2 s
    each, which loaded the cores while the first answer was being found). At most `workers` solve at once; while
    the first answer is still being found (`holds_one`), its own solves hold one of those places. Each refinement
    is known by a token (conflict number, target key); `order` lists them as the diagnosis's reaches."""

    def __init__(self, workers: int, holds_one: bool = True):
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="diagnosis refinement")
        self.places = threading.Semaphore(workers)
        self.futures: dict[tuple[int, str], Future] = {}
        self.stops: dict[tuple[int, str], threading.Event] = {}
        self.order: list[tuple[int, str]] = []
        self.holds_one = holds_one
        if holds_one:
            self.places.acquire()

    def submit(self, token: tuple[int, str], task: _Refine) -> None:
        """Start a refinement, unless the one of that token was started already."""
        if token not in self.futures:
            self.stops[token] = threading.Event()
            self.futures[token] = self.pool.submit(self._run, task, self.stops[token])

    def _run(self, task: _Refine, stop: threading.Event) -> float | None:
        with self.places:
            return _refine(task, stop)

    def first_answer_found(self, order: list[tuple[int, str]]) -> None:
        """The first answer is out, its reaches in this `order`: its place goes to the refinements, and one started
        for a reach that is not among them is stopped."""
        self.order = order
        for token in self.futures.keys() - set(order):
            self.stops[token].set()
        if self.holds_one:
            self.holds_one = False
            self.places.release()

    def results(self, cancel: threading.Event | None) -> list[float | None]:
        """Each refinement's best level, as `order` lists them; AnalysisCancelled (the others stopped) when `cancel`
        is set, a refinement's error (the others stopped) when one fails."""
        try:
            pending = {self.futures[token] for token in self.order}
            while pending:
                check_cancel(cancel)
                done, pending = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_EXCEPTION)
                for future in done:
                    future.result()  # a failure raises here
            return [self.futures[token].result() for token in self.order]
        except BaseException:
            self.end()
            raise
        finally:
            self.pool.shutdown(wait=False)

    def end(self) -> None:
        """Stop every refinement (a solve in progress is interrupted by HiGHS's callback)."""
        for stop in self.stops.values():
            stop.set()
        self.pool.shutdown(wait=False, cancel_futures=True)
        if self.holds_one:
            self.holds_one = False
            self.places.release()


@dataclass(frozen=True)
class _Refine:
    """One target's refinement, as shipped to a worker (the case with the limits kept meanwhile)."""

    case: Case
    key: str
    target: float
    time_limit: float
    start: np.ndarray | None
    threads: int


def _task(case: Case, reach: Reach, time_limit: float) -> _Refine:
    return _Refine(_only(case, reach.kept), reach.key, case.limits_in_force[reach.key], time_limit, reach.shares,
                   reach.threads)


def _refine(task: _Refine, cancel: threading.Event | None = None) -> float | None:
    return best_reachable(task.case, task.key, task.target, task.time_limit, cancel, start=task.start,
                          threads=task.threads)


def diagnose(case: Case, time_limit: float | None = None, max_conflicts: int = 5,
             cancel: threading.Event | None = None) -> list[DiagnosisItem]:
    """Which targets conflict and how far each can be reached, exactly: the first answer, refined. Each solve has
    `time_limit` seconds (the case's by default); setting `cancel` stops the diagnosis with AnalysisCancelled."""
    return first_diagnosis(case, time_limit, max_conflicts, cancel).refined(cancel)


def first_diagnosis(case: Case, time_limit: float | None = None, max_conflicts: int = 5,
                    cancel: threading.Event | None = None, workers: int | None = None) -> Diagnosis:
    """Which targets conflict, and a level of each that a real portfolio reaches (the module's "first answer"),
    with what `Diagnosis.refined` needs to find the exact best, each target's refinement started meanwhile on a
    thread (`workers` at once, every core by default; 1: none started, `refined` runs them one after the other)."""
    limit = case.settings.time_limit if time_limit is None else time_limit
    workers = default_workers() if workers is None else workers
    elastic = PortfolioModel.elastic(case)
    relaxed = _solve(elastic, limit, cancel, mip_gap=FIRST_GAP)
    if not relaxed.has_portfolio:
        return Diagnosis(case, limit, _rules_conflict(case, limit, cancel), [], workers)
    x = relaxed.option_shares
    gave = {key for key, slack in elastic.slack.items() if float(np.max(slack.value)) > ROW}
    margins = {key: _margin(rows, x) for key, rows in elastic.limits.items()}
    remaining = case.limits_in_force
    items: list[DiagnosisItem] = []
    reaches: list[Reach] = []
    questions = _Questions(case, limit, cancel)
    ahead = _Ahead(workers) if workers > 1 else None
    tokens: list[tuple[int, str]] = []
    try:
        if ahead is not None and len(gave) == 1:
            # One target gave, so the elastic portfolio keeps every other limit: that target is in every conflict,
            # and its refinement (every other limit kept, from the elastic portfolio) starts now, before the
            # conflict is known.
            key = next(iter(gave))
            ahead.submit((0, key), _task(case, Reach(key, {k: v for k, v in remaining.items() if k != key}, x, [],
                                                     True, threads=1), limit))
        for number in range(max_conflicts):
            if not gave & remaining.keys():
                break  # the elastic portfolio keeps every limit left
            order = (sorted((k for k in remaining if k not in gave), key=lambda k: -margins.get(k, np.inf))
                     + [k for k in remaining if k in gave])  # the loosest dropped first, those that gave kept last
            suspects = _conflicting_suspects(questions, remaining, elastic.limits, [
                k for k in order if k in gave or margins.get(k, np.inf) <= TIGHT])
            if suspects is None:
                break  # what is left can be met
            order = [k for k in order if k in suspects]  # the filter runs over the suspects alone
            conflict = smallest_conflict(order, questions.can_meet)
            # Where the refinements share the cores (with each other and with the first answer), one HiGHS thread
            # each; one after the other, all of them for a conflict of one target.
            threads = 1 if ahead is not None else threads_for(len(conflict))
            # The targets whose start is the elastic portfolio (the only one of the others that gave) first: their
            # refinements start at once, while the reach solves of the others run.
            alone = {key for key in conflict if not gave & (remaining.keys() - {key})}
            found: dict[str, Reach] = {}
            for key in sorted(conflict, key=lambda k: k not in alone):
                partners = [k for k in conflict if k != key]
                others = {k: v for k, v in remaining.items() if k != key}
                found[key] = replace(_first_reach(questions, key, others, partners, x if key in alone else None),
                                     threads=threads)
                if ahead is not None:
                    ahead.submit((number, key), _task(case, found[key], limit))
            for key in conflict:
                reaches.append(found[key])
                tokens.append((number, key))
                items.append(_item(case, key, _level(elastic.figures, found[key]), found[key].partners,
                                   found[key].all_kept, refined=False))
            set_aside = next((k for k in reversed(order) if k in conflict), conflict[0])
            remaining.pop(set_aside)
    except BaseException:
        if ahead is not None:
            ahead.end()
        raise
    if ahead is not None and not reaches:
        ahead.end()
        ahead = None
    elif ahead is not None:
        ahead.first_answer_found(tokens)
    return Diagnosis(case, limit, items, reaches, workers, ahead)


def _conflicting_suspects(questions: _Questions, remaining: dict[str, float], rows: dict[str, LimitRows],
                          suspects: list[str]) -> set[str] | None:
    """Suspects that cannot be met together: while a portfolio keeps them all, the limits left that it breaks
    (by their `rows`) join them, each round a feasibility question; None when every limit left can be met."""
    suspects = set(suspects)
    while True:
        solution = questions.can_meet(suspects)
        if not solution.has_portfolio:
            return suspects
        broken = {key for key in remaining.keys() - suspects
                  if key in rows and _margin(rows[key], solution.option_shares) < -ROW}
        if not broken:
            return None
        suspects |= broken


def _rules_conflict(case: Case, limit: float, cancel: threading.Event | None) -> list[DiagnosisItem]:
    """The diagnosis when the project rules contradict each other even without any target."""
    rules = conflicting_rules(_only(case, {}), lambda changed: is_feasible(changed, limit, cancel))
    if rules:
        families = list(dict.fromkeys(rule.family for rule in rules))
        return [DiagnosisItem(PROJECT_RULES, 0.0, None, families, Text(
            "The project rules contradict each other even without any target: {rules}.",
            rules=described(case, rules)))]
    mandatory = tuple(p.id for p in case.projects if p.mandatory)
    return [DiagnosisItem(
        PROJECT_RULES, 0.0, None, [],
        Text("The project rules contradict each other even without any target: check the mandatory projects "
             "({mandatory}), their dependencies and exclusive groups.",
             mandatory=Items(mandatory) if mandatory else Text("none")))]


def _margin(rows: LimitRows, x: np.ndarray) -> float:
    """How far the portfolio `x` keeps the limit's rows from their bound, scaled as the model's rows (negative:
    broken by that much)."""
    m = rows.measure
    values = SIGN[rows.sense] * (m.numerator(x) - float(rows.limit.value) * m.denominator(x)) / rows.scale
    return float(np.min(values)) if values.size else np.inf


def _first_reach(questions: _Questions, key: str, others: dict[str, float], partners: list[str],
                 elastic_shares: np.ndarray | None) -> Reach:
    """A portfolio that reaches a level of target `key` with every other limit kept, or with its partners in the
    conflict only when the others conflict among themselves: the elastic portfolio where it keeps every other
    limit (`elastic_shares`), else the first portfolio of a reach solve."""
    if elastic_shares is not None:
        return Reach(key, others, elastic_shares, partners, True)
    for kept, all_kept in ((others, True), ({k: others[k] for k in partners}, False)):
        shares = questions.nearest(key, set(kept), FIRST_PORTFOLIOS)
        if shares is None:  # none in the time limit: any portfolio that keeps them, or none
            solution = questions.can_meet(set(kept))
            shares = solution.option_shares if solution.has_portfolio else False
        if shares is not False:
            return Reach(key, kept, shares, partners, all_kept)
    return Reach(key, {k: others[k] for k in partners}, None, partners, False)


class _Questions:
    """The first answer's questions (can these limits be met together; how near does one come to its bound with
    those met), each asked of one model compiled once, the feasibility model of every limit in force: the rows of
    the limits a question sets aside are made free in HiGHS's data (bounds ±inf, which its presolve drops at once, so
    HiGHS solves what a model of the kept limits alone would be), and a reach's objective is its target's rows.
    cvxpy compiled a model for each question before: on a 1,000-project case with every rule 0.6 s of the 0.8 s of a
    reach solve, and the first answer there asks about a hundred questions."""

    def __init__(self, case: Case, time_limit: float, cancel: threading.Event | None):
        self.case, self.time_limit, self.cancel = case, time_limit, cancel
        self.model = PortfolioModel.feasibility(_only(case, case.limits_in_force), decide_projects=True)
        self.compiled = self.model.problem.get_problem_data(cp.HIGHS, ignore_dpp=True)
        self.rows = _rows_of_limits(self.model, self.compiled)

    def _free(self, kept: set[str]) -> Recast:
        free = [rows for key, rows in self.rows.items() if key not in kept]
        return Recast(free_rows=np.concatenate(free) if free else None)

    def can_meet(self, keys: set[str]) -> Solution:
        """Whether the limits `keys` can be met together (with the project rules), and a portfolio that does."""
        keys = set(keys)
        if self.rows is None:  # the compiled rows could not be told apart: a model of their own
            return _solve(PortfolioModel.feasibility(_only(self.case, {k: self.case.limits_in_force[k] for k in keys}),
                                                     decide_projects=True), self.time_limit, self.cancel)
        return _solve(self.model, self.time_limit, self.cancel, once=False, compiled=self.compiled,
                      recast=self._free(keys), limits=keys)

    def nearest(self, key: str, kept: set[str], portfolios: int | None = None) -> np.ndarray | None | bool:
        """The portfolio of one reach solve of target `key` at its own level (the first step of Dinkelbach's
        method: its rows' sum pushed up) with `kept` met, to FIRST_GAP or after `portfolios` better portfolios; False
        when `kept` cannot be met, None when the solve found no portfolio in its time."""
        check_cancel(self.cancel)
        options = {**FIRST_OPTIONS, "time_limit": float(self.time_limit)}
        if portfolios is not None:
            options["mip_max_improving_sols"] = portfolios
        started = time.perf_counter()
        if self.rows is None or key not in self.rows:
            model = PortfolioModel.reaching(_only(self.case, {**{k: self.case.limits_in_force[k] for k in kept},
                                                              key: self.case.limits_in_force[key]}), key,
                                            decide_projects=True)
            cancelled, _ = run_highs(model.problem, options, cancel=self.cancel, once=True)
        else:
            # Each compiled row reads a·x <= b for g(x) = b - a·x >= 0 (rows scaled as the model's): pushing the
            # target's rows up is minimising the sum of their a·x, less that of their b.
            data = self.compiled[0]
            rows = self.rows[key]
            cost = np.asarray(data[s.A][rows].sum(axis=0)).ravel()
            recast = replace(self._free(kept), cost=cost, offset=-float(np.sum(data[s.B][rows])))
            model = self.model
            cancelled, _ = run_highs(model.problem, options, cancel=self.cancel, compiled=self.compiled,
                                     recast=recast)
        if cancelled:
            raise AnalysisCancelled()
        solution = read_solution(model, time.perf_counter() - started, kept)  # checked: the rules, the limits kept
        if solution.status == Status.INFEASIBLE:
            return False
        return solution.option_shares if solution.has_portfolio else None


def _rows_of_limits(model: PortfolioModel, compiled: tuple) -> dict[str, np.ndarray] | None:
    """Where each limit's rows are in the model's compiled data (cvxpy keeps each constraint's id and lists them in
    the order of its rows: equalities first), or None when they cannot be told apart that way."""
    data, _, inverse = compiled
    try:
        found = inverse[-1].inverse_data
        equalities, others = found["eq_constr"], found["other_constr"]
    except (AttributeError, KeyError, TypeError, IndexError):
        return None
    keys = {constraint.id: key for key, constraint in model.constraints.items() if key in model.limits}
    rows, row = {}, sum(constraint.size for constraint in equalities)
    for constraint in others:
        if constraint.id in keys:
            rows[keys[constraint.id]] = np.arange(row, row + constraint.size)
        row += constraint.size
    if row != data[s.A].shape[0] or len(rows) != sum(1 for c in model.limits.values() if c.constraint is not None):
        return None
    return rows


def _has_portfolio(problem: cp.Problem) -> bool:
    """Whether HiGHS left a portfolio on the variables: optimal, or stopped by its time limit with one in hand (at
    its time limit without one, the variables hold no portfolio, though cvxpy fills them in)."""
    info = problem.solver_stats.extra_stats if problem.solver_stats else None
    return (problem.status in (cp.OPTIMAL, cp.USER_LIMIT) and info is not None
            and getattr(info, "primal_solution_status", 0) == 2)


def _level(figures: Figures, reach: Reach) -> float | None:
    """The level of target `reach.key` that its portfolio reaches, by the case's `figures` (None without one)."""
    if reach.shares is None:
        return None
    return figures.for_limit(reach.key).worst(reach.shares, setting(reach.key).sense)


def _only(case: Case, limits: dict[str, float]) -> Case:
    """The case with exactly these limits (each plain target binding where its key says: the rows that
    kpi_check every_year repeats in every plan year are limits of their own here, `max_debt_ratio_2028`)."""
    return replace(case, settings=replace(case.settings, limits=dict(limits), kpi_check=KpiCheck.STEADY))


def _solve(model: PortfolioModel, time_limit: float, cancel: threading.Event | None, once: bool = True,
           **options) -> Solution:
    """A model of the diagnosis solved (`once`: this once, a model of its own)."""
    solution = solve(model, time_limit=time_limit, cancel=cancel, once=once, **options)
    if solution.status == Status.CANCELLED:
        raise AnalysisCancelled()
    return solution


def is_feasible(case: Case, time_limit: float, cancel: threading.Event | None = None) -> bool:
    return _solve(PortfolioModel.feasibility(case), time_limit, cancel).has_portfolio


def smallest_conflict(keys: list[str], can_meet: Callable[[set[str]], Solution]) -> list[str]:
    """A smallest set of these limits that cannot be met together (they must conflict as a whole), dropping them in
    the order given while the rest still conflicts; `can_meet` asks whether some of them can be met together."""
    kept = list(keys)
    for key in keys:
        trial = [k for k in kept if k != key]
        if not can_meet(set(trial)).has_portfolio:
            kept = trial
    return kept


def best_reachable(case: Case, key: str, target: float, time_limit: float,
                   cancel: threading.Event | None = None, start: np.ndarray | None = None,
                   threads: int = SOLVER_THREADS) -> float | None:
    """The best value of target `key` reachable under every rule and limit of `case` (which must not
    contain `key`), or None when `case` itself cannot be met. `start`: a portfolio (option shares) that keeps
    them, to start from (the first answer's); without one, a feasibility solve finds one. `threads`: HiGHS's
    for each of Dinkelbach's solves."""
    if start is None:
        start_solution = _solve(PortfolioModel.feasibility(case), time_limit, cancel)
        if not start_solution.has_portfolio:
            return None
        start = start_solution.option_shares
    model = PortfolioModel.reaching(case.with_limits(**{key: target}), key, decide_projects=True)
    goal, level, problem = model.goal, model.level, model.problem
    sign = SIGN[goal.sense]
    measure = goal.measure

    current = measure.worst(start, goal.sense)
    if current is None:  # a share of an empty portfolio: start from the loosest possible value
        current = 0.0 if sign > 0 else 1.0
    # The start's portfolio is not handed to HiGHS as its first: with it (and RINS and RENS off, as optimizer/solve/
    # highs.py has it for a start), the one proof of the seed-2 conflict's most security investment took 29 to 37 s,
    # without it 12 s (three runs each).
    for step in range(DINKELBACH_STEPS):
        if cancel is not None and cancel.is_set():
            raise AnalysisCancelled()
        goal.limit.value = current
        _solve_watched(problem, time_limit, cancel, threads, cutoff=CUTOFF if step > 0 else None)
        if not _has_portfolio(problem) or level.value is None:
            break
        if float(level.value) <= NEGLIGIBLE:
            break
        x = np.clip(np.asarray(model.share.value, dtype=float), 0, 1)
        reached = measure.worst(x, goal.sense)
        if reached is None or sign * (reached - current) <= ZERO * max(1.0, abs(current)):
            break
        current = reached
        if not measure.is_ratio and measure.num_coef.shape[0] == 1 and problem.status == cp.OPTIMAL:
            # One plain figure (a budget, an amount): maximising it less the current value found its
            # best; a second solve would only confirm that nothing is better (14 s of a 1,000-project
            # case's diagnosis, per such target).
            break
    return current


def _solve_watched(problem: cp.Problem, time_limit: float, cancel: threading.Event | None,
                   threads: int = SOLVER_THREADS, cutoff: float | None = None) -> None:
    """HiGHS on the watched run of optimizer/solve/highs.py: SolverFailure when HiGHS fails or hangs past its
    time limit, AnalysisCancelled when `cancel` is set."""
    options = {**SOLVE_OPTIONS, "time_limit": float(time_limit), "threads": threads}
    if cutoff is not None:
        options["objective_bound"] = cutoff
    cancelled, _ = run_highs(problem, options, cancel=cancel)
    if cancelled:
        raise AnalysisCancelled()


def _item(case: Case, key: str, best: float | None, partners: list[str], all_kept: bool,
          refined: bool = True) -> DiagnosisItem:
    """The item of target `key`: `best` is its exact best reachable level, or (not `refined`) a level reached."""
    limit = setting(key)
    reach = Amount(best, limit.kind, case.settings.currency_unit)
    if not refined:
        outcome = (Text("{reach} is enough (a first answer: less may do)", reach=reach)
                   if limit.sense == Sense.MAX and limit.kind == Kind.MONEY else
                   Text("{reach} can be reached (a first answer: the best may go further)", reach=reach))
    elif limit.sense == Sense.MIN:
        outcome = Text("at most {reach} can be reached", reach=reach)
    elif limit.kind == Kind.MONEY:
        outcome = Text("at least {reach} is needed", reach=reach)
    else:
        outcome = Text("the lowest reachable is {reach}", reach=reach)
    if all_kept:
        context = Text("With all the other limits kept")
    elif not partners:  # out of reach on its own: its best is with the project rules only
        context = Text("On its own")
    else:
        context = Text("With that met") if len(partners) == 1 else Text("With those met")
    target = describe_limit(case, key)
    if partners:
        others = Items(tuple(describe_limit(case, k) for k in partners), CLAUSES)
        message = Text("{target} cannot be met together with: {others}. {context}, {outcome}.", target=target,
                       others=others, context=context, outcome=outcome)
    else:
        message = Text("{target} is out of reach even with every other limit set aside. {context}, {outcome}.",
                       target=target, context=context, outcome=outcome)
    return DiagnosisItem(key, case.limits_in_force[key], best, partners, message, all_kept, refined)
