"""Update the app's Chinese translation: collect every tr() text of ui/ into the .ts, compile the .qm.

    python tools/update_translations.py           # lupdate ui/ -> resources/i18n/portfolio_zh_CN.ts, lrelease -> .qm
    python tools/update_translations.py --check   # only say what is missing or stale; exit 1 if anything is

Texts new since the last run come in unfinished: translate them in Qt Linguist (`pyside6-linguist
resources/i18n/portfolio_zh_CN.ts`) or in the file itself, then run this again to compile. Texts no
longer in the code are dropped. The .ts keeps no line numbers, so editing ui/ leaves it unchanged
unless a text changes. tests/ui/test_translations.py fails while a text has no translation or the
.qm is older than the .ts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "ui"
TRANSLATIONS = ROOT / "resources" / "i18n"
LANGUAGES = ("zh_CN",)


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"portfolio_{language}.ts"


def tool(name: str) -> str:
    """A Qt tool of the PySide6 that runs this script (the venv's), else one on the PATH."""
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 (pip install PySide6-Essentials)")
    return found


def lupdate(target: Path) -> None:
    """Collect the texts of every ui/**/*.py into `target`, keeping its translations, dropping texts gone."""
    sources = sorted(str(p) for p in SOURCES.rglob("*.py"))
    subprocess.run([tool("pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none", "-ts", str(target)],
                   check=True, capture_output=True, text=True)


def lrelease(source: Path, target: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), str(source), "-qm", str(target)], check=True, capture_output=True,
                   text=True)


def untranslated(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of each message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not (translation.text or "").strip():
                missing.append((name, message.findtext("source", "")))
    return missing


def message_count(ts: Path) -> int:
    return sum(1 for _ in ET.parse(ts).getroot().iter("message"))


def check(language: str) -> list[str]:
    """What is wrong with a language's files: texts of the code without translation, a stale .qm."""
    problems = []
    ts = ts_file(language)
    with tempfile.TemporaryDirectory() as folder:
        updated = Path(folder) / ts.name
        shutil.copyfile(ts, updated)
        lupdate(updated)
        problems += [f"{ts.name}: no translation for {context}: {source!r}"
                     for context, source in untranslated(updated)]
        compiled = Path(folder) / ts.with_suffix(".qm").name
        lrelease(ts, compiled)
        if compiled.read_bytes() != ts.with_suffix(".qm").read_bytes():
            problems.append(f"{ts.with_suffix('.qm').name} is not compiled from the current {ts.name}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a translation is missing")
    args = parser.parse_args()
    if args.check:
        problems = [p for language in LANGUAGES for p in check(language)]
        print("\n".join(problems) or "translations complete and compiled")
        return 1 if problems else 0
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = ts_file(language)
        lupdate(ts)
        lrelease(ts, ts.with_suffix(".qm"))
        missing = untranslated(ts)
        print(f"{ts.relative_to(ROOT)}: {message_count(ts)} messages, {len(missing)} without translation")
        for context, source in missing:
            print(f"  {context}: {source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
