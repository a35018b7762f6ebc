"""The case generator: same seed same case, valid workbooks that read back as the same case, feasible
targets that bind. Feasibility and binding are checked with tests/reference.py (workbook.md recomputed
from the workbook's raw rows, no engine code), the optimum's rules likewise."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.generator import generate_case, generate_case_and_reference, reference_portfolio
from optimizer.io.case_writer import write_case
from optimizer.io.workbook import read_case
from optimizer.model.case import STRATEGIC_CATEGORIES
from optimizer.model.screening import is_prohibited
from optimizer.model.targets import LIMIT_KEYS
from optimizer.planner import Planner
from tests import reference

PINNED_LIMITS_40_1 = {
    "budget_2027": 35.9, "budget_2028": 57.7, "budget_2029": 64.1, "budget_2030": 53.1, "budget_2031": 23.7,
    "total_budget": 232.1, "min_strategic_share": 0.5523, "max_non_main_share": 0.2087, "max_overseas_share": 0.08187,
    "min_security_investment": 41.96, "max_sector_share": 0.2924, "max_entity_share": 0.5512, "max_avg_risk": 3.665,
    "min_eva": 1.204, "min_profit_growth": 0.3027, "max_debt_ratio": 0.611, "min_roe": 0.07417,
    "min_rd_intensity": 0.02965, "min_operating_cash_ratio": 0.1249, "min_labour_productivity": 0.007749}
"""generate_case(40, seed=1)'s limits as the generator gave them before it had rules (commit da8db22)."""


def test_same_seed_same_case_other_seed_other_case():
    assert generate_case(120, seed=5) == generate_case(120, seed=5)
    assert generate_case(120, seed=5).projects != generate_case(120, seed=6).projects


def test_cases_use_every_rule_of_the_contract():
    case = generate_case(600, seed=2)
    projects = case.projects
    ids = [p.id for p in projects]
    assert len(set(ids)) == len(ids) == 600
    position = {pid: k for k, pid in enumerate(ids)}
    for k, p in enumerate(projects):
        assert all(position[r] < k for r in p.requires), "a project requires an earlier one"
        assert p.strategic_category is None or p.strategic_category in STRATEGIC_CATEGORIES
        assert min(case.years) <= p.earliest_start <= p.latest_start <= max(case.years)
        assert 0 < p.min_share <= 1 and p.total_capex > 0
        if p.mandatory:
            assert not is_prohibited(p, case) and not p.excluded
    groups = [p.exclusive_group for p in projects if p.exclusive_group]
    assert groups and all(groups.count(g) >= 2 for g in groups)
    assert sum(p.latest_start > p.earliest_start for p in projects) > 60  # deferrable
    assert sum(p.min_share < 1 for p in projects) > 20  # partly fundable
    assert sum(bool(p.requires) for p in projects) > 10
    assert sum(p.mandatory for p in projects) > 3 and sum(p.excluded for p in projects) > 3
    assert sum(is_prohibited(p, case) for p in projects) > 3
    assert sum(p.overseas for p in projects) > 10 and sum(not p.main_business for p in projects) > 10
    limits = case.settings.limits
    assert {f"budget_{y}" for y in case.years} <= set(limits)
    # every limit and target of the Settings sheet, but a floor the reference portfolio meets at 0 (no generated
    # project is a livelihood project: their floor would say nothing)
    assert set(limits) == {f"budget_{y}" for y in case.years} | set(LIMIT_KEYS) - {"min_livelihood_investment"}


