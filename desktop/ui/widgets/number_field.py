"""A number field that keeps exactly what was typed: never clamped, rounded or cut short.

Spin boxes refuse a key that would leave their range (99 h became 9 h) and round to their decimals;
here the text stays as typed and the form's validation names what is wrong with it under the field.
"""

from __future__ import annotations

import math
import re
import unicodedata

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

#: "9,999,999" and "1,200.5": commas grouping thousands, as Chinese and English both write them.
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def parse_number(text: str) -> float | None:
    """None for an empty field, NaN for text that is not a number (validation says so)."""
    text = unicodedata.normalize("NFKC", text).strip().replace(" ", "")  # full-width digits from an IME
    if not text:
        return None
    text = text.replace(",", "") if _GROUPED.match(text) else text.replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        return math.nan
    return value if math.isfinite(value) else math.nan


def number_text(value: float | None) -> str:
    """The shortest text that reads back as exactly ``value`` (43.9812345 stays 43.9812345)."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class NumberField(QLineEdit):
    """``value()`` is the number typed (None when empty, NaN when not a number; an int when it is
    whole and ``whole`` is set); ``setValue`` shows a number without changing it."""

    def __init__(self, parent: QWidget | None = None, *, whole: bool = False, hint: str = ""):
        super().__init__(parent)
        self._whole = whole
        self.setPlaceholderText(hint)

    def value(self) -> float | int | None:
        value = parse_number(self.text())
        if self._whole and value is not None and not math.isnan(value) and value.is_integer():
            return int(value)
        return value

    def setValue(self, value: float | None) -> None:  # noqa: N802 - the name spin boxes use
        self.setText(number_text(value))


def with_unit(field: QWidget, unit: str) -> QWidget:
    """``field`` followed by its unit ("h", "mu"), as one row widget."""
    box = QWidget(field.parentWidget())
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 1)
    row.addWidget(QLabel(unit, box))
    return box
