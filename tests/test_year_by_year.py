"""The figures year by year and the targets by year (workbook.md, "Year by year"; issue 14), against answers from
outside the engine: numbers worked by hand, and every portfolio of small cases enumerated with the contract's
formulas (tests/reference_years.py)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from optimizer import cli
from optimizer.io.workbook import read_case
from optimizer.model.measures import Figures
from tests import reference_years as ref
from tests.builders import (
    BORROWING_IN_2028,
    ENTERPRISE,
    HAND_ENTERPRISE,
    HAND_PROJECT,
    MIDDLE_YEAR,
    make_workbook,
)

YEARS = (2027, 2028, 2029)


def yearly_projects(seed: int, n: int = 6) -> list[dict]:
    """`n` random projects over 2027-2029 with build years, some deferrable by a year."""
    rng = np.random.default_rng(seed)
    projects = []
    for i in range(n):
        p = {
            "id": f"P{i}", "name": f"Project {i}",
            "capex_2027": round(rng.uniform(5, 40), 1), "capex_2028": round(rng.uniform(0, 40), 1),
            "capex_2029": round(rng.uniform(0, 15), 1),
            "equity_ratio": round(rng.uniform(0.2, 0.6), 2), "npv": round(rng.uniform(1, 15), 2),
            "irr": 0.09, "revenue": round(rng.uniform(5, 60), 1), "profit": round(rng.uniform(-1, 9), 2),
            "operating_cash_flow": round(rng.uniform(0, 9), 2), "rd_spend": round(rng.uniform(0, 4), 2),
            "value_added": round(rng.uniform(0, 12), 2), "headcount": int(rng.integers(0, 800)),
            "build_years": int(rng.integers(0, 3)),
        }
        if i % 3 == 0:
            p["latest_start"] = 2028
        projects.append(p)
    return projects


def yearly_outlook(seed: int) -> dict[str, dict[int, float]]:
    """The baseline business growing unevenly, some items and years left flat."""
    rng = np.random.default_rng(seed + 1000)
    outlook: dict[str, dict[int, float]] = {}
    for item in ("revenue", "total_profit", "net_profit", "total_assets", "total_liabilities", "rd_spend"):
        growth = 1.0
        for year in YEARS:
            growth *= rng.uniform(0.97, 1.08)
            if rng.random() < 0.8:
                outlook.setdefault(item, {})[year] = round(ENTERPRISE[item] * growth, 2)
    return outlook


def shares_of(figures: Figures, portfolio: dict[str, tuple[float, int]]) -> np.ndarray:
    ids = [p.id for p in figures.case.projects]
    return np.array([portfolio[ids[o.project]][0] if ids[o.project] in portfolio
                     and portfolio[ids[o.project]][1] == o.start_year else 0.0 for o in figures.options])


def solve(tmp_path, projects, settings, enterprise=ENTERPRISE, outlook=None):
    path = make_workbook(tmp_path / "case.xlsx", projects, settings, enterprise, outlook=outlook)
    out = tmp_path / "result.json"
    code = cli.main(["solve", str(path), "--json", str(out), "--gap", "0"])
    return code, json.loads(out.read_text(encoding="utf-8"))


# --- by hand --------------------------------------------------------------------------------------------------
def _hand_figures(tmp_path, enterprise, outlook=None):
    path = make_workbook(tmp_path / "hand.xlsx", [HAND_PROJECT], {}, enterprise, outlook=outlook)
    figures = Figures(read_case(path))
    x = np.ones(1)
    return lambda name, year: float(getattr(figures, name)(year).rows(x)[0])


def test_roe_on_average_net_assets_and_the_debt_ratio_by_hand(tmp_path):
    figure = _hand_figures(tmp_path, HAND_ENTERPRISE)
    # net assets: 400 at the end of 2026, + half of the 40 spent in 2027, + half of 80 by the end of 2028
    # net profit: 40 until the plant runs, from 2028 (build_years 1) 40 + 0.75 x 8 = 46
    assert figure("roe", 2027) == pytest.approx(40 / ((400 + 420) / 2))
    assert figure("roe", 2028) == pytest.approx(46 / ((420 + 440) / 2))
    assert figure("roe", 2029) == pytest.approx(46 / ((440 + 440) / 2))
    assert figure("debt_ratio", 2027) == pytest.approx((600 + 20) / (1000 + 40))
    assert figure("debt_ratio", 2028) == pytest.approx((600 + 40) / (1000 + 80))
    assert figure("profit_growth", 2027) == pytest.approx(0.0)
    assert figure("profit_growth", 2028) == pytest.approx(58 / 50 - 1)
    assert figure("total_profit", 2028) == pytest.approx(58)
    assert figure("rd_intensity", 2027) == pytest.approx(10 / 500)
    assert figure("rd_intensity", 2028) == pytest.approx(10 / 520)
    # the steady state: every project at full effect, all its capex spent
    assert figure("roe", None) == pytest.approx(46 / 440)


def test_own_funds_against_new_capital_by_hand(tmp_path):
    figure = _hand_figures(tmp_path, {**HAND_ENTERPRISE, "equity_source": "own_funds"})
    # the equity part is paid from the group's cash: assets grow by the debt part only, net assets stay 400
    assert figure("debt_ratio", 2027) == pytest.approx((600 + 20) / (1000 + 20))
    assert figure("debt_ratio", 2028) == pytest.approx((600 + 40) / (1000 + 40))
    assert figure("roe", 2027) == pytest.approx(40 / 400)
    assert figure("roe", 2028) == pytest.approx(46 / 400)
    assert figure("roe", None) == pytest.approx(46 / 400)
    assert figure("debt_ratio", None) == pytest.approx(640 / 1040)
    chinese = _hand_figures(tmp_path, {**HAND_ENTERPRISE, "资本金来源": "自有资金"})
    assert chinese("debt_ratio", 2027) == pytest.approx(620 / 1020)


def test_the_outlook_moves_the_baseline_and_the_net_assets_by_hand(tmp_path):
    outlook = {"total_assets": {2028: 1100.0}, "total_liabilities": {2028: 650.0}, "net_profit": {2029: 44.0}}
    figure = _hand_figures(tmp_path, HAND_ENTERPRISE, outlook)
    # 2028: the baseline's net assets are 1100 - 650 = 450, plus the 40 of equity spent: 490
    assert figure("roe", 2028) == pytest.approx(46 / ((420 + 490) / 2))
    assert figure("debt_ratio", 2028) == pytest.approx((650 + 40) / (1100 + 80))
    # 2029 is flat again (the Enterprise's 400 of net assets) but its net profit is the outlook's
    assert figure("roe", 2029) == pytest.approx((44 + 6) / ((490 + 440) / 2))


# --- every portfolio, enumerated -------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("equity_source", ["new_capital", "own_funds"])
def test_the_figures_of_every_portfolio_in_every_year(tmp_path, seed, equity_source):
    projects, outlook = yearly_projects(seed), yearly_outlook(seed)
    enterprise = {**ENTERPRISE, "equity_source": equity_source}
    case = read_case(make_workbook(tmp_path / "case.xlsx", projects, {}, enterprise, outlook=outlook))
    figures = Figures(case)
    checked = 0
    for portfolio in ref.every_choice(projects):
        x = shares_of(figures, portfolio)
        for year in YEARS:
            for name in ref.FIGURES:
                engine = float(getattr(figures, name)(year).rows(x)[0])
                expected = ref.year_figure(projects, portfolio, enterprise, outlook, year, name, equity_source)
                assert engine == pytest.approx(expected, rel=1e-9, abs=1e-12), (portfolio, year, name)
                checked += 1
    assert checked == 2 ** 4 * 3 ** 2 * len(YEARS) * len(ref.FIGURES)


def _level(projects, enterprise, outlook, key, year, equity_source="new_capital"):
    """A level of target `key` in `year` halfway between the unconstrained optimum's figure and the best any
    portfolio reaches: the optimum breaks it, some portfolio keeps it."""
    name, sense = ref.TARGETS[key]
    _, optimum = ref.yearly_optimum(projects, {}, enterprise, outlook, equity_source)
    at_optimum = ref.year_figure(projects, optimum, enterprise, outlook, year, name, equity_source)
    values = [ref.year_figure(projects, p, enterprise, outlook, year, name, equity_source)
              for p in ref.every_choice(projects)]
    best = max(values) if sense == "min" else min(values)
    return round((at_optimum + best) / 2, 6)


@pytest.mark.parametrize("key", sorted(ref.TARGETS))
def test_the_optimum_under_a_target_in_one_year_matches_enumeration(tmp_path, key):
    projects, outlook = yearly_projects(7), yearly_outlook(7)
    year = 2028
    settings = {f"{key}_{year}": _level(projects, ENTERPRISE, outlook, key, year)}
    expected, _ = ref.yearly_optimum(projects, settings, ENTERPRISE, outlook)
    unconstrained, _ = ref.yearly_optimum(projects, {}, ENTERPRISE, outlook)
    assert expected is not None and expected < unconstrained - 1e-6, "the target should bind"
    code, result = solve(tmp_path, projects, settings, ENTERPRISE, outlook)
    assert code == 0, result
    assert result["objective_value"] == pytest.approx(expected, abs=1e-6)
    portfolio = {s["id"]: (s["share"], s["start_year"]) for s in result["selected"]}
    assert ref.broken_yearly(projects, portfolio, ENTERPRISE, outlook, settings) == []
    row = next(c for c in result["constraints"] if c["name"] == f"{key}_{year}")
    assert row["limit"] == pytest.approx(settings[f"{key}_{year}"])


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_several_targets_by_year_and_every_year_match_enumeration(tmp_path, seed):
    projects, outlook = yearly_projects(seed), yearly_outlook(seed)
    settings = {"kpi_check": "every_year",
                "max_debt_ratio": _level(projects, ENTERPRISE, outlook, "max_debt_ratio", 2029),
                "min_roe_2028": _level(projects, ENTERPRISE, outlook, "min_roe", 2028),
                "min_rd_intensity_2027": _level(projects, ENTERPRISE, outlook, "min_rd_intensity", 2027)}
    expected, _ = ref.yearly_optimum(projects, settings, ENTERPRISE, outlook)
    code, result = solve(tmp_path, projects, settings, ENTERPRISE, outlook)
    if expected is None:
        assert code == 3 and result["status"] == "infeasible"
        return
    assert code == 0, result
    assert result["objective_value"] == pytest.approx(expected, abs=1e-6)
    for year in YEARS:
        kpis = result["kpis_by_year"][str(year)]
        assert kpis["debt_ratio"]["target"] == pytest.approx(settings["max_debt_ratio"])
        assert kpis["debt_ratio"]["met"] is True
    assert result["kpis_by_year"]["2028"]["roe"]["target"] == pytest.approx(settings["min_roe_2028"])
    assert result["kpis_by_year"]["2027"]["roe"]["target"] is None


def test_every_year_holds_a_middle_year_that_the_steady_state_does_not_see(tmp_path):
    # Two plants build in 2027-2028 and earn from 2029, while the baseline business borrows more in 2028 and
    # pays it back in 2029. The debt ratio peaks in 2028: the steady state and the other years keep the
    # ceiling with every project, 2028 does not.
    enterprise, outlook, projects = HAND_ENTERPRISE, BORROWING_IN_2028, MIDDLE_YEAR
    everything = {"A": (1.0, 2027), "B": (1.0, 2027), "C": (1.0, 2027)}
    by_year = {year: ref.year_figure(projects, everything, enterprise, outlook, year, "debt_ratio") for year in YEARS}
    steady = (600 + 0.8 * 120 + 0.8 * 100 + 0.5 * 10) / (1000 + 230)
    assert by_year[2028] == pytest.approx((640 + 0.8 * 120 + 0.8 * 100 + 0.5 * 10) / (1010 + 230))
    assert max(by_year[2027], by_year[2029], steady) < by_year[2028]
    ceiling = round((by_year[2028] + max(by_year[2027], by_year[2029], steady)) / 2, 4)

    every_year = {"max_debt_ratio": ceiling, "kpi_check": "every_year"}
    expected, best = ref.yearly_optimum(projects, every_year, enterprise, outlook)
    assert set(best) != set(everything)
    code, steady_only = solve(tmp_path, projects, {"max_debt_ratio": ceiling}, enterprise, outlook)
    assert code == 0 and {s["id"] for s in steady_only["selected"]} == set(everything)
    assert steady_only["kpis_by_year"]["2028"]["debt_ratio"]["after"] == pytest.approx(by_year[2028])
    assert steady_only["kpis_by_year"]["2028"]["debt_ratio"]["target"] is None

    code, result = solve(tmp_path, projects, every_year, enterprise, outlook)
    assert code == 0, result
    assert result["objective_value"] == pytest.approx(expected, abs=1e-6)
    assert {s["id"] for s in result["selected"]} == set(best)
    assert {c["name"] for c in result["constraints"] if c["name"].startswith("max_debt_ratio")} == \
        {"max_debt_ratio", "max_debt_ratio_2027", "max_debt_ratio_2028", "max_debt_ratio_2029"}
    # the middle year alone makes the difference
    code, middle = solve(tmp_path, projects, {"max_debt_ratio_2028": ceiling}, enterprise, outlook)
    assert middle["objective_value"] == pytest.approx(expected, abs=1e-6)
    others = {"max_debt_ratio": ceiling, "max_debt_ratio_2027": ceiling, "max_debt_ratio_2029": ceiling}
    code, without_middle = solve(tmp_path, projects, others, enterprise, outlook)
    assert {s["id"] for s in without_middle["selected"]} == set(everything)


# --- what the answer says about a target by year ----------------------------------------------------------------
def _middle_year_case(tmp_path, settings):
    return make_workbook(tmp_path / "middle.xlsx", MIDDLE_YEAR, settings, HAND_ENTERPRISE, outlook=BORROWING_IN_2028)


def test_a_project_held_out_by_a_target_by_year_is_told_so_with_the_year(tmp_path, capsys):
    # by hand: C alone keeps the 2028 debt ratio at (640 + 5) / (1010 + 10) = 63.24%; with A as well it would be
    # (640 + 5 + 96) / (1010 + 130) = 65.00%, with B (640 + 5 + 80) / (1010 + 110) = 64.73%, both above 64.50%
    path = _middle_year_case(tmp_path, {"max_debt_ratio": 0.645, "kpi_check": "every_year"})
    out = tmp_path / "r.json"
    assert cli.main(["solve", str(path), "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert [s["id"] for s in result["selected"]] == ["C"]
    assert {x["id"]: x["reason"] for x in result["excluded"]} == {
        "A": "held out by a target: taking it as well would break max_debt_ratio_2028 (2028 debt ratio 65.00%, "
             "at most 64.50%)",
        "B": "held out by a target: taking it as well would break max_debt_ratio_2028 (2028 debt ratio 64.73%, "
             "at most 64.50%)"}
    assert result["kpis_by_year"]["2028"]["debt_ratio"] == {
        "before": pytest.approx(640 / 1010), "after": pytest.approx(645 / 1020), "target": 0.645, "sense": "max",
        "met": True, "unit": "%", "label": "Debt ratio"}
    printed = capsys.readouterr().out
    assert "KPIs by year" in printed
    assert "Debt ratio" in printed and "63.24% (≤64.50%)" in printed


def test_a_target_by_year_out_of_reach_is_diagnosed_by_its_year(tmp_path, capsys):
    # A is mandatory: by hand, A alone puts the 2028 debt ratio at (640 + 96) / (1010 + 120) = 65.13%, A with C
    # (its capex half equity) at (640 + 96 + 5) / (1010 + 120 + 10) = 65.00%, the lowest it can go
    projects = [{**MIDDLE_YEAR[0], "mandatory": True}, *MIDDLE_YEAR[1:]]
    path = make_workbook(tmp_path / "case.xlsx", projects, {"max_debt_ratio": 0.64, "kpi_check": "every_year"},
                         HAND_ENTERPRISE, outlook=BORROWING_IN_2028)
    out = tmp_path / "r.json"
    assert cli.main(["solve", str(path), "--json", str(out)]) == 3
    diagnosis = json.loads(out.read_text(encoding="utf-8"))["diagnosis"]
    assert [(d["constraint"], d["target"]) for d in diagnosis] == [("max_debt_ratio_2028", 0.64)]
    assert diagnosis[0]["best_reachable"] == pytest.approx(741 / 1140)
    assert "2028 debt ratio at most 64.00% (max_debt_ratio_2028)" in capsys.readouterr().out


def test_frontier_and_explain_take_a_target_by_year(tmp_path):
    path = _middle_year_case(tmp_path, {"max_debt_ratio_2028": 0.645})
    out = tmp_path / "f.json"
    assert cli.main(["frontier", str(path), "--vary", "max_debt_ratio_2028", "--from", "0.64", "--to", "0.67",
                     "--steps", "4", "--json", str(out)]) == 0
    points = json.loads(out.read_text(encoding="utf-8"))["points"]
    # by hand, the best NPV under each 2028 ceiling: 64% only C (2), 65% A + C (14: 65.00% ≤ 65%), 66% the same,
    # 67% all three ((640 + 181) / 1240 = 66.21%)
    assert [p["objective_value"] for p in points] == pytest.approx([2, 14, 14, 23])
    explained = tmp_path / "e.json"
    assert cli.main(["explain", str(path), "A", "--json", str(explained)]) == 0
    assert json.loads(explained.read_text(encoding="utf-8"))["blocking"] == ["max_debt_ratio_2028"]
    assert cli.main(["frontier", str(path), "--vary", "max_debt_ratio_2035", "--from", "0.6", "--to", "0.7",
                     "--steps", "2"]) != 0
