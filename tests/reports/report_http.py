"""Asks a running server for the indicator report the way a client does."""

from __future__ import annotations

from typing import Any

import requests

from sync.reports_protocol import INDICATORS_REPORT_PATH
from tests.server.support import DeviceClient


def get_report(device: DeviceClient, **params: Any) -> requests.Response:
    """The indicator report as ``device``'s user asks for it (parameters as the query string has them)."""
    query = {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in params.items() if v is not None}
    return device.http.get(device.server.url(INDICATORS_REPORT_PATH), params=query, headers=device.headers,
                           timeout=120)


def report(device: DeviceClient, **params: Any) -> dict[str, Any]:
    response = get_report(device, **params)
    assert response.status_code == 200, response.text
    return response.json()
