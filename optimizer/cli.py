"""The headless commands (contract: shared/spec/cli.md).

    python main.py solve CASE.xlsx [-o RESULT.xlsx] [--json RESULT.json]
                   [--time-limit SECONDS] [--gap FRACTION] [--set KEY=VALUE ...]
    python main.py explain CASE.xlsx ID [--json OUT.json] [--set ...]
    python main.py frontier CASE.xlsx --vary KEY --from A --to B --steps N [--json OUT.json] [-o OUT.xlsx] [--set ...]

Exit status: 0 a portfolio was found; 2 the workbook is invalid; 3 the targets
cannot all be met; 4 no portfolio within the time limit; 1 anything else.
`explain` answers for the case as it is (3 or 4 when the case itself has no
portfolio, an unknown ID is 1); `frontier` exits 0 when some level has a
portfolio, 3 when every level is infeasible, 4 when none has a portfolio and the
time limit stopped at least one; a level the key cannot take is 2, like `--set`.
`explain` and `frontier` solve to proven optimality unless `--gap` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from optimizer.analysis.explain import explain_project
from optimizer.analysis.frontier import levels_between, sweep, variable_key
from optimizer.analysis.risk import portfolio_risk
from optimizer.errors import AnalysisError, CaseError, ExportError, Problem
from optimizer.io.export import export_result
from optimizer.io.export_analytics import write_frontier_workbook
from optimizer.io.files import ReadOnlyFile, is_read_only, why_not_written, write_atomically
from optimizer.io.settings import apply_overrides
from optimizer.io.values import parse_setting_value
from optimizer.io.workbook import read_case
from optimizer.model.case import Case
from optimizer.model.targets import OBJECTIVE_NAMES, PERCENT_KINDS, SCORE_UNIT, Kind, Objective, Sense
from optimizer.planner import Planner
from optimizer.report.constraints import marginal_text
from optimizer.report.result import Result
from optimizer.solve.solver import Status
from optimizer.words.text import Text, said
from optimizer.words.units import format_value, productivity_in_words

EXIT_OK, EXIT_ERROR, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Investment portfolio optimizer (headless).")
    commands = parser.add_subparsers(dest="command", required=True)
    solve = commands.add_parser("solve", help="optimise a case workbook")
    solve.add_argument("case", help="the case workbook (.xlsx)")
    solve.add_argument("-o", "--output", help="write the result workbook here (.xlsx)")
    _common_options(solve, "write the result as JSON here", "Settings mip_gap")
    explain = commands.add_parser("explain", help="why a project is, or is not, in the recommended portfolio")
    explain.add_argument("case", help="the case workbook (.xlsx)")
    explain.add_argument("id", help="the project's id")
    _common_options(explain, "write the explanation as JSON here", "0, proven optimal")
    frontier = commands.add_parser("frontier", help="the best objective at each level of one Settings key")
    frontier.add_argument("case", help="the case workbook (.xlsx)")
    frontier.add_argument("--vary", required=True, metavar="KEY", help="the Settings key, e.g. min_strategic_share")
    frontier.add_argument("--from", dest="start", required=True, metavar="A", help="the first level, e.g. 0.35 or 35%%")
    frontier.add_argument("--to", dest="stop", required=True, metavar="B", help="the last level")
    frontier.add_argument("--steps", type=int, default=5, metavar="N", help="how many levels, A and B included")
    frontier.add_argument("-o", "--output", help="write the frontier workbook here (.xlsx)")
    _common_options(frontier, "write the frontier as JSON here", "0, proven optimal")
    return parser


def _common_options(command: argparse.ArgumentParser, json_help: str, gap_default: str) -> None:
    command.add_argument("--json", help=json_help)
    command.add_argument("--time-limit", type=float,
                         help="seconds each solve may take (default: Settings time_limit)")
    command.add_argument("--gap", type=float, help=f"relative optimality gap to stop at (default: {gap_default})")
    command.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                         help="override a Settings key for this run, e.g. --set total_budget=800")


def _overrides(pairs: list[str]) -> dict[str, str]:
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set expects KEY=VALUE, got '{pair}'")
        result[key.strip()] = value.strip()
    return result


def load_case(path: str, overrides: dict[str, str]) -> Case:
    case = read_case(path)
    return apply_overrides(case, overrides) if overrides else case


def solve_case(case: Case, time_limit: float | None = None, gap: float | None = None) -> Result:
    """Optimise a case: the result, with the diagnosis when the targets conflict."""
    return Planner().solve(case, time_limit=time_limit, gap=gap)


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse already printed why
        return EXIT_ERROR if stop.code else EXIT_OK
    command = {"solve": _solve_command, "explain": _explain_command, "frontier": _frontier_command}[args.command]
    try:
        return command(args)
    except (UsageError, AnalysisError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:  # the last line of defence: a plain message, never a traceback
        print(f"error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR


def _check_outputs(args, *targets: str | None) -> None:
    """Refuse, before any solve, a target that cannot be written (the input itself, a missing folder,
    a read-only file); a target that fails later (locked, disk full) is reported by `_write_json` or
    the export, with exit status 1."""
    for target in targets:
        if target and Path(target).resolve() == Path(args.case).resolve():
            raise UsageError(f"refusing to write over the input workbook {args.case}")
        if target and not Path(target).resolve().parent.is_dir():
            raise UsageError(f"cannot write {target}: the folder {Path(target).parent} does not exist")
        if target and is_read_only(Path(target)):
            raise UsageError(why_not_written(target, ReadOnlyFile(13, "the file is read-only", target)))


def _invalid(args, error) -> int:
    """Report an invalid workbook (or --set value): every problem, exit 2."""
    print(f"{args.case}: the workbook cannot be used ({len(error.problems)} problem(s)):")
    for problem in error.problems:
        print(f"  {problem}")
    if args.json:
        _write_json(args.json, {"status": "invalid", "problems": [str(p) for p in error.problems]})
    return EXIT_INVALID


def _solve_command(args) -> int:
    _check_outputs(args, args.output, args.json)
    try:
        case = load_case(args.case, _overrides(args.set))
    except CaseError as error:
        return _invalid(args, error)
    result = solve_case(case, args.time_limit, args.gap)
    print_result(result)
    risk = _risk_json(result)
    if risk:
        print(f"Risk: expected NPV {risk['expected_npv']:,.2f}, pessimistic NPV {risk['pessimistic_npv']:,.2f}, "
              f"CVaR {risk['cvar_level']:.0%} {risk['cvar_90']:,.2f} {result.case.settings.currency_unit} "
              f"(risk aversion {risk['risk_aversion']:g})")
    if args.json:
        _write_json(args.json, {**result.to_json(), **({"risk": risk} if risk else {})})
    status = result.solution.status
    if status == Status.INFEASIBLE:
        return EXIT_INFEASIBLE
    if status == Status.NO_SOLUTION:
        return EXIT_NO_SOLUTION
    if args.output:
        try:
            export_result(result, args.output)
        except ExportError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_ERROR
        print(f"Result workbook written to {args.output}")
    return EXIT_OK


def _risk_json(result: Result) -> dict | None:
    """The portfolio's downside and CVaR where the case gives NPV ranges (optimizer/analysis/risk.py)."""
    if not result.solution.has_portfolio:
        return None
    risk = portfolio_risk(result.case, result.solution.portfolio)
    if risk is None:
        return None
    return {**risk.to_json(), "risk_aversion": result.case.settings.risk_aversion}


