"""Sweeps on a Dask cluster (optimizer/analysis/cluster.py, docs/scale.md): a LocalCluster on 127.0.0.1 with two
worker processes gives the answers of the local run; a worker killed during a sweep has its points run again;
a bad case in a batch gives its own line; `frontier --cluster` writes the local JSON. Without `--cluster`
nothing imports dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from optimizer import cli
from optimizer.analysis import cluster as cluster_module
from optimizer.analysis.batch import INVALID, run_batch
from optimizer.analysis.cluster import ClusterError
from optimizer.analysis.frontier import sweep
from optimizer.analysis.stability import stability
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE
from tests import reference
from tests.builders import ENTERPRISE, make_workbook, random_projects

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
LIMITS = {"budget_2027": 30.0, "budget_2028": 20.0, "min_rd_intensity": 0.022}


@pytest.fixture(scope="module")
def scheduler():
    """One LocalCluster for the module (it takes seconds to start): its scheduler's address and a client."""
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None)
    client = distributed.Client(cluster, set_as_default=False)
    yield cluster.scheduler_address, client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def demo():
    return read_case(DEMO_CASE)


def test_stability_and_frontier_on_the_cluster_are_the_local_answers(scheduler, demo):
    address, _ = scheduler
    local = stability(demo, draws=6, seed=9, workers=1)
    remote = stability(demo, draws=6, seed=9, cluster=address)
    assert remote.draw_portfolios == local.draw_portfolios and remote.chosen_in == local.chosen_in
    levels = [600.0, 700.0, 800.0, 900.0]
    here = sweep(demo, "total_budget", levels, workers=1)
    there = sweep(demo, "total_budget", levels, cluster=address)
    assert [(p.status, p.objective_value, p.selected) for p in there.points] == \
        [(p.status, p.objective_value, p.selected) for p in here.points]


def test_a_worker_killed_during_a_sweep_has_its_draws_run_again(scheduler, demo):
    address, client = scheduler
    pids = list(client.run(os.getpid).values())
    assert len(pids) == 2
    killed = []

    def kill_one(step):
        if not killed:  # mid-sweep: the other draws are queued or running on both workers
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    remote = stability(demo, draws=10, seed=21, cluster=address, progress=kill_one)
    local = stability(demo, draws=10, seed=21, workers=1)
    assert killed and remote.solved == 10
    assert remote.draw_portfolios == local.draw_portfolios  # nothing lost, nothing solved differently
    client.wait_for_workers(2, timeout=60)  # the nanny restarts the killed worker for the next tests


def test_a_bad_case_in_a_batch_gives_its_own_line_while_the_others_complete(scheduler, tmp_path):
    address, _ = scheduler
    projects = random_projects(11, n=7)
    good = make_workbook(tmp_path / "good.xlsx", projects, LIMITS, ENTERPRISE)
    bad = make_workbook(tmp_path / "bad.xlsx", [{**projects[0], "capex_2027": "about 8"}, *projects[1:]], LIMITS,
                        ENTERPRISE)
    lines = run_batch([str(good), str(bad), str(DEMO_CASE)], cluster=address)
    assert [line.case for line in lines] == [str(good), str(bad), str(DEMO_CASE)]
    assert lines[1].status == INVALID and any("!" in str(p) and "capex_2027" in str(p) for p in lines[1].problems)
    best, chosen = reference.enumerate_optimum(projects, LIMITS, ENTERPRISE)
    assert lines[0].has_portfolio and lines[0].objective_value == pytest.approx(best, abs=1e-6)
    assert sorted(lines[0].selected) == sorted(chosen)
    assert lines[2].has_portfolio


def test_frontier_cluster_json_is_the_local_json_but_the_timings(scheduler, tmp_path):
    address, _ = scheduler
    argv = ["frontier", str(DEMO_CASE), "--vary", "total_budget", "--from", "600", "--to", "900", "--steps", "4"]
    assert cli.main([*argv, "--json", str(tmp_path / "local.json")]) == 0
    assert cli.main([*argv, "--json", str(tmp_path / "cluster.json"), "--cluster", address]) == 0
    local, remote = (json.loads((tmp_path / name).read_text(encoding="utf-8")) for name in ("local.json",
                                                                                             "cluster.json"))
    for data in (local, remote):
        for point in data["points"]:
            point.pop("solve_seconds")
    assert remote == local


def test_an_unreachable_scheduler_is_a_plain_message_within_the_timeout(monkeypatch, demo, capsys):
    monkeypatch.setattr(cluster_module, "CONNECT_SECONDS", 2)
    started = time.monotonic()
    with pytest.raises(ClusterError, match="cannot be reached within 2 s"):
        sweep(demo, "total_budget", [600.0, 700.0, 800.0], cluster="tcp://127.0.0.1:9")
    assert time.monotonic() - started < 20
    code = cli.main(["stability", str(DEMO_CASE), "--draws", "3", "--cluster", "127.0.0.1:9"])
    assert code == 1 and "cannot be reached" in capsys.readouterr().err


def _python(script: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_without_cluster_nothing_imports_dask(tmp_path):
    out = tmp_path / "frontier.json"
    run = _python(
        "import sys\n"
        "from optimizer.cli import main\n"
        f"code = main(['frontier', {str(DEMO_CASE)!r}, '--vary', 'total_budget', '--from', '600', '--to', '900',"
        f" '--steps', '3', '--workers', '2', '--json', {str(out)!r}])\n"
        "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
    assert run.stdout.strip().splitlines()[-1] == "0 []", run.stderr
    assert out.exists()


def test_without_dask_the_cluster_flag_says_how_to_install_it():
    run = _python(
        "import sys\n"
        "sys.modules['distributed'] = None  # as if Dask were not installed\n"
        "from optimizer.cli import main\n"
        f"sys.exit(main(['frontier', {str(DEMO_CASE)!r}, '--vary', 'total_budget', '--from', '600', '--to', '900',"
        " '--steps', '3', '--cluster', 'local']))\n")
    assert run.returncode == 1
    assert 'pip install -e ".[cluster]"' in run.stderr and "Traceback" not in run.stderr


def test_a_cancelled_cluster_sweep_stops(scheduler, demo):
    address, _ = scheduler
    cancel = threading.Event()
    with pytest.raises(Exception) as raised:
        stability(demo, draws=8, cluster=address, progress=lambda step: cancel.set(), cancel=cancel)
    assert type(raised.value).__name__ == "AnalysisCancelled"
