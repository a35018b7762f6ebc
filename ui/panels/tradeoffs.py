"""The Trade-offs tab: what each target costs (optimizer/analysis/frontier.py in the app).

Pick a Settings key (the total budget, a share floor, a rate target...), a range around the case's
current value and a number of points; Compute solves the case at each level in the background (on the
document's analysis session and thread, not the what-if one) and the chart fills in point by point. A
sentence reads out the step around the current level; clicking a point loads the case at that level.
The chart is marked out of date when the case changes in any other way, and recomputed on request.
A level at which no portfolio meets the targets (they conflict there) is a grey cross on the level
axis, and the sentence says from which level on there is none, so the user sees where the frontier ends.
A level where the time limit came before any portfolio was found (there may be one) is a grey question
mark on the level axis, and the sentence says so: it is not the end of the frontier.
"""

from __future__ import annotations

from PySide6.QtCharts import QLegend, QLineSeries, QScatterSeries
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from optimizer.analysis.common import AnalysisError
from optimizer.analysis.frontier import (
    Frontier,
    FrontierPoint,
    check_levels,
    describe_key,
    key_kind,
    levels_between,
    sweep,
    with_setting,
)
from optimizer.errors import CaseError
from optimizer.model.case import Case
from optimizer.model.targets import PERCENT_KINDS, SCORE_UNIT, Kind, Objective, is_limit, setting, slider_settings
from optimizer.solve.solver import Status
from optimizer.words.text import said
from ui import i18n
from ui.charts.view import CURRENT_COLOUR, SPEND_COLOUR, ChartView, add_subtitle
from ui.window.document import PlanningDocument

TASK = "frontier"
FIRST_KEYS = tuple(s.key for s in slider_settings())
"""Offered first, whether the case sets them or not (the limits with a what-if slider); then every other limit
the case sets."""
DEFAULT_POINTS = 7
NO_PORTFOLIO_COLOUR = QColor("#7f7f7f")
CROSS_SIZE = 14
LOWEST_LEVEL, HIGHEST_LEVEL = -1e9, 1e12
"""The range boxes' bounds for a key without bounds of its own."""


def is_percent(key: str) -> bool:
    return setting(key).kind in PERCENT_KINDS


def level_scale(key: str, currency_unit: str = "") -> float:
    """From the key's value to the level the boxes and the axis show: percent for shares and rates, labour
    productivity in the KPI cards' unit (78.00 万元/人 for 0.0078 亿元, i18n.productivity_unit), else as it is."""
    if is_percent(key):
        return 100.0
    if setting(key).kind == Kind.PRODUCTIVITY:
        return i18n.productivity_unit(currency_unit).factor
    return 1.0


def level_unit(key: str, currency_unit: str) -> str:
    """The unit of the levels shown (level_scale): "%", 万元/人, the case's money unit..."""
    if is_percent(key):
        return "%"
    if setting(key).kind == Kind.PRODUCTIVITY:
        return i18n.productivity_unit(currency_unit).unit
    return i18n.words().unit(setting(key).kind, currency_unit)


def current_level(case: Case, key: str) -> float | None:
    """The key's value in the case, None when the case does not set it."""
    value = case.settings.limits.get(key)
    return None if value is None else float(value)


def default_range(case: Case, key: str) -> tuple[float, float]:
    """Around the case's value: 60%–140% of a money limit, ±10 percentage points of a share or rate.

    A key the case does not set starts from the total capex of all projects (money), or a typical
    level for its kind."""
    spec = setting(key)
    kind = spec.kind
    value = current_level(case, key)
    if kind in PERCENT_KINDS:
        centre = value if value is not None else 0.3 if kind == Kind.SHARE else 0.05
        low = max(0.0, centre - 0.10)
        high = min(spec.allowed.high, centre + 0.10)
        return round(low, 6), round(high, 6)
    if value is None:
        value = sum(p.total_capex for p in case.projects) if kind == Kind.MONEY else 1.0
    return round(value * 0.6, 6), round(value * 1.4, 6)


