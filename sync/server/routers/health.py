"""``GET /api/v1/health``: reachability check without auth or protocol header."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from sync.protocol import HEALTH_PATH, MIN_PROTOCOL_VERSION, PROTOCOL_VERSION, SCHEMA_VERSION, HealthResponse
from sync.server.errors import error_responses
from sync.server.deps import DbDep

router = APIRouter(tags=["health"], responses=error_responses(503))


@router.get(HEALTH_PATH, response_model=HealthResponse)
def health(db: DbDep) -> HealthResponse:
    with db.read() as session:
        session.execute(text("SELECT 1"))
    return HealthResponse(status="ok", protocol_version=PROTOCOL_VERSION, min_protocol_version=MIN_PROTOCOL_VERSION,
                          schema_version=SCHEMA_VERSION)
