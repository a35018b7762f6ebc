"""The frontier workbook gives labour productivity levels in 万元 per person (issue 16, item 4), as the window and
the sentences do, not 0.0500 亿元/人. By hand: HAND_ENTERPRISE makes 100 亿元 of labour output with 1,000 people,
0.1 亿元 = 1,000 万元 a person, which no project changes (none adds value or people); the levels 0.05 and 0.1 亿元
are 500 and 1,000 万元."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from optimizer.analysis.frontier import sweep
from optimizer.io.export_analytics import write_frontier_workbook
from optimizer.io.workbook import read_case
from tests.builders import HAND_ENTERPRISE, HAND_PROJECT, make_workbook


def test_productivity_levels_are_in_10k_cny_per_person(tmp_path):
    case = read_case(make_workbook(tmp_path / "case.xlsx", [HAND_PROJECT], {"total_budget": 100}, HAND_ENTERPRISE))
    frontier = sweep(case, "min_labour_productivity", [0.05, 0.1], workers=1)
    out = tmp_path / "frontier.xlsx"
    write_frontier_workbook(frontier, out)
    ws = load_workbook(out).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0].endswith("(min_labour_productivity, CNY 10k per person)")
    reached = rows[0].index("Reached")
    assert [(row[0], row[reached]) for row in rows[1:]] == [(pytest.approx(500), pytest.approx(1000)),
                                                            (pytest.approx(1000), pytest.approx(1000))]
    assert ws["A2"].number_format == "#,##0.00"
