"""A profile: the data folder holding one user's store and files, opened ready for use."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.services.drafts import DraftService
from desktop.services.identity import IdentityService
from desktop.services.reference import ReferenceService
from desktop.store.reference_loader import load_reference
from desktop.store.store import Store

APP_NAME = "Fieldbook"


def default_profile_dir() -> Path:
    """``$FIELDBOOK_PROFILE`` if set, else the platform's user data folder."""
    env = os.environ.get("FIELDBOOK_PROFILE")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "default"


@dataclass
class Profile:
    store: Store
    identity: IdentityService
    reference: ReferenceService
    drafts: DraftService

    @property
    def folder(self) -> Path:
        return self.store.profile_dir

    def close(self) -> None:
        self.store.close()


def open_profile(folder: Path | None = None) -> Profile:
    """Create or open the profile: migrate the store (backing up an older one) and load reference data."""
    store = Store.open(folder or default_profile_dir())
    load_reference(store)
    return Profile(store, IdentityService(store), ReferenceService(store), DraftService(store))
