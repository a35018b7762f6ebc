"""Broken and hostile workbooks (tests/corpus/make_corpus.py): each is refused with exit status 2 and
plain words naming the sheet and cell, the project or what the file is, never a traceback, and
nothing is written. The hostile ones also run as a real process, with its time and peak memory
measured (benchmarks/hostile_files.py reports the figures; here they are only kept within a
generous safety bound)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from optimizer import cli
from tests.conftest import ROOT
from tests.corpus.make_corpus import CORPUS, make_corpus
from tests.corpus.measure import run_measured

ENTRIES = {entry.name: entry for entry, _ in CORPUS}
SAFETY_SECONDS = 60
SAFETY_PEAK_MEMORY = 1024 * 2**20  # far above what any file here needs; a bomb that went off would pass it
IN_A_REAL_PROCESS = ["zip_bomb.xlsx", "xml_bomb_shared_strings.xlsx", "projects_200000_rows.xlsx",
                     "encrypted.xlsx", "empty.xlsx"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder)
    return folder


def test_the_corpus_covers_every_kind_the_issue_lists():
    names = set(ENTRIES)
    assert len(names) >= 40
    for kind in ["no_projects_sheet", "missing_name_column", "duplicated_npv_column", "text_in_capex",
                 "blank_id", "nan_cell", "infinity_cell", "duplicate_ids", "unknown_dependency",
                 "cyclic_dependency", "merged_id_cells", "formula_without_saved_value", "hidden_settings_sheet",
                 "projects_200000_rows", "text_renamed", "encrypted", "old_format", "xml_bomb_sheet",
                 "zip_bomb", "empty"]:
        assert any(name.startswith(kind + ".") for name in names), kind


@pytest.mark.parametrize("name", list(ENTRIES))
def test_broken_workbook_is_refused_in_plain_words(corpus, name, tmp_path, capsys):
    entry = ENTRIES[name]
    result, answer = tmp_path / "result.xlsx", tmp_path / "result.json"
    started = time.perf_counter()
    code = cli.main(["solve", str(corpus / name), "-o", str(result), "--json", str(answer)])
    seconds = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code == 2, out + err
    for words in entry.expected:
        assert words in out, out
    assert "Traceback" not in out + err and err == ""
    assert not result.exists()
    written = json.loads(answer.read_text(encoding="utf-8"))
    assert written["status"] == "invalid"
    assert any(entry.expected[0] in problem for problem in written["problems"])
    assert seconds < SAFETY_SECONDS


@pytest.mark.parametrize("name", IN_A_REAL_PROCESS)
def test_hostile_file_in_a_real_process_is_refused_within_bounds(corpus, name):
    run = run_measured(ROOT / "main.py", ["solve", str(corpus / name)], ROOT, timeout=3 * SAFETY_SECONDS)
    assert run.code == 2, run.out + run.err
    for words in ENTRIES[name].expected:
        assert words in run.out
    assert run.err == ""
    assert run.seconds < SAFETY_SECONDS
    if run.peak_bytes is not None:
        assert run.peak_bytes < SAFETY_PEAK_MEMORY
