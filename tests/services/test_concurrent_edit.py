"""A save made on an older copy of a record never overwrites what changed since: merged or refused."""

from __future__ import annotations

import pytest

from desktop.domain.concurrent_edit import EditConflict
from desktop.domain.records import Visit
from desktop.services.identity import Identity
from desktop.services.review import ReviewService
from desktop.store.local_store import DesktopLocalStore
from sync.domain.vocabulary import RecordType, ReviewState, Role
from sync.protocol import EntryResult, EntryStatus, PullResponse, RecordChange
from tests.factories import visit


def test_a_save_over_a_change_to_the_same_field_is_refused_and_writes_nothing(records):
    loaded, _ = records.save(visit(advice="补液"))
    records.save(loaded.with_changes(advice="口服补液盐，每日两次"), base=loaded)  # another window
    with pytest.raises(EditConflict) as caught:
        records.save(loaded.with_changes(advice="停喂精料"), base=loaded)
    assert caught.value.fields == {"advice"}
    assert records.get(Visit, loaded.id).advice == "口服补液盐，每日两次"
    assert caught.value.keep_mine.advice == "停喂精料"
    assert caught.value.keep_theirs.advice == "口服补液盐，每日两次"


def test_a_save_over_a_change_to_other_fields_keeps_both(records):
    loaded, _ = records.save(visit(advice="补液", duration_hours=2.0))
    records.save(loaded.with_changes(duration_hours=3.5), base=loaded)
    saved, _ = records.save(loaded.with_changes(advice="停喂精料"), base=loaded)
    stored = records.get(Visit, loaded.id)
    assert (stored.advice, stored.duration_hours) == ("停喂精料", 3.5)
    assert saved == stored


def test_a_save_refused_then_kept_writes_the_editors_values(records):
    loaded, _ = records.save(visit(advice="补液", problem="犊牛腹泻"))
    records.save(loaded.with_changes(advice="口服补液盐", duration_hours=4.0), base=loaded)
    with pytest.raises(EditConflict) as caught:
        records.save(loaded.with_changes(advice="停喂精料", problem="犊牛腹泻，发热"), base=loaded)
    conflict = caught.value
    records.save(conflict.keep_mine, base=conflict.current)
    stored = records.get(Visit, loaded.id)
    assert (stored.advice, stored.problem, stored.duration_hours) == ("停喂精料", "犊牛腹泻，发热", 4.0)


def test_a_review_made_since_the_form_loaded_is_never_saved_over_unseen(records, profile):
    loaded, _ = records.save(visit(review_state=ReviewState.SUBMITTED))
    manager = Identity("mgr-1", "李站长", Role.STATION_MANAGER, "", "WS-045", "150422")
    ReviewService(profile.store, manager).return_for_fixes("visit", loaded.id, "补充用药剂量")
    with pytest.raises(EditConflict) as caught:
        records.save(loaded.with_changes(advice="每头犊牛口服补液盐50克"), base=loaded)
    assert caught.value.fields == {"review_state"}
    assert records.get(Visit, loaded.id).review_state == ReviewState.RETURNED


def test_a_pulled_change_of_the_same_field_is_not_overwritten_by_an_older_form(records, profile):
    loaded, _ = records.save(visit(problem="犊牛腹泻"))
    local = DesktopLocalStore(profile.store)
    sent = local.pending_entries(10)
    local.record_push_results([EntryResult(seq=e.seq, status=EntryStatus.APPLIED, revision=1) for e in sent])
    local.apply_pull_page(PullResponse(changes=[RecordChange(
        record_type=RecordType.VISIT, record_id=loaded.id, revision=2,
        fields={"problem": "犊牛腹泻，站长补充：伴有脱水"})], next_cursor=5, has_more=False, server_epoch="e1",
        acked_seq=sent[-1].seq))
    with pytest.raises(EditConflict) as caught:
        records.save(loaded.with_changes(problem="犊牛腹泻，已好转"), base=loaded)
    assert caught.value.fields == {"problem"}
    assert records.get(Visit, loaded.id).problem == "犊牛腹泻，站长补充：伴有脱水"


def test_the_sync_bookkeeping_of_its_own_save_does_not_make_a_form_stale(records, profile):
    loaded, _ = records.save(visit(problem="犊牛腹泻"))
    local = DesktopLocalStore(profile.store)
    sent = local.pending_entries(10)
    local.record_push_results([EntryResult(seq=e.seq, status=EntryStatus.APPLIED, revision=7) for e in sent])
    saved, _ = records.save(loaded.with_changes(problem="犊牛腹泻，已好转"), base=loaded)
    assert saved.problem == "犊牛腹泻，已好转"


def test_a_save_over_a_record_deleted_since_is_refused(records):
    loaded, _ = records.save(visit())
    records.delete(Visit, loaded.id)
    with pytest.raises(EditConflict) as caught:
        records.save(loaded.with_changes(advice="停喂精料"), base=loaded)
    assert caught.value.fields == {"deleted"}
    assert records.get(Visit, loaded.id).deleted
