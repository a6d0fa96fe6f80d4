"""Each specialist's counted year, tallied from the plain facts the indicators read."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sync.domain.counting import CountingRule
from sync.domain.evaluation import Evaluation, EvaluationTargets, SpecialistTally, evaluate
from sync.domain.coverage import CountyGeography
from sync.indicators import (
    LOCAL_TALENT_CATEGORIES,
    Area,
    TrainingFact,
    VisitFact,
    compute,
    onsite_days_by_specialist,
)

_TALENT = tuple(c.value for c in LOCAL_TALENT_CATEGORIES)


def tally_specialists(year: int, visits: Iterable[VisitFact], trainings: Iterable[TrainingFact],
                      station_counties: Mapping[str, str]) -> tuple[list[SpecialistTally], dict[str, int]]:
    """One tally per specialist with a visit in ``year`` (callers pass the records the counting rule
    keeps), and the distinct households of each station's specialists together. The county a
    specialist is evaluated in is their station's, else where most visits were."""
    in_year = [v for v in visits if v.visit_date.year == year]
    days = onsite_days_by_specialist(year, in_year)
    counts: Counter[str] = Counter()
    households: dict[str, set[str]] = defaultdict(set)
    where: dict[str, Counter[str]] = defaultdict(Counter)
    stations: dict[str, set[str]] = defaultdict(set)
    for v in in_year:
        counts[v.author_id] += 1
        households[v.author_id].update(v.household_ids)
        where[v.author_id][v.village_code[:6]] += 1
        if v.station_id:
            stations[v.author_id].add(v.station_id)
    # Deterministic whatever the row order, as the server's summaries: the lowest station code, and
    # the county of most visits (the lowest code among equals).
    station = {a: min(stations[a]) if stations[a] else None for a in counts}
    county = {a: min(where[a].items(), key=lambda kv: (-kv[1], kv[0]))[0] for a in counts}
    trained: Counter[str] = Counter()
    for t in trainings:
        if t.training_date.year == year:
            trained[t.author_id] += sum(int(t.attendees.get(c, 0)) for c in _TALENT)
    by_station: dict[str, set[str]] = defaultdict(set)
    for author, code in station.items():
        if code:
            by_station[code].update(households[author])
    tallies = [SpecialistTally(author, station[author], station_counties.get(station[author] or "") or county[author],
                               counts[author], days.get(author, 0), len(households[author]), trained[author])
               for author in sorted(counts)]
    return tallies, {code: len(found) for code, found in by_station.items()}


def targets_from(values: Mapping[str, float]) -> EvaluationTargets:
    """Per-unit targets from the plan's targets in force (targets.json keys; the shipped values else)."""
    plan = EvaluationTargets()
    specialists = values.get("specialists_dispatched") or 4000
    return EvaluationTargets(
        onsite_days=values.get("onsite_days_per_specialist", plan.onsite_days),
        households_per_specialist=values.get("households_served", 100_000) / specialists,
        trained_per_specialist=values.get("people_trained", 5_000) / specialists,
        workstations_per_county=values.get("workstations_per_county", plan.workstations_per_county))


def evaluate_year(year: int, visits: Iterable[VisitFact], trainings: Iterable[TrainingFact],
                  counties: Iterable[CountyGeography], station_counties: Mapping[str, str],
                  target_values: Mapping[str, float], weights: Mapping[str, float] | None,
                  industry_parents: Mapping[str, Sequence[str]], rule: CountingRule) -> Evaluation:
    """The region's evaluation of ``year`` from its counted records: the one function device and
    server both call (ranks need every unit of the region; ``Evaluation.within`` narrows it)."""
    visits, trainings = list(visits), list(trainings)
    coverage = compute(year, Area("15"), visits, trainings, counties, industry_parents=industry_parents,
                       counting_rule=rule).coverage
    tallies, station_households = tally_specialists(year, visits, trainings, station_counties)
    return evaluate(year, tallies, coverage, station_counties, targets_from(target_values), weights, rule.value,
                    station_households=station_households)
