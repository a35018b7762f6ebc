"""The vocabulary of targets: every key of the Settings sheet once, with everything the program knows of it.

A *figure* is something the group measures of a portfolio: its ROE, its strategic share, its total capex.
A *setting* is a key of the Settings sheet. A setting that bounds a figure is a *limit* (a budget, a share
cap, one of the "one profit, five rates" targets): it names its figure and its sense (`min` a floor, `max` a
ceiling). So for `min_rd_intensity`:

    setting("min_rd_intensity").figure        # "rd_intensity", computed by Figures.rd_intensity (measures.py)
    setting("min_rd_intensity").sense         # Sense.MIN
    setting("min_rd_intensity").allowed       # 0..1, "a share between 0 and 1"
    FIGURES["rd_intensity"].name.chinese      # "研发投入强度"

The reader checks values against `Setting.allowed` (optimizer/io/values.py); the model makes one constraint
named by the key from the figure's measure (optimizer/model/portfolio.py); the report, the words, the
diagnosis and the frontier take names, senses and units from here, and so do the app's targets form, KPI
cards, what-if sliders and trade-offs. Adding a target is one entry in SETTINGS and, for a new figure, one
in FIGURES with its measure in measures.py. Annual budgets are keys made from a year: `budget_key(2027)`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from enum import StrEnum

from optimizer.tolerances import NEGLIGIBLE
from optimizer.words.text import Name, Term


class Kind(StrEnum):
    """How a value is written in the workbook and shown to the user."""

    MONEY = "money"
    """In the case's currency unit."""
    SHARE = "share"
    """A fraction of a whole, 0..1, shown as a percentage."""
    RATE = "rate"
    """A fraction that may be negative or above 1, shown as a percentage."""
    GRADE = "grade"
    """A risk grade, 1..5."""
    PRODUCTIVITY = "productivity"
    """Money per person (shown in CNY 10k per person for a case in CNY 100m: `PRODUCTIVITY_SCALE`)."""
    COUNT = "count"
    SECONDS = "seconds"
    WEIGHT = "weight"
    CHOICE = "choice"
    FLAG = "flag"
    """Yes or no (written as a Projects flag is: yes/no, TRUE/FALSE, 1/0, Y/N, 是/否)."""
    TEXT = "text"


PERCENT_KINDS = (Kind.SHARE, Kind.RATE)


class Sense(StrEnum):
    MIN = "min"
    """A floor: the figure must be at least the limit."""
    MAX = "max"
    """A ceiling: the figure must be at most the limit."""


class Group(StrEnum):
    """Where the targets form shows a setting."""

    BUDGET = "budget"
    STRUCTURE = "structure"
    PROFIT_AND_RATES = "profit_and_rates"
    """一利五率: total profit growth and the five rates."""
    OBJECTIVE = "objective"
    SOLVER = "solver"


class Objective(StrEnum):
    NPV = "npv"
    EVA = "eva"
    SCORE = "score"


class KpiCheck(StrEnum):
    """Where the plain "one profit, five rates" targets bind (Settings `kpi_check`)."""

    STEADY = "steady"
    """The steady state after the plan, every project at full effect."""
    EVERY_YEAR = "every_year"
    """The steady state and every plan year, as SASAC assesses them."""


KPI_CHECK_NAMES = {
    KpiCheck.STEADY: Name("steady", "稳态"),
    KpiCheck.EVERY_YEAR: Name("every_year", "逐年"),
}


OBJECTIVE_NAMES = {
    Objective.NPV: Name("NPV", "净现值"),
    Objective.EVA: Name("EVA", "经济增加值"),
    Objective.SCORE: Name("weighted score", "综合评分"),
}


@dataclass(frozen=True)
class Allowed:
    """The values a setting may take: from `low` to `high` (`low` itself excluded when `low_open`).

    `what` names them in a message, "{number} is not {what}". A setting without an upper bound whose `low`
    is 0 is said to be "negative" below it instead.
    """

    low: float = -math.inf
    high: float = math.inf
    what: Name | None = None
    low_open: bool = False

    def admits(self, number: float) -> bool:
        above = number > self.low if self.low_open else number >= self.low
        return above and number <= self.high


