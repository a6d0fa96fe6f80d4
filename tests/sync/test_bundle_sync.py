"""Sync by USB stick against a real server database: a device's bundle is applied as its push would
be, the bundle back is applied as pulled pages, and bundles mix with online syncs, however often,
late or out of order they are imported; a revoked device, a cut file or another server's bundle is
refused whole."""

from __future__ import annotations

import pytest

from desktop.app import main as fieldbook
from desktop.domain.records import Visit
from desktop.services.photos import PhotoService
from sync.bundle_file import key_hex, new_key
from sync.domain.vocabulary import ReviewAction, ReviewState, Role
from sync.server import cli as server_cli
from sync.server.services import admin
from sync.server.store import attachments
from tests.factories import household, visit
from tests.faults.checks import assert_identical
from tests.sync.harness import assert_converged, ledger_size, outbox_size, server_records
from tests.sync.test_sync_round_trip import photo_file


@pytest.fixture
def office(sync_server):
    """``fieldbook-server`` at the office, on the same database and files as the running server."""

    def run(*args: str) -> int:
        return server_cli.main([*args, "--db", sync_server.database_url, "--data-dir", str(sync_server.data_dir)])

    return run


def _laptop(device, *args: str) -> int:
    return fieldbook(["bundle", *args, "--profile", str(device.profile.folder)])


def _work(device, tmp_path, n: int = 2, photo: str | None = None):
    ids = []
    for i in range(n):
        h, _ = device.records.save(household(name=f"{device.name}户{i}{len(ids)}", phone=f"1390000{i:04d}"))
        photo_ids = ()
        if photo and i == 0:
            photo_ids = (PhotoService(device.store).import_photo(photo_file(tmp_path, photo)).sha256,)
        v, _ = device.records.save(visit(household_ids=(h.id,), photo_ids=photo_ids,
                                         review_state=ReviewState.SUBMITTED))
        ids.append(v.id)
    return ids


def test_a_season_on_a_stick_reaches_the_server_and_the_answers_come_back(make_device, station, server_db,
                                                                           office, tmp_path):
    wang = make_device("wang", station)
    li = make_device("li", station, Role.STATION_MANAGER)
    visits = _work(wang, tmp_path, photo="calf.png")
    stick = tmp_path / "wang.fbsync"
    assert _laptop(wang, "export", "--out", str(stick)) == 0
    assert wang.service.local.pending_count() == outbox_size(wang)  # nothing is acknowledged by writing a file

    assert office("bundle", "import", str(stick)) == 0
    on_server = server_records(server_db)
    assert {("visit", v) for v in visits} <= set(on_server)
    photo = wang.records.get(Visit, visits[0]).photo_ids[0]
    with server_db.read() as session:
        assert attachments.get(session, photo, wang.profile.identity.current().user_id).complete

    # The manager, online, approves one visit; the office writes the answers for the laptop.
    li.sync_ok()
    li.review(li.records.get(Visit, visits[0]), ReviewAction.APPROVE, ReviewState.APPROVED)
    assert li.sync_ok().rejected == 0
    back = tmp_path / "back.fbsync"
    assert office("bundle", "export", "--device", wang.service.local.device_id(), "--out", str(back)) == 0
    assert _laptop(wang, "import", str(back)) == 0
    assert wang.service.local.pending_count() == 0
    assert wang.records.get(Visit, visits[0]).review_state == ReviewState.APPROVED
    assert PhotoService(li.store).read(photo) == PhotoService(wang.store).read(photo)

    # The same bundles again change nothing, and the next online sync has nothing left to do.
    before, ledger = server_records(server_db), ledger_size(server_db, wang.service.local.device_id())
    assert office("bundle", "import", str(stick)) == 0
    assert _laptop(wang, "import", str(back)) == 0
    assert server_records(server_db) == before
    assert ledger_size(server_db, wang.service.local.device_id()) == ledger
    wang.sync_ok()
    li.sync_ok()
    assert_converged(server_db, wang, li)
    assert_identical(server_db, wang)


def test_bundles_imported_out_of_order_or_after_an_online_sync_apply_each_change_once(
        make_device, station, server_db, office, tmp_path):
    zhao = make_device("zhao", station)
    _work(zhao, tmp_path)
    first = tmp_path / "first.fbsync"
    assert _laptop(zhao, "export", "--out", str(first)) == 0
    _work(zhao, tmp_path, n=3)
    second = tmp_path / "second.fbsync"
    assert _laptop(zhao, "export", "--out", str(second)) == 0
    assert office("bundle", "import", str(second)) == 0  # the later bundle holds the earlier one's work too
    assert office("bundle", "import", str(first)) == 0
    zhao.sync_ok()
    assert office("bundle", "import", str(first)) == 0  # an old bundle after the online sync
    assert_identical(server_db, zhao)

    # A bundle back made before the online sync is older than the laptop: it changes nothing.
    _work(zhao, tmp_path, n=1)
    stale = tmp_path / "stale.fbsync"
    assert office("bundle", "export", "--device", zhao.service.local.device_id(), "--out", str(stale)) == 0
    zhao.sync_ok()
    assert _laptop(zhao, "import", str(stale)) == 0
    zhao.sync_ok()
    assert_identical(server_db, zhao)


