"""The central Fieldbook server: FastAPI app, its own database and migrations, auth, scope and CLI."""
