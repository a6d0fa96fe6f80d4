"""``fieldbook --demo``: a throwaway world to try Fieldbook in minutes.

A real sync server runs inside the app on 127.0.0.1 (SQLite, in a temporary folder). A station team of
the reference data (巴林左旗科技特派员工作站) gets accounts on it, and each member's laptop is a real
profile that records a year of work through the same services the app uses and syncs it through the same
sync engine. The manager then reviews (approves most, returns a few with a comment, leaves the latest
waiting), two people edit the same fields at once so conflicts wait to be resolved, and the demo user's
laptop keeps one change not yet synced. The newcomer then opens the specialist's or the manager's laptop
and can record, sync, review and read the dashboards against the live local server.

Nothing here touches the user's own profile, key store or settings; :meth:`DemoWorld.close` removes it all.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.domain.records import Household, Visit
from desktop.profile import Profile, open_profile
from desktop.store.store_key import make_session_key
from desktop.demo import year as demo_year
from desktop.demo.embedded_server import EmbeddedServer
from desktop.services.photos import PhotoService
from desktop.services.records import RecordService
from desktop.services.review import ReviewService
from desktop.services.sync_service import SyncService
from desktop.store.store import Store
from sync.client.credentials import CredentialStore
from sync.domain.vocabulary import ReviewState, Role

log = logging.getLogger(__name__)

PASSWORD = "fieldbook-demo"
STATION = "WS-045"  # 巴林左旗科技特派员工作站 (annex 2, row 45)
COUNTY = "150422"  # 巴林左旗
#: The industries the demo station works in (its own 笤帚 and 大豆, and the county's maize and livestock).
INDUSTRIES = ["玉米", "大豆", "笤帚", "肉牛", "肉羊", "牧草"]
RETURN_COMMENTS = ["请补充施药的具体用量和施用时间。", "照片看不清病斑，请补拍或补充文字描述。",
                   "请写明下次回访的日期。", "服务农户只填了一户，当天还有其他农户参加吗？请核实。"]

Progress = Callable[[str, int, int], None]  # (step, done, total)


@dataclass(frozen=True)
class Member:
    username: str
    display_name: str
    role: Role
    specialist_type: str
    households: int = 0
    visits: int = 0
    trainings: int = 0


#: The demo user is the first specialist; 李志强 is left under the plan's 60 on-site days on purpose.
TEAM = (
    Member("zhangli", "张丽", Role.SPECIALIST, "commissioner", households=30, visits=112, trainings=6),
    Member("bateer", "巴特尔", Role.SPECIALIST, "hired_agent", households=26, visits=104, trainings=4),
    Member("qimuge", "其木格", Role.SPECIALIST, "three_areas", households=22, visits=98, trainings=5),
    Member("lizhiqiang", "李志强", Role.SPECIALIST, "grassroots", households=14, visits=38, trainings=2),
    Member("wangjianguo", "王建国", Role.STATION_MANAGER, ""),
)
SPECIALIST, MANAGER = TEAM[0], TEAM[-1]
STEPS = (QT_TRANSLATE_NOOP("Demo", "Starting the local server"),
         QT_TRANSLATE_NOOP("Demo", "Preparing the laptops"),
         QT_TRANSLATE_NOOP("Demo", "Recording a year of work"),
         QT_TRANSLATE_NOOP("Demo", "Syncing and reviewing"),
         QT_TRANSLATE_NOOP("Demo", "Making conflicting edits"))


@dataclass
class DemoLaptop:
    member: Member
    profile: Profile
    sync: SyncService
    households: list[str] = field(default_factory=list)  # ids of what this laptop recorded
    visits: list[str] = field(default_factory=list)

    @property
    def identity(self):
        return self.profile.identity.current()

    def records(self, today: dt.date) -> RecordService:
        return RecordService(self.profile.store, self.identity, today=lambda: today)

    def review(self) -> ReviewService:
        return ReviewService(self.profile.store, self.identity)

    def sync_ok(self) -> None:
        report, _ = self.sync.sync_now()
        if report.error is not None or not report.finished:
            raise RuntimeError(f"demo sync of {self.member.username} failed: {report.summary()}")


@dataclass
class DemoWorld:
    folder: Path
    server: EmbeddedServer
    credentials: CredentialStore
    laptops: dict[str, DemoLaptop] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return self.server.url

    def laptop(self, role: Role) -> DemoLaptop:
        """The specialist's (张丽) or the station manager's (王建国) laptop."""
        return self.laptops[(MANAGER if role is Role.STATION_MANAGER else SPECIALIST).username]

    def close(self) -> None:
        for laptop in self.laptops.values():
            laptop.profile.close()
        self.server.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def build_demo(folder: Path | None = None, *, today: dt.date | None = None, seed: int = 2026,
               progress: Progress = lambda _step, _done, _total: None) -> DemoWorld:
    """Start the local server and fill every team member's laptop; raises ServerUnavailable without
    the server's packages. On failure the folder is removed."""
    folder = Path(folder or tempfile.mkdtemp(prefix="fieldbook-demo-"))
    today = today or dt.date.today()
    rng = random.Random(seed)
    progress(STEPS[0], 0, len(STEPS))
    server = EmbeddedServer(folder / "server")
    world = DemoWorld(folder, server, CredentialStore(session_only=True))
    try:
        server.prepare()
        _add_accounts(server)
        server.start()
        progress(STEPS[1], 1, len(STEPS))
        _open_laptops(world)
        progress(STEPS[2], 2, len(STEPS))
        period = demo_year.demo_period(today)
        for member in TEAM[:-1]:
            _record_year(world.laptops[member.username], rng, period, today)
        progress(STEPS[3], 3, len(STEPS))
        _sync_and_review(world, rng, today)
        progress(STEPS[4], 4, len(STEPS))
        _conflicts_and_pending(world, today)
        progress(STEPS[4], 5, len(STEPS))
    except BaseException:
        world.close()
        raise
    return world


