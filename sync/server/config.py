"""Server settings: the database URL and the data directory, passed to workers by environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_DATABASE = "FIELDBOOK_SERVER_DB"
ENV_DATA_DIR = "FIELDBOOK_SERVER_DATA_DIR"
DEFAULT_DATA_DIR = Path("fieldbook-server-data")

#: Seconds a client has to send a whole request head (line and headers, a few hundred bytes: well
#: under a second even on a 256 kbit/s, 400 ms link); see server.http_protocol.
DEFAULT_HEADER_TIMEOUT = 10.0
#: Seconds an idle kept-alive connection stays open between requests (uvicorn's own default).
DEFAULT_KEEP_ALIVE_TIMEOUT = 5
#: Largest request head read before the connection gets 400 (h11's default, stated here).
MAX_HEADER_BYTES = 16 * 1024
#: Carries the header timeout to uvicorn's worker processes.
ENV_HEADER_TIMEOUT = "FIELDBOOK_SERVER_HEADER_TIMEOUT"
#: "h11" makes ``serve`` parse HTTP with h11 even where httptools is installed (sync.server.http_protocol).
ENV_HTTP_PARSER = "FIELDBOOK_SERVER_HTTP_PARSER"


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
