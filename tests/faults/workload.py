"""A specialist's random day of work on a device: households, visits, trainings, edits, deletes,
submissions and photos, drawn from a seeded ``random.Random`` so a failing run can be replayed."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from desktop.domain.records import Attachment, Household, Visit
from desktop.services.photos import PhotoService, StoredPhoto
from desktop.store import repository
from sync.domain.vocabulary import RecordType, ReviewState
from tests.factories import household, training, visit
from tests.sync.harness import Device


@dataclass
class Workload:
    device: Device
    rng: random.Random
    households: list[str] = field(default_factory=list)
    visits: list[str] = field(default_factory=list)
    rounds: int = 0

    def add(self, records: int | None = None) -> None:
        """New households with a visit each, maybe a training, and edits of earlier work."""
        self.rounds += 1
        rng, r = self.rng, self.rounds
        for i in range(records if records is not None else rng.randint(2, 6)):
            h, _ = self.device.records.save(household(name=f"第{r}轮{i}户", phone=f"139{rng.randrange(10**8):08d}",
                                                      livestock_head=rng.randint(0, 500)))
            self.households.append(h.id)
            v, _ = self.device.records.save(visit(household_ids=(h.id,), problem=f"第{r}轮问题{i}" * rng.randint(1, 8),
                                                  visit_date=dt.date(2026, 6, rng.randint(1, 14))))
            self.visits.append(v.id)
        if rng.random() < 0.4:
            self.device.records.save(training(topic=f"第{r}轮培训", hours=float(rng.randint(1, 6))))
        if len(self.households) > 1 and rng.random() < 0.7:
            earlier = self.device.records.get(Household, rng.choice(self.households[:-1]))
            self.device.records.save(earlier.with_changes(notes=f"第{r}轮回访"))
        if len(self.visits) > 2 and rng.random() < 0.3:
            gone = self.visits.pop(rng.randrange(len(self.visits) - 1))
            self.device.records.delete(Visit, gone)
        if self.visits and rng.random() < 0.5:
            v = self.device.records.get(Visit, self.visits[-1])
            if v is not None and v.review_state == ReviewState.DRAFT:
                self.device.records.save(v.with_changes(review_state=ReviewState.SUBMITTED))

    def attach_photo(self, folder: Path) -> StoredPhoto:
        """A noisy photo (it does not compress) on the latest visit; several upload chunks long."""
        side = self.rng.randint(700, 1100)
        image = Image.frombytes("RGB", (side, side * 3 // 4), self.rng.randbytes(side * (side * 3 // 4) * 3))
        path = folder / f"noise-{self.device.name}-{self.rounds}.png"
        image.save(path)
        photo = PhotoService(self.device.store).import_photo(path)
        with self.device.store.unit_of_work() as s:
            repository.put(s, Attachment(sha256=photo.sha256, mime_type="image/jpeg", size=photo.size,
                                         owner_type=RecordType.VISIT, owner_id=self.visits[-1], filename=path.name))
        return photo
