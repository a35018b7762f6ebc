"""The relations between projects (workbook.md, "Screening and relations"), as facts of a case and as rows of the
model.

Each relation is a named family of constraints that keeps its name from the workbook to the result:

- `requires`: an option of a project starting in year y may be taken only if each project it requires is taken
  with a start in y - lag or earlier (`P001+2`: a lag of 2 years; a plain `P001` is lag 0). Built in
  model/portfolio.py, which has always held it.
- `requires_any`: an option starting in y may be taken only if at least one of the listed projects is taken with
  a start in y or earlier.
- `together_with`: the projects joined by it, directly or through one another, are a set decided as one: each is
  chosen exactly when the others are, each at its own start year and share (a cycle is such a set, not an error).
- `exclusive_group`: at most `max_count` projects of a group are chosen (1 for a group without a Groups row);
  `group_min_count`: at least `min_count` are (a Groups row with 1 and 1 is "exactly one of").
"""

from __future__ import annotations

from collections.abc import Sequence

import cvxpy as cp
import numpy as np
import scipy.sparse as sp

from optimizer.model.case import Case, Project

REQUIRES = "requires"
REQUIRES_ANY = "requires_any"
TOGETHER_WITH = "together_with"
EXCLUSIVE_GROUP = "exclusive_group"
GROUP_MIN_COUNT = "group_min_count"
RELATIONS = (REQUIRES, REQUIRES_ANY, TOGETHER_WITH, EXCLUSIVE_GROUP, GROUP_MIN_COUNT)
"""The families of constraints between projects, by their business names."""


# --- facts of a case ------------------------------------------------------------------------------------------
def lag(project: Project, required_id: str) -> int:
    """The years that must pass from the start of `required_id` to this project's start (0 for a plain entry)."""
    return project.lags.get(required_id, 0)


def requires_text(project: Project) -> str:
    """The `requires` cell as a workbook writes it: "P001+2, P002"."""
    return ", ".join(f"{r}+{project.lags[r]}" if project.lags.get(r) else r for r in project.requires)


