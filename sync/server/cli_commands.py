"""What each ``fieldbook-server`` subcommand does; failures become CommandError with a clear message."""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import OperationalError

from sync.domain.vocabulary import Role
from sync.server.config import MAX_HEADER_BYTES, ServerSettings
from sync.server.clock import utcnow
from sync.server.services import activation, activation_sheet, admin, audit, reference_import, roster_import
from sync.server.services import targets as target_service
from sync.server.store import migrate
from sync.server.store.database import Database, DatabaseUrlError

log = logging.getLogger("fieldbook.server")


class CommandError(Exception):
    """Printed as ``fieldbook-server: error: …`` with exit status 1."""


@contextmanager
def _database(args: argparse.Namespace, *, migrated: bool = True) -> Iterator[Database]:
    settings = ServerSettings.resolve(args.db, args.data_dir)
    try:
        db = Database(settings.database_url)
    except DatabaseUrlError as exc:
        raise CommandError(str(exc)) from None
    try:
        if migrated and not migrate.is_up_to_date(db):
            raise CommandError(f"the database {db.engine.url.render_as_string()} is not initialised or is out of "
                               "date; run `fieldbook-server db upgrade` first")
        yield db
    except admin.AdminError as exc:
        raise CommandError(str(exc)) from None
    except OperationalError as exc:
        raise CommandError(f"cannot use the database: {exc.orig}") from None
    finally:
        db.dispose()


