"""What an export adds to the list's rows: every field a user entered on a visit, training or household."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.summaries import HouseholdDetail, HouseholdSummary, TrainingDetail, TrainingSummary, VisitDetail, VisitSummary
from desktop.store.models import HouseholdRow, TrainingRow, VisitRow

_BATCH = 500


def visit_details(session: Session, visits: Sequence[VisitSummary]) -> list[VisitDetail]:
    """``visits`` in their order, each with its duration, advice, dates, position, photos and the
    names of the households served (in the order they were picked)."""
    details: list[VisitDetail] = []
    for start in range(0, len(visits), _BATCH):
        batch = visits[start:start + _BATCH]
        rows = {r.id: r for r in session.scalars(select(VisitRow).where(VisitRow.id.in_([v.id for v in batch])))}
        names = _household_names(session, {h for r in rows.values() for h in (r.household_ids or ())})
        for summary in batch:
            row = rows[summary.id]
            details.append(VisitDetail(
                **{f.name: getattr(summary, f.name) for f in dataclasses.fields(VisitSummary)},
                end_date=row.end_date, duration_hours=row.duration_hours,
                household_names=tuple(names[h] for h in dict.fromkeys(row.household_ids or ()) if h in names),
                advice=row.advice or "", follow_up_date=row.follow_up_date, latitude=row.latitude,
                longitude=row.longitude, photo_count=len(row.photo_ids or ())))
    return details


def training_details(session: Session, trainings: Sequence[TrainingSummary]) -> list[TrainingDetail]:
    """``trainings`` in their order, each with its place, trainers, attendees per category, the named
    attendees' households (in the order they were picked) and its photo count."""
    details: list[TrainingDetail] = []
    for start in range(0, len(trainings), _BATCH):
        batch = trainings[start:start + _BATCH]
        rows = {r.id: r for r in session.scalars(
            select(TrainingRow).where(TrainingRow.id.in_([t.id for t in batch])))}
        names = _household_names(session, {h for r in rows.values() for h in (r.attendee_household_ids or ())})
        for summary in batch:
            row = rows[summary.id]
            named = tuple(dict.fromkeys(row.attendee_household_ids or ()))
            details.append(TrainingDetail(
                **{f.name: getattr(summary, f.name) for f in dataclasses.fields(TrainingSummary)},
                place=row.place or "", trainers=tuple(row.trainers or ()), attendees=dict(row.attendees or {}),
                named_count=len(named), attendee_names=tuple(names[h] for h in named if h in names),
                photo_count=len(row.photo_ids or ())))
    return details


def household_details(session: Session, households: Sequence[HouseholdSummary]) -> list[HouseholdDetail]:
    """``households`` in their order, each with its size, notes and consent."""
    details: list[HouseholdDetail] = []
    for start in range(0, len(households), _BATCH):
        batch = households[start:start + _BATCH]
        rows = {r.id: r for r in session.scalars(
            select(HouseholdRow).where(HouseholdRow.id.in_([h.id for h in batch])))}
        for summary in batch:
            row = rows[summary.id]
            details.append(HouseholdDetail(
                **{f.name: getattr(summary, f.name) for f in dataclasses.fields(HouseholdSummary)},
                livestock_head=row.livestock_head, land_mu=row.land_mu, notes=row.notes or "",
                contact_consent=bool(row.contact_consent), consent_date=row.consent_date))
    return details


def _household_names(session: Session, wanted: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for chunk in _chunks(sorted(wanted)):
        for household_id, name in session.execute(
                select(HouseholdRow.id, HouseholdRow.name).where(HouseholdRow.id.in_(chunk))):
            names[household_id] = name
    return names


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[n:n + _BATCH] for n in range(0, len(items), _BATCH)]
