"""Devices that work offline in any order and sync in any order, some syncs cut at a random byte,
all end up with the same data: a hypothesis state machine over a real server.

Two specialists of one station and its manager, plus a specialist of another station, create, edit,
delete, submit and review visits and trainings and put photos on them, and sync online or by USB
stick (bundles imported twice, or after an online sync overtook them); after everyone syncs twice
the devices of one station agree checksum for checksum, nothing of the other station reached them,
every outbox is acknowledged, no created record is lost and every photo a device holds a record of
is on that device byte for byte. Concurrent edits of one field become a conflict record holding both
values.

Size: ``FIELDBOOK_CONVERGENCE_EXAMPLES`` (default 2) examples of ``FIELDBOOK_CONVERGENCE_STEPS``
(default 12) steps; a long run is e.g. 50 × 30.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import os
import random
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from PIL import Image

from desktop.domain.records import Household, Training, Visit
from desktop.services.photos import PhotoService
from sync.client import bundles as device_bundles
from sync.server.services import bundles as server_bundles
from sync.server.services.attachment_files import AttachmentFiles
from sync.server.config import ServerSettings
from sync.client.errors import SyncErrorKind
from sync.domain.vocabulary import ReviewAction, ReviewState, Role
from tests.factories import household, training, visit
from tests.faults.checks import created_ids, device_checksums
from tests.sync.harness import assert_converged, device_records, server_records

EXAMPLES = int(os.environ.get("FIELDBOOK_CONVERGENCE_EXAMPLES", "2"))
STEPS = int(os.environ.get("FIELDBOOK_CONVERGENCE_STEPS", "12"))

WANG, ZHAO, LI, OTHER = range(4)
AUTHORS = st.sampled_from([WANG, ZHAO, LI, OTHER])
PICK = st.integers(min_value=0, max_value=10**6)
_names = itertools.count()
#: Rules run in this process, so the test can tell that the machine did work.
STEPS_RUN: Counter[str] = Counter()


def noise_photo(folder: Path, seed: int) -> Path:
    """A small picture of noise: it does not compress, so its upload takes several round trips."""
    rng = random.Random(seed)
    path = folder / f"noise-{seed}.png"
    Image.frombytes("RGB", (480, 360), rng.randbytes(480 * 360 * 3)).save(path)
    return path


def converging_machine(make_device, world, server_db, netsim, folder: Path, server_files):
    class Convergence(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            n = next(_names)
            self.station = world.station(county="150422")
            self.other_station = world.station(county="150422")
            self.devices = [
                make_device(f"wang{n}", self.station, server_url=netsim.url),
                make_device(f"zhao{n}", self.station, server_url=netsim.url),
                make_device(f"li{n}", self.station, Role.STATION_MANAGER, server_url=netsim.url),
                make_device(f"other{n}", self.other_station, server_url=netsim.url),
            ]
            self.serial = itertools.count()

        # --- offline work ---------------------------------------------------------------

        def _ids(self, who: int, cls) -> list[str]:
            rows = device_records(self.devices[who].profile)
            return sorted(i for (t, i), f in rows.items() if t == cls.RECORD_TYPE.value and not f.get("deleted"))

        @rule(who=AUTHORS)
        def create_household(self, who):
            STEPS_RUN["create_household"] += 1
            self.devices[who].records.save(household(name=f"户{next(self.serial)}",
                                                     phone=f"139{next(self.serial):08d}"))

        @rule(who=AUTHORS, pick=PICK)
        def create_visit(self, who, pick):
            STEPS_RUN["create_visit"] += 1
            households = self._ids(who, Household) or ["h-1"]
            self.devices[who].records.save(visit(household_ids=(households[pick % len(households)],),
                                                 problem=f"问题{next(self.serial)}",
                                                 visit_date=dt.date(2026, 6, 1 + pick % 14)))

        @rule(who=AUTHORS, pick=PICK)
        def create_training(self, who, pick):
            STEPS_RUN["create_training"] += 1
            households = self._ids(who, Household)
            attendees = (households[pick % len(households)],) if households else ()
            self.devices[who].records.save(training(topic=f"培训{next(self.serial)}", hours=float(1 + pick % 6),
                                                    attendee_household_ids=attendees))

        @rule(who=AUTHORS, pick=PICK, kind=st.sampled_from([Visit, Training]))
        def photo_on_own_record(self, who, pick, kind):
            STEPS_RUN["photo_on_own_record"] += 1
            device = self.devices[who]
            me = device.profile.identity.current().user_id
            editable = [r for r in (device.records.get(kind, i) for i in self._ids(who, kind))
                        if r.author_id == me and r.review_state in (ReviewState.DRAFT, ReviewState.RETURNED)]
            if not editable:
                return
            record = editable[pick % len(editable)]
            photo = PhotoService(device.store).import_photo(noise_photo(folder, next(self.serial)))
            device.records.save(record.with_changes(photo_ids=(*record.photo_ids, photo.sha256)))

        @rule(who=AUTHORS, pick=PICK, field=st.sampled_from(["notes", "livestock_head"]))
        def edit_household(self, who, pick, field):
            STEPS_RUN["edit_household"] += 1
            ids = self._ids(who, Household)
            if not ids:
                return
            device = self.devices[who]
            current = device.records.get(Household, ids[pick % len(ids)])
            value = f"改{next(self.serial)}" if field == "notes" else next(self.serial) % 900
            device.records.save(current.with_changes(**{field: value}))

        @rule(who=AUTHORS, pick=PICK)
        def delete_own_visit(self, who, pick):
            STEPS_RUN["delete_own_visit"] += 1
            device = self.devices[who]
            mine = [i for i in self._ids(who, Visit)
                    if device.records.get(Visit, i).author_id == device.profile.identity.current().user_id]
            if mine:
                device.records.delete(Visit, mine[pick % len(mine)])

        @rule(who=AUTHORS, pick=PICK, kind=st.sampled_from([Visit, Training]))
        def submit_own_record(self, who, pick, kind):
            STEPS_RUN[f"submit_own_{kind.__name__.lower()}"] += 1
            device = self.devices[who]
            me = device.profile.identity.current().user_id
            drafts = [r for r in (device.records.get(kind, i) for i in self._ids(who, kind))
                      if r.author_id == me and r.review_state == ReviewState.DRAFT]
            if drafts:
                device.records.save(drafts[pick % len(drafts)].with_changes(review_state=ReviewState.SUBMITTED))

        @rule(pick=PICK, approve=st.booleans(), kind=st.sampled_from([Visit, Training]))
        def manager_reviews(self, pick, approve, kind):
            STEPS_RUN["manager_reviews"] += 1
            li = self.devices[LI]
            submitted = [r for r in (li.records.get(kind, i) for i in self._ids(LI, kind))
                         if r.review_state == ReviewState.SUBMITTED]
            if submitted:
                action, state = ((ReviewAction.APPROVE, ReviewState.APPROVED) if approve
                                 else (ReviewAction.RETURN, ReviewState.RETURNED))
                li.review(submitted[pick % len(submitted)], action, state, comment="审核")

        # --- syncs ----------------------------------------------------------------------

        @rule(who=AUTHORS)
        def sync(self, who):
            STEPS_RUN["sync"] += 1
            self.devices[who].sync_ok()

        @rule(who=AUTHORS, direction=st.sampled_from(["up", "down"]), at=st.integers(0, 6000),
              times=st.integers(1, 4), reset=st.booleans())
        def sync_through_a_cut_line(self, who, direction, at, times, reset):
            STEPS_RUN["sync_through_a_cut_line"] += 1
            netsim.cut(direction, at, times=times, reset=reset)
            try:
                report = self.devices[who].sync()
            finally:
                netsim.disarm()
            assert report.error is None or report.error.kind == SyncErrorKind.OFFLINE, report.summary()

        @rule(first=st.sampled_from([WANG, ZHAO, LI]), second=st.sampled_from([WANG, ZHAO, LI]), pick=PICK)
        def concurrent_edit_of_one_field(self, first, second, pick):  # both edit notes before either syncs
            STEPS_RUN["concurrent_edit_of_one_field"] += 1
            if first == second:
                return
            for who in (WANG, ZHAO, LI, WANG, ZHAO):
                self.devices[who].sync_ok()
            ids = sorted(set(self._ids(first, Household)) & set(self._ids(second, Household)))
            if not ids:
                return
            rid = ids[pick % len(ids)]
            values = {f"甲{next(self.serial)}", f"乙{next(self.serial)}"}
            for who, value in zip((first, second), sorted(values)):
                device = self.devices[who]
                device.records.save(device.records.get(Household, rid).with_changes(notes=value))
            self.devices[first].sync_ok()
            self.devices[second].sync_ok()
            held = [(c["server_value"], c["client_value"]) for (t, _), c in server_records(server_db).items()
                    if t == "conflict" and c.get("record_id") == rid and c.get("field") == "notes"]
            assert any({s, c} == values for s, c in held), (values, held)

        @rule(who=AUTHORS, twice=st.booleans(), back=st.booleans(), stale_back=st.booleans())
        def sync_by_usb_stick(self, who, twice, back, stale_back):
            """A bundle to the server (maybe imported twice) and maybe one back, maybe carried so
            slowly that the laptop synced online before it arrived."""
            STEPS_RUN["sync_by_usb_stick"] += 1
            device = self.devices[who]
            stick = folder / f"stick-{next(self.serial)}.fbsync"
            device_bundles.export_push_bundle(device.service.local, stick)
            for _ in range(2 if twice else 1):
                server_bundles.import_push_bundle(server_db, server_files, stick)
            if not back:
                return
            answer = folder / f"answer-{next(self.serial)}.fbsync"
            server_bundles.export_pull_bundle(server_db, server_files, device.service.local.device_id(), answer)
            if stale_back:
                device.sync_ok()
            device_bundles.import_pull_bundle(device.service.local, answer)

        # --- the end state --------------------------------------------------------------

        @invariant()
        def nothing_out_of_scope(self):
            for who, device in enumerate(self.devices):
                foreign = self.station if who == OTHER else self.other_station
                stations = {f.get("station_id") for f in device_records(device.profile).values()}
                assert foreign not in stations, f"{device.name} holds a record of another station"

        def teardown(self) -> None:
            for _ in range(2):
                for device in self.devices:
                    device.sync_ok()
            assert_converged(server_db, *self.devices)  # each holds the server's records, none pending
            sums = [device_checksums(d) for d in self.devices]
            manager = sums[LI]
            for who in (WANG, ZHAO):
                assert set(sums[who]) <= set(manager)
                assert {k: manager[k] for k in sums[who]} == sums[who], "a specialist and the manager differ"
            shared = set(sums[WANG]) & set(sums[ZHAO])
            assert {k: sums[WANG][k] for k in shared} == {k: sums[ZHAO][k] for k in shared}
            on_server = set(server_records(server_db))
            for device in self.devices:
                lost = created_ids(device) - on_server
                assert not lost, f"{device.name} created records the server does not have: {lost}"
            self.nothing_out_of_scope()
            self.every_photo_arrived()

        def every_photo_arrived(self) -> None:
            for device in self.devices:
                photos = PhotoService(device.store)
                for (record_type, _), fields in device_records(device.profile).items():
                    if record_type != "attachment" or fields.get("deleted"):
                        continue
                    data = photos.read(fields["sha256"])  # through the device's key: photos are sealed on disk
                    assert data is not None, f"{device.name} lacks the photo {fields['sha256']}"
                    assert hashlib.sha256(data).hexdigest() == fields["sha256"], device.name

    return Convergence


def test_devices_working_offline_and_syncing_in_any_order_converge(make_device, world, server_db, netsim,
                                                                   sync_server, tmp_path):
    files = AttachmentFiles(ServerSettings.resolve(sync_server.database_url, str(sync_server.data_dir)).attachments_dir)
    machine = converging_machine(make_device, world, server_db, netsim, tmp_path, files)
    STEPS_RUN.clear()
    run_state_machine_as_test(machine, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None, database=None, derandomize=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]))
    print(f"convergence rules run: {dict(STEPS_RUN)}")
    assert sum(STEPS_RUN.values()) >= EXAMPLES, "the state machine ran no steps"
