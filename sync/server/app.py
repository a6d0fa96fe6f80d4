"""The FastAPI application: middleware, error handlers and routers over one database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware

from sync.protocol import MAX_ATTACHMENT_BYTES, MAX_REQUEST_BYTES, PROTOCOL_VERSION
from sync.server.config import ServerSettings
from sync.server.errors import install_error_handlers
from sync.server.request_body import RequestBodyMiddleware
from sync.server.console import pages as console_pages
from sync.server.console import routes_accounts, routes_auth, routes_evaluation, routes_reports
from sync.server.routers import attachments, auth, evaluation, health, pull, push, reports, targets
from sync.server.services.attachment_files import AttachmentFiles
from sync.server.store.database import Database

_ATTACHMENTS_PREFIX = "/api/v1/attachments/"


_ROSTER_UPLOAD = "/console/roster"


def body_limit(path: str) -> int:
    """Attachment chunks may be as large as a whole attachment; every other body is capped lower. A
    roster upload gets room above its 10 MB so the console can refuse a larger file with its own page."""
    if path.startswith(_ATTACHMENTS_PREFIX):
        return MAX_ATTACHMENT_BYTES
    return MAX_REQUEST_BYTES + 1024 * 1024 if path == _ROSTER_UPLOAD else MAX_REQUEST_BYTES


def create_app(settings: ServerSettings) -> FastAPI:
    database = Database(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        database.dispose()

    app = FastAPI(
        title="Fieldbook server",
        summary="Central sync server of Fieldbook (科技特派员服务日志)",
        version=f"protocol {PROTOCOL_VERSION}",
        openapi_url="/openapi.json",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.files = AttachmentFiles(settings.attachments_dir)
    install_error_handlers(app)
    app.add_middleware(RequestBodyMiddleware, limit_for=body_limit)
    # Level 6 (not Starlette's 9): JSON pages come out a few per cent larger for about half the CPU.
    app.add_middleware(GZipMiddleware, minimum_size=500, compresslevel=6)
    for router in (health.router, auth.router, push.router, pull.router, attachments.router, reports.router,
                   targets.router, evaluation.router, routes_auth.router, routes_reports.router,
                   routes_evaluation.router, routes_accounts.router):
        app.include_router(router)
    console_pages.install(app)
    app.mount("/console/static", StaticFiles(directory=Path(console_pages.__file__).parent / "static"),
              name="console-static")
    return app


def app_from_environment() -> FastAPI:
    """The uvicorn factory: settings come from the environment the CLI prepared."""
    return create_app(ServerSettings.from_environment())
