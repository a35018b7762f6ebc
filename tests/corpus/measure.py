"""Run a Python script as a separate process and measure its wall time and peak memory.

The peak is the process's own high-water mark of resident memory (VmHWM), read by the process
itself as it exits. (The rusage that wait4 returns is no good here: Linux carries a parent's peak
over into a forked child, so every child of a large test process would seem as large.) Where
/proc is absent (Windows, macOS) the peak is not measured.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

_WITH_PEAK = """
import atexit, os, runpy, sys
def _peak():
    with open("/proc/self/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    with open(os.environ["MEASURE_PEAK_FILE"], "w") as out:
        out.write(str(kib * 1024))
atexit.register(_peak)
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


@dataclass
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_bytes: int | None
    """Peak resident memory of the process; None where it cannot be read."""


def run_measured(script: Path, args: list[str], cwd: Path, timeout: float) -> Run:
    """Run `python script args...`; a run past `timeout` seconds is killed (subprocess.TimeoutExpired)."""
    measure_peak = Path("/proc/self/status").exists()
    with tempfile.TemporaryDirectory() as folder:
        peak_file = Path(folder) / "peak"
        command = [sys.executable, *(["-c", _WITH_PEAK] if measure_peak else []), str(script), *args]
        env = {**os.environ, "MEASURE_PEAK_FILE": str(peak_file)}
        started = time.perf_counter()
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        peak = int(peak_file.read_text()) if peak_file.exists() else None
    return Run(done.returncode, done.stdout, done.stderr, seconds, peak)
