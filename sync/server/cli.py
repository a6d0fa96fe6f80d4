"""The ``fieldbook-server`` command: serve, migrate, and administer users, devices, stations and targets."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sync.domain.vocabulary import Role
from sync.server import cli_commands, cli_evaluation, config
from sync.server.cli_bundles import EXIT_REFUSED, BundleRefused, add_bundle_commands
from sync.server.services.roster import RosterError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL", help="sqlite:///PATH or postgresql+psycopg://USER@HOST/DB "
                        "(default: $FIELDBOOK_SERVER_DB, else sqlite:///DATA_DIR/server.db)")
    parser.add_argument("--data-dir", metavar="DIR", help="attachments and the default SQLite database "
                        "(default: $FIELDBOOK_SERVER_DATA_DIR, else ./fieldbook-server-data)")


def _area(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--station", metavar="CODE", help="station code (specialist, station_manager)")
    parser.add_argument("--county", metavar="CODE", help="6-digit county code (county_admin)")
    parser.add_argument("--league", metavar="CODE", help="4-digit league code (league_admin)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldbook-server", description="Fieldbook central sync server")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    roles = [r.value for r in Role]

    serve = commands.add_parser("serve", help="migrate the database, then serve the API with uvicorn")
    _common(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (use PostgreSQL for >1)")
    serve.add_argument("--reference-dir", metavar="DIR", help="reference data imported at the first start")
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.add_argument("--header-timeout", type=float, default=config.DEFAULT_HEADER_TIMEOUT, metavar="S",
                       help="close a connection whose request line and headers take longer (default: %(default)s)")
    serve.add_argument("--keep-alive-timeout", type=int, default=config.DEFAULT_KEEP_ALIVE_TIMEOUT,
                       metavar="S", help="close an idle kept-alive connection after this long (default: %(default)s)")
    serve.set_defaults(run=cli_commands.serve)

    db = commands.add_parser("db", help="database maintenance").add_subparsers(dest="action", required=True)
    upgrade = db.add_parser("upgrade", help="apply the migrations")
    _common(upgrade)
    upgrade.set_defaults(run=cli_commands.db_upgrade)
    epoch = db.add_parser("new-epoch", help="after restoring a backup: devices re-pull and resend")
    _common(epoch)
    epoch.set_defaults(run=cli_commands.db_new_epoch)

    user = commands.add_parser("user", help="user accounts").add_subparsers(dest="action", required=True)
    add = user.add_parser("add", help="add a user; the password is read from stdin")
    _common(add)
    add.add_argument("username")
    add.add_argument("--display-name", required=True)
    add.add_argument("--role", required=True, choices=roles)
    _area(add)
    add.set_defaults(run=cli_commands.user_add)
    set_role = user.add_parser("set-role", help="change a user's role (and area); their devices sign in again")
    _common(set_role)
    set_role.add_argument("username")
    set_role.add_argument("role", choices=roles)
    _area(set_role)
    set_role.set_defaults(run=cli_commands.user_set_role)
    set_station = user.add_parser("set-station", help="move a station member to another station; their devices sign in again")
    _common(set_station)
    set_station.add_argument("username")
    set_station.add_argument("station")
    set_station.set_defaults(run=cli_commands.user_set_station)
    for name, helptext, run in (
        ("set-password", "set a new password, read from stdin; every device of the user signs in again", cli_commands.user_set_password),
        ("deactivate", "refuse the user's logins and end their sessions", cli_commands.user_deactivate),
        ("activate", "allow a deactivated user again", cli_commands.user_activate),
    ):
        sub = user.add_parser(name, help=helptext)
        _common(sub)
        sub.add_argument("username")
        sub.set_defaults(run=run)
    roster = user.add_parser("import", help="create or update accounts from a roster (.xlsx or .csv); every row "
                             "is checked first and nothing is written if one is wrong (exit 2)")
    _common(roster)
    roster.add_argument("roster", metavar="ROSTER.xlsx|ROSTER.csv")
    roster.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    roster.add_argument("--sheets", metavar="FILE.pdf", default="activation-sheets.pdf",
                        help="the new accounts' activation sheets: one PDF, each station on pages of its own "
                        "(default: ./activation-sheets.pdf)")
    roster.set_defaults(run=cli_commands.user_import)
    reset = user.add_parser("activation-code", help="issue a new one-time activation code (the old one stops working)")
    _common(reset)
    reset.add_argument("username")
    reset.set_defaults(run=cli_commands.user_activation_code)
    user_list = user.add_parser("list", help="list users")
    _common(user_list)
    user_list.set_defaults(run=cli_commands.user_list)

    device = commands.add_parser("device", help="devices").add_subparsers(dest="action", required=True)
    device_list = device.add_parser("list", help="list devices")
    _common(device_list)
    device_list.add_argument("--user", metavar="USERNAME")
    device_list.set_defaults(run=cli_commands.device_list)
    for name, helptext, run in (
        ("revoke", "lock a lost or handed-on device out for good", cli_commands.device_revoke),
        ("reinstate", "undo a revocation made in error", cli_commands.device_reinstate),
    ):
        sub = device.add_parser(name, help=helptext)
        _common(sub)
        sub.add_argument("device_id")
        sub.set_defaults(run=run)

    station = commands.add_parser("station", help="stations").add_subparsers(dest="action", required=True)
    station_add = station.add_parser("add", help="add or rename a station")
    _common(station_add)
    station_add.add_argument("code")
    station_add.add_argument("name")
    station_add.add_argument("--county", required=True, help="6-digit county code")
    station_add.add_argument("--league", help="4-digit league code (default: the county's first 4 digits)")
    station_add.set_defaults(run=cli_commands.station_add)
    station_list = station.add_parser("list", help="list stations")
    _common(station_list)
    station_list.set_defaults(run=cli_commands.station_list)

    target = commands.add_parser("target", help="the plan's targets").add_subparsers(dest="action", required=True)
    target_list = target.add_parser("list", help="list the targets with their values and who changed them")
    _common(target_list)
    target_list.set_defaults(run=cli_commands.target_list)
    target_set = target.add_parser("set", help="change a target's value; devices get it on their next sync")
    _common(target_set)
    target_set.add_argument("key", help="the target's key, as `target list` shows it")
    target_set.add_argument("value", help="a number, 0 or more")
    target_set.set_defaults(run=cli_commands.target_set)

    reference = commands.add_parser(
        "import-reference", help="import stations.json, and divisions.csv, national_teams.json, squads.json, "
        "targets.json if present (target values changed here are kept)")
    _common(reference)
    reference.add_argument("--dir", metavar="DIR", help="default: resources/reference of this installation")
    reference.set_defaults(run=cli_commands.import_reference)
    add_bundle_commands(commands, _common)
    cli_evaluation.add_parsers(commands, _common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except cli_commands.CommandError as exc:
        print(f"fieldbook-server: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except RosterError as exc:
        print(f"fieldbook-server: the roster was not imported, nothing was written. Fix these and import "
              f"it again:\n{exc}", file=sys.stderr)
        return EXIT_USAGE
    except BundleRefused as exc:
        print(f"fieldbook-server: error: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
