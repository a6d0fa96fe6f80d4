"""Exported record lists (visits, trainings, households): their columns, shared with XLSX, and the CSV form.

CSV files are UTF-8 with a byte-order mark, which is what makes Excel on a Chinese Windows open
them as UTF-8 instead of GBK; dates are ISO (2026-03-01) and counts plain numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.summaries import HouseholdDetail, HouseholdSummary, TrainingDetail, TrainingSummary, VisitDetail, VisitSummary
from desktop.reports.report_text import ReportText
from desktop.services import vocabulary
from sync.domain.vocabulary import AttendeeCategory

Cell = str | int | float | dt.date | None
RECORD_KINDS = ("visits", "trainings", "households")


@dataclass(frozen=True)
class Column:
    header_key: str
    value: Callable[[Any, ReportText], Cell]
    width: int = 12  # characters, for XLSX


VISIT_COLUMNS = (
    Column("date", lambda v, t: v.visit_date, 11),
    Column("end_date", lambda v, t: v.end_date, 11),
    Column("author", lambda v, t: v.author_name or v.author_id, 14),
    Column("mode", lambda v, t: t.vocab(vocabulary.VISIT_MODES, v.mode), 8),
    Column("duration_hours", lambda v, t: v.duration_hours, 8),
    Column("township", lambda v, t: v.township_name, 14),
    Column("village_name", lambda v, t: v.village_name, 18),
    Column("village_code", lambda v, t: v.village_code, 14),
    Column("households", lambda v, t: v.household_count, 8),
    Column("household_names", lambda v, t: t.join(v.household_names), 20),
    Column("service_types", lambda v, t: t.join([t.vocab(vocabulary.SERVICE_TYPES, s) for s in v.service_types]), 20),
    Column("industry", lambda v, t: t.industry(v.industry), 10),
    Column("problem", lambda v, t: v.problem, 30),
    Column("advice", lambda v, t: v.advice, 30),
    Column("follow_up_date", lambda v, t: v.follow_up_date, 11),
    Column("latitude", lambda v, t: v.latitude, 10),
    Column("longitude", lambda v, t: v.longitude, 10),
    Column("photos", lambda v, t: v.photo_count, 6),
    Column("review_state", lambda v, t: t.vocab(vocabulary.REVIEW_STATES, v.review_state), 8),
    Column("record_id", lambda v, t: v.id, 38),
)

def _attendees(category: AttendeeCategory) -> Column:
    return Column(f"attendees_{category.value}", lambda r, t: r.attendees.get(category.value, 0), 8)


TRAINING_COLUMNS = (
    Column("date", lambda r, t: r.training_date, 11),
    Column("author", lambda r, t: r.author_name or r.author_id, 14),
    Column("township", lambda r, t: r.township_name, 14),
    Column("village_name", lambda r, t: r.village_name, 18),
    Column("village_code", lambda r, t: r.village_code, 14),
    Column("place", lambda r, t: r.place, 16),
    Column("topic", lambda r, t: r.topic, 24),
    Column("industry", lambda r, t: t.industry(r.industry), 10),
    Column("trainers", lambda r, t: t.join(r.trainers), 16),
    Column("hours", lambda r, t: r.hours, 6),
    *(_attendees(category) for category in AttendeeCategory),
    Column("attendees", lambda r, t: r.attendee_total, 8),
    Column("named_count", lambda r, t: r.named_count, 8),
    Column("attendee_names", lambda r, t: t.join(r.attendee_names), 20),
    Column("photos", lambda r, t: r.photo_count, 6),
    Column("review_state", lambda r, t: t.vocab(vocabulary.REVIEW_STATES, r.review_state), 8),
    Column("record_id", lambda r, t: r.id, 38),
)

HOUSEHOLD_COLUMNS = (
    Column("name", lambda h, t: h.name, 16),
    Column("kind", lambda h, t: t.vocab(vocabulary.HOUSEHOLD_KINDS, h.kind), 12),
    Column("phone", lambda h, t: h.phone, 14),
    Column("township", lambda h, t: h.township_name, 14),
    Column("village_name", lambda h, t: h.village_name, 18),
    Column("village_code", lambda h, t: h.village_code, 14),
    Column("industries", lambda h, t: t.join([t.industry(i) for i in h.industries]), 16),
    Column("livestock_head", lambda h, t: h.livestock_head, 8),
    Column("land_mu", lambda h, t: h.land_mu, 8),
    Column("contact_consent", lambda h, t: t("yes") if h.contact_consent else t("no"), 8),
    Column("consent_date", lambda h, t: h.consent_date, 11),
    Column("notes", lambda h, t: h.notes, 24),
    Column("record_id", lambda h, t: h.id, 38),
)

COLUMNS: dict[str, tuple[Column, ...]] = {"visits": VISIT_COLUMNS, "trainings": TRAINING_COLUMNS,
                                         "households": HOUSEHOLD_COLUMNS}
SHEET_TITLES = {"visits": "sheet_visits", "trainings": "sheet_trainings", "households": "sheet_households"}

RecordRow = VisitDetail | VisitSummary | TrainingDetail | TrainingSummary | HouseholdDetail | HouseholdSummary


def header(columns: Sequence[Column], text: ReportText) -> list[str]:
    return [text(c.header_key) for c in columns]


def cells(row: RecordRow, columns: Sequence[Column], text: ReportText) -> list[Cell]:
    return [c.value(row, text) for c in columns]


def write_records_csv(kind: str, rows: Sequence[RecordRow], path: Path, text: ReportText) -> int:
    """Write the list as CSV; returns the number of records written."""
    columns = COLUMNS[kind]
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header(columns, text))
        for row in rows:
            writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v
                             for v in cells(row, columns, text)])
    return len(rows)
