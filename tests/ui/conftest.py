"""Every Qt test starts in English, whatever the machine's locale; a test that wants Chinese asks for it."""

from __future__ import annotations

import pytest

from ui.i18n import install_language


@pytest.fixture(autouse=True)
def english(qapp):
    install_language(qapp, "en")
    yield
    install_language(qapp, "en")
