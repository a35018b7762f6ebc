"""Build small case workbooks for tests, straight with openpyxl (independent of the reader)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook


def make_workbook(
    path: Path,
    projects: list[dict],
    settings: dict | None = None,
    enterprise: dict | None = None,
    sheet_names: tuple[str, str, str] = ("Projects", "Settings", "Enterprise"),
) -> Path:
    """Write a case workbook: one row per project dict (keys become headers, in first-seen order).

    `settings` and `enterprise` become two-column key | value sheets; None leaves the sheet out.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_names[0]
    headers: list[str] = []
    for row in projects:
        for key in row:
            if key not in headers:
                headers.append(key)
    ws.append(headers)
    for row in projects:
        ws.append([row.get(h) for h in headers])
    for title, pairs in ((sheet_names[1], settings), (sheet_names[2], enterprise)):
        if pairs is None:
            continue
        sheet = wb.create_sheet(title)
        sheet.append(["key", "value"])
        for key, value in pairs.items():
            sheet.append([key, value])
    path = Path(path)
    wb.save(path)
    return path
