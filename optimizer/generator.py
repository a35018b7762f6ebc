"""Seeded generator of large, realistic planning cases (benchmarks, scale tests, demos).

    case = generate_case(1000, seed=7)             # a Case, as read_case would give it
    python -m optimizer.generator 1000 7 OUT.xlsx  # the same case as a workbook
    generate_case(1000, seed=7, rules=True)        # the same projects with every rule of issue 15 (--rules)

The cases follow the input contract (shared/spec/workbook.md) and look like the
bundled demo: a group with one investing subsidiary per dozen projects, each
working in a few sectors; per project a capex profile over its build years, an
IRR, and the run-rate figures that follow from them (the after-tax cash flow
that gives the IRR over the sector's asset life, the NPV of that flow at the
group's capital cost, profit after depreciation, revenue, R&D, value added and
staff from the sector's ratios). About one project in four may start later,
one in twelve may be partly funded, some require an earlier project of the same
subsidiary, some are alternative sites of one exclusive group, a few are
mandatory or excluded, and a few commercial ones fall below the hurdle rate
(negative list).

Limits and targets are feasible but bind: a reference portfolio is picked the
way a planning department leans (strategic score, security and return, with the
project rules kept) to about 45% of the candidates' capex, and every limit of
the Settings sheet is set a little looser than that portfolio's own figure. So
the reference meets them all (the case is feasible), while a portfolio that only
chases NPV does not (they bind). The same seed gives the same case.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace

import numpy as np

from optimizer import generator_rules
from optimizer.model.case import Case, Enterprise, Project, Settings
from optimizer.model.measures import Figures
from optimizer.model.screening import below_hurdle, is_prohibited
from optimizer.model.targets import LIMIT_KEYS, YEARLY_TARGETS, KpiCheck, Sense, budget_key, setting, yearly_key

FIRST_YEAR = 2027
PLAN_YEARS = 5
TAX_RATE = 0.25
CAPITAL_COST_RATE = 0.055
HURDLE_RATE = 0.02


@dataclass(frozen=True)
class Sector:
    """Typical run-rate economics of a sector, per unit of capex or revenue."""

    turnover: float  # annual revenue / total capex
    rd_rate: float  # R&D spend / revenue
    va_rate: float  # value added / revenue
    productivity: float  # value added per person
    life: int  # operating years after the build
    equity_ratio: float
    category: str | None  # the strategic emerging industry most of its projects belong to
    strategic_odds: float  # share of its projects in that category


SECTORS: dict[str, Sector] = {
    "新能源发电": Sector(0.13, 0.004, 0.75, 0.040, 25, 0.25, "new_energy", 0.95),
    "储能与氢能": Sector(0.35, 0.040, 0.35, 0.015, 15, 0.30, "new_energy", 0.90),
    "火电与热力": Sector(0.45, 0.006, 0.35, 0.020, 25, 0.25, "green_environmental", 0.15),
    "水电": Sector(0.18, 0.004, 0.70, 0.035, 30, 0.25, "new_energy", 0.50),
    "新能源装备": Sector(0.90, 0.060, 0.28, 0.009, 12, 0.40, "new_energy", 0.90),
    "装备制造": Sector(1.20, 0.025, 0.26, 0.006, 15, 0.35, "high_end_equipment", 0.25),
    "高端装备": Sector(0.85, 0.090, 0.32, 0.008, 15, 0.40, "high_end_equipment", 0.95),
    "航空航天": Sector(0.70, 0.120, 0.35, 0.008, 15, 0.50, "aerospace", 0.95),
    "海工装备": Sector(0.80, 0.060, 0.25, 0.007, 18, 0.35, "marine_equipment", 0.90),
    "汽车零部件": Sector(1.10, 0.055, 0.22, 0.006, 12, 0.40, "new_energy_vehicles", 0.70),
    "钢铁冶金": Sector(1.30, 0.015, 0.18, 0.008, 20, 0.30, "new_materials", 0.25),
    "新材料": Sector(0.80, 0.070, 0.30, 0.009, 15, 0.40, "new_materials", 0.95),
    "生物制造": Sector(0.70, 0.100, 0.35, 0.008, 15, 0.50, "biotechnology", 0.95),
    "矿产资源": Sector(0.55, 0.008, 0.45, 0.010, 20, 0.35, None, 0.0),
    "环保治理": Sector(0.30, 0.020, 0.40, 0.008, 20, 0.30, "green_environmental", 0.90),
    "信息技术": Sector(0.90, 0.150, 0.45, 0.009, 8, 0.50, "next_generation_it", 0.95),
    "数据中心": Sector(0.35, 0.020, 0.50, 0.030, 10, 0.40, "next_generation_it", 0.80),
    "房地产与商业": Sector(0.25, 0.000, 0.30, 0.010, 20, 0.35, None, 0.0),
    "金融服务": Sector(0.30, 0.010, 0.50, 0.030, 10, 1.00, None, 0.0),
}
NON_MAIN_SECTORS = {"房地产与商业", "金融服务"}
REGIONS = ["北京", "上海", "江苏", "浙江", "广东", "山东", "河北", "河南", "湖北", "湖南", "四川", "陕西",
           "内蒙古", "新疆", "甘肃", "青海", "宁夏", "辽宁", "吉林", "福建", "安徽", "云南", "贵州", "广西"]
OVERSEAS_REGIONS = ["东南亚", "中东", "中亚", "南美", "西非"]
PROFILES = {1: (1.0,), 2: (0.45, 0.55), 3: (0.3, 0.4, 0.3), 4: (0.2, 0.3, 0.3, 0.2)}
MIN_SHARES = (0.3, 0.4, 0.5, 0.51, 0.6)
SLACK = 0.02
"""How much looser than the reference portfolio each limit is (2% of its figure)."""
REFERENCE_SHARE = 0.45
"""The reference portfolio takes about this share of the candidates' capex."""


