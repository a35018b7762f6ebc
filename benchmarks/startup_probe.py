"""One start of the app as `python main.py` starts it, timed: prints one JSON line with the seconds from the
launch of the process (the wall-clock time the parent passes as the first argument) to the window's first
paint and to the demo's answer shown (the window's portfolio filled), then quits.

    python benchmarks/startup_probe.py LAUNCH_EPOCH_SECONDS [FIRST_PAINT.png]

The app is started through main.main([]) itself; the probe only watches: it wraps MainWindow.__init__ to
listen to the window's first paint and the document's first answer with a portfolio, and ends the event loop
a moment after that answer was painted. Run by benchmarks/startup_bench.py (cold and warm)."""

from __future__ import annotations

import json
import os
import sys
import time

LAUNCHED = float(sys.argv[1])
GRAB = sys.argv[2] if len(sys.argv) > 2 else None
sys.path.insert(0, os.getcwd())  # the engine measured: the working directory (benchmarks/run.py --compare)
marks: dict[str, float] = {}


def mark(name: str) -> None:
    marks.setdefault(name, time.time() - LAUNCHED)


def watch() -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.window import main_window

    original = main_window.MainWindow.__init__

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and "window_painted" not in marks:
                mark("window_painted")
                if GRAB:  # what the user sees at that moment (taken before the case is opened)
                    QTimer.singleShot(0, lambda: watched.grab().save(GRAB))
            return False

    def answered(result) -> None:
        if result is not None and result.solution.has_portfolio and "answer_shown" not in marks:
            # The answer is shown once the window has painted it: the next turn of the event loop.
            QTimer.singleShot(0, lambda: (mark("answer_shown"), QTimer.singleShot(50, QApplication.quit)))

    def init(self, *args, **kwargs):
        mark("window_created")
        original(self, *args, **kwargs)
        self._startup_probe = FirstPaint(self)
        self.installEventFilter(self._startup_probe)
        self.document.resultChanged.connect(answered)

    def open_case(self, path):
        mark("case_opening")
        return opened(self, path)

    opened = main_window.MainWindow.open_case
    main_window.MainWindow.__init__ = init
    main_window.MainWindow.open_case = open_case


if __name__ == "__main__":
    mark("python_started")
    watch()
    mark("app_imported")
    import main

    main.main([])
    print(json.dumps({key: round(value, 3) for key, value in marks.items()}), flush=True)
