"""Every rule of issue 15 on a generated case (`generate_case(..., rules=True)`), in realistic proportions.

The rules draw from a random stream of their own, so the projects, the enterprise and the reference
portfolio's order stay those of the same case without rules. Two steps, around the reference portfolio
(optimizer/generator.py `reference_portfolio`):

- `screened`, before the reference is picked: the group's negative list (prohibited: quasi-financial business
  and one high-risk overseas region; supervised: overseas investment and single projects of 50 or more, a few %
  of the projects each) and livelihood projects (heating, hydro and environmental projects, about one in twenty
  projects); a mandatory project the negative list prohibits is mandatory no more. The reference keeps them.
- `related`, after: requires chains with lags (phase two two years after phase one), requires_any (a base that
  needs one of several supply projects started first), together_with pairs, new exclusive groups that take
  exactly one project (alternative bases) or a range of them (a programme), and each subsidiary's total budget
  (and, for one in three, its budget in each plan year). Each is drawn so that the reference portfolio keeps
  it: the case stays feasible by construction, and the limits (generator `_limits`, the new floors among them)
  are set around the same portfolio.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import numpy as np

from optimizer.model.case import Case, GroupCount, Project
from optimizer.model.negative_list import TOTAL_CAPEX_FIELD, Compare, Match, NegativeRule, RuleClass, plain_text
from optimizer.model.screening import is_prohibited
from optimizer.model.targets import TOTAL_BUDGET, budget_key, entity_budget_key

RULES_STREAM = 15
"""The rules' random stream is seeded with (seed, RULES_STREAM): the case's own stream is left as it is."""

NEGATIVE_LIST = (
    NegativeRule(RuleClass.PROHIBITED, "sector", (Match(Compare.EQUAL, plain_text("金融服务")),),
                 "非主业类金融业务", ("prohibited", "sector", "金融服务")),
    NegativeRule(RuleClass.PROHIBITED, "region", (Match(Compare.EQUAL, plain_text("西非")),),
                 "高风险国别地区", ("prohibited", "region", "西非")),
    NegativeRule(RuleClass.SUPERVISED, "overseas", (Match(Compare.EQUAL, True),),
                 "境外投资", ("supervised", "overseas", "yes")),
    NegativeRule(RuleClass.SUPERVISED, TOTAL_CAPEX_FIELD, (Match(Compare.AT_LEAST, 50.0),),
                 "单项投资50亿元及以上", ("supervised", TOTAL_CAPEX_FIELD, ">=50")),
)
"""The group's negative list on every generated case with rules."""

LIVELIHOOD_SECTORS = ("火电与热力", "水电", "环保治理")
LIVELIHOOD_ODDS = 0.3
"""Share of the projects of those sectors that serve livelihoods (heating, water, waste): about 5% of all."""

LAGGED_REQUIRES = 0.04
REQUIRES_ANY = 0.02
TOGETHER_WITH = 0.01
EXACTLY_ONE_GROUPS = 0.01
RANGE_GROUPS = 0.005
"""How many of each relation per project (one at least): chained links, projects with alternatives, pairs, groups."""
ENTITY_SLACK = 0.10
"""A subsidiary's own budget is its spend in the reference portfolio plus 10% (the group's budgets, 2% looser
than the reference, bind first; a subsidiary's caps leave it room to trade between its projects)."""
YEARLY_ENTITY_ODDS = 1 / 3
"""Share of the subsidiaries with a budget for each plan year besides their total budget."""


def rules_stream(seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, RULES_STREAM])


def screened(case: Case, rng: np.random.Generator) -> Case:
    """The case with the negative list and livelihood projects; a mandatory project it prohibits is no longer
    mandatory (the contract refuses a prohibited project marked mandatory)."""
    candidates = [i for i, p in enumerate(case.projects) if p.sector in LIVELIHOOD_SECTORS]
    flagged = [i for i in candidates if rng.random() < LIVELIHOOD_ODDS]
    if not flagged:  # a small case has one at least, of those sectors if it has some
        candidates = candidates or [i for i, p in enumerate(case.projects) if p.main_business and not p.overseas]
        flagged = [int(rng.choice(candidates))] if candidates else []
    projects = [replace(p, livelihood=True) if i in flagged else p for i, p in enumerate(case.projects)]
    case = replace(case, projects=tuple(projects), negative_list=NEGATIVE_LIST)
    return replace(case, projects=tuple(replace(p, mandatory=False) if p.mandatory and is_prohibited(p, case) else p
                                        for p in case.projects))


