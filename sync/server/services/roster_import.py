"""Importing a checked roster: accounts created or updated in one transaction, codes for the new ones.

Idempotent: an account matches by its user name (the phone number); a row that says what the account
already is changes nothing, so importing the same file twice writes nothing the second time and
issues no new code. Changing a person's role or station bumps their scope version (their devices
pull afresh); their past records stay with the station they were recorded for.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server import security
from sync.server.clock import utcnow
from sync.server.services import activation, audit
from sync.server.services.activation_sheet import CodeLine, StationSheet
from sync.server.services.roster import RosterError, RosterRow, RowProblem, check, read
from sync.server.store import stations, users
from sync.server.store.database import Database
from sync.server.store.models import User

_AREA_FIELDS = ("role", "station_id", "county_code", "league_code")


@dataclass
class ImportOutcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    #: Codes issued by this import, one sheet per station (offices under the heading "offices").
    sheets: list[StationSheet] = field(default_factory=list)

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "were"
        return (f"{self.rows} rows checked: {self.created} accounts {verb} created, {self.updated} updated, "
                f"{self.unchanged} already up to date")


def row_area(row: RosterRow, station_county: str | None) -> str:
    """The area code a row's account lives in ("" for the region), for who may import it."""
    return station_county or row.county or row.league or ""


def import_roster(db: Database, data: bytes, filename: str, actor: audit.Actor, *,
                  dry_run: bool = False) -> ImportOutcome:
    """Check every row, then (unless ``dry_run``) write them all or nothing; RosterError when refused."""
    rows = read(data, filename)
    with (db.read() if dry_run else db.write()) as session:
        checked = check(session, rows)
        station_counties = {s.code: s.county_code for s in stations.list_all(session)}
        outside = [RowProblem(r.row, "角色" if not r.station else "工作站",
                              f"outside your area ({actor.within}); an administrator of that area imports it")
                   for r in checked if not actor.covers(row_area(r, station_counties.get(r.station or "")))]
        existing = _existing(session, [r.phone for r in checked])
        outside += [RowProblem(r.row, "手机号", f"{r.phone} is an account of another area "
                               f"({_area_of(existing[r.phone], station_counties)}); its administrator changes it")
                    for r in checked if r.phone in existing
                    and not actor.covers(_area_of(existing[r.phone], station_counties))]
        if outside:
            raise RosterError(outside)
        outcome = ImportOutcome(rows=len(checked), dry_run=dry_run)
        new_users, changed = _apply(session, checked, existing, outcome)
        if dry_run:
            return outcome
        now = utcnow()
        users.publish_many(session, new_users + changed, now)
        codes = activation.issue(session, new_users, now)
        outcome.sheets = sheets_for(session, new_users, codes)
        audit.record(session, actor, "roster_import", filename, actor.within or None, rows=outcome.rows,
                     created=outcome.created, updated=outcome.updated, unchanged=outcome.unchanged)
    return outcome


def _existing(session: Session, phones: Sequence[str]) -> dict[str, User]:
    found: dict[str, User] = {}
    for start in range(0, len(phones), 500):
        query = select(User).where(User.username.in_(phones[start:start + 500])).with_for_update()
        found.update((user.username, user) for user in session.execute(query).scalars())
    return found


def _area_of(user: User, station_counties: dict[str, str]) -> str:
    return station_counties.get(user.station_id or "") or user.county_code or user.league_code or ""


def _apply(session: Session, checked: Sequence[RosterRow], existing: dict[str, User],
           outcome: ImportOutcome) -> tuple[list[User], list[User]]:
    now = utcnow()
    new_users: list[User] = []
    changed: list[User] = []
    for row in checked:
        values = {"display_name": row.name, "role": row.role.value, "station_id": row.station,
                  "county_code": row.county, "league_code": row.league, "specialist_type": row.specialist_type,
                  "phone": row.phone}
        user = existing.get(row.phone)
        if user is None:
            outcome.created += 1
            new_users.append(User(id=str(uuid.uuid4()), username=row.phone, password_hash=security.NOT_ACTIVATED,
                                  scope_version=1, active=True, created_at=now, **values))
            continue
        differs = {key for key, value in values.items() if getattr(user, key) != value}
        if not differs:
            outcome.unchanged += 1
            continue
        outcome.updated += 1
        if outcome.dry_run:
            continue
        if differs & set(_AREA_FIELDS):
            user.scope_version += 1
        for key in differs:
            setattr(user, key, values[key])
        changed.append(user)
    if new_users and not outcome.dry_run:
        session.add_all(new_users)
        session.flush()
    return new_users, changed


def sheets_for(session: Session, accounts: Sequence[User], codes: dict[str, str]) -> list[StationSheet]:
    """The accounts' codes grouped into one sheet per station (office accounts on a sheet of their own)."""
    by_station: dict[str, list[CodeLine]] = {}
    for user in sorted(accounts, key=lambda u: (u.station_id or "", u.display_name)):
        by_station.setdefault(user.station_id or "", []).append(CodeLine(user.display_name, user.username,
                                                                         codes[user.id]))
    sheets = []
    for code, lines in by_station.items():
        station = stations.get(session, code) if code else None
        sheets.append(StationSheet(code or "-", station.name if station else "旗县区、盟市和自治区管理员", lines))
    return sheets
