"""Concurrent pushes from several devices while another device pulls: the cursor never skips a change.

On PostgreSQL, with two uvicorn workers: if change numbers were handed out before commit (a plain
sequence), a slow transaction could commit number N after the puller had already moved its cursor
past N, and that record would never reach the puller.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.domain.vocabulary import RecordType, Role

from .conftest import fresh_database, running_server
from .support import RunningServer, World, household_fields, visit_fields

DEVICES = 6
BATCHES = 25
BATCH_SIZE = 4


@pytest.fixture(scope="module", params=[pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def server(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    directory: Path = tmp_path_factory.mktemp("concurrent")
    with fresh_database(backend, directory) as url, running_server(backend, url, directory, "--workers", "2") as up:
        yield up


def test_a_pulling_device_ends_with_every_record_pushed_concurrently_by_others(world: World):
    station = world.station()
    pushers = [world.device(Role.SPECIALIST, station) for _ in range(DEVICES)]
    puller = world.device(Role.STATION_MANAGER, station)
    pushed: set[str] = set()
    pulled: list[str] = []
    failures: list[BaseException] = []
    done = threading.Event()
    pulls_while_pushing = 0

    def push_all(device) -> None:
        try:
            for _ in range(BATCHES):
                batch = [device.create(RecordType.HOUSEHOLD, household_fields()) for _ in range(BATCH_SIZE)]
                results = device.push(*batch)
                assert [r["status"] for r in results] == ["applied"] * BATCH_SIZE
                pushed.update(entry["record_id"] for entry in batch)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    def pull_until_done() -> int:
        cursor, pulls = 0, 0
        while True:
            finished = done.is_set()
            page = puller.pull(cursor, limit=7)
            pulls += 0 if finished else 1
            pulled.extend(c["record_id"] for c in page["changes"] if c["record_type"] == "household")
            cursor = page["next_cursor"]
            if finished and not page["has_more"]:
                return pulls

    threads = [threading.Thread(target=push_all, args=(device,)) for device in pushers]
    for thread in threads:
        thread.start()
    result: list[int] = []
    puller_thread = threading.Thread(target=lambda: result.append(pull_until_done()))
    puller_thread.start()
    for thread in threads:
        thread.join()
    done.set()
    puller_thread.join()
    pulls_while_pushing = result[0]

    assert not failures, failures
    assert len(pushed) == DEVICES * BATCHES * BATCH_SIZE
    assert len(pulled) == len(set(pulled)), "a record came twice"
    assert set(pulled) == pushed, f"{len(pushed - set(pulled))} records never reached the puller"
    assert pulls_while_pushing > 10


MERGE_ROUNDS = 8


def test_visits_pushed_while_their_household_is_merged_all_end_up_naming_the_household_kept(world: World):
    station = world.station()
    manager = world.device(Role.STATION_MANAGER, station)
    pushers = [world.device(Role.SPECIALIST, station) for _ in range(DEVICES - 2)]
    merged_away: set[str] = set()
    failures: list[BaseException] = []
    for _ in range(MERGE_ROUNDS):
        kept, gone = (manager.create(RecordType.HOUSEHOLD, household_fields()) for _ in range(2))
        manager.push(kept, gone)
        merged_away.add(gone["record_id"])
        start = threading.Barrier(len(pushers))

        def visit_it(device) -> None:
            try:
                start.wait()
                for _ in range(3):
                    device.push(device.create(RecordType.VISIT, visit_fields(household_ids=[gone["record_id"]])))
            except BaseException as exc:  # reported by the main thread
                failures.append(exc)

        def merge_it() -> None:
            try:
                start.wait()
                merge = manager.update(RecordType.HOUSEHOLD, gone["record_id"], 1,
                                       {"merged_into": (None, kept["record_id"])})
                assert manager.push_one(merge)["status"] == "applied"
            except BaseException as exc:
                failures.append(exc)

        threads = [threading.Thread(target=visit_it, args=(d,)) for d in pushers[1:]]
        threads.append(threading.Thread(target=merge_it))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not failures, failures
    visits = manager.pull_all(RecordType.VISIT)
    assert len(visits) == MERGE_ROUNDS * (len(pushers) - 1) * 3
    assert not [v for v in visits.values() if set(v["fields"]["household_ids"]) & merged_away]
