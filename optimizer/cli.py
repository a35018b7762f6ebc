"""The headless commands (contract: shared/spec/cli.md).

    python main.py solve CASE.xlsx [-o RESULT.xlsx] [--json RESULT.json]
                   [--time-limit SECONDS] [--gap FRACTION] [--set KEY=VALUE ...]
    python main.py explain CASE.xlsx ID [--json OUT.json] [--set ...]
    python main.py frontier CASE.xlsx --vary KEY --from A --to B --steps N [--json OUT.json] [-o OUT.xlsx] [--set ...]
    python main.py stability CASE.xlsx [--draws N] [--seed S] [--json OUT.json] [--set ...]
    python main.py batch CASES... -o SUMMARY.xlsx [--json SUMMARY.json] [--scenarios CASE=SAVED.json] [--set ...]

`frontier`, `stability` and `batch` solve their points in parallel, in worker processes on every core
(`--workers N` to use fewer), or on a Dask cluster with `--cluster tcp://HOST:8786` (`--cluster local`: one
started on this machine; docs/scale.md). The answers are the same wherever they run.

Exit status: 0 a portfolio was found; 2 the workbook is invalid; 3 the targets
cannot all be met; 4 no portfolio within the time limit; 1 anything else.
`explain` answers for the case as it is (3 or 4 when the case itself has no
portfolio, an unknown ID is 1); `frontier` exits 0 when some level has a
portfolio, 3 when every level is infeasible, 4 when none has a portfolio and the
time limit stopped at least one; a level the key cannot take is 2, like `--set`. `stability` exits as `solve`
does for the case as it is. `batch` writes a line for every case and exits 0 when each has a portfolio, else
with the first of 1 (a solve failed), 2 (a workbook cannot be used), 3, 4 that some line has.
`explain` and `frontier` solve to proven optimality unless `--gap` says otherwise.
Stopped by a signal: 128 + its number (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP), no file left half-written.
Every output target and option is checked before the case is read (docs/reliability.md).
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

from optimizer import console
from optimizer.analysis.batch import ERROR, INVALID, run_batch
from optimizer.analysis.explain import explain_project
from optimizer.analysis.frontier import levels_between, sweep, variable_key
from optimizer.analysis.risk import portfolio_risk
from optimizer.analysis.stability import DRAWS, SEED, stability
from optimizer.analysis.step_value import apply_step_values, step_values
from optimizer.console import Stopped, complain, say
from optimizer.errors import AnalysisError, CaseError, ExportError, Problem
from optimizer.io.export import export_result
from optimizer.io.export_analytics import write_frontier_workbook
from optimizer.io.export_batch import write_batch_workbook
from optimizer.io.files import (
    ReadOnlyFile,
    final_target,
    is_read_only,
    why_not_writable,
    why_not_written,
    write_atomically,
)
from optimizer.io.settings import OVERRIDE, apply_overrides, override_key
from optimizer.io.sheets import check_target
from optimizer.io.values import parse_setting_value
from optimizer.io.workbook import read_case
from optimizer.model.case import Case
from optimizer.model.targets import OBJECTIVE_NAMES, PERCENT_KINDS, SCORE_UNIT, Kind, Objective, Sense
from optimizer.planner import Planner
from optimizer.report.constraints import marginal_text, step_text
from optimizer.report.result import DiagnosisItem, Result
from optimizer.solve.session import Session
from optimizer.solve.solver import Status
from optimizer.words.language import ENGLISH, Words
from optimizer.words.text import Text, said
from optimizer.words.units import format_value, productivity_in_words

EXIT_OK, EXIT_ERROR, EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4
MAX_STEPS = 200
"""The most levels one frontier takes: each is a solve (a minute or more on a large case)."""
MAX_DRAWS = 100_000


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Investment portfolio optimizer (headless).",
                                     epilog="main.py report CASE.xlsx -o PACK.docx|PACK.pdf [--lang zh_CN] writes "
                                            "the committee's board pack (main.py report -h)")
    commands = parser.add_subparsers(dest="command", required=True)
    solve = commands.add_parser("solve", help="optimise a case workbook")
    solve.add_argument("case", help="the case workbook (.xlsx)")
    solve.add_argument("-o", "--output", help="write the result workbook here (.xlsx)")
    solve.add_argument("--quick-diagnosis", action="store_true",
                       help="when the targets conflict, stop at the diagnosis's first answer (a reachable level of "
                            "each target, found in seconds) instead of refining it to the exact best levels")
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
    frontier.add_argument("--steps", type=int, default=5, metavar="N",
                          help=f"how many levels, A and B included (at most {MAX_STEPS})")
    frontier.add_argument("-o", "--output", help="write the frontier workbook here (.xlsx)")
    _common_options(frontier, "write the frontier as JSON here", "0, proven optimal")
    _sweep_options(frontier)
    stability = commands.add_parser("stability", help="how often each project is chosen when the NPVs are drawn "
                                                      "within their ranges")
    stability.add_argument("case", help="the case workbook (.xlsx)")
    stability.add_argument("--draws", type=int, default=DRAWS, metavar="N", help=f"how many draws (default {DRAWS})")
    stability.add_argument("--seed", type=int, default=SEED, metavar="S", help=f"the draws' seed (default {SEED})")
    _common_options(stability, "write the stability as JSON here", "0.5%%, or Settings mip_gap if looser; per draw")
    _sweep_options(stability)
    batch = commands.add_parser("batch", help="solve many cases: one summary line per case")
    batch.add_argument("cases", nargs="+", metavar="CASE", help="the case workbooks (.xlsx)")
    batch.add_argument("-o", "--output", required=True, help="write the summary workbook here (.xlsx)")
    batch.add_argument("--scenarios", action="append", default=[], metavar="CASE=SAVED.json",
                       help="also solve the scenarios the app saved for one of the cases (a line each)")
    _common_options(batch, "write the summary as JSON here", "Settings mip_gap")
    _sweep_options(batch)
    return parser


def _sweep_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--workers", type=int, metavar="N", help="worker processes on this machine "
                                                                  "(default: one per core)")
    command.add_argument("--cluster", metavar="ADDRESS", help="solve on a Dask cluster: tcp://HOST:8786, or 'local' "
                                                              'for one on this machine (pip install -e ".[cluster]")')


def _common_options(command: argparse.ArgumentParser, json_help: str, gap_default: str) -> None:
    command.add_argument("--json", help=json_help)
    command.add_argument("--time-limit", metavar="SECONDS",
                         help="seconds each solve may take, more than 0 (default: Settings time_limit)")
    command.add_argument("--gap", metavar="FRACTION",
                         help=f"relative optimality gap to stop at, 0 to 1 (default: {gap_default})")
    command.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                         help="override a Settings key for this run, e.g. --set total_budget=800")


def _overrides(pairs: list[str]) -> dict[str, str]:
    """The `--set` pairs by key; CaseError when one key is given twice with different values (in one language or
    both: total_budget and 总预算), which the command will not choose between."""
    result: dict[str, str] = {}
    given: dict[str, str] = {}  # canonical key -> the pair that set it
    problems = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--set expects KEY=VALUE, got '{pair}'")
        key, value = key.strip(), value.strip()
        canonical = override_key(key) or key
        if canonical in given and result[given[canonical].partition("=")[0].strip()] != value:
            problems.append(Problem(OVERRIDE, "", Text("{key} is set twice, by {first} and by {second}: keep one",
                                                      key=canonical, first=given[canonical], second=pair)))
            continue
        given.setdefault(canonical, pair)
        result[key] = value
    if problems:
        raise CaseError(problems)
    return result


def _checked_options(args) -> None:
    """`--time-limit` and `--gap` checked as the Settings time_limit and mip_gap are (more than 0 seconds, a
    gap from 0 to 1, a number: not nan or inf), and made numbers; CaseError (exit 2, like `--set`) if not."""
    problems = []
    for flag, attribute, key in (("--time-limit", "time_limit", "time_limit"), ("--gap", "gap", "mip_gap")):
        text = getattr(args, attribute)
        if text is None or isinstance(text, float):
            continue
        try:
            setattr(args, attribute, float(parse_setting_value(key, text)))
        except ValueError as error:
            problems.append(Problem(flag, "", Text("{key}={value}: {problem}", key=key, value=text,
                                                   problem=said(error))))
    if problems:
        raise CaseError(problems)


def load_case(path: str, overrides: dict[str, str]) -> Case:
    case = read_case(path)
    return apply_overrides(case, overrides) if overrides else case


def command_case(args) -> Case:
    """The case a command works on: its --time-limit and --gap checked, its workbook read, its --set applied;
    CaseError (exit 2) when any of them is wrong."""
    _checked_options(args)
    return load_case(args.case, _overrides(args.set))


def solve_case(case: Case, time_limit: float | None = None, gap: float | None = None, *,
               first: Callable[[list[DiagnosisItem]], None] | None = None, quick_diagnosis: bool = False,
               session: Session | None = None) -> Result:
    """Optimise a case: the result, with the diagnosis when the targets conflict (refined, or its first answer with
    `quick_diagnosis`; `first` hears the first answer as soon as it is found). `session`: the compiled model to
    solve on, which the command's step values then re-solve (not built a second time)."""
    return Planner(session).solve(case, time_limit=time_limit, gap=gap, first=first, quick_diagnosis=quick_diagnosis)


