"""What every benchmark section shares: timing a command as a process, the machine, medians."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SHARED = ROOT.parent / "shared"
ORLIB = SHARED / "benchmarks" / "orlib"


@dataclass
class Timed:
    """One process: wall-clock seconds, CPU seconds (user + system), peak memory, its exit code and
    the last line it printed (the JSON answer of the benchmark scripts)."""

    wall: float
    cpu: float
    peak_mb: float
    returncode: int
    last_line: str

    def json(self) -> dict:
        return json.loads(self.last_line) if self.last_line.startswith("{") else {}


def run_process(args: list[str], cwd: Path = ROOT, env: dict | None = None, timeout: float = 900.0) -> Timed:
    """Run a command and measure it as the operating system sees it (wait4's resource usage)."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
                                   env={**os.environ, **(env or {})})
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
    return Timed(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode,
                 lines[-1] if lines else "")


def median(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB"
    except (ValueError, OSError):
        memory = "unknown"
    try:
        load = "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg())
    except OSError:
        load = "unknown"
    versions = {}
    for package in ("cvxpy", "highspy", "numpy", "scipy", "openpyxl", "ortools"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    return {"cpu": cpu, "cores": str(os.cpu_count()), "memory": memory, "system": platform.platform(),
            "python": platform.python_version(), "load average at start": load, "commit": commit,
            **{f"{k}": v for k, v in versions.items()}}


def fmt(value: float | None, digits: int = 2) -> str:
    if value is None or value != value:
        return "–"
    return f"{value:.{digits}f}"
