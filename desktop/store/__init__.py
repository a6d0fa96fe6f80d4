"""The local SQLite store, the only place that holds SQL: models, Alembic migrations, the flush hooks
(change capture into the outbox, derived columns), the query modules the services call, and the
store as the sync engine sees it (local_store)."""
