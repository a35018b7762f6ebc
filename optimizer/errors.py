"""Every failure the engine reports, under one base class, `PlannerError`.

Each error's message is for the user, in plain words: a Text (optimizer.words.text), so the app says it in
the user's language (`Words.text(said(error))`), and the headless command prints its English. A caller that
only needs to tell "the engine refused, in words" from a programming error catches `PlannerError`.

- `CaseError`: the workbook or an override is invalid; `problems` lists every `Problem`, each with its
  sheet and cell, all at once (exit status 2 of the command).
- `UnreadableWorkbook`: the file is not an .xlsx that can be read safely (damaged, encrypted, a bomb...).
- `SolverFailure`: HiGHS failed, hung past its time limit, or returned an answer that breaks the model (not:
  found the targets in conflict, which is a status of the answer).
- `AnalysisError`: an analysis cannot be run as asked (an unknown project, a key that cannot be varied);
  `AnalysisCancelled`: the user stopped it.
- `ExportError`: a result could not be written; `ScenarioError`: saved scenarios could not be read.
"""

from __future__ import annotations

from dataclasses import dataclass

from optimizer.words.text import Text


class PlannerError(Exception):
    """A failure the engine explains to the user; the message is a plain sentence (a Text where it was made
    as one)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, where it is and what is wrong, in plain words."""

    sheet: str
    """The sheet name as written in the workbook, "--set" for an override, "" for the file."""
    cell: str
    """Like "C5", or "" when no single cell applies (the message then names the id or column)."""
    message: str
    """In English; a Text, so optimizer.words can say it in Chinese."""

    def __str__(self) -> str:
        return str(self.said())

    def said(self) -> Text:
        """The problem as a user reads it, "Projects!C5: message", as a Text."""
        if not self.sheet:
            return Text("{message}", message=self.message)
        if not self.cell:
            return Text("{sheet}: {message}", sheet=self.sheet, message=self.message)
        return Text("{sheet}!{cell}: {message}", sheet=self.sheet, cell=self.cell, message=self.message)


class CaseError(PlannerError):
    """The workbook (or an override) is invalid; `problems` lists everything found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # keep the problems when pickled (e.g. across processes)
        return CaseError, (self.problems,)


class UnreadableWorkbook(PlannerError):
    """The file is not an .xlsx workbook that can be read safely; the message says why."""


class SolverFailure(PlannerError):
    """HiGHS failed (not: found the case infeasible)."""


class AnalysisError(PlannerError):
    """The analysis cannot be run as asked (unknown project, a key that cannot be varied...)."""


class AnalysisCancelled(PlannerError):
    """The user stopped the analysis (or a newer request replaced it): nothing to report."""


class ExportError(PlannerError):
    """The result workbook could not be written."""


class ScenarioError(PlannerError):
    """Saved scenarios could not be read."""
