"""A sync server inside the app's own process, on 127.0.0.1 over SQLite: what ``fieldbook --demo`` talks to.

It is the real server (the same FastAPI app, migrations and reference import as ``fieldbook-server
serve``), only started on a thread of this process instead of its own command, on a port the operating
system picks, and stopped when the demo ends. It needs the server's packages (``pip install
fieldbook[server]``; the packaged app carries them).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

SERVER_PACKAGES = ("fastapi", "uvicorn", "argon2")
START_TIMEOUT = 30.0


class ServerUnavailable(RuntimeError):
    """The server's packages are not installed, or it did not come up."""


def missing_server_packages() -> list[str]:
    import importlib.util

    return [name for name in SERVER_PACKAGES if importlib.util.find_spec(name) is None]


class EmbeddedServer:
    """Start with :meth:`start`; ``url`` is where it answers; :meth:`stop` ends it."""

    def __init__(self, data_dir: Path):
        missing = missing_server_packages()
        if missing:
            raise ServerUnavailable("the demo needs the server's packages (" + ", ".join(missing)
                                    + "): pip install 'fieldbook[server]'")
        from sync.server.config import ServerSettings
        from sync.server.store.database import Database

        self.settings = ServerSettings.resolve(None, data_dir)
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.database = Database(self.settings.database_url)
        self.url = ""
        self._server = None
        self._thread: threading.Thread | None = None

    def prepare(self) -> None:
        """Create the schema and load the shipped stations and divisions (once per data folder)."""
        from sync.server.services import reference_import
        from sync.server.store import migrate

        migrate.upgrade(self.database)
        reference_import.import_if_empty(self.database, reference_import.default_reference_dir())

    def start(self) -> str:
        import uvicorn

        from sync.server.app import create_app

        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        config = uvicorn.Config(create_app(self.settings), log_level="warning", access_log=False,
                                lifespan="on")
        self._server = server = uvicorn.Server(config)
        self._thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]},
                                        name="fieldbook-demo-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise ServerUnavailable("the demo's local server did not start")
            time.sleep(0.02)
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)
        self._server = self._thread = None
        self.database.dispose()
