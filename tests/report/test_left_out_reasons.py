"""The reason a project is left out names the limit that really keeps it out (issue 16, item 4), with its figures
and enough digits to show the breach (item 7), in both languages; checked against enumeration (tests/reference.py).

Four projects, a loose budget (100 for 30.1 of capex) and an average risk grade of at most 3:
A (10, risk 2, NPV 10), B (10, risk 4, NPV 8), C (10, risk 5, NPV 6), D (0.1, risk 4, NPV 1). The best portfolio
is A and B, at an average grade of exactly 3. C taken as well would make it (20 + 40 + 50) / 30 = 3.67; D only
(20 + 40 + 0.4) / 20.1 = 3.005, which two decimals would show as "3.00, at most 3.00"."""

from __future__ import annotations

import pytest

from optimizer.io.workbook import read_case
from optimizer.model.targets import Kind
from optimizer.planner import Planner
from optimizer.words.language import Words
from optimizer.words.units import against_limit
from tests.builders import make_workbook
from tests.reference import broken_rules, enumerate_optimum, figure

PROJECTS = [
    {"id": "A", "name": "Alpha", "capex_2027": 10, "npv": 10, "risk": 2},
    {"id": "B", "name": "Beta", "capex_2027": 10, "npv": 8, "risk": 4},
    {"id": "C", "name": "Gamma", "capex_2027": 10, "npv": 6, "risk": 5},
    {"id": "D", "name": "Delta", "capex_2027": 0.1, "npv": 1, "risk": 4},
]
SETTINGS = {"total_budget": 100, "max_avg_risk": 3, "mip_gap": 0}
CHINESE = Words("zh_CN")


@pytest.fixture(scope="module")
def reasons(tmp_path_factory):
    path = make_workbook(tmp_path_factory.mktemp("reasons") / "risk.xlsx", PROJECTS, SETTINGS)
    result = Planner().solve(read_case(path))
    return result, {x.id: x for x in result.excluded}


def test_the_reference_says_the_risk_grade_alone_keeps_c_and_d_out(reasons):
    result, _ = reasons
    best, portfolio = enumerate_optimum(PROJECTS, SETTINGS)
    assert (best, set(portfolio)) == (18, {"A", "B"})
    assert {x.id for x in result.selected} == {"A", "B"}
    for pid, grade in (("C", 110 / 30), ("D", 60.4 / 20.1)):
        taken = {**portfolio, pid: (1.0, 2027)}
        broken = broken_rules(PROJECTS, taken, None, SETTINGS)
        assert len(broken) == 1 and broken[0].startswith("max_avg_risk")  # not the budget
        assert figure(PROJECTS, taken, None, SETTINGS, "avg_risk") == pytest.approx(grade)


def test_the_reason_names_the_risk_grade_not_the_budget(reasons):
    _, left_out = reasons
    c = left_out["C"]
    assert c.code == "outcompeted"
    assert str(c.reason) == ("held out by a limit: taking it as well would break max_avg_risk (Average risk grade "
                             "3.67, at most 3.00)")
    assert "budget" not in str(c.reason)
    assert CHINESE.text(c.reason) == "因限额约束落选：若再选入将突破 平均风险等级上限（将为 3.67，上限 3.00）"


def test_a_breach_that_two_decimals_hide_is_shown_with_more(reasons):
    _, left_out = reasons
    assert str(left_out["D"].reason).endswith("max_avg_risk (Average risk grade 3.005, at most 3.000)")
    assert CHINESE.text(left_out["D"].reason).endswith("（将为 3.005，上限 3.000）")


@pytest.mark.parametrize(("value", "limit", "kind", "said"), [
    (0.62804, 0.628, Kind.RATE, ("62.804%", "62.800%")),      # the debt ratio
    (0.6312, 0.628, Kind.RATE, ("63.12%", "62.80%")),         # two decimals already apart
    (412.3, 400, Kind.MONEY, ("412.30 CNY 100m", "400.00 CNY 100m")),
    (0.6280003, 0.628, Kind.RATE, ("62.80003%", "62.80000%")),
    (0.628 + 1e-9, 0.628, Kind.RATE, ("62.80%", "62.80%")),  # on the limit, within a rounding error
])
def test_a_figure_and_its_limit_read_apart(value, limit, kind, said):
    assert tuple(map(str, against_limit(value, limit, kind, "CNY 100m"))) == said
