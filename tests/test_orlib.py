"""OR-Library multidimensional knapsack benchmarks, solved as capital-budgeting cases.

Each instance becomes a case workbook (tests/orlib.py: project j has capex r_ij in year
2000 + i and npv p_j; budget_(2000+i) = b_i) and is solved by the headless engine with
--gap 0; the answer must be the known optimum, and the chosen projects must fit the
budgets when recomputed from the instance data. The data is read from ../shared and
never copied into this repository; without it the whole module is skipped.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ORLIB, ROOT

if not ORLIB.is_dir():
    pytest.skip(
        f"OR-Library benchmark data not found at {ORLIB} (it lives in ../shared/benchmarks/orlib, "
        "outside this repository)",
        allow_module_level=True,
    )

from tests.orlib import (  # noqa: E402
    FIRST_YEAR,
    Instance,
    best_known,
    project_ids,
    read_mknap1,
    read_mknap2,
    read_mknapcb,
    write_case,
)

MKNAP1 = read_mknap1(ORLIB / "mknap1.txt")
MKNAP2 = read_mknap2(ORLIB / "mknap2.txt")
MKNAPCB1 = read_mknapcb(ORLIB / "mknapcb1.txt")

MKNAP1_OPTIMA = [3800, 8706.1, 4015, 6120, 12400, 10618, 16537]  # README of the benchmark folder
MKNAP2_NAMES = (
    ["SENTO1", "SENTO2"]
    + [f"WEING{k}" for k in range(1, 9)]
    + [f"WEISH{k:02d}" for k in range(1, 31)]
    + ["PB1", "PB2", "PB4", "PB5", "PB6", "PB7", "HP1", "HP2"]
)
# Two mknapcb1 problems that HiGHS 1.16 (1 thread, plain 0-1 model) proves optimal fastest, about
# 2-3 s each on a 2-core machine (most of the 30 take 10-60 s: see the benchmark README).
MKNAPCB1_FAST = ["5.100-16", "5.100-26"]


# ---------------------------------------------------------------- parsers and writer


def test_mknap1_sizes_and_optima():
    assert len(MKNAP1) == 7
    assert [inst.optimum for inst in MKNAP1] == MKNAP1_OPTIMA
    assert [(inst.n, inst.m) for inst in MKNAP1] == [
        (6, 10), (10, 10), (15, 10), (20, 10), (28, 10), (39, 5), (50, 5)
    ]
    for inst in MKNAP1:
        assert len(inst.weights) == inst.m and all(len(row) == inst.n for row in inst.weights)
    assert MKNAP1[1].profits[0] == pytest.approx(600.1)  # fractional profits, parsed as floats
    assert best_known("mknap1.txt") == dict(enumerate(MKNAP1_OPTIMA))


def _brute_force(inst: Instance) -> float:
    best = 0.0
    for chosen in itertools.product((0, 1), repeat=inst.n):
        fits = all(
            sum(r * x for r, x in zip(row, chosen, strict=True)) <= b
            for row, b in zip(inst.weights, inst.capacities, strict=True)
        )
        if fits:
            best = max(best, sum(p * x for p, x in zip(inst.profits, chosen, strict=True)))
    return best


@pytest.mark.parametrize("k", [0, 1])
def test_mknap1_small_problems_by_enumeration(k):
    """The parsed rows and capacities (orientation n, m) reproduce the stated optimum, without any solver."""
    assert _brute_force(MKNAP1[k]) == pytest.approx(MKNAP1[k].optimum, abs=1e-9)


def test_mknap2_sizes_names_and_best_known():
    assert len(MKNAP2) == 48
    assert [inst.name for inst in MKNAP2] == MKNAP2_NAMES
    for inst in MKNAP2:
        assert inst.optimum is not None and inst.optimum > 0
        assert len(inst.weights) == inst.m and all(len(row) == inst.n for row in inst.weights)
    by_name = {inst.name: inst for inst in MKNAP2}
    # m comes first in the file: WEING1 is 2 knapsacks x 28 objects (the file's own worked example)
    assert (by_name["WEING1"].m, by_name["WEING1"].n) == (2, 28)
    assert by_name["WEING1"].capacities == [600, 600]
    assert (by_name["SENTO1"].m, by_name["SENTO1"].n) == (30, 60)
    assert (by_name["WEING7"].m, by_name["WEING7"].n, by_name["WEING7"].optimum) == (2, 105, 1095445)
    csv_values = best_known("mknap2.txt")
    assert set(csv_values) == set(MKNAP2_NAMES)
    for inst in MKNAP2:
        # the CSV writes 6 significant digits (WEING7: 1.09544e+06); the file's optimum is exact
        assert csv_values[inst.name] == float(f"{inst.optimum:.6g}"), inst.name


def test_mknapcb_sizes_and_names():
    assert len(MKNAPCB1) == 30
    assert [inst.name for inst in MKNAPCB1] == [f"5.100-{k:02d}" for k in range(30)]
    for inst in MKNAPCB1:
        assert (inst.n, inst.m, inst.optimum) == (100, 5, None)
        assert len(inst.weights) == 5 and all(len(row) == 100 for row in inst.weights)
    mknapcb4 = read_mknapcb(ORLIB / "mknapcb4.txt")
    assert [(inst.name, inst.n, inst.m) for inst in mknapcb4] == [
        (f"10.100-{k:02d}", 100, 10) for k in range(30)
    ]
    csv_values = best_known("mknapcb1.txt")
    assert sorted(csv_values) == [inst.name for inst in MKNAPCB1]
    assert csv_values["5.100-00"] == 24381
    # tightness b_i / sum_j r_ij is 0.25, 0.50, 0.75 for problems 0-9, 10-19, 20-29 (README)
    for k, inst in enumerate(MKNAPCB1):
        for row, b in zip(inst.weights, inst.capacities, strict=True):
            assert b / sum(row) == pytest.approx((k // 10 + 1) * 0.25, abs=0.01)


def test_write_case_layout(tmp_path):
    inst = MKNAP1[1]
    path = write_case(inst, tmp_path / "case.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Projects", "Settings"]
    rows = list(wb["Projects"].iter_rows(values_only=True))
    assert rows[0] == ("id", "name", *[f"capex_{2000 + i}" for i in range(1, 11)], "npv")
    assert len(rows) == 1 + inst.n
    assert [r[0] for r in rows[1:]] == project_ids(inst.n) == [f"P{j:03d}" for j in range(1, 11)]
    for j, row in enumerate(rows[1:]):
        assert list(row[2:12]) == [inst.weights[i][j] for i in range(10)]
        assert row[12] == inst.profits[j]
    settings = list(wb["Settings"].iter_rows(values_only=True))
    assert settings[0] == ("key", "value")
    pairs = dict(settings[1:])
    assert pairs == {
        **{f"budget_{2000 + i}": inst.capacities[i - 1] for i in range(1, 11)},
        "mip_gap": 0,
        "objective": "npv",
    }


# ---------------------------------------------------------------- the engine on the benchmarks


def _tolerance(inst: Instance, optimum: float) -> float:
    integral = float(optimum).is_integer() and all(float(p).is_integer() for p in inst.profits)
    return 0.5 if integral else 1e-6 * max(1.0, abs(optimum))


def _solve_in_process(inst: Instance, tmp_path: Path, *extra: str) -> dict:
    from optimizer.cli import main as cli_main

    xlsx = write_case(inst, tmp_path / f"{inst.name}.xlsx")
    out = tmp_path / f"{inst.name}.json"
    rc = cli_main(["solve", str(xlsx), "--json", str(out), "--gap", "0", *extra])
    assert rc == 0, f"{inst.name}: exit status {rc}"
    return json.loads(out.read_text())


def _check_result(inst: Instance, result: dict, optimum: float) -> None:
    tol = _tolerance(inst, optimum)
    assert result["status"] == "optimal", f"{inst.name}: status {result['status']!r}"
    assert result["objective"] == "npv"
    value = result["objective_value"]
    assert abs(value - optimum) <= tol, f"{inst.name}: objective {value}, known optimum {optimum}"

    index = {pid: j for j, pid in enumerate(project_ids(inst.n))}
    ids = [entry["id"] for entry in result["selected"]]
    assert len(set(ids)) == len(ids), f"{inst.name}: a project selected twice: {ids}"
    unknown = [pid for pid in ids if pid not in index]
    assert not unknown, f"{inst.name}: unknown project ids {unknown}"
    for entry in result["selected"]:
        assert abs(entry["share"] - 1.0) <= 1e-6, f"{inst.name}: all-or-nothing project got {entry}"
        assert entry["start_year"] == FIRST_YEAR, f"{inst.name}: no deferral allowed, got {entry}"
    chosen = [index[pid] for pid in ids]
    for i, (row, b) in enumerate(zip(inst.weights, inst.capacities, strict=True)):
        spend = sum(row[j] for j in chosen)
        assert spend <= b + 1e-9, f"{inst.name}: budget_{FIRST_YEAR + i} exceeded: {spend} > {b}"
    profit = sum(inst.profits[j] for j in chosen)
    assert abs(profit - value) <= tol, f"{inst.name}: selected npv sum {profit} != objective {value}"


@pytest.mark.parametrize("inst", MKNAP1, ids=lambda inst: inst.name)
def test_engine_mknap1(inst, tmp_path):
    _check_result(inst, _solve_in_process(inst, tmp_path), inst.optimum)


@pytest.mark.parametrize("inst", MKNAP2, ids=lambda inst: inst.name)
def test_engine_mknap2(inst, tmp_path):
    _check_result(inst, _solve_in_process(inst, tmp_path), inst.optimum)


def test_engine_subprocess_end_to_end(tmp_path):
    inst = MKNAP1[2]
    xlsx = write_case(inst, tmp_path / "case.xlsx")
    out = tmp_path / "result.json"
    proc = subprocess.run(
        [sys.executable, "main.py", "solve", str(xlsx), "--json", str(out), "--gap", "0"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, f"exit {proc.returncode}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    _check_result(inst, json.loads(out.read_text()), inst.optimum)


@pytest.mark.parametrize("name", MKNAPCB1_FAST)
def test_engine_mknapcb1(name, tmp_path):
    inst = next(inst for inst in MKNAPCB1 if inst.name == name)
    optimum = best_known("mknapcb1.txt")[name]  # proven optimal (README)
    _check_result(inst, _solve_in_process(inst, tmp_path, "--time-limit", "300"), optimum)


def test_time_limit_returns_the_portfolio_in_hand_with_its_gap(tmp_path):
    # 5.100-12 takes HiGHS over a minute to prove: one second gives a portfolio and a proven gap.
    inst = next(inst for inst in MKNAPCB1 if inst.name == "5.100-12")
    optimum = best_known("mknapcb1.txt")["5.100-12"]
    result = _solve_in_process(inst, tmp_path, "--time-limit", "1")
    assert result["status"] in ("feasible", "optimal")
    value, bound = result["objective_value"], result["bound"]
    assert value <= optimum + 0.5 <= bound + 1  # the bound is a true upper bound on the optimum
    assert result["gap"] == pytest.approx(abs(bound - value) / max(1.0, abs(value)))
    chosen = {e["id"] for e in result["selected"]}
    index = {pid: j for j, pid in enumerate(project_ids(inst.n))}
    for row, b in zip(inst.weights, inst.capacities, strict=True):
        assert sum(row[index[pid]] for pid in chosen) <= b + 1e-9


def test_no_portfolio_within_the_time_limit_exits_4(tmp_path):
    from optimizer.cli import main as cli_main

    inst = next(inst for inst in MKNAPCB1 if inst.name == "5.100-12")
    xlsx = write_case(inst, tmp_path / "case.xlsx")
    out = tmp_path / "result.json"
    # A millisecond: less than HiGHS needs to read the model, let alone find a portfolio (0 is no time limit the
    # command takes, like the Settings' time_limit).
    assert cli_main(["solve", str(xlsx), "--json", str(out), "--time-limit", "0.001"]) == 4
    assert json.loads(out.read_text())["status"] == "no_solution"
