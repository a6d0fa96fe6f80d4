"""Fixtures of the fault tests: the sync tests' devices and real server processes, and a simulated
network in front of the server. ``FIELDBOOK_FAULT_RUNS`` sets how many random faults each test tries."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.server.conftest import cheap_password_hashes  # noqa: F401 - fixture reused
from tests.sync.conftest import (  # noqa: F401 - fixtures reused
    backend,
    make_device,
    memory_keyring,
    open_device,
    server_db,
    station,
    sync_server,
    world,
)
from tests.sync.harness import ServerProcess
from tests.sync.netsim import NetSim

#: Random faults per test on PostgreSQL (SQLite gets a third); 200 for the full run.
FAULT_RUNS = int(os.environ.get("FIELDBOOK_FAULT_RUNS", "6"))


def runs_for(backend_name: str) -> int:
    return FAULT_RUNS if backend_name == "postgres" else max(2, FAULT_RUNS // 3)


@pytest.fixture
def netsim(sync_server: ServerProcess) -> Iterator[NetSim]:  # noqa: F811 - the fixture imported above
    proxy = NetSim(sync_server.port)
    yield proxy
    proxy.close()
