"""The plan's targets as a region admin edits them: read from the store, changed on the server, then here.

The server owns the targets: a change is sent first and the local table takes the server's answer
only when it arrived, so offline, signed out or refused, nothing changes on this device. Other
devices learn the change on their next sync (``SyncReport.targets_changed``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.domain.validation import FieldError, ValidationError
from desktop.services.changes import Changes, from_rows
from desktop.services.identity import Identity
from desktop.services.reference import ReferenceService, TargetItem
from desktop.services.sync_service import SyncService
from sync.domain.rules import MAX_TARGET_VALUE, TARGET_EDITOR_ROLES

OUT_OF_RANGE = QT_TRANSLATE_NOOP("Validation", "Enter a number from 0 to %1.")


def can_edit_targets(identity: Identity | None) -> bool:
    """Whether this user may change the plan's targets (the server checks it again)."""
    return identity is not None and identity.role in TARGET_EDITOR_ROLES


class TargetService:
    """Lists the targets this device holds and saves new values through the server (network work:
    the UI runs ``save`` on its network worker)."""

    def __init__(self, sync: SyncService):
        self.sync = sync
        self.reference = ReferenceService(sync.store)

    def targets(self) -> list[TargetItem]:
        return self.reference.targets()

    def save(self, values: Mapping[str, float]) -> Changes:
        """Send the values that differ from the stored ones; the server's answer replaces the local
        targets. Raises ValidationError for a value out of range and SyncError when the server
        cannot be reached, the user is not signed in, or the server refuses (e.g. not an admin)."""
        from sync.protocol import TargetUpdate

        errors = [FieldError(key, OUT_OF_RANGE, (f"{MAX_TARGET_VALUE:,}",)) for key, value in values.items()
                  if not (math.isfinite(value) and 0 <= value <= MAX_TARGET_VALUE)]
        if errors:
            raise ValidationError(errors)
        stored = {t.key: t.value for t in self.targets()}
        changed = {key: float(value) for key, value in values.items() if stored.get(key) != value}
        if not changed:
            return Changes()
        transport = self.sync.signed_in_transport()
        try:
            answer = transport.update_targets(TargetUpdate(values=changed))
        finally:
            transport.close()
        self.sync.local.take_touched()
        self.sync.local.apply_targets(answer.version, answer.targets)
        return Changes(reference=True) | from_rows(self.sync.local.take_touched())
