"""Browser tests reuse the server suite's fixtures: a real uvicorn server per module and its database."""

from __future__ import annotations

from tests.server.conftest import backend, cheap_password_hashes, server, server_db, world  # noqa: F401
