"""The planning case as the engine sees it: projects, the group's baseline, settings.

Everything here is plain data, filled by `optimizer.io.workbook` and read by the
model, the reports and the app. Money is in the workbook's one currency unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

# The 9 strategic emerging industries: canonical key -> (English, Chinese).
STRATEGIC_CATEGORIES: dict[str, tuple[str, str]] = {
    "next_generation_it": ("Next-generation IT", "新一代信息技术"),
    "high_end_equipment": ("High-end equipment", "高端装备"),
    "new_materials": ("New materials", "新材料"),
    "biotechnology": ("Biotechnology", "生物技术"),
    "new_energy_vehicles": ("New-energy vehicles", "新能源汽车"),
    "new_energy": ("New energy", "新能源"),
    "green_environmental": ("Green & environmental protection", "绿色环保"),
    "aerospace": ("Aerospace", "航空航天"),
    "marine_equipment": ("Marine equipment", "海洋装备"),
}


@dataclass(frozen=True)
class SettingKey:
    """One limit or target of the Settings sheet.

    `sense` is "max" for an upper limit and "min" for a lower one; `kind` says
    how its value is written: "money", "share" (a fraction 0..1), "rate"
    (a fraction that may be negative or exceed 1), "grade" (risk 1..5),
    "productivity" (money per person).
    """

    key: str
    chinese: str
    sense: str
    kind: str
    label: str


# Limits and targets with a fixed key. Annual budgets are `budget_YYYY`
# (年度预算_YYYY), see `budget_key`.
LIMIT_KEYS: dict[str, SettingKey] = {
    k.key: k
    for k in [
        SettingKey("total_budget", "总预算", "max", "money", "Total budget"),
        SettingKey("min_strategic_share", "战新投资占比下限", "min", "share",
                   "Strategic emerging industry share"),
        SettingKey("max_non_main_share", "非主业投资占比上限", "max", "share", "Non-main-business share"),
        SettingKey("max_overseas_share", "境外投资占比上限", "max", "share", "Overseas share"),
        SettingKey("min_security_investment", "安全保障投资下限", "min", "money", "Security investment"),
        SettingKey("max_sector_share", "单一行业占比上限", "max", "share", "Largest sector share"),
        SettingKey("max_entity_share", "单一主体占比上限", "max", "share", "Largest entity share"),
        SettingKey("max_avg_risk", "平均风险等级上限", "max", "grade", "Average risk grade"),
        SettingKey("max_debt_ratio", "资产负债率上限", "max", "rate", "Debt ratio"),
        SettingKey("min_roe", "净资产收益率下限", "min", "rate", "ROE"),
        SettingKey("min_rd_intensity", "研发投入强度下限", "min", "rate", "R&D intensity"),
        SettingKey("min_operating_cash_ratio", "营业现金比率下限", "min", "rate", "Operating cash ratio"),
        SettingKey("min_labour_productivity", "全员劳动生产率下限", "min", "productivity",
                   "Labour productivity"),
        SettingKey("min_profit_growth", "利润总额增长下限", "min", "rate", "Total profit growth"),
    ]
}

WEIGHT_KEYS: dict[str, str] = {
    "weight_return": "收益权重",
    "weight_strategic": "战略权重",
    "weight_security": "安全权重",
    "weight_innovation": "创新权重",
    "weight_risk": "风险权重",
}

# Settings that are not limits: key -> Chinese alias.
OTHER_SETTING_KEYS: dict[str, str] = {
    "objective": "优化目标",
    "currency_unit": "货币单位",
    "time_limit": "求解时限",
    "mip_gap": "最优性间隙",
    "risk_aversion": "风险厌恶系数",
    **WEIGHT_KEYS,
}

OBJECTIVES = ("npv", "eva", "score")
OBJECTIVE_ALIASES = {"净现值": "npv", "经济增加值": "eva", "综合评分": "score"}

DEFAULT_CURRENCY_UNIT = "CNY 100m"
DEFAULT_TIME_LIMIT = 60.0
DEFAULT_MIP_GAP = 1e-4


def budget_key(year: int) -> str:
    return f"budget_{year}"


def budget_year(key: str) -> int | None:
    """The year of a `budget_YYYY` key, or None for any other key."""
    if key.startswith("budget_") and key[7:].isdigit() and len(key) == 11:
        return int(key[7:])
    return None


def setting_key(key: str) -> SettingKey:
    """The description of a limit key, annual budgets included."""
    year = budget_year(key)
    if year is not None:
        return SettingKey(key, f"年度预算_{year}", "max", "money", f"Budget {year}")
    return LIMIT_KEYS[key]


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    capex: dict[int, float]
    """Planned spend by calendar year for a start in `earliest_start`."""
    earliest_start: int
    latest_start: int
    entity: str = ""
    sector: str = ""
    region: str = ""
    overseas: bool = False
    main_business: bool = True
    strategic_category: str | None = None
    """A key of STRATEGIC_CATEGORIES, or None for traditional business."""
    future_industry: bool = False
    key_core_tech: bool = False
    security: bool = False
    mandatory: bool = False
    excluded: bool = False
    equity_ratio: float = 0.3
    npv: float = 0.0
    npv_low: float | None = None
    npv_high: float | None = None
    irr: float | None = None
    revenue: float = 0.0
    profit: float = 0.0
    operating_cash_flow: float = 0.0
    rd_spend: float = 0.0
    value_added: float = 0.0
    headcount: float = 0.0
    risk: float | None = None
    strategic_score: float | None = None
    requires: tuple[str, ...] = ()
    exclusive_group: str | None = None
    min_share: float = 1.0
    row: int = 0
    """The project's row in the Projects sheet (0 when not read from a workbook)."""
    extra: dict[str, object] = field(default_factory=dict)
    """Columns the workbook has that the engine does not use, kept for display and export."""

    @property
    def total_capex(self) -> float:
        return float(sum(self.capex.values()))

    @property
    def start_years(self) -> range:
        return range(self.earliest_start, self.latest_start + 1)

    @property
    def is_strategic(self) -> bool:
        return self.strategic_category is not None


