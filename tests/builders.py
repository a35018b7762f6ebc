"""Build small case workbooks for tests, straight with openpyxl (independent of the reader), and the small
random cases the enumeration tests solve (tests/reference.py)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
from openpyxl import Workbook, load_workbook

ENTERPRISE = {
    "revenue": 400.0, "total_profit": 30.0, "net_profit": 22.0, "total_assets": 900.0,
    "total_liabilities": 560.0, "operating_cash_flow": 45.0, "rd_spend": 9.0, "headcount": 20000,
    "labour_output": 160.0, "tax_rate": 0.25, "capital_cost_rate": 0.06, "hurdle_rate": 0.03,
}
"""A group's baseline (Enterprise sheet) for the random cases."""
CATEGORIES = ["新能源", "新材料", "高端装备", None, None]

# A case worked by hand year by year (tests/test_year_by_year.py works its figures out): one plant that spends
# 40 in 2027 and 40 in 2028, half of it equity, and earns from 2028 (build_years 1).
HAND_ENTERPRISE = {"revenue": 500.0, "total_profit": 50.0, "net_profit": 40.0, "total_assets": 1000.0,
                   "total_liabilities": 600.0, "operating_cash_flow": 50.0, "rd_spend": 10.0, "headcount": 1000,
                   "labour_output": 100.0, "tax_rate": 0.25}
HAND_PROJECT = {"id": "P1", "name": "Plant", "capex_2027": 40, "capex_2028": 40, "capex_2029": 0, "equity_ratio": 0.5,
                "npv": 10, "profit": 8, "revenue": 20, "build_years": 1}
# Two plants build in 2027-2028 and earn from 2029 while the baseline business borrows more in 2028: the debt
# ratio peaks in 2028 (with HAND_ENTERPRISE and the outlook BORROWING_IN_2028).
MIDDLE_YEAR = [
    {"id": "A", "name": "Plant A", "capex_2027": 60, "capex_2028": 60, "capex_2029": 0, "equity_ratio": 0.2,
     "npv": 12, "profit": 10, "build_years": 2},
    {"id": "B", "name": "Plant B", "capex_2027": 50, "capex_2028": 50, "capex_2029": 0, "equity_ratio": 0.2,
     "npv": 9, "profit": 8, "build_years": 2},
    {"id": "C", "name": "Upgrade", "capex_2027": 10, "capex_2028": 0, "capex_2029": 0, "equity_ratio": 0.5,
     "npv": 2, "profit": 1},
]
BORROWING_IN_2028 = {"total_assets": {2028: 1010.0}, "total_liabilities": {2028: 640.0}}


def random_projects(seed: int, n: int = 7, deferrable: bool = False, partial: bool = False) -> list[dict]:
    """`n` random projects over 2027-2028 with every column a rule or figure of workbook.md reads; every third
    may start a year late (`deferrable`) or be funded from half (`partial`)."""
    rng = np.random.default_rng(seed)
    projects = []
    for i in range(n):
        k1, k2 = rng.uniform(2, 20), rng.uniform(0, 15)
        p = {
            "id": f"P{i:02d}", "name": f"Project {i}", "entity": f"E{rng.integers(3)}", "sector": f"S{rng.integers(3)}",
            "overseas": bool(rng.random() < 0.25), "main_business": bool(rng.random() > 0.2),
            "strategic_category": CATEGORIES[rng.integers(len(CATEGORIES))],
            "security": bool(rng.random() < 0.3),
            "capex_2027": round(k1, 2), "capex_2028": round(k2, 2),
            "equity_ratio": round(rng.uniform(0.2, 0.6), 2),
            "npv": round(rng.uniform(-2, 12), 2), "irr": round(rng.uniform(0.05, 0.15), 3),
            "revenue": round(rng.uniform(1, 30), 2), "profit": round(rng.uniform(-0.5, 4), 2),
            "operating_cash_flow": round(rng.uniform(0, 5), 2), "rd_spend": round(rng.uniform(0, 2), 2),
            "value_added": round(rng.uniform(0, 8), 2), "headcount": int(rng.integers(0, 500)),
            "risk": int(rng.integers(1, 6)),
            # the flags of extension 2's shares, by position (no draw: the other columns stay as they were)
            "livelihood": i % 4 == 1, "key_core_tech": i % 3 == 2, "future_industry": i % 5 == 0,
        }
        if deferrable and i % 3 == 0:
            p["latest_start"] = 2028
        if partial and i % 3 == 1:
            p["min_share"] = 0.5
        projects.append(p)
    return projects


