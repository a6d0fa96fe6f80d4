"""A target a region admin changes reaches a specialist's laptop on its next ordinary sync: the store,
the statistics and the exports use the new value, and a sync with nothing to do stays one round trip."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from desktop.reports.target_progress import target_progress
from desktop.services.changes import Changes
from desktop.services.export import ExportService
from desktop.services.reference import ReferenceService
from desktop.services.sync_service import SyncService
from desktop.services.targets import TargetService
from sync.client.credentials import CredentialStore
from sync.client.errors import SyncError, SyncErrorKind
from sync.domain.vocabulary import Role
from sync.server.services import reference_import
from sync.server.services import targets as target_service
from tests.factories import COUNTY
from tests.server.conftest import free_port
from tests.sync.conftest import quick_transport
from tests.sync.harness import Device, sign_in

pytestmark = pytest.mark.usefixtures("cheap_password_hashes")

SHIPPED_HOUSEHOLDS = 100000


@pytest.fixture(scope="module", autouse=True)
def shipped_targets(server_db) -> None:
    target_service.merge_shipped(server_db, reference_import.default_reference_dir())


@pytest.fixture
def region_admin(open_device, world, sync_server, memory_keyring) -> Device:
    profile = open_device("region-office")
    profile.identity.set_up("自治区管理员", Role.REGION_ADMIN, "commissioner", None, COUNTY)
    account = world.user(Role.REGION_ADMIN)
    device = Device("region-office", profile, SyncService(profile.store, CredentialStore(),
                                                          transport_factory=quick_transport), account.username)
    sign_in(device, sync_server.base_url)
    return device


def households_target(device: Device) -> float:
    return next(t.value for t in ReferenceService(device.store).targets() if t.key == "households_served")


def exported_households_target(device: Device) -> float:
    data = ExportService(device.store).indicator_report(dt.date.today().year, "15")
    return next(row.target for row in target_progress(data) if row.text_key == "t_households_served")


def test_a_changed_target_reaches_a_specialist_on_the_next_sync(make_device, station, region_admin, server_db):
    specialist = make_device("specialist", station)
    first = specialist.sync_ok()
    assert households_target(specialist) == SHIPPED_HOUSEHOLDS
    current = target_service.current(server_db).version
    assert specialist.service.local.targets_version() == current
    assert first.targets_changed  # a new device takes the server's list once

    changes = TargetService(region_admin.service).save({"households_served": 120000, "people_trained": 5000})
    assert changes.kinds() == {"reference"} and "households_served" in changes.ids_of("reference")
    assert households_target(region_admin) == 120000, "the admin's own laptop shows the saved value at once"
    assert target_service.current(server_db).version == current + 1

    report, changed = specialist.service.sync_now()
    assert report.finished and report.targets_changed and report.requests == 1
    assert changed.reference
    assert households_target(specialist) == 120000
    assert exported_households_target(specialist) == 120000
    assert specialist.service.local.targets_version() == current + 1

    again = specialist.sync_ok()
    assert not again.targets_changed and again.requests == 1


def test_a_sync_with_nothing_to_do_stays_one_round_trip_under_2_kb(make_device, station, sync_server):
    from tests.sync.netsim import NetSim

    proxy = NetSim(sync_server.port)
    try:
        device = make_device("wang", station, server_url=proxy.url)
        device.sync_ok()
        proxy.reset_traffic()
        report = device.sync_ok()
        traffic = proxy.reset_traffic()
        print(f"no-op sync with targets known: {traffic}")
        assert (traffic.requests, traffic.connections, report.requests) == (1, 1, 1)
        assert traffic.total <= 2048
    finally:
        proxy.close()


def test_a_specialist_cannot_change_a_target_and_nothing_changes(make_device, station, server_db):
    specialist = make_device("specialist", station)
    specialist.sync_ok()
    before = target_service.current(server_db)
    with pytest.raises(SyncError) as refused:
        TargetService(specialist.service).save({"households_served": 1})
    assert refused.value.status == 403
    assert target_service.current(server_db) == before
    assert households_target(specialist) == value_of(before, "households_served")


def test_signed_out_or_offline_nothing_changes(make_device, station, region_admin, server_db, sync_server):
    before = target_service.current(server_db)
    local_before = households_target(region_admin)
    region_admin.service.sign_out()
    with pytest.raises(SyncError) as signed_out:
        TargetService(region_admin.service).save({"households_served": 1})
    assert signed_out.value.kind == SyncErrorKind.AUTH
    sign_in(region_admin, sync_server.base_url)
    nobody_listens = f"http://127.0.0.1:{free_port()}"
    region_admin.service._transport_factory = lambda config, token: quick_transport(  # noqa: SLF001 - line down
        dataclasses.replace(config, server_url=nobody_listens), token)
    with pytest.raises(SyncError) as offline:
        TargetService(region_admin.service).save({"households_served": 2})
    assert offline.value.kind == SyncErrorKind.OFFLINE
    assert households_target(region_admin) == local_before
    assert target_service.current(server_db) == before


def value_of(listing, key: str) -> float:
    return next(t.value for t in listing.targets if t.key == key)
