"""The year-end evaluation of the records this device holds, computed as the server computes it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.services.indicators import industry_parents
from desktop.store import demonstration_queries, indicator_queries, team_queries, typical_case_queries
from desktop.store.store import Store
from sync.domain.counting import rule_for
from sync.domain.evaluation_document import document
from sync.domain.evaluation_plan import plan_section
from sync.domain.evaluation_tally import evaluate_year

REGION_NAME = "内蒙古自治区"


class EvaluationService:
    def __init__(self, store: Store):
        self.store = store

    def document(self, year: int, area_code: str, approved_only: bool = True) -> dict[str, Any]:
        """The evaluation of ``year`` shown for ``area_code``, under the plan's default weights
        (the server's ``report evaluation`` applies the weights a region admin set for the year), with
        the typical cases marked on this device or pulled (sync.domain.typical_cases)."""
        rule = rule_for(approved_only)
        with self.store.reader() as s:
            visits = indicator_queries.visit_facts(s, year, rule)
            trainings = indicator_queries.training_facts(s, year, rule)
            counties = indicator_queries.county_geographies(s, "15")
            stations = indicator_queries.station_counties(s)
            values = indicator_queries.target_values(s)
            station_names = indicator_queries.station_names(s)
            people = team_queries.user_names(s)
            demonstrations = demonstration_queries.demonstration_facts(s)
            area_name = REGION_NAME if area_code == "15" else indicator_queries.division_name(s, area_code) or area_code
            cases = [{**c, "author": people.get(c["author_id"], c["author_id"])}
                     for c in typical_case_queries.of_year(s, year, area_code)]
        result = evaluate_year(year, visits, trainings, counties, stations, values, None, industry_parents(), rule)
        names = {"specialist": people, "station": station_names, "county": {c.county_code: c.name for c in counties}}
        # Key counties and the typed counts are kept on the server; the laptop shows them as not set.
        plan = plan_section(result.within(area_code), (), {}, values, names["county"], demonstrations, area_code)
        return document(result, area_code, area_name, names, (), dt.datetime.now(dt.UTC), plan, cases)
