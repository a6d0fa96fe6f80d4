"""A plausible year of one specialist's work, for the demo: households, visits and training sessions.

Everything is drawn from a seeded random generator, so the same seed gives the same year. Places are
real villages of the station's county (from the reference data); the problems and advice are the kind
a specialist writes in 巴林左旗-like farming and herding country: maize and soybean diseases, broom corn,
cattle and sheep health, forage.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from desktop.domain.records import Household, Training, Visit
from desktop.domain.summaries import DivisionItem
from sync.domain.vocabulary import AttendeeCategory, HouseholdKind, ServiceType, VisitMode

#: (industry, problem found, advice / measures); the industry names are those of the reference list.
PROBLEMS: dict[str, list[tuple[str, str]]] = {
    "玉米": [
        ("玉米大斑病，下部叶片出现梭形病斑", "喷施苯醚甲环唑，间隔7天再喷一次；秋后深翻清除病残体"),
        ("苗期叶片发白，疑似缺锌", "叶面喷施0.2%硫酸锌溶液，下茬底肥每亩加硫酸锌1公斤"),
        ("玉米螟危害严重，茎秆有蛀孔", "大喇叭口期释放赤眼蜂，每亩1.5万头，分两次放"),
        ("种植密度偏大，田间通风差", "下一季改为每亩4500株，宽窄行种植"),
    ],
    "大豆": [
        ("大豆根腐病，部分植株枯黄", "下季选用抗病品种并用咯菌腈种子包衣，与玉米轮作"),
        ("大豆食心虫蛀荚", "成虫盛发期喷施高效氯氟氰菊酯，收获后及时翻地"),
        ("结荚期干旱，落花落荚多", "有条件地块及时灌水一次，叶面喷施磷酸二氢钾"),
    ],
    "笤帚": [
        ("笤帚苗后期倒伏", "控制密度在每亩8000株以内，拔节期培土，少施氮肥"),
        ("笤帚苗收获晚，苗穗发红品质下降", "籽粒乳熟期及时收割，阴干后捆扎"),
    ],
    "肉牛": [
        ("犊牛腹泻，精神差", "隔离病犊，口服补液盐，圈舍每天清粪消毒；初乳要在出生2小时内喂足"),
        ("母牛发情不明显，配种率低", "补饲维生素和微量元素舔砖，采用同期发情技术后人工授精"),
        ("冬季饲草储备不足", "秋季全株玉米青贮，每头牛按5吨准备；秸秆揉丝后饲喂"),
    ],
    "肉羊": [
        ("羔羊口疮", "用碘甘油涂抹患处，病羔隔离；全群接种羊口疮疫苗"),
        ("羊群体内寄生虫，消瘦", "春秋两季各驱虫一次，伊维菌素皮下注射"),
        ("冬羔成活率低", "产羔棚舍保温到5℃以上，母羊产前一个月补饲精料"),
    ],
    "牧草": [
        ("苜蓿刈割过晚，茎秆老化", "初花期刈割，留茬5厘米，最后一茬在霜前30天完成"),
        ("人工草地杂草多", "返青前耙地，刈割后及时追施磷肥"),
    ],
    "马铃薯": [
        ("马铃薯晚疫病，叶片出现水浸状病斑", "立即喷施烯酰吗啉，间隔7至10天，连喷2至3次"),
    ],
}
#: The season each industry is worked in the field (months); livestock all year.
SEASON = {"玉米": range(4, 10), "大豆": range(5, 10), "笤帚": range(5, 10), "马铃薯": range(5, 9),
          "牧草": range(4, 10), "肉牛": range(1, 13), "肉羊": range(1, 13)}
TRAINING_TOPICS = {
    "玉米": "玉米密植高产与病虫害绿色防控",
    "大豆": "大豆高产栽培技术",
    "笤帚": "笤帚苗标准化种植与加工",
    "肉牛": "肉牛高效繁育与犊牛培育",
    "肉羊": "肉羊冬春季饲养管理与疫病防控",
    "牧草": "苜蓿种植与青贮调制",
    "马铃薯": "马铃薯晚疫病综合防治",
}
SURNAMES = "王李张刘陈杨赵黄周吴孙马朱胡郭何高林罗郑梁宋谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = ["建国", "志强", "桂兰", "秀英", "海军", "玉梅", "国庆", "春生", "凤霞", "振华", "丽娟", "文明", "永胜",
         "淑珍", "金山", "红梅", "德胜", "晓东", "翠花", "占军"]
MONGOLIAN = ["巴特尔", "其木格", "额尔敦", "乌云", "苏和", "图雅", "宝音", "那顺", "格日勒", "朝鲁", "斯琴",
             "阿拉坦", "哈斯", "萨仁", "孟和"]
ENTITIES = [(HouseholdKind.COOPERATIVE, "{v}{i}种植专业合作社"), (HouseholdKind.COOPERATIVE, "{v}肉牛养殖专业合作社"),
            (HouseholdKind.FAMILY_FARM, "{n}家庭农场"), (HouseholdKind.LARGE_GROWER, "{n}"),
            (HouseholdKind.DEMONSTRATION, "{v}科技示范户{n}")]
LIVESTOCK = {"肉牛", "肉羊"}


def demo_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """This year so far, or all of last year early in a year (so the dashboards are not empty)."""
    if today.month >= 4:
        return dt.date(today.year, 1, 1), today
    return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)


def person_name(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(MONGOLIAN)
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def mobile(rng: random.Random) -> str:
    return rng.choice(["13", "15", "18", "17"]) + str(rng.randint(0, 9)) + f"{rng.randint(0, 99_999_999):08d}"


def households(rng: random.Random, villages: list[DivisionItem], industries: list[str], count: int) -> list[Household]:
    made = []
    for _ in range(count):
        village = rng.choice(villages)
        industry = rng.choice(industries)
        name = person_name(rng)
        kind = HouseholdKind.FARMER
        if rng.random() < 0.15:
            kind, pattern = rng.choice(ENTITIES)
            name = pattern.format(v=village.name.removesuffix("村委会").removesuffix("嘎查").removesuffix("村"),
                                  i=industry, n=name)
        consent = rng.random() < 0.85
        livestock = industry in LIVESTOCK
        made.append(Household(
            name=name, kind=kind, phone=mobile(rng) if consent else "", village_code=village.code,
            industries=(industry,), contact_consent=consent,
            livestock_head=rng.randint(8, 120) if livestock else None,
            land_mu=None if livestock else float(rng.choice([15, 30, 45, 60, 80, 120, 300])),
            notes=""))
    return made


def visits(rng: random.Random, served: list[Household], period: tuple[dt.date, dt.date], count: int) -> list[Visit]:
    """``count`` visits spread over ``period``, each to one household (sometimes two of a village)."""
    start, end = period
    days = (end - start).days
    by_village: dict[str, list[Household]] = {}
    for h in served:
        by_village.setdefault(h.village_code, []).append(h)
    made = []
    for _ in range(count):
        household = rng.choice(served)
        industry = household.industries[0] if household.industries[0] in PROBLEMS else "玉米"
        date = _date_in_season(rng, start, days, SEASON.get(industry, range(1, 13)))
        problem, advice = rng.choice(PROBLEMS[industry])
        neighbours = [h for h in by_village[household.village_code] if h is not household]
        served_ids = (household.id,) + ((rng.choice(neighbours).id,) if neighbours and rng.random() < 0.2 else ())
        mode = VisitMode.ONSITE if rng.random() < 0.8 else rng.choice([VisitMode.PHONE, VisitMode.WECHAT])
        types = (ServiceType.GUIDANCE,) + ((rng.choice([ServiceType.POLICY, ServiceType.TRANSFER,
                                                          ServiceType.MARKETING]),) if rng.random() < 0.3 else ())
        follow_up = date + dt.timedelta(days=rng.choice([7, 14, 30])) if rng.random() < 0.4 else None
        made.append(Visit(
            visit_date=date, mode=mode, duration_hours=rng.choice([1.0, 1.5, 2.0, 2.5, 3.0, 4.0]),
            village_code=household.village_code, household_ids=served_ids,
            service_types=tuple(t.value for t in types), industry=industry, problem=problem, advice=advice,
            follow_up_date=follow_up if follow_up and follow_up <= end + dt.timedelta(days=60) else None))
    return sorted(made, key=lambda v: v.visit_date)


def trainings(rng: random.Random, trainer: str, served: list[Household], villages: list[DivisionItem],
              period: tuple[dt.date, dt.date], count: int) -> list[Training]:
    """Sessions mostly in the slack season (winter and early spring), in the villages served."""
    start, end = period
    days = (end - start).days
    served_villages = {h.village_code for h in served}
    places = [v for v in villages if v.code in served_villages] or villages
    made = []
    for _ in range(count):
        village = rng.choice(places)
        industry = rng.choice(sorted(TRAINING_TOPICS))
        date = _date_in_season(rng, start, days, [1, 2, 3, 4, 11, 12])
        attendees = {AttendeeCategory.FARMER.value: rng.randint(15, 60),
                     AttendeeCategory.TECH_SAVVY.value: rng.randint(0, 6),
                     AttendeeCategory.BACKBONE.value: rng.randint(0, 4),
                     AttendeeCategory.LOCAL_EXPERT.value: rng.randint(0, 2),
                     AttendeeCategory.EXTENSION_STAFF.value: rng.randint(0, 3)}
        # Only a household that agreed to be named is named among the attendees.
        local = [h.id for h in served if h.village_code == village.code and h.contact_consent]
        named = tuple(rng.sample(local, min(len(local), rng.randint(0, 4))))
        made.append(Training(
            training_date=date, village_code=village.code, place=village.name + "村部会议室",
            topic=TRAINING_TOPICS[industry], industry=industry, trainers=(trainer,),
            hours=rng.choice([2.0, 3.0, 4.0]), attendees={k: v for k, v in attendees.items() if v},
            attendee_household_ids=named))
    return sorted(made, key=lambda t: t.training_date)


def _date_in_season(rng: random.Random, start: dt.date, days: int, months) -> dt.date:
    months = set(months)
    for _ in range(50):
        date = start + dt.timedelta(days=rng.randint(0, days))
        if date.month in months:
            return date
    return start + dt.timedelta(days=rng.randint(0, days))


#: Roughly where 巴林左旗 lies (43°36′–44°49′ N, 118°34′–119°58′ E), a little inside its edges.
COUNTY_BOX = (43.65, 118.75, 44.65, 119.9)  # (min lat, min lon, max lat, max lon)
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def village_positions(townships: list[tuple[str, list[DivisionItem]]],
                      box: tuple[float, float, float, float] = COUNTY_BOX) -> dict[str, tuple[float, float]]:
    """A made-up but steady position for every village: townships on a grid over ``box`` (in code
    order), each township's villages spread around it on a sunflower spiral, so none lie on another.
    The division data carries no coordinates; the demo's phones "record" these."""
    min_lat, min_lon, max_lat, max_lon = box
    columns = max(1, math.ceil(math.sqrt(len(townships))))
    rows = max(1, math.ceil(len(townships) / columns))
    cell_lat, cell_lon = (max_lat - min_lat) / rows, (max_lon - min_lon) / columns
    positions: dict[str, tuple[float, float]] = {}
    for index, (_code, villages) in enumerate(townships):
        centre_lat = max_lat - (index // columns + 0.5) * cell_lat
        centre_lon = min_lon + (index % columns + 0.5) * cell_lon
        for n, village in enumerate(villages):
            radius = 0.42 * math.sqrt((n + 0.5) / max(len(villages), 1))
            angle = n * _GOLDEN_ANGLE
            positions[village.code] = (round(centre_lat + radius * cell_lat * math.sin(angle), 5),
                                       round(centre_lon + radius * cell_lon * math.cos(angle), 5))
    return positions


def with_gps(rng: random.Random, visit: Visit, positions: dict[str, tuple[float, float]]) -> Visit:
    """An on-site visit gets its village's position a few hundred metres off, as a phone records it
    (one in eight has none: the GPS was off); a remote one none."""
    place = positions.get(visit.village_code)
    if visit.mode != VisitMode.ONSITE or place is None or rng.random() < 0.125:
        return visit
    return visit.with_changes(latitude=round(place[0] + rng.uniform(-0.004, 0.004), 5),
                              longitude=round(place[1] + rng.uniform(-0.005, 0.005), 5))
