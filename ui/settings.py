"""What the app remembers between runs (QSettings), with every default declared here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class AppSettings:
    def __init__(self, settings: QSettings | None = None):
        self.qsettings = settings or QSettings()

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

    def state(self, name: str) -> QByteArray | None:
        value = self.qsettings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, name: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"window/{name}", value)
