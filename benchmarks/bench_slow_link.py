"""Benchmark: a day's sync (50 records, 10 photos) over a slow line of 256 kbit/s each way and 400 ms round trip.

Budget (DESIGN.md): within 1.2× of bytes ÷ bandwidth. A real server (uvicorn, PostgreSQL or SQLite)
sits behind the loopback network simulator (tests/sync/netsim.py); a signed-in laptop profile, synced
the evening before, records a day's work (households, visits, a training, photos imported the way the
app imports them) and runs one sync with the client `fieldbook sync` uses: push, pull, uploads.
Printed beside the elapsed time, measured in the same run: the bytes that crossed the line each way,
the requests made, the ideal time (bytes ÷ bandwidth) and, apart, what the round trips add
(round trip × requests); and the same day's sync by another laptop over the unshaped loopback, which
is the time the client and server spend working. The line is paced as a serial line that never
bursts (``--pacing bucket`` uses the simulator's token bucket instead, which flatters a
request/response protocol by a few percent). Prints figures, asserts nothing about time.

Run: `.venv/bin/python benchmarks/bench_slow_link.py [--backend postgres|sqlite] [--records 50] [--photos 10]
[--kbit 256] [--rtt-ms 400] [--pacing serial|bucket]` (PostgreSQL on 127.0.0.1:5432 for the default backend).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from keyring.backends import fail
from PIL import Image

from desktop.domain.records import Attachment, Household, Training, Visit
from desktop.profile import Profile, open_profile
from desktop.services.photos import MIME_TYPE, PhotoService
from desktop.services.records import RecordService
from desktop.services.sync_service import SyncService
from desktop.store import repository
from sync.client.credentials import CredentialStore
from sync.client.engine import SyncProgress, SyncReport
from sync.domain.vocabulary import HouseholdKind, RecordType, Role, ServiceType, VisitMode
from sync.server.services import admin
from sync.server.store.database import Database
from tests.factories import COUNTY, VILLAGE
from tests.server.conftest import fresh_database
from tests.sync.harness import Device, ServerProcess, assert_converged
from tests.sync.netsim import Link, NetSim, Traffic

PASSWORD = "slow link password 2026"
DAY = dt.date(2026, 6, 15)
PROBLEMS = ["玉米螟危害严重，叶片有虫孔", "犊牛腹泻，精神不振", "母羊产后瘫痪", "马铃薯晚疫病初发", "大棚番茄灰霉病",
            "牧草返青差，草场退化", "肉牛育肥增重慢", "向日葵列当寄生"]
ADVICE = ["释放赤眼蜂，喷施苏云金杆菌", "补充电解质，圈舍消毒，隔离病犊", "静脉补钙，加强产后护理",
          "喷施烯酰吗啉，清除中心病株", "通风降湿，摘除病果", "补播披碱草，围栏轮牧", "调整日粮精粗比", "轮作倒茬"]


def slow_link(kbit: float = 256, rtt_ms: float = 400) -> Link:
    """A symmetric line: ``kbit`` kbit/s each way, half the round trip each way."""
    return Link(latency_up=rtt_ms / 2000, latency_down=rtt_ms / 2000, bandwidth_up=kbit * 1000,
                bandwidth_down=kbit * 1000)


class SerialLine:
    """One direction of a line that sends its bytes one after another at its rate: a slice leaves
    when its last bit would have reached the far end, never sooner.

    The simulator's own token bucket lets a few segments (5,840 B) through at once after each idle
    spell, which a real 256 kbit/s line cannot; with a request/response protocol every request and
    answer starts after such a spell, so the bucket would take up to 0.18 s (at 256 kbit/s) off each one.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._free_at = 0.0

    def take(self, n: int, bits_per_second: float | None, alive: threading.Event) -> None:
        if not bits_per_second:
            return
        with self._lock:
            self._free_at = max(self._free_at, time.monotonic()) + n * 8 / bits_per_second
            until = self._free_at
        while alive.is_set() and (wait := until - time.monotonic()) > 0:
            time.sleep(min(wait, 0.05))


def line_simulator(upstream_port: int, serial: bool = True) -> NetSim:
    """The loopback simulator in front of the server; ``serial`` paces it as a real serial line."""
    proxy = NetSim(upstream_port)
    if serial:
        # NetSim keeps one pacer per direction in ``_buckets`` (any object with its ``take``).
        if set(getattr(proxy, "_buckets", {})) != {"up", "down"}:
            raise RuntimeError("tests/sync/netsim.py no longer paces through _buckets; update SerialLine")
        proxy._buckets = {"up": SerialLine(), "down": SerialLine()}
    return proxy


