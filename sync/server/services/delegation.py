"""Delegated administration: who manages which accounts and devices, and the actions they take.

A county admin manages the accounts and devices of their county's stations, a league admin those of
their league (and the county admins in it), a region admin all; a station manager sees their team
and changes nothing. Every action is checked against the actor's area and written to the audit log
in the same transaction. Deactivating keeps the account's work: its devices may still push what
they recorded before (services.auth), and its records stay where they are. Moving a specialist to
another station leaves their past records with the station they were recorded for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sync.domain.vocabulary import Role
from sync.server import security
from sync.server.clock import utcnow
from sync.server.scope import Viewer
from sync.server.services import activation, audit, auth
from sync.server.services.admin import STATION_ROLES, AdminError
from sync.server.store import audit_log, devices, stations, users
from sync.server.store.database import Database
from sync.server.store.models import AuditEntry, Device, Station, User

MANAGING_ROLES = frozenset({Role.COUNTY_ADMIN, Role.LEAGUE_ADMIN, Role.REGION_ADMIN})


class NotYours(AdminError):
    """The account, device or station lies outside the actor's area (shown as "not found" on the web)."""


@dataclass(frozen=True)
class AccountRow:
    user: User
    area: str  # county code of the station, or the office's county / league code, "" for the region
    pending_activation: bool


def own_area(viewer: Viewer) -> str | None:
    """The area code the viewer manages ("" for the region), or None when they manage nothing."""
    match viewer.role:
        case Role.COUNTY_ADMIN:
            return viewer.county_code
        case Role.LEAGUE_ADMIN:
            return viewer.league_code
        case Role.REGION_ADMIN:
            return ""
    return None


def actor(viewer: Viewer, username: str, source: str) -> audit.Actor:
    area = own_area(viewer)
    if area is None:
        raise NotYours("only county, league and region administrators manage accounts")
    return audit.Actor(username, source, area)


def area_of(session: Session, user: User) -> str:
    if user.station_id:
        station = stations.get(session, user.station_id)
        return station.county_code if station else ""
    return user.county_code or user.league_code or ""


def accounts(db: Database, viewer: Viewer) -> list[AccountRow]:
    """The accounts the viewer may see: their area's, or a station manager's team (read only)."""
    area = own_area(viewer)
    with db.read() as session:
        counties = {s.code: s.county_code for s in stations.list_all(session)}
        rows = []
        for user in users.list_all(session):
            where = counties.get(user.station_id or "", "") if user.station_id else (
                user.county_code or user.league_code or "")
            if area is None and not (viewer.station_id and user.station_id == viewer.station_id):
                continue
            if area is not None and (not where.startswith(area) or (
                    _outranks(user, viewer) and user.id != viewer.user_id)):
                continue
            rows.append(AccountRow(user, where, user.password_hash == security.NOT_ACTIVATED))
        return rows


_RANK = {Role.SPECIALIST: 0, Role.STATION_MANAGER: 0, Role.COUNTY_ADMIN: 1, Role.LEAGUE_ADMIN: 2,
         Role.REGION_ADMIN: 3}


def _outranks(user: User, viewer: Viewer) -> bool:
    """An admin manages only those below: a county admin the station accounts, never a peer or themselves."""
    return user.id == viewer.user_id or _RANK[Role(user.role)] >= _RANK[viewer.role]


def _managed(session: Session, who: audit.Actor, viewer: Viewer, username: str) -> User:
    user = users.by_username(session, username, lock=True)
    if user is None or not who.covers(area_of(session, user)) or _outranks(user, viewer):
        raise NotYours(f"no account {username!r} in your area")
    return user


def set_active(db: Database, viewer: Viewer, who: audit.Actor, username: str, active: bool) -> None:
    with db.write() as session:
        user = _managed(session, who, viewer, username)
        if user.active == active:
            return
        now = utcnow()
        user.active, user.deactivated_at = active, None if active else now
        if not active:
            devices.end_sessions(session, user.id, auth.DEACTIVATED)
        users.publish(session, user, now)
        audit.record(session, who, "account_reactivated" if active else "account_deactivated", username,
                     area_of(session, user))


def move(db: Database, viewer: Viewer, who: audit.Actor, username: str, station_code: str) -> None:
    """Move a station member; their devices pull afresh, their past records stay with the old station."""
    with db.write() as session:
        user = _managed(session, who, viewer, username)
        if Role(user.role) not in STATION_ROLES:
            raise AdminError(f"{username} is a {user.role}, not a station member")
        station = stations.get(session, station_code)
        if station is None or not who.covers(station.county_code):
            raise NotYours(f"no station {station_code!r} in your area")
        if user.station_id == station_code:
            return
        devices.end_sessions(session, user.id, auth.ACCOUNT_CHANGED)
        before = user.station_id
        user.station_id = station_code
        user.scope_version += 1
        users.publish(session, user, utcnow())
        audit.record(session, who, "account_moved", username, station.county_code, before=before,
                     after=station_code)


def reset_code(db: Database, viewer: Viewer, who: audit.Actor, username: str) -> str:
    with db.write() as session:
        user = _managed(session, who, viewer, username)
        code = activation.issue(session, [user])[user.id]
        audit.record(session, who, "activation_code_reset", username, area_of(session, user))
        return code


def device_list(db: Database, viewer: Viewer) -> Sequence[tuple[Device, User, str]]:
    with db.read() as session:
        counties = {s.code: s.county_code for s in stations.list_all(session)}
        area = own_area(viewer)
        listed = []
        for device, user in devices.list_all(session):
            where = counties.get(user.station_id or "", "") if user.station_id else (
                user.county_code or user.league_code or "")
            mine = (area is not None and where.startswith(area)) or (
                area is None and viewer.station_id is not None and user.station_id == viewer.station_id)
            if mine:
                listed.append((device, user, where))
        return listed


def set_device_revoked(db: Database, viewer: Viewer, who: audit.Actor, device_id: str, revoked: bool) -> None:
    """Revoke (its unsynced entries are refused, see services.auth) or reinstate a device."""
    with db.write() as session:
        device = devices.get(session, device_id, lock=True)
        owner = users.get(session, device.user_id) if device else None
        if device is None or owner is None or not who.covers(area_of(session, owner)) or _outranks(owner, viewer):
            raise NotYours(f"no device {device_id!r} in your area")
        if revoked and device.revoked_at is None:
            device.revoked_at = utcnow()
        elif not revoked and device.revoked_at is not None:
            device.revoked_at, device.token_hash, device.session_ended = None, None, None
        else:
            return
        audit.record(session, who, "device_revoked" if revoked else "device_reinstated", device_id,
                     area_of(session, owner), user=owner.username)


def stations_in(db: Database, viewer: Viewer) -> list[Station]:
    """The stations of the viewer's area, for moving a specialist."""
    area = own_area(viewer)
    with db.read() as session:
        return [s for s in stations.list_all(session) if area is not None and s.county_code.startswith(area)]


def audit_entries(db: Database, viewer: Viewer, limit: int | None) -> Sequence[AuditEntry]:
    """The audit log as the viewer may read it: all of it for a region admin, their area's for the others."""
    within = own_area(viewer)
    if within is None:
        raise NotYours("the audit log is for administrators")
    with db.read() as session:
        return audit_log.entries(session, within or None, limit)