def level_bounds(key: str, currency_unit: str = "") -> tuple[float, float]:
    """The lowest and highest level of the key that the range boxes take (in the key's unit: shares and
    rates as fractions): the values the engine takes (the registry's `allowed`), within the boxes' bounds."""
    allowed = setting(key).allowed
    lowest, highest = allowed.low, allowed.high
    if allowed.low_open:
        lowest += 1e-4  # above the bound (a growth above -100%): 0.01 percentage points, the boxes' step
    scale = level_scale(key, currency_unit)
    return max(lowest, LOWEST_LEVEL / scale), min(highest, HIGHEST_LEVEL / scale)


def offered_keys(case: Case | None) -> list[str]:
    keys = list(FIRST_KEYS)
    if case is not None:
        for key in case.settings.limits:
            if key not in keys and is_limit(key):
                keys.append(key)
    return keys


def _same_but(a: Case, b: Case, key: str) -> bool:
    """The two cases are the same apart from the key's value."""
    try:
        return with_setting(a, key, 0.0) == with_setting(b, key, 0.0)
    except Exception:  # noqa: BLE001 -- a case that cannot be compared is treated as changed
        return False


class TradeoffChart(ChartView):
    """The best objective at each level of one key; the current level marked; points clickable."""

    pointClicked = Signal(int)  # index of the frontier point

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tradeoff_chart")
        self._xs: list[float] = []
        self._indices: list[int] = []
        self._no_portfolio_xs: list[float] = []
        self._timed_out_xs: list[float] = []
        self.show_frontier(None, None, None)

    def show_frontier(self, frontier: Frontier | None, current: float | None, unit_words: str | None,
                      objective: str = "", stale: bool = False) -> None:
        """Draw the points solved so far: those with a portfolio on the line, those where no portfolio meets
        the targets as grey crosses on the level axis, those where the time limit came before any portfolio
        was found as grey question marks there; current is the case's level of the key."""
        title = self.tr("Best objective against the target")
        if frontier is not None:
            what = _key_label(frontier.vary) if i18n.is_chinese() else describe_key(frontier.vary)
            title = self.tr("Best objective against {what}").format(what=what)
        chart = self.reset_chart(title)
        self._xs, self._indices = [], []
        points = [] if frontier is None else [(i, p) for i, p in enumerate(frontier.points) if p.has_portfolio]
        scale = 1.0 if frontier is None else level_scale(frontier.vary, frontier.currency_unit)
        solved = frontier.points if frontier else []
        self._no_portfolio_xs = sorted(p.value * scale for p in solved if p.status == Status.INFEASIBLE)
        self._timed_out_xs = sorted(p.value * scale for p in solved if p.status == Status.NO_SOLUTION)
        if not points:
            add_subtitle(chart, self.tr("not computed yet") if frontier is None or not any(
                p.status for p in frontier.points) else self.tr("no portfolio at any level solved so far"))
            if self._no_portfolio_xs or self._timed_out_xs:
                self._draw_no_portfolio(chart, frontier, unit_words, objective, 0.0, 1.0)
            else:
                chart.legend().hide()
            return
        if stale:
            add_subtitle(chart, self.tr("out of date: the case has changed since; press Compute"))
        chart.legend().show()
        points.sort(key=lambda item: item[1].value)
        line = QLineSeries()
        line.setName(self.tr("Best objective"))
        line.setPen(QPen(SPEND_COLOUR, 2.5))
        dots = QScatterSeries()
        dots.setName(self.tr("Click a point to load it"))
        dots.setColor(SPEND_COLOUR)
        dots.setMarkerSize(11)
        for i, p in points:
            xy = QPointF(p.value * scale, p.objective_value)
            line.append(xy)
            dots.append(xy)
            self._xs.append(p.value * scale)
            self._indices.append(i)
        chart.addSeries(line)
        chart.addSeries(dots)
        dots.clicked.connect(self._on_clicked)
        line.clicked.connect(self._on_clicked)
        ys = [p.objective_value for _, p in points]
        pad_y = (max(ys) - min(ys)) * 0.08 or 1.0
        x_axis = self._level_axis(frontier, unit_words, current)
        y_axis = self.value_axis(objective or self.tr("Objective"), min(ys) - pad_y, max(ys) + pad_y)
        series = [line, dots]
        for marks in self._mark_series(y_axis.min() + 0.03 * (y_axis.max() - y_axis.min())):
            series.append(marks)
            chart.addSeries(marks)
            _cross_in_legend(chart, marks)
        if current is not None:
            marker = QLineSeries()
            marker.setName(self.tr("Current level {value}").format(value=_format(frontier, current)))
            marker.append([QPointF(current * scale, y_axis.min()), QPointF(current * scale, y_axis.max())])
            marker.setPen(QPen(CURRENT_COLOUR, 2, Qt.PenStyle.DashLine))
            chart.addSeries(marker)
            series.append(marker)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for s in series:
            s.attachAxis(x_axis)
            s.attachAxis(y_axis)

    def _level_axis(self, frontier: Frontier, unit_words: str | None, current: float | None):
        """The x axis: the key's levels (percent for shares and rates), wide enough for every level drawn."""
        scale = level_scale(frontier.vary, frontier.currency_unit)
        xs = self._xs + self._no_portfolio_xs + self._timed_out_xs + ([current * scale] if current is not None else [])
        pad_x = (max(xs) - min(xs)) * 0.05 or 1.0
        x_title = describe_key(frontier.vary).said_in(i18n.is_chinese())
        x_title = x_title[:1].upper() + x_title[1:]  # "ROE floor", not str.capitalize's "Roe floor"
        if unit_words:
            x_title = f"{x_title} ({unit_words})"
        x_axis = self.value_axis(x_title, min(xs) - pad_x, max(xs) + pad_x)
        if scale != 1.0 or x_axis.max() - x_axis.min() < 10:
            x_axis.setLabelFormat("%.1f")
        return x_axis

    def _mark_series(self, y: float) -> list[QScatterSeries]:
        """At height `y` (the bottom of the plot), not clickable: grey crosses for the levels where no portfolio
        meets the targets, grey question marks for those where the time limit came before any was found."""
        found = []
        for name, xs, label, image in (
                ("no_portfolio", self._no_portfolio_xs, self.tr("No portfolio meets the targets"), _cross_image),
                ("timed_out", self._timed_out_xs, self.tr("No portfolio found within the time limit"),
                 _question_image)):
            if not xs:
                continue
            marks = QScatterSeries()
            marks.setObjectName(name)
            marks.setName(label)
            marks.setMarkerSize(CROSS_SIZE)
            marks.setColor(NO_PORTFOLIO_COLOUR)
            marks.setLightMarker(image(CROSS_SIZE, NO_PORTFOLIO_COLOUR))
            for x in xs:
                marks.append(QPointF(x, y))
            found.append(marks)
        return found

    def _draw_no_portfolio(self, chart, frontier: Frontier, unit_words: str | None, objective: str, low: float,
                           high: float) -> None:
        """Only marks (no level has a portfolio): the level axis, and an objective axis without figures."""
        chart.legend().show()
        x_axis = self._level_axis(frontier, unit_words, None)
        y_axis = self.value_axis(objective or self.tr("Objective"), low, high)
        y_axis.setLabelsVisible(False)
        marks = self._mark_series(low + 0.03 * (high - low))
        for series in marks:
            chart.addSeries(series)
            _cross_in_legend(chart, series)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in marks:
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

    def no_portfolio_levels(self) -> list[float]:
        """The levels drawn as "no portfolio" crosses (x in the axis unit), read back from the chart."""
        return self._marked_levels("no_portfolio")

    def timed_out_levels(self) -> list[float]:
        """The levels drawn as "not found within the time limit" question marks, read back from the chart."""
        return self._marked_levels("timed_out")

    def _marked_levels(self, name: str) -> list[float]:
        series = [s for s in self.chart().series() if s.objectName() == name]
        return sorted(p.x() for s in series for p in s.points())

    def _on_clicked(self, point: QPointF) -> None:
        if self._xs:
            nearest = min(range(len(self._xs)), key=lambda j: abs(self._xs[j] - point.x()))
            self.pointClicked.emit(self._indices[nearest])

    def drawn_points(self) -> list[tuple[float, float]]:
        """The points as drawn (x in the axis unit: percent for shares and rates)."""
        dots = self._dots()
        return [(p.x(), p.y()) for p in dots.points()] if dots is not None else []

    def _dots(self) -> QScatterSeries | None:
        """The clickable points (those with a portfolio), None before any is drawn."""
        series = [s for s in self.chart().series()
                  if isinstance(s, QScatterSeries) and s.objectName() not in ("no_portfolio", "timed_out")]
        return series[0] if series else None

    def click(self, index: int) -> None:
        """Click the drawn point `index` (in drawing order, left to right), as a user would."""
        dots = self._dots()
        dots.clicked.emit(dots.points()[index])


