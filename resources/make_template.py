"""Write the blank case workbook a user fills in, `resources/template.xlsx`.

Run from the repository root:

    python resources/make_template.py                   # resources/template.xlsx, English headers
    python resources/make_template.py --chinese OUT.xlsx  # the same template with Chinese headers
    python resources/make_template.py --markdown        # print the column tables for the docs

The template has the sheets the reader uses (Projects, Enterprise, Settings,
Outlook, Groups, NegativeList, Entities) with every column and key of the input contract
(`spec/workbook.md`) and blank values, plus a help sheet (`Columns`, or `说明`
in the Chinese variant) that lists each column and key with its English name,
Chinese alias, type, unit and meaning. The reader ignores unknown sheets, so
the help sheet can stay in a filled-in workbook.

The plan years in the template are 2027-2031 (capex_2027.. and
budget_2027..); a user renames or adds columns and keys to fit the plan.
The file is written with fixed timestamps, so two runs give the same bytes.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: make the optimizer package importable
    sys.path.insert(0, str(ROOT))

from optimizer.io.entities import ENTITY_COLUMN  # noqa: E402
from optimizer.io.negative_list import HEADERS as NEGATIVE_LIST_HEADERS  # noqa: E402
from optimizer.model.case import ENTERPRISE_KEYS, OUTLOOK_KEYS, STRATEGIC_CATEGORIES  # noqa: E402
from optimizer.model.targets import SETTINGS  # noqa: E402

OUT = ROOT / "resources" / "template.xlsx"
FIXED_TIME = datetime(2026, 9, 1, 9, 0, 0)
YEARS = (2027, 2028, 2029, 2030, 2031)
TEMPLATE_ROWS = 500  # rows of the Projects sheet given drop-down lists

# Units as written in the help sheet; money is the workbook's currency_unit (default CNY 100m).
MONEY = "CNY 100m"
PER_YEAR = "CNY 100m/year"


@dataclass(frozen=True)
class Field:
    """One column of Projects or one key of Enterprise / Settings."""

    name: str
    chinese: str
    type: str
    unit: str
    meaning: str
    meaning_zh: str
    percent: bool = False

    @property
    def unit_zh(self) -> str:
        return UNIT_ZH.get(self.unit, self.unit)


UNIT_ZH = {MONEY: "亿元", PER_YEAR: "亿元/年", "CNY 100m/person": "亿元/人", "fraction": "比例",
           "persons": "人", "grade 1..5": "等级1-5", "points 0..100": "分(0-100)", "year": "年",
           "seconds": "秒", "": ""}


def capex_field(year: int) -> Field:
    return Field(f"capex_{year}", f"投资_{year}", "number >= 0", MONEY,
                 f"Planned spend in {year} for a start in earliest_start. One capex_YYYY column per plan "
                 "year; the set of these columns is the plan horizon.",
                 f"{year}年计划投资额（按最早开工年开工）。每个计划年一列，这些列决定规划期。")


def budget_field(year: int) -> Field:
    return Field(f"budget_{year}", f"年度预算_{year}", "number", MONEY,
                 f"Upper limit on the spend falling in {year}.", f"{year}年投资支出上限。")


PROJECT_FIELDS: list[Field] = [
    Field("id", "项目编号", "text, required, unique", "", "Stable project key; requires refers to it.",
          "项目唯一编号，前置项目按此编号引用。"),
    Field("name", "项目名称", "text, required", "", "Project name.", "项目名称。"),
    Field("entity", "投资主体", "text", "", "Investing subsidiary (for max_entity_share).",
          "投资主体（子企业），用于单一主体占比上限。"),
    Field("sector", "所属行业", "text", "", "Sector (for max_sector_share).",
          "所属行业，用于单一行业占比上限。"),
    Field("region", "地区", "text", "", "Region, for information.", "项目所在地区。"),
    Field("overseas", "是否境外", "bool, default no", "", "Overseas investment (max_overseas_share).",
          "是否境外投资，用于境外投资占比上限。"),
    Field("main_business", "是否主业", "bool, default yes", "",
          "Main business; no = non-main business (max_non_main_share).",
          "是否主业投资；否即非主业投资，用于非主业投资占比上限。"),
    Field("strategic_category", "战新产业类别", "text", "",
          "One of the 9 strategic emerging industries (see below); blank = traditional business.",
          "九大战略性新兴产业之一（见下表）；空白表示传统产业。"),
    Field("future_industry", "是否未来产业", "bool", "", "Future industry.", "是否未来产业。"),
    Field("key_core_tech", "关键核心技术", "bool", "", "Key core / frontier technology breakthrough.",
          "是否关键核心技术、前沿技术攻关。"),
    Field("security", "安全保障", "bool", "",
          "National security, supply-chain or key-product supply; counts toward "
          "min_security_investment and is exempt from the IRR hurdle.",
          "国家安全、产业链供应链安全或重要产品保供；计入安全保障投资，不受基准收益率门槛限制。"),
    Field("livelihood", "民生保障", "bool", "",
          "People's livelihoods and key-product supply (heating, water, gas, rural power); counts as livelihood "
          "investment and, like security, is exempt from the IRR hurdle.",
          "民生保障（供暖、供水、供气、农村电网等民生与重要产品保供）；计入民生保障投资，"
          "与安全保障一样不受基准收益率门槛限制。"),
    Field("mandatory", "必选", "bool", "", "Forced in (e.g. regulatory, ongoing).",
          "必须入选（如监管要求、在建续建）。"),
    Field("excluded", "排除", "bool", "", "Forced out.", "强制排除。"),
    *(capex_field(y) for y in YEARS),
    Field("equity_ratio", "资本金比例", "share 0..1, default 0.3", "fraction",
          "Share of capex funded by equity; the rest is debt.", "资本金占投资的比例，其余为债务融资。",
          percent=True),
    Field("npv", "净现值", "number, required for objective npv", MONEY,
          "Expected NPV at the group's discount rate.", "按集团折现率计算的预期净现值。"),
    Field("npv_low", "悲观净现值", "number, optional", MONEY, "Pessimistic NPV.", "悲观情景净现值。"),
    Field("npv_high", "乐观净现值", "number, optional", MONEY, "Optimistic NPV.", "乐观情景净现值。"),
    Field("irr", "内部收益率", "rate", "fraction",
          "IRR. A commercial project (not security) below hurdle_rate is excluded by negative-list "
          "screening.", "内部收益率。非安全保障类项目低于基准收益率的列入负面清单、不得投资。",
          percent=True),
    Field("revenue", "营业收入", "number", PER_YEAR, "Annual revenue at run rate.", "达产年营业收入。"),
    Field("profit", "利润总额", "number", PER_YEAR, "Annual total (pre-tax) profit at run rate.",
          "达产年利润总额（税前）。"),
    Field("operating_cash_flow", "经营现金流", "number", PER_YEAR,
          "Annual net operating cash flow at run rate.", "达产年经营活动现金净流量。"),
    Field("rd_spend", "研发投入", "number", PER_YEAR, "Annual R&D expense.", "年研发投入。"),
    Field("value_added", "增加值", "number", PER_YEAR,
          "Annual labour gross output added (labour productivity numerator).",
          "年新增劳动生产总值（全员劳动生产率的分子）。"),
    Field("headcount", "新增人数", "number", "persons", "Staff added.", "新增职工人数。"),
    Field("risk", "风险等级", "integer 1..5", "grade 1..5", "Risk grade: 1 low, 5 high.",
          "风险等级：1低，5高。"),
    Field("strategic_score", "战略评分", "0..100, optional", "points 0..100",
          "Expert strategic score (used by objective score).", "专家战略评分（综合评分目标使用）。"),
    Field("requires", "前置项目", "ids, each with an optional lag", "",
          "Chosen only if all of these are chosen and started no later; ids separated by comma, 、 or ;. "
          "P001+2: start at least 2 years after P001 starts (phase 2 two years after phase 1).",
          "前置项目编号，以逗号、顿号或分号分隔；前置项目全部入选且开工不晚于本项目时本项目方可入选。"
          "P001+2 表示在 P001 开工至少2年后开工（如二期在一期开工两年后）。"),
    Field("requires_any", "前置项目任一", "ids", "",
          "Chosen only if at least one of these is chosen and started no later ('A or B must come first').",
          "其中至少一个项目入选且开工不晚于本项目时，本项目方可入选（“A或B须先行”）。"),
    Field("together_with", "捆绑项目", "ids", "",
          "Chosen exactly when each of these is chosen: projects that stand or fall together (a mine and its "
          "railway), each at its own start year. A cycle is one set decided together.",
          "与这些项目同进同出：同时入选或同时不入选（如矿山与配套铁路），各自按自己的开工年开工；"
          "相互引用的项目视为一组共同决策。"),
    Field("exclusive_group", "互斥组", "text", "",
          "Alternatives: at most one project of a group is chosen, or as many as the group's row on the "
          "Groups sheet allows (e.g. exactly one of three sites).",
          "备选方案：同一互斥组内至多选一个项目；在“项目组”表中可另定该组最少、最多入选个数（如三个选址恰选其一）。"),
    Field("earliest_start", "最早开工年", "year", "year",
          "Start year the capex profile is for; default the first plan year.",
          "最早开工年，投资计划按此年开工编制；默认规划期首年。"),
    Field("latest_start", "最晚开工年", "year", "year",
          "Latest start year; the model may defer the start up to it. Default earliest_start (no deferral).",
          "最晚开工年，模型可推迟开工至此年；默认等于最早开工年（不可推迟）。"),
    Field("min_share", "最低参与比例", "share 0..1, default 1", "fraction",
          "1 = all or nothing; below 1 the project may be funded at any share in [min_share, 1], "
          "all its figures scaling with it.",
          "1表示全有或全无；小于1时可按[最低参与比例, 1]之间任一比例投资，各项指标同比例缩放。",
          percent=True),
    Field("build_years", "建设期", "integer >= 0, default 0", "year",
          "Years of construction: a project started in year t adds its revenue, profit and other run-rate "
          "figures from year t + build_years on (the plan years' figures; the steady state counts them all).",
          "建设期（年）：t年开工的项目自第 t+建设期 年起计入营业收入、利润等达产指标"
          "（用于逐年指标；稳态口径全部计入）。"),
]

ENTERPRISE_FIELDS: list[Field] = [
    Field("revenue", "营业收入", "number", PER_YEAR, "Group revenue.", "集团营业收入。"),
    Field("total_profit", "利润总额", "number", PER_YEAR, "Group total (pre-tax) profit.", "集团利润总额。"),
    Field("net_profit", "净利润", "number", PER_YEAR, "Group net profit.", "集团净利润。"),
    Field("total_assets", "资产总额", "number", MONEY, "Total assets.", "资产总额。"),
    Field("total_liabilities", "负债总额", "number", MONEY, "Total liabilities.", "负债总额。"),
    Field("equity", "净资产", "number, optional", MONEY, "Equity; default total_assets - total_liabilities.",
          "净资产；默认资产总额减负债总额。"),
    Field("operating_cash_flow", "经营现金流", "number", PER_YEAR, "Net operating cash flow.",
          "经营活动现金净流量。"),
    Field("rd_spend", "研发投入", "number", PER_YEAR, "R&D expense.", "研发投入。"),
    Field("headcount", "平均职工人数", "number", "persons", "Average number of employees (persons).",
          "平均职工人数（人）。"),
    Field("labour_output", "劳动生产总值", "number", PER_YEAR,
          "Labour gross output; labour productivity = labour_output / headcount.",
          "劳动生产总值；全员劳动生产率 = 劳动生产总值 / 平均职工人数。"),
    Field("tax_rate", "所得税率", "rate, default 0.25", "fraction", "Income tax rate.", "所得税率，默认25%。",
          percent=True),
    Field("capital_cost_rate", "资本成本率", "rate, default 0.055", "fraction",
          "Capital cost rate: EVA charge and the discount for deferred starts.",
          "资本成本率，用于经济增加值及推迟开工的折现，默认5.5%。", percent=True),
    Field("hurdle_rate", "基准收益率", "rate, default 0.02", "fraction",
          "Hurdle rate (the 5-year treasury yield) for negative-list screening.",
          "基准收益率（5年期国债收益率），用于负面清单筛查，默认2%。", percent=True),
    Field("equity_source", "资本金来源", "new_capital | own_funds (新增资本金 | 自有资金)", "",
          "Where the equity part of the capex comes from: new capital (default; net assets grow by it) or "
          "the group's own funds (total assets grow by the debt part only, net assets do not grow).",
          "资本金来源：新增资本金（默认，净资产相应增加）或集团自有资金（资产总额只增加债务融资部分，净资产不增加）。"),
]

OUTLOOK_FIELDS: list[Field] = [f for f in ENTERPRISE_FIELDS if f.name in OUTLOOK_KEYS]
"""The rows of the Outlook sheet: the Enterprise items that may be forecast year by year."""


def _limit(key: str, type_: str, unit: str, meaning: str, meaning_zh: str, percent: bool = False) -> Field:
    return Field(key, SETTINGS[key].workbook_chinese, type_, unit, meaning, meaning_zh, percent)


SETTING_FIELDS: list[Field] = [
    *(budget_field(y) for y in YEARS),
    _limit("total_budget", "number", MONEY, "Upper limit on the plan's total capex.", "规划期投资总额上限。"),
    _limit("min_strategic_share", "share 0..1", "fraction",
           "Lower limit on the strategic emerging industries' share of the plan's capex.",
           "战略性新兴产业投资占总投资比例下限。", True),
    _limit("max_non_main_share", "share 0..1", "fraction", "Upper limit on the non-main-business share.",
           "非主业投资占比上限。", True),
    _limit("max_overseas_share", "share 0..1", "fraction", "Upper limit on the overseas share.",
           "境外投资占比上限。", True),
    _limit("min_security_investment", "number", MONEY, "Lower limit on the capex of security projects.",
           "安全保障类项目投资额下限。"),
    _limit("min_livelihood_investment", "number", MONEY, "Lower limit on the capex of livelihood projects.",
           "民生保障类项目投资额下限。"),
    _limit("min_key_core_tech_share", "share 0..1", "fraction",
           "Lower limit on the key core technology projects' share of the plan's capex.",
           "关键核心技术项目投资占总投资比例下限。", True),
    _limit("min_future_industry_share", "share 0..1", "fraction",
           "Lower limit on the future industry projects' share of the plan's capex.",
           "未来产业项目投资占总投资比例下限。", True),
    _limit("max_sector_share", "share 0..1", "fraction", "Upper limit on any one sector's share.",
           "单一行业投资占比上限。", True),
    _limit("max_entity_share", "share 0..1", "fraction", "Upper limit on any one entity's share.",
           "单一投资主体投资占比上限。", True),
    _limit("max_avg_risk", "number 1..5", "grade 1..5", "Upper limit on the capex-weighted average risk grade.",
           "按投资额加权的平均风险等级上限。"),
    _limit("min_eva", "number", MONEY, "Lower limit on the portfolio's EVA, sum of (1 - tax rate) x profit - capital "
           "cost rate x capex; may be negative.", "投资组合经济增加值下限（可为负数）。"),
    _limit("max_debt_ratio", "rate", "fraction", "Upper limit on the group's debt ratio after the plan.",
           "投资后集团资产负债率上限。", True),
    _limit("min_roe", "rate", "fraction", "Lower limit on the group's ROE after the plan.",
           "投资后集团净资产收益率下限。", True),
    _limit("min_rd_intensity", "rate", "fraction", "Lower limit on R&D spend / revenue after the plan.",
           "投资后研发投入强度（研发投入/营业收入）下限。", True),
    _limit("min_operating_cash_ratio", "rate", "fraction",
           "Lower limit on operating cash flow / revenue after the plan.",
           "投资后营业现金比率（经营现金流/营业收入）下限。", True),
    _limit("min_labour_productivity", "number", "CNY 100m/person",
           "Lower limit on labour_output / headcount after the plan.",
           "投资后全员劳动生产率（劳动生产总值/平均职工人数）下限。"),
    _limit("min_profit_growth", "rate", "fraction", "Lower limit on total profit growth over the baseline.",
           "利润总额增长率下限（相对基数）。", True),
    Field("allow_supervised", SETTINGS["allow_supervised"].workbook_chinese, "yes | no (是 | 否), default yes", "",
          "Whether projects flagged for special supervision (the negative list's supervised rules, a capex above "
          "half the group's equity) may be chosen.",
          "特别监管类项目（负面清单特别监管类规则、投资额超过集团净资产一半的项目）是否可以入选，默认是。"),
    Field("kpi_check", SETTINGS["kpi_check"].workbook_chinese, "steady | every_year (稳态 | 逐年)", "",
          "Where the six targets above bind: steady (default) the steady state after the plan; every_year the "
          "steady state and every plan year. A target for one year only: the key with the year, e.g. "
          "max_debt_ratio_2028, min_roe_2029 (资产负债率上限_2028).",
          "考核口径：稳态（默认）只考核规划完成后的稳态；逐年 同时考核每个规划年度。"
          "只考核某一年的目标：在键名后加年份，"
          "例如 max_debt_ratio_2028、净资产收益率下限_2029。"),
    Field("objective", SETTINGS["objective"].workbook_chinese,
          "npv | eva | score (净现值 | 经济增加值 | 综合评分)", "",
          "What to maximise; default npv.", "优化目标，默认净现值。"),
    Field("weight_return", SETTINGS["weight_return"].workbook_chinese, "number >= 0", "",
          "Weight of the return criterion in objective score.", "综合评分中收益指标的权重。"),
    Field("weight_strategic", SETTINGS["weight_strategic"].workbook_chinese, "number >= 0", "",
          "Weight of the strategic criterion in objective score.", "综合评分中战略指标的权重。"),
    Field("weight_security", SETTINGS["weight_security"].workbook_chinese, "number >= 0", "",
          "Weight of the security criterion in objective score.", "综合评分中安全保障指标的权重。"),
    Field("weight_innovation", SETTINGS["weight_innovation"].workbook_chinese, "number >= 0", "",
          "Weight of the innovation criterion in objective score.", "综合评分中创新指标的权重。"),
    Field("weight_risk", SETTINGS["weight_risk"].workbook_chinese, "number >= 0", "",
          "Weight of the (low) risk criterion in objective score.", "综合评分中风险指标（越低越好）的权重。"),
    Field("currency_unit", SETTINGS["currency_unit"].workbook_chinese, "text, default CNY 100m", "",
          "Label of the one money unit of the workbook.", "全表统一的货币单位名称，默认亿元（CNY 100m）。"),
    Field("time_limit", SETTINGS["time_limit"].workbook_chinese, "number, default 60", "seconds", "Solver time limit.",
          "求解时限（秒），默认60秒。"),
    Field("mip_gap", SETTINGS["mip_gap"].workbook_chinese, "number, default 0.0001", "fraction",
          "Relative optimality gap at which the solver stops.", "求解器停止时的相对最优性间隙。"),
    Field("risk_aversion", SETTINGS["risk_aversion"].workbook_chinese, "number 0..1, default 0", "",
          "With objective npv: 0 maximises the expected NPV, 1 the pessimistic NPV (npv_low).",
          "以净现值为目标时：0 为最大化期望净现值，1 为最大化悲观净现值（npv_low）。"),
]

GROUP_FIELDS: list[Field] = [
    Field("group", "组", "text", "", "An exclusive_group of the Projects sheet.", "项目表“互斥组”列中的组名。"),
    Field("min_count", "最少", "whole number >= 0, default 0", "",
          "At least this many projects of the group are chosen.", "该组至少入选的项目个数。"),
    Field("max_count", "最多", "whole number >= 0, blank = no maximum", "",
          "At most this many. A group without a row takes at most one; exactly one of them: 1 and 1.",
          "该组至多入选的项目个数。未列入本表的互斥组至多选一个；恰选其一：最少1、最多1。"),
]
"""The columns of the Groups sheet: how many projects of each exclusive group are chosen."""

NEGATIVE_LIST_FIELDS: list[Field] = [
    Field("class", "类别", "prohibited | supervised", "",
          "prohibited: the matching projects are left out, whatever they would add; supervised: they may be chosen, "
          "flagged for special supervision (left out too when Settings allow_supervised is no).",
          "禁止类：匹配的项目一律不入选；特别监管类：可以入选，但标记为特别监管（约束与目标表“允许特别监管类”为否时也不入选）。"),
    Field("field", "字段", "a Projects column", "",
          "The column the rule looks at, English or Chinese (sector, region, overseas, strategic_category, ...); "
          "capex is the project's total capex over the plan.",
          "规则所看的项目表列名，中英文均可（所属行业、区域、是否境外、战新产业等）；投资 为项目规划期总投资。"),
    Field("match", "匹配", "one or more values", "",
          "Values separated by a comma, 、 or ;, compared as the column's type: text equal ignoring case and spaces, "
          "or *text* to contain it; yes/no; a number, or >=50, <6%.",
          "一个或多个值，以逗号、顿号或分号分隔，按该列类型比较：文字相同（不计大小写与空格），"
          "或写 *文字* 表示包含；是/否；数字，或 >=50、<6% 等。"),
    Field("reason", "原因", "text", "", "Said in the reason of every project the rule leaves out or flags.",
          "在被该规则排除或标记的每个项目的原因中说明。"),
]
"""The columns of the NegativeList sheet (负面清单): one rule per row."""

ENTITY_FIELDS: list[Field] = [
    Field("entity", "投资主体", "text", "", "An investing entity of the Projects sheet (its entity column).",
          "项目表“投资主体”列中的单位名称。"),
    Field("total_budget", SETTINGS["total_budget"].workbook_chinese, "number >= 0, blank = no cap", MONEY,
          "The entity's own cap on its projects' capex over the whole plan.", "该单位项目规划期总投资的上限。"),
    *(Field(f"budget_{year}", f"年度预算_{year}", "number >= 0, blank = no cap", MONEY,
            f"The entity's own cap on its projects' spend in {year} (a deferred start moves the spend).",
            f"该单位项目 {year} 年投资的上限（推迟开工则投资随之后移）。") for year in YEARS),
]
"""The columns of the Entities sheet (投资主体): each subsidiary's own budgets, a row per entity."""

