"""The board pack drawn: charts as print-resolution images, the pack as an editable Word document or a PDF.

The content is optimizer/report/pack.py's (Qt-free); here it is only drawn (charts.py), laid out in Word
(word.py, python-docx) or on PDF pages (pdf.py, Qt's text layout and PDF writer), in a font that has the
pack's characters (fonts.py). `write_pack(pack, path)` writes either, by the file's suffix, atomically.
"""
