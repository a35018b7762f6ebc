"""What an answer means (optimizer/report/): on a case solved by hand, the KPIs before and after against their
targets, the constraints that bind, and why each project was left out, one project per reason code of
shared/spec/cli.md; and the group's figures when there is nothing to choose from."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from tests.builders import make_workbook

# The group: equity 80 (200 - 120), hurdle rate 4%.
GROUP = {"revenue": 100, "total_profit": 10, "net_profit": 8, "total_assets": 200, "total_liabilities": 120,
         "operating_cash_flow": 15, "rd_spend": 3, "headcount": 1000, "labour_output": 50, "tax_rate": 0.25,
         "capital_cost_rate": 0.05, "hurdle_rate": 0.04}
# Budget 12 in 2027. A + B + G spend 12 for an NPV of 18; by hand, every other choice that fits is worth less
# (A + B + F 17, A + C + G 17, B + C + G 13, ...), and D, E, H cannot be chosen, I loses value, J is too large.
PROJECTS = [
    {"id": "A", "name": "Alpha", "capex_2027": 6, "npv": 9, "profit": 2, "revenue": 10, "rd_spend": 1,
     "equity_ratio": 0.4},
    {"id": "B", "name": "Beta", "capex_2027": 4, "npv": 5, "profit": 1, "revenue": 5},
    {"id": "C", "name": "Gamma", "capex_2027": 3, "npv": 4},                          # outcompeted
    {"id": "D", "name": "Delta", "capex_2027": 2, "npv": 8, "irr": 0.01},             # negative_list: IRR 1% < 4%
    {"id": "E", "name": "Epsilon", "capex_2027": 1, "npv": 6, "excluded": True},      # forced_out
    {"id": "F", "name": "Zeta", "capex_2027": 2, "npv": 3, "exclusive_group": "site"},  # exclusive: G is chosen
    {"id": "G", "name": "Eta", "capex_2027": 2, "npv": 4, "exclusive_group": "site"},
    {"id": "H", "name": "Theta", "capex_2027": 1, "npv": 5, "requires": "E"},         # dependency: E is out
    {"id": "I", "name": "Iota", "capex_2027": 1, "npv": -1},                          # no_value
    {"id": "J", "name": "Kappa", "capex_2027": 20, "npv": 30},                        # does_not_fit: 20 > 12
]
TARGETS = {"budget_2027": 12, "max_debt_ratio": 0.7, "min_roe": 0.05, "objective": "npv", "mip_gap": 0}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    path = make_workbook(tmp_path_factory.mktemp("report") / "case.xlsx", PROJECTS, TARGETS, GROUP)
    return Planner().solve(read_case(path))


def test_the_chosen_projects_are_the_hand_solved_ones(result):
    assert result.solution.status == "optimal"
    assert {s.id: (s.share, s.start_year, s.capex, s.npv) for s in result.selected} == {
        "A": (1.0, 2027, 6.0, 9.0), "B": (1.0, 2027, 4.0, 5.0), "G": (1.0, 2027, 2.0, 4.0)}
    assert result.solution.objective_value == pytest.approx(18.0)
    assert result.spend_by_year == {2027: (pytest.approx(12.0), 12)}


# After A, B and G: capex 12; equity ratios A 0.4, B and G the default 0.3.
KPIS = {  # key: (before, after, target)
    "total_profit": (10, 10 + 2 + 1, None),
    "roe": (8 / 80, (8 + 0.75 * 3) / (80 + 0.4 * 6 + 0.3 * 4 + 0.3 * 2), 0.05),
    "debt_ratio": (120 / 200, (120 + 0.6 * 6 + 0.7 * 4 + 0.7 * 2) / (200 + 12), 0.7),
    "rd_intensity": (3 / 100, (3 + 1) / (100 + 10 + 5), None),
    "operating_cash_ratio": (15 / 100, 15 / 115, None),
    "labour_productivity": (50 / 1000, 50 / 1000, None),
    "total_capex": (None, 12, None),
    "npv": (None, 18, None),
    "strategic_share": (None, 0.0, None),
}


@pytest.mark.parametrize("key", sorted(KPIS))
def test_each_kpi_before_and_after_against_its_target(result, key):
    before, after, target = KPIS[key]
    kpi = result.kpis[key]
    assert kpi.before == (None if before is None else pytest.approx(before))
    assert kpi.after == pytest.approx(after)
    assert kpi.target == target
    assert kpi.met is (None if target is None else True)


def test_the_budget_binds_and_the_loose_targets_do_not(result):
    rows = {c.name: c for c in result.constraints}
    assert set(rows) == {"budget_2027", "max_debt_ratio", "min_roe", "exclusive_group"}
    budget = rows["budget_2027"]
    assert (budget.value, budget.limit, budget.binding) == (pytest.approx(12.0), 12.0, True)
    assert budget.marginal_value is None  # all or nothing: an LP with the choices fixed has nothing to move
    for loose in ("max_debt_ratio", "min_roe"):
        assert rows[loose].binding is False and rows[loose].marginal_value == 0.0
        assert rows[loose].value == pytest.approx(KPIS[{"max_debt_ratio": "debt_ratio", "min_roe": "roe"}[loose]][1])
    group = rows["exclusive_group"]
    assert (group.subject, group.value, group.limit, group.binding) == ("site", 1.0, 1.0, True)


def test_why_each_project_was_left_out_one_per_reason_code(result):
    reasons = {x.id: (x.code, str(x.reason)) for x in result.excluded}
    assert {pid: code for pid, (code, _) in reasons.items()} == {
        "C": "outcompeted", "D": "negative_list", "E": "forced_out", "F": "exclusive", "H": "dependency",
        "I": "no_value", "J": "does_not_fit"}
    assert reasons["D"][1] == "negative list: IRR 1.00% is below the hurdle rate 4.00% for a commercial project"
    assert reasons["E"][1] == "forced out: marked excluded"
    assert reasons["F"][1] == "exclusive alternative chosen: G (Eta) in group site"
    assert reasons["H"][1] == "dependency: requires E, not chosen"
    assert reasons["I"][1] == "does not pay: its NPV contribution -1.00 is not positive"
    assert reasons["J"][1] == "does not fit: even alone it needs 20.00 of budget_2027, whose limit is 12.00"
    # by hand: the chosen projects spend the whole 12 of 2027; C's 3 more would make it 15
    assert reasons["C"][1] == ("outcompeted for budget: taking it as well would break budget_2027 (Budget 2027 "
                               "15.00 CNY 100m, at most 12.00 CNY 100m)")


def test_the_result_as_json_carries_the_same(result):
    data = result.to_json()
    assert data["status"] == "optimal" and data["objective_value"] == pytest.approx(18.0)
    assert {x["id"]: x["code"] for x in data["excluded"]}["J"] == "does_not_fit"
    assert data["kpis"]["roe"]["before"] == pytest.approx(0.1) and data["kpis"]["roe"]["met"] is True
    assert data["spend_by_year"] == [{"year": 2027, "spend": pytest.approx(12.0), "budget": 12}]


def test_without_candidates_the_group_stays_as_it_is_and_a_floor_above_it_cannot_be_met(tmp_path):
    header_only = make_workbook(tmp_path / "empty.xlsx", [], {"budget_2027": 12}, GROUP)
    # make_workbook writes no header row for no projects: write one, as a user's empty Projects sheet has
    wb = load_workbook(header_only)
    wb["Projects"].append(["id", "name", "capex_2027", "npv"])
    wb.save(header_only)
    case = read_case(header_only)
    result = Planner().solve(case)
    assert result.solution.status == "optimal" and result.selected == []
    assert result.kpis["roe"].before == result.kpis["roe"].after == pytest.approx(0.1)
    assert result.kpis["debt_ratio"].after == pytest.approx(0.6)
    floor = Planner().solve(case.with_limits(min_roe=0.12))
    assert floor.solution.status == "infeasible"
    [item] = floor.diagnosis
    assert (item.constraint, item.target, item.best_reachable) == ("min_roe", 0.12, pytest.approx(0.1))


def test_the_largest_sector_share_of_a_portfolio_whose_projects_name_no_sector_is_not_given(tmp_path):
    # Found by tests/test_properties.py: A (no sector) is chosen, B (sector S1) is excluded. No sector holds any
    # of the plan's capex, so there is no largest sector: not "0%".
    projects = [{"id": "A", "name": "Alpha", "capex_2027": 5, "npv": 2},
                {"id": "B", "name": "Beta", "capex_2027": 5, "npv": 3, "sector": "S1", "excluded": True}]
    result = Planner().solve(read_case(make_workbook(tmp_path / "case.xlsx", projects, {}, GROUP)))
    assert [s.id for s in result.selected] == ["A"]
    assert result.kpis["max_sector_share"].after is None
    assert result.to_json()["kpis"]["max_sector_share"]["after"] is None


def test_a_project_just_over_its_budget_reads_over_it(tmp_path):
    """Needing 12.004 of a budget of 12 is not 'needs 12.00, whose limit is 12.00': the reason gets the decimals
    for the two to read apart."""
    projects = [{"id": "A", "name": "Alpha", "capex_2027": 6, "npv": 9},
                {"id": "K", "name": "Kappa", "capex_2027": 12.004, "npv": 30}]
    path = make_workbook(tmp_path / "case.xlsx", projects, TARGETS, GROUP)
    result = Planner().solve(read_case(path))
    reasons = {x.id: str(x.reason) for x in result.excluded}
    assert reasons["K"] == "does not fit: even alone it needs 12.004 of budget_2027, whose limit is 12.000"
