"""OR-Tools CP-SAT on one OR-Library instance, as a process of its own (a second reference solver):

    python benchmarks/cpsat.py DATA_FILE INDEX [--workers N] [--time-limit S]

Reads problem INDEX of an mknapcb file with tests/orlib.py, maximises sum p_j x_j subject to
sum_j r_ij x_j <= b_i over x in {0, 1}^n (the data are integers) and prints one JSON line.
Needs the `bench` extra (ortools).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

started = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ortools.sat.python import cp_model  # noqa: E402

from tests.orlib import read_mknapcb  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data")
    parser.add_argument("index", type=int)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=120.0)
    args = parser.parse_args()
    inst = read_mknapcb(Path(args.data))[args.index]
    model = cp_model.CpModel()
    x = [model.NewBoolVar(f"x{j}") for j in range(inst.n)]
    for row, capacity in zip(inst.weights, inst.capacities, strict=True):
        model.Add(sum(int(r) * v for r, v in zip(row, x, strict=True)) <= int(capacity))
    model.Maximize(sum(int(p) * v for p, v in zip(inst.profits, x, strict=True)))
    solver = cp_model.CpSolver()
    solver.parameters.num_search_workers = args.workers
    solver.parameters.max_time_in_seconds = args.time_limit
    status = solver.Solve(model)
    print(json.dumps({"objective": solver.ObjectiveValue(), "bound": solver.BestObjectiveBound(),
                      "status": solver.StatusName(status), "run_seconds": solver.WallTime(),
                      "seconds_in_process": time.perf_counter() - started}))


if __name__ == "__main__":
    main()
