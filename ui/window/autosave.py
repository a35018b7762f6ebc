"""Nothing lost: the case being edited is autosaved, and a start after a crash offers it back.

The autosave folder (in the app's data folder) holds:
  lock        held by the running app (QLockFile: a lock left by a killed process is stale);
  case.xlsx   the case as last edited, written atomically a moment after each change;
  case.json   where it came from (the workbook the user opened) and when it was saved.
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
from optimizer.io.workbook import read_case
from optimizer.model.case import Case


class Autosave:
    def __init__(self, folder: Path):
        self.folder = folder
        self.case_file = folder / "case.xlsx"
        self.info_file = folder / "case.json"
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
        info = {"source": case.source if Path(case.source or "") != self.case_file else self.source(),
                "saved": datetime.now().isoformat(timespec="seconds")}
        write_atomically(self.info_file, json.dumps(info, ensure_ascii=False).encode("utf-8"))

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
        """The autosaved case, as if read from the workbook it came from (CaseError if damaged)."""
        case = read_case(self.case_file)
        return replace(case, source=self.source() or case.source)

    def discard(self) -> None:
        self.case_file.unlink(missing_ok=True)
        self.info_file.unlink(missing_ok=True)
        self.crashed = False

    def close(self) -> None:
        """A clean end: the next start will not offer to restore."""
        if self.active:
            self._lock.unlock()
            self.active = False
