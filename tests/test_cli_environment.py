"""The headless command in its environment (issue 17): a reader that leaves the pipe early, a standard output
that cannot be written, a console that cannot show Chinese, Ctrl-C and kill, output targets and options that
cannot work, device files and links, control characters in the workbook's text, a frontier too large.

Where a user meets the case through the process (pipes, encodings, signals, /proc/self/fd/1) the command runs
as a subprocess; the checks of arguments run in-process, with the solve replaced by a failure, to show they come
before it. docs/reliability.md, "The command in its environment", says what each case ends in."""

from __future__ import annotations

import errno
import gc
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time

import pytest

from optimizer import cli
from optimizer.generator import generate_case
from optimizer.io import files
from optimizer.io.case_writer import write_case
from optimizer.io.files import write_atomically
from tests.builders import make_workbook
from tests.conftest import ROOT

PROJECTS = [
    {"id": "A", "name": "Alpha", "capex_2027": 60, "npv": 30},
    {"id": "B", "name": "Beta", "capex_2027": 50, "npv": 20},
    {"id": "C", "name": "Gamma", "capex_2027": 40, "npv": 15},
]
POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX pipes, signals and device files")
NOT_SAID = ("Traceback", "Exception ignored", "Error:", "Errno", "terminate called")  # Python's words, not ours


@pytest.fixture
def case_path(tmp_path):
    return make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 100})


def _command(*args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *map(str, args)]


