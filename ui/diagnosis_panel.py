"""Why the targets cannot all be met, in words, with one click to relax them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from optimizer.report import Result


class DiagnosisPanel(QWidget):
    relaxRequested = Signal(dict)  # {settings key: best reachable value}

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("All targets are met."))
        self.summary.setWordWrap(True)
        self.messages = QListWidget()
        self.messages.setWordWrap(True)
        self.relax_button = QPushButton(self.tr("Relax the conflicting targets to their best reachable values"))
        self.relax_button.setEnabled(False)
        self.relax_button.clicked.connect(self._relax)
        layout.addWidget(self.summary)
        layout.addWidget(self.messages, 1)
        layout.addWidget(self.relax_button)
        self._relaxed: dict[str, float] = {}

    def set_result(self, result: Result | None) -> None:
        self.messages.clear()
        items = result.diagnosis if result is not None else []
        self._relaxed = {d.constraint: d.best_reachable for d in items if d.best_reachable is not None
                         and d.constraint != "project_rules"}
        if not items:
            self.summary.setText(self.tr("All targets are met."))
        else:
            self.summary.setText(self.tr("The targets cannot all be met. Relax one of these:"))
            for item in items:
                self.messages.addItem(item.message)
        self.relax_button.setEnabled(bool(self._relaxed))

    def relaxed_limits(self) -> dict[str, float]:
        return dict(self._relaxed)

    def _relax(self) -> None:
        if self._relaxed:
            self.relaxRequested.emit(dict(self._relaxed))