SHEETS = {"Projects": "项目", "Enterprise": "企业基数", "Settings": "约束与目标", "Outlook": "基数预测",
          "Groups": "项目组", "NegativeList": "负面清单", "Entities": "投资主体"}
HELP_SHEET = {"en": "Columns", "zh": "说明"}


def check_against_contract() -> None:
    """Fail loudly if the key lists here drift from the engine's (optimizer/model/case.py, targets.py) or the
    reader's (the NegativeList and Entities sheets' headers)."""
    assert {f.name: f.chinese for f in ENTERPRISE_FIELDS} == ENTERPRISE_KEYS
    assert [(f.name, f.chinese) for f in NEGATIVE_LIST_FIELDS] == list(NEGATIVE_LIST_HEADERS.values())
    assert (ENTITY_FIELDS[0].name, ENTITY_FIELDS[0].chinese) == ENTITY_COLUMN
    settings = {f.name for f in SETTING_FIELDS if not f.name.startswith("budget_")}
    assert settings == set(SETTINGS), settings ^ set(SETTINGS)


# --- writing -------------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="FCE4D6")
PERCENT = "0.0%"


def style_header(ws, widths: list[float]) -> None:
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    ws.freeze_panes = "A2"
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def header_width(field: Field, chinese: bool) -> float:
    text = field.chinese if chinese else field.name
    return max(10.0, (2.2 if chinese else 1.2) * len(text) + 3)