def _environment(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONIOENCODING", "PYTHONUTF8"}}
    return {**env, **changes}


def _assert_plain(err: str) -> None:
    for words in NOT_SAID:
        assert words not in err, err


def _folder(path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


# --- output pipes and encodings -----------------------------------------------------------------
@POSIX
@pytest.mark.parametrize(("budget", "status"), [(100, cli.EXIT_OK), (1, cli.EXIT_INFEASIBLE)])
def test_a_reader_that_leaves_costs_neither_the_file_nor_the_status(tmp_path, budget, status):
    # `| head -0`, deterministic: the reading end is closed before the command prints its first line
    case = make_workbook(tmp_path / "case.xlsx", [{**PROJECTS[0], "mandatory": True}], {"total_budget": budget})
    with subprocess.Popen(_command("solve", case, "--json", tmp_path / "r.json"), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=_environment()) as process:
        process.stdout.close()
        err = process.stderr.read().decode()
        assert process.wait(timeout=120) == status
    assert err == "", err
    answer = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert answer["status"] == ("optimal" if status == cli.EXIT_OK else "infeasible")


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_standard_output_that_cannot_be_written_is_said_once_and_the_files_are_written(case_path, tmp_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run(_command("solve", case_path, "--json", tmp_path / "r.json", "-o", tmp_path / "r.xlsx"),
                              stdout=full, stderr=subprocess.PIPE, text=True, env=_environment(), timeout=120)
    assert done.returncode == cli.EXIT_ERROR
    assert done.stderr.splitlines() == ["the printout could not be written to standard output (No space left on "
                                        "device); files asked for with -o or --json are written as usual"]
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["status"] == "optimal"
    assert (tmp_path / "r.xlsx").stat().st_size > 0


def test_a_console_that_cannot_show_a_character_shows_its_escape(tmp_path):
    valid = make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 100})
    done = subprocess.run(_command("solve", valid, "--json", tmp_path / "ok.json"), capture_output=True,
                          env=_environment(PYTHONIOENCODING="ascii"), timeout=120)
    assert done.returncode == cli.EXIT_OK, done.stderr
    assert b"Status: optimal \\u2014 proven optimal" in done.stdout  # the em dash, on an ASCII console
    assert json.loads((tmp_path / "ok.json").read_text(encoding="utf-8"))["status"] == "optimal"

    chinese = make_workbook(tmp_path / "chinese.xlsx", [{**PROJECTS[0], "capex_2027": "很多"}])
    done = subprocess.run(_command("solve", chinese, "--json", tmp_path / "bad.json"), capture_output=True,
                          env=_environment(PYTHONIOENCODING="cp1252"), timeout=120)
    assert done.returncode == cli.EXIT_INVALID, done.stderr
    assert done.stderr == b""
    assert b"Projects!C2: text '\\u5f88\\u591a' is not a number" in done.stdout
    written = json.loads((tmp_path / "bad.json").read_text(encoding="utf-8"))
    assert written["problems"] == ["Projects!C2: text '很多' is not a number (capex_2027)"]  # the file keeps it


# --- Ctrl-C and kill ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def large_case(tmp_path_factory):
    """3,000 generated projects: a few seconds to read and build, several more for HiGHS to solve."""
    path = tmp_path_factory.mktemp("large") / "large.xlsx"
    write_case(generate_case(3000, 7), path)
    return path


def _threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


@POSIX
@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="watches the process's threads in /proc")
def test_ctrl_c_during_a_long_solve_ends_with_one_plain_line_and_status_130(large_case, tmp_path):
    with subprocess.Popen(_command("solve", large_case, "--json", tmp_path / "r.json", "-o", tmp_path / "r.xlsx"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_environment(),
                          cwd=tmp_path) as process:
        time.sleep(1.0)
        before = _threads(process.pid)
        deadline = time.monotonic() + 90
        # HiGHS runs on a thread of its own with its workers: two threads more than while the case is read
        while _threads(process.pid) < before + 2 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the solve ended before HiGHS was seen running"
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 130, (process.returncode, err)
    assert err == "stopped by Ctrl-C (SIGINT) before the end: no file was left half-written\n"
    assert out == ""
    assert _folder(tmp_path) == []


@POSIX
def test_sigterm_during_the_export_leaves_no_temporary_file(large_case, tmp_path):
    target = tmp_path / "out"
    target.mkdir()
    with subprocess.Popen(_command("solve", large_case, "-o", target / "r.xlsx", "--gap", "0.01"),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_environment()) as process:
        first = process.stdout.readline()  # the printout comes first, then the export (several seconds)
        assert first.startswith("Status: optimal"), first
        time.sleep(0.3)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 143, (process.returncode, err)
    assert err == "stopped by SIGTERM before the end: no file was left half-written\n"
    assert _folder(target) == []


@pytest.mark.parametrize("stop", [KeyboardInterrupt, cli.Stopped])
def test_a_stop_while_the_temporary_file_is_written_removes_it(tmp_path, stop):
    target = tmp_path / "result.xlsx"
    target.write_bytes(b"the old result")

    def interrupted(path):
        path.write_bytes(b"half")
        raise stop(signal.SIGTERM) if stop is cli.Stopped else stop()

    with pytest.raises(stop):
        write_atomically(target, interrupted)
    assert _folder(tmp_path) == ["result.xlsx"]
    assert target.read_bytes() == b"the old result"


def test_a_full_disk_during_the_export_is_a_plain_message(case_path, tmp_path, capsys, monkeypatch):
    real_write, unraisable = os.write, []

    def full(fd, data):
        if fd > 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)  # "Exception ignored in ZipFile.__del__"
    code = cli.main(["solve", str(case_path), "-o", str(tmp_path / "r.xlsx")])
    monkeypatch.undo()
    gc.collect()
    assert code == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert err == f"error: Cannot save the result to {tmp_path / 'r.xlsx'}: No space left on device.\n"
    assert unraisable == []
    assert _folder(tmp_path) == ["case.xlsx"]


# --- arguments checked before the solve ---------------------------------------------------------
@pytest.fixture
def no_solve(monkeypatch):
    def solve(*args, **kwargs):
        raise AssertionError("the command solved before refusing its arguments")

    monkeypatch.setattr(cli, "solve_case", solve)
    monkeypatch.setattr(cli, "sweep", solve)


