"""The planning document: everything the window shows, held in one place that the panels follow.

The shape is MNELAB's model and views (src/mnelab/model.py): the document holds the state and says
when it changes; the panels show it and send the user's edits back to it; nobody pushes state into a
panel by hand. It holds the case being edited (an immutable `Case`: every edit makes a new one), the
current answer (a `Result`, None before the first solve of a case), the pinned baseline, the stability
test (the case it ran on and its `Stability`) and the saved scenarios of the case's workbook, and it
emits one signal per change. `caseChanged(case, change)` says where the new case came from (a `Change`),
so that a panel can leave out its own edits: the targets form does not reload what it just sent, the
what-if sliders take every new case as their base except the one their own move made.

The document owns the engine's two sessions, each a compiled model solving one case at a time: the
what-if one, re-solved through its `Planner` in the background whenever the case changes
(`WhatIfSolver`), and one for the analyses (trade-offs, the risk frontier, the stability test, why
(not)), which change the model's Parameters between their solves and so cannot share the what-if one.
The analyses run on one thread of their own (`analysis_tasks`), one after the other, so they queue
instead of competing with each other.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

from optimizer.analysis.stability import Stability
from optimizer.io.scenarios import Scenario
from optimizer.model.case import Case, Settings
from optimizer.planner import Planner
from optimizer.report.overrides import (
    HOW_RELAX,
    HOW_RULES,
    HOW_SLIDER,
    HOW_TARGETS,
    HOW_TICK,
    HOW_TRADEOFF,
    with_edits,
)
from optimizer.report.result import Result
from optimizer.solve.session import Session
from ui.window.tasks import Tasks, one_thread_pool
from ui.window.whatif_solver import WhatIfSolver


class Change(enum.Enum):
    """Where a new case came from."""

    OPENED = "opened"  # read from a workbook
    RESTORED = "restored"  # the case autosaved before a crash
    TAKEN_OVER = "taken over"  # from the window this one replaces (a language switch)
    TARGETS_EDITED = "targets edited"  # in the Baseline and targets form
    PROJECTS_EDITED = "projects edited"  # a project ticked mandatory or excluded
    RULES_EDITED = "rules edited"  # the negative list, a group's counts or an entity's budget, in the Rules tab
    WHAT_IF = "what-if"  # a what-if slider moved
    RELAXED = "relaxed"  # the conflicting targets loosened as the diagnosis proposes
    TRADEOFF_LOADED = "trade-off loaded"  # a point of the Trade-offs chart

    @property
    def new_case(self) -> bool:
        """Another case, not an edit of the one shown: its answer, baseline and tests do not carry over."""
        return self in (Change.OPENED, Change.RESTORED, Change.TAKEN_OVER)


HOW = {Change.TARGETS_EDITED: HOW_TARGETS, Change.PROJECTS_EDITED: HOW_TICK, Change.RULES_EDITED: HOW_RULES,
       Change.WHAT_IF: HOW_SLIDER, Change.RELAXED: HOW_RELAX, Change.TRADEOFF_LOADED: HOW_TRADEOFF}
"""How each edit is said in the decision log (optimizer/report/overrides.py): the control that made it."""


class StabilityTest(NamedTuple):
    case: Case
    """The case the draws were made on: the test speaks for an answer of that case only."""
    stability: Stability


class PlanningDocument(QObject):
    caseChanged = Signal(object, object)  # the Case, the Change it came from
    resultChanged = Signal(object)  # the current answer (a Result), or None
    baselineChanged = Signal(object)  # the pinned Result, or None
    stabilityChanged = Signal(object)  # the Stability of the current answer's case, or None
    scenariosChanged = Signal(list)  # the saved Scenarios

    def __init__(self, parent: QObject | None = None, debounce_ms: int = 250) -> None:
        super().__init__(parent)
        self.case: Case | None = None
        self.result: Result | None = None
        self.baseline: Result | None = None
        self.stability_test: StabilityTest | None = None
        self.scenarios: list[Scenario] = []
        self.solver = WhatIfSolver(self, debounce_ms, planner=Planner(Session()))
        self.analysis_session = Session()
        self._analysis_pool = one_thread_pool(self)
        self._analyses: list[Tasks] = []
        self.solver.resultReady.connect(self._set_result)
        self.solver.diagnosisReady.connect(self._set_result)

    # --- the case ---------------------------------------------------------------------------------
    def open(self, case: Case, change: Change = Change.OPENED, scenarios: Sequence[Scenario] = ()) -> None:
        """Hold another case (read from a workbook, or restored): the old one's answer, baseline and stability
        test go, the scenarios are the new one's, and it is solved at once."""
        self.case = case
        self.caseChanged.emit(case, change)
        self._set_result(None)
        self._set_baseline(None)
        self._set_stability_test(None)
        self.set_scenarios(scenarios)
        self.solve(immediate=True)

    def edit(self, case: Case, change: Change) -> None:
        """Hold the case as edited (by a panel, as `change` says) and solve it once the edits pause; what the edit
        changed is recorded as made by its control, for the decision log."""
        if self.case is not None and change in HOW:
            case = with_edits(self.case, case, HOW[change])
        self.case = case
        self.caseChanged.emit(case, change)
        self.solve()

    def move_sliders(self, settings: Settings) -> None:
        """The what-if sliders' limits, weights and risk aversion on the case as it is: its projects (their
        mandatory and excluded ticks) and its baseline figures stay as edited."""
        if self.case is not None:
            self.edit(replace(self.case, settings=settings), Change.WHAT_IF)

    def relax(self, limits: dict[str, float]) -> None:
        """Loosen the conflicting targets to the levels the diagnosis found reachable."""
        if self.case is not None:
            self.edit(self.case.with_limits(**limits), Change.RELAXED)

    def solve(self, immediate: bool = False) -> None:
        """Ask for an answer to the case as it is now (at once, or when the edits pause)."""
        if self.case is not None:
            self.solver.request(self.case, immediate=immediate)

    # --- the answer, the baseline, the stability test -----------------------------------------------
    def pin_baseline(self) -> bool:
        """Compare with the current portfolio from now on; False when there is no portfolio to pin."""
        if self.result is None or not self.result.solution.has_portfolio:
            return False
        self._set_baseline(self.result)
        return True

    def set_stability_test(self, case: Case, stability: Stability) -> None:
        self._set_stability_test(StabilityTest(case, stability))

    def current_stability(self) -> Stability | None:
        """The stability test of the case the current answer answers, or None if it was not tested."""
        test = self.stability_test
        if test is None or self.result is None:
            return None
        return test.stability if test.case is self.result.case or test.case == self.result.case else None

    def _set_result(self, result: Result | None) -> None:
        if result is self.result:
            return
        stability = self.current_stability()
        self.result = result
        self.resultChanged.emit(result)
        self._stability_may_have_changed(stability)

    def _set_baseline(self, baseline: Result | None) -> None:
        if baseline is not self.baseline:
            self.baseline = baseline
            self.baselineChanged.emit(baseline)

    def _set_stability_test(self, test: StabilityTest | None) -> None:
        stability = self.current_stability()
        self.stability_test = test
        self._stability_may_have_changed(stability, always=test is not None)

    def _stability_may_have_changed(self, before: Stability | None, always: bool = False) -> None:
        now = self.current_stability()
        if always or now is not before:
            self.stabilityChanged.emit(now)

    # --- scenarios -----------------------------------------------------------------------------------
    def set_scenarios(self, scenarios: Sequence[Scenario]) -> None:
        """The saved scenarios as they are now (loaded with the case, or added and deleted by the user)."""
        scenarios = list(scenarios)
        same = len(scenarios) == len(self.scenarios) and all(
            a is b for a, b in zip(scenarios, self.scenarios, strict=True))
        if not same:
            self.scenarios = scenarios
            self.scenariosChanged.emit(list(scenarios))

    # --- the analyses and the end ----------------------------------------------------------------------
    def analysis_tasks(self, parent: QObject) -> Tasks:
        """Background tasks for one panel's analyses, run on the analysis session's one thread."""
        tasks = Tasks(parent, pool=self._analysis_pool)
        self._analyses.append(tasks)
        return tasks

    def take_over(self, other: PlanningDocument) -> None:
        """Hold what another document holds (the window this one replaces): its case as edited, its answer,
        baseline, stability test and scenarios. The case is solved again, in case its answer was still coming."""
        if other.case is None:
            return
        self.case = other.case
        self.caseChanged.emit(self.case, Change.TAKEN_OVER)
        self._set_result(other.result)
        self._set_baseline(other.baseline)
        self._set_stability_test(other.stability_test)
        self.set_scenarios(other.scenarios)
        self.solve(immediate=True)

    def stop(self, msecs: int = 10000) -> None:
        """Cancel the solve and every analysis and wait for their threads (the window is closing)."""
        self.solver.cancel()
        for tasks in self._analyses:
            tasks.cancel()
        self.solver.wait(msecs)
        self._analysis_pool.waitForDone(msecs)
