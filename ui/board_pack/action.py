"""File ▸ Export board pack…: the window's current answer (its what-ifs, ticks and edits) as a committee pack,
in the app's language, with the trade-off curve when the Trade-offs tab holds one for this case.

The pack is drawn on a pool thread (ui/window/tasks.py), so a large case does not freeze the window; the status
line says when it is written, a message box why it could not be.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from optimizer.errors import ExportError
from optimizer.report.result import Result
from optimizer.words.language import Words
from optimizer.words.text import said
from ui import i18n
from ui.window.tasks import Tasks

TASK = "board_pack"


def write_pack_in_background(result: Result, path: str, language: str, frontier, *, progress=None,
                             cancel=None) -> tuple[str, str | None]:
    """(path, None) once written; (path, why not, in the pack's language) for a pack that cannot be written."""
    from ui.board_pack.writer import write_board_pack

    try:
        write_board_pack(result, path, language=language, frontier=frontier)
    except ExportError as error:
        return path, Words(language).text(said(error))
    return path, None


class BoardPackExport(QObject):
    """The menu action and its background task."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.action = QAction(self.tr("Export &board pack…"), window)
        self.action.setToolTip(self.tr("The recommendation as a Word document or a PDF for the investment committee"))
        self.action.triggered.connect(self.export_dialog)
        self.tasks = Tasks(self)
        self.tasks.finished.connect(self._on_finished)
        self.tasks.failed.connect(self._on_failed)

    def export_dialog(self) -> None:
        result = self.window.result
        if result is None or self.window.case is None:
            return
        stem = Path(self.window.case.source).stem if self.window.case.source else "case"
        name = self.tr("board-pack")  # the default file name's ending
        default = str(Path(self.window.settings.last_folder()) / f"{stem}-{name}.pdf")
        word, pdf = self.tr("Word documents (*.docx)"), self.tr("PDF documents (*.pdf)")
        path, chosen = QFileDialog.getSaveFileName(self.window, self.tr("Export board pack"), default,
                                                   f"{pdf};;{word}")
        if not path:
            return
        if not Path(path).suffix:
            path += ".docx" if chosen == word else ".pdf"
        self.export_to(path)

    def export_to(self, path: str) -> None:
        """Write the pack of the window's answer to `path` in the background."""
        result = self.window.result
        if result is None:
            return
        frontier = self._frontier()

        def write() -> None:
            self.window.statusBar().showMessage(self.tr("Writing the board pack to {0}…").format(path))
            self.tasks.start(TASK, write_pack_in_background, result, path, i18n.language(), frontier)

        self.window.when_valued(result, write)  # the pack's limits page with each step's worth, never blank

    def _frontier(self):
        """The trade-off curve of the Trade-offs tab, when it was computed for this case as it is now."""
        panel = getattr(self.window, "tradeoffs", None)
        if panel is None or panel.frontier is None or panel.stale:
            return None
        return panel.frontier

    def wait(self, msecs: int = 60000) -> bool:
        return self.tasks.wait(msecs)

    def _on_finished(self, _name: str, value: tuple[str, str | None]) -> None:
        path, problem = value
        if problem is not None:
            self._on_failed(TASK, problem)
            return
        self.window.statusBar().showMessage(self.tr("Board pack written to {0}").format(path), 8000)

    def _on_failed(self, _name: str, message: str) -> None:
        self.window.statusBar().clearMessage()
        QMessageBox.warning(self.window, self.tr("Board pack not written"), message)
