"""User, device and station administration (what the CLI's subcommands do)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from sync.domain.vocabulary import Role
from sync.server import security
from sync.server.services import activation, audit
from sync.server.clock import utcnow
from sync.server.services import auth
from sync.server.store import devices, meta, stations, users
from sync.server.store.database import Database
from sync.server.store.models import Device, Station, User

_COUNTY = re.compile(r"[0-9]{6}")
_LEAGUE = re.compile(r"[0-9]{4}")
_STATION_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
_USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
STATION_ROLES = frozenset({Role.SPECIALIST, Role.STATION_MANAGER})


class AdminError(ValueError):
    """A request an administrator can correct (unknown user, missing station, …)."""


@dataclass(frozen=True)
class Area:
    """Where a user works: a station for station roles, a county or league code for offices."""

    station: str | None = None
    county: str | None = None
    league: str | None = None


def check_area(role: Role, area: Area) -> Area:
    """The area ``role`` needs, normalised; raises AdminError when it does not fit the role."""
    if role in STATION_ROLES:
        if not area.station or area.county or area.league:
            raise AdminError(f"a {role.value} needs --station CODE (and no --county / --league)")
        return Area(station=area.station)
    if area.station:
        raise AdminError(f"a {role.value} belongs to no station; leave out --station")
    if role is Role.COUNTY_ADMIN:
        if not area.county or not _COUNTY.fullmatch(area.county):
            raise AdminError("a county_admin needs --county with a 6-digit county code, e.g. 150125")
        return Area(county=area.county, league=area.county[:4])
    if role is Role.LEAGUE_ADMIN:
        if area.county or not area.league or not _LEAGUE.fullmatch(area.league):
            raise AdminError("a league_admin needs --league with a 4-digit league code, e.g. 1501")
        return Area(league=area.league)
    if area.county or area.league:
        raise AdminError("a region_admin covers the whole region; leave out --county / --league")
    return Area()


def check_password(password: str) -> str:
    if len(password) < security.MIN_PASSWORD_LENGTH or len(password) > 256:
        raise AdminError(f"the password needs {security.MIN_PASSWORD_LENGTH} to 256 characters")
    return password


def add_station(db: Database, code: str, name: str, county: str, league: str | None = None) -> None:
    if not _STATION_CODE.fullmatch(code):
        raise AdminError(f"station code {code!r} should be letters, digits, '-' or '_' (at most 32)")
    if not _COUNTY.fullmatch(county):
        raise AdminError(f"county code {county!r} should have 6 digits, e.g. 150125")
    league = league or county[:4]
    if not _LEAGUE.fullmatch(league) or not county.startswith(league):
        raise AdminError(f"league code {league!r} should be the first 4 digits of the county code")
    if not name.strip() or len(name) > 256:
        raise AdminError("the station needs a name of at most 256 characters")
    with db.write() as session:
        existing = stations.get(session, code)
        values = {"code": code, "name": name.strip(), "county_code": county, "league_code": league,
                  "industries": existing.industries if existing else [],
                  "expert_count": existing.expert_count if existing else None,
                  "source": existing.source if existing else "fieldbook-server station add"}
        stations.upsert(session, values, utcnow())


def add_user(db: Database, username: str, display_name: str, role: Role, password: str, area: Area) -> str:
    """Create a user; returns the new user id."""
    if not _USERNAME.fullmatch(username):
        raise AdminError(f"user name {username!r}: letters, digits and . _ @ - only, at most 64")
    if not display_name.strip() or len(display_name) > 128:
        raise AdminError("the display name needs 1 to 128 characters")
    area = check_area(role, area)
    password_hash = security.hash_password(check_password(password))
    now = utcnow()
    with db.write() as session:
        if users.by_username(session, username) is not None:
            raise AdminError(f"user {username!r} already exists")
        _require_station(session, area.station)
        user = User(id=str(uuid.uuid4()), username=username, display_name=display_name.strip(),
                    password_hash=password_hash, role=role.value, station_id=area.station,
                    county_code=area.county, league_code=area.league, scope_version=1, active=True,
                    created_at=now)
        users.add(session, user, now)
        audit.record(session, audit.command_line(), "account_added", username, _area(session, user), role=role.value)
        return user.id


def set_role(db: Database, username: str, role: Role, area: Area) -> None:
    """Change what a user does and where; their devices see a new epoch and re-pull."""
    area = check_area(role, area)
    with db.write() as session:
        user = _user(session, username)
        _require_station(session, area.station)
        if (user.role, user.station_id, user.county_code, user.league_code) == (
                role.value, area.station, area.county, area.league):
            return
        devices.end_sessions(session, user.id, auth.ACCOUNT_CHANGED)
        user.role, user.station_id, user.county_code, user.league_code = (
            role.value, area.station, area.county, area.league)
        user.scope_version += 1
        users.publish(session, user, utcnow())
        audit.record(session, audit.command_line(), "role_changed", username, _area(session, user), role=role.value)


def set_station(db: Database, username: str, station: str) -> None:
    with db.write() as session:
        user = _user(session, username)
        if Role(user.role) not in STATION_ROLES:
            raise AdminError(f"{username} is a {user.role}, not a station member; use `user set-role`")
        _require_station(session, station)
        if user.station_id == station:
            return
        devices.end_sessions(session, user.id, auth.ACCOUNT_CHANGED)
        before, user.station_id = user.station_id, station
        user.scope_version += 1
        users.publish(session, user, utcnow())
        audit.record(session, audit.command_line(), "account_moved", username, _area(session, user),
                     before=before, after=station)


def set_password(db: Database, username: str, password: str) -> None:
    """Change the password; every device of the user signs in again with the new one."""
    password_hash = security.hash_password(check_password(password))
    with db.write() as session:
        user = _user(session, username)
        user.password_hash = password_hash
        devices.end_sessions(session, user.id, auth.PASSWORD_CHANGED)
        audit.record(session, audit.command_line(), "password_set", username, _area(session, user))


def set_active(db: Database, username: str, active: bool) -> None:
    with db.write() as session:
        user = _user(session, username)
        if user.active != active:
            user.active, user.deactivated_at = active, None if active else utcnow()
            if not active:
                devices.end_sessions(session, user.id, auth.DEACTIVATED)
        users.publish(session, user, utcnow())
        audit.record(session, audit.command_line(), "account_reactivated" if active else "account_deactivated",
                     username, _area(session, user))


def reset_activation_code(db: Database, username: str, actor: audit.Actor) -> str:
    """A new one-time code for the account (its earlier unused code stops working); returns it."""
    with db.write() as session:
        user = _user(session, username)
        code = activation.issue(session, [user])[user.id]
        audit.record(session, actor, "activation_code_reset", username, _area(session, user))
        return code


def _area(session: Session, user: User) -> str | None:
    """The county (or league) the account belongs to, as the audit log files it."""
    if user.station_id:
        station = stations.get(session, user.station_id)
        return station.county_code if station else None
    return user.county_code or user.league_code


def list_users(db: Database) -> Sequence[User]:
    with db.read() as session:
        return users.list_all(session)


def list_devices(db: Database, username: str | None = None) -> Sequence[tuple[Device, User]]:
    with db.read() as session:
        user_id = _user(session, username).id if username else None
        return devices.list_all(session, user_id)


def revoke_device(db: Database, device_id: str) -> None:
    """Lock a device out (see services.auth for what that means for its unsynced work)."""
    with db.write() as session:
        device = _device(session, device_id)
        if device.revoked_at is None:
            device.revoked_at = utcnow()
        audit.record(session, audit.command_line(), "device_revoked", device_id, None)


def reinstate_device(db: Database, device_id: str) -> None:
    """Undo a revocation made in error: the device may log in again (with a password)."""
    with db.write() as session:
        device = _device(session, device_id)
        device.revoked_at, device.token_hash, device.session_ended = None, None, None
        audit.record(session, audit.command_line(), "device_reinstated", device_id, None)


def renew_epoch(db: Database) -> str:
    with db.write() as session:
        return meta.renew_server_epoch(session)


def _user(session: Session, username: str | None) -> User:
    user = users.by_username(session, username or "", lock=True)
    if user is None:
        raise AdminError(f"no user {username!r}")
    return user


def _device(session: Session, device_id: str) -> Device:
    device = devices.get(session, device_id, lock=True)
    if device is None:
        raise AdminError(f"no device {device_id!r}")
    return device


def _require_station(session: Session, code: str | None) -> None:
    if code is not None and stations.get(session, code) is None:
        raise AdminError(f"no station {code!r}; add it with `station add` or `import-reference`")


def list_stations(db: Database) -> Sequence[Station]:
    with db.read() as session:
        return stations.list_all(session)
