"""The Chinese interface: every text of ui/ translated, the app started in Chinese shows no English,
the language follows the system and switches from the View menu."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QTableView, QTabWidget

from optimizer.paths import DEMO_CASE
from optimizer.words.language import Words
from tests.ui.conftest import isolated_settings
from tools.update_translations import check, message_count, ts_file
from ui.i18n import install_language, language
from ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TS = ts_file("zh_CN")
# An English word: three letters or more, not an abbreviation in capitals (NPV, EVA, ROE, IRR, CNY, the
# project ids) and not a settings key (min_roe), which the Chinese interface shows as the workbook spells it.
ENGLISH_WORD = re.compile(r"(?<![A-Za-z_])[A-Za-z][a-z]{2,}(?![A-Za-z_])")
KEY = re.compile(r"[a-z]+(?:_[a-z0-9]+)+")
# file kinds and a key; "English" names that language
ALLOWED = {"Excel", "xlsx", "xls", "ods", "Word", "docx", "pdf", "Ctrl", "English"}
SHORTCUT = re.compile(r"(?<![R&])&(?=[A-Za-z])")  # not the & of "R&D" nor an escaped "&&"


def english_words(text: str) -> set[str]:
    plain = re.sub(r"<[^>]*>", " ", text or "")  # rich text: its tags are no words
    return set(ENGLISH_WORD.findall(KEY.sub("", plain))) - ALLOWED


def numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d,]*\.?\d*", text)


@pytest.fixture
def settings(tmp_path):
    return isolated_settings(tmp_path)


@pytest.fixture
def chinese(qapp):
    assert install_language(qapp, "zh_CN") == "zh_CN"
    yield
    install_language(qapp, "en")


def open_and_wait(qtbot, window):
    with qtbot.waitSignal(window.controller.resultReady, timeout=60000) as blocker:
        assert window.open_case(Path(DEMO_CASE))
    return blocker.args[0]


def close(window):
    window.controller.cancel()
    window.controller.wait()


# --- the translation files ------------------------------------------------------------------------
def test_every_text_of_the_interface_has_a_chinese_translation_and_the_qm_is_compiled_from_it():
    assert check("zh_CN") == []  # lupdate over ui/ finds nothing unfinished; lrelease gives the shipped .qm
    assert message_count(TS) >= 150


def test_each_translation_keeps_the_placeholders_and_shortcut_of_its_text():
    for message in ET.parse(TS).getroot().iter("message"):
        source, translation = message.findtext("source"), message.findtext("translation")
        assert set(re.findall(r"\{[^}]*\}", source)) == set(re.findall(r"\{[^}]*\}", translation)), source
        if SHORTCUT.search(source):  # a menu's or action's Alt+letter
            assert re.search(r"\(&[A-Z]\)", translation), (source, translation)
        assert not english_words(re.sub(r"\{[^}]*\}", "", translation)), (source, translation)


# --- the window in Chinese --------------------------------------------------------------------------
def visible_texts(window) -> list[str]:
    """What a user reads: menus, tabs, labels, buttons, boxes, headers, chart titles, and the cells
    the app writes itself (reasons, chosen shares, limits), not the workbook's own names."""
    texts = [window.windowTitle(), window.status_label.text()]
    for action in window.menuBar().actions():
        texts.append(action.text())
        texts += [a.text() for a in action.menu().actions()]
        texts += [a.text() for sub in action.menu().actions() if sub.menu() for a in sub.menu().actions()]
    texts += [w.text() for w in window.findChildren(QLabel) + window.findChildren(QAbstractButton)]
    texts += [w.title() for w in window.findChildren(QGroupBox)]
    texts += [w.placeholderText() for w in window.findChildren(QLineEdit)]
    texts += [tabs.tabText(i) for tabs in window.findChildren(QTabWidget) for i in range(tabs.count())]
    texts += [combo.itemText(i) for combo in window.findChildren(QComboBox) for i in range(combo.count())
              if combo not in (window.projects.entity_combo, window.rules.field_combo)]  # the workbook's names
    for view in window.findChildren(QChartView):
        chart = view.chart()
        texts += [chart.title()] + [axis.titleText() for axis in chart.axes()]
        texts += [series.name() for series in chart.series()]
    for view in window.findChildren(QTableView):
        model = view.model()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
    projects = window.projects.model
    from ui.tables.project_table import CHOSEN, REASON

    texts += [str(projects.index(r, c).data() or "") for r in range(projects.rowCount()) for c in (CHOSEN, REASON)]
    limits = window.diagnosis.constraints
    texts += [str(limits.index(r, c).data() or "") for r in range(limits.rowCount()) for c in range(5)]
    return texts


