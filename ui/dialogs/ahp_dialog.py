"""Weights of the score objective by pairwise comparison (the Analytic Hierarchy Process, optimizer/analysis/ahp.py).

One row per pair of criteria: the left one, a choice on Saaty's 1..9 scale, the right one. The arrow
of each choice points to the criterion that matters more. The weights (the principal eigenvector)
and the consistency ratio follow every change; above 0.1 the dialog warns, and OK still applies.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from itertools import combinations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from optimizer.analysis.ahp import SCALE, AhpResult, criteria_weights

WARNING_COLOUR = "#b71c1c"


def scale_text(value: float) -> str:
    """1/3 for a third, 5 for five."""
    return str(Fraction(value).limit_denominator(9))


class AhpDialog(QDialog):
    """Compare criteria two at a time; `result()` gives the weights and the consistency ratio."""

    def __init__(self, criteria: Sequence[str], labels: Mapping[str, str] | None = None,
                 weights: Mapping[str, float] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ahp_dialog")
        self.setWindowTitle(self.tr("Weights by pairwise comparison"))
        self.criteria = tuple(criteria)
        self.labels = {c: (labels or {}).get(c, c) for c in self.criteria}
        self.combos: dict[tuple[str, str], QComboBox] = {}
        intro = QLabel(self.tr("For each pair, choose which criterion matters more and how much, on Saaty's "
                               "scale: 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more "
                               "important. The arrow points to the one that matters more."))
        intro.setWordWrap(True)
        pairs = QWidget()
        grid = QGridLayout(pairs)
        for row, (a, b) in enumerate(combinations(self.criteria, 2)):
            combo = QComboBox()
            for value in reversed(SCALE):  # 9 (left matters more) ... 1 ... 1/9 (right matters more)
                combo.addItem(self._choice_text(value), value)
            combo.setCurrentIndex(combo.findData(1.0))
            combo.currentIndexChanged.connect(self._update)
            self.combos[(a, b)] = combo
            grid.addWidget(QLabel(self.labels[a]), row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(QLabel(self.labels[b]), row, 2)
        scroll = QScrollArea()
        scroll.setWidget(pairs)
        scroll.setWidgetResizable(True)
        self.weights_box = QGroupBox(self.tr("Weights"))
        weights_grid = QGridLayout(self.weights_box)
        self.weight_labels: dict[str, QLabel] = {}
        for row, c in enumerate(self.criteria):
            weights_grid.addWidget(QLabel(self.labels[c]), row, 0)
            self.weight_labels[c] = QLabel()
            weights_grid.addWidget(self.weight_labels[c], row, 1)
        self.consistency = QLabel()
        self.consistency.setObjectName("ahp_consistency")
        self.warning = QLabel()
        self.warning.setObjectName("ahp_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {WARNING_COLOUR};")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.weights_box)
        layout.addWidget(self.consistency)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        if weights:
            self._start_from(weights)
        self._update()
        self.resize(620, 640)

    def _choice_text(self, value: float) -> str:
        words = {1: self.tr("equal"), 3: self.tr("moderately"), 5: self.tr("strongly"), 7: self.tr("very strongly"),
                 9: self.tr("extremely")}
        if value == 1:
            return f"1 {words[1]}"
        k = round(value if value > 1 else 1 / value)
        text = f"{k} {words[k]}" if k in words else str(k)
        return f"◀ {text}" if value > 1 else f"{text} ▶"

    def _start_from(self, weights: Mapping[str, float]) -> None:
        """Judgements from given weights: each pair's ratio, to the nearest value on the scale."""
        for a, b in self.combos:
            wa, wb = weights.get(a, 0.0), weights.get(b, 0.0)
            if wa > 0 and wb > 0:
                self.set_judgement(a, b, min(SCALE, key=lambda v, r=wa / wb: abs(_log(v) - _log(r))))

    # --- the judgements ---
    def set_judgement(self, a: str, b: str, value: float) -> None:
        """How much more `a` matters than `b` (a value of the scale; 1/3 means b matters 3 times more)."""
        if (a, b) not in self.combos:
            a, b, value = b, a, 1 / value
        combo = self.combos[(a, b)]
        combo.setCurrentIndex(min(range(combo.count()), key=lambda i: abs(_log(combo.itemData(i)) - _log(value))))

    def judgements(self) -> dict[tuple[str, str], float]:
        return {pair: float(combo.currentData()) for pair, combo in self.combos.items()}

    def result(self) -> AhpResult:
        return criteria_weights(self.judgements(), self.criteria)

    def weights(self) -> dict[str, float]:
        return self.result().weights

    def _update(self, *_args) -> None:
        result = self.result()
        for c, label in self.weight_labels.items():
            label.setText(f"{result.weights[c]:.3f}")
        self.consistency.setText(self.tr("Consistency ratio: {0:.3f} (at most 0.1 is consistent enough)")
                                 .format(result.consistency_ratio))
        self.warning.setText("" if result.consistent else self.tr(
            "The comparisons contradict each other too much (consistency ratio {0:.3f} is above 0.1): review the "
            "pairs (if A matters more than B and B more than C, A should matter more than C).")
            .format(result.consistency_ratio))
        self.warning.setVisible(not result.consistent)


def _log(value: float) -> float:
    return math.log(value)
