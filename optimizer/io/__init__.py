"""Files in and out: the bounded xlsx reader (`xlsx`), the case workbook reader (`workbook`), cell
values (`values`), the case writer (`case_writer`), the result workbook (`export`,
`export_analytics`), scenarios (`scenarios`) and atomic writes (`files`).
"""