def test_the_app_started_in_chinese_shows_no_english_on_the_demo_case(qtbot, settings, chinese):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    result = open_and_wait(qtbot, window)
    try:
        assert window.left_tabs.tabText(0) == "候选项目"
        assert window.kpis.card("roe").title() == "净资产收益率"
        assert "亿元" in window.kpis.card("total_profit").value_text()
        assert any(x.code == "outcompeted" for x in result.excluded)
        found = {text: english_words(text) for text in visible_texts(window)}
        assert {text: words for text, words in found.items() if words} == {}
    finally:
        close(window)


def test_conflicting_targets_are_explained_in_chinese_with_the_engines_figures(qtbot, settings, chinese):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    open_and_wait(qtbot, window)
    try:
        with qtbot.waitSignal(window.controller.diagnosisReady, timeout=120000) as blocker:
            window.targets.caseEdited.emit(window.case.with_limits(min_rd_intensity=0.035))
        result = blocker.args[0]  # "infeasible" came first; this is the same answer with its diagnosis
        assert result.solution.status == "infeasible" and result.diagnosis
        shown = [window.diagnosis.messages.item(i).text() for i in range(window.diagnosis.messages.count())]
        assert len(shown) == len(result.diagnosis)
        for text, item in zip(shown, result.diagnosis, strict=True):
            assert not english_words(text), text
            assert "研发投入强度" in text or item.constraint != "min_rd_intensity"
            assert sorted(numbers(text)) == sorted(numbers(item.message))  # the same figures as the English
        assert "目标无法同时达成" in window.status_label.text()
    finally:
        close(window)


def test_switching_language_from_the_view_menu_rebuilds_the_window_with_the_same_answer(qtbot, settings):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    result = open_and_wait(qtbot, window)
    assert window.left_tabs.tabText(0) == "Candidate projects"
    window.answer_tabs.setCurrentIndex(2)
    with qtbot.waitSignal(window.replaced, timeout=10000) as blocker:
        window.language_actions["zh_CN"].trigger()
    chinese = blocker.args[0]
    qtbot.addWidget(chinese)
    try:
        assert language() == "zh_CN" and settings.language() == "zh_CN"
        assert chinese.left_tabs.tabText(0) == "候选项目"
        assert chinese.language_actions["zh_CN"].isChecked()
        assert chinese.answer_tabs.currentIndex() == 2
        assert chinese.result is result  # shown at once, not after a new solve
        assert chinese.portfolio.model.rowCount() == len(result.selected)
        assert chinese.windowTitle() == f"投资组合优化 — {DEMO_CASE.name}"
        assert chinese.autosave.active  # the old window let go of the autosave folder
        with qtbot.waitSignal(chinese.replaced, timeout=10000) as blocker:
            chinese.language_actions["en"].trigger()
        english = blocker.args[0]
        qtbot.addWidget(english)
        assert english.left_tabs.tabText(0) == "Candidate projects" and settings.language() == "en"
        close(english)
    finally:
        close(chinese)


@pytest.mark.parametrize("system, expected", [("zh_CN.UTF-8", "zh_CN"), ("zh_TW.UTF-8", "zh_CN"),
                                              ("en_GB.UTF-8", "en"), ("de_DE.UTF-8", "en")])
def test_the_language_follows_the_system_locale_unless_chosen(system, expected, tmp_path):
    script = ("import sys; sys.path.insert(0, sys.argv[1]);"
              "from ui.app import make_application, install_language;"
              "app = make_application([]);"
              "print(install_language(app, ''), install_language(app, 'en'))")
    env = {**os.environ, "LANG": system, "LC_ALL": "", "LC_MESSAGES": "", "QT_QPA_PLATFORM": "offscreen"}
    output = subprocess.run([sys.executable, "-c", script, str(ROOT)], env=env, capture_output=True, text=True,
                            check=True).stdout.split()
    assert output == [expected, "en"]


def test_dates_and_numbers_follow_the_language(qapp):
    from datetime import datetime

    from ui.panels.scenarios_panel import saved_text

    moment = datetime(2026, 3, 1, 9, 5)
    install_language(qapp, "zh_CN")
    try:
        assert saved_text(moment) == "2026/3/1 09:05"
        assert Words("zh_CN").format_value(1234.5, "money", "CNY 100m") == "1,234.50 亿元"
    finally:
        install_language(qapp, "en")
    assert saved_text(moment).replace("\u202f", " ") == "3/1/26 9:05 AM"  # CLDR puts a narrow space before AM
