"""What every window and form of one open profile shares: its services and the operation runner."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.profile import Profile
from desktop.services.identity import Identity
from desktop.services.photos import PhotoService
from desktop.services.records import RecordService
from desktop.services.store_check import StoreCheckService
from desktop.services.sync_status import SyncStatusService
from desktop.ui.operations import OperationRunner
from desktop.ui.reference_cache import CachedReference
from desktop.ui.settings import AppSettings


@dataclass
class AppContext:
    """Plain holder: widgets read services from it and send work through ``runner``."""

    profile: Profile
    identity: Identity
    runner: OperationRunner
    settings: AppSettings
    records: RecordService
    photos: PhotoService
    sync_status: SyncStatusService
    store_check: StoreCheckService
    reference: CachedReference

    @classmethod
    def create(cls, profile: Profile, identity: Identity, runner: OperationRunner,
               settings: AppSettings) -> AppContext:
        store = profile.store
        return cls(profile, identity, runner, settings, RecordService(store, identity), PhotoService(store),
                   SyncStatusService(store), StoreCheckService(store), CachedReference(profile.reference))

    @property
    def drafts(self):
        return self.profile.drafts
