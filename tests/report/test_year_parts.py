"""What makes up each of the group's figures in a plan year (optimizer/report/year_parts.py), worked by hand on the
one-plant case of tests/builders.py (HAND_ENTERPRISE, HAND_PROJECT: 40 spent in 2027 and 40 in 2028, half of it
equity, earning 8 of total profit on 20 of revenue from 2028) and on the middle-year case."""

from __future__ import annotations

import numpy as np
import pytest

from optimizer.io.workbook import read_case
from optimizer.model.measures import Figures
from optimizer.planner import Planner
from optimizer.report.kpis import kpis_by_year
from optimizer.report.year_parts import parts_by_year
from tests.builders import BORROWING_IN_2028, HAND_ENTERPRISE, HAND_PROJECT, MIDDLE_YEAR, make_workbook


def parts_of(tmp_path, share: float = 1.0, enterprise=HAND_ENTERPRISE, outlook=None, project=HAND_PROJECT):
    """{year: {figure: [(English name, before, after), ...]}} of the one-plant case with `share` of it funded."""
    case = read_case(make_workbook(tmp_path / "hand.xlsx", [project], {}, enterprise, outlook=outlook))
    figures = Figures(case)
    return {year: {key: [(p.name.english, p.before, p.after) for p in parts.parts] for key, parts in row.items()}
            for year, row in parts_by_year(figures, np.full(figures.n, share)).items()}


def test_the_debt_ratio_is_liabilities_over_assets_by_hand(tmp_path):
    parts = parts_of(tmp_path)
    # 2027: half of the 40 spent is debt; assets grow by all 40 (new capital)
    assert parts[2027]["debt_ratio"] == [("Total liabilities", 600, 620), ("Total assets", 1000, 1040)]
    # 2028: 80 spent by the end of the year
    assert parts[2028]["debt_ratio"] == [("Total liabilities", 600, 640), ("Total assets", 1000, 1080)]


def test_roe_is_net_profit_over_the_average_net_assets_by_hand(tmp_path):
    parts = parts_of(tmp_path)
    # 2027: nothing earned yet; net assets 400 at the start, 400 + 20 of equity at the end
    assert parts[2027]["roe"] == [("Net profit", 40, 40), ("Net assets at the start of the year", 400, 400),
                                  ("Net assets at the end of the year", 400, 420), ("Average net assets", 400, 410)]
    # 2028: the plant earns 8 before tax, 6 after 25% tax; 40 of equity by the end of the year
    assert parts[2028]["roe"] == [("Net profit", 40, 46), ("Net assets at the start of the year", 400, 420),
                                  ("Net assets at the end of the year", 400, 440), ("Average net assets", 400, 430)]


def test_total_profit_and_its_growth_by_hand(tmp_path):
    parts = parts_of(tmp_path)
    assert parts[2027]["total_profit"] == [("Baseline business", 50, 50), ("New projects", 0, 0)]
    assert parts[2028]["total_profit"] == [("Baseline business", 50, 50), ("New projects", 0, 8)]
    # growth compares with the year before: 2026 is the base year, the Enterprise sheet's 50
    assert parts[2027]["profit_growth"] == [("Total profit 2027", 50, 50), ("Total profit 2026", 50, 50)]
    assert parts[2028]["profit_growth"] == [("Total profit 2028", 50, 58), ("Total profit 2027", 50, 50)]
    assert parts[2029]["profit_growth"] == [("Total profit 2029", 50, 58), ("Total profit 2028", 50, 58)]


def test_the_other_rates_by_hand(tmp_path):
    parts = parts_of(tmp_path)
    # the plant adds 20 of revenue from 2028 and no R&D, cash flow, output or people
    assert parts[2027]["rd_intensity"] == [("R&D spend", 10, 10), ("Revenue", 500, 500)]
    assert parts[2028]["rd_intensity"] == [("R&D spend", 10, 10), ("Revenue", 500, 520)]
    assert parts[2028]["operating_cash_ratio"] == [("Operating cash flow", 50, 50), ("Revenue", 500, 520)]
    assert parts[2028]["labour_productivity"] == [("Labour output", 100, 100), ("Average headcount", 1000, 1000)]


