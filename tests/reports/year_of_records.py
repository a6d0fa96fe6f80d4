"""A specialist's year of households, visits and trainings, recorded through the real record service."""

from __future__ import annotations

import csv
import datetime as dt
import random
from dataclasses import dataclass, field

from desktop.domain.records import Household, Training, Visit
from desktop.services.records import RecordService
from resources import resource_path
from sync.domain.vocabulary import AttendeeCategory, HouseholdKind, ReviewState, ServiceType, VisitMode

INDUSTRIES = ["牧草", "肉牛牦牛", "高粱", "笤帚", "大豆", "玉米", "肉羊"]
PROBLEMS = ["犊牛腹泻", "牧草返青差", "高粱蚜虫", "大豆根腐病", "母羊产后瘫痪"]


def villages_of(county: str) -> list[str]:
    """The 12-digit codes under ``county`` in the shipped division list (residents' committees too)."""
    with resource_path("reference", "divisions.csv").open(encoding="utf-8") as f:
        return [r["code"] for r in csv.DictReader(f) if r["level"] == "village" and r["code"].startswith(county)]


@dataclass
class RecordedYear:
    visits: list[Visit] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)


def record_a_year(records: RecordService, rng: random.Random, visits: int, home: list[str], away: list[str],
                  last_day: dt.date = dt.date(2026, 6, 15)) -> RecordedYear:
    """``visits`` visits mostly in ``home`` villages (a tenth ``away``, a tenth the year before), a few
    deleted, some of several days; one training per ten visits. Three records in four are submitted,
    the rest left drafts. Returns what was saved and is still live."""
    done = RecordedYear()
    for i in range(max(8, visits // 5)):
        saved, _ = records.save(Household(name=f"牧户{rng.randint(1000, 9999)}", kind=rng.choice(list(HouseholdKind)),
                                          village_code=rng.choice(home), contact_consent=False))
        done.households.append(saved)
    first = dt.date(last_day.year, 1, 1)
    for i in range(visits):
        day = first + dt.timedelta(days=rng.randint(0, (last_day - first).days))
        if i % 10 == 9:
            day = day.replace(year=day.year - 1)
        served = rng.sample(done.households, rng.randint(1, 3))
        last = day + dt.timedelta(days=rng.randint(1, 3)) if i % 7 == 2 else None
        visit, _ = records.save(Visit(
            end_date=last if last and last.year == day.year and last <= last_day else None,
            review_state=ReviewState.DRAFT if i % 4 == 1 else ReviewState.SUBMITTED,
            visit_date=day, mode=rng.choice([VisitMode.ONSITE] * 3 + [VisitMode.PHONE, VisitMode.WECHAT]),
            duration_hours=rng.choice([1.0, 2.5, 4.0]), village_code=rng.choice(away if i % 10 == 3 else home),
            household_ids=tuple(h.id for h in served),
            service_types=tuple(rng.sample([s.value for s in ServiceType], rng.randint(1, 2))),
            industry=rng.choice(INDUSTRIES), problem=rng.choice(PROBLEMS), advice="按技术规程处理"))
        if i % 17 == 5:
            records.delete(Visit, visit.id)
        else:
            done.visits.append(visit)
    for i in range(max(1, visits // 10)):
        attendees = {c.value: rng.randint(0, 12) for c in AttendeeCategory}
        attendees[AttendeeCategory.FARMER.value] += 1
        training, _ = records.save(Training(
            training_date=first + dt.timedelta(days=rng.randint(0, (last_day - first).days)),
            village_code=rng.choice(home), place="村委会", topic="饲草种植技术", industry=rng.choice(INDUSTRIES),
            trainers=("专家",), hours=2.0, attendees=attendees,
            review_state=ReviewState.DRAFT if i % 4 == 1 else ReviewState.SUBMITTED))
        done.trainings.append(training)
    return done
