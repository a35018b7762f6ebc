"""The export copies the case file's sheets into the result from the bytes read with the case (a case without
them, an autosave restored, reads its file again); when it cannot, the user hears
what happened and what to do in the export's language (the app exports in its own), not openpyxl's or
zipfile's English, and no result file is written. The command (English) says the same in English."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from optimizer.cli import solve_case
from optimizer.errors import ExportError
from optimizer.io.export import export_result
from optimizer.io.workbook import read_case
from optimizer.words.text import Text
from tests.builders import make_workbook
from tests.untranslated import english_left

PROJECTS = [{"id": "A", "name": "Wind farm", "capex_2027": 6, "npv": 5},
            {"id": "B", "name": "Grid link", "capex_2027": 5, "npv": 4}]

REREAD_ENGLISH = ("The result was not saved: the case file case.xlsx could not be read again to copy its sheets into "
                  "it. It may have been changed or damaged since the case was opened, or hold something the copy "
                  "cannot read. Open it in Excel and save it again, then open the case again and export")
REREAD_CHINESE = ("结果未保存：无法再次读取案例文件 case.xlsx，因而无法将其工作表复制到结果中。"
                  "该文件可能在打开案例后被修改或损坏，或含有复制时无法读取的内容。"
                  "请用 Excel 打开该文件并重新保存，然后重新打开案例再导出")


def with_part(path: Path, part: str, content: bytes) -> None:
    """Rewrite the workbook at `path` with one part's content replaced."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in parts:
            target.writestr(info, content if info.filename == part else data)


@pytest.fixture
def case_path(tmp_path) -> Path:
    return make_workbook(tmp_path / "case.xlsx", PROJECTS, {"total_budget": 20})


@pytest.mark.parametrize("language, expected", [("en", REREAD_ENGLISH), ("zh_CN", REREAD_CHINESE)])
def test_a_file_openpyxl_cannot_read_again_is_said_in_plain_words(case_path, tmp_path, language, expected):
    # The document properties (docProps/core.xml) cut short: the case reader never needs them and reads the
    # case; openpyxl, which copies the sheets for the export, parses them and fails (an ExpatError).
    with_part(case_path, "docProps/core.xml", b"<cp:coreProperties")
    result = solve_case(read_case(case_path))
    assert result.solution.status == "optimal"
    out = tmp_path / "result.xlsx"
    with pytest.raises(ExportError) as raised:
        export_result(result, out, language=language)
    message = str(raised.value)
    assert message == expected
    assert "Expat" not in message and "unclosed token" not in message
    assert raised.value.__cause__ is not None  # the library's own failure stays chained, for a developer
    if language == "zh_CN":
        assert english_left(message, Text("{name}", name="case.xlsx")) == []
    else:
        assert isinstance(raised.value.args[0], Text)  # the English keeps its template (a str all the same)
    assert not out.exists()


def test_a_file_damaged_after_reading_is_not_read_again(case_path, tmp_path):
    # The export copies the workbook from the bytes read with the case (issue 16): the file cut short since
    # does not matter, and the export reopens as the case solved.
    result = solve_case(read_case(case_path))
    data = case_path.read_bytes()
    case_path.write_bytes(data[: len(data) // 2])
    out = tmp_path / "result.xlsx"
    export_result(result, out)
    assert read_case(out).projects == result.case.projects


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_file_damaged_after_reading_is_said_in_plain_words(case_path, tmp_path, language):
    # A case without the bytes of the file it names (an autosave restored names its workbook, read from the
    # autosave) reads that file again; cut short, the reader's own words for a damaged file
    # (optimizer/io/xlsx.py), after what it means for the export.
    result = solve_case(read_case(case_path))
    case = result.case
    result = replace(result, case=replace(case, origin=replace(case.origin, path="autosave.xlsx")))
    data = case_path.read_bytes()
    case_path.write_bytes(data[: len(data) // 2])
    out = tmp_path / "result.xlsx"
    with pytest.raises(ExportError) as raised:
        export_result(result, out, language=language)
    message = str(raised.value)
    if language == "zh_CN":
        assert message == ("结果未保存：无法将案例文件的工作表复制到结果中。case.xlsx 是已损坏或不完整的 Excel 工作簿"
                           "（可能在复制或下载时被截断）：请重新获取该文件，或在 Excel 中打开以修复")
    else:
        assert message == ("The result was not saved: the case file's sheets could not be copied into it. case.xlsx is "
                           "a damaged or incomplete Excel workbook (cut short while copying or downloading?): ask for "
                           "the file again, or open it in Excel to repair it")
    assert not out.exists()
