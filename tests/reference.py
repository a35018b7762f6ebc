"""An independent reference for small cases: every rule of workbook.md recomputed from the raw
project dicts a test writes into a workbook, and the optimum found by enumerating every choice.

Nothing here uses the engine. Discrete choices (taken or not, and the start year) are enumerated;
the shares of partly fundable projects, continuous, are optimised for each discrete choice by
scipy's linprog. Use it for cases of up to about 10 projects.
"""

from __future__ import annotations

import itertools
import math
import re

import numpy as np
from openpyxl import load_workbook
from scipy.optimize import linprog

TOL = 1e-7


def plan_years(projects: list[dict]) -> list[int]:
    return sorted({int(k[6:]) for p in projects for k in p if re.fullmatch(r"capex_\d{4}", k)})


def capex(p: dict) -> dict[int, float]:
    return {int(k[6:]): float(v or 0) for k, v in p.items() if re.fullmatch(r"capex_\d{4}", k)}


def total(p: dict) -> float:
    return sum(capex(p).values())


def starts(p: dict, years: list[int]) -> list[int]:
    earliest = int(p.get("earliest_start") or years[0])
    latest = int(p.get("latest_start") or earliest)
    return list(range(earliest, latest + 1))


def requires(p: dict) -> list[str]:
    """The ids a project requires, without their lags (`requires_entries` has both)."""
    return [r for r, _ in requires_entries(p)]


def screened(p: dict, enterprise: dict | None) -> bool:
    hurdle = (enterprise or {}).get("hurdle_rate", 0.02)
    return not p.get("security") and not p.get("livelihood") and p.get("irr") is not None and p["irr"] < hurdle


def figure(projects, portfolio, enterprise, settings, name) -> float | None:
    """One figure of workbook.md for portfolio {id: (share, start)}; None where undefined. `name@E`: the figure of
    subsidiary E's projects alone."""
    base, mark, entity = name.partition("@")
    if mark:
        own = [p for p in projects if p.get("entity") == entity]
        ids = {p["id"] for p in own}
        return figure(own, {i: v for i, v in portfolio.items() if i in ids}, enterprise, settings, base) if own \
            else 0.0
    e = enterprise or {}
    t = e.get("tax_rate", 0.25)
    rate = e.get("capital_cost_rate", 0.055)
    chosen = [(p, *portfolio[p["id"]]) for p in projects if p["id"] in portfolio]
    k = sum(total(p) * s for p, s, _ in chosen)

    def add(field):
        return sum(float(p.get(field) or 0) * s for p, s, _ in chosen)

    def share(test):
        return None if k <= 0 else sum(total(p) * s for p, s, _ in chosen if test(p)) / k

    equity = e.get("equity", (e.get("total_assets") or 0) - (e.get("total_liabilities") or 0))
    if name == "npv":
        return sum(float(p["npv"]) * s / (1 + rate) ** (y - int(p.get("earliest_start") or plan_years(projects)[0]))
                   for p, s, y in chosen)
    if name == "eva":
        return sum(((1 - t) * float(p.get("profit") or 0) - rate * total(p)) * s for p, s, _ in chosen)
    if name == "total_capex":
        return k
    if name.startswith("spend_"):
        year = int(name[6:])
        first = plan_years(projects)[0]
        return sum(capex(p).get(year - (y - int(p.get("earliest_start") or first)), 0.0) * s for p, s, y in chosen)
    if name == "total_profit":
        return e["total_profit"] + add("profit")
    if name == "profit_growth":
        return (e["total_profit"] + add("profit")) / e["total_profit"] - 1
    if name == "roe":
        return (e["net_profit"] + (1 - t) * add("profit")) / (
            equity + sum(float(p.get("equity_ratio", 0.3)) * total(p) * s for p, s, _ in chosen))
    if name == "debt_ratio":
        return (e["total_liabilities"] + sum((1 - float(p.get("equity_ratio", 0.3))) * total(p) * s
                                             for p, s, _ in chosen)) / (e["total_assets"] + k)
    if name == "rd_intensity":
        return (e["rd_spend"] + add("rd_spend")) / (e["revenue"] + add("revenue"))
    if name == "operating_cash_ratio":
        return (e["operating_cash_flow"] + add("operating_cash_flow")) / (e["revenue"] + add("revenue"))
    if name == "labour_productivity":
        return (e["labour_output"] + add("value_added")) / (e["headcount"] + add("headcount"))
    if name == "strategic_share":
        return share(lambda p: bool(p.get("strategic_category")))
    if name == "non_main_share":
        return share(lambda p: p.get("main_business") in (False, 0, "no", "N"))
    if name == "overseas_share":
        return share(lambda p: bool(p.get("overseas")))
    if name == "security_investment":
        return sum(total(p) * s for p, s, _ in chosen if p.get("security"))
    if name == "livelihood_investment":
        return sum(total(p) * s for p, s, _ in chosen if p.get("livelihood"))
    if name == "key_core_tech_share":
        return share(lambda p: bool(p.get("key_core_tech")))
    if name == "future_industry_share":
        return share(lambda p: bool(p.get("future_industry")))
    if name == "avg_risk":
        return None if k <= 0 else sum(float(p["risk"]) * total(p) * s for p, s, _ in chosen) / k
    if name in ("sector_share", "entity_share"):
        field = name.split("_")[0]
        groups = {p.get(field) for p, _, _ in chosen if p.get(field)}
        return None if k <= 0 or not groups else max(
            sum(total(p) * s for p, s, _ in chosen if p.get(field) == g) / k for g in groups)
    raise KeyError(name)


