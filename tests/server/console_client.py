"""A browser-like client of the web console for tests: keeps cookies, reads CSRF tokens from the forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import requests

from tests.server.support import RunningServer

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class ConsoleClient:
    server: RunningServer
    http: requests.Session = field(default_factory=requests.Session)
    csrf: str = ""

    def get(self, path: str, **kwargs) -> requests.Response:
        response = self.http.get(self.server.url(path), timeout=60, allow_redirects=False, **kwargs)
        found = _CSRF.search(response.text) if response.headers.get("content-type", "").startswith("text/html") \
            else None
        if found:
            self.csrf = found.group(1)
        return response

    def post(self, path: str, data: dict | None = None, *, with_csrf: bool = True, **kwargs) -> requests.Response:
        fields = dict(data or {})
        if with_csrf:
            fields.setdefault("csrf", self.csrf)
        return self.http.post(self.server.url(path), data=fields, timeout=60, allow_redirects=False, **kwargs)

    def sign_in(self, username: str, password: str) -> requests.Response:
        self.get("/console/login")
        response = self.post("/console/login", {"username": username, "password": password})
        if response.status_code == 303:
            self.get("/console/accounts")  # a page with the session's CSRF token
        return response
