"""Photos put on a visit or a training the way the forms do (their sha256 in ``photo_ids``) reach the
server and the station manager's laptop; a photo taken out of the record is withdrawn with it."""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.records import Training, Visit
from desktop.services.photos import PhotoService
from desktop.store.models import AttachmentRow, OutboxRow
from sync.domain.vocabulary import Role
from tests.factories import household, training, visit
from tests.sync.harness import assert_converged
from tests.sync.test_sync_round_trip import photo_file


def live_attachments(device, owner_id: str) -> dict[str, str]:
    with device.store.reader() as s:
        rows = s.scalars(select(AttachmentRow).where(AttachmentRow.owner_id == owner_id,
                                                     AttachmentRow.deleted.is_(False)))
        return {r.sha256: r.owner_type for r in rows}


def test_a_photo_added_in_a_form_is_uploaded_and_reaches_the_manager(make_device, station, server_db, tmp_path):
    specialist = make_device("wang", station)
    manager = make_device("li", station, Role.STATION_MANAGER)
    photos = PhotoService(specialist.store)
    calf = photos.import_photo(photo_file(tmp_path, "calf.png"))
    field = photos.import_photo(photo_file(tmp_path, "field.jpg"))
    assert field.sha256 != calf.sha256
    h, _ = specialist.records.save(household())
    v, _ = specialist.records.save(visit(household_ids=(h.id,), photo_ids=(calf.sha256,)))
    t, _ = specialist.records.save(training(photo_ids=(field.sha256,)))
    assert live_attachments(specialist, v.id) == {calf.sha256: "visit"}
    assert live_attachments(specialist, t.id) == {field.sha256: "training"}

    report = specialist.sync_ok()
    assert (report.rejected, report.uploaded, report.uploads_pending) == (0, 2, 0), report.summary()
    manager.sync_ok()
    assert PhotoService(manager.store).read(calf.sha256) == specialist.store.read_file(calf.path)
    assert manager.records.get(Visit, v.id).photo_ids == (calf.sha256,)
    assert live_attachments(manager, t.id) == {field.sha256: "training"}

    # The photo is swapped on the visit: the old one's record is withdrawn, the new one uploaded.
    specialist.records.save(specialist.records.get(Visit, v.id).with_changes(photo_ids=(field.sha256,)))
    assert live_attachments(specialist, v.id) == {field.sha256: "visit"}
    specialist.sync_ok()
    manager.sync_ok()
    assert live_attachments(manager, v.id) == {field.sha256: "visit"}
    assert_converged(server_db, specialist, manager)


def test_saving_a_visit_again_adds_no_second_record_of_its_photo(make_device, station, tmp_path):
    specialist = make_device("wang", station)
    calf = PhotoService(specialist.store).import_photo(photo_file(tmp_path))
    h, _ = specialist.records.save(household())
    v, _ = specialist.records.save(visit(household_ids=(h.id,), photo_ids=(calf.sha256,)))
    specialist.records.save(specialist.records.get(Visit, v.id).with_changes(problem="复查：仍有发黄"))
    specialist.records.delete(Training, "not-a-training")
    with specialist.store.reader() as s:
        creates = s.scalars(select(OutboxRow).where(OutboxRow.record_type == "attachment")).all()
    assert len(creates) == 1 and live_attachments(specialist, v.id) == {calf.sha256: "visit"}
    specialist.records.delete(Visit, v.id)
    assert live_attachments(specialist, v.id) == {}
