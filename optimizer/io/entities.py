"""The Entities sheet (投资主体, workbook.md "Screening and relations"): each investing subsidiary's own caps, a
row per subsidiary with its total budget and its budget for each plan year.

    entity | total_budget | budget_2027 | budget_2028 ...        (投资主体 | 总预算 | 年度预算_2027 ...)

Each cap is a limit of the case like the group's budgets, under the key `entity_budget_key("budget_2027",
entity)` ("budget_2027@华瑞新能源有限公司"): the model bounds the spend of that subsidiary's projects falling in the
year (or all their capex, for the total), deferral included, and the report, the reasons, the diagnosis and the
export name it by that key. A blank cell is no cap. The header is the first row that names the entity column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from optimizer.io.values import BadValue, canonical_setting_key, is_blank, name_key, parse_non_negative, text_of
from optimizer.model.targets import TOTAL_BUDGET, budget_year, entity_budget_key
from optimizer.words.text import Text, said

ENTITY_COLUMN = ("entity", "投资主体")
_ENTITY_NAMES = {name_key(name) for name in ENTITY_COLUMN}


@dataclass
class EntityBudgets:
    limits: dict[str, float] = field(default_factory=dict)
    """Key (`budget_2027@entity`) -> cap."""
    cells: dict[str, str] = field(default_factory=dict)
    """Key -> where it was read, as `Entities!C3`."""


def read_entity_budgets(title: str, rows: list[tuple], unsaved: set[tuple[int, int]], years: tuple[int, ...],
                        entities: set[str], error: Callable[[str, str, Text], None],
                        warn: Callable[[str, str, Text], None]) -> EntityBudgets:
    """The caps of the sheet `title` (its cell values by row; `unsaved` the (row, column) of formulas without a
    saved value), checked against the plan `years` and the `entities` the projects name; each problem goes to
    `error` or `warn` with its cell."""
    found = EntityBudgets()
    header = next((r for r, row in enumerate(rows, start=1)
                   if any(text_of(v) and name_key(v) in _ENTITY_NAMES for v in row)), None)
    if header is None:
        if any(not is_blank(v) for row in rows for v in row):
            error(title, "", Text("no header row with an 'entity' (投资主体) column"))
        return found
    columns: dict[int, str] = {}  # column -> budget key
    entity_column = None
    for column, value in enumerate(rows[header - 1], start=1):
        name = text_of(value)
        cell = f"{get_column_letter(column)}{header}"
        if name is None:
            continue
        if name_key(name) in _ENTITY_NAMES:
            entity_column = entity_column or column
            continue
        key = canonical_setting_key(name)
        year = budget_year(key) if key else None
        if key != TOTAL_BUDGET and year is None:
            warn(title, cell, Text("column '{header}' is not a budget (total_budget or budget_YYYY) and is ignored",
                                   header=name))
            continue
        if year is not None and years and year not in years:
            error(title, cell, Text("{key} is for {year}, outside the plan years {first}–{last}", key=key,
                                    year=year, first=years[0], last=years[-1]))
            continue
        if key in columns.values():
            error(title, cell, Text("column '{header}' appears twice", header=name))
            continue
        columns[column] = key
    seen: dict[str, int] = {}
    for r in range(header + 1, len(rows) + 1):
        row = rows[r - 1]
        entity = text_of(row[entity_column - 1] if len(row) >= entity_column else None)
        given = [c for c in columns if (c <= len(row) and not is_blank(row[c - 1])) or (r, c) in unsaved]
        if entity is None:
            if given:
                error(title, f"{get_column_letter(entity_column)}{r}", Text("budgets without an entity name"))
            continue
        if entity in seen:
            error(title, f"{get_column_letter(entity_column)}{r}",
                  Text("{entity} is given twice (rows {first} and {second})", entity=entity, first=seen[entity],
                       second=r))
            continue
        seen[entity] = r
        if entity not in entities:
            warn(title, f"{get_column_letter(entity_column)}{r}",
                 Text("no project names the entity '{entity}': its budgets bind nothing", entity=entity))
        for column in given:
            cell = f"{get_column_letter(column)}{r}"
            if (r, column) in unsaved and (column > len(row) or is_blank(row[column - 1])):
                error(title, cell, Text("{key}: formula without a saved value (open and save the workbook in Excel)",
                                        key=columns[column]))
                continue
            try:
                value = parse_non_negative(row[column - 1])
            except BadValue as exc:
                error(title, cell, Text("{key} of {entity}: {problem}", key=columns[column], entity=entity,
                                        problem=said(exc)))
                continue
            key = entity_budget_key(columns[column], entity)
            found.limits[key] = value
            found.cells[key] = f"{title}!{cell}"
    return found
