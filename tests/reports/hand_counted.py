"""A small year recorded on one laptop, with the figures it must give counted by hand.

Reviewed as an evaluator would see it: most records approved, one returned, one left a draft,
one submitted and not yet reviewed. The specialist also worked in another county, stayed three
days in one village (a multi-day visit), and guided sub-industries (肉牛, 肉羊) of the county's
leading ones (肉牛牦牛 and 牛, 羊).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from desktop.domain.records import Household, Training, Visit
from desktop.services.records import RecordService
from desktop.services.review import ReviewService
from sync.domain.vocabulary import ReviewState, Role
from tests.factories import OTHER_COUNTY_VILLAGE, household, training, visit

COUNTY = "150422"  # 巴林左旗
V1, V2 = "150422100200", "150422100201"  # 索布力嘎村委会, 福山地村委会, both of 林东镇
V3 = "150422101200"  # 隆昌镇's first village
V4 = "150422100203"  # 兴隆地村委会 of 林东镇: only a training went there
D = dt.date

# What the county report of 2026 must say, counting approved records (worked out from the records below).
VISITS, ONSITE_VISITS, HOUSEHOLDS, TRAININGS = 6, 5, 2, 2  # the returned visit's third household never counts
LOCAL_TALENT, GRASSROOTS = 12, 2  # backbone 5 + local expert 3 + tech-savvy 4; extension staff 2
# 03-01 (twice), 04-09, 05-05 in another county (the specialist's whole year counts), and the stay of
# 05-10..05-12 (05-12 also had a visit of its own: counted once). Not the phone call of 03-02, nor
# the returned visit of 06-01 or the draft of 06-02.
ONSITE_DAYS = 6
TOWNSHIPS, VILLAGES = (2, 11), (4, 166)  # V1, V2, V3 by visits, V4 by the training alone
# Of the county's 9 leading industries: 肉牛 guided 肉牛牦牛 and 牛, the 肉羊 training 羊;
# 笤帚 got policy only, 肉驴 only in the submitted visit.
GUIDED = tuple(sorted(("大豆", "牧草", "高粱", "肉牛牦牛", "牛", "羊")))
UNSERVED_VILLAGE = ("150422100202", "大新庄村委会")

# With submitted records not yet reviewed: the visit of 06-03 (on site, 肉驴) adds a visit and a day.
WITH_SUBMITTED_VISITS, WITH_SUBMITTED_ONSITE_DAYS = 7, 7
WITH_SUBMITTED_GUIDED = tuple(sorted((*GUIDED, "肉驴")))


def _manager(records: RecordService) -> ReviewService:
    me = records.identity
    manager = dataclasses.replace(me, user_id=f"{me.user_id}-manager", role=Role.STATION_MANAGER)
    return ReviewService(records.store, manager)


def _reviewed(records: RecordService, record: Visit | Training, state: ReviewState,
              later: list[tuple[Visit | Training, ReviewState]] | None) -> None:
    """Submit ``record`` as its author, then approve or return it as the station's manager (or
    leave that to the caller, listed in ``later``, when a real manager does it on another laptop)."""
    if state is ReviewState.DRAFT:
        return
    kind = record.RECORD_TYPE.value
    ReviewService(records.store, records.identity).submit(kind, record.id)
    if later is not None:
        if state is not ReviewState.SUBMITTED:
            later.append((record, state))
    elif state is ReviewState.APPROVED:
        _manager(records).approve(kind, record.id)
    elif state is ReviewState.RETURNED:
        _manager(records).return_for_fixes(kind, record.id, "照片看不清，请补充")


def record_hand_counted_year(records: RecordService, reviews_for_manager: list[tuple[Visit | Training, ReviewState]]
                             | None = None) -> dict[str, Household | Visit]:
    approved, returned = ReviewState.APPROVED, ReviewState.RETURNED
    h1, _ = records.save(household(name="宝音", phone=""))
    h2, _ = records.save(household(name="其其格", phone=""))
    h3, _ = records.save(household(name="巴特尔", phone=""))
    saved: dict[str, Household | Visit] = {"h1": h1, "h2": h2, "h3": h3}
    for name, v, state in [
        ("first", visit((h1.id, h2.id), visit_date=D(2026, 3, 1), village_code=V1, industry="牧草"), approved),
        ("same_day", visit((h2.id,), visit_date=D(2026, 3, 1), village_code=V2, industry="高粱"), approved),
        ("phone", visit((h1.id,), visit_date=D(2026, 3, 2), village_code=V2, mode="phone", industry="大豆"), approved),
        ("policy", visit((h1.id,), visit_date=D(2026, 4, 9), village_code=V3, service_types=("policy",),
                         industry="笤帚"), approved),
        ("stay", visit((h1.id,), visit_date=D(2026, 5, 10), end_date=D(2026, 5, 12), village_code=V1,
                       industry="肉牛"), approved),
        ("stay_last_day", visit((h2.id,), visit_date=D(2026, 5, 12), village_code=V2, industry="牧草"), approved),
        ("last_year", visit((h1.id,), visit_date=D(2025, 12, 31), village_code=V1), approved),
        ("elsewhere", visit((h2.id,), visit_date=D(2026, 5, 5), village_code=OTHER_COUNTY_VILLAGE), approved),
        ("deleted", visit((h2.id,), visit_date=D(2026, 5, 6), village_code=V3), approved),
        ("returned", visit((h3.id,), visit_date=D(2026, 6, 1), village_code=V1, industry="绒毛用羊"), returned),
        ("draft", visit((h3.id,), visit_date=D(2026, 6, 2), village_code=V1, industry="绒毛用羊"), ReviewState.DRAFT),
        ("submitted", visit((h1.id,), visit_date=D(2026, 6, 3), village_code=V3, industry="肉驴"),
         ReviewState.SUBMITTED),
    ]:
        saved[name], _ = records.save(v)
        _reviewed(records, saved[name], state, reviews_for_manager)
    records.delete(Visit, saved["deleted"].id)
    for t, state in [
        (training(training_date=D(2026, 3, 5), village_code=V1,
                  attendees={"backbone": 5, "farmer": 30, "extension_staff": 2}), approved),
        (training(training_date=D(2026, 5, 20), village_code=V4, industry="肉羊",
                  attendees={"local_expert": 3, "tech_savvy": 4}), approved),
        (training(training_date=D(2025, 5, 20), village_code=V3, attendees={"local_expert": 100}), approved),
        (training(training_date=D(2026, 6, 10), village_code=V3, attendees={"backbone": 50}), returned),
    ]:
        saved_training, _ = records.save(t)
        _reviewed(records, saved_training, state, reviews_for_manager)
    return saved
