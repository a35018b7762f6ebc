"""What an answer means, as data: the KPIs before and after against their targets, every constraint with what
loosening it is worth, why each project was left out, and, when the targets conflict, the diagnosis.

`Result.to_json()` is the result of shared/spec/cli.md. The figures are filled in by report/build.py from a
solved model (KPIs in kpis.py, constraints in constraints.py, reasons in exclusions.py); every sentence in a
result (a reason, a diagnosis message) is a Text, which optimizer.words says in the user's language.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from optimizer.model.case import Case
from optimizer.report.overrides import overrides, settings_used
from optimizer.solve.solver import Solution
from optimizer.words.text import Name, Text
from optimizer.words.units import unit_of


@dataclass
class Kpi:
    """A figure of the group or the portfolio before and after investing, against its target if it has one."""

    key: str
    label: str
    unit: str
    kind: str
    before: float | None
    after: float | None
    target: float | None
    sense: str | None
    met: bool | None


@dataclass
class ConstraintRow:
    name: str
    subject: str
    label: str
    kind: str
    value: float | None
    limit: float
    binding: bool
    marginal_value: float | None
    """Objective gained per unit increase of the limit (cli.md); None where the LP gives no dual. A local rate: the
    dual of the LP with the chosen projects fixed."""
    step: float | None = None
    """The change of the limit that `step_value` is for, in the limit's own units (+1.0 for a budget, -0.01 for a
    share floor: report/constraints.py limit_step); None where not valued."""
    step_value: float | None = None
    """The objective gained by re-solving the case with the limit one `step` looser (analysis/step_value.py);
    None where it was not computed or the re-solve gave no proven answer."""


@dataclass
class Selection:
    id: str
    name: str
    share: float
    start_year: int
    capex: float
    npv: float


@dataclass
class Exclusion:
    """Why a project is not in the portfolio: a code (cli.md: negative_list, forced_out, exclusive, dependency,
    no_value, does_not_fit, outcompeted) and the reason in words, a Text with the figures it names."""

    id: str
    name: str
    reason: Text
    code: str


@dataclass
class Supervision:
    """A project the negative list flags for special supervision (it may be chosen; its rule says why)."""

    id: str
    name: str
    reason: Text
    chosen: bool


@dataclass
class DiagnosisItem:
    """One target of a conflict: how far it can be reached, with which other targets it conflicts."""

    constraint: str
    target: float
    best_reachable: float | None
    conflicts_with: list[str]
    message: Text
    all_kept: bool = True
    """True when best_reachable holds with every other limit kept, False with only conflicts_with."""
    refined: bool = True
    """True when best_reachable is the exact best (proven); False for the diagnosis's first answer, whose
    best_reachable is a level a real portfolio reaches (with the others kept as all_kept says), perhaps not the best."""

    def to_json(self) -> dict:
        return {"constraint": self.constraint, "target": _num(self.target), "best_reachable": _num(self.best_reachable),
                "conflicts_with": list(self.conflicts_with), "message": self.message, "refined": self.refined}


@dataclass(frozen=True)
class ValueFigure:
    """One figure of a value: after investing (and before, for the group's own figures), against its target."""

    key: str
    """A figure of the registry (targets.FIGURES) or one of report/five_values.py's own."""
    name: Name
    kind: str
    value: float | None
    before: float | None = None
    target: float | None = None
    sense: str | None = None
    met: bool | None = None
    year: int | None = None
    """The plan year of a figure by year; None at full run rate (the steady state)."""
    note: Text | None = None
    """What the number stands for: the target and year of the worst margin, the targets missed, the IRR."""
    parts: tuple[tuple[str, float], ...] = ()
    """What it is made of, largest first: each region with the capex invested there."""


@dataclass(frozen=True)
class Value:
    """One of the five values: its character and name, its figures and the chosen projects that carry it."""

    key: str
    character: str
    name: Name
    figures: tuple[ValueFigure, ...]
    projects: tuple[str, ...]
    """The ids of the chosen projects that carry it, in the order of the portfolio."""

    def figure(self, key: str, year: int | None = None) -> ValueFigure | None:
        return next((f for f in self.figures if f.key == key and f.year == year), None)


@dataclass
class Result:
    case: Case
    solution: Solution
    selected: list[Selection] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)
    kpis: dict[str, Kpi] = field(default_factory=dict)
    kpis_by_year: dict[int, dict[str, Kpi]] = field(default_factory=dict)
    """Plan year -> the group's own figures ("one profit, five rates") that year, before and after."""
    constraints: list[ConstraintRow] = field(default_factory=list)
    spend_by_year: dict[int, tuple[float, float | None]] = field(default_factory=dict)
    """Year -> (spend, budget or None)."""
    diagnosis: list[DiagnosisItem] = field(default_factory=list)
    five_values: dict[str, Value] = field(default_factory=dict)
    """稳优保促新: the portfolio against each of the five values (report/five_values.py), by its key."""
    supervised: list[Supervision] = field(default_factory=list)
    """Every candidate flagged for special supervision, chosen or not (the chosen ones need the special review)."""

    @property
    def objective(self) -> str:
        return self.case.settings.objective

    def to_json(self) -> dict:
        s = self.solution
        return {
            "status": s.status,
            "objective": self.objective,
            "objective_value": _num(s.objective_value),
            "bound": _num(s.bound),
            "gap": _num(s.gap),
            "solve_seconds": round(s.solve_seconds, 4),
            "quality": s.quality(),
            "currency_unit": self.case.settings.currency_unit,
            "selected": [{"id": x.id, "name": x.name, "share": x.share, "start_year": x.start_year,
                          "capex": _num(x.capex), "npv": _num(x.npv)} for x in self.selected],
            "excluded": [{"id": x.id, "name": x.name, "reason": x.reason, "code": x.code} for x in self.excluded],
            "kpis": {k.key: _kpi_json(k) for k in self.kpis.values()},
            "kpis_by_year": {str(year): {k.key: _kpi_json(k) for k in row.values()}
                             for year, row in self.kpis_by_year.items()},
            "constraints": [{"name": c.name, "subject": c.subject, "value": _num(c.value), "limit": _num(c.limit),
                             "binding": c.binding, "marginal_value": _num(c.marginal_value),
                             "step": _num(c.step), "step_value": _num(c.step_value)}
                            for c in self.constraints],
            "spend_by_year": [{"year": y, "spend": _num(v), "budget": _num(b)}
                              for y, (v, b) in self.spend_by_year.items()],
            "diagnosis": [d.to_json() for d in self.diagnosis],
            "five_values": {v.key: _value_json(v, self.case.settings.currency_unit) for v in self.five_values.values()},
            "supervised": [{"id": x.id, "name": x.name, "reason": x.reason, "chosen": x.chosen}
                           for x in self.supervised],
            "warnings": list(self.case.warnings),
            "settings_used": settings_used(self.case.settings),
            "overrides": [o.to_json() for o in overrides(self.case)],
        }


def _kpi_json(k: Kpi) -> dict:
    return {"before": _num(k.before), "after": _num(k.after), "target": _num(k.target), "sense": k.sense,
            "met": k.met, "unit": k.unit, "label": k.label}


def _value_json(v: Value, currency_unit: str) -> dict:
    return {"character": v.character, "name": v.name.english, "name_chinese": v.name.chinese,
            "figures": [{"key": f.key, "name": f.name.english, "year": f.year, "value": _num(f.value),
                         "before": _num(f.before), "target": _num(f.target), "sense": f.sense, "met": f.met,
                         "unit": unit_of(f.kind, currency_unit), "kind": f.kind, "note": f.note,
                         "parts": [{"name": name, "value": _num(amount)} for name, amount in f.parts]}
                        for f in v.figures],
            "projects": list(v.projects)}


def _num(value: float | None) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else round(value, 10)
