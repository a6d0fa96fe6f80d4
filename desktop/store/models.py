"""The local store's tables: synced records, reference data and the sync bookkeeping."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON, dt.datetime: DateTime(timezone=False)}


class SyncedRow:
    """Columns every synced record has. Times are naive UTC; ``revision`` 0 = not on the server yet."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    author_id: Mapped[str] = mapped_column(String(64), index=True)
    station_id: Mapped[str | None] = mapped_column(String(32), index=True)
    revision: Mapped[int] = mapped_column(default=0)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Fields from a newer peer that this version does not know; kept and sent back untouched.
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class HouseholdRow(SyncedRow, Base):
    __tablename__ = "households"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(32), default="")
    village_code: Mapped[str] = mapped_column(String(12), index=True)
    industries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    livestock_head: Mapped[int | None]
    land_mu: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str] = mapped_column(Text, default="")
    contact_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: The household this one was merged into by a station manager (same family); hidden from lists.
    merged_into: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    # Derived for duplicate checks and search: normalised phone, and name + pinyin keys.
    phone_key: Mapped[str] = mapped_column(String(32), default="", index=True)
    search_key: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_households_name_village", "name", "village_code"),)


class VisitRow(SyncedRow, Base):
    __tablename__ = "visits"

    visit_date: Mapped[dt.date] = mapped_column(Date)
    #: The last day of a visit spanning several days; None for a one-day visit.
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    mode: Mapped[str] = mapped_column(String(16))
    duration_hours: Mapped[float | None] = mapped_column(Float)
    village_code: Mapped[str] = mapped_column(String(12))
    household_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    service_types: Mapped[list[Any]] = mapped_column(JSON, default=list)
    industry: Mapped[str] = mapped_column(String(64), default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    follow_up_date: Mapped[dt.date | None] = mapped_column(Date)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    photo_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    review_state: Mapped[str] = mapped_column(String(16), default="draft")
    search_key: Mapped[str] = mapped_column(Text, default="")
    #: The demonstration base or project the visit served (either table's id), if any.
    demonstration_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)

    __table_args__ = (
        # Covering index for the visit list: newest first, and any filter column is read from the
        # index alone, so filtering 100k visits never reads the wide rows it does not show.
        Index("ix_visits_list", "deleted", "visit_date", "id", "village_code", "industry", "review_state",
              "author_id", "station_id", "service_types", "search_key"),
        Index("ix_visits_village_date", "village_code", "visit_date"),
        Index("ix_visits_author_date", "author_id", "visit_date"),
        Index("ix_visits_review_state", "review_state"),
        Index("ix_visits_industry", "industry"),
    )


class TrainingRow(SyncedRow, Base):
    __tablename__ = "trainings"

    training_date: Mapped[dt.date] = mapped_column(Date)
    village_code: Mapped[str] = mapped_column(String(12))
    place: Mapped[str] = mapped_column(String(200), default="")
    topic: Mapped[str] = mapped_column(String(200))
    industry: Mapped[str] = mapped_column(String(64), default="")
    trainers: Mapped[list[Any]] = mapped_column(JSON, default=list)
    hours: Mapped[float | None] = mapped_column(Float)
    attendees: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    attendee_household_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    photo_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    review_state: Mapped[str] = mapped_column(String(16), default="draft")
    search_key: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_trainings_date", "training_date"),
        Index("ix_trainings_village", "village_code"),
        Index("ix_trainings_review_state", "review_state"),
    )


class DemonstrationColumns(SyncedRow):
    """What a demonstration base and a demonstration project both keep."""

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    county_code: Mapped[str] = mapped_column(String(6), index=True)
    township_code: Mapped[str] = mapped_column(String(9), default="")
    village_code: Mapped[str] = mapped_column(String(12), default="")
    industry: Mapped[str] = mapped_column(String(128), default="")
    specialist_id: Mapped[str] = mapped_column(String(64), default="")
    area_mu: Mapped[float | None] = mapped_column(Float)
    scale: Mapped[str] = mapped_column(String(128), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    review_state: Mapped[str] = mapped_column(String(16), default="draft")


class DemonstrationBaseRow(DemonstrationColumns, Base):
    __tablename__ = "demonstration_bases"

    year_established: Mapped[int | None]


class DemonstrationProjectRow(DemonstrationColumns, Base):
    __tablename__ = "demonstration_projects"

    start_year: Mapped[int | None]
    end_year: Mapped[int | None]


class ReviewEventRow(SyncedRow, Base):
    __tablename__ = "review_events"

    record_type: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    from_state: Mapped[str] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))


class AttachmentRow(SyncedRow, Base):
    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), index=True)
    mime_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    owner_type: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    filename: Mapped[str] = mapped_column(String(255), default="")


