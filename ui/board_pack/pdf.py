"""The pack as a PDF drawn by Qt: its text laid out by QTextDocument (HTML), the pages painted on a QPdfWriter,
which embeds the subset of the font each page uses (so Chinese reads on a machine without the font).

A4 portrait, 2 cm margins, each section from a new page, the pack's title and the page number at the foot of
each page. The charts are the same 300 dpi images as in the Word document.
"""

from __future__ import annotations

import re
from functools import cache
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QRawFont,
    QTextDocument,
    QTextOption,
)

from optimizer.report.pack import BarChart, LineChart, Pack, Table
from ui.board_pack.charts import chart_png, size_cm
from ui.board_pack.columns import column_parts
from ui.board_pack.fonts import PackFonts

RESOLUTION = 300
CSS_DPI = 96
MARGIN_MM = 20.0
BODY_PT, TABLE_PT, SMALL_TABLE_PT, FOOTER_PT = 10.0, 8.5, 7.5, 7.5
WIDE_TABLES = {"selected", "kpis_by_year", "targets", "binding"}


def pdf_bytes(pack: Pack, fonts: PackFonts) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    writer.setTitle(pack.title)
    writer.setCreator("Portfolio Optimizer")
    painter = QPainter(writer)
    try:
        _paint(painter, writer, pack, fonts)
    finally:
        painter.end()
    buffer.close()
    return searchable(bytes(data.data()), fonts)


def _paint(painter: QPainter, writer: QPdfWriter, pack: Pack, fonts: PackFonts) -> None:
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    footer_font = fonts.font(FOOTER_PT)
    painter.setFont(footer_font)
    footer_height = painter.fontMetrics().height() * 3
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(fonts.font(BODY_PT))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # a SHA-256 or a long id still wraps
    document.setDefaultTextOption(option)
    document.setDocumentMargin(0)
    body = QSizeF(page.width(), page.height() - footer_height)
    document.setPageSize(body)
    document.setHtml(_html(pack, document, fonts, page.width()))
    pages = document.pageCount()
    for number in range(pages):
        if number:
            writer.newPage()
        painter.save()
        painter.translate(0, -number * body.height())
        document.drawContents(painter, QRectF(0, number * body.height(), body.width(), body.height()))
        painter.restore()
        painter.setFont(footer_font)
        painter.setPen(QColor("#595959"))
        foot = QRectF(0, page.height() - footer_height / 2, page.width(), footer_height / 2)
        painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, pack.title)
        painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"{number + 1} / {pages}")


