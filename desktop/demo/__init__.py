"""The demo: a seeded world with an embedded server, started only by `fieldbook --demo`."""
