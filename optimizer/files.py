"""Writing files without ever leaving a half-written one behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: str | Path, data: bytes | Callable[[Path], None]) -> None:
    """Write `data` (bytes, or a function that writes a given path) to a temporary file beside
    `path`, then rename it over `path`: readers see the old file or the new one, never a part."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=path.suffix, dir=directory)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; give it a normal file's rights
        if callable(data):
            data(Path(temporary))
        else:
            Path(temporary).write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
