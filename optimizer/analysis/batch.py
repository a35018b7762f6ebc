"""A batch: many cases solved at once, one summary line each (the `batch` command of cli.md).

    lines = run_batch(["east.xlsx", "west.xlsx"], overrides={"total_budget": "800"})
    write_batch_workbook(lines, "SUMMARY.xlsx")      # optimizer/io/export_batch.py

Each workbook is read here, with the `--set` overrides applied; the cases then run in parallel like any sweep
(optimizer/analysis/parallel.py: worker processes on every core, or a Dask cluster). What a worker receives is
one case's data with the solve's settings (`CaseSolve`), never a path; it answers with a `BatchLine` (status,
objective, KPIs, the targets missed), not the whole result. A workbook that cannot be used gives its own line
(status "invalid", each problem as `sheet!cell: message`), and so does a case whose solve failed (status
"error"): the others complete.

Scenarios: a case workbook holds one case (no sheet of it defines scenarios); the app saves a case's
scenarios apart, as JSON (optimizer/io/scenarios.py). Given such a file for a case (`scenarios={path: json}`,
`--scenarios CASE.xlsx=SAVED.json`), the batch adds a line per saved scenario after the case's own line (whose
`scenario` is ""): the scenario's settings put on the case read from the workbook (after `--set`), solved
again. A file that cannot be read is a line of its own (status "invalid").
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from optimizer.analysis.common import Progress, number
from optimizer.analysis.parallel import run_each, threads_for
from optimizer.errors import CaseError, PlannerError
from optimizer.io.scenarios import load_scenarios
from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.model.case import Case
from optimizer.planner import Planner
from optimizer.solve.solver import Status
from optimizer.words.text import said

INVALID, ERROR = "invalid", "error"
"""A line's status when its workbook cannot be used, or its solve failed (beside the solver's statuses)."""


@dataclass
class BatchLine:
    """One case (and scenario) of a batch, in short."""

    case: str
    """The workbook as given on the command line."""
    scenario: str = ""
    status: str = ERROR
    objective: str | None = None
    objective_value: float | None = None
    gap: float | None = None
    quality: object = ""
    """How good the answer is (a Text)."""
    solve_seconds: float = 0.0
    currency_unit: str = ""
    selected: list[str] = field(default_factory=list)
    capex: float | None = None
    kpis: dict[str, dict] = field(default_factory=dict)
    """KPI key -> {"label", "kind", "after", "target", "met"} (the result's KPIs)."""
    missed: list[str] = field(default_factory=list)
    """The targets missed: the KPIs off their target in the portfolio, or, without one, the targets in conflict."""
    problems: list[object] = field(default_factory=list)
    """Why there is no answer: each workbook Problem (`sheet!cell: message`), or the failure (a Text)."""

    @property
    def has_portfolio(self) -> bool:
        return self.status in (Status.OPTIMAL, Status.FEASIBLE)

    def to_json(self) -> dict:
        return {"case": self.case, "scenario": self.scenario or None, "status": self.status,
                "objective": self.objective, "objective_value": number(self.objective_value),
                "gap": number(self.gap), "quality": str(self.quality), "solve_seconds": round(self.solve_seconds, 4),
                "currency_unit": self.currency_unit or None, "selected": self.selected, "capex": number(self.capex),
                "kpis": {key: {"after": number(k["after"]), "target": number(k["target"]), "met": k["met"]}
                         for key, k in self.kpis.items()},
                "targets_missed": self.missed, "problems": [str(p) for p in self.problems]}


@dataclass(frozen=True)
class CaseSolve:
    """What a worker needs to solve one case of a batch: its data and the solve's settings (no path)."""

    label: str
    scenario: str
    case: Case
    time_limit: float | None
    gap: float | None
    threads: int | None


def solve_line(item: CaseSolve) -> BatchLine:
    """The summary line of one case: solved (with the diagnosis when its targets conflict), or why it failed."""
    line = BatchLine(item.label, item.scenario, currency_unit=item.case.settings.currency_unit,
                     objective=item.case.settings.objective)
    try:
        result = Planner().solve(item.case, time_limit=item.time_limit, gap=item.gap, threads=item.threads)
    except PlannerError as error:
        line.problems = [said(error)]
        return line
    s = result.solution
    line.status, line.quality, line.solve_seconds = str(s.status), s.quality(), s.solve_seconds
    line.kpis = {k.key: {"label": k.label, "kind": k.kind, "after": k.after, "target": k.target, "met": k.met}
                 for k in result.kpis.values() if k.after is not None or k.target is not None}
    if s.has_portfolio:
        line.objective_value, line.gap = s.objective_value, s.gap
        line.selected = [x.id for x in result.selected]
        line.capex = sum(x.capex for x in result.selected)
        line.missed = [k.key for k in result.kpis.values() if k.met is False]
    else:
        line.missed = [item.constraint for item in result.diagnosis]
    return line


def read_line_case(path: str, overrides: dict[str, str] | None) -> Case | BatchLine:
    """The case of a workbook with the overrides applied, or its line saying why it cannot be used."""
    try:
        case = read_case(path)
        return apply_overrides(case, overrides) if overrides else case
    except CaseError as error:
        return BatchLine(path, status=INVALID, problems=list(error.problems))
    except PlannerError as error:
        return BatchLine(path, status=INVALID, problems=[said(error)])
    except OSError as error:
        return BatchLine(path, status=INVALID, problems=[f"{path}: {error.strerror or error}"])


def _scenario_cases(path: str, case: Case, saved: str | None) -> list[tuple[str, Case] | BatchLine]:
    """The case itself, then each scenario saved for it in `saved` (or the line saying why they cannot be read)."""
    found: list[tuple[str, Case] | BatchLine] = [("", case)]
    if saved:
        try:
            found.extend((scenario.name, scenario.case) for scenario in load_scenarios(saved, case))
        except PlannerError as error:
            found.append(BatchLine(path, saved, status=INVALID, problems=[said(error)]))
    return found


def run_batch(paths: Sequence[str], *, overrides: dict[str, str] | None = None, time_limit: float | None = None,
              gap: float | None = None, workers: int | None = None, cluster: str | None = None,
              progress: Progress | None = None, cancel: threading.Event | None = None,
              scenarios: dict[str, str] | None = None) -> list[BatchLine]:
    """One line per case and scenario, in the order given; see the module docstring."""
    lines: list[BatchLine | None] = []
    items: list[CaseSolve] = []
    at: list[int] = []
    wanted: list[tuple[str, str, Case] | BatchLine] = []
    for path in paths:
        case = read_line_case(path, overrides)
        if isinstance(case, BatchLine):
            wanted.append(case)
            continue
        for found in _scenario_cases(path, case, (scenarios or {}).get(path)):
            wanted.append(found if isinstance(found, BatchLine) else (path, *found))
    threads = threads_for(sum(not isinstance(want, BatchLine) for want in wanted))
    for want in wanted:
        if isinstance(want, BatchLine):
            lines.append(want)
            continue
        path, name, case = want
        at.append(len(lines))
        lines.append(None)
        items.append(CaseSolve(path, name, case, time_limit, gap, threads))
    if items:
        solved = run_each(solve_line, items, workers=workers, cluster=cluster, progress=progress, cancel=cancel)
        for index, line in zip(at, solved, strict=True):
            lines[index] = line
    return lines
