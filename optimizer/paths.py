"""Where the bundled files are: beside the code, or inside the frozen desktop build (packaging/)."""

import sys
from pathlib import Path

# A PyInstaller build unpacks its data files under sys._MEIPASS (the one-folder build's `_internal`).
_BUNDLE = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent))

RESOURCES = _BUNDLE / "resources"
DEMO_CASE = RESOURCES / "demo_case.xlsx"
ICON = RESOURCES / "icon.png"
