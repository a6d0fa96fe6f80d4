"""The server's tables as typed SQLAlchemy models (mirrored by the Alembic baseline)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JsonValue = JSON().with_variant(JSONB(), "postgresql")


def _ByteOrder(length: int) -> String:  # noqa: N802 - a column type, named like one
    """Text compared byte by byte on PostgreSQL (the evaluation's tallies hold millions of keys)."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")  # type: ignore[return-value]


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes in and out, whatever the database keeps (SQLite keeps naive text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UtcDateTime(), dict[str, Any]: JsonValue, list[Any]: JsonValue}


class Station(Base):
    __tablename__ = "stations"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(256))
    county_code: Mapped[str] = mapped_column(String(12))
    league_code: Mapped[str] = mapped_column(String(12))
    industries: Mapped[list[Any]]
    expert_count: Mapped[int | None]
    source: Mapped[str | None] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(32))
    #: Station roles take their county and league from the station; offices keep their own codes.
    station_id: Mapped[str | None] = mapped_column(ForeignKey("stations.code"))
    county_code: Mapped[str | None] = mapped_column(String(12))
    league_code: Mapped[str | None] = mapped_column(String(12))
    #: Bumped whenever what the user may see changes; part of the epoch the user's devices see.
    scope_version: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime]
    #: 科技特派员 / 特聘农技员 / … as the device's vocabulary codes it ("commissioner", "hired_agent", …).
    specialist_type: Mapped[str] = mapped_column(String(32), default="", server_default="")
    #: The mobile number a roster gave; roster accounts sign in with it as their user name.
    phone: Mapped[str | None] = mapped_column(String(20))
    #: When the account was deactivated: what its devices recorded before may still be pushed.
    deactivated_at: Mapped[dt.datetime | None]


class Device(Base):
    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    #: sha256 of the bearer token; the token itself is never stored.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime | None]
    revoked_at: Mapped[dt.datetime | None]
    #: Why the token stopped opening the API (``services.auth.SESSION_END_REASONS``), until the next login;
    #: its digest stays, so the device can still prove who it is when it signs in again.
    session_ended: Mapped[str | None] = mapped_column(String(32))
    #: hex Ed25519 key the device signs its sync bundles with, registered at sign-in.
    bundle_key: Mapped[str | None] = mapped_column(String(64))
    #: the pull cursor the device's latest imported bundle stated: where a bundle back starts.
    bundle_cursor: Mapped[int | None] = mapped_column(BigInteger)


class Record(Base):
    """Every synced record in one table; the scope columns are derived on write for pull queries."""

    __tablename__ = "records"

    record_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    author_id: Mapped[str | None] = mapped_column(String(36))
    #: Whose record this is for scope: the author, the owner record's author for review events and
    #: attachments, the client author for conflicts, the user for user records.
    owner_id: Mapped[str | None] = mapped_column(String(36))
    audience: Mapped[str] = mapped_column(String(16))
    station_id: Mapped[str | None] = mapped_column(String(32))
    county_code: Mapped[str | None] = mapped_column(String(12))
    league_code: Mapped[str | None] = mapped_column(String(12))
    attachment_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    deleted: Mapped[bool] = mapped_column(default=False)
    fields: Mapped[dict[str, Any]]
    server_updated_at: Mapped[dt.datetime]

    __table_args__ = (
        Index("ix_records_station_seq", "station_id", "change_seq"),
        Index("ix_records_owner_seq", "owner_id", "change_seq"),
        Index("ix_records_county_seq", "county_code", "change_seq"),
        Index("ix_records_league_seq", "league_code", "change_seq"),
        Index("ix_records_author_type", "author_id", "record_type"),
    )


class LedgerEntry(Base):
    """The stored result of each pushed outbox entry, so a resent entry gets the same answer."""

    __tablename__ = "ledger"

    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    result: Mapped[dict[str, Any]]
    recorded_at: Mapped[dt.datetime]
    record_type: Mapped[str | None] = mapped_column(String(32))
    record_id: Mapped[str | None] = mapped_column(String(64))
    #: The record revision this entry produced, if it changed the record (not just added conflicts):
    #: tells a device's own edits from other people's when its delete arrives (see entry_planner).
    wrote_revision: Mapped[int | None]

    __table_args__ = (Index("ix_ledger_record", "record_type", "record_id", "device_id"),)


class Meta(Base):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChangeCounter(Base):
    """One row. SQLite: the last change number handed out (its row lock orders committers).
    PostgreSQL: the base that change numbers grow from, never updated (store.changes)."""

    __tablename__ = "change_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class Attachment(Base):
    """One user's upload of a file. Each uploader has their own progress, so nobody can reset or
    extend another's upload; a finished one proves the uploader holds the bytes, which is what lets
    attachment records they wrote open the file to others (see records.attachment_visible)."""

    __tablename__ = "attachments"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    uploader_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    length: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime]
    completed_at: Mapped[dt.datetime | None]


