"""Queries of demonstration bases and projects: the list page's rows, a visit's picker, the evaluation's facts."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from desktop.domain.summaries import DemonstrationSummary
from desktop.store.models import DemonstrationBaseRow, DemonstrationProjectRow, Division, User
from sync.domain.evaluation_demonstrations import DemonstrationFact, fact_of

_county = aliased(Division)
_specialist = aliased(User)


def _years(row: DemonstrationBaseRow | DemonstrationProjectRow) -> str:
    if isinstance(row, DemonstrationBaseRow):
        return str(row.year_established or "")
    if row.start_year and row.end_year and row.end_year != row.start_year:
        return f"{row.start_year}–{row.end_year}"
    return str(row.start_year or "")


def list_demonstrations(session: Session, text: str = "", county_code: str | None = None,
                        limit: int = 2000) -> list[DemonstrationSummary]:
    """Live bases, then projects, by county and name; ``text`` matches the name or the industry."""
    found: list[DemonstrationSummary] = []
    for row_cls, record_type in ((DemonstrationBaseRow, "demo_base"), (DemonstrationProjectRow, "demo_project")):
        stmt = (select(row_cls, _county.name, _specialist.display_name)
                .outerjoin(_county, _county.code == row_cls.county_code)
                .outerjoin(_specialist, _specialist.id == row_cls.specialist_id)
                .where(row_cls.deleted.is_(False)))
        if text.strip():
            like = f"%{text.strip()}%"
            stmt = stmt.where(or_(row_cls.name.like(like), row_cls.industry.like(like)))
        if county_code:
            stmt = stmt.where(row_cls.county_code.startswith(county_code))
        for row, county, specialist in session.execute(
                stmt.order_by(row_cls.county_code, row_cls.name, row_cls.id).limit(limit)):
            found.append(DemonstrationSummary(
                id=row.id, record_type=record_type, name=row.name, kind=row.kind, county_code=row.county_code,
                county_name=county or row.county_code, industry=row.industry,
                specialist_name=specialist or row.specialist_id, years=_years(row),
                review_state=row.review_state, author_id=row.author_id))
    return found


def demonstration_name(session: Session, record_id: str | None) -> str | None:
    """The name of the base or project ``record_id`` (None: no such record on this device)."""
    if not record_id:
        return None
    for row_cls in (DemonstrationBaseRow, DemonstrationProjectRow):
        name = session.scalar(select(row_cls.name).where(row_cls.id == record_id))
        if name is not None:
            return name
    return None


def demonstration_facts(session: Session) -> list[DemonstrationFact]:
    """Every live base and project this device holds, as the evaluation reads them (as the server does)."""
    found = []
    for row_cls, record_type in ((DemonstrationBaseRow, "demo_base"), (DemonstrationProjectRow, "demo_project")):
        year_col = row_cls.year_established if row_cls is DemonstrationBaseRow else row_cls.start_year
        for record_id, county, state, year in session.execute(
                select(row_cls.id, row_cls.county_code, row_cls.review_state, year_col)
                .where(row_cls.deleted.is_(False))):
            found.append(fact_of(record_type, record_id, {"county_code": county, "review_state": state,
                                                          "year_established": year, "start_year": year}))
    return found