def add_list_validation(ws, col: int, choices: list[str], prompt: str) -> None:
    """A drop-down list on one Projects column; other values only warn (English variants are fine)."""
    letter = get_column_letter(col)
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                        errorStyle="warning", showErrorMessage=True, promptTitle="", prompt=prompt)
    dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    ws.add_data_validation(dv)


def write_projects(ws, chinese: bool) -> None:
    ws.append([f.chinese if chinese else f.name for f in PROJECT_FIELDS])
    widths = [header_width(f, chinese) for f in PROJECT_FIELDS]
    widths[1] = 30.0
    style_header(ws, widths)
    ws.freeze_panes = "C2"
    categories = [zh for _, zh in STRATEGIC_CATEGORIES.values()]
    for col, field in enumerate(PROJECT_FIELDS, start=1):
        if field.percent:  # a column style: formats typed values without creating blank rows
            ws.column_dimensions[get_column_letter(col)].number_format = PERCENT
        if field.name == "strategic_category":
            add_list_validation(ws, col, categories, "九大战新产业之一，传统产业留空")
        elif field.type.startswith("bool"):
            add_list_validation(ws, col, ["是", "否"], "是/否 (TRUE/FALSE, yes/no, 1/0)")


def write_pairs(ws, fields: list[Field], chinese: bool) -> None:
    """A key | value sheet with every key listed and the values blank."""
    ws.append(["键" if chinese else "key", "值" if chinese else "value"])
    for field in fields:
        ws.append([field.chinese if chinese else field.name])
        if field.percent:
            ws.cell(ws.max_row, 2).number_format = PERCENT
    style_header(ws, [30.0, 16.0])