def _explain_command(args) -> int:
    _check_outputs(args, args.json)
    try:
        case = load_case(args.case, _overrides(args.set))
    except CaseError as error:
        return _invalid(args, error)
    explanation = explain_project(case, args.id, time_limit=args.time_limit, gap=args.gap)
    data = explanation.to_json()
    if explanation.objective_value is None and explanation.status == Status.INFEASIBLE:
        items = Planner().diagnose(case, time_limit=args.time_limit)
        print(f"{args.id}: the case has no portfolio as it is. The targets cannot all be met:")
        for item in items:
            print(f"  - {item.message}")
        data["diagnosis"] = [item.to_json() for item in items]
    else:
        print(explanation.message())
    if args.json:
        _write_json(args.json, data)
    if explanation.status == Status.INFEASIBLE:
        return EXIT_INFEASIBLE
    if explanation.objective_value is None:
        return EXIT_NO_SOLUTION
    return EXIT_OK


def _frontier_command(args) -> int:
    _check_outputs(args, args.output, args.json)
    if args.output and Path(args.output).suffix.lower() != ".xlsx":
        raise UsageError(f"the frontier workbook must be an .xlsx file, not '{args.output}'")
    try:
        case = load_case(args.case, _overrides(args.set))
        key = variable_key(case, args.vary)
        ends = []
        for flag, text in (("--from", args.start), ("--to", args.stop)):
            try:
                ends.append(float(parse_setting_value(key, text)))
            except ValueError as error:
                raise CaseError([Problem(flag, "", Text("{key}={value}: {problem}", key=key, value=text,
                                                        problem=said(error)))]) from None
        frontier = sweep(case, key, levels_between(ends[0], ends[1], args.steps),
                         time_limit=args.time_limit, gap=args.gap)
    except CaseError as error:
        return _invalid(args, error)
    print_frontier(frontier)
    if args.json:
        _write_json(args.json, frontier.to_json())
    statuses = {p.status for p in frontier.points}
    if not any(p.has_portfolio for p in frontier.points):
        return EXIT_INFEASIBLE if statuses == {Status.INFEASIBLE} else EXIT_NO_SOLUTION
    if args.output:
        try:
            write_frontier_workbook(frontier, args.output)
        except ExportError as error:
            print(f"error: {error}", file=sys.stderr)
            return EXIT_ERROR
        print(f"Frontier workbook written to {args.output}")
    return EXIT_OK


