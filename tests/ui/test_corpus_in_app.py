"""Every broken or hostile workbook of the corpus, opened in the app: a dialog listing the problems
(the same words as the headless command), the case already open stays open, nothing crashes."""

from __future__ import annotations

from pathlib import Path

import pytest

from optimizer.paths import DEMO_CASE
from tests.corpus.make_corpus import CORPUS, make_corpus
from tests.ui.conftest import isolated_settings
from ui.window.main_window import MainWindow

ENTRIES = {entry.name: entry for entry, _ in CORPUS}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder)
    return folder


@pytest.fixture(scope="module")
def window(qapp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("settings")
    w = MainWindow(isolated_settings(folder))
    w.show()
    w.open_case(DEMO_CASE)
    yield w
    w.controller.cancel()
    w.controller.wait()
    w.close()


@pytest.mark.parametrize("name", list(ENTRIES))
def test_a_broken_workbook_opens_a_dialog_listing_its_problems(corpus, window, name):
    opened = window.case
    assert window.open_case(corpus / name) is False
    box = window._problems_box
    listed = box.detailedText()
    for words in ENTRIES[name].expected:
        assert words in listed, listed
    assert "Traceback" not in listed
    assert window.case is opened  # what was open stays open
    box.close()
