"""``fieldbook sync`` says what went wrong in words, never in the text of the HTTP stack or the parser."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.sync.test_sync_cli import fieldbook_sync, keyring_file  # noqa: F401 - the fixture is used

#: What leaked before: urllib3's and requests' exception text, pydantic's error dump, tracebacks.
RAW_TEXT = ("urllib3", "HTTPConnectionPool", "NewConnectionError", "Errno", "Max retries", "pydantic",
            "validation error", "Field required", "input_value", "Traceback", "Invalid URL", "requests.")


def assert_no_raw_text(stderr: str) -> None:
    assert [raw for raw in RAW_TEXT if raw in stderr] == [], stderr


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Nonsense(BaseHTTPRequestHandler):
    """Answers every request 200 with JSON of the wrong shape, like a misconfigured proxy page."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = json.dumps({"hello": "this is not a Fieldbook server"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer  # noqa: N815 - http.server's names

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def nonsense_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nonsense)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_an_unreachable_server_is_told_in_words_and_exits_2(make_device, station, keyring_file, closed_port):  # noqa: F811
    wang = make_device("wang", station, signed_in=False)
    result = fieldbook_sync(wang, "--server", f"http://127.0.0.1:{closed_port}", "--user", wang.username,
                            password="secret")
    assert result.returncode == 2
    assert "Cannot reach the server" in result.stderr
    assert_no_raw_text(result.stderr)


def test_a_server_answering_nonsense_is_told_in_words(make_device, station, keyring_file, nonsense_server):  # noqa: F811
    wang = make_device("wang", station, signed_in=False)
    result = fieldbook_sync(wang, "--server", nonsense_server, "--user", wang.username, password="secret")
    assert result.returncode == 1
    assert "do not understand each other" in result.stderr
    assert_no_raw_text(result.stderr)


def test_an_unusable_server_address_is_told_in_words(make_device, station, keyring_file):  # noqa: F811
    wang = make_device("wang", station, signed_in=False)
    result = fieldbook_sync(wang, "--server", "fieldbook.example.cn", "--user", wang.username, password="secret")
    assert result.returncode == 1
    assert "server address is not usable" in result.stderr
    assert_no_raw_text(result.stderr)