def test_a_revoked_laptop_a_cut_file_and_another_servers_bundle_are_refused_whole(
        make_device, station, server_db, office, tmp_path, capsys):
    sun = make_device("sun", station)
    _work(sun, tmp_path)
    good = tmp_path / "good.fbsync"
    assert _laptop(sun, "export", "--out", str(good)) == 0

    cut = tmp_path / "cut.fbsync"
    cut.write_bytes(good.read_bytes()[:-40])
    assert office("bundle", "import", str(cut)) == 2
    assert "cut short" in capsys.readouterr().err

    local = sun.service.local
    real_key = local.server_bundle_key()
    local.set_server_bundle_key(key_hex(new_key()))
    foreign = tmp_path / "foreign.fbsync"
    assert _laptop(sun, "export", "--out", str(foreign)) == 0
    local.set_server_bundle_key(real_key)
    assert office("bundle", "import", str(foreign)) == 2
    assert "another server" in capsys.readouterr().err

    admin.revoke_device(server_db, local.device_id())
    assert office("bundle", "import", str(good)) == 2
    assert "revoked" in capsys.readouterr().err
    assert office("bundle", "export", "--device", local.device_id(), "--out", str(tmp_path / "x.fbsync")) == 2
    assert not [k for k in server_records(server_db) if k[1] in {e.record_id for e in local.pending_entries(99)}]
    assert ledger_size(server_db, local.device_id()) == 0


def test_a_bundle_back_that_starts_after_the_laptop_is_refused(make_device, station, server_db, office, tmp_path,
                                                               capsys):
    wu = make_device("wu", station)
    colleague = make_device("colleague", station)
    _work(colleague, tmp_path)
    colleague.sync_ok()
    wu_id = wu.service.local.device_id()
    first = tmp_path / "first.fbsync"
    assert office("bundle", "export", "--device", wu_id, "--out", str(first)) == 0
    assert _laptop(wu, "import", str(first)) == 0
    reached = wu.service.local.position().cursor
    assert reached > 0
    mine = tmp_path / "mine.fbsync"
    assert _laptop(wu, "export", "--out", str(mine)) == 0
    assert office("bundle", "import", str(mine)) == 0  # the server learns where the laptop stands
    _work(colleague, tmp_path, n=1)
    colleague.sync_ok()
    later = tmp_path / "later.fbsync"
    assert office("bundle", "export", "--device", wu_id, "--out", str(later)) == 0
    with wu.store.unit_of_work() as s:  # the laptop's store copied back from before the first bundle
        wu.store.set_state(s, "cursor", "0")
    assert _laptop(wu, "import", str(later)) == 2
    assert wu.service.local.position().cursor == 0
    assert _laptop(wu, "import", str(first)) == 0
    assert _laptop(wu, "import", str(later)) == 0
    wu.sync_ok()
    colleague.sync_ok()
    assert_converged(server_db, wu, colleague)


def test_a_hand_made_bundle_is_scoped_exactly_as_a_push_from_its_device(make_device, station, world, server_db,
                                                                        tmp_path, capsys):
    from sync.bundle_file import signing_key, write_bundle
    from sync.server.services import bundles as server_bundles
    from sync.server.services.attachment_files import AttachmentFiles

    qian = make_device("qian", station)
    other_station = world.station(county="150422")
    local = qian.service.local
    forged = {"seq": 1, "record_type": "household", "record_id": "h-of-another-station", "kind": "create",
              "values": {"name": "外站户", "kind": "farmer", "station_id": other_station,
                         "author_id": qian.profile.identity.current().user_id}}
    stick = tmp_path / "hand-made.fbsync"
    write_bundle(stick, "push", local.device_id(), signing_key(local.bundle_key()), local.server_bundle_key(),
                 {"entries": [forged], "photos": []}, [])
    report = server_bundles.import_push_bundle(server_db, AttachmentFiles(tmp_path / "files"), stick)
    assert report.counts == {"rejected": 1}
    assert ("household", "h-of-another-station") not in server_records(server_db)
