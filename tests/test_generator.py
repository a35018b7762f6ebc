"""The case generator: same seed same case, valid workbooks that read back as the same case, feasible
targets that bind. Feasibility and binding are checked with tests/reference.py (workbook.md recomputed
from the workbook's raw rows, no engine code), the optimum's rules likewise."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.generator import generate_case, reference_portfolio
from optimizer.io.case_writer import write_case
from optimizer.io.workbook import read_case
from optimizer.model.case import STRATEGIC_CATEGORIES
from optimizer.model.screening import is_prohibited
from optimizer.model.targets import LIMIT_KEYS
from optimizer.planner import Planner
from tests import reference


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
