"""Risk: downside and CVaR recomputed by hand and from the triangular distribution's closed form;
risk aversion against a hand-solved case; the risk_aversion setting read and written."""

from __future__ import annotations

import json
import math

import pytest

from optimizer import cli
from optimizer.analysis.frontier import risk_frontier
from optimizer.analysis.risk import cvar, has_npv_ranges, portfolio_risk, triangular_npvs
from optimizer.errors import AnalysisError, CaseError
from optimizer.io.case_writer import write_case
from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from optimizer.solve.solver import Funding
from tests.builders import make_workbook


def _case(tmp_path, projects, settings=None, enterprise=None, name="case.xlsx"):
    return read_case(make_workbook(tmp_path / name, projects, settings or {}, enterprise))


def test_pessimistic_and_optimistic_npv_by_hand(tmp_path):
    projects = [
        {"id": "A", "name": "A", "capex_2027": 5.0, "capex_2028": 0.0, "npv": 10.0, "npv_low": 4.0,
         "npv_high": 13.0, "latest_start": 2028, "min_share": 0.5},
        {"id": "B", "name": "B", "capex_2027": 3.0, "capex_2028": 0.0, "npv": 6.0, "npv_low": 5.0},
        {"id": "C", "name": "C", "capex_2027": 2.0, "capex_2028": 0.0, "npv": 2.0},  # no range: certain
    ]
    case = _case(tmp_path, projects, enterprise={"capital_cost_rate": 0.06})
    portfolio = {"A": Funding(0.5, 2028), "B": Funding(1.0, 2027), "C": Funding(1.0, 2027)}
    risk = portfolio_risk(case, portfolio)
    # A half funded, one year late: its NPVs count 0.5 / 1.06. B has no high case: its npv.
    assert risk.expected_npv == pytest.approx(0.5 * 10 / 1.06 + 6 + 2)
    assert risk.pessimistic_npv == pytest.approx(0.5 * 4 / 1.06 + 5 + 2)
    assert risk.optimistic_npv == pytest.approx(0.5 * 13 / 1.06 + 6 + 2)
    assert risk.downside == pytest.approx(0.5 * 6 / 1.06 + 1)
    assert risk.pessimistic_npv <= risk.cvar <= risk.scenario_mean <= risk.optimistic_npv


def test_cvar_of_one_triangular_project_matches_the_closed_form(tmp_path):
    # For X ~ triangular(a, c, b) with the 10% quantile q below c: F(x) = (x - a)^2 / ((b - a)(c - a)),
    # q = a + sqrt(0.1 (b - a)(c - a)), and E[X | X <= q] = a + 2/3 (q - a). The mean is (a + b + c) / 3.
    a, c, b = 2.0, 10.0, 14.0
    projects = [{"id": "A", "name": "A", "capex_2027": 5.0, "npv": c, "npv_low": a, "npv_high": b},
                {"id": "B", "name": "B", "capex_2027": 1.0, "npv": 1.0}]
    case = _case(tmp_path, projects)
    risk = portfolio_risk(case, {"A": Funding(1.0, 2027), "B": Funding(1.0, 2027)}, count=200_000, seed=7)
    expected = a + 2 / 3 * math.sqrt(0.1 * (b - a) * (c - a)) + 1.0  # B adds its certain 1.0 to every scenario
    assert risk.cvar == pytest.approx(expected, rel=5e-3)
    assert risk.scenario_mean == pytest.approx((a + b + c) / 3 + 1.0, rel=2e-3)
    draws = triangular_npvs(case, 50_000, seed=7)
    assert draws[:, 0].min() >= a and draws[:, 0].max() <= b and (draws[:, 1] == 1.0).all()


def test_cvar_is_the_mean_of_the_worst_tenth():
    values = list(range(1, 21))  # worst 10% of 20 values: 1 and 2
    assert cvar(values, 0.9) == pytest.approx(1.5)
    assert cvar([5.0, 1.0, 3.0], 0.9) == pytest.approx(1.0)  # at least one value


