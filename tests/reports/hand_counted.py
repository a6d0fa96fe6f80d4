"""A small year recorded on one laptop, with the figures it must give counted by hand."""

from __future__ import annotations

import datetime as dt

from desktop.domain.records import Household, Visit
from desktop.services.records import RecordService
from tests.factories import OTHER_COUNTY_VILLAGE, household, training, visit

COUNTY = "150422"  # 巴林左旗
V1, V2 = "150422100200", "150422100201"  # 索布力嘎村委会, 福山地村委会, both of 林东镇
V3 = "150422101200"  # 隆昌镇's first village
D = dt.date

# What the county report of 2026 must say (worked out from the records below).
VISITS, ONSITE_VISITS, HOUSEHOLDS, TRAININGS = 4, 3, 2, 2
LOCAL_TALENT, GRASSROOTS = 12, 2  # backbone 5 + local expert 3 + tech-savvy 4; extension staff 2
ONSITE_DAYS = 2  # 03-01 (twice) and 04-09; the phone call of 03-02 is not on site
TOWNSHIPS, VILLAGES = (2, 11), (3, 166)
GUIDED = ("大豆", "牧草", "高粱")  # of the county's 9 leading industries; 笤帚 got policy only
UNSERVED_VILLAGE = ("150422100202", "大新庄村委会")


def record_hand_counted_year(records: RecordService) -> dict[str, Household | Visit]:
    h1, _ = records.save(household(name="宝音", phone=""))
    h2, _ = records.save(household(name="其其格", phone=""))
    saved: dict[str, Household | Visit] = {"h1": h1, "h2": h2}
    for name, v in {
        "first": visit((h1.id, h2.id), visit_date=D(2026, 3, 1), village_code=V1, industry="牧草"),
        "same_day": visit((h2.id,), visit_date=D(2026, 3, 1), village_code=V2, industry="高粱"),
        "phone": visit((h1.id,), visit_date=D(2026, 3, 2), village_code=V2, mode="phone", industry="大豆"),
        "policy": visit((h1.id,), visit_date=D(2026, 4, 9), village_code=V3, service_types=("policy",),
                        industry="笤帚"),
        "last_year": visit((h1.id,), visit_date=D(2025, 12, 31), village_code=V1),
        "elsewhere": visit((h2.id,), visit_date=D(2026, 5, 5), village_code=OTHER_COUNTY_VILLAGE),
        "deleted": visit((h2.id,), visit_date=D(2026, 5, 6), village_code=V3),
    }.items():
        saved[name], _ = records.save(v)
    records.delete(Visit, saved["deleted"].id)
    records.save(training(training_date=D(2026, 3, 5), village_code=V1,
                          attendees={"backbone": 5, "farmer": 30, "extension_staff": 2}))
    records.save(training(training_date=D(2026, 5, 20), village_code=V3, attendees={"local_expert": 3, "tech_savvy": 4}))
    records.save(training(training_date=D(2025, 5, 20), village_code=V3, attendees={"local_expert": 100}))
    return saved
