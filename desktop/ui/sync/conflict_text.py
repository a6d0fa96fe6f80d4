"""How a conflict reads to people: the record it is about, the field's label, and each side's value."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.domain.records import Demonstration, Household, Record, Training, Visit
from desktop.services import vocabulary
from desktop.ui.shell.i18n import list_separator, vocab
from sync.domain.vocabulary import RecordType

CONTEXT = "ConflictText"

FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("ConflictText", "Name"),
    "kind": QT_TRANSLATE_NOOP("ConflictText", "Kind"),
    "phone": QT_TRANSLATE_NOOP("ConflictText", "Phone"),
    "village_code": QT_TRANSLATE_NOOP("ConflictText", "Village"),
    "industries": QT_TRANSLATE_NOOP("ConflictText", "Industries"),
    "livestock_head": QT_TRANSLATE_NOOP("ConflictText", "Livestock (head)"),
    "land_mu": QT_TRANSLATE_NOOP("ConflictText", "Land (mu)"),
    "notes": QT_TRANSLATE_NOOP("ConflictText", "Notes"),
    "contact_consent": QT_TRANSLATE_NOOP("ConflictText", "Consent to keep contact details"),
    "visit_date": QT_TRANSLATE_NOOP("ConflictText", "Date"),
    "training_date": QT_TRANSLATE_NOOP("ConflictText", "Date"),
    "mode": QT_TRANSLATE_NOOP("ConflictText", "How"),
    "duration_hours": QT_TRANSLATE_NOOP("ConflictText", "Hours"),
    "hours": QT_TRANSLATE_NOOP("ConflictText", "Hours"),
    "household_ids": QT_TRANSLATE_NOOP("ConflictText", "Households"),
    "service_types": QT_TRANSLATE_NOOP("ConflictText", "Service types"),
    "industry": QT_TRANSLATE_NOOP("ConflictText", "Industry"),
    "problem": QT_TRANSLATE_NOOP("ConflictText", "Problem found"),
    "advice": QT_TRANSLATE_NOOP("ConflictText", "Advice and measures"),
    "follow_up_date": QT_TRANSLATE_NOOP("ConflictText", "Follow-up date"),
    "latitude": QT_TRANSLATE_NOOP("ConflictText", "Latitude"),
    "longitude": QT_TRANSLATE_NOOP("ConflictText", "Longitude"),
    "photo_ids": QT_TRANSLATE_NOOP("ConflictText", "Photos"),
    "place": QT_TRANSLATE_NOOP("ConflictText", "Place"),
    "topic": QT_TRANSLATE_NOOP("ConflictText", "Topic"),
    "trainers": QT_TRANSLATE_NOOP("ConflictText", "Trainers"),
    "attendees": QT_TRANSLATE_NOOP("ConflictText", "Attendees"),
    "attendee_household_ids": QT_TRANSLATE_NOOP("ConflictText", "Named attendees"),
    "review_state": QT_TRANSLATE_NOOP("ConflictText", "Review state"),
    "deleted": QT_TRANSLATE_NOOP("ConflictText", "Deleted or kept"),
    "county_code": QT_TRANSLATE_NOOP("ConflictText", "County"),
    "township_code": QT_TRANSLATE_NOOP("ConflictText", "Township"),
    "specialist_id": QT_TRANSLATE_NOOP("ConflictText", "Responsible specialist"),
    "year_established": QT_TRANSLATE_NOOP("ConflictText", "Year established"),
    "start_year": QT_TRANSLATE_NOOP("ConflictText", "First year"),
    "end_year": QT_TRANSLATE_NOOP("ConflictText", "Last year"),
    "area_mu": QT_TRANSLATE_NOOP("ConflictText", "Area (mu)"),
    "scale": QT_TRANSLATE_NOOP("ConflictText", "Scale"),
    "description": QT_TRANSLATE_NOOP("ConflictText", "Description"),
    "demonstration_id": QT_TRANSLATE_NOOP("ConflictText", "Demonstration base or project"),
}
#: Fields a person can merge by hand in a text box; the numbers are parsed back.
TEXT_FIELDS = frozenset({"name", "phone", "notes", "industry", "problem", "advice", "place", "topic", "scale",
                         "description"})
NUMBER_FIELDS = {"livestock_head": int, "land_mu": float, "duration_hours": float, "hours": float, "area_mu": float,
                 "year_established": int, "start_year": int, "end_year": int}
# The kinds of households, bases and projects have codes of their own, so one lookup serves all three.
_KINDS = {**vocabulary.HOUSEHOLD_KINDS, **vocabulary.BASE_KINDS, **vocabulary.PROJECT_KINDS}
_VOCABULARIES = {"kind": _KINDS, "mode": vocabulary.VISIT_MODES,
                 "service_types": vocabulary.SERVICE_TYPES, "review_state": vocabulary.REVIEW_STATES}


def _tr(source: str) -> str:
    return QCoreApplication.translate(CONTEXT, source)


def field_label(field: str) -> str:
    return _tr(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def record_kind_label(record_type: str) -> str:
    return {
        RecordType.HOUSEHOLD: QCoreApplication.translate("ConflictText", "Household"),
        RecordType.VISIT: QCoreApplication.translate("ConflictText", "Visit"),
        RecordType.TRAINING: QCoreApplication.translate("ConflictText", "Training session"),
        RecordType.DEMO_BASE: QCoreApplication.translate("ConflictText", "Demonstration base"),
        RecordType.DEMO_PROJECT: QCoreApplication.translate("ConflictText", "Demonstration project"),
    }.get(record_type, QCoreApplication.translate("ConflictText", "Review"))


def record_label(record_type: str, record: Record | None) -> str:
    """"Household 张宝山", "Visit 2026-05-12" — enough to find the record in its list."""
    kind = record_kind_label(record_type)
    if isinstance(record, (Household, Demonstration)):
        return f"{kind} {record.name}"
    if isinstance(record, Visit) and record.visit_date:
        return f"{kind} {record.visit_date.isoformat()}"
    if isinstance(record, Training):
        return f"{kind} {record.training_date.isoformat() if record.training_date else ''} {record.topic}".strip()
    return kind


def value_text(field: str, value: Any) -> str:
    """One side's wire value as people read it."""
    if field == "deleted":
        if isinstance(value, dict):
            edits = "; ".join(f"{field_label(k)}: {value_text(k, v)}" for k, v in value.items())
            return QCoreApplication.translate("ConflictText", "Edited (%1)").replace("%1", edits)
        return QCoreApplication.translate("ConflictText", "Deleted") if value \
            else QCoreApplication.translate("ConflictText", "Kept")
    if value is None or value == "" or value == [] or value == {}:
        return QCoreApplication.translate("ConflictText", "(empty)")
    if isinstance(value, bool):
        return QCoreApplication.translate("ConflictText", "Yes") if value \
            else QCoreApplication.translate("ConflictText", "No")
    if field in _VOCABULARIES:
        codes = value if isinstance(value, list) else [value]
        return list_separator().join(vocab(_VOCABULARIES[field], str(c)) for c in codes)
    if isinstance(value, list):
        return list_separator().join(str(v) for v in value)
    if isinstance(value, dict):
        return list_separator().join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def editable_by_hand(field: str) -> bool:
    return field in TEXT_FIELDS or field in NUMBER_FIELDS


def parse_by_hand(field: str, text: str) -> Any:
    """The wire value of what was typed; raises ValueError for a number that is not one."""
    text = text.strip()
    if field in NUMBER_FIELDS:
        return None if not text else NUMBER_FIELDS[field](text)
    return text
