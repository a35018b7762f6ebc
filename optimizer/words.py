"""The words of a result in the user's language: English or Simplified Chinese.

The engine writes its messages in English (the headless command and its JSON stay English,
shared/spec/cli.md). The app and the exported workbooks show the same things in the user's
language: KPI and limit names, units, why a project was left out, the diagnosis, the answer's
quality and the result sheets' names and headers. This table gives each by its key or code, with
the same figures, so nothing is translated by matching English sentences.

    words = Words("zh_CN")
    words.kpi_label("roe")                 # "净资产收益率"
    words.exclusion_reason(exclusion)      # from its code and details
    words("Capex ({unit})").format(unit=words.currency("CNY 100m"))   # "投资额（亿元）"

The Chinese follows the terms of the SASAC "one profit, five rates" (一利五率) reporting and the
workbook contract's Chinese names (optimizer.case). Qt-free: the export uses it as well as the app.
"""

from __future__ import annotations

import math

from .case import STRATEGIC_CATEGORIES, WEIGHT_KEYS, Case, Project, budget_year
from .report import (
    GRADE,
    MONEY,
    PERCENT,
    PRODUCTIVITY,
    ConstraintRow,
    DiagnosisItem,
    Exclusion,
    Result,
    format_value,
    marginal_text,
)

ENGLISH, CHINESE = "en", "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)


def language_of(name: str | None) -> str:
    """ENGLISH or CHINESE for a language or locale name ("zh", "zh_CN", "zh-Hans", "en_GB", "")."""
    return CHINESE if (name or "").lower().replace("-", "_").startswith("zh") else ENGLISH


KPI_CHINESE = {
    "total_profit": "利润总额",
    "profit_growth": "利润总额增长率",
    "roe": "净资产收益率",
    "debt_ratio": "资产负债率",
    "rd_intensity": "研发投入强度",
    "operating_cash_ratio": "营业现金比率",
    "labour_productivity": "全员劳动生产率",
    "strategic_share": "战略性新兴产业投资占比",
    "non_main_share": "非主业投资占比",
    "overseas_share": "境外投资占比",
    "security_investment": "安全保障投资",
    "max_sector_share": "单一行业最大占比",
    "max_entity_share": "单一主体最大占比",
    "avg_risk": "平均风险等级",
    "total_capex": "投资总额",
    "npv": "净现值",
    "eva": "经济增加值",
    "score": "综合评分",
}

# The name of each limit (the Settings keys' Chinese say "upper limit"/"lower limit" as well).
LIMIT_CHINESE = {
    "total_budget": "总预算",
    "min_strategic_share": "战略性新兴产业投资占比",
    "max_non_main_share": "非主业投资占比",
    "max_overseas_share": "境外投资占比",
    "min_security_investment": "安全保障投资",
    "max_sector_share": "单一行业投资占比",
    "max_entity_share": "单一主体投资占比",
    "max_avg_risk": "平均风险等级",
    "max_debt_ratio": "资产负债率",
    "min_roe": "净资产收益率",
    "min_rd_intensity": "研发投入强度",
    "min_operating_cash_ratio": "营业现金比率",
    "min_labour_productivity": "全员劳动生产率",
    "min_profit_growth": "利润总额增长率",
}

OBJECTIVE_NAMES = {"npv": ("NPV", "净现值"), "eva": ("EVA", "经济增加值"), "score": ("Weighted score", "综合评分")}
STATUS_CHINESE = {"optimal": "最优", "feasible": "时限内最好解", "infeasible": "目标相互冲突",
                  "no_solution": "时限内未找到", "cancelled": "已取消"}
# Money units a workbook may name, in the words a Chinese report uses.
CURRENCY_CHINESE = {"cny100m": "亿元", "cny10k": "万元", "cny1m": "百万元", "cnym": "百万元", "cnymillion": "百万元",
                    "cny": "元", "rmb100m": "亿元", "rmb10k": "万元", "rmb": "元"}

