"""Numbers in their units, as a user reads them: 12.50%, 1,234.00 CNY 100m, 78.00 CNY 10k per person.

`format_value(value, kind, currency_unit)` writes a value of a kind (optimizer.model.targets.Kind) in
English; `Words.format_value` (optimizer.words.language) the same in Chinese. An `Amount` is a value with its
kind carried inside a Text, so a sentence says it in either language:

    Text("{name} at least {value}", name=setting.name, value=Amount(0.03, Kind.RATE))
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from optimizer.model.targets import PRODUCTIVITY_SCALE, Kind
from optimizer.tolerances import ROW
from optimizer.words.text import Term

CURRENCY_CHINESE = {"cny100m": "亿元", "cny10k": "万元", "cny1m": "百万元", "cnym": "百万元", "cnymillion": "百万元",
                    "cny": "元", "rmb100m": "亿元", "rmb10k": "万元", "rmb": "元"}
"""Money units a workbook may name, in the words a Chinese report uses."""


def currency_in_chinese(currency_unit: str) -> str:
    return CURRENCY_CHINESE.get("".join(currency_unit.lower().split()), currency_unit)


def unit_of(kind: str, currency_unit: str) -> str:
    """The unit of a figure of this kind, in English ("%", "CNY 100m", "grade 1-5", "CNY 100m per person")."""
    return {Kind.SHARE: "%", Kind.RATE: "%", Kind.MONEY: currency_unit, Kind.GRADE: "grade 1-5",
            Kind.PRODUCTIVITY: f"{currency_unit} per person"}.get(kind, "")


def productivity_in_words(value: float, currency_unit: str) -> tuple[float, str | None]:
    """Labour productivity as it is said: (78.0, "CNY 10k") for 0.0078 CNY 100m; (value, None) otherwise."""
    factor, unit = PRODUCTIVITY_SCALE.get(currency_unit.strip(), (None, None))
    return (value * factor, unit.english) if factor else (value, None)


def shown_scale(kind: str, currency_unit: str) -> float:
    """The factor from the engine's value to the shown one: 10,000 for labour productivity in a case in
    CNY 100m (0.0078 亿元 per person is shown 78.00 万元/人), 1 for anything else."""
    if kind != Kind.PRODUCTIVITY:
        return 1.0
    return PRODUCTIVITY_SCALE.get(currency_unit.strip(), (1.0, None))[0]


def shown_value(value: float | None, kind: str, currency_unit: str) -> float | None:
    """A value in the unit it is shown in (shown_scale): what a table cell holds beside shown_unit."""
    return None if value is None else value * shown_scale(kind, currency_unit)


def shown_unit(kind: str, currency_unit: str, chinese: bool = False) -> str:
    """The unit a value of this kind is shown in: unit_of, but labour productivity in 万元/人 ("CNY 10k per
    person") where the case counts in CNY 100m, as format_value says it."""
    factor, unit = PRODUCTIVITY_SCALE.get(currency_unit.strip(), (None, None))
    if kind == Kind.PRODUCTIVITY and factor:
        return "万元/人" if chinese else f"{unit.english} per person"
    if chinese:
        money = currency_in_chinese(currency_unit)
        return {Kind.SHARE: "%", Kind.RATE: "%", Kind.MONEY: money, Kind.GRADE: "等级 1-5",
                Kind.PRODUCTIVITY: f"{money}/人"}.get(kind, "")
    return unit_of(kind, currency_unit)


def plain_number(value: float) -> str:
    """A number without a fixed unit of size: 95,000 / 12.35 / 0.0078 (never 9.5e+04)."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.4g}"


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_value(value: float | None, kind: str, currency_unit: str = "", decimals: int = 2) -> str:
    """A number as a user reads it: percentages for shares and rates, the unit for money; `decimals` after the
    point (of the percentage, the amount, the grade)."""
    if is_missing(value):
        return "n/a"
    d = decimals
    if kind in (Kind.SHARE, Kind.RATE):
        return f"{value:.{d}%}"
    if kind == Kind.GRADE:
        return f"{value:.{d}f}"
    if kind in (Kind.COUNT, Kind.WEIGHT):
        return f"{value:g}"
    if kind == Kind.SECONDS:
        return f"{value:g} s"
    if kind == Kind.PRODUCTIVITY:
        shown, unit = productivity_in_words(value, currency_unit)
        if unit:
            return f"{shown:,.{d}f} {unit} per person"
        return f"{plain_number(value)} {currency_unit} per person".strip()
    return f"{value:,.{d}f} {currency_unit}".strip()


def format_in_chinese(value: float | None, kind: str, currency_unit: str = "", decimals: int = 2) -> str:
    """format_value in Chinese: 12.50%, 1,234.00 亿元, 78.00 万元/人, 不适用 for none."""
    if is_missing(value):
        return "不适用"
    d = decimals
    if kind == Kind.PRODUCTIVITY:
        shown, unit = productivity_in_words(value, currency_unit)
        if unit:
            return f"{shown:,.{d}f} 万元/人"
        return f"{plain_number(value)} {currency_in_chinese(currency_unit)}/人".strip()
    if kind == Kind.MONEY:
        return f"{value:,.{d}f} {currency_in_chinese(currency_unit)}".strip()
    if kind == Kind.SECONDS:
        return f"{value:g} 秒"
    return format_value(value, kind, currency_unit, decimals)


@dataclass(frozen=True)
class Amount(Term):
    """A value of a kind in a sentence: its str() is the English (format_value), `said_in` the Chinese."""

    value: float | None
    kind: str
    currency_unit: str = ""
    decimals: int = 2

    def __str__(self) -> str:
        return format_value(self.value, self.kind, self.currency_unit, self.decimals)

    def said_in(self, chinese: bool) -> str:
        return format_in_chinese(self.value, self.kind, self.currency_unit, self.decimals) if chinese else str(self)


MOST_DECIMALS = 6


def against_limit(value: float | None, limit: float, kind: str, currency_unit: str = "") -> tuple[Amount, Amount]:
    """A figure and the limit it is compared with, with as many decimals as it takes for the two to read apart
    when they differ (62.804% against 62.800%, never 62.80% against 62.80%, which hides the breach); two
    decimals where two do, at most MOST_DECIMALS; a figure on its limit (within the rows' tolerance, ROW) with two,
    so that it reads as on it."""
    if value is None or abs(value - limit) <= ROW * max(1.0, abs(limit)):
        return Amount(value, kind, currency_unit), Amount(limit, kind, currency_unit)
    decimals = decimals_apart(value, limit, kind, currency_unit)
    return Amount(value, kind, currency_unit, decimals), Amount(limit, kind, currency_unit, decimals)


def decimals_apart(value: float, limit: float, kind: str, currency_unit: str = "") -> int:
    """The fewest decimals, two at least and MOST_DECIMALS at most, with which `value` and `limit` read apart."""
    return next((decimals for decimals in range(2, MOST_DECIMALS + 1)
                 if format_value(value, kind, currency_unit, decimals) != format_value(limit, kind, currency_unit,
                                                                                     decimals)), MOST_DECIMALS)


@dataclass(frozen=True)
class Currency(Term):
    """The case's money unit in a sentence: "CNY 100m", 亿元 in Chinese."""

    unit: str

    def __str__(self) -> str:
        return self.unit

    def said_in(self, chinese: bool) -> str:
        return currency_in_chinese(self.unit) if chinese else self.unit
