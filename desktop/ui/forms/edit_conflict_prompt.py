"""The question a form asks when its record changed elsewhere since it was opened: reload, or keep mine."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain.concurrent_edit import EditConflict
from desktop.ui.sync.conflict_text import FIELD_LABELS, field_label, value_text
from desktop.ui.shell.i18n import list_separator

#: Lists of ids: their values mean nothing to a person, so only the field is named.
_ID_FIELDS = frozenset({"household_ids", "attendee_household_ids", "photo_ids"})


def _in_form_order(fields: Iterable[str]) -> list[str]:
    order = list(FIELD_LABELS)
    return sorted(fields, key=lambda f: order.index(f) if f in order else len(order))


def field_list(fields: Iterable[str]) -> str:
    """Field labels in form order, joined for running text."""
    return list_separator().join(field_label(f) for f in _in_form_order(fields))


def _shown(field: str, value: Any) -> str:
    return value_text(field, list(value) if isinstance(value, tuple) else value)


class EditConflictPrompt(QMessageBox):
    """Says what changed, with the saved value and the user's value of each clashing field.
    ``reload_requested`` shows the saved values (the user's other changes stay in the form);
    ``keep_mine_requested`` saves the user's values over them. Nothing is saved until one is chosen."""

    reload_requested = Signal()
    keep_mine_requested = Signal()

    def __init__(self, conflict: EditConflict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("Changed elsewhere"))
        if conflict.current is None:
            self.setText(self.tr("This record is no longer on this laptop: a sync removed it. Nothing was saved; "
                                 "your input is still in the form."))
            self.setStandardButtons(QMessageBox.StandardButton.Ok)
            self.reload_button = self.keep_button = None
            return
        self.setText(self.tr("This record changed since you opened it (by a sync, a review or another window), "
                             "in fields you changed too. Nothing was saved yet."))
        lines = []
        for field in _in_form_order(conflict.fields):
            if field in _ID_FIELDS:
                lines.append(field_label(field))
                continue
            saved = _shown(field, getattr(conflict.current, field))
            yours = _shown(field, getattr(conflict.keep_mine, field))
            lines.append(self.tr("%1 — saved: %2; yours: %3").replace("%1", field_label(field))
                         .replace("%2", saved).replace("%3", yours))
        lines.append("")
        lines.append(self.tr("Reload shows the saved values of these fields and keeps your other changes in the "
                             "form. Keep my values saves yours over them."))
        self.setInformativeText("\n".join(lines))
        self.reload_button = self.addButton(self.tr("Reload"), QMessageBox.ButtonRole.ResetRole)
        self.keep_button = self.addButton(self.tr("Keep my values"), QMessageBox.ButtonRole.AcceptRole)
        cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.reload_button)
        self.setEscapeButton(cancel)
        self.reload_button.clicked.connect(self.reload_requested)
        self.keep_button.clicked.connect(self.keep_mine_requested)
