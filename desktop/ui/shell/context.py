"""What every window and form of one open profile shares: its services and the operation runner."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from desktop.profile import Profile
from desktop.services.identity import Identity
from desktop.services.indicators import IndicatorService
from desktop.services.photos import PhotoService
from desktop.services.records import RecordService
from desktop.services.review import ReviewService
from desktop.services.store_check import StoreCheckService
from desktop.services.sync_status import SyncStatusService
from desktop.services.team_log import TeamLogService
from desktop.ui.shell.operations import OperationRunner
from desktop.ui.widgets.industry_names import use_catalogue
from desktop.ui.widgets.reference_cache import CachedReference
from desktop.ui.shell.settings import AppSettings

if TYPE_CHECKING:  # made when first asked for: they stay out of the window's start-up
    from desktop.services.sync_service import SyncService
    from desktop.services.backup import BackupService
    from desktop.services.bundles import BundleService
    from desktop.services.conflict_origin import ConflictOriginService
    from desktop.services.evaluation import EvaluationService
    from desktop.services.export import ExportService
    from desktop.services.household_merges import HouseholdMergeService
    from desktop.services.industries import IndustryService
    from desktop.services.targets import TargetService

_SYNC_SERVICE_LOCK = threading.Lock()


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
    #: Sync and its network worker live as long as the profile (a language change rebuilds the
    #: window, not these): tokens kept in memory and a running sync must survive it.
    sync: SyncService | None = field(default=None)
    network: OperationRunner | None = field(default=None)
    #: A profile of ``fieldbook --demo``: the window says so in its title.
    demo: bool = False

    @classmethod
    def create(cls, profile: Profile, identity: Identity, runner: OperationRunner,
               settings: AppSettings) -> AppContext:
        store = profile.store
        reference = CachedReference(profile.reference)
        use_catalogue(reference.industry_catalogue())
        return cls(profile, identity, runner, settings, RecordService(store, identity), PhotoService(store),
                   SyncStatusService(store), StoreCheckService(store), reference)

    def set_identity(self, identity: Identity) -> None:
        """After sign-in the local first-run user became the server account: every service that
        writes on the user's behalf (records, and the review services once made) acts as it now."""
        self.identity = identity
        self.records.identity = identity
        for name in ("review", "team_log"):  # cached properties: only those already made
            if name in self.__dict__:
                self.__dict__[name].identity = identity

    def sync_service(self) -> SyncService:
        """Made on first use, from whichever thread asks first (the window's first overview runs on
        the store's worker): the lock makes it one service."""
        with _SYNC_SERVICE_LOCK:
            if self.sync is None:
                from desktop.services.sync_service import SyncService

                self.sync = SyncService(self.profile.store)
            self.sync.write_on(self.runner.call_blocking)  # the sync's store writes run on the store's worker
            return self.sync

    def network_runner(self) -> OperationRunner:
        """The network worker: a second one-thread runner, so a slow server never holds up the store.
        Its writes are announced on the store runner's bus, the one ``changed`` signal."""
        if self.network is None:
            self.network = OperationRunner(bus=self.runner)
            self.network.failed.connect(self.runner.failed)
        return self.network

    @cached_property
    def review(self) -> ReviewService:
        return ReviewService(self.profile.store, self.identity)

    @cached_property
    def team_log(self) -> TeamLogService:
        return TeamLogService(self.profile.store, self.identity)

    @cached_property
    def indicators(self) -> IndicatorService:
        return IndicatorService(self.profile.store)

    @cached_property
    def evaluation(self) -> EvaluationService:
        from desktop.services.evaluation import EvaluationService

        return EvaluationService(self.profile.store)

    @cached_property
    def export(self) -> ExportService:
        from desktop.services.export import ExportService

        return ExportService(self.profile.store)

    @cached_property
    def backup(self) -> BackupService:
        from desktop.services.backup import BackupService

        return BackupService(self.profile.store)

    @cached_property
    def bundles(self) -> BundleService:
        from desktop.services.bundles import BundleService

        return BundleService(self.profile.store)

    @cached_property
    def targets(self) -> TargetService:
        from desktop.services.targets import TargetService

        return TargetService(self.sync_service())

    @cached_property
    def conflict_origins(self) -> ConflictOriginService:
        from desktop.services.conflict_origin import ConflictOriginService

        return ConflictOriginService(self.profile.store)

    @cached_property
    def household_merges(self) -> HouseholdMergeService:
        from desktop.services.household_merges import HouseholdMergeService

        return HouseholdMergeService(self.profile.store, self.identity)

    def industries(self) -> IndustryService:
        """The free-text industries of the records, against the reference list as it is now."""
        from desktop.services.industries import IndustryService

        return IndustryService(self.profile.store, self.reference.industry_catalogue())

    @property
    def drafts(self):
        return self.profile.drafts