def _add_accounts(server: EmbeddedServer) -> None:
    from sync.server.services import admin

    for member in TEAM:
        admin.add_user(server.database, member.username, member.display_name, member.role, PASSWORD,
                       admin.Area(station=STATION))


def _open_laptops(world: DemoWorld) -> None:
    """One profile made (reference data loaded once), then copied for each member with its own device id."""
    template = world.folder / "template"
    make_session_key(template)  # throwaway laptops: never a passphrase to ask, nothing filed
    open_profile(template).close()
    for member in TEAM:
        target = world.folder / "laptops" / member.username
        shutil.copytree(template, target)
        store = Store.open(target)
        with store.unit_of_work() as s:
            store.set_state(s, "device_id", str(uuid.uuid4()))
        store.close()
        profile = open_profile(target)
        profile.identity.set_up(member.display_name, member.role, member.specialist_type, STATION, COUNTY)
        sync = SyncService(profile.store, world.credentials)
        sync.sign_in(world.url, member.username, PASSWORD, device_name=f"{member.display_name}的笔记本")
        world.laptops[member.username] = DemoLaptop(member, profile, sync)
    shutil.rmtree(template, ignore_errors=True)


def _villages(profile: Profile) -> list:
    reference = profile.reference
    return [village for township in reference.children(COUNTY) for village in reference.children(township.code)]


def _village_positions(profile: Profile) -> dict[str, tuple[float, float]]:
    """The demo county's villages where the demo's phones "are" (the same on every laptop)."""
    reference = profile.reference
    return demo_year.village_positions([(t.code, reference.children(t.code)) for t in reference.children(COUNTY)])


