"""Write a board pack: the content of a result (optimizer/report/pack.py) as .docx or .pdf by the file's suffix,
atomically (optimizer/io/files.py), or an ExportError that says why not in plain words.

    write_board_pack(result, "pack.pdf", language="zh_CN", frontier=None)

Needs a QGuiApplication (fonts and painting); the `report` command makes one without a screen (command.py).
"""

from __future__ import annotations

from pathlib import Path

from optimizer.errors import ExportError
from optimizer.io.files import why_not_written, write_atomically
from optimizer.report.pack import SUFFIXES, Pack, board_pack, wrong_suffix
from optimizer.report.result import Result


def pack_bytes(pack: Pack, suffix: str) -> bytes:
    """The pack as the bytes of a .docx or a .pdf; an ExportError for Chinese without a Chinese font."""
    from ui.board_pack.fonts import pack_fonts

    fonts = pack_fonts(pack.chinese)
    if suffix.lower() == ".docx":
        from ui.board_pack.word import word_bytes

        return word_bytes(pack, fonts)
    from ui.board_pack.pdf import pdf_bytes

    return pdf_bytes(pack, fonts)


def write_board_pack(result: Result, path: str | Path, language: str = "en", frontier=None) -> Pack:
    """Write the pack of `result` to `path` (.docx or .pdf); the pack written, for the caller to say what it holds."""
    path = Path(path)
    if (why := wrong_suffix(path)) is not None:
        raise ExportError(why)
    pack = board_pack(result, language, frontier=frontier)
    data = pack_bytes(pack, path.suffix if path.suffix.lower() in SUFFIXES else ".pdf")
    try:
        write_atomically(path, data)
    except OSError as error:
        raise ExportError(why_not_written(path, error)) from None
    return pack
