"""A "before" is shown only where it means something (issue 16, item 4): the steady state's profit growth is the
plan's profit over the baseline's, so "before investing" it is 0 by definition and none is given (JSON null, a
blank cell); year by year the outlook without new projects has a growth of its own, which is given.

Worked by hand: HAND_ENTERPRISE's total profit is 50; the outlook grows it to 55 in 2027 and 60.5 in 2028 and
2029; the one plant (profit 8, built in 2027, earning from 2028) is chosen."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from optimizer.io.export import export_result
from optimizer.io.workbook import read_case
from optimizer.planner import Planner
from tests.builders import HAND_ENTERPRISE, HAND_PROJECT, make_workbook

OUTLOOK = {"total_profit": {2027: 55.0, 2028: 60.5, 2029: 60.5}}


@pytest.fixture(scope="module")
def solved(tmp_path_factory):
    folder = tmp_path_factory.mktemp("before")
    path = make_workbook(folder / "growth.xlsx", [HAND_PROJECT], {"total_budget": 100}, HAND_ENTERPRISE,
                         outlook=OUTLOOK)
    result = Planner().solve(read_case(path))
    assert [x.id for x in result.selected] == ["P1"]
    return result, folder


def test_steady_profit_growth_has_no_before_and_total_profit_has_one(solved):
    result, _ = solved
    kpis = result.to_json()["kpis"]
    assert kpis["profit_growth"]["before"] is None
    assert kpis["profit_growth"]["after"] == pytest.approx((50 + 8) / 50 - 1)
    assert kpis["total_profit"]["before"] == pytest.approx(50)
    assert kpis["roe"]["before"] == pytest.approx(40 / 400)  # the other group figures keep theirs


def test_yearly_profit_growth_before_is_the_outlooks_own(solved):
    result, _ = solved
    by_year = result.to_json()["kpis_by_year"]
    growth = {int(year): row["profit_growth"] for year, row in by_year.items()}
    assert {y: g["before"] for y, g in growth.items()} == {2027: pytest.approx(0.10), 2028: pytest.approx(0.10),
                                                          2029: pytest.approx(0.0, abs=1e-12)}
    assert {y: g["after"] for y, g in growth.items()} == {2027: pytest.approx(0.10),
                                                         2028: pytest.approx(68.5 / 55 - 1),
                                                         2029: pytest.approx(0.0, abs=1e-12)}


def test_the_exported_kpis_leave_the_meaningless_before_blank(solved):
    result, folder = solved
    out = folder / "result.xlsx"
    export_result(result, out)
    table = list(load_workbook(out)["KPIs"].iter_rows(values_only=True))
    rows = {row[-1]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    assert rows["profit_growth"]["Before"] is None
    assert rows["profit_growth"]["After"] == pytest.approx(0.16)
    assert rows["total_profit"]["Before"] == pytest.approx(50)
