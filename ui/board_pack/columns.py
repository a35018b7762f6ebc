"""How wide each column of a pack's table is, as parts of the text width, by the table's key (pack.Table.key):
names and reasons get the room, ids and numbers what they need. Shared by the Word document and the PDF."""

from __future__ import annotations

from optimizer.report.pack import Table

WIDTHS = {
    "selected": (1.5, 4.9, 2.6, 1.4, 1.3, 2.2, 2.1),
    "excluded": (1.5, 4.3, 10.2),
    "supervised": (1.5, 4.3, 10.2),
    "kpis": (5.0, 3.0, 3.0, 3.2, 1.8),
    "binding": (3.4, 2.4, 2.4, 3.6, 4.2),
    "diagnosis": (4.0, 3.0, 3.0, 6.0),
    "facts": (4.0, 12.0),
    "overrides": (4.6, 2.0, 3.2, 3.2, 3.0),
    "settings": (5.0, 3.0, 5.0, 3.0),
}
FIRST_COLUMN = 4.0
"""A table by year: its first column names the figure, the years share the rest."""


def column_parts(table: Table) -> list[float]:
    """Each column's part of the width, summing to 1."""
    count = len(table.headers)
    widths = WIDTHS.get(table.key)
    if widths is None or len(widths) != count:
        widths = (FIRST_COLUMN, *[(16.0 - FIRST_COLUMN) / max(1, count - 1)] * (count - 1)) if count > 1 else (1.0,)
    total = sum(widths)
    return [w / total for w in widths]