LIMIT_FIGURE = {
    "total_budget": ("total_capex", "max"), "min_strategic_share": ("strategic_share", "min"),
    "max_non_main_share": ("non_main_share", "max"), "max_overseas_share": ("overseas_share", "max"),
    "min_security_investment": ("security_investment", "min"), "max_sector_share": ("sector_share", "max"),
    "max_entity_share": ("entity_share", "max"), "max_avg_risk": ("avg_risk", "max"),
    "max_debt_ratio": ("debt_ratio", "max"), "min_roe": ("roe", "min"), "min_rd_intensity": ("rd_intensity", "min"),
    "min_operating_cash_ratio": ("operating_cash_ratio", "min"),
    "min_labour_productivity": ("labour_productivity", "min"), "min_profit_growth": ("profit_growth", "min"),
    # extension 2, "Screening and relations"
    "min_eva": ("eva", "min"), "min_livelihood_investment": ("livelihood_investment", "min"),
    "min_key_core_tech_share": ("key_core_tech_share", "min"),
    "min_future_industry_share": ("future_industry_share", "min"),
}


def is_limit_key(key: str) -> bool:
    """A Settings limit the reference knows: a budget, a key of LIMIT_FIGURE, or a subsidiary's own budget
    (`budget_2027@E`, `total_budget@E`: the Entities sheet)."""
    plain, mark, _ = key.partition("@")
    if mark:
        return plain == "total_budget" or plain.startswith("budget_")
    return key.startswith("budget_") or key in LIMIT_FIGURE


def limit_figure(key: str) -> tuple[str, str]:
    plain, mark, entity = key.partition("@")
    if mark:  # a subsidiary's own budget: its projects' spend (or capex)
        return f"{limit_figure(plain)[0]}@{entity}", "max"
    if key.startswith("budget_"):
        return f"spend_{key[7:]}", "max"
    return LIMIT_FIGURE[key]


