"""The year-end evaluation (年度考核): specialists, workstations and counties scored against the plan.

One function, ``evaluate``, turns a year's tallies into figures against targets, a score under the
year's weights, ranks within league and region, and the 后补助 (follow-up subsidy) recommendations
an office then confirms. Device and server both call it, so they report the same evaluation.

A score is the weighted mean of each criterion's attainment (achieved ÷ target, at most 1), times
100. The weights are the region admin's for that year (``DEFAULT_WEIGHTS`` until one sets them),
so changing this year's weights never changes last year's evaluation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from sync.domain.coverage import Coverage

#: Weights by "<unit>.<criterion>", and the score from which a unit is recommended for 后补助.
DEFAULT_WEIGHTS: dict[str, float] = {
    "specialist.onsite_days": 0.5, "specialist.households": 0.3, "specialist.people_trained": 0.2,
    "station.onsite_share": 0.4, "station.households": 0.3, "station.people_trained": 0.3,
    "county.industries": 0.25, "county.townships": 0.25, "county.villages": 0.2, "county.onsite_share": 0.2,
    "county.workstations": 0.1,
    "subsidy.min_score": 80.0,
}
UNIT_KINDS = ("specialist", "station", "county")


@dataclass(frozen=True)
class SpecialistTally:
    """One specialist's counted year: visits in the area, on-site days over the whole year."""

    author_id: str
    station_id: str | None
    county_code: str  # the county they are evaluated in: their station's, else where most visits were
    visits: int
    onsite_days: int
    households: int  # distinct households their counted visits served
    people_trained: int  # 技术骨干, 土专家, 技术明白人 at the trainings they gave


@dataclass(frozen=True)
class EvaluationTargets:
    """Per-unit targets derived from the plan (targets.json): 60 days; 100,000 households and 5,000
    person-times over about 4,000 specialists; at least one workstation per county."""

    onsite_days: float = 60
    households_per_specialist: float = 25
    trained_per_specialist: float = 1.25
    workstations_per_county: float = 1


class Criterion(NamedTuple):
    """One figure against its target (a tuple: a region's evaluation makes some 15,000 of them)."""

    key: str
    achieved: float
    target: float

    @property
    def attainment(self) -> float:
        return 1.0 if self.target <= 0 else min(1.0, self.achieved / self.target)


class UnitScore(NamedTuple):
    kind: str  # "specialist", "station" or "county"
    unit_id: str
    county_code: str
    criteria: tuple[Criterion, ...]
    score: float
    rank_in_league: int = 0
    rank_in_region: int = 0
    recommended: bool = False


@dataclass(frozen=True)
class Evaluation:
    year: int
    counting_rule: str
    weights: dict[str, float]
    targets: EvaluationTargets
    units: dict[str, tuple[UnitScore, ...]] = field(default_factory=dict)
    #: 三覆盖 of each county evaluated, and the registered workstations of each county.
    coverage: tuple[Coverage, ...] = ()
    workstations: dict[str, int] = field(default_factory=dict)

    def within(self, area_code: str) -> Evaluation:
        """The same evaluation (ranks unchanged) showing only units of counties under ``area_code``."""
        if area_code == "15":
            return self
        kept = {kind: tuple(u for u in units if u.county_code.startswith(area_code))
                for kind, units in self.units.items()}
        return Evaluation(self.year, self.counting_rule, self.weights, self.targets, kept,
                          tuple(c for c in self.coverage if c.county_code.startswith(area_code)),
                          {k: n for k, n in self.workstations.items() if k.startswith(area_code)})

    def recommendations(self) -> list[UnitScore]:
        """The 后补助 list: recommended stations and counties, best first (an office confirms it)."""
        return sorted((u for kind in ("station", "county") for u in self.units.get(kind, ()) if u.recommended),
                      key=lambda u: (u.kind, -u.score, u.unit_id))