def _annual_cash_flow(capex: float, build: int, irr: float, life: int) -> float:
    """The level after-tax cash flow over `life` years after the build that gives the IRR."""
    shares = PROFILES[build]
    capex_pv = sum(capex * s / (1 + irr) ** k for k, s in enumerate(shares))
    annuity = sum(1 / (1 + irr) ** k for k in range(build, build + life))
    return capex_pv / annuity


def _npv(capex: float, build: int, flow: float, life: int, delay: int) -> float:
    """NPV at the capital cost of the project started `delay` years after the plan's first year."""
    rate = CAPITAL_COST_RATE
    value = sum(-capex * s / (1 + rate) ** k for k, s in enumerate(PROFILES[build]))
    value += sum(flow / (1 + rate) ** k for k in range(build, build + life))
    return value / (1 + rate) ** delay


def _projects(n: int, rng: np.random.Generator, years: tuple[int, ...]) -> list[Project]:
    last = years[-1]
    n_entities = int(np.clip(round(n / 12), 3, 60))
    sector_names = list(SECTORS)
    entity_sectors = [list(rng.choice(sector_names, size=int(rng.integers(2, 5)), replace=False))
                      for _ in range(n_entities)]
    entity_names = [f"子公司{e + 1:02d}" for e in range(n_entities)]
    width = max(4, len(str(n)))
    projects: list[Project] = []
    by_entity: dict[int, list[int]] = {}
    group_count = 0
    for i in range(n):
        e = int(rng.integers(n_entities))
        sector_name = str(rng.choice(entity_sectors[e]))
        sector = SECTORS[sector_name]
        capex = float(np.clip(rng.lognormal(np.log(9.0), 0.8), 0.8, 150.0))
        build = int(np.clip(1 + (capex > 4) + (capex > 15) + (capex > 40) + rng.integers(-1, 2), 1, 4))
        earliest = int(rng.integers(years[0], last - build + 2))
        latest = earliest
        if rng.random() < 0.25:
            latest = min(last, earliest + int(rng.integers(1, 3)))
        strategic = sector.category is not None and rng.random() < sector.strategic_odds
        overseas = rng.random() < 0.07
        security = rng.random() < 0.10
        irr = float(np.clip(rng.normal(0.075 if not strategic else 0.065, 0.025), -0.02, 0.20))
        risk = int(np.clip(round(2.4 + 0.9 * strategic + 0.8 * overseas + rng.normal(0, 0.9)), 1, 5))
        flow = _annual_cash_flow(capex, build, irr, sector.life)
        npv = _npv(capex, build, flow, sector.life, earliest - years[0])
        profit = (flow - capex / sector.life) / (1 - TAX_RATE)
        revenue = capex * sector.turnover * rng.uniform(0.85, 1.15)
        value_added = max(revenue * sector.va_rate, profit, 0.0)
        amounts = [round(capex * s, 2) for s in PROFILES[build]]
        spread = capex * 0.025 * risk
        project = Project(
            id=f"G{i + 1:0{width}d}",
            name=f"{sector_name}项目{i + 1}",
            capex={y: (amounts[y - earliest] if 0 <= y - earliest < build else 0.0) for y in years},
            earliest_start=earliest,
            latest_start=latest,
            entity=entity_names[e],
            sector=sector_name,
            region=str(rng.choice(OVERSEAS_REGIONS if overseas else REGIONS)),
            overseas=overseas,
            main_business=sector_name not in NON_MAIN_SECTORS,
            strategic_category=sector.category if strategic else None,
            future_industry=strategic and rng.random() < 0.08,
            key_core_tech=strategic and rng.random() < 0.2,
            security=security,
            equity_ratio=sector.equity_ratio,
            npv=round(npv, 2),
            npv_low=round(npv - spread * rng.uniform(0.8, 1.3), 2),
            npv_high=round(npv + spread * rng.uniform(0.6, 1.0), 2),
            irr=round(irr, 4),
            revenue=round(revenue, 2),
            profit=round(profit, 3),
            operating_cash_flow=round(flow, 3),
            rd_spend=round(revenue * sector.rd_rate, 3),
            value_added=round(value_added, 3),
            headcount=float(round(value_added / sector.productivity)),
            risk=float(risk),
            strategic_score=float(np.clip(round(55 + 25 * strategic + 10 * security - 8 * (irr < 0.05)
                                                + rng.normal(0, 8)), 0, 100)),
            min_share=float(rng.choice(MIN_SHARES)) if rng.random() < 0.08 else 1.0,
            build_years=build,
        )
        # Some projects build on an earlier one of the same subsidiary (phase two, a line on a base).
        earlier = by_entity.get(e, [])
        if earlier and rng.random() < 0.06:
            j = int(rng.choice(earlier))
            if projects[j].earliest_start <= project.earliest_start:
                project = _with(project, requires=(projects[j].id,))
        # Some are an alternative site of an earlier project in the same sector: at most one of them.
        same_sector = [j for j in earlier[-6:] if projects[j].sector == sector_name and not projects[j].requires]
        if same_sector and not project.requires and rng.random() < 0.05:
            j = same_sector[-1]
            group = projects[j].exclusive_group
            if group is None:
                group_count += 1
                group = f"选址{group_count:03d}"
                projects[j] = _with(projects[j], exclusive_group=group)
            project = _with(project, exclusive_group=group)
        projects.append(project)
        by_entity.setdefault(e, []).append(i)
    return _flag_mandatory_and_excluded(projects, rng)


