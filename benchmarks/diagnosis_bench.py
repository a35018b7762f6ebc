"""The diagnosis of a conflict on generated 1,000-project cases: today's engine beside the first and the refined
answer (optimizer/analysis/diagnosis.py), with the time of a feasible solve of the same case.

    python -m benchmarks --only diagnosis                 # the section of RESULTS.md
    python benchmarks/diagnosis_bench.py new CONFLICT.xlsx FEASIBLE.xlsx   # one probe: one JSON line
    python benchmarks/diagnosis_bench.py before CONFLICT.xlsx

A probe imports the engine from the current directory (like probes.py): "before" is run in a git worktree of
BEFORE, the engine as it was before the diagnosis came in two answers, so today's engine is measured as it was,
not a copy of its code kept for the comparison. Each case is the generated case with one target moved into a
conflict (as a slider does); its feasible solve is the generated case as the generator made it, built and solved
from scratch to its own gap.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

BEFORE = "9945ae5^"
"""The commit before the diagnosis came in two answers (9945ae5): today's engine."""
CONFLICTS = [(2, "min_roe", 1.03), (1, "min_roe", 1.05), (3, "min_roe", 1.05)]
"""(seed, target, factor): generate_case(1000, seed) with that target multiplied by the factor, a conflict. Seed 2's
is issue 18's (154 s to diagnose on the machine it was measured on); the others are the first moves of the same
target that made seeds 1 and 3 infeasible (3% was still feasible for both)."""
REPEATS = 3
"""Runs of the new diagnosis per case (each in a process of its own); today's, about a minute or more per case, once."""


def _items(items) -> list[dict]:
    return [{"constraint": i.constraint, "best_reachable": i.best_reachable, "conflicts_with": list(i.conflicts_with),
             "all_kept": i.all_kept} for i in items]


def probe_new(conflict: str, feasible: str) -> dict:
    sys.path.insert(0, str(Path.cwd()))
    from optimizer.analysis.diagnosis import first_diagnosis
    from optimizer.io.workbook import read_case
    from optimizer.model.portfolio import PortfolioModel
    from optimizer.solve.solver import solve

    case, plain = read_case(conflict), read_case(feasible)
    started = time.perf_counter()
    answer = solve(PortfolioModel(plain))
    feasible_seconds = time.perf_counter() - started
    started = time.perf_counter()
    infeasible = solve(PortfolioModel(case))
    infeasible_seconds = time.perf_counter() - started
    started = time.perf_counter()
    first = first_diagnosis(case)
    first_seconds = time.perf_counter() - started
    refined = first.refined()
    refined_seconds = time.perf_counter() - started
    return {"feasible": feasible_seconds, "feasible_status": answer.status, "infeasible": infeasible_seconds,
            "infeasible_status": infeasible.status, "first": first_seconds, "refined": refined_seconds,
            "first_items": _items(first.items), "refined_items": _items(refined)}


def probe_before(conflict: str) -> dict:
    sys.path.insert(0, str(Path.cwd()))
    from optimizer.analysis.diagnosis import diagnose
    from optimizer.io.workbook import read_case

    case = read_case(conflict)
    started = time.perf_counter()
    items = diagnose(case)
    return {"seconds": time.perf_counter() - started, "items": _items(items)}


def cases(folder: Path) -> list[tuple[str, Path, Path]]:
    """(name, the conflict's workbook, the feasible case's workbook) for each of CONFLICTS."""
    from optimizer.generator import generate_case
    from optimizer.io.case_writer import write_case

    made = []
    for seed, key, factor in CONFLICTS:
        case = generate_case(1000, seed)
        plain, conflict = folder / f"plain_{seed}.xlsx", folder / f"conflict_{seed}.xlsx"
        write_case(case, plain)
        write_case(case.with_limits(**{key: case.settings.limits[key] * factor}), conflict)
        made.append((f"seed {seed}, {key} × {factor:g}", conflict, plain))
    return made


