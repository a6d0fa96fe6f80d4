"""Rules a record must meet before it is stored: the shared rules of ``sync.domain.rules``, over records.

The rules themselves live in ``sync.domain`` because the server applies the very same ones to
every pushed record; this module reads a desktop record as the mapping of fields they check.
"""

from __future__ import annotations

import dataclasses

from desktop.domain.records import Record
from sync.domain.rules import (
    LATITUDE_RANGE,
    LONGITUDE_RANGE,
    MAX_ATTENDEES_PER_CATEGORY,
    MAX_LAND_MU,
    MAX_LIVESTOCK_HEAD,
    MAX_TRAINING_HOURS,
    MAX_VISIT_HOURS,
    Context,
    FieldError,
    ValidationError,
    check_record,
)

__all__ = ["LATITUDE_RANGE", "LONGITUDE_RANGE", "MAX_ATTENDEES_PER_CATEGORY", "MAX_LAND_MU", "MAX_LIVESTOCK_HEAD",
           "MAX_TRAINING_HOURS", "MAX_VISIT_HOURS", "Context", "FieldError", "ValidationError", "validate"]


def validate(record: Record, ctx: Context) -> None:
    """Raise ValidationError if ``record`` breaks a rule; records without rules always pass."""
    if record.RECORD_TYPE is not None:
        values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
        check_record(record.RECORD_TYPE, values, ctx)
