"""Reading and writing synced records as domain values; every write goes through the captured flush."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from sync.domain.phone import normalise_phone
from desktop.domain.records import Attachment, Household, Record, Training, Visit
from desktop.store.capture import utcnow
from desktop.store.models import AttachmentRow, Division, HouseholdRow, LocalFile
from desktop.store.wire import record_values, row_class, row_to_record

R = TypeVar("R", bound=Record)

#: Columns a device never writes through ``put``: the server owns them or they are bookkeeping.
_NOT_WRITTEN = {"revision", "created_at", "updated_at"}


def get(session: Session, cls: type[R], record_id: str) -> R | None:
    row = session.get(row_class(cls.RECORD_TYPE), record_id)
    return row_to_record(row) if row is not None else None  # type: ignore[return-value]


def put(session: Session, record: R) -> R:
    """Insert or update ``record``; only fields that differ from the stored row are changed."""
    cls = row_class(record.RECORD_TYPE)
    row = session.get(cls, record.id)
    values = {k: v for k, v in record_values(record).items() if k not in _NOT_WRITTEN}
    now = utcnow()
    if row is None:
        row = cls(**values, created_at=record.created_at or now, updated_at=now, revision=0)
        session.add(row)
    else:
        changed = False
        for key, value in values.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
                changed = True
        if changed:
            row.updated_at = now
    session.flush()
    return row_to_record(row)  # type: ignore[return-value]


def keep_photo_attachments(session: Session, owner: Visit | Training, author_id: str,
                           before: tuple[str, ...] = ()) -> None:
    """An Attachment record for each photo of ``owner``: a photo added gets one (sync sends the record,
    then uploads the file); the records of photos taken out since ``before``, or of a deleted owner,
    are deleted. Other attachment records of the owner (pulled ones among them) are left alone."""
    live = {row.sha256: row for row in session.scalars(select(AttachmentRow).where(
        AttachmentRow.owner_id == owner.id, AttachmentRow.deleted.is_(False)))}
    removed = set(live) if owner.deleted else set(before) - set(owner.photo_ids)
    for sha256 in dict.fromkeys(owner.photo_ids):
        if sha256 in live or owner.deleted:
            continue
        file = session.get(LocalFile, sha256)
        put(session, Attachment(sha256=sha256, mime_type=file.mime_type if file else "image/jpeg",
                                size=file.size if file else 0, owner_type=owner.RECORD_TYPE, owner_id=owner.id,
                                author_id=author_id, station_id=owner.station_id))
    for sha256, row in live.items():
        if sha256 in removed:
            soft_delete(session, Attachment, row.id)


def soft_delete(session: Session, cls: type[Record], record_id: str) -> bool:
    row = session.get(row_class(cls.RECORD_TYPE), record_id)
    if row is None or row.deleted:
        return False
    row.deleted = True
    row.updated_at = utcnow()
    session.flush()
    return True


def household_consented(session: Session, household_id: str) -> bool:
    """Whether the household agreed to be named; one not on this laptop is not held against the record."""
    consent = session.scalar(select(HouseholdRow.contact_consent).where(HouseholdRow.id == household_id))
    return consent is not False


def village_exists(session: Session, code: str) -> bool:
    return session.scalar(select(Division.code).where(Division.code == code, Division.level == "village")) is not None


def division_exists(session: Session, code: str) -> bool:
    """Whether ``code`` is a county or township of the official list."""
    return session.scalar(select(Division.code).where(Division.code == code,
                                                      Division.level.in_(("county", "township")))) is not None


def likely_duplicates(session: Session, household: Household) -> list[Household]:
    """Other live households with the same normalised phone, or the same name in the same village
    (a household merged into another one is that one now, and not offered)."""
    phone = normalise_phone(household.phone)
    same_phone = HouseholdRow.phone_key == phone if phone else false()
    same_name = (HouseholdRow.name == household.name.strip()) & (HouseholdRow.village_code == household.village_code)
    rows = session.scalars(
        select(HouseholdRow).where(
            HouseholdRow.id != household.id, HouseholdRow.deleted.is_(False), HouseholdRow.merged_into.is_(None),
            same_phone | same_name,
        ).limit(20)
    )
    return [row_to_record(r) for r in rows]  # type: ignore[misc]