def broken_rules(projects, portfolio, enterprise, settings, group_counts=None) -> list[str]:
    """Every rule of workbook.md that the portfolio {id: (share, start)} breaks; `group_counts` is the Groups
    sheet, {group: (min_count, max_count or None)}."""
    years = plan_years(projects)
    by_id = {p["id"]: p for p in projects}
    broken = []
    for p in projects:
        pid = p["id"]
        if pid not in portfolio:
            if p.get("mandatory"):
                broken.append(f"mandatory {pid} not chosen")
            continue
        share, start = portfolio[pid]
        if p.get("excluded") or screened(p, enterprise):
            broken.append(f"{pid} is excluded or screened")
        if start not in starts(p, years):
            broken.append(f"{pid} starts in {start}")
        if not (float(p.get("min_share", 1)) - TOL <= share <= 1 + TOL):
            broken.append(f"{pid} share {share}")
        for r in requires(p):
            if r not in portfolio or portfolio[r][1] > start:
                broken.append(f"{pid} requires {r}")
    broken += broken_relations(projects, portfolio, group_counts)
    for key, limit in settings.items():
        if is_limit_key(key):
            if limit is None or limit == "":
                continue
            name, sense = limit_figure(key)
            value = figure(projects, portfolio, enterprise, settings, name)
            if value is None:
                continue
            if (sense == "min" and value < limit - 1e-6 * max(1, abs(limit))) or \
                    (sense == "max" and value > limit + 1e-6 * max(1, abs(limit))):
                broken.append(f"{key}: {value} vs {limit}")
        _ = by_id
    return broken


def _linear_rows(projects, fixed, partial, enterprise, settings):
    """Constraint rows A s <= b over the partial shares, given the discrete choice."""
    rows, rhs = [], []
    for key, limit in settings.items():
        if not is_limit_key(key) or limit in (None, ""):
            continue
        name, sense = limit_figure(key)
        if name in ("sector_share", "entity_share"):
            field = name.split("_")[0]
            subjects = {p.get(field) for p in projects if p["id"] in fixed or p["id"] in partial}
            subjects = [g for g in subjects if g]
        else:
            subjects = [None]
        for subject in subjects:
            def g_of(portfolio, subject=subject, name=name, limit=limit):
                # the linearised target num - limit * den, evaluated numerically (it is affine in shares)
                if name in ("sector_share", "entity_share"):
                    field = name.split("_")[0]
                    k = sum(total(p) * portfolio[p["id"]][0] for p in projects if p["id"] in portfolio)
                    num = sum(total(p) * portfolio[p["id"]][0] for p in projects
                              if p["id"] in portfolio and p.get(field) == subject)
                    return num - limit * k
                return _affine_gap(projects, portfolio, enterprise, settings, name, limit)
            base = {**fixed, **{pid: (0.0, y) for pid, y in partial.items()}}
            g0 = g_of(base)
            coef = []
            for pid, y in partial.items():
                trial = dict(base)
                trial[pid] = (1.0, y)
                coef.append(g_of(trial) - g0)
            sign = -1 if sense == "min" else 1  # min: g >= 0 -> -g <= 0
            rows.append([sign * c for c in coef])
            rhs.append(-sign * g0)
    return rows, rhs


def _affine_gap(projects, portfolio, enterprise, settings, name, limit):
    """num - limit * den for a figure, from its definition (so it is affine in the shares)."""
    e = enterprise or {}
    t = e.get("tax_rate", 0.25)
    chosen = [(p, *portfolio[p["id"]]) for p in projects if p["id"] in portfolio]
    k = sum(total(p) * s for p, s, _ in chosen)

    def add(field):
        return sum(float(p.get(field) or 0) * s for p, s, _ in chosen)

    equity = e.get("equity", (e.get("total_assets") or 0) - (e.get("total_liabilities") or 0))
    if name in ("total_capex", "security_investment", "livelihood_investment", "eva") or name.startswith("spend_") \
            or "@" in name:
        return figure(projects, portfolio, enterprise, settings, name) - limit
    if name == "profit_growth":
        return add("profit") - limit * e["total_profit"]
    if name == "roe":
        return e["net_profit"] + (1 - t) * add("profit") - limit * (
            equity + sum(float(p.get("equity_ratio", 0.3)) * total(p) * s for p, s, _ in chosen))
    if name == "debt_ratio":
        return e["total_liabilities"] + sum((1 - float(p.get("equity_ratio", 0.3))) * total(p) * s
                                            for p, s, _ in chosen) - limit * (e["total_assets"] + k)
    if name == "rd_intensity":
        return e["rd_spend"] + add("rd_spend") - limit * (e["revenue"] + add("revenue"))
    if name == "operating_cash_ratio":
        return e["operating_cash_flow"] + add("operating_cash_flow") - limit * (e["revenue"] + add("revenue"))
    if name == "labour_productivity":
        return e["labour_output"] + add("value_added") - limit * (e["headcount"] + add("headcount"))
    flags = {"strategic_share": lambda p: bool(p.get("strategic_category")),
             "non_main_share": lambda p: p.get("main_business") in (False, 0, "no", "N"),
             "overseas_share": lambda p: bool(p.get("overseas")),
             "key_core_tech_share": lambda p: bool(p.get("key_core_tech")),
             "future_industry_share": lambda p: bool(p.get("future_industry"))}
    if name in flags:
        return sum(total(p) * s for p, s, _ in chosen if flags[name](p)) - limit * k
    if name == "avg_risk":
        return sum(float(p["risk"]) * total(p) * s for p, s, _ in chosen) - limit * k
    raise KeyError(name)


