"""A case's origin and its edits kept beside a copy of the case (the app's autosave), so that a case restored
from that copy exports as the case did before: the workbook copied from its bytes as read, the Settings and
marks compared with the workbook's, every override listed with how it was made (issue 16).

    info = origin_info(case)                      # JSON-ready: the workbook's settings, cells, marks, SHA-256...
    case = with_origin(restored, info, data)      # the origin back on the case re-read from the copy

The file's bytes travel apart (`Origin.data`, written as they are); `with_origin` takes them back only when their
SHA-256 is the one recorded, so a damaged or swapped copy gives a case without an origin, never a wrong one.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from optimizer.io.settings import OVERRIDE, settings_fields
from optimizer.model.case import Case, Origin, Settings
from optimizer.model.targets import KpiCheck, Objective


def origin_info(case: Case) -> dict | None:
    """What `with_origin` needs besides the file's bytes, as JSON-ready values; None for a case whose origin is not
    the workbook it names (nothing to keep)."""
    origin = case.workbook_origin
    if origin is None:
        return None
    return {"path": origin.path, "sha256": origin.sha256, "settings": settings_fields(origin.settings),
            "mandatory": sorted(origin.mandatory), "excluded": sorted(origin.excluded),
            "projects_title": origin.projects_title, "header_row": origin.header_row,
            "mark_columns": dict(origin.mark_columns),
            "rows": {p.id: p.row for p in case.projects if p.row},
            "set_by_option": sorted(key for key, cell in case.settings.cells.items() if cell == OVERRIDE),
            "edits": dict(case.edits)}


def with_origin(case: Case, info: dict | None, data: bytes) -> Case:
    """`case` (re-read from the copy) with the origin and edits `info` recorded, its projects at their rows in the
    workbook; `case` as it is when `info` is missing, or `data` is not the file it names (its SHA-256 differs)."""
    if not info or hashlib.sha256(data).hexdigest() != info.get("sha256"):
        return case
    try:
        fields = dict(info["settings"])
        fields["objective"] = Objective(fields["objective"])
        fields["kpi_check"] = KpiCheck(fields["kpi_check"])
        origin = Origin(settings=Settings(**fields), mandatory=frozenset(info["mandatory"]),
                        excluded=frozenset(info["excluded"]), projects_title=str(info["projects_title"]),
                        header_row=int(info["header_row"]),
                        mark_columns={str(k): int(v) for k, v in info["mark_columns"].items()},
                        sha256=str(info["sha256"]), data=data, path=str(info["path"]))
        rows = {str(k): int(v) for k, v in info.get("rows", {}).items()}
        edits = {str(k): str(v) for k, v in info.get("edits", {}).items()}
        set_by_option = [str(key) for key in info.get("set_by_option", [])]
    except (KeyError, TypeError, ValueError):  # another version wrote it, or damaged: no origin, never a wrong one
        return case
    projects = tuple(replace(p, row=rows[p.id]) if p.id in rows else p for p in case.projects)
    cells = {**case.settings.cells, **dict.fromkeys(set_by_option, OVERRIDE)}
    return replace(case, projects=projects, settings=replace(case.settings, cells=cells), source=origin.path,
                   origin=origin, edits=edits)
