"""No modelling tax: the engine against raw HiGHS and CP-SAT on OR-Library mknapcb1 (5 x 100).

Each instance is written twice from the OR-Library data (tests/orlib.py reads it): as a case
workbook for the engine (tests/orlib.write_case: project j has capex r_ij in year 2000 + i, npv p_j,
budget_(2000+i) = b_i) and as an MPS file built directly with highspy, not through cvxpy. Then,
side by side and in alternating order, each is solved to a proven optimum (gap 0) by

- the engine: the whole `python main.py solve CASE.xlsx --gap 0` process;
- raw HiGHS: `python benchmarks/raw_highs.py CASE.mps` (HiGHS defaults, relative gap 0);
- OR-Tools CP-SAT (one worker, the engine's HiGHS runs on one thread too).

The engine process is run through benchmarks/engine_phases.py, which runs `main.main(["solve", ...])`
with thin timers around its phases (start-up, reading, building, cvxpy compile, HiGHS, report) and
prints them after the command's own output.

Times are of whole processes, wall clock and CPU (user + system): the machine may be shared, and
CPU seconds are what the work itself costs.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

from .common import ORLIB, PYTHON, ROOT, Timed, fmt, median, run_process

QUICK = ["5.100-16", "5.100-26", "5.100-01", "5.100-13", "5.100-22"]


def write_mps(instance, path: Path) -> None:
    import highspy

    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    n, inf = instance.n, highspy.kHighsInf
    index = np.arange(n, dtype=np.int32)
    highs.addVars(n, np.zeros(n), np.ones(n))
    highs.changeColsIntegrality(n, index, np.array([highspy.HighsVarType.kInteger] * n))
    highs.changeColsCost(n, index, np.array(instance.profits, dtype=float))
    for row, capacity in zip(instance.weights, instance.capacities, strict=True):
        highs.addRow(-inf, capacity, n, index, np.array(row, dtype=float))
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    highs.writeModel(str(path))


def run(quick: bool, engine_root: dict[str, Path] | None = None, log=print) -> dict:
    sys.path.insert(0, str(ROOT))
    from tests.orlib import best_known, read_mknapcb, write_case

    data = ORLIB / "mknapcb1.txt"
    if not data.is_file():
        return {"skipped": f"OR-Library data not found at {data}"}
    instances = read_mknapcb(data)
    if quick:
        instances = [i for i in instances if i.name in QUICK]
    known = best_known("mknapcb1.txt", ORLIB)
    engines = engine_root or {"engine": ROOT}
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for k, inst in enumerate(instances):
            xlsx, mps = folder / f"{inst.name}.xlsx", folder / f"{inst.name}.mps"
            write_case(inst, xlsx)
            write_mps(inst, mps)
            index = int(inst.name.split("-")[1])
            commands = {"highs": ([PYTHON, str(ROOT / "benchmarks" / "raw_highs.py"), str(mps)], ROOT)}
            for label, root in engines.items():
                # main.py solve, run by benchmarks/engine_phases.py: the same process with timers on its phases
                commands[label] = ([PYTHON, str(ROOT / "benchmarks" / "engine_phases.py"), str(xlsx), "--gap", "0",
                                    "--time-limit", "600", "--json", str(folder / f"{inst.name}.{label}.json")], root)
            commands["cpsat"] = ([PYTHON, str(ROOT / "benchmarks" / "cpsat.py"), str(data), str(index),
                                  "--time-limit", "120"], ROOT)
            runs: dict[str, tuple[Timed, dict]] = {}
            for label in (list(commands) if k % 2 == 0 else list(commands)[::-1]):
                args, cwd = commands[label]
                t = run_process(args, cwd=cwd)
                answer_file = folder / f"{inst.name}.{label}.json"
                answer = json.loads(answer_file.read_text()) if answer_file.exists() else {}
                runs[label] = (t, {**answer, "phases": t.json()} if label in engines else t.json())
            row = {"name": inst.name, "best_known": known[inst.name]}
            for label, (t, answer) in runs.items():
                value = answer.get("objective_value", answer.get("objective"))
                row[label] = {"wall": t.wall, "cpu": t.cpu, "peak_mb": t.peak_mb, "value": value,
                              "status": answer.get("status"), "solver_seconds": answer.get("run_seconds"),
                              "phases": answer.get("phases")}
            rows.append(row)
            log(f"  {inst.name}: " + ", ".join(f"{lb} {row[lb]['wall']:.2f} s wall / {row[lb]['cpu']:.2f} s CPU"
                                                for lb in runs))
    return {"rows": rows, "engines": list(engines)}


def report(result: dict) -> list[str]:
    if "skipped" in result:
        return [f"Skipped: {result['skipped']}."]
    rows, engines = result["rows"], result["engines"]
    lines = ["| instance | best known | raw HiGHS s (wall / CPU) | " +
             " | ".join(f"{e} s (wall / CPU)" for e in engines) +
             " | ratio engine/HiGHS (wall / CPU) | CP-SAT s (wall / CPU) | engine reached best known |",
             "|---|---:|---:|" + "---:|" * len(engines) + "---:|---:|:---:|"]
    wall_ratios, cpu_ratios = [], []
    for r in rows:
        h, e = r["highs"], r[engines[0]]
        wr, cr = e["wall"] / h["wall"], e["cpu"] / h["cpu"]
        wall_ratios.append(wr)
        cpu_ratios.append(cr)
        reached = e["value"] is not None and abs(e["value"] - r["best_known"]) < 0.5
        c = r["cpsat"]
        cpsat_ok = c["status"] == "OPTIMAL" and c["value"] is not None and abs(c["value"] - r["best_known"]) < 0.5
        lines.append(f"| {r['name']} | {r['best_known']:.0f} | {fmt(h['wall'])} / {fmt(h['cpu'])} | " +
                     " | ".join(f"{fmt(r[lb]['wall'])} / {fmt(r[lb]['cpu'])}" for lb in engines) +
                     f" | {wr:.2f} / {cr:.2f} | {fmt(c['wall'])} / {fmt(c['cpu'])}{'' if cpsat_ok else ' (not proven)'}"
                     f" | {'yes' if reached else 'NO'} |")
    reached = sum(abs((r[engines[0]]["value"] or 0) - r["best_known"]) < 0.5 for r in rows)
    lines += ["", f"- Median of per-instance ratios, engine process / raw HiGHS process: **{median(wall_ratios):.2f}** "
              f"wall clock, **{median(cpu_ratios):.2f}** CPU (goal: at most 1.25).",
              f"- Best known value reached by the engine: {reached} of {len(rows)}.",
              "- Medians (s, wall / CPU): " + "; ".join(
                  f"{name} {fmt(median(r[key]['wall'] for r in rows))} / {fmt(median(r[key]['cpu'] for r in rows))}"
                  for name, key in [("raw HiGHS", "highs"), ("engine", engines[0]), ("CP-SAT", "cpsat")]) + "."]
    phase_rows = [r[engines[0]]["phases"] for r in rows if r[engines[0]]["phases"]]
    if phase_rows:
        names = ["import", "read", "build", "compile", "highs", "report", "total"]
        lines += ["", "Where the engine's time goes (median over the instances, seconds, wall clock inside the "
                  "process; `import` is Python start-up and loading the engine with cvxpy, `compile` is cvxpy's "
                  "get_problem_data, `highs` is HiGHS's own run):", "",
                  "| " + " | ".join(names) + " |", "|" + "---:|" * len(names),
                  "| " + " | ".join(fmt(median(p.get(n) for p in phase_rows), 3) for n in names) + " |"]
        ratio = [p["highs"] / r["highs"]["solver_seconds"] for p, r in zip(phase_rows, rows, strict=False)
                 if r["highs"]["solver_seconds"]]
        lines += ["", f"- HiGHS inside the engine against HiGHS on the raw model, solver time only (median of "
                  f"per-instance ratios): {median(ratio):.2f}. The two models are the same problem written "
                  f"differently (the engine's rows are scaled, its tolerances are 1e-9), so HiGHS's search "
                  f"takes different paths on them."]
    return lines