def enumerate_optimum(projects, settings, enterprise=None, objective="npv", group_counts=None):
    """The best objective over every discrete choice (and best partial shares): (value, portfolio),
    or (None, None) when no choice meets every rule."""
    years = plan_years(projects)
    choices = []
    for p in projects:
        options = [None]
        if not (p.get("excluded") or screened(p, enterprise)):
            options += starts(p, years)
        if p.get("mandatory"):
            options = [o for o in options if o is not None]
        choices.append(options)
    best_value, best_portfolio = None, None
    limits = {k: v for k, v in settings.items() if is_limit_key(k)}
    for combo in itertools.product(*choices):
        taken = {p["id"]: y for p, y in zip(projects, combo, strict=True) if y is not None}
        partial = {pid: y for pid, y in taken.items()
                   if float(next(p for p in projects if p["id"] == pid).get("min_share", 1)) < 1}
        fixed = {pid: (1.0, y) for pid, y in taken.items() if pid not in partial}
        trial = {**fixed, **{pid: (1.0, y) for pid, y in partial.items()}}
        structural = [b for b in broken_rules(projects, trial, enterprise, {}, group_counts) if "share" not in b]
        if structural:
            continue
        if partial:
            ids = list(partial)
            by_id = {p["id"]: p for p in projects}
            value0 = figure(projects, {**fixed, **{i: (0.0, partial[i]) for i in ids}}, enterprise, settings, objective)
            c = [figure(projects, {**fixed, **{i: (1.0 if i == j else 0.0, partial[i]) for i in ids}},
                        enterprise, settings, objective) - value0 for j in ids]
            rows, rhs = _linear_rows(projects, fixed, partial, enterprise, limits)
            res = linprog([-v for v in c], A_ub=rows or None, b_ub=rhs or None,
                          bounds=[(float(by_id[i].get("min_share", 1)), 1.0) for i in ids], method="highs")
            if res.status != 0:
                continue
            portfolio = {**fixed, **{i: (float(s), partial[i]) for i, s in zip(ids, res.x, strict=True)}}
            if broken_rules(projects, portfolio, enterprise, limits, group_counts):
                continue
            value = figure(projects, portfolio, enterprise, settings, objective)
        else:
            portfolio = fixed
            if broken_rules(projects, portfolio, enterprise, limits, group_counts):
                continue
            value = figure(projects, portfolio, enterprise, settings, objective)
        if best_value is None or value > best_value + 1e-9:
            best_value, best_portfolio = value, portfolio
    if best_value is not None and math.isnan(best_value):
        raise ValueError("objective is NaN")
    return best_value, best_portfolio


def portfolio_from_json(data: dict) -> dict[str, tuple[float, int]]:
    return {s["id"]: (float(s["share"]), int(s["start_year"])) for s in data["selected"]}


