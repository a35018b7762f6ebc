"""The portfolio table's "Stays chosen" column is on screen in a 1366x768 window, English and Chinese,
with and without a pinned baseline (whose Change column takes room too), without scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from optimizer.analysis.stability import Stability
from optimizer.paths import DEMO_CASE
from tests.ui.conftest import isolated_settings
from ui.i18n import install_language
from ui.tables.portfolio_table import PortfolioTableModel as M
from ui.window.main_window import MainWindow

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768


def made_up_stability(result) -> Stability:
    """30 solved draws; the i-th project chosen in (7 i mod 31) of them, so its column reads round(that / 30)."""
    ids = sorted(result.solution.portfolio)
    return Stability(draws=30, seed=1, solved=30, chosen_in={pid: (7 * i) % 31 for i, pid in enumerate(ids)})


def assert_column_on_screen(qtbot, window, column: int, where: str) -> None:
    QApplication.processEvents()
    qtbot.wait(50)
    table = window.portfolio.table
    assert not table.isColumnHidden(column), where
    assert table.horizontalScrollBar().value() == 0, where
    left = table.horizontalHeader().sectionViewportPosition(column)
    width = table.horizontalHeader().sectionSize(column)
    assert 0 <= left and left + width <= table.viewport().width(), (where, left, width, table.viewport().width())
    assert width >= table.fontMetrics().horizontalAdvance("100%"), where
    # the table itself is in the window, not clipped by its right edge
    right = table.mapTo(window, table.rect().topRight()).x()
    assert right <= window.width(), where


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_stays_chosen_is_visible_at_1366_pixels(qtbot, qapp, tmp_path, language):
    assert install_language(qapp, language) == language
    window = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    try:
        with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
            assert window.open_case(Path(DEMO_CASE))
        result = blocker.args[0]
        assert window.width() <= SCREEN_WIDTH
        window.answer_tabs.setCurrentWidget(window.portfolio)
        stability = made_up_stability(result)
        window._on_stability(result.case, stability)
        assert_column_on_screen(qtbot, window, M.STABLE, "after a stability test")
        model = window.portfolio.model
        shown = {model.row_at(r).id: model.index(r, M.STABLE).data() for r in range(model.rowCount())}
        assert shown == {pid: f"{stability.chosen_in[pid] / 30:.0%}" for pid in result.solution.portfolio}
        # every column fits: nothing to scroll to
        assert window.portfolio.table.horizontalScrollBar().maximum() == 0

        window.pin_baseline()
        with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
            window.whatif.budget.slider.setValue(window.whatif.budget_position(0.8))
        moved = blocker.args[0]
        window._on_stability(moved.case, made_up_stability(moved))
        window.answer_tabs.setCurrentWidget(window.portfolio)
        assert_column_on_screen(qtbot, window, M.CHANGE, "with a baseline pinned")
        assert_column_on_screen(qtbot, window, M.STABLE, "with a baseline pinned")

        # a name cut short in its column is whole in the tooltip
        longest = max(range(model.rowCount()), key=lambda r: len(model.row_at(r).name))
        index = model.index(longest, M.NAME)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == model.row_at(longest).name
    finally:
        window.controller.cancel()
        window.controller.wait()
        install_language(qapp, "en")