# The result workbooks' sheet names and headers (optimizer.export, optimizer.scenarios), by their English.
SHEETS_CHINESE = {
    "Summary": "结果摘要", "Selected": "入选项目", "Excluded": "未入选项目", "Spend by year": "分年度投资",
    "Capex by category": "分类别投资", "KPIs": "关键指标", "Constraints": "约束条件", "Comparison": "情景对比",
}
EXPORT_CHINESE = {
    **SHEETS_CHINESE,
    # summary
    "Item": "事项", "Value": "数值", "Case file": "案例文件", "Run at": "运行时间", "Status": "状态",
    "Quality": "求解质量", "Objective": "优化目标", "Objective value ({unit})": "目标值（{unit}）",
    "Best proven bound ({unit})": "已证明的最优上界（{unit}）", "Gap": "最优性间隙", "Solve seconds": "求解用时（秒）",
    "Projects selected": "入选项目数", "Candidate projects": "候选项目数", "Total capex ({unit})": "投资总额（{unit}）",
    "Warning": "提示", "Diagnosis": "诊断", "points": "分",
    # projects
    "ID": "项目编号", "Name": "项目名称", "Entity": "投资主体", "Sector": "所属行业",
    "Strategic category": "战新产业类别", "Share": "参与比例", "Start year": "开工年",
    "Capex ({unit})": "投资额（{unit}）",
    "capex_{year} ({unit})": "投资_{year}（{unit}）", "Capex after {year} ({unit})": "{year}年以后投资（{unit}）",
    "NPV ({unit})": "净现值（{unit}）", "Profit ({unit})": "利润总额（{unit}）",
    "R&D spend ({unit})": "研发投入（{unit}）",
    "Risk grade": "风险等级", "Mandatory": "必选", "yes": "是", "no": "否", "Reason": "未入选原因", "Code": "原因代码",
    # spend and categories
    "Year": "年度", "Spend ({unit})": "投资额（{unit}）", "Budget ({unit})": "预算（{unit}）",
    "Headroom ({unit})": "预算余量（{unit}）", "Utilisation": "预算使用率", "after {year}": "{year}年以后",
    "Total": "合计", "Spend by year against budget": "分年度投资与预算",
    "Capex by strategic category": "按战新产业类别的投资", "Share of capex": "占投资总额比例",
    "Traditional": "传统产业",
    # KPIs and constraints
    "KPI": "指标", "Unit": "单位", "Before": "投资前", "After": "投资后", "Target": "目标", "Target sense": "目标方向",
    "Met": "是否达成", "Key": "键名", "Constraint key": "约束键名", "Subject": "对象", "Label": "限额",
    "Limit": "限额值", "Binding": "是否紧约束",
    "Marginal value (objective per unit)": "边际价值（每单位限额的目标值）",
    # scenarios
    "Projects chosen": "入选项目数", "Objective value": "目标值", "see objective": "见优化目标",
    "Projects that differ": "入选情况不同的项目",
    "Full capex ({unit})": "全额投资（{unit}）", "Chosen": "入选",
    "No project is funded differently in these scenarios.": "这些情景的入选项目及安排完全相同。",
    "In '{name}'": "在“{name}”中", "Scenario": "情景", "Created": "创建时间", "no limit": "不限", "none": "无",
    "Projects forced in": "必选项目", "Projects forced out": "排除项目", "Time limit": "求解时限", "seconds": "秒",
    "Optimality gap asked": "最优性间隙要求", "Status (result)": "状态（结果）",
    "Objective value (result)": "目标值（结果）", "No portfolio: {why}.": "无投资组合：{why}。",
    "Scenario {number}": "情景 {number}",
}


