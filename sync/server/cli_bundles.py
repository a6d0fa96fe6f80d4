"""``fieldbook-server bundle import|export``: sync by USB stick for devices with no network."""

from __future__ import annotations

import argparse
from pathlib import Path

from sync.bundle_file import BundleError
from sync.server.config import ServerSettings
from sync.server.services import bundles
from sync.server.services.attachment_files import AttachmentFiles

EXIT_REFUSED = 2


class BundleRefused(Exception):
    """The bundle was refused whole; nothing was applied (exit status 2)."""


def add_bundle_commands(commands: argparse._SubParsersAction, common) -> None:
    bundle = commands.add_parser("bundle", help="sync bundles carried on a USB stick").add_subparsers(
        dest="action", required=True)
    take = bundle.add_parser("import", help="apply a device's bundle as if it had pushed online")
    common(take)
    take.add_argument("file", type=Path)
    take.set_defaults(run=bundle_import)
    give = bundle.add_parser("export", help="write what a device would pull into a bundle for it")
    common(give)
    give.add_argument("--device", required=True, metavar="ID", help="the device id (see `device list`)")
    give.add_argument("--out", required=True, type=Path, metavar="FILE")
    give.add_argument("--from-start", action="store_true",
                      help="everything the device may see, not only what followed its latest bundle")
    give.set_defaults(run=bundle_export)


def _files(args: argparse.Namespace) -> AttachmentFiles:
    return AttachmentFiles(ServerSettings.resolve(args.db, args.data_dir).attachments_dir)


def bundle_import(args: argparse.Namespace) -> None:
    from sync.server.cli_commands import _database

    with _database(args) as db:
        try:
            report = bundles.import_push_bundle(db, _files(args), args.file)
        except BundleError as exc:
            raise BundleRefused(f"bundle refused, nothing applied: {exc}") from None
    print(report.summary())
    for problem in report.problems:
        print(f"  {problem}")


def bundle_export(args: argparse.Namespace) -> None:
    from sync.server.cli_commands import _database

    with _database(args) as db:
        try:
            report = bundles.export_pull_bundle(db, _files(args), args.device, args.out, from_start=args.from_start)
        except BundleError as exc:
            raise BundleRefused(f"no bundle written: {exc}") from None
    print(f"wrote {args.out}: {report.changes} changes, {report.photos} photos, {report.results} answers to the "
          f"device's changes, {report.size} bytes")
