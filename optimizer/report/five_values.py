"""The five values of a portfolio (稳、优、保、促、新): the answer against what the guiding text asks of a state-owned
group's investment, in the department's own words. Each value has its figures (a value, its kind, the target where
the Settings set one and whether it is met) and the chosen projects that carry it:

- 稳 steady growth: every "one profit, five rates" target met at full run rate and in every plan year, and the worst
  margin, the year and figure closest to (or furthest past) its target;
- 优 better returns and structure: NPV, EVA, the capex-weighted IRR over the hurdle rate, the strategic emerging
  industry share;
- 保 security and livelihoods: security investment and livelihood investment;
- 促 coordinated development: the livelihood and supply projects, the regions the portfolio invests in;
- 新 new productive forces: key core technology and future industry capex and shares, R&D intensity at full run rate
  and in each plan year.

稳 reads the targets in force: the plain ones at full run rate, and in each plan year those set for that year or
repeated there by `kpi_check` every_year (Result.kpis_by_year). Which is worst is measured relative to the target's
size (a margin of 0.5 percentage points on a 5% floor is closer than one of 1 point on a 65% ceiling); a growth
target's size is that of the profit it asks for, 1 + the growth. The margin is given in the target's own unit,
positive inside the target, negative past it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from optimizer.model.case import Project
from optimizer.model.targets import (
    EVA,
    FIGURES,
    FUTURE_INDUSTRY_SHARE,
    KEY_CORE_TECH_SHARE,
    LIVELIHOOD_INVESTMENT,
    NPV,
    RD_INTENSITY,
    SECURITY_INVESTMENT,
    STRATEGIC_SHARE,
    Figure,
    Kind,
    Sense,
    limit_on,
    setting,
    yearly_key,
)
from optimizer.report.kpis import year_figures
from optimizer.report.result import Kpi, Result, Selection, Value, ValueFigure
from optimizer.tolerances import ROW, ZERO
from optimizer.words.text import CLAUSES, Items, Name, Text
from optimizer.words.units import Amount, against_limit


class ValueKey(StrEnum):
    STABILITY = "stability"
    OPTIMISATION = "optimisation"
    SECURITY = "security"
    PROMOTION = "promotion"
    INNOVATION = "innovation"


CHARACTERS = {ValueKey.STABILITY: "稳", ValueKey.OPTIMISATION: "优", ValueKey.SECURITY: "保",
              ValueKey.PROMOTION: "促", ValueKey.INNOVATION: "新"}
VALUE_NAMES = {
    ValueKey.STABILITY: Name("Steady growth", "稳增长"),
    ValueKey.OPTIMISATION: Name("Better returns and structure", "优结构、提效益"),
    ValueKey.SECURITY: Name("Security and livelihoods", "保安全、保民生"),
    ValueKey.PROMOTION: Name("Coordinated development", "促协调发展"),
    ValueKey.INNOVATION: Name("New productive forces", "新质生产力"),
}

# The figures of the five values that are not the registry's (those are reported with the KPIs).
TARGETS_MET, WORST_MARGIN, IRR_SPREAD = "targets_met", "worst_margin", "irr_spread"
KEY_CORE_TECH_CAPEX, FUTURE_INDUSTRY_CAPEX = "key_core_tech_capex", "future_industry_capex"
LIVELIHOOD_PROJECTS, REGIONS = "livelihood_projects", "regions"
OWN_FIGURES = {
    TARGETS_MET: Name("Targets met", "达成的目标"),
    WORST_MARGIN: Name("Worst margin", "最小余量"),
    IRR_SPREAD: Name("IRR over the hurdle rate", "内部收益率超出基准收益率"),
    KEY_CORE_TECH_CAPEX: Name("Key core technology capex", "关键核心技术投资"),
    FUTURE_INDUSTRY_CAPEX: Name("Future industry capex", "未来产业投资"),
    LIVELIHOOD_PROJECTS: Name("Livelihood and supply projects", "民生保障项目"),
    REGIONS: Name("Regions invested in", "投资地区"),
}


def five_values(result: Result) -> dict[str, Value]:
    """The five values of the portfolio whose KPIs `result` holds, by ValueKey."""
    projects = {p.id: p for p in result.case.projects}  # case.project() searches: slow on thousands of projects
    chosen = [(s, projects[s.id]) for s in result.selected]
    values = [
        _stability(result, chosen),
        _optimisation(result, chosen),
        _security(result, chosen),
        _promotion(chosen),
        _innovation(result, chosen),
    ]
    return {v.key: v for v in values}


# --- 稳 ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Check:
    """A target read against its figure: at full run rate (year None) or in a plan year."""

    name: Name | Text
    year: int | None
    figure: Figure
    kpi: Kpi

    @property
    def margin(self) -> float:
        """After against the target, positive inside it; 0 on the target (within the tolerance `met` allows)."""
        after, target = self.kpi.after, self.kpi.target
        margin = after - target if self.kpi.sense == Sense.MIN else target - after
        return margin if abs(margin) > ROW * max(1.0, abs(target)) else 0.0

    @property
    def relative_margin(self) -> float:
        target = self.kpi.target
        grows = any(f.growth == self.figure.key for f in FIGURES.values())
        size = 1 + target if grows else abs(target)
        return self.margin / (size if size > ZERO else 1.0)

    def said(self, currency: str) -> Text:
        value, limit = against_limit(self.kpi.after, self.kpi.target, self.figure.kind, currency)
        if self.kpi.sense == Sense.MIN:
            return Text("{name} {value}, at least {limit}", name=self.name, value=value, limit=limit)
        return Text("{name} {value}, at most {limit}", name=self.name, value=value, limit=limit)


def _checks(result: Result) -> list[_Check]:
    """Every "one profit, five rates" target in force, at full run rate and in each plan year."""
    checks = []
    for figure in year_figures():
        if figure.growth is not None:  # total profit: its target is the growth target's, checked on the growth
            continue
        kpi = result.kpis.get(figure.key)
        if kpi is not None and kpi.target is not None and kpi.after is not None:
            checks.append(_Check(Text("{name} at full run rate", name=figure.name), None, figure, kpi))
        for year, row in result.kpis_by_year.items():
            kpi = row.get(figure.key)
            if kpi is not None and kpi.target is not None and kpi.after is not None:
                checks.append(_Check(setting(yearly_key(limit_on(figure.key), year)).name, year, figure, kpi))
    return checks


def _stability(result: Result, chosen: list[tuple[Selection, Project]]) -> Value:
    currency = result.case.settings.currency_unit
    checks = _checks(result)
    missed = [c for c in checks if c.kpi.met is False]
    met = ValueFigure(TARGETS_MET, OWN_FIGURES[TARGETS_MET], Kind.COUNT, len(checks) - len(missed),
                      target=len(checks), sense=Sense.MIN, met=not missed if checks else None,
                      note=Text("not met: {targets}", targets=Items(tuple(c.said(currency) for c in missed),
                                                                    CLAUSES)) if missed else None)
    figures = [met]
    if checks:
        worst = min(checks, key=lambda c: c.relative_margin)
        figures.append(ValueFigure(WORST_MARGIN, OWN_FIGURES[WORST_MARGIN], worst.figure.kind, worst.margin,
                                   met=worst.margin >= 0, year=worst.year, note=worst.said(currency)))
    last_year = result.case.years[-1] if result.case.years else None
    earning = [s.id for s, p in chosen if p.profit > 0 and last_year is not None
               and s.start_year + p.build_years <= last_year]
    return _value(ValueKey.STABILITY, figures, earning)


# --- 优 保 促 新 ---------------------------------------------------------------------------------------------------
def _optimisation(result: Result, chosen: list[tuple[Selection, Project]]) -> Value:
    case = result.case
    with_irr = [(s.capex, p.irr) for s, p in chosen if p.irr is not None and s.capex > 0]
    spread = note = None
    if with_irr:
        irr = sum(capex * rate for capex, rate in with_irr) / sum(capex for capex, _ in with_irr)
        spread = irr - case.hurdle_rate
        note = Text("capex-weighted IRR {irr}, hurdle rate {hurdle}", irr=Amount(irr, Kind.RATE),
                    hurdle=Amount(case.hurdle_rate, Kind.RATE))
    figures = [_registered(result, NPV), _registered(result, EVA),
               ValueFigure(IRR_SPREAD, OWN_FIGURES[IRR_SPREAD], Kind.RATE, spread, note=note),
               _registered(result, STRATEGIC_SHARE)]
    t, rate = case.tax_rate, case.capital_cost_rate
    carrying = [s.id for s, p in chosen if p.is_strategic or (1 - t) * p.profit - rate * p.total_capex > 0]
    return _value(ValueKey.OPTIMISATION, figures, carrying)


def _security(result: Result, chosen: list[tuple[Selection, Project]]) -> Value:
    figures = [_registered(result, SECURITY_INVESTMENT), _registered(result, LIVELIHOOD_INVESTMENT)]
    return _value(ValueKey.SECURITY, figures, [s.id for s, p in chosen if p.security or p.livelihood])


def _promotion(chosen: list[tuple[Selection, Project]]) -> Value:
    livelihood = [s.id for s, p in chosen if p.livelihood]
    by_region: dict[str, float] = {}
    for s, p in chosen:
        if p.region.strip():
            by_region[p.region.strip()] = by_region.get(p.region.strip(), 0.0) + s.capex
    parts = tuple(sorted(by_region.items(), key=lambda item: (-item[1], item[0])))
    figures = [ValueFigure(LIVELIHOOD_PROJECTS, OWN_FIGURES[LIVELIHOOD_PROJECTS], Kind.COUNT, len(livelihood)),
               ValueFigure(REGIONS, OWN_FIGURES[REGIONS], Kind.COUNT, len(parts), parts=parts)]
    return _value(ValueKey.PROMOTION, figures, livelihood)


def _innovation(result: Result, chosen: list[tuple[Selection, Project]]) -> Value:
    def capex(flag) -> float:
        return sum(s.capex for s, p in chosen if flag(p))

    figures = [
        ValueFigure(KEY_CORE_TECH_CAPEX, OWN_FIGURES[KEY_CORE_TECH_CAPEX], Kind.MONEY,
                    capex(lambda p: p.key_core_tech)),
        _registered(result, KEY_CORE_TECH_SHARE),
        ValueFigure(FUTURE_INDUSTRY_CAPEX, OWN_FIGURES[FUTURE_INDUSTRY_CAPEX], Kind.MONEY,
                    capex(lambda p: p.future_industry)),
        _registered(result, FUTURE_INDUSTRY_SHARE),
        _registered(result, RD_INTENSITY),
    ]
    figures += [_registered(result, RD_INTENSITY, year) for year in result.kpis_by_year]
    carrying = [s.id for s, p in chosen if p.key_core_tech or p.future_industry]
    return _value(ValueKey.INNOVATION, figures, carrying)


def _registered(result: Result, key: str, year: int | None = None) -> ValueFigure:
    """A figure of the registry as the KPIs report it, at full run rate or in a plan year."""
    figure = FIGURES[key]
    kpi = result.kpis.get(key) if year is None else result.kpis_by_year.get(year, {}).get(key)
    if kpi is None:
        return ValueFigure(key, figure.name, figure.kind, None, year=year)
    return ValueFigure(key, figure.name, figure.kind, kpi.after, kpi.before, kpi.target,
                       kpi.sense if kpi.target is not None else None, kpi.met, year)


def _value(key: ValueKey, figures: list[ValueFigure], projects: list[str]) -> Value:
    return Value(key, CHARACTERS[key], VALUE_NAMES[key], tuple(figures), tuple(projects))