def write_outlook(ws, chinese: bool) -> None:
    """The baseline business year by year: a row per Enterprise item, a column per plan year, blank."""
    ws.append(["键" if chinese else "key", *YEARS])
    for field in OUTLOOK_FIELDS:
        ws.append([field.chinese if chinese else field.name])
        if field.percent:
            for column in range(2, len(YEARS) + 2):
                ws.cell(ws.max_row, column).number_format = PERCENT
    style_header(ws, [30.0, *([12.0] * len(YEARS))])


def write_groups(ws, chinese: bool) -> None:
    """A row per exclusive group whose counts differ from "at most one": blank, with its header."""
    ws.append([f.chinese if chinese else f.name for f in GROUP_FIELDS])
    style_header(ws, [30.0, 12.0, 12.0])


def write_negative_list(ws, chinese: bool) -> None:
    """A rule per row, blank, with its header and a drop-down list of the two classes."""
    ws.append([f.chinese if chinese else f.name for f in NEGATIVE_LIST_FIELDS])
    style_header(ws, [14.0, 18.0, 24.0, 50.0])
    add_list_validation(ws, 1, ["禁止类", "特别监管类", "prohibited", "supervised"], "禁止类 / 特别监管类")


def write_entities(ws, chinese: bool) -> None:
    """A row per investing entity with budgets of its own: blank, with its header."""
    ws.append([f.chinese if chinese else f.name for f in ENTITY_FIELDS])
    style_header(ws, [30.0, *([14.0] * (len(ENTITY_FIELDS) - 1))])


