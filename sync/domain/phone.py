"""Mainland China phone numbers: validation and the normal form used to spot duplicates."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-()（）]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Landline: area code 0 + 2-3 digits, then a 7-8 digit local number (e.g. 0471-6612345).
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}$")


def normalise_phone(raw: str) -> str:
    """Digits only, without a +86 / 0086 country prefix; "" for blank input."""
    digits = _SEPARATORS.sub("", raw or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):]
    if digits.startswith("86") and len(digits) == 13 and digits[2] == "1":
        digits = digits[2:]
    return digits


def is_valid_phone(raw: str) -> bool:
    number = normalise_phone(raw)
    return bool(_MOBILE.match(number) or _LANDLINE.match(number))
