"""The plan's own figures beside the evaluation's units, for the year-end report.

- **Workstations per 旗县区**: at least ``workstations_per_county`` in each of the 103 旗县区 (the
  county-level divisions less the five development zones and management areas, NBS codes 15xx7x).
- **三覆盖 of the key counties**: the counties a region admin lists for the year (重点支持旗县),
  each with its industries guided, townships with on-site service and villages served.
- **Demonstration bases and projects** (``evaluation_demonstrations``): counted from their records
  (two bases per 旗县区, 182 in the region; 100 projects or more), or typed where no record exists.
- **Counts the records do not hold**, kept by the region office for the year against the plan's
  targets: grassroots technicians trained counted in people (a person trained twice is one; the
  trainings' attendance counts person-times), collaborative extension teams, transferred results.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from sync.domain.counting import CountingRule
from sync.domain.evaluation import Evaluation
from sync.domain.evaluation_demonstrations import DemonstrationFact, demonstration_figures

#: The counts a region admin keeps per year; each key is also the key of its target in targets.json.
PLAN_COUNTS: dict[str, tuple[str, str]] = {
    "grassroots_technicians_trained": ("人", "people"),
    "collaborative_teams": ("个", "teams"),
    "results_transferred": ("项", "results"),
    # Typed only where no base or project record exists (evaluation_demonstrations).
    "demonstration_bases": ("个", "bases"),
    "demonstration_projects": ("项", "projects"),
}
WORKSTATIONS_KEY = "workstations_per_county"


def is_banner_county(code: str) -> bool:
    """A 旗, 县, 县级市 or 市辖区: a county-level code whose digits 5-6 are not 70-79 (the NBS codes of
    development zones and management areas, which the plan's "each 旗县区" does not mean)."""
    return len(code) == 6 and code.isdigit() and not 70 <= int(code[4:6]) <= 79


def _share(achieved: float, target: float) -> dict[str, float]:
    return {"achieved": achieved, "target": target}


def plan_section(evaluation: Evaluation, key_counties: Collection[str], counts: Mapping[str, int],
                 target_values: Mapping[str, float], county_names: Mapping[str, str],
                 demonstrations: Iterable[DemonstrationFact] = (), area_code: str = "15") -> dict[str, Any]:
    """The plan's figures of ``evaluation`` (already narrowed to ``area_code``) as JSON values;
    a count the region office has not entered is None. ``demonstrations``: every live base and
    project of the region, counted in place of the typed counts where the area has any."""
    per_county = target_values.get(WORKSTATIONS_KEY, 1)
    banners = sorted(c.county_code for c in evaluation.coverage if is_banner_county(c.county_code))
    without = [code for code in banners if evaluation.workstations.get(code, 0) < per_county]
    shown = {c.county_code: c for c in evaluation.coverage}
    key = [{"county_code": code, "name": county_names.get(code, code),
            "industries": _share(len(c.industries_guided), len(c.industries_guided) + len(c.industries_unguided)),
            "townships": _share(c.townships_served, c.townships_total),
            "villages": _share(c.villages_served, c.villages_total)}
           for code in sorted(key_counties) if (c := shown.get(code)) is not None]
    demo_counts, demo_bases = demonstration_figures(
        evaluation.year, CountingRule(evaluation.counting_rule), demonstrations, area_code, banners, counts,
        target_values, county_names)
    return {
        "workstations": {"counties": len(banners), "counties_reaching": len(banners) - len(without),
                         "per_county": per_county,
                         "counties_without": [{"county_code": c, "name": county_names.get(c, c)} for c in without]},
        "key_counties": key,
        "counts": {k: demo_counts.get(k) or {"achieved": counts.get(k), "target": target_values.get(k), "unit": unit}
                   for k, (unit, _) in PLAN_COUNTS.items()},
        "demonstration_bases": demo_bases,
    }
