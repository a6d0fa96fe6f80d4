"""List queries over the store: filtered, sorted, paged record summaries and division look-ups."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, or_, select, true
from sqlalchemy.orm import Session, aliased

from desktop.domain.filters import RecordFilter, SortKey, division_range
from desktop.domain.search_text import normalise_query
from desktop.domain.summaries import DivisionItem, HouseholdSummary, TrainingSummary, VisitSummary
from desktop.store.models import Division, HouseholdRow, TrainingRow, User, VisitHousehold, VisitRow

_village = aliased(Division)
_township = aliased(Division)


def _township_of(village_code) -> ColumnElement[bool]:
    """The join of a record's village to its township (the village code's first 9 digits)."""
    return _township.code == func.substr(village_code, 1, 9)
_author = aliased(User)


def _like(column, query: str) -> ColumnElement[bool]:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"%{escaped}%", escape="\\")


def _conditions(table: Any, date_column: Any, f: RecordFilter) -> list[ColumnElement[bool]]:
    """The WHERE terms shared by visits and trainings."""
    terms: list[ColumnElement[bool]] = []
    if not f.include_deleted:
        terms.append(table.deleted.is_(False))
    if f.date_from:
        terms.append(date_column >= f.date_from)
    if f.date_to:
        terms.append(date_column <= f.date_to)
    if f.division_code:
        low, high = division_range(f.division_code)
        terms += [table.village_code >= low, table.village_code < high]
    for value, column in ((f.industry, table.industry), (f.review_state, table.review_state),
                          (f.author_id, table.author_id), (f.station_id, table.station_id)):
        if value:
            terms.append(column == value)
    if f.review_states is not None:
        terms.append(table.review_state.in_(f.review_states))
    if f.drafts_of:
        terms.append(or_(table.review_state != "draft", table.author_id == f.drafts_of))
    return terms


def _visit_conditions(f: RecordFilter) -> list[ColumnElement[bool]]:
    terms = _conditions(VisitRow, VisitRow.visit_date, f)
    if f.service_type:
        # service_types is a JSON array of codes; a quoted code cannot match inside another code.
        terms.append(cast(VisitRow.service_types, String).like(f'%"{f.service_type}"%'))
    query = normalise_query(f.text)
    if query:
        terms.append(_like(VisitRow.search_key, query))
    return terms


def _training_conditions(f: RecordFilter) -> list[ColumnElement[bool]]:
    terms = _conditions(TrainingRow, TrainingRow.training_date, f)
    query = normalise_query(f.text)
    if query:
        terms.append(_like(TrainingRow.search_key, query))
    return terms


def _order(f: RecordFilter, sort_columns: dict[SortKey, Any], id_column: Any) -> tuple:
    column = sort_columns.get(f.sort, next(iter(sort_columns.values())))
    if f.descending:
        return column.desc(), id_column.desc()
    return column.asc(), id_column.asc()


def _count(session: Session, table: Any, terms: list[ColumnElement[bool]]) -> int:
    return session.scalar(select(func.count()).select_from(table).where(*terms)) or 0


# --- visits ---------------------------------------------------------------------------------

_VISIT_SORT = {SortKey.DATE: VisitRow.visit_date, SortKey.VILLAGE: VisitRow.village_code,
               SortKey.INDUSTRY: VisitRow.industry, SortKey.STATE: VisitRow.review_state,
               SortKey.AUTHOR: VisitRow.author_id}


def count_visits(session: Session, f: RecordFilter) -> int:
    return _count(session, VisitRow, _visit_conditions(f))


def list_visits(session: Session, f: RecordFilter, offset: int = 0, limit: int = 200) -> list[VisitSummary]:
    stmt: Select = (
        select(VisitRow, _village.name, _author.display_name, _township.name)
        .outerjoin(_village, _village.code == VisitRow.village_code)
        .outerjoin(_township, _township_of(VisitRow.village_code))
        .outerjoin(_author, _author.id == VisitRow.author_id)
        .where(*_visit_conditions(f))
        .order_by(*_order(f, _VISIT_SORT, VisitRow.id)).offset(offset).limit(limit)
    )
    return [
        VisitSummary(
            id=v.id, visit_date=v.visit_date, mode=v.mode, village_code=v.village_code,
            village_name=village or v.village_code, household_count=len(v.household_ids or ()),
            service_types=tuple(v.service_types or ()), industry=v.industry, problem=v.problem,
            review_state=v.review_state, author_id=v.author_id, author_name=author or "", revision=v.revision,
            township_name=township or "",
        )
        for v, village, author, township in session.execute(stmt)
    ]


# --- trainings ------------------------------------------------------------------------------

_TRAINING_SORT = {SortKey.DATE: TrainingRow.training_date, SortKey.VILLAGE: TrainingRow.village_code,
                  SortKey.INDUSTRY: TrainingRow.industry, SortKey.STATE: TrainingRow.review_state,
                  SortKey.AUTHOR: TrainingRow.author_id}


def count_trainings(session: Session, f: RecordFilter) -> int:
    return _count(session, TrainingRow, _training_conditions(f))


def list_trainings(session: Session, f: RecordFilter, offset: int = 0, limit: int = 200) -> list[TrainingSummary]:
    stmt = (
        select(TrainingRow, _village.name, _author.display_name, _township.name)
        .outerjoin(_village, _village.code == TrainingRow.village_code)
        .outerjoin(_township, _township_of(TrainingRow.village_code))
        .outerjoin(_author, _author.id == TrainingRow.author_id)
        .where(*_training_conditions(f))
        .order_by(*_order(f, _TRAINING_SORT, TrainingRow.id)).offset(offset).limit(limit)
    )
    return [
        TrainingSummary(
            id=t.id, training_date=t.training_date, village_code=t.village_code,
            village_name=village or t.village_code, topic=t.topic, industry=t.industry, hours=t.hours,
            attendee_total=sum(int(n) for n in (t.attendees or {}).values()), review_state=t.review_state,
            author_id=t.author_id, author_name=author or "", township_name=township or "",
        )
        for t, village, author, township in session.execute(stmt)
    ]


# --- households -----------------------------------------------------------------------------


def _household_conditions(text: str, division_code: str | None) -> list[ColumnElement[bool]]:
    terms: list[ColumnElement[bool]] = [HouseholdRow.deleted.is_(False), HouseholdRow.merged_into.is_(None)]
    query = normalise_query(text)
    if query:
        terms.append(_like(HouseholdRow.search_key, query))
    if division_code:
        low, high = division_range(division_code)
        terms += [HouseholdRow.village_code >= low, HouseholdRow.village_code < high]
    return terms


def count_households(session: Session, text: str = "", division_code: str | None = None) -> int:
    return _count(session, HouseholdRow, _household_conditions(text, division_code))


#: search_key is "张丽 zl zhangli 138…": what follows the name is its pinyin, initials first.
_HOUSEHOLD_PINYIN = func.substr(HouseholdRow.search_key, func.instr(HouseholdRow.search_key, " ") + 1)
_HOUSEHOLD_SORT = {SortKey.NAME: _HOUSEHOLD_PINYIN, SortKey.KIND: HouseholdRow.kind,
                   SortKey.VILLAGE: HouseholdRow.village_code}


def list_households(session: Session, text: str = "", division_code: str | None = None,
                    offset: int = 0, limit: int = 200, sort: SortKey = SortKey.NAME,
                    descending: bool = False) -> list[HouseholdSummary]:
    column = _HOUSEHOLD_SORT.get(sort, _HOUSEHOLD_PINYIN)
    order = (column.desc(), _HOUSEHOLD_PINYIN.desc(), HouseholdRow.id.desc()) if descending \
        else (column.asc(), _HOUSEHOLD_PINYIN.asc(), HouseholdRow.id.asc())
    stmt = (
        select(HouseholdRow, _village.name, _township.name)
        .outerjoin(_village, _village.code == HouseholdRow.village_code)
        .outerjoin(_township, _township_of(HouseholdRow.village_code))
        .where(*_household_conditions(text, division_code))
        .order_by(*order).offset(offset).limit(limit)
    )
    return [
        HouseholdSummary(id=h.id, name=h.name, kind=h.kind,
                         # A phone kept from before consent was asked is not listed or offered.
                         phone=h.phone if h.contact_consent else "", village_code=h.village_code,
                         village_name=village or h.village_code, industries=tuple(h.industries or ()),
                         township_name=township or "")
        for h, village, township in session.execute(stmt)
    ]


def household_visit_ids(session: Session, household_id: str) -> list[str]:
    stmt = (select(VisitRow.id).join(VisitHousehold, VisitHousehold.visit_id == VisitRow.id)
            .where(VisitHousehold.household_id == household_id, VisitRow.deleted.is_(False))
            .order_by(VisitRow.visit_date.desc()))
    return list(session.scalars(stmt))


def household_training_ids(session: Session, household_id: str) -> list[str]:
    stmt = (select(TrainingRow.id)
            .where(cast(TrainingRow.attendee_household_ids, String).like(f'%"{household_id}"%'), TrainingRow.deleted.is_(False))
            .order_by(TrainingRow.training_date.desc()))
    return list(session.scalars(stmt))


# --- divisions ------------------------------------------------------------------------------


def _division_item(d: Division, path: str = "") -> DivisionItem:
    return DivisionItem(code=d.code, name=d.name, level=d.level, parent_code=d.parent_code, path=path)


def division_children(session: Session, parent_code: str | None) -> list[DivisionItem]:
    cond = Division.level == "league" if parent_code is None else Division.parent_code == parent_code
    return [_division_item(d) for d in session.scalars(select(Division).where(cond).order_by(Division.code))]


def division(session: Session, code: str) -> DivisionItem | None:
    d = session.get(Division, code)
    return _division_item(d, division_path(session, code)) if d else None


def division_path(session: Session, code: str) -> str:
    """Names from the league down to ``code``, joined by " / "."""
    prefixes = [code[:n] for n in (4, 6, 9, 12) if len(code) >= n]
    names = dict(session.execute(select(Division.code, Division.name).where(Division.code.in_(prefixes))).all())
    return " / ".join(names[p] for p in prefixes if p in names)


def search_divisions(session: Session, text: str, level: str | None = None, within: str | None = None,
                     limit: int = 50) -> list[DivisionItem]:
    """Divisions whose name matches a Chinese substring, full pinyin or pinyin initials."""
    query = normalise_query(text)
    terms: list[ColumnElement[bool]] = [_like(Division.search_key, query) if query else true()]
    if level:
        terms.append(Division.level == level)
    if within:
        low, high = division_range(within)
        terms += [Division.code >= low, Division.code < high]
    rows = session.scalars(select(Division).where(*terms)
                           .order_by(func.length(Division.code), Division.code).limit(limit))
    return [_division_item(d, division_path(session, d.code)) for d in rows]
