"""The pack as an editable Word document (python-docx): real headings, real tables, the charts as pictures.

A secretary edits it before the meeting: the headings are Word's Heading styles (the navigation pane and a table
of contents find them), the tables Word tables with a header row repeated on each page, the text in the pack's
font (the East Asian font too, which Word otherwise leaves to its Latin choice and shows Chinese in a fallback).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from optimizer.report.pack import BarChart, LineChart, Pack, Table
from ui.board_pack.charts import chart_png, size_cm
from ui.board_pack.columns import column_parts
from ui.board_pack.fonts import PackFonts

HEADER_SHADE = "DDEBF7"
TEXT_WIDTH_CM = 17.0
BODY_PT, TABLE_PT, SMALL_TABLE_PT = 10.5, 9, 8
WIDE_TABLES = {"selected", "kpis_by_year", "targets", "binding"}
"""Tables with many columns: set a size smaller so they keep to the page width."""


def word_bytes(pack: Pack, fonts: PackFonts) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    _fonts(document, fonts)
    document.core_properties.title = pack.title
    document.core_properties.subject = pack.subtitle
    title = document.add_heading(pack.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.LEFT
    subtitle = document.add_paragraph(pack.subtitle)
    subtitle.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    for number, part in enumerate(pack.sections):
        heading = document.add_heading(part.title, level=1)
        if number > 0:
            heading.paragraph_format.page_break_before = True
        for block in part.blocks:
            if isinstance(block, str):
                document.add_paragraph(block)
            elif isinstance(block, Table):
                _table(document, block)
            elif isinstance(block, BarChart | LineChart):
                width, _ = size_cm(block)
                document.add_picture(io.BytesIO(chart_png(block, fonts)), width=Cm(width))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _fonts(document, fonts: PackFonts) -> None:
    """The pack's fonts for the body, the headings and the title: the Latin one, and the Chinese one for East
    Asian text."""
    for name in ("Normal", "Title", "Heading 1", "Heading 2"):
        style = document.styles[name]
        style.font.name = fonts.latin
        rfonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            rfonts.set(qn(attribute), fonts.latin)
        rfonts.set(qn("w:eastAsia"), fonts.cjk or fonts.latin)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(theme), None)
    document.styles["Normal"].font.size = Pt(BODY_PT)
    document.styles["Title"].font.size = Pt(22)


def _table(document, table: Table) -> None:
    size = Pt(SMALL_TABLE_PT if table.key in WIDE_TABLES else TABLE_PT)
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, part in zip(grid.columns, column_parts(table), strict=True):
        for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
            cell.width = Cm(TEXT_WIDTH_CM * part)
        column.width = Cm(TEXT_WIDTH_CM * part)
    for r, values in enumerate([table.headers, *table.rows]):
        row = grid.rows[r]
        header = r == 0
        bold = header or (table.bold_last and r == len(table.rows))
        for c, value in enumerate(values):
            cell = row.cells[c]
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value)
            run.font.size = size
            run.bold = bold
            if c in table.numeric and not header:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if header:
                _shade(cell, HEADER_SHADE)
        if header:
            _repeat_as_header(row)
    document.add_paragraph()


def _shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def _repeat_as_header(row) -> None:
    """The header row again at the top of each page a long table runs onto."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