def make_workbook(
    path: Path,
    projects: list[dict],
    settings: dict | None = None,
    enterprise: dict | None = None,
    sheet_names: tuple[str, str, str] = ("Projects", "Settings", "Enterprise"),
    outlook: dict[str, dict[int, float]] | None = None,
    entities: dict[str, dict[str, float]] | None = None,
) -> Path:
    """Write a case workbook: one row per project dict (keys become headers, in first-seen order).

    `settings` and `enterprise` become two-column key | value sheets; None leaves the sheet out. `outlook`
    ({item: {year: value}}) becomes an Outlook sheet, a row per item and a column per year; `entities`
    ({entity: {"total_budget" or "budget_YYYY": cap}}) an Entities sheet, a row per entity.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_names[0]
    headers: list[str] = []
    for row in projects:
        for key in row:
            if key not in headers:
                headers.append(key)
    ws.append(headers)
    for row in projects:
        ws.append([row.get(h) for h in headers])
    for title, pairs in ((sheet_names[1], settings), (sheet_names[2], enterprise)):
        if pairs is None:
            continue
        sheet = wb.create_sheet(title)
        sheet.append(["key", "value"])
        for key, value in pairs.items():
            sheet.append([key, value])
    if outlook is not None:
        sheet = wb.create_sheet("Outlook")
        years = sorted({year for values in outlook.values() for year in values})
        sheet.append(["key", *years])
        for item, values in outlook.items():
            sheet.append([item, *(values.get(year) for year in years)])
    if entities is not None:
        sheet = wb.create_sheet("Entities")
        keys = list(dict.fromkeys(key for caps in entities.values() for key in caps))
        sheet.append(["entity", *keys])
        for entity, caps in entities.items():
            sheet.append([entity, *(caps.get(key) for key in keys)])
    path = Path(path)
    wb.save(path)
    return path


def rewrite_part(path: Path, part: str, change) -> Path:
    """Edit one XML part of a saved workbook, as another program might have written it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[part] = change(parts[part].decode()).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def cached_formulas(path: Path, values: dict[str, object], part: str = "xl/worksheets/sheet1.xml") -> Path:
    """Give the formulas of an openpyxl-written workbook the saved values Excel would store (openpyxl writes an
    empty value as <v/>, or as <v></v> when lxml is installed)."""
    def store(sheet: str) -> str:
        for cell, value in values.items():
            sheet, count = re.subn(rf'(<c r="{cell}"[^>]*><f>[^<]*</f>)(?:<v ?/>|<v></v>)', rf"\g<1><v>{value}</v>",
                                   sheet)
            assert count == 1, cell
        return sheet
    return rewrite_part(path, part, store)


# The five values worked by hand (tests/report/test_five_values.py): with HAND_ENTERPRISE, a hurdle rate of 3%, the
# baseline business borrowing 10 more in 2028, and targets every year, every project is chosen (each adds NPV, and
# all four keep every target). A wind farm (strategic), a water supply (livelihood: its IRR of 1% is exempt from
# the hurdle), a chip line (key core technology, future industry, strategic; it starts in 2028 and earns from 2030,
# after the plan) and a grid link (security).
FIVE_VALUES_ENTERPRISE = {**HAND_ENTERPRISE, "hurdle_rate": 0.03}
FIVE_VALUES_OUTLOOK = {"total_liabilities": {2028: 610.0}}
FIVE_VALUES_SETTINGS = {"max_debt_ratio": 0.615, "min_rd_intensity": 0.019, "min_security_investment": 15,
                        "min_strategic_share": 0.5, "kpi_check": "every_year"}
FIVE_VALUES_PROJECTS = [
    {"id": "A", "name": "Wind farm", "region": "内蒙古", "strategic_category": "新能源", "capex_2027": 40,
     "capex_2028": 20, "capex_2029": 0, "equity_ratio": 0.5, "npv": 12, "irr": 0.09, "profit": 6, "revenue": 20,
     "rd_spend": 0.4, "build_years": 1},
    {"id": "B", "name": "Water supply", "region": "甘肃", "livelihood": True, "capex_2027": 30, "capex_2028": 0,
     "capex_2029": 0, "npv": 1, "irr": 0.01, "profit": 0.5, "revenue": 4},
    {"id": "C", "name": "Chip line", "region": "江苏", "strategic_category": "新一代信息技术", "key_core_tech": True,
     "future_industry": True, "capex_2027": 0, "capex_2028": 50, "capex_2029": 0, "earliest_start": 2028,
     "npv": 8, "irr": 0.11, "profit": 5, "revenue": 30, "rd_spend": 3, "build_years": 2},
    {"id": "D", "name": "Grid link", "region": "内蒙古", "security": True, "capex_2027": 10, "capex_2028": 0,
     "capex_2029": 10, "npv": 2, "irr": 0.06, "profit": 1, "revenue": 5},
]


def with_negative_list(path: Path, rules: list[tuple], title: str = "NegativeList",
                       header: tuple = ("class", "field", "match", "reason")) -> Path:
    """Add a NegativeList sheet to a saved workbook: `header`, then one row per rule (class, field, match, reason)."""
    wb = load_workbook(path)
    sheet = wb.create_sheet(title)
    sheet.append(list(header))
    for rule in rules:
        sheet.append(list(rule))
    wb.save(path)
    return Path(path)
