"""HTTP transport to the sync server: version headers, timeouts, bounded retries, gzip, typed errors.

Every call is safe to retry as far as the server is concerned (the push ledger makes a resent
batch change nothing, pulls and HEADs only read), except appending an upload chunk, which is
never retried here: the engine asks the server for its offset again instead.
"""

from __future__ import annotations

import email.utils
import gzip
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import requests
from pydantic import BaseModel, ValidationError

from sync import json_text
from sync.client.errors import SESSION_ENDED, SyncError, SyncErrorKind
from sync.protocol import (
    ACTIVATE_PATH,
    ATTACHMENT_PATH,
    HEADER_DEVICE,
    HEADER_PROTOCOL,
    HEADER_SCHEMA,
    HEADER_UPLOAD_LENGTH,
    HEADER_UPLOAD_OFFSET,
    LOGIN_PATH,
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    SCHEMA_VERSION,
    TARGETS_PATH,
    ActivateRequest,
    CompactEntry,
    ErrorCode,
    LoginRequest,
    LoginResponse,
    PullResponse,
    PushRequest,
    PushResponse,
    TargetList,
    TargetUpdate,
    compact_entry,
)

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

RETRY_STATUSES = frozenset({429, 502, 503, 504})
#: Bodies smaller than this go uncompressed: gzip's own framing would outweigh the saving.
GZIP_MIN_BYTES = 256


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential backoff with full jitter; ``Retry-After`` is honoured up to ``max_delay``."""

    attempts: int = 4  # tries in all, the first one included
    base_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        if retry_after is not None:
            return min(max(retry_after, 0.0), self.max_delay)
        return rng.uniform(0, min(self.max_delay, self.base_delay * 2 ** attempt))


@dataclass
class WireStats:
    """What went over the wire in HTTP bodies (headers not counted), for reports and benchmarks."""

    requests: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    retries: int = 0


@dataclass
class TransportConfig:
    server_url: str
    device_id: str
    ca_bundle: str | None = None  # a PEM file for a server whose certificate a private CA signed
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)


class Transport:
    """Talks to one server for one device; ``token`` is set after sign-in and never logged."""

    def __init__(self, config: TransportConfig, token: str | None = None, *,
                 session: requests.Session | None = None, sleep: Callable[[float], None] = time.sleep,
                 rng: random.Random | None = None):
        self.config = config
        self.base_url = config.server_url.rstrip("/")
        self.token = token
        self.stats = WireStats()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._session = session or requests.Session()
        self._session.headers.update({
            HEADER_PROTOCOL: str(PROTOCOL_VERSION),
            HEADER_SCHEMA: str(SCHEMA_VERSION),
            HEADER_DEVICE: config.device_id,
            "Accept-Encoding": "gzip",
            "User-Agent": f"Fieldbook/{PROTOCOL_VERSION}",
        })
        # Passed with every request: requests lets $REQUESTS_CA_BUNDLE override a session's own setting.
        self._verify: bool | str = config.ca_bundle or True

    def close(self) -> None:
        self._session.close()

    # --- the calls --------------------------------------------------------------------------

    def login(self, request: LoginRequest, last_token: str | None = None) -> LoginResponse:
        """``last_token``: the token this device was given last, even one the server no longer takes;
        it tells the server's password throttle this is a known device."""
        headers = {"Authorization": f"Bearer {last_token}"} if last_token else None
        # A 429 on login is the password throttle, not a busy server: say so instead of waiting.
        response = self._request("POST", LOGIN_PATH, json_body=request.model_dump(mode="json"), login=True,
                                 headers=headers, retry_statuses=frozenset({502, 503, 504}))
        return self._parse(response, LoginResponse)

    def activate(self, request: ActivateRequest) -> LoginResponse:
        """A new account's first sign-in with its one-time code; answered like a login."""
        response = self._request("POST", ACTIVATE_PATH, json_body=request.model_dump(mode="json"), login=True,
                                 retry_statuses=frozenset({502, 503, 504}))
        return self._parse(response, LoginResponse)

    def push(self, request: PushRequest) -> PushResponse:
        # Entries go in their compact form (protocol 2): the server fills in what is left out.
        entries = [e.wire if isinstance(e, CompactEntry) else compact_entry(e) for e in request.entries]
        response = self._request("POST", PUSH_PATH, json_body={"entries": entries})
        return self._parse(response, PushResponse)

    def pull(self, cursor: int, targets_version: int | None = None) -> PullResponse:
        """A page after ``cursor``; with ``targets_version`` (the device's) the answer says the server's
        and carries the targets when they differ."""
        params = {"cursor": cursor} | ({} if targets_version is None else {"targets_version": targets_version})
        response = self._request("GET", PULL_PATH, params=params)
        return self._parse(response, PullResponse)

    def targets(self) -> TargetList:
        return self._parse(self._request("GET", TARGETS_PATH), TargetList)

    def update_targets(self, update: TargetUpdate) -> TargetList:
        """Set target values (a region admin's call); setting a value twice is harmless, so it is retried."""
        response = self._request("PATCH", TARGETS_PATH, json_body=update.model_dump(mode="json"))
        return self._parse(response, TargetList)

    def upload_offset(self, sha256: str) -> int:
        """How many bytes of this file the server holds (0 when it has none)."""
        response = self._request("HEAD", ATTACHMENT_PATH.format(sha256=sha256), allow={404})
        if response.status_code == 404:
            return 0
        return self._offset_header(response)

    def upload_chunk(self, sha256: str, offset: int, total: int, chunk: bytes) -> int | None:
        """Append ``chunk`` at ``offset``; returns the server's new offset, or None when the server
        holds a different offset (409). Not retried here: after a failure part of the chunk may have
        arrived, so the caller asks for the offset again."""
        response = self._request(
            "PUT", ATTACHMENT_PATH.format(sha256=sha256), data=chunk, retry=False, allow={409},
            headers={HEADER_UPLOAD_OFFSET: str(offset), HEADER_UPLOAD_LENGTH: str(total),
                     "Content-Type": "application/offset+octet-stream"},
        )
        return None if response.status_code == 409 else self._offset_header(response)

    def download(self, sha256: str) -> bytes | None:
        """The file's bytes, or None when the server does not have all of it yet."""
        response = self._request("GET", ATTACHMENT_PATH.format(sha256=sha256), allow={404})
        return None if response.status_code == 404 else response.content

    # --- plumbing ---------------------------------------------------------------------------

    def _request(self, method: str, path: str, *, json_body: Any = None, data: bytes | None = None,
                 params: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
                 retry: bool = True, login: bool = False, allow: frozenset[int] | set[int] = frozenset(),
                 retry_statuses: frozenset[int] = RETRY_STATUSES) -> requests.Response:
        url = self.base_url + path
        headers = dict(headers or {})
        if self.token and not login:
            headers["Authorization"] = f"Bearer {self.token}"
        body = data
        if json_body is not None:
            body = json_text.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
            if len(body) >= GZIP_MIN_BYTES:
                body = gzip.compress(body, compresslevel=6, mtime=0)
                headers["Content-Encoding"] = "gzip"
        policy = self.config.retry
        attempts = policy.attempts if retry else 1
        timeout = (self.config.connect_timeout, self.config.read_timeout)
        for attempt in range(attempts):
            last = attempt == attempts - 1
            started = time.monotonic()
            self.stats.requests += 1
            self.stats.bytes_sent += len(body or b"")
            try:
                response = self._session.request(method, url, data=body, params=params, headers=headers,
                                                 timeout=timeout, verify=self._verify)
                _ = response.content  # read it all here, so a cut mid-body is a retryable error
                _check_complete(response)
            except requests.exceptions.SSLError as exc:
                raise SyncError(SyncErrorKind.SERVER, "The server's certificate could not be verified; "
                                "check the server address or ask for its CA certificate.", detail=str(exc)) from exc
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                    requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
                log.info("%s %s failed (%s), attempt %d/%d", method, path, type(exc).__name__, attempt + 1, attempts)
                if last:
                    raise SyncError(SyncErrorKind.OFFLINE, detail=f"{type(exc).__name__}: {exc}") from exc
                self._backoff(attempt, None)
                continue
            except requests.exceptions.RequestException as exc:
                raise SyncError(SyncErrorKind.PROTOCOL, "The server address is not usable; write it as "
                                "https://name.of.the.server", detail=f"{type(exc).__name__}: {exc}") from exc
            self.stats.bytes_received += int(response.headers.get("Content-Length") or len(response.content))
            log.debug("%s %s -> %d in %.3f s", method, path, response.status_code, time.monotonic() - started)
            if response.status_code in retry_statuses and not last:
                log.info("%s %s -> %d, retrying (attempt %d/%d)", method, path, response.status_code,
                         attempt + 1, attempts)
                self._backoff(attempt, _retry_after(response))
                continue
            if response.status_code < 400 or response.status_code in allow:
                return response
            raise _error_for(response, login)
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int, retry_after: float | None) -> None:
        self.stats.retries += 1
        self._sleep(self.config.retry.delay(attempt, retry_after, self._rng))

    @staticmethod
    def _parse(response: requests.Response, model: type[M]) -> M:
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, detail=f"{model.__name__}: {exc}") from exc

    @staticmethod
    def _offset_header(response: requests.Response) -> int:
        try:
            return int(response.headers[HEADER_UPLOAD_OFFSET])
        except (KeyError, ValueError) as exc:
            raise SyncError(SyncErrorKind.PROTOCOL, detail=f"no usable {HEADER_UPLOAD_OFFSET} header") from exc


