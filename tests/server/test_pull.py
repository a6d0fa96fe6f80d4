"""Pull: paging with a cursor, the acknowledged seq, and the epoch."""

from __future__ import annotations

import subprocess

from sync.domain.vocabulary import RecordType, Role
from sync.protocol import PULL_PAGE_SIZE

from .conftest import REPO, server_command
from .support import World, household_fields


def test_pull_pages_follow_the_cursor_until_nothing_is_left(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    created = [device.create(RecordType.HOUSEHOLD, household_fields(name=f"household {i}")) for i in range(7)]
    device.push(*created)

    pages, cursor = [], 0
    while True:
        page = device.pull(cursor, limit=3)
        pages.append(page)
        assert len(page["changes"]) <= 3 and page["next_cursor"] >= cursor
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break

    households = [c["record_id"] for p in pages for c in p["changes"] if c["record_type"] == "household"]
    assert households == [e["record_id"] for e in created]
    assert len(pages) >= 3 and all(p["has_more"] for p in pages[:-1])
    assert device.pull(cursor) | {"server_epoch": None} == {
        "changes": [], "next_cursor": cursor, "has_more": False, "server_epoch": None,
        "acked_seq": created[-1]["seq"], "removed": []}


def test_a_page_is_never_larger_than_the_protocol_allows(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    page = device.pull(0, limit=PULL_PAGE_SIZE * 10)
    assert len(page["changes"]) <= PULL_PAGE_SIZE


def test_acked_seq_is_the_highest_entry_the_server_holds_for_the_device(world: World):
    device = world.device(Role.SPECIALIST, world.station())
    assert device.pull()["acked_seq"] == 0
    entries = [device.create(RecordType.HOUSEHOLD, household_fields()) for _ in range(3)]
    response = device.push_response(entries).json()
    assert response["acked_seq"] == entries[-1]["seq"] == device.pull()["acked_seq"]


def test_the_epoch_changes_when_a_users_station_changes(world: World):
    first_station, second_station = world.station(), world.station()
    device = world.device(Role.SPECIALIST, first_station)
    before = device.pull()["server_epoch"]
    assert before == device.epoch
    moved = subprocess.run(server_command("user", "set-station", device.account.username, second_station,
                                          "--db", world.server.database_url),
                           cwd=REPO, capture_output=True, text=True, timeout=60)
    assert moved.returncode == 0, moved.stderr
    device = world.login(device.account, device.device_id)  # the move ended its session
    after = device.pull()["server_epoch"]
    assert after != before and after.split(".")[0] == before.split(".")[0]
    second_station_users = device.pull_all(RecordType.USER)
    assert second_station_users[device.user_id]["fields"]["station_id"] == second_station
