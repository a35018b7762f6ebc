"""What makes up each of the group's figures in a plan year, before and after investing.

"One profit, five rates" in a plan year (workbook.md, "Year by year") is a sum or a quotient of amounts a
reader can check: the 2028 debt ratio is the total liabilities over the total assets at the end of 2028, ROE the
net profit over the average of the net assets at the start and the end of the year, total profit growth this
year's total profit over last year's, total profit the baseline business's and the new projects'. `year_parts`
gives those amounts, each with its name in both languages, without new projects ("before") and with the
portfolio ("after"). They are read off the very measures the model holds its targets with
(`Measure.numerator` / `denominator` over the option shares), so they are the numbers the model used.

Which amounts make up a figure is read from the registry (optimizer/model/targets.py): the Enterprise items a
figure is measured from (`Figure.needs`), the one it divides by (`Figure.divisor`), and whether it is the
figure a growth target grows (`Figure.growth`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from optimizer.model.case import ENTERPRISE_KEYS
from optimizer.model.measures import Figures, Measure
from optimizer.model.targets import Figure, Kind
from optimizer.report.kpis import year_figures
from optimizer.words.text import Name

ITEM_NAMES = {
    "revenue": "Revenue", "total_profit": "Total profit", "net_profit": "Net profit",
    "total_assets": "Total assets", "total_liabilities": "Total liabilities", "equity": "Net assets",
    "operating_cash_flow": "Operating cash flow", "rd_spend": "R&D spend", "headcount": "Average headcount",
    "labour_output": "Labour output",
}
"""The English of the Enterprise items a figure is made of; their Chinese is the workbook's (ENTERPRISE_KEYS)."""
PEOPLE = ("headcount",)
"""Items counted in people, not money."""
NET_ASSETS = "equity"
"""The item ROE divides by: in a plan year its average over the year (SASAC), not its value at the end."""

BASELINE_BUSINESS = Name("Baseline business", "存量业务")
NEW_PROJECTS = Name("New projects", "新增项目")
START_OF_YEAR = Name("Net assets at the start of the year", "年初净资产")
END_OF_YEAR = Name("Net assets at the end of the year", "年末净资产")
AVERAGE_NET_ASSETS = Name("Average net assets", "平均净资产")


@dataclass(frozen=True)
class Part:
    """An amount that goes into a figure: without new projects and with the portfolio."""

    name: Name
    kind: Kind
    """Kind.MONEY (in the case's currency unit) or Kind.COUNT (people)."""
    before: float
    after: float


class Makeup(StrEnum):
    """How a figure is made of its parts."""

    SUM = "sum"
    """The parts added up (total profit)."""
    QUOTIENT = "quotient"
    """The first part over the last (the parts between, the start and end net assets, make the last)."""
    GROWTH = "growth"
    """The first part over the last, less one (this year's total profit over last year's)."""


@dataclass(frozen=True)
class YearParts:
    """A figure in one plan year and the amounts it is made of, in the order the figure reads them."""

    figure: str
    """The figure's key (targets.FIGURES)."""
    year: int
    parts: tuple[Part, ...]
    makeup: Makeup

    def value(self, after: bool = True) -> float:
        """The figure the parts make, with the portfolio (or without new projects)."""
        values = [part.after if after else part.before for part in self.parts]
        if self.makeup == Makeup.SUM:
            return sum(values)
        return values[0] / values[-1] - (1.0 if self.makeup == Makeup.GROWTH else 0.0)


def item_name(item: str) -> Name:
    """An Enterprise item's name in both languages: Name("Total liabilities", "负债总额")."""
    return Name(ITEM_NAMES.get(item, item), ENTERPRISE_KEYS.get(item, item))


def parts_by_year(figures: Figures, x: np.ndarray) -> dict[int, dict[str, YearParts]]:
    """Plan year -> figure key -> what it is made of, for the portfolio `x` (funded share of each option of
    `figures`); empty without an Enterprise sheet."""
    if figures.case.enterprise is None:
        return {}
    return {year: {f.key: year_parts(figures, x, f, year) for f in year_figures()} for year in figures.case.years}


def year_parts(figures: Figures, x: np.ndarray, figure: Figure, year: int) -> YearParts:
    """What one of the group's figures is made of in a plan year, without new projects and with `x`."""
    none = np.zeros(figures.n)

    def part(name: Name, amount, kind: Kind = Kind.MONEY) -> Part:
        return Part(name, kind, float(amount(none)), float(amount(x)))

    measure: Measure = getattr(figures, figure.measure)(year)
    if figure.growth is not None:  # a sum of money: the baseline business's and the new projects'
        baseline = float(measure.num_const[0])
        return YearParts(figure.key, year, (
            Part(BASELINE_BUSINESS, Kind.MONEY, baseline, baseline),
            part(NEW_PROJECTS, lambda shares: measure.num_coef[0] @ shares)), Makeup.SUM)
    if figure.needs == (figure.divisor,):  # a growth: this year's amount over last year's
        amount = getattr(figures, _measure_of(figure.divisor))
        this_year, last_year = amount(year), amount(year - 1)
        name = ITEM_NAMES[figure.divisor]
        chinese = ENTERPRISE_KEYS[figure.divisor]
        return YearParts(figure.key, year, (
            part(Name(f"{name} {year}", f"{year}年{chinese}"), lambda shares: this_year.numerator(shares)[0]),
            part(Name(f"{name} {year - 1}", f"{year - 1}年{chinese}"),
                 lambda shares: last_year.numerator(shares)[0])), Makeup.GROWTH)
    numerator = next(item for item in figure.needs if item != figure.divisor)
    top = part(item_name(numerator), lambda shares: measure.numerator(shares)[0], _kind(numerator))
    if figure.divisor == NET_ASSETS:  # the average of the net assets at the start and the end of the year
        return YearParts(figure.key, year, (
            top,
            part(START_OF_YEAR, lambda shares: figures.net_assets(year - 1).numerator(shares)[0]),
            part(END_OF_YEAR, lambda shares: figures.net_assets(year).numerator(shares)[0]),
            part(AVERAGE_NET_ASSETS, lambda shares: measure.denominator(shares)[0])), Makeup.QUOTIENT)
    bottom = part(item_name(figure.divisor), lambda shares: measure.denominator(shares)[0], _kind(figure.divisor))
    return YearParts(figure.key, year, (top, bottom), Makeup.QUOTIENT)


def _kind(item: str) -> Kind:
    return Kind.COUNT if item in PEOPLE else Kind.MONEY


def _measure_of(item: str) -> str:
    """The measure of the figure that an Enterprise item is the baseline of (total profit's)."""
    return next(f.measure for f in year_figures() if f.needs == (item,) and f.divisor is None)
