"""Writing files without ever leaving a half-written one behind, and never over a read-only one.

A link is kept: the file it points to is replaced, not the link. A special file (a device such as
/dev/null, a FIFO, a terminal) and anything reached through /proc (/dev/stdout, /proc/self/fd/1) is
written through, as a shell's `>` would, never replaced by a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from optimizer.words.text import Text

MAX_LINKS = 40
"""Links followed to the file a target names, as the system itself follows at most 40."""


class ReadOnlyFile(PermissionError):
    """The target exists and is marked read-only: it is left as it is."""


def write_atomically(path: str | Path, data: bytes | Callable[[Path], None]) -> None:
    """Write `data` (bytes, or a function that writes a given path) to a temporary file beside
    `path`, flush it to the disk, then rename it over `path`: readers see the old file or the new
    one, never a part, and a crash, a full disk or a signal turned into an exception (Ctrl-C, the
    command's SIGTERM) leaves the old file whole and no temporary file behind.

    A link is followed and the file it points to replaced; a special file is written through
    (`written_through`).

    Raises ReadOnlyFile (a PermissionError) when `path` exists and is read-only: renaming over it
    would succeed on Linux and macOS, but whoever marked it read-only meant it to stay.
    """
    target, through = final_target(path)
    if through:
        _write_through(target, data if isinstance(data, bytes) else _rendered(data, target))
        return
    if is_read_only(target):
        raise ReadOnlyFile(errno.EACCES, "the file is read-only", str(path))
    directory = target.parent if str(target.parent) else Path(".")
    temporary: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{_short_stem(target)}-", suffix=target.suffix, dir=directory)
        temporary = Path(name)
        os.close(fd)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes it private; give it a normal file's rights
        if callable(data):
            data(temporary)
        else:
            _write_all(temporary, data)
        _flush_to_disk(temporary)
        os.replace(temporary, target)
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise
    _flush_to_disk(directory)


def final_target(path: str | Path) -> tuple[Path, bool]:
    """The file a write to `path` changes, and whether it is written through rather than replaced.

    Links are followed to the file they name (a link to a missing file names the file to create). A
    special file (not a regular file: a device, a FIFO, a socket) is written through, and so is
    anything reached through /proc (/dev/stdout, /dev/fd/1, a link to /proc/self/fd/1): what it names
    is this process's open file, which replacing by name would miss.
    """
    current = Path(os.path.abspath(path))
    for _ in range(MAX_LINKS):
        if _under_proc(current):
            return Path(path), True
        try:
            if not stat.S_ISLNK(os.lstat(current).st_mode):
                break
        except OSError:  # missing, or a name the system refuses: what writing it will say
            break
        current = Path(os.path.abspath(os.path.join(current.parent, os.readlink(current))))
    else:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    try:
        mode = current.stat().st_mode
    except OSError:
        return current, False
    return (Path(path), True) if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode) else (current, False)


def written_through(path: str | Path) -> bool:
    """Whether a write to `path` goes through to a special file (a device, a FIFO, /dev/stdout)."""
    try:
        return final_target(path)[1]
    except OSError:
        return False


def _under_proc(path: Path) -> bool:
    return os.name == "posix" and path.parts[:2] == ("/", "proc")


def _write_through(path: Path, data: bytes) -> None:
    """Write to a special file as it is: opened without truncating or creating anything (a FIFO waits for its
    reader, as a shell's `>` does); a regular file reached through /proc is appended to (it is this process's
    standard output: what was printed stays before it)."""
    flags = os.O_WRONLY | getattr(os, "O_BINARY", 0)
    try:
        if stat.S_ISREG(os.stat(path).st_mode):
            flags |= os.O_APPEND
    except OSError:
        pass
    fd = os.open(path, flags)
    try:
        _write_fd(fd, data)
    finally:
        os.close(fd)


def _rendered(write: Callable[[Path], None], target: Path) -> bytes:
    """What `write` writes to a file, as bytes (to write through to a special file)."""
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / f"output{target.suffix}"
        write(scratch)
        return scratch.read_bytes()


def _write_all(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
    try:
        _write_fd(fd, data)
    finally:
        os.close(fd)


def _write_fd(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _short_stem(target: Path) -> str:
    """The target's stem, cut so that the temporary file's name (".{stem}-XXXXXXXX{suffix}") is no longer than
    a file name may be."""
    stem = target.stem
    while stem and len(os.fsencode(f".{stem}-12345678{target.suffix}")) > max_name_length(target.parent):
        stem = stem[:-1]
    return stem


def max_name_length(folder: Path) -> int:
    """The longest file name (in bytes) the folder's file system takes: 255 on almost all of them."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (AttributeError, OSError, ValueError):
        return 255


def why_not_writable(path: str | Path) -> Text | None:
    """Why `path` cannot be written, found before any work is done (None: nothing known against it): a folder, a
    name too long for its file system, a folder that does not exist or may not be written, a special file this
    user may not write. A read-only file is `is_read_only`; what only the writing finds (a full disk, a locked
    file) is `why_not_written`."""
    try:
        target, through = final_target(path)
    except OSError as error:  # a loop of links
        return Text("cannot write {path}: {detail}", path=str(path), detail=error.strerror or str(error))
    if through:
        if not os.access(target, os.W_OK):
            return Text("cannot write {path}: permission denied", path=str(path))
        return None
    folder = target.parent
    if not _is_folder(folder):
        return Text("cannot write {path}: the folder {folder} does not exist", path=str(path), folder=str(folder))
    length, limit = len(os.fsencode(target.name)), max_name_length(folder)
    if length > limit:
        return Text("cannot write {path}: its name is {length} bytes long, and the folder takes names of at most "
                    "{limit}; choose a shorter name", path=str(path), length=length, limit=limit)
    if _is_folder(target):
        return Text("cannot write {path}: it is a folder; give a file name in it", path=str(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        return Text("cannot write {path}: permission denied: the folder {folder} may not be written to; choose "
                    "another folder, and run again", path=str(path), folder=str(folder))
    return None


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


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