def _cross_image(size: int, colour: QColor) -> QImage:
    """A cross ("x") of the given size, drawn on a transparent image: the marker of a level with no portfolio."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, max(2.0, size / 6), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    margin = size * 0.2
    painter.drawLine(QPointF(margin, margin), QPointF(size - margin, size - margin))
    painter.drawLine(QPointF(margin, size - margin), QPointF(size - margin, margin))
    painter.end()
    return image


def _question_image(size: int, colour: QColor) -> QImage:
    """A question mark ("?") of the given size, on a transparent image: the marker of a level where the time
    limit came before any portfolio was found (there may be one)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setPen(QPen(colour))
    font = painter.font()
    font.setPixelSize(size)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "?")
    painter.end()
    return image


def _cross_in_legend(chart, crosses: QScatterSeries) -> None:
    """The legend shows the series' own marker (the cross), not the usual square."""
    for marker in chart.legend().markers(crosses):
        marker.setShape(QLegend.MarkerShape.MarkerShapeFromSeries)


def _key_label(key: str) -> str:
    """The key's name in the app's language."""
    return i18n.words().limit_label(key)


def _format(frontier: Frontier, value: float) -> str:
    """A level as the frontier's sentences say it, in the app's language."""
    return str(i18n.words().say(frontier.level(value)))


