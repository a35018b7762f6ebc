"""When the project rules contradict each other without any target: which ones.

Each rule is valid on its own (the reader refuses the contradictions it can see in one place), yet together no
portfolio keeps them: a mandatory project goes together with one that needs a project that cannot start in time,
a group must take two of projects that exclude one another, ... Without the limits only the rules that force
projects in (mandatory marks, a group's min_count) can make a case infeasible, so the rules looked at are those
that reach such a project through the relations. A deletion filter over feasibility solves keeps a smallest set
that still contradicts itself: drop each rule in turn and keep it dropped while the rest still has no portfolio.
The screening (prohibited projects) and each project's start window are facts, not rules to drop; the prohibited
projects in the way are named with the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from optimizer.model.case import Case, GroupCount, Project
from optimizer.model.relations import (
    EXCLUSIVE_GROUP,
    GROUP_MIN_COUNT,
    REQUIRES,
    REQUIRES_ANY,
    TOGETHER_WITH,
    lag,
)
from optimizer.model.screening import prohibition
from optimizer.words.text import CLAUSES, Items, Text

MANDATORY, EXCLUDED = "mandatory", "excluded"


@dataclass(frozen=True)
class Rule:
    """One rule of the case that may be set aside: its family, in words, and the case without it."""

    family: str
    said: Text
    projects: tuple[str, ...]
    drop: Callable[[Case], Case]


def conflicting_rules(case: Case, feasible: Callable[[Case], bool]) -> list[Rule]:
    """A smallest set of the project rules that no portfolio keeps (`feasible` says whether a case has a
    portfolio; the case given has none). Empty when setting rules aside does not help."""
    candidates = _reachable_rules(case)

    def without(dropped: list[Rule]) -> Case:
        changed = case
        for rule in dropped:
            changed = rule.drop(changed)
        return changed

    if not feasible(without(candidates)):
        return []
    conflict = list(candidates)
    for rule in candidates:
        trial = [r for r in conflict if r is not rule]
        if not feasible(without([r for r in candidates if r not in trial])):
            conflict = trial
    return conflict


def described(case: Case, rules: list[Rule]) -> Text:
    """The rules in words, with the prohibited projects among them: "P1 is mandatory; P1 goes together with P2;
    P2 is prohibited: negative list, ..."."""
    named = list(dict.fromkeys(pid for rule in rules for pid in rule.projects))
    by_id = {p.id: p for p in case.projects}
    facts = []
    for pid in named:
        reason = prohibition(by_id[pid], case) if pid in by_id else None
        if reason:
            facts.append(Text("{id} is prohibited: {reason}", id=pid, reason=reason))
    return Items(tuple(rule.said for rule in rules) + tuple(facts), CLAUSES)


# --- the rules of a case --------------------------------------------------------------------------------------
def _reachable_rules(case: Case) -> list[Rule]:
    """The rules about projects linked, through the relations and the groups, to one that a rule forces in."""
    rules = _rules(case)
    links: dict[str, set[str]] = {p.id: set() for p in case.projects}
    for rule in rules:
        for a in rule.projects:
            links.setdefault(a, set()).update(rule.projects)
    seeds = [pid for rule in rules if rule.family in (MANDATORY, GROUP_MIN_COUNT) for pid in rule.projects]
    reached, frontier = set(seeds), list(seeds)
    while frontier:
        for other in links.get(frontier.pop(), ()):
            if other not in reached:
                reached.add(other)
                frontier.append(other)
    return [rule for rule in rules if reached.intersection(rule.projects)]


def _rules(case: Case) -> list[Rule]:
    rules: list[Rule] = []
    for p in case.projects:
        pid = p.id
        if p.mandatory:
            rules.append(Rule(MANDATORY, Text("{id} is mandatory", id=pid), (pid,),
                              _changing(pid, lambda q: replace(q, mandatory=False))))
        if p.excluded:
            rules.append(Rule(EXCLUDED, Text("{id} is marked excluded", id=pid), (pid,),
                              _changing(pid, lambda q: replace(q, excluded=False))))
        for other in p.requires:
            years = lag(p, other)
            said = Text("{id} starts at least {lag} years after {other}", id=pid, lag=years, other=other) if years \
                else Text("{id} requires {other}", id=pid, other=other)
            rules.append(Rule(REQUIRES, said, (pid, other), _changing(pid, _without_required(other))))
        if p.requires_any:
            rules.append(Rule(REQUIRES_ANY, Text("{id} requires one of {others}", id=pid, others=Items(p.requires_any)),
                              (pid, *p.requires_any), _changing(pid, lambda q: replace(q, requires_any=()))))
        for other in p.together_with:
            rules.append(Rule(TOGETHER_WITH, Text("{id} goes together with {other}", id=pid, other=other),
                              (pid, other), _apart(pid, other)))
    members: dict[str, list[str]] = {}
    for p in case.projects:
        if p.exclusive_group:
            members.setdefault(p.exclusive_group, []).append(p.id)
    for group, ids in members.items():
        count = case.group_count(group)
        if count.max_count is not None and count.max_count < len(ids):
            rules.append(Rule(EXCLUSIVE_GROUP, Text("group {group} takes at most {count} of {members}", group=group,
                                                    count=count.max_count, members=Items(tuple(ids))),
                              tuple(ids), _counting(group, low=None, high=False)))
        if count.min_count:
            rules.append(Rule(GROUP_MIN_COUNT, Text("group {group} takes at least {count} of {members}",
                                                    group=group, count=count.min_count, members=Items(tuple(ids))),
                              tuple(ids), _counting(group, low=0, high=None)))
    return rules


def _changing(pid: str, change: Callable[[Project], Project]) -> Callable[[Case], Case]:
    def drop(case: Case) -> Case:
        return replace(case, projects=tuple(change(p) if p.id == pid else p for p in case.projects))
    return drop


def _without_required(other: str) -> Callable[[Project], Project]:
    def change(p: Project) -> Project:
        return replace(p, requires=tuple(r for r in p.requires if r != other),
                       lags={r: y for r, y in p.lags.items() if r != other})
    return change


def _apart(pid: str, other: str) -> Callable[[Case], Case]:
    """The case with the two projects no longer joined (either may have named the other)."""
    def drop(case: Case) -> Case:
        def change(p: Project) -> Project:
            if p.id == pid:
                return replace(p, together_with=tuple(t for t in p.together_with if t != other))
            if p.id == other:
                return replace(p, together_with=tuple(t for t in p.together_with if t != pid))
            return p
        return replace(case, projects=tuple(change(p) for p in case.projects))
    return drop


def _counting(group: str, low: int | None, high: bool | None) -> Callable[[Case], Case]:
    """The case with the group's minimum (low=0) or maximum (high=None) set aside; False keeps the other as it is."""
    def drop(case: Case) -> Case:
        count = case.group_count(group)
        changed = GroupCount(count.min_count if low is None else low,
                             count.max_count if high is False else high)
        return replace(case, groups={**case.groups, group: changed})
    return drop
