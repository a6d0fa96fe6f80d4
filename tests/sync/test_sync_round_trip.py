"""Records made offline on one laptop reach the server and the station manager's laptop intact, and back."""

from __future__ import annotations

import io

from PIL import Image

from desktop.domain.records import Attachment, Household, ReviewEvent, Training, Visit
from desktop.services.photos import PhotoService
from desktop.store import repository
from sync.domain.vocabulary import RecordType, ReviewAction, ReviewState, Role
from tests.factories import household, training, visit
from tests.sync.harness import assert_converged, ledger_size, server_records


def photo_file(tmp_path, name="calf.png"):
    path = tmp_path / name
    image = Image.new("RGB", (2400, 1200), (120, 160, 90))
    for x in range(0, 2400, 7):
        image.putpixel((x, x % 1200), (255, 0, 0))
    image.save(path)
    return path


def test_every_record_type_makes_the_round_trip(make_device, station, server_db, tmp_path):
    specialist = make_device("wang", station)
    manager = make_device("li", station, Role.STATION_MANAGER)

    h, _ = specialist.records.save(household())
    v, _ = specialist.records.save(visit(household_ids=(h.id,)))
    t, _ = specialist.records.save(training(attendee_household_ids=(h.id,)))
    photo = PhotoService(specialist.store).import_photo(photo_file(tmp_path))
    with specialist.store.unit_of_work() as s:
        a = repository.put(s, Attachment(sha256=photo.sha256, mime_type="image/jpeg", size=photo.size,
                                         owner_type=RecordType.VISIT, owner_id=v.id, filename="calf.jpg",
                                         author_id=specialist.records.identity.user_id))
    submitted = specialist.review(specialist.records.get(Visit, v.id), ReviewAction.SUBMIT, ReviewState.SUBMITTED)

    report = specialist.sync_ok()
    assert (report.pushed, report.conflicts, report.rejected, report.uploaded) == (6, 0, 0, 1), report.summary()
    assert ledger_size(server_db, specialist.service.local.device_id()) == 6

    manager.sync_ok()
    got = manager.records.get(Visit, v.id)
    assert got.problem == v.problem and got.household_ids == (h.id,) and got.review_state == ReviewState.SUBMITTED
    assert manager.records.get(Training, t.id).attendees == {"farmer": 30, "backbone": 5}
    assert manager.records.get(Household, h.id).phone == "13847112345"
    with manager.store.reader() as s:
        assert repository.get(s, ReviewEvent, submitted.id).action == ReviewAction.SUBMIT
        assert repository.get(s, Attachment, a.id).sha256 == photo.sha256
    downloaded = PhotoService(manager.store).read(photo.sha256)
    assert downloaded == PhotoService(specialist.store).read(photo.sha256)
    assert Image.open(io.BytesIO(downloaded)).size == (1600, 800)

    approved = manager.review(got, ReviewAction.APPROVE, ReviewState.APPROVED, "记录完整")
    manager.sync_ok()
    specialist.sync_ok()
    assert specialist.records.get(Visit, v.id).review_state == ReviewState.APPROVED
    with specialist.store.reader() as s:
        assert repository.get(s, ReviewEvent, approved.id).comment == "记录完整"

    # Records made before sign-in carry the server's user id now, on both sides.
    author = specialist.profile.identity.current().user_id
    assert not author.startswith("local-")
    assert server_records(server_db)[("visit", v.id)]["author_id"] == author
    assert specialist.records.get(Visit, v.id).author_id == author
    assert_converged(server_db, specialist, manager)


def test_a_second_sync_with_nothing_new_changes_nothing(make_device, station, server_db):
    specialist = make_device("zhao", station)
    specialist.records.save(household(name="赵家"))
    specialist.sync_ok()
    before = server_records(server_db)
    report = specialist.sync_ok()
    assert (report.pushed, report.pulled, report.uploaded, report.requests) == (0, 0, 0, 1)
    assert server_records(server_db) == before