class TruncatedResponse(requests.exceptions.ConnectionError):
    """The line was cut inside the response's headers."""


def _check_complete(response: requests.Response) -> None:
    # http.client takes the end of the stream for the end of the headers, so a line cut mid-headers
    # looks like a whole response without a body. The server always frames its bodies (a length
    # or chunked encoding); a response with neither was cut short.
    if "Content-Length" not in response.headers and "Transfer-Encoding" not in response.headers:
        raise TruncatedResponse(f"response to {response.request.method} without framing headers: cut short")


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def server_detail(response: requests.Response) -> tuple[str, str]:
    """The server's (code, message): ``{"detail": "<message>", "code": "<ErrorCode>"}`` (protocol.ErrorBody)."""
    try:
        body = response.json()
    except ValueError:
        return "", response.text[:200]
    if not isinstance(body, dict):
        return "", str(body)[:200]
    detail = body.get("detail", "")
    if isinstance(detail, list):  # FastAPI's own validation errors, should one slip through
        detail = "; ".join(str(e.get("msg", e)) if isinstance(e, dict) else str(e) for e in detail)
    return str(body.get("code", "")), str(detail)[:500]


def _error_for(response: requests.Response, login: bool) -> SyncError:
    status = response.status_code
    code, message = server_detail(response)
    detail = f"HTTP {status} {code}: {message}"
    if status == 426 or code == ErrorCode.UPGRADE_REQUIRED:
        return SyncError(SyncErrorKind.UPGRADE_REQUIRED, status=status, detail=detail)
    if code == ErrorCode.DEVICE_REVOKED:
        return SyncError(SyncErrorKind.REVOKED, status=status, detail=detail)
    if code == ErrorCode.TOO_MANY_ATTEMPTS:
        wait = _retry_after(response)
        text = "Too many failed sign-ins. Wait a little and try again."
        if wait:
            text = f"Too many failed sign-ins. Try again in {round(wait)} seconds."
        return SyncError(SyncErrorKind.AUTH, text, status=status, detail=detail)
    if code == ErrorCode.BAD_CREDENTIALS or (login and status == 401):
        return SyncError(SyncErrorKind.AUTH, "The user name or password is wrong.", status=status, detail=detail)
    if code == ErrorCode.SESSION_ENDED:
        return SyncError(SyncErrorKind.AUTH, SESSION_ENDED, status=status, detail=detail)
    if code == ErrorCode.USER_INACTIVE:
        return SyncError(SyncErrorKind.AUTH, "This account has been deactivated. Ask your administrator.",
                         status=status, detail=detail)
    if code == ErrorCode.DEVICE_OF_ANOTHER_USER:
        return SyncError(SyncErrorKind.AUTH, "This computer's profile is registered to another user. "
                         "Use your own profile to sign in.", status=status, detail=detail)
    if status in (401, 403):
        return SyncError(SyncErrorKind.AUTH, status=status, detail=detail)
    if status >= 500 or status in RETRY_STATUSES:
        return SyncError(SyncErrorKind.SERVER, status=status, detail=detail)
    return SyncError(SyncErrorKind.PROTOCOL, f"The server refused the request: {message or status}",
                     status=status, detail=detail)
