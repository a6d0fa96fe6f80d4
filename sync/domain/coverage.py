"""三覆盖, the plan's three coverages, per county: technical guidance for every leading industry,
resident (on-site) service in every township, and service reaching every administrative village.

Device and server both end here: the indicators (sync.indicators) from their facts, the server's
set-based report from SQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sync.domain.counting import industry_lineage


def is_rural_township(code: str) -> bool:
    """A 镇, 乡 or 苏木 (NBS codes: digits 7-9 are 100-399); not a 街道 (001-099) nor a park or farm (400+).

    "Resident service covers every township" (驻点服务覆盖所有乡镇) is about these.
    """
    return len(code) == 9 and 100 <= int(code[6:9]) <= 399


def is_administrative_village(code: str) -> bool:
    """A 村委会 or 嘎查委员会 (NBS codes: digits 10-12 are 200-399), not an urban 居委会 (001-199).

    "Service covers every administrative village" (覆盖所有行政村) is about these.
    """
    return len(code) == 12 and 200 <= int(code[9:12]) <= 399


@dataclass(frozen=True)
class CountyGeography:
    """The official townships and villages of one county, and the leading industries it supports."""

    county_code: str
    name: str
    township_codes: frozenset[str]
    village_codes: frozenset[str]
    leading_industries: frozenset[str]


@dataclass(frozen=True)
class Coverage:
    county_code: str
    name: str
    industries_guided: tuple[str, ...]
    industries_unguided: tuple[str, ...]
    townships_served: int
    townships_total: int
    townships_unserved: tuple[str, ...]
    villages_served: int
    villages_total: int
    villages_unserved: tuple[str, ...]


def coverage_of(counties: Iterable[CountyGeography], villages_served: Iterable[str],
                townships_resident: Iterable[str], guided: Iterable[tuple[str, str]],
                parents: Mapping[str, Sequence[str]]) -> tuple[Coverage, ...]:
    """三覆盖 per county from the distinct places and (county, industry) pairs the year reached; the
    server's set-based report computes these with SQL and ends here too."""
    by_county: dict[str, tuple[set[str], set[str], set[str]]] = defaultdict(lambda: (set(), set(), set()))
    for code in villages_served:
        by_county[code[:6]][0].add(code)
    for code in townships_resident:
        by_county[code[:6]][1].add(code)
    lineage: dict[str, frozenset[str]] = {}
    for county, industry in guided:
        if industry:
            if industry not in lineage:
                lineage[industry] = industry_lineage(industry, parents)
            by_county[county][2].update(lineage[industry])
    return tuple(_coverage(c, by_county[c.county_code][2], by_county[c.county_code][1], by_county[c.county_code][0])
                 for c in sorted(counties, key=lambda c: c.county_code))


def _coverage(county: CountyGeography, guided: set[str], resident: set[str], served: set[str]) -> Coverage:
    resident = resident & county.township_codes
    served = served & county.village_codes
    return Coverage(
        county_code=county.county_code,
        name=county.name,
        industries_guided=tuple(sorted(county.leading_industries & guided)),
        industries_unguided=tuple(sorted(county.leading_industries - guided)),
        townships_served=len(resident),
        townships_total=len(county.township_codes),
        townships_unserved=tuple(sorted(county.township_codes - resident)),
        villages_served=len(served),
        villages_total=len(county.village_codes),
        villages_unserved=tuple(sorted(county.village_codes - served)),
    )
