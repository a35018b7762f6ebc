"""Risk and stability in the app (optimizer/analysis/risk.py, optimizer/analysis/stability.py).

- `RiskLine`: the current portfolio's pessimistic NPV and CVaR 90% under the KPI cards, where the
  case gives NPV ranges (npv_low, npv_high);
- `RiskPanel`: the NPV–risk frontier (best expected NPV at each risk aversion against its pessimistic
  NPV and CVaR), computed on request in the background with progress and Cancel;
- `StabilityRun`: re-solves with NPVs drawn in their ranges in the background, with a progress dialog
  and Cancel; it hands back the case it ran on with the `Stability`.

Both run on the document's analysis session and thread (ui/window/document.py), never on the session
the what-if sliders solve on.
"""

from __future__ import annotations

from PySide6.QtCharts import QLineSeries, QScatterSeries
from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from optimizer.analysis.frontier import risk_frontier
from optimizer.analysis.risk import RiskFigures, has_npv_ranges, portfolio_risk
from optimizer.analysis.stability import DRAWS, draw_gap, stability
from optimizer.model.case import Case
from optimizer.model.targets import Kind
from optimizer.report.result import Result
from ui import i18n
from ui.charts.view import BUDGET_COLOUR, CURRENT_COLOUR, SPEND_COLOUR, ChartView, add_subtitle
from ui.window.document import PlanningDocument

STABILITY_DRAWS = DRAWS
"""The default number of draws: about 15 s on the 80-project demo case (each draw to a 0.5% gap)."""


def money(value: float, unit: str) -> str:
    return i18n.words().format_value(value, Kind.MONEY, unit)


class RiskLine(QLabel):
    """One line: "Risk: pessimistic NPV … · CVaR 90% … (expected …)"; hidden without NPV ranges."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("risk_line")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures: RiskFigures | None = None
        self.hide()

    def set_result(self, result: Result | None) -> None:
        self.figures = None
        if result is not None and result.solution.has_portfolio:
            self.figures = portfolio_risk(result.case, result.solution.portfolio)
        if self.figures is None:
            self.hide()
            return
        f, unit = self.figures, result.case.settings.currency_unit
        self.setText(self.tr("Risk: pessimistic NPV {low} · CVaR {level:.0%} {cvar} · expected NPV {expected} "
                             "(risk aversion {aversion:.2f})").format(
            low=money(f.pessimistic_npv, unit), level=f.level, cvar=money(f.cvar, unit),
            expected=money(f.expected_npv, unit), aversion=result.case.settings.risk_aversion))
        self.setToolTip(self.tr("Pessimistic NPV: every chosen project at its npv_low. CVaR {level:.0%}: the mean "
                                "NPV of the worst {tail:.0%} of {n} scenarios drawn from triangular distributions "
                                "(seed {seed}).").format(level=f.level, tail=1 - f.level, n=f.scenarios,
                                                         seed=f.seed))
        self.show()


class RiskFrontierChart(ChartView):
    """Best expected NPV against the pessimistic NPV and the CVaR, one point per risk aversion."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("risk_frontier_chart")
        self.set_frontier(None)

    def set_frontier(self, frontier, current: float | None = None) -> None:
        chart = self.reset_chart(self.tr("Expected NPV against risk"))
        if frontier is not None:  # the unit in the title: an axis title with it is cut in a short chart
            chart.setTitle(f"{chart.title()} ({i18n.words().currency(frontier.currency_unit)})")
        points = [p for p in (frontier.points if frontier else []) if p.has_portfolio and p.risk is not None]
        if not points:
            chart.legend().hide()
            add_subtitle(chart, self.tr("not computed yet") if frontier is None else self.tr("no portfolio found"))
            return
        chart.legend().show()
        lines = []
        for name, colour, x in ((self.tr("against pessimistic NPV"), SPEND_COLOUR, lambda r: r.pessimistic_npv),
                                (self.tr("against CVaR 90%"), BUDGET_COLOUR, lambda r: r.cvar)):
            line = QLineSeries()
            line.setName(name)
            line.setPointsVisible(True)
            line.setPen(QPen(colour, 2.5))
            line.append([QPointF(x(p.risk), p.risk.expected_npv) for p in points])
            lines.append(line)
        if current is not None:
            near = min(points, key=lambda p: abs(p.value - current))
            marker = QScatterSeries()
            marker.setName(self.tr("Risk aversion {0:.2f}").format(near.value))
            marker.setColor(CURRENT_COLOUR)
            marker.append(QPointF(near.risk.pessimistic_npv, near.risk.expected_npv))
            lines.append(marker)
        xs = [pt.x() for s in lines for pt in s.points()]
        ys = [pt.y() for s in lines for pt in s.points()]
        pad_x, pad_y = (max(xs) - min(xs)) * 0.05 or 1.0, (max(ys) - min(ys)) * 0.08 or 1.0
        x_axis = self.value_axis(self.tr("Pessimistic NPV or CVaR 90%"),
                                  min(xs) - pad_x, max(xs) + pad_x)
        y_axis = self.value_axis(self.tr("Expected NPV"), min(ys) - pad_y, max(ys) + pad_y)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for s in lines:
            chart.addSeries(s)
            s.attachAxis(x_axis)
            s.attachAxis(y_axis)


