"""Build the desktop app into `dist/PortfolioOptimizer/` with PyInstaller (packaging/portfolio_optimizer.spec).

Run from anywhere, with the Python that has the app's dependencies installed (`pip install -e .`):

    python packaging/build.py              # Windows and Linux alike
    python packaging/build.py --smoke      # then solve the demo case with the built program

PyInstaller is installed with pip first when it is missing. A build from the same sources
replaces the previous one. On Linux the `.desktop` file is copied next to the programs,
for the installation steps in docs/packaging.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "portfolio_optimizer.spec"
DESKTOP_FILE = ROOT / "packaging" / "portfolio-optimizer.desktop"
DIST = ROOT / "dist"
WORK = ROOT / "build"
APP_NAME = "PortfolioOptimizer"
PYINSTALLER_REQUIREMENT = "pyinstaller>=6.10"


def app_folder(dist: Path = DIST) -> Path:
    return dist / APP_NAME


def program(folder: Path, console: bool) -> Path:
    """The desktop program (console=False) or the headless one (console=True) in a built folder."""
    name = f"{APP_NAME}-cli" if console else APP_NAME
    return folder / (name + ".exe" if sys.platform == "win32" else name)


def ensure_pyinstaller() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        print(f"PyInstaller is missing; installing {PYINSTALLER_REQUIREMENT} with pip", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", PYINSTALLER_REQUIREMENT], check=True)


def folder_megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def build(dist: Path = DIST, work: Path = WORK) -> Path:
    """Build the one-folder app under `dist`; return its folder."""
    ensure_pyinstaller()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(command, check=True, cwd=ROOT)
    folder = app_folder(dist)
    if sys.platform.startswith("linux"):
        shutil.copy2(DESKTOP_FILE, folder / DESKTOP_FILE.name)
    return folder


def smoke_test(folder: Path) -> None:
    """Solve the bundled demo case with the built headless program and print its status line."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "demo.json"
        demo = folder / "_internal" / "resources" / "demo_case.xlsx"
        started = time.perf_counter()
        subprocess.run([str(program(folder, console=True)), "solve", str(demo), "--json", str(out)], check=True)
        print(f"frozen solve of the demo case: {time.perf_counter() - started:.1f} s, {out.read_text()[:60]}...")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=DIST, help="where the app folder goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=WORK, help="PyInstaller's scratch folder (default: build/)")
    parser.add_argument("--smoke", action="store_true", help="solve the demo case with the built program")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folder = build(args.dist.resolve(), args.work.resolve())
    print(f"built {folder} in {time.perf_counter() - started:.0f} s, {folder_megabytes(folder):.0f} MB")
    if args.smoke:
        smoke_test(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
