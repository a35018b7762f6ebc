"""Start the desktop app: `python main.py [CASE.xlsx]`."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from optimizer.paths import DEMO_CASE, ICON

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
    from .main_window import MainWindow

    app = make_application([])
    window = MainWindow()
    window.show()
    if not window.offer_restore():
        window.open_case(Path(args[0]) if args else DEMO_CASE)
    return app.exec()
