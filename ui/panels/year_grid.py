"""The boxes of the targets form, the column the targets and rules forms scroll in, and the grid of the "one
profit, five rates" targets by year.

The grid has a row per target and a column for every year (the plain target, `min_roe`) followed by one per
plan year (`min_roe_2028`). The targets' check boxes and names stay in place on the left; the columns of boxes
scroll sideways when the form is narrower than they are (five plan years in a 420-px dock), so a row's name is
always beside its boxes. A year's box may be left blank: that year has no target of its own.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


def scrolled_column(panel: QWidget, boxes) -> QScrollArea:
    """Lay `boxes` one under the other in a scroll area that fills `panel` (a form in a narrow dock: the targets,
    the rules); it scrolls up and down, never sideways."""
    content = QWidget()
    layout = QVBoxLayout(content)
    for box in boxes:
        layout.addWidget(box)
    layout.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    outer = QVBoxLayout(panel)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return scroll


WIDEST_CELL = "≥ 100.00"
"""A box of the grid is as wide as this (a rate in percent); a longer number scrolls inside its box."""


class SpinBox(QDoubleSpinBox):
    """A spin box that ignores the mouse wheel unless focused, so scrolling the form changes nothing."""

    def __init__(self, width: int | None = None):
        super().__init__()
        self.setFocusPolicy(Qt.StrongFocus)
        self.setKeyboardTracking(False)  # valueChanged on Enter / leaving the box, not on each key
        self.setAlignment(Qt.AlignRight)
        if width is not None:
            self.setFixedWidth(width)

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

    def number(self) -> float | None:
        """The number shown (None only in a box that may be blank)."""
        return self.value()

    def set_number(self, number: float | None, fallback: float) -> None:
        """Show `number`, or `fallback` where there is none to show."""
        self.setValue(fallback if number is None else number)

    def set_span(self, lowest: float, highest: float) -> None:
        """The numbers the box takes."""
        self.setRange(lowest, highest)

    def make_compact(self) -> None:
        """A box of the grid: no arrows, as wide as WIDEST_CELL."""
        self.setButtonSymbols(QAbstractSpinBox.NoButtons)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance(WIDEST_CELL) + 12)


class YearCell(SpinBox):
    """A target's box for one plan year, blank when the year has no target of its own.

    The number one below the lowest allowed stands for blank and shows as nothing (or, in grey, what applies
    instead); typing nothing makes a box blank again. The sense is written before the number (≤ 64.00), as in
    the other boxes of the form.
    """

    def __init__(self, sign: str):
        super().__init__()
        self._sign = sign.strip()
        self._lowest = 0.0
        self.make_compact()

    def set_span(self, lowest: float, highest: float) -> None:
        """The numbers the box takes, from `lowest` to `highest` (blank is below them)."""
        self._lowest = lowest
        self.setRange(lowest - 1.0, highest)

    @property
    def blank(self) -> bool:
        return self.value() < self._lowest

    def number(self) -> float | None:
        return None if self.blank else self.value()

    def set_number(self, number: float | None, fallback: float = 0.0) -> None:
        self.setValue(self.minimum() if number is None else number)

    def set_inherited(self, text: str) -> None:
        """What a blank box shows in grey: the target that applies in its year instead ("" for none)."""
        self.lineEdit().setPlaceholderText(text)

    def _bare(self, text: str) -> str:
        return text.replace(self._sign, "").strip()

    def textFromValue(self, value: float) -> str:
        if value < self._lowest:
            return ""
        return f"{self._sign} {super().textFromValue(value)}"

    def valueFromText(self, text: str) -> float:
        bare = self._bare(text)
        return self.minimum() if not bare else super().valueFromText(bare)

    def validate(self, text: str, pos: int):
        bare = self._bare(text)
        if not bare:
            return QValidator.Acceptable, text, pos
        if bare.startswith("-") and self._lowest >= 0:  # the number that stands for blank is no number to type
            return QValidator.Invalid, text, pos
        state, _, _ = super().validate(bare, len(bare))
        if state == QValidator.Acceptable and super().valueFromText(bare) < self._lowest:
            state = QValidator.Invalid
        return state, text, pos

    def stepBy(self, steps: int) -> None:
        """An arrow key on a blank box starts from the target that applies instead, else from the lowest."""
        if self.blank and steps > 0:
            inherited = self._bare(self.lineEdit().placeholderText())
            self.setValue(super().valueFromText(inherited) if inherited else self._lowest)
            return
        super().stepBy(steps)


class SideScroll(QScrollArea):
    """Scrolls its content sideways only, as tall as the content (and its scroll bar, while one shows)."""

    def __init__(self, content: QWidget):
        super().__init__()
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)

    def _height(self) -> int:
        content = self.widget()
        bar = self.horizontalScrollBar().sizeHint().height()
        narrow = content.minimumSizeHint().width() > self.viewport().width()
        return content.minimumSizeHint().height() + (bar if narrow else 0)

    def fit(self) -> None:
        height = self._height()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        hint.setHeight(self._height())
        return hint


class YearGrid(QWidget):
    """Rows of targets: a check box and a name on the left, then the boxes of every column, which scroll."""

    def __init__(self, every_year: QLabel):
        super().__init__()
        self.names = QGridLayout()
        self.names.setContentsMargins(0, 0, 0, 0)
        content = QWidget()
        self.boxes = QGridLayout(content)
        self.boxes.setContentsMargins(0, 0, 0, 0)
        self.headers: list[QLabel] = [every_year]
        self._header_spacer = QLabel()
        self.names.addWidget(self._header_spacer, 0, 0, 1, 2)
        every_year.setAlignment(Qt.AlignCenter)
        self.boxes.addWidget(every_year, 0, 0)
        self.scroll = SideScroll(content)
        left = QVBoxLayout()
        left.addLayout(self.names)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left)
        layout.addWidget(self.scroll, 1, Qt.AlignTop)
        self.names.setColumnStretch(1, 1)
        self._rows: list[tuple[QWidget, ...]] = []
        self._columns = 1

    def add_row(self, check: QWidget, name: QLabel, box: QWidget) -> int:
        """A target's row, its every-year box in the first column; its index (1 for the first target)."""
        row = len(self._rows) + 1
        self.names.addWidget(check, row, 0)
        self.names.addWidget(name, row, 1)
        self.boxes.addWidget(box, row, 0)
        self._rows.append((check, name, box))
        return row

    def set_years(self, years: tuple[int, ...]) -> None:
        """The headers of the plan years' columns (their boxes are put with `put`)."""
        for label in self.headers[1:]:
            self.boxes.removeWidget(label)
            label.deleteLater()
        self.headers = self.headers[:1]
        for column, year in enumerate(years, start=1):
            label = QLabel(str(year))
            label.setAlignment(Qt.AlignCenter)
            self.boxes.addWidget(label, 0, column)
            self.headers.append(label)
        self.boxes.setColumnStretch(self._columns, 0)
        self._columns = len(years) + 1
        self.boxes.setColumnStretch(self._columns, 1)  # spare width right of the boxes, not between them
        for label in (self.headers[0], self._header_spacer):
            label.setVisible(bool(years))

    def put(self, box: QWidget, row: int, column: int) -> None:
        self.boxes.addWidget(box, row, column)

    def take(self, box: QWidget) -> None:
        self.boxes.removeWidget(box)
        box.deleteLater()

    def fit_rows(self) -> None:
        """Each row as tall on the left as among the boxes, so that a name stays beside its boxes."""
        header = self.headers[0].sizeHint().height() if self.headers[0].isVisibleTo(self) else 0
        for grid in (self.names, self.boxes):
            grid.setRowMinimumHeight(0, header)
        for row, widgets in enumerate(self._rows, start=1):
            height = max(w.sizeHint().height() for w in widgets)
            for grid in (self.names, self.boxes):
                grid.setRowMinimumHeight(row, height)
        self.scroll.fit()
