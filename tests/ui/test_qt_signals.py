"""The Qt binding itself: emitting a signal must not leak or free references (PySide6 6.12.0 on
Python 3.11 freed one reference to True per emit, and the app aborted after a few thousand)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_emitting_signals_keeps_the_reference_count_of_true():
    # In a process of its own: the faulty binding aborts the interpreter rather than failing an assert.
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QObject, Signal

        class Emitter(QObject):
            plain = Signal()
            with_values = Signal(int, object)

        emitter = Emitter()
        emitter.with_values.connect(lambda number, value: None)
        before = sys.getrefcount(True)
        for number in range(5000):
            emitter.plain.emit()
            emitter.with_values.emit(number, True)
        print(sys.getrefcount(True) - before)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr[-2000:]
    assert abs(int(run.stdout.strip())) < 50  # no drift with the number of emits (5,000 here)
