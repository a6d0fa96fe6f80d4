"""Benchmark: a season on a USB stick — 2,000 visits and 500 photos exported by a laptop, imported
by the office's server (PostgreSQL), the answer exported by the server and imported by the laptop.

Budget (DESIGN.md): export and import each < 1 min. Beside each figure it prints its floor, measured
in the same run: copying the bundle's bytes (a plain file copy, as to a stick) and, for the server
import, the same entries pushed online over loopback. Prints figures, asserts nothing about time.

Run: `.venv/bin/python benchmarks/bench_bundles.py [--visits 2000] [--photos 500]`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from benchmarks.bench_sync import PASSWORD, device, make_visits
from sqlalchemy import select

from desktop.domain.records import Attachment
from desktop.services.photos import PhotoService
from desktop.store import repository
from desktop.store.models import VisitRow
from sync.client import bundles as device_bundles
from sync.domain.vocabulary import RecordType, Role
from sync.server.config import ServerSettings
from sync.server.services import admin
from sync.server.services import bundles as server_bundles
from sync.server.services.attachment_files import AttachmentFiles
from sync.server.store.database import Database
from tests.server.conftest import fresh_database
from tests.sync.harness import ServerProcess


def add_photos(service, count: int, folder: Path, rng: random.Random) -> int:
    """``count`` photos of about 300 KB (a phone picture after the app's downscaling) on visits."""
    store, photos = service.store, PhotoService(service.store)
    with store.reader() as s:
        visits = list(s.scalars(select(VisitRow.id).limit(count)))
    total = 0
    for i in range(count):
        image = Image.effect_noise((1200, 900), 40).convert("RGB")
        path = folder / f"p{i}.jpg"
        image.save(path, quality=80)
        photo = photos.import_photo(path)
        total += photo.size
        with store.unit_of_work() as s:
            repository.put(s, Attachment(sha256=photo.sha256, mime_type="image/jpeg", size=photo.size,
                                         owner_type=RecordType.VISIT, owner_id=visits[i % len(visits)],
                                         filename=path.name))
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=2000)
    parser.add_argument("--photos", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp, fresh_database("postgres", Path(tmp)) as db_url:
        root = Path(tmp)
        server = ServerProcess("postgres", db_url, root)
        server.start()
        db = Database(db_url)
        files = AttachmentFiles(ServerSettings.resolve(db_url, server.data_dir).attachments_dir)
        try:
            station = f"BENCH-{uuid.uuid4().hex[:6]}"
            admin.add_station(db, station, "基准测试工作站", "150422")
            admin.add_user(db, "wang", "王芳", Role.SPECIALIST, PASSWORD, admin.Area(station=station))
            wang = device(root / "wang", server.base_url, "wang", Role.SPECIALIST)
            make_visits(wang, args.visits, rng)
            (root / "src").mkdir()
            photo_bytes = add_photos(wang, args.photos, root / "src", rng)
            entries = wang.local.pending_count()

            stick = root / "stick.fbsync"
            started = time.perf_counter()
            out = device_bundles.export_push_bundle(wang.local, stick)
            export_s = time.perf_counter() - started
            started = time.perf_counter()
            shutil.copyfile(stick, root / "copy.fbsync")
            copy_s = time.perf_counter() - started

            started = time.perf_counter()
            imported = server_bundles.import_push_bundle(db, files, stick)
            import_s = time.perf_counter() - started
            started = time.perf_counter()
            again = server_bundles.import_push_bundle(db, files, stick)
            again_s = time.perf_counter() - started

            back = root / "back.fbsync"
            started = time.perf_counter()
            answer = server_bundles.export_pull_bundle(db, files, wang.local.device_id(), back)
            back_export_s = time.perf_counter() - started
            started = time.perf_counter()
            taken = device_bundles.import_pull_bundle(wang.local, back)
            back_import_s = time.perf_counter() - started
            assert wang.local.pending_count() == 0, "the answer did not acknowledge every change"
            assert imported.photos_stored == args.photos and again.photos_known == args.photos
        finally:
            server.stop()
            db.dispose()

    mb = out.size / 1e6
    print(f"season                     {entries:,} changes ({args.visits:,} visits, households, {args.photos} "
          f"photo records) and {args.photos} photos of {photo_bytes / 1e6:.0f} MB")
    print(f"floor: copy the bundle     {copy_s:8.2f} s   ({mb:.0f} MB)")
    print(f"laptop: export             {export_s:8.2f} s   ({export_s / max(copy_s, 1e-6):.0f}x the copy)")
    print(f"server: import             {import_s:8.2f} s   ({imported.summary()})")
    print(f"server: import again       {again_s:8.2f} s   (changes nothing)")
    print(f"server: export the answer  {back_export_s:8.2f} s   ({answer.changes:,} changes, {answer.photos} "
          f"photos, {answer.size / 1e6:.1f} MB)")
    print(f"laptop: import the answer  {back_import_s:8.2f} s   ({taken.summary()})")


if __name__ == "__main__":
    main()
