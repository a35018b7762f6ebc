"""The headless `report` command: solve a case and write its board pack.

    python main.py report CASE.xlsx -o PACK.docx|PACK.pdf [--lang en|zh_CN] [--set KEY=VALUE ...]
                   [--time-limit SECONDS] [--gap FRACTION]

Exit status as the other commands (shared/spec/cli.md): 0 the pack is written; 2 the workbook (or an option) is
invalid, every problem at its cell, nothing written; 3 the targets conflict: the pack is written with the
diagnosis; 4 no portfolio within the time limit, nothing written; 1 anything else (a target that cannot be
written, no Chinese font for a Chinese pack: both found before the solve). It draws with Qt but needs no
screen: without a display it uses Qt's offscreen platform, and it reaches nothing outside the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from optimizer import console
from optimizer.analysis.step_value import apply_step_values, step_values
from optimizer.cli import (
    EXIT_ERROR,
    EXIT_INFEASIBLE,
    EXIT_NO_SOLUTION,
    EXIT_OK,
    UsageError,
    _common_options,
    _invalid,
    command_case,
    print_result,
    run_guarded,
    solve_case,
)
from optimizer.console import say
from optimizer.errors import CaseError
from optimizer.io.files import ReadOnlyFile, is_read_only, why_not_writable, why_not_written
from optimizer.report.pack import wrong_suffix
from optimizer.solve.session import Session
from optimizer.solve.solver import Status
from optimizer.words.language import CHINESE, ENGLISH
from optimizer.words.text import Text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py report",
                                     description="Solve a case and write its board pack (Word or PDF).")
    parser.add_argument("case", help="the case workbook (.xlsx)")
    parser.add_argument("-o", "--output", required=True, metavar="PACK",
                        help="write the board pack here: PACK.docx (editable Word) or PACK.pdf")
    parser.add_argument("--lang", choices=(ENGLISH, CHINESE), default=ENGLISH,
                        help="the pack's language (default: en)")
    _common_options(parser, "write the result as JSON here", "Settings mip_gap")
    return parser


def main(argv: list[str]) -> int:
    """`argv` without the word "report"."""
    console.start()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse already printed why
        return EXIT_ERROR if stop.code else EXIT_OK
    return run_guarded(_report, args, args.lang)


def _report(args) -> int:
    _check_output(args)
    if args.json:
        _check_output(args, args.json)
    _start_qt()
    from ui.board_pack.fonts import pack_fonts

    pack_fonts(args.lang == CHINESE)  # no Chinese font: said now, not after the solve
    try:
        case = command_case(args)
    except CaseError as error:
        return _invalid(args, error)
    session = Session()
    result = solve_case(case, args.time_limit, args.gap, session=session)
    if result.solution.has_portfolio:  # what one step looser of each binding limit is worth, re-solved
        valued = step_values(result, session=session)
        apply_step_values(result, valued)
    print_result(result)
    if args.json:
        from optimizer.cli import _write_json

        _write_json(args.json, result.to_json())
    status = result.solution.status
    if status not in (Status.OPTIMAL, Status.FEASIBLE, Status.INFEASIBLE):
        say("No board pack written: no portfolio was found. Try a longer time limit (--time-limit).")
        return EXIT_NO_SOLUTION
    from ui.board_pack.writer import write_board_pack

    write_board_pack(result, args.output, language=args.lang)
    say(f"Board pack written to {args.output}")
    return EXIT_INFEASIBLE if status == Status.INFEASIBLE else EXIT_OK


def _check_output(args, target: str | None = None) -> None:
    """Refuse, before anything is read or solved, a pack that cannot be written: not a .docx or .pdf, the input
    itself, a folder, a missing or read-only folder, a read-only file."""
    target = target or args.output
    if target == args.output and (why := wrong_suffix(target)) is not None:
        raise UsageError(why)
    if os.path.realpath(target) == os.path.realpath(args.case):
        raise UsageError(f"refusing to write over the input workbook {args.case}")
    if (why := why_not_writable(target)) is not None:
        raise UsageError(why)
    if is_read_only(Path(target)):
        raise UsageError(why_not_written(target, ReadOnlyFile(13, "the file is read-only", target)))
    if args.json and os.path.realpath(args.json) == os.path.realpath(args.output):
        raise UsageError(Text("{first} and {second} are the same file: give each output its own name",
                              first=args.output, second=args.json))


def _start_qt() -> None:
    """A QGuiApplication for fonts and painting; Qt's offscreen platform where there is no display."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    global _application
    _application = QGuiApplication(["main.py"])


_application = None
"""The command's QGuiApplication, kept for the run."""
