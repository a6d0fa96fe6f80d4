"""How ``fieldbook-server serve`` holds HTTP connections: uvicorn's protocol with a header deadline.

uvicorn times out only idle kept-alive connections (``timeout_keep_alive``) and resets even that
on every byte, so a client that opens a connection and sends part of a request head, then nothing
or a byte now and then, holds the connection open for ever; a thousand such clients hold a
thousand. The protocols here close a connection whose request line and headers are not
complete ``header_timeout`` seconds after it opened, or after the first byte of a following request
on a kept-alive connection. Bodies are not timed here: a photo chunk on a slow link takes long, and
the reverse proxy in front bounds them (README, "Running the server").

The server uses uvicorn's httptools protocol (a C parser: a day's sync costs the server about 14%
less CPU than with h11, measured with benchmarks/bench_server_load.py's devices one after another)
and falls back to h11 where httptools is not installed; both carry the same deadline.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools not installed: h11 only
    HttpToolsProtocol = None  # type: ignore[assignment,misc]

from sync.server.config import DEFAULT_HEADER_TIMEOUT, ENV_HEADER_TIMEOUT, ENV_HTTP_PARSER

log = logging.getLogger(__name__)


def export_header_timeout(seconds: float) -> None:
    """Put the header timeout where the worker processes, started afresh by uvicorn, find it."""
    os.environ[ENV_HEADER_TIMEOUT] = str(seconds)


class _HeaderDeadline:
    """The deadline both protocols share: armed when a connection opens and when a following
    request's first byte arrives, disarmed once its head is complete."""

    header_timeout: float
    _header_deadline: asyncio.TimerHandle | None
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    client: Any

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.header_timeout = float(os.environ.get(ENV_HEADER_TIMEOUT, DEFAULT_HEADER_TIMEOUT))
        self._header_deadline = None

    def connection_made(self, transport: asyncio.Transport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

    def _arm(self) -> None:
        self._header_deadline = self.loop.call_later(self.header_timeout, self._head_too_slow)

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _head_too_slow(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            log.info("closed a connection from %s: no complete request head within %.0f s",
                     self.client, self.header_timeout)
            self.transport.close()


class HeaderDeadlineH11Protocol(_HeaderDeadline, H11Protocol):
    """uvicorn's h11 connection, closed when a request head does not arrive whole in time."""

    def data_received(self, data: bytes) -> None:
        if self._header_deadline is None and self.conn.their_state is h11.IDLE:
            self._arm()  # the first byte of a following request on a kept-alive connection
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()  # the head is complete: the request is the application's now


if HttpToolsProtocol is not None:
    class HeaderDeadlineHttpToolsProtocol(_HeaderDeadline, HttpToolsProtocol):
        """uvicorn's httptools connection with the same deadline."""

        def on_message_begin(self) -> None:
            super().on_message_begin()
            if self._header_deadline is None:
                self._arm()  # the first byte of a following request on a kept-alive connection

        def on_headers_complete(self) -> None:
            self._disarm()  # the head is complete: the request is the application's now
            super().on_headers_complete()


def protocol_class() -> type:
    """The connection class ``serve`` gives uvicorn: httptools's when installed, unless
    $FIELDBOOK_SERVER_HTTP_PARSER says h11."""
    if HttpToolsProtocol is None or os.environ.get(ENV_HTTP_PARSER) == "h11":
        return HeaderDeadlineH11Protocol
    return HeaderDeadlineHttpToolsProtocol
