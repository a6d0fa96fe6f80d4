"""Hostile requests — broken, mistyped, huge, nested, injected, forged, replayed, compressed to
explode — each get a clear 4xx with a machine-readable ``code`` and change nothing on the server."""

from __future__ import annotations

import gzip
import hashlib
import json
import uuid
from typing import Any

import pytest
import requests

from sync.domain.vocabulary import RecordType, Role
from sync.protocol import HEADER_PROTOCOL, HEADER_UPLOAD_LENGTH, HEADER_UPLOAD_OFFSET, MAX_REQUEST_BYTES
from sync.server.services import admin
from tests.hardening.snapshot import server_state
from tests.server.support import DeviceClient, World, visit_fields

PUSH, PULL = "/api/v1/sync/push", "/api/v1/sync/pull"
INJECTIONS = ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "'; DROP TABLE records; --", "\" OR 1=1 --",
              "$(rm -rf /)", "<script>alert(1)</script>", "%00", "C:\\Windows\\win.ini"]


def _refused_without_change(world: World, send: Any, status: int | tuple[int, ...], code: str) -> requests.Response:
    before = server_state(world.db, world.server.data_dir)
    response = send()
    assert response.status_code in ((status,) if isinstance(status, int) else status), response.text[:300]
    assert response.json()["code"] == code, response.text[:300]
    assert response.json()["detail"], "the refusal explains itself"
    assert server_state(world.db, world.server.data_dir) == before
    return response


def _raw_push(device: DeviceClient, data: bytes, **headers: str) -> requests.Response:
    return requests.post(device.server.url(PUSH), data=data, timeout=60,
                         headers={**device.headers, "Content-Type": "application/json", **headers})


@pytest.fixture
def device(world: World) -> DeviceClient:
    return world.device(Role.SPECIALIST, world.station())


@pytest.mark.parametrize("body", [b"", b"{", b'{"entries": [', b"\xff\xfe\x00", b"null", b"[]", b'"entries"',
                                  b'{"entries": null}', b'{"entries": [null]}', b'{"entries": [{"seq": 1}]}',
                                  b'{"entries": [{"device_id": 5, "seq": 1.5}]}', b'{"entries": {}}'])
def test_malformed_or_mistyped_push_bodies_get_400_or_422(world: World, device: DeviceClient, body: bytes):
    _refused_without_change(world, lambda: _raw_push(device, body), (400, 422), "invalid_request")


@pytest.mark.parametrize("depth", [64, 5_000, 200_000])
def test_deeply_nested_json_gets_a_4xx_or_a_rejected_entry_never_a_crash(world: World, device: DeviceClient,
                                                                          depth: int):
    nested = "[" * depth + "]" * depth
    as_changes = {**device.create(RecordType.VISIT, visit_fields()), "changes": "__NESTED__"}
    as_value = device.create(RecordType.VISIT, visit_fields(notes="__NESTED__"))
    for entry in (as_changes, as_value):
        body = json.dumps({"entries": [entry]}).replace('"__NESTED__"', nested).encode()
        before = server_state(world.db, world.server.data_dir)
        response = _raw_push(device, body)
        assert response.status_code in (200, 400, 422), response.text[:300]
        if response.status_code == 200:  # read, then refused on its own as no valid entry or value
            assert response.json()["results"][0]["status"] == "rejected", response.text[:300]
        else:
            assert response.json()["code"] == "invalid_request"
        assert server_state(world.db, world.server.data_dir) == before


def test_a_body_that_inflates_past_the_limit_is_refused_unread(world: World, device: DeviceClient):
    bomb = gzip.compress(b'{"entries": [' + b" " * (MAX_REQUEST_BYTES + 1024) + b"]}", compresslevel=9)
    assert len(bomb) < 64 * 1024
    _refused_without_change(world, lambda: _raw_push(device, bomb, **{"Content-Encoding": "gzip"}),
                            413, "payload_too_large")