def write_help(ws, chinese: bool) -> None:
    headers = ["sheet", "column / key", "中文", "type", "unit", "meaning", "说明"]
    ws.append(headers)
    style_header(ws, [14.0, 26.0, 18.0, 30.0, 18.0, 70.0, 60.0])
    for sheet, fields in (("Projects", PROJECT_FIELDS), ("Enterprise", ENTERPRISE_FIELDS),
                          ("Settings", SETTING_FIELDS), ("Outlook", OUTLOOK_FIELDS), ("Groups", GROUP_FIELDS),
                          ("NegativeList", NEGATIVE_LIST_FIELDS), ("Entities", ENTITY_FIELDS)):
        name = f"{SHEETS[sheet]} ({sheet})" if chinese else f"{sheet} ({SHEETS[sheet]})"
        for field in fields:
            ws.append([name, field.name, field.chinese, field.type, f"{field.unit} / {field.unit_zh}"
                       if field.unit else "", field.meaning, field.meaning_zh])
    ws.append([])
    ws.append(["strategic_category", "key", "中文", "English"])
    for cell in ws[ws.max_row]:
        cell.font = HEADER_FONT
        cell.fill = SECTION_FILL
    for key, (english, chinese_name) in STRATEGIC_CATEGORIES.items():
        ws.append(["", key, chinese_name, english])
    ws.append([])
    for line in NOTES:
        ws.append([line])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


