"""Sweeps in worker processes (optimizer/analysis/parallel.py): the same answers as in this process, whatever the
number of workers; progress and cancel still work; a worker gets the case's data, not its path."""

from __future__ import annotations

import os
import pickle
import signal
import threading

import pytest

from optimizer.analysis import parallel
from optimizer.analysis.frontier import levels_between, sweep
from optimizer.analysis.stability import stability
from optimizer.errors import AnalysisCancelled
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects

LIMITS = {"budget_2027": 30.0, "budget_2028": 20.0, "min_rd_intensity": 0.022}


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


def _levels(frontier):
    return [(p.status, p.objective_value, [s["id"] for s in p.selected]) for p in frontier.points]


def test_stability_draws_are_the_same_on_one_worker_and_on_two(demo):
    steps = []
    one = stability(demo, draws=6, seed=4, workers=1)
    two = stability(demo, draws=6, seed=4, workers=2, progress=steps.append)
    assert one.solved == two.solved == 6
    assert one.draw_portfolios == two.draw_portfolios and one.chosen_in == two.chosen_in
    assert one.largest_gap == two.largest_gap
    assert sorted(s.done for s in steps) == list(range(1, 7)) and {s.total for s in steps} == {6}


def test_frontier_levels_are_the_same_on_one_worker_and_on_two_and_each_is_the_enumerated_best(tmp_path):
    projects = random_projects(5, n=8)
    case = read_case(make_workbook(tmp_path / "case.xlsx", projects, LIMITS, ENTERPRISE))
    levels = levels_between(15.0, 40.0, 5)
    one = sweep(case, "budget_2027", levels, workers=1)
    two = sweep(case, "budget_2027", levels, workers=2)
    assert _levels(one) == _levels(two)
    assert one.to_json()["sentences"] == two.to_json()["sentences"]
    for level, point in zip(levels, two.points, strict=True):
        best, chosen = reference.enumerate_optimum(projects, {**LIMITS, "budget_2027": level}, ENTERPRISE)
        assert point.objective_value == pytest.approx(best, abs=1e-6)


def test_a_worker_receives_the_case_data_not_a_path(demo, tmp_path):
    moved = tmp_path / "gone.xlsx"
    moved.write_bytes(DEMO_CASE.read_bytes())
    case = read_case(moved)
    moved.unlink()  # nothing is read again from the file: the case travels pickled
    assert pickle.loads(pickle.dumps(case)) == case
    frontier = sweep(case, "total_budget", [650.0, 700.0, 750.0], workers=2)
    assert all(p.has_portfolio for p in frontier.points)


def test_cancel_stops_a_sweep_in_worker_processes(demo):
    cancel = threading.Event()

    def on_step(_step):
        cancel.set()

    with pytest.raises(AnalysisCancelled):
        stability(demo, draws=12, workers=2, progress=on_step, cancel=cancel)
    assert parallel._pool is None  # its workers were ended, not left solving the draws that were cancelled
    again = stability(demo, draws=3, seed=2, workers=2)  # and the next sweep starts a new pool
    assert again.solved == 3


def test_a_worker_process_killed_during_a_sweep_has_its_draws_solved_again(demo):
    killed = []

    def kill_one(_step):
        if not killed:  # mid-sweep: the other draws are queued or running in both workers
            pid = next(iter(parallel._pool._processes))
            os.kill(pid, signal.SIGKILL)
            killed.append(parallel._pool)

    two = stability(demo, draws=8, seed=13, workers=2, progress=kill_one)
    one = stability(demo, draws=8, seed=13, workers=1)
    assert killed and parallel._pool is not killed[0]  # the broken pool was replaced by a new one
    assert two.solved == 8 and two.draw_portfolios == one.draw_portfolios  # nothing lost, nothing solved otherwise


def test_a_small_sweep_or_one_worker_runs_in_this_process(monkeypatch, demo):
    def no_pool(*_args, **_kwargs):
        raise AssertionError("no worker process should start")

    monkeypatch.setattr(parallel, "_in_worker_processes", no_pool)
    assert len(sweep(demo, "total_budget", [700.0, 800.0], workers=4).points) == 2
    assert stability(demo, draws=3, workers=1).solved == 3


ENDS_WITHOUT_ENDING_ITS_POOL = """
import os, sys
if __name__ == "__main__":
    from optimizer.analysis import parallel
    from optimizer.analysis.stability import stability
    from optimizer.io.workbook import read_case
    from optimizer.paths import DEMO_CASE
    stability(read_case(DEMO_CASE), draws=4, workers=2)
    print(" ".join(str(pid) for pid in parallel._pool._processes), flush=True)
    os._exit(0)  # as a program that is killed or crashes: the pool is never shut down
"""


def test_workers_end_with_the_process_that_started_them(tmp_path):
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    script = tmp_path / "ends.py"
    script.write_text(ENDS_WITHOUT_ENDING_ITS_POOL)
    printed = tmp_path / "printed.txt"
    with printed.open("w") as out:  # a file, not a pipe: workers left behind would hold a pipe open for ever
        subprocess.run([sys.executable, str(script)], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, timeout=300,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    workers = [int(pid) for pid in printed.read_text().splitlines()[0].split()]
    assert len(workers) == 2, printed.read_text()

    def alive(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True

    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, "worker processes outlived the process that started them"
