"""Where a sweep's solves run: in this process, in worker processes on this machine, or on a Dask cluster.

A sweep (the stability draws, the frontier's levels, a batch of cases) is a `Job`: the case data and the
sweep's settings, and `job.run(index, session)`, a pure function of the job and one point's index. Every
point is solved on its own, from a start that depends only on the job (never on another point's answer),
on one HiGHS thread when the sweep has more than one point, so a point's answer does not depend on how many
workers there are, nor on which one solved it.

    results = run_points(job, count, workers=None, progress=..., cancel=...)   # index order

- `workers=None` uses every core (`default_workers()`); one worker, or a sweep of `IN_PROCESS_POINTS` or
  fewer, runs in this process and pays no start-up.
- Otherwise the points go to a pool of worker *processes* (spawned, as on Windows and in the frozen build,
  where main.py calls multiprocessing.freeze_support): each receives the job pickled (the case's every row
  and setting: never a path to read again) and keeps one compiled model per job for the points it solves.
  The pool stays up for the next sweep of the process (the app's next stability test starts at once); a
  cancelled sweep ends its workers' solves by ending the workers, and a worker that dies has the points it
  had not answered solved again on a new pool (`POOL_RESTARTS`).
- `cluster="tcp://HOST:8786"` or `"local"` sends the same function to a Dask cluster
  (optimizer/analysis/cluster.py, which alone imports dask, and only then).

`progress` hears of each point as it is finished (done counts up; the message and item are the job's), and
setting `cancel` stops the sweep (AnalysisCancelled), in every one of the three places.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Protocol

from optimizer.analysis.common import Progress, check_cancel, tell
from optimizer.errors import AnalysisError
from optimizer.solve.session import Session
from optimizer.solve.solver import SOLVER_THREADS
from optimizer.words.text import Text

POLL_SECONDS = 0.2
"""How often a wait for the workers looks at the cancel event."""
POOL_RESTARTS = 2
"""How many times a sweep starts its worker pool again after a worker died, before it gives up."""
IN_PROCESS_POINTS = 2
"""A sweep of this many points or fewer runs in this process: starting worker processes (each loads the solver
and builds its model, about 2 s) would cost more than they save."""


class Job(Protocol):
    token: str
    """Tells one sweep from another: a worker keeps one compiled model per token."""

    def run(self, index: int, session: Session, cancel: threading.Event | None = None) -> Any:
        """The answer for point `index` (picklable), solved on `session` (this worker's, for this job); setting
        `cancel` (in this process: a worker is ended instead) stops its solve with AnalysisCancelled."""

    def said(self, index: int, answer: Any) -> tuple[str, object | None]:
        """What progress says when point `index` is done: a line for the user, and the item it finished."""


def task_of(job: Job, index: int) -> tuple[Job, int]:
    """What is shipped to solve point `index`: the job itself, or the part of it that point needs where the job
    says (`job.task(index)`: a batch ships each case alone, not every case with each)."""
    part = getattr(job, "task", None)
    return part(index) if part is not None else (job, index)


def new_token() -> str:
    return uuid.uuid4().hex


def default_workers() -> int:
    """Every core of this machine (the cores this process may use, where the system says)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Windows or macOS
        return max(1, os.cpu_count() or 1)


def threads_for(count: int) -> int:
    """HiGHS threads for each point of a sweep of `count` points: one when points share the cores (and so
    always one, whatever the number of workers, for the same answer from each), all of them for a single point."""
    return SOLVER_THREADS if count <= 1 else 1


# --- in a worker ------------------------------------------------------------------------------------------------
@dataclass
class _Kept:
    token: str = ""
    session: Session = field(default_factory=Session)


_kept = _Kept()


def worker_session(job: Job) -> Session:
    """This process's session for the job: its compiled model is kept for the job's next points."""
    if _kept.token != job.token:
        _kept.token, _kept.session = job.token, Session()
    return _kept.session


def run_point(job: Job, index: int) -> Any:
    """What a worker runs (a module-level function, so a process pool and Dask can ship it by name)."""
    return job.run(index, worker_session(job))


def _quiet_worker() -> None:
    """A worker process leaves Ctrl-C to the command that started it, which ends its workers itself, and ends
    with the process that started it: one that ended without ending its pool (os._exit, killed, crashed) leaves
    no worker behind holding its memory and its output pipes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), name="ends with its parent", daemon=True).start()


def _end_with(parent_sentinel: int) -> None:
    multiprocessing.connection.wait([parent_sentinel])  # ready when the parent process has ended
    os._exit(0)


# --- the three places -----------------------------------------------------------------------------------------
def run_points(job: Job, count: int, *, workers: int | None = None, cluster: str | None = None,
               progress: Progress | None = None, cancel: threading.Event | None = None,
               session: Session | None = None) -> list[Any]:
    """Each point's answer, in index order (see the module docstring). `session`: the one to solve on when the
    points run in this process (the caller's compiled model). Raises AnalysisCancelled when `cancel` is set,
    AnalysisError when a worker fails or the cluster cannot be used."""
    workers = default_workers() if workers is None else workers
    if workers < 1:
        raise AnalysisError(Text("at least one worker is needed, not {workers}", workers=workers))
    if cluster:
        from optimizer.analysis.cluster import run_on_cluster  # dask only here, only when asked for

        tasks = [task_of(job, index) for index in range(count)]
        finished = run_on_cluster(run_point, job, tasks, cluster, cancel, max(2, workers))
    elif workers == 1 or count <= IN_PROCESS_POINTS:
        finished = _in_this_process(job, count, cancel, session or Session())
    else:
        finished = _in_worker_processes(job, count, min(workers, count), cancel)
    answers: list[Any] = [None] * count
    for done, (index, answer) in enumerate(finished, start=1):
        answers[index] = answer
        message, item = job.said(index, answer)
        tell(progress, done, count, message, item)
    return answers


def start_workers(count: int, workers: int | None = None, cluster: str | None = None) -> None:
    """Start the worker processes a sweep of `count` points will use, without waiting for them: each takes about
    2 s to load the solver, which then overlaps what the caller does first (reading the case, solving the
    recommendation). Nothing when the sweep will run in this process (see run_points) or on a cluster."""
    workers = default_workers() if workers is None else workers
    if cluster or workers <= 1 or count <= IN_PROCESS_POINTS:
        return
    pool = _worker_pool(min(workers, count))
    for _ in range(min(workers, count)):
        pool.submit(_loaded)


def _loaded() -> None:
    """A task that only makes a worker start (and so load the engine, which importing this module did)."""


def _in_this_process(job: Job, count: int, cancel: threading.Event | None,
                     session: Session) -> Iterator[tuple[int, Any]]:
    for index in range(count):
        check_cancel(cancel)
        yield index, job.run(index, session, cancel)


_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_pool_lock = threading.Lock()


def _worker_pool(size: int) -> ProcessPoolExecutor:
    global _pool, _pool_size
    with _pool_lock:
        if _pool is None or _pool_size != size:
            _end_pool()
            _pool = ProcessPoolExecutor(size, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_quiet_worker)
            _pool_size = size
        return _pool


def _end_pool() -> None:
    """End the pool's workers now (their solves too) and forget it: the next sweep starts a new one."""
    global _pool
    pool, _pool = _pool, None
    if pool is None:
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:  # a solve in progress is not interrupted by shutdown: the worker is ended
        try:
            process.kill()
        except (OSError, ValueError):
            pass
    for process in processes:
        process.join(5)
    pool.shutdown(wait=True)  # its queues closed and their semaphores released now, before a stopped command ends
    del pool
    gc.collect()


def _in_worker_processes(job: Job, count: int, workers: int,
                         cancel: threading.Event | None) -> Iterator[tuple[int, Any]]:
    check_cancel(cancel)
    left = set(range(count))
    restarts = 0
    finished_all = False
    try:
        while left:
            pool = _worker_pool(workers)
            pending = {pool.submit(run_point, *task_of(job, index)): index for index in sorted(left)}
            try:
                while pending:
                    check_cancel(cancel)
                    done, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                    for future in done:
                        index = pending.pop(future)
                        answer = future.result()
                        left.discard(index)
                        yield index, answer
            except BrokenProcessPool as error:
                # A worker died (killed, out of memory): the points it had not answered are solved again on a new
                # pool, as a cluster's scheduler does; a point that kills its workers every time is reported.
                with _pool_lock:
                    _end_pool()
                restarts += 1
                if restarts > POOL_RESTARTS:
                    raise AnalysisError(Text("a worker process ended before its solve was done: {problem}",
                                             problem=str(error) or type(error).__name__)) from None
        finished_all = True
    finally:
        if not finished_all:  # cancelled, stopped by a signal, or failed: no worker goes on solving for nothing
            with _pool_lock:
                _end_pool()


def run_each(function: Callable[[Any], Any], items: list[Any], **kwargs) -> list[Any]:
    """`function(item)` for each item, through run_points (a batch of cases, where each item is a case)."""
    return run_points(_Each(function, items, new_token()), len(items), **kwargs)


@dataclass(frozen=True)
class _Each:
    function: Callable[[Any], Any]
    items: list[Any]
    token: str

    def run(self, index: int, session: Session, cancel: threading.Event | None = None) -> Any:
        return self.function(self.items[index])

    def task(self, index: int) -> tuple[_Each, int]:
        return _Each(self.function, [self.items[index]], self.token), 0

    def said(self, index: int, answer: Any) -> tuple[str, object | None]:
        return f"{index + 1} of {len(self.items)} done", answer


