"""Every figure of a small portfolio, computed by hand from the formulas of workbook.md ("What the model
means"), against optimizer/model/measures.py: the group's figures before and after investing, the shares of
the plan's capex, money, a project funded in part and a project started a year late."""

from __future__ import annotations

import numpy as np
import pytest

from optimizer.model.case import Case, Enterprise, Project, Settings
from optimizer.model.measures import Figures
from optimizer.model.targets import FIGURES, LIMIT_KEYS, SETTINGS, budget_key

# The group: equity 80 (assets 200 - liabilities 120), tax 25%, cost of capital 5%.
GROUP = Enterprise(revenue=100, total_profit=10, net_profit=8, total_assets=200, total_liabilities=120, equity=80,
                   operating_cash_flow=15, rd_spend=3, headcount=1000, labour_output=50, tax_rate=0.25,
                   capital_cost_rate=0.05, hurdle_rate=0.02)


def project(id: str, capex: dict[int, float], latest: int | None = None, **values) -> Project:
    return Project(id=id, name=id, capex=capex, earliest_start=min(capex), latest_start=latest or min(capex), **values)


# A and B are chosen whole, C is not chosen (it must count nowhere).
A = project("A", {2027: 10, 2028: 10}, equity_ratio=0.4, profit=4, revenue=20, operating_cash_flow=3, rd_spend=2,
            value_added=6, headcount=100, strategic_category="new_energy", sector="S1", entity="E1", risk=2, npv=7,
            livelihood=True, future_industry=True, latest=2028)
B = project("B", {2027: 30}, equity_ratio=0.5, profit=2, revenue=10, operating_cash_flow=1, rd_spend=0.5,
            value_added=4, headcount=50, sector="S2", entity="E1", overseas=True, main_business=False, security=True,
            key_core_tech=True, risk=4, npv=5, min_share=0.5)
C = project("C", {2027: 50}, profit=9, revenue=40, rd_spend=9, sector="S1", entity="E2", risk=5, npv=20,
            livelihood=True, key_core_tech=True, future_industry=True)
CASE = Case((A, B, C), (2027, 2028), Settings(), GROUP)

# By hand, A and B whole from 2027: capex K = 20 + 30 = 50.
AFTER = {
    "total_profit": 10 + 4 + 2,                                   # P = total_profit + sum p_i
    "profit_growth": 16 / 10 - 1,
    "roe": (8 + 0.75 * (4 + 2)) / (80 + 0.4 * 20 + 0.5 * 30),     # N / E = 12.5 / 103
    "debt_ratio": (120 + 0.6 * 20 + 0.5 * 30) / (200 + 50),       # 147 / 250
    "rd_intensity": (3 + 2 + 0.5) / (100 + 20 + 10),              # 5.5 / 130
    "operating_cash_ratio": (15 + 3 + 1) / (100 + 20 + 10),       # 19 / 130
    "labour_productivity": (50 + 6 + 4) / (1000 + 100 + 50),      # 60 / 1150
    "strategic_share": 20 / 50,                                   # A is in a strategic emerging industry
    "non_main_share": 30 / 50,                                    # B is not main business
    "overseas_share": 30 / 50,
    "security_investment": 30,
    "livelihood_investment": 20,                                  # A (C is livelihood too, but not chosen)
    "key_core_tech_share": 30 / 50,                               # B
    "future_industry_share": 20 / 50,                             # A
    "max_sector_share": 30 / 50,                                  # S2 (B) 60%, S1 (A) 40%
    "max_entity_share": 50 / 50,                                  # both E1
    "avg_risk": (2 * 20 + 4 * 30) / 50,                           # 3.2, capex-weighted
    "total_capex": 50,
    "npv": 7 + 5,
    "eva": (0.75 * 4 - 0.05 * 20) + (0.75 * 2 - 0.05 * 30),       # EVA_i = (1 - t) p_i - rate * K_i
}
BEFORE = {"total_profit": 10, "profit_growth": 0.0, "roe": 8 / 80, "debt_ratio": 120 / 200, "rd_intensity": 3 / 100,
          "operating_cash_ratio": 15 / 100, "labour_productivity": 50 / 1000}