@pytest.mark.parametrize("seed", [1, 4])
def test_generated_workbook_reads_back_feasible_and_binding(seed, tmp_path):
    case = generate_case(40, seed=seed)
    path = tmp_path / "generated.xlsx"
    write_case(case, path)
    read = read_case(path)
    assert [replace(p, row=0) for p in read.projects] == list(case.projects)
    assert read.settings.limits == case.settings.limits
    assert read.enterprise == case.enterprise

    projects, enterprise, settings = reference.raw_rows(path)
    portfolio = {pid: (1.0, start) for pid, start in reference_portfolio(case, seed).items()}
    assert reference.broken_rules(projects, portfolio, enterprise, settings) == []  # feasible

    result = Planner().solve(read, gap=1e-4, time_limit=60)
    assert result.solution.status == "optimal"
    best = {s.id: (s.share, s.start_year) for s in result.selected}
    assert reference.broken_rules(projects, best, enterprise, settings) == []
    assert reference.figure(projects, best, enterprise, settings, "npv") == pytest.approx(
        result.solution.objective_value, rel=1e-6)

    # The targets bind: the best portfolio under the budgets alone breaks at least one of them.
    budgets_only = read.with_limits(**{k: None for k in read.settings.limits if not k.startswith("budget_")})
    free = Planner().solve(budgets_only, gap=1e-4, time_limit=60)
    chosen = {s.id: (s.share, s.start_year) for s in free.selected}
    broken = reference.broken_rules(projects, chosen, enterprise, settings)
    assert broken and all(not b.startswith("budget_") for b in broken)
    assert free.solution.objective_value > result.solution.objective_value


def test_a_case_with_targets_in_every_year_is_feasible_and_its_optimum_keeps_them_every_year(tmp_path):
    from openpyxl import load_workbook

    from tests import reference_years

    case = generate_case(40, seed=3, every_year=True)
    assert all(p.build_years >= 1 for p in case.projects) and case.outlook
    path = tmp_path / "every_year.xlsx"
    write_case(case, path)
    projects, enterprise, settings = reference.raw_rows(path)
    rows = list(load_workbook(path)["Outlook"].iter_rows(values_only=True))
    outlook = {row[0]: dict(zip(rows[0][1:], row[1:], strict=True)) for row in rows[1:]}
    assert settings["kpi_check"] == "every_year"
    steady = {k: v for k, v in settings.items() if k != "kpi_check"}
    portfolio = {pid: (1.0, start) for pid, start in reference_portfolio(case, 3).items()}
    assert reference.broken_rules(projects, portfolio, enterprise, steady) == []
    assert reference_years.broken_yearly(projects, portfolio, enterprise, outlook, settings) == []  # feasible

    result = Planner().solve(read_case(path), gap=1e-4, time_limit=60)
    assert result.solution.status == "optimal"
    best = {s.id: (s.share, s.start_year) for s in result.selected}
    assert reference.broken_rules(projects, best, enterprise, steady) == []
    assert reference_years.broken_yearly(projects, best, enterprise, outlook, settings) == []


# --- every rule of issue 15 (generate_case(..., rules=True)) --------------------------------------------------------
def _sheet_rows(path, title: str) -> list[tuple]:
    from openpyxl import load_workbook

    wb = load_workbook(path, data_only=True)
    return list(wb[title].iter_rows(min_row=2, values_only=True)) if title in wb.sheetnames else []


def _raw_rules(path) -> tuple[list[tuple], dict, dict]:
    """The NegativeList, Groups and Entities sheets of a workbook as the reference reads them (openpyxl only): the
    rules (class, field, match, reason), the group counts {group: (min, max or None)} and the subsidiaries' own
    budgets {`budget_2027@E`: cap}."""
    from openpyxl import load_workbook

    rules = [tuple(row[:4]) for row in _sheet_rows(path, "NegativeList")]
    groups = {row[0]: (int(row[1]), None if row[2] is None else int(row[2])) for row in _sheet_rows(path, "Groups")}
    sheet = load_workbook(path, data_only=True)["Entities"]
    header = next(sheet.iter_rows(max_row=1, values_only=True))
    budgets = {f"{key}@{row[0]}": value for row in _sheet_rows(path, "Entities")
               for key, value in zip(header[1:], row[1:], strict=True) if value is not None}
    return rules, groups, budgets


