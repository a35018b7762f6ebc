"""Stability: each draw's choice checked by hand against the drawn NPVs, seeded and repeatable."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from optimizer.analysis.stability import drawn_npvs, stability
from optimizer.errors import AnalysisCancelled
from optimizer.io.workbook import read_case
from tests.builders import make_workbook
from tests.reference import enumerate_all_or_nothing

PROJECTS = [  # room for one of A and B; C always fits and always pays
    {"id": "A", "name": "Risky", "capex_2027": 5.0, "npv": 10.0, "npv_low": 2.0, "npv_high": 12.0},
    {"id": "B", "name": "Safe", "capex_2027": 5.0, "npv": 8.0, "npv_low": 7.0, "npv_high": 11.0},
    {"id": "C", "name": "Sure", "capex_2027": 1.0, "npv": 3.0},
]


def _case(tmp_path, **settings):
    return read_case(make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 6.0, **settings}, None))


def test_each_draw_chooses_the_better_of_a_and_b(tmp_path):
    case = _case(tmp_path)
    steps = []
    result = stability(case, draws=24, seed=11, gap=0.0, progress=steps.append)  # each draw to proof
    draws = np.array([drawn_npvs(case, 11, k) for k in range(24)])  # draw k from its own seed (11, k)
    a_wins = int((draws[:, 0] > draws[:, 1]).sum())  # by hand: A is chosen when its drawn NPV is higher
    assert 0 < a_wins < 24, "the seed gives draws both ways"
    assert result.solved == 24 and result.recommended == ["A", "C"]
    assert result.chosen_in == {"A": a_wins, "B": 24 - a_wins, "C": 24}
    assert result.share("A") == pytest.approx(a_wins / 24)
    assert result.share("C") == 1.0
    assert [s.done for s in steps] == list(range(1, 25))


def test_each_draw_within_the_stated_gap_of_the_enumerated_best(tmp_path):
    # Ten projects, one budget: many near ties, so a draw solved to 0.5% may stop short of the best.
    rng = np.random.default_rng(7)
    projects = []
    for i in range(10):
        npv = float(rng.uniform(5.0, 15.0))
        projects.append({"id": f"P{i}", "name": f"Project {i}", "capex_2027": float(rng.uniform(2.0, 6.0)),
                         "npv": npv, "npv_low": npv * 0.6, "npv_high": npv * 1.3})
    settings = {"total_budget": 18.0}
    case = read_case(make_workbook(tmp_path / "ten.xlsx", projects, settings, None))
    result = stability(case, draws=12, seed=5)
    assert result.gap == pytest.approx(0.005) and result.solved == 12
    assert 0.0 <= result.largest_gap <= 0.005 + 1e-9
    exact = stability(case, draws=12, seed=5, gap=0.0)
    draws = np.array([drawn_npvs(case, 5, k) for k in range(12)])
    for k, (chosen, proven) in enumerate(zip(result.draw_portfolios, exact.draw_portfolios, strict=True)):
        drawn = [{**p, "npv": float(v)} for p, v in zip(projects, draws[k], strict=True)]
        best, _ = enumerate_all_or_nothing(drawn, settings)
        value = {p["id"]: p["npv"] for p in drawn}
        assert sum(value[pid] for pid in proven) == pytest.approx(best, abs=1e-7)
        assert (best - sum(value[pid] for pid in chosen)) / max(1.0, best) <= 0.005 + 1e-9
    counted = {p["id"]: sum(p["id"] in chosen for chosen in result.draw_portfolios) for p in projects}
    assert result.chosen_in == counted


def test_same_seed_same_answer(tmp_path):
    case = _case(tmp_path)
    assert stability(case, draws=8, seed=3).chosen_in == stability(case, draws=8, seed=3).chosen_in


def test_risk_aversion_keeps_weighing_the_range(tmp_path):
    # With λ = 1 the objective is the pessimistic NPV: B (low 7) beats A (low 2) whatever NPV is drawn.
    result = stability(_case(tmp_path, risk_aversion=1.0), draws=6, seed=11)
    assert result.chosen_in == {"A": 0, "B": 6, "C": 6}


def test_eva_does_not_depend_on_npv_and_cancel(tmp_path):
    projects = [{**p, "profit": 1.0} for p in PROJECTS]
    case = read_case(make_workbook(tmp_path / "eva.xlsx", projects, {"total_budget": 6.0, "objective": "eva"}, None))
    result = stability(case, draws=5)
    assert "does not depend" in result.note
    assert all(result.share(pid) == 1.0 for pid in result.recommended)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(AnalysisCancelled):
        stability(_case(tmp_path), draws=3, cancel=cancel)
