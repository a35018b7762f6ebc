"""The planning case as the engine sees it: projects, the group's baseline, settings.

Everything here is plain data, filled by the workbook reader (optimizer/io/workbook.py) and read by the
model, the reports and the app. Money is in the workbook's one currency unit. What each Settings key
means (its names, the figure it bounds, the values it may take) is in optimizer/model/targets.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from optimizer.model.negative_list import NegativeRule
from optimizer.model.targets import KpiCheck, Objective, yearly_key, yearly_keys, yearly_target
from optimizer.words.text import Name

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


DEFAULT_CURRENCY_UNIT = "CNY 100m"
DEFAULT_TIME_LIMIT = 60.0
DEFAULT_MIP_GAP = 1e-4


PROJECT_COLUMNS: dict[str, str] = {
    "id": "项目编号", "name": "项目名称", "entity": "投资主体", "sector": "所属行业",
    "region": "地区", "overseas": "是否境外", "main_business": "是否主业",
    "strategic_category": "战新产业类别", "future_industry": "是否未来产业",
    "key_core_tech": "关键核心技术", "security": "安全保障", "livelihood": "民生保障", "mandatory": "必选",
    "excluded": "排除", "equity_ratio": "资本金比例", "npv": "净现值",
    "npv_low": "悲观净现值", "npv_high": "乐观净现值", "irr": "内部收益率",
    "revenue": "营业收入", "profit": "利润总额", "operating_cash_flow": "经营现金流",
    "rd_spend": "研发投入", "value_added": "增加值", "headcount": "新增人数",
    "risk": "风险等级", "strategic_score": "战略评分", "requires": "前置项目",
    "exclusive_group": "互斥组", "earliest_start": "最早开工年", "latest_start": "最晚开工年",
    "min_share": "最低参与比例", "build_years": "建设期",
    "requires_any": "前置项目任一", "together_with": "捆绑项目",
}
"""The columns of the Projects sheet (besides capex_YYYY): each a field of `Project`, with the Chinese name a
workbook may use instead."""


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
    livelihood: bool = False
    """Key-product supply or people's livelihoods (民生保障): like security, exempt from the IRR screening."""
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
    lags: dict[str, int] = field(default_factory=dict)
    """Years that must pass between the start of a required project and this one's (`P001+2` in `requires`):
    required id -> lag; a plain entry (lag 0) is not listed."""
    requires_any: tuple[str, ...] = ()
    """Chosen only if at least one of these is chosen and started no later than this project."""
    together_with: tuple[str, ...] = ()
    """Chosen exactly when each of these is chosen (each at its own start): a set decided as one."""
    exclusive_group: str | None = None
    min_share: float = 1.0
    build_years: int = 0
    """Years of construction: started in year t, the project adds its run-rate figures from t + build_years on."""
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


class EquitySource(StrEnum):
    """Where the equity part of the capex comes from (Enterprise `equity_source`)."""

    NEW_CAPITAL = "new_capital"
    """New capital: net assets grow by the equity part, total assets by the whole capex."""
    OWN_FUNDS = "own_funds"
    """The group's own cash: total assets grow only by the debt part, net assets do not grow."""


EQUITY_SOURCE_NAMES = {EquitySource.NEW_CAPITAL: Name("new capital", "新增资本金"),
                       EquitySource.OWN_FUNDS: Name("own funds", "自有资金")}


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
    equity_source: str = EquitySource.NEW_CAPITAL


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
    "equity_source": "资本金来源",
}
"""The items of the Enterprise sheet, with the Chinese name a workbook may use instead."""
ENTERPRISE_FIGURES = tuple(key for key in ENTERPRISE_KEYS if key != "equity_source")
"""The items of the Enterprise sheet that are numbers (all but the equity source, a choice)."""

OUTLOOK_KEYS = ("revenue", "total_profit", "net_profit", "total_assets", "total_liabilities", "equity",
                "operating_cash_flow", "rd_spend", "headcount", "labour_output", "tax_rate")
"""The Enterprise items the Outlook sheet may give year by year (the rates of the plan and the equity source
are one value for the whole plan)."""


@dataclass(frozen=True)
class GroupCount:
    """How many projects of a group (the `exclusive_group` column) are chosen: a row of the Groups sheet (项目组).
    A group without a row takes at most one."""

    min_count: int = 0
    max_count: int | None = 1
    """None: no maximum."""


@dataclass(frozen=True)
class Settings:
    limits: dict[str, float] = field(default_factory=dict)
    """Limit and target values by Settings key (an annual budget, a share floor...); absent means no limit."""
    objective: str = Objective.NPV
    weights: dict[str, float] = field(default_factory=dict)
    """Weights of the `score` objective by Settings key (targets.WEIGHT_KEYS); none given means all equal."""
    currency_unit: str = DEFAULT_CURRENCY_UNIT
    time_limit: float = DEFAULT_TIME_LIMIT
    mip_gap: float = DEFAULT_MIP_GAP
    kpi_check: str = KpiCheck.STEADY
    """Where the plain "one profit, five rates" targets bind: the steady state, or also every plan year."""
    allow_supervised: bool = True
    """Projects flagged for special supervision by the negative list may be chosen (no: they are left out)."""
    risk_aversion: float = 0.0
    """0..1: with objective npv, the weight moved from each project's NPV to its pessimistic npv_low
    (see optimizer/analysis/risk.py); 0 ignores the NPV ranges."""
    cells: dict[str, str] = field(default_factory=dict)
    """Where each key was read from, as `Settings!B7`, for messages."""


