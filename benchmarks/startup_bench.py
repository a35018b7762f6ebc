"""Start-up: from `python main.py` to the window painted and to the demo's answer shown, cold and warm.

    python -m benchmarks --only startup [--compare REV]

Each start is a process of its own (benchmarks/startup_probe.py runs main.main([]) and watches the window),
with a fresh settings and autosave folder, so it is a first start with nothing to restore. "Cold" is the
first start after the operating system's file cache was emptied (`echo 3 > /proc/sys/vm/drop_caches`:
Python, Qt, cvxpy and HiGHS all read from disk again; needs root, otherwise the cold row says so);
"warm" the median of the starts after it. Under a display server when one is there (xvfb-run), else Qt's
offscreen platform.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

WARM_STARTS = 5
MARKS = ("app_imported", "window_painted", "case_opening", "answer_shown")


def drop_caches() -> bool:
    """Empty the file cache (root only); False where this machine does not allow it."""
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def start(root: Path) -> dict:
    from .common import PYTHON, ROOT, run_process

    with tempfile.TemporaryDirectory() as home:
        env = {f"XDG_{kind}_HOME": os.path.join(home, kind.lower()) for kind in ("CONFIG", "DATA", "CACHE")}
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        timed = run_process([PYTHON, str(ROOT / "benchmarks" / "startup_probe.py"), repr(time.time())], cwd=root,
                            env=env, timeout=300)
    return timed.json()


def run(engines: dict[str, Path], log) -> dict:
    from .common import median

    results = {}
    for label, root in engines.items():
        cold = start(root) if drop_caches() else None
        warm = [start(root) for _ in range(WARM_STARTS)]
        results[label] = {"cold": cold, "warm": {m: median(w[m] for w in warm if m in w) for m in MARKS}}
        shown = results[label]["warm"]
        first = "–" if cold is None else f"{cold.get('window_painted')} s / {cold.get('answer_shown')} s"
        log(f"  [{label}]: warm median window {shown['window_painted']:.2f} s, answer {shown['answer_shown']:.2f} s; "
            f"cold {first}")
    return {"engines": list(engines), "results": results,
            "platform": "a display" if os.environ.get("DISPLAY") else "offscreen"}


def report(result: dict) -> list[str]:
    from .common import fmt

    lines = ["| engine | start | s to the engine imported | s to the window painted | s to the case read "
             "(its reading begins) | s to the demo's answer shown |", "|---|---|---:|---:|---:|---:|"]
    for label in result["engines"]:
        r = result["results"][label]
        for name, marks in (("cold (file cache emptied)", r["cold"]), (f"warm (median of {WARM_STARTS})", r["warm"])):
            if not marks:
                lines.append(f"| {label} | {name} | not measured: the file cache could not be emptied (not root) "
                             "| | | |")
                continue
            lines.append(f"| {label} | {name} | " + " | ".join(fmt(marks.get(m)) for m in MARKS) + " |")
    return lines + ["", "From the launch of `python main.py` (with no case: the bundled demo) to each moment, in a "
                    f"process of its own, on {result['platform']}, with fresh settings (nothing to restore). The "
                    "window is painted before the case is read (ui/window/main_window.py `open_first_case`), so it "
                    "shows, empty and saying \"Opening demo_case.xlsx…\", while the workbook is read and solved."]