@dataclass(frozen=True)
class Slider:
    """A what-if slider's range and step, in the setting's own units (fractions for shares and rates).

    `relative`: the range is in fractions of the case's own value (the total budget: 50% to 150%).
    """

    low: float
    high: float
    step: float
    relative: bool = False

    def range_for(self, value: float | None, allowed: Allowed) -> tuple[float, float]:
        """This range, widened on the step's grid to hold the case's own value: a slider shows and keeps every
        value a case may have (a debt-ratio ceiling of 35% below the usual 40%..90%), within what is allowed."""
        low, high = self.low, self.high
        if value is not None and not self.relative and math.isfinite(value):
            if value < low:
                low = self.low - math.ceil((self.low - value) / self.step - NEGLIGIBLE) * self.step
            if value > high:
                high = self.high + math.ceil((value - self.high) / self.step - NEGLIGIBLE) * self.step
        low = max(low, allowed.low) if math.isfinite(allowed.low) else low
        high = min(high, allowed.high) if math.isfinite(allowed.high) else high
        return round(low, 12), round(high, 12)


@dataclass(frozen=True)
class Figure:
    """Something the group measures of a portfolio, as the results report it (`key` is its KPI key)."""

    key: str
    name: Name
    kind: Kind
    measure: str
    """The method of measures.Figures that computes it."""
    of_group: bool = False
    """The group's own figure after investment ("one profit, five rates"): it has a value before investing."""
    needs: tuple[str, ...] = ()
    """The Enterprise items it is measured from (a target on it needs them)."""
    divisor: str | None = None
    """The Enterprise item it divides by, which must be above 0."""
    reported: bool = True
    """Reported among the KPIs (the spend of one year is reported by year instead)."""
    growth: str | None = None
    """The figure of its growth, whose target sets this one's: the baseline × (1 + growth target)."""
    needs_column: tuple[str, Name] | None = None
    """The Projects column it is measured from, which every project must then fill in, and what it holds."""
    card: Name | None = None
    """The title of its KPI card, for the headline figures the app shows as cards."""


@dataclass(frozen=True)
class Setting:
    """One key of the Settings sheet."""

    key: str
    workbook_chinese: str
    """The key's Chinese name, which a workbook may use instead of the key (研发投入强度下限)."""
    name: Name
    """What it is, in a sentence or a form: "R&D intensity" / "研发投入强度"."""
    kind: Kind
    allowed: Allowed
    figure: str | None = None
    """For a limit: the key of the figure it bounds (FIGURES)."""
    sense: Sense | None = None
    group: Group | None = None
    slider: Slider | None = None
    """The what-if slider that moves it, if one does."""
    slider_label: Name | None = None
    year: int | None = None
    """For an annual budget or a target by year: its year."""
    choices: dict[str, Name] | None = None
    """For a choice: each value the setting may take, with its name (a workbook may write either)."""
    entity: str | None = None
    """For a subsidiary's own budget (the Entities sheet): the investing subsidiary it is of."""

    @property
    def is_limit(self) -> bool:
        return self.figure is not None


# --- the figures --------------------------------------------------------------------------------------------
_PERCENT = Kind.SHARE  # the results show rates as percentages like shares

# Figures a report names by key (the five values, optimizer/report/five_values.py).
NPV, EVA, RD_INTENSITY, STRATEGIC_SHARE = "npv", "eva", "rd_intensity", "strategic_share"
SECURITY_INVESTMENT, LIVELIHOOD_INVESTMENT = "security_investment", "livelihood_investment"
KEY_CORE_TECH_SHARE, FUTURE_INDUSTRY_SHARE = "key_core_tech_share", "future_industry_share"

