"""What was solved against what the workbook said: every Settings key in force, and every override.

    settings_used(case.settings)   # {"total_budget": 800.0, "min_strategic_share": 0.7, "objective": "npv", ...}
    overrides(case)                # [Override("min_strategic_share", 0.65, 0.7, "--set"), ...]

An override is a Settings key whose value differs from the workbook's (`--set`, or the app's sliders and relax
button), or a project's mandatory or excluded mark that differs from the Projects sheet's (the app's ticks).
The workbook's values are the case's `origin` (optimizer/model/case.py), kept from when it was read; a case
whose origin is not of the workbook it names lists none.

Each override says who changed it (`by`: "--set" or "app", cli.md) and how (`how`): "--set", or the app's
control, recorded by `with_edits` as each edit is made (`Case.edits`): a what-if "slider", a project's "tick"
(forced in or out), the diagnosis's "relax" button, the "targets form", the "rules tab", a "trade-off" point
loaded.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from optimizer.io.settings import OVERRIDE
from optimizer.model.case import Case, Settings

BY_SET, BY_APP = OVERRIDE, "app"
MARKS = ("mandatory", "excluded")
HOW_SLIDER, HOW_TICK, HOW_RELAX = "slider", "tick", "relax"
HOW_TARGETS, HOW_RULES, HOW_TRADEOFF = "targets form", "rules tab", "trade-off"
HOW = (BY_SET, HOW_SLIDER, HOW_TICK, HOW_RELAX, HOW_TARGETS, HOW_RULES, HOW_TRADEOFF)
"""How an override was made: `--set`, or the app's control that made it."""


@dataclass(frozen=True)
class Override:
    key: str
    """A Settings key, or "mandatory" / "excluded" for a project's mark."""
    workbook: object
    """The workbook's value (None: no limit, or the key was not there)."""
    used: object
    by: str
    """BY_SET ("--set") or BY_APP ("app")."""
    project: str | None = None
    """The project's id, for a mark."""
    how: str | None = None
    """One of HOW: "--set", or the app's control ("slider", "tick", ...); None where it was not recorded."""

    def to_json(self) -> dict:
        found = {"key": self.key, "workbook": _plain(self.workbook), "used": _plain(self.used), "by": self.by,
                 "how": self.how}
        return {**found, "project": self.project} if self.project is not None else found


def mark_key(mark: str, project: str) -> str:
    """The key of a project's mark in `Case.edits`: "mandatory:P001"."""
    return f"{mark}:{project}"


def with_edits(before: Case, after: Case, how: str) -> Case:
    """`after`, an edit of `before`, with what the edit changed (Settings values, project marks) recorded as made
    by `how` (one of HOW), beside what earlier edits recorded."""
    used, was = settings_used(after.settings), settings_used(before.settings)
    changed = [key for key in dict.fromkeys([*used, *was]) if not _same(used.get(key), was.get(key))]
    old = {p.id: p for p in before.projects}
    changed += [mark_key(mark, p.id) for p in after.projects if p.id in old
                for mark in MARKS if getattr(p, mark) != getattr(old[p.id], mark)]
    edits = {**before.edits, **after.edits, **dict.fromkeys(changed, how)}
    return after if edits == after.edits else replace(after, edits=edits)


def settings_used(settings: Settings) -> dict[str, object]:
    """Every Settings key in force and its value: the limits set, then the objective and the other fields, then the
    score weights given."""
    used: dict[str, object] = dict(settings.limits)
    used.update({"objective": str(settings.objective), "kpi_check": str(settings.kpi_check),
                 "allow_supervised": settings.allow_supervised, "currency_unit": settings.currency_unit,
                 "time_limit": settings.time_limit, "mip_gap": settings.mip_gap,
                 "risk_aversion": settings.risk_aversion})
    used.update(settings.weights)
    return used


def changed_settings(case: Case) -> list[str]:
    """The Settings keys whose value in force differs from the workbook's, in the order of settings_used."""
    if case.workbook_origin is None:
        return []
    used, read = settings_used(case.settings), settings_used(case.workbook_origin.settings)
    keys = list(dict.fromkeys([*used, *read]))
    return [key for key in keys if not _same(used.get(key), read.get(key))]


def overrides(case: Case) -> list[Override]:
    """Every Settings key and project mark that differs from the workbook's, and what changed it."""
    origin = case.workbook_origin
    if origin is None:
        return []
    used, read = settings_used(case.settings), settings_used(origin.settings)
    found = []
    for key in changed_settings(case):
        by = BY_SET if case.settings.cells.get(key) == OVERRIDE else BY_APP
        found.append(Override(key, read.get(key), used.get(key), by,
                              how=BY_SET if by == BY_SET else case.edits.get(key)))
    for mark in MARKS:
        marked = getattr(origin, mark)
        found += [Override(mark, p.id in marked, getattr(p, mark), BY_APP, p.id, case.edits.get(mark_key(mark, p.id)))
                  for p in case.projects if getattr(p, mark) != (p.id in marked)]
    return found


def _same(a: object, b: object) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool) \
            and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
    return a == b


def _plain(value: object) -> object:
    return str(value) if isinstance(value, str) else value
