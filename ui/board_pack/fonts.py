"""The fonts of a pack: a Latin font for letters and digits, and one with Chinese characters (the second one Qt
falls back to, per character). A Chinese pack needs the Chinese one; a PDF embeds the subset of each it uses.

Latin first because the digits of a CJK font such as Noto Sans CJK are shaped to glyphs that Qt's PDF writer
cannot map back to characters: the PDF would show "NE02" but a reader's search or copy (pdftotext) would find
"NE". The Chinese font comes second and gives every character the Latin one lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase

from optimizer.errors import ExportError
from optimizer.report.pack import no_cjk_font

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "微软雅黑",
                "PingFang SC", "Noto Serif CJK SC", "Source Han Serif SC", "SimHei", "黑体", "SimSun", "宋体",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Heiti SC", "Hiragino Sans GB")
"""Chinese fonts in order of preference: sans-serif first, as a screen and a projector read them best."""
LATIN_FAMILIES = ("Segoe UI", "Arial", "Liberation Sans", "DejaVu Sans", "Helvetica Neue", "Helvetica", "Calibri")


@dataclass(frozen=True)
class PackFonts:
    latin: str
    cjk: str | None

    @property
    def families(self) -> list[str]:
        return [self.latin, self.cjk] if self.cjk else [self.latin]

    def font(self, points: float, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(self.families)
        font.setPointSizeF(points)
        font.setBold(bold)
        if hasattr(font, "setFeature"):  # Qt 6.7+: no "fi" ligature, which a PDF's text would give as "ﬁ"
            font.setFeature(QFont.Tag("liga"), 0)
        return font


def cjk_family() -> str | None:
    """A font family with Simplified Chinese installed on this system, None if there is none."""
    families = QFontDatabase.families()
    for name in CJK_FAMILIES:
        if name in families:
            return name
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return next((name for name in chinese if "mono" not in name.lower()), chinese[0] if chinese else None)


def latin_family() -> str:
    families = QFontDatabase.families()
    return next((name for name in LATIN_FAMILIES if name in families),
                QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family())


def pack_fonts(chinese: bool) -> PackFonts:
    """The fonts a pack is set in; for Chinese, an ExportError in plain words when no Chinese font is installed.
    An English pack takes a Chinese font too where there is one: project names are often Chinese."""
    cjk = cjk_family()
    if cjk is None and chinese:
        raise ExportError(no_cjk_font())
    return PackFonts(latin_family(), cjk)
