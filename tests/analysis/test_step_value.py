"""What one step looser of a binding limit is worth (optimizer/analysis/step_value.py), checked against a fresh,
independent solve: the case read again, the loosened limit set as `--set` sets it (apply_overrides with the value
written out), solved from scratch on a new planner. Both sides are solved to a proven optimum (gap 1e-9), so the
worth must be the difference of the two optima."""

from __future__ import annotations

import json
import threading
from dataclasses import replace

import pytest

from optimizer.analysis.step_value import apply_step_values, loosened, step_values
from optimizer.cli import main
from optimizer.errors import AnalysisCancelled
from optimizer.generator import generate_case
from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.model.targets import Kind
from optimizer.planner import Planner
from optimizer.report.constraints import GROUP_COUNTS, marginal_text, step_text
from optimizer.words.language import Words
from tests.builders import ENTERPRISE, make_workbook
from tests.conftest import ROOT

DEMO = ROOT / "resources" / "demo_case.xlsx"
PROVEN = {"mip_gap": "1e-9"}
STEPS = {Kind.MONEY: 1.0, Kind.SHARE: 0.01, Kind.RATE: 0.01, Kind.GRADE: 0.1,
         Kind.PRODUCTIVITY: 1e-4}
"""One step as a planner says it, in the engine's units of a case in CNY 100m: 1 亿元, one percentage point,
a tenth of a risk grade, 1 万元/人 (0.0001 亿元 per person)."""


def _one_step_looser(key: str, kind: str, limit: float) -> float:
    size = STEPS[kind]
    return limit - size if key.startswith("min_") else limit + size


def _check_every_binding_limit(read, overrides: dict[str, str]) -> set[str]:
    """Value the binding limits of the case `read()` with `overrides`; check each against a fresh re-solve.
    Returns the keys checked."""
    result = Planner().solve(apply_overrides(read(), {**overrides, **PROVEN}))
    assert result.solution.status == "optimal"
    found = step_values(result)
    apply_step_values(result, found)
    base = result.solution.objective_value
    checked = set()
    for row in result.constraints:
        if not row.binding or row.name in GROUP_COUNTS:
            continue
        looser = _one_step_looser(row.name, row.kind, row.limit)
        assert row.step == pytest.approx(looser - row.limit, abs=1e-12), row.name
        fresh = Planner().solve(apply_overrides(read(), {**overrides, **PROVEN, row.name: repr(looser)}))
        assert fresh.solution.status == "optimal"
        expected = fresh.solution.objective_value - base
        assert row.step_value == pytest.approx(expected, abs=1e-6 * max(1.0, abs(base))), row.name
        checked.add(row.name)
    assert checked == set(found.values)
    return checked


@pytest.mark.parametrize(("overrides", "binding"), [
    ({}, {"budget_2028", "budget_2030", "total_budget"}),  # the demo as it is
    ({"min_labour_productivity": "0.0079"}, {"budget_2028", "min_labour_productivity", "min_rd_intensity"}),
    ({"max_avg_risk": "2.6"}, {"budget_2030", "max_avg_risk"}),
    ({"min_security_investment": "200"}, {"min_rd_intensity", "min_security_investment", "total_budget"}),
    # a target by year under every_year and a ceiling on every sector's share
    ({"kpi_check": "every_year", "min_profit_growth": "", "min_roe": "0.066", "min_rd_intensity": "",
      "min_operating_cash_ratio": "", "min_labour_productivity": ""}, {"budget_2030", "max_sector_share",
                                                                       "min_roe_2028"}),
])
def test_every_binding_limit_of_the_demo_is_worth_what_a_fresh_re_solve_gives(overrides, binding):
    """Each variant binds other kinds of limit (money, a rate, labour productivity, the risk grade, a target by
    year, a share of every sector), so that each kind of step is checked."""
    assert _check_every_binding_limit(lambda: read_case(DEMO), overrides) == binding


def test_every_binding_limit_of_a_generated_300_project_case():
    def read():
        return generate_case(300, seed=3)

    assert _check_every_binding_limit(read, {}) == {"total_budget", "min_security_investment"}


