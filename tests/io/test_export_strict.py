"""A Strict Open XML workbook (Excel's "Strict Open XML Spreadsheet" format) exports with its input sheets: the
export reopens as the case solved. openpyxl alone dropped them with a warning on stderr (issue 17)."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from optimizer.cli import solve_case
from optimizer.errors import ExportError
from optimizer.io import export
from optimizer.io.export import export_result
from optimizer.io.workbook import read_case
from optimizer.paths import DEMO_CASE

# What Excel writes in a Strict workbook instead of the Transitional namespaces (ECMA-376 Part 1, Strict).
STRICT = {"http://schemas.openxmlformats.org/spreadsheetml/2006/main": "http://purl.oclc.org/ooxml/spreadsheetml/main",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships":
              "http://purl.oclc.org/ooxml/officeDocument/relationships"}


def strict_copy(source: Path, path: Path) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith((".xml", ".rels")):
                for transitional, strict in STRICT.items():
                    data = data.replace(transitional.encode(), strict.encode())
            zout.writestr(info, data)
    return path


@pytest.fixture(scope="module")
def strict_demo(tmp_path_factory) -> Path:
    return strict_copy(Path(DEMO_CASE), tmp_path_factory.mktemp("strict") / "demo_strict.xlsx")


def test_a_strict_workbook_exports_with_its_input_sheets_and_reopens_as_the_case(strict_demo, tmp_path):
    case = read_case(strict_demo)
    result = solve_case(case)
    out = tmp_path / "result.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing may reach the user's console
        export_result(result, out)
    names = load_workbook(out).sheetnames
    assert names[:4] == load_workbook(DEMO_CASE).sheetnames[:4] == ["Projects", "Enterprise", "Settings", "Outlook"]
    again = solve_case(read_case(out))
    assert again.solution.objective_value == pytest.approx(result.solution.objective_value, rel=1e-3)
    assert {x.id for x in again.selected} == {x.id for x in result.selected}


def test_sheets_the_copy_would_lose_stop_the_export_in_words(strict_demo, tmp_path, monkeypatch):
    # Without the rewrite openpyxl drops every sheet of a Strict file: the export must refuse, not write half a case.
    monkeypatch.setattr(export, "as_transitional", lambda data: data)
    result = solve_case(read_case(strict_demo))
    with pytest.raises(ExportError) as refused:
        export_result(result, tmp_path / "result.xlsx")
    assert "could not be copied into it, so it would not reopen as the case solved" in str(refused.value)
    assert "Projects" in str(refused.value)
    assert not (tmp_path / "result.xlsx").exists()