FIGURES: dict[str, Figure] = {f.key: f for f in [
    Figure("total_profit", Name("Total profit", "利润总额"), Kind.MONEY, "total_profit", of_group=True,
           needs=("total_profit",), growth="profit_growth", card=Name("Total profit", "利润总额")),
    Figure("profit_growth", Name("Total profit growth", "利润总额增长率"), _PERCENT, "profit_growth", of_group=True,
           needs=("total_profit",), divisor="total_profit"),
    Figure("roe", Name("ROE", "净资产收益率"), _PERCENT, "roe", of_group=True, needs=("net_profit", "equity"),
           divisor="equity", card=Name("ROE", "净资产收益率")),
    Figure("debt_ratio", Name("Debt ratio", "资产负债率"), _PERCENT, "debt_ratio", of_group=True,
           needs=("total_liabilities", "total_assets"), divisor="total_assets", card=Name("Debt ratio", "资产负债率")),
    Figure(RD_INTENSITY, Name("R&D intensity", "研发投入强度"), _PERCENT, "rd_intensity", of_group=True,
           needs=("rd_spend", "revenue"), divisor="revenue", card=Name("R&D intensity", "研发投入强度")),
    Figure("operating_cash_ratio", Name("Operating cash ratio", "营业现金比率"), _PERCENT, "operating_cash_ratio",
           of_group=True, needs=("operating_cash_flow", "revenue"), divisor="revenue",
           card=Name("Operating cash ratio", "营业现金比率")),
    Figure("labour_productivity", Name("Labour productivity", "全员劳动生产率"), Kind.PRODUCTIVITY,
           "labour_productivity", of_group=True, needs=("labour_output", "headcount"), divisor="headcount",
           card=Name("Labour productivity", "全员劳动生产率")),
    Figure(STRATEGIC_SHARE, Name("Strategic emerging industry share", "战略性新兴产业投资占比"), _PERCENT,
           "strategic_share", card=Name("Strategic emerging share", "战略性新兴产业投资占比")),
    Figure("non_main_share", Name("Non-main-business share", "非主业投资占比"), _PERCENT, "non_main_share"),
    Figure("overseas_share", Name("Overseas share", "境外投资占比"), _PERCENT, "overseas_share"),
    Figure(SECURITY_INVESTMENT, Name("Security investment", "安全保障投资"), Kind.MONEY, "security_investment"),
    Figure(LIVELIHOOD_INVESTMENT, Name("Livelihood investment", "民生保障投资"), Kind.MONEY, "livelihood_investment"),
    Figure(KEY_CORE_TECH_SHARE, Name("Key core technology share", "关键核心技术投资占比"), _PERCENT,
           "key_core_tech_share"),
    Figure(FUTURE_INDUSTRY_SHARE, Name("Future industry share", "未来产业投资占比"), _PERCENT, "future_industry_share"),
    Figure("max_sector_share", Name("Largest sector share", "单一行业最大占比"), _PERCENT, "sector_share"),
    Figure("max_entity_share", Name("Largest entity share", "单一主体最大占比"), _PERCENT, "entity_share"),
    Figure("avg_risk", Name("Average risk grade", "平均风险等级"), Kind.GRADE, "avg_risk",
           needs_column=("risk", Name("risk grade", "风险等级"))),
    Figure("total_capex", Name("Total capex", "投资总额"), Kind.MONEY, "capex"),
    Figure("spend", Name("Spend", "年度投资"), Kind.MONEY, "spend", reported=False),
    Figure(NPV, Name("NPV", "净现值"), Kind.MONEY, "npv", card=Name("NPV of the portfolio", "投资组合净现值")),
    Figure(EVA, Name("EVA", "经济增加值"), Kind.MONEY, "eva"),
]}
"""In the order the results list them; the headline ones (with a card) in the order of the app's cards."""

SCORE_FIGURE = Figure("score", OBJECTIVE_NAMES[Objective.SCORE], Kind.GRADE, "score", reported=False)
"""The weighted score of the score objective: reported, in points, only when it is the objective."""
SCORE_UNIT = Name("points", "分")


