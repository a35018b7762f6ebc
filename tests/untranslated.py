"""English left in a Chinese message: the words of English that are neither a value the message carries (a file,
sheet or part name, a cell, a key, the user's own text) nor the name of a thing a Chinese sentence keeps as it is
(Excel, XML, a Settings key). The tests of the Chinese (tests/words/test_chinese.py and the words tests of each
part) ask that none is left."""

from __future__ import annotations

import re

from optimizer.model.case import ENTERPRISE_KEYS, PROJECT_COLUMNS
from optimizer.model.targets import SETTINGS
from optimizer.words.text import Text

# Names that a Chinese sentence keeps as they are: programs, formats, Excel's own words, units, keys.
NAMES = {"Excel", "xlsx", "xls", "xlsb", "ods", "XML", "DTD", "zip", "PDF", "Word", "PowerPoint", "OpenDocument",
         "Visual", "Basic", "Visible", "TRUE", "FALSE", "yes", "no", "Y", "N", "MB", "KB", "YYYY", "capex_YYYY",
         "e15", "npv", "eva", "score", "id", "Projects", "Settings", "Enterprise"}
KEYS = {*PROJECT_COLUMNS, *SETTINGS, *ENTERPRISE_KEYS}
CELL = re.compile(r"[A-Z]{1,3}\d+")


def _values(text: object) -> list[str]:
    """The values a message carries, as written into it (not the Texts: those are said in Chinese)."""
    if not isinstance(text, Text):
        return []
    found = []
    for key, value in text.values.items():
        if isinstance(value, Text):
            found += _values(value)
        elif isinstance(value, str | int | float) and key not in ("quality", "diagnosis", "status"):
            found.append(str(value))
    return found


def english_left(chinese: str, message: object) -> list[str]:
    """Words of English in the Chinese rendering that are neither a value of the message nor a name."""
    rest = chinese
    for value in sorted(_values(message), key=len, reverse=True):
        rest = rest.replace(value, " ")
    words = re.findall(r"[A-Za-z][A-Za-z0-9_]*", rest)
    return [w for w in words if w not in NAMES and w not in KEYS and not CELL.fullmatch(w)]