def _password(prompt: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Again: ") != first:
            raise CommandError("the passwords differ")
        return first
    line = sys.stdin.readline()
    if not line:
        raise CommandError("no password on stdin")
    return line.rstrip("\r\n")


def _area(args: argparse.Namespace) -> admin.Area:
    return admin.Area(station=args.station, county=args.county, league=args.league)


def serve(args: argparse.Namespace) -> None:
    import uvicorn  # here, so the administration commands start without the web stack

    settings = ServerSettings.resolve(args.db, args.data_dir)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with _database(args, migrated=False) as db:
        migrate.upgrade(db)
        directory = Path(args.reference_dir) if args.reference_dir else reference_import.default_reference_dir()
        summary = reference_import.import_if_empty(db, directory)
        if summary is not None:
            log.info("imported %d stations, %d divisions, %d annex industries and %d targets from %s",
                     summary.total, summary.divisions, summary.annex_industries, summary.targets, directory)
        if target_service.import_if_empty(db, directory):
            log.info("imported the plan's targets from %s", directory)
    from sync.server import http_protocol

    settings.export()
    http_protocol.export_header_timeout(args.header_timeout)
    uvicorn.run("sync.server.app:app_from_environment", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_level=args.log_level, proxy_headers=True,
                http=http_protocol.protocol_class(), timeout_keep_alive=args.keep_alive_timeout,
                h11_max_incomplete_event_size=MAX_HEADER_BYTES)


def db_upgrade(args: argparse.Namespace) -> None:
    with _database(args, migrated=False) as db:
        migrate.upgrade(db)
        print(f"database at revision {migrate.current_revision(db)}")


def db_new_epoch(args: argparse.Namespace) -> None:
    with _database(args) as db:
        print(f"new server epoch {admin.renew_epoch(db)}: every device will pull again from the start")


def user_add(args: argparse.Namespace) -> None:
    with _database(args) as db:
        user_id = admin.add_user(db, args.username, args.display_name, Role(args.role),
                                 _password(f"Password for {args.username}: "), _area(args))
        print(f"added {args.role} {args.username} ({user_id})")


def user_set_role(args: argparse.Namespace) -> None:
    with _database(args) as db:
        admin.set_role(db, args.username, Role(args.role), _area(args))
        print(f"{args.username} is now {args.role}; their devices must sign in again and will pull again")


def user_set_station(args: argparse.Namespace) -> None:
    with _database(args) as db:
        admin.set_station(db, args.username, args.station)
        print(f"{args.username} now belongs to station {args.station}; "
              "their devices must sign in again and will pull again")


def user_set_password(args: argparse.Namespace) -> None:
    with _database(args) as db:
        admin.set_password(db, args.username, _password(f"New password for {args.username}: "))
        print(f"password of {args.username} changed; their devices must sign in again")


def user_deactivate(args: argparse.Namespace) -> None:
    with _database(args) as db:
        admin.set_active(db, args.username, False)
        print(f"{args.username} deactivated")


def user_activate(args: argparse.Namespace) -> None:
    with _database(args) as db:
        admin.set_active(db, args.username, True)
        print(f"{args.username} activated")


def user_import(args: argparse.Namespace) -> None:
    path = Path(args.roster)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read the roster {path}: {exc.strerror}") from None
    with _database(args) as db:
        outcome = roster_import.import_roster(db, data, path.name, audit.command_line(), dry_run=args.dry_run)
    print(outcome.summary() + ("; nothing was written (--dry-run)" if args.dry_run else ""))
    if outcome.sheets:
        # One file: the font is loaded once (about a second each time), and each station starts a page.
        target = Path(args.sheets)
        target.parent.mkdir(parents=True, exist_ok=True)
        expires = utcnow() + activation.VALID_FOR
        target.write_bytes(activation_sheet.render(outcome.sheets, expires))
        print(f"activation sheets of {len(outcome.sheets)} stations written to {target} "
              f"(codes valid until {expires:%Y-%m-%d}); print them and hand them out")


def user_activation_code(args: argparse.Namespace) -> None:
    with _database(args) as db:
        code = admin.reset_activation_code(db, args.username, audit.command_line())
    print(f"new activation code for {args.username}: {code} (valid {activation.VALID_FOR.days} days, once)")


def user_list(args: argparse.Namespace) -> None:
    with _database(args) as db:
        for user in admin.list_users(db):
            area = user.station_id or user.county_code or user.league_code or "region"
            state = "" if user.active else "  (deactivated)"
            print(f"{user.username}\t{user.role}\t{area}\t{user.display_name}\t{user.id}{state}")


def device_list(args: argparse.Namespace) -> None:
    with _database(args) as db:
        for device, user in admin.list_devices(db, args.user):
            seen = device.last_seen_at.isoformat(timespec="seconds") if device.last_seen_at else "never"
            state = f"revoked {device.revoked_at.isoformat(timespec='seconds')}" if device.revoked_at else "active"
            print(f"{device.id}\t{user.username}\t{device.name}\tlast seen {seen}\t{state}")


def device_revoke(args: argparse.Namespace) -> None:
    with _database(args) as db:
        admin.revoke_device(db, args.device_id)
        print(f"device {args.device_id} revoked: its token and logins are refused from now on")


def device_reinstate(args: argparse.Namespace) -> None:
    with _database(args) as db:
        admin.reinstate_device(db, args.device_id)
        print(f"device {args.device_id} reinstated: it may log in again")


def station_add(args: argparse.Namespace) -> None:
    with _database(args) as db:
        admin.add_station(db, args.code, args.name, args.county, args.league)
        print(f"station {args.code} saved")


def station_list(args: argparse.Namespace) -> None:
    with _database(args) as db:
        for station in admin.list_stations(db):
            print(f"{station.code}\t{station.county_code}\t{station.name}")


def target_list(args: argparse.Namespace) -> None:
    with _database(args) as db:
        listing = target_service.current(db)
        for t in listing.targets:
            changed = (f"set by {t.updated_by} {t.updated_at.isoformat(timespec='seconds')}" if t.updated_by
                       else "as shipped")
            print(f"{t.key}\t{t.value:g}\t{t.unit}\t{t.scope}\trevision {t.revision}\t{changed}\t{t.name_en}")
        print(f"targets version {listing.version}")


def target_set(args: argparse.Namespace) -> None:
    with _database(args) as db:
        target = target_service.set_from_console(db, args.key, args.value)
        print(f"{target.key} = {target.value:g} {target.unit} (revision {target.revision}); "
              "devices get it on their next sync")


def import_reference(args: argparse.Namespace) -> None:
    directory = Path(args.dir) if args.dir else reference_import.default_reference_dir()
    with _database(args) as db:
        summary = reference_import.import_reference(db, directory)
        print(f"{summary.total} stations read from {directory}, {summary.changed} added or changed; "
              f"{summary.divisions} divisions and {summary.annex_industries} annex industries loaded; "
              f"{summary.targets} targets added or changed")
