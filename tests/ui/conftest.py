"""What every Qt test shares: it starts in English, whatever the machine's locale (a test that wants Chinese
asks for it), and its settings are its own, in a folder of its own (`isolated_settings`, the `app_settings`
fixture), never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ui.i18n import install_language
from ui.settings import AppSettings


def isolated_settings(folder: Path) -> AppSettings:
    """The app's settings kept in an .ini file in `folder` (recent files, layout, language, data folder)."""
    return AppSettings(QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def app_settings(tmp_path) -> AppSettings:
    return isolated_settings(tmp_path)


@pytest.fixture(autouse=True)
def english(qapp):
    install_language(qapp, "en")
    yield
    install_language(qapp, "en")