def print_first_diagnosis(items: list[DiagnosisItem]) -> None:
    """The diagnosis's first answer, printed at once while it is refined (not when it is exact already: the project
    rules contradict each other)."""
    if all(item.refined for item in items):
        return
    say("The targets cannot all be met. A first answer (each level can be reached; the best levels follow):")
    for item in items:
        say(f"  - {item.message}")


def main(argv: list[str] | None = None) -> int:
    console.start()
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse already printed why
        return EXIT_ERROR if stop.code else EXIT_OK
    command = {"solve": _solve_command, "explain": _explain_command, "frontier": _frontier_command,
               "stability": _stability_command, "batch": _batch_command}[args.command]
    return run_guarded(command, args)


def run_guarded(command, args, language: str = ENGLISH) -> int:
    """Run a command (`command(args)` -> exit status) as every headless command runs: stopped by a signal with
    128 + its number and no file half-written, an error said in plain words in `language`, never a traceback."""
    try:
        with console.stopping_on_signals():
            status = command(args)
    except (KeyboardInterrupt, Stopped) as stop:
        console.ignore_signals()
        stop = stop if isinstance(stop, Stopped) else Stopped(2)  # Ctrl-C where Python's own handler was set
        complain(Text("stopped by {signal} before the end: no file was left half-written", signal=stop.name))
        console.end_now_if_solving(stop.exit_status)
        return stop.exit_status
    except (UsageError, AnalysisError, ExportError) as error:
        complain(f"error: {Words(language).text(said(error))}")
        return EXIT_ERROR
    except Exception as error:  # the last line of defence: a plain message, never a traceback
        complain(f"error: {type(error).__name__}: {error}")
        return EXIT_ERROR
    return EXIT_ERROR if console.printing_failed() else status


