"""The headless command (contract: shared/spec/cli.md).

    python main.py solve CASE.xlsx [-o RESULT.xlsx] [--json RESULT.json]
                   [--time-limit SECONDS] [--gap FRACTION] [--set KEY=VALUE ...]

Exit status: 0 a portfolio was found; 2 the workbook is invalid; 3 the targets
cannot all be met; 4 no portfolio within the time limit; 1 anything else.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .case import Case
from .report import Result, format_value, marginal_text

EXIT_OK, EXIT_ERROR, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Investment portfolio optimizer (headless).")
    commands = parser.add_subparsers(dest="command", required=True)
    solve = commands.add_parser("solve", help="optimise a case workbook")
    solve.add_argument("case", help="the case workbook (.xlsx)")
    solve.add_argument("-o", "--output", help="write the result workbook here (.xlsx)")
    solve.add_argument("--json", help="write the result as JSON here")
    solve.add_argument("--time-limit", type=float, help="seconds the solver may take (default: Settings time_limit)")
    solve.add_argument("--gap", type=float, help="relative optimality gap to stop at (default: Settings mip_gap)")
    solve.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                       help="override a Settings key for this run, e.g. --set total_budget=800")
    return parser


def _overrides(pairs: list[str]) -> dict[str, str]:
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set expects KEY=VALUE, got '{pair}'")
        result[key.strip()] = value.strip()
    return result


def load_case(path: str, overrides: dict[str, str]) -> Case:
    from .workbook import apply_overrides, read_case

    case = read_case(path)
    return apply_overrides(case, overrides) if overrides else case


def solve_case(case: Case, time_limit: float | None = None, gap: float | None = None) -> Result:
    """Optimise a case: the result, with the diagnosis when the targets conflict."""
    from .session import Session

    return Session().solve(case, time_limit=time_limit, gap=gap)


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse already printed why
        return EXIT_ERROR if stop.code else EXIT_OK
    try:
        return _solve_command(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:  # the last line of defence: a plain message, never a traceback
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR


def _solve_command(args) -> int:
    from .workbook import CaseError

    for target in (args.output, args.json):
        if target and Path(target).resolve() == Path(args.case).resolve():
            raise UsageError(f"refusing to write over the input workbook {args.case}")
        if target and not Path(target).resolve().parent.is_dir():
            raise UsageError(f"cannot write {target}: the folder {Path(target).parent} does not exist")
    try:
        case = load_case(args.case, _overrides(args.set))
    except CaseError as error:
        print(f"{args.case}: the workbook cannot be used ({len(error.problems)} problem(s)):")
        for problem in error.problems:
            print(f"  {problem}")
        if args.json:
            _write_json(args.json, {"status": "invalid", "problems": [str(p) for p in error.problems]})
        return EXIT_INVALID
    result = solve_case(case, args.time_limit, args.gap)
    print_result(result)
    if args.json:
        _write_json(args.json, result.to_json())
    status = result.solution.status
    if status == "infeasible":
        return EXIT_INFEASIBLE
    if status == "no_solution":
        return EXIT_NO_SOLUTION
    if args.output:
        from .export import ExportError, export_result

        try:
            export_result(result, args.output)
        except ExportError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_ERROR
        print(f"Result workbook written to {args.output}")
    return EXIT_OK


def _write_json(path: str, data: dict) -> None:
    from .files import write_atomically

    write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))


def print_result(result: Result) -> None:
    case, s = result.case, result.solution
    unit = case.settings.currency_unit
    for warning in case.warnings:
        print(f"warning: {warning}")
    print(f"Status: {s.status} — {s.quality()} ({s.solve_seconds:.2f} s)")
    if s.status == "infeasible":
        print("The targets cannot all be met:")
        for item in result.diagnosis:
            print(f"  - {item.message}")
        return
    if not s.has_portfolio:
        print("Try a longer time limit (--time-limit) or looser targets.")
        return
    objective = {"npv": "NPV", "eva": "EVA", "score": "weighted score"}[result.objective]
    print(f"Objective ({objective}): {s.objective_value:,.2f}" + (f" {unit}" if result.objective != "score" else ""))
    capex = sum(x.capex for x in result.selected)
    print(f"Selected {len(result.selected)} of {len(case.projects)} projects, capex {capex:,.2f} {unit}")
    print("KPIs (before -> after, target):")
    for k in result.kpis.values():
        if k.after is None and k.before is None:
            continue
        target = "" if k.target is None else f"  target {'>=' if k.sense == 'min' else '<='} " \
            f"{format_value(k.target, k.kind, unit)} {'met' if k.met else 'MISSED'}"
        before = format_value(k.before, k.kind, unit) + " -> " if k.before is not None else ""
        print(f"  {k.label}: {before}{format_value(k.after, k.kind, unit)}{target}")
    binding = [c for c in result.constraints if c.binding]
    if binding:
        print("Binding limits:")
        for c in binding:
            subject = f" [{c.subject}]" if c.subject else ""
            marginal = "" if c.marginal_value is None else f", {marginal_text(c, result)}"
            print(f"  {c.name}{subject}: {format_value(c.value, c.kind, unit)} at limit "
                  f"{format_value(c.limit, c.kind, unit)}{marginal}")
