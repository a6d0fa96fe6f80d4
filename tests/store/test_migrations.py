"""Stores made by older versions upgrade on open, after a backup, with every row intact."""

from __future__ import annotations

import json

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select, text

from desktop.domain.filters import RecordFilter
from desktop.services.records import RecordService
from desktop.services.identity import Identity
from desktop.store.models import Base, HouseholdRow, OutboxRow, VisitHousehold
from desktop.store.store import Store
from tests.store_files import connect
from sync.domain.vocabulary import Role
from tests.factories import TODAY


def _fill_baseline(db_path):
    """Rows as version 0001 wrote them: plain SQL, since today's models have columns 0001 lacked."""
    con = connect(db_path)
    con.executemany("INSERT INTO divisions (code, name, level, parent_code) VALUES (?, ?, ?, ?)", [
        ("1504", "赤峰市", "league", None), ("150422", "巴林左旗", "county", "1504"),
        ("150422100", "林东镇", "township", "150422"), ("150422100200", "索布力嘎村委会", "village", "150422100"),
    ])
    common = "'2026-05-01 08:00:00', '2026-05-01 08:00:00', 'u1', 'WS-045', 2, 0, '{}'"
    con.execute(f"""INSERT INTO households (id, created_at, updated_at, author_id, station_id, revision, deleted, extra,
        name, kind, phone, village_code, industries, livestock_head, land_mu, notes, contact_consent)
        VALUES ('h1', {common}, '巴特尔', 'farmer', '138 4711 2345', '150422100200', '["肉羊"]', 120, 30.5, '', 1)""")
    con.execute(f"""INSERT INTO visits (id, created_at, updated_at, author_id, station_id, revision, deleted, extra,
        visit_date, mode, duration_hours, village_code, household_ids, service_types, industry, problem, advice,
        follow_up_date, latitude, longitude, photo_ids, review_state)
        VALUES ('v1', {common}, '2026-04-30', 'onsite', 2.5, '150422100200', '["h1"]', '["guidance"]', '肉羊',
        '母羊产后瘫痪', '补钙', NULL, 43.98, 119.39, '[]', 'submitted')""")
    con.execute("""INSERT INTO outbox (seq, device_id, record_type, record_id, kind, base_revision, changes,
        created_at, acked) VALUES (1, 'dev', 'visit', 'v1', 'create', 0, '{"problem": {"old": null, "new": "x"}}',
        '2026-05-01 08:00:00', 0)""")
    con.commit()
    con.close()


def test_a_baseline_store_upgrades_with_rows_intact_and_a_backup_beside_it(tmp_path):
    Store.open(tmp_path, revision="0001").close()
    _fill_baseline(tmp_path / "fieldbook.db")

    store = Store.open(tmp_path)

    assert store.last_backup is not None and store.last_backup.exists()
    with connect(store.last_backup) as backup:
        assert backup.execute("SELECT name FROM households").fetchall() == [("巴特尔",)]
    with store.reader() as s:
        h = s.get(HouseholdRow, "h1")
        assert (h.name, h.phone, h.industries, h.livestock_head, h.land_mu, h.revision) == \
            ("巴特尔", "138 4711 2345", ["肉羊"], 120, 30.5, 2)
        assert h.phone_key == "13847112345" and "bte" in h.search_key
        assert list(s.execute(select(VisitHousehold.visit_id, VisitHousehold.household_id))) == [("v1", "h1")]
        entry = s.get(OutboxRow, 1)
        assert (entry.record_id, entry.acked, entry.changes) == ("v1", False, {"problem": {"old": None, "new": "x"}})
    me = Identity("u1", "王芳", Role.SPECIALIST, "commissioner", "WS-045", "150422")
    service = RecordService(store, me, today=lambda: TODAY)
    assert [v.id for v in service.list_visits(RecordFilter(text="sblg"))] == ["v1"]  # village, pinyin initials
    assert [v.id for v in service.list_visits(RecordFilter(text="巴特尔"))] == ["v1"]  # household served
    store.close()