def test_a_partly_funded_project_counts_its_share(tmp_path):
    project = {**HAND_PROJECT, "min_share": 0.5, "value_added": 4, "headcount": 200, "operating_cash_flow": 3}
    parts = parts_of(tmp_path, share=0.5, project=project)
    # half of everything: 10 of debt and 20 of assets by the end of 2028, 4 of profit, 2 of output, 100 people
    assert parts[2028]["debt_ratio"] == [("Total liabilities", 600, 620), ("Total assets", 1000, 1040)]
    assert parts[2028]["total_profit"] == [("Baseline business", 50, 50), ("New projects", 0, 4)]
    assert parts[2028]["labour_productivity"] == [("Labour output", 100, 102), ("Average headcount", 1000, 1100)]
    assert parts[2028]["operating_cash_ratio"] == [("Operating cash flow", 50, 51.5), ("Revenue", 500, 510)]


def test_own_funds_keep_the_net_assets(tmp_path):
    parts = parts_of(tmp_path, enterprise={**HAND_ENTERPRISE, "equity_source": "own_funds"})
    # the equity part is paid from the group's cash: assets grow by the debt part only, net assets stay 400
    assert parts[2028]["debt_ratio"] == [("Total liabilities", 600, 640), ("Total assets", 1000, 1040)]
    assert parts[2028]["roe"][1:] == [("Net assets at the start of the year", 400, 400),
                                      ("Net assets at the end of the year", 400, 400), ("Average net assets", 400, 400)]


def test_the_outlook_is_the_baseline_of_its_year(tmp_path):
    parts = parts_of(tmp_path, outlook=BORROWING_IN_2028)
    # the baseline business borrows 40 more in 2028 and holds 10 more assets: its net assets are 1010 - 640 = 370
    assert parts[2028]["debt_ratio"] == [("Total liabilities", 640, 680), ("Total assets", 1010, 1090)]
    assert parts[2028]["roe"][1:3] == [("Net assets at the start of the year", 400, 420),
                                       ("Net assets at the end of the year", 370, 410)]
    # 2029 is flat again: the Enterprise sheet's 400
    assert parts[2029]["roe"][1:3] == [("Net assets at the start of the year", 370, 410),
                                       ("Net assets at the end of the year", 400, 440)]


def test_the_names_are_said_in_chinese(tmp_path):
    case = read_case(make_workbook(tmp_path / "hand.xlsx", [HAND_PROJECT], {}, HAND_ENTERPRISE))
    figures = Figures(case)
    row = parts_by_year(figures, np.ones(figures.n))[2028]
    assert [p.name.chinese for p in row["debt_ratio"].parts] == ["负债总额", "资产总额"]
    assert [p.name.chinese for p in row["roe"].parts] == ["净利润", "年初净资产", "年末净资产", "平均净资产"]
    assert [p.name.chinese for p in row["profit_growth"].parts] == ["2028年利润总额", "2027年利润总额"]
    assert [p.name.chinese for p in row["labour_productivity"].parts] == ["劳动生产总值", "平均职工人数"]


def test_the_answer_of_the_middle_year_case(tmp_path):
    # tests/test_year_by_year.py: under a 64.50% ceiling every year only the upgrade C is taken; by hand its 2028
    # debt ratio is (640 + 0.5 x 10) / (1010 + 10) = 645 / 1020
    path = make_workbook(tmp_path / "middle.xlsx", MIDDLE_YEAR, {"max_debt_ratio": 0.645, "kpi_check": "every_year"},
                         HAND_ENTERPRISE, outlook=BORROWING_IN_2028)
    result = Planner().solve(read_case(path))
    assert [s.id for s in result.selected] == ["C"]
    figures = Figures(result.case)
    parts = parts_by_year(figures, result.solution.option_shares)
    assert [(p.before, p.after) for p in parts[2028]["debt_ratio"].parts] == [(640, 645), (1010, 1020)]


def test_the_parts_make_the_figure_of_every_year(tmp_path):
    """The parts are the figure's own: their quotient (or sum) is the figure the KPIs by year report."""
    path = make_workbook(tmp_path / "middle.xlsx", MIDDLE_YEAR, {}, HAND_ENTERPRISE, outlook=BORROWING_IN_2028)
    figures = Figures(read_case(path))
    x = np.array([1.0, 0.0, 1.0])
    kpis = kpis_by_year(figures.case, figures, x)
    for year, row in parts_by_year(figures, x).items():
        for key, made in row.items():
            assert made.value(after=False) == pytest.approx(kpis[year][key].before), (year, key)
            assert made.value(after=True) == pytest.approx(kpis[year][key].after), (year, key)


def test_no_enterprise_sheet_no_parts(tmp_path):
    figures = Figures(read_case(make_workbook(tmp_path / "bare.xlsx", [HAND_PROJECT], {}, None)))
    assert parts_by_year(figures, np.ones(figures.n)) == {}
