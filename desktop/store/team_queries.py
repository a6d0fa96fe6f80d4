"""Per-member figures of a station for a period, and one member's timeline: the SQL of the team log."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.indicator_queries import merged_households
from desktop.store.models import Membership, TrainingRow, User, VisitRow
from sync.domain.merged_households import repoint
from sync.domain.vocabulary import VisitMode


@dataclass(frozen=True)
class MemberFigures:
    """What one member recorded in a period; on-site days are distinct dates of on-site visits."""

    author_id: str
    name: str
    visits: int
    onsite_days: int
    households: int
    trainings: int
    photos: int


@dataclass(frozen=True)
class TimelineEntry:
    record_type: str  # "visit" or "training"
    record_id: str
    record_date: dt.date
    title: str
    village_code: str
    mode: str  # a visit's mode; "" for a training
    review_state: str
    photos: int


def user_names(session: Session) -> dict[str, str]:
    """Display names of everyone this device knows (reviewers included)."""
    return dict(session.execute(select(User.id, User.display_name)).all())


def station_members(session: Session, station_id: str) -> dict[str, str]:
    """Members of the station (by membership or by records they wrote there) and their names."""
    names = user_names(session)
    ids = set(session.scalars(select(Membership.user_id).where(Membership.station_code == station_id)))
    ids |= set(session.scalars(select(User.id).where(User.station_code == station_id)))
    for row_cls in (VisitRow, TrainingRow):
        ids |= set(session.scalars(select(row_cls.author_id).where(row_cls.station_id == station_id,
                                                                   row_cls.deleted.is_(False)).distinct()))
    return {i: names.get(i, "") for i in ids}


def member_figures(session: Session, station_id: str, first: dt.date, last: dt.date) -> list[MemberFigures]:
    """One row per member of the station, busiest first, members with nothing recorded included."""
    members = station_members(session, station_id)
    visits: dict[str, int] = defaultdict(int)
    days: dict[str, set[dt.date]] = defaultdict(set)
    households: dict[str, set[str]] = defaultdict(set)
    trainings: dict[str, int] = defaultdict(int)
    photos: dict[str, int] = defaultdict(int)
    kept = merged_households(session)
    for author, day, mode, served, pictures in session.execute(
            select(VisitRow.author_id, VisitRow.visit_date, VisitRow.mode, VisitRow.household_ids, VisitRow.photo_ids)
            .where(VisitRow.station_id == station_id, VisitRow.deleted.is_(False),
                   VisitRow.visit_date >= first, VisitRow.visit_date <= last)):
        visits[author] += 1
        if mode == VisitMode.ONSITE:
            days[author].add(day)
        households[author].update(repoint(served or [], kept))
        photos[author] += len(pictures or ())
    for author, pictures in session.execute(
            select(TrainingRow.author_id, TrainingRow.photo_ids)
            .where(TrainingRow.station_id == station_id, TrainingRow.deleted.is_(False),
                   TrainingRow.training_date >= first, TrainingRow.training_date <= last)):
        trainings[author] += 1
        photos[author] += len(pictures or ())
    rows = [MemberFigures(a, members.get(a, ""), visits[a], len(days[a]), len(households[a]), trainings[a], photos[a])
            for a in set(members) | set(visits) | set(trainings)]
    return sorted(rows, key=lambda m: (-m.visits - m.trainings, m.name, m.author_id))


def member_timeline(session: Session, author_id: str, first: dt.date, last: dt.date) -> list[TimelineEntry]:
    """The member's live visits and trainings in the period, newest first."""
    entries = [TimelineEntry("visit", r.id, r.visit_date, r.problem, r.village_code, r.mode, r.review_state,
                             len(r.photo_ids or ()))
               for r in session.scalars(select(VisitRow).where(
                   VisitRow.author_id == author_id, VisitRow.deleted.is_(False),
                   VisitRow.visit_date >= first, VisitRow.visit_date <= last))]
    entries += [TimelineEntry("training", r.id, r.training_date, r.topic, r.village_code, "", r.review_state,
                              len(r.photo_ids or ()))
                for r in session.scalars(select(TrainingRow).where(
                    TrainingRow.author_id == author_id, TrainingRow.deleted.is_(False),
                    TrainingRow.training_date >= first, TrainingRow.training_date <= last))]
    return sorted(entries, key=lambda e: (e.record_date, e.record_id), reverse=True)
