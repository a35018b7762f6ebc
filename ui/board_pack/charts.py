"""The pack's charts drawn with QPainter as PNG images at print resolution (300 dpi), in the pack's font.

    png = chart_png(pack_chart, fonts)     # bytes of a PNG, 16 cm wide at 300 dpi

A bar chart (spend against budget by year; capex by strategic category, horizontal, the long names read along
their bars) or a line chart (the trade-off curve, the level in force marked). The numbers are the pack's own
(optimizer/report/pack.py); only the drawing is here.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from optimizer.report.pack import BarChart, LineChart
from ui.board_pack.fonts import PackFonts

DPI = 300
WIDTH_CM = 16.0
"""The text width of an A4 page with 2 cm margins, less a little: the chart fills the width of the text."""
COLOURS = (QColor("#2F5D8A"), QColor("#B7C4D1"), QColor("#C0504D"))
INK, GRID, MUTED = QColor("#222222"), QColor("#D9D9D9"), QColor("#595959")
TITLE_PT, LABEL_PT, SMALL_PT = 11.0, 8.5, 7.5


def chart_png(chart: BarChart | LineChart, fonts: PackFonts) -> bytes:
    """The chart as a PNG at 300 dpi."""
    image = draw(chart, fonts)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def size_cm(chart: BarChart | LineChart) -> tuple[float, float]:
    """The printed size: wide charts 16 × 8 cm, a horizontal bar chart as tall as its bars need."""
    if isinstance(chart, BarChart) and chart.horizontal:
        return WIDTH_CM, max(6.0, 2.6 + 0.75 * len(chart.labels))
    return WIDTH_CM, 8.0


def draw(chart: BarChart | LineChart, fonts: PackFonts) -> QImage:
    width_cm, height_cm = size_cm(chart)
    image = QImage(_px(width_cm), _px(height_cm), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(DPI / 0.0254))
    image.setDotsPerMeterY(round(DPI / 0.0254))
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        canvas = _Canvas(painter, fonts, QRectF(0, 0, image.width(), image.height()))
        if isinstance(chart, LineChart):
            canvas.line_chart(chart)
        elif chart.horizontal:
            canvas.horizontal_bars(chart)
        else:
            canvas.vertical_bars(chart)
    finally:
        painter.end()
    return image


def _px(cm: float) -> int:
    return round(cm / 2.54 * DPI)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis values from low to high (0 included for bars), about `count` of them."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _number(value: float, step: float) -> str:
    decimals = 0 if step >= 1 else min(4, max(1, -math.floor(math.log10(step))))
    return f"{value:,.{decimals}f}"


class _Canvas:
    def __init__(self, painter: QPainter, fonts: PackFonts, area: QRectF) -> None:
        self.p, self.fonts, self.area = painter, fonts, area
        self.pad = _px(0.25)

    def font(self, points: float, bold: bool = False) -> QFont:
        font = self.fonts.font(points, bold)
        self.p.setFont(font)
        return font

    def text_width(self, text: str, points: float) -> float:
        return QFontMetricsF(self.font(points), self.p.device()).horizontalAdvance(text)

    def line_height(self, points: float) -> float:
        return QFontMetricsF(self.font(points), self.p.device()).height()

    def title(self, text: str) -> float:
        """The title at the top, left; returns where the plot may start."""
        self.font(TITLE_PT, bold=True)
        self.p.setPen(INK)
        height = self.line_height(TITLE_PT)
        self.font(TITLE_PT, bold=True)
        self.p.drawText(QRectF(self.pad, self.pad, self.area.width() - 2 * self.pad, height),
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        return self.pad + height * 1.2

    def legend(self, names: list[str], top: float) -> float:
        """The series' names in a row under the title, right-aligned; returns where the plot may start."""
        if len(names) < 2:
            return top
        height = self.line_height(LABEL_PT)
        box = height * 0.6
        widths = [box + self.pad * 0.5 + self.text_width(name, LABEL_PT) + self.pad * 1.5 for name in names]
        x = self.area.width() - self.pad - sum(widths)
        self.font(LABEL_PT)
        for i, name in enumerate(names):
            self.p.fillRect(QRectF(x, top + (height - box) / 2, box, box), COLOURS[i % len(COLOURS)])
            self.p.setPen(INK)
            self.p.drawText(QRectF(x + box + self.pad * 0.5, top, widths[i], height),
                            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
            x += widths[i]
        return top + height * 1.4

    def unit_label(self, text: str, x: float, y: float) -> None:
        self.font(SMALL_PT)
        self.p.setPen(MUTED)
        self.p.drawText(QPointF(x, y), text)

    # --- bars upward, one group per label ----------------------------------------------------------------
    def vertical_bars(self, chart: BarChart) -> None:
        top = self.legend([name for name, _ in chart.series], self.title(chart.title))
        values = [v for _, series in chart.series for v in series if v is not None]
        ticks = nice_ticks(0.0, max(values, default=1.0) * 1.08)
        step = ticks[1] - ticks[0]
        label_h = self.line_height(LABEL_PT)
        left = self.pad + max(self.text_width(_number(t, step), SMALL_PT) for t in ticks) + self.pad
        unit_h = self.line_height(SMALL_PT)
        plot = QRectF(left, top + unit_h * 1.8, self.area.width() - left - self.pad,
                      self.area.height() - top - unit_h * 1.8 - label_h * 1.6 - self.pad)
        self.unit_label(chart.unit, self.pad, top + unit_h * 0.8)

        def y_of(v: float) -> float:
            return plot.bottom() - (v - ticks[0]) / (ticks[-1] - ticks[0]) * plot.height()

        self._y_grid(plot, ticks, step, y_of)
        slot = plot.width() / max(1, len(chart.labels))
        bar = slot * 0.7 / len(chart.series)
        for i, label in enumerate(chart.labels):
            x0 = plot.left() + i * slot + slot * 0.15
            for s, (_, series) in enumerate(chart.series):
                v = series[i]
                if v is None:
                    continue
                rect = QRectF(x0 + s * bar, y_of(v), bar * 0.92, y_of(0.0) - y_of(v))
                self.p.fillRect(rect, COLOURS[s % len(COLOURS)])
                self.font(SMALL_PT)
                self.p.setPen(INK)
                self.p.drawText(QRectF(rect.left() - bar, rect.top() - unit_h, rect.width() + 2 * bar, unit_h),
                                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, _number(v, step / 10))
            self.font(LABEL_PT)
            self.p.setPen(INK)
            self.p.drawText(QRectF(plot.left() + i * slot, plot.bottom() + label_h * 0.2, slot, label_h),
                            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
        self._axis(plot)

    def _y_grid(self, plot: QRectF, ticks: list[float], step: float, y_of) -> None:
        height = self.line_height(SMALL_PT)
        for t in ticks:
            y = y_of(t)
            self.p.setPen(QPen(GRID, _px(0.02)))
            self.p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            self.font(SMALL_PT)
            self.p.setPen(MUTED)
            self.p.drawText(QRectF(self.pad, y - height / 2, plot.left() - 1.5 * self.pad, height),
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _number(t, step))

    def _axis(self, plot: QRectF) -> None:
        self.p.setPen(QPen(INK, _px(0.03)))
        self.p.drawLine(plot.bottomLeft(), plot.bottomRight())
        self.p.drawLine(plot.bottomLeft(), plot.topLeft())

    # --- bars across, one row per label -----------------------------------------------------------------
    def horizontal_bars(self, chart: BarChart) -> None:
        top = self.title(chart.title)
        values = chart.series[0][1]
        ticks = nice_ticks(0.0, max((v for v in values if v is not None), default=1.0) * 1.12)
        step = ticks[1] - ticks[0]
        label_w = min(self.area.width() * 0.4, max(self.text_width(label, LABEL_PT) for label in chart.labels))
        left = self.pad + label_w + self.pad
        tick_h = self.line_height(SMALL_PT)
        plot = QRectF(left, top, self.area.width() - left - self.pad * 2, self.area.height() - top - tick_h * 2.6)

        def x_of(v: float) -> float:
            return plot.left() + (v - ticks[0]) / (ticks[-1] - ticks[0]) * plot.width()

        for t in ticks:
            x = x_of(t)
            self.p.setPen(QPen(GRID, _px(0.02)))
            self.p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            self.font(SMALL_PT)
            self.p.setPen(MUTED)
            self.p.drawText(QRectF(x - plot.width() / 10, plot.bottom() + tick_h * 0.2, plot.width() / 5, tick_h),
                            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, _number(t, step))
        self.unit_label(chart.unit, plot.right() - self.text_width(chart.unit, SMALL_PT), plot.bottom() + tick_h * 2.2)
        slot = plot.height() / max(1, len(chart.labels))
        for i, (label, v) in enumerate(zip(chart.labels, values, strict=True)):
            y = plot.top() + i * slot
            self.font(LABEL_PT)
            self.p.setPen(INK)
            self.p.drawText(QRectF(self.pad, y, label_w, slot),
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            if v is None:
                continue
            rect = QRectF(plot.left(), y + slot * 0.18, x_of(v) - plot.left(), slot * 0.64)
            self.p.fillRect(rect, COLOURS[0])
            self.font(SMALL_PT)
            self.p.setPen(INK)
            self.p.drawText(QRectF(rect.right() + self.pad * 0.4, y, plot.width() / 4, slot),
                            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, _number(v, step / 10))
        self._axis(plot)

    # --- a curve over levels ---------------------------------------------------------------------------
    def line_chart(self, chart: LineChart) -> None:
        top = self.title(chart.title)
        xs = [x for x, _ in chart.points] + ([chart.current] if chart.current is not None else [])
        ys = [y for _, y in chart.points]
        span = max(ys) - min(ys) or max(1.0, abs(max(ys)) * 0.1)
        y_ticks = nice_ticks(min(ys) - span * 0.08, max(ys) + span * 0.08)
        x_ticks = nice_ticks(min(xs), max(xs))
        y_step, x_step = y_ticks[1] - y_ticks[0], x_ticks[1] - x_ticks[0]
        tick_h = self.line_height(SMALL_PT)
        left = self.pad + max(self.text_width(_number(t, y_step), SMALL_PT) for t in y_ticks) + self.pad
        plot = QRectF(left, top + tick_h * 1.8, self.area.width() - left - self.pad * 2,
                      self.area.height() - top - tick_h * 4.8)
        self.unit_label(chart.y_title, self.pad, top + tick_h * 0.8)

        def x_of(v: float) -> float:
            return plot.left() + (v - x_ticks[0]) / (x_ticks[-1] - x_ticks[0]) * plot.width()

        def y_of(v: float) -> float:
            return plot.bottom() - (v - y_ticks[0]) / (y_ticks[-1] - y_ticks[0]) * plot.height()

        self._y_grid(plot, y_ticks, y_step, y_of)
        for t in x_ticks:
            self.font(SMALL_PT)
            self.p.setPen(MUTED)
            self.p.drawText(QRectF(x_of(t) - plot.width() / 10, plot.bottom() + tick_h * 0.2, plot.width() / 5,
                                   tick_h), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                            _number(t, x_step))
        self.font(LABEL_PT)
        self.p.setPen(INK)
        self.p.drawText(QRectF(plot.left(), plot.bottom() + tick_h * 1.5, plot.width(), tick_h * 1.5),
                        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, chart.x_title)
        if chart.current is not None:
            x = x_of(chart.current)
            self.p.setPen(QPen(COLOURS[2], _px(0.03), Qt.PenStyle.DashLine))
            self.p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            self.font(SMALL_PT)
            self.p.setPen(COLOURS[2])
            flags = Qt.AlignmentFlag.AlignLeft if x < plot.center().x() else Qt.AlignmentFlag.AlignRight
            width = plot.width() / 3
            self.p.drawText(QRectF(x + self.pad * 0.4 if x < plot.center().x() else x - width - self.pad * 0.4,
                                   plot.top(), width, tick_h), flags | Qt.AlignmentFlag.AlignTop, chart.current_label)
        points = [QPointF(x_of(x), y_of(y)) for x, y in sorted(chart.points)]
        self.p.setPen(QPen(COLOURS[0], _px(0.05)))
        self.p.drawPolyline(points)
        self.p.setBrush(COLOURS[0])
        for point in points:
            self.p.drawEllipse(point, _px(0.07), _px(0.07))
        self._axis(plot)
