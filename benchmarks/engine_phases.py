"""The headless engine (`main.py solve ...`), with the time of each phase recorded:

    python -m benchmarks.engine_phases CASE.xlsx [main.py solve options]

Runs exactly what `python main.py solve` runs, with thin timers wrapped around the import of the
engine, reading the workbook, building the cvxpy model, cvxpy's compilation
(`Problem.get_problem_data`), HiGHS (`Highs.run`) and building the report, and prints them as
one JSON line after the command's own output.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
sys.path.insert(0, str(Path.cwd()))
phases: dict[str, float] = {}


def timed(owner, name: str, phase: str) -> None:
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            phases[phase] = phases.get(phase, 0.0) + time.perf_counter() - started

    setattr(owner, name, wrapper)


def main() -> int:
    # The engine first, as main.py does: optimizer brings cvxpy in without scipy.stats (optimizer/startup.py).
    importlib.import_module("optimizer")
    import cvxpy
    import highspy

    import main as entry
    import optimizer.cli
    import optimizer.io.workbook
    import optimizer.model.portfolio
    import optimizer.report.result

    phases["import"] = time.perf_counter() - STARTED
    timed(optimizer.io.workbook, "read_case", "read")
    timed(optimizer.model.portfolio.PortfolioModel, "__init__", "build")
    timed(cvxpy.Problem, "get_problem_data", "compile")
    timed(highspy.Highs, "run", "highs")
    timed(optimizer.report.result, "build_result", "report")
    code = entry.main(["solve", *sys.argv[1:]])
    phases["total"] = time.perf_counter() - STARTED
    sys.stdout.flush()
    print(json.dumps({"exit": code, **phases}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