def _with(project: Project, **changes) -> Project:
    return replace(project, **changes)


def _flag_mandatory_and_excluded(projects: list[Project], rng: np.random.Generator) -> list[Project]:
    """About 2% mandatory (ongoing or regulatory: small, not screened, no rules of their own), 2% excluded."""
    required = {r for p in projects for r in p.requires}
    result = []
    for p in projects:
        roll = rng.random()
        free = not p.requires and not p.exclusive_group and p.id not in required
        if roll < 0.02 and free and p.total_capex < 12 and below_hurdle(p, HURDLE_RATE) is None:
            p = _with(p, mandatory=True, latest_start=p.earliest_start, min_share=1.0)
        elif 0.02 <= roll < 0.04 and free:
            p = _with(p, excluded=True)
        result.append(p)
    return result


def _enterprise(projects: list[Project]) -> Enterprise:
    """A group large enough that the plan moves its ratios by a few points, as the demo's does."""
    capex = sum(p.total_capex for p in projects)
    revenue = 1.8 * capex
    total_assets = 3.6 * capex
    liabilities = 0.63 * total_assets
    return Enterprise(
        revenue=round(revenue, 1),
        total_profit=round(0.065 * revenue, 1),
        net_profit=round(0.05 * revenue, 1),
        total_assets=round(total_assets, 1),
        total_liabilities=round(liabilities, 1),
        equity=round(total_assets - liabilities, 1),
        operating_cash_flow=round(0.11 * revenue, 1),
        rd_spend=round(0.024 * revenue, 1),
        headcount=float(round(revenue / 0.025)),
        labour_output=round(0.3 * revenue, 1),
        tax_rate=TAX_RATE,
        capital_cost_rate=CAPITAL_COST_RATE,
        hurdle_rate=HURDLE_RATE,
    )


OUTLOOK_GROWTH = {"revenue": 0.03, "total_profit": 0.02, "net_profit": 0.02, "total_assets": 0.025,
                  "total_liabilities": 0.015, "operating_cash_flow": 0.03, "rd_spend": 0.04, "headcount": -0.01,
                  "labour_output": 0.03}
"""The existing business's yearly growth in the generated outlook: it grows and pays down debt, as the demo's."""


