"""The registry of targets (optimizer/model/targets.py) against workbook.md: every Settings key with its
Chinese alias as the contract lists them, each limit's sense and the figure it bounds, and what-if slider
ranges that hold the case's own value."""

from __future__ import annotations

import math

import numpy as np
import pytest

from optimizer.io.values import canonical_setting_key
from optimizer.model.case import Case, Enterprise, Project, Settings
from optimizer.model.measures import Figures, Measure
from optimizer.model.targets import (
    FIGURES,
    LIMIT_KEYS,
    SETTINGS,
    Sense,
    budget_key,
    budget_year,
    is_limit,
    limit_on,
    setting,
    slider_settings,
)

# ../shared/spec/workbook.md, sheet Settings: each key and its Chinese alias, as the contract writes them.
WORKBOOK_MD_SETTINGS = {
    "total_budget": "总预算", "min_strategic_share": "战新投资占比下限", "max_non_main_share": "非主业投资占比上限",
    "max_overseas_share": "境外投资占比上限", "min_security_investment": "安全保障投资下限",
    "max_sector_share": "单一行业占比上限", "max_entity_share": "单一主体占比上限", "max_avg_risk": "平均风险等级上限",
    "max_debt_ratio": "资产负债率上限", "min_roe": "净资产收益率下限", "min_rd_intensity": "研发投入强度下限",
    "min_operating_cash_ratio": "营业现金比率下限", "min_labour_productivity": "全员劳动生产率下限",
    "min_profit_growth": "利润总额增长下限", "objective": "优化目标", "weight_return": "收益权重",
    "weight_strategic": "战略权重", "weight_security": "安全权重", "weight_innovation": "创新权重",
    "weight_risk": "风险权重", "currency_unit": "货币单位", "time_limit": "求解时限", "mip_gap": "最优性间隙",
    # extension 2, "Year by year"
    "kpi_check": "考核口径",
    # extension 2, "Screening and relations"
    "min_eva": "经济增加值下限", "min_livelihood_investment": "民生保障投资下限",
    "min_key_core_tech_share": "关键核心技术投资占比下限", "min_future_industry_share": "未来产业投资占比下限",
    "allow_supervised": "允许特别监管类",
}
# workbook.md, "What the model means": what each limit bounds, as a figure of the results.
WORKBOOK_MD_LIMITS = {
    "total_budget": "total_capex", "min_strategic_share": "strategic_share", "max_non_main_share": "non_main_share",
    "max_overseas_share": "overseas_share", "min_security_investment": "security_investment",
    "max_sector_share": "max_sector_share", "max_entity_share": "max_entity_share", "max_avg_risk": "avg_risk",
    "max_debt_ratio": "debt_ratio", "min_roe": "roe", "min_rd_intensity": "rd_intensity",
    "min_operating_cash_ratio": "operating_cash_ratio", "min_labour_productivity": "labour_productivity",
    "min_profit_growth": "profit_growth",
    "min_eva": "eva", "min_livelihood_investment": "livelihood_investment",
    "min_key_core_tech_share": "key_core_tech_share", "min_future_industry_share": "future_industry_share",
}


def test_every_settings_key_of_the_contract_is_in_the_registry_with_its_chinese_alias():
    for key, chinese in WORKBOOK_MD_SETTINGS.items():
        assert SETTINGS[key].workbook_chinese == chinese, key
    assert set(SETTINGS) - set(WORKBOOK_MD_SETTINGS) == {"risk_aversion"}  # README: the one key added since


@pytest.mark.parametrize("key", sorted(SETTINGS))
def test_every_settings_key_and_its_chinese_alias_read_back_as_the_key(key):
    assert canonical_setting_key(key) == key
    assert canonical_setting_key(SETTINGS[key].workbook_chinese) == key
    # workbook.md: names match ignoring case, spaces, underscores and hyphens
    assert canonical_setting_key(key.upper().replace("_", " ")) == key


def test_an_annual_budget_is_a_key_made_from_its_year():
    assert budget_key(2027) == "budget_2027" and budget_year("budget_2027") == 2027
    assert budget_year("total_budget") is None
    assert canonical_setting_key("年度预算_2031") == canonical_setting_key("Budget 2031") == "budget_2031"
    budget = setting("budget_2031")
    assert (budget.year, budget.sense, budget.workbook_chinese) == (2031, Sense.MAX, "年度预算_2031")
    assert is_limit("budget_2031") and not is_limit("objective") and not is_limit("weight_risk")


