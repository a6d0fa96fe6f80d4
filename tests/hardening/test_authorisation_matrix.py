"""Every role (and no token, and a revoked device) against every endpoint, in and out of scope.

The table below is the contract: for each action, what each actor gets when the target is in the
home station (county 150125, league 1501) and when it is in a station of another league (150422).
A refusal — an HTTP error or a per-entry rejection — must leave the server's records, uploads and
files exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import requests

from sync.domain.vocabulary import RecordType, Role
from sync.protocol import HEADER_UPLOAD_LENGTH, HEADER_UPLOAD_OFFSET, TARGETS_PATH
from sync.server.services import admin, reference_import
from sync.server.services import targets as target_service
from sync.server.store.database import Database
from tests.hardening.snapshot import server_state
from tests.server.support import (
    API_HEADERS,
    PASSWORD,
    DeviceClient,
    RunningServer,
    World,
    demo_base_fields,
    household_fields,
    login,
    visit_fields,
)

HOME_COUNTY, AWAY_COUNTY = "150125", "150422"
ACTORS = ("specialist", "station_manager", "county_admin", "league_admin", "region_admin", "no_token", "revoked")

# Outcomes: "applied" / "rejected:<RejectKind>" for a push entry; "<status>" or "<status>:<code>" for
# an HTTP answer; "visible" / "hidden" for pull. (in scope, out of scope) per actor.
UNAUTH = ("401:unauthorized",) * 2
REVOKED = ("401:device_revoked",) * 2
WRITER = ("applied", "rejected:forbidden")
READ_ONLY = ("rejected:forbidden",) * 2
EXPECTED: dict[str, dict[str, tuple[str, str]]] = {
    "health": {actor: ("200", "200") for actor in ACTORS},
    "login": {**{actor: ("200", "200") for actor in ACTORS[:5]}, "no_token": ("200", "200"),
              "revoked": ("403:device_revoked",) * 2},
    "push_create_visit": {"specialist": WRITER, "station_manager": WRITER, "county_admin": READ_ONLY,
                          "league_admin": READ_ONLY, "region_admin": READ_ONLY, "no_token": UNAUTH,
                          "revoked": REVOKED},
    "push_create_household": {"specialist": WRITER, "station_manager": WRITER, "county_admin": READ_ONLY,
                              "league_admin": READ_ONLY, "region_admin": READ_ONLY, "no_token": UNAUTH,
                              "revoked": REVOKED},
    "push_update_visit": {"specialist": WRITER, "station_manager": WRITER, "county_admin": READ_ONLY,
                          "league_admin": READ_ONLY, "region_admin": READ_ONLY, "no_token": UNAUTH,
                          "revoked": REVOKED},
    "push_update_household": {"specialist": WRITER, "station_manager": WRITER, "county_admin": READ_ONLY,
                              "league_admin": READ_ONLY, "region_admin": READ_ONLY, "no_token": UNAUTH,
                              "revoked": REVOKED},
    "push_delete_visit": {"specialist": WRITER, "station_manager": WRITER, "county_admin": READ_ONLY,
                          "league_admin": READ_ONLY, "region_admin": READ_ONLY, "no_token": UNAUTH,
                          "revoked": REVOKED},
    "push_approve_visit": {"specialist": ("rejected:illegal review transition", "rejected:forbidden"),
                           "station_manager": WRITER, "county_admin": READ_ONLY, "league_admin": READ_ONLY,
                           "region_admin": READ_ONLY, "no_token": UNAUTH, "revoked": REVOKED},
    "push_attachment_record": {"specialist": WRITER, "station_manager": WRITER, "county_admin": READ_ONLY,
                               "league_admin": READ_ONLY, "region_admin": READ_ONLY, "no_token": UNAUTH,
                               "revoked": REVOKED},
    # Demonstration bases are station records like households: the station writes them, a manager approves.
    "push_create_demo_base": {"specialist": WRITER, "station_manager": WRITER, "county_admin": READ_ONLY,
                              "league_admin": READ_ONLY, "region_admin": READ_ONLY, "no_token": UNAUTH,
                              "revoked": REVOKED},
    "push_update_demo_base": {"specialist": WRITER, "station_manager": WRITER, "county_admin": READ_ONLY,
                              "league_admin": READ_ONLY, "region_admin": READ_ONLY, "no_token": UNAUTH,
                              "revoked": REVOKED},
    "push_approve_demo_base": {"specialist": ("rejected:illegal review transition", "rejected:forbidden"),
                               "station_manager": WRITER, "county_admin": READ_ONLY, "league_admin": READ_ONLY,
                               "region_admin": READ_ONLY, "no_token": UNAUTH, "revoked": REVOKED},
    "pull": {"specialist": ("visible", "hidden"), "station_manager": ("visible", "hidden"),
             "county_admin": ("visible", "hidden"), "league_admin": ("visible", "hidden"),
             "region_admin": ("visible", "visible"), "no_token": UNAUTH, "revoked": REVOKED},
    "attachment_get": {"specialist": ("200", "404:not_found"), "station_manager": ("200", "404:not_found"),
                       "county_admin": ("200", "404:not_found"), "league_admin": ("200", "404:not_found"),
                       "region_admin": ("200", "200"), "no_token": UNAUTH, "revoked": REVOKED},
    # HEAD tells only the uploader how much of their own upload the server holds; to everyone else it
    # answers as for a file nobody has, in scope or not.
    "attachment_head": {"specialist": ("200:2048/2048", "200:nothing"),
                        **{actor: ("200:nothing",) * 2 for actor in ACTORS[1:5]}, "no_token": UNAUTH,
                        "revoked": REVOKED},
    # Another user's unfinished upload: a PUT at 0 starts the caller's own upload, one at the author's
    # offset finds nothing of the caller's there; the author's upload stays as it was. Only the author
    # (the specialist, in scope) reaches their own upload, and spoils it with bytes of another file.
    "attachment_put_over_unfinished": {
        "specialist": ("409:offset_mismatch/422:checksum_mismatch, the author's upload was lost",
                       "200/409:offset_mismatch"),
        "station_manager": ("200/409:offset_mismatch",) * 2,
        **{actor: ("403:forbidden/403:forbidden",) * 2 for actor in ("county_admin", "league_admin", "region_admin")},
        "no_token": ("401:unauthorized/401:unauthorized",) * 2,
        "revoked": ("401:device_revoked/401:device_revoked",) * 2},
    "attachment_put": {"specialist": ("200", "200"), "station_manager": ("200", "200"),
                       **{actor: ("403:forbidden",) * 2 for actor in ("county_admin", "league_admin", "region_admin")},
                       "no_token": UNAUTH, "revoked": REVOKED},
    # A record the caller pushes naming the photo on their own visit opens nothing the caller could not
    # read already: the photo is theirs only if they uploaded it or a record in scope by an uploader names it.
    "attachment_get_after_naming_it": {"specialist": ("200", "404:not_found"),
                                       "station_manager": ("200", "404:not_found"),
                                       "county_admin": ("200", "404:not_found"),
                                       "league_admin": ("200", "404:not_found"),
                                       "region_admin": ("200", "200"), "no_token": UNAUTH, "revoked": REVOKED},
    # The plan's targets are region-wide: "in" and "out of scope" are the same call.
    "targets_get": {**{actor: ("200", "200") for actor in ACTORS[:5]}, "no_token": UNAUTH, "revoked": REVOKED},
    "targets_patch": {**{actor: ("403:forbidden",) * 2 for actor in ACTORS[:4]}, "region_admin": ("200", "200"),
                      "no_token": UNAUTH, "revoked": REVOKED},
}
CASES = [(action, actor, where) for action, row in EXPECTED.items() for actor in ACTORS for where in ("in", "out")]


@dataclass
class Target:
    """Records of one station, made by its specialist: a submitted visit, a household, a photo, and
    the first half of another photo still being uploaded."""

    station: str
    visit_id: str
    household_id: str
    base_id: str
    photo_sha256: str
    unfinished_sha256: str
    author: DeviceClient


@dataclass
class Scene:
    world: World
    home: str
    away: str
    owner: DeviceClient  # the home station's specialist, the "specialist" actor
    accounts: dict[str, Any]

    def actor(self, name: str) -> tuple[DeviceClient | None, dict[str, str]]:
        """A logged-in device of the actor (None without a token) and the headers it sends."""
        if name == "no_token":
            return None, dict(API_HEADERS)
        if name == "specialist":
            return self.owner, self.owner.headers
        if name == "revoked":
            device = self.world.login(self.owner.account)
            admin.revoke_device(self.world.db, device.device_id)
            return device, device.headers
        device = self.world.login(self.accounts[name])
        return device, device.headers


@pytest.fixture(scope="module")
def scene(server: RunningServer, server_db: Database) -> Scene:
    world = World(server, server_db)
    home, away = world.station(HOME_COUNTY), world.station(AWAY_COUNTY)
    accounts = {"station_manager": world.user(Role.STATION_MANAGER, home),
                "county_admin": world.user(Role.COUNTY_ADMIN, county=HOME_COUNTY),
                "league_admin": world.user(Role.LEAGUE_ADMIN, league=HOME_COUNTY[:4]),
                "region_admin": world.user(Role.REGION_ADMIN)}
    owner = world.login(world.user(Role.SPECIALIST, home))
    target_service.merge_shipped(server_db, reference_import.default_reference_dir())
    return Scene(world, home, away, owner, accounts)


def make_target(scene: Scene, station: str) -> Target:
    author = scene.owner if station == scene.home else scene.world.device(Role.SPECIALIST, station)
    visit_id, household_id, base_id = str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())
    photo = os.urandom(2048)
    sha = hashlib.sha256(photo).hexdigest()
    upload = requests.put(scene.world.server.url(f"/api/v1/attachments/{sha}"), data=photo, timeout=30,
                          headers={**author.headers, HEADER_UPLOAD_OFFSET: "0", HEADER_UPLOAD_LENGTH: str(len(photo))})
    assert upload.status_code == 200, upload.text
    results = author.push(
        author.create(RecordType.VISIT, visit_fields(review_state="submitted"), visit_id),
        author.create(RecordType.HOUSEHOLD, {"name": "王建国", "kind": "farmer", "village_code": "150125100200",
                                             "contact_consent": True, "deleted": False}, household_id),
        author.create(RecordType.ATTACHMENT, {"sha256": sha, "mime_type": "image/jpeg", "size": len(photo),
                                              "owner_type": "visit", "owner_id": visit_id, "filename": "a.jpg",
                                              "deleted": False}),
        author.create(RecordType.DEMO_BASE, demo_base_fields(review_state="submitted"), base_id))
    assert [r["status"] for r in results] == ["applied"] * 4, results
    unfinished = os.urandom(UNFINISHED_BYTES)
    unfinished_sha = hashlib.sha256(unfinished).hexdigest()
    assert _put(scene.world.server, author.headers, unfinished_sha, 0, unfinished[:UNFINISHED_BYTES // 2]).ok
    return Target(station, visit_id, household_id, base_id, sha, unfinished_sha, author)


UNFINISHED_BYTES = 4096


def _put(server: RunningServer, headers: dict[str, str], sha256: str, offset: int, chunk: bytes,
         length: int = UNFINISHED_BYTES) -> requests.Response:
    return requests.put(server.url(f"/api/v1/attachments/{sha256}"), data=chunk, timeout=30,
                        headers={**headers, HEADER_UPLOAD_OFFSET: str(offset), HEADER_UPLOAD_LENGTH: str(length)})


def _head(server: RunningServer, headers: dict[str, str], sha256: str) -> requests.Response:
    return requests.head(server.url(f"/api/v1/attachments/{sha256}"), headers=headers, timeout=30)


def _progress(response: requests.Response) -> tuple[str | None, str | None]:
    return response.headers.get(HEADER_UPLOAD_OFFSET), response.headers.get(HEADER_UPLOAD_LENGTH)


def _entry(seq: int, device_id: str, record_type: RecordType, record_id: str, kind: str, base: int,
           changes: dict[str, tuple[Any, Any]]) -> dict[str, Any]:
    return {"device_id": device_id, "seq": seq, "record_type": record_type.value, "record_id": record_id,
            "kind": kind, "base_revision": base, "time": dt.datetime.now(dt.UTC).isoformat(),
            "changes": {name: {"old": old, "new": new} for name, (old, new) in changes.items()}}


def _push_outcome(server: RunningServer, device: DeviceClient | None, headers: dict[str, str],
                  make: Callable[[str], dict[str, Any]]) -> str:
    device_id = device.device_id if device else "dev-without-token"
    # The device's next seq, as a real device sends them (the server holds back an entry above a gap);
    # one the server did not record is used again by the next case.
    seq = next(device.seq) if device else 1
    entry = make(device_id) | {"seq": seq}
    response = requests.post(server.url("/api/v1/sync/push"), json={"entries": [entry]}, headers=headers, timeout=30)
    if response.status_code != 200 and device is not None:
        device.seq = itertools.count(seq)
    if response.status_code != 200:
        return f"{response.status_code}:{response.json()['code']}"
    [result] = response.json()["results"]
    if result["status"] == "rejected":
        return "rejected:" + result["reason"].split(":")[0]
    return result["status"]


def _http_outcome(response: requests.Response) -> str:
    if response.status_code < 400:
        return str(response.status_code)
    return f"{response.status_code}:{response.json()['code']}"


def perform(action: str, scene: Scene, actor: str, target: Target) -> str:
    server = scene.world.server
    device, headers = scene.actor(actor)
    visit = lambda device_id, kind, base, changes: _entry(0, device_id, RecordType.VISIT,  # noqa: E731
                                                          target.visit_id, kind, base, changes)
    match action:
        case "health":
            return _http_outcome(requests.get(server.url("/api/v1/health"), headers=headers, timeout=10))
        case "login":
            account = scene.owner.account if actor in ("specialist", "no_token", "revoked") else scene.accounts[actor]
            device_id = device.device_id if actor == "revoked" else f"dev-{uuid.uuid4()}"
            return _http_outcome(login(server, account.username, PASSWORD, device_id))
        case "push_create_visit":
            return _push_outcome(server, device, headers, lambda d: _entry(
                0, d, RecordType.VISIT, str(uuid.uuid4()), "create", 0,
                {name: (None, value) for name, value in visit_fields(station_id=target.station).items()}))
        case "push_create_household":
            return _push_outcome(server, device, headers, lambda d: _entry(
                0, d, RecordType.HOUSEHOLD, str(uuid.uuid4()), "create", 0,
                {name: (None, value)
                 for name, value in household_fields(name="李四", station_id=target.station).items()}))
        case "push_update_visit":
            return _push_outcome(server, device, headers,
                                 lambda d: visit(d, "update", 1, {"problem": ("aphids on leaves", "hail damage")}))
        case "push_update_household":
            return _push_outcome(server, device, headers, lambda d: _entry(
                0, d, RecordType.HOUSEHOLD, target.household_id, "update", 1, {"name": ("王建国", "王建民")}))
        case "push_delete_visit":
            return _push_outcome(server, device, headers, lambda d: visit(d, "delete", 1, {"deleted": (False, True)}))
        case "push_approve_visit":
            return _push_outcome(server, device, headers, lambda d: _entry(
                0, d, RecordType.REVIEW_EVENT, str(uuid.uuid4()), "create", 0,
                {"record_type": (None, "visit"), "record_id": (None, target.visit_id), "action": (None, "approve"),
                 "from_state": (None, "submitted"), "to_state": (None, "approved"), "comment": (None, "ok")}))
        case "push_create_demo_base":
            return _push_outcome(server, device, headers, lambda d: _entry(
                0, d, RecordType.DEMO_BASE, str(uuid.uuid4()), "create", 0,
                {name: (None, value) for name, value in demo_base_fields(station_id=target.station).items()}))
        case "push_update_demo_base":
            return _push_outcome(server, device, headers, lambda d: _entry(
                0, d, RecordType.DEMO_BASE, target.base_id, "update", 1, {"area_mu": (300.0, 320.0)}))
        case "push_approve_demo_base":
            return _push_outcome(server, device, headers, lambda d: _entry(
                0, d, RecordType.REVIEW_EVENT, str(uuid.uuid4()), "create", 0,
                {"record_type": (None, "demo_base"), "record_id": (None, target.base_id), "action": (None, "approve"),
                 "from_state": (None, "submitted"), "to_state": (None, "approved"), "comment": (None, "ok")}))
        case "push_attachment_record":
            return _push_outcome(server, device, headers, lambda d: _entry(
                0, d, RecordType.ATTACHMENT, str(uuid.uuid4()), "create", 0,
                {"sha256": (None, target.photo_sha256), "mime_type": (None, "image/jpeg"), "size": (None, 2048),
                 "owner_type": (None, "visit"), "owner_id": (None, target.visit_id), "filename": (None, "b.jpg")}))
        case "pull":
            response = requests.get(server.url("/api/v1/sync/pull"), params={"cursor": 0, "limit": 500},
                                    headers=headers, timeout=30)
            if response.status_code != 200:
                return _http_outcome(response)
            seen, body = set(), response.json()
            while True:
                seen |= {c["record_id"] for c in body["changes"]}
                if not body["has_more"]:
                    break
                body = requests.get(server.url("/api/v1/sync/pull"), params={"cursor": body["next_cursor"]},
                                    headers=headers, timeout=30).json()
            return "visible" if target.visit_id in seen else "hidden"
        case "attachment_get":
            return _http_outcome(requests.get(server.url(f"/api/v1/attachments/{target.photo_sha256}"),
                                              headers=headers, timeout=30))
        case "attachment_get_after_naming_it":
            return _http_outcome(requests.get(server.url(f"/api/v1/attachments/{target.photo_sha256}"),
                                              headers=headers, timeout=30))
        case "attachment_head":
            response = _head(server, headers, target.photo_sha256)
            if response.status_code >= 400:  # HEAD has no body: the code travels on a GET of the same call
                return _http_outcome(requests.get(server.url(f"/api/v1/attachments/{target.photo_sha256}"),
                                                  headers=headers, timeout=30))
            nobody_has = _head(server, headers, hashlib.sha256(os.urandom(16)).hexdigest())
            if (response.status_code, _progress(response)) == (nobody_has.status_code, _progress(nobody_has)):
                return f"{response.status_code}:nothing"
            return f"{response.status_code}:{'/'.join(map(str, _progress(response)))}"
        case "attachment_put_over_unfinished":
            authors_progress = _progress(_head(server, target.author.headers, target.unfinished_sha256))
            reset = _put(server, headers, target.unfinished_sha256, 0, os.urandom(UNFINISHED_BYTES // 4))
            append = _put(server, headers, target.unfinished_sha256, UNFINISHED_BYTES // 2,
                          os.urandom(UNFINISHED_BYTES // 2))
            outcome = f"{_http_outcome(reset)}/{_http_outcome(append)}"
            if _progress(_head(server, target.author.headers, target.unfinished_sha256)) != authors_progress:
                outcome += ", the author's upload was lost"
            return outcome
        case "attachment_put":
            data = os.urandom(1024)
            return _http_outcome(requests.put(
                server.url(f"/api/v1/attachments/{hashlib.sha256(data).hexdigest()}"), data=data, timeout=30,
                headers={**headers, HEADER_UPLOAD_OFFSET: "0", HEADER_UPLOAD_LENGTH: str(len(data))}))
        case "targets_get":
            return _http_outcome(requests.get(server.url(TARGETS_PATH), headers=headers, timeout=30))
        case "targets_patch":
            value = 100000 + uuid.uuid4().int % 10**5  # a new value, so an allowed call really changes it
            return _http_outcome(requests.patch(server.url(TARGETS_PATH), json={"values": {"households_served": value}},
                                                headers=headers, timeout=30))
    raise AssertionError(action)


#: Outcomes that may change the server; every other one must leave it exactly as it was.
_CHANGES = ("applied", "200", "422:checksum_mismatch")


def _may_change(action: str, outcome: str) -> bool:
    writes = action.startswith("push") or action in ("attachment_put", "attachment_put_over_unfinished",
                                                     "targets_patch")
    return writes and any(part.split(",")[0] in _CHANGES for part in outcome.split("/"))


def name_the_photo_on_own_visit(scene: Scene, actor: str, target: Target) -> None:
    """The actor (when they may write at all) pushes a visit of their own station with an attachment
    record naming the target's photo, as if it were theirs."""
    if actor not in ("specialist", "station_manager"):
        return
    device = scene.owner if actor == "specialist" else scene.world.login(scene.accounts[actor])
    visit_id = str(uuid.uuid4())
    results = device.push(
        device.create(RecordType.VISIT, visit_fields(), visit_id),
        device.create(RecordType.ATTACHMENT, {"sha256": target.photo_sha256, "mime_type": "image/jpeg", "size": 2048,
                                              "owner_type": "visit", "owner_id": visit_id, "filename": "mine.jpg",
                                              "deleted": False}))
    assert [r["status"] for r in results] == ["applied"] * 2, results


#: Steps some actions take before the state a refusal must leave alone is recorded.
PREPARE: dict[str, Callable[[Scene, str, Target], None]] = {"attachment_get_after_naming_it": name_the_photo_on_own_visit}


@pytest.mark.parametrize(("action", "actor", "where"), CASES, ids=[f"{a}-{b}-{c}" for a, b, c in CASES])
def test_each_role_gets_what_the_table_says_and_a_refusal_changes_nothing(scene: Scene, action: str, actor: str,
                                                                         where: str):
    target = make_target(scene, scene.home if where == "in" else scene.away)
    PREPARE.get(action, lambda *_: None)(scene, actor, target)
    before = server_state(scene.world.db, scene.world.server.data_dir)
    outcome = perform(action, scene, actor, target)
    expected = EXPECTED[action][actor][0 if where == "in" else 1]
    assert outcome == expected, f"{actor} {action} ({where} of scope): got {outcome}, expected {expected}"
    if not _may_change(action, outcome):
        assert server_state(scene.world.db, scene.world.server.data_dir) == before, "a refusal changed the server"
