"""Columns kept in step with a record for search and duplicate checks, local and pulled changes alike.

A visit's search key holds its village's name (with pinyin), its industry, problem and advice, and
the names of the households it served, so one indexed LIKE answers a search; renaming a household
refreshes the keys of its visits.
"""

from __future__ import annotations

from sqlalchemy import delete, event, insert, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker

from sync.domain.phone import normalise_phone
from desktop.domain.search_text import initials_key, search_key
from desktop.store.models import Division, HouseholdRow, TrainingRow, VisitHousehold, VisitRow


def _village_names(session: Session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    with session.no_autoflush:
        return dict(session.execute(select(Division.code, Division.name).where(Division.code.in_(codes))).all())


def _household_names(session: Session, ids: set[str], pending: dict[str, str]) -> dict[str, str]:
    """Names of these households: as being saved in this flush, else as stored."""
    missing = ids - pending.keys()
    names = dict(pending)
    if missing:
        with session.no_autoflush:
            names.update(session.execute(select(HouseholdRow.id, HouseholdRow.name).where(HouseholdRow.id.in_(missing))).all())
    return names


def visit_search_key(village_name: str, industry: str, problem: str, advice: str, household_names: list[str]) -> str:
    parts = (initials_key(village_name), industry.lower(), problem.lower(), advice.lower(),
             *map(initials_key, household_names))
    return " ".join(p for p in parts if p)


def register(sessions: sessionmaker[Session]) -> None:
    """Keep the derived columns of every session ``sessions`` makes (the store's writer sessions)."""
    event.listen(sessions, "before_flush", _refresh_derived)
    event.listen(sessions, "after_flush", _write_links_and_renames)


def household_keys(name: str | None, phone: str | None, consent: bool | None) -> tuple[str, str]:
    """A household's (phone_key, search_key). Without consent it cannot be found by its phone number."""
    phone_key = normalise_phone(phone or "")
    return phone_key, " ".join(filter(None, (search_key(name or ""), phone_key if consent else "")))


def training_search_key(village_name: str, topic: str | None, place: str | None, industry: str | None) -> str:
    return " ".join(filter(None, (search_key(village_name), search_key(topic or ""), (place or "").lower(),
                                  (industry or "").lower())))


def fill_new_rows(session: Session, table_name: str, rows: list[dict]) -> list[dict[str, str]]:
    """Set the derived columns of rows about to be inserted without the ORM (a pulled page's new
    records, store.bulk_apply), as the flush hook below sets them on ORM rows; returns the
    visit-household links to insert with them."""
    if table_name == HouseholdRow.__tablename__:
        for row in rows:
            row["phone_key"], row["search_key"] = household_keys(row.get("name"), row.get("phone"),
                                                                 row.get("contact_consent"))
        return []
    if table_name not in (VisitRow.__tablename__, TrainingRow.__tablename__):
        return []
    villages = _village_names(session, {r["village_code"] for r in rows if r.get("village_code")})
    if table_name == TrainingRow.__tablename__:
        for row in rows:
            row["search_key"] = training_search_key(villages.get(row.get("village_code"), ""), row.get("topic"),
                                                    row.get("place"), row.get("industry"))
        return []
    names = _household_names(session, {h for r in rows for h in (r.get("household_ids") or ())}, {})
    links = []
    for row in rows:
        served = list(dict.fromkeys(row.get("household_ids") or ()))
        row["search_key"] = visit_search_key(villages.get(row.get("village_code"), ""), row.get("industry") or "",
                                             row.get("problem") or "", row.get("advice") or "",
                                             [names[h] for h in served if h in names])
        links += [{"visit_id": row["id"], "household_id": h} for h in served]
    return links

def _refresh_derived(session: Session, _ctx: object, _instances: object) -> None:
    changed = [*session.new, *(r for r in session.dirty if session.is_modified(r))]
    households = [r for r in changed if isinstance(r, HouseholdRow)]
    visits = [r for r in changed if isinstance(r, VisitRow)]
    trainings = [r for r in changed if isinstance(r, TrainingRow)]
    for row in households:
        row.phone_key, row.search_key = household_keys(row.name, row.phone, row.contact_consent)
        if row not in session.new and inspect(row).attrs.name.history.has_changes():
            session.info.setdefault("renamed_households", set()).add(row.id)
    if not visits and not trainings:
        return
    # One look-up per flush, not per row: a pulled page holds hundreds of visits.
    villages = _village_names(session, {r.village_code for r in (*visits, *trainings) if r.village_code})
    names = _household_names(session, {h for v in visits for h in (v.household_ids or ())},
                             {h.id: h.name for h in households})
    links = session.info.setdefault("visit_links", {})
    for row in visits:
        served = [names[h] for h in dict.fromkeys(row.household_ids or ()) if h in names]
        row.search_key = visit_search_key(villages.get(row.village_code, ""), row.industry or "",
                                          row.problem or "", row.advice or "", served)
        links[row.id] = list(row.household_ids or [])
    for row in trainings:
        row.search_key = training_search_key(villages.get(row.village_code, ""), row.topic, row.place, row.industry)


def _write_links_and_renames(session: Session, _ctx: object) -> None:
    conn = session.connection()
    links = session.info.pop("visit_links", None)
    if links:
        conn.execute(delete(VisitHousehold).where(VisitHousehold.visit_id.in_(list(links))))
        rows = [{"visit_id": v, "household_id": h} for v, ids in links.items() for h in dict.fromkeys(ids)]
        if rows:
            conn.execute(insert(VisitHousehold), rows)
    renamed = session.info.pop("renamed_households", None)
    if renamed:
        visit_ids = select(VisitHousehold.visit_id).where(VisitHousehold.household_id.in_(renamed))
        for visit in conn.execute(select(VisitRow.id, VisitRow.village_code, VisitRow.industry, VisitRow.problem,
                                         VisitRow.advice, VisitRow.household_ids).where(VisitRow.id.in_(visit_ids))):
            names = [n for (n,) in conn.execute(select(HouseholdRow.name).where(HouseholdRow.id.in_(visit.household_ids)))]
            village = conn.scalar(select(Division.name).where(Division.code == visit.village_code)) or ""
            key = visit_search_key(village, visit.industry, visit.problem, visit.advice, names)
            # Core update: a search key is not a synced field, so this is no change to capture.
            conn.execute(update(VisitRow).where(VisitRow.id == visit.id).values(search_key=key))
