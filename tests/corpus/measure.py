"""Run a command as a separate process and measure its wall time and peak memory (resident set)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_bytes: int | None
    """Peak resident memory of the process; None where the system does not say (Windows)."""


def run_measured(args: list[str], cwd: Path, timeout: float) -> Run:
    """Run `args`; kill it after `timeout` seconds (its exit status is then negative)."""
    started = time.perf_counter()
    if not hasattr(os, "wait4"):
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - started, None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)  # collects this child's own resource usage
        finally:
            watchdog.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux
        return Run(process.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, peak)
