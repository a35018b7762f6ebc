"""A sweep on a Dask cluster (`--cluster tcp://HOST:8786`, or `--cluster local`): docs/scale.md.

The only module that imports dask, and only when a sweep is sent to a cluster: the engine, the app and the
commands without `--cluster` never load it. The cluster runs the very function a local worker runs
(parallel.run_point) on the job, which travels as data (the case pickled, every row and setting; no path,
no file on a shared disk); each worker needs this program installed with its `cluster` extra. The job is
sent once to every worker (`scatter`); a worker that dies has its points run again by the scheduler on the
others, so nothing is lost.

`local` starts a LocalCluster on 127.0.0.1 for the sweep: worker processes of one thread each, no
dashboard; it is closed at the end.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

from optimizer.analysis.common import check_cancel
from optimizer.errors import AnalysisError
from optimizer.words.text import Text

CONNECT_SECONDS = 10
"""How long to wait for the scheduler at the address given before saying it cannot be reached."""
LOCAL = "local"
INSTALL = 'pip install -e ".[cluster]"'
POLL_SECONDS = 0.2
"""How often a wait for the cluster looks at the cancel event."""


class ClusterError(AnalysisError):
    """The cluster cannot be used (dask missing, the scheduler unreachable, a point failed there)."""


def _distributed():
    try:
        import distributed
    except ImportError:
        raise ClusterError(Text("--cluster needs Dask, which is not installed: install it with {command}",
                                command=INSTALL)) from None
    return distributed


def connect(address: str, local_workers: int = 2):
    """A Dask client on the scheduler at `address` (or on a new LocalCluster of `local_workers` processes for
    "local"); ClusterError if not."""
    distributed = _distributed()
    if address == LOCAL:
        try:
            cluster = distributed.LocalCluster(n_workers=local_workers, threads_per_worker=1,
                                               processes=True, host="127.0.0.1", dashboard_address=None)
            return distributed.Client(cluster, set_as_default=False)
        except Exception as error:  # noqa: BLE001 -- whatever stops it, in words
            raise ClusterError(Text("a local Dask cluster could not be started: {problem}",
                                    problem=str(error) or type(error).__name__)) from None
    if "://" not in address:
        address = f"tcp://{address}"
    try:
        return distributed.Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except Exception as error:  # noqa: BLE001 -- OSError, TimeoutError, a bad address: the user's to fix
        raise ClusterError(Text("the Dask scheduler at {address} cannot be reached within {seconds} s: {problem}",
                                address=address, seconds=CONNECT_SECONDS,
                                problem=str(error) or type(error).__name__)) from None


def close(client) -> None:
    cluster = client.cluster if getattr(client, "cluster", None) is not None else None
    try:
        client.close()
    finally:
        if cluster is not None:  # the LocalCluster of `--cluster local`
            cluster.close()


def run_on_cluster(run: Callable[[Any, int], Any], job: Any, tasks: list[tuple[Any, int]], address: str,
                   cancel: threading.Event | None, local_workers: int = 2) -> Iterator[tuple[int, Any]]:
    """(index, run(*tasks[index])) as the cluster finishes each (parallel.run_points says what a task is: the
    job itself with a point's index, or the part of the job that point needs)."""
    check_cancel(cancel)
    client = connect(address, local_workers)
    futures: dict[Any, int] = {}
    try:
        shared = all(task is job for task, _ in tasks)
        sent = client.scatter(job, broadcast=True, hash=False) if shared else None
        for index, (task, at) in enumerate(tasks):
            futures[client.submit(run, sent if shared else task, at, pure=False)] = index
        pending = set(futures)
        while pending:
            check_cancel(cancel)
            done = {future for future in pending if future.done()}
            if not done:
                (cancel or threading.Event()).wait(POLL_SECONDS)
                continue
            pending -= done
            for future in done:
                if future.status == "error":
                    error = future.exception()
                    if isinstance(error, AnalysisError):
                        raise error
                    raise ClusterError(Text("a point of the sweep failed on the cluster: {problem}",
                                            problem=str(error) or type(error).__name__))
                yield futures[future], future.result()
    finally:
        if futures:
            client.cancel(list(futures))
        close(client)