class RiskPanel(QWidget):
    """The NPV–risk frontier of the current case, computed when asked."""

    TASK = "risk_frontier"

    def __init__(self, document: PlanningDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("risk_panel")
        self.case: Case | None = None
        self.frontier = None
        self.tasks = document.analysis_tasks(self)
        self.session = document.analysis_session
        self.compute_button = QPushButton(self.tr("Compute the NPV–risk frontier"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.progress = QProgressBar()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.chart = RiskFrontierChart()
        row = QHBoxLayout()
        row.addWidget(self.compute_button)
        row.addWidget(self.progress, 3)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.chart, 1)
        self.compute_button.clicked.connect(self.compute)
        self.cancel_button.clicked.connect(self.cancel)
        self.tasks.progress.connect(self._on_progress)
        self.tasks.finished.connect(self._on_finished)
        self.tasks.failed.connect(self._on_failed)
        self._busy(False)
        self.set_case(None)

    def available(self, case: Case | None) -> bool:
        return case is not None and case.settings.objective == "npv" and has_npv_ranges(case)

    def set_case(self, case: Case | None) -> None:
        """A new or edited case: the frontier shown belongs to the old one, so it goes."""
        self.cancel()
        self.case, self.frontier = case, None
        self.chart.set_frontier(None)
        self.compute_button.setEnabled(self.available(case))
        self.note.setText(self.tr("Each point is the best portfolio at one risk aversion (0 to 1): its expected "
                                  "NPV against its pessimistic NPV and its CVaR 90%.") if self.available(case) else
                          self.tr("The NPV–risk frontier needs the npv objective and projects with NPV ranges "
                                  "(npv_low, npv_high)."))

    def compute(self) -> None:
        if not self.available(self.case):
            return
        self._busy(True)
        # to the case's own gap: a picture of the trade-off, at the pace of a slider move
        self.tasks.start(self.TASK, risk_frontier, self.case, session=self.session,
                         time_limit=self.case.settings.time_limit, gap=self.case.settings.mip_gap)

    def cancel(self) -> None:
        self.tasks.cancel(self.TASK)
        self._busy(False)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.compute_button.setEnabled(not busy and self.available(self.case))
        if busy:
            self.progress.setRange(0, 0)

    def _on_progress(self, _name: str, step) -> None:
        self.progress.setRange(0, step.total)
        self.progress.setValue(step.done)

    def _on_finished(self, _name: str, frontier) -> None:
        self._busy(False)
        self.frontier = frontier
        self.chart.set_frontier(frontier, self.case.settings.risk_aversion if self.case else None)

    def _on_failed(self, _name: str, message: str) -> None:
        self._busy(False)
        self.note.setText(self.tr("The frontier could not be computed: {0}").format(message))


class StabilityRun(QObject):
    """Runs stability() in the background with a progress dialog; `done(case, stability)` when finished."""

    TASK = "stability"
    done = Signal(object, object)  # the case it ran on, the Stability
    failed = Signal(str)

    def __init__(self, document: PlanningDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.tasks = document.analysis_tasks(self)
        self.session = document.analysis_session
        self.case: Case | None = None
        self.gap = 0.0
        self.dialog: QProgressDialog | None = None
        self.tasks.progress.connect(self._on_progress)
        self.tasks.finished.connect(self._on_finished)
        self.tasks.failed.connect(self._on_failed)

    def start(self, case: Case, draws: int = STABILITY_DRAWS) -> None:
        self.case = case
        self.gap = draw_gap(case)
        dialog = QProgressDialog(self._label(0, draws), self.tr("Cancel"), 0, draws, self.parent_widget)
        dialog.setObjectName("stability_progress")
        dialog.setWindowTitle(self.tr("Test stability"))
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self.cancel)
        dialog.setValue(0)
        dialog.show()
        self.dialog = dialog
        self.tasks.start(self.TASK, stability, case, draws=draws, session=self.session, gap=self.gap)

    def running(self) -> bool:
        return self.tasks.running(self.TASK)

    def cancel(self) -> None:
        self.tasks.cancel(self.TASK)
        self._close()

    def _close(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.canceled.disconnect(self.cancel)
            dialog.close()
            dialog.deleteLater()

    def _on_progress(self, _name: str, step) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(step.total)
            self.dialog.setValue(step.done)
            self.dialog.setLabelText(self._label(step.done, step.total))

    def _label(self, done: int, total: int) -> str:
        """The dialog's line: which draw, and the gap each draw is solved to."""
        return self.tr("Re-solving with NPVs drawn in their ranges: draw {0} of {1}, each solved to within {2} of "
                       "the best portfolio for its NPVs").format(done, total, f"{self.gap:.1%}")

    def _on_finished(self, _name: str, value) -> None:
        self._close()
        self.done.emit(self.case, value)

    def _on_failed(self, _name: str, message: str) -> None:
        self._close()
        self.failed.emit(message)
