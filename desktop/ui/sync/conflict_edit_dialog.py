"""Resolving one conflict by hand: both values shown, a text box to write what is right."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.domain.records import Conflict
from desktop.domain.validation import ValidationError
from desktop.services.changes import Changes
from desktop.ui.sync.conflict_text import NUMBER_FIELDS, field_label, parse_by_hand, value_text
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import field_error_text


class ConflictEditDialog(QDialog):
    """Pre-filled with this device's value; Save sets the field to the text (a number field must
    hold a number) through ``SyncService.resolve_conflict``, a write on ``ctx.runner`` (its changes go
    on the bus, initiator this dialog)."""


    def __init__(self, ctx: AppContext, conflict: Conflict, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.conflict = conflict
        self.setWindowTitle(self.tr("Resolve by hand: %1").replace("%1", field_label(conflict.field)))
        self.setMinimumWidth(480)
        values = QFormLayout()
        for label, value in ((self.tr("Server value"), conflict.server_value),
                             (self.tr("Your value"), conflict.client_value)):
            shown = QLabel(value_text(conflict.field, value), self)
            shown.setWordWrap(True)
            values.addRow(label, shown)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("merged_value")
        mine = conflict.client_value
        self.text.setPlainText("" if mine is None else value_text(conflict.field, mine))
        if conflict.field in NUMBER_FIELDS:
            self.text.setMaximumHeight(self.fontMetrics().height() * 3)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(values)
        layout.addWidget(QLabel(self.tr("The value to keep:"), self))
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            value = parse_by_hand(self.conflict.field, self.text.toPlainText())
        except ValueError:
            self.message.setText(self.tr("Enter a number."))
            return
        self.save_button.setEnabled(False)
        conflict_id = self.conflict.id
        service = self.ctx.sync_service()
        self.ctx.runner.write(lambda: service.resolve_conflict(conflict_id, value), self, on_success=self._saved,
                              on_invalid=self._invalid, label="resolve conflict by hand", owner=self)

    def _saved(self, _changes: Changes) -> None:
        self.accept()

    def _invalid(self, error: ValidationError) -> None:
        self.save_button.setEnabled(True)
        self.message.setText("\n".join(field_error_text(e) for e in error.errors))