def shares(figures: Figures, funded: dict[tuple[str, int], float]) -> np.ndarray:
    """The option vector of a portfolio given as {(project id, start year): share}."""
    x = np.zeros(figures.n)
    for o, option in enumerate(figures.options):
        x[o] = funded.get((CASE.projects[option.project].id, option.start_year), 0.0)
    return x


@pytest.fixture
def figures() -> Figures:
    return Figures(CASE)


@pytest.mark.parametrize("key", sorted(AFTER))
def test_each_figure_after_investing_is_the_hand_computed_one(figures, key):
    x = shares(figures, {("A", 2027): 1.0, ("B", 2027): 1.0})
    assert figures.of(key).worst(x, "max") == pytest.approx(AFTER[key], rel=1e-12)


@pytest.mark.parametrize("key", sorted(BEFORE))
def test_the_groups_figures_before_investing_are_its_own(figures, key):
    assert figures.of(key).worst(np.zeros(figures.n), "max") == pytest.approx(BEFORE[key], rel=1e-12)


def test_each_limit_bounds_the_figure_workbook_md_says(figures):
    x = shares(figures, {("A", 2027): 1.0, ("B", 2027): 1.0})
    for key in LIMIT_KEYS:
        figure = SETTINGS[key].figure
        assert figures.for_limit(key).worst(x, SETTINGS[key].sense) == pytest.approx(AFTER[figure], rel=1e-12), key
    # budget_YYYY bounds the spend falling in year YYYY
    assert figures.for_limit(budget_key(2027)).worst(x, "max") == pytest.approx(10 + 30)
    assert figures.for_limit(budget_key(2028)).worst(x, "max") == pytest.approx(10)


def test_the_largest_share_of_a_sector_or_entity_is_per_row(figures):
    x = shares(figures, {("A", 2027): 1.0, ("B", 2027): 1.0})
    sectors = figures.of("max_sector_share")
    assert dict(zip(sectors.subjects, sectors.rows(x), strict=True)) == pytest.approx({"S1": 0.4, "S2": 0.6})
    assert sectors.worst(x, "min") == pytest.approx(0.4)  # a floor would bind on the smallest row
    entities = figures.of("max_entity_share")
    assert dict(zip(entities.subjects, entities.rows(x), strict=True)) == pytest.approx({"E1": 1.0, "E2": 0.0})


def test_a_share_of_nothing_has_no_value(figures):
    nothing = np.zeros(figures.n)
    assert figures.of("strategic_share").worst(nothing, "min") is None
    assert figures.of("total_capex").worst(nothing, "max") == 0.0


def test_a_project_funded_in_part_adds_its_share_of_everything(figures):
    # B at half: K = 20 + 15; its figures halve (workbook.md: "all its figures scaling with it").
    x = shares(figures, {("A", 2027): 1.0, ("B", 2027): 0.5})
    assert figures.of("total_capex").worst(x, "max") == pytest.approx(35)
    assert figures.of("roe").worst(x, "min") == pytest.approx((8 + 0.75 * (4 + 1)) / (80 + 8 + 7.5))
    assert figures.of("debt_ratio").worst(x, "max") == pytest.approx((120 + 12 + 7.5) / (200 + 35))
    assert figures.of("overseas_share").worst(x, "max") == pytest.approx(15 / 35)
    assert figures.of("npv").worst(x, "max") == pytest.approx(7 + 2.5)


def test_a_project_started_a_year_late_spends_later_and_its_npv_is_discounted(figures):
    # A started in 2028: its 2027 capex falls in 2028, its 2028 capex after the plan (total budget only).
    x = shares(figures, {("A", 2028): 1.0, ("B", 2027): 1.0})
    assert figures.spend(2027).worst(x, "max") == pytest.approx(30)
    assert figures.spend(2028).worst(x, "max") == pytest.approx(10)
    assert figures.of("total_capex").worst(x, "max") == pytest.approx(50)
    assert figures.of("npv").worst(x, "max") == pytest.approx(7 / 1.05 + 5)
    assert figures.of("roe").worst(x, "min") == pytest.approx(AFTER["roe"])  # run-rate figures are unchanged


def test_every_reported_figure_is_checked_here():
    """A figure added to the registry gets its hand-computed value above."""
    assert {key for key, f in FIGURES.items() if f.reported} == set(AFTER)