@pytest.mark.parametrize(("option", "said"), [
    (["--gap", "-1"], "--gap: mip_gap=-1: -1 is not a gap between 0 and 1"),
    (["--gap", "nan"], "--gap: mip_gap=nan: text 'nan' is not a number"),
    (["--time-limit", "-5"], "--time-limit: time_limit=-5: -5 is not a time limit (write the seconds, more than 0)"),
    (["--time-limit", "inf"], "--time-limit: time_limit=inf: text 'inf' is not a number"),
    (["--set", "total_budget=8", "--set", "总预算=99"],
     "--set: total_budget is set twice, by total_budget=8 and by 总预算=99: keep one"),
])
def test_an_option_a_setting_could_not_take_is_refused_like_the_setting(case_path, capsys, no_solve, option, said):
    assert cli.main(["solve", str(case_path), *option]) == cli.EXIT_INVALID
    out = capsys.readouterr().out
    assert out.splitlines() == [f"{case_path}: the command's options cannot be used (1 problem(s)):", f"  {said}"]


def test_the_same_setting_twice_with_the_same_value_is_no_conflict(case_path, capsys):
    assert cli.main(["solve", str(case_path), "--set", "total_budget=100", "--set", "总预算=100",
                     "--gap", "1%", "--time-limit", "30"]) == cli.EXIT_OK


@pytest.mark.parametrize("kind", ["same file", "csv", "folder", "long name", "read-only folder"])
def test_an_output_that_cannot_work_is_refused_before_the_solve_and_nothing_is_written(
        case_path, tmp_path, capsys, no_solve, kind):
    folder = tmp_path / "folder"
    folder.mkdir()
    if kind == "read-only folder":
        if os.geteuid() == 0:
            pytest.skip("root may write into a read-only folder")
        folder.chmod(0o500)
    long_name = tmp_path / ("r" * 300 + ".json")
    arguments, said = {
        "same file": (["-o", tmp_path / "X.xlsx", "--json", tmp_path / "X.xlsx"],
                      f"{tmp_path / 'X.xlsx'} and {tmp_path / 'X.xlsx'} are the same file"),
        "csv": (["-o", tmp_path / "r.csv", "--json", tmp_path / "r.json"],
                "The result must be saved as an .xlsx workbook, not 'r.csv'."),
        "folder": (["--json", folder], f"cannot write {folder}: it is a folder"),
        "long name": (["--json", long_name], f"cannot write {long_name}: its name is 305 bytes long, and the folder "
                                             "takes names of at most 255; choose a shorter name"),
        "read-only folder": (["--json", folder / "r.json"], f"cannot write {folder / 'r.json'}: permission denied"),
    }[kind]
    try:
        assert cli.main(["solve", str(case_path), *map(str, arguments)]) == cli.EXIT_ERROR
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith(f"error: {said}"), err
        _assert_plain(err)
        assert _folder(tmp_path) == ["case.xlsx", "folder"] and _folder(folder) == []
    finally:
        folder.chmod(0o700)


def test_a_frontier_of_more_than_200_levels_is_refused_before_any_solve(case_path, capsys, no_solve):
    assert cli.main(["frontier", str(case_path), "--vary", "total_budget", "--from", "50", "--to", "150",
                     "--steps", "10000"]) == cli.EXIT_ERROR
    assert capsys.readouterr().err == ("error: --steps 10000 is too many: a frontier takes at most 200 levels (each is "
                                       "a solve); ask for 200 or fewer\n")
    assert cli.main(["frontier", "--help"]) == cli.EXIT_OK
    assert "(at most 200)" in " ".join(capsys.readouterr().out.split())


# --- device files and links ---------------------------------------------------------------------
def _identity(path) -> tuple:
    found = os.lstat(path)
    return found.st_mode, found.st_ino, found.st_rdev


@POSIX
def test_device_files_are_written_through_never_replaced(case_path, capsys):
    null = _identity("/dev/null")
    assert cli.main(["solve", str(case_path), "-o", "/dev/null", "--json", "/dev/null"]) == cli.EXIT_OK
    assert _identity("/dev/null") == null
    if os.path.exists("/dev/full"):
        full = _identity("/dev/full")
        capsys.readouterr()
        assert cli.main(["solve", str(case_path), "--json", "/dev/full"]) == cli.EXIT_ERROR
        assert capsys.readouterr().err == "error: cannot write /dev/full: No space left on device\n"
        assert _identity("/dev/full") == full


