"""Time and peak memory of `main.py solve` on every broken and hostile workbook of the test corpus.

    python -m benchmarks.hostile_files            # prints the table
    python -m benchmarks.hostile_files --write    # and puts it in docs/reliability.md

Each file runs as its own process, as a user would run it, so the figures include starting Python
and loading the engine. The first rows are a valid case and the bundled demo case, for scale.
"""

from __future__ import annotations

import platform
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from optimizer.errors import CaseError  # noqa: E402
from optimizer.io.workbook import read_case  # noqa: E402
from tests.corpus.make_corpus import CORPUS, case_sheets, make_corpus, write_xlsx  # noqa: E402
from tests.corpus.measure import run_measured  # noqa: E402

DOC = ROOT / "docs" / "reliability.md"
START, END = "<!-- hostile-files:start -->", "<!-- hostile-files:end -->"


def read_seconds(path: Path) -> float:
    """Seconds to read (and refuse) the file in this process: the file's own cost, without Python's start."""
    started = time.perf_counter()
    try:
        read_case(path)
    except CaseError:
        pass
    return time.perf_counter() - started


def measure(folder: Path) -> list[tuple[str, str, int, float, float, float | None, str]]:
    valid = folder / "valid_case.xlsx"
    write_xlsx(valid, case_sheets())
    runs = [("valid_case.xlsx", "valid", valid), ("demo_case.xlsx", "valid", ROOT / "resources" / "demo_case.xlsx")]
    runs += [(entry.name, entry.kind, folder / entry.name) for entry, _ in CORPUS]
    rows = []
    for name, kind, path in runs:
        run = run_measured(ROOT / "main.py", ["solve", str(path)], ROOT, timeout=300)
        lines = [line.strip() for line in run.out.splitlines() if line.strip()]
        said = lines[1] if run.code == 2 and len(lines) > 1 else (lines[0] if lines else run.err.strip())
        peak = None if run.peak_bytes is None else run.peak_bytes / 2**20
        reading = read_seconds(path)
        rows.append((name, kind, run.code, run.seconds, reading, peak, said))
        print(f"{name:48} {run.code} {run.seconds:6.2f} s {reading:6.3f} s {peak or 0:7.0f} MB", file=sys.stderr)
    return rows


def table(rows) -> str:
    lines = ["| file | kind | exit | process s | reading s | peak MB | what it says (first line) |",
             "|---|---|---|---|---|---|---|"]
    for name, kind, code, seconds, reading, peak, said in rows:
        said = said.replace("|", "\\|")
        said = said if len(said) <= 110 else said[:107] + "..."
        peak_text = "" if peak is None else f"{peak:.0f}"
        lines.append(f"| {name} | {kind} | {code} | {seconds:.2f} | {reading:.3f} | {peak_text} | {said} |")
    hostile = [r for r in rows if r[1] != "valid"]
    slowest = max(hostile, key=lambda r: r[4])
    largest = max(hostile, key=lambda r: r[5] or 0)
    lines += ["", f"{len(hostile)} files; every one exit 2: {all(r[2] == 2 for r in hostile)}. Longest to read: "
              f"{slowest[0]} {slowest[4]:.2f} s; largest peak: {largest[0]} {largest[5] or 0:.0f} MB. "
              "\"process s\" is the whole `main.py solve` run (most of it starting Python and loading the engine); "
              "\"reading s\" is read_case alone, in one process. "
              f"Measured on {platform.system()} {platform.machine()}, Python {platform.python_version()}, "
              f"{_cores()} cores, on a machine shared with other work (times vary by 2x between runs)."]
    return "\n".join(lines)


def _cores() -> str:
    import os

    return str(os.cpu_count() or "?")


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as folder:
        make_corpus(Path(folder))
        text = table(measure(Path(folder)))
    print(text)
    if "--write" in argv:
        doc = DOC.read_text(encoding="utf-8")
        block = f"{START}\n{text}\n{END}"
        doc = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, doc, flags=re.S)
        DOC.write_text(doc, encoding="utf-8")
        print(f"written to {DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
