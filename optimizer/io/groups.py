"""The Groups sheet (项目组, workbook.md "Screening and relations"): how many projects of each exclusive group are
chosen, a row per group.

    group | min_count | max_count            (组 | 最少 | 最多)

A group is the text of the Projects column `exclusive_group`. A blank min_count is 0 and a blank max_count no
maximum; a group without a row keeps "at most one" (0..1), so "exactly one of" is a row with 1 and 1. The header
is the first row (of the first 10) that names the group column. Problems go to `error` at their cell: a count that
is not a whole number of 0 or more, a min above the max or above the group's projects, a group given twice, counts
without a group; a group that no project names is a warning, as is a column the sheet does not know.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from openpyxl.utils import get_column_letter

from optimizer.io.values import BadValue, is_blank, name_key, parse_number, text_of
from optimizer.model.case import GroupCount, Project
from optimizer.words.text import Items, Text, said

Report = Callable[[str, str, Text], None]
GROUP_COLUMNS = {"group": ("group", "组", "项目组", "exclusive_group", "互斥组"),
                 "min_count": ("min_count", "最少", "最少项目数"), "max_count": ("max_count", "最多", "最多项目数")}
"""The columns of the Groups sheet, each with the names a workbook may use (English or Chinese)."""
_COLUMN_BY_NAME = {name_key(name): column for column, names in GROUP_COLUMNS.items() for name in names}
_HEADER_ROWS = 10


def read_groups(title: str, rows: list[tuple], unsaved: set[tuple[int, int]], projects: list[Project],
                error: Report, warn: Report) -> dict[str, GroupCount]:
    """The counts of the sheet `title` (its cell values by row; `unsaved` the (row, column) of formulas without a
    saved value), checked against the exclusive groups the `projects` name."""
    header = next((r for r, row in enumerate(rows[:_HEADER_ROWS], start=1)
                   if any(text_of(v) and _COLUMN_BY_NAME.get(name_key(v)) == "group" for v in row)), None)
    if header is None:
        if any(not is_blank(v) for row in rows for v in row):
            error(title, "", Text("no header row with a 'group' (组) column in the first 10 rows"))
        return {}
    columns: dict[str, int] = {}
    for column, value in enumerate(rows[header - 1], start=1):
        name = text_of(value)
        if name is None:
            continue
        known = _COLUMN_BY_NAME.get(name_key(name))
        at = f"{get_column_letter(column)}{header}"
        if known is None:
            warn(title, at, Text("column '{header}' is not one of group, min_count, max_count (组, 最少, 最多) and is "
                                 "ignored", header=name))
        elif known in columns:
            error(title, at, Text("column '{header}' appears twice ({first} and {second})", header=name,
                                  first=f"{get_column_letter(columns[known])}{header}", second=at))
        else:
            columns[known] = column
    members: dict[str, list[str]] = {}
    for p in projects:
        if p.exclusive_group:
            members.setdefault(p.exclusive_group, []).append(p.id)
    groups: dict[str, GroupCount] = {}
    seen: dict[str, str] = {}
    for r in range(header + 1, len(rows) + 1):
        row = rows[r - 1]

        def value(field: str, r: int = r, row: tuple = row) -> object:
            c = columns.get(field)
            return row[c - 1] if c is not None and c <= len(row) else None

        def at(field: str, r: int = r) -> str:
            return f"{get_column_letter(columns[field])}{r}"

        group = text_of(value("group"))
        given = [f for f in ("min_count", "max_count") if f in columns
                 and (not is_blank(value(f)) or (r, columns[f]) in unsaved)]
        if group is None:
            if given:
                error(title, at("group"), Text("counts without a group name"))
            continue
        if group in seen:
            error(title, at("group"), Text("group '{group}' is given twice ({first} and {second})", group=group,
                                           first=seen[group], second=at("group")))
            continue
        seen[group] = at("group")
        counts = {f: _count(title, at(f), f, value(f), (r, columns[f]) in unsaved, error) for f in given}
        if any(counts[f] is False for f in counts):
            continue
        low, high = counts.get("min_count") or 0, counts.get("max_count")
        problem = count_problem(group, low, high, members.get(group, []))
        if problem is not None:
            error(title, at(problem[0]), problem[1])
            continue
        if not members.get(group):
            if low > 0:
                error(title, at("min_count"), Text("group '{group}' takes at least {low}, but no project is in it (the "
                                                   "exclusive_group column)", group=group, low=low))
            else:
                warn(title, at("group"), Text("no project is in group '{group}' (the exclusive_group column); the "
                                              "row is ignored", group=group))
            continue
        groups[group] = GroupCount(low, high)
    return groups


def count_problem(group: str, low: int, high: int | None, members: Sequence[str]) -> tuple[str, Text] | None:
    """What is wrong with a group's counts (the sheet's, or the app's edit of them): the column at fault and why,
    or None. A min above the max, or above the group's projects (`members`, when it has any)."""
    if high is not None and low > high:
        return "max_count", Text("group '{group}': max_count {high} is below its min_count {low}", group=group,
                                 high=high, low=low)
    if members and low > len(members):
        return "min_count", Text("group '{group}' takes at least {low}, but it has only {size} projects: {members}",
                                 group=group, low=low, size=len(members), members=Items(tuple(members)))
    return None


def _count(title: str, cell: str, field: str, raw: object, unsaved: bool, error: Report) -> int | None | bool:
    """A count of projects: a whole number of 0 or more; None when blank, False after an error."""
    if unsaved and is_blank(raw):
        error(title, cell, Text("{key}: formula without a saved value (open and save the workbook in Excel)",
                                key=field))
        return False
    try:
        number = parse_number(raw)
    except BadValue as exc:
        error(title, cell, Text("{problem}: write a number of projects, such as 1", problem=said(exc)))
        return False
    if number is None:
        return None
    if number < 0 or number != int(number):
        error(title, cell, Text("{number} is not a number of projects (a whole number, 0 or more)",
                                number=f"{number:g}"))
        return False
    return int(number)


def check_group_marks(projects: list[Project], groups: dict[str, GroupCount], cell: Callable[[str, int], str],
                      sheet: str, error: Report) -> None:
    """More mandatory projects in a group than it takes is an error at the mandatory cell of the one too many."""
    mandatory: dict[str, list[Project]] = {}
    for p in projects:
        if p.mandatory and p.exclusive_group:
            mandatory.setdefault(p.exclusive_group, []).append(p)
    for group, marked in mandatory.items():
        most = groups.get(group, GroupCount()).max_count
        if most is None or len(marked) <= most:
            continue
        extra = marked[most]
        if most == 1:
            error(sheet, cell("mandatory", extra.row),
                  Text("{first} and {second} are both mandatory but in the same exclusive group '{group}'",
                       first=marked[0].id, second=extra.id, group=group))
        else:
            error(sheet, cell("mandatory", extra.row),
                  Text("{projects} are mandatory, but the exclusive group '{group}' takes at most {most}",
                       projects=Items(tuple(p.id for p in marked)), group=group, most=most))
