"""Demonstration bases and projects in the year-end evaluation: counted from their records where any exist.

The plan asks for 182 long-term extension demonstration bases, two in each 旗县区, and 100 or more
leading-industry demonstration projects by 2025. A base counts from the year it was set up, a
project from the year it started; only records the counting rule counts (approved, by default).
Where no record of a kind exists in the region, the count a region admin typed for the year stands
in (``source`` says which: "records", "typed", or None when neither is there); a narrower area has
only its records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sync.domain.counting import CountingRule, counted_states
from sync.domain.vocabulary import RecordType

BASES, PROJECTS = "demonstration_bases", "demonstration_projects"
PER_COUNTY_KEY = "demonstration_bases_per_county"
#: The plan's own figures, used when targets.json does not give them.
DEFAULT_TARGETS = {BASES: 182, PROJECTS: 100, PER_COUNTY_KEY: 2}
_TYPES = {BASES: RecordType.DEMO_BASE.value, PROJECTS: RecordType.DEMO_PROJECT.value}


@dataclass(frozen=True)
class DemonstrationFact:
    """What the evaluation reads of one live base or project."""

    record_type: str  # "demo_base" or "demo_project"
    record_id: str
    county_code: str
    review_state: str
    first_year: int | None  # the year a base was set up, the year a project started


def fact_of(record_type: str, record_id: str, fields: Mapping[str, Any]) -> DemonstrationFact:
    """The fact of a record's stored fields (device and server store the same names)."""
    year = fields.get("year_established" if record_type == RecordType.DEMO_BASE.value else "start_year")
    return DemonstrationFact(record_type, record_id, str(fields.get("county_code") or ""),
                             str(fields.get("review_state") or "draft"),
                             year if isinstance(year, int) and not isinstance(year, bool) else None)


def demonstration_figures(year: int, rule: CountingRule, facts: Iterable[DemonstrationFact], area_code: str,
                          banners: Collection[str], typed: Mapping[str, int], target_values: Mapping[str, float],
                          county_names: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the two plan counts, the bases of each 旗县区) within ``area_code``; ``banners`` are the area's
    旗县区, each asked for ``demonstration_bases_per_county`` bases."""
    within = [f for f in facts if area_code == "15" or f.county_code.startswith(area_code)]
    states = set(counted_states(rule))
    counted = [f for f in within if f.review_state in states and f.first_year is not None and f.first_year <= year]
    per_county = target_values.get(PER_COUNTY_KEY, DEFAULT_TARGETS[PER_COUNTY_KEY])
    region = area_code == "15"
    targets = {BASES: target_values.get(BASES, DEFAULT_TARGETS[BASES]) if region else per_county * len(banners),
               PROJECTS: target_values.get(PROJECTS, DEFAULT_TARGETS[PROJECTS]) if region else None}
    counts: dict[str, Any] = {}
    for key, record_type in _TYPES.items():
        if any(f.record_type == record_type for f in within):
            achieved, source = sum(f.record_type == record_type for f in counted), "records"
        elif key in typed and region:  # a typed count is the region's, never a county's
            achieved, source = typed[key], "typed"
        else:
            achieved, source = None, None
        counts[key] = {"achieved": achieved, "target": targets[key], "unit": "个" if key == BASES else "项",
                       "source": source}
    bases = Counter(f.county_code for f in counted if f.record_type == _TYPES[BASES])
    short = sorted(code for code in banners if bases.get(code, 0) < per_county)
    by_county = {"per_county": per_county, "counties": len(banners), "counties_reaching": len(banners) - len(short),
                 "source": counts[BASES]["source"],
                 "county_bases": [{"county_code": code, "name": county_names.get(code, code),
                                   "bases": bases.get(code, 0)} for code in sorted(set(banners) | set(bases))],
                 "counties_short": [{"county_code": c, "name": county_names.get(c, c), "bases": bases.get(c, 0)}
                                    for c in short]}
    return counts, by_county
