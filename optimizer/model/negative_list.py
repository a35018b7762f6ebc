"""The group's negative list (负面清单) as the engine holds it: rules that prohibit a project or flag it for
special supervision by what one of its Projects columns holds.

A rule names its class (prohibited 禁止类, supervised 特别监管类), a field (a Projects column, the total
capex, or a column of the workbook's own) and one or more `Match`es; a project matches the rule when its
value in that field matches any of them. What the rule then does to a project is screening's to say
(optimizer/model/screening.py); the reader makes the rules from the NegativeList sheet
(optimizer/io/negative_list.py) and has already turned each written match into the column's type, so here a
match only compares.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from optimizer.words.text import Name


class RuleClass(StrEnum):
    PROHIBITED = "prohibited"
    """The project may not be chosen."""
    SUPERVISED = "supervised"
    """The project may be chosen, flagged for special supervision (and left out when supervised projects are
    not allowed)."""


RULE_CLASS_NAMES = {RuleClass.PROHIBITED: Name("prohibited", "禁止类"),
                    RuleClass.SUPERVISED: Name("supervised", "特别监管类")}

TOTAL_CAPEX_FIELD = "capex"
"""The field of a rule on a project's total capex over the plan (the Projects sheet has a column per year)."""


class Compare(StrEnum):
    """How a match compares a project's value with its own."""

    EQUAL = "="
    """Text equal ignoring case and spaces, the same yes/no, category or number."""
    CONTAINS = "contains"
    """The text holds the match's text (written `*text*`)."""
    ABOVE = ">"
    AT_LEAST = ">="
    BELOW = "<"
    AT_MOST = "<="


def plain_text(value: object) -> str:
    """Text as a rule compares it: lower case, without spaces (full-width forms as their plain ones)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)).lower())


@dataclass(frozen=True)
class Match:
    """One value a rule compares a project's field with."""

    compare: Compare
    value: str | bool | float | None
    """Plain text (plain_text) for text and category fields (a category's key; None: traditional business), a
    bool for a yes/no field, a number for a numeric field."""

    def __str__(self) -> str:
        """The match as a workbook writes it: `*text*`, `>=50`, `yes`."""
        if self.compare is Compare.CONTAINS:
            return f"*{self.value}*"
        if isinstance(self.value, bool):
            return "yes" if self.value else "no"
        shown = "none" if self.value is None else _shown(self.value)
        return shown if self.compare is Compare.EQUAL else f"{self.compare.value}{shown}"

    def holds(self, value: object) -> bool:
        if isinstance(value, tuple | list | set | frozenset):  # a list of ids: one of them matches
            return any(self.holds(item) for item in value)
        if self.compare is Compare.CONTAINS:
            return value is not None and str(self.value) in plain_text(_shown(value))
        if isinstance(self.value, bool):
            return isinstance(value, bool) and value is self.value
        if isinstance(self.value, float):
            if value is None or isinstance(value, bool) or not isinstance(value, int | float):
                return False
            return {Compare.EQUAL: value == self.value, Compare.ABOVE: value > self.value,
                    Compare.AT_LEAST: value >= self.value, Compare.BELOW: value < self.value,
                    Compare.AT_MOST: value <= self.value}[self.compare]
        if self.value is None:
            return value is None or value == ""
        return value is not None and plain_text(_shown(value)) == self.value


def _shown(value: object) -> str:
    """A cell's value as text: 35 rather than 35.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass(frozen=True)
class NegativeRule:
    """One row of the NegativeList sheet."""

    rule_class: RuleClass
    field: str
    """A field of Project, TOTAL_CAPEX_FIELD, `capex_YYYY`, or the header of a column the engine does not use."""
    matches: tuple[Match, ...]
    reason: str
    """Why, as the workbook gives it; what the project's reasons say."""
    written: tuple[str, str, str] = ("", "", "")
    """The class, field and match as written in the workbook, to write the rule back and to show it."""
    row: int = 0
    """The rule's row on the NegativeList sheet (0 when not read from a workbook)."""

    @property
    def field_text(self) -> str:
        """The field as the workbook wrote it."""
        return self.written[1] or self.field

    @property
    def match_text(self) -> str:
        """The match as the workbook wrote it."""
        return self.written[2] or ", ".join(map(str, self.matches))

    def value_of(self, project: object) -> object:
        """The project's value in the rule's field."""
        if self.field == TOTAL_CAPEX_FIELD:
            return project.total_capex
        capex_year = re.fullmatch(r"capex_(\d{4})", self.field)
        if capex_year:
            return project.capex.get(int(capex_year.group(1)), 0.0)
        if self.field in project.extra:
            return project.extra[self.field]
        return getattr(project, self.field, None)

    def applies_to(self, project: object) -> bool:
        value = self.value_of(project)
        return any(match.holds(value) for match in self.matches)
