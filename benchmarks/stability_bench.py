"""Stability on the demo case: 30 draws of the NPVs, each re-solved (optimizer/analysis/stability.py).

    python -m benchmarks --only stability --compare REV   # this engine and the one at REV, same run
    python benchmarks/stability_bench.py CASE.xlsx        # one probe: one JSON line

The probe imports the engine from the current directory (like probes.py), so run with another
checkout as the working directory it measures that engine. It times `stability(case, draws=30)` with
the engine's own defaults (the gap each draw is solved to is whatever that engine uses), wall and
CPU, and each draw's seconds from the progress steps.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

DRAWS = 30


def probe(path: str) -> dict:
    sys.path.insert(0, str(Path.cwd()))
    from optimizer.analysis.stability import stability
    from optimizer.io.workbook import read_case

    case = read_case(path)
    marks: list[float] = []
    cpu, started = time.process_time(), time.perf_counter()
    result = stability(case, draws=DRAWS, progress=lambda step: marks.append(time.perf_counter()))
    seconds = time.perf_counter() - started
    per_draw = [b - a for a, b in zip(marks, marks[1:], strict=False)]
    return {"seconds": seconds, "cpu": time.process_time() - cpu, "draws": DRAWS, "solved": result.solved,
            "first_draw_done": marks[0] - started if marks else None, "per_draw": per_draw,
            "gap": getattr(result, "gap", case.settings.mip_gap), "largest_gap": getattr(result, "largest_gap", None),
            "chosen_in": result.chosen_in}


def run(case: Path, engines: dict[str, Path], log) -> dict:
    from .common import PYTHON, ROOT, run_process

    results = {}
    for label, root in engines.items():
        t = run_process([PYTHON, str(ROOT / "benchmarks" / "stability_bench.py"), str(case)], cwd=root, timeout=1800)
        results[label] = t.json()
        r = results[label]
        log(f"  [{label}]: {r.get('seconds', float('nan')):.1f} s wall, {r.get('cpu', float('nan')):.1f} s CPU, "
            f"gap {r.get('gap')}")
    return {"engines": list(engines), "results": results}


def report(result: dict) -> list[str]:
    from .common import fmt, median

    lines = ["| engine | draws solved | gap per draw | largest gap reached | s wall / CPU (all) | s to the first draw "
             "(the recommendation solved first) | median s per later draw | max s per draw |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for label in result["engines"]:
        r = result["results"].get(label, {})
        if "seconds" not in r:
            lines.append(f"| {label} | failed | | | | | | |")
            continue
        largest = "–" if r.get("largest_gap") is None else f"{r['largest_gap']:.3%}"
        per_draw = r.get("per_draw") or [float("nan")]
        lines.append(f"| {label} | {r['solved']} of {r['draws']} | {r['gap']:.2%} | {largest} | "
                     f"{fmt(r['seconds'])} / {fmt(r['cpu'])} | {fmt(r['first_draw_done'])} | "
                     f"{fmt(median(per_draw))} | {fmt(max(per_draw))} |")
    engines = [result["results"].get(label, {}) for label in result["engines"]]
    if len(engines) == 2 and all("chosen_in" in r for r in engines):
        a, b = (r["chosen_in"] for r in engines)
        moved = {pid: (a.get(pid, 0), b.get(pid, 0)) for pid in a.keys() | b.keys() if a.get(pid, 0) != b.get(pid, 0)}
        most = max((abs(x - y) for x, y in moved.values()), default=0)
        lines += ["", f"- Projects whose count of draws chosen differs between the two engines: {len(moved)}; "
                  f"the largest difference {most} of {engines[0]['draws']} draws (the same seeded NPVs; a draw "
                  "solved to a gap may stop at another portfolio within it)."]
    return lines + ["", "`stability(case, draws=30)` on resources/demo_case.xlsx with each engine's defaults, in a "
                    "process of its own: the recommendation is solved first (the case's mip_gap), then one re-solve "
                    "per draw of the NPVs on the same compiled model."]


if __name__ == "__main__":
    print(json.dumps(probe(sys.argv[1])))
