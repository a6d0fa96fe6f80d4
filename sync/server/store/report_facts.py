"""The plain facts of a year's visits and trainings, streamed from the records table for the reports.

One query per record type reads only the fields ``sync.indicators`` needs, extracted from the
JSON in the database as text (``fields->>'visit_date'`` on PostgreSQL, ``json_extract`` on
SQLite), and streams the rows in batches: a region's year is some 400,000 visits. Lists come as
JSON text and are split here. Measured on 100,000 visits over PostgreSQL: 1.0 s this way, 1.8 s
parsing the lists with ``json.loads``, 2.4 s letting the driver parse them, 2.9 s loading each
whole document (benchmarks/bench_indicators.py prints the first and the last).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select
from sqlalchemy.orm import Session

from sync.domain.counting import CountingRule, counted_states
from sync.indicators import TrainingFact, VisitFact
from sync.domain.vocabulary import RecordType
from sync.server.store.models import Record

_BATCH = 5000


@dataclass(frozen=True)
class FactSelection:
    """Which records a report reads: every condition given must hold (None: no condition)."""

    station_id: str | None = None
    author_id: str | None = None
    #: Keep records whose village lies under this division code ("15" or None: anywhere).
    division_code: str | None = None
    #: Keep records of these authors only (None: anyone's).
    author_ids: frozenset[str] | None = None
    #: Keep these records only, of any year (None: any record of the report's year).
    record_ids: frozenset[str] | None = None


def _text(name: str) -> ColumnElement[Any]:
    return Record.fields[name].as_string()


def _where(record_type: RecordType, date_field: str, year: int | None, states: tuple[str, ...],
           selection: FactSelection) -> list[ColumnElement[bool]]:
    terms = [Record.record_type == record_type.value, Record.deleted.is_(False), _text("review_state").in_(states)]
    if year is not None:
        terms += [_text(date_field) >= f"{year:04d}-01-01", _text(date_field) <= f"{year:04d}-12-31"]
    if selection.record_ids is not None:
        terms.append(Record.record_id.in_(sorted(selection.record_ids)))
    if selection.author_ids is not None:
        terms.append(Record.author_id.in_(sorted(selection.author_ids)))
    if selection.station_id is not None:
        terms.append(Record.station_id == selection.station_id)
    if selection.author_id is not None:
        terms.append(Record.author_id == selection.author_id)
    code = selection.division_code
    if code and code != "15":
        # Codes are digits: the villages under a division are the codes in [code, next code).
        upper = str(int(code) + 1)
        terms.append(and_(_text("village_code") >= code, _text("village_code") < upper))
    return terms


def _stream(session: Session, stmt: Select[Any]) -> Iterator[Any]:
    result = session.execute(stmt.execution_options(yield_per=_BATCH))
    for partition in result.partitions():
        yield from partition


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _json(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _string_list(text: str | None) -> tuple[str, ...]:
    """A JSON array of strings (the server stores no other kind here) as a tuple.

    Without a backslash no string in the array can hold a quote, so the strings are exactly the
    text between every other quote, which is quicker than ``json.loads``; anything else goes to it.
    """
    if not text:
        return ()
    if "\\" in text or not text.startswith("["):
        value = _json(text)
        return tuple(str(v) for v in value) if isinstance(value, list) else ()
    return tuple(text.split('"')[1::2])


_VISIT_COLUMNS = (Record.author_id, _text("station_id"), _text("visit_date"), _text("mode"), _text("village_code"),
                  _text("household_ids"), _text("service_types"), _text("industry"), _text("end_date"))
_TRAINING_COLUMNS = (Record.author_id, _text("station_id"), _text("training_date"), _text("village_code"),
                     _text("industry"), _text("attendees"))


def _visit(row: Any) -> VisitFact | None:
    author, station, day, mode, village, households, types, industry, last_day = row
    visit_date = _date(day)
    if visit_date is None:
        return None
    return VisitFact(author or "", station, visit_date, mode or "", village or "", _string_list(households),
                     _string_list(types), industry or "", _date(last_day))


def _training(row: Any) -> TrainingFact | None:
    author, station, day, village, industry, attendees_json = row
    training_date, attendees = _date(day), _json(attendees_json)
    if training_date is None:
        return None
    counts = {str(k): int(v) for k, v in attendees.items()
              if isinstance(v, int | float) and not isinstance(v, bool)} if isinstance(attendees, dict) else {}
    return TrainingFact(author or "", station, training_date, village or "", industry or "", counts)


def visit_facts(session: Session, year: int, rule: CountingRule, selection: FactSelection) -> Iterator[VisitFact]:
    """The live visits of ``year`` that ``rule`` counts and ``selection`` keeps (a record with no
    readable date is skipped)."""
    stmt = select(*_VISIT_COLUMNS).where(*_where(RecordType.VISIT, "visit_date", year, counted_states(rule), selection))
    return (fact for fact in map(_visit, _stream(session, stmt)) if fact is not None)


def training_facts(session: Session, year: int, rule: CountingRule,
                   selection: FactSelection) -> Iterator[TrainingFact]:
    stmt = select(*_TRAINING_COLUMNS).where(
        *_where(RecordType.TRAINING, "training_date", year, counted_states(rule), selection))
    return (fact for fact in map(_training, _stream(session, stmt)) if fact is not None)


def facts_of(session: Session, record_ids: frozenset[str], states: tuple[str, ...]
             ) -> tuple[list[tuple[str, VisitFact]], list[tuple[str, TrainingFact]]]:
    """The live visits and trainings among ``record_ids`` in one of ``states``, whatever their year,
    each with its review state (the evaluation's summaries subtract and add what a write changes)."""
    selection = FactSelection(record_ids=record_ids)
    state = _text("review_state")
    visits = session.execute(select(state, *_VISIT_COLUMNS).where(
        *_where(RecordType.VISIT, "visit_date", None, states, selection))).all()
    trainings = session.execute(select(state, *_TRAINING_COLUMNS).where(
        *_where(RecordType.TRAINING, "training_date", None, states, selection))).all()
    return ([(row[0], fact) for row in visits if (fact := _visit(row[1:])) is not None],
            [(row[0], fact) for row in trainings if (fact := _training(row[1:])) is not None])