def _outlook(enterprise: Enterprise, years: tuple[int, ...]) -> dict[str, dict[int, float]]:
    return {item: {year: round(getattr(enterprise, item) * (1 + growth) ** (k + 1), 1)
                   for k, year in enumerate(years)} for item, growth in OUTLOOK_GROWTH.items()}


def reference_portfolio(case: Case, seed: int = 0) -> dict[str, int]:
    """The portfolio the limits are set around: project id -> start year (all funded in full).

    Projects are taken in the order a planning department leans (strategic score, security or livelihoods,
    return per unit of capex, and chance), mandatory ones first, at their earliest start, keeping the
    project rules (negative list, excluded, exclusive groups, prerequisites chosen and starting no
    later), until about 45% of the candidates' capex is taken.
    """
    rng = np.random.default_rng(seed + 1)
    projects = case.projects
    capex = np.array([p.total_capex for p in projects])
    score = np.array([(p.strategic_score or 0.0) / 100 + 0.3 * (p.security or p.livelihood)
                      + 3 * max(p.npv, 0.0) / p.total_capex
                      for p in projects]) + rng.normal(0, 0.15, len(projects))
    order = sorted(range(len(projects)), key=lambda i: (not projects[i].mandatory, -score[i]))
    budget = REFERENCE_SHARE * capex.sum()
    chosen: dict[str, int] = {}
    groups: set[str] = set()
    spent = 0.0
    for i in order:
        p = projects[i]
        if p.excluded or is_prohibited(p, case):
            continue
        if not p.mandatory and spent + p.total_capex > budget:
            continue
        if p.exclusive_group in groups:
            continue
        if any(r not in chosen or chosen[r] > p.earliest_start for r in p.requires):
            continue
        chosen[p.id] = p.earliest_start
        spent += p.total_capex
        if p.exclusive_group:
            groups.add(p.exclusive_group)
    return chosen


def _option_vector(figures: Figures, chosen: dict[str, int]) -> np.ndarray:
    x = np.zeros(figures.n)
    for o, option in enumerate(figures.options):
        if chosen.get(figures.case.projects[option.project].id) == option.start_year:
            x[o] = 1.0
    return x


def _npv_chaser(case: Case, budgets: dict[int, float]) -> dict[str, int]:
    """Projects by NPV per unit of capex at their earliest start, within the annual budgets and the
    project rules: what the plan would be if only return counted (the targets are placed against it)."""
    order = sorted(range(len(case.projects)), key=lambda i: -case.projects[i].npv / case.projects[i].total_capex)
    spend = dict.fromkeys(budgets, 0.0)
    chosen: dict[str, int] = {}
    groups: set[str] = set()
    for i in sorted(order, key=lambda i: not case.projects[i].mandatory):
        p = case.projects[i]
        if p.npv <= 0 and not p.mandatory or p.excluded or is_prohibited(p, case):
            continue
        if p.exclusive_group in groups or any(r not in chosen or chosen[r] > p.earliest_start for r in p.requires):
            continue
        if not p.mandatory and any(spend[y] + a > budgets[y] for y, a in p.capex.items() if y in budgets):
            continue
        for y, a in p.capex.items():
            spend[y] = spend.get(y, 0.0) + a
        chosen[p.id] = p.earliest_start
        if p.exclusive_group:
            groups.add(p.exclusive_group)
    return chosen


def _limits(case: Case, reference: dict[str, int], every_year: bool = False) -> dict[str, float]:
    """Every limit of the Settings sheet, met by the reference portfolio.

    Budgets are the reference's spend plus 2%. A target on which the NPV chaser does worse than the
    reference is placed a quarter of the way from the reference towards it (met by the reference,
    missed by the chaser: it binds); any other is set 2% looser than the reference's figure. With
    `every_year`, a "one profit, five rates" target is placed so against the reference's worst of the
    steady state and the plan years (it binds in every one of them, with kpi_check every_year).
    """
    figures = Figures(case)
    x_ref = _option_vector(figures, reference)
    limits: dict[str, float] = {}
    for year in case.years:
        limits[budget_key(year)] = round(float(figures.spend_by_year[year] @ x_ref) * (1 + SLACK) + 0.5, 1)
    x_npv = _option_vector(figures, _npv_chaser(case, {y: limits[budget_key(y)] for y in case.years}))
    for key in LIMIT_KEYS:  # every limit of the registry
        keys = [key, *(yearly_key(key, year) for year in case.years)] if every_year and key in YEARLY_TARGETS \
            else [key]
        ref = np.concatenate([figures.for_limit(k).rows(x_ref) for k in keys])
        npv = np.concatenate([figures.for_limit(k).rows(x_npv) for k in keys])
        if setting(key).sense == Sense.MIN:
            ref_value, npv_value = np.nanmin(ref), np.nanmin(npv)
            value = ref_value - SLACK * abs(ref_value)
            if npv_value < ref_value:
                value = max(value, ref_value - 0.25 * (ref_value - npv_value))
            if value > 0 or setting(key).allowed.low < 0:  # a floor of 0 on an amount or share holds anyway
                limits[key] = _rounded(value, Sense.MIN)
        else:
            ref_value, npv_value = np.nanmax(ref), np.nanmax(npv)
            value = ref_value + SLACK * abs(ref_value)
            if npv_value > ref_value:
                value = min(value, ref_value + 0.25 * (npv_value - ref_value))
            limits[key] = _rounded(value, Sense.MAX)
    return limits


