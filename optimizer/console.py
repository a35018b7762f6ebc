"""What the headless command prints, and how it stops (docs/reliability.md, "The command in its environment").

The answer is in the files the user asked for (`--json`, `-o`) and in the exit status; the printout is a
courtesy that must never cost them. So:

- a reader that goes away (`| head -1`) is no error: printing stops, the files are written, the exit
  status is the solve's;
- a standard output that cannot be written (`> /dev/full`) is said once on stderr, the files are still
  written, and the exit status is 1;
- a console that cannot show a character (`PYTHONIOENCODING=ascii`, a Western Windows code page) shows
  it as an escape (\\u603b);
- control characters (ESC and the like, which can rewrite a terminal) in anything printed, the workbook's
  own text included, are printed as escapes (\\x1b);
- Ctrl-C, SIGTERM and SIGHUP become `Stopped` in the main thread, so a file being written is cleaned up
  (optimizer/io/files.py) and the command ends with one plain line and 128 + the signal's number.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import unicodedata
from collections.abc import Iterator
from typing import TextIO

from optimizer.words.text import Text

SIGNAL_NAMES = {"SIGINT": "Ctrl-C (SIGINT)", "SIGTERM": "SIGTERM", "SIGHUP": "SIGHUP"}
"""The signals the command stops on, as its message names them."""

_BIDI_CONTROLS = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
"""Invisible marks that reorder the text after them on screen (a file name that reads backwards)."""


class Stopped(BaseException):
    """The command was told to stop by a signal (Ctrl-C, kill): a BaseException, like KeyboardInterrupt, so
    that only code that cleans up (`except BaseException: ...; raise`) sees it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum  # what a shell reports for a command its signal ended: 130, 143, 129

    @property
    def name(self) -> str:
        return SIGNAL_NAMES.get(signal.Signals(self.signum).name, signal.Signals(self.signum).name)


class _State:
    lost = False  # standard output is gone (its reader left) or failed: nothing more is printed to it
    failure: OSError | None = None  # why it failed, when that is an error and not a reader that left


_state = _State()


def start() -> None:
    """Before a command: printing to stdout is possible again, and both streams show what they cannot encode as
    escapes instead of failing."""
    _state.lost, _state.failure = False, None
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.reconfigure(errors="backslashreplace")


def printing_failed() -> OSError | None:
    """Why standard output could not be written during the command (None: it could, or its reader left)."""
    return _state.failure


def escaped(text: str) -> str:
    """`text` with its control characters (but new lines and tabs) and bidirectional marks as escapes."""
    if text.isprintable():
        return text
    return "".join(_escape(c) if _is_control(c) else c for c in text)


def _is_control(c: str) -> bool:
    return (unicodedata.category(c) == "Cc" and c not in "\n\t") or ord(c) in _BIDI_CONTROLS


def _escape(c: str) -> str:
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def say(text: object = "") -> None:
    """Print one line on standard output (as print does), its control characters escaped; never fails."""
    if _state.lost:
        return
    stream = sys.stdout
    try:
        _write(stream, escaped(str(text)) + "\n")
    except BrokenPipeError:  # the reader left (`| head -1`): not an error, the rest is not wanted
        _state.lost = True
        _silence(stream)
    except OSError as error:  # a full disk, /dev/full, a closed terminal
        _state.lost, _state.failure = True, error
        _silence(stream)
        complain(Text("the printout could not be written to standard output ({detail}); files asked for with -o "
                      "or --json are written as usual", detail=error.strerror or type(error).__name__))


def complain(text: object) -> None:
    """Print one line on standard error, its control characters escaped; never fails."""
    stream = sys.stderr
    try:
        _write(stream, escaped(str(text)) + "\n")
    except OSError:  # nowhere left to say anything
        _silence(stream)


def _write(stream: TextIO, line: str) -> None:
    try:
        stream.write(line)
    except UnicodeEncodeError:  # a stream that could not be told to escape what it cannot encode
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding, "replace"))
    stream.flush()  # now, so that a failure is met here and not when Python exits


def _silence(stream: TextIO) -> None:
    """Point the stream's file at the null device: what is still in its buffer goes there when Python flushes it
    on exit, instead of failing again with a traceback."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (pytest's capture)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """While the command runs: Ctrl-C, SIGTERM and SIGHUP raise `Stopped` in the main thread (only the main
    thread may set handlers; elsewhere this does nothing). A signal the command was started ignoring (SIGHUP
    under nohup, Ctrl-C in a background job) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = [getattr(signal, name) for name in SIGNAL_NAMES if hasattr(signal, name)]
    before = {}
    for signum in wanted:
        if signal.getsignal(signum) == signal.SIG_IGN:  # ignored by whoever started us (nohup, `cmd &`): left so
            continue
        with contextlib.suppress(OSError, ValueError):
            before[signum] = signal.signal(signum, _raise_stopped)
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def _raise_stopped(signum: int, frame: object) -> None:
    raise Stopped(signum)


def ignore_signals() -> None:
    """From now on the command's signals are ignored: it is ending, and says so without being cut short."""
    if threading.current_thread() is threading.main_thread():
        for name in SIGNAL_NAMES:
            if hasattr(signal, name):
                with contextlib.suppress(OSError, ValueError):
                    signal.signal(getattr(signal, name), signal.SIG_IGN)


def end_now_if_solving(status: int) -> None:
    """After a stop: once HiGHS has run in this process, end the process here, its output flushed, without the
    interpreter's shutdown. That shutdown would destroy HiGHS under a thread still running ("terminate called
    without an active exception", SIGABRT): its run's thread, or the worker threads of its pool, which a stop can
    leave busy even after the run's own thread has returned (seen in 4 of 6 Ctrl-C runs on a 3,000-project solve
    when only a live run's thread was looked for). The files are already cleaned up, and nothing else is
    pending."""
    highs = sys.modules.get("optimizer.solve.highs")
    if not getattr(highs, "RUNS_STARTED", 0) and not any(t.name == "HiGHS" and t.is_alive()
                                                         for t in threading.enumerate()):
        return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(status)
