"""A cell's value as the engine takes it, and one setting's value checked against the registry.

Each parser takes a raw cell value (as optimizer/io/xlsx.py reads it: a number, a text, a bool, a date,
None for a blank cell) and returns the value, or None for a blank cell; anything else raises `BadValue`
with a plain message (a Text). What a Settings key may take comes from the registry
(optimizer/model/targets.py): `parse_setting_value` is the one check of a setting, for the workbook,
`--set`, the app's forms and the frontier's levels alike. Names of sheets, columns and keys compare
ignoring case, spaces, underscores, hyphens and a unit in brackets (`name_key`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime

from optimizer.io.xlsx import Percent
from optimizer.model.case import STRATEGIC_CATEGORIES
from optimizer.model.targets import (
    SETTINGS,
    YEARLY_TARGETS,
    Kind,
    Setting,
    budget_key,
    entity_budget,
    setting,
    yearly_key,
)
from optimizer.words.text import Items, Name, Text


class BadValue(ValueError):
    """A cell value that does not fit its column or key; the message says why, in plain words."""


def name_key(name: object) -> str:
    """A sheet, column or key name as compared: lower case, without spaces, underscores, hyphens.

    A unit in brackets at the end is dropped too: "npv (CNY 100m)", "净现值（亿元）".
    """
    text = unicodedata.normalize("NFKC", str(name)).lower()
    text = re.sub(r"\s*(\(.*\)|\[.*\]|【.*】)$", "", text.strip())
    return re.sub(r"[\s_\-]+", "", text)


# --------------------------------------------------------------------------- names of settings
_SETTING_BY_NAME = {name_key(name): key for key, found in SETTINGS.items() for name in (key, found.workbook_chinese)}
_BUDGET_SETTING = re.compile(r"(?:budget|年度预算)(\d{4})")
_IN_YEAR = re.compile(r"(.+?)(\d{4})")


def canonical_setting_key(name: str) -> str | None:
    """The canonical Settings key for an English or Chinese name ("年度预算_2027" -> "budget_2027",
    "资产负债率上限_2028" -> "max_debt_ratio_2028")."""
    normalised = name_key(name)
    budget = _BUDGET_SETTING.fullmatch(normalised)
    if budget:
        return budget_key(int(budget.group(1)))
    in_year = _IN_YEAR.fullmatch(normalised)
    if in_year and _SETTING_BY_NAME.get(in_year.group(1)) in YEARLY_TARGETS:
        return yearly_key(_SETTING_BY_NAME[in_year.group(1)], int(in_year.group(2)))
    return _SETTING_BY_NAME.get(normalised)


# --------------------------------------------------------------------------- cell values

_EXCEL_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!", "#CALC!",
                 "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!"}
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_TRUE = {"true", "yes", "y", "1", "是"}
_FALSE = {"false", "no", "n", "0", "否"}


def excel_error(value: object) -> str | None:
    """The Excel error a cell shows ("#N/A"), or None. The reader gives an error value, or a formula's saved
    error result, as its text; a text typed as "#N/A" would become the error in Excel too."""
    if isinstance(value, str) and value.strip().upper() in _EXCEL_ERRORS:
        return value.strip().upper()
    return None


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def plain(number: float) -> str:
    """A number as a person would write it: 35 not 35.0."""
    if float(number).is_integer() and abs(number) < 1e15:
        return str(int(number))
    return f"{number:.6g}"


def text_of(value: object) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return plain(value)
    if isinstance(value, datetime) and value == datetime(value.year, value.month, value.day):
        return value.date().isoformat()
    return str(value)


LARGEST_NUMBER = 1e15
"""Larger figures are refused as typing or unit slips: the assets of the largest group are about
1e13 yuan, and beyond about 1e15 sums lose the cents in floating point."""


def parse_number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadValue(Text("{value} is not a number", value="TRUE" if value else "FALSE"))
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise BadValue(Text("{value} is not a number", value=str(value)))
        return _not_too_large(float(value))
    if isinstance(value, str):
        number = _number_from_text(value)
        return None if number is None else _not_too_large(number)
    if isinstance(value, date):
        raise BadValue(Text("the date {date} is not a number", date=f"{value:%Y-%m-%d}"))
    raise BadValue(Text("{value} is not a number", value=str(value)))


def _not_too_large(number: float) -> float:
    if abs(number) > LARGEST_NUMBER:
        raise BadValue(Text("{number} is too large: figures up to 1e15 are supported (check the unit)",
                             number=f"{number:.6g}"))
    return number


def _number_from_text(text: str) -> float | None:
    """Numeric text: " 12 ", "1,234.5", "35%" (= 0.35)."""
    shown = text.strip()
    if not shown:
        return None
    if shown.upper() in _EXCEL_ERRORS:
        raise BadValue(Text("the cell shows the Excel error {error}", error=shown.upper()))
    digits = unicodedata.normalize("NFKC", shown).replace(" ", "")
    percent = digits.endswith("%")
    if percent:
        digits = digits[:-1]
    if _THOUSANDS.fullmatch(digits):
        digits = digits.replace(",", "")
    try:
        if "_" in digits:  # float() would accept "1_000"; Excel would not
            raise ValueError
        number = float(digits)
    except ValueError:
        raise BadValue(Text("text '{text}' is not a number", text=shown)) from None
    if not math.isfinite(number):
        raise BadValue(Text("text '{text}' is not a number", text=shown))
    return number / 100 if percent else number


def parse_flag(value: object) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = unicodedata.normalize("NFKC", value).strip().lower()
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
    raise BadValue(Text("'{text}' is not yes or no (write TRUE/FALSE, yes/no, Y/N, 1/0 or 是/否)", text=text_of(value)))


FIRST_YEAR, LAST_YEAR = 1990, 2100
"""The years a plan, a start or an outlook may name: beyond, a typing slip (capex_0000, a start in 2200)."""


def parse_year(value: object) -> int | None:
    if isinstance(value, date):  # datetime is a date too
        return value.year
    if isinstance(value, str):
        value = value.strip().removesuffix("年")
    try:
        number = parse_number(value)
    except BadValue:
        raise BadValue(Text("'{text}' is not a year", text=text_of(value))) from None
    if number is None:
        return None
    if not number.is_integer():
        raise BadValue(Text("{number} is not a year", number=plain(number)))
    if not FIRST_YEAR <= number <= LAST_YEAR:
        raise BadValue(Text("{number} is not a year from {first} to {last}", number=plain(number), first=FIRST_YEAR,
                            last=LAST_YEAR))
    return int(number)


def within(number: float, low: float, high: float, what: Text | Name) -> float:
    """The number if low <= number <= high, else a message that helps with the usual slip (35 for 35%)."""
    if low <= number <= high:
        return number
    if high == 1 and 1 < abs(number) <= 100:
        raise BadValue(Text("{number} is not {what} (write {fraction} or {number}%)", number=plain(number),
                             what=what, fraction=plain(number / 100)))
    raise BadValue(Text("{number} is not {what}", number=plain(number), what=what))


def in_range(low: float, high: float, what: Text) -> Callable[[object], float | None]:
    def parse(value: object) -> float | None:
        number = parse_number(value)
        return None if number is None else within(number, low, high, what)
    return parse


def parse_amount(value: object) -> float | None:
    """An amount (money, or a count of people): a number, but not a percentage, which would read "50%" as 0.5."""
    if isinstance(value, str) and unicodedata.normalize("NFKC", value).strip().endswith("%"):
        raise BadValue(Text("'{text}' is a percentage, but this is an amount, not a share: write the amount itself "
                            "(in the workbook's money unit, or persons)", text=value.strip()))
    if isinstance(value, Percent):  # typed as 50% in Excel: the cell holds 0.5, shown as a percentage
        raise BadValue(Text("'{text}' is a percentage, but this is an amount, not a share: write the amount itself "
                            "(in the workbook's money unit, or persons)", text=f"{float(value) * 100:g}%"))
    return parse_number(value)


def parse_non_negative(value: object) -> float | None:
    """An amount of 0 or more (capex, revenue, R&D spend, headcount, a budget)."""
    number = parse_amount(value)
    if number is not None and number < 0:
        raise BadValue(Text("{number} is negative; write 0 or more", number=plain(number)))
    return number


def parse_build_years(value: object) -> int | None:
    """Years of construction: a whole number, 0 or more."""
    number = parse_number(value)
    if number is None:
        return None
    if number < 0:
        raise BadValue(Text("{number} is negative; write the years of construction, 0 or more", number=plain(number)))
    if not number.is_integer():
        raise BadValue(Text("{number} is not a whole number of years", number=plain(number)))
    return int(number)


def parse_min_share(value: object) -> float | None:
    number = parse_number(value)
    if number is not None and number == 0:
        raise BadValue(Text("0 is not a share above 0 and up to 1 (write 1 for all or nothing)"))
    return None if number is None else within(number, 0, 1, Text("a share above 0 and up to 1"))


def parse_risk_grade(value: object) -> float | None:
    number = parse_number(value)
    if number is not None and not (number.is_integer() and 1 <= number <= 5):
        raise BadValue(Text("{number} is not a risk grade (a whole number 1 to 5)", number=plain(number)))
    return number


_ID_SEPARATORS = re.compile(r"[,，、;；\n]+")
_SPACES = re.compile(r"\s+")


def clean_id(text: str) -> str:
    """A project id as the engine keeps it: full-width letters and digits as plain ones (NFKC), without invisible
    characters (zero-width spaces, BOMs, soft hyphens: Unicode's format characters), spaces at the ends dropped
    and any run of spaces inside made one."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _SPACES.sub(" ", text).strip()


def id_key(text: str) -> str:
    """What two ids are compared by: their clean form in any case (p001 and P001 are one project)."""
    return clean_id(text).casefold()


def shown_id(text: str) -> str:
    """An id as written, its invisible characters made visible (P001<U+200B>)."""
    return "".join(f"<U+{ord(ch):04X}>" if unicodedata.category(ch) == "Cf" else ch for ch in text.strip())


def parse_id(value: object) -> str | None:
    text = text_of(value)
    return None if text is None else clean_id(text) or None


def parse_ids(value: object) -> tuple[str, ...] | None:
    """The ids of a relations cell, separated by comma, 、 or ; (each clean_id). An entry may still hold spaces:
    "P001 P002" (two ids) or "P 001" (one id with a space); which it is can only be told once every id is known
    (relations.py)."""
    text = text_of(value)
    if text is None:
        return None
    return tuple(dict.fromkeys(part for part in map(clean_id, _ID_SEPARATORS.split(text)) if part))


def _category_norm(text: str) -> str:
    words = unicodedata.normalize("NFKC", text).lower()
    words = re.sub(r"\band\b", " ", words)
    words = re.sub(r"[^0-9a-z\u4e00-\u9fff]", "", words)
    for suffix in ("industries", "industry", "产业", "行业"):
        if words.endswith(suffix) and len(words) > len(suffix):
            words = words[: -len(suffix)]
    return words


_NOT_STRATEGIC = {"", "none", "no", "na", "nil", "traditional", "无", "传统", "否", "非战新"}
_CATEGORY_VARIANTS = {
    "next_generation_it": ["IT", "information technology", "next generation information technology",
                           "new generation information technology", "new generation IT", "next-gen IT",
                           "信息技术"],
    "high_end_equipment": ["high-end equipment manufacturing", "advanced equipment", "高端装备制造"],
    "new_materials": ["new material", "advanced materials"],
    "biotechnology": ["biotech", "bio", "biology", "生物", "生物医药"],
    "new_energy_vehicles": ["NEV", "NEVs", "new energy vehicle", "electric vehicles", "EV", "EVs"],
    "new_energy": ["renewable energy", "clean energy", "renewables"],
    "green_environmental": ["green", "environmental protection", "green and environmental protection",
                            "environmental", "energy saving and environmental protection", "节能环保", "环保"],
    "aerospace": ["aviation", "aerospace equipment", "航空", "航天"],
    "marine_equipment": ["marine", "ocean", "ocean equipment", "maritime equipment", "海洋"],
}
_CATEGORY_BY_NAME = {
    _category_norm(name): key
    for key, (english, chinese) in STRATEGIC_CATEGORIES.items()
    for name in (key, english, chinese, *_CATEGORY_VARIANTS[key])
}


def parse_category(value: object) -> str | None:
    """A key of STRATEGIC_CATEGORIES, or None for traditional business (blank, 无, 传统, none)."""
    text = text_of(value)
    name = _category_norm(text or "")
    if name in _NOT_STRATEGIC:
        return None
    key = _CATEGORY_BY_NAME.get(name) or _CATEGORY_BY_NAME.get(name.removesuffix("s"))
    if key is None:
        known = "、".join(zh for _, zh in STRATEGIC_CATEGORIES.values())
        raise BadValue(Text("'{text}' is not a strategic emerging industry (use one of {known}, "
                             "or leave it blank for traditional business)", text=text, known=known))
    return key


# --------------------------------------------------------------------------- setting values
def _choice_names(choices: dict[str, Name]) -> dict[str, str]:
    return {name_key(name): value for value, names in choices.items() for name in (value, names.chinese)}


def parse_choice(value: object, choices: dict[str, Name], what: Name) -> str:
    """One of `choices` (its value or its Chinese name, in any case); BadValue listing them otherwise."""
    chosen = _choice_names(choices).get(name_key(value))
    if chosen is None:
        raise BadValue(Text("'{text}' is not {what} (write {values}; {names})", text=text_of(value), what=what,
                            values=Items(tuple(choices)), names=Items(tuple(n.chinese for n in choices.values()))))
    return chosen


def parse_setting_value(key: str, value: object) -> float | str | bool:
    """The value of one setting (English or Chinese key), checked; ValueError with a plain message if bad.

    Returns the chosen value for a choice (`objective`, `kpi_check`), the text for
    `currency_unit`, True or False for a yes/no setting, and a number for everything else.
    """
    canonical = key if entity_budget(key) is not None else canonical_setting_key(key)
    if canonical is None:
        raise ValueError(Text("unknown setting '{key}'", key=key))
    if is_blank(value):
        raise ValueError(Text("no value"))
    found = setting(canonical)
    if found.kind == Kind.CHOICE:
        return parse_choice(value, found.choices or {}, found.allowed.what or found.name)
    if found.kind == Kind.TEXT:
        return text_of(value) or ""
    if found.kind == Kind.FLAG:
        flag = parse_flag(value)
        assert flag is not None
        return flag
    number = parse_amount(value) if found.kind in (Kind.MONEY, Kind.PRODUCTIVITY, Kind.COUNT) else parse_number(value)
    assert number is not None
    return allowed_number(found, number)


def allowed_number(found: Setting, number: float) -> float:
    """The number if the setting may take it (targets.Setting.allowed); BadValue saying what it takes if not."""
    allowed = found.allowed
    if allowed.admits(number):
        return number
    if allowed.what is None:  # an amount: anything from 0 up
        raise BadValue(Text("{number} is negative; write 0 or more", number=plain(number)))
    if allowed.low_open and number <= allowed.low:
        raise BadValue(Text("{number} is not {what}", number=plain(number), what=allowed.what))
    return within(number, allowed.low, allowed.high, allowed.what)
