"""An independent reference for the figures year by year (workbook.md, "Year by year"), written from the
contract's formulas over the raw project dicts a test writes into a workbook, and the optimum under targets by
year found by enumerating every choice. Nothing here uses the engine.

A portfolio is {id: (share, start year)}; the outlook is {Enterprise item: {year: value}}.
"""

from __future__ import annotations

import itertools
import re

from tests.reference import broken_rules, capex, plan_years, screened, starts

FIGURES = ("total_profit", "profit_growth", "roe", "debt_ratio", "rd_intensity", "operating_cash_ratio",
           "labour_productivity")
TARGETS = {"min_profit_growth": ("profit_growth", "min"), "max_debt_ratio": ("debt_ratio", "max"),
           "min_roe": ("roe", "min"), "min_rd_intensity": ("rd_intensity", "min"),
           "min_operating_cash_ratio": ("operating_cash_ratio", "min"),
           "min_labour_productivity": ("labour_productivity", "min")}


def baseline(enterprise: dict, outlook: dict, item: str, year: int, first_year: int) -> float:
    """B_item(year): the outlook's where given, else the Enterprise value; the base year is the Enterprise's."""
    equity = enterprise.get("equity", enterprise["total_assets"] - enterprise["total_liabilities"])
    own = {**enterprise, "equity": equity}
    if year < first_year:
        return own[item]
    if year in outlook.get(item, {}):
        return outlook[item][year]
    if item == "equity" and (year in outlook.get("total_assets", {}) or year in outlook.get("total_liabilities", {})):
        return baseline(enterprise, outlook, "total_assets", year, first_year) - \
            baseline(enterprise, outlook, "total_liabilities", year, first_year)
    return own[item]


def _first_start(p: dict, first_year: int) -> int:
    return int(p.get("earliest_start") or first_year)


def spent_through(p: dict, start: int, year: int, first_year: int) -> float:
    """C_i(y): the project's capex profile, shifted to its start, summed over the years up to `year`."""
    delay = start - _first_start(p, first_year)
    return sum(amount for y, amount in capex(p).items() if y + delay <= year)


def adding(p: dict, start: int, year: int, first_year: int) -> bool:
    """f_i(y): the project adds its run-rate figures in `year` (from its start plus its build years on)."""
    return year >= first_year and year >= start + int(p.get("build_years") or 0)


def year_figure(projects, portfolio, enterprise, outlook, year, name, equity_source="new_capital") -> float:
    """One figure of the group in plan year `year` (or the base year, first plan year - 1, for the
    figures the next year divides by)."""
    first = plan_years(projects)[0]
    chosen = [(p, *portfolio[p["id"]]) for p in projects if p["id"] in portfolio]

    def b(item, y=year):
        return baseline(enterprise, outlook, item, y, first)

    def add(field, y=year):
        return sum(float(p.get(field) or 0) * s for p, s, start in chosen if adding(p, start, y, first))

    def spent(y, part=lambda p: 1.0):
        return sum(part(p) * spent_through(p, start, y, first) * s for p, s, start in chosen)

    def equity_part(p):
        return float(p.get("equity_ratio", 0.3))

    def debt_part(p):
        return 1 - equity_part(p)

    def net_assets(y):
        if y < first:
            return b("equity", y)
        return b("equity", y) + (0.0 if equity_source == "own_funds" else spent(y, equity_part))

    tax = b("tax_rate")
    if name == "total_profit":
        return b("total_profit") + add("profit")
    if name == "profit_growth":
        before = b("total_profit", year - 1) + add("profit", year - 1)
        return (b("total_profit") + add("profit")) / before - 1
    if name == "net_profit":
        return b("net_profit") + (1 - tax) * add("profit")
    if name == "roe":
        return year_figure(projects, portfolio, enterprise, outlook, year, "net_profit", equity_source) / (
            (net_assets(year - 1) + net_assets(year)) / 2)
    if name == "debt_ratio":
        liabilities = b("total_liabilities") + spent(year, debt_part)
        assets = b("total_assets") + (spent(year, debt_part) if equity_source == "own_funds" else spent(year))
        return liabilities / assets
    if name == "rd_intensity":
        return (b("rd_spend") + add("rd_spend")) / (b("revenue") + add("revenue"))
    if name == "operating_cash_ratio":
        return (b("operating_cash_flow") + add("operating_cash_flow")) / (b("revenue") + add("revenue"))
    if name == "labour_productivity":
        return (b("labour_output") + add("value_added")) / (b("headcount") + add("headcount"))
    raise KeyError(name)


def targets_in_force(settings: dict, years: list[int]) -> dict[tuple[str, int], float]:
    """(plain key, year) -> the target binding that year: its own key `min_roe_2028`, else with kpi_check
    every_year the plain key."""
    found = {}
    every_year = settings.get("kpi_check") == "every_year"
    for key, value in settings.items():
        if value in (None, ""):
            continue
        in_year = re.fullmatch(r"(\w+)_(\d{4})", key)
        if in_year and in_year.group(1) in TARGETS:
            found[(in_year.group(1), int(in_year.group(2)))] = value
    for key, value in settings.items():
        if key in TARGETS and every_year and value not in (None, ""):
            for year in years:
                found.setdefault((key, year), value)
    return found


def broken_yearly(projects, portfolio, enterprise, outlook, settings, equity_source="new_capital") -> list[str]:
    years = plan_years(projects)
    broken = []
    for (key, year), limit in targets_in_force(settings, years).items():
        name, sense = TARGETS[key]
        value = year_figure(projects, portfolio, enterprise, outlook, year, name, equity_source)
        if (sense == "min" and value < limit - 1e-6 * max(1, abs(limit))) or \
                (sense == "max" and value > limit + 1e-6 * max(1, abs(limit))):
            broken.append(f"{key}_{year}: {value} vs {limit}")
    return broken


def every_choice(projects, enterprise=None):
    """Every all-or-nothing portfolio {id: (1.0, start)} over every start year, rules of the projects aside."""
    years = plan_years(projects)
    options = []
    for p in projects:
        choice = [None]
        if not (p.get("excluded") or screened(p, enterprise)):
            choice += starts(p, years)
        if p.get("mandatory"):
            choice = choice[1:]
        options.append(choice)
    for combo in itertools.product(*options):
        yield {p["id"]: (1.0, y) for p, y in zip(projects, combo, strict=True) if y is not None}


def npv(projects, portfolio, rate) -> float:
    first = plan_years(projects)[0]
    return sum(float(p["npv"]) / (1 + rate) ** (portfolio[p["id"]][1] - _first_start(p, first))
               for p in projects if p["id"] in portfolio)


def yearly_optimum(projects, settings, enterprise, outlook, equity_source="new_capital"):
    """(best NPV, portfolio) over every all-or-nothing choice that keeps every rule, the steady-state limits and
    every target in force year by year; (None, None) when none does."""
    steady = {k: v for k, v in settings.items() if not re.fullmatch(r"\w+_\d{4}", k) or k.startswith("budget_")}
    steady.pop("kpi_check", None)
    best, best_portfolio = None, None
    for portfolio in every_choice(projects, enterprise):
        if broken_rules(projects, portfolio, enterprise, steady):
            continue
        if broken_yearly(projects, portfolio, enterprise, outlook, settings, equity_source):
            continue
        value = npv(projects, portfolio, enterprise.get("capital_cost_rate", 0.055))
        if best is None or value > best + 1e-9:
            best, best_portfolio = value, portfolio
    return best, best_portfolio
