"""Consent to keep personal information (《个人信息保护法》): which household fields need it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sync.domain.vocabulary import Role

#: Fields that identify a person and so are kept only with their consent.
PERSONAL_FIELDS = ("phone", "notes")

#: Roles whose work needs a consented household's phone: the specialist who follows up, and the
#: station manager who assigns them. Administrators above the station count, they do not call.
CONTACT_ROLES = frozenset({Role.SPECIALIST, Role.STATION_MANAGER})

# An 18-character resident identity number, or a mainland phone number, written in free text.
_ID_LIKE = re.compile(r"(?<!\d)(\d{17}[\dXx]|1\d{10})(?!\d)")


def has_id_like_number(text: str) -> bool:
    """Whether ``text`` holds something that looks like an identity card or phone number."""
    return bool(_ID_LIKE.search(text or ""))


def fields_needing_consent(values: Mapping[str, Any]) -> list[str]:
    """The personal fields of a household (as field name → value) that are set without consent."""
    if values.get("contact_consent") is True:
        return []
    needing = []
    if str(values.get("phone") or "").strip():
        needing.append("phone")
    if has_id_like_number(str(values.get("notes") or "")):
        needing.append("notes")
    return needing