def run(folder: Path, before: Path, log, repeats: int = REPEATS) -> dict:
    """Each case: today's engine once and the new diagnosis `repeats` times, today's first on every other case."""
    from .common import PYTHON, ROOT, run_process

    script = str(ROOT / "benchmarks" / "diagnosis_bench.py")
    results = {}
    for k, (name, conflict, plain) in enumerate(cases(folder)):
        runs = ["before"] + ["new"] * repeats
        new, old = [], {}
        for kind in runs if k % 2 == 0 else runs[::-1]:
            if kind == "before":
                old = run_process([PYTHON, script, "before", str(conflict)], cwd=before, timeout=3600).json()
                log(f"  {name} [today's engine]: {old.get('seconds', float('nan')):.1f} s")
            else:
                r = run_process([PYTHON, script, "new", str(conflict), str(plain)], cwd=ROOT, timeout=3600).json()
                new.append(r)
                log(f"  {name} [first / refined]: {r.get('first', float('nan')):.1f} / "
                    f"{r.get('refined', float('nan')):.1f} s (feasible solve {r.get('feasible', float('nan')):.2f} s)")
        results[name] = {"before": old, "new": new}
    return {"cases": list(results), "results": results, "repeats": repeats}


def _same(a: list[dict], b: list[dict]) -> str:
    """Whether two diagnoses name the same targets with the same best levels (to 1e-6, relative)."""
    if [i["constraint"] for i in a] != [i["constraint"] for i in b]:
        return "other targets"
    worst = max((abs(x["best_reachable"] - y["best_reachable"]) / max(1.0, abs(y["best_reachable"]))
                 for x, y in zip(a, b, strict=True) if None not in (x["best_reachable"], y["best_reachable"])),
                default=0.0)
    return "yes" if worst <= 1e-6 else f"differ by up to {worst:.2g} (relative)"


def report(result: dict) -> list[str]:
    from .common import fmt, median

    lines = ["| case | targets in conflict | feasible solve s | infeasible answer s | today's diagnosis s | first s "
             "(× feasible solve) | refined s, first included (÷ today's) | refined levels = today's | first levels "
             "off the refined by (relative, largest) |",
             "|---|---:|---:|---:|---:|---:|---:|---|---:|"]
    for name in result["cases"]:
        r = result["results"][name]
        new = [n for n in r["new"] if "first" in n]
        old = r["before"]
        if not new:
            lines.append(f"| {name} | failed | | | | | | | |")
            continue
        feasible, first, refined = (median(n[key] for n in new) for key in ("feasible", "first", "refined"))
        infeasible = median(n["infeasible"] for n in new)
        today = old.get("seconds")
        last = new[-1]
        off = max((abs(f["best_reachable"] - g["best_reachable"]) / max(1.0, abs(g["best_reachable"]))
                   for f, g in zip(last["first_items"], last["refined_items"], strict=True)
                   if None not in (f["best_reachable"], g["best_reachable"])), default=0.0)
        same = _same(last["refined_items"], old["items"]) if "items" in old else "–"
        lines.append(f"| {name} | {len(last['refined_items'])} | {fmt(feasible, 2)} | {fmt(infeasible, 2)} | "
                     f"{fmt(today) if today is not None else 'failed'} | {fmt(first)} ({first / feasible:.1f}×) | "
                     f"{fmt(refined)} ({refined / today:.2f}×) | {same} | {off:.2e} |" if today else
                     f"| {name} | {len(last['refined_items'])} | {fmt(feasible, 2)} | {fmt(infeasible, 2)} | failed | "
                     f"{fmt(first)} ({first / feasible:.1f}×) | {fmt(refined)} | – | {off:.2e} |")
    return lines + ["", f"Generated 1,000-project cases (`generate_case(1000, seed)`) with one target moved into a "
                    "conflict, each diagnosis in a process of its own. *Today's*: `diagnose(case)` of the engine at "
                    f"`{BEFORE}` (a git worktree), run once per case (it takes a minute or more); *first* and "
                    f"*refined*: `first_diagnosis(case)`, then `.refined()`, medians of {result['repeats']} runs; "
                    "*feasible solve*: the generated case as made, its model built and solved to its own gap from "
                    "scratch; *infeasible answer*: the conflict's own solve, which says \"infeasible\". The levels "
                    "compared are those of the last run. The machine is shared (2 cores, other work running: see the "
                    "load average), so times stretch from run to run; the ratios are within one run and the "
                    "comparison alternates its order from case to case."]


if __name__ == "__main__":
    kind, *paths = sys.argv[1:]
    print(json.dumps(probe_new(*paths) if kind == "new" else probe_before(*paths)))