# --- the settings -------------------------------------------------------------------------------------------
_SHARE = Allowed(0.0, 1.0, Name("a share between 0 and 1", "介于 0 到 1 之间的比例"))
_RATE = Allowed(-1.0, 1.0, Name("a rate between -1 and 1", "介于 -1 到 1 之间的比率"))
_AMOUNT = Allowed(0.0)


def _limit(key: str, chinese_key: str, name: Name, figure: str, kind: Kind, allowed: Allowed, group: Group,
           slider: Slider | None = None, slider_label: str | None = None) -> Setting:
    sense = Sense.MIN if key.startswith("min_") else Sense.MAX
    label = Name(slider_label, chinese_key) if slider_label else None
    return Setting(key, chinese_key, name, kind, allowed, figure, sense, group, slider, label)


def _other(key: str, chinese_key: str, name: Name, kind: Kind, allowed: Allowed = Allowed(),
           group: Group = Group.SOLVER, slider: Slider | None = None, choices: dict[str, Name] | None = None
           ) -> Setting:
    return Setting(key, chinese_key, name, kind, allowed, group=group, slider=slider,
                   slider_label=name if slider else None, choices=choices)


TOTAL_BUDGET = "total_budget"
RISK_AVERSION = "risk_aversion"
MIN_PROFIT_GROWTH = "min_profit_growth"
MAX_AVG_RISK = "max_avg_risk"
WEIGHT_RETURN = "weight_return"
OBJECTIVE = "objective"
KPI_CHECK = "kpi_check"
ALLOW_SUPERVISED = "allow_supervised"