def together_sets(projects: Sequence[Project]) -> list[tuple[int, ...]]:
    """The sets of projects decided as one (joined by together_with, directly or not), as project indices in
    their order; only sets of two or more. Ids that are not projects are left out (the reader reports them)."""
    index = {p.id: i for i, p in enumerate(projects)}
    parent = list(range(len(projects)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, p in enumerate(projects):
        for other in p.together_with:
            if other in index:
                parent[root(index[other])] = root(i)
    sets: dict[int, list[int]] = {}
    for i in range(len(projects)):
        sets.setdefault(root(i), []).append(i)
    return [tuple(members) for members in sets.values() if len(members) > 1]


def partners(projects: Sequence[Project]) -> dict[str, tuple[str, ...]]:
    """For each project decided together with others, those others (a project alone is not listed)."""
    found: dict[str, tuple[str, ...]] = {}
    for members in together_sets(projects):
        ids = [projects[i].id for i in members]
        found.update({pid: tuple(i for i in ids if i != pid) for pid in ids})
    return found


def group_members(projects: Sequence[Project]) -> dict[str, list[int]]:
    """Each exclusive group's projects (indices), the groups sorted by name."""
    members: dict[str, list[int]] = {}
    for i, p in enumerate(projects):
        if p.exclusive_group:
            members.setdefault(p.exclusive_group, []).append(i)
    return dict(sorted(members.items()))


def earliest_starts(case: Case) -> dict[str, int | None]:
    """The earliest year each project can start with the relations that order starts (requires with its lags,
    requires_any) followed back through the projects they name: None when no start up to its latest_start can
    follow them. Projects forced out are not considered (only the start windows and the relations)."""
    by_id = {p.id: p for p in case.projects}
    earliest: dict[str, int | None] = {p.id: p.earliest_start for p in case.projects}
    changed = True
    while changed:  # starts only move later, and each stops at its latest_start: this ends
        changed = False
        for p in case.projects:
            if earliest[p.id] is None:
                continue
            start = earliest[p.id]
            for r in p.requires:
                before = earliest.get(r) if r in by_id else None
                start = None if before is None or start is None else max(start, before + lag(p, r))
            if p.requires_any and start is not None:
                options = [earliest[a] for a in p.requires_any if a in by_id and earliest[a] is not None]
                start = max(start, min(options)) if options else None
            if start is not None and start > p.latest_start:
                start = None
            if start != earliest[p.id]:
                earliest[p.id], changed = start, True
    return earliest


# --- rows of the model ----------------------------------------------------------------------------------------
def relation_constraints(model) -> dict[str, cp.Constraint]:
    """The rows of requires_any, together_with and the group counts of a PortfolioModel, by family name. Sets on
    the model what they are made of (`requires_any_rows`, `together_sets`, `groups`, `group_limits`), which the
    answer's check (solve/verify.py) and the report read."""
    case, n = model.case, len(model.options)
    projects = case.projects
    chosen = model.per_project @ model.choose
    constraints: dict[str, cp.Constraint] = {}
    model.requires_any_rows = _requires_any_rows(model)
    if model.requires_any_rows:
        rows, cols, vals = [], [], []
        for r, (o, allowed, _, _) in enumerate(model.requires_any_rows):
            rows.append(r), cols.append(o), vals.append(1.0)
            for o2 in allowed:
                rows.append(r), cols.append(o2), vals.append(-1.0)
        matrix = sp.csr_matrix((vals, (rows, cols)), shape=(len(model.requires_any_rows), n))
        constraints[REQUIRES_ANY] = matrix @ model.choose <= 0
    model.together_sets = together_sets(projects)
    pairs = [(members[0], other) for members in model.together_sets for other in members[1:]]
    if pairs:
        rows = [r for r in range(len(pairs)) for _ in (0, 1)]
        cols = [i for pair in pairs for i in pair]
        vals = [1.0, -1.0] * len(pairs)
        matrix = sp.csr_matrix((vals, (rows, cols)), shape=(len(pairs), len(projects)))
        constraints[TOGETHER_WITH] = matrix @ chosen == 0
    members = group_members(projects)
    model.groups = list(members)
    model.group_limits = {g: case.group_count(g) for g in members}
    capped = [g for g in members if model.group_limits[g].max_count is not None]
    if capped:
        constraints[EXCLUSIVE_GROUP] = _membership(capped, members, len(projects)) @ chosen <= np.array(
            [float(model.group_limits[g].max_count) for g in capped])
    floored = [g for g in members if model.group_limits[g].min_count > 0]
    if floored:
        constraints[GROUP_MIN_COUNT] = _membership(floored, members, len(projects)) @ chosen >= np.array(
            [float(model.group_limits[g].min_count) for g in floored])
    return constraints


def _membership(groups: list[str], members: dict[str, list[int]], count: int) -> sp.csr_matrix:
    rows = [r for r, g in enumerate(groups) for _ in members[g]]
    cols = [i for g in groups for i in members[g]]
    return sp.csr_matrix((np.ones(len(cols)), (rows, cols)), shape=(len(groups), count))


def _requires_any_rows(model) -> list[tuple[int, list[int], str, tuple[str, ...]]]:
    """For each option o of a project with requires_any: (o, the options of the listed projects that start no
    later, the project's id, the listed ids)."""
    projects = model.case.projects
    index = {p.id: i for i, p in enumerate(projects)}
    options_of: dict[int, list[int]] = {}
    for o, opt in enumerate(model.options):
        options_of.setdefault(opt.project, []).append(o)
    rows = []
    for o, opt in enumerate(model.options):
        project = projects[opt.project]
        if not project.requires_any:
            continue
        allowed = [o2 for other in project.requires_any if other in index for o2 in options_of.get(index[other], [])
                   if model.options[o2].start_year <= opt.start_year]
        rows.append((o, allowed, project.id, project.requires_any))
    return rows


def broken_relations(model, taken: np.ndarray) -> list[str]:
    """The relations that the taken options (0/1, one per option) break, in plain words: requires_any,
    together_with and the group counts (requires is checked with the other rules, solve/verify.py)."""
    projects = model.case.projects
    broken = []
    for o, allowed, project_id, listed in getattr(model, "requires_any_rows", []):
        if taken[o] and not any(taken[a] for a in allowed):
            broken.append(f"{project_id} is chosen without any of {', '.join(listed)} started no later")
    chosen = model.per_project @ taken
    for members in getattr(model, "together_sets", []):
        if len({round(float(chosen[i])) for i in members}) > 1:
            broken.append("together_with: " + ", ".join(projects[i].id for i in members) + " are not decided as one")
    members = group_members(projects)
    for group, limit in getattr(model, "group_limits", {}).items():
        count = float(sum(chosen[i] for i in members.get(group, [])))
        if limit.max_count is not None and count > limit.max_count + 0.5:
            broken.append(f"exclusive group {group} has {count:.0f} projects chosen, at most {limit.max_count}")
        if count < limit.min_count - 0.5:
            broken.append(f"group {group} has {count:.0f} projects chosen, at least {limit.min_count}")
    return broken
