"""The analyses' messages in the app's language: a Why (not) question that cannot be answered, a
trade-off range that cannot be computed, and a level where the time limit came before any portfolio;
said in Chinese in the Chinese app (no English sentence left), in English in the English one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from tests.builders import make_workbook
from tests.test_engine import ENTERPRISE, random_projects
from ui.i18n import install_language
from ui.main_window import MainWindow
from ui.settings import AppSettings

LIMITS = {"total_budget": 40.0, "min_strategic_share": 0.3, "objective": "npv"}
HAN = re.compile(r"[\u4e00-\u9fff]")


def english_words(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Words of English in a text, but for the values it carries (`allowed`: ids, keys...)."""
    for value in allowed:
        text = text.replace(value, " ")
    return re.findall(r"[A-Za-z]{2,}", text)


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp) -> str:
    assert install_language(qapp, request.param) == request.param
    return request.param


@pytest.fixture
def window(language, qtbot, tmp_path):
    path = make_workbook(tmp_path / "small.xlsx", random_projects(8, n=7), LIMITS, ENTERPRISE)
    w = MainWindow(AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.controller.resultReady, timeout=60000):
        assert w.open_case(Path(path))
    yield w
    w.explainer.tasks.cancel()
    w.explainer.wait()
    w.tradeoffs.tasks.cancel()
    w.tradeoffs.wait()
    w.controller.cancel()
    w.controller.wait()


def test_a_question_that_cannot_be_answered_is_said_in_the_apps_language(qtbot, window, language):
    # A project the case does not hold (the table showed a result of an older case): the engine's
    # AnalysisError, said in the app's language, without the exception's class name.
    with qtbot.waitSignal(window.explainer.tasks.finished, timeout=60000):
        dialog = window.explainer.explain("P999")
    text = dialog.headline.text()
    assert "AnalysisError" not in text and dialog.explanation is None and dialog.progress.isHidden()
    if language == "zh_CN":
        assert text == "无法回答此问题：案例中没有项目编号为“P999”的项目"
        assert english_words(text, ("P999",)) == []
    else:
        assert text == "The question could not be answered: there is no project with id 'P999' in the case"
