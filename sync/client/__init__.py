"""The device side of sync, for any local store: the sync engine, its transport, credentials and
tokens, USB bundles; the LocalStore protocol a store implements (desktop.store.local_store does)."""
