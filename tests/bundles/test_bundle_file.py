"""The bundle file on its own: what is written is read back only by its recipient, from its
sender, whole; a cut, a changed byte or another key is refused with a reason."""

from __future__ import annotations

import os

import pytest

from sync.bundle_file import BundleError, key_hex, new_key, read_bundle, write_bundle

DEVICE, SERVER, STRANGER = new_key(), new_key(), new_key()


def _write(tmp_path, size=3 * 1024 * 1024 + 17):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(os.urandom(size))
    target = tmp_path / "device.fbsync"
    write_bundle(target, "push", "dev-1", DEVICE, key_hex(SERVER), {"entries": [{"seq": 1}], "名": "王芳"},
                 [("a" * 64, photo)])
    return target, photo


def _read(path, tmp_path, recipient=SERVER, sender=DEVICE, kind="push"):
    return read_bundle(path, recipient, tmp_path / "out", lambda header: key_hex(sender), kind)


def test_the_recipient_reads_back_what_the_sender_wrote(tmp_path):
    target, photo = _write(tmp_path)
    bundle = _read(target, tmp_path)
    assert bundle.manifest == {"entries": [{"seq": 1}], "名": "王芳"}
    assert bundle.header.device_id == "dev-1" and bundle.header.kind == "push"
    assert bundle.file("a" * 64).read_bytes() == photo.read_bytes()
    assert b"\xe7\x8e\x8b\xe8\x8a\xb3" not in target.read_bytes()  # 王芳 is not readable in the file


@pytest.mark.parametrize("keep", [0, 10, 200, 1024 * 1024, -1])
def test_a_bundle_cut_short_anywhere_is_refused(tmp_path, keep):
    target, _ = _write(tmp_path)
    data = target.read_bytes()
    target.write_bytes(data[:keep] if keep >= 0 else data[:-1])
    with pytest.raises(BundleError):
        _read(target, tmp_path)


def test_a_changed_byte_is_refused(tmp_path):
    target, _ = _write(tmp_path)
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    with pytest.raises(BundleError, match="damaged"):
        _read(target, tmp_path)


def test_another_recipient_cannot_read_it(tmp_path):
    target, _ = _write(tmp_path)
    with pytest.raises(BundleError, match="another server"):
        _read(target, tmp_path, recipient=STRANGER)


def test_a_bundle_signed_by_another_key_than_the_registered_one_is_refused(tmp_path):
    target, _ = _write(tmp_path)
    with pytest.raises(BundleError, match="not signed by the key registered"):
        _read(target, tmp_path, sender=STRANGER)


def test_a_push_bundle_is_not_taken_as_a_pull_bundle(tmp_path):
    target, _ = _write(tmp_path)
    with pytest.raises(BundleError, match="push bundle"):
        _read(target, tmp_path, kind="pull")


def test_a_file_that_is_no_bundle_says_so(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(BundleError, match="not a Fieldbook sync bundle"):
        _read(other, tmp_path)
