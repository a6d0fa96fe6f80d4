"""The HTTP transport: headers on every call, gzip, bounded retries, and errors a user can act on."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import logging
import socket
import ssl
import subprocess

import pytest

from sync.client.errors import SyncError, SyncErrorKind
from sync.client.transport import RetryPolicy, Transport, TransportConfig
from sync.domain.vocabulary import ChangeKind, RecordType
from sync.protocol import (
    HEADER_DEVICE,
    HEADER_PROTOCOL,
    HEADER_SCHEMA,
    PROTOCOL_VERSION,
    SCHEMA_VERSION,
    FieldChange,
    LoginRequest,
    OutboxEntry,
    PushRequest,
    expand_entry,
)
from tests.sync.scripted_server import DROP, Answer, ScriptedServer

EMPTY_PULL = {"changes": [], "next_cursor": 0, "has_more": False, "server_epoch": "e1", "acked_seq": 0}
TOKEN = "tok-SECRET-0123456789"


@pytest.fixture
def server():
    s = ScriptedServer()
    yield s
    s.close()


@pytest.fixture
def sleeps() -> list[float]:
    return []


def transport_for(url: str, sleeps: list[float], **config) -> Transport:
    return Transport(TransportConfig(server_url=url, device_id="dev-1", **config), token=TOKEN,
                     sleep=sleeps.append)


def push_request(n: int) -> PushRequest:
    entries = [OutboxEntry(device_id="dev-1", seq=i + 1, record_type=RecordType.VISIT, record_id=f"v-{i}",
                           kind=ChangeKind.CREATE, base_revision=0,
                           changes={"problem": FieldChange(new="犊牛腹泻，建议补液" * 3)},
                           time=dt.datetime(2026, 6, 1, tzinfo=dt.UTC)) for i in range(n)]
    return PushRequest(entries=entries)


def test_every_call_carries_the_protocol_schema_and_device_headers(server, sleeps):
    server.script.append(Answer(body=EMPTY_PULL))
    transport_for(server.url, sleeps).pull(0)
    headers = server.seen[0].headers
    assert headers[HEADER_PROTOCOL] == str(PROTOCOL_VERSION)
    assert headers[HEADER_SCHEMA] == str(SCHEMA_VERSION)
    assert headers[HEADER_DEVICE] == "dev-1"
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert "gzip" in headers["Accept-Encoding"]


def test_a_push_body_travels_gzipped_and_decodes_to_the_request(server, sleeps):
    server.script.append(Answer(body={"results": [], "server_epoch": "e1", "acked_seq": 0}))
    request = push_request(20)
    transport_for(server.url, sleeps).push(request)
    seen = server.seen[0]
    assert seen.headers["Content-Encoding"] == "gzip"
    sent = [OutboxEntry.model_validate(expand_entry(e, "dev-1")) for e in json.loads(gzip.decompress(seen.body))["entries"]]
    assert [_set_values(e) for e in sent] == [_set_values(e) for e in request.entries]
    assert len(seen.body) < len(request.model_dump_json()) / 3


def _set_values(entry: OutboxEntry) -> tuple:
    """An entry as the server applies it: a compact create leaves null values and deleted false out."""
    return (entry.device_id, entry.seq, entry.record_type, entry.record_id, entry.kind, entry.base_revision,
            entry.time, {name: change for name, change in entry.changes.items()
                         if change.new is not None and not (name == "deleted" and change.new is False)})


def test_a_gzipped_response_is_read(server, sleeps):
    server.script.append(Answer(body=EMPTY_PULL, gzip=True))
    assert transport_for(server.url, sleeps).pull(0).server_epoch == "e1"


def test_a_busy_server_is_asked_again_after_its_retry_after(server, sleeps):
    server.script.extend([Answer(503, {"detail": "busy", "code": "service_unavailable"}, {"Retry-After": "2"}),
                          Answer(429, {"detail": "slow down", "code": "invalid_request"}, {"Retry-After": "1"}),
                          Answer(body=EMPTY_PULL)])
    transport = transport_for(server.url, sleeps)
    assert transport.pull(0).has_more is False
    assert sleeps == [2.0, 1.0]
    assert transport.stats.retries == 2


def test_retries_back_off_exponentially_with_jitter_and_are_bounded(server, sleeps):
    server.script.extend([Answer(502, {}), Answer(504, {}), Answer(503, {}), Answer(503, {}), Answer(body=EMPTY_PULL)])
    policy = RetryPolicy(attempts=4, base_delay=1.0, max_delay=30.0)
    with pytest.raises(SyncError) as caught:
        transport_for(server.url, sleeps, retry=policy).pull(0)
    assert caught.value.kind == SyncErrorKind.SERVER
    assert len(server.seen) == 4
    assert len(sleeps) == 3
    assert all(0 <= d <= 2 ** i for i, d in enumerate(sleeps))


def test_a_dropped_connection_is_retried_then_reported_offline(server, sleeps):
    server.script.extend([DROP, Answer(body=EMPTY_PULL)])
    assert transport_for(server.url, sleeps).pull(0).server_epoch == "e1"
    server.script.extend([DROP] * 4)
    with pytest.raises(SyncError) as caught:
        transport_for(server.url, sleeps).pull(0)
    assert caught.value.kind == SyncErrorKind.OFFLINE
    assert "Cannot reach the server" in caught.value.message


def test_no_server_listening_is_offline(sleeps):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(SyncError) as caught:
        transport_for(f"http://127.0.0.1:{port}", sleeps, retry=RetryPolicy(attempts=2)).pull(0)
    assert caught.value.kind == SyncErrorKind.OFFLINE


def test_an_outdated_client_is_told_to_upgrade(server, sleeps):
    server.script.append(Answer(426, {"detail": "protocol 0 is no longer served", "code": "upgrade_required"}))
    with pytest.raises(SyncError) as caught:
        transport_for(server.url, sleeps).pull(0)
    assert caught.value.kind == SyncErrorKind.UPGRADE_REQUIRED
    assert caught.value.message == "This version of Fieldbook is too old for the server; please upgrade."


def test_a_revoked_device_is_told_so(server, sleeps):
    server.script.append(Answer(401, {"detail": "this device was revoked", "code": "device_revoked"}))
    with pytest.raises(SyncError) as caught:
        transport_for(server.url, sleeps).pull(0)
    assert caught.value.kind == SyncErrorKind.REVOKED
    assert "revoked" in caught.value.message


def test_a_wrong_password_is_an_auth_error_and_the_login_throttle_is_not_retried(server, sleeps):
    login = LoginRequest(username="wangfang", password="nope", device_id="dev-1", device_name="laptop")
    server.script.append(Answer(401, {"detail": "wrong user name or password", "code": "bad_credentials"}))
    with pytest.raises(SyncError) as caught:
        transport_for(server.url, sleeps).login(login)
    assert (caught.value.kind, caught.value.message) == (SyncErrorKind.AUTH, "The user name or password is wrong.")
    server.script.append(Answer(429, {"detail": "too many", "code": "too_many_attempts"}, {"Retry-After": "60"}))
    with pytest.raises(SyncError) as caught:
        transport_for(server.url, sleeps).login(login)
    assert caught.value.kind == SyncErrorKind.AUTH
    assert "60 seconds" in caught.value.message
    assert sleeps == []


def test_a_response_that_is_not_the_contract_is_a_protocol_error(server, sleeps):
    server.script.append(Answer(body={"changes": "nope"}))
    with pytest.raises(SyncError) as caught:
        transport_for(server.url, sleeps).pull(0)
    assert caught.value.kind == SyncErrorKind.PROTOCOL


def test_an_upload_chunk_is_never_resent_blindly(server, sleeps):
    server.script.append(DROP)
    with pytest.raises(SyncError) as caught:
        transport_for(server.url, sleeps).upload_chunk("ab" * 32, 0, 10, b"0123456789")
    assert caught.value.kind == SyncErrorKind.OFFLINE
    assert len(server.seen) == 1


@pytest.fixture
def tls_server(tmp_path):
    """A server with a certificate no public CA signed (as a station's own server might have)."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=fieldbook",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    s = ScriptedServer(tls=context)
    s.cert = cert
    yield s
    s.close()


def test_an_unverifiable_certificate_is_refused_and_a_given_ca_bundle_is_trusted(tls_server, sleeps):
    with pytest.raises(SyncError) as caught:
        transport_for(tls_server.url, sleeps).pull(0)
    assert caught.value.kind == SyncErrorKind.SERVER
    assert "certificate could not be verified" in caught.value.message
    assert tls_server.seen == []
    tls_server.script.append(Answer(body=EMPTY_PULL))
    assert transport_for(tls_server.url, sleeps, ca_bundle=str(tls_server.cert)).pull(0).server_epoch == "e1"


def test_the_token_never_reaches_the_log(server, sleeps, caplog):
    caplog.set_level(logging.DEBUG)
    server.script.extend([DROP, Answer(401, {"detail": "unknown token", "code": "unauthorized"})])
    with pytest.raises(SyncError):
        transport_for(server.url, sleeps).pull(0)
    assert caplog.records
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
