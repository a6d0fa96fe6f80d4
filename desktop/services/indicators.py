"""Indicators against the plan's targets for the records this device holds."""

from __future__ import annotations

from functools import cache

from desktop.store import indicator_queries
from desktop.store.store import Store
from resources import resource_path
from sync.domain.counting import load_taxonomy, rule_for
from sync.indicators import ONSITE_DAYS_KEY, ONSITE_DAYS_TARGET, Area, YearIndicators, compute


@cache
def industry_parents() -> dict[str, tuple[str, ...]]:
    """The shipped industry taxonomy (resources/reference/industry_taxonomy.json)."""
    return load_taxonomy(resource_path("reference"))


class IndicatorService:
    def __init__(self, store: Store):
        self.store = store

    def year(self, year: int, area: Area, approved_only: bool = True, with_coverage: bool = True) -> YearIndicators:
        """Figures for ``year`` in ``area``; coverage is listed per county of the area's division.

        ``approved_only``: count approved records only (the default), or submitted ones not yet
        reviewed too; drafts and returned records never count.
        """
        rule = rule_for(approved_only)
        with self.store.reader() as s:
            visits = indicator_queries.visit_facts(s, year, rule, area)
            authors = {v.author_id for v in visits}
            # On-site days are the specialist's whole year, wherever the visits were.
            everywhere = indicator_queries.visit_facts(s, year, rule, None, authors) if area.division_code != "15" \
                or area.station_id is not None else None
            trainings = indicator_queries.training_facts(s, year, rule, area)
            counties = indicator_queries.county_geographies(s, area.division_code) if with_coverage else []
            onsite_target = indicator_queries.target_value(s, ONSITE_DAYS_KEY)
        return compute(year, area, visits, trainings, counties,
                       onsite_days_target=int(onsite_target) if onsite_target is not None else ONSITE_DAYS_TARGET,
                       whole_year_visits=everywhere, industry_parents=industry_parents(), counting_rule=rule)
