"""OR-Library multidimensional 0-1 knapsack instances, as capital-budgeting cases.

Readers for the files described in ../shared/benchmarks/orlib/README.md (the data
itself is never copied into this repository), the best-known values of
best_known.csv, and a writer that turns an instance into a case workbook per
docs workbook contract: maximise sum_j p_j x_j subject to sum_j r_ij x_j <= b_i,
x_j in {0, 1}, is a case whose projects j have npv p_j and capex r_ij in year
2000 + i, under the annual budgets budget_(2000+i) = b_i.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

FIRST_YEAR = 2001  # constraint row i (1-based) is plan year 2000 + i


@dataclass(frozen=True)
class Instance:
    name: str
    profits: list[float]  # p_j, n of them
    weights: list[list[float]]  # r_ij, m rows of n
    capacities: list[float]  # b_i, m of them
    optimum: float | None  # as stated in the data file; None where unknown

    @property
    def n(self) -> int:
        return len(self.profits)

    @property
    def m(self) -> int:
        return len(self.capacities)


def _floats(tokens: list[str]) -> list[float]:
    return [float(t) for t in tokens]


def _take(tokens: list[str], pos: int, count: int, what: str) -> tuple[list[float], int]:
    if pos + count > len(tokens):
        raise ValueError(f"truncated data: wanted {count} numbers for {what}, {len(tokens) - pos} left")
    return _floats(tokens[pos : pos + count]), pos + count


def _read_token_stream(path: Path, name_of) -> list[Instance]:
    tokens = Path(path).read_text().split()
    count = int(float(tokens[0]))
    pos = 1
    instances = []
    for k in range(count):
        (n, m, opt), pos = _take(tokens, pos, 3, f"header of problem {k}")
        n, m = int(n), int(m)
        profits, pos = _take(tokens, pos, n, f"profits of problem {k}")
        flat, pos = _take(tokens, pos, m * n, f"constraints of problem {k}")
        capacities, pos = _take(tokens, pos, m, f"capacities of problem {k}")
        weights = [flat[i * n : (i + 1) * n] for i in range(m)]
        instances.append(Instance(name_of(k, m, n), profits, weights, capacities, opt or None))
    if pos != len(tokens):
        raise ValueError(f"{path}: {len(tokens) - pos} numbers left over after {count} problems")
    return instances


def read_mknap1(path: Path) -> list[Instance]:
    """mknap1.txt: problems named `mknap1-k` (k = 0-based index, as in best_known.csv)."""
    return _read_token_stream(path, lambda k, m, n: f"mknap1-{k}")


def read_mknapcb(path: Path) -> list[Instance]:
    """mknapcb*.txt: problem k with m constraints and n items is named `m.n-kk` (e.g. `5.100-07`)."""
    return _read_token_stream(path, lambda k, m, n: f"{m}.{n}-{k:02d}")


_PROBLEM = re.compile(r"^\s*problem\s+(\S+?)(?:\.DAT)?\s*$", re.IGNORECASE)
_PLUS = re.compile(r"^\s*\++\s*$")


def read_mknap2(path: Path) -> list[Instance]:
    """mknap2.txt: free-text header, then `problem NAME.DAT`, a `+` line, the data up to the next `+` line.

    Data: m n (constraints first), n profits, m capacities, m rows of n, the optimum.
    Instances are named NAME without `.DAT` (as in best_known.csv).
    """
    lines = Path(path).read_text().splitlines()
    instances = []
    i = 0
    while i < len(lines):
        match = _PROBLEM.match(lines[i])
        i += 1
        if not match:
            continue
        name = match.group(1)
        while i < len(lines) and not _PLUS.match(lines[i]):  # up to the `+` line after the title
            if lines[i].strip():
                raise ValueError(f"{path}:{i + 1}: text between `problem {name}` and its + line")
            i += 1
        i += 1
        tokens: list[str] = []
        while i < len(lines) and not _PLUS.match(lines[i]):
            tokens.extend(lines[i].split())
            i += 1
        (m, n), pos = _take(tokens, 0, 2, f"header of {name}")
        m, n = int(m), int(n)
        profits, pos = _take(tokens, pos, n, f"profits of {name}")
        capacities, pos = _take(tokens, pos, m, f"capacities of {name}")
        flat, pos = _take(tokens, pos, m * n, f"constraints of {name}")
        (opt,), pos = _take(tokens, pos, 1, f"optimum of {name}")
        if pos != len(tokens):
            raise ValueError(f"{path}: {name}: {len(tokens) - pos} numbers left over")
        weights = [flat[r * n : (r + 1) * n] for r in range(m)]
        instances.append(Instance(name, profits, weights, capacities, opt))
    return instances


def best_known(file_name: str, orlib_dir: Path | None = None) -> dict[int | str, float]:
    """best_known.csv rows of one data file: instance -> value (an all-digit instance becomes an int index).

    The CSV may round (mknap2 WEING7 is written 1.09544e+06); prefer the optimum stated in the
    data file where there is one.
    """
    if orlib_dir is None:
        from tests.conftest import ORLIB

        orlib_dir = ORLIB
    result: dict[int | str, float] = {}
    with open(Path(orlib_dir) / "best_known.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["file"] != file_name:
                continue
            key: int | str = int(row["instance"]) if row["instance"].isdigit() else row["instance"]
            result[key] = float(row["best_known"])
    return result


def _cell(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def project_ids(n: int) -> list[str]:
    width = max(3, len(str(n)))
    return [f"P{j + 1:0{width}d}" for j in range(n)]


def write_case(instance: Instance, path: Path) -> Path:
    """Write the instance as a capital-budgeting case workbook (Projects + Settings, no Enterprise).

    Project j (id P001..): capex_(2000+i) = r_ij for each constraint row i, npv = p_j; all or nothing,
    no deferral (the contract's defaults). Settings: budget_(2000+i) = b_i, mip_gap 0, objective npv.
    """
    years = [FIRST_YEAR + i for i in range(instance.m)]
    wb = Workbook()
    ws = wb.active
    ws.title = "Projects"
    ws.append(["id", "name", *[f"capex_{y}" for y in years], "npv"])
    for j, pid in enumerate(project_ids(instance.n)):
        ws.append([pid, f"{instance.name} item {j + 1}", *[_cell(row[j]) for row in instance.weights],
                   _cell(instance.profits[j])])
    settings = wb.create_sheet("Settings")
    settings.append(["key", "value"])
    for y, b in zip(years, instance.capacities, strict=True):
        settings.append([f"budget_{y}", _cell(b)])
    settings.append(["mip_gap", 0])
    settings.append(["objective", "npv"])
    path = Path(path)
    wb.save(path)
    return path