def test_same_seed_same_figures_and_no_ranges_no_risk(tmp_path):
    projects = [{"id": "A", "name": "A", "capex_2027": 5.0, "npv": 10.0, "npv_low": 4.0, "npv_high": 13.0}]
    case = _case(tmp_path, projects)
    portfolio = {"A": Funding(1.0, 2027)}
    assert portfolio_risk(case, portfolio) == portfolio_risk(case, portfolio)
    assert portfolio_risk(case, portfolio, seed=1).cvar != portfolio_risk(case, portfolio, seed=2).cvar
    flat = _case(tmp_path, [{"id": "A", "name": "A", "capex_2027": 5.0, "npv": 10.0}], name="flat.xlsx")
    assert not has_npv_ranges(flat) and portfolio_risk(flat, portfolio) is None


def _risky_and_safe(tmp_path, **settings):
    """Room for one project: A NPV 10 (low 2), B NPV 8 (low 7). With risk aversion λ the objective
    per project is NPV − λ (NPV − low): A 10 − 8λ, B 8 − λ, equal at λ = 2/7."""
    projects = [{"id": "A", "name": "Risky", "capex_2027": 5.0, "npv": 10.0, "npv_low": 2.0, "npv_high": 12.0},
                {"id": "B", "name": "Safe", "capex_2027": 5.0, "npv": 8.0, "npv_low": 7.0, "npv_high": 9.0}]
    return _case(tmp_path, projects, {"total_budget": 5.0, **settings})


@pytest.mark.parametrize(("aversion", "chosen", "objective"), [(0.0, "A", 10.0), (0.2, "A", 8.4), (0.4, "B", 7.6),
                                                                 (1.0, "B", 7.0)])
def test_risk_aversion_trades_expected_npv_for_the_downside(tmp_path, aversion, chosen, objective):
    case = apply_overrides(_risky_and_safe(tmp_path), {"risk_aversion": str(aversion)})
    result = Planner().solve(case)
    assert [s.id for s in result.selected] == [chosen]
    assert result.solution.objective_value == pytest.approx(objective)


def test_npv_risk_frontier(tmp_path):
    frontier = risk_frontier(_risky_and_safe(tmp_path))
    assert [p.value for p in frontier.points] == pytest.approx([i / 10 for i in range(11)])
    chosen = [p.selected[0]["id"] for p in frontier.points]
    assert chosen == ["A"] * 3 + ["B"] * 8  # the switch at λ = 2/7
    assert [p.risk.expected_npv for p in frontier.points] == pytest.approx([10.0] * 3 + [8.0] * 8)
    assert [p.risk.pessimistic_npv for p in frontier.points] == pytest.approx([2.0] * 3 + [7.0] * 8)
    assert frontier.points[0].risk.cvar < frontier.points[-1].risk.cvar
    assert frontier.sentence(2, 3) == ("Raising the risk aversion from 0.2 to 0.3 gives up 2.0 of expected NPV "
                                       "and raises the pessimistic NPV by 5.0.")
    assert frontier.sentence(3, 4) == "Raising the risk aversion from 0.3 to 0.4 changes nothing."


def test_risk_frontier_needs_ranges_and_the_npv_objective(tmp_path):
    flat = _case(tmp_path, [{"id": "A", "name": "A", "capex_2027": 5.0, "npv": 10.0}])
    with pytest.raises(AnalysisError, match="no project gives an NPV range"):
        risk_frontier(flat)
    with pytest.raises(AnalysisError, match="npv objective"):
        risk_frontier(_risky_and_safe(tmp_path, objective="score"))


def test_risk_aversion_is_read_checked_written_and_reported(tmp_path):
    case = _risky_and_safe(tmp_path, **{"风险厌恶系数": 0.4})
    assert case.settings.risk_aversion == pytest.approx(0.4)
    write_case(case, tmp_path / "again.xlsx")
    assert read_case(tmp_path / "again.xlsx").settings.risk_aversion == pytest.approx(0.4)
    with pytest.raises(CaseError, match="risk aversion between 0"):
        apply_overrides(case, {"risk_aversion": "1.5"})
    out = tmp_path / "result.json"
    code = cli.main(["solve", str(tmp_path / "case.xlsx"), "--json", str(out), "--set", "risk_aversion=0.4"])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0 and [s["id"] for s in data["selected"]] == ["B"]
    assert data["risk"]["pessimistic_npv"] == pytest.approx(7.0)
    assert data["risk"]["expected_npv"] == pytest.approx(8.0)
    assert data["risk"]["risk_aversion"] == pytest.approx(0.4)