def _record_year(laptop: DemoLaptop, rng: random.Random, period: tuple[dt.date, dt.date], today: dt.date) -> None:
    member = laptop.member
    villages = rng.sample(_villages(laptop.profile), 12)  # a specialist serves a dozen villages, not all
    records = laptop.records(today)
    served = [records.save(h)[0] for h in demo_year.households(rng, villages, INDUSTRIES, member.households)]
    laptop.households = [h.id for h in served]
    photos = _photos(laptop.profile, rng, count=4 if member is SPECIALIST else 2)
    review = laptop.review()
    recent = today - dt.timedelta(days=14)
    positions = _village_positions(laptop.profile)
    gps = random.Random(f"gps-{member.username}")  # its own stream: the year drawn stays the same
    for index, visit in enumerate(demo_year.visits(rng, served, period, member.visits)):
        visit = demo_year.with_gps(gps, visit, positions)
        if index % 9 == 0 and photos:
            visit = visit.with_changes(photo_ids=(photos.pop(),))
        saved, _ = records.save(visit)
        laptop.visits.append(saved.id)
        if saved.visit_date < recent or rng.random() < 0.6:  # the last fortnight is partly still draft
            review.submit("visit", saved.id)
    for training in demo_year.trainings(rng, member.display_name, served, villages, period, member.trainings):
        saved, _ = records.save(training)
        review.submit("training", saved.id)


def _photos(profile: Profile, rng: random.Random, count: int) -> list[str]:
    """Field pictures drawn here (sky, rows of a crop, a date stamp), imported like a user's photos."""
    from PIL import Image, ImageDraw

    service = PhotoService(profile.store)
    made = []
    for index in range(count):
        image = Image.new("RGB", (1200, 900), (135, 180, 220))
        draw = ImageDraw.Draw(image)
        horizon = rng.randint(300, 420)
        draw.rectangle((0, horizon, 1200, 900), fill=(rng.randint(60, 110), rng.randint(120, 160), 50))
        for row in range(0, 1400, 60):
            draw.line((600, horizon, row - 100, 900), fill=(70, 95, 40), width=6)
        path = profile.folder / f"demo-photo-{index}.jpg"
        image.save(path, "JPEG", quality=80)
        made.append(service.import_photo(path).sha256)
        path.unlink()
    return made


def _sync_and_review(world: DemoWorld, rng: random.Random, today: dt.date) -> None:
    specialists = [world.laptops[m.username] for m in TEAM[:-1]]
    manager = world.laptops[MANAGER.username]
    for laptop in specialists:
        laptop.sync_ok()
    manager.sync_ok()
    review = manager.review()
    waiting_since = today - dt.timedelta(days=30)
    for item in review.queue(ReviewState.SUBMITTED):
        if item.record_date >= waiting_since:
            continue  # the latest wait for the manager: the demo's review queue is not empty
        if item.record_type == "visit" and rng.random() < 0.06:
            review.return_for_fixes(item.record_type, item.record_id, rng.choice(RETURN_COMMENTS))
        else:
            review.approve(item.record_type, item.record_id)
    manager.sync_ok()
    for laptop in specialists:
        laptop.sync_ok()


def _conflicts_and_pending(world: DemoWorld, today: dt.date) -> None:
    """Two same-field edits made at once (one household, one visit) and one unsynced draft."""
    me, colleague = world.laptops[SPECIALIST.username], world.laptops[TEAM[1].username]
    manager = world.laptops[MANAGER.username]
    mine = me.records(today)
    household = mine.get(Household, me.households[0])
    their_copy = colleague.records(today).get(Household, household.id)
    colleague.records(today).save(their_copy.with_changes(phone="13947612345", notes="户主换了新手机号"))
    colleague.sync_ok()
    mine.save(mine.get(Household, household.id).with_changes(phone="15847698765"))
    visit = next(v for v in (mine.get(Visit, i) for i in reversed(me.visits))
                 if v.review_state == ReviewState.SUBMITTED)
    manager_copy = manager.records(today).get(Visit, visit.id)
    manager.records(today).save(manager_copy.with_changes(advice=visit.advice + "（站长补充：注意用药安全间隔期）"))
    manager.sync_ok()
    mine.save(mine.get(Visit, visit.id).with_changes(advice=visit.advice + "；7天后回访查看效果"))
    me.sync_ok()
    manager.sync_ok()
    served = mine.get(Household, me.households[1])
    mine.save(Visit(visit_date=today, duration_hours=2.0, village_code=served.village_code,
                    household_ids=(served.id,), service_types=("guidance",), industry="肉牛",
                    problem="母牛产后食欲下降", advice="补饲优质青干草，饮温水，观察三天"))

