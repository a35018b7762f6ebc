"""A KPI card's sparkline: the figure across the plan years, without new projects (faint) and with the portfolio,
with its target and the points that miss it, as the Year by year tab's charts draw them (ui/charts/years.py).

Painted by hand in `paintEvent`, not a QChart: the cards update at every what-if answer while a slider moves, and
eight charts would cost more than the cards themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from optimizer.model.targets import FIGURES, Sense
from optimizer.report.result import Kpi
from ui.charts.years import AFTER_COLOUR, MISSED_COLOUR, TARGET_COLOUR, misses, scale_of

BEFORE_COLOUR = QColor("#c4c4c4")
"""Fainter than the chart's: on a card the portfolio's line is what is read."""
BEFORE_ALONE_COLOUR = QColor("#7a7a7a")
"""Without a portfolio the group's own path is the only line."""


class Sparkline(QWidget):
    """One figure's path across the plan years; hidden with fewer than two years to draw."""

    HEIGHT = 20
    MARGIN = 3.0

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"sparkline_{key}")
        self.setFixedHeight(self.HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._path: dict[int, Kpi] = {}
        self.hide()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(120, self.HEIGHT)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(40, self.HEIGHT)

    def set_path(self, path: dict[int, Kpi], currency_unit: str) -> None:
        """The figure's KPI in each plan year (ui.charts.years.path_of); the tooltip lists them."""
        self._path = dict(path)
        drawable = len(path) >= 2 and any(k.before is not None or k.after is not None for k in path.values())
        if not drawable:
            self.clear()
            return
        scale = scale_of(FIGURES[self.key].kind, currency_unit)
        lines = []
        for year, kpi in path.items():
            if kpi.after is None:
                line = self.tr("{year}: {before} without new projects").format(year=year, before=scale.text(kpi.before))
            else:
                line = self.tr("{year}: {before} → {after}").format(year=year, before=scale.text(kpi.before),
                                                                    after=scale.text(kpi.after))
            if kpi.target is not None:
                sense = "≥" if kpi.sense == Sense.MIN else "≤"
                line += " " + self.tr("(target {sense} {value})").format(sense=sense, value=scale.text(kpi.target))
            lines.append(line)
        self.setToolTip("\n".join(lines))
        self.show()
        self.update()

    def clear(self) -> None:
        self._path = {}
        self.setToolTip("")
        self.hide()

    # --- what is drawn, for tests ------------------------------------------------------------------
    def values(self, which: str) -> dict[int, float]:
        """"before", "after" or "target" by plan year, in the engine's unit (years without one left out)."""
        return {year: getattr(kpi, which) for year, kpi in self._path.items() if getattr(kpi, which) is not None}

    def missed(self) -> list[tuple[int, float]]:
        """The points drawn red: (year, value) missing the year's target."""
        return misses(self._path)

    def point(self, year: int, value: float) -> QPointF:
        """Where a value of a plan year is drawn in the widget."""
        years = list(self._path)
        low, high = self._range()
        width, height, margin = self.width(), self.height(), self.MARGIN
        x = margin + (width - 2 * margin) * years.index(year) / (len(years) - 1)
        share = 0.5 if high == low else (value - low) / (high - low)
        return QPointF(x, height - margin - (height - 2 * margin) * share)

    def _range(self) -> tuple[float, float]:
        values = [v for which in ("before", "after", "target") for v in self.values(which).values()]
        return min(values), max(values)

    # --- drawing -------------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if len(self._path) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        targets = self.values("target")
        if targets:
            pen = QPen(TARGET_COLOUR, 1.0, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            if len(targets) == len(self._path):
                painter.drawPolyline(self._polygon(targets))
            else:  # a year's own target: a short dash at that year
                step = (self.width() - 2 * self.MARGIN) / (len(self._path) - 1)
                for year, value in targets.items():
                    at = self.point(year, value)
                    painter.drawLine(QPointF(at.x() - step / 3, at.y()), QPointF(at.x() + step / 3, at.y()))
        # Faint beside the portfolio's line; alone (no portfolio) it is the line to read.
        before = BEFORE_COLOUR if self.values("after") else BEFORE_ALONE_COLOUR
        for which, colour, width in (("before", before, 1.3), ("after", AFTER_COLOUR, 2.0)):
            values = self.values(which)
            if len(values) >= 2:
                painter.setPen(QPen(colour, width))
                painter.drawPolyline(self._polygon(values))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MISSED_COLOUR)
        for year, value in self.missed():
            painter.drawEllipse(self.point(year, value), 2.6, 2.6)
        painter.end()

    def _polygon(self, values: dict[int, float]) -> QPolygonF:
        return QPolygonF([self.point(year, value) for year, value in values.items()])
