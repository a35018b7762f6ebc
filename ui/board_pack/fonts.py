"""The font of a pack: one that has Chinese characters when the pack is in Chinese (a PDF embeds the subset it
uses), else the system's own."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from optimizer.errors import ExportError
from optimizer.report.pack import no_cjk_font

CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "微软雅黑",
                "PingFang SC", "Noto Serif CJK SC", "Source Han Serif SC", "SimHei", "黑体", "SimSun", "宋体",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Heiti SC", "Hiragino Sans GB")
"""Chinese fonts in order of preference: sans-serif first, as a screen and a projector read them best."""
LATIN_FAMILIES = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Segoe UI", "Calibri")


def cjk_family() -> str | None:
    """A font family with Simplified Chinese installed on this system, None if there is none."""
    families = QFontDatabase.families()
    for name in CJK_FAMILIES:
        if name in families:
            return name
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return next((name for name in chinese if "mono" not in name.lower()), chinese[0] if chinese else None)


def pack_family(chinese: bool) -> str:
    """The family a pack is set in; for Chinese, an ExportError in plain words when no Chinese font is installed.
    An English pack prefers a Chinese font too where there is one: project names are often Chinese."""
    family = cjk_family()
    if family is not None:
        return family
    if chinese:
        raise ExportError(no_cjk_font())
    families = QFontDatabase.families()
    return next((name for name in LATIN_FAMILIES if name in families),
                QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family())
