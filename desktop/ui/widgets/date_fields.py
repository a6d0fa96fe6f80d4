"""Date editing helpers: plain dates to QDate and back, and an optional-date field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QWidget


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(parent: QWidget | None = None) -> QDateEdit:
    """No earliest or latest date: QDateEdit would turn a typed 2027 into 2026 without a word;
    validation names a date out of range under the field instead."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class OptionalDateEdit(QWidget):
    """A date that may be left out: a check box turns the date on."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.enabled = QCheckBox(label, self)
        self.edit = date_edit(self)
        self.edit.setDate(to_qdate(dt.date.today()))
        self.edit.setEnabled(False)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.enabled.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)

    def value(self) -> dt.date | None:
        return from_qdate(self.edit.date()) if self.enabled.isChecked() else None

    def set_value(self, value: dt.date | None, default: dt.date | None = None) -> None:
        self.enabled.setChecked(value is not None)
        self.edit.setDate(to_qdate(value or default or dt.date.today()))
