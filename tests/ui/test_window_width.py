"""The main window fits a 1366x768 screen, the smallest common office laptop, in English and Chinese:
on the demo case with an answer, whichever tab is shown, after a trade-off is computed and a scenario saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from optimizer.paths import DEMO_CASE
from tests.ui.conftest import isolated_settings
from ui.i18n import install_language
from ui.window.main_window import MainWindow

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 768


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(50)


def assert_fits(qtbot, window, where: str) -> None:
    settle(qtbot)
    assert window.minimumSizeHint().width() <= SCREEN_WIDTH, where
    assert window.width() <= SCREEN_WIDTH, where  # the window did not grow past the screen


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_window_fits_1366_pixels_wide_at_every_tab(qtbot, qapp, tmp_path, language):
    assert install_language(qapp, language) == language
    window = MainWindow(isolated_settings(tmp_path))
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    try:
        with qtbot.waitSignal(window.controller.resultReady, timeout=60000):
            assert window.open_case(Path(DEMO_CASE))
        assert_fits(qtbot, window, "the first answer")
        for tabs in (window.answer_tabs, window.left_tabs):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                assert_fits(qtbot, window, tabs.tabText(index))

        panel = window.tradeoffs
        window.answer_tabs.setCurrentWidget(panel)
        panel.key_combo.setCurrentIndex(panel.key_combo.findData("total_budget"))
        panel.points_box.setValue(3)
        with qtbot.waitSignal(panel.tasks.finished, timeout=120000):
            panel.compute()
        assert_fits(qtbot, window, "a computed trade-off")
        # the chosen target is not cut short in its list
        combo = panel.key_combo
        assert combo.width() > combo.fontMetrics().horizontalAdvance(combo.currentText()), combo.currentText()

        window.scenarios.ask_name = lambda default: default
        window.save_scenario()
        window.answer_tabs.setCurrentWidget(window.scenarios)
        assert_fits(qtbot, window, "a saved scenario")
    finally:
        window.tradeoffs.tasks.cancel()
        window.controller.cancel()
        window.controller.wait()
        install_language(qapp, "en")