def test_opening_a_current_store_makes_no_backup(tmp_path):
    Store.open(tmp_path).close()
    store = Store.open(tmp_path)
    assert store.last_backup is None
    assert list(tmp_path.glob("*.bak")) == []
    store.close()


def test_the_models_and_the_migrations_describe_the_same_schema(tmp_path):
    store = Store.open(tmp_path)
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    store.close()


def test_connections_use_wal_full_sync_and_foreign_keys(tmp_path):
    store = Store.open(tmp_path)
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    store.close()


def test_the_schema_head_the_store_opens_with_is_alembics_head(tmp_path):
    from alembic.script import ScriptDirectory

    from desktop.store.engine import SCHEMA_HEAD, alembic_config

    store = Store.open(tmp_path)
    assert ScriptDirectory.from_config(alembic_config(store.engine)).get_current_head() == SCHEMA_HEAD
    store.close()


def test_an_upgrade_keeps_a_phone_stored_without_consent_but_no_longer_finds_the_household_by_it(tmp_path):
    Store.open(tmp_path, revision="0003").close()
    with connect(tmp_path / "fieldbook.db") as con:
        con.execute("""INSERT INTO households (id, created_at, updated_at, author_id, station_id, revision, deleted,
            extra, name, kind, phone, village_code, industries, livestock_head, land_mu, notes, contact_consent,
            phone_key, search_key) VALUES ('h1', '2026-05-01 08:00:00', '2026-05-01 08:00:00', 'u1', 'WS-045', 2, 0,
            '{}', '巴特尔', 'farmer', '13847112345', '150422100200', '[]', NULL, NULL, '', 0, '13847112345',
            '巴特尔 bte bateer 13847112345')""")
    store = Store.open(tmp_path)
    with connect(store.db_path) as con:
        phone, key, since = con.execute("SELECT phone, search_key, consent_date FROM households").fetchone()
    store.close()
    assert phone == "13847112345"  # kept: the household form flags it for the specialist to ask or clear
    assert "13847112345" not in key and since is None


def _visit_sql(visit_id: str, industry: str, deleted: int = 0) -> str:
    return f"""INSERT INTO visits (id, created_at, updated_at, author_id, station_id, revision, deleted, extra,
        visit_date, mode, duration_hours, village_code, household_ids, service_types, industry, problem, advice,
        follow_up_date, latitude, longitude, photo_ids, review_state, search_key)
        VALUES ('{visit_id}', '2026-05-01 08:00:00', '2026-05-01 08:00:00', 'u1', 'WS-045', 3, {deleted}, '{{}}',
        '2026-04-30', 'onsite', 2.5, '', '[]', '["guidance"]', '{industry}', '', '', NULL, NULL, NULL, '[]',
        'approved', '{industry.lower()}')"""