class Words:
    """The words of one language. Called with an English text of the table, gives it in that language."""

    def __init__(self, language: str | None = ENGLISH):
        self.language = language_of(language)
        self.chinese = self.language == CHINESE

    def __call__(self, english: str) -> str:
        return EXPORT_CHINESE.get(english, english) if self.chinese else english

    # --- names ------------------------------------------------------------------------------------
    def kpi_label(self, key: str, english: str = "") -> str:
        if self.chinese and key in KPI_CHINESE:
            return KPI_CHINESE[key]
        return english or key

    def limit_label(self, key: str, english: str = "") -> str:
        """A limit's name: "Debt ratio" / "资产负债率", "Budget 2027" / "2027年度预算"."""
        if not self.chinese:
            return english or key
        year = budget_year(key)
        if year is not None:
            return f"{year}年度预算"
        return LIMIT_CHINESE.get(key, english or key)

    def constraint_label(self, name: str, subject: str, english: str) -> str:
        """A row of the constraint table: the limit, and its sector, entity or year when it has several rows."""
        if name == "exclusive_group":
            return f"互斥组 {subject}" if self.chinese else english
        label = self.limit_label(name, english)
        return f"{label}: {subject}" if subject and subject not in label and subject not in english else label

    def objective(self, objective: str) -> str:
        english, chinese = OBJECTIVE_NAMES.get(objective, (objective, objective))
        return chinese if self.chinese else english

    def status(self, status: str) -> str:
        """A solve's status: the engine's own word in English ("optimal", cli.md), its name in Chinese."""
        return STATUS_CHINESE.get(status, status) if self.chinese else status

    def category(self, key: str | None) -> str:
        """A strategic emerging industry's name, "" for none."""
        if key not in STRATEGIC_CATEGORIES:
            return ""
        english, chinese = STRATEGIC_CATEGORIES[key]
        return chinese if self.chinese else english

    def weight_label(self, key: str) -> str:
        return WEIGHT_KEYS[key] if self.chinese else key.removeprefix("weight_").capitalize() + " weight"

    # --- units and numbers ------------------------------------------------------------------------
    def currency(self, currency_unit: str) -> str:
        """The workbook's money unit as a reader of this language writes it: "CNY 100m" is 亿元 in Chinese."""
        if not self.chinese:
            return currency_unit
        return CURRENCY_CHINESE.get("".join(currency_unit.lower().split()), currency_unit)

    def unit(self, kind: str, currency_unit: str) -> str:
        """The unit of a figure of this kind (report.unit_of in this language)."""
        if not self.chinese:
            from .report import unit_of

            return unit_of(kind, currency_unit)
        money = self.currency(currency_unit)
        return {PERCENT: "%", "rate": "%", MONEY: money, GRADE: "等级 1-5", PRODUCTIVITY: f"{money}/人"}.get(kind, "")

    def format_value(self, value: float | None, kind: str, currency_unit: str = "") -> str:
        """report.format_value in this language: 12.50%, 1,234.00 亿元, 0.0078 亿元/人, "不适用" for none."""
        if not self.chinese:
            return format_value(value, kind, currency_unit)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "不适用"
        if kind == PRODUCTIVITY:
            return f"{value:.4g} {self.currency(currency_unit)}/人".strip()
        if kind == MONEY:
            return f"{value:,.2f} {self.currency(currency_unit)}".strip()
        return format_value(value, kind, currency_unit)

    # --- sentences --------------------------------------------------------------------------------
    def quality(self, status: str, gap: float | None) -> str:
        """How good an answer is (solve.Solution.quality in this language)."""
        if not self.chinese:
            from .solve import Solution

            return Solution(status, gap=gap).quality()
        if status == "optimal":
            return f"已证明与最优解相差不超过 {gap:.2%}" if gap is not None and gap > 1e-9 else "已证明为最优解"
        if status == "feasible":
            within = "未知" if gap is None else f"{gap:.2%}"
            return f"求解时限已到，为已找到的最好方案，与最优解相差不超过 {within}"
        if status == "infeasible":
            return "没有同时满足全部规则和目标的投资组合"
        if status == "cancelled":
            return "求解已取消"
        return "求解时限内未找到投资组合"

    def negative_list(self, project: Project, hurdle_rate: float) -> str | None:
        """Why negative-list screening prohibits a project (case.negative_list_reason), or None."""
        from .case import negative_list_reason

        english = negative_list_reason(project, hurdle_rate)
        if english is None or not self.chinese:
            return english
        return f"负面清单：商业类项目内部收益率 {project.irr:.2%} 低于基准收益率 {hurdle_rate:.2%}"

    def exclusion_reason(self, exclusion: Exclusion) -> str:
        """Why a project was left out, from its code and details (report.exclusions)."""
        d, code = exclusion.details, exclusion.code
        if not self.chinese or (not d and code != "forced_out"):  # no details: an older result
            return exclusion.reason
        if code == "negative_list":
            return f"负面清单：商业类项目内部收益率 {d['irr']:.2%} 低于基准收益率 {d['hurdle_rate']:.2%}"
        if code == "forced_out":
            return "人工排除：已标记为排除"
        if code == "exclusive":
            return f"互斥方案已入选：互斥组 {d['group']} 中已选 {d['other']}（{d['other_name']}）"
        if code == "dependency" and d.get("late"):
            return f"前置项目 {'、'.join(d['requires'])} 的开工晚于本项目最晚开工年 {d['latest_start']}"
        if code == "dependency":
            return f"前置项目 {'、'.join(d['requires'])} 未入选"
        if code == "no_value":
            return f"不创造价值：其{self.objective(d['objective'])}贡献 {d['value']:,.2f} 不为正"
        if code == "outcompeted":
            binding = "、".join(self.limit_label(k) for k in d.get("binding", []))
            limits = f"（起约束作用的限额：{binding}）" if binding else ""
            return f"预算竞争落选：有限的额度用于已入选项目更优{limits}"
        return exclusion.reason

    def marginal_text(self, row: ConstraintRow, result: Result) -> str:
        """What loosening a binding limit is worth, in a planner's unit (report.marginal_text in this language)."""
        if not self.chinese:
            return marginal_text(row, result)
        objective = self.objective(result.objective)
        if row.kind in ("share", "rate"):
            return f"{objective} {row.marginal_value / 100:+,.4g}/百分点"
        if row.kind == "money":
            return f"{objective} {row.marginal_value:+,.4g}/{self.currency(result.case.settings.currency_unit)}"
        return f"限额每提高 1%，{objective} {row.marginal_value * abs(row.limit) / 100:+,.4g}"

    def describe_limit(self, case: Case, key: str) -> str:
        """A limit in words (diagnosis.describe_limit in this language)."""
        from .case import setting_key

        spec = setting_key(key)
        value = self.format_value(case.settings.limits[key], spec.kind, case.settings.currency_unit)
        if not self.chinese:
            bound = "at least" if spec.sense == "min" else "at most"
            return f"{spec.label} {bound} {value} ({key})"
        bound = "不低于" if spec.sense == "min" else "不高于"
        return f"{self.limit_label(key)}{bound} {value}（{key}）"

    def diagnosis_message(self, item: DiagnosisItem, case: Case) -> str:
        """Which targets conflict and how far one can be reached (diagnosis._item in this language)."""
        if not self.chinese:
            return item.message
        if item.constraint == "project_rules":
            mandatory = "、".join(p.id for p in case.projects if p.mandatory) or "无"
            return f"即使不设任何目标，项目规则本身也相互矛盾：请检查必选项目（{mandatory}）及其前置项目和互斥组。"
        if item.constraint not in case.settings.limits or any(k not in case.settings.limits
                                                               for k in item.conflicts_with):
            return item.message  # the case has changed since: the engine's words still hold
        from .case import setting_key

        spec = setting_key(item.constraint)
        reach = self.format_value(item.best_reachable, spec.kind, case.settings.currency_unit)
        if spec.sense == "min":
            outcome = f"最多可达到 {reach}"
        elif spec.kind == "money":
            outcome = f"至少需要 {reach}"
        else:
            outcome = f"可达到的最低值为 {reach}"
        context = "在保持其他全部限额的前提下" if item.all_kept else \
            f"在满足{'该' if len(item.conflicts_with) == 1 else '这些'}限额的前提下"
        target = self.describe_limit(case, item.constraint)
        if item.conflicts_with:
            others = "；".join(self.describe_limit(case, k) for k in item.conflicts_with)
            return f"{target}与以下限额无法同时满足：{others}。{context}，{outcome}。"
        return f"{target}即使放开其他全部限额也无法达到。{context}，{outcome}。"


IN_ENGLISH = Words(ENGLISH)
