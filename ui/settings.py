"""What the app remembers between runs (QSettings), with every default declared here.

Small values (recent files, window layout) live in QSettings. Files (the saved scenarios of each
case, the autosaved case) live in the data folder: the user's application-data folder, or a
`data` folder beside an INI settings file given explicitly (tests, portable use).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

MAX_RECENT = 8


class AppSettings:
    def __init__(self, settings: QSettings | None = None, data_folder: str | Path | None = None):
        self.qsettings = settings or QSettings()
        if data_folder is None:
            if settings is not None and settings.format() == QSettings.Format.IniFormat:
                data_folder = Path(settings.fileName()).parent / "data"
            else:
                location = QStandardPaths.StandardLocation.AppDataLocation
                data_folder = QStandardPaths.writableLocation(location) or Path.home() / ".portfolio-optimizer"
        self.data_folder = Path(data_folder)

    def recent_files(self) -> list[str]:
        value = self.qsettings.value("recent_files", [])
        files = [value] if isinstance(value, str) else list(value or [])
        return [f for f in files if f]

    def add_recent_file(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        files = [path] + [f for f in self.recent_files() if f != path]
        self.qsettings.setValue("recent_files", files[:MAX_RECENT])
        self.qsettings.setValue("last_folder", str(Path(path).parent))

    def last_folder(self) -> str:
        return str(self.qsettings.value("last_folder", str(Path.home())))

    def set_last_folder(self, folder: str | Path) -> None:
        self.qsettings.setValue("last_folder", str(folder))

    def language(self) -> str:
        """The language chosen in the View menu ("en", "zh_CN"), or "" to follow the system (the default)."""
        return str(self.qsettings.value("language", "") or "")

    def set_language(self, language: str) -> None:
        self.qsettings.setValue("language", language)

    def state(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"window/{name}", value)

    def scenarios_file(self, case_path: str | Path) -> Path:
        """Where the scenarios saved on a case workbook are kept: one file per workbook path.

        In the data folder rather than beside the workbook, which may be read-only (a shared drive,
        the installed demo case) and is never written by the app.
        """
        resolved = str(Path(case_path).resolve())
        digest = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:12]
        return self.data_folder / "scenarios" / f"{Path(case_path).stem}-{digest}.json"
