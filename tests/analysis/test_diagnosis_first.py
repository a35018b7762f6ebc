"""The diagnosis in two answers (optimizer/analysis/diagnosis.py): every best reachable level reported, first and
refined, checked by a direct solve from scratch of the case with that target set to that level and the other targets
as the item says (all kept, or only those it conflicts with); a refined level, moreover, cannot be passed: slightly
beyond it the same solve finds no portfolio."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import replace

import pytest

from optimizer import cli
from optimizer.analysis.diagnosis import first_diagnosis
from optimizer.errors import AnalysisCancelled
from optimizer.generator import generate_case
from optimizer.io.case_writer import write_case
from optimizer.io.settings import apply_overrides
from optimizer.io.workbook import read_case
from optimizer.model.case import Case
from optimizer.model.portfolio import PortfolioModel
from optimizer.model.targets import KpiCheck, Sense, setting
from optimizer.paths import DEMO_CASE
from optimizer.planner import Planner
from optimizer.report.result import DiagnosisItem
from optimizer.solve.solver import solve

REACHED = 1e-7
"""How much a reported level is loosened before the direct solve that must reach it (relative, at least absolute)."""
BEYOND = 1e-5
"""How far past a refined level (relative, at least absolute) the direct solve must find no portfolio."""


def demo_conflict() -> Case:
    """The demo with an R&D intensity no portfolio reaches (as `--set min_rd_intensity=0.06` asks)."""
    return apply_overrides(read_case(DEMO_CASE), {"min_rd_intensity": "0.06"})


def generated_conflict(n: int, seed: int) -> Case:
    """A generated case with its ROE target 3% higher than the generator set it (a slider moved into a conflict)."""
    case = generate_case(n, seed)
    return case.with_limits(min_roe=case.settings.limits["min_roe"] * 1.03)


CASES = {"demo": demo_conflict, "150 projects, seed 2": lambda: generated_conflict(150, 2),
         "150 projects, seed 3": lambda: generated_conflict(150, 3)}


@pytest.fixture(scope="module", params=list(CASES))
def answers(request):
    """The case, the first answer and the refined one."""
    case = CASES[request.param]()
    first = first_diagnosis(case)
    return case, first.items, first.refined()


def with_level(case: Case, item: DiagnosisItem, level: float) -> Case:
    """The case with the item's target at `level`, the other targets as the item says (every other one kept, or
    only those it conflicts with) and nothing else: each target row binding where its key says."""
    others = case.limits_in_force
    kept = ({k: v for k, v in others.items() if k != item.constraint} if item.all_kept
            else {k: others[k] for k in item.conflicts_with})
    limits = {**kept, item.constraint: level}
    return replace(case, settings=replace(case.settings, limits=limits, kpi_check=KpiCheck.STEADY))


def solvable(case: Case) -> bool:
    """Whether a fresh solve (a model built for this case, nothing reused) finds a portfolio that keeps every rule
    and limit."""
    return solve(PortfolioModel.feasibility(case), time_limit=120).has_portfolio


def moved(item: DiagnosisItem, by: float) -> float:
    """The item's level moved by `by` (relative, at least absolute) in the direction that makes its target easier
    (by > 0) or harder (by < 0)."""
    easier = -1.0 if setting(item.constraint).sense == Sense.MIN else 1.0
    return item.best_reachable + easier * by * max(1.0, abs(item.best_reachable))


def test_the_first_answer_names_a_conflict_and_each_level_is_reached(answers):
    case, first, _ = answers
    assert first and not any(item.refined for item in first)
    assert not solvable(case)
    for item in first:
        assert item.best_reachable is not None, item
        assert solvable(with_level(case, item, moved(item, REACHED))), item
    # the conflict is irreducible: each of its targets set aside, the others can be met together
    for item in first:
        conflict = [item.constraint, *item.conflicts_with]
        assert not solvable(only(case, conflict))
        for key in conflict:
            assert solvable(only(case, [k for k in conflict if k != key])), (key, conflict)


def only(case: Case, keys: list[str]) -> Case:
    limits = {k: case.limits_in_force[k] for k in keys}
    return replace(case, settings=replace(case.settings, limits=limits, kpi_check=KpiCheck.STEADY))


def test_each_refined_level_is_reached_and_cannot_be_passed(answers):
    case, first, refined = answers
    assert refined and all(item.refined for item in refined)
    assert [(i.constraint, i.conflicts_with, i.all_kept) for i in refined] == \
        [(i.constraint, i.conflicts_with, i.all_kept) for i in first]
    for item, before in zip(refined, first, strict=True):
        assert solvable(with_level(case, item, moved(item, REACHED))), item
        assert not solvable(with_level(case, item, moved(item, -BEYOND))), item
        # the refinement starts from the first level: never worse
        better = 1.0 if setting(item.constraint).sense == Sense.MIN else -1.0
        assert better * (item.best_reachable - before.best_reachable) >= -1e-9 * max(1.0, abs(item.best_reachable))


def test_the_refinement_stops_when_cancelled():
    cancel = threading.Event()
    first = first_diagnosis(generated_conflict(150, 2))
    cancel.set()
    with pytest.raises(AnalysisCancelled):
        first.refined(cancel)


def test_the_refinement_gives_the_same_levels_in_this_process_and_on_two_workers():
    first = first_diagnosis(generated_conflict(150, 3))
    assert len(first.reaches) > 1  # so that the targets are shared among the workers
    serial = replace(first, workers=1).refined()
    parallel = replace(first, workers=2).refined()
    assert [(i.constraint, i.best_reachable, i.conflicts_with, i.all_kept) for i in parallel] == \
        [(i.constraint, i.best_reachable, i.conflicts_with, i.all_kept) for i in serial]


def refinements_running() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("diagnosis refinement")]


def test_a_refinement_on_workers_stops_soon_when_cancelled():
    first = first_diagnosis(generated_conflict(300, 2), workers=2)
    assert len(first.reaches) > 1 and refinements_running()  # started while the first answer was being found
    cancel = threading.Event()
    timer = threading.Timer(1.0, cancel.set)
    started = time.perf_counter()
    timer.start()
    with pytest.raises(AnalysisCancelled):
        first.refined(cancel)  # about half a minute when not cancelled
    assert time.perf_counter() - started < 8
    for thread in refinements_running():  # their solves stopped with them
        thread.join(5)
    assert not refinements_running()


def test_a_diagnosis_cancelled_during_its_first_answer_leaves_no_refinement_running():
    cancel = threading.Event()
    timer = threading.Timer(1.5, cancel.set)
    timer.start()
    with pytest.raises(AnalysisCancelled):
        first_diagnosis(generated_conflict(300, 2), workers=2, cancel=cancel).refined(cancel)
    for thread in refinements_running():
        thread.join(5)
    assert not refinements_running()


def test_the_planner_tells_the_first_answer_before_it_returns_the_refined_one():
    heard: list[list[DiagnosisItem]] = []
    refined = Planner().diagnose(demo_conflict(), first=heard.append)
    assert len(heard) == 1 and not any(item.refined for item in heard[0])
    assert all(item.refined for item in refined)
    quick = Planner().diagnose(demo_conflict(), quick=True)
    assert [i.best_reachable for i in quick] == [i.best_reachable for i in heard[0]]


@pytest.mark.parametrize("quick", [False, True])
def test_the_command_prints_the_first_answer_then_the_refined_one_unless_quick(tmp_path, capsys, quick):
    case = tmp_path / "conflict.xlsx"
    write_case(generated_conflict(150, 2), case)
    out = tmp_path / "result.json"
    code = cli.main(["solve", str(case), "--json", str(out)] + (["--quick-diagnosis"] if quick else []))
    assert code == 3
    printed = capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["status"] == "infeasible" and data["diagnosis"]
    assert all(item["refined"] is not quick for item in data["diagnosis"])
    first_printed = "A first answer" in printed
    assert first_printed is not quick
    if not quick:  # the first answer comes before the status line and the refined answer
        assert printed.index("A first answer") < printed.index("Status: infeasible")
    # whichever it is, each level the JSON reports is reached by a direct solve
    solved = read_case(case)
    for entry in data["diagnosis"]:
        item = DiagnosisItem(entry["constraint"], entry["target"], entry["best_reachable"], entry["conflicts_with"],
                             entry["message"], all_kept="all the other limits kept" in entry["message"])
        assert solvable(with_level(solved, item, moved(item, REACHED))), entry


def test_the_first_answers_questions_on_one_compiled_model_are_those_of_a_model_of_their_own():
    """Whether some limits can be met together, asked of the one compiled model with the other limits' rows set
    free, is what a model of those limits alone answers; and a reach solve's portfolio keeps the limits it was asked
    to keep, by a fresh check of its figures."""
    from optimizer.analysis.diagnosis import _only, _Questions, is_feasible

    case = generated_conflict(150, 2)
    questions = _Questions(case, 60.0, None)
    assert questions.rows is not None  # the compiled rows are told apart: the questions do not fall back
    limits = case.limits_in_force
    keys = sorted(limits)
    subsets = [set(keys), set(keys) - {"min_roe"}, {"min_roe", "total_budget"}, set(keys[::2]), set(keys[1::2]),
               {"min_roe"} | set(keys[::3])]
    answers = [questions.can_meet(subset).has_portfolio for subset in subsets]
    assert answers == [is_feasible(_only(case, {k: limits[k] for k in subset}), 60.0) for subset in subsets]
    assert False in answers and True in answers
    kept = set(keys) - {"min_roe"}
    shares = questions.nearest("min_roe", kept, 1)
    model = PortfolioModel.feasibility(_only(case, {k: limits[k] for k in kept}))
    for key in kept:
        rows = model.limits.get(key)
        if rows is not None:
            m = rows.measure
            sign = 1.0 if rows.sense == Sense.MIN else -1.0
            assert (sign * (m.numerator(shares) - limits[key] * m.denominator(shares)) >= -1e-6 * rows.scale).all(), key
