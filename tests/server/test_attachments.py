"""Resumable, content-addressed attachments: HEAD, PUT at an offset, checksum, scoped GET."""

from __future__ import annotations

import hashlib
import os
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from sync.domain.vocabulary import RecordType, Role
from sync.protocol import MAX_ATTACHMENT_BYTES

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


def _get(device: DeviceClient, sha256: str) -> requests.Response:
    return requests.get(_url(device, sha256), headers=device.headers, timeout=30)


def _upload(device: DeviceClient, photo: bytes) -> str:
    sha256 = hashlib.sha256(photo).hexdigest()
    finished = _put(device, sha256, 0, len(photo), photo)
    assert finished.status_code == 200 and finished.json()["complete"] is True, finished.text
    return sha256


def _answer(response: requests.Response) -> tuple[int, str | None, str | None]:
    return response.status_code, response.headers.get("Upload-Offset"), response.headers.get("Upload-Length")


def test_a_record_naming_someone_elses_photo_hash_does_not_open_the_photo(world: World):
    home, away = world.station(), world.station()
    alice, her_manager = world.device(Role.SPECIALIST, home), world.device(Role.STATION_MANAGER, home)
    mallory, his_manager = world.device(Role.SPECIALIST, away), world.device(Role.STATION_MANAGER, away)
    photo = os.urandom(3000)
    sha256 = _upload(alice, photo)
    _photo_record(alice, sha256, len(photo))

    _photo_record(mallory, sha256, len(photo))  # accepted: records may sync before their photos

    never_uploaded = hashlib.sha256(os.urandom(16)).hexdigest()
    nothing = _get(mallory, never_uploaded)
    for outsider in (mallory, his_manager):
        refused = _get(outsider, sha256)
        assert (refused.status_code, refused.json()) == (nothing.status_code, nothing.json())
    assert _get(her_manager, sha256).content == photo
    assert _get(alice, sha256).content == photo


def test_a_record_whose_author_uploads_the_photo_later_opens_it_then(world: World):
    station = world.station()
    author, manager = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    photo = os.urandom(2500)
    sha256 = hashlib.sha256(photo).hexdigest()
    _photo_record(author, sha256, len(photo))
    assert _get(manager, sha256).status_code == 404
    _upload(author, photo)
    assert _get(manager, sha256).content == photo


def test_head_tells_an_outsider_the_same_as_for_a_file_nobody_has(world: World):
    home, away = world.station(), world.station()
    alice, outsider = world.device(Role.SPECIALIST, home), world.device(Role.SPECIALIST, away)
    finished, unfinished = os.urandom(2000), os.urandom(4000)
    finished_sha = _upload(alice, finished)
    _photo_record(alice, finished_sha, len(finished))
    unfinished_sha = hashlib.sha256(unfinished).hexdigest()
    assert _put(alice, unfinished_sha, 0, len(unfinished), unfinished[:1000]).status_code == 200

    nothing = _answer(_head(outsider, hashlib.sha256(os.urandom(16)).hexdigest()))
    assert nothing == (200, "0", None)
    assert _answer(_head(outsider, finished_sha)) == nothing
    assert _answer(_head(outsider, unfinished_sha)) == nothing
    assert _answer(_head(alice, finished_sha)) == (200, "2000", "2000")
    assert _answer(_head(alice, unfinished_sha)) == (200, "1000", "4000")


def test_nobody_can_reset_or_append_to_another_users_unfinished_upload(world: World):
    station = world.station()
    alice, bob = world.device(Role.SPECIALIST, station), world.device(Role.STATION_MANAGER, station)
    photo = os.urandom(6000)
    sha256 = hashlib.sha256(photo).hexdigest()
    assert _put(alice, sha256, 0, len(photo), photo[:2000]).status_code == 200

    assert _put(bob, sha256, 2000, len(photo), os.urandom(4000)).status_code == 409  # bob holds nothing
    assert _put(bob, sha256, 0, 9000, os.urandom(100)).status_code == 200  # his own upload, his own length
    assert _answer(_head(alice, sha256)) == (200, "2000", "6000")

    assert _put(alice, sha256, 2000, len(photo), photo[2000:]).json()["complete"] is True
    _photo_record(alice, sha256, len(photo))
    assert _get(bob, sha256).content == photo


def test_two_people_uploading_the_same_photo_at_once_both_finish_and_both_may_read_it(world: World):
    home, away = world.station(), world.station()
    alice, bob = world.device(Role.SPECIALIST, home), world.device(Role.SPECIALIST, away)
    bobs_manager = world.device(Role.STATION_MANAGER, away)
    photo = os.urandom(9000)
    sha256 = hashlib.sha256(photo).hexdigest()
    for start in range(0, len(photo), 3000):
        for device in (alice, bob):
            answer = _put(device, sha256, start, len(photo), photo[start:start + 3000])
            assert answer.status_code == 200, answer.text
    assert _answer(_head(alice, sha256)) == _answer(_head(bob, sha256)) == (200, "9000", "9000")
    _photo_record(alice, sha256, len(photo))
    _photo_record(bob, sha256, len(photo))
    assert _get(alice, sha256).content == _get(bob, sha256).content == _get(bobs_manager, sha256).content == photo


def test_two_people_sending_the_same_photo_in_the_same_instant_both_finish(world: World):
    alice, bob = world.device(Role.SPECIALIST, world.station()), world.device(Role.SPECIALIST, world.station())
    for _ in range(5):
        photo = os.urandom(200_000)
        sha256 = hashlib.sha256(photo).hexdigest()
        start = threading.Barrier(2)

        def send(device: DeviceClient) -> requests.Response:
            start.wait()
            return _put(device, sha256, 0, len(photo), photo)

        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(send, (alice, bob)))
        assert [(a.status_code, a.json()["complete"]) for a in answers] == [(200, True)] * 2
        _photo_record(alice, sha256, len(photo))
        assert _get(alice, sha256).content == _get(bob, sha256).content == photo
