"""``fieldbook bundle export|import``: sync by USB stick where there is no network.

Exit codes: 0 done · 2 the bundle was refused whole (nothing applied; the reason is printed) ·
3 this laptop has not signed in to the server yet · 4 imported, but some of this laptop's changes
were rejected or are in conflict and need a person.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

log = logging.getLogger("fieldbook.bundle")

EXIT_OK, EXIT_REFUSED, EXIT_NOT_SIGNED_IN, EXIT_NEEDS_ATTENTION = 0, 2, 3, 4


def add_bundle_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="bundle_action", required=True)
    export = actions.add_parser("export", help="write the changes and photos the server lacks into a bundle")
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    take = actions.add_parser("import", help="apply a bundle the server wrote for this laptop")
    take.add_argument("file", type=Path)
    for action in (export, take):
        action.add_argument("--profile", type=Path, default=argparse.SUPPRESS, help="data folder")


def run_bundle(args: argparse.Namespace) -> int:
    from desktop.profile import open_profile
    from desktop.store.local_store import DesktopLocalStore
    from sync.bundle_file import BundleError
    from sync.client import bundles

    profile = open_profile(args.profile)
    try:
        store = DesktopLocalStore(profile.store)
        if store.server_bundle_key() is None:
            log.error("bundle: %s", bundles.NOT_SIGNED_IN)
            return EXIT_NOT_SIGNED_IN
        try:
            if args.bundle_action == "export":
                report = bundles.export_push_bundle(store, args.out)
                log.info("bundle written to %s: %d changes, %d photos, %d bytes",
                         args.out, report.entries, report.photos, report.size)
                return EXIT_OK
            imported = bundles.import_pull_bundle(store, args.file)
        except BundleError as exc:
            log.error("bundle refused, nothing applied: %s", exc)
            return EXIT_REFUSED
        log.info("bundle imported: %s", imported.summary())
        return EXIT_NEEDS_ATTENTION if imported.rejected or imported.conflicts else EXIT_OK
    finally:
        profile.close()