def print_frontier(frontier) -> None:
    print(f"{frontier.label} ({frontier.vary}) against the best {OBJECTIVE_NAMES[frontier.objective]}:")
    for p in frontier.points:
        value = "—" if p.objective_value is None else f"{p.objective_value:,.4f}"
        quality = "" if p.status == Status.OPTIMAL else f" ({p.status})"
        print(f"  {frontier.format(p.value):>20}  {value:>16}{quality}  {len(p.selected)} projects")
    for sentence in frontier.sentences():
        print(f"  {sentence}")


def _write_json(path: str, data: dict) -> None:
    """Write the JSON answer; a file that cannot be written is a UsageError with a plain message (exit 1)."""
    try:
        write_atomically(path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
    except OSError as error:
        raise UsageError(why_not_written(path, error)) from None


def print_result(result: Result) -> None:
    case, s = result.case, result.solution
    unit = case.settings.currency_unit
    for warning in case.warnings:
        print(f"warning: {warning}")
    print(f"Status: {s.status} — {s.quality()} ({s.solve_seconds:.2f} s)")
    if s.status == Status.INFEASIBLE:
        print("The targets cannot all be met:")
        for item in result.diagnosis:
            print(f"  - {item.message}")
        return
    if not s.has_portfolio:
        print("Try a longer time limit (--time-limit) or looser targets.")
        return
    objective = OBJECTIVE_NAMES[result.objective]
    objective_unit = SCORE_UNIT.english if result.objective == Objective.SCORE else unit
    print(f"Objective ({objective}): {s.objective_value:,.2f} {objective_unit}")
    capex = sum(x.capex for x in result.selected)
    print(f"Selected {len(result.selected)} of {len(case.projects)} projects, capex {capex:,.2f} {unit}")
    supervised = [x for x in result.supervised if x.chosen]
    if supervised:
        print(f"Flagged for special supervision ({len(supervised)} of those selected):")
        for x in supervised:
            print(f"  {x.id} {x.name}: {x.reason}")
    print("KPIs (before -> after, target):")
    for k in result.kpis.values():
        if k.after is None and k.before is None:
            continue
        target = "" if k.target is None else f"  target {'>=' if k.sense == Sense.MIN else '<='} " \
            f"{format_value(k.target, k.kind, unit)} {'met' if k.met else 'MISSED'}"
        before = format_value(k.before, k.kind, unit) + " -> " if k.before is not None else ""
        print(f"  {k.label}: {before}{format_value(k.after, k.kind, unit)}{target}")
    if case.works_by_year and result.kpis_by_year:
        _print_by_year(result)
    binding = [c for c in result.constraints if c.binding]
    if binding:
        print("Binding limits:")
        for c in binding:
            subject = f" [{c.subject}]" if c.subject else ""
            marginal = "" if c.marginal_value is None else f", {marginal_text(c, result)}"
            print(f"  {c.name}{subject}: {format_value(c.value, c.kind, unit)} at limit "
                  f"{format_value(c.limit, c.kind, unit)}{marginal}")


def _print_by_year(result: Result) -> None:
    """The group's figures in each plan year, after investing, with the target binding that year in brackets."""
    unit = result.case.settings.currency_unit
    years = list(result.kpis_by_year)
    width = 20

    def number(value: float | None, kind: str) -> str:
        if value is None:
            return "n/a"
        if kind in PERCENT_KINDS:
            return f"{value:.2%}"
        if kind == Kind.PRODUCTIVITY:
            return f"{productivity_in_words(value, unit)[0]:,.2f}"
        return f"{value:,.2f}"

    shown_unit = {Kind.MONEY: unit, Kind.PRODUCTIVITY: f"{productivity_in_words(1.0, unit)[1] or unit} per person"}
    labels = {key: f"{k.label} ({shown_unit[k.kind]})" if k.kind in shown_unit else k.label
              for key, k in result.kpis_by_year[years[0]].items()}
    label_width = max(map(len, labels.values())) + 2
    print("KPIs by year (after investing; the target that year in brackets, * where it is missed):")
    print("  " + " " * label_width + "".join(f"{year:>{width}}" for year in years))
    for key, label in labels.items():
        cells = []
        for year in years:
            k = result.kpis_by_year[year][key]
            text = number(k.after, k.kind)
            if k.target is not None:
                text += f" ({'≥' if k.sense == Sense.MIN else '≤'}{number(k.target, k.kind)})"
                text += "*" if k.met is False else ""
            cells.append(f"{text:>{width}}")
        print(f"  {label:<{label_width}}" + "".join(cells))