def all_portfolios(projects, settings, enterprise=None):
    """Every all-or-nothing portfolio {id: (1.0, first start year)} that keeps every rule and `settings`."""
    years = plan_years(projects)
    for mask in itertools.product([0, 1], repeat=len(projects)):
        portfolio = {p["id"]: (1.0, starts(p, years)[0]) for p, m in zip(projects, mask, strict=True) if m}
        if not broken_rules(projects, portfolio, enterprise, settings):
            yield portfolio


def raw_rows(path) -> tuple[list[dict], dict, dict]:
    """Projects, Enterprise and Settings of a workbook as plain dicts, read with openpyxl only: the input of
    the functions above for a workbook a test did not write itself (a generated case)."""
    wb = load_workbook(path, data_only=True)
    rows = list(wb["Projects"].iter_rows(values_only=True))
    projects = [{h: v for h, v in zip(rows[0], row, strict=True) if v is not None} for row in rows[1:]]

    def pairs(sheet):
        return {k: v for k, v, *_ in list(wb[sheet].iter_rows(values_only=True))[1:] if v is not None}

    return projects, pairs("Enterprise"), pairs("Settings")


_ = np


# --------------------------------------------------------------------------- fast enumeration
# The same answer as enumerate_optimum for cases where every project is all or nothing, with every
# discrete choice evaluated at once by numpy: a case of 12 projects (up to about 200,000 choices
# with deferral) takes well under a second instead of minutes. Each figure is rebuilt from its
# definition in workbook.md, as above; tests compare the two enumerations on small cases.


