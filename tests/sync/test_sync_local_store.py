"""The desktop store as the sync engine sees it: outbox out, server pages in, never losing a local edit."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, insert, select, text

from desktop.domain.records import Attachment, Household, Visit
from desktop.store import repository
from desktop.store.local_store import Account, DesktopLocalStore
from desktop.store.models import (
    HouseholdRow,
    LocalFile,
    OutboxRow,
    SetAsideRow,
    Station,
    User,
    VisitRow,
)
from sync.client.errors import SyncError
from sync.domain.vocabulary import RecordType
from sync.protocol import EntryResult, EntryStatus, PullResponse, RecordChange
from tests.factories import household, visit


@pytest.fixture
def local(profile) -> DesktopLocalStore:
    return DesktopLocalStore(profile.store)


def outbox_size(store) -> int:
    with store.reader() as s:
        return s.scalar(select(func.count()).select_from(OutboxRow))


def server_household(record_id: str, revision: int, **fields) -> RecordChange:
    values = {"name": "张宝山", "kind": "farmer", "phone": "13847112345", "village_code": "150422100200",
              "industries": ["肉牛"], "livestock_head": 40, "land_mu": None, "notes": "", "contact_consent": True,
              "created_at": "2026-06-01T08:00:00+00:00", "updated_at": "2026-06-02T08:00:00+00:00",
              "author_id": "u-9", "station_id": "WS-045", "deleted": False}
    return RecordChange(record_type=RecordType.HOUSEHOLD, record_id=record_id, revision=revision,
                        fields={**values, **fields})


def page(*changes: RecordChange, cursor: int = 10, has_more: bool = False, epoch: str = "e1") -> PullResponse:
    return PullResponse(changes=list(changes), next_cursor=cursor, has_more=has_more, server_epoch=epoch,
                        acked_seq=0)


def test_pending_entries_are_the_unacknowledged_outbox_oldest_first(local, records):
    h, _ = records.save(household())
    records.save(h.with_changes(notes="新建了青贮窖"))
    entries = local.pending_entries(10)
    assert [(e.seq, e.kind) for e in entries] == [(1, "create"), (2, "update")]
    assert entries[1].changes["notes"].new == "新建了青贮窖"
    assert entries[0].device_id == local.device_id()
    assert entries[0].time.tzinfo is not None
    assert [e.seq for e in local.pending_entries(1)] == [1]


def test_push_results_acknowledge_entries_and_set_revisions_without_new_entries(local, records, profile):
    h, _ = records.save(household())
    records.save(h.with_changes(notes="x"))
    local.record_push_results([EntryResult(seq=1, status=EntryStatus.APPLIED, revision=1),
                               EntryResult(seq=2, status=EntryStatus.REJECTED, reason="forbidden: no")])
    assert local.pending_count() == 0
    assert outbox_size(profile.store) == 2
    assert records.get(Household, h.id).revision == 1
    [rejected] = local.rejected_changes()
    assert (rejected.seq, rejected.reason) == (2, "forbidden: no")


def test_a_push_result_never_moves_a_revision_backwards(local, records, profile):
    h, _ = records.save(household())
    local.apply_pull_page(page(server_household(h.id, 5)))
    local.record_push_results([EntryResult(seq=1, status=EntryStatus.APPLIED, revision=3)])
    assert records.get(Household, h.id).revision == 5


def test_a_pulled_page_creates_rows_without_capturing_them(local, profile):
    local.apply_pull_page(page(server_household("h-srv", 3), cursor=42))
    with profile.store.reader() as s:
        row = s.get(HouseholdRow, "h-srv")
        assert (row.name, row.revision, row.author_id) == ("张宝山", 3, "u-9")
        assert row.phone_key  # derived columns are kept up to date for pulled rows too
    assert outbox_size(profile.store) == 0
    assert local.position().cursor == 42 and local.position().epoch == "e1"


def test_a_pulled_change_never_overwrites_a_field_with_an_unacknowledged_local_edit(local, records):
    local.apply_pull_page(page(server_household("h-1", 1)))
    mine = records.get(Household, "h-1")
    records.save(mine.with_changes(phone="13900000000"))
    local.apply_pull_page(page(server_household("h-1", 2, phone="13811111111", notes="服务器上的备注"), cursor=11))
    now = records.get(Household, "h-1")
    assert now.phone == "13900000000"  # still mine, to be pushed
    assert now.notes == "服务器上的备注"  # the other field came in
    assert now.revision == 2
    [pending] = local.pending_entries(10)
    assert pending.changes["phone"].new == "13900000000"



def test_the_pull_back_of_a_pushed_record_takes_what_the_server_set_and_captures_nothing(local, records, profile):
    """After a push the device pulls its own record back at the revision the push answered: the
    fields the server set (its time, the station) come in, the rest is as it was, and no change is
    captured for it."""
    h, _ = records.save(household(name="乌力吉", industries=("肉牛", "马铃薯")))
    local.record_push_results([EntryResult(seq=1, status=EntryStatus.APPLIED, revision=1)])
    before = records.get(Household, h.id)
    with profile.store.reader() as s:
        row = s.get(HouseholdRow, h.id)
        server_fields = {c.key: getattr(row, c.key) for c in HouseholdRow.__table__.columns
                         if c.key not in ("id", "revision", "extra", "phone_key", "search_key")}
    server_fields = {k: (v.isoformat() + "+00:00" if isinstance(v, dt.datetime) else v) for k, v in server_fields.items()}
    server_fields.update(updated_at="2026-06-03T09:30:00+00:00", station_id="WS-045")
    local.apply_pull_page(page(RecordChange(record_type=RecordType.HOUSEHOLD, record_id=h.id, revision=1,
                                            fields=server_fields)))
    after = records.get(Household, h.id)
    assert after.station_id == "WS-045" and after.updated_at == dt.datetime(2026, 6, 3, 9, 30)
    assert (after.name, after.industries, after.revision) == ("乌力吉", before.industries, 1)
    assert local.pending_count() == 0 and outbox_size(profile.store) == 1


def test_once_acknowledged_the_field_takes_the_server_value_again(local, records):
    local.apply_pull_page(page(server_household("h-1", 1)))
    records.save(records.get(Household, "h-1").with_changes(phone="13900000000"))
    local.record_push_results([EntryResult(seq=1, status=EntryStatus.CONFLICT, revision=2, conflict_fields=["phone"])])
    local.apply_pull_page(page(server_household("h-1", 2, phone="13811111111"), cursor=11))
    assert records.get(Household, "h-1").phone == "13811111111"


def test_fields_this_version_does_not_know_are_kept_in_extra(local, profile):
    local.apply_pull_page(page(server_household("h-1", 1, wechat_id="zbs-1988", household_size=5)))
    with profile.store.reader() as s:
        assert s.get(HouseholdRow, "h-1").extra == {"wechat_id": "zbs-1988", "household_size": 5}



def test_json_columns_hold_what_orjson_cannot_write_and_read_what_earlier_releases_wrote(local, profile):
    """The store's JSON columns go through sync.json_text: a number beyond 64 bits from a newer
    peer is kept as it came, and a row an earlier release wrote (the standard library's escapes and
    spacing) still reads."""
    local.apply_pull_page(page(server_household("h-1", 1, herd_tag=(2**70 + 1))))
    with profile.store.unit_of_work() as s:
        s.execute(text("UPDATE households SET industries = :old WHERE id = 'h-1'"),
                  {"old": '["\\u8089\\u725b", "\\u9a6c\\u94c3\\u85af"]'})
    with profile.store.reader() as s:
        row = s.get(HouseholdRow, "h-1")
        assert row.extra == {"herd_tag": (2**70 + 1)}
        assert row.industries == ["肉牛", "马铃薯"]

def test_a_record_this_device_cannot_store_is_set_aside_and_the_rest_of_the_page_applies(local, profile):
    nameless = server_household("h-2", 1, name=None)
    undated = RecordChange(record_type=RecordType.VISIT, record_id="v-9", revision=4,
                           fields={"visit_date": "someday", "mode": "onsite", "village_code": "150422100200"})
    assert local.apply_pull_page(page(server_household("h-1", 1), nameless, undated, server_household("h-3", 2),
                                      cursor=99)) == 2
    assert local.position().cursor == 99
    with profile.store.reader() as s:
        assert s.get(HouseholdRow, "h-1").name == "张宝山" and s.get(HouseholdRow, "h-3").revision == 2
        assert s.get(HouseholdRow, "h-2") is None and s.get(VisitRow, "v-9") is None
    kept = {(c.record_type, c.record_id): c for c in local.set_aside_changes()}
    assert set(kept) == {("household", "h-2"), ("visit", "v-9")}
    assert "households.name" in kept["household", "h-2"].reason and kept["visit", "v-9"].revision == 4
    with profile.store.reader() as s:
        assert s.get(SetAsideRow, ("household", "h-2")).fields == nameless.fields  # as the server sent it


def test_a_set_aside_record_leaves_the_list_once_a_later_revision_stores(local, profile):
    local.apply_pull_page(page(server_household("h-2", 1, name=None)))
    local.apply_pull_page(page(server_household("h-2", 2, name="李桂兰"), cursor=20))
    assert local.set_aside_changes() == []
    with profile.store.reader() as s:
        assert s.get(HouseholdRow, "h-2").name == "李桂兰"


def test_an_update_this_device_cannot_store_leaves_the_local_record_as_it_was(local, profile):
    local.apply_pull_page(page(server_household("h-1", 1)))
    assert local.apply_pull_page(page(server_household("h-1", 2, name=None, notes="新"), cursor=11)) == 1
    with profile.store.reader() as s:
        row = s.get(HouseholdRow, "h-1")
        assert (row.name, row.notes, row.revision) == ("张宝山", "", 1)
    assert [c.revision for c in local.set_aside_changes()] == [2]


def test_stations_and_colleagues_arrive_as_reference_data(local, profile):
    station = RecordChange(record_type=RecordType.STATION, record_id="WS-999", revision=1, fields={
        "code": "WS-999", "name": "新建工作站", "county_code": "150422", "league_code": "1504",
        "industries": ["肉牛"], "expert_count": 3, "station_id": "WS-999"})
    user = RecordChange(record_type=RecordType.USER, record_id="u-7", revision=1, fields={
        "display_name": "李明", "role": "station_manager", "station_id": "WS-999", "county_code": "150422"})
    local.apply_pull_page(page(station, user))
    with profile.store.reader() as s:
        assert s.get(Station, "WS-999").name == "新建工作站"
        assert (s.get(User, "u-7").display_name, s.get(User, "u-7").station_code) == ("李明", "WS-999")


def test_a_new_epoch_resends_entries_the_server_lost_and_restarts_the_pull(local, records):
    h, _ = records.save(household())
    for i in range(3):
        h, _ = records.save(h.with_changes(notes=f"第{i}次"))
    local.record_push_results([EntryResult(seq=s, status=EntryStatus.APPLIED, revision=s) for s in (1, 2, 3, 4)])
    local.apply_pull_page(page(cursor=50))
    local.start_epoch("e2", acked_seq=2)
    assert [e.seq for e in local.pending_entries(10)] == [3, 4]
    assert local.position().cursor == 0 and local.position().epoch == "e2"


def test_after_a_full_re_pull_rows_out_of_scope_are_dropped_unless_they_hold_local_edits(local, records):
    local.apply_pull_page(page(server_household("kept", 1), server_household("gone", 1),
                               server_household("edited", 1)))
    records.save(records.get(Household, "edited").with_changes(notes="未同步的修改"))
    unsynced, _ = records.save(household(name="新户"))
    local.start_epoch("e2", acked_seq=0)
    local.apply_pull_page(page(server_household("kept", 2), has_more=True, cursor=5, epoch="e2"))
    assert records.get(Household, "gone") is not None  # the re-pull has not finished yet
    local.apply_pull_page(page(cursor=9, epoch="e2"))
    assert records.get(Household, "gone") is None
    assert records.get(Household, "kept") is not None
    assert records.get(Household, "edited").notes == "未同步的修改"
    assert records.get(Household, unsynced.id) is not None


def test_attachment_files_are_uploaded_once_the_record_is_on_the_server(local, records, profile):
    data = b"\xff\xd8jpeg bytes"
    sha = hashlib.sha256(data).hexdigest()
    path = local.add_file_bytes(sha, data)
    with profile.store.unit_of_work() as s:
        s.add(LocalFile(sha256=sha, path=path, size=len(data), mime_type="image/jpeg", uploaded=False))
        repository.put(s, Attachment(sha256=sha, mime_type="image/jpeg", size=len(data), owner_id="v-1",
                                     author_id="u", station_id="WS-045"))
    assert local.pending_uploads() == []
    local.record_push_results([EntryResult(seq=1, status=EntryStatus.APPLIED, revision=1)])
    [upload] = local.pending_uploads()
    assert upload.read_bytes() == data
    local.mark_uploaded(sha)
    assert local.pending_uploads() == []


def test_a_pulled_attachment_is_missing_until_its_file_is_saved(local, profile):
    data = b"photo of a calf"
    sha = hashlib.sha256(data).hexdigest()
    attachment = RecordChange(record_type=RecordType.ATTACHMENT, record_id="a-1", revision=1, fields={
        "sha256": sha, "mime_type": "image/jpeg", "size": len(data), "owner_type": "visit", "owner_id": "v-1",
        "filename": "calf.jpg", "created_at": "2026-06-01T08:00:00Z", "updated_at": "2026-06-01T08:00:00Z",
        "author_id": "u-9", "station_id": "WS-045", "deleted": False})
    local.apply_pull_page(page(attachment))
    assert local.missing_downloads() == [sha]
    with pytest.raises(ValueError):
        local.save_download(sha, b"something else")
    local.save_download(sha, data)
    assert local.missing_downloads() == []
    assert profile.store.read_file(profile.folder / "files" / sha[:2] / sha) == data


def test_linking_the_account_makes_local_work_the_server_users(local, records, profile, specialist):
    v, _ = records.save(visit())
    entries_before = outbox_size(profile.store)
    local.link_account(Account("https://fb.example.cn", "wangfang", "u-42", "王芳", "specialist", "WS-045"))
    assert profile.store.state("user_id") == "u-42"
    assert records.get(Visit, v.id).author_id == "u-42"
    assert profile.identity.current().display_name == "王芳"
    assert profile.identity.current().specialist_type == "commissioner"
    assert outbox_size(profile.store) == entries_before
    [entry] = local.pending_entries(10)
    assert entry.changes["author_id"].new == "u-42"
    with profile.store.reader() as s:
        assert s.get(User, specialist.user_id) is None
        assert s.scalar(select(func.count()).select_from(VisitRow).where(VisitRow.author_id == specialist.user_id)) == 0


def test_work_from_before_sign_in_moves_to_the_accounts_station(local, records, profile, specialist):
    h, _ = records.save(household())
    assert h.station_id == "WS-045"
    local.link_account(Account("https://fb.example.cn", "wangfang", "u-42", "王芳", "specialist", "WS-046"))
    assert records.get(Household, h.id).station_id == "WS-046"
    [entry] = local.pending_entries(10)
    assert entry.changes["station_id"].new == "WS-046"


def test_a_profile_linked_to_one_account_refuses_another(local, specialist):
    local.link_account(Account("https://fb.example.cn", "wangfang", "u-42", "王芳", "specialist", "WS-045"))
    local.link_account(Account("https://fb.example.cn", "wangfang", "u-42", "王芳", "specialist", "WS-045"))
    with pytest.raises(SyncError):
        local.link_account(Account("https://fb.example.cn", "lisi", "u-43", "李四", "specialist", "WS-045"))


def test_signing_in_on_a_profile_never_set_up_makes_the_account_its_user(local, profile):
    assert profile.identity.current() is None
    local.link_account(Account("https://fb.example.cn", "wangfang", "u-42", "王芳", "station_manager", "WS-045"))
    me = profile.identity.current()
    assert (me.user_id, me.display_name, me.station_code, me.can_review) == ("u-42", "王芳", "WS-045", True)
    assert local.account() == ("https://fb.example.cn", "wangfang")


def test_the_specialist_type_of_an_account_arrives_with_the_user_record(local, profile):
    user = RecordChange(record_type=RecordType.USER, record_id="u-8", revision=1, fields={
        "display_name": "赵敏", "role": "specialist", "station_id": None, "specialist_type": "hired_agent"})
    local.apply_pull_page(page(user))
    with profile.store.reader() as s:
        assert s.get(User, "u-8").specialist_type == "hired_agent"


@pytest.mark.parametrize("kind", ["household", "visit", "training"])
def test_a_pulled_new_record_gets_the_columns_a_local_save_derives(local, records, profile, kind):
    """New pulled records are inserted without the ORM (store.bulk_apply): their search keys and
    visit links must be what the flush hook gives the same record saved here."""
    from desktop.store.models import TrainingRow, VisitHousehold
    from tests.factories import training

    h, _ = records.save(household(name="乌力吉", phone="138 4711 2345"))
    made = {"household": lambda: household(name="其木格"), "visit": lambda: visit(household_ids=(h.id,)),
            "training": training}[kind]
    mine, _ = records.save(made())
    entry = next(e for e in local.pending_entries(10) if e.record_id == mine.id)
    fields = {name: change.new for name, change in entry.changes.items()}
    local.apply_pull_page(page(RecordChange(record_type=RecordType(kind), record_id="pulled-1", revision=1,
                                            fields=fields)))
    cls = {"household": HouseholdRow, "visit": VisitRow, "training": TrainingRow}[kind]
    with profile.store.reader() as s:
        saved, pulled = s.get(cls, mine.id), s.get(cls, "pulled-1")
        assert pulled.search_key == saved.search_key != ""
        if kind == "household":
            assert pulled.phone_key == saved.phone_key
        links = {v: sorted(hh for (hh,) in s.execute(select(VisitHousehold.household_id)
                                                      .where(VisitHousehold.visit_id == v)))
                 for v in (mine.id, "pulled-1")}
        assert links["pulled-1"] == links[mine.id]
        assert pulled.revision == 1 and pulled.extra == {}
        # every column as the ORM wrote it for the local save: dates, times, lists, flags
        columns = [c.key for c in cls.__table__.columns if c.key not in ("id", "revision")]
        assert {c: getattr(pulled, c) for c in columns} == {c: getattr(saved, c) for c in columns}


def test_a_pulled_new_record_lacking_fields_gets_the_columns_defaults(local, profile):
    """A record from an older peer may lack fields this version has: the columns take their
    defaults, as an ORM insert would give them, and nothing else of the page is lost."""
    short = RecordChange(record_type=RecordType.HOUSEHOLD, record_id="h-old", revision=2,
                         fields={"name": "巴特尔", "kind": "herder", "village_code": "150422100200",
                                 "author_id": "u-9", "created_at": "2026-06-01T08:00:00+00:00",
                                 "updated_at": "2026-06-01T08:00:00+00:00"})
    local.apply_pull_page(page(short, server_household("h-new", 1)))
    with profile.store.reader() as s:
        old, new = s.get(HouseholdRow, "h-old"), s.get(HouseholdRow, "h-new")
        assert (old.name, old.revision, old.phone, old.industries, old.notes, old.contact_consent, old.extra,
                old.deleted) == ("巴特尔", 2, "", [], "", False, {}, False)
        assert new.industries == ["肉牛"] and new.created_at == dt.datetime(2026, 6, 1, 8, 0)


def test_a_large_answer_of_mixed_results_is_stored_entry_by_entry(local, records, profile):
    """A bundle's answer acknowledges a season at once, with a mix of answers and revisions (the
    store writes one statement per answer and per revision): every entry gets its own answer, and
    the record the highest revision answered."""
    h, _ = records.save(household())
    created = dt.datetime(2026, 6, 1, 8, 0)
    extra = 3_000
    with profile.store.unit_of_work() as s:
        s.execute(insert(OutboxRow), [
            {"seq": seq, "device_id": local.device_id(), "record_type": "household", "record_id": h.id,
             "kind": "update", "base_revision": 1, "changes": {"notes": {"new": f"第{seq}次"}}, "created_at": created}
            for seq in range(2, extra + 2)])
    results = [EntryResult(seq=1, status=EntryStatus.APPLIED, revision=1)]
    results += [EntryResult(seq=seq, status=EntryStatus.MERGED, revision=seq) if seq % 3 else
                EntryResult(seq=seq, status=EntryStatus.REJECTED, reason=f"invalid_field_value: notes ({seq})")
                for seq in range(2, extra + 2)]
    local.record_push_results(results)
    assert local.pending_count() == 0
    with profile.store.reader() as s:
        answers = dict(s.execute(select(OutboxRow.seq, OutboxRow.reason).where(OutboxRow.status == "rejected")).all())
    assert len(answers) == extra // 3 and answers[extra] == f"invalid_field_value: notes ({extra})"
    top = max(seq for seq in range(2, extra + 2) if seq % 3)
    assert records.get(Household, h.id).revision == top  # the highest revision answered, never a lower one
