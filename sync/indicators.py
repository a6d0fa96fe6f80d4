"""The work plan's indicators for a year, computed one way for a device and for the server.

Both sides feed the same plain facts to ``compute`` so a station manager's laptop and the county
office's server report identical figures for the same records. Targets come from the plan (see
resources/reference/targets.json): 100,000 households served, 5,000 person-times of 技术骨干 /
土专家 / 技术明白人 trained, 3,000 grassroots technicians trained, at least 60 on-site days per
specialist, and "三覆盖": technical guidance for every leading industry, resident (on-site) service in
every township, and service reaching every administrative village.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sync.domain.counting import CountingRule, visit_days
from sync.domain.coverage import Coverage, CountyGeography, coverage_of
from sync.domain.vocabulary import AttendeeCategory, ServiceType, VisitMode

ONSITE_DAYS_TARGET = 60
#: The key of that target in targets.json, where an admin may change it.
ONSITE_DAYS_KEY = "onsite_days_per_specialist"
#: The categories the plan's "5,000 person-times" counts (技术骨干, 土专家, 技术明白人).
LOCAL_TALENT_CATEGORIES = (AttendeeCategory.BACKBONE, AttendeeCategory.LOCAL_EXPERT, AttendeeCategory.TECH_SAVVY)


@dataclass(frozen=True)
class VisitFact:
    author_id: str
    station_id: str | None
    visit_date: dt.date
    mode: str
    village_code: str
    household_ids: tuple[str, ...]
    service_types: tuple[str, ...]
    industry: str
    #: The last day of a visit spanning several days (None: the visit_date alone).
    end_date: dt.date | None = None


@dataclass(frozen=True)
class TrainingFact:
    author_id: str
    station_id: str | None
    training_date: dt.date
    village_code: str
    industry: str
    attendees: Mapping[str, int]


@dataclass(frozen=True)
class Area:
    """What the report covers: the region ("15"), a league (4 digits), a county (6) or a station."""

    division_code: str
    station_id: str | None = None

    def contains(self, station_id: str | None, village_code: str) -> bool:
        if self.station_id is not None:
            return station_id == self.station_id
        return village_code.startswith(self.division_code) or self.division_code == "15"


@dataclass(frozen=True)
class SpecialistDays:
    author_id: str
    onsite_days: int
    visits: int
    #: The on-site days each specialist should reach (targets.json "onsite_days_per_specialist").
    target: int = ONSITE_DAYS_TARGET

    @property
    def below_target(self) -> bool:
        return self.onsite_days < self.target


@dataclass(frozen=True)
class YearIndicators:
    year: int
    visits: int
    onsite_visits: int
    households_served: int
    trained_by_category: dict[str, int]
    specialists: tuple[SpecialistDays, ...]
    visits_by_service_type: dict[str, int]
    visits_by_industry: dict[str, int]
    trainings: int
    coverage: tuple[Coverage, ...] = field(default=())
    onsite_days_target: int = ONSITE_DAYS_TARGET
    #: Which records were counted (sync.domain.counting.CountingRule); every card and export states it.
    counting_rule: str = CountingRule.APPROVED.value

    @property
    def local_talent_trained(self) -> int:
        return sum(self.trained_by_category.get(c.value, 0) for c in LOCAL_TALENT_CATEGORIES)

    @property
    def grassroots_technicians_trained(self) -> int:
        return self.trained_by_category.get(AttendeeCategory.EXTENSION_STAFF.value, 0)

    @property
    def specialists_below_target(self) -> tuple[SpecialistDays, ...]:
        return tuple(s for s in self.specialists if s.below_target)


def compute(year: int, area: Area, visits: Iterable[VisitFact], trainings: Iterable[TrainingFact],
            counties: Iterable[CountyGeography] = (), onsite_days_target: int = ONSITE_DAYS_TARGET, *,
            whole_year_visits: Iterable[VisitFact] | None = None,
            industry_parents: Mapping[str, Sequence[str]] | None = None,
            counting_rule: CountingRule = CountingRule.APPROVED) -> YearIndicators:
    """Indicators of ``year`` within ``area``. Callers pass the live records ``counting_rule``
    counts, and the on-site days target in force (an admin may have changed the plan's 60).

    On-site days are each specialist's whole year wherever they worked: ``whole_year_visits`` holds
    the year's visits of the specialists with a visit in the area, everywhere (None: ``visits``
    holds them all already, as for the region). A visit spanning several days counts each day
    once; ``industry_parents`` (the reference taxonomy) lets a sub-industry's visit or training
    count for the leading industry it lies within.
    """
    in_year = [v for v in visits if v.visit_date.year == year and area.contains(v.station_id, v.village_code)]
    year_trainings = [t for t in trainings
                      if t.training_date.year == year and area.contains(t.station_id, t.village_code)]
    onsite = [v for v in in_year if v.mode == VisitMode.ONSITE]

    visit_counts: Counter[str] = Counter(v.author_id for v in in_year)
    days = onsite_days_by_specialist(year, in_year if whole_year_visits is None else whole_year_visits,
                                     set(visit_counts))
    specialists = tuple(sorted(
        (SpecialistDays(a, days.get(a, 0), n, onsite_days_target) for a, n in visit_counts.items()),
        key=lambda s: (s.onsite_days, s.author_id),
    ))

    trained: Counter[str] = Counter({c.value: 0 for c in AttendeeCategory})
    for t in year_trainings:
        for category, count in t.attendees.items():
            trained[category] += int(count)

    by_type: Counter[str] = Counter({s.value: 0 for s in ServiceType})
    for v in in_year:
        by_type.update(set(v.service_types))

    return YearIndicators(
        year=year,
        visits=len(in_year),
        onsite_visits=len(onsite),
        households_served=len({h for v in in_year for h in v.household_ids}),
        trained_by_category=dict(trained),
        specialists=specialists,
        visits_by_service_type=dict(by_type),
        visits_by_industry=dict(Counter(v.industry for v in in_year if v.industry).most_common()),
        trainings=len(year_trainings),
        coverage=_coverages(counties, in_year, year_trainings, industry_parents or {}),
        onsite_days_target=onsite_days_target,
        counting_rule=counting_rule.value,
    )


def onsite_days_by_specialist(year: int, visits: Iterable[VisitFact], authors: set[str] | None = None) -> dict[str, int]:
    """Distinct on-site days in ``year`` per specialist (of ``authors``, or all), each day of a
    multi-day visit once, however many visits fall on it."""
    days: dict[str, set[dt.date]] = defaultdict(set)
    for v in visits:
        if v.mode == VisitMode.ONSITE and v.visit_date.year == year and (authors is None or v.author_id in authors):
            days[v.author_id].update(d for d in visit_days(v.visit_date, v.end_date) if d.year == year)
    return {a: len(d) for a, d in days.items()}


#: What a record reached for 三覆盖: (kind, code, industry), kind one of these.
Place = tuple[str, str, str]
VILLAGE_SERVED, TOWNSHIP_RESIDENT, INDUSTRY_GUIDED = "village", "township", "guided"


def visit_places(v: VisitFact) -> tuple[Place, ...]:
    """The village a visit served, its township when on site, and (county, industry) when it guided."""
    places = [(VILLAGE_SERVED, v.village_code, "")]
    if v.mode == VisitMode.ONSITE:
        places.append((TOWNSHIP_RESIDENT, v.village_code[:9], ""))
    if ServiceType.GUIDANCE.value in v.service_types:
        places.append((INDUSTRY_GUIDED, v.village_code[:6], v.industry))
    return tuple(places)


def training_places(t: TrainingFact) -> tuple[Place, ...]:
    """A training served its village and taught its industry."""
    return ((VILLAGE_SERVED, t.village_code, ""), (INDUSTRY_GUIDED, t.village_code[:6], t.industry))


def _coverages(counties: Iterable[CountyGeography], visits: list[VisitFact], trainings: list[TrainingFact],
               parents: Mapping[str, Sequence[str]]) -> tuple[Coverage, ...]:
    places = {p for v in visits for p in visit_places(v)} | {p for t in trainings for p in training_places(t)}
    return coverage_of_places(counties, places, parents)


def coverage_of_places(counties: Iterable[CountyGeography], places: Iterable[Place],
                       parents: Mapping[str, Sequence[str]]) -> tuple[Coverage, ...]:
    """三覆盖 per county from the distinct places the year's records reached (``visit_places``,
    ``training_places``); the server keeps these places counted as records are written."""
    served: set[str] = set()
    resident: set[str] = set()
    guided: set[tuple[str, str]] = set()
    for kind, code, industry in places:
        if kind == VILLAGE_SERVED:
            served.add(code)
        elif kind == TOWNSHIP_RESIDENT:
            resident.add(code)
        else:
            guided.add((code, industry))
    return coverage_of(counties, served, resident, guided, parents)
