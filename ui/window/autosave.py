"""Nothing lost: the case being edited is autosaved, and a start after a crash offers it back.

The autosave folder (in the app's data folder) holds:
  lock        held by the running app (QLockFile: a lock left by a killed process is stale);
  case.xlsx   the case as last edited, written atomically a moment after each change;
  case.json   where it came from (the workbook the user opened), when it was saved, and the workbook's own
              values, cells and marks with how each edit was made (optimizer/io/origin_file.py);
  origin      the workbook's bytes as they were read, so that an export after a restore copies the very
              workbook and lists the same overrides as before the restart.
Scenarios are saved as soon as they change (see MainWindow), so they need nothing here.

A start that finds the lock left behind by a process that is gone knows the last run ended
without closing the window, and offers the autosaved case back. A second window running at the
same time does not autosave (the first one owns the folder).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile

from optimizer.io.case_writer import write_case
from optimizer.io.files import write_atomically
from optimizer.io.origin_file import origin_info, with_origin
from optimizer.io.workbook import read_case
from optimizer.model.case import Case


class Autosave:
    def __init__(self, folder: Path):
        self.folder = folder
        self.case_file = folder / "case.xlsx"
        self.info_file = folder / "case.json"
        self.origin_file = folder / "origin"
        folder.mkdir(parents=True, exist_ok=True)
        lock_path = folder / "lock"
        left_behind = lock_path.exists()
        self._lock = QLockFile(str(lock_path))
        self._lock.setStaleLockTime(0)  # only a dead owner makes it stale, never its age
        self.active = self._lock.tryLock(0)
        self.crashed = self.active and left_behind and self.case_file.exists()
        """True when the previous run ended without closing and left an autosaved case."""

    def save(self, case: Case) -> None:
        """Write the case and where it came from; OSError when the data folder cannot be written."""
        if not self.active:
            return
        write_case(case, self.case_file, allow_overwrite=True)
        origin = origin_info(case)
        if origin is None:
            self.origin_file.unlink(missing_ok=True)
        elif (self._info().get("origin") or {}).get("sha256") != origin["sha256"] or not self.origin_file.exists():
            write_atomically(self.origin_file, case.origin.data)  # once per workbook, not at every edit
        info = {"source": case.source if Path(case.source or "") != self.case_file else self.source(),
                "saved": datetime.now().isoformat(timespec="seconds"), "origin": origin}
        write_atomically(self.info_file, json.dumps(info, ensure_ascii=False).encode("utf-8"))

    def _info(self) -> dict:
        try:
            info = json.loads(self.info_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return info if isinstance(info, dict) else {}

    def source(self) -> str:
        try:
            return str(json.loads(self.info_file.read_text(encoding="utf-8")).get("source", ""))
        except (OSError, ValueError, AttributeError):
            return ""

    def saved_at(self) -> str:
        try:
            return str(json.loads(self.info_file.read_text(encoding="utf-8")).get("saved", ""))
        except (OSError, ValueError, AttributeError):
            return ""

    def restore(self) -> Case:
        """The autosaved case, as if read from the workbook it came from, with that workbook's origin and the edits
        made to it (CaseError if damaged; without an origin if that part is damaged)."""
        case = read_case(self.case_file)
        case = replace(case, source=self.source() or case.source)
        try:
            data = self.origin_file.read_bytes()
        except OSError:
            return case
        origin = self._info().get("origin")
        return with_origin(case, origin if isinstance(origin, dict) else None, data)

    def discard(self) -> None:
        self.case_file.unlink(missing_ok=True)
        self.info_file.unlink(missing_ok=True)
        self.origin_file.unlink(missing_ok=True)
        self.crashed = False

    def close(self) -> None:
        """A clean end: the next start will not offer to restore."""
        if self.active:
            self._lock.unlock()
            self.active = False
