"""Every committed change of a synced record has its outbox entry; nothing else does."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from desktop.domain.records import Household
from desktop.store import repository
from desktop.store.capture import utcnow
from desktop.store.models import HouseholdRow, OutboxRow
from tests.factories import household


def outbox(store) -> list[OutboxRow]:
    with store.reader() as s:
        return list(s.scalars(select(OutboxRow).order_by(OutboxRow.seq)))


def test_a_committed_insert_writes_one_create_entry_with_every_field(profile):
    with profile.store.unit_of_work() as s:
        saved = repository.put(s, household(author_id="u1", station_id="WS-045"))
    [entry] = outbox(profile.store)
    assert (entry.kind, entry.record_type, entry.record_id, entry.base_revision) == ("create", "household", saved.id, 0)
    assert entry.device_id == profile.store.state("device_id")
    assert entry.changes["name"] == {"old": None, "new": "张宝山"}
    assert entry.changes["industries"] == {"old": None, "new": ["肉牛"]}
    assert entry.changes["deleted"] == {"old": None, "new": False}


def test_an_update_records_only_changed_fields_with_old_and_new_values(profile):
    with profile.store.unit_of_work() as s:
        saved = repository.put(s, household())
    with profile.store.unit_of_work() as s:
        repository.put(s, saved.with_changes(phone="0476-6212345", livestock_head=45))
    update = outbox(profile.store)[-1]
    assert update.kind == "update"
    assert update.changes == {
        "phone": {"old": "13847112345", "new": "0476-6212345"},
        "livestock_head": {"old": 40, "new": 45},
    }


def test_an_update_carries_the_revision_the_edit_was_based_on(profile):
    with profile.store.unit_of_work() as s:
        saved = repository.put(s, household())
    with profile.store.unit_of_work(remote=True) as s:
        s.get(HouseholdRow, saved.id).revision = 7
    with profile.store.unit_of_work() as s:
        repository.put(s, saved.with_changes(notes="换了新圈舍"))
    assert outbox(profile.store)[-1].base_revision == 7


def test_saving_an_unchanged_record_writes_no_entry(profile):
    with profile.store.unit_of_work() as s:
        saved = repository.put(s, household())
    with profile.store.unit_of_work() as s:
        repository.put(s, saved)
    assert len(outbox(profile.store)) == 1


def test_a_soft_delete_is_a_delete_entry_and_the_row_stays(profile):
    with profile.store.unit_of_work() as s:
        saved = repository.put(s, household())
    with profile.store.unit_of_work() as s:
        assert repository.soft_delete(s, Household, saved.id)
    entry = outbox(profile.store)[-1]
    assert (entry.kind, entry.changes) == ("delete", {"deleted": {"old": False, "new": True}})
    with profile.store.reader() as s:
        assert s.get(HouseholdRow, saved.id).deleted is True


def test_a_rolled_back_transaction_leaves_neither_row_nor_entry_nor_a_gap_in_seq(profile):
    with pytest.raises(RuntimeError):
        with profile.store.unit_of_work() as s:
            repository.put(s, household(name="回滚户"))
            raise RuntimeError("power cut simulated mid-save")
    with profile.store.reader() as s:
        assert s.scalar(select(func.count()).select_from(HouseholdRow)) == 0
    assert outbox(profile.store) == []
    with profile.store.unit_of_work() as s:
        repository.put(s, household())
    assert [e.seq for e in outbox(profile.store)] == [1]


def test_sequence_numbers_increase_by_one_per_change_across_transactions(profile):
    with profile.store.unit_of_work() as s:
        a = repository.put(s, household(name="甲"))
        repository.put(s, household(name="乙"))
    with profile.store.unit_of_work() as s:
        repository.put(s, a.with_changes(notes="x"))
    assert [e.seq for e in outbox(profile.store)] == [1, 2, 3]


def test_changes_applied_from_the_server_are_not_captured(profile):
    with profile.store.unit_of_work(remote=True) as s:
        s.add(HouseholdRow(id="srv-1", created_at=utcnow(), updated_at=utcnow(), author_id="u2", station_id="WS-045",
                           name="来自服务器", kind="farmer", village_code="150422100200", revision=3))
    assert outbox(profile.store) == []


def test_a_hard_delete_of_a_synced_record_is_refused(profile):
    with profile.store.unit_of_work() as s:
        saved = repository.put(s, household())
    with pytest.raises(RuntimeError, match="never hard-deleted"):
        with profile.store.unit_of_work() as s:
            s.delete(s.get(HouseholdRow, saved.id))
    with profile.store.reader() as s:
        assert s.get(HouseholdRow, saved.id) is not None
