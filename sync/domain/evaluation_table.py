"""The evaluation document as tables of printable rows, one per unit kind, for a workbook or a PDF."""

from __future__ import annotations

from typing import Any

from sync.domain.evaluation_document import label
from sync.domain.evaluation_plan import PLAN_COUNTS

#: The criteria printed for each kind, in order.
CRITERIA = {"specialist": ("onsite_days", "households", "people_trained"),
            "station": ("onsite_share", "households", "people_trained"),
            "county": ("industries", "townships", "villages", "onsite_share", "workstations")}


def _figure(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def headers(kind: str, language: str) -> list[str]:
    fixed = [label(k, language) for k in ("rank_in_region", "rank_in_league", "unit_id", "name", "county_code")]
    crit = [f"{label(c, language)} / {label('target', language)}" for c in CRITERIA[kind]]
    tail = [label("score", language)] + ([label("recommended", language), label("confirmed", language)]
                                         if kind != "specialist" else [])
    return fixed + crit + tail


def rows(doc: dict[str, Any], kind: str, language: str) -> list[list[Any]]:
    yes, no = label("yes", language), label("no", language)
    found = []
    for u in doc["units"][kind]:
        crit = [f"{_figure(u['criteria'][c]['achieved'])} / {_figure(u['criteria'][c]['target'])}"
                for c in CRITERIA[kind]]
        tail = [u["score"]] + ([yes if u["recommended"] else no, yes if u["confirmed"] else no]
                               if kind != "specialist" else [])
        found.append([u["rank_in_region"], u["rank_in_league"], u["unit_id"], u["name"], u["county_code"], *crit, *tail])
    return found


def heading_lines(doc: dict[str, Any], language: str) -> list[str]:
    rule = doc["counting_label"]["en" if language.startswith("en") else "zh_CN"]
    weights = ", ".join(f"{k} {v:g}" for k, v in doc["weights"].items())
    return [f"{label('year', language)}: {doc['year']}    {label('area', language)}: {doc['area_name']} ({doc['area_code']})",
            f"{label('counting', language)}: {rule}", f"{label('weights', language)}: {weights}"]


def plan_rows(doc: dict[str, Any], language: str) -> list[list[Any]]:
    """The plan's figures as rows (heading, figure, target): workstations and demonstration bases per
    旗县区, the plan's counts (each saying whether records or a typed figure gave it), then 三覆盖 of
    each key county."""
    plan = doc.get("plan") or {}
    if not plan:
        return []
    english = language.startswith("en")
    listed = ", " if english else "、"
    ws = plan["workstations"]
    without = listed.join(c["name"] for c in ws["counties_without"]) or "—"
    found: list[list[Any]] = [
        [label("plan_workstations", language), label("counties_reaching", language),
         f"{ws['counties_reaching']} / {ws['counties']}", f"≥ {_figure(ws['per_county'])}"],
        ["", label("counties_without", language), without, ""]]
    bases = plan.get("demonstration_bases")
    if bases and bases["source"] == "records":
        short = listed.join(f"{c['name']} {c['bases']}" for c in bases["counties_short"]) or "—"
        found += [[label("plan_bases", language), label("counties_reaching", language),
                   f"{bases['counties_reaching']} / {bases['counties']}", f"≥ {_figure(bases['per_county'])}"],
                  ["", label("counties_without", language), short, ""]]
    for key, count in plan["counts"].items():
        achieved = label("not_entered", language) if count["achieved"] is None else count["achieved"]
        unit = PLAN_COUNTS[key][1] if english and key in PLAN_COUNTS else count["unit"]
        target = "" if count["target"] is None else f"{_figure(count['target'])} {unit}"
        how = label("achieved", language) + (f" ({label(count['source'], language)})" if count.get("source") else "")
        found.append([label(key, language), how, achieved, target])
    if not plan["key_counties"]:
        found.append([label("key_counties", language), "", label("none_set", language), ""])
    for c in plan["key_counties"]:
        found.append([label("key_counties", language), f"{c['name']} ({c['county_code']})",
                      ("; " if english else "；").join(f"{label(k, language)} {_figure(c[k]['achieved'])} / {_figure(c[k]['target'])}"
                                 for k in ("industries", "townships", "villages")), ""])
    return found


CASE_COLUMNS = ("date", "record_type", "author", "village_code", "industry", "write_up")


def case_rows(doc: dict[str, Any], language: str) -> list[list[Any]]:
    """The typical cases as rows under a header row ([] when there are none)."""
    cases = doc.get("typical_cases") or []
    if not cases:
        return []
    return [[label(k, language) for k in CASE_COLUMNS]] + [
        [c["date"], label(c["record_type"], language), c["author"], c["village_code"], c["industry"], c["write_up"]]
        for c in cases]