def enumerate_all_or_nothing(projects, settings, enterprise=None, objective="npv", max_choices=300_000,
                             tolerance=1e-6, group_counts=None):
    """(best objective, portfolio {id: (1.0, start)}) over every discrete choice, or (None, None).

    A limit holds when the figure is within `tolerance` x max(1, |limit|) of it (as in broken_rules).
    """
    if any(float(p.get("min_share", 1)) < 1 for p in projects):
        raise ValueError("partly fundable projects need enumerate_optimum")
    years = plan_years(projects)
    e = enterprise or {}
    t, rate = e.get("tax_rate", 0.25), e.get("capital_cost_rate", 0.055)
    choices = []  # per project: its start years, None for "not taken"
    for p in projects:
        options = [None]
        if not (p.get("excluded") or screened(p, enterprise)):
            options += starts(p, years)
        if p.get("mandatory"):
            options = [o for o in options if o is not None]
        choices.append(options)
    count = math.prod(len(c) for c in choices)
    if count == 0:
        return None, None
    if count > max_choices:
        raise ValueError(f"{count} choices are too many to enumerate")
    grid = np.array(list(itertools.product(*[range(len(c)) for c in choices])), dtype=np.int64)
    grid = grid.reshape(count, len(projects))
    sectors = sorted({p.get("sector") for p in projects if p.get("sector")})
    entities = sorted({p.get("entity") for p in projects if p.get("entity")})
    first = years[0]

    def contributions(p, start):
        """What project p started in `start` (None: not taken) adds to each quantity."""
        k = total(p)
        if start is None:
            return {"taken": 0.0, "start": math.inf}
        delay = start - int(p.get("earliest_start") or first)
        q = float(p.get("equity_ratio", 0.3))
        values = {
            "taken": 1.0, "start": float(start), "k": k,
            "npv": float(p.get("npv") or 0) / (1 + rate) ** delay,
            "eva": (1 - t) * float(p.get("profit") or 0) - rate * k,
            "equity": q * k, "debt": (1 - q) * k,
            "strategic": k if p.get("strategic_category") else 0.0,
            "non_main": k if p.get("main_business") in (False, 0, "no", "N") else 0.0,
            "overseas": k if p.get("overseas") else 0.0,
            "security": k if p.get("security") else 0.0,
            "livelihood": k if p.get("livelihood") else 0.0,
            "key_core": k if p.get("key_core_tech") else 0.0,
            "future": k if p.get("future_industry") else 0.0,
            "risk_k": float(p.get("risk") or 0) * k,
        }
        for field in ("profit", "revenue", "rd_spend", "operating_cash_flow", "value_added", "headcount"):
            values[field] = float(p.get(field) or 0)
        for year in years:
            values[f"spend_{year}"] = capex(p).get(year - delay, 0.0)
        for g in sectors:
            values[f"sector={g}"] = k if p.get("sector") == g else 0.0
        for g in entities:
            values[f"entity={g}"] = k if p.get("entity") == g else 0.0
            for year in years:
                values[f"spend_{year}@{g}"] = values[f"spend_{year}"] if p.get("entity") == g else 0.0
        return values

    table = [[contributions(p, start) for start in options] for p, options in zip(projects, choices, strict=True)]
    names = sorted({name for p in projects for name in contributions(p, first)} - {"start"})

    def summed(name):
        return sum(np.array([row.get(name, 0.0) for row in table[i]])[grid[:, i]] for i in range(len(projects)))

    sums = {name: summed(name) for name in names}
    start = np.column_stack([np.array([row["start"] for row in table[i]])[grid[:, i]] for i in range(len(projects))])
    ok = np.ones(count, dtype=bool)
    index = {p["id"]: i for i, p in enumerate(projects)}
    for i, p in enumerate(projects):
        for r in requires(p):
            j = index[r]
            ok &= ~np.isfinite(start[:, i]) | (start[:, j] <= start[:, i])
    ok &= relations_hold(projects, start, group_counts)
    k = sums["k"]
    equity = e.get("equity", (e.get("total_assets") or 0) - (e.get("total_liabilities") or 0))
    with np.errstate(divide="ignore", invalid="ignore"):
        positive = k > 0
        figures = {
            "total_capex": k, "security_investment": sums["security"],
            "profit_growth": sums["profit"] / e["total_profit"] if "total_profit" in e else None,
            "roe": (e["net_profit"] + (1 - t) * sums["profit"]) / (equity + sums["equity"])
            if "net_profit" in e else None,
            "debt_ratio": (e["total_liabilities"] + sums["debt"]) / (e["total_assets"] + k)
            if "total_assets" in e else None,
            "rd_intensity": (e["rd_spend"] + sums["rd_spend"]) / (e["revenue"] + sums["revenue"])
            if "rd_spend" in e else None,
            "operating_cash_ratio": (e["operating_cash_flow"] + sums["operating_cash_flow"])
            / (e["revenue"] + sums["revenue"]) if "operating_cash_flow" in e else None,
            "labour_productivity": (e["labour_output"] + sums["value_added"]) / (e["headcount"] + sums["headcount"])
            if "labour_output" in e else None,
            "strategic_share": np.where(positive, sums["strategic"] / k, np.nan),
            "non_main_share": np.where(positive, sums["non_main"] / k, np.nan),
            "overseas_share": np.where(positive, sums["overseas"] / k, np.nan),
            "avg_risk": np.where(positive, sums["risk_k"] / k, np.nan),
            "eva": sums["eva"], "livelihood_investment": sums["livelihood"],
            "key_core_tech_share": np.where(positive, sums["key_core"] / k, np.nan),
            "future_industry_share": np.where(positive, sums["future"] / k, np.nan),
        }
        for field, groups_of in (("sector", sectors), ("entity", entities)):
            shares = [np.where(positive & (sums[f"{field}={g}"] > 0), sums[f"{field}={g}"] / k, np.nan)
                      for g in groups_of]
            figures[f"{field}_share"] = np.fmax.reduce(shares) if shares else np.full(count, np.nan)
        for year in years:
            figures[f"spend_{year}"] = sums[f"spend_{year}"]
        for g in entities:  # each subsidiary's own budgets
            figures[f"total_capex@{g}"] = sums[f"entity={g}"]
            for year in years:
                figures[f"spend_{year}@{g}"] = sums[f"spend_{year}@{g}"]
    for key, limit in settings.items():
        if not is_limit_key(key) or limit in (None, ""):
            continue
        name, sense = limit_figure(key)
        if name not in figures:  # a budget for a year outside the plan: nothing falls in it
            continue
        value = figures[name]
        slack = tolerance * max(1, abs(limit))
        with np.errstate(invalid="ignore"):
            bad = value < limit - slack if sense == "min" else value > limit + slack
        ok &= ~np.where(np.isnan(value), False, bad)  # an undefined share holds trivially
    if not ok.any():
        return None, None
    values = np.where(ok, sums[objective], -np.inf)
    best = int(np.argmax(values))
    portfolio = {p["id"]: (1.0, int(start[best, i])) for i, p in enumerate(projects) if np.isfinite(start[best, i])}
    return float(values[best]), portfolio


