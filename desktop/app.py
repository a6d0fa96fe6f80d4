"""The ``fieldbook`` command: opens the app, or runs a headless task (sync, export, import, self-test)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from desktop.backup_cli import add_backup_arguments, add_restore_arguments, run_backup, run_restore
from desktop.bundle_cli import add_bundle_arguments, run_bundle
from desktop.export_cli import add_export_arguments, run_export
from desktop.sync_cli import add_sync_arguments, run_sync

log = logging.getLogger("fieldbook")


def fieldbook_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # read only when asked: start-up stays fast

    try:
        return version("fieldbook")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


class _VersionAction(argparse.Action):
    """``--version``: the installed package's version, looked up only when the option is given."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):  # noqa: A002
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"fieldbook {fieldbook_version()}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fieldbook", description="科技特派员服务日志 Fieldbook")
    parser.add_argument("--version", action=_VersionAction, help="show the version and exit")
    parser.add_argument("--profile", type=Path, help="data folder (default: the platform's user data folder)")
    parser.add_argument("--self-test", action="store_true", help="open the main window offscreen, check the store, exit")
    parser.add_argument("--demo", action="store_true",
                        help="try Fieldbook on a throwaway profile with a year of sample data and a local server")
    parser.add_argument("--demo-as", choices=["specialist", "manager"],
                        help="with --demo: whom to try it as (asked in a dialog otherwise)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="user interface language for this run")
    parser.add_argument("--passphrase-stdin", action="store_true",
                        help="read the data folder's passphrase (where no OS key store keeps its key) "
                             "from the first line of standard input; $FIELDBOOK_PASSPHRASE also works")
    sub = parser.add_subparsers(dest="command")
    init = sub.add_parser("init", help="create or upgrade the profile and load reference data, then exit")
    sync = sub.add_parser("sync", help="sync this profile with the server once (for a scheduler)")
    for command in (init, sync):
        # ``fieldbook sync --profile DIR`` reads as well as ``fieldbook --profile DIR sync``.
        command.add_argument("--profile", type=Path, default=argparse.SUPPRESS, help="data folder")
    add_sync_arguments(sync)
    add_export_arguments(sub.add_parser("export", help="export indicators or records to XLSX, PDF or CSV"))
    add_backup_arguments(sub.add_parser("backup", help="back up the profile into one file (.fbk)"))
    add_restore_arguments(sub.add_parser("restore", help="restore a backup file into a data folder"))
    add_bundle_arguments(sub.add_parser("bundle", help="sync by USB stick: export or import a sync bundle"))
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser().parse_args(argv)
    if args.passphrase_stdin:
        from desktop.store.store_key import set_passphrase_prompt

        line = sys.stdin.readline().rstrip("\r\n")
        set_passphrase_prompt(lambda _new, retry: None if retry else line)
    if args.command is None:
        if args.demo:  # the demo is its own package: only this entry point knows it
            from desktop.demo.launch import run_demo_app

            return run_demo_app(args)
        from desktop.ui.shell.launch import run_gui

        return run_gui(args)
    from desktop.services.store_lock import report_locked
    from desktop.store.store_key import StoreLocked

    try:
        return _run_command(args)
    except StoreLocked as locked:
        return report_locked(locked)


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "init":
        from desktop.profile import open_profile

        profile = open_profile(args.profile)
        log.info("profile ready at %s", profile.folder)
        profile.close()
        return 0
    if args.command == "sync":
        return run_sync(args)
    if args.command == "export":
        return run_export(args)
    if args.command == "bundle":
        return run_bundle(args)
    return run_backup(args) if args.command == "backup" else run_restore(args)


if __name__ == "__main__":
    sys.exit(main())