@POSIX
def test_a_fifo_is_written_through_to_its_reader(case_path, tmp_path, capsys):
    fifo = tmp_path / "answer.fifo"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert cli.main(["solve", str(case_path), "--json", str(fifo)]) == cli.EXIT_OK
    reader.join(30)
    assert json.loads(received[0])["status"] == "optimal"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert _folder(tmp_path) == ["answer.fifo", "case.xlsx"]


def test_a_link_to_another_file_is_kept_and_the_file_it_names_replaced(case_path, tmp_path, capsys):
    (tmp_path / "kept").mkdir()
    real = tmp_path / "kept" / "answer.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    missing = tmp_path / "to-be.json"
    missing.symlink_to(tmp_path / "kept" / "new.json")
    assert cli.main(["solve", str(case_path), "--json", str(link)]) == cli.EXIT_OK
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["status"] == "optimal"
    assert cli.main(["solve", str(case_path), "--json", str(missing)]) == cli.EXIT_OK
    assert missing.is_symlink() and json.loads(missing.read_text(encoding="utf-8"))["status"] == "optimal"
    assert _folder(tmp_path / "kept") == ["answer.json", "new.json"]


@POSIX
@pytest.mark.skipif(not os.path.exists("/proc/self/fd/1"), reason="needs /proc")
def test_a_link_to_standard_output_writes_to_it(case_path, tmp_path):
    link = tmp_path / "out.json"
    link.symlink_to("/proc/self/fd/1")
    done = subprocess.run(_command("solve", case_path, "--json", link), capture_output=True, text=True,
                          env=_environment(), timeout=120)
    assert done.returncode == cli.EXIT_OK, done.stderr
    printed, _, answer = done.stdout.partition("\n{")
    assert printed.startswith("Status: optimal")
    assert json.loads("{" + answer)["status"] == "optimal"
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"
    assert _folder(tmp_path) == ["case.xlsx", "out.json"]


def test_links_that_loop_are_refused_in_plain_words(case_path, tmp_path, capsys, no_solve):
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    assert cli.main(["solve", str(case_path), "--json", str(tmp_path / "a.json")]) == cli.EXIT_ERROR
    assert capsys.readouterr().err.startswith(f"error: cannot write {tmp_path / 'a.json'}: Too many levels of")


# --- escape sequences ---------------------------------------------------------------------------
def test_control_characters_in_anything_printed_are_escaped(tmp_path, capsys):
    # Excel keeps a control character in a cell as _x001B_; the reader gives it back as ESC
    case = make_workbook(tmp_path / "case.xlsx", [{**PROJECTS[0], "capex_2027": "_x001B_]0;owned_x0007_"}])
    assert cli.main(["solve", str(case)]) == cli.EXIT_INVALID
    out = capsys.readouterr().out
    assert "Projects!C2: text '\\x1b]0;owned\\x07' is not a number" in out and "\x1b" not in out
    good = make_workbook(tmp_path / "good.xlsx", PROJECTS, {"total_budget": 100})
    assert cli.main(["solve", str(good), "--set", "\x1b[2J\u202e=1"]) == cli.EXIT_INVALID
    out = capsys.readouterr().out
    assert "unknown setting '\\x1b[2J\\u202e'" in out and "\x1b" not in out and "\u202e" not in out


def test_files_module_keeps_temporary_names_within_the_file_systems_limit(tmp_path):
    target = tmp_path / ("n" * 250 + ".json")  # the name fits; ".{name}-XXXXXXXX" would not
    write_atomically(target, b"{}")
    assert target.read_bytes() == b"{}" and _folder(tmp_path) == [target.name]
    assert files.max_name_length(tmp_path) >= 255
