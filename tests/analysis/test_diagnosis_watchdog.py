"""A solver that hangs while the diagnosis runs is given up and reported, as in any solve: the
diagnosis's own solves (Dinkelbach's method for the best reachable value of a ratio target) run on the
same watched HiGHS run (optimizer/solve/highs.py), never on an unbounded wait. The fault is injected where HiGHS runs
(highspy.Highs.run), as tests/test_reliability.py does for the solve itself."""

from __future__ import annotations

import json
import threading
import time

import highspy
import numpy as np
import pytest

from optimizer import cli
from optimizer.analysis.diagnosis import diagnose
from optimizer.errors import SolverFailure
from optimizer.io.workbook import read_case
from optimizer.solve import highs
from tests.builders import make_workbook

# C is mandatory and not a strategic emerging industry; A (capex 10) is the only strategic project. The
# best strategic share, by hand: {C, A} = 10 / 18; adding B, D or E only adds non-strategic capex.
PROJECTS = [
    {"id": "A", "name": "Wind farm", "capex_2027": 6, "capex_2028": 4, "npv": 5, "strategic_category": "新能源"},
    {"id": "B", "name": "Grid link", "capex_2027": 5, "capex_2028": 1, "npv": 4, "requires": "A"},
    {"id": "C", "name": "Smelter", "capex_2027": 8, "npv": 3, "mandatory": True},
    {"id": "D", "name": "Storage", "capex_2027": 3, "capex_2028": 3, "npv": 2.5, "exclusive_group": "S"},
    {"id": "E", "name": "Storage bis", "capex_2027": 4, "npv": 2, "exclusive_group": "S"},
]
SETTINGS = {"total_budget": 20, "budget_2027": 16, "min_strategic_share": 0.95}
BEST_SHARE = 10 / 18
SAFETY_SECONDS = 10  # a hung solve is given up after its time limit (0.2 s) and the grace (0.5 s here)


@pytest.fixture
def case_path(tmp_path):
    return make_workbook(tmp_path / "case.xlsx", PROJECTS, SETTINGS)


@pytest.fixture
def hang_in_dinkelbach(monkeypatch):
    """HiGHS hangs on the models of Dinkelbach's method (the only ones with a column unbounded below: the
    level reached) and runs as usual on the others; a hung run is released when the test ends."""
    real, release, hung = highspy.Highs.run, threading.Event(), []

    def run(self):
        if np.any(np.isneginf(np.asarray(self.getLp().col_lower_))):
            hung.append(True)
            release.wait(30)
            return highspy.HighsStatus.kError
        return real(self)

    monkeypatch.setattr(highspy.Highs, "run", run)
    monkeypatch.setattr(highs, "WATCHDOG_GRACE", 0.5)
    yield hung
    release.set()


def test_the_diagnosis_without_a_fault_finds_the_hand_solved_best_share(case_path):
    [item] = diagnose(read_case(case_path))
    assert item.constraint == "min_strategic_share" and item.best_reachable == pytest.approx(BEST_SHARE, rel=1e-9)


def test_a_solver_that_hangs_in_the_diagnosis_is_given_up(case_path, hang_in_dinkelbach):
    case = read_case(case_path)
    started = time.perf_counter()
    with pytest.raises(SolverFailure, match=r"^the solver HiGHS failed: it did not stop at its time limit of "
                                            r"0.2 s and was given up after 0.7 s$"):
        diagnose(case, time_limit=0.2)
    assert time.perf_counter() - started < SAFETY_SECONDS
    assert hang_in_dinkelbach == [True]  # the solve that hung is Dinkelbach's, given up at once


def test_the_command_reports_a_hang_in_the_diagnosis_and_the_next_solve_goes_on(case_path, capsys, monkeypatch,
                                                                                hang_in_dinkelbach):
    answer = case_path.parent / "result.json"
    started = time.perf_counter()
    code = cli.main(["solve", str(case_path), "--time-limit", "0.2", "--json", str(answer)])
    printed = capsys.readouterr()
    assert time.perf_counter() - started < SAFETY_SECONDS
    assert code == 1 and "Traceback" not in printed.out + printed.err
    assert "the solver HiGHS failed: it did not stop at its time limit of 0.2 s" in printed.err
    assert not answer.exists()
    monkeypatch.undo()  # HiGHS as it is: the same process diagnoses the case
    assert cli.main(["solve", str(case_path), "--json", str(answer)]) == 3
    [item] = json.loads(answer.read_text(encoding="utf-8"))["diagnosis"]
    assert item["best_reachable"] == pytest.approx(BEST_SHARE, rel=1e-9)