@pytest.mark.parametrize("n, seed", [(80, 1), (300, 2)])
def test_a_case_with_every_rule_is_feasible_and_has_each_kind(n, seed, tmp_path):
    case, portfolio = generate_case_and_reference(n, seed, rules=True)
    path = tmp_path / "rules.xlsx"
    write_case(case, path)
    projects, enterprise, settings = reference.raw_rows(path)
    rules, groups, budgets = _raw_rules(path)
    left, kept_out, supervised = reference.negative_list_screening(projects, rules, enterprise)
    chosen = {pid: (1.0, start) for pid, start in portfolio.items()}
    assert reference.broken_rules(left, chosen, enterprise, {**settings, **budgets}, groups) == []  # feasible

    # each kind of rule is there, in a few % of the projects
    classes = {rule[0] for rule in rules}
    assert classes == {"prohibited", "supervised"}
    for rule in rules:  # each rule hits a few projects (a subsidiary in quasi-finance weighs more in a small case)
        assert 0 < sum(reference.rule_matches(p, rule[1], rule[2]) for p in projects) <= 0.3 * n, rule
    assert kept_out and supervised
    assert any(pid in chosen for pid in supervised)
    assert 0.01 * n <= sum(bool(p.get("livelihood")) for p in projects) <= 0.1 * n
    for key in ("min_eva", "min_livelihood_investment", "min_key_core_tech_share", "min_future_industry_share"):
        # each new floor is set where the reference has some of its figure (a floor of 0 says nothing)
        name, _ = reference.limit_figure(key)
        assert (key in settings) == (key == "min_eva" or reference.figure(left, chosen, enterprise, {}, name) > 0)
    assert settings["min_livelihood_investment"] > 0
    lagged = [p for p in projects if any(lag for _, lag in reference.requires_entries(p))]
    assert len(lagged) >= 0.02 * n
    assert any(set(reference.requires(p)) & {q["id"] for q in lagged} for p in lagged), "a chain of three"
    assert sum(bool(reference.listed(p, "requires_any")) for p in projects) >= 0.01 * n
    assert sum(bool(reference.listed(p, "together_with")) for p in projects) >= 0.005 * n
    assert (1, 1) in groups.values() and any(low >= 1 and high != low for low, high in groups.values())
    entities = {p["entity"] for p in projects}
    assert {key.split("@")[1] for key in budgets if key.startswith("total_budget@")} == \
        {p["entity"] for p in projects if p["id"] in chosen}
    assert any(key.startswith("budget_") for key in budgets) and len(entities) > 1


def test_the_rules_leave_the_projects_and_the_case_without_them_as_they_were():
    plain, with_rules = generate_case(300, seed=2), generate_case(300, seed=2, rules=True)
    assert generate_case(300, seed=2, rules=False) == plain
    assert reference_portfolio(plain, 2) == generate_case_and_reference(300, seed=2)[1]
    assert not plain.negative_list and not plain.groups and not any(p.livelihood for p in plain.projects)
    # the same projects: the rules only add flags, relations and groups (and free a prohibited mandatory one)
    for p, q in zip(plain.projects, with_rules.projects, strict=True):
        assert replace(q, livelihood=False, mandatory=p.mandatory, requires=q.requires[:len(p.requires)], lags={},
                       requires_any=(), together_with=(), exclusive_group=p.exclusive_group) == p
    # the case without rules is the one generated before them (its limits pinned from the commit before)
    assert generate_case(40, seed=1).settings.limits == PINNED_LIMITS_40_1


def test_the_optimum_of_a_small_case_with_every_rule_keeps_them(tmp_path):
    case = generate_case(80, seed=1, rules=True)
    path = tmp_path / "rules.xlsx"
    write_case(case, path)
    projects, enterprise, settings = reference.raw_rows(path)
    rules, groups, budgets = _raw_rules(path)
    left, _, _ = reference.negative_list_screening(projects, rules, enterprise)
    result = Planner().solve(read_case(path), gap=1e-4, time_limit=60)
    assert result.solution.status == "optimal"
    best = {s.id: (s.share, s.start_year) for s in result.selected}
    assert reference.broken_rules(left, best, enterprise, {**settings, **budgets}, groups) == []

    # the rules bind: the optimum of the same case without them breaks some
    plain = Planner().solve(generate_case(80, seed=1), gap=1e-4, time_limit=60)
    free = {s.id: (s.share, s.start_year) for s in plain.selected}
    assert reference.broken_rules(left, free, enterprise, {**settings, **budgets}, groups) != []
    assert plain.solution.objective_value > result.solution.objective_value
