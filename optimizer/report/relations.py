"""The relations between projects in the answer: why a project is left out by one (its reason names the rule),
the relations in a project's way (explain's `blocking`), and the group counts among the constraints.

Reasons, each with the code of report/exclusions.py:
- a lag that cannot be met: "needs P003 started by 2027, and P003 cannot start before 2029" (dependency);
- a group of the Groups sheet that is full: "its group 选址 takes exactly 1: C was chosen" (exclusive);
- requires_any: "needs one of A, B started by 2028, and none is chosen" (dependency);
- together_with: a project decided together with one left out for a rule of its own says so, "goes together
  with P007, which is left out: ..." (together_with); a set that does not pay as a whole says that.
"""

from __future__ import annotations

from optimizer.model.case import Case, GroupCount, Project
from optimizer.model.relations import (
    EXCLUSIVE_GROUP,
    GROUP_MIN_COUNT,
    REQUIRES,
    REQUIRES_ANY,
    TOGETHER_WITH,
    group_members,
    lag,
    partners,
)
from optimizer.model.targets import OBJECTIVE_NAMES, Kind
from optimizer.report.result import ConstraintRow, Exclusion, Selection
from optimizer.tolerances import FUNDED
from optimizer.words.text import Items, Text

RULE_CODES = ("negative_list", "forced_out", "exclusive", "dependency")
"""The reasons of report/exclusions.py that a rule gives (the others say the project is not worth its place)."""
TOGETHER_CODE = "together_with"


def counted(count: GroupCount) -> Text:
    """What a group takes, in words: "exactly 1", "at most 2", "2 to 3", "at least 2"."""
    low, high = count.min_count, count.max_count
    if high is None:
        return Text("at least {count}", count=low)
    if low == high:
        return Text("exactly {count}", count=low)
    if low == 0:
        return Text("at most {count}", count=high)
    return Text("{low} to {high}", low=low, high=high)


def start_reason(p: Project, case: Case, earliest: dict[str, int | None]) -> Text | None:
    """Why a project cannot be chosen at all because a project it requires with a lag cannot start early enough
    (its own window and prerequisites): "needs P003 started by 2027, and P003 cannot start before 2029"."""
    for other in p.requires:
        years = lag(p, other)
        if not years:
            continue
        by = p.latest_start - years
        first = earliest.get(other)
        if first is None:
            return Text("needs {other} started by {year}, and {other} cannot start at all after the projects it "
                        "requires", other=other, year=by)
        if first > by:
            return Text("needs {other} started by {year}, and {other} cannot start before {first}", other=other,
                        year=by, first=first)
    return None


def taken_by_group(case: Case, chosen: dict[str, Selection]) -> dict[str, tuple[str, ...]]:
    """The chosen projects of each exclusive group."""
    taken: dict[str, list[str]] = {}
    for p in case.projects:
        if p.exclusive_group and p.id in chosen:
            taken.setdefault(p.exclusive_group, []).append(p.id)
    return {group: tuple(ids) for group, ids in taken.items()}


def relation_reason(p: Project, case: Case, chosen: dict[str, Selection],
                    in_groups: dict[str, tuple[str, ...]]) -> tuple[Text, str] | None:
    """Why a project is left out by a relation that the portfolio fills, once the plain rules (screening, marks,
    a group without a Groups row, requires) have had their say; None when none does. `in_groups`: the chosen
    projects of each group (`taken_by_group`)."""
    group = p.exclusive_group
    if group and group in case.groups:
        count = case.group_count(group)
        taken = in_groups.get(group, ())
        if count.max_count is not None and len(taken) >= count.max_count:
            if len(taken) == 1:
                return Text("its group {group} takes {count}: {chosen} was chosen", group=group,
                            count=counted(count), chosen=Items(taken)), "exclusive"
            return Text("its group {group} takes {count}: {chosen} were chosen", group=group, count=counted(count),
                        chosen=Items(taken)), "exclusive"
    for other in p.requires:
        years = lag(p, other)
        if years and other in chosen and chosen[other].start_year + years > p.latest_start:
            return Text("needs {other} started by {year}, and {other} starts in {start}", other=other,
                        year=p.latest_start - years, start=chosen[other].start_year), "dependency"
    if p.requires_any and not any(a in chosen and chosen[a].start_year <= p.latest_start for a in p.requires_any):
        late = tuple(a for a in p.requires_any if a in chosen)
        if late:
            return Text("needs one of {others} started by {year}, and {chosen} starts later", others=Items(
                p.requires_any), year=p.latest_start, chosen=Items(late)), "dependency"
        return Text("needs one of {others} started by {year}, and none is chosen", others=Items(p.requires_any),
                    year=p.latest_start), "dependency"
    return None


