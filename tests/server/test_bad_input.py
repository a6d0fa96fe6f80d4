"""Malformed, mistyped, oversized and compressed requests get a clear 4xx (never a 5xx)."""

from __future__ import annotations

import gzip
import json

import requests

from sync.domain.vocabulary import RecordType, Role
from sync.protocol import MAX_PUSH_ENTRIES, MAX_REQUEST_BYTES, MAX_TEXT_LENGTH

from .support import DeviceClient, World, visit_fields


def _post(device: DeviceClient, data: bytes, **headers: str) -> requests.Response:
    return requests.post(device.server.url("/api/v1/sync/push"), data=data, timeout=60,
                         headers={**device.headers, "Content-Type": "application/json", **headers})


def test_malformed_json_gets_422_with_a_readable_message(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    response = _post(device, b'{"entries": [')
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_request" and "not valid JSON" in response.json()["detail"]


def test_wrong_types_get_422_naming_the_field(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    for body, field in (({"entries": "all of them"}, "entries"),
                        ({"entries": [{"device_id": device.device_id, "seq": "first"}]}, "entries.0.seq"),
                        ({"entries": [], "extra": 1}, "extra"),
                        ([1, 2, 3], "")):
        response = _post(device, json.dumps(body).encode())
        assert response.status_code == 422, body
        assert field in response.json()["detail"]
    bad_query = requests.get(device.server.url("/api/v1/sync/pull"), params={"cursor": "-1"}, headers=device.headers,
                             timeout=10)
    assert bad_query.status_code == 422 and "cursor" in bad_query.json()["detail"]
    huge_cursor = requests.get(device.server.url("/api/v1/sync/pull"), params={"cursor": str(10**30)},
                               headers=device.headers, timeout=10)
    assert huge_cursor.status_code == 422


def test_too_long_strings_are_refused_per_entry_or_per_request(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    long_notes = device.create(RecordType.VISIT, visit_fields(problem="虫" * (MAX_TEXT_LENGTH + 1)))
    result = device.push_one(long_notes)
    assert result["status"] == "rejected"
    assert result["reason"] == f"invalid field value: problem: longer than {MAX_TEXT_LENGTH} characters"
    long_id = device.create(RecordType.VISIT, visit_fields(), record_id="x" * 10_000)
    assert device.push_response([long_id]).json()["results"][0]["reason"].startswith("invalid entry: record_id")
    login = requests.post(device.server.url("/api/v1/auth/login"), headers=device.headers, timeout=10,
                          json={"username": "u" * 1000, "password": "p", "device_id": "d", "device_name": "n"})
    assert login.status_code == 422 and "username" in login.json()["detail"]


def test_too_many_entries_or_too_large_a_body_is_refused(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    many = [device.create(RecordType.HOUSEHOLD, {"name": "x"}) for _ in range(MAX_PUSH_ENTRIES + 1)]
    assert device.push_response(many).status_code == 422
    oversized = _post(device, b'{"entries": [], "pad": "' + b"x" * MAX_REQUEST_BYTES + b'"}')
    assert oversized.status_code == 413 and oversized.json()["code"] == "payload_too_large"
    bomb = gzip.compress(b'{"entries": [], "pad": "' + b"0" * (MAX_REQUEST_BYTES + 10) + b'"}')
    assert len(bomb) < MAX_REQUEST_BYTES
    assert _post(device, bomb, **{"Content-Encoding": "gzip"}).status_code == 413


def test_gzip_bodies_are_accepted_and_large_answers_come_back_gzipped(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    entries = [device.create(RecordType.VISIT, visit_fields()) for _ in range(5)]
    response = _post(device, gzip.compress(json.dumps({"entries": entries}).encode()), **{"Content-Encoding": "gzip"})
    assert response.status_code == 200
    assert [r["status"] for r in response.json()["results"]] == ["applied"] * 5
    pulled = requests.get(device.server.url("/api/v1/sync/pull"), headers={**device.headers,
                                                                           "Accept-Encoding": "gzip"}, timeout=10)
    assert pulled.headers["Content-Encoding"] == "gzip" and len(pulled.json()["changes"]) >= 5
    broken = _post(device, b"\x1f\x8b not really gzip", **{"Content-Encoding": "gzip"})
    assert broken.status_code == 400 and "gzip" in broken.json()["detail"]
    brotli = _post(device, b"{}", **{"Content-Encoding": "br"})
    assert brotli.status_code == 415


def test_unknown_paths_and_methods_get_json_errors(world: World):
    missing = requests.get(world.server.url("/api/v1/nothing-here"), timeout=10)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    wrong_method = requests.delete(world.server.url("/api/v1/sync/push"), timeout=10)
    assert wrong_method.status_code == 405 and "detail" in wrong_method.json()


def test_the_openapi_document_describes_the_sync_api(world: World):
    document = requests.get(world.server.url("/openapi.json"), timeout=10).json()
    assert {"/api/v1/auth/login", "/api/v1/sync/push", "/api/v1/sync/pull", "/api/v1/attachments/{sha256}",
            "/api/v1/health"} <= set(document["paths"])


def test_text_no_database_can_keep_is_refused_and_pulls_keep_working(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    template = ('{"entries": [{"device_id": "%s", "seq": %d, "record_type": "visit", "record_id": %s, '
                '"kind": "create", "base_revision": 0, "time": "2024-05-01T08:00:00", "changes": {%s}}]}')
    bodies = [(r'"nul-in-problem"', r'"problem": {"new": "a\u0000b"}'),
              (r'"surrogate-in-new-field"', r'"mood": {"new": "\ud800"}'),
              (r'"nul-in-key"', r'"mood": {"new": {"a\u0000": 1}}'),
              (r'"big-number"', r'"mood": {"new": 123456789012345678901234567890}'),
              (r'"nul\u0000id"', r'"problem": {"new": "fine"}')]
    for seq, (record_id, changes) in enumerate(bodies, start=1):
        response = _post(device, (template % (device.device_id, seq, record_id, changes)).encode())
        assert response.status_code == 200, response.text
        assert response.json()["results"][0]["status"] == "rejected", record_id
    assert device.pull_all(RecordType.VISIT) == {}
    login = requests.post(device.server.url("/api/v1/auth/login"), headers=device.headers, timeout=10,
                          data=b'{"username": "a\\u0000b", "password": "p", "device_id": "d", "device_name": "n"}')
    assert login.status_code == 422
