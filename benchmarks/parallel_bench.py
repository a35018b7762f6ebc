"""Sweeps in parallel: the speed-up of worker processes on this machine (optimizer/analysis/parallel.py).

    python -m benchmarks.parallel_bench                 # 30 and 300 stability draws, a 20-level frontier; 3 runs each
    python -m benchmarks.parallel_bench --quick         # a check that it works: small sweeps, one run each
    python -m benchmarks --only parallel                # the same, as a section of the whole benchmark run

Each sweep is the headless command a user runs (`main.py stability|frontier ... --workers N`), timed as a whole
process (start-up, reading the demo workbook, the worker pool's start included), with one worker and with two
side by side in alternating order, so both see the same load. The two answers are compared too (the JSON
without its timings): they must be the same. Writes the section "Sweeps in parallel" of benchmarks/RESULTS.md
(replacing it, keeping the others). Nothing is asserted on times.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import tempfile
from pathlib import Path

from .common import PYTHON, ROOT, fmt, machine, median, run_process

DEMO = ROOT / "resources" / "demo_case.xlsx"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
TITLE = "## Sweeps in parallel"
FULL = [("stability, 30 draws", ["stability", "--draws", "30"]),
        ("stability, 300 draws", ["stability", "--draws", "300"]),
        ("frontier, 20 levels of total_budget", ["frontier", "--vary", "total_budget", "--from", "500", "--to", "1000",
                                                 "--steps", "20"])]
QUICK = [("stability, 6 draws", ["stability", "--draws", "6"]),
         ("frontier, 4 levels of total_budget", ["frontier", "--vary", "total_budget", "--from", "600", "--to", "900",
                                                 "--steps", "4"])]


def _answer(path: Path) -> object:
    """The command's JSON without what depends on the clock."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for point in data.get("points", []):
        point.pop("solve_seconds", None)
    return data


def measure(sweeps, runs: int, log) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, arguments in sweeps:
            command, options = arguments[0], arguments[1:]
            times: dict[int, list[float]] = {1: [], 2: []}
            cpu: dict[int, list[float]] = {1: [], 2: []}
            answers: dict[int, object] = {}
            for run in range(runs):
                for workers in ((1, 2) if run % 2 == 0 else (2, 1)):
                    out = Path(folder) / f"{workers}.json"
                    timed = run_process([PYTHON, str(ROOT / "main.py"), command, str(DEMO), *options, "--workers",
                                         str(workers), "--json", str(out)], timeout=3600)
                    times[workers].append(timed.wall)
                    cpu[workers].append(timed.cpu)
                    answers[workers] = _answer(out) if timed.returncode == 0 else None
                    log(f"  {name}, {workers} worker(s), run {run + 1}: {timed.wall:.1f} s wall, {timed.cpu:.1f} s CPU")
            one, two = median(times[1]), median(times[2])
            rows.append({"sweep": name, "runs": runs, "one": one, "two": two, "ratio": one / two if two else None,
                         "cpu_one": median(cpu[1]), "cpu_two": median(cpu[2]),
                         "same": answers[1] is not None and answers[1] == answers[2]})
    return rows


HOW = ("Each sweep is the whole headless command on the demo case (80 projects), Python's start-up and the worker "
       "pool's included, with one worker and with two, side by side; medians. Speed-up = time with one worker / time "
       "with two. 'Same answer': the two JSON files are equal but for their timings.")


def run(quick: bool, log) -> list[dict]:
    """For benchmarks/run.py: the full sweeps (3 runs each), or the quick ones (one run)."""
    return measure(QUICK if quick else FULL, 1 if quick else 3, log)


def report(rows: list[dict], command: str) -> list[str]:
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    info = machine()
    return [TITLE, "",
            f"Written by `{command}` on {now} (commit {info.get('commit', '?')}, {info.get('cores', '?')} cores, "
            f"load average at start {info.get('load average at start', os.getloadavg())}). {HOW}", "",
            *table(rows)]


def table(rows: list[dict]) -> list[str]:
    lines = ["| sweep | runs | 1 worker s (wall / CPU) | 2 workers s (wall / CPU) | speed-up | same answer |",
             "|---|---:|---:|---:|---:|:---:|"]
    for r in rows:
        lines.append(f"| {r['sweep']} | {r['runs']} | {fmt(r['one'], 1)} / {fmt(r['cpu_one'], 1)} | "
                     f"{fmt(r['two'], 1)} / {fmt(r['cpu_two'], 1)} | {fmt(r['ratio'], 2)}× | "
                     f"{'yes' if r['same'] else 'NO'} |")
    return lines + [""]


def write_section(lines: list[str]) -> None:
    """Replace this section of RESULTS.md (or add it at the end), keeping every other section."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n\n"
    start = text.find(TITLE)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + "\n".join(lines)
    else:
        end = text.find("\n## ", start + len(TITLE))
        text = text[:start] + "\n".join(lines) + ("" if end < 0 else text[end:])
    RESULTS.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.parallel_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sweeps, one run each: a check that it works")
    parser.add_argument("--runs", type=int, help="runs of each side (default 3, 1 with --quick)")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.quick else 3)
    rows = measure(QUICK if args.quick else FULL, runs, lambda text: print(text, flush=True))
    command = "python -m benchmarks.parallel_bench" + (" --quick" if args.quick else "") + \
        (f" --runs {args.runs}" if args.runs else "")
    write_section(report(rows, command))
    print(f"written: {RESULTS} ({TITLE[3:]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