def related(case: Case, reference: dict[str, int], rng: np.random.Generator) -> tuple[Case, dict[str, float]]:
    """The case with relations and groups drawn around `reference` (project id -> start year, each at its earliest
    start, funded in full), and each subsidiary's own budgets (limit key -> cap) that the reference keeps."""
    projects = list(case.projects)
    n = len(projects)
    free = [i for i, p in enumerate(projects)
            if not (p.mandatory or p.excluded or p.exclusive_group or is_prohibited(p, case))]
    used: set[int] = set()
    _requires_chains(projects, free, used, reference, rng, max(1, round(LAGGED_REQUIRES * n)))
    _requires_any(projects, free, used, reference, rng, max(1, round(REQUIRES_ANY * n)))
    _together(projects, free, used, reference, rng, max(1, round(TOGETHER_WITH * n)))
    groups = dict(case.groups)
    _exactly_one(projects, free, used, reference, rng, max(1, round(EXACTLY_ONE_GROUPS * n)), groups)
    _ranges(projects, free, used, reference, rng, max(1, round(RANGE_GROUPS * n)), groups)
    case = replace(case, projects=tuple(projects), groups=groups)
    return case, entity_budgets(case, reference, rng)


def _in(project: Project, reference: dict[str, int]) -> bool:
    return project.id in reference


def _requires_chains(projects: list[Project], free: list[int], used: set[int], reference: dict[str, int],
                     rng: np.random.Generator, links: int) -> None:
    """Chains of two or three projects of one subsidiary, each starting 1 or 2 years after the one before it
    (`requires` P+lag): a link's later project is in the reference only with the earlier one, as many years
    later (the reference starts each project at its earliest start)."""
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i in free:
        by_entity[projects[i].entity].append(i)
    made = 0
    for entity in rng.permutation(sorted(by_entity)):
        if made >= links:
            return
        members = [j for j in by_entity[str(entity)] if j not in used]
        if not members:
            continue
        first_year = min(projects[j].earliest_start for j in members)  # a chain starts with the first phase
        chain = [int(rng.choice([j for j in members if projects[j].earliest_start == first_year]))]
        length = int(rng.integers(2, 4))
        while len(chain) < length:
            x = projects[chain[-1]]
            later = [j for j in members if j not in chain and projects[j].earliest_start > x.earliest_start
                     and (not _in(projects[j], reference) or _in(x, reference))]
            if not later:
                break
            chain.append(int(rng.choice(later)))
        if len(chain) < 2:
            continue
        for before, after in zip(chain, chain[1:], strict=False):
            x, y = projects[before], projects[after]
            lag = min(int(rng.integers(1, 3)), y.earliest_start - x.earliest_start)
            projects[after] = replace(y, requires=(*y.requires, x.id), lags={**y.lags, x.id: lag})
            made += 1
        used.update(chain)


def _requires_any(projects: list[Project], free: list[int], used: set[int], reference: dict[str, int],
                  rng: np.random.Generator, count: int) -> None:
    """Projects that need one of two or three earlier projects of their sector started first (a plant and its
    possible sources of supply): in the reference only with one of them."""
    by_sector: dict[str, list[int]] = defaultdict(list)
    for i in free:
        by_sector[projects[i].sector].append(i)
    made = 0
    for b in rng.permutation(free):
        if made >= count:
            return
        b = int(b)
        if b in used:
            continue
        p = projects[b]
        earlier = [a for a in by_sector[p.sector] if a < b and projects[a].earliest_start <= p.earliest_start]
        if len(earlier) < 2:
            continue
        sources = [int(a) for a in rng.choice(earlier, size=min(len(earlier), int(rng.integers(2, 4))), replace=False)]
        if _in(p, reference) and not any(_in(projects[a], reference) for a in sources):
            continue
        projects[b] = replace(p, requires_any=tuple(projects[a].id for a in sorted(sources)))
        used.add(b)
        made += 1


