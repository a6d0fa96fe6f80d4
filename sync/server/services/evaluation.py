"""The year-end evaluation on the server: the region's counted year evaluated, weights by year, confirmations."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sync.domain.counting import rule_for
from sync.domain.evaluation import DEFAULT_WEIGHTS, evaluate
from sync.domain.evaluation_document import document
from sync.domain.evaluation_plan import PLAN_COUNTS, is_banner_county, plan_section
from sync.domain.evaluation_tally import evaluate_year, targets_from
from sync.indicators import coverage_of_places
from sync.server.clock import utcnow
from sync.server.services import audit
from sync.server.services.admin import AdminError
from sync.server.services.reports import REGION_NAME, industry_parents
from sync.server.store import (
    demonstrations,
    divisions,
    evaluation,
    evaluation_build,
    report_facts,
    targets,
    typical_cases,
    users,
)
from sync.server.store.database import Database
from sync.server.store.report_facts import FactSelection

MAX_WEIGHT = 1000.0


def evaluation_document(db: Database, year: int, area_code: str, approved_only: bool = True, *,
                        reference: bool = False) -> dict[str, Any]:
    """The evaluation of ``year`` shown for ``area_code`` (ranks are the region's), as JSON values.

    It reads the summaries kept up to date as records are written (store.evaluation_summary, store.evaluation_build);
    ``reference`` computes it from every counted record instead, as a device does (the tests
    compare the two).
    """
    rule = rule_for(approved_only)
    if not reference:
        with db.read() as session:
            built = evaluation_build.is_built(session, year)
        if not built:
            with db.write() as session:
                evaluation_build.ensure_built(session, year)
    with db.read() as session:
        area_name = REGION_NAME if area_code == "15" else divisions.name_of(session, area_code)
        if area_name is None:
            raise AdminError(f"no league or county with code {area_code}")
        counties, _ = divisions.county_geographies(session, "15")
        stations = evaluation.station_counties(session)
        values = {t.key: t.value for t in targets.list_all(session)}
        weights = evaluation.weights_of(session, year)
        if not reference:
            coverage = coverage_of_places(counties, evaluation_build.places(session, year, rule), industry_parents())
            result = evaluate(year, evaluation_build.specialists(session, year, rule, stations), coverage, stations,
                              targets_from(values), weights, rule.value,
                              station_households=evaluation_build.station_households(session, year, rule))
        else:
            region = FactSelection()
            result = evaluate_year(year, report_facts.visit_facts(session, year, rule, region),
                                   report_facts.training_facts(session, year, rule, region), counties, stations,
                                   values, weights, industry_parents(), rule)
        shown = result.within(area_code)
        names = {"specialist": users.display_names(session, (u.unit_id for u in shown.units["specialist"])),
                 "station": evaluation.station_names(session), "county": {c.county_code: c.name for c in counties}}
        confirmed = set(evaluation.confirmations(session, year))
        plan = plan_section(shown, evaluation.key_counties(session, year), evaluation.plan_counts(session, year),
                            values, names["county"], demonstrations.facts(session), area_code)
        cases = typical_cases.of_year(session, year, area_code)
        people = users.display_names(session, (c["author_id"] for c in cases))
        cases = [{**c, "author": people.get(c["author_id"], c["author_id"])} for c in cases]
    return document(result, area_code, area_name, names, confirmed, utcnow(), plan, cases)


def set_weights(db: Database, year: int, values: Mapping[str, float], actor: audit.Actor) -> dict[str, float]:
    """Keep ``values`` as ``year``'s weights (all or nothing), written to the audit log as ``actor``'s;
    returns the year's weights in force."""
    unknown = sorted(set(values) - set(DEFAULT_WEIGHTS))
    if unknown:
        raise AdminError(f"unknown weight {', '.join(unknown)}; known: {', '.join(DEFAULT_WEIGHTS)}")
    bad = [k for k, v in values.items() if not (math.isfinite(v) and 0 <= v <= MAX_WEIGHT)]
    if bad:
        raise AdminError(f"weight {', '.join(bad)}: give a number from 0 to {MAX_WEIGHT:g}")
    with db.write() as session:
        evaluation.set_weights(session, year, values, actor.name, utcnow())
        audit.record(session, actor, "evaluation_weights_set", str(year), None, values=dict(values))
        return {**DEFAULT_WEIGHTS, **evaluation.weights_of(session, year)}


def weights(db: Database, year: int) -> dict[str, float]:
    with db.read() as session:
        return {**DEFAULT_WEIGHTS, **evaluation.weights_of(session, year)}


def confirm(db: Database, year: int, kind: str, unit_id: str, actor: audit.Actor) -> float:
    """Confirm a recommended station or county's 后补助 (written to the audit log); refused unless the
    evaluation recommends it."""
    found = next((u for u in evaluation_document(db, year, "15")["recommendations"]
                  if u["kind"] == kind and u["unit_id"] == unit_id), None)
    if found is None:
        raise AdminError(f"{kind} {unit_id} is not on the {year} recommendation list")
    with db.write() as session:
        evaluation.confirm(session, year, kind, unit_id, found["score"], actor.name, utcnow())
        audit.record(session, actor, "evaluation_confirmed", f"{kind} {unit_id}", found.get("county_code"),
                     year=year, score=found["score"])
    return found["score"]


MAX_PLAN_COUNT = 1_000_000


def set_plan(db: Database, year: int, key_counties: list[str] | None, counts: Mapping[str, int] | None,
             actor: audit.Actor) -> tuple[list[str], dict[str, int]]:
    """Replace the year's key counties (旗县区 codes) when given and set the plan counts given, all
    or nothing, written to the audit log as ``actor``'s; AdminError naming an unknown county or
    count, or a bad number."""
    counts = dict(counts or {})
    unknown = sorted(set(counts) - set(PLAN_COUNTS))
    if unknown:
        raise AdminError(f"unknown count {', '.join(unknown)}; known: {', '.join(PLAN_COUNTS)}")
    bad = [k for k, v in counts.items() if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= MAX_PLAN_COUNT]
    if bad:
        raise AdminError(f"count {', '.join(bad)}: give a whole number from 0 to {MAX_PLAN_COUNT:,}")
    with db.write() as session:
        now = utcnow()
        if key_counties is not None:
            known = {code for code in divisions.by_level(session, "county") if is_banner_county(code)}
            wrong = [c for c in key_counties if c not in known]
            if wrong:
                raise AdminError(f"not a 旗县区 code: {', '.join(wrong)} (give 6-digit codes from the division list)")
            evaluation.set_key_counties(session, year, key_counties, actor.name, now)
        evaluation.set_plan_counts(session, year, counts, actor.name, now)
        audit.record(session, actor, "evaluation_plan_set", str(year), None,
                     **({"key_counties": sorted(key_counties)} if key_counties is not None else {}), counts=counts)
        return evaluation.key_counties(session, year), evaluation.plan_counts(session, year)


def plan_data(db: Database, year: int) -> tuple[list[str], dict[str, int]]:
    """The year's key counties and the plan counts entered so far."""
    with db.read() as session:
        return evaluation.key_counties(session, year), evaluation.plan_counts(session, year)