class TradeoffsPanel(QWidget):
    """Key, range and points; Compute / Cancel; the chart and the sentence."""

    loadRequested = Signal(object)  # the Case at a clicked level

    def __init__(self, document: PlanningDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tradeoffs_panel")
        self.case: Case | None = None
        self.frontier: Frontier | None = None
        self._computed_case: Case | None = None
        self.stale = False
        self.session = document.analysis_session
        self.tasks = document.analysis_tasks(self)
        self.tasks.progress.connect(self._on_progress)
        self.tasks.finished.connect(self._on_finished)
        self.tasks.failed.connect(self._on_failed)
        self._build()
        self.set_case(None)

    def _build(self) -> None:
        self.key_combo = QComboBox()
        self.key_combo.setObjectName("tradeoff_key")
        self.key_combo.currentIndexChanged.connect(self._on_key)
        self.low_box, self.high_box = QDoubleSpinBox(), QDoubleSpinBox()
        for box in (self.low_box, self.high_box):
            box.setRange(LOWEST_LEVEL, HIGHEST_LEVEL)
            box.setDecimals(2)
            box.setKeyboardTracking(False)
            # Its width from the level shown, not from the widest number the range allows (-1e9 to 1e12).
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.points_box = QSpinBox()
        self.points_box.setRange(2, 25)
        self.points_box.setValue(DEFAULT_POINTS)
        self.points_box.setSuffix(self.tr(" points"))
        self.compute_button = QPushButton(self.tr("Compute"))
        self.compute_button.setObjectName("tradeoff_compute")
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.chart = TradeoffChart()
        self.chart.pointClicked.connect(self._on_point_clicked)
        self.sentence = QLabel()
        self.sentence.setObjectName("tradeoff_sentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.sentence.font()
        font.setBold(True)
        self.sentence.setFont(font)

        # The key on a line of its own, the range and the buttons on the next: on one line they asked for
        # about 900 px, the whole right-hand pane of a 1366 px window. The list is as wide as the pane lets
        # it be, down to about 20 characters; the open list shows each key in full.
        self.key_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.key_combo.setMinimumContentsLength(20)
        key_row = QHBoxLayout()
        key_row.addWidget(QLabel(self.tr("Target:")))
        key_row.addWidget(self.key_combo, 1)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("from")))
        bar.addWidget(self.low_box, 1)
        bar.addWidget(QLabel(self.tr("to")))
        bar.addWidget(self.high_box, 1)
        bar.addWidget(self.points_box)
        bar.addWidget(self.compute_button)
        bar.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(key_row)
        layout.addLayout(bar)
        layout.addWidget(self.progress)
        layout.addWidget(self.chart, 1)
        layout.addWidget(self.sentence)
        layout.addWidget(self.status)

    # --- feeding ----------------------------------------------------------------------------------
    def set_case(self, case: Case | None) -> None:
        """The window's case: the keys on offer, the current level, and whether the chart is out of date."""
        new_file = case is not None and (self.case is None or self.case.source != case.source)
        self.case = case
        keys = offered_keys(case)
        known = [self.key_combo.itemData(i) for i in range(self.key_combo.count())]
        if keys != known:
            chosen = self.key_combo.currentData()
            self.key_combo.blockSignals(True)
            self.key_combo.clear()
            for key in keys:
                self.key_combo.addItem(_key_label(key), key)
            self.key_combo.setCurrentIndex(max(0, self.key_combo.findData(chosen)))
            self.key_combo.blockSignals(False)
            self._on_key()
        elif new_file:
            self._on_key()  # the range around the new case's level
        self.compute_button.setEnabled(case is not None and bool(case.projects))
        if self.frontier is not None and self._computed_case is not None and case is not None:
            self.stale = not _same_but(case, self._computed_case, self.frontier.vary)
        self._show()

    def key(self) -> str:
        return self.key_combo.currentData()

    def _on_key(self) -> None:
        key = self.key()
        if key is None or self.case is None:
            return
        percent = is_percent(key)
        currency = self.case.settings.currency_unit
        unit = level_unit(key, currency)
        low, high = default_range(self.case, key)
        scale = level_scale(key, currency)
        lowest, highest = level_bounds(key, currency)
        for box, value in ((self.low_box, low), (self.high_box, high)):
            box.setSuffix(f" {unit}" if unit and not percent else unit)
            box.setDecimals(2)
            box.setRange(lowest * scale, highest * scale)  # only levels the key can take can be typed
            box.setValue(value * scale)

    def levels(self) -> list[float]:
        """The levels asked for, in the key's own unit (shares and rates as fractions)."""
        scale = level_scale(self.key(), self.case.settings.currency_unit if self.case is not None else "")
        return levels_between(self.low_box.value() / scale, self.high_box.value() / scale, self.points_box.value())

    # --- computing --------------------------------------------------------------------------------
    def compute(self) -> None:
        if self.case is None:
            return
        key, levels = self.key(), self.levels()
        refused = self.range_problem(key, levels)
        if refused:
            self.status.setText(self.tr("The trade-off could not be computed: {0}").format(refused))
            return
        self._computed_case = self.case
        self.frontier = None
        self.stale = False
        self._partial = Frontier(key, *key_kind(key), self.case.settings.objective, self.case.settings.currency_unit,
                                 [FrontierPoint(v) for v in levels])
        self.progress.setRange(0, len(levels))
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v of %m levels solved"))
        self.progress.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Solving the case at each level…"))
        self.tasks.start(TASK, sweep, self.case, key, levels, session=self.session)
        self._show()

    def range_problem(self, key: str, levels: list[float]) -> str:
        """Why the case cannot be solved at these levels of the key, in the app's language ("" when it can):
        a level the key cannot take, or a target the case lacks the Enterprise figures for."""
        words = i18n.words()
        try:
            check_levels(self.case, key, levels)
        except CaseError as error:
            return ("；" if i18n.is_chinese() else "; ").join(words.text(p.message) for p in error.problems)
        except AnalysisError as error:
            return words.text(said(error))
        return ""

    def cancel(self) -> None:
        self.tasks.cancel(TASK)
        self._done()
        self.status.setText(self.tr("Cancelled; the levels solved so far are shown."))

    def running(self) -> bool:
        return self.tasks.running(TASK)

    def wait(self, msecs: int = 60000) -> bool:
        return self.tasks.wait(msecs)

    def _on_progress(self, name: str, step) -> None:
        if name != TASK or not isinstance(step.item, FrontierPoint):
            return
        for i, point in enumerate(self._partial.points):
            if point.value == step.item.value and not point.status:
                self._partial.points[i] = step.item
                break
        self.progress.setValue(step.done)
        self._show()

    def _on_finished(self, name: str, frontier: Frontier) -> None:
        if name != TASK:
            return
        self.frontier = frontier
        self._partial = frontier
        self._done()
        solved = sum(p.has_portfolio for p in frontier.points)
        self.status.setText(self.tr("{solved} of {total} levels have a portfolio. Click a point to load that "
                                    "case.").format(solved=solved, total=len(frontier.points)))
        self._show()

    def _on_failed(self, name: str, message: str) -> None:
        if name == TASK:
            self._done()
            self.status.setText(self.tr("The trade-off could not be computed: {0}").format(message))

    def _done(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)

    # --- showing ----------------------------------------------------------------------------------
    def shown_frontier(self) -> Frontier | None:
        """The points computed so far (all of them once finished)."""
        return self.frontier if self.frontier is not None else getattr(self, "_partial", None)

    def _show(self) -> None:
        frontier = self.shown_frontier()
        current = None if frontier is None or self.case is None else current_level(self.case, frontier.vary)
        unit = None
        objective = ""
        if frontier is not None:
            unit = level_unit(frontier.vary, frontier.currency_unit)
            unit_of_objective = SCORE_UNIT.said_in(i18n.is_chinese()) if frontier.objective == Objective.SCORE \
                else i18n.words().currency(frontier.currency_unit)
            objective = f"{i18n.words().objective(frontier.objective)} ({unit_of_objective})"
        self.chart.show_frontier(frontier, current, unit, objective, stale=self.stale)
        self.sentence.setText(self.current_sentence())

    def current_sentence(self) -> str:
        """The step around the case's current level in words (the first step when it has none), between
        levels with a portfolio; then where the frontier ends, if it does (optimizer.analysis.frontier says
        both; optimizer.words says them in the app's language)."""
        frontier = self.shown_frontier()
        if frontier is None or self.case is None:
            return ""
        words = i18n.words()
        points = sorted((i for i, p in enumerate(frontier.points) if p.has_portfolio),
                        key=lambda i: frontier.points[i].value)
        said = []
        if len(points) >= 2:
            current = current_level(self.case, frontier.vary)
            a = 0
            if current is not None:
                below = [j for j, i in enumerate(points) if frontier.points[i].value <= current + 1e-12]
                a = min(below[-1], len(points) - 2) if below else 0
            said.append(words.text(frontier.sentence(points[a], points[a + 1])))
        said += [words.text(sentence) for sentence in frontier.ending()]
        return ("" if words.chinese else " ").join(said)  # Chinese sentences follow each other without a space

    def _on_point_clicked(self, index: int) -> None:
        frontier = self.shown_frontier()
        if frontier is None or self.case is None:
            return
        point = frontier.points[index]
        self.status.setText(self.tr("Loaded the case with the {what} at {value}.").format(
            what=_key_label(frontier.vary), value=_format(frontier, point.value)))
        self.loadRequested.emit(with_setting(self.case, frontier.vary, point.value))
