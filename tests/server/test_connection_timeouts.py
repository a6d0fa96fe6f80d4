"""Connections that never finish their request head, or sit idle, are closed in time; others are served.

Real sockets on 127.0.0.1 against a real ``fieldbook-server serve`` with short timeouts.
"""

from __future__ import annotations

import os
import selectors
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sync.server.config import ENV_HTTP_PARSER

from .conftest import fresh_database, running_server
from .support import RunningServer

HEADER_TIMEOUT = 1.0
KEEP_ALIVE_TIMEOUT = 1
STALLED = 1000
SLACK = 3.0  # the 2 shared cores may be busy: a closed connection must be seen within this much more


@pytest.fixture(scope="module", params=["httptools", "h11"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """The server as deployed (httptools's parser) and with h11, where httptools is not installed."""
    directory: Path = tmp_path_factory.mktemp("timeouts")
    saved = os.environ.get(ENV_HTTP_PARSER)
    os.environ[ENV_HTTP_PARSER] = request.param
    try:
        with fresh_database("sqlite", directory) as url, running_server(
                "sqlite", url, directory, "--header-timeout", str(HEADER_TIMEOUT),
                "--keep-alive-timeout", str(KEEP_ALIVE_TIMEOUT)) as up:
            yield up
    finally:
        if saved is None:
            os.environ.pop(ENV_HTTP_PARSER, None)
        else:
            os.environ[ENV_HTTP_PARSER] = saved


def _connect(server: RunningServer) -> socket.socket:
    host, port = server.base_url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def _seconds_until_all_closed(sockets: list[socket.socket], limit: float) -> tuple[float, int]:
    """How long until the server closed every socket (reads end of file), and how many it left open."""
    start = time.monotonic()
    selector = selectors.DefaultSelector()
    for sock in sockets:
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
    open_ = len(sockets)
    while open_ and time.monotonic() - start < limit:
        for key, _ in selector.select(timeout=0.2):
            try:
                data = key.fileobj.recv(4096)  # type: ignore[union-attr]
            except ConnectionResetError:
                data = b""
            if not data:
                selector.unregister(key.fileobj)
                open_ -= 1
    selector.close()
    return time.monotonic() - start, open_


def test_a_thousand_stalled_request_heads_are_closed_in_time_while_a_normal_client_is_served(
        server: RunningServer):
    stalled = []
    try:
        for i in range(STALLED):
            sock = _connect(server)
            if i % 2:  # half send part of a head, half send nothing at all
                sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: fieldbook\r\nX-Slow: ")
            stalled.append(sock)
        opened = time.monotonic()

        assert requests.get(server.url("/api/v1/health"), timeout=10).status_code == 200

        _, left_open = _seconds_until_all_closed(stalled, HEADER_TIMEOUT + SLACK - (time.monotonic() - opened))
        assert left_open == 0, f"{left_open} of {STALLED} stalled connections still open"
        assert requests.get(server.url("/api/v1/health"), timeout=10).status_code == 200
    finally:
        for sock in stalled:
            sock.close()


def test_a_head_sent_a_byte_at_a_time_is_cut_off_at_the_header_deadline(server: RunningServer):
    sock = _connect(server)
    try:
        start = time.monotonic()
        head = b"GET /api/v1/health HTTP/1.1\r\nHost: fieldbook\r\nX-Slow: " + b"x" * 100
        cut = False
        for byte in head:  # a byte every 0.2 s: each one would reset a plain idle timeout
            try:
                sock.sendall(bytes([byte]))
            except (BrokenPipeError, ConnectionResetError):
                cut = True
                break
            time.sleep(0.2)
            if time.monotonic() - start > HEADER_TIMEOUT + SLACK:
                break
        if not cut:
            _, left_open = _seconds_until_all_closed([sock], 0.5)
            cut = left_open == 0
        assert cut, "the trickled request head kept its connection open"
        assert time.monotonic() - start < HEADER_TIMEOUT + SLACK
    finally:
        sock.close()


def test_an_idle_kept_alive_connection_is_closed_after_the_keep_alive_timeout(server: RunningServer):
    sock = _connect(server)
    try:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: fieldbook\r\n\r\n")
        answer = sock.recv(65536)
        assert answer.startswith(b"HTTP/1.1 200"), answer[:100]
        elapsed, left_open = _seconds_until_all_closed([sock], KEEP_ALIVE_TIMEOUT + SLACK)
        assert left_open == 0 and elapsed >= KEEP_ALIVE_TIMEOUT * 0.8
    finally:
        sock.close()


def test_a_kept_alive_connection_serves_a_second_request_sent_in_time(server: RunningServer):
    with requests.Session() as session:
        for _ in range(3):
            assert session.get(server.url("/api/v1/health"), timeout=10).status_code == 200
            time.sleep(HEADER_TIMEOUT * 0.5)


def test_the_deployed_server_parses_http_with_httptools() -> None:
    from sync.server import http_protocol

    saved = os.environ.pop(ENV_HTTP_PARSER, None)
    try:
        assert http_protocol.protocol_class() is http_protocol.HeaderDeadlineHttpToolsProtocol
        os.environ[ENV_HTTP_PARSER] = "h11"
        assert http_protocol.protocol_class() is http_protocol.HeaderDeadlineH11Protocol
    finally:
        os.environ.pop(ENV_HTTP_PARSER, None)
        if saved is not None:
            os.environ[ENV_HTTP_PARSER] = saved