def evaluate(year: int, specialists: Iterable[SpecialistTally], coverage: Iterable[Coverage],
             station_counties: Mapping[str, str], targets: EvaluationTargets = EvaluationTargets(),
             weights: Mapping[str, float] | None = None, counting_rule: str = "approved", *,
             station_households: Mapping[str, int] | None = None) -> Evaluation:
    """The evaluation of ``year``: every specialist given, each station they belong to, each county
    of ``coverage``; ``station_counties`` maps every registered station to its county.

    ``station_households`` holds the distinct households served by each station's specialists
    together (one household two of them visited counts once); without it, the sum of theirs."""
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    people, coverage = list(specialists), tuple(coverage)
    by_station: dict[str, list[SpecialistTally]] = defaultdict(list)
    by_county: dict[str, list[SpecialistTally]] = defaultdict(list)
    for s in people:
        if s.station_id:
            by_station[s.station_id].append(s)
        by_county[s.county_code].append(s)
    stations_in = Counter(station_counties.values())
    served = station_households

    def met(group: list[SpecialistTally]) -> float:
        return sum(s.onsite_days >= targets.onsite_days for s in group) / len(group) if group else 0.0

    specialist_units = [_scored("specialist", s.author_id, s.county_code, w, [
        Criterion("onsite_days", s.onsite_days, targets.onsite_days),
        Criterion("households", s.households, targets.households_per_specialist),
        Criterion("people_trained", s.people_trained, targets.trained_per_specialist)]) for s in people]
    station_units = [_scored("station", code, station_counties.get(code) or group[0].county_code, w, [
        Criterion("onsite_share", met(group), 1.0),
        Criterion("households", served.get(code, 0) if served is not None else sum(s.households for s in group),
                  targets.households_per_specialist * len(group)),
        Criterion("people_trained", sum(s.people_trained for s in group), targets.trained_per_specialist * len(group))])
        for code, group in by_station.items()]
    county_units = [_scored("county", c.county_code, c.county_code, w, [
        Criterion("industries", len(c.industries_guided), len(c.industries_guided) + len(c.industries_unguided)),
        Criterion("townships", c.townships_served, c.townships_total),
        Criterion("villages", c.villages_served, c.villages_total),
        Criterion("onsite_share", met(by_county.get(c.county_code, [])), 1.0),
        Criterion("workstations", stations_in.get(c.county_code, 0), targets.workstations_per_county)])
        for c in coverage]
    threshold = w["subsidy.min_score"]
    units = {kind: _ranked(found, threshold if kind != "specialist" else None)
             for kind, found in zip(UNIT_KINDS, (specialist_units, station_units, county_units))}
    return Evaluation(year, counting_rule, w, targets, units, coverage, dict(stations_in))


def _scored(kind: str, unit_id: str, county: str, weights: Mapping[str, float],
            criteria: list[Criterion]) -> UnitScore:
    total = weighted = 0.0
    for c in criteria:
        weight = weights.get(f"{kind}.{c.key}", 0.0)
        total += weight
        weighted += weight * c.attainment
    score = round(100 * weighted / total, 2) if total > 0 else 0.0
    return UnitScore(kind, unit_id, county, tuple(criteria), score)


def _ranked(units: list[UnitScore], threshold: float | None) -> tuple[UnitScore, ...]:
    """Ranks by score, best first; equal scores share a rank (1, 2, 2, 4)."""
    def ranks(group: list[UnitScore]) -> dict[str, int]:
        ordered = sorted(group, key=lambda u: (-u.score, u.unit_id))
        found: dict[str, int] = {}
        for i, u in enumerate(ordered):
            found[u.unit_id] = found[ordered[i - 1].unit_id] if i and ordered[i - 1].score == u.score else i + 1
        return found

    region = ranks(units)
    leagues: dict[str, list[UnitScore]] = defaultdict(list)
    for u in units:
        leagues[u.county_code[:4]].append(u)
    league = {uid: r for group in leagues.values() for uid, r in ranks(group).items()}
    return tuple(sorted((u._replace(rank_in_league=league[u.unit_id], rank_in_region=region[u.unit_id],
                                    recommended=threshold is not None and u.score >= threshold)
                         for u in units), key=lambda u: (u.rank_in_region, u.unit_id)))
