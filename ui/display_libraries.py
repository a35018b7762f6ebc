"""Before the window opens on Linux: are the system libraries of Qt's X11 (xcb) platform plugin there?

Without one of them Qt prints "Could not load the Qt platform plugin "xcb" ... no Qt platform plugin could
be initialized" and aborts. PySide6's wheels carry Qt but not these libraries of the system; a desktop
often has all but libxcb-cursor0 and a few others. This module says, in one line, which packages to
install. It imports no Qt (it runs before Qt is loaded) and is used by main.py only.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# What Qt 6's xcb plugin (libqxcb.so, libQt6XcbQpa.so) links to beyond Qt and the C and C++ runtimes, as
# `readelf -d` lists it, with the Debian and Ubuntu package of each. The first six are the ones a desktop
# most often lacks.
LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def uses_xcb(platform: str, environment: Mapping[str, str]) -> bool:
    """Whether Qt will open its window through X11: on Linux, unless another platform plugin is chosen."""
    chosen = environment.get("QT_QPA_PLATFORM", "").strip().lower()
    return platform.startswith("linux") and (not chosen or chosen.startswith("xcb"))


def _loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def _bundled(name: str) -> bool:
    """A library the stand-alone build carries beside the app (PyInstaller's folder), which Qt finds there."""
    folder = getattr(sys, "_MEIPASS", None)
    return folder is not None and any(Path(folder).rglob(name))


def missing_libraries(loads: Callable[[str], bool] | None = None) -> list[str]:
    """The libraries of LIBRARIES that cannot be loaded, in its order."""
    loads = loads or _loads
    return [name for name in LIBRARIES if not loads(name) and not _bundled(name)]


def missing_message(loads: Callable[[str], bool] | None = None, platform: str | None = None,
                    environment: Mapping[str, str] | None = None) -> str | None:
    """One line saying which packages to install, or None when the window can open (or is not an X11 one).
    By default: this system, this process's environment."""
    if not uses_xcb(platform or sys.platform, os.environ if environment is None else environment):
        return None
    missing = missing_libraries(loads)
    if not missing:
        return None
    packages = " ".join(LIBRARIES[name] for name in missing)
    return (f"The window cannot open: install the packages {packages} (sudo apt-get install {packages}; "
            f"on other systems the packages that hold {', '.join(missing)}), or run it without a window: "
            "python main.py solve CASE.xlsx")