SETTINGS: dict[str, Setting] = {s.key: s for s in [
    # limits, in the order the targets form and the results list them: 一利五率 is total profit, then five rates
    _limit(TOTAL_BUDGET, "总预算", Name("Total budget", "总预算"), "total_capex", Kind.MONEY, _AMOUNT, Group.BUDGET,
           Slider(0.5, 1.5, 0.01, relative=True), "Total budget"),
    _limit("min_strategic_share", "战新投资占比下限",
           Name("Strategic emerging industry share", "战略性新兴产业投资占比"), "strategic_share", Kind.SHARE, _SHARE,
           Group.STRUCTURE, Slider(0.0, 1.0, 0.005), "Min strategic share"),
    _limit("max_non_main_share", "非主业投资占比上限", Name("Non-main-business share", "非主业投资占比"),
           "non_main_share", Kind.SHARE, _SHARE, Group.STRUCTURE),
    _limit("max_overseas_share", "境外投资占比上限", Name("Overseas share", "境外投资占比"), "overseas_share",
           Kind.SHARE, _SHARE, Group.STRUCTURE),
    _limit("min_security_investment", "安全保障投资下限", Name("Security investment", "安全保障投资"),
           "security_investment", Kind.MONEY, _AMOUNT, Group.STRUCTURE),
    _limit("min_livelihood_investment", "民生保障投资下限", Name("Livelihood investment", "民生保障投资"),
           LIVELIHOOD_INVESTMENT, Kind.MONEY, _AMOUNT, Group.STRUCTURE),
    _limit("min_key_core_tech_share", "关键核心技术投资占比下限",
           Name("Key core technology share", "关键核心技术投资占比"), KEY_CORE_TECH_SHARE, Kind.SHARE, _SHARE,
           Group.STRUCTURE),
    _limit("min_future_industry_share", "未来产业投资占比下限", Name("Future industry share", "未来产业投资占比"),
           FUTURE_INDUSTRY_SHARE, Kind.SHARE, _SHARE, Group.STRUCTURE),
    _limit("max_sector_share", "单一行业占比上限", Name("Largest sector share", "单一行业投资占比"), "max_sector_share",
           Kind.SHARE, _SHARE, Group.STRUCTURE),
    _limit("max_entity_share", "单一主体占比上限", Name("Largest entity share", "单一主体投资占比"), "max_entity_share",
           Kind.SHARE, _SHARE, Group.STRUCTURE),
    _limit(MAX_AVG_RISK, "平均风险等级上限", Name("Average risk grade", "平均风险等级"), "avg_risk", Kind.GRADE,
           Allowed(1.0, 5.0, Name("a risk grade between 1 and 5", "介于 1 到 5 之间的风险等级")), Group.STRUCTURE),
    _limit("min_eva", "经济增加值下限", Name("EVA", "经济增加值"), "eva", Kind.MONEY, Allowed(), Group.STRUCTURE),
    _limit(MIN_PROFIT_GROWTH, "利润总额增长下限", Name("Total profit growth", "利润总额增长率"), "profit_growth",
           Kind.RATE, Allowed(-1.0, math.inf, Name("a growth above -1 (-100%)", "大于 -1（-100%）的增长率"),
                              low_open=True), Group.PROFIT_AND_RATES),
    _limit("max_debt_ratio", "资产负债率上限", Name("Debt ratio", "资产负债率"), "debt_ratio", Kind.RATE, _SHARE,
           Group.PROFIT_AND_RATES, Slider(0.40, 0.90, 0.001), "Max debt ratio"),
    _limit("min_roe", "净资产收益率下限", Name("ROE", "净资产收益率"), "roe", Kind.RATE, _RATE, Group.PROFIT_AND_RATES,
           Slider(0.0, 0.20, 0.0005), "Min ROE"),
    _limit("min_rd_intensity", "研发投入强度下限", Name("R&D intensity", "研发投入强度"), "rd_intensity", Kind.RATE,
           _SHARE, Group.PROFIT_AND_RATES, Slider(0.0, 0.10, 0.0005), "Min R&D intensity"),
    _limit("min_operating_cash_ratio", "营业现金比率下限", Name("Operating cash ratio", "营业现金比率"),
           "operating_cash_ratio", Kind.RATE, _RATE, Group.PROFIT_AND_RATES),
    _limit("min_labour_productivity", "全员劳动生产率下限", Name("Labour productivity", "全员劳动生产率"),
           "labour_productivity", Kind.PRODUCTIVITY, _AMOUNT, Group.PROFIT_AND_RATES),
    _other(KPI_CHECK, "考核口径", Name("KPI check", "考核口径"), Kind.CHOICE,
           Allowed(what=Name("a KPI check", "考核口径")), Group.PROFIT_AND_RATES, choices=KPI_CHECK_NAMES),
    _other(ALLOW_SUPERVISED, "允许特别监管类", Name("Allow supervised projects", "允许特别监管类项目"), Kind.FLAG,
           Allowed(what=Name("yes or no", "是或否")), Group.STRUCTURE),
    # the objective and the solver
    _other(OBJECTIVE, "优化目标", Name("Objective", "优化目标"), Kind.CHOICE,
           Allowed(what=Name("an objective", "优化目标")), Group.OBJECTIVE, choices=OBJECTIVE_NAMES),
    _other(WEIGHT_RETURN, "收益权重", Name("Return", "收益"), Kind.WEIGHT, _AMOUNT, Group.OBJECTIVE,
           Slider(0.0, 1.0, 0.01)),
    _other("weight_strategic", "战略权重", Name("Strategic", "战略"), Kind.WEIGHT, _AMOUNT, Group.OBJECTIVE,
           Slider(0.0, 1.0, 0.01)),
    _other("weight_security", "安全权重", Name("Security", "安全"), Kind.WEIGHT, _AMOUNT, Group.OBJECTIVE,
           Slider(0.0, 1.0, 0.01)),
    _other("weight_innovation", "创新权重", Name("Innovation", "创新"), Kind.WEIGHT, _AMOUNT, Group.OBJECTIVE,
           Slider(0.0, 1.0, 0.01)),
    _other("weight_risk", "风险权重", Name("Low risk", "低风险"), Kind.WEIGHT, _AMOUNT, Group.OBJECTIVE,
           Slider(0.0, 1.0, 0.01)),
    _other(RISK_AVERSION, "风险厌恶系数", Name("Risk aversion", "风险厌恶系数"), Kind.WEIGHT,
           Allowed(0.0, 1.0, Name("a risk aversion between 0 (none) and 1 (the pessimistic NPV only)",
                                  "介于 0（不考虑风险）到 1（只看悲观净现值）之间的风险厌恶系数")), Group.OBJECTIVE,
           Slider(0.0, 1.0, 0.01)),
    _other("currency_unit", "货币单位", Name("Currency unit", "货币单位"), Kind.TEXT),
    _other("time_limit", "求解时限", Name("Time limit", "求解时限"), Kind.SECONDS,
           Allowed(0.0, math.inf, Name("a time limit (write the seconds, more than 0)",
                                       "求解时限（请填写大于 0 的秒数）"), low_open=True)),
    _other("mip_gap", "最优性间隙", Name("Optimality gap", "最优性间隙"), Kind.SHARE,
           Allowed(0.0, 1.0, Name("a gap between 0 and 1", "介于 0 到 1 之间的间隙"))),
]}