@dataclass(frozen=True)
class Enterprise:
    """The group's baseline financials before the new investment."""

    revenue: float | None = None
    total_profit: float | None = None
    net_profit: float | None = None
    total_assets: float | None = None
    total_liabilities: float | None = None
    equity: float | None = None
    operating_cash_flow: float | None = None
    rd_spend: float | None = None
    headcount: float | None = None
    labour_output: float | None = None
    tax_rate: float = 0.25
    capital_cost_rate: float = 0.055
    hurdle_rate: float = 0.02


ENTERPRISE_KEYS: dict[str, str] = {
    "revenue": "营业收入",
    "total_profit": "利润总额",
    "net_profit": "净利润",
    "total_assets": "资产总额",
    "total_liabilities": "负债总额",
    "equity": "净资产",
    "operating_cash_flow": "经营现金流",
    "rd_spend": "研发投入",
    "headcount": "平均职工人数",
    "labour_output": "劳动生产总值",
    "tax_rate": "所得税率",
    "capital_cost_rate": "资本成本率",
    "hurdle_rate": "基准收益率",
}


@dataclass(frozen=True)
class Settings:
    limits: dict[str, float] = field(default_factory=dict)
    """Limit and target values by key (`budget_2027`, `min_roe`, ...); absent means no limit."""
    objective: str = "npv"
    weights: dict[str, float] = field(default_factory=dict)
    """Weights of the `score` objective by key (`weight_return`, ...)."""
    currency_unit: str = DEFAULT_CURRENCY_UNIT
    time_limit: float = DEFAULT_TIME_LIMIT
    mip_gap: float = DEFAULT_MIP_GAP
    risk_aversion: float = 0.0
    """0..1: with objective npv, the weight moved from each project's NPV to its pessimistic npv_low
    (see optimizer/analysis/risk.py); 0 ignores the NPV ranges."""
    cells: dict[str, str] = field(default_factory=dict)
    """Where each key was read from, as `Settings!B7`, for messages."""


@dataclass(frozen=True)
class Case:
    projects: tuple[Project, ...]
    years: tuple[int, ...]
    """The plan horizon: the years of the capex columns, ascending."""
    settings: Settings
    enterprise: Enterprise | None = None
    """None when the workbook has no Enterprise sheet."""
    warnings: tuple[str, ...] = ()
    source: str = ""

    def project(self, project_id: str) -> Project:
        for p in self.projects:
            if p.id == project_id:
                return p
        raise KeyError(project_id)

    @property
    def tax_rate(self) -> float:
        return self.enterprise.tax_rate if self.enterprise else Enterprise.tax_rate

    @property
    def capital_cost_rate(self) -> float:
        return self.enterprise.capital_cost_rate if self.enterprise else Enterprise.capital_cost_rate

    @property
    def hurdle_rate(self) -> float:
        return self.enterprise.hurdle_rate if self.enterprise else Enterprise.hurdle_rate

    def with_limits(self, **changes: float | None) -> Case:
        """A copy with some limits set (a number) or removed (None)."""
        limits = dict(self.settings.limits)
        for key, value in changes.items():
            if value is None:
                limits.pop(key, None)
            else:
                limits[key] = float(value)
        return replace(self, settings=replace(self.settings, limits=limits))


def negative_list_reason(project: Project, hurdle_rate: float) -> str | None:
    """Why a project is prohibited by negative-list screening, or None.

    A commercial project (not flagged `security`) whose IRR is below the
    hurdle rate may not be invested in.
    """
    if project.security or project.irr is None or project.irr >= hurdle_rate:
        return None
    return (f"negative list: IRR {project.irr:.2%} is below the hurdle rate "
            f"{hurdle_rate:.2%} for a commercial project")