# --------------------------------------------------------------------------- the negative list (extension 2)
# workbook.md, "Screening and relations": a rule (class, field, match, reason) of the NegativeList sheet compares
# a Projects column, as its type, with one or more values; a project matching a prohibited rule is excluded, one
# matching a supervised rule is flagged and excluded too when allow_supervised is no. Stated again here from the
# contract, over the raw project dicts (docs/engine.md adds: `capex` is the total capex; a number may follow >,
# >=, < or <=; a capex above half the group's equity is supervised as well).

_NEGATIVE_FLAGS = {"overseas", "main_business", "future_industry", "key_core_tech", "security", "livelihood"}
_NEGATIVE_NUMBERS = {"irr", "npv", "risk", "equity_ratio", "profit", "revenue", "capex"}
_YES, _NO = {"yes", "y", "true", "1", "是"}, {"no", "n", "false", "0", "否"}


def _squeezed(value) -> str:
    return re.sub(r"\s+", "", str(value)).lower()


def rule_matches(p: dict, field: str, match: str) -> bool:
    """Whether project `p` matches a rule on `field` (an English column name) with `match` as written."""
    if field == "capex":
        value = total(p)
    elif field == "main_business":
        value = p.get("main_business") not in (False, 0, "no", "N")
    else:
        value = p.get(field)
    for part in (s.strip() for s in re.split(r"[,、;]", str(match)) if s.strip()):
        if field in _NEGATIVE_FLAGS:
            wanted = _squeezed(part) in _YES
            if bool(value) == wanted:
                return True
        elif field in _NEGATIVE_NUMBERS:
            found = re.fullmatch(r"(>=|<=|>|<)?\s*([-\d.]+)(%?)", part)
            number = float(found.group(2)) / (100 if found.group(3) else 1)
            if value is None:
                continue
            value = float(value)
            if {None: value == number, ">": value > number, ">=": value >= number, "<": value < number,
                    "<=": value <= number}[found.group(1)]:
                return True
        elif part.startswith("*") and part.endswith("*") and len(part) > 2:
            if value is not None and _squeezed(part[1:-1]) in _squeezed(value):
                return True
        elif value is not None and _squeezed(part) == _squeezed(value):
            return True
    return False


def negative_list_screening(projects: list[dict], rules: list[tuple], enterprise: dict | None,
                            allow_supervised: bool = True) -> tuple[list[dict], dict[str, str], dict[str, str]]:
    """(the projects with every one screening keeps out marked excluded, {id: reason} of those kept out by the
    negative list, {id: reason} of the supervised ones that may be chosen). The IRR rule is `screened`'s."""
    equity = (enterprise or {}).get("equity", (enterprise or {}).get("total_assets", 0)
                                     - (enterprise or {}).get("total_liabilities", 0)) if enterprise else None
    kept_out, supervised, result = {}, {}, []
    for p in projects:
        prohibited = next((r[3] for r in rules if r[0] == "prohibited" and rule_matches(p, r[1], r[2])), None)
        flagged = next((r[3] for r in rules if r[0] == "supervised" and rule_matches(p, r[1], r[2])), None)
        if flagged is None and equity and total(p) > 0.5 * equity:
            flagged = "half the equity"
        if prohibited is not None:
            kept_out[p["id"]] = prohibited
        elif flagged is not None and not screened(p, enterprise):
            if allow_supervised:
                supervised[p["id"]] = flagged
            else:
                kept_out[p["id"]] = flagged
        result.append({**p, "excluded": True} if p["id"] in kept_out else p)
    return result, kept_out, supervised