NOTES = [
    "Money is in one unit for the whole workbook (Settings currency_unit, default CNY 100m = 亿元). "
    "全表金额单位统一（默认亿元）。",
    "Shares and rates are fractions (0.35); a percent cell or the text 35% means the same. "
    "比例与比率填小数（0.35），百分比格式或“35%”亦可。",
    "Booleans: TRUE/FALSE, 1/0, yes/no, Y/N, 是/否. 布尔值可填 是/否、TRUE/FALSE、1/0。",
    "Headers may be English or Chinese; case, spaces, underscores and hyphens are ignored. "
    "表头与键名可用英文或中文。",
    "Rename capex_YYYY / budget_YYYY to your plan years, one per year. 按规划年份增删“投资_YYYY”“年度预算_YYYY”。",
    "A blank Settings value means no limit. This help sheet is ignored by the reader. "
    "约束值留空表示不设限；本说明页不影响读取。",
    "Outlook (optional): the existing business's own figure in each plan year, without any new project; a blank "
    "cell keeps the Enterprise value, and the year before the plan is the Enterprise sheet itself. "
    "基数预测（可选）：不含新项目时现有业务各规划年度的数值；留空则沿用企业基数，规划前一年即企业基数本身。",
    "Relations, an example: P002 requires P001+2 (phase 2 at least two years after phase 1); P005 requires_any "
    "P003, P004 (one of the two first); P006 together_with P007 (both or neither); P008, P009, P010 in "
    "exclusive_group 选址 with a Groups row 选址 | 1 | 1 (exactly one site). "
    "项目关系示例：P002 前置项目填 P001+2（二期在一期开工至少两年后开工）；"
    "P005 前置项目任一填 P003, P004（两者之一先行）；P006 捆绑项目填 P007（同进同出）；"
    "P008、P009、P010 互斥组均填 选址，并在项目组表填一行 选址 | 1 | 1（三个选址恰选其一）。",
    "NegativeList, an example: prohibited | sector | 房地产 | non-main real estate; supervised | overseas | yes | "
    "overseas investment; supervised | capex | >=50 | single projects of 5 billion yuan or more. "
    "负面清单示例：禁止类 | 所属行业 | 房地产 | 非主业房地产；特别监管类 | 是否境外 | 是 | 境外投资；"
    "特别监管类 | 投资 | >=50 | 单项投资50亿元及以上。",
    "Entities, an example: 华瑞新能源 | 300 | 60 (its projects' capex at most 300 over the plan, 60 in 2027); "
    "a blank cell is no cap. "
    "投资主体示例：华瑞新能源 | 300 | 60（其项目规划期总投资不超过300，2027年不超过60）；留空不设上限。",
]


