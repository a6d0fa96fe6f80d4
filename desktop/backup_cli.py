"""``fieldbook backup`` and ``fieldbook restore``: a profile to one backup file and back, headless.

    fieldbook backup FILE [--profile DIR]              FILE may be a folder: the file is named for the user and day
    fieldbook restore FILE --profile DIR [--replace]   into a new (or empty) data folder; --replace keeps
                                                       the folder's store as fieldbook.before-restore.*.bak

A backup is encrypted with a passphrase chosen for it: read from ``$FIELDBOOK_BACKUP_PASSPHRASE``,
else asked on the terminal (twice when backing up).

Exit codes: 0 done · 2 the file is not a backup, is damaged, comes from a newer Fieldbook, or the
passphrase does not open it · 3 no profile in the folder · 4 the backup cannot be written (or the
passphrase is too short) · 5 the folder already holds records (restore without --replace) ·
6 the data folder cannot be unlocked · 1 anything else. A refused restore changes nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

BACKUP_PASSPHRASE_ENV = "FIELDBOOK_BACKUP_PASSPHRASE"

EXIT_OK, EXIT_OTHER, EXIT_BAD_FILE, EXIT_NO_PROFILE, EXIT_CANNOT_WRITE, EXIT_IN_USE = 0, 1, 2, 3, 4, 5


def add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the backup file to write, or a folder to write it in")
    parser.add_argument("--profile", type=Path, default=argparse.SUPPRESS, help="data folder to back up")


def add_restore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the backup file (.fbk)")
    parser.add_argument("--profile", type=Path, default=argparse.SUPPRESS, help="data folder to restore into")
    parser.add_argument("--replace", action="store_true",
                        help="replace the folder's records (its store is kept as a .bak beside it)")


def run_backup(args: argparse.Namespace) -> int:
    from desktop.profile import default_profile_dir
    from desktop.services.backup import BackupService
    from desktop.store.backup_archive import BackupError
    from desktop.store.store import DB_NAME, Store

    folder = getattr(args, "profile", None) or default_profile_dir()
    if not (folder / DB_NAME).is_file():
        return _fail(EXIT_NO_PROFILE, f"no Fieldbook profile in {folder} (expected {DB_NAME} there)")
    store = Store.open(folder)
    try:
        service = BackupService(store)
        target: Path = args.file
        if target.is_dir():
            target = target / service.suggested_file_name()
        try:
            summary = service.back_up(target, _backup_passphrase(new=True))
        except BackupError as error:
            return _fail(EXIT_CANNOT_WRITE, _message(error))
    finally:
        store.close()
    print(f"backup written to {summary.path} ({summary.size / 1e6:.1f} MB): {_contents(summary.manifest)}")
    if summary.missing_files:
        print(f"note: {summary.missing_files} photos were not on this computer; a sync downloads them again")
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    from desktop.profile import open_profile
    from desktop.services.backup import restore_backup
    from desktop.services.store_check import StoreCheckService
    from desktop.store.backup_archive import BackupError, BackupProblem

    folder = getattr(args, "profile", None)
    if folder is None:
        return _fail(EXIT_OTHER, "say which data folder to restore into: --profile DIR")
    if not args.file.is_file():
        return _fail(EXIT_BAD_FILE, f"no file {args.file}")
    try:
        summary = restore_backup(args.file, folder, _backup_passphrase(new=False), replace=args.replace)
    except BackupError as error:
        code = {BackupProblem.PROFILE_IN_USE: EXIT_IN_USE, BackupProblem.CANNOT_WRITE: EXIT_CANNOT_WRITE}
        return _fail(code.get(error.problem, EXIT_BAD_FILE), _message(error))
    profile = open_profile(folder)
    try:
        report = StoreCheckService(profile.store).check()
    finally:
        profile.close()
    if not report.ok:
        return _fail(EXIT_OTHER, "the restored store fails its check: " + "; ".join(report.problems))
    print(f"restored into {folder}: {_contents(summary.manifest)}")
    if summary.previous_store:
        print(f"the folder's previous store is kept as {summary.previous_store}")
    print("this profile is a new device now: sign in and sync to get back what was sent after the backup")
    old = summary.handover.old_device_id
    print("if the laptop of the backup was lost, an administrator can lock it out: "
          f"fieldbook-server device revoke {old}")
    return EXIT_OK


def _backup_passphrase(*, new: bool) -> str:
    if os.environ.get(BACKUP_PASSPHRASE_ENV):
        return os.environ[BACKUP_PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        return ""
    import getpass

    first = getpass.getpass("Passphrase of the backup: ")
    if new and getpass.getpass("The same passphrase again: ") != first:
        return ""
    return first


def _contents(manifest) -> str:
    c = manifest.counts
    return (f"{manifest.display_name or manifest.user_id}, {c.get('visits', 0)} visits, "
            f"{c.get('trainings', 0)} trainings, {c.get('households', 0)} households, "
            f"{manifest.file_count} photos, {manifest.pending_changes} changes not yet synced "
            f"(made {manifest.created_at})")


def _message(error) -> str:
    from desktop.services.backup import message

    return f"{message(error)} ({error.detail})" if error.detail else message(error)


def _fail(code: int, text: str) -> int:
    print(f"fieldbook: {text}", file=sys.stderr)
    return code