WEIGHT_KEYS = tuple(key for key, s in SETTINGS.items() if s.kind == Kind.WEIGHT and key != RISK_AVERSION)
"""The criteria of the score objective, each weighed by its Settings key."""
DEFAULT_WEIGHT = 0.2
"""Each criterion's weight when the Settings sheet gives none: all equal."""
LIMIT_KEYS = tuple(key for key, s in SETTINGS.items() if s.is_limit)
"""Limits with a fixed key; the annual budgets are `budget_key(year)`, the targets by year `yearly_key(key, year)`."""
YEARLY_TARGETS = tuple(key for key in LIMIT_KEYS if SETTINGS[key].group == Group.PROFIT_AND_RATES)
"""The "one profit, five rates" targets, which may also be set for one plan year (`min_roe_2028`)."""

_BUDGET = Setting("budget_{year}", "年度预算_{year}", Name("Budget {year}", "{year}年度预算"), Kind.MONEY, _AMOUNT,
                  "spend", Sense.MAX, Group.BUDGET)
_BUDGET_KEY = re.compile(r"budget_(\d{4})")


def budget_key(year: int) -> str:
    return _BUDGET.key.format(year=year)


def budget_year(key: str) -> int | None:
    """The year of an annual budget's key (`budget_2027`), None for any other key."""
    found = _BUDGET_KEY.fullmatch(key)
    return int(found.group(1)) if found else None


_YEARLY_KEY = re.compile(r"(\w+)_(\d{4})")


def yearly_keys() -> tuple[str, ...]:
    """The plain keys of the targets that may be set by year (YEARLY_TARGETS)."""
    return YEARLY_TARGETS


def yearly_key(key: str, year: int) -> str:
    """The key of a target in one plan year: `yearly_key("max_debt_ratio", 2028)` is "max_debt_ratio_2028"."""
    return f"{key}_{year}"


def yearly_target(key: str) -> tuple[str, int] | None:
    """The plain key and the year of a target by year ("min_roe_2028" -> ("min_roe", 2028)), None for any other
    key."""
    found = _YEARLY_KEY.fullmatch(key)
    if found and found.group(1) in YEARLY_TARGETS:
        return found.group(1), int(found.group(2))
    return None


def year_of(key: str) -> int | None:
    """The year a limit binds in: an annual budget's (a subsidiary's too) or a target by year's; None for the
    others."""
    if (of_entity := entity_budget(key)) is not None:
        return year_of(of_entity[0])
    if (year := budget_year(key)) is not None:
        return year
    found = yearly_target(key)
    return found[1] if found else None


ENTITY_MARK = "@"
"""Joins a budget's key and a subsidiary in the key of the subsidiary's own budget: `budget_2027@华瑞新能源`."""