def build_workbook(chinese: bool = False) -> Workbook:
    check_against_contract()
    wb = Workbook()
    ws = wb.active
    ws.title = SHEETS["Projects"] if chinese else "Projects"
    write_projects(ws, chinese)
    write_pairs(wb.create_sheet(SHEETS["Enterprise"] if chinese else "Enterprise"), ENTERPRISE_FIELDS, chinese)
    write_pairs(wb.create_sheet(SHEETS["Settings"] if chinese else "Settings"), SETTING_FIELDS, chinese)
    write_outlook(wb.create_sheet(SHEETS["Outlook"] if chinese else "Outlook"), chinese)
    write_groups(wb.create_sheet(SHEETS["Groups"] if chinese else "Groups"), chinese)
    write_negative_list(wb.create_sheet(SHEETS["NegativeList"] if chinese else "NegativeList"), chinese)
    write_entities(wb.create_sheet(SHEETS["Entities"] if chinese else "Entities"), chinese)
    write_help(wb.create_sheet(HELP_SHEET["zh" if chinese else "en"]), chinese)
    wb.properties.creator = "make_template.py"
    wb.properties.title = "投资组合优化 输入模板 / Portfolio case template"
    return wb


def save_reproducibly(wb: Workbook, path: Path) -> None:
    """Save with fixed document and zip timestamps, so that equal content gives equal bytes."""
    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl stamps `modified` with the current time on save
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, data)


