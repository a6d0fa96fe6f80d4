"""Tokens live in the OS key store, or only in memory when there is no secure one (token files: their own test)."""

from __future__ import annotations

from typing import ClassVar

from keyring.backends import chainer, fail, null

from sync.client.credentials import (
    NO_SECURE_STORE,
    SERVICE,
    CredentialStore,
    credential_key,
    is_secure,
)
from sync.client.errors import SyncError, SyncErrorKind
from tests.sync.memory_keyring import MemoryKeyring


class PlaintextKeyring(MemoryKeyring):
    """Named like keyrings.alt's file backend, which writes secrets into a readable file."""


class EmptyChain(chainer.ChainerBackend):
    """What keyring picks on a headless box: a chain with nothing viable in it."""

    backends: ClassVar[list] = []  # type: ignore[assignment]


def test_a_token_is_kept_in_the_key_store_per_server_and_user():
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    store.save("https://fb.example.cn/", "wangfang", "t1")
    store.save("https://fb.example.cn", "lisi", "t2")
    assert backend.secrets[(SERVICE, credential_key("https://fb.example.cn", "wangfang"))] == "t1"
    assert CredentialStore(backend).find("https://fb.example.cn", "wangfang") == "t1"
    assert CredentialStore(backend).find("https://other.example.cn", "wangfang") is None
    assert store.secure and store.notice is None


def test_forgetting_a_token_removes_it_from_the_key_store():
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    store.save("https://fb.example.cn", "wangfang", "t1")
    store.forget("https://fb.example.cn", "wangfang")
    store.forget("https://fb.example.cn", "wangfang")  # twice is fine
    assert CredentialStore(backend).find("https://fb.example.cn", "wangfang") is None


def test_a_refused_token_is_no_longer_used_but_kept_as_proof_until_the_next_sign_in():
    backend = MemoryKeyring()
    store = CredentialStore(backend)
    store.save("https://fb.example.cn", "wangfang", "t1")
    store.retire("https://fb.example.cn", "wangfang", SyncError(SyncErrorKind.AUTH))
    assert store.find("https://fb.example.cn", "wangfang") is None
    assert CredentialStore(backend).last_token("https://fb.example.cn", "wangfang") == "t1"
    store.save("https://fb.example.cn", "wangfang", "t2")
    assert store.last_token("https://fb.example.cn", "wangfang") == "t2"
    store.retire("https://fb.example.cn", "wangfang", SyncError(SyncErrorKind.AUTH))
    store.forget("https://fb.example.cn", "wangfang")
    assert store.last_token("https://fb.example.cn", "wangfang") is None and backend.secrets == {}


def test_without_a_secure_key_store_the_token_lasts_only_this_session():
    store = CredentialStore(fail.Keyring())
    store.save("https://fb.example.cn", "wangfang", "t1")
    assert store.find("https://fb.example.cn", "wangfang") == "t1"
    assert not store.secure
    assert store.notice == NO_SECURE_STORE
    assert CredentialStore(fail.Keyring()).find("https://fb.example.cn", "wangfang") is None


def test_backends_that_are_not_secure_are_recognised():
    assert not is_secure(fail.Keyring())
    assert not is_secure(null.Keyring())
    assert not is_secure(PlaintextKeyring())
    assert not is_secure(EmptyChain())
    assert is_secure(MemoryKeyring())


def test_a_plaintext_backend_is_never_handed_the_token():
    backend = PlaintextKeyring()
    store = CredentialStore(backend)
    store.save("https://fb.example.cn", "wangfang", "t1")
    assert backend.secrets == {}
    assert store.find("https://fb.example.cn", "wangfang") == "t1"
