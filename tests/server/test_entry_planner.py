"""The pure decisions behind a push: merge, validation, review rules and what gets written."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sync.domain.vocabulary import ChangeKind, RecordType, Role
from sync.protocol import EntryStatus, FieldChange, OutboxEntry
from sync.server.entry_planner import PushContext, StoredRecord, plan_entry
from sync.server.household_merge import survivor_merge
from sync.server.merge import merge_fields, same_value
from sync.server.scope import Audience, RowScope, Viewer
from sync.server.validation import FieldValueError, validate_values
from tests.server.support import visit_fields

NOW = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)
ALICE = Viewer("alice", Role.SPECIALIST, "WS-1", "150125", "1501")
json_scalars = st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3)


def entry(kind: ChangeKind, changes: dict[str, tuple[Any, Any]], base: int = 1, seq: int = 7) -> OutboxEntry:
    return OutboxEntry(device_id="d", seq=seq, record_type=RecordType.VISIT, record_id="v1", kind=kind,
                       base_revision=base, time=NOW,
                       changes={k: FieldChange(old=o, new=n) for k, (o, n) in changes.items()})


def stored(**fields: Any) -> StoredRecord:
    scope = RowScope(Audience.AUTHOR, "alice", "WS-1", "150125", "1501")
    return StoredRecord(RecordType.VISIT, "v1", 1,
                        {**visit_fields(), "author_id": "alice", "station_id": "WS-1", "deleted": False, **fields},
                        scope)


def test_json_equality_tells_true_from_one_but_not_one_from_one_point_zero():
    assert same_value(1, 1.0) and same_value([1, {"a": 2}], [1.0, {"a": 2}])
    assert not same_value(True, 1) and not same_value(0, False) and not same_value("1", 1)


@given(server=json_scalars, old=json_scalars, new=json_scalars)
def test_merge_applies_keeps_or_conflicts_and_never_overwrites_an_unseen_value(server, old, new):
    merge = merge_fields({"f": server}, {"f": FieldChange(old=old, new=new)})
    if same_value(server, new):
        assert merge.equal == ("f",)
    elif same_value(server, old):
        assert merge.applied == {"f": new}
    else:
        assert merge.conflicts == {"f": (server, new)} and not merge.applied


def test_a_conflict_plan_writes_no_record_revision_and_one_conflict_row_per_field():
    plan = plan_entry(entry(ChangeKind.UPDATE, {"problem": ("a", "b"), "advice": ("x", "y")}),
                      PushContext(ALICE, NOW, new_id=lambda: "c1"), stored(problem="z", advice="x"))
    assert plan.result.status is EntryStatus.CONFLICT and plan.result.conflict_fields == ["problem"]
    record, conflict = plan.writes
    assert record.revision == 2 and record.fields["advice"] == "y" and record.fields["problem"] == "z"
    assert conflict.record_type == "conflict" and conflict.scope.audience is Audience.PRIVATE
    assert conflict.fields["server_value"] == "z" and conflict.fields["client_value"] == "b"


def test_a_delete_is_a_tombstone_unless_someone_else_edited_the_record_unseen():
    delete = entry(ChangeKind.DELETE, {"deleted": (False, True)}, base=0)
    after_own_edits = plan_entry(delete, PushContext(ALICE, NOW), stored(problem="mine"), edited_by_others=False)
    after_unseen_edit = plan_entry(delete, PushContext(ALICE, NOW), stored(problem="theirs"), edited_by_others=True)
    assert after_own_edits.result.status is EntryStatus.MERGED
    assert after_own_edits.writes[0].fields["deleted"] is True and after_own_edits.writes[0].revision == 2
    assert after_unseen_edit.result.status is EntryStatus.CONFLICT
    (conflict,) = after_unseen_edit.writes
    assert conflict.record_type == "conflict" and conflict.fields["field"] == "deleted"
    assert (conflict.fields["server_value"], conflict.fields["client_value"]) == (False, True)


def test_created_at_from_a_device_never_replaces_the_stored_one():
    plan = plan_entry(entry(ChangeKind.UPDATE, {"created_at": ("2024-01-01T00:00:00", "1999-01-01T00:00:00")}),
                      PushContext(ALICE, NOW), stored(created_at="2024-01-01T00:00:00"))
    assert plan.result.status is EntryStatus.APPLIED and plan.writes == ()


def test_field_shapes_let_nulls_through_to_the_rules_and_refuse_wrong_types():
    validate_values(RecordType.VISIT, {"visit_date": None, "village_code": "", "mode": "onsite", "new_field": [1]})
    validate_values(RecordType.TRAINING, {"attendees": {"farmer": 12, "local_expert": 2}, "trainers": ["李"]})
    for record_type, values in ((RecordType.VISIT, {"visit_date": "May 1st"}),
                                (RecordType.VISIT, {"latitude": float("nan")}),
                                (RecordType.VISIT, {"village_code": "15012510020\n"}),
                                (RecordType.HOUSEHOLD, {"contact_consent": "yes"}),
                                (RecordType.HOUSEHOLD, {"livestock_head": 2.5}),
                                (RecordType.TRAINING, {"attendees": {"aliens": 3}}),
                                (RecordType.VISIT, {"Bad-Name": 1}),
                                (RecordType.VISIT, {"Bad-Name": None}),
                                (RecordType.VISIT, {"problem": "蚜虫\ud800"}),
                                (RecordType.VISIT, {"author_id": "u-1\x00"}),
                                (RecordType.VISIT, {"mood": "\ud800"}),
                                (RecordType.HOUSEHOLD, {"created_at": "yesterday"}),
                                (RecordType.VISIT, {"deleted": None})):
        try:
            validate_values(record_type, values)
        except FieldValueError:
            continue
        raise AssertionError(f"{values} passed validation")


def household_entry(kind: ChangeKind, changes: dict[str, tuple[Any, Any]]) -> OutboxEntry:
    return OutboxEntry(device_id="d", seq=9, record_type=RecordType.HOUSEHOLD, record_id="h1", kind=kind,
                       base_revision=0 if kind is ChangeKind.CREATE else 1, time=NOW,
                       changes={k: FieldChange(old=o, new=n) for k, (o, n) in changes.items()})


def test_the_server_refuses_a_phone_stored_without_consent_and_takes_it_with_consent():
    ctx = PushContext(ALICE, NOW, new_id=lambda: "c1")
    fields = {"name": (None, "敖其尔"), "kind": (None, "farmer"), "village_code": (None, "150125100200"),
              "phone": (None, "13912345678")}
    refused = plan_entry(household_entry(ChangeKind.CREATE, {**fields, "contact_consent": (None, False)}), ctx, None)
    assert refused.result.status is EntryStatus.REJECTED and "consent" in refused.result.reason
    taken = plan_entry(household_entry(ChangeKind.CREATE, {**fields, "contact_consent": (None, True),
                                                           "consent_date": (None, "2024-05-01")}), ctx, None)
    assert taken.result.status is EntryStatus.APPLIED


def test_withdrawing_consent_while_a_phone_is_kept_is_refused():
    scope = RowScope(Audience.STATION, "alice", "WS-1", "150125", "1501")
    kept = StoredRecord(RecordType.HOUSEHOLD, "h1", 1, {"author_id": "alice", "station_id": "WS-1", "deleted": False,
                                                        "phone": "13912345678", "contact_consent": True,
                                                        "name": "敖其尔", "kind": "farmer",
                                                        "village_code": "150125100200"}, scope)
    plan = plan_entry(household_entry(ChangeKind.UPDATE, {"contact_consent": (True, False)}),
                      PushContext(ALICE, NOW, new_id=lambda: "c1"), kept)
    assert plan.result.status is EntryStatus.REJECTED and "consent" in plan.result.reason
    # One kept from before the rule still takes an edit of another field: nothing is lost on sync.
    legacy = dataclasses.replace(kept, fields={**kept.fields, "contact_consent": False})
    plan = plan_entry(household_entry(ChangeKind.UPDATE, {"land_mu": (None, 12.5)}),
                      PushContext(ALICE, NOW, new_id=lambda: "c1"), legacy)
    assert plan.result.status is EntryStatus.APPLIED


def test_an_edit_of_the_merged_away_record_fills_empty_fields_of_the_kept_one_and_never_overwrites_others():
    kept = {"notes": "", "phone": "13800000000", "livestock_head": 30, "land_mu": None, "name": "王建国"}
    changes = {"notes": FieldChange(old="", new="牛棚漏雨"), "phone": FieldChange(old="139", new="13800000000"),
               "livestock_head": FieldChange(old=40, new=45), "land_mu": FieldChange(old=5, new=6),
               "name": FieldChange(old="王建国", new="王建国（大户）")}
    merge = survivor_merge(kept, changes)
    assert merge.applied == {"notes": "牛棚漏雨", "land_mu": 6, "name": "王建国（大户）"}
    assert merge.equal == ("phone",)
    assert merge.conflicts == {"livestock_head": (30, 45)}
