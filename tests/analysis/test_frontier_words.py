"""A frontier asked for something it cannot do (a key that is not a Settings key or cannot be varied, a
level the key cannot take, a target the case lacks the figures for) is refused in words the app says in
Chinese too (optimizer.words.language), while the headless command keeps its English (cli.md) and exit statuses."""

from __future__ import annotations

import re

import pytest

from optimizer import cli
from optimizer.analysis.frontier import levels_between, sweep
from optimizer.errors import AnalysisError, CaseError
from optimizer.io.workbook import read_case
from optimizer.words.language import Words
from optimizer.words.text import said
from tests.builders import make_workbook
from tests.untranslated import english_left

CHINESE = Words("zh_CN")
PROJECTS = [{"id": "A", "name": "Alpha", "capex_2027": 6.0, "npv": 10.0},
            {"id": "B", "name": "Beta", "capex_2027": 5.0, "npv": 8.0}]


@pytest.fixture
def case_path(tmp_path):
    return make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 10.0})  # no Enterprise sheet


REFUSED = [  # (key, levels): what the Chinese must say
    ("max_fun", [1.0], "“max_fun”不是约束与目标（Settings）工作表中的参数"),
    ("budget_2040", [5.0], "budget_2040 的年度不在计划年度 2027–2027 之内"),
    ("weight_return", [0.5], "weight_return 是综合评分目标的权重；本案例的优化目标是净现值"),
    ("time_limit", [5.0], "time_limit 不是权衡分析可以变动的限额或目标"),
]


@pytest.mark.parametrize("key, levels, chinese", REFUSED)
def test_a_key_that_cannot_be_varied_is_said_in_chinese(case_path, key, levels, chinese):
    with pytest.raises(AnalysisError) as raised:
        sweep(read_case(case_path), key, levels)
    message = said(raised.value)
    assert CHINESE.text(message) == chinese
    assert english_left(CHINESE.text(message), message) == []


def test_a_level_or_a_target_the_case_cannot_take_is_said_in_chinese(case_path):
    case = read_case(case_path)
    with pytest.raises(CaseError) as raised:
        sweep(case, "min_strategic_share", [0.5, 1.5])
    [problem] = raised.value.problems
    assert str(problem) == "--vary: min_strategic_share=1.5: 1.5 is not a share between 0 and 1 (write 0.015 or 1.5%)"
    assert CHINESE.problem(problem) == ("--vary：min_strategic_share=1.5：1.5 不是介于 0 到 1 之间的比例"
                                        "（请填写 0.015 或 1.5%）")
    with pytest.raises(CaseError) as raised:
        sweep(case, "min_roe", [0.05])
    chinese = CHINESE.problem(raised.value.problems[0])
    assert re.search(r"[\u4e00-\u9fff]", chinese) and english_left(chinese, raised.value.problems[0].said()) == []
    with pytest.raises(AnalysisError) as raised:
        levels_between(1, 2, 0)
    assert CHINESE.text(said(raised.value)) == "权衡分析至少需要 1 个水平"


def test_the_command_keeps_its_english_and_exit_statuses(case_path, tmp_path, capsys):
    # cli.md: a level the key cannot take is 2 (like --set), a key that cannot be varied 1; a range from
    # high to low is swept as asked, from the first level to the last.
    assert cli.main(["frontier", str(case_path), "--vary", "min_strategic_share", "--from", "0.2",
                     "--to", "150%"]) == 2
    out = capsys.readouterr().out
    assert "--to: min_strategic_share=150%: 1.5 is not a share between 0 and 1 (write 0.015 or 1.5%)" in out
    assert cli.main(["frontier", str(case_path), "--vary", "time_limit", "--from", "1", "--to", "2"]) == 1
    assert capsys.readouterr().err == "error: time_limit is not a limit or target that a frontier can vary\n"
    assert cli.main(["frontier", str(case_path), "--vary", "weight_return", "--from", "0", "--to", "1"]) == 1
    assert capsys.readouterr().err == "error: weight_return weighs the score objective; this case optimises NPV\n"
    assert cli.main(["frontier", str(case_path), "--vary", "total_budget", "--from", "11", "--to", "5",
                     "--steps", "3"]) == 0
    out = capsys.readouterr().out
    assert "Lowering the total budget from 11.00 CNY 100m to 8.00 CNY 100m" in out


def test_the_registry_range_is_what_the_reader_takes():
    # The Trade-offs range boxes take the registry's `allowed` values: each bound is taken, a step beyond refused.
    from optimizer.io.values import parse_setting_value
    from optimizer.model.targets import LIMIT_KEYS, WEIGHT_KEYS, setting

    def setting_range(key):
        return setting(key).allowed.low, setting(key).allowed.high

    keys = [*LIMIT_KEYS, *WEIGHT_KEYS, "budget_2027", "time_limit", "mip_gap", "risk_aversion"]
    for key in keys:
        lowest, highest = setting_range(key)
        open_low = key in ("time_limit", "min_profit_growth")  # must stay above their lowest
        for bound, step, is_open in ((lowest, -1e-6, open_low), (highest, 1e-6, False)):
            if abs(bound) == float("inf"):
                continue
            if is_open:
                with pytest.raises(ValueError):
                    parse_setting_value(key, bound)
                parse_setting_value(key, bound + 1e-6)
            else:
                parse_setting_value(key, bound)
            with pytest.raises(ValueError):
                parse_setting_value(key, bound + step)
    assert setting_range("min_strategic_share") == (0.0, 1.0) and setting_range("min_roe") == (-1.0, 1.0)
    assert setting_range("total_budget") == (0.0, float("inf"))
