"""The one registry of record kinds: domain class ↔ wire record type ↔ change flag ↔ list page.

Each layer keys what it adds by the record type or class: the store's row classes (``store.models.SYNCED_ROWS``,
looked up by ``store.wire.row_class``) and the UI's forms (``ui.forms.form_controller``). Nothing else
writes the correspondence out again.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from desktop.domain.records import (
    Attachment,
    Conflict,
    DemonstrationBase,
    DemonstrationProject,
    Household,
    Record,
    ReviewEvent,
    Training,
    Visit,
)
from sync.domain.vocabulary import RecordType


@dataclass(frozen=True)
class RecordKind:
    record_type: RecordType
    record_class: type[Record] | None  # None: reference data pulled from the server, no domain record
    change_flag: str  # the ``Changes`` flag raised when such a record changes
    page: str | None = None  # the main window's list page of the kind, if it has one


KINDS: tuple[RecordKind, ...] = (
    RecordKind(RecordType.HOUSEHOLD, Household, "households", "households"),
    RecordKind(RecordType.VISIT, Visit, "visits", "visits"),
    RecordKind(RecordType.TRAINING, Training, "trainings", "trainings"),
    # Bases and projects share one list page (示范基地和项目) and one change flag.
    RecordKind(RecordType.DEMO_BASE, DemonstrationBase, "demonstrations", "demonstrations"),
    RecordKind(RecordType.DEMO_PROJECT, DemonstrationProject, "demonstrations", "demonstrations"),
    RecordKind(RecordType.REVIEW_EVENT, ReviewEvent, "reviews"),
    RecordKind(RecordType.ATTACHMENT, Attachment, "attachments"),
    RecordKind(RecordType.CONFLICT, Conflict, "conflicts"),
    RecordKind(RecordType.STATION, None, "reference"),
    RecordKind(RecordType.USER, None, "reference"),
)
#: Targets are not synced records but arrive with a sync all the same.
TARGET = "target"

_BY_TYPE = {k.record_type.value: k for k in KINDS}
_BY_CLASS = {k.record_class: k for k in KINDS if k.record_class is not None}


def of_type(record_type: RecordType | str) -> RecordKind:
    return _BY_TYPE[RecordType(record_type).value]


def of_class(cls: type[Record]) -> RecordKind:
    return _BY_CLASS[cls]


def record_class(record_type: RecordType | str) -> type[Record]:
    cls = of_type(record_type).record_class
    if cls is None:
        raise KeyError(f"{record_type} has no domain record")
    return cls


def change_flag(record_type: RecordType | str) -> str:
    """The ``Changes`` flag of a stored row's record type (targets count as reference data)."""
    return "reference" if record_type == TARGET else of_type(record_type).change_flag


def editable() -> tuple[RecordKind, ...]:
    """The kinds with a list page and a form: households, visits, trainings, demonstration bases and projects."""
    return tuple(k for k in KINDS if k.page is not None)


def reviewed() -> tuple[RecordKind, ...]:
    """The kinds a station manager reviews (they carry a review_state)."""
    return tuple(k for k in KINDS if k.record_class is not None and "review_state" in
                 {f.name for f in dataclasses.fields(k.record_class)})


#: Record type → domain class, for the synced kinds.
RECORD_CLASSES: dict[RecordType, type[Record]] = {k.record_type: k.record_class for k in KINDS
                                                   if k.record_class is not None}