@dataclass
class DaySync:
    """One timed sync of a day's work and what crossed the line."""

    records: int
    photos: int
    photo_bytes: int
    link: Link
    traffic: Traffic
    elapsed: float
    report: SyncReport
    phases: dict[str, float] = field(default_factory=dict)  # seconds from the start to each phase's last step
    loopback_elapsed: float | None = None  # the same work by another laptop over the unshaped line

    @property
    def bandwidth_seconds(self) -> float:
        """The ideal: bytes ÷ bandwidth, each direction at its own rate (a sync's requests and answers
        take turns, so the two directions add up)."""
        up = self.traffic.up * 8 / self.link.bandwidth_up if self.link.bandwidth_up else 0.0
        down = self.traffic.down * 8 / self.link.bandwidth_down if self.link.bandwidth_down else 0.0
        return up + down

    @property
    def round_trip_seconds(self) -> float:
        """What the requests' round trips add on top: one round trip per request."""
        return self.traffic.requests * (self.link.latency_up + self.link.latency_down)

    @property
    def ratio(self) -> float:
        return self.elapsed / self.bandwidth_seconds if self.bandwidth_seconds else float("nan")


def field_photo(path: Path, seed: int, size: tuple[int, int] = (2400, 1800)) -> Path:
    """A picture that compresses like a field photo (structure at every scale, some grain): about
    370 KB once imported at 1600 px. Smooth test pictures would shrink to a few KB and flatter the line."""
    rng = random.Random(seed)
    channels = []
    for _ in range(3):
        layer = Image.new("L", size, 100 + rng.randrange(60))
        for divisor, weight in ((256, 0.6), (64, 0.4), (16, 0.3), (4, 0.25), (1, 0.1)):
            noise = Image.effect_noise((max(2, size[0] // divisor), max(2, size[1] // divisor)), 50)
            layer = Image.blend(layer, noise.resize(size, Image.Resampling.BICUBIC), weight)
        channels.append(layer)
    Image.merge("RGB", channels).save(path, "JPEG", quality=95)
    return path


def record_day(profile: Profile, records: int, photos: int, folder: Path, seed: int = 7) -> int:
    """A day's work saved through the app's services: households, visits, a training and ``photos``
    photos (each an attachment record, counted among ``records``); returns the photos' bytes."""
    rest = records - photos
    if rest < 2:
        raise ValueError("a day needs at least a household and a visit besides the photos")
    rng = random.Random(seed)
    identity = profile.identity.current()
    assert identity is not None
    service = RecordService(profile.store, identity, today=lambda: DAY)
    n_households = max(1, rest // 5)
    n_trainings = 1 if rest >= 10 else 0
    households = [service.save(Household(
        name=f"牧户{i:02d}", kind=HouseholdKind.FARMER, phone=f"1384711{i:04d}", village_code=VILLAGE,
        industries=("肉牛",), livestock_head=rng.randrange(10, 120), contact_consent=True))[0].id
        for i in range(n_households)]
    visits = [service.save(Visit(
        visit_date=DAY, mode=VisitMode.ONSITE, duration_hours=rng.choice((1.0, 1.5, 2.0, 3.0)), village_code=VILLAGE,
        household_ids=(households[i % n_households],), service_types=(ServiceType.GUIDANCE.value,), industry="肉牛",
        problem=rng.choice(PROBLEMS), advice=rng.choice(ADVICE)))[0].id
        for i in range(rest - n_households - n_trainings)]
    for _ in range(n_trainings):
        service.save(Training(training_date=DAY, village_code=VILLAGE, place="村委会会议室", topic="肉牛冬季舍饲管理",
                              industry="肉牛", trainers=(identity.display_name,), hours=3.0,
                              attendees={"farmer": 28, "backbone": 4}))
    photo_service, total = PhotoService(profile.store), 0
    (folder / "camera").mkdir(exist_ok=True)
    for i in range(photos):
        stored = photo_service.import_photo(field_photo(folder / "camera" / f"IMG_{i:04d}.jpg", seed + i))
        owner = visits[i % len(visits)]
        with profile.store.unit_of_work() as s:
            repository.put(s, Attachment(sha256=stored.sha256, mime_type=MIME_TYPE, size=stored.size,
                                         owner_type=RecordType.VISIT, owner_id=owner, filename=f"IMG_{i:04d}.jpg",
                                         author_id=identity.user_id, station_id=identity.station_code))
        total += stored.size
    return total


def _device(folder: Path, db: Database, server_url: str, username: str, station: str) -> Device:
    admin.add_station(db, station, f"{station} 工作站", COUNTY)
    admin.add_user(db, username, f"{username} 专家", Role.SPECIALIST, PASSWORD, admin.Area(station=station))
    profile = open_profile(folder)
    # First run offers the stations of the work plan; signing in moves the profile to the account's.
    profile.identity.set_up(f"{username} 专家", Role.SPECIALIST, "commissioner", "WS-045", COUNTY)
    service = SyncService(profile.store, CredentialStore(fail.Keyring()))
    service.sign_in(server_url, username, PASSWORD)
    device = Device(username, profile, service, username)
    device.sync_ok()  # the evening before: in step with the server
    return device


def _timed_sync(device: Device) -> tuple[float, SyncReport, dict[str, float]]:
    started = time.perf_counter()
    marks: dict[str, float] = {}

    def progress(p: SyncProgress) -> None:
        marks[p.phase.value] = time.perf_counter() - started

    report, _ = device.service.sync_now(progress)
    return time.perf_counter() - started, report, marks


def run_day_sync(backend: str, folder: Path, *, records: int = 50, photos: int = 10, link: Link | None = None,
                 serial: bool = True, loopback_baseline: bool = True) -> DaySync:
    """Record a day's work on a laptop synced the day before and sync it once through ``link``;
    checks that the laptop and the server then hold the same records."""
    link = link or slow_link()
    with fresh_database(backend, folder) as url:
        server = ServerProcess(backend, url, folder)
        server.start()
        proxy = line_simulator(server.port, serial)  # unshaped while the laptops sign in
        db = Database(url)
        devices: list[Device] = []
        try:
            wang = _device(folder / "wang", db, proxy.url, "wang", "BENCH-A")
            devices.append(wang)
            photo_bytes = record_day(wang.profile, records, photos, folder)
            proxy.link = link
            proxy.reset_traffic()
            elapsed, report, marks = _timed_sync(wang)
            traffic = proxy.reset_traffic()
            proxy.link = Link()
            if report.error is not None or not report.finished:
                raise RuntimeError(f"the day's sync did not finish: {report.summary()}")
            if report.rejected or report.conflicts or report.uploaded != photos:
                raise RuntimeError(f"the day's sync did not apply everything: {report.summary()}")
            assert_converged(db, wang)
            result = DaySync(records, photos, photo_bytes, link, traffic, elapsed, report, marks)
            if loopback_baseline:
                zhao = _device(folder / "zhao", db, server.base_url, "zhao", "BENCH-B")
                devices.append(zhao)
                record_day(zhao.profile, records, photos, folder, seed=101)
                result.loopback_elapsed, loopback_report, _ = _timed_sync(zhao)
                assert loopback_report.finished and loopback_report.error is None, loopback_report.summary()
            return result
        finally:
            for device in devices:
                device.profile.close()
            proxy.close()
            server.stop()
            db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--records", type=int, default=50)
    parser.add_argument("--photos", type=int, default=10)
    parser.add_argument("--kbit", type=float, default=256, help="bandwidth each way, kbit/s")
    parser.add_argument("--rtt-ms", type=float, default=400, help="round trip, ms (half of it each way)")
    parser.add_argument("--pacing", choices=["serial", "bucket"], default="serial",
                        help="serial: a line that never bursts (default); bucket: the simulator's own token bucket")
    args = parser.parse_args()
    link = slow_link(args.kbit, args.rtt_ms)
    with tempfile.TemporaryDirectory() as tmp:
        day = run_day_sync(args.backend, Path(tmp), records=args.records, photos=args.photos, link=link,
                           serial=args.pacing == "serial")
    t, r = day.traffic, day.report
    ideal_with_trips = day.bandwidth_seconds + day.round_trip_seconds
    phases = ", ".join(f"{name} done at {seconds:.1f} s" for name, seconds in day.phases.items())
    print(f"a day's sync over {args.kbit:g} kbit/s each way, {args.rtt_ms:g} ms round trip, {args.backend} server: "
          f"{day.records} records ({day.photos} of them photo attachments), {day.photos} photos of "
          f"{day.photo_bytes / max(1, day.photos) / 1000:.0f} KB on average ({day.photo_bytes / 1000:,.0f} KB)")
    print(f"bytes on the line        up {t.up:>10,} B   down {t.down:>8,} B   (HTTP bodies: {r.bytes_sent:,} B sent, "
          f"{r.bytes_received:,} B received; headers are the rest)")
    print(f"round trips              {t.requests:>10} requests over {t.connections} connection(s) "
          f"(pushed {r.pushed}, pulled {r.pulled}, uploaded {r.uploaded})")
    print(f"elapsed                  {day.elapsed:>10.1f} s   ({phases})")
    print(f"ideal: bytes ÷ bandwidth {day.bandwidth_seconds:>10.1f} s")
    print(f"round trips add          {day.round_trip_seconds:>10.1f} s   ({t.requests} × {args.rtt_ms:g} ms; "
          f"ideal with them {ideal_with_trips:.1f} s, elapsed ÷ that = {day.elapsed / ideal_with_trips:.2f}×)")
    if day.loopback_elapsed is not None:
        print(f"same day, unshaped line  {day.loopback_elapsed:>10.1f} s   (client and server at work)")
    verdict = "within" if day.ratio <= 1.2 else "over"
    print(f"elapsed ÷ ideal          {day.ratio:>10.2f}×  ({verdict} the 1.2× budget)")


if __name__ == "__main__":
    main()