def test_a_loosened_limit_that_changes_nothing_is_worth_nothing_and_units_are_said():
    result = Planner().solve(read_case(DEMO))
    apply_step_values(result, step_values(result))
    rows = {c.name: c for c in result.constraints if c.binding}
    budget = rows["total_budget"]
    # in the unit the limit is shown in, both languages
    chinese = Words("zh_CN")
    assert "for 1 CNY 100m looser (re-solved)" in step_text(budget, result)
    assert "放宽 1 亿元" in chinese.text(step_text(budget, result))
    assert "local rate at the chosen projects" in marginal_text(budget, result)
    assert "在所选项目处的局部变化率" in chinese.text(marginal_text(budget, result))
    slack = [c for c in result.constraints if not c.binding]
    assert slack and all(c.step is None and c.step_value is None for c in slack)


def test_a_cancelled_valuation_stops_and_a_spent_budget_says_so():
    result = Planner().solve(read_case(DEMO))
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(AnalysisCancelled):
        step_values(result, cancel=cancel)
    found = step_values(result, budget=0.0)
    assert not found.values and found.unvalued == ["budget_2028", "budget_2030", "total_budget"]
    assert "ran out" in found.note


def test_an_answer_not_proven_is_not_valued():
    result = Planner().solve(read_case(DEMO))
    result.solution = replace(result.solution, status="feasible")
    found = step_values(result)
    assert not found.values and found.note


def test_the_solve_command_writes_step_and_step_value_for_binding_limits(tmp_path, capsys):
    out = tmp_path / "r.json"
    assert main(["solve", str(DEMO), "--json", str(out), "--set", "mip_gap=1e-9"]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))["constraints"]
    binding = [r for r in rows if r["binding"] and r["name"] not in GROUP_COUNTS]
    assert {r["name"] for r in binding} == {"budget_2028", "budget_2030", "total_budget"}
    assert all(r["step"] == 1.0 and r["step_value"] > 0 for r in binding)
    budget = next(r for r in binding if r["name"] == "budget_2030")
    base = Planner().solve(apply_overrides(read_case(DEMO), PROVEN)).solution.objective_value
    fresh = Planner().solve(apply_overrides(read_case(DEMO), {**PROVEN, "budget_2030": "161"})).solution
    assert budget["step_value"] == pytest.approx(fresh.objective_value - base, abs=1e-6 * base)
    assert all(r["step"] is None and r["step_value"] is None for r in rows if not r["binding"])
    printed = capsys.readouterr().out
    assert "for 1 CNY 100m looser (re-solved)" in printed


@pytest.mark.parametrize(("b_capex", "worth"), [
    (11, 4.0),  # one more unit lets B (NPV 9) replace A (NPV 5): +4
    (12, 0.0),  # B still does not fit: loosening changes nothing
])
def test_a_subsidiarys_budget_by_hand(tmp_path, b_capex, worth):
    """E may spend 10 in 2027: it funds A (capex 10, NPV 5) and F funds C (NPV 1); the group's budget is slack."""
    projects = [{"id": "A", "name": "A", "entity": "E", "capex_2027": 10, "npv": 5},
                {"id": "B", "name": "B", "entity": "E", "capex_2027": b_capex, "npv": 9},
                {"id": "C", "name": "C", "entity": "F", "capex_2027": 5, "npv": 1}]
    path = make_workbook(tmp_path / "case.xlsx", projects, {"budget_2027": 100, "mip_gap": 0}, ENTERPRISE,
                         entities={"E": {"budget_2027": 10}})
    result = Planner().solve(read_case(path))
    assert result.solution.objective_value == pytest.approx(6.0)
    found = step_values(result)
    assert set(found.values) == {"budget_2027@E"}
    assert found.values["budget_2027@E"].step.change == 1.0
    assert found.values["budget_2027@E"].value == pytest.approx(worth, abs=1e-9)


def test_a_plain_target_under_every_year_is_loosened_alone():
    """min_roe binds in the steady state and, under every_year, in each plan year too: loosening the steady
    state's leaves each year at 7%; loosening one year's leaves the others and the steady state."""
    case = apply_overrides(read_case(DEMO), {"kpi_check": "every_year"})
    steady = loosened(case, "min_roe", -0.01).limits_in_force
    assert steady["min_roe"] == pytest.approx(0.06)
    assert all(steady[f"min_roe_{year}"] == pytest.approx(0.07) for year in case.years)
    one_year = loosened(case, "min_roe_2028", -0.01).limits_in_force
    assert one_year["min_roe_2028"] == pytest.approx(0.06)
    assert one_year["min_roe"] == pytest.approx(0.07) and one_year["min_roe_2029"] == pytest.approx(0.07)
    assert loosened(case, "max_debt_ratio", 1.0) is None  # a debt ratio above 100% is not a limit
