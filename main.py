"""Entry point: `python main.py [CASE.xlsx]` opens the app; `python main.py solve ...` runs headless."""

from __future__ import annotations

import sys

REPORT = "report"
HEADLESS_COMMANDS = {"solve", "explain", "frontier", "stability", "batch", REPORT}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and (args[0] in HEADLESS_COMMANDS or args[0] in {"-h", "--help"}):
        try:
            if args[0] == REPORT:  # the board pack draws with Qt (ui/board_pack), which the engine never imports
                from ui.board_pack.command import main as report_main

                return report_main(args[1:])
            from optimizer.cli import main as cli_main
        except KeyboardInterrupt:  # Ctrl-C while the engine loads: nothing was started yet (optimizer/console.py)
            print("stopped by Ctrl-C (SIGINT) before the end: no file was left half-written", file=sys.stderr)
            return 130

        return cli_main(args)
    from ui.display_libraries import missing_message

    missing = missing_message()
    if missing:  # instead of Qt's own abort ("Could not load the Qt platform plugin "xcb"")
        print(missing, file=sys.stderr)
        return 1
    try:
        from ui.app import run_app
    except ImportError:  # the desktop app is not built yet: solve the case headless instead
        from optimizer.cli import main as cli_main
        from optimizer.paths import DEMO_CASE

        return cli_main(["solve", args[0] if args else str(DEMO_CASE)])
    return run_app(args)


if __name__ == "__main__":
    import multiprocessing

    # A sweep's worker processes are spawned (optimizer/analysis/parallel.py): in the frozen build each is this
    # program started again, which this hands over to the worker's own code instead of opening the app.
    multiprocessing.freeze_support()
    sys.exit(main())