def test_an_upgrade_maps_free_text_industries_that_name_a_reference_industry_and_keeps_the_rest(tmp_path):
    Store.open(tmp_path, revision="field_consent_date").close()
    with connect(tmp_path / "fieldbook.db") as con:
        for visit_id, industry, deleted in (("v1", "土豆", 0), ("v2", "　肉牛 ", 0), ("v3", "沙棘", 0),
                                            ("v4", "玉米", 0), ("v5", "Beef Cattle", 0), ("v6", "土豆", 1)):
            con.execute(_visit_sql(visit_id, industry, deleted))
        con.execute("""INSERT INTO trainings (id, created_at, updated_at, author_id, station_id, revision, deleted,
            extra, training_date, village_code, place, topic, industry, trainers, hours, attendees,
            attendee_household_ids, photo_ids, review_state, search_key) VALUES ('t1', '2026-05-01 08:00:00',
            '2026-05-01 08:00:00', 'u1', 'WS-045', 1, 0, '{}', '2026-04-30', '', '村部', '马铃薯晚疫病', '洋芋', '[]',
            NULL, '{}', '[]', '[]', 'draft', '')""")
        before = con.execute("SELECT COALESCE(MAX(seq), 0) FROM outbox").fetchone()[0]
    store = Store.open(tmp_path)
    with connect(store.db_path) as con:
        industries = dict(con.execute("SELECT id, industry FROM visits"))
        states = dict(con.execute("SELECT id, review_state FROM visits"))
        training = con.execute("SELECT industry FROM trainings").fetchone()[0]
        entries = con.execute("SELECT record_type, record_id, kind, base_revision, changes FROM outbox "
                              "WHERE seq > ? ORDER BY seq", (before,)).fetchall()
        key = con.execute("SELECT search_key FROM visits WHERE id = 'v1'").fetchone()[0]
    store.close()
    assert industries == {"v1": "马铃薯", "v2": "肉牛", "v3": "沙棘", "v4": "玉米", "v5": "肉牛", "v6": "土豆"}
    assert training == "马铃薯"
    assert set(states.values()) == {"approved"}  # a mapped name is no edit to review again
    assert "马铃薯" in key and "土豆" in key
    assert sorted((t, i, k, b) for t, i, k, b, _c in entries) == [
        ("training", "t1", "update", 1), ("visit", "v1", "update", 3), ("visit", "v2", "update", 3),
        ("visit", "v5", "update", 3)]
    assert {i: json.loads(c)["industry"] for _t, i, _k, _b, c in entries}["v1"] == \
        {"old": "土豆", "new": "马铃薯"}


def _household_sql(household_id: str, industries: list[str], deleted: int = 0) -> str:
    listed = json.dumps(industries, ensure_ascii=False)
    return f"""INSERT INTO households (id, created_at, updated_at, author_id, station_id, revision, deleted, extra,
        name, kind, phone, village_code, industries, livestock_head, land_mu, notes, contact_consent, phone_key,
        search_key) VALUES ('{household_id}', '2026-05-01 08:00:00', '2026-05-01 08:00:00', 'u1', 'WS-045', 4,
        {deleted}, '{{}}', '巴特尔', 'farmer', '', '150422100200', '{listed}', NULL, NULL, '', 0, '', '巴特尔')"""


def test_an_upgrade_maps_households_free_text_industries_and_keeps_the_rest_as_typed(tmp_path):
    Store.open(tmp_path, revision="household_merged_into").close()
    with connect(tmp_path / "fieldbook.db") as con:
        for household_id, industries, deleted in (("h1", ["土豆", "　肉牛 ", "沙棘"], 0), ("h2", ["玉米"], 0),
                                                  ("h3", ["洋芋", "马铃薯"], 0), ("h4", ["土豆"], 1), ("h5", [], 0)):
            con.execute(_household_sql(household_id, industries, deleted))
        before = con.execute("SELECT COALESCE(MAX(seq), 0) FROM outbox").fetchone()[0]
    store = Store.open(tmp_path)
    with connect(store.db_path) as con:
        industries = {i: json.loads(v) for i, v in con.execute("SELECT id, industries FROM households")}
        entries = con.execute("SELECT record_type, record_id, kind, base_revision, changes FROM outbox "
                              "WHERE seq > ? ORDER BY seq", (before,)).fetchall()
    store.close()
    assert industries == {"h1": ["马铃薯", "肉牛", "沙棘"], "h2": ["玉米"], "h3": ["马铃薯"], "h4": ["土豆"], "h5": []}
    assert [(t, i, k, b) for t, i, k, b, _c in entries] == [
        ("household", "h1", "update", 4), ("household", "h3", "update", 4)]
    assert json.loads(entries[0][4]) == {"industries": {"old": ["土豆", "　肉牛 ", "沙棘"], "new": ["马铃薯", "肉牛", "沙棘"]}}