def test_each_limit_bounds_the_figure_of_workbook_md_in_its_sense():
    assert set(LIMIT_KEYS) == set(WORKBOOK_MD_LIMITS)
    for key, figure in WORKBOOK_MD_LIMITS.items():
        assert SETTINGS[key].figure == figure, key
        assert SETTINGS[key].sense == (Sense.MIN if key.startswith("min_") else Sense.MAX), key
        assert limit_on(figure) == key
    assert setting("budget_2027").figure == "spend"


def small_case() -> Case:
    projects = (Project("A", "A", {2027: 4.0, 2028: 1.0}, 2027, 2028, sector="S", entity="E", risk=2, npv=1),
                Project("B", "B", {2027: 3.0}, 2027, 2027, sector="T", entity="E", risk=3, npv=2, min_share=0.5))
    group = Enterprise(revenue=10, total_profit=2, net_profit=1, total_assets=20, total_liabilities=12, equity=8,
                       operating_cash_flow=1, rd_spend=0.5, headcount=100, labour_output=5)
    return Case(projects, (2027, 2028), Settings(), group)


@pytest.mark.parametrize("key", [*LIMIT_KEYS, "budget_2027", "budget_2028"])
def test_every_limit_names_a_figure_that_figures_can_measure(key):
    figures = Figures(small_case())
    figure = FIGURES[setting(key).figure]
    assert callable(getattr(Figures, figure.measure, None)), figure.measure
    measure = figures.for_limit(key)
    assert isinstance(measure, Measure) and measure.num_coef.shape[1] == figures.n == 3  # A in 2027 or 2028, B
    value = measure.worst(np.ones(figures.n) / 2, setting(key).sense)
    assert value is not None and math.isfinite(value)
    for needed in figure.needs:  # what a target on it is measured from is a baseline item of workbook.md
        assert hasattr(Enterprise, needed), needed


def test_every_reported_figure_is_measured():
    figures = Figures(small_case())
    for key, figure in FIGURES.items():
        if figure.reported:
            assert isinstance(figures.of(key), Measure), key


# --------------------------------------------------------------------------- what-if sliders

def slider_of(key: str):
    return SETTINGS[key].slider, SETTINGS[key].allowed


def test_a_slider_widens_on_its_grid_to_hold_a_value_below_its_range():
    slider, allowed = slider_of("max_debt_ratio")
    assert (slider.low, slider.high) == (0.40, 0.90)
    assert slider.range_for(0.35, allowed) == (0.35, 0.90)
    assert slider.range_for(0.3505, allowed) == (0.35, 0.90)  # down to the step below: 50 steps of 0.001
    assert slider.range_for(0.95, allowed) == (0.40, 0.95)
    assert slider.range_for(0.60, allowed) == (0.40, 0.90)
    assert slider.range_for(None, allowed) == (0.40, 0.90)


def test_a_slider_widens_only_within_what_the_setting_allows():
    slider, allowed = slider_of("min_rd_intensity")  # 0..10% on the slider, a share 0..1 allowed
    assert slider.range_for(0.25, allowed) == (0.0, 0.25)
    assert slider.range_for(-0.5, allowed) == (0.0, 0.10)  # not a share: the slider does not go below 0
    slider, allowed = slider_of("min_roe")  # a rate: -1..1 allowed
    assert slider.range_for(-0.05, allowed) == (-0.05, 0.20)


def test_a_relative_slider_keeps_its_range_in_fractions_of_the_case_value():
    slider, allowed = slider_of("total_budget")
    assert slider.relative and slider.range_for(2500.0, allowed) == (0.5, 1.5)


def test_the_sliders_are_limits_with_a_slider():
    assert [s.key for s in slider_settings()] == [k for k in LIMIT_KEYS if SETTINGS[k].slider is not None]
    assert {"total_budget", "max_debt_ratio", "min_roe", "min_rd_intensity"} <= {s.key for s in slider_settings()}