def _rounded(value: float, sense: str) -> float:
    """Four significant digits, rounded the way that keeps the reference inside the limit."""
    if value == 0:
        return 0.0
    exponent = int(np.floor(np.log10(abs(value)))) - 3
    digits = value / 10.0 ** exponent
    digits = np.floor(digits) if sense == Sense.MIN else np.ceil(digits)
    return float(f"{int(digits)}e{exponent}")


def generate_case(n_projects: int, seed: int = 0, years: int = PLAN_YEARS, every_year: bool = False,
                  rules: bool = False) -> Case:
    """A feasible planning case of `n_projects` candidates over `years` plan years, the same for the same seed.

    Projects have build years (their build time) and the case an outlook; the targets bind the steady state,
    or, with `every_year`, the steady state and every plan year (kpi_check every_year). The projects, the
    budgets and the other limits are the same either way. With `rules`, the case has every rule of issue 15 as
    well (optimizer/generator_rules.py: a negative list, livelihood projects, relations, group counts and the
    subsidiaries' own budgets), drawn so that its reference portfolio keeps them."""
    return generate_case_and_reference(n_projects, seed, years, every_year, rules)[0]


def generate_case_and_reference(n_projects: int, seed: int = 0, years: int = PLAN_YEARS, every_year: bool = False,
                                rules: bool = False) -> tuple[Case, dict[str, int]]:
    """`generate_case`'s case and the reference portfolio its limits are set around (project id -> start year,
    each funded in full): a portfolio that keeps every rule and limit of the case. Without rules it is
    `reference_portfolio(case, seed)`; with rules, that of the case before its relations were drawn around it."""
    if n_projects < 1:
        raise ValueError("a case needs at least one project")
    rng = np.random.default_rng(seed)
    plan = tuple(range(FIRST_YEAR, FIRST_YEAR + years))
    projects = _projects(n_projects, rng, plan)
    enterprise = _enterprise(projects)
    unlimited = Case(tuple(projects), plan, Settings(time_limit=60.0), enterprise,
                     source=f"generated: {n_projects} projects, seed {seed}", outlook=_outlook(enterprise, plan))
    own_budgets: dict[str, float] = {}
    if rules:
        stream = generator_rules.rules_stream(seed)
        unlimited = generator_rules.screened(unlimited, stream)
        reference = reference_portfolio(unlimited, seed)
        unlimited, own_budgets = generator_rules.related(unlimited, reference, stream)
    else:
        reference = reference_portfolio(unlimited, seed)
    limits = {**_limits(unlimited, reference, every_year), **own_budgets}
    check = KpiCheck.EVERY_YEAR if every_year else KpiCheck.STEADY
    settings = Settings(limits=limits, objective="npv", time_limit=60.0, kpi_check=check)
    return replace(unlimited, settings=settings), reference


def main(argv: list[str] | None = None) -> int:
    """python -m optimizer.generator N_PROJECTS SEED OUT.xlsx [--rules] [--every-year]"""
    import argparse

    from optimizer.io.case_writer import write_case

    parser = argparse.ArgumentParser(prog="python -m optimizer.generator", description="Write a generated case.")
    parser.add_argument("n_projects", type=int)
    parser.add_argument("seed", type=int)
    parser.add_argument("out")
    parser.add_argument("--rules", action="store_true", help="every rule of issue 15 too: a negative list, "
                        "livelihood projects, relations, group counts, the subsidiaries' own budgets")
    parser.add_argument("--every-year", action="store_true", help="the targets bind in every plan year too")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    write_case(generate_case(args.n_projects, args.seed, every_year=args.every_year, rules=args.rules), args.out)
    print(f"wrote {args.out} ({args.n_projects} projects, seed {args.seed}"
          f"{', every rule' if args.rules else ''}{', targets every year' if args.every_year else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
