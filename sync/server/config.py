"""Server settings: the database URL and the data directory, passed to workers by environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_DATABASE = "FIELDBOOK_SERVER_DB"
ENV_DATA_DIR = "FIELDBOOK_SERVER_DATA_DIR"
DEFAULT_DATA_DIR = Path("fieldbook-server-data")


def default_database_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir.resolve() / 'server.db'}"


@dataclass(frozen=True)
class ServerSettings:
    database_url: str
    data_dir: Path

    @classmethod
    def resolve(cls, database_url: str | None, data_dir: str | Path | None) -> ServerSettings:
        """Explicit values first, then the environment, then the defaults (SQLite in the data dir)."""
        directory = Path(data_dir or os.environ.get(ENV_DATA_DIR) or DEFAULT_DATA_DIR).resolve()
        url = database_url or os.environ.get(ENV_DATABASE) or default_database_url(directory)
        return cls(url, directory)

    @classmethod
    def from_environment(cls) -> ServerSettings:
        return cls.resolve(None, None)

    def export(self) -> None:
        """Put the settings in the environment, where uvicorn's worker processes find them."""
        os.environ[ENV_DATABASE] = self.database_url
        os.environ[ENV_DATA_DIR] = str(self.data_dir)

    @property
    def attachments_dir(self) -> Path:
        return self.data_dir / "attachments"
