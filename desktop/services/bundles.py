"""Sync by USB stick for the app: export this laptop's unsent work, import the server's answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.services.changes import Changes, from_rows
from desktop.store.local_store import DesktopLocalStore
from desktop.store.store import Store
from sync.client import bundles
from sync.client.bundles import ExportReport, ImportReport

#: The file extension of sync bundles (offered by the file dialogs).
EXTENSION = ".fbsync"


class BundleService:
    def __init__(self, store: Store):
        self.local = DesktopLocalStore(store)

    def suggested_name(self, today: dt.date) -> str:
        account = self.local.account()
        who = account[1] if account else "fieldbook"
        return f"fieldbook-sync-{who}-{today.isoformat()}{EXTENSION}"

    def export(self, target: Path) -> ExportReport:
        """Raises sync.bundle_file.BundleError (not signed in yet, or the file cannot be written)."""
        return bundles.export_push_bundle(self.local, target)

    def import_bundle(self, source: Path) -> tuple[ImportReport, Changes]:
        """Raises BundleError with the reason when the bundle is refused; nothing is applied then."""
        self.local.take_touched()
        report = bundles.import_pull_bundle(self.local, source)
        return report, from_rows(self.local.take_touched()) | Changes(sync_state=True)
