"""Writing files without ever leaving a half-written one behind, and never over a read-only one."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class ReadOnlyFile(PermissionError):
    """The target exists and is marked read-only: it is left as it is."""


def write_atomically(path: str | Path, data: bytes | Callable[[Path], None]) -> None:
    """Write `data` (bytes, or a function that writes a given path) to a temporary file beside
    `path`, flush it to the disk, then rename it over `path`: readers see the old file or the new
    one, never a part, and a crash or a full disk leaves the old file whole.

    Raises ReadOnlyFile (a PermissionError) when `path` exists and is read-only: renaming over it
    would succeed on Linux and macOS, but whoever marked it read-only meant it to stay.
    """
    path = Path(path)
    if is_read_only(path):
        raise ReadOnlyFile(errno.EACCES, "the file is read-only", str(path))
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
        _flush_to_disk(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _flush_to_disk(directory)


def why_not_written(path: str | Path, error: OSError) -> str:
    """Why `path` could not be written and what to do, in plain words (for an OSError from writing it)."""
    path = Path(path)
    if isinstance(error, ReadOnlyFile):
        return (f"cannot write {path}: the file is read-only. Make it writable (or delete it), or choose "
                "another file name, and run again")
    if isinstance(error, PermissionError):
        return (f"cannot write {path}: permission denied. The file may be open in another program, or the "
                f"folder {path.parent} read-only: close the file, or choose another folder, and run again")
    return f"cannot write {path}: {error.strerror or error}"


def is_read_only(path: Path) -> bool:
    """The file exists and may not be written: no write permission bit at all (the read-only
    attribute on Windows), or this user may not write it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if not stat.S_ISREG(mode):
        return False
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(path, os.W_OK)


def _flush_to_disk(path: Path) -> None:
    """fsync a file, or a folder (so that a rename in it survives a power cut); best effort."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # e.g. folders cannot be opened on Windows
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
