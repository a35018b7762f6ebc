"""The five values of the answer (稳优保促新, optimizer/report/five_values.py): a block per value with its character,
its figures against their targets, what each stands for, and the chosen projects that carry it.

The panel follows the document's answer (ui/window/document.py): every new answer fills it; an answer without a
portfolio says why and shows no figures. Met or missed is said in words as well as colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from optimizer.model.targets import PERCENT_KINDS, Kind, Sense
from optimizer.report.five_values import CHARACTERS, IRR_SPREAD, TARGETS_MET, VALUE_NAMES, WORST_MARGIN, ValueKey
from optimizer.report.result import Result, Value, ValueFigure
from optimizer.words.text import Items
from ui import i18n
from ui.window.document import PlanningDocument

MET_COLOUR, MISSED_COLOUR, NOTE_COLOUR = "#1b5e20", "#b71c1c", "#616161"
CHARACTER_COLOURS = {ValueKey.STABILITY: "#1565c0", ValueKey.OPTIMISATION: "#2e7d32", ValueKey.SECURITY: "#c62828",
                     ValueKey.PROMOTION: "#ef6c00", ValueKey.INNOVATION: "#6a1b9a"}
PLACEHOLDER = "—"
SHOWN_PARTS = 6
"""Regions listed under their figure; the others are counted."""
SHOWN_PROJECTS = 12
"""Projects named under a value; the others are counted (all of them with their names in the tooltip)."""
COLUMNS = 2
"""Blocks side by side."""


@dataclass(frozen=True)
class FigureLine:
    """One figure as a block shows it: its name, its value, its target, met or missed in words, its note."""

    name: str
    value: str
    target: str
    status: str
    met: bool | None
    note: str = ""

    def cells(self) -> tuple[str, str, str, str]:
        return self.name, self.value, self.target, self.status


class ValueBlock(QFrame):
    """One of the five values: the character large, the name, a row per figure, the projects that carry it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"value_block_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#{self.objectName()} {{ border: 1px solid #d0d0d0; border-top: 4px solid "
                           f"{CHARACTER_COLOURS[key]}; border-radius: 3px; }}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.character = QLabel(CHARACTERS[key])
        font = self.character.font()
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 2.2)
        font.setBold(True)
        self.character.setFont(font)
        self.character.setStyleSheet(f"color: {CHARACTER_COLOURS[key]};")
        self.title = QLabel(VALUE_NAMES[key].said_in(i18n.is_chinese()))
        title_font = self.title.font()
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        heading = QHBoxLayout()
        heading.addWidget(self.character)
        heading.addWidget(self.title, 1)
        self.carried = QLabel()
        self.carried.setWordWrap(True)
        self.carried.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.carried.setStyleSheet(f"color: {NOTE_COLOUR};")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addLayout(self.grid)
        layout.addWidget(self.carried)
        self._lines: list[FigureLine] = []
        self._labels: list[QLabel] = []
        self.set_value(None, "", {})

    # --- what the block shows, for the panel and for tests ---
    def lines(self) -> list[FigureLine]:
        return list(self._lines)

    def carried_text(self) -> str:
        return self.carried.text()

    # --- filling it ---
    def set_value(self, value: Value | None, currency_unit: str, names: dict[str, str]) -> None:
        """The value's figures and projects (`names`: each project's name, for the tooltip); None clears it."""
        self._lines = [] if value is None else [self._line(f, currency_unit) for f in value.figures]
        for label in self._labels:
            self.grid.removeWidget(label)
            label.deleteLater()
        self._labels = []
        row = 0
        for line in self._lines:
            for column, text in enumerate(line.cells()):
                label = self._cell(text, column, line)
                self.grid.addWidget(label, row, column)
            row += 1
            if line.note:
                note = self._cell(line.note, 0, line)
                note.setWordWrap(True)
                note.setStyleSheet(f"color: {NOTE_COLOUR}; padding-left: 12px;")
                self.grid.addWidget(note, row, 0, 1, 4)
                row += 1
        if value is None:
            self.carried.setText(PLACEHOLDER)
            self.carried.setToolTip("")
        elif value.projects:
            ids = i18n.words().say(Items(value.projects[:SHOWN_PROJECTS]))
            if len(value.projects) > SHOWN_PROJECTS:
                ids = self.tr("{ids} and {count} more").format(ids=ids, count=len(value.projects) - SHOWN_PROJECTS)
            self.carried.setText(self.tr("Carried by {count}: {ids}").format(count=len(value.projects), ids=ids))
            self.carried.setToolTip("\n".join(f"{pid}  {names.get(pid, '')}".rstrip() for pid in value.projects))
        else:
            self.carried.setText(self.tr("No chosen project carries it."))
            self.carried.setToolTip("")

    def _cell(self, text: str, column: int, line: FigureLine) -> QLabel:
        label = QLabel(text, self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if column == 0:
            label.setWordWrap(True)
        else:
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column == 3 and line.met is not None:
            label.setStyleSheet(f"color: {MET_COLOUR if line.met else MISSED_COLOUR};")
        if column == 1:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        self._labels.append(label)
        return label

    def _line(self, f: ValueFigure, currency_unit: str) -> FigureLine:
        chinese = i18n.is_chinese()
        name = f.name.said_in(chinese)
        if f.year is not None and f.key != WORST_MARGIN:  # the worst margin says its year in its note
            name = self.tr("{name} in {year}").format(name=name, year=f.year)
        elif f.before is not None:  # the group's own figure: after the plan, beside its figures by year
            name = self.tr("{name} at full run rate").format(name=name)
        status = "" if f.met is None else (self.tr("met") if f.met else self.tr("missed"))
        note = i18n.words().text(f.note) if f.note is not None else ""
        if f.parts:
            shown = [f"{part} {_amount(amount, Kind.MONEY, currency_unit)}" for part, amount in f.parts[:SHOWN_PARTS]]
            if len(f.parts) > SHOWN_PARTS:
                shown.append(self.tr("{count} more").format(count=len(f.parts) - SHOWN_PARTS))
            note = " · ".join(shown)
        if f.key == TARGETS_MET:
            value = self.tr("{met} of {count}").format(met=_count(f.value), count=_count(f.target)) if f.target \
                else self.tr("no target set")
            return FigureLine(name, value, "", status, f.met, note)
        if f.key in (WORST_MARGIN, IRR_SPREAD):
            return FigureLine(name, self._margin(f, currency_unit), "", status, f.met, note)
        value = _amount(f.value, f.kind, currency_unit)
        if f.before is not None:
            value = f"{_amount(f.before, f.kind, currency_unit)} → {value}"
        target = ""
        if f.target is not None:
            target = f"{'≥' if f.sense == Sense.MIN else '≤'} {_amount(f.target, f.kind, currency_unit)}"
        return FigureLine(name, value, target, status, f.met, note)

    def _margin(self, f: ValueFigure, currency_unit: str) -> str:
        """A signed difference (a margin, a spread): percentage points for a ratio, the figure's unit otherwise."""
        if f.value is None:
            return PLACEHOLDER
        if f.kind in PERCENT_KINDS:
            return self.tr("{points} pp").format(points=f"{f.value * 100:+.2f}" if f.value else "0.00")
        sign = "+" if f.value > 0 else ""
        if f.kind == Kind.PRODUCTIVITY:
            return i18n.productivity_unit(currency_unit).text(f.value, signed=f.value != 0)
        return sign + _amount(f.value, f.kind, currency_unit)


class FiveValuesPanel(QWidget):
    """The five blocks, two across, under a line that says what they report."""

    def __init__(self, document: PlanningDocument | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("five_values_panel")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.blocks = {key: ValueBlock(key) for key in ValueKey}
        inside = QWidget()
        grid = QGridLayout(inside)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        for n, block in enumerate(self.blocks.values()):
            grid.addWidget(block, n // COLUMNS, n % COLUMNS, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(len(self.blocks) // COLUMNS + 1, 1)
        for column in range(COLUMNS):
            grid.setColumnStretch(column, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inside)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(scroll, 1)
        self.set_result(None)
        if document is not None:
            document.resultChanged.connect(self.set_result)

    def set_result(self, result: Result | None) -> None:
        if result is None:
            self._show(self.tr("No answer yet."), None)
        elif not result.solution.has_portfolio:
            reason = i18n.words().text(result.solution.quality())
            self._show(self.tr("No portfolio to report: {reason}.").format(reason=reason), None)
        else:
            self._show(self.tr("The recommended portfolio against the five values (稳优保促新): each value's figures "
                               "against their targets, and the chosen projects that carry it."), result)

    def _show(self, summary: str, result: Result | None) -> None:
        self.summary.setText(summary)
        currency = result.case.settings.currency_unit if result is not None else ""
        names = {p.id: p.name for p in result.case.projects} if result is not None else {}
        for key, block in self.blocks.items():
            block.set_value(result.five_values.get(key) if result is not None else None, currency, names)


def _amount(value: float | None, kind: str, currency_unit: str) -> str:
    if value is None:
        return PLACEHOLDER
    if kind == Kind.PRODUCTIVITY:
        return i18n.productivity_unit(currency_unit).text(value)
    if kind == Kind.COUNT:
        return _count(value)
    return i18n.words().format_value(value, kind, currency_unit)


def _count(value: float | None) -> str:
    return PLACEHOLDER if value is None else f"{value:,.0f}"
