"""A damaged workbook is refused in plain words, in English and in Chinese: what is wrong with the file
and what to do, never the English of the library that noticed it (zipfile's "Bad CRC-32 for file ...",
zlib's "Error -3 while decompressing data", expat's "no element found"), and never an exception of
that library's own (a broken compressed stream or an unknown zip version used to escape as one).

The files: the broken-workbook corpus (tests/corpus/make_corpus.py, its "damaged" entries made to
each hold one such failure), and a valid workbook damaged at seeded random places, byte by byte and
part by part."""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from optimizer.errors import CaseError, Problem
from optimizer.io.workbook import read_case
from optimizer.words.language import Words
from optimizer.words.text import Text
from tests.builders import ENTERPRISE, make_workbook, random_projects
from tests.corpus.make_corpus import CORPUS, make_corpus
from tests.untranslated import CELL, KEYS, NAMES

CHINESE, ENGLISH = Words("zh_CN"), Words("en")
# What zipfile, zlib, expat and ElementTree say (Python 3.11 to 3.13): none of it may reach the user.
LIBRARY_WORDS = ["Bad CRC", "CRC-32", "Bad magic number", "Truncated", "File name in directory", "Corrupt extra",
                 "Bad offset", "negative seek", "File is not a zip file", "Overlapped", "zip file version",
                 "compression type", "Error -", "decompressing", "invalid block", "invalid distance", "invalid code",
                 "invalid literal", "invalid bit length", "invalid stored", "no element found", "mismatched tag",
                 "not well-formed (invalid token)", "unclosed token", "junk after", ", column "]
DAMAGED = [entry.name for entry, _ in CORPUS if entry.kind == "damaged"]


def _values(text: object) -> list[str]:
    """The values a message carries (file, part and sheet names, a line number), but not a library's words."""
    if not isinstance(text, Text):
        return []
    found = []
    for key, value in text.values.items():
        if isinstance(value, Text):
            found += _values(value)
        elif key != "detail":
            found.append(str(value))
    return found


def english_left(chinese: str, problem: Problem) -> list[str]:
    """Words of English in the Chinese that are neither a value of the problem (but a library's) nor a name."""
    rest = chinese
    for value in sorted(_values(problem.said()), key=len, reverse=True):
        rest = rest.replace(value, " ")
    words = re.findall(r"[A-Za-z][A-Za-z0-9_]*", rest)
    return [w for w in words if w not in NAMES and w not in KEYS and not CELL.fullmatch(w)]


def check_plain_words(problem: Problem) -> None:
    english, chinese = ENGLISH.problem(problem), CHINESE.problem(problem)
    for said in (english, chinese):
        assert not [w for w in LIBRARY_WORDS if w in said], said
    assert re.search(r"[\u4e00-\u9fff]", chinese) and english_left(chinese, problem) == [], chinese


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder)
    return folder


def test_the_corpus_holds_each_kind_of_damage():
    assert set(DAMAGED) >= {"bad_checksum.xlsx", "broken_deflate.xlsx", "broken_part_header.xlsx",
                            "unknown_zip_version.xlsx", "broken_workbook_xml.xlsx"}


@pytest.mark.parametrize("name", [entry.name for entry, _ in CORPUS])
def test_no_problem_of_the_corpus_carries_a_librarys_words(corpus, name):
    with pytest.raises(CaseError) as raised:
        read_case(corpus / name)
    for problem in raised.value.problems:
        check_plain_words(problem)


@pytest.mark.parametrize("name", DAMAGED)
def test_a_damaged_file_says_what_to_do(corpus, name):
    with pytest.raises(CaseError) as raised:
        read_case(corpus / name)
    [problem] = raised.value.problems
    assert str(problem).startswith(name) and "damaged" in str(problem)
    assert str(problem).endswith("ask for the file again, or open it in Excel to repair it and save it again")
    assert CHINESE.problem(problem).endswith("请重新获取该文件，或在 Excel 中打开、修复后重新保存")


def _damaged_copies(path: Path, count: int, seed: int):
    """`count` copies of the workbook, each damaged once: bytes changed, cut short or cut out of the file,
    or one part's XML changed, cut short or cut into and the file zipped again (so only the XML is wrong)."""
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    rng = random.Random(seed)
    for trial in range(count):
        how = trial % 6
        if how < 3:
            damaged = bytearray(data)
            if how == 0:
                for _ in range(rng.randint(1, 4)):
                    damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            elif how == 1:
                damaged = damaged[:rng.randrange(30, len(damaged))]
            else:
                at = rng.randrange(len(damaged))
                del damaged[at:at + rng.randint(1, 64)]
            yield bytes(damaged)
            continue
        name = rng.choice(sorted(parts))
        xml = bytearray(parts[name])
        if how == 3:
            xml[rng.randrange(len(xml))] = rng.choice(b"<>&\"'/=\x00\xff\x80")
        elif how == 4:
            xml = xml[:rng.randrange(len(xml))]
        else:
            at = rng.randrange(len(xml))
            del xml[at:at + rng.randint(1, 20)]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, content in parts.items():
                archive.writestr(part, bytes(xml) if part == name else content)
        yield buffer.getvalue()


def test_a_workbook_damaged_anywhere_is_refused_in_plain_words_or_still_read(tmp_path):
    valid = make_workbook(tmp_path / "valid.xlsx", random_projects(8, n=7), {"total_budget": 40.0}, ENTERPRISE)
    target = tmp_path / "damaged.xlsx"
    refused = 0
    for data in _damaged_copies(valid, 600, seed=20260901):
        target.write_bytes(data)
        try:
            read_case(target)  # some damage is harmless (a byte of a timestamp, a blank in the XML)
        except CaseError as error:
            refused += 1
            for problem in error.problems:
                check_plain_words(problem)
    assert refused > 300  # most of it is not harmless: the damage reached the reader (415 of 600 when written)


@pytest.mark.parametrize("failure", [PermissionError(13, "Permission denied"), OSError(5, "Input/output error")])
def test_a_file_the_system_will_not_read_is_said_without_the_systems_words(tmp_path, monkeypatch, failure):
    # Running as root, a file cannot be made unreadable: the system's refusal is stood in for.
    import optimizer.io.xlsx

    def refuse(*args, **kwargs):
        raise failure

    valid = make_workbook(tmp_path / "case.xlsx", random_projects(8, n=3), {"total_budget": 40.0}, ENTERPRISE)
    monkeypatch.setattr(optimizer.io.xlsx, "open", refuse, raising=False)
    with pytest.raises(CaseError) as raised:
        read_case(valid)
    [problem] = raised.value.problems
    chinese = CHINESE.problem(problem)
    assert failure.strerror not in chinese and english_left(chinese, problem) == [], chinese
    if isinstance(failure, PermissionError):
        assert str(problem).startswith("case.xlsx could not be opened: permission denied.")
        assert chinese.startswith("无法打开 case.xlsx：没有访问权限。")
    else:  # the English keeps the system's words as a detail
        assert str(problem).startswith("case.xlsx could not be read from its disk or network drive "
                                       "(Input/output error)")
        assert chinese.startswith("无法从所在磁盘或网络驱动器读取 case.xlsx")
