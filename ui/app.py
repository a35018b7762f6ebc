"""Start the desktop app: `python main.py [CASE.xlsx]`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from optimizer.paths import DEMO_CASE, ICON
from ui.i18n import install_language  # noqa: F401 (the app's entry points call it from here)

ORGANISATION = "PortfolioOptimizer"
APPLICATION = "Portfolio Optimizer"


def make_application(argv: list[str] | None = None) -> QApplication:
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    app.setWindowIcon(QIcon(str(ICON)))
    QGuiApplication.setDesktopFileName("portfolio-optimizer")  # matches packaging/portfolio-optimizer.desktop
    return app


def run_app(args: list[str]) -> int:
    from ui.window.main_window import MainWindow

    app = make_application([])
    from ui.settings import AppSettings

    settings = AppSettings()
    install_language(app, settings.language())
    window = MainWindow(settings)
    window.show()
    from ui import i18n

    if i18n.is_chinese() and not i18n.has_chinese_font():  # said in English: no Chinese would show
        window.statusBar().showMessage("No Chinese font found: install one (e.g. fonts-noto-cjk) to read this "
                                       "interface, or choose View > Language > English.")
    window.open_first_case(Path(args[0]) if args else DEMO_CASE)
    return app.exec()
