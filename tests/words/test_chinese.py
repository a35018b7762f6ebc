"""The engine's messages in the Chinese app and exports: every workbook problem the hostile corpus
produces, the notes of explain and the reason a project does not fit are said in Chinese, with no
English sentence left (only the values they carry: file, sheet and part names, cells, keys, the
user's own text, a library's error detail; and the names of things such as Excel or XML). The
English (the CLI and its JSON, cli.md) is unchanged."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from optimizer.analysis.explain import explain_project
from optimizer.cli import solve_case
from optimizer.errors import CaseError, Problem
from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.model.screening import is_prohibited
from optimizer.words.chinese import TEXT_CHINESE
from optimizer.words.language import Words
from optimizer.words.text import Text
from tests.builders import make_workbook
from tests.conftest import ROOT
from tests.corpus.make_corpus import CORPUS, make_corpus
from tests.untranslated import english_left

CHINESE = Words("zh_CN")
DEMO = ROOT / "resources" / "demo_case.xlsx"
ENGINE_FILES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "optimizer").rglob("*.py")
                      if path.parent.name != "words")  # the words layer says messages, it makes none


def _templates() -> list[tuple[str, int, str | None, set[str] | None]]:
    """(file, line, template, the names of its values) of every Text made in the engine files; the template is
    None when it is not a plain string, the names None when some are passed as **values."""
    found = []
    for name in ENGINE_FILES:
        for node in ast.walk(ast.parse((ROOT / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Text":
                first = node.args[0] if node.args else None
                names = None if any(k.arg is None for k in node.keywords) else {k.arg for k in node.keywords}
                found.append((name, node.lineno, first.value if isinstance(first, ast.Constant) else None, names))
    return found


def test_every_message_the_engine_makes_has_a_chinese_template_with_the_same_values():
    templates = _templates()
    assert len(templates) > 100
    for name, line, template, given in templates:
        assert template is not None, f"{name}:{line} builds its template at run time; write it out"
        assert template in TEXT_CHINESE, f"{name}:{line} has no Chinese: {template!r}"
        english = {field for _, field, _, _ in string.Formatter().parse(template) if field}
        chinese = {field for _, field, _, _ in string.Formatter().parse(TEXT_CHINESE[template]) if field}
        if given is not None:  # both say only values the message is made with (the Chinese may name more of them)
            assert english <= given and chinese <= given, f"{name}:{line}: {template!r}"
        # a `detail` is a library's or the system's own words (English), a `key` the English name of a Settings
        # key beside its name: the Chinese may leave them out; any other value the English says, the Chinese too
        assert english - {"detail", "key"} <= chinese, f"{name}:{line}: {template!r}"
    assert set(TEXT_CHINESE) == {t for _, _, t, _ in templates}  # no Chinese for a message no longer made


@pytest.fixture(scope="module")
def corpus_problems(tmp_path_factory) -> list[tuple[str, Problem]]:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder)
    found = []
    for entry, _ in CORPUS:
        with pytest.raises(CaseError) as raised:
            read_case(folder / entry.name)
        found += [(entry.name, problem) for problem in raised.value.problems]
    return found


def test_every_problem_of_the_hostile_corpus_is_said_in_chinese(corpus_problems):
    assert len({name for name, _ in corpus_problems}) == len(CORPUS)
    for name, problem in corpus_problems:
        chinese = CHINESE.problem(problem)
        assert isinstance(problem.message, Text), f"{name}: {problem}"
        assert chinese != str(problem), f"{name}: {problem}"
        assert re.search(r"[\u4e00-\u9fff]", chinese), f"{name}: {chinese}"
        assert english_left(chinese, problem.said()) == [], f"{name}: {chinese}"
        # it names the same place as the English does
        if problem.sheet:
            assert chinese.startswith(problem.sheet + ("!" + problem.cell if problem.cell else "")), chinese


def test_the_english_and_its_words_are_unchanged(corpus_problems):
    english = Words("en")
    for _, problem in corpus_problems:
        assert english.problem(problem) == str(problem)
        assert type(str(problem)) is str


def test_warnings_and_values_are_said_in_chinese(tmp_path):
    projects = [{"id": "A", "name": "Alpha", "capex_2027": 60, "npv": 30, "irr": 12},
                {"id": "B", "name": "Beta", "capex_2027": 50, "npv": 20}]
    case = read_case(make_workbook(tmp_path / "case.xlsx", projects, {"total_budget": 100, "budget_2031": 5}))
    assert len(case.warnings) == 2  # irr 12 read as 1200%, a budget outside the plan years
    for warning in case.warnings:
        chinese = CHINESE.text(warning)
        assert re.search(r"[\u4e00-\u9fff]", chinese) and english_left(chinese, warning) == [], chinese
    with pytest.raises(CaseError) as raised:
        apply_overrides(case, {"min_roe": "0.1", "nonsense": "1", "total_budget": "lots"})
    for problem in raised.value.problems:
        chinese = CHINESE.problem(problem)
        assert chinese.startswith("--set：") and english_left(chinese, problem.said()) == [], chinese


@pytest.fixture(scope="module")
def demo():
    if not DEMO.exists():
        pytest.skip("resources/demo_case.xlsx is missing")
    return read_case(DEMO)


@pytest.mark.parametrize("kind", ["mandatory", "excluded", "negative_list", "eva"])
def test_the_notes_of_explain_on_the_demo_are_said_in_chinese(demo, kind):
    case = apply_overrides(demo, {"objective": "eva"}) if kind == "eva" else demo
    pick = {"mandatory": lambda p: p.mandatory, "excluded": lambda p: p.excluded, "eva": lambda p: p.mandatory,
            "negative_list": lambda p: is_prohibited(p, case)}[kind]
    project = next(p for p in case.projects if pick(p))
    explanation = explain_project(case, project.id, time_limit=60)
    assert isinstance(explanation.why, Text) and explanation.why, explanation
    chinese = CHINESE.text(explanation.why)
    assert re.search(r"[\u4e00-\u9fff]", chinese) and english_left(chinese, explanation.why) == [], chinese
    assert explanation.to_json()["why"] == str(explanation.why)  # the CLI's JSON keeps the English


def _small_case(tmp_path: Path, settings: dict, b_mandatory: bool = False) -> Path:
    projects = [{"id": "A", "name": "Alpha", "capex_2027": 60, "npv": 30, "strategic_category": "new_energy"},
                {"id": "B", "name": "Beta", "capex_2027": 50, "npv": 20, "mandatory": b_mandatory},
                {"id": "C", "name": "Gamma", "capex_2027": 140, "npv": 90}]
    return make_workbook(tmp_path / "small.xlsx", projects, settings)


def test_a_project_that_cannot_be_forced_in_has_its_conflict_said_in_chinese(tmp_path):
    # C alone (140) is over the budget (100): forcing it in has no portfolio; the diagnosis says why.
    case = read_case(_small_case(tmp_path, {"total_budget": 100}))
    explanation = explain_project(case, "C", time_limit=30)
    assert explanation.forced_status == "infeasible" and "total_budget" in explanation.blocking
    chinese = CHINESE.text(explanation.why)
    assert chinese.startswith("纳入该项目后，没有同时满足全部规则和目标的投资组合。"), chinese
    assert "总预算" in chinese and english_left(chinese, explanation.why) == [], chinese


def test_a_case_without_a_portfolio_is_said_in_chinese(tmp_path):
    # B (50, not strategic) is mandatory, so a strategic share of 90% needs A (60) as well: over the budget of 100.
    case = read_case(_small_case(tmp_path, {"total_budget": 100, "min_strategic_share": 0.9}, b_mandatory=True))
    explanation = explain_project(case, "A", time_limit=30)
    assert explanation.objective_value is None
    chinese = CHINESE.text(explanation.why)
    assert chinese == "按当前案例没有投资组合：没有同时满足全部规则和目标的投资组合", chinese


def test_a_project_too_large_for_the_budget_is_said_in_chinese(tmp_path):
    result = solve_case(read_case(_small_case(tmp_path, {"total_budget": 100})))
    too_large = next(x for x in result.excluded if x.id == "C")
    assert too_large.code == "does_not_fit"
    assert too_large.reason == "does not fit: even alone it needs 140.00 of total_budget, whose limit is 100.00"
    chinese = CHINESE.text(too_large.reason)
    assert chinese == "单独入选也放不下：需占用总预算 140.00 亿元，而其限额为 100.00 亿元", chinese  # no raw key