def _check_outputs(args, *targets: str | None) -> None:
    """Refuse, before anything is read or solved, a target that cannot be written (the input itself, a
    folder, a missing or read-only folder, a name too long, a read-only file, a workbook not named .xlsx,
    one file given for two outputs); a target that fails later (locked, disk full) is reported by
    `_write_json` or the export, with exit status 1. A special file (/dev/null, a FIFO, /dev/stdout) is
    written through and a link followed (optimizer/io/files.py)."""
    if getattr(args, "workers", None) is not None and args.workers < 1:
        raise UsageError(Text("--workers {workers}: give 1 or more", workers=args.workers))
    if getattr(args, "draws", None) is not None and not 1 <= args.draws <= MAX_DRAWS:
        raise UsageError(Text("--draws {draws}: give from 1 to {limit}", draws=args.draws, limit=MAX_DRAWS))
    if getattr(args, "steps", None) is not None and args.steps > MAX_STEPS:
        raise UsageError(Text("--steps {steps} is too many: a frontier takes at most {limit} levels (each is a solve); "
                              "ask for {limit} or fewer", steps=args.steps, limit=MAX_STEPS))
    written: dict[str, str] = {}
    for target in targets:
        if not target:
            continue
        for source in getattr(args, "cases", None) or [args.case]:
            if os.path.realpath(target) == os.path.realpath(source):
                raise UsageError(f"refusing to write over the input workbook {source}")
        if (why := why_not_writable(target)) is not None:
            raise UsageError(why)
        if is_read_only(Path(target)):
            raise UsageError(why_not_written(target, ReadOnlyFile(13, "the file is read-only", target)))
        if target == getattr(args, "output", None):
            try:
                check_target(Path(target), getattr(args, "case", ""))
            except ExportError as error:
                raise UsageError(said(error)) from None
        final, through = final_target(target)
        if not through:
            same = os.path.normcase(os.path.realpath(final))
            if same in written:
                raise UsageError(Text("{first} and {second} are the same file: give each output its own name",
                                      first=written[same], second=target))
            written[same] = target


