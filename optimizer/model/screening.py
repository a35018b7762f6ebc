"""Screening: projects the group may not invest in, whatever they would add, and those it may invest in only
under special supervision.

A project is *prohibited* when it matches a prohibited rule of the negative list (the NegativeList sheet,
optimizer/model/negative_list.py), or when it is commercial (flagged neither `security` nor `livelihood`) and its
IRR is below the group's hurdle rate. It is *supervised* (flagged for special supervision) when it matches a
supervised rule, or when its capex is more than half the group's equity; a supervised project is prohibited too
when the Settings do not allow supervised projects (`allow_supervised` no). The model forces a prohibited project
out, the reader refuses it as mandatory, the report gives the reason for leaving it out and lists the supervised
projects chosen, explain will not force it in, and the app shows each project's status; all of them ask here.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from enum import StrEnum

from optimizer.model.case import Case, Project
from optimizer.model.negative_list import NegativeRule, RuleClass
from optimizer.model.targets import ALLOW_SUPERVISED, LimitKey
from optimizer.words.text import Text

EQUITY_SHARE_SUPERVISED = 0.5
"""A project whose capex is more than this share of the group's equity is flagged for special supervision."""


class Status(StrEnum):
    """A project's screening status, as the project table shows and filters it."""

    PROHIBITED = "prohibited"
    SUPERVISED = "supervised"
    OK = "ok"


@dataclass(frozen=True)
class Screened:
    """A project's screening: its status and why (None for ok)."""

    status: Status
    reason: Text | None = None
    rule: NegativeRule | None = None
    """The negative-list rule that decided it, if one did (not for the IRR and equity rules)."""


def below_hurdle(project: Project, hurdle_rate: float) -> Text | None:
    """Why the IRR rule prohibits the project (a commercial project below the hurdle rate), or None."""
    if project.security or project.livelihood or project.irr is None or project.irr >= hurdle_rate:
        return None
    return Text("negative list: IRR {irr:.2%} is below the hurdle rate {hurdle_rate:.2%} for a commercial project",
                irr=project.irr, hurdle_rate=hurdle_rate)


def screen(project: Project, case: Case) -> Screened:
    """The project's screening: prohibited (by the first prohibited rule it matches, then the IRR rule, then as a
    supervised project the case does not allow), supervised, or ok.

    Worked out once per case (the model, the warm start, the report and explain all ask, for every project, at
    every what-if move): a case is immutable, so its projects' screening is kept while the case lives."""
    known = _screened_of(case)
    found = known.get(project.id)
    if found is not None and found[0] is project:
        return found[1]
    return _screen(project, case)


def _screened_of(case: Case) -> dict[str, tuple[Project, Screened]]:
    entry = _MEMO.get(id(case))
    if entry is not None and entry[0]() is case:
        return entry[1]
    if len(_MEMO) >= _MEMO_SIZE:  # the oldest cases go; a live one is only worked out again
        for key in list(_MEMO)[: len(_MEMO) // 2]:
            _MEMO.pop(key, None)
    screened = {p.id: (p, _screen(p, case)) for p in case.projects}
    _MEMO[id(case)] = (weakref.ref(case), screened)
    return screened


_MEMO: dict[int, tuple[weakref.ref, dict[str, tuple[Project, Screened]]]] = {}
_MEMO_SIZE = 64


def _screen(project: Project, case: Case) -> Screened:
    for rule in case.negative_list:
        if rule.rule_class is RuleClass.PROHIBITED and rule.applies_to(project):
            return Screened(Status.PROHIBITED, Text("negative list, prohibited: {reason}", reason=rule.reason), rule)
    irr = below_hurdle(project, case.hurdle_rate)
    if irr is not None:
        return Screened(Status.PROHIBITED, irr)
    supervised = _supervision(project, case)
    if supervised is None:
        return Screened(Status.OK)
    reason, rule = supervised
    if not case.settings.allow_supervised:
        return Screened(Status.PROHIBITED, Text("{reason}; supervised projects are not allowed ({key} is no)",
                                                reason=reason, key=LimitKey(ALLOW_SUPERVISED)), rule)
    return Screened(Status.SUPERVISED, reason, rule)


def _supervision(project: Project, case: Case) -> tuple[Text, NegativeRule | None] | None:
    for rule in case.negative_list:
        if rule.rule_class is RuleClass.SUPERVISED and rule.applies_to(project):
            return Text("negative list, supervised: {reason}", reason=rule.reason), rule
    equity = case.enterprise.equity if case.enterprise else None
    if equity is not None and equity > 0 and project.total_capex > EQUITY_SHARE_SUPERVISED * equity:
        return Text("special supervision: capex {capex:,.2f} is more than half the group's equity {equity:,.2f}",
                    capex=project.total_capex, equity=equity), None
    return None


def prohibition(project: Project, case: Case) -> Text | None:
    """Why screening prohibits the project, or None when it may be chosen."""
    screened = screen(project, case)
    return screened.reason if screened.status is Status.PROHIBITED else None


def is_prohibited(project: Project, case: Case) -> bool:
    return prohibition(project, case) is not None


def supervision(project: Project, case: Case) -> Text | None:
    """Why the project is flagged for special supervision (it may be chosen), or None."""
    screened = screen(project, case)
    return screened.reason if screened.status is Status.SUPERVISED else None
