"""Indicators against the plan's targets for the records this device holds."""

from __future__ import annotations

from desktop.store import indicator_queries
from desktop.store.store import Store
from sync.indicators import ONSITE_DAYS_KEY, ONSITE_DAYS_TARGET, Area, YearIndicators, compute


class IndicatorService:
    def __init__(self, store: Store):
        self.store = store

    def year(self, year: int, area: Area, approved_only: bool = False, with_coverage: bool = True) -> YearIndicators:
        """Figures for ``year`` in ``area``; coverage is listed per county of the area's division."""
        with self.store.reader() as s:
            visits = indicator_queries.visit_facts(s, year, approved_only, area)
            trainings = indicator_queries.training_facts(s, year, approved_only, area)
            counties = indicator_queries.county_geographies(s, area.division_code) if with_coverage else []
            onsite_target = indicator_queries.target_value(s, ONSITE_DAYS_KEY)
        return compute(year, area, visits, trainings, counties,
                       onsite_days_target=int(onsite_target) if onsite_target is not None else ONSITE_DAYS_TARGET)
