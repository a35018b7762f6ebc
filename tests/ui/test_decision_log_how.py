"""Where each override came from (issue 16, item 1): the decision log and the JSON keep `by` ("--set" | "app",
cli.md) and add `how`: the app's control that made the edit (a what-if slider, a project's tick, the relax
button, the targets form, the rules tab, a trade-off point), recorded by the planning document as each edit is
made. And a case restored from the autosave keeps its origin and its edits (item 1's leftover): its export copies
the workbook as read and lists the same overrides as before the restart, even after the file on disk changed.

The case, by hand: three projects and a total budget of 15 in the workbook; the slider moves the budget to 12,
C is ticked mandatory and the relax button sets a strategic share floor of 0 (the workbook has none): the
overrides are written out below from these edits, not from the code."""

from __future__ import annotations

from dataclasses import replace

import pytest
from openpyxl import load_workbook

from optimizer.io.export import export_result
from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from optimizer.report.overrides import overrides
from tests.builders import make_workbook
from ui.window.autosave import Autosave
from ui.window.document import Change, PlanningDocument

SMALL = [
    {"id": "A", "name": "Wind farm", "capex_2027": 6, "capex_2028": 4, "npv": 5},
    {"id": "B", "name": "Grid link", "capex_2027": 5, "capex_2028": 1, "npv": 4},
    {"id": "C", "name": "Smelter", "capex_2027": 8, "npv": 3},
]
EXPECTED = [  # (key, project, workbook, used, by, how)
    ("total_budget", None, 15, 12, "app", "slider"),
    ("min_strategic_share", None, None, 0.0, "app", "relax"),
    ("mandatory", "C", False, True, "app", "tick"),
]


@pytest.fixture
def edited(qtbot, tmp_path):
    """The case as the document holds it after the three edits."""
    path = make_workbook(tmp_path / "small.xlsx", SMALL, {"total_budget": 15})
    document = PlanningDocument(debounce_ms=20)
    try:
        document.open(read_case(path))
        document.move_sliders(document.case.with_limits(total_budget=12).settings)
        ticked = replace(document.case, projects=tuple(replace(p, mandatory=True) if p.id == "C" else p
                                                       for p in document.case.projects))
        document.edit(ticked, Change.PROJECTS_EDITED)
        document.relax({"min_strategic_share": 0.0})
        yield document.case, path
    finally:
        document.stop()


def said(case) -> list[tuple]:
    return sorted(((o.key, o.project, o.workbook, o.used, o.by, o.how) for o in overrides(case)), key=str)


def log_rows(path, sheet: str = "Decision log") -> list[tuple]:
    rows = list(load_workbook(path)[sheet].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] in ("Override", "调整项"))
    return rows[header:]


def test_each_override_says_the_control_that_made_it(edited, tmp_path):
    case, _ = edited
    assert said(case) == sorted(EXPECTED, key=str)
    result = Planner().solve(case)
    assert sorted((o["key"], o.get("project"), o["workbook"], o["used"], o["by"], o["how"])
                  for o in result.to_json()["overrides"]) == sorted(EXPECTED, key=str)
    out = tmp_path / "r.xlsx"
    export_result(result, out)
    rows = log_rows(out)
    assert rows[0] == ("Override", "Project", "Workbook value", "Value used", "By", "How")
    assert ("total_budget", None, 15, 12, "app", "slider") in rows
    assert ("mandatory", "C", "no", "yes", "app", "tick") in rows
    chinese = tmp_path / "结果.xlsx"
    export_result(result, chinese, language="zh_CN")
    rows = log_rows(chinese, "决策记录")
    assert rows[0][5] == "具体操作"
    assert ("min_strategic_share", None, None, 0, "软件界面", "一键放宽冲突目标") in rows
    assert ("mandatory", "C", "否", "是", "软件界面", "勾选项目（强制选入或排除）") in rows


def test_a_restored_case_exports_as_before_the_restart(qtbot, edited, tmp_path):
    case, path = edited
    before = tmp_path / "before.xlsx"
    export_result(Planner().solve(case), before)
    folder = tmp_path / "autosave"
    first = Autosave(folder)
    first.save(case)
    first.close()
    # The workbook changes on disk after it was read: an export must not copy it again.
    make_workbook(path, [dict(p, npv=1) for p in SMALL] + [{"id": "D", "name": "New", "capex_2027": 1, "npv": 9}],
                  {"total_budget": 99})
    restored = Autosave(folder).restore()
    assert restored.origin is not None and restored.source == str(path)
    assert said(restored) == sorted(EXPECTED, key=str)
    after = tmp_path / "after.xlsx"
    export_result(Planner().solve(restored), after)
    old, new = load_workbook(before), load_workbook(after)
    for sheet in ("Projects", "Settings"):
        assert list(new[sheet].iter_rows(values_only=True)) == list(old[sheet].iter_rows(values_only=True)), sheet
    assert log_rows(after) == log_rows(before)
    facts = {row[0]: row[1] for row in new["Decision log"].iter_rows(values_only=True)}
    assert facts["SHA-256 of the case file"] == case.origin.sha256
    assert {row[0] for row in new["Projects"].iter_rows(min_row=2, values_only=True)} == {"A", "B", "C"}


def test_a_damaged_origin_gives_a_case_without_one(qtbot, edited, tmp_path):
    case, _ = edited
    folder = tmp_path / "autosave"
    saved = Autosave(folder)
    saved.save(case)
    saved.close()
    (folder / "origin").write_bytes(b"not the workbook")
    restored = Autosave(folder).restore()
    assert restored.workbook_origin is None and overrides(restored) == []
    assert restored.settings.limits["total_budget"] == 12  # the edits themselves are kept, as before