def _html(pack: Pack, document: QTextDocument, fonts: PackFonts, text_width: float) -> str:
    parts = [f"<h1 style='font-size:20pt; margin-bottom:4pt'>{escape(pack.title)}</h1>",
             f"<p style='color:#595959; margin-bottom:12pt'>{escape(pack.subtitle)}</p>"]
    charts = 0
    for number, section in enumerate(pack.sections):
        style = "font-size:14pt; color:#1F3864; margin-top:6pt; margin-bottom:8pt"
        if number > 0:
            style += "; page-break-before:always"
        parts.append(f"<h2 style='{style}'>{escape(section.title)}</h2>")
        for block in section.blocks:
            if isinstance(block, str):
                parts.append(f"<p style='margin-bottom:6pt'>{escape(block)}</p>")
            elif isinstance(block, Table):
                parts.append(_table(block))
            elif isinstance(block, BarChart | LineChart):
                charts += 1
                name = f"chart{charts}.png"
                image = QImage.fromData(chart_png(block, fonts))
                document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
                width_cm, height_cm = size_cm(block)
                # an image's size in HTML is in CSS pixels (96 to the inch) whatever the device's resolution
                width = min(text_width * CSS_DPI / RESOLUTION, width_cm / 2.54 * CSS_DPI)
                height = width * height_cm / width_cm
                parts.append(f"<p style='margin-bottom:10pt'><img src='{name}' width='{width:.0f}' "
                             f"height='{height:.0f}'></p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def _table(table: Table) -> str:
    size = SMALL_TABLE_PT if table.key in WIDE_TABLES else TABLE_PT
    parts = column_parts(table)
    header = "".join(_cell(h, "th", False, True, f" width='{part:.1%}'") for h, part in zip(table.headers, parts,
                                                                                      strict=True))
    rows = [f"<thead><tr>{header}</tr></thead>"]
    for r, values in enumerate(table.rows):
        bold = table.bold_last and r == len(table.rows) - 1
        rows.append("<tr>" + "".join(_cell(v, "td", c in table.numeric, bold) for c, v in enumerate(values)) + "</tr>")
    return (f"<table width='100%' border='1' cellspacing='0' cellpadding='3' "
            f"style='border-collapse:collapse; border-color:#A6A6A6; font-size:{size}pt; margin-bottom:10pt'>"
            + "".join(rows) + "</table>")


def _cell(value: str, tag: str, right: bool, bold: bool, width: str = "") -> str:
    align = (" align='right'" if right else " align='left'") + width
    shade = " bgcolor='#DDEBF7'" if tag == "th" else ""
    text = f"<b>{escape(value)}</b>" if bold and tag == "td" else escape(value)
    return f"<{tag}{align}{shade}>{text}</{tag}>"


# --- text a reader can search -------------------------------------------------------------------------------
RADICALS = range(0x2E80, 0x2FE0)
"""The CJK radicals (supplement and Kangxi): a CJK font such as Noto Sans CJK draws ⽬ (U+2F6C) and 目 (U+76EE)
with one glyph, and Qt's PDF writer maps each glyph back to the lowest code point that uses it, so a reader's
search, copy or pdftotext found "项⽬" for 项目. The text never holds a radical: each is mapped back to the
ideograph that shares its glyph."""
_MAPS = re.compile(rb"beginbf(char|range)\n(.*?)\nendbf(char|range)", re.DOTALL)
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")


def searchable(pdf: bytes, fonts: PackFonts) -> bytes:
    """The PDF with its ToUnicode maps naming ideographs, not radicals (same length: the file's offsets hold)."""
    if fonts.cjk is None:
        return pdf
    ideographs = _ideograph_of_radical(fonts.cjk)
    if not ideographs:
        return pdf

    def code(match: re.Match) -> bytes:
        value = int(match.group(1), 16)
        return b"<%04X>" % ideographs[value] if value in ideographs else match.group(0)

    def destinations(line: bytes, ranges: bool) -> bytes:
        if ranges and b"[" in line:  # <first> <last> [<to> <to> ...]
            head, _, rest = line.partition(b"[")
            return head + b"[" + _CODE.sub(code, rest)
        head, space, last = line.rpartition(b" ")  # <from> <to>, or <first> <last> <to>: only the <to>
        return head + space + _CODE.sub(code, last) if space else line

    def section(match: re.Match) -> bytes:
        ranges = match.group(1) == b"range"
        body = b"\n".join(destinations(line, ranges) for line in match.group(2).split(b"\n"))
        return match.group(0).replace(match.group(2), body, 1)

    return _MAPS.sub(section, pdf)


@cache
def _ideograph_of_radical(family: str) -> dict[int, int]:
    """Radical code point -> the CJK ideograph drawn with the same glyph in `family`."""
    font = QFont(family)
    raw = QRawFont.fromFont(font)
    if not raw.isValid():
        return {}
    ideographs = [chr(c) for c in range(0x4E00, 0xA000)]
    glyphs = raw.glyphIndexesForString("".join(ideographs))
    by_glyph: dict[int, int] = {}
    for character, glyph in zip(ideographs, glyphs, strict=False):
        if glyph:
            by_glyph.setdefault(glyph, ord(character))
    radicals = [chr(c) for c in RADICALS]
    found = {}
    for character, glyph in zip(radicals, raw.glyphIndexesForString("".join(radicals)), strict=False):
        if glyph and glyph in by_glyph:
            found[ord(character)] = by_glyph[glyph]
    return found