def markdown_tables() -> str:
    """The English | 中文 | meaning | unit tables of docs/workbook-template.md."""
    parts = []
    for sheet, fields in (("Projects", PROJECT_FIELDS), ("Enterprise", ENTERPRISE_FIELDS),
                          ("Settings", SETTING_FIELDS), ("Outlook", OUTLOOK_FIELDS), ("Groups", GROUP_FIELDS),
                          ("NegativeList", NEGATIVE_LIST_FIELDS), ("Entities", ENTITY_FIELDS)):
        parts.append(f"### {sheet} ({SHEETS[sheet]})\n")
        parts.append("| English | 中文 | meaning | unit |")
        parts.append("|---|---|---|---|")
        for f in fields:
            if f.name.startswith(("capex_", "budget_")) and not f.name.endswith(str(YEARS[0])):
                continue
            name = f.name.replace(str(YEARS[0]), "YYYY") if f.name.endswith(str(YEARS[0])) else f.name
            chinese = f.chinese.replace(str(YEARS[0]), "YYYY")
            meaning = f.meaning.replace(str(YEARS[0]), "YYYY").replace("|", "\\|")
            unit = f"{f.unit} ({f.unit_zh})" if f.unit else ""
            kind = f.type.replace("|", "/")
            parts.append(f"| `{name}` | {chinese} | *{kind}.* {meaning} | {unit} |")
        parts.append("")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--markdown"]:
        print(markdown_tables())
        return 0
    chinese = args[:1] == ["--chinese"]
    if chinese:
        args = args[1:]
        if not args:
            print("usage: python resources/make_template.py --chinese OUT.xlsx", file=sys.stderr)
            return 2
    path = Path(args[0]) if args else OUT
    save_reproducibly(build_workbook(chinese), path)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
