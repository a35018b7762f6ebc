"""Where the bundled files are."""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEMO_CASE = RESOURCES / "demo_case.xlsx"
TEMPLATE = RESOURCES / "template.xlsx"
