"""Signing in links the laptop's first-run user to the server account; without a secure key store
the token lives in memory only and never reaches a file."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from desktop.domain.records import Household
from desktop.services.sync_service import NOT_SIGNED_IN, SyncService
from sync.client.credentials import NO_SECURE_STORE, CredentialStore
from sync.client.errors import SyncError, SyncErrorKind
from tests.factories import household
from tests.server.support import PASSWORD
from tests.sync.harness import server_records


@pytest.fixture
def no_secure_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def files_containing(folder, secret: str) -> list[str]:
    needle = secret.encode()
    return [str(p) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_without_a_secure_key_store_the_token_stays_in_memory_for_this_session(
        make_device, station, sync_server, server_db, no_secure_keyring):
    wang = make_device("wang", station, signed_in=False)
    wang.service = SyncService(wang.store)  # the default key store: none that is secure
    result, _ = wang.service.sign_in(sync_server.base_url, wang.username, PASSWORD)
    assert result.credentials_notice == NO_SECURE_STORE
    assert wang.service.overview().credentials_notice == NO_SECURE_STORE
    h, _ = wang.records.save(household())
    wang.sync_ok()  # this session syncs
    assert ("household", h.id) in server_records(server_db)
    [token] = wang.service.credentials._memory.values()
    wang.store.engine.dispose()  # flush the WAL into the database file before looking
    assert files_containing(wang.profile.folder, token) == []
    # The next session (a new app start) has to sign in again.
    next_session = SyncService(wang.store)
    assert not next_session.signed_in()
    report, _ = next_session.sync_now()
    assert (report.error.kind, report.error.message) == (SyncErrorKind.AUTH, NOT_SIGNED_IN)


def test_with_a_key_store_the_next_session_stays_signed_in(make_device, station, sync_server, memory_keyring):
    wang = make_device("wang", station)
    assert list(memory_keyring.secrets)  # saved under service "Fieldbook"
    token = next(iter(memory_keyring.secrets.values()))
    assert files_containing(wang.profile.folder, token) == []
    assert SyncService(wang.store, CredentialStore()).signed_in()


def test_a_wrong_password_is_refused_and_changes_nothing(make_device, station, sync_server):
    wang = make_device("wang", station, signed_in=False)
    before = wang.profile.identity.current()
    with pytest.raises(SyncError) as caught:
        wang.service.sign_in(sync_server.base_url, wang.username, "wrong password")
    assert (caught.value.kind, caught.value.message) == (SyncErrorKind.AUTH, "The user name or password is wrong.")
    assert wang.profile.identity.current() == before
    assert not wang.service.signed_in()


def test_records_made_before_sign_in_become_the_signed_in_users_at_their_station(make_device, station, sync_server, server_db):
    wang = make_device("wang", station, signed_in=False)
    local_id = wang.profile.identity.current().user_id
    h, _ = wang.records.save(household())
    assert local_id.startswith("local-")
    wang.service.sign_in(sync_server.base_url, wang.username, PASSWORD)
    me = wang.profile.identity.current()
    assert me.user_id != local_id and me.station_code == station and me.display_name.startswith("Name of")
    assert wang.records.get(Household, h.id).author_id == me.user_id
    assert wang.service.local.pending_count() == 1  # the link itself is nothing to push
    wang.sync_ok()
    assert wang.service.overview().rejected == []
    on_server = server_records(server_db)[("household", h.id)]
    assert (on_server["author_id"], on_server["station_id"]) == (me.user_id, station)