@dataclass(frozen=True)
class Origin:
    """The case as its workbook gave it, before `--set` and the app's edits: what the export compares the solved
    case with (its decision log) and where it writes the values used back (optimizer/io/export_case.py)."""

    settings: Settings
    mandatory: frozenset[str] = frozenset()
    """The ids the Projects sheet marks mandatory."""
    excluded: frozenset[str] = frozenset()
    projects_title: str = ""
    header_row: int = 1
    """The Projects sheet's header row."""
    mark_columns: dict[str, int] = field(default_factory=dict)
    """"mandatory" and "excluded" -> their column number in the Projects sheet, where it has them."""
    sha256: str = ""
    """The SHA-256 of the file's bytes as they were read, to tie a result to its input."""
    data: bytes = field(default=b"", repr=False)
    """The file's bytes as read: the export copies the workbook from them, so its formatting and extra columns
    are those of the case solved, whatever became of the file since."""
    path: str = ""
    """The file read. A case whose `source` names another file (an autosave restored, as from its workbook, whose
    copy of the origin was lost: optimizer/io/origin_file.py) has lost its workbook's values: its origin then says
    nothing of that workbook (`Case.workbook_origin`)."""


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
    outlook: dict[str, dict[int, float]] = field(default_factory=dict)
    """The baseline business year by year without any new project (the Outlook sheet): Enterprise item ->
    plan year -> value. An item or year not given stays at its Enterprise value."""
    groups: dict[str, GroupCount] = field(default_factory=dict)
    """The Groups sheet: group -> its counts; a group without a row takes at most one (`group_count`)."""
    negative_list: tuple[NegativeRule, ...] = ()
    """The rules of the NegativeList sheet, in its order (optimizer/model/screening.py applies them)."""
    origin: Origin | None = field(default=None, compare=False)
    """The workbook as read (None for a case not read from one); kept through every edit of the case."""
    edits: dict[str, str] = field(default_factory=dict, compare=False)
    """How each Settings key or project mark ("mandatory:P001") was last changed in the app: "slider", "tick",
    "relax", ... (optimizer/report/overrides.py HOW); the decision log says it beside each override."""

    @property
    def workbook_origin(self) -> Origin | None:
        """The origin, when it is that of the workbook `source` names."""
        return self.origin if self.origin is not None and self.origin.path == self.source else None

    @property
    def base_year(self) -> int:
        """The year before the plan, whose figures are the Enterprise sheet's."""
        return self.years[0] - 1 if self.years else 0

    def baseline(self, item: str, year: int | None = None) -> float | None:
        """The baseline business's figure `item` in `year` (its outlook, else the Enterprise value); the
        Enterprise value itself for the base year and for year None (the steady state)."""
        if self.enterprise is None:
            return None
        if year is not None and year > self.base_year:
            if year in self.outlook.get(item, {}):
                return self.outlook[item][year]
            if item == "equity" and (year in self.outlook.get("total_assets", {})
                                     or year in self.outlook.get("total_liabilities", {})):
                assets, liabilities = self.baseline("total_assets", year), self.baseline("total_liabilities", year)
                if assets is not None and liabilities is not None:
                    return assets - liabilities
        return getattr(self.enterprise, item)

    @property
    def works_by_year(self) -> bool:
        """The case uses the parts that make the plan years differ from the steady state: build years, an
        outlook, targets by year, kpi_check every_year or equity from own funds."""
        return (any(p.build_years for p in self.projects) or bool(self.outlook)
                or self.settings.kpi_check == KpiCheck.EVERY_YEAR
                or any(yearly_target(key) for key in self.settings.limits)
                or (self.enterprise is not None and self.enterprise.equity_source == EquitySource.OWN_FUNDS))

    @property
    def limits_in_force(self) -> dict[str, float]:
        """Every limit the model holds, by key: the Settings' own and, when `kpi_check` is every_year, each
        plain "one profit, five rates" target again in each plan year (`max_debt_ratio_2028`) that the
        Settings do not set for that year themselves."""
        own = self.settings.limits
        if self.settings.kpi_check != KpiCheck.EVERY_YEAR:
            return dict(own)
        limits: dict[str, float] = {}
        for key, value in own.items():
            limits[key] = value
            if key in yearly_keys():
                limits.update({yearly_key(key, year): value for year in self.years
                               if yearly_key(key, year) not in own})
        return limits

    def group_count(self, group: str) -> GroupCount:
        """How many projects of `group` may be chosen: its Groups row, else at most one."""
        return self.groups.get(group, GroupCount())

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