@pytest.mark.parametrize(("encoding", "data", "status", "code"), [
    ("br", b'{"entries": []}', 415, "unsupported_encoding"),
    ("deflate", b'{"entries": []}', 415, "unsupported_encoding"),
    ("gzip", b'{"entries": []}', 400, "invalid_request"),  # says gzip, is not
    ("gzip", gzip.compress(b'{"entries": []}')[:-6], 400, "invalid_request"),  # truncated
    ("gzip, gzip", gzip.compress(gzip.compress(b'{"entries": []}')), 415, "unsupported_encoding"),
])
def test_wrong_content_encodings_get_a_clear_4xx(world: World, device: DeviceClient, encoding: str, data: bytes,
                                                 status: int, code: str):
    _refused_without_change(world, lambda: _raw_push(device, data, **{"Content-Encoding": encoding}), status, code)


def test_a_body_larger_than_the_limit_gets_413(world: World, device: DeviceClient):
    huge = b'{"entries": [], "x": "' + b"a" * (MAX_REQUEST_BYTES + 1) + b'"}'
    _refused_without_change(world, lambda: _raw_push(device, huge), 413, "payload_too_large")


@pytest.mark.parametrize("text", INJECTIONS)
def test_injected_text_in_ids_is_refused_per_entry_or_stored_verbatim_and_harms_nothing(
        world: World, device: DeviceClient, text: str):
    """Ids are only ever bound parameters, never paths: a hostile id is data, and the tables survive."""
    results = device.push(device.create(RecordType.VISIT, visit_fields(problem=text, advice=text), record_id=text),
                          device.update(RecordType.VISIT, text + "x", 1, {"problem": ("a", text)}))
    assert results[0]["status"] in ("applied", "rejected")
    assert results[1]["status"] == "rejected" and results[1]["reason"].startswith("unknown record")
    if results[0]["status"] == "applied":
        stored = device.pull_all(RecordType.VISIT)[text]["fields"]
        assert stored["problem"] == text and stored["advice"] == text
    assert not (world.server.data_dir.parent / "etc").exists()
    assert requests.get(world.server.url("/api/v1/health"), timeout=10).status_code == 200


@pytest.mark.parametrize("sha", ["..%2F..%2Fetc%2Fpasswd", "..", "%2e%2e%2f%2e%2e%2fserver.db", "A" * 64,
                                 "0" * 63, "0" * 65, "g" * 64, "0" * 64 + "%00"])
def test_attachment_addresses_that_are_not_a_sha256_get_4xx(world: World, device: DeviceClient, sha: str):
    url = world.server.url(f"/api/v1/attachments/{sha}")
    before = server_state(world.db, world.server.data_dir)
    for method in ("GET", "PUT"):
        response = requests.request(method, url, data=b"x", timeout=10,
                                    headers={**device.headers, HEADER_UPLOAD_OFFSET: "0", HEADER_UPLOAD_LENGTH: "1"})
        assert response.status_code in (404, 405, 422), (method, sha, response.status_code, response.text[:200])
        assert response.json()["code"] in ("invalid_request", "not_found"), response.text[:200]
    assert requests.head(url, headers=device.headers, timeout=10).status_code in (404, 405, 422)
    assert server_state(world.db, world.server.data_dir) == before


@pytest.mark.parametrize(("offset", "length"), [("-1", "5"), ("x", "5"), ("0", "-5"), ("0", "1e3"),
                                                ("0", str(2**64)), ("", "5")])
def test_bad_upload_headers_get_422(world: World, device: DeviceClient, offset: str, length: str):
    data = b"hello"
    url = world.server.url(f"/api/v1/attachments/{hashlib.sha256(data).hexdigest()}")
    _refused_without_change(world, lambda: requests.put(url, data=data, timeout=10, headers={
        **device.headers, HEADER_UPLOAD_OFFSET: offset, HEADER_UPLOAD_LENGTH: length}), 422, "invalid_request")


