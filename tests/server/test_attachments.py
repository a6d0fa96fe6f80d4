"""Resumable, content-addressed attachments: HEAD, PUT at an offset, checksum, scoped GET."""

from __future__ import annotations

import hashlib
import os

import requests

from sync.protocol import MAX_ATTACHMENT_BYTES, RecordType, Role

from .support import DeviceClient, World, visit_fields


def _url(device: DeviceClient, sha256: str) -> str:
    return device.server.url(f"/api/v1/attachments/{sha256}")


def _put(device: DeviceClient, sha256: str, offset: int, length: int, chunk: bytes) -> requests.Response:
    return requests.put(_url(device, sha256), data=chunk, timeout=30, headers={
        **device.headers, "Upload-Offset": str(offset), "Upload-Length": str(length),
        "Content-Type": "application/octet-stream"})


def _head(device: DeviceClient, sha256: str) -> requests.Response:
    return requests.head(_url(device, sha256), headers=device.headers, timeout=30)


def _photo_record(device: DeviceClient, sha256: str, size: int) -> None:
    visit = device.create(RecordType.VISIT, visit_fields())
    photo = device.create(RecordType.ATTACHMENT, {"sha256": sha256, "mime_type": "image/jpeg", "size": size,
                                                   "owner_type": "visit", "owner_id": visit["record_id"],
                                                   "filename": "field.jpg"})
    assert [r["status"] for r in device.push(visit, photo)] == ["applied", "applied"]


def test_an_upload_cut_off_midway_resumes_from_the_offset_the_server_reports(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    photo = os.urandom(300_000)
    sha256 = hashlib.sha256(photo).hexdigest()
    assert _head(device, sha256).headers["Upload-Offset"] == "0"

    assert _put(device, sha256, 0, len(photo), photo[:100_000]).status_code == 200
    progress = _head(device, sha256)
    assert (progress.headers["Upload-Offset"], progress.headers["Upload-Length"]) == ("100000", str(len(photo)))
    wrong_offset = _put(device, sha256, 50_000, len(photo), photo[50_000:])
    assert wrong_offset.status_code == 409 and wrong_offset.headers["Upload-Offset"] == "100000"
    finished = _put(device, sha256, 100_000, len(photo), photo[100_000:])

    assert finished.status_code == 200 and finished.json()["complete"] is True
    _photo_record(device, sha256, len(photo))
    download = requests.get(_url(device, sha256), headers=device.headers, timeout=30)
    assert download.status_code == 200 and download.content == photo
    assert download.headers["content-type"] == "image/jpeg"
    assert _put(device, sha256, 0, len(photo), photo).json()["complete"] is True


def test_a_file_whose_bytes_do_not_match_its_sha256_is_refused_and_discarded(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    photo = os.urandom(5000)
    claimed = hashlib.sha256(b"some other photo").hexdigest()
    assert _put(device, claimed, 0, len(photo), photo[:2000]).status_code == 200
    refused = _put(device, claimed, 2000, len(photo), photo[2000:])
    assert refused.status_code == 422 and refused.json()["code"] == "checksum_mismatch"
    assert _head(device, claimed).headers["Upload-Offset"] == "0"
    assert not (world.server.data_dir / "attachments" / claimed[:2] / claimed).exists()


def test_an_attachment_is_downloadable_only_by_those_who_may_see_its_record(world: World):
    station = world.station()
    alice, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    colleague, stranger = world.device(Role.SPECIALIST, station), world.device(Role.SPECIALIST, world.station())
    photo = os.urandom(1000)
    sha256 = hashlib.sha256(photo).hexdigest()
    assert _put(alice, sha256, 0, len(photo), photo).status_code == 200
    _photo_record(alice, sha256, len(photo))
    statuses = {name: requests.get(_url(device, sha256), headers=device.headers, timeout=30).status_code
                for name, device in [("manager", manager), ("colleague", colleague), ("stranger", stranger)]}
    assert statuses == {"manager": 200, "colleague": 404, "stranger": 404}


def test_an_attachment_larger_than_the_limit_is_refused_up_front(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    response = _put(device, "a" * 64, 0, MAX_ATTACHMENT_BYTES + 1, b"x")
    assert response.status_code == 413 and response.json()["code"] == "payload_too_large"


def test_a_malformed_attachment_address_or_header_is_a_client_error(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    assert _put(device, "not-a-sha", 0, 1, b"x").status_code == 422
    no_offset = requests.put(_url(device, "b" * 64), data=b"x", headers={**device.headers, "Upload-Length": "1"},
                             timeout=30)
    assert no_offset.status_code == 422 and "Upload-Offset" in no_offset.json()["detail"]
