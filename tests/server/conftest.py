"""Fixtures: a real server process (uvicorn via the CLI) per test module and database backend."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import requests
from argon2 import PasswordHasher

from sync.server import security
from sync.server.store import migrate
from sync.server.store.database import Database

from .support import RunningServer, World

REPO = Path(__file__).resolve().parents[2]
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashes() -> Iterator[None]:
    """Users made by the tests get argon2 hashes with tiny costs; the server verifies with the costs
    stored in each hash, so logins stay fast while the code path is the real one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(security, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        yield


def _pg_connection() -> psycopg.Connection:
    try:
        return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError:
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"], check=False)
        for _ in range(50):
            try:
                return psycopg.connect(PG_ADMIN, autocommit=True, connect_timeout=5)
            except psycopg.OperationalError:
                time.sleep(0.2)
        raise


@contextmanager
def fresh_database(backend: str, directory: Path) -> Iterator[str]:
    """A new, empty database for one test module; PostgreSQL ones are dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'server.db'}"
        return
    name = f"fb_test_{uuid.uuid4().hex[:12]}"
    with _pg_connection() as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_URL.format(name=name)
    finally:
        with _pg_connection() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def one_specialist(backend: str, directory: Path) -> Iterator[Database]:
    """A migrated database holding station S1 and its specialist ``wang`` (password support.PASSWORD)."""
    from sync.domain.vocabulary import Role
    from sync.server.services import admin

    from .support import PASSWORD

    with fresh_database(backend, directory) as url:
        database = Database(url)
        migrate.upgrade(database)
        admin.add_station(database, "S1", "Station", "150125")
        admin.add_user(database, "wang", "Wang", Role.SPECIALIST, PASSWORD, admin.Area(station="S1"))
        try:
            yield database
        finally:
            database.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "sync.server.cli", *args]


@contextmanager
def running_server(backend: str, database_url: str, directory: Path, *extra: str) -> Iterator[RunningServer]:
    port = free_port()
    data_dir = directory / "data"
    reference_dir = directory / "no-reference"
    reference_dir.mkdir(exist_ok=True)
    log_path = directory / "server.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            server_command("serve", "--db", database_url, "--data-dir", str(data_dir), "--port", str(port),
                           "--reference-dir", str(reference_dir), "--log-level", "warning", *extra),
            cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    server = RunningServer(backend, f"http://127.0.0.1:{port}", database_url, data_dir, process, log_path)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(server: RunningServer) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server exited at start:\n{server.log_path.read_text(errors='replace')}")
        try:
            if requests.get(server.url("/api/v1/health"), timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within 60 s:\n{server.log_path.read_text(errors='replace')}")


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def server(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    directory = tmp_path_factory.mktemp(f"server-{backend}")
    with fresh_database(backend, directory) as url, running_server(backend, url, directory) as running:
        yield running


@pytest.fixture(scope="module")
def server_db(server: RunningServer) -> Iterator[Database]:
    """The running server's database, for setting up users and stations and for checking rows."""
    db = Database(server.database_url)
    assert migrate.is_up_to_date(db)
    yield db
    db.dispose()


@pytest.fixture
def world(server: RunningServer, server_db: Database) -> World:
    return World(server, server_db)
