"""A target the command cannot write (a read-only file, a read-only folder, a file another program holds
open) is one plain sentence naming the file and what to do, exit status 1 (cli.md: "anything else"),
never a Python exception's name; the file is left as it was and nothing else is written."""

from __future__ import annotations

import json
import os

import pytest

from optimizer import cli
from tests.builders import make_workbook

PROJECTS = [
    {"id": "A", "name": "Alpha", "capex_2027": 60, "npv": 30},
    {"id": "B", "name": "Beta", "capex_2027": 50, "npv": 20},
    {"id": "C", "name": "Gamma", "capex_2027": 40, "npv": 15},
]


@pytest.fixture
def case_path(tmp_path):
    return make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 100})


def _assert_plain(err: str, target) -> None:
    assert f"cannot write {target}" in err, err
    for python_words in ("Errno", "ReadOnlyFile", "PermissionError", "Traceback"):
        assert python_words not in err, err


@pytest.mark.parametrize("command", [["solve"], ["explain", "B"], ["frontier", "--vary", "total_budget",
                                                                     "--from", "90", "--to", "110", "--steps", "2"]])
def test_a_read_only_json_target_is_refused_in_plain_words_and_kept(case_path, tmp_path, capsys, command):
    # The read-only mark is the file's own permission bits, so this holds for root as well.
    target = tmp_path / "approved.json"
    target.write_text('{"kept": true}', encoding="utf-8")
    target.chmod(0o444)
    try:
        code = cli.main([command[0], str(case_path), *command[1:], "--json", str(target)])
        out, err = capsys.readouterr()
        assert code == cli.EXIT_ERROR
        _assert_plain(err, target)
        assert "read-only" in err and "Make it writable" in err
        assert json.loads(target.read_text(encoding="utf-8")) == {"kept": True}
        assert sorted(p.name for p in tmp_path.iterdir()) == ["approved.json", "case.xlsx"]
    finally:
        target.chmod(0o644)


def test_an_invalid_workbook_with_a_read_only_json_target_says_so_too(tmp_path, capsys):
    broken = make_workbook(tmp_path / "broken.xlsx", [{"id": "A", "name": "Alpha", "capex_2027": "lots", "npv": 3}])
    target = tmp_path / "answer.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o444)
    assert cli.main(["solve", str(broken), "--json", str(target)]) == cli.EXIT_ERROR
    _assert_plain(capsys.readouterr().err, target)
    assert target.read_text(encoding="utf-8") == "{}"


def test_a_json_target_locked_by_another_program_is_a_plain_message(case_path, tmp_path, capsys, monkeypatch):
    target = tmp_path / "answer.json"
    target.write_text("old", encoding="utf-8")

    def locked(src, dst):  # what Windows does while another program has the file open
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    assert cli.main(["solve", str(case_path), "--json", str(target)]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    _assert_plain(err, target)
    assert "permission denied" in err and "open in another program" in err
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer.json", "case.xlsx"]


def test_an_export_target_locked_by_another_program_is_a_plain_message(case_path, tmp_path, capsys, monkeypatch):
    target = tmp_path / "result.xlsx"
    target.write_bytes(b"the old result")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    assert cli.main(["solve", str(case_path), "-o", str(target)]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert str(target) in err and "permission denied" in err
    assert "Errno" not in err and "PermissionError" not in err
    assert target.read_bytes() == b"the old result"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_json_target_in_a_read_only_folder_is_a_plain_message(case_path, tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        assert cli.main(["solve", str(case_path), "--json", str(folder / "answer.json")]) == cli.EXIT_ERROR
        err = capsys.readouterr().err
        _assert_plain(err, folder / "answer.json")
        assert "permission denied" in err
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