def _invalid(args, error) -> int:
    """Report an invalid workbook (or --set value): every problem, exit 2."""
    if all(problem.sheet.startswith("--") for problem in error.problems):  # --set, --gap, --from ...
        say(Text("{case}: the command's options cannot be used ({count} problem(s)):", case=args.case,
                 count=len(error.problems)))
    else:
        say(f"{args.case}: the workbook cannot be used ({len(error.problems)} problem(s)):")
    for problem in error.problems:
        say(f"  {problem}")
    if args.json:
        _write_json(args.json, {"status": "invalid", "problems": [str(p) for p in error.problems]})
    return EXIT_INVALID


def _solve_command(args) -> int:
    _check_outputs(args, args.output, args.json)
    try:
        case = command_case(args)
    except CaseError as error:
        return _invalid(args, error)
    session = Session()
    result = solve_case(case, args.time_limit, args.gap, quick_diagnosis=args.quick_diagnosis,
                        first=None if args.quick_diagnosis else print_first_diagnosis, session=session)
    valued = step_values(result, session=session)  # what one step looser of each binding limit is worth, re-solved
    apply_step_values(result, valued)
    print_result(result)
    if valued.note:
        say(f"Note: {valued.note}")
    risk = _risk_json(result)
    if risk:
        say(f"Risk: expected NPV {risk['expected_npv']:,.2f}, pessimistic NPV {risk['pessimistic_npv']:,.2f}, "
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
            complain(f"error: {error}")
            return EXIT_ERROR
        say(f"Result workbook written to {args.output}")
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
        case = command_case(args)
    except CaseError as error:
        return _invalid(args, error)
    explanation = explain_project(case, args.id, time_limit=args.time_limit, gap=args.gap)
    data = explanation.to_json()
    if explanation.objective_value is None and explanation.status == Status.INFEASIBLE:
        items = Planner().diagnose(case, time_limit=args.time_limit)
        say(f"{args.id}: the case has no portfolio as it is. The targets cannot all be met:")
        for item in items:
            say(f"  - {item.message}")
        data["diagnosis"] = [item.to_json() for item in items]
    else:
        say(explanation.message())
    if args.json:
        _write_json(args.json, data)
    if explanation.status == Status.INFEASIBLE:
        return EXIT_INFEASIBLE
    if explanation.objective_value is None:
        return EXIT_NO_SOLUTION
    return EXIT_OK


def _frontier_command(args) -> int:
    _check_outputs(args, args.output, args.json)
    try:
        case = command_case(args)
        key = variable_key(case, args.vary)
        ends = []
        for flag, text in (("--from", args.start), ("--to", args.stop)):
            try:
                ends.append(float(parse_setting_value(key, text)))
            except ValueError as error:
                raise CaseError([Problem(flag, "", Text("{key}={value}: {problem}", key=key, value=text,
                                                        problem=said(error)))]) from None
        frontier = sweep(case, key, levels_between(ends[0], ends[1], args.steps),
                         time_limit=args.time_limit, gap=args.gap, workers=args.workers, cluster=args.cluster)
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
            complain(f"error: {error}")
            return EXIT_ERROR
        say(f"Frontier workbook written to {args.output}")
    return EXIT_OK


def _stability_command(args) -> int:
    _check_outputs(args, args.json)
    try:
        case = command_case(args)
    except CaseError as error:
        return _invalid(args, error)
    result = stability(case, draws=args.draws, seed=args.seed, time_limit=args.time_limit, gap=args.gap,
                       workers=args.workers, cluster=args.cluster)
    print_stability(result, case)
    if args.json:
        _write_json(args.json, {**result.to_json(), "draw_portfolios": result.draw_portfolios})
    return {Status.INFEASIBLE: EXIT_INFEASIBLE, Status.NO_SOLUTION: EXIT_NO_SOLUTION}.get(result.status, EXIT_OK)


def print_stability(result, case: Case) -> None:
    if result.status is not None and not Status(result.status).has_portfolio:
        say(f"{result.note}")
        return
    say(f"Stability: {result.solved} of {result.draws} draws of the NPVs solved (seed {result.seed}, each within "
        f"{result.gap:.2%} of its best); the share of them in which each project is chosen:")
    names = {p.id: p.name for p in case.projects}
    others = sorted((pid for pid, n in result.chosen_in.items() if n and pid not in result.recommended),
                    key=lambda pid: -result.chosen_in[pid])
    for pid in [*result.recommended, *others]:
        share = result.share(pid)
        mark = "" if pid in result.recommended else "  (not recommended)"
        say(f"  {pid} {names.get(pid, '')}: {'—' if share is None else f'{share:.0%}'}{mark}")
    if result.note:
        say(f"  {result.note}")


def _batch_command(args) -> int:
    _check_outputs(args, args.output, args.json)
    try:
        _checked_options(args)
        overrides = _overrides(args.set)
    except CaseError as error:
        say(Text("the command's options cannot be used ({count} problem(s)):", count=len(error.problems)))
        for problem in error.problems:
            say(f"  {problem}")
        return EXIT_INVALID
    scenarios = {}
    for pair in args.scenarios:
        case, _, saved = pair.rpartition("=")
        if case not in args.cases or not saved:
            raise UsageError(Text("--scenarios {pair}: give CASE=SAVED.json, with CASE one of the cases", pair=pair))
        scenarios[case] = saved
    lines = run_batch(args.cases, overrides=overrides, time_limit=args.time_limit, gap=args.gap,
                      workers=args.workers, cluster=args.cluster, scenarios=scenarios)
    for line in lines:
        value = "" if line.objective_value is None else f"  {line.objective_value:,.2f}"
        missed = f"  targets missed: {', '.join(line.missed)}" if line.missed else ""
        scenario = f" [{line.scenario}]" if line.scenario else ""
        say(f"{line.case}{scenario}: {line.status}{value}{missed}")
        for problem in line.problems:
            say(f"  {problem}")
    if args.json:
        _write_json(args.json, {"lines": [line.to_json() for line in lines]})
    try:
        write_batch_workbook(lines, args.output)
    except ExportError as error:
        complain(f"error: {error}")
        return EXIT_ERROR
    say(f"Batch summary written to {args.output}")
    statuses = {line.status for line in lines}
    for status, code in ((ERROR, EXIT_ERROR), (INVALID, EXIT_INVALID), (Status.INFEASIBLE, EXIT_INFEASIBLE),
                         (Status.NO_SOLUTION, EXIT_NO_SOLUTION)):
        if status in statuses:
            return code
    return EXIT_OK


def print_frontier(frontier) -> None:
    say(f"{frontier.label} ({frontier.vary}) against the best {OBJECTIVE_NAMES[frontier.objective]}:")
    for p in frontier.points:
        value = "—" if p.objective_value is None else f"{p.objective_value:,.4f}"
        quality = "" if p.status == Status.OPTIMAL else f" ({p.status})"
        say(f"  {frontier.format(p.value):>20}  {value:>16}{quality}  {len(p.selected)} projects")
    for sentence in frontier.sentences():
        say(f"  {sentence}")


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
        say(f"warning: {warning}")
    say(f"Status: {s.status} — {s.quality()} ({s.solve_seconds:.2f} s)")
    if s.status == Status.INFEASIBLE:
        say("The targets cannot all be met:")
        for item in result.diagnosis:
            say(f"  - {item.message}")
        return
    if not s.has_portfolio:
        say("Try a longer time limit (--time-limit) or looser targets.")
        return
    objective = OBJECTIVE_NAMES[result.objective]
    objective_unit = SCORE_UNIT.english if result.objective == Objective.SCORE else unit
    say(f"Objective ({objective}): {s.objective_value:,.2f} {objective_unit}")
    capex = sum(x.capex for x in result.selected)
    say(f"Selected {len(result.selected)} of {len(case.projects)} projects, capex {capex:,.2f} {unit}")
    supervised = [x for x in result.supervised if x.chosen]
    if supervised:
        say(f"Flagged for special supervision ({len(supervised)} of those selected):")
        for x in supervised:
            say(f"  {x.id} {x.name}: {x.reason}")
    say("KPIs (before -> after, target):")
    for k in result.kpis.values():
        if k.after is None and k.before is None:
            continue
        target = "" if k.target is None else f"  target {'>=' if k.sense == Sense.MIN else '<='} " \
            f"{format_value(k.target, k.kind, unit)} {'met' if k.met else 'MISSED'}"
        before = format_value(k.before, k.kind, unit) + " -> " if k.before is not None else ""
        say(f"  {k.label}: {before}{format_value(k.after, k.kind, unit)}{target}")
    if case.works_by_year and result.kpis_by_year:
        _print_by_year(result)
    binding = [c for c in result.constraints if c.binding]
    if binding:
        say("Binding limits:")
        for c in binding:
            subject = f" [{c.subject}]" if c.subject else ""
            worth = "" if c.step is None else f", {step_text(c, result)}" if c.step_value is not None \
                else ", one step looser not valued (no proven re-solve)"
            marginal = "" if c.marginal_value is None else f", {marginal_text(c, result)}"
            say(f"  {c.name}{subject}: {format_value(c.value, c.kind, unit)} at limit "
                  f"{format_value(c.limit, c.kind, unit)}{worth}{marginal}")


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
    say("KPIs by year (after investing; the target that year in brackets, * where it is missed):")
    say("  " + " " * label_width + "".join(f"{year:>{width}}" for year in years))
    for key, label in labels.items():
        cells = []
        for year in years:
            k = result.kpis_by_year[year][key]
            text = number(k.after, k.kind)
            if k.target is not None:
                text += f" ({'≥' if k.sense == Sense.MIN else '≤'}{number(k.target, k.kind)})"
                text += "*" if k.met is False else ""
            cells.append(f"{text:>{width}}")
        say(f"  {label:<{label_width}}" + "".join(cells))
