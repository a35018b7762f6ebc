"""The five values of an answer (optimizer/report/five_values.py) on a case worked by hand (tests/builders.py's
FIVE_VALUES_PROJECTS: every project is chosen), in English, in Chinese and in the command's JSON."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from optimizer import cli
from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from optimizer.report.five_values import five_values
from optimizer.words.language import Words
from tests.builders import (
    FIVE_VALUES_ENTERPRISE,
    FIVE_VALUES_OUTLOOK,
    FIVE_VALUES_PROJECTS,
    FIVE_VALUES_SETTINGS,
    make_workbook,
)

CHINESE = Words("zh_CN")

# By hand. Capex: A 60, B 30, C 50, D 20, 160 in all. Tax 25%, cost of capital 5.5% (the default).
# Debt: A's equity ratio is 0.5, the others' 0.3, so A borrows 20 of its 40 in 2027 and 30 of 60 from 2028, B 21,
# C 35 from 2028, D 7 of its first 10 and 14 of 20 in 2029. Liabilities / assets:
DEBT_RATIO = {2027: (600 + 20 + 21 + 7) / (1000 + 40 + 30 + 10),          # 648 / 1080 = 60.00%
              2028: (610 + 30 + 21 + 35 + 7) / (1000 + 60 + 30 + 50 + 10),  # 703 / 1150 = 61.13%: borrowing 10 more
              2029: (600 + 30 + 21 + 35 + 14) / 1160,                      # 700 / 1160 = 60.34%
              None: 700 / 1160}
# R&D intensity: B and D add their revenue from 2027, A from 2028 (one year of building); C earns from 2030 only,
# after the plan, so its R&D counts at full run rate alone.
RD_INTENSITY = {2027: 10 / (500 + 4 + 5), 2028: 10.4 / (500 + 4 + 5 + 20), 2029: 10.4 / 529,
                None: (10 + 0.4 + 3) / (500 + 20 + 4 + 30 + 5)}


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    path = make_workbook(tmp_path_factory.mktemp("five") / "five.xlsx", FIVE_VALUES_PROJECTS, FIVE_VALUES_SETTINGS,
                         FIVE_VALUES_ENTERPRISE, outlook=FIVE_VALUES_OUTLOOK)
    answer = Planner().solve(read_case(path))
    assert [s.id for s in answer.selected] == ["A", "B", "C", "D"]
    return answer


def test_steady_growth_counts_every_target_in_force_and_finds_the_worst_margin(result):
    stability = result.five_values["stability"]
    assert (stability.character, stability.name.chinese) == ("稳", "稳增长")
    # the debt ratio and the R&D intensity at full run rate and, with every_year, in each of the 3 plan years
    met = stability.figure("targets_met")
    assert (met.value, met.target, met.met, met.note) == (8, 8, True, None)
    # relative to its target: the 2028 debt ratio is 0.37 points under 61.5% (0.6% of it); the closest R&D
    # intensity, 2027's 1.965% against 1.9%, is 3.4% of its target away
    worst = stability.figure("worst_margin", 2028)
    assert worst.value == pytest.approx(0.615 - DEBT_RATIO[2028])
    assert worst.met is True
    assert worst.note == "2028 debt ratio 61.13%, at most 61.50%"
    assert CHINESE.text(worst.note) == "2028年资产负债率为 61.13%，上限 61.50%"
    # A, B and D earn within the plan; C only from 2030
    assert stability.projects == ("A", "B", "D")


def test_a_missed_target_is_counted_and_named(result):
    # as if the 2028 debt ratio came out at 62%: 7 of 8 met, the worst margin 0.5 points past the ceiling
    kpis_by_year = {year: dict(row) for year, row in result.kpis_by_year.items()}
    kpis_by_year[2028]["debt_ratio"] = replace(kpis_by_year[2028]["debt_ratio"], after=0.62, met=False)
    missed = five_values(replace(result, kpis_by_year=kpis_by_year))["stability"]
    met = missed.figure("targets_met")
    assert (met.value, met.target, met.met) == (7, 8, False)
    assert met.note == "not met: 2028 debt ratio 62.00%, at most 61.50%"
    assert CHINESE.text(met.note) == "未达成：2028年资产负债率为 62.00%，上限 61.50%"
    worst = missed.figure("worst_margin", 2028)
    assert worst.value == pytest.approx(-0.005) and worst.met is False


def test_better_returns_and_structure(result):
    optimisation = result.five_values["optimisation"]
    assert optimisation.figure("npv").value == pytest.approx(12 + 1 + 8 + 2)
    # EVA_i = 0.75 profit - 5.5% capex: A 4.5 - 3.3, B 0.375 - 1.65, C 3.75 - 2.75, D 0.75 - 1.1
    assert optimisation.figure("eva").value == pytest.approx(1.2 - 1.275 + 1.0 - 0.35)
    # capex-weighted IRR (9% x 60 + 1% x 30 + 11% x 50 + 6% x 20) / 160 = 7.75%, over the hurdle 3%
    spread = optimisation.figure("irr_spread")
    assert spread.value == pytest.approx(12.4 / 160 - 0.03)
    assert spread.note == "capex-weighted IRR 7.75%, hurdle rate 3.00%"
    assert CHINESE.text(spread.note) == "投资加权内部收益率 7.75%，基准收益率 3.00%"
    strategic = optimisation.figure("strategic_share")
    assert (strategic.value, strategic.target, strategic.met) == (pytest.approx(110 / 160), 0.5, True)
    # the strategic ones (A, C), which also earn more than their capital costs; B and D do not
    assert optimisation.projects == ("A", "C")


def test_security_and_livelihoods(result):
    security = result.five_values["security"]
    invested = security.figure("security_investment")
    assert (invested.value, invested.target, invested.met) == (20, 15, True)
    livelihood = security.figure("livelihood_investment")
    assert (livelihood.value, livelihood.target, livelihood.met) == (30, None, None)
    assert security.projects == ("B", "D")


def test_coordinated_development_lists_the_regions_by_capex(result):
    promotion = result.five_values["promotion"]
    assert promotion.figure("livelihood_projects").value == 1
    regions = promotion.figure("regions")
    assert regions.value == 3
    assert regions.parts == (("内蒙古", 80), ("江苏", 50), ("甘肃", 30))  # A and D, C, B
    assert promotion.projects == ("B",)


def test_new_productive_forces_with_rd_intensity_in_every_year(result):
    innovation = result.five_values["innovation"]
    assert innovation.figure("key_core_tech_capex").value == pytest.approx(50)
    assert innovation.figure("key_core_tech_share").value == pytest.approx(50 / 160)
    assert innovation.figure("future_industry_capex").value == pytest.approx(50)
    assert innovation.figure("future_industry_share").value == pytest.approx(50 / 160)
    for year, expected in RD_INTENSITY.items():
        rd = innovation.figure("rd_intensity", year)
        assert rd.value == pytest.approx(expected), year
        assert (rd.target, rd.met) == (0.019, True), year
    assert innovation.figure("rd_intensity").before == pytest.approx(10 / 500)
    assert innovation.projects == ("C",)


def test_the_command_writes_the_five_values_in_its_json(tmp_path):
    path = make_workbook(tmp_path / "five.xlsx", FIVE_VALUES_PROJECTS, FIVE_VALUES_SETTINGS, FIVE_VALUES_ENTERPRISE,
                         outlook=FIVE_VALUES_OUTLOOK)
    out = tmp_path / "result.json"
    assert cli.main(["solve", str(path), "--json", str(out)]) == 0
    values = json.loads(out.read_text(encoding="utf-8"))["five_values"]
    assert list(values) == ["stability", "optimisation", "security", "promotion", "innovation"]
    assert [v["character"] for v in values.values()] == ["稳", "优", "保", "促", "新"]
    worst = next(f for f in values["stability"]["figures"] if f["key"] == "worst_margin")
    assert (worst["year"], worst["unit"], worst["note"]) == (2028, "%", "2028 debt ratio 61.13%, at most 61.50%")
    assert worst["value"] == pytest.approx(0.615 - DEBT_RATIO[2028])
    regions = next(f for f in values["promotion"]["figures"] if f["key"] == "regions")
    assert regions["parts"] == [{"name": "内蒙古", "value": 80}, {"name": "江苏", "value": 50},
                                {"name": "甘肃", "value": 30}]
    assert values["security"]["projects"] == ["B", "D"]


def test_without_an_enterprise_sheet_there_is_no_target_to_count(tmp_path):
    projects = [{k: v for k, v in p.items() if k != "build_years"} for p in FIVE_VALUES_PROJECTS]
    answer = Planner().solve(read_case(make_workbook(tmp_path / "bare.xlsx", projects, {})))
    stability = answer.five_values["stability"]
    met = stability.figure("targets_met")
    assert (met.value, met.target, met.met) == (0, 0, None)
    assert stability.figure("worst_margin") is None
    rd = answer.five_values["innovation"].figure("rd_intensity")
    assert rd.value is None
    assert [f.year for f in answer.five_values["innovation"].figures if f.key == "rd_intensity"] == [None]


def test_a_figure_on_its_target_has_no_margin_either_way(result):
    # the 2028 debt ratio at 61.5% and a rounding error more: on the ceiling, met, its margin 0 (not -1e-12)
    kpis_by_year = {year: dict(row) for year, row in result.kpis_by_year.items()}
    kpis_by_year[2028]["debt_ratio"] = replace(kpis_by_year[2028]["debt_ratio"], after=0.615 + 1e-12)
    worst = five_values(replace(result, kpis_by_year=kpis_by_year))["stability"].figure("worst_margin", 2028)
    assert (worst.value, worst.met) == (0.0, True)
    assert worst.note == "2028 debt ratio 61.50%, at most 61.50%"