class LoginFailure(Base):
    """A failed login: from which source address, or from which known device (see login_throttle)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(64), index=True)
    #: Set when the attempt proved it came from this known device; such failures count for it alone.
    device_id: Mapped[str | None] = mapped_column(String(64), index=True)
    failed_at: Mapped[dt.datetime] = mapped_column(index=True)


class Division(Base):
    """The official divisions (league → county → township → village), for report coverage and names."""

    __tablename__ = "divisions"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16))  # league, county, township, village
    parent_code: Mapped[str | None] = mapped_column(String(12))


class AnnexIndustry(Base):
    """A leading industry the plan's annexes name for a county (national teams, squads); stations
    carry their own industries. Together they are the industries "technical guidance covers"."""

    __tablename__ = "annex_industries"

    county_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    industry: Mapped[str] = mapped_column(String(64), primary_key=True)
    annex: Mapped[str] = mapped_column(String(32), primary_key=True)  # national_teams, squads


class Target(Base):
    """One of the plan's targets: shipped in targets.json, its value changeable by a region admin.

    ``revision`` is the targets version at the row's last change; the highest one is the server's
    targets version, which devices compare with theirs on pull.
    """

    __tablename__ = "targets"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(200))
    revision: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime]
    #: The user name of whoever set the value (``console:<login>`` from the command line); None
    #: while the value is the shipped one, which a re-import may then update.
    updated_by: Mapped[str | None] = mapped_column(String(128))


class EvaluationWeight(Base):
    """A weight of the year-end evaluation set by a region admin, kept with its year (see
    sync.domain.evaluation.DEFAULT_WEIGHTS for the keys), so a later year's weights never change
    an earlier year's evaluation."""

    __tablename__ = "evaluation_weights"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    updated_by: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[dt.datetime]


class SubsidyConfirmation(Base):
    """An office's confirmation that a recommended station or county gets its 后补助 for the year."""

    __tablename__ = "subsidy_confirmations"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)  # "station" or "county"
    unit_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    score: Mapped[float] = mapped_column(Float)  # the score it was confirmed at
    confirmed_by: Mapped[str] = mapped_column(String(128))
    confirmed_at: Mapped[dt.datetime]


class ActivationCode(Base):
    """A one-time code a new account signs in with once, to set its password (kept as sha256)."""

    __tablename__ = "activation_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    used_at: Mapped[dt.datetime | None]


class AuditEntry(Base):
    """One administrative action: who, what, on whom, when and from where. Rows are only ever added."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(128))
    #: The county / league code the action touched, so an area's admins can read their part.
    area: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str] = mapped_column(String(128))
    detail: Mapped[dict[str, Any]]


class ConsoleSession(Base):
    """A signed-in web console session; the cookie holds the token, the table its sha256."""

    __tablename__ = "console_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime]


class EvaluationSpecialist(Base):
    """One specialist's counted year under one counting rule, kept exact as records are written
    (store.evaluation_summary): the year-end evaluation reads these rows, not every record."""

    __tablename__ = "evaluation_specialists"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(32), primary_key=True)
    author_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    #: The lowest station code among the year's visits, and the county of most visits.
    station_id: Mapped[str | None] = mapped_column(String(32))
    county_code: Mapped[str] = mapped_column(String(12))
    visits: Mapped[int] = mapped_column(Integer)
    onsite_days: Mapped[int] = mapped_column(Integer)
    households: Mapped[int] = mapped_column(Integer)
    people_trained: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_evaluation_specialists_station", "year", "rule", "station_id"),)


class EvaluationStation(Base):
    """The distinct households a station's specialists served in a year, under one counting rule."""

    __tablename__ = "evaluation_stations"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(32), primary_key=True)
    station_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    households: Mapped[int] = mapped_column(Integer)


class EvaluationPlace(Base):
    """A place 三覆盖 counts (a village served, a township with on-site service, a county's industry
    guided) and how many counted records of the year reached it; a row at zero is removed."""

    __tablename__ = "evaluation_places"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    industry: Mapped[str] = mapped_column(String(128), primary_key=True)
    records: Mapped[int] = mapped_column(Integer)


class EvaluationTally(Base):
    """How many counted records of a specialist's year reach one key of one part (a county, a
    station, a household, an on-site day; people trained): the multiplicities the specialist's
    summary row is kept from, a key at zero removed (store.evaluation_sql)."""

    __tablename__ = "evaluation_tallies"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(_ByteOrder(32), primary_key=True)
    author_id: Mapped[str] = mapped_column(_ByteOrder(36), primary_key=True)
    part: Mapped[str] = mapped_column(_ByteOrder(16), primary_key=True)
    key: Mapped[str] = mapped_column(_ByteOrder(64), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class EvaluationStationHousehold(Base):
    """How many of a station's specialists served one household in a year (above zero: it counts once)."""

    __tablename__ = "evaluation_station_households"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    rule: Mapped[str] = mapped_column(_ByteOrder(32), primary_key=True)
    station_id: Mapped[str] = mapped_column(_ByteOrder(32), primary_key=True)
    household: Mapped[str] = mapped_column(_ByteOrder(64), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class EvaluationPlanEntry(Base):
    """What a region admin keeps for a year's evaluation: a key county (``kind`` "key_county",
    ``key`` its code) or a count the records do not hold (``kind`` "count", ``key`` as in
    sync.domain.evaluation_plan.PLAN_COUNTS)."""

    __tablename__ = "evaluation_plan"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    set_by: Mapped[str] = mapped_column(String(128))
    set_at: Mapped[dt.datetime]


class TypicalCase(Base):
    """A visit or training a manager marked as a typical case (典型案例), with a short write-up."""

    __tablename__ = "typical_cases"

    record_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    write_up: Mapped[str] = mapped_column(Text)
    marked_by: Mapped[str] = mapped_column(String(128))
    marked_at: Mapped[dt.datetime]
