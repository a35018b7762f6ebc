"""In-process measurements, one case per process, printed as one JSON line:

    python benchmarks/probes.py interactive CASE.xlsx [S]  slider moves on one compiled model (a diagnosis
                                                          stopped after S seconds)
    python benchmarks/probes.py scale CASE.xlsx         read, build, compile, solve to 1%, report
    python benchmarks/probes.py uplift CASE.xlsx        optimiser, rank-and-fill, LP relaxation

The engine is imported from the current directory, so the same probe can measure another checkout
of the engine (run with that checkout as the working directory).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))

SLIDER_KEYS = ("total_budget", "min_strategic_share", "max_sector_share", "budget_2029", "min_roe")
SLIDER_STEPS = (0.97, 1.03)
INTERACTIVE_GAP = 0.005


def interactive(path: str, diagnosis_limit: str | None = None) -> dict:
    """The first solve, then each slider move (a limit 3% down, then 3% up, limit after limit) on the
    same session: seconds to the first portfolio shown and to an answer proven within 0.5%; the diagnosis
    of a move into a conflict timed apart, stopped after `diagnosis_limit` seconds when one is given."""
    from optimizer.io.workbook import read_case
    from optimizer.planner import Planner
    from optimizer.solve.session import Session

    case = read_case(path)
    session = Session()
    started = time.perf_counter()
    first = Planner(session).solve(case, gap=INTERACTIVE_GAP)
    result = {"first_solve": time.perf_counter() - started, "first_status": first.solution.status, "moves": []}
    for key in SLIDER_KEYS:
        if key not in case.settings.limits:
            continue
        for step in SLIDER_STEPS:
            moved = case.with_limits(**{key: case.settings.limits[key] * step})
            heard: list[float] = []
            cpu, started = time.process_time(), time.perf_counter()
            # as the app does: the answer first, the diagnosis of a conflict after it (timed apart)
            answer = Planner(session).solve(moved, gap=INTERACTIVE_GAP, diagnose_conflicts=False,
                                   progress=lambda p, s=started, h=heard: h.append(time.perf_counter() - s))
            seconds = time.perf_counter() - started
            move = {"key": key, "step": step, "seconds": seconds, "cpu": time.process_time() - cpu,
                    "first_portfolio": heard[0] if heard else (seconds if answer.solution.has_portfolio else None),
                    "status": answer.solution.status, "gap": answer.solution.gap,
                    "value": answer.solution.objective_value,
                    "reused": getattr(answer.solution, "reused", None)}
            if answer.solution.status == "infeasible":
                move.update(_diagnosis(moved, diagnosis_limit))
            result["moves"].append(move)
    result["rebuilds"] = session.rebuilds
    return result


def _diagnosis(case, limit: str | None) -> dict:
    """Seconds the diagnosis of an infeasible case takes, as the app runs it after the answer; cancelled (as the
    app's Cancel does) after `limit` seconds when one is given."""
    import threading

    from optimizer.analysis.diagnosis import diagnose
    from optimizer.errors import AnalysisCancelled

    cancel = threading.Event()
    timer = threading.Timer(float(limit), cancel.set) if limit else None
    if timer:
        timer.start()
    started = time.perf_counter()
    try:
        diagnose(case, cancel=cancel)
        return {"diagnosis_seconds": time.perf_counter() - started}
    except AnalysisCancelled:
        return {"diagnosis_stopped": time.perf_counter() - started}
    finally:
        if timer:
            timer.cancel()


def scale(path: str) -> dict:
    import cvxpy as cp

    from optimizer.io.workbook import read_case
    from optimizer.model.portfolio import PortfolioModel
    from optimizer.report.build import build_result
    from optimizer.solve.solver import solve

    marks = {}
    started = time.perf_counter()
    case = read_case(path)
    marks["read"] = time.perf_counter() - started
    started = time.perf_counter()
    model = PortfolioModel(case)
    marks["build"] = time.perf_counter() - started
    started = time.perf_counter()
    data, _, _ = model.problem.get_problem_data(cp.HIGHS)
    marks["compile"] = time.perf_counter() - started
    started = time.perf_counter()
    solution = solve(model, time_limit=120, mip_gap=0.01)
    marks["solve"] = time.perf_counter() - started
    started = time.perf_counter()
    build_result(model, solution)
    marks["report"] = time.perf_counter() - started
    return {**marks, "projects": len(case.projects), "options": len(model.options), "rows": data["A"].shape[0],
            "columns": data["A"].shape[1], "nonzeros": int(data["A"].nnz), "status": solution.status,
            "gap": solution.gap, "value": solution.objective_value}


def uplift(path: str) -> dict:
    import cvxpy as cp
    import highspy

    from optimizer.io.workbook import read_case
    from optimizer.model.portfolio import PortfolioModel
    from optimizer.planner import Planner
    from optimizer.solve import highs
    from optimizer.solve.ranking import rank_and_fill

    case = read_case(path)
    best = Planner().solve(case, gap=1e-4, time_limit=120).solution
    model = PortfolioModel(case)
    ranked = rank_and_fill(model)
    data, _, inverse = model.problem.get_problem_data(cp.HIGHS)
    relaxed = highs._highs_model(data)  # the same compiled model, every choice continuous
    relaxed.lp_.integrality_ = []
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.passModel(relaxed)
    highs.run()
    lp_bound = -(highs.getInfo().objective_function_value + float(inverse[-1]["offset"]))
    return {"optimiser": best.objective_value, "optimiser_bound": best.bound, "optimiser_gap": best.gap,
            "status": best.status, "ranking": ranked.objective_value, "ranking_missed": ranked.missed,
            "lp_bound": lp_bound, "projects": len(case.projects)}


if __name__ == "__main__":
    kind, case_path, *options = sys.argv[1:]
    answer = {"interactive": interactive, "scale": scale, "uplift": uplift}[kind](case_path, *options)
    sys.stdout.flush()
    print(json.dumps(answer))
