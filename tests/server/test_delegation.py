"""Delegated administration against a real server: each admin manages their area only, every action is
in the audit log, a deactivated account's earlier work still arrives, a move leaves past records behind."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import requests
from sqlalchemy import select

from sync.domain.vocabulary import RecordType, Role
from sync.server.scope import Viewer
from sync.server.services import delegation
from sync.server.store import audit_log
from sync.server.store.models import Record

from .support import World, visit_fields

HOME, AWAY = "150125", "150422"


def _viewer(world: World, role: Role, **area) -> tuple[Viewer, str]:
    account = world.user(role, **area)
    with world.db.read() as session:
        from sync.server.store import users
        user = users.by_username(session, account.username)
        return users.viewer(session, user), account.username


def _admin(world: World, county: str = HOME):
    viewer, name = _viewer(world, Role.COUNTY_ADMIN, county=county)
    return viewer, delegation.actor(viewer, name, "192.0.2.7")


def test_a_county_admin_sees_and_changes_only_their_county(world: World):
    home, away = world.station(HOME), world.station(AWAY)
    mine, theirs = world.user(Role.SPECIALIST, home), world.user(Role.SPECIALIST, away)
    viewer, who = _admin(world)
    listed = {row.user.username for row in delegation.accounts(world.db, viewer)}
    assert mine.username in listed and theirs.username not in listed
    with pytest.raises(delegation.NotYours):
        delegation.set_active(world.db, viewer, who, theirs.username, False)
    with pytest.raises(delegation.NotYours):
        delegation.move(world.db, viewer, who, mine.username, away)
    delegation.set_active(world.db, viewer, who, mine.username, False)
    with world.db.read() as session:
        [entry] = [e for e in audit_log.entries(session) if e.target == mine.username and e.actor == who.name]
    assert (entry.action, entry.actor, entry.source, entry.area) == ("account_deactivated", who.name, "192.0.2.7", HOME)
    assert dt.datetime.now(dt.UTC) - entry.at < dt.timedelta(minutes=1)


def test_a_county_admin_cannot_touch_their_peers_or_a_league_admin(world: World):
    viewer, who = _admin(world)
    _, peer = _viewer(world, Role.COUNTY_ADMIN, county=HOME)
    assert peer not in {row.user.username for row in delegation.accounts(world.db, viewer)}
    with pytest.raises(delegation.NotYours):
        delegation.set_active(world.db, viewer, who, peer, False)


def test_a_station_manager_sees_the_team_and_manages_nothing(world: World):
    home = world.station(HOME)
    member = world.user(Role.SPECIALIST, home)
    other = world.user(Role.SPECIALIST, world.station(HOME))
    viewer, name = _viewer(world, Role.STATION_MANAGER, station=home)
    listed = {row.user.username for row in delegation.accounts(world.db, viewer)}
    assert member.username in listed and other.username not in listed
    with pytest.raises(delegation.NotYours):
        delegation.actor(viewer, name, "here")


def test_a_deactivated_account_still_pushes_what_it_recorded_before_and_nothing_after(world: World):
    home = world.station(HOME)
    device = world.login(world.user(Role.SPECIALIST, home))
    before = device.create(RecordType.VISIT, visit_fields())
    viewer, who = _admin(world)
    delegation.set_active(world.db, viewer, who, device.account.username, False)
    after = device.create(RecordType.VISIT, visit_fields())
    after["time"] = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).isoformat()
    results = device.push(before, after)
    assert results[0]["status"] == "applied"
    assert results[1]["status"] == "rejected" and "after the account was deactivated" in results[1]["reason"]
    pulled = requests.get(world.server.url("/api/v1/sync/pull"), params={"cursor": 0}, headers=device.headers,
                          timeout=30)
    assert (pulled.status_code, pulled.json()["code"]) == (401, "user_inactive")
    assert device.push(before)[0]["status"] == "applied"  # the ledger answers a resend, nothing new is written


def test_a_moved_specialist_leaves_past_records_with_the_old_station(world: World):
    old, new = world.station(HOME), world.station(HOME)
    device = world.login(world.user(Role.SPECIALIST, old))
    visit_id = str(uuid.uuid4())
    assert device.push(device.create(RecordType.VISIT, visit_fields(), visit_id))[0]["status"] == "applied"
    viewer, who = _admin(world)
    delegation.move(world.db, viewer, who, device.account.username, new)
    device = world.login(device.account)
    later = str(uuid.uuid4())
    assert device.push(device.create(RecordType.VISIT, visit_fields(), later))[0]["status"] == "applied"
    with world.db.read() as session:
        stations_of = dict(session.execute(select(Record.record_id, Record.station_id)
                                           .where(Record.record_id.in_([visit_id, later]))).all())
        [entry] = [e for e in audit_log.entries(session) if e.action == "account_moved"
                   and e.target == device.account.username]
    assert stations_of == {visit_id: old, later: new}
    assert entry.detail == {"before": old, "after": new}


def test_devices_are_revoked_and_reinstated_within_the_area_only(world: World):
    device = world.login(world.user(Role.SPECIALIST, world.station(HOME)))
    away = world.login(world.user(Role.SPECIALIST, world.station(AWAY)))
    viewer, who = _admin(world)
    listed = {d.id for d, _, _ in delegation.device_list(world.db, viewer)}
    assert device.device_id in listed and away.device_id not in listed
    with pytest.raises(delegation.NotYours):
        delegation.set_device_revoked(world.db, viewer, who, away.device_id, True)
    delegation.set_device_revoked(world.db, viewer, who, device.device_id, True)
    assert requests.get(world.server.url("/api/v1/sync/pull"), params={"cursor": 0}, headers=device.headers,
                        timeout=30).json()["code"] == "device_revoked"
    delegation.set_device_revoked(world.db, viewer, who, device.device_id, False)
    assert world.login(device.account, device.device_id).token
    with world.db.read() as session:
        actions = [e.action for e in audit_log.entries(session) if e.target == device.device_id]
    assert actions == ["device_reinstated", "device_revoked"]


def test_a_reset_code_is_audited_and_replaces_the_old_one(world: World):
    member = world.user(Role.SPECIALIST, world.station(HOME))
    viewer, who = _admin(world)
    first = delegation.reset_code(world.db, viewer, who, member.username)
    second = delegation.reset_code(world.db, viewer, who, member.username)
    assert first != second
    with world.db.read() as session:
        assert [e.action for e in audit_log.entries(session) if e.target == member.username] == [
            "activation_code_reset", "activation_code_reset", "account_added"]
