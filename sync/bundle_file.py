"""The sync bundle file: a push or a pull written to a USB stick, signed by its sender and
encrypted to its recipient.

Layout (every length a 4-byte big-endian unsigned integer)::

    MAGIC
    len · header            JSON: format, kind, sender and recipient keys, device id, time
    len · sealed key        a fresh stream key, sealed (libsodium sealed box) to the recipient
    stream header           libsodium secretstream (XChaCha20-Poly1305)
    len · frame …           encrypted chunks of a tar stream: manifest.json.gz, then files/<name>
    len · final frame       tag FINAL: the sender's Ed25519 signature of sha256(MAGIC, header, tar)

The stream authenticates every chunk and its order, and only a FINAL frame ends it, so a file cut
short, a changed byte or frames in another order are refused; the signature says who made it.
Each side has one Ed25519 key: it signs, and its Curve25519 twin receives. Nothing is applied
before the whole file is read and the signature checked (``read_bundle`` unpacks into a folder).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import struct
import tarfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from nacl import bindings as sodium
from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import SealedBox
from nacl.signing import SigningKey, VerifyKey

from sync.bundle_problems import BundleError, BundleProblem

MAGIC = b"FIELDBOOK-BUNDLE\x00\x01"
FORMAT = 1
FRAME_BYTES = 1024 * 1024
MAX_HEADER_BYTES = 64 * 1024
MANIFEST = "manifest.json.gz"
_LEN = struct.Struct(">I")
_TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
_TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
_MAX_FRAME = FRAME_BYTES + sodium.crypto_secretstream_xchacha20poly1305_ABYTES


@dataclass(frozen=True)
class BundleHeader:
    kind: str  # "push" (device → server) or "pull" (server → device)
    sender_key: str  # hex Ed25519 verify key
    recipient_key: str
    device_id: str
    created_at: str

    def as_json(self) -> bytes:
        return json.dumps({"format": FORMAT, **self.__dict__}, sort_keys=True).encode()


@dataclass(frozen=True)
class Bundle:
    header: BundleHeader
    manifest: dict[str, Any]
    folder: Path  # the unpacked files: folder / name

    def file(self, name: str) -> Path | None:
        path = self.folder / "files" / name
        return path if path.is_file() else None


def new_key() -> SigningKey:
    return SigningKey.generate()


def signing_key(seed_hex: str) -> SigningKey:
    """The key kept as the hex of its 32-byte seed."""
    return SigningKey(bytes.fromhex(seed_hex))


def seed_hex(key: SigningKey) -> str:
    return bytes(key).hex()


def key_hex(key: SigningKey | VerifyKey) -> str:
    verify = key.verify_key if isinstance(key, SigningKey) else key
    return bytes(verify).hex()


def write_bundle(target: Path, kind: str, device_id: str, sender: SigningKey, recipient_key: str,
                 manifest: dict[str, Any], files: Iterable[tuple[str, Path | Callable[[], bytes]]]) -> int:
    """Write the bundle to ``target`` (through a temporary name, so a half-written file never looks
    finished); returns its size in bytes. ``files``: (name, its path or a function giving its
    bytes, for a file kept encrypted on disk)."""
    header = BundleHeader(kind, key_hex(sender), recipient_key, device_id,
                          dt.datetime.now(dt.UTC).isoformat(timespec="seconds")).as_json()
    key = sodium.crypto_secretstream_xchacha20poly1305_keygen()
    sealed = SealedBox(_verify_key(recipient_key).to_curve25519_public_key()).encrypt(key)
    partial = target.with_name(target.name + ".part")
    with open(partial, "wb") as raw:
        raw.write(MAGIC + _LEN.pack(len(header)) + header + _LEN.pack(len(sealed)) + sealed)
        stream = _EncryptingWriter(raw, key, MAGIC + header)
        with tarfile.open(fileobj=stream, mode="w|", format=tarfile.PAX_FORMAT) as tar:
            _add_bytes(tar, MANIFEST, gzip.compress(json.dumps(manifest, ensure_ascii=False).encode(), 6))
            for name, path in files:
                if callable(path):
                    _add_bytes(tar, f"files/{name}", path())
                else:
                    tar.add(str(path), arcname=f"files/{name}", recursive=False)
        stream.finish(sender)
        raw.flush()
    partial.replace(target)
    return target.stat().st_size


def read_bundle(source: Path, recipient: SigningKey, folder: Path,
                sender_key_for: Callable[[BundleHeader], str], kind: str) -> Bundle:
    """Read and check the whole bundle, unpacking it into ``folder``; raises BundleError.

    ``sender_key_for`` gives the key the sender must have (it may raise BundleError itself, e.g.
    for a revoked device); the header's own claim is never trusted.
    """
    try:
        raw = open(source, "rb")
    except OSError as exc:
        raise BundleError(f"cannot open {source}: {exc.strerror}", BundleProblem.UNREADABLE) from exc
    with raw:
        header_bytes, header = _read_header(raw)
        if header.kind != kind:
            raise BundleError(f"this is a {header.kind} bundle; a {kind} bundle is needed here",
                              BundleProblem.WRONG_KIND)
        if header.recipient_key != key_hex(recipient):
            raise BundleError("this bundle was made for another server or device", BundleProblem.ANOTHER_RECIPIENT)
        expected = sender_key_for(header)
        if header.sender_key != expected:
            raise BundleError("this bundle was not signed by the key registered for its sender", BundleProblem.FORGED)
        sealed = _read_exact(raw, _read_len(raw, 128), "the sealed key")
        try:
            key = SealedBox(recipient.to_curve25519_private_key()).decrypt(sealed)
        except CryptoError as exc:
            raise BundleError("this bundle was made for another server or device",
                              BundleProblem.ANOTHER_RECIPIENT) from exc
        stream = _DecryptingReader(raw, key, MAGIC + header_bytes)
        manifest = _unpack(stream, folder)
        signature = stream.drain()
    try:
        _verify_key(expected).verify(stream.digest(), signature)
    except BadSignatureError as exc:
        raise BundleError("the bundle's signature does not match its sender; it was changed or forged",
                          BundleProblem.FORGED) from exc
    return Bundle(header, manifest, folder)


def _unpack(stream: _DecryptingReader, folder: Path) -> dict[str, Any]:
    manifest: dict[str, Any] | None = None
    files = folder / "files"
    files.mkdir(parents=True, exist_ok=True)
    try:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                if member.name == MANIFEST and member.isfile():
                    manifest = json.loads(gzip.decompress(tar.extractfile(member).read()))
                elif member.isfile() and member.name.startswith("files/") and "/" not in member.name[6:] \
                        and member.name[6:] not in ("", ".", ".."):
                    with tar.extractfile(member) as data, open(files / member.name[6:], "wb") as out:
                        for block in iter(lambda: data.read(FRAME_BYTES), b""):
                            out.write(block)
                else:
                    raise BundleError(f"the bundle holds an unexpected entry {member.name!r}")
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        if isinstance(exc, BundleError):
            raise
        raise BundleError(f"the bundle's contents are damaged ({exc})") from exc
    if not isinstance(manifest, dict):
        raise BundleError("the bundle has no manifest")
    return manifest


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def _verify_key(hex_key: str) -> VerifyKey:
    try:
        return VerifyKey(bytes.fromhex(hex_key))
    except (ValueError, TypeError) as exc:
        raise BundleError("a bundle key is malformed") from exc


def _read_header(raw: BinaryIO) -> tuple[bytes, BundleHeader]:
    if raw.read(len(MAGIC)) != MAGIC:
        raise BundleError("this file is not a Fieldbook sync bundle", BundleProblem.NOT_A_BUNDLE)
    header_bytes = _read_exact(raw, _read_len(raw, MAX_HEADER_BYTES), "the header")
    try:
        fields = json.loads(header_bytes)
        if fields.pop("format") != FORMAT:
            raise BundleError("this bundle was written by a newer Fieldbook; update Fieldbook first",
                              BundleProblem.NEWER_FORMAT)
        return header_bytes, BundleHeader(**fields)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise BundleError("the bundle's header is damaged") from exc


def _read_len(raw: BinaryIO, limit: int) -> int:
    size = _LEN.unpack(_read_exact(raw, _LEN.size, "a length"))[0]
    if size > limit:
        raise BundleError("the bundle is damaged (a part is longer than allowed)")
    return size


def _read_exact(raw: BinaryIO, size: int, what: str) -> bytes:
    data = raw.read(size)
    if len(data) != size:
        raise BundleError(f"the bundle is cut short (in {what}); copy it again from the stick",
                          BundleProblem.CUT_SHORT)
    return data


class _EncryptingWriter(io.RawIOBase):
    """A write-only file that encrypts what is written into frames and hashes the plaintext."""

    def __init__(self, raw: BinaryIO, key: bytes, prefix: bytes):
        super().__init__()
        self._raw = raw
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        raw.write(sodium.crypto_secretstream_xchacha20poly1305_init_push(self._state, key))
        self._hash = hashlib.sha256(prefix)
        self._buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:
        self._hash.update(data)
        self._buffer += data
        while len(self._buffer) >= FRAME_BYTES:
            self._frame(bytes(self._buffer[:FRAME_BYTES]), _TAG_MESSAGE)
            del self._buffer[:FRAME_BYTES]
        return len(data)

    def finish(self, sender: SigningKey) -> None:
        if self._buffer:
            self._frame(bytes(self._buffer), _TAG_MESSAGE)
            self._buffer.clear()
        self._frame(sender.sign(self._hash.digest()).signature, _TAG_FINAL)

    def _frame(self, plain: bytes, tag: int) -> None:
        cipher = sodium.crypto_secretstream_xchacha20poly1305_push(self._state, plain, None, tag)
        self._raw.write(_LEN.pack(len(cipher)) + cipher)


class _DecryptingReader(io.RawIOBase):
    """A read-only file over the frames; ``drain`` reads to the FINAL frame and returns its payload."""

    def __init__(self, raw: BinaryIO, key: bytes, prefix: bytes):
        super().__init__()
        self._raw = raw
        self._state = sodium.crypto_secretstream_xchacha20poly1305_state()
        header = _read_exact(raw, sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES, "the stream header")
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(self._state, header, key)
        self._hash = hashlib.sha256(prefix)
        self._buffer = memoryview(b"")  # the current frame's plaintext not yet read
        self._final: bytes | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, target: bytearray | memoryview) -> int:
        while not self._buffer and self._final is None:
            self._next_frame()
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]  # a view: no copy of the rest of the frame
        return n

    def drain(self) -> bytes:
        while self._final is None:
            self._buffer = memoryview(b"")
            self._next_frame()
        return self._final

    def digest(self) -> bytes:
        return self._hash.digest()

    def _next_frame(self) -> None:
        cipher = _read_exact(self._raw, _read_len(self._raw, _MAX_FRAME), "the data")
        try:
            plain, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(self._state, cipher, None)
        except (CryptoError, RuntimeError, ValueError) as exc:
            raise BundleError("the bundle is damaged (a part does not decrypt); copy it again") from exc
        if tag == _TAG_FINAL:
            self._final = plain
            if self._raw.read(1):
                raise BundleError("the bundle has data after its end; it was changed")
        else:
            self._hash.update(plain)
            self._buffer = memoryview(plain)