def test_forged_authors_and_stations_are_rejected_per_entry(world: World, device: DeviceClient):
    colleague = world.device(Role.SPECIALIST, device.account.station)
    elsewhere = world.station()
    before = server_state(world.db, world.server.data_dir)
    results = device.push(
        device.create(RecordType.VISIT, visit_fields(author_id=colleague.user_id)),
        device.create(RecordType.VISIT, visit_fields(station_id=elsewhere)),
        device.create(RecordType.HOUSEHOLD, {"name": "x", "kind": "farmer", "station_id": "NO-SUCH-STATION"}),
        device.create(RecordType.CONFLICT, {"record_type": "visit", "record_id": "x", "field": "problem"}),
        device.create(RecordType.STATION, {"code": "X", "name": "forged"}),
        device.create(RecordType.USER, {"display_name": "admin", "role": "region_admin"}))
    assert [r["status"] for r in results] == ["rejected"] * 6
    assert all(r["reason"].startswith("forbidden:") for r in results), results
    assert server_state(world.db, world.server.data_dir) == before


def test_a_token_cannot_push_another_devices_entries(world: World, device: DeviceClient):
    other = world.device(Role.SPECIALIST, device.account.station)
    forged = other.create(RecordType.VISIT, visit_fields())
    _refused_without_change(world, lambda: device.push_response([forged]), 403, "device_mismatch")


def test_a_revoked_devices_token_is_refused_everywhere(world: World, device: DeviceClient):
    admin.revoke_device(world.db, device.device_id)
    entry = device.create(RecordType.VISIT, visit_fields())
    _refused_without_change(world, lambda: device.push_response([entry]), 401, "device_revoked")
    _refused_without_change(world, lambda: requests.get(world.server.url(PULL), headers=device.headers, timeout=10),
                            401, "device_revoked")


@pytest.mark.parametrize("authorization", ["Bearer ", "Bearer x", "Bearer " + "a" * 10_000, "Basic dXNlcjpwYXNz",
                                           "Bearer ' OR 1=1 --", "bearer"])
def test_garbage_tokens_get_401(world: World, authorization: str):
    headers = {HEADER_PROTOCOL: "1", "Authorization": authorization}
    _refused_without_change(world, lambda: requests.get(world.server.url(PULL), headers=headers, timeout=10),
                            401, "unauthorized")


@pytest.mark.parametrize("protocol", ["", "abc", "0", "-1", "1.0", "9" * 400])
def test_bad_protocol_headers_get_a_clear_answer(world: World, device: DeviceClient, protocol: str):
    headers = {**device.headers, HEADER_PROTOCOL: protocol}
    response = requests.get(world.server.url(PULL), headers=headers, timeout=10)
    assert response.status_code in (200, 426), response.text[:200]
    if response.status_code == 426:
        assert response.json()["code"] == "upgrade_required"


@pytest.mark.parametrize("params", [{"cursor": "1e9"}, {"cursor": "NaN"}, {"limit": "0"}, {"limit": "x"},
                                    {"cursor": "9" * 400}, {"cursor": "-0x10"}])
def test_bad_pull_parameters_get_422(world: World, device: DeviceClient, params: dict[str, Any]):
    _refused_without_change(world, lambda: requests.get(world.server.url(PULL), params=params, headers=device.headers,
                                                        timeout=10), 422, "invalid_request")


@pytest.mark.parametrize("body", [
    {"username": "a" * 10_000, "password": "x", "device_id": "d", "device_name": "n"},
    {"username": "' OR 1=1 --", "password": "' OR 1=1 --", "device_id": "../../etc", "device_name": "n", "x": 1},
    {"username": ["admin"], "password": {"$ne": None}, "device_id": "d", "device_name": "n"},
])
def test_hostile_logins_get_a_4xx(world: World, body: dict[str, Any]):
    response = requests.post(world.server.url("/api/v1/auth/login"), json=body, headers={HEADER_PROTOCOL: "1"},
                             timeout=30)
    assert response.status_code in (401, 422), response.text[:200]
    assert response.json()["code"] in ("bad_credentials", "invalid_request")


def test_many_distinct_huge_strings_in_one_entry_are_rejected_alone(world: World, device: DeviceClient):
    fields = {f"unknown_{i}": "字" * 100_000 for i in range(10)}
    good = device.create(RecordType.VISIT, visit_fields())
    bad = device.create(RecordType.VISIT, visit_fields(**fields))
    results = device.push(bad, good)
    assert results[0]["status"] == "rejected" and results[1]["status"] == "applied"
    assert str(uuid.UUID(good["record_id"])) in device.pull_all(RecordType.VISIT)
