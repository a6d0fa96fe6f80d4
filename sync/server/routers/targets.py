"""``GET`` / ``PATCH /api/v1/targets``: the plan's targets, and a region admin changing their values."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from sync.protocol import TARGETS_PATH, TargetList, TargetUpdate
from sync.server.deps import CallerDep, DbDep, require_protocol
from sync.server.errors import error_responses
from sync.server.services import targets

router = APIRouter(tags=["targets"], dependencies=[Depends(require_protocol)])


@router.get(TARGETS_PATH, response_model=TargetList, responses=error_responses(401, 422, 426, 503))
def list_targets(caller: CallerDep, db: DbDep) -> TargetList:
    """Every target with its value, unit, scope and who changed it last; for any signed-in user."""
    return targets.current(db)


@router.patch(TARGETS_PATH, response_model=TargetList,
              responses=error_responses(400, 401, 403, 404, 413, 415, 422, 426, 503))
def update_targets(caller: CallerDep, db: DbDep, body: TargetUpdate) -> TargetList:
    """Set one or more values at once (all or nothing); region administrators only."""
    return targets.update(db, caller, body)
