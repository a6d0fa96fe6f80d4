"""``GET`` / ``PUT /api/v1/evaluation/{year}/plan``: the year's key counties and plan counts; and
``PUT`` / ``DELETE /api/v1/typical-cases/{record_type}/{record_id}``: typical cases (sync.server.services.typical_cases).

Any signed-in user may read them; only a region administrator sets them (the region office keeps
the list of key counties, 重点旗县, and the counts the records do not hold, such as grassroots
technicians trained in people). ``PUT`` replaces the key counties when given and sets the counts
given, all or nothing: an unknown county or count, or a bad number, is 422 and changes nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from sync.domain.rules import TARGET_EDITOR_ROLES
from sync.protocol import ErrorCode
from sync.server.deps import CallerDep, DbDep, require_protocol
from sync.server.errors import ApiError, error_responses
from sync.server.services import audit, evaluation, typical_cases
from sync.server.services.admin import AdminError

PLAN_PATH = "/api/v1/evaluation/{year}/plan"
Year = Annotated[int, Path(ge=2000, le=2100)]
CountyCode = Annotated[str, Field(pattern=r"^15[0-9]{4}$")]

router = APIRouter(tags=["evaluation"], dependencies=[Depends(require_protocol)])


class EvaluationPlan(BaseModel):
    """The year's key counties (sorted codes) and the plan counts entered so far."""

    model_config = ConfigDict(frozen=True)

    year: int
    key_counties: list[str]
    counts: dict[str, int]


class EvaluationPlanUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key_counties: list[CountyCode] | None = Field(default=None, max_length=200)
    counts: dict[Annotated[str, Field(max_length=64)], Annotated[int, Field(ge=0, le=evaluation.MAX_PLAN_COUNT)]] \
        | None = Field(default=None, max_length=20)


def _plan(year: int, found: tuple[list[str], dict[str, int]]) -> EvaluationPlan:
    return EvaluationPlan(year=year, key_counties=found[0], counts=found[1])


@router.get(PLAN_PATH, response_model=EvaluationPlan, responses=error_responses(401, 422, 426, 503))
def get_plan(caller: CallerDep, db: DbDep, year: Year) -> EvaluationPlan:
    """The year's key counties and plan counts; for any signed-in user."""
    return _plan(year, evaluation.plan_data(db, year))


@router.put(PLAN_PATH, response_model=EvaluationPlan,
            responses=error_responses(400, 401, 403, 413, 415, 422, 426, 503))
def put_plan(caller: CallerDep, db: DbDep, year: Year, body: EvaluationPlanUpdate) -> EvaluationPlan:
    """Set the year's key counties and/or plan counts; region administrators only."""
    if caller.viewer.role not in TARGET_EDITOR_ROLES:
        raise ApiError(403, ErrorCode.FORBIDDEN, "only a region administrator may set the evaluation's plan data")
    try:
        found = evaluation.set_plan(db, year, None if body.key_counties is None else list(body.key_counties),
                                    body.counts, audit.Actor(f"user:{caller.viewer.user_id}",
                                                                       f"app, device {caller.device_id}"))
    except AdminError as exc:
        raise ApiError(422, ErrorCode.INVALID_REQUEST, str(exc)) from None
    return _plan(year, found)


TYPICAL_CASE_PATH = "/api/v1/typical-cases/{record_type}/{record_id}"
RecordTypePath = Annotated[str, Path(max_length=32)]
RecordIdPath = Annotated[str, Path(max_length=64)]


#: What the published schema says of a write-up, as the server checks it: no NUL, and at least one
#: character that is not white space (exactly the characters Python's ``str.strip`` removes).
_BLANK = "\\t\\n\\u000b\\f\\r \\u001c-\\u001f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
WRITE_UP_TEXT = {"pattern": f"^[^\\u0000]*[^\\u0000{_BLANK}][^\\u0000]*$"}


class TypicalCaseMark(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    write_up: str = Field(min_length=1, max_length=typical_cases.MAX_WRITE_UP, json_schema_extra=WRITE_UP_TEXT)


@router.put(TYPICAL_CASE_PATH, status_code=204, responses=error_responses(400, 401, 403, 404, 413, 415, 422, 426, 503))
def mark_typical_case(caller: CallerDep, db: DbDep, record_type: RecordTypePath, record_id: RecordIdPath,
                      body: TypicalCaseMark) -> Response:
    """Mark a visit or training as a typical case with a short write-up (or change the write-up)."""
    typical_cases.mark(db, caller, record_type, record_id, body.write_up)
    return Response(status_code=204)


@router.delete(TYPICAL_CASE_PATH, status_code=204, responses=error_responses(401, 403, 404, 422, 426, 503))
def unmark_typical_case(caller: CallerDep, db: DbDep, record_type: RecordTypePath,
                        record_id: RecordIdPath) -> Response:
    """The record is no longer a typical case."""
    typical_cases.unmark(db, caller, record_type, record_id)
    return Response(status_code=204)
