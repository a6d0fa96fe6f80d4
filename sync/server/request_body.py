"""ASGI middleware that reads request bodies within a size limit and undoes gzip encoding.

It runs before routing, so a too-large or badly encoded body gets a clear 413 / 400 / 415 and
never reaches a handler. Too-large bodies are drained (up to a bound) before answering, so that
the client reads the answer instead of a reset connection.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import ErrorCode

_DRAIN_LIMIT = 64 * 1024 * 1024
_BODY_METHODS = {"POST", "PUT", "PATCH"}


class _Refused(Exception):
    def __init__(self, status: int, code: ErrorCode, detail: str):
        self.status, self.code, self.detail = status, code, detail


class RequestBodyMiddleware:
    """``limit_for(path)`` gives the largest body (after decompression) a path accepts."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]):
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        limit = self.limit_for(scope["path"])
        try:
            encoding = headers.get("content-encoding", "identity").strip().lower()
            if encoding not in ("identity", "gzip", ""):
                raise _Refused(415, ErrorCode.UNSUPPORTED_ENCODING, f"Content-Encoding {encoding} is not accepted; "
                               "send gzip or plain bodies")
            body = await _read(receive, limit, headers.get("content-length"))
            if encoding == "gzip":
                body = _gunzip(body, limit)
        except _Refused as refused:
            await _answer(send, refused)
            return
        scope = dict(scope)
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k not in (b"content-encoding", b"content-length")]
        scope["headers"].append((b"content-length", str(len(body)).encode()))
        await self.app(scope, _replay(body, receive), send)


async def _read(receive: Receive, limit: int, declared: str | None) -> bytes:
    too_large = _Refused(413, ErrorCode.PAYLOAD_TOO_LARGE, f"the request body is larger than {limit} bytes")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        if int(declared) <= _DRAIN_LIMIT:
            await _drain(receive, 0)
        raise too_large
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Refused(400, ErrorCode.INVALID_REQUEST, "the client went away")
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            if message.get("more_body", False):
                await _drain(receive, size)
            raise too_large
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _drain(receive: Receive, size: int) -> None:
    while size <= _DRAIN_LIMIT:
        message = await receive()
        if message["type"] != "http.request":
            return
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _gunzip(body: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, limit + 1)
    except zlib.error as exc:
        raise _Refused(400, ErrorCode.INVALID_REQUEST, f"the body is not valid gzip ({exc})") from None
    if len(data) > limit or inflater.unconsumed_tail:
        raise _Refused(413, ErrorCode.PAYLOAD_TOO_LARGE, f"the decompressed body is larger than {limit} bytes")
    if not inflater.eof:
        raise _Refused(400, ErrorCode.INVALID_REQUEST, "the gzip body is truncated")
    return data


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _answer(send: Send, refused: _Refused) -> None:
    payload = json.dumps({"detail": refused.detail, "code": refused.code.value}).encode()
    await send({"type": "http.response.start", "status": refused.status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