def with_partners(case: Case, found: list[Exclusion], value: dict[str, float]) -> list[Exclusion]:
    """The reasons of projects decided together: a member left out for no rule of its own is left out because a
    partner is ("goes together with P007, which is left out: ..."), or because the set as a whole does not pay
    (`value`: each project's best contribution to the objective)."""
    by_id = {x.id: x for x in found}
    together = partners(case.projects)
    result = []
    for x in found:
        others = together.get(x.id, ())
        if not others or x.code in RULE_CODES or any(o not in by_id for o in others):
            result.append(x)
            continue
        ruled = next((by_id[o] for o in others if by_id[o].code in RULE_CODES), None)
        if ruled is not None:
            reason = Text("goes together with {other}, which is left out: {reason}", other=ruled.id,
                          reason=ruled.reason)
            result.append(Exclusion(x.id, x.name, reason, TOGETHER_CODE))
            continue
        total = sum(value.get(i, 0.0) for i in (x.id, *others))
        if total <= 0:
            reason = Text("does not pay together with {others}: their {objective} contribution {value:,.2f} is not "
                          "positive", others=Items(others), objective=OBJECTIVE_NAMES[case.settings.objective],
                          value=float(total))
            result.append(Exclusion(x.id, x.name, reason, "no_value"))
        elif x.code == "no_value":
            reason = Text("outcompeted together with {others}: the limits are better spent on the chosen projects",
                          others=Items(others))
            result.append(Exclusion(x.id, x.name, reason, "outcompeted"))
        else:
            reason = Text("decided together with {others}: {reason}", others=Items(others), reason=x.reason)
            result.append(Exclusion(x.id, x.name, reason, x.code))
    return result


def in_the_way(case: Case, project: Project, portfolio: dict[str, Selection]) -> list[str]:
    """The relations that keep a project left out of `portfolio` out, or hold a chosen one in (explain's
    `blocking`), by family name."""
    names = []
    chosen = project.id in portfolio
    start = portfolio[project.id].start_year if chosen else project.latest_start
    members = [q for q in case.projects if project.exclusive_group and q.exclusive_group == project.exclusive_group]
    taken = [q.id for q in members if q.id in portfolio]
    count = case.group_count(project.exclusive_group) if project.exclusive_group else GroupCount()
    others = partners(case.projects).get(project.id, ())
    if not chosen:
        if count.max_count is not None and project.exclusive_group and len(taken) >= count.max_count:
            names.append(EXCLUSIVE_GROUP)
        if any(r not in portfolio or portfolio[r].start_year + lag(project, r) > start for r in project.requires):
            names.append(REQUIRES)
        if project.requires_any and not any(a in portfolio and portfolio[a].start_year <= start
                                            for a in project.requires_any):
            names.append(REQUIRES_ANY)
        if others:
            names.append(TOGETHER_WITH)
        return names
    if any(project.id in q.requires for q in case.projects if q.id in portfolio):
        names.append(REQUIRES)
    for q in case.projects:
        if q.id in portfolio and project.id in q.requires_any:
            begins = portfolio[q.id].start_year
            in_time = [a for a in q.requires_any if a in portfolio and portfolio[a].start_year <= begins]
            if in_time == [project.id]:
                names.append(REQUIRES_ANY)
                break
    if others:
        names.append(TOGETHER_WITH)
    if project.exclusive_group and count.min_count and len(taken) <= count.min_count:
        names.append(GROUP_MIN_COUNT)
    return names


def group_rows(model, x) -> list[ConstraintRow]:
    """A row per group count of the model at the option shares `x`: the projects chosen against at most
    max_count (`exclusive_group`) and at least min_count (`group_min_count`)."""
    projects = model.case.projects
    chosen = model.per_project @ (x > FUNDED).astype(float)
    rows = []
    for group, members in group_members(projects).items():
        count = model.case.group_count(group)
        taken = float(sum(round(float(chosen[i])) for i in members))
        if count.max_count is not None:
            rows.append(ConstraintRow(EXCLUSIVE_GROUP, group, f"Exclusive group {group}", Kind.COUNT, taken,
                                      float(count.max_count), taken >= count.max_count, None))
        if count.min_count:
            rows.append(ConstraintRow(GROUP_MIN_COUNT, group, f"Group {group}: at least", Kind.COUNT, taken,
                                      float(count.min_count), taken <= count.min_count, None))
    return rows

