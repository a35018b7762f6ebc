"""The relations columns of the Projects sheet (workbook.md, "Screening and relations"): `requires` with its lags
(`P001+2`: start at least two years after P001 starts), `requires_any` (前置项目任一) and `together_with` (捆绑项目).

`parse_requires` reads a `requires` cell into its entries as written; once every id is known, `resolve_relations`
turns each `P001+2` into the id and its lag and checks the ids of the three columns (compared as values.id_key
compares them: p001 names P001; an entry with spaces is one id when a project has that id, "P 001"), and
`check_relations` checks them against the exclusive groups and the marks. Each problem goes to `error` at the cell
that holds it: a lag that is not a whole number of years, a lag beyond any start the project may have, an id that
is not a project, a project naming itself, two projects together in a group that takes fewer, a mandatory project
together with an excluded one. A cycle of together_with is a set decided as one, not an error; a cycle of requires
still is (the reader's `_check_links`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from optimizer.io.values import id_key, parse_ids, text_of
from optimizer.model.case import GroupCount, Project
from optimizer.model.relations import together_sets
from optimizer.words.text import Items, Text

Error = Callable[[str, str, Text], None]
Cell = Callable[[str, int], str]
"""The cell of a Projects column (a field of Project) in a row, like "F7"."""

_AROUND_PLUS = re.compile(r"\s*[+＋]\s*")
_LAGGED = re.compile(r"(.+)\+(.*)")
_YEARS = re.compile(r"(\d+)\s*(?:年|years?|yrs?|y)?", re.IGNORECASE)


def parse_requires(value: object) -> tuple[str, ...] | None:
    """The entries of a `requires` cell as written, ids with an optional lag: "P001+2, P002" -> ("P001+2", "P002").
    A space around the + is allowed ("P001 + 2")."""
    text = text_of(value)
    if text is None:
        return None
    return parse_ids(_AROUND_PLUS.sub("+", text))


def resolve_relations(projects: list[Project], cell: Cell, sheet: str, error: Error) -> list[Project]:
    """The projects with each `requires` entry split into its id and lag (Project.lags), and the ids of
    requires_any and together_with checked: an entry in error is dropped after it is reported. A `requires` entry
    that is not an id of its own nor an id with a lag is kept as written, for the reader's check of unknown ids."""
    by_id = {p.id: p for p in projects}
    ids = {id_key(p.id): p.id for p in projects}
    resolved = []
    for p in projects:
        requires: dict[str, int] = {}
        for entry in _entries(p.requires, ids):
            found = _LAGGED.fullmatch(entry)
            if id_key(entry) in ids or found is None or id_key(found.group(1)) not in ids:
                entry = ids.get(id_key(entry), entry)
                requires[entry] = max(requires.get(entry, 0), 0)
                continue
            other, written = ids[id_key(found.group(1))], found.group(2)
            years = _YEARS.fullmatch(written.strip())
            if years is None:
                error(sheet, cell("requires", p.row),
                      Text("{id} requires {other} with the lag '{lag}', which is not a whole number of years (write "
                           "{other}+2 to start at least two years after {other} starts)", id=p.id, other=other,
                           lag=written))
                continue
            lag = int(years.group(1))
            first = by_id[other].earliest_start + lag
            if lag and first > p.latest_start:
                error(sheet, cell("requires", p.row),
                      Text("{id} must start at least {lag} years after {other}, which starts in {earliest} at the "
                           "earliest: that is {first} or later, after {id}'s latest start {latest}", id=p.id, lag=lag,
                           other=other, earliest=by_id[other].earliest_start, first=first, latest=p.latest_start))
            requires[other] = max(requires.get(other, 0), lag)
        requires_any = _known(p, _entries(p.requires_any, ids), "requires_any", ids, cell, sheet, error)
        together = _known(p, _entries(p.together_with, ids), "together_with", ids, cell, sheet, error)
        resolved.append(replace(p, requires=tuple(requires), lags={r: lag for r, lag in requires.items() if lag},
                                requires_any=requires_any, together_with=together))
    return resolved


def _entries(written: tuple[str, ...], ids: dict[str, str]) -> list[str]:
    """The entries of a relations cell, each an id (with its lag in `requires`): an entry with spaces is one id
    when it names one ("P 001", "P 001+2"), else the ids separated by the spaces ("P001 P002")."""
    def names_one(entry: str) -> bool:
        lagged = _LAGGED.fullmatch(entry)
        return id_key(entry) in ids or (lagged is not None and id_key(lagged.group(1)) in ids
                                        and _YEARS.fullmatch(lagged.group(2).strip()) is not None)

    entries: list[str] = []
    for entry in written:
        words, at = entry.split(" "), 0
        while at < len(words):  # the longest run of words that names an id, else one word
            end = next((end for end in range(len(words), at + 1, -1) if names_one(" ".join(words[at:end]))), at + 1)
            entries.append(" ".join(words[at:end]))
            at = end
    return list(dict.fromkeys(entries))


def _known(p: Project, written: list[str], column: str, ids: dict[str, str], cell: Cell, sheet: str,
           error: Error) -> tuple[str, ...]:
    """The ids of a requires_any or together_with cell that name other projects (as their own id is written)."""
    kept = []
    for entry in written:
        other = ids.get(id_key(entry))
        if other == p.id:
            error(sheet, cell(column, p.row), Text("{id} names itself in {column}", id=p.id, column=column))
        elif other is None:
            error(sheet, cell(column, p.row), Text("{id} names '{other}' in {column}, which is not a project id",
                                                   id=p.id, other=entry, column=column))
        else:
            kept.append(other)
    return tuple(dict.fromkeys(kept))


def check_relations(projects: list[Project], groups: dict[str, GroupCount], cell: Cell, sheet: str,
                    error: Error) -> None:
    """The relations against the groups and the marks: the projects decided together may not hold more of one
    group than it takes (two of an exclusive group: together_with joined with an exclusive_group partner), and a
    mandatory project may not go together with an excluded one."""
    for members in together_sets(projects):
        chosen = [projects[i] for i in members]
        in_group: dict[str, list[Project]] = {}
        for p in chosen:
            if p.exclusive_group:
                in_group.setdefault(p.exclusive_group, []).append(p)
        for group, alike in in_group.items():
            most = groups.get(group, GroupCount()).max_count
            if most is None or len(alike) <= most:
                continue
            at = _holder(alike, chosen)
            error(sheet, cell("together_with", at.row),
                  Text("{projects} go together, but the exclusive group '{group}' takes at most {most} of them",
                       projects=Items(tuple(p.id for p in alike)), group=group, most=most))
        excluded = [p.id for p in chosen if p.excluded]
        for p in chosen:
            if p.mandatory and excluded:
                at = p if p.together_with else _holder([p], chosen)
                error(sheet, cell("together_with", at.row),
                      Text("{id} is mandatory but goes together with {others}, marked excluded", id=p.id,
                           others=Items(tuple(excluded))))


def _holder(alike: list[Project], members: list[Project]) -> Project:
    """The project whose together_with cell to point at: the first of `alike` that fills it in, else the first
    member that does."""
    return next((p for p in alike if p.together_with), None) or next(p for p in members if p.together_with)
