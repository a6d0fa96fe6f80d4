"""Schemathesis over the server's own OpenAPI document, against a real server, signed in.

Every generated request (valid and not) must pass every check schemathesis has (``--checks all``):
no 5xx, answers, statuses, headers and content types as the schema says, valid requests accepted
and invalid ones refused. Bounded: FIELDBOOK_FUZZ_EXAMPLES examples per operation (default 25);
set it to a few thousand for a long run.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS, load_all_checks

from sync.domain.vocabulary import Role
from tests.server.support import DeviceClient, RunningServer, World

EXAMPLES = int(os.environ.get("FIELDBOOK_FUZZ_EXAMPLES", "25"))
load_all_checks()
ALL_CHECKS = CHECKS.get_all()


@pytest.fixture(scope="module")
def api_schema(server: RunningServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(server.url("/openapi.json"))


@pytest.fixture(scope="module")
def signed_in(server: RunningServer, server_db) -> DeviceClient:  # noqa: ANN001
    world = World(server, server_db)
    return world.device(Role.STATION_MANAGER, world.station())


def test_no_request_gets_a_5xx_or_an_answer_outside_the_schema(api_schema, signed_in: DeviceClient):  # noqa: ANN001
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 6, "push, pull, login, health and the attachment calls are all described"
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case) -> None:  # noqa: ANN001
            case.call_and_validate(headers=signed_in.headers, timeout=30, checks=ALL_CHECKS)

        call()


def test_every_documented_error_is_the_error_body_the_server_sends(api_schema):  # noqa: ANN001
    """FastAPI documents 422 as a list of errors; the server answers {"detail", "code"} (errors.py)."""
    document = api_schema.raw_schema
    for path, item in document["paths"].items():
        for method, operation in item.items():
            for status, response in operation.get("responses", {}).items():
                if status.startswith("4") or status.startswith("5"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path, status, schema)