class ConflictRow(SyncedRow, Base):
    __tablename__ = "conflicts"

    record_type: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(64))
    server_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    client_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    client_author_id: Mapped[str] = mapped_column(String(64), default="")
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)
    resolution: Mapped[Any] = mapped_column(JSON, nullable=True)


class VisitHousehold(Base):
    """Which households a visit served: an index over ``visits.household_ids`` for a household's page."""

    __tablename__ = "visit_households"

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), primary_key=True)
    household_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)


# --- reference data (loaded from resources/reference, never edited by specialists) -------------


class Division(Base):
    __tablename__ = "divisions"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16))  # league, county, township, village
    parent_code: Mapped[str | None] = mapped_column(String(12), index=True)
    search_key: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_divisions_level", "level"),)


class Station(Base):
    __tablename__ = "stations"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    league_code: Mapped[str] = mapped_column(String(4))
    county_code: Mapped[str] = mapped_column(String(6), index=True)
    industries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    expert_count: Mapped[int] = mapped_column(default=0)
    source: Mapped[str] = mapped_column(String(100), default="")


class NationalTeam(Base):
    __tablename__ = "national_teams"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    league_code: Mapped[str] = mapped_column(String(4))
    county_code: Mapped[str] = mapped_column(String(6))
    industries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    industry_count: Mapped[int] = mapped_column(default=0)
    expert_count: Mapped[int] = mapped_column(default=0)
    source: Mapped[str] = mapped_column(String(100), default="")


class Squad(Base):
    __tablename__ = "squads"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    league_code: Mapped[str] = mapped_column(String(4))
    county_code: Mapped[str] = mapped_column(String(6))
    industries: Mapped[list[Any]] = mapped_column(JSON, default=list)
    expert_count: Mapped[int] = mapped_column(default=0)
    source: Mapped[str] = mapped_column(String(100), default="")


class Industry(Base):
    __tablename__ = "industries"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    name_en: Mapped[str] = mapped_column(String(128), default="")
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    search_key: Mapped[str] = mapped_column(Text, default="")


class Target(Base):
    __tablename__ = "targets"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    value: Mapped[float]
    unit: Mapped[str] = mapped_column(String(32), default="")
    scope: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(200), default="")


class User(Base):
    """People this device knows: its own user and, after sync, colleagues' display names."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(32))
    specialist_type: Mapped[str] = mapped_column(String(32), default="")
    station_code: Mapped[str | None] = mapped_column(String(32))
    home_county_code: Mapped[str | None] = mapped_column(String(6))


class Membership(Base):
    __tablename__ = "memberships"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    station_code: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(32))


# --- sync bookkeeping ------------------------------------------------------------------------


class OutboxRow(Base):
    """A captured local change, kept after the server acknowledges it (an epoch change may resend it)."""

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    device_id: Mapped[str] = mapped_column(String(64))
    record_type: Mapped[str] = mapped_column(String(16))
    record_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(8))
    base_revision: Mapped[int]
    changes: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime]
    acked: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str | None] = mapped_column(String(16))  # applied / merged / conflict / rejected
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_outbox_pending", "acked", "seq"),
        Index("ix_outbox_record", "record_type", "record_id", "acked"),
    )


class SyncState(Base):
    """Key/value settings of the store's sync: device id, next seq, cursor, epoch, last sync."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LocalFile(Base):
    """An attachment's bytes on this device, and whether the server has them all."""

    __tablename__ = "local_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    size: Mapped[int]
    mime_type: Mapped[str] = mapped_column(String(64))
    uploaded: Mapped[bool] = mapped_column(Boolean, default=False)


class SetAsideRow(Base):
    """A pulled record this device could not store, kept as the server sent it with the reason.

    It stays until a later pull stores that record (a newer revision from the server, or this app
    after an upgrade: every sync tries the rows set aside again), and is listed in the conflicts window.
    """

    __tablename__ = "set_aside_rows"

    record_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int]
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    set_aside_at: Mapped[dt.datetime]


class Draft(Base):
    """An unsaved form, autosaved every few seconds and offered back after a crash."""

    __tablename__ = "drafts"

    form: Mapped[str] = mapped_column(String(32), primary_key=True)  # e.g. "visit:<id>"
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[dt.datetime]


SYNCED_ROWS = {
    "household": HouseholdRow,
    "visit": VisitRow,
    "training": TrainingRow,
    "demo_base": DemonstrationBaseRow,
    "demo_project": DemonstrationProjectRow,
    "review_event": ReviewEventRow,
    "attachment": AttachmentRow,
    "conflict": ConflictRow,
}
