"""A new epoch (the user's scope changed, or the server was restored from a backup): the laptop pulls
again from zero, drops what it may no longer see, and resends what the server lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.domain.records import Household, Visit
from sync.client.errors import SyncErrorKind
from sync.domain.vocabulary import Role
from sync.server.services import admin
from tests.factories import household, visit
from tests.server.conftest import _pg_connection
from tests.sync.harness import assert_converged, server_records, sign_in


def test_moving_to_another_station_drops_its_households_and_keeps_ones_own_work(make_device, world, station,
                                                                                server_db):
    wang = make_device("wang", station)
    zhao = make_device("zhao", station)
    theirs, _ = zhao.records.save(household(name="赵家的户"))
    zhao.sync_ok()
    mine, _ = wang.records.save(household(name="王家的户"))
    my_visit, _ = wang.records.save(visit(household_ids=(mine.id,)))
    wang.sync_ok()
    assert wang.records.get(Household, theirs.id) is not None
    wang.records.save(wang.records.get(Household, theirs.id).with_changes(notes="搬走前的修改"))

    admin.set_station(server_db, wang.username, world.station(county="150422"))
    ended = wang.sync()  # a station change ends the session: the laptop learns its station at sign-in
    assert ended.error is not None and ended.error.kind is SyncErrorKind.AUTH and ended.still_pending == 1
    sign_in(wang, world.server.base_url)
    report = wang.sync_ok()

    assert report.epoch_changed
    assert wang.records.get(Household, theirs.id) is None  # the old station's household is out of scope
    assert wang.records.get(Household, mine.id) is not None  # what one wrote stays one's own
    assert wang.records.get(Visit, my_visit.id) is not None
    [refused] = wang.service.overview().rejected  # the edit made before the move: refused, and shown
    assert refused.record_id == theirs.id and refused.reason.startswith("forbidden")
    assert_converged(server_db, wang)


def _copy_database(sync_server, server_db, source: str, target: str) -> None:
    """Copy the stopped server's database from name+source to name+target (a backup, or its restore)."""
    server_db.dispose()
    if sync_server.backend == "sqlite":
        path = sync_server.database_url.removeprefix("sqlite:///")
        for suffix in ("", "-wal", "-shm"):
            src, dst = Path(path + source + suffix), Path(path + target + suffix)
            if src.exists():
                shutil.copyfile(src, dst)
            else:
                dst.unlink(missing_ok=True)
        return
    name = sync_server.database_url.rsplit("/", 1)[1]
    with _pg_connection() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name + target}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name + target}" TEMPLATE "{name + source}"')


def test_after_a_restore_from_backup_the_laptops_resend_what_the_server_lost(make_device, station, server_db,
                                                                             sync_server):
    wang = make_device("wang", station)
    zhao = make_device("zhao", station)
    li = make_device("li", station, Role.STATION_MANAGER)
    h, _ = wang.records.save(household())
    wang.sync_ok()

    sync_server.stop()
    _copy_database(sync_server, server_db, "", "_backup")  # the night's backup
    sync_server.start()

    v, _ = wang.records.save(visit(household_ids=(h.id,)))
    wang.records.save(wang.records.get(Household, h.id).with_changes(notes="备份之后的修改"))
    wang.sync_ok()
    z, _ = zhao.records.save(household(name="赵家"))
    zhao.sync_ok()
    li.sync_ok()
    lost = {("visit", v.id), ("household", z.id)}

    sync_server.stop()  # the disk fails; the backup is restored and the epoch renewed
    _copy_database(sync_server, server_db, "_backup", "")
    admin.renew_epoch(server_db)
    sync_server.start()
    assert not lost & set(server_records(server_db))

    assert zhao.sync_ok().epoch_changed  # nothing to push: the first pull sees the new epoch
    assert ("household", z.id) in server_records(server_db)
    later, _ = wang.records.save(visit(household_ids=(h.id,), problem="恢复之后的新记录"))
    report = wang.sync_ok()  # work to push: the push's answer shows the new epoch
    assert report.epoch_changed
    assert ("visit", v.id) in server_records(server_db)
    assert server_records(server_db)[("household", h.id)]["notes"] == "备份之后的修改"
    li_report = li.sync_ok()
    assert li_report.epoch_changed
    assert li.records.get(Visit, later.id) is not None
    zhao.sync_ok()
    assert_converged(server_db, wang, zhao, li)