# --------------------------------------------------------------------------- relations (extension 2)
# workbook.md "Screening and relations": requires with a lag (`P001+2`: start at least 2 years after P001 starts),
# requires_any, together_with (chosen exactly when each of these is chosen, each at its own start) and the Groups
# sheet's counts (a group without a row: at most one).


def requires_entries(p: dict) -> list[tuple[str, int]]:
    """(id, lag) of each entry of `requires`: "P001+2, P002" -> [("P001", 2), ("P002", 0)]."""
    text = re.sub(r"\s*\+\s*", "+", str(p.get("requires") or ""))
    entries = []
    for entry in re.split(r"[,;、，；\s]+", text):
        if entry:
            pid, _, lag = entry.partition("+")
            entries.append((pid, int(lag) if lag else 0))
    return entries


def listed(p: dict, column: str) -> list[str]:
    """The ids of a requires_any or together_with cell."""
    return [r for r in re.split(r"[,;、，；\s]+", str(p.get(column) or "")) if r]


def group_range(group: str, group_counts: dict | None) -> tuple[int, int | None]:
    """(min_count, max_count or None) of a group: its Groups row, else at most one."""
    return (group_counts or {}).get(group, (0, 1))


def broken_relations(projects, portfolio, group_counts=None) -> list[str]:
    """The relations the portfolio {id: (share, start)} breaks: the lags of requires (the plain start order is
    checked in broken_rules), requires_any, together_with and the group counts."""
    broken = []
    members: dict[str, list[str]] = {}
    for p in projects:
        if p.get("exclusive_group"):
            members.setdefault(p["exclusive_group"], []).append(p["id"])
        pid = p["id"]
        for other in listed(p, "together_with"):
            if (pid in portfolio) != (other in portfolio):
                broken.append(f"{pid} together with {other}")
        if pid not in portfolio:
            continue
        start = portfolio[pid][1]
        for r, lag in requires_entries(p):
            if lag and (r not in portfolio or portfolio[r][1] + lag > start):
                broken.append(f"{pid} requires {r} {lag} years before")
        alternatives = listed(p, "requires_any")
        if alternatives and not any(a in portfolio and portfolio[a][1] <= start for a in alternatives):
            broken.append(f"{pid} requires any of {alternatives}")
    for group, ids in members.items():
        low, high = group_range(group, group_counts)
        count = sum(1 for i in ids if i in portfolio)
        if count < low or (high is not None and count > high):
            broken.append(f"group {group} has {count}")
    return broken


def relations_hold(projects, start: np.ndarray, group_counts=None) -> np.ndarray:
    """For every discrete choice at once (a row of `start`: each project's start year, inf when not taken), whether
    the lags, requires_any, together_with and the group counts hold."""
    index = {p["id"]: i for i, p in enumerate(projects)}
    taken = np.isfinite(start)
    ok = np.ones(start.shape[0], dtype=bool)
    members: dict[str, list[int]] = {}
    for i, p in enumerate(projects):
        for r, lag in requires_entries(p):
            ok &= ~taken[:, i] | (start[:, index[r]] + lag <= start[:, i])
        alternatives = [index[a] for a in listed(p, "requires_any")]
        if alternatives:
            ok &= ~taken[:, i] | (start[:, alternatives] <= start[:, [i]]).any(axis=1)
        for other in listed(p, "together_with"):
            ok &= taken[:, i] == taken[:, index[other]]
        if p.get("exclusive_group"):
            members.setdefault(p["exclusive_group"], []).append(i)
    for group, rows in members.items():
        low, high = group_range(group, group_counts)
        count = taken[:, rows].sum(axis=1)
        ok &= (count >= low) & ((count <= high) if high is not None else True)
    return ok