def entity_budget_key(key: str, entity: str) -> str:
    """The key of a subsidiary's own budget (the Entities sheet): `entity_budget_key("budget_2027", "NE")` is
    "budget_2027@NE", of its total budget "total_budget@NE"."""
    return f"{key}{ENTITY_MARK}{entity}"


def entity_budget(key: str) -> tuple[str, str] | None:
    """The budget's key and the subsidiary of a subsidiary's own budget ("budget_2027@NE" -> ("budget_2027",
    "NE")), None for any other key."""
    plain, mark, entity = key.partition(ENTITY_MARK)
    if mark and entity and (plain == TOTAL_BUDGET or budget_year(plain) is not None):
        return plain, entity
    return None


def _in_year(name: Name, year: int) -> Name:
    """"Debt ratio" in 2028: "2028 debt ratio", "2028年资产负债率"."""
    english = name.english
    if len(english) > 1 and english[1].islower():
        english = english[0].lower() + english[1:]
    return Name(f"{year} {english}", f"{year}年{name.chinese}")


def setting(key: str) -> Setting:
    """The setting of a key, annual budgets, targets by year and subsidiaries' budgets included; KeyError for a key
    that is not one."""
    if (of_entity := entity_budget(key)) is not None:
        plain, entity = of_entity
        base = setting(plain)
        return replace(base, key=key, workbook_chinese=f"{base.workbook_chinese}{ENTITY_MARK}{entity}",
                       name=Name(f"{base.name.english} of {entity}", f"{entity}{base.name.chinese}"), entity=entity,
                       slider=None, slider_label=None)
    year = budget_year(key)
    if year is not None:
        return replace(_BUDGET, key=key, workbook_chinese=_BUDGET.workbook_chinese.format(year=year),
                       name=Name(_BUDGET.name.english.format(year=year), _BUDGET.name.chinese.format(year=year)),
                       year=year)
    found = yearly_target(key)
    if found is not None:
        plain, year = found
        base = SETTINGS[plain]
        return replace(base, key=key, workbook_chinese=f"{base.workbook_chinese}_{year}",
                       name=_in_year(base.name, year), year=year,
                       slider_label=Name(f"{base.slider_label.english} {year}", f"{year}年{base.slider_label.chinese}")
                       if base.slider_label else None)
    return SETTINGS[key]


def is_limit(key: str) -> bool:
    """A limit or target: a key that bounds a figure (annual budgets and targets by year included)."""
    return (budget_year(key) is not None or yearly_target(key) is not None or entity_budget(key) is not None
            or (key in SETTINGS and SETTINGS[key].is_limit))


def figure_of(key: str) -> Figure:
    """The figure a limit bounds."""
    return FIGURES[setting(key).figure]


def limit_on(figure: str) -> str | None:
    """The key of the limit that bounds a figure, if one does."""
    return next((key for key in LIMIT_KEYS if SETTINGS[key].figure == figure), None)


@dataclass(frozen=True)
class LimitKey(Term):
    """A limit in a sentence that names it by its key: the key in English, as the command prints it ("binding:
    budget_2027"), its name in Chinese."""

    key: str

    def __str__(self) -> str:
        return self.key

    def said_in(self, chinese: bool) -> str:
        return setting(self.key).name.chinese if chinese else self.key


def headline_figures() -> list[Figure]:
    """The figures the app shows as KPI cards, in order."""
    return [f for f in FIGURES.values() if f.card is not None]


def slider_settings() -> list[Setting]:
    """The limits a what-if slider moves, in order."""
    return [s for s in SETTINGS.values() if s.is_limit and s.slider is not None]


# --- how values are shown -----------------------------------------------------------------------------------
PRODUCTIVITY_SCALE: dict[str, tuple[float, Name]] = {
    "CNY 100m": (10_000.0, Name("CNY 10k", "万元")),
    "亿元": (10_000.0, Name("CNY 10k", "万元")),
}
"""Currency units in which labour productivity is a tiny number (0.0078 CNY 100m per person): it is shown in
10k CNY (万元) per person, 78.00, the unit SOE reports use. Other units show it as it is."""
