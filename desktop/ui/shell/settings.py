"""User preferences kept in QSettings: language, data folder, server address and window geometry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop.ui.shell.i18n import DEFAULT_LANGUAGE, LANGUAGES

ORGANISATION = "Fieldbook"
APPLICATION = "Fieldbook"


class AppSettings:
    """Typed access to the app's QSettings. Records and sync state never live here, only in SQLite."""

    def __init__(self, qsettings: QSettings | None = None):
        self._s = qsettings or QSettings(ORGANISATION, APPLICATION)

    @property
    def language(self) -> str:
        value = str(self._s.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        self._s.setValue("ui/language", value)

    @property
    def data_folder(self) -> Path | None:
        value = self._s.value("profile/folder", "")
        return Path(str(value)) if value else None

    @data_folder.setter
    def data_folder(self, value: Path | None) -> None:
        self._s.setValue("profile/folder", str(value) if value else "")

    @property
    def server_url(self) -> str:
        return str(self._s.value("sync/server_url", ""))

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._s.setValue("sync/server_url", value.strip())

    @property
    def bundle_folder(self) -> Path:
        """Where sync bundles were last written or read (a USB stick, usually)."""
        return Path(str(self._s.value("sync/bundle_folder", str(Path.home()))))

    @bundle_folder.setter
    def bundle_folder(self, value: Path) -> None:
        self._s.setValue("sync/bundle_folder", str(value))

    def geometry(self, key: str) -> QByteArray | None:
        value = self._s.value(f"geometry/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self._s.setValue(f"geometry/{key}", value)

    def sync(self) -> None:
        self._s.sync()