def _together(projects: list[Project], free: list[int], used: set[int], reference: dict[str, int],
              rng: np.random.Generator, pairs: int) -> None:
    """Pairs of one subsidiary decided as one (a mine and its network), both in the reference or both out."""
    by_entity: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for i in free:
        by_entity[projects[i].entity, _in(projects[i], reference)].append(i)
    made = 0
    for b in rng.permutation(free):
        if made >= pairs:
            return
        b = int(b)
        if b in used:
            continue
        p = projects[b]
        partners = [a for a in by_entity[p.entity, _in(p, reference)] if a != b and a not in used]
        if not partners:
            continue
        a = int(rng.choice(partners))
        projects[b] = replace(p, together_with=(projects[a].id,))
        used.update((a, b))
        made += 1


def _exactly_one(projects: list[Project], free: list[int], used: set[int], reference: dict[str, int],
                 rng: np.random.Generator, count: int, groups: dict[str, GroupCount]) -> None:
    """Groups of alternative bases of one sector of which exactly one is built: one project of the reference
    and one or two that it leaves out."""
    outside: dict[str, list[int]] = defaultdict(list)
    for i in free:
        if not _in(projects[i], reference):
            outside[projects[i].sector].append(i)
    made = 0
    for k in rng.permutation(free):
        if made >= count:
            return
        k = int(k)
        if k in used or not _in(projects[k], reference):
            continue
        others = [j for j in outside[projects[k].sector] if j not in used]
        if not others:
            continue
        chosen = [k, *(int(j) for j in rng.choice(others, size=min(len(others), int(rng.integers(1, 3))),
                                                    replace=False))]
        name = f"基地{made + 1:03d}"
        _group(projects, chosen, name, used)
        groups[name] = GroupCount(1, 1)
        made += 1


def _ranges(projects: list[Project], free: list[int], used: set[int], reference: dict[str, int],
            rng: np.random.Generator, count: int, groups: dict[str, GroupCount]) -> None:
    """Programmes of four to six projects of one sector that take from one less to one more than the reference
    takes of them (some without a maximum)."""
    by_sector: dict[str, list[int]] = defaultdict(list)
    for i in free:
        by_sector[projects[i].sector].append(i)
    made = 0
    for sector in rng.permutation(sorted(by_sector)):
        if made >= count:
            return
        members = [i for i in by_sector[str(sector)] if i not in used]
        size = int(rng.integers(4, 7))
        if len(members) < size:
            continue
        chosen = [int(i) for i in rng.choice(members, size=size, replace=False)]
        taken = sum(_in(projects[i], reference) for i in chosen)
        if taken < 2:
            continue
        name = f"专项{made + 1:03d}"
        _group(projects, chosen, name, used)
        groups[name] = GroupCount(taken - 1, None if rng.random() < 0.3 else min(size, taken + 1))
        made += 1


def _group(projects: list[Project], members: list[int], name: str, used: set[int]) -> None:
    for i in members:
        projects[i] = replace(projects[i], exclusive_group=name)
    used.update(members)


def entity_budgets(case: Case, reference: dict[str, int], rng: np.random.Generator) -> dict[str, float]:
    """Each subsidiary's total budget, and for one in three its budget in each plan year: its spend in the
    reference portfolio plus ENTITY_SLACK (a subsidiary the reference gives nothing has no budget of its own)."""
    spend: dict[str, dict[int, float]] = defaultdict(lambda: dict.fromkeys(case.years, 0.0))
    for p in case.projects:
        if p.id in reference:  # at its earliest start, in full: the capex as written
            for year, amount in p.capex.items():
                spend[p.entity][year] += amount
    limits: dict[str, float] = {}
    for entity in sorted(spend):
        own = spend[entity]
        limits[entity_budget_key(TOTAL_BUDGET, entity)] = _cap(sum(own.values()))
        if rng.random() < YEARLY_ENTITY_ODDS:
            for year in case.years:
                limits[entity_budget_key(budget_key(year), entity)] = _cap(own[year])
    return limits


def _cap(spent: float) -> float:
    return round(spent * (1 + ENTITY_SLACK) + 0.5, 1)
