"""Builds a profile holding a region-like volume of visits quickly, for the benchmarks."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from pathlib import Path

from sqlalchemy import insert, select

from desktop.domain.search_text import search_key
from desktop.profile import Profile, open_profile
from desktop.store.derived import visit_search_key
from desktop.store.capture import utcnow
from desktop.store.models import Division, HouseholdRow, VisitHousehold, VisitRow
from sync.domain.vocabulary import Role, ServiceType, VisitMode

INDUSTRIES = ["玉米", "肉牛", "肉羊", "马铃薯", "大宗蔬菜", "牧草", "水稻", "大豆", "向日葵", "中药材"]
PROBLEMS = ["玉米螟危害严重", "犊牛腹泻", "母羊产后瘫痪", "马铃薯晚疫病", "大棚蔬菜灰霉病", "牧草返青差",
            "水稻稻瘟病", "大豆根腐病", "向日葵列当寄生", "黄芪种植密度过大"]


def build_profile(folder: Path, visits: int, households: int = 5000, seed: int = 7) -> Profile:
    """A profile with ``visits`` visits by one specialist over ``households`` households.

    Rows are bulk-inserted (as a pull from the server would write them, not captured); every
    derived column is filled as the store itself would fill it.
    """
    rng = random.Random(seed)
    profile = open_profile(folder)
    me, _ = profile.identity.set_up("王芳", Role.SPECIALIST, "commissioner", "WS-045", "150422")
    with profile.store.reader() as s:
        villages = list(s.execute(select(Division.code, Division.name).where(Division.level == "village")))
    now = utcnow()
    common = dict(created_at=now, updated_at=now, author_id=me.user_id, station_id="WS-045", revision=1,
                  deleted=False, extra={})
    house_rows = []
    for i in range(households):
        code, _ = rng.choice(villages)
        name = rng.choice("张王李赵刘陈杨黄吴周") + rng.choice(["宝山", "桂兰", "特尔", "海龙", "秀英", "志刚", "玉梅"])
        phone = f"13{rng.randint(100000000, 999999999)}"
        house_rows.append(dict(common, id=str(uuid.UUID(int=rng.getrandbits(128))), name=name, kind="farmer",
                               phone=phone, village_code=code, industries=[rng.choice(INDUSTRIES)],
                               livestock_head=None, land_mu=None, notes="", contact_consent=True,
                               phone_key=phone, search_key=f"{search_key(name)} {phone}"))
    start = dt.date(2025, 1, 1)
    visit_rows, links = [], []
    for _ in range(visits):
        code, village_name = rng.choice(villages)
        served = rng.sample(house_rows, rng.randint(1, 3))
        industry, problem = rng.choice(INDUSTRIES), rng.choice(PROBLEMS)
        vid = str(uuid.UUID(int=rng.getrandbits(128)))
        visit_rows.append(dict(
            common, id=vid, visit_date=start + dt.timedelta(days=rng.randint(0, 540)),
            mode=rng.choice(list(VisitMode)).value, duration_hours=rng.choice([1.0, 2.0, 3.5]), village_code=code,
            household_ids=[h["id"] for h in served], service_types=[rng.choice(list(ServiceType)).value],
            industry=industry, problem=problem, advice="按技术规程处理", follow_up_date=None, latitude=None,
            longitude=None, photo_ids=[], review_state=rng.choice(["draft", "submitted", "approved"]),
            search_key=visit_search_key(village_name, industry, problem, "按技术规程处理",
                                        [h["name"] for h in served]),
        ))
        links += [dict(visit_id=vid, household_id=h["id"]) for h in served]
    with profile.store.unit_of_work(remote=True) as s:
        conn = s.connection()
        conn.execute(insert(HouseholdRow), house_rows)
        for i in range(0, len(visit_rows), 10000):
            conn.execute(insert(VisitRow), visit_rows[i:i + 10000])
        conn.execute(insert(VisitHousehold), links)
    with profile.store.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    return profile
