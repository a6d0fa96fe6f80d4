"""The frame every record form shares: inline errors, dirty tracking, autosaved drafts, Esc and Ctrl+S.

A form never writes: it emits ``save_requested(SaveRequest)``; the main window runs the save as an
operation and answers with ``on_saved``, ``on_invalid`` or ``on_failed``. Drafts are the exception
the brief allows: they go straight through the runner because no view shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QDateTime, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.concurrent_edit import EditConflict, edited_fields
from desktop.domain.records import Record
from desktop.domain.validation import ValidationError
from desktop.ui.shell.context import AppContext
from desktop.ui.widgets.form_fields import ErrorLabel, FieldErrors
from desktop.ui.forms.record_payload import draft_key, to_payload
from desktop.ui.forms.edit_conflict_prompt import EditConflictPrompt, field_list
from desktop.ui.widgets.screen_fit import fit_to_screen
from sync.domain.vocabulary import ReviewAction, ReviewState

AUTOSAVE_MS = 3000
RECHECK_MS = 250  # after an edit, how soon the messages shown are checked again
# PySide's self.tr() looks strings up under the runtime subclass's name, so this base class names
# its own context explicitly: QCoreApplication.translate("RecordForm", …).


@dataclass(frozen=True)
class SaveRequest:
    record: Record
    county_code: str | None = None
    check_duplicates: bool = False
    close_after: bool = False
    base: Record | None = None  # the record as stored when the form loaded it (None: new)


class RecordForm(QDialog):
    """Subclasses build their rows in ``build``, and implement ``load``, ``collect`` and ``title``."""

    save_requested = Signal(object)  # SaveRequest
    saved = Signal(object)  # the record as stored
    can_submit = False

    def __init__(self, ctx: AppContext, record: Record, parent: QWidget | None = None, *, restored: bool = False,
                 base: Record | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.record = record
        self._is_new = record.created_at is None  # stored records always have one
        # What the store held when this input began: a save is checked against it (a restored draft
        # names its own; a draft from an older version has none and is saved as it is).
        self.base: Record | None = base if restored or self._is_new else record
        self.conflict_prompt: QMessageBox | None = None
        self._dirty = False
        self._loading = False
        self._busy = False
        self._last_draft: dict | None = None
        self.close_prompt: QMessageBox | None = None
        self.setModal(True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave_now)
        # Once a save has named bad fields, every edit checks again, so a message goes as soon as
        # its field is right (and the user never has to save just to find out).
        self._errors_shown = False
        self._recheck = QTimer(self)
        self._recheck.setSingleShot(True)
        self._recheck.setInterval(RECHECK_MS)
        self._recheck.timeout.connect(self.recheck_now)

        self.banner = ErrorLabel(self)
        self.errors = FieldErrors(self.banner)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        self.returned_note = self._returned_note(body)
        body_layout.addWidget(self.returned_note)
        self.form_layout = QFormLayout()
        body_layout.addLayout(self.form_layout)
        body_layout.addStretch(1)  # spare height goes below the last row, not between rows
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.build(self.form_layout)  # sizes the form as it would like to be
        fit_to_screen(self, self.width(), self.height())
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setWidget(body)

        self.status = QLabel(self)
        self.status.setObjectName("form_status")
        self.buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(QCoreApplication.translate("RecordForm", "&Save"), self)
        self.save_button.setToolTip(QCoreApplication.translate("RecordForm", "Save (Ctrl+S)"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ApplyRole)
        self.submit_button = QPushButton(QCoreApplication.translate("RecordForm", "Submit for review"), self)
        if self.can_submit:
            self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.ActionRole)
        else:
            self.submit_button.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(lambda: self.request_save())
        self.submit_button.clicked.connect(lambda: self.request_save(submit=True))
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.request_save)

        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(footer)

        for button in self.findChildren(QPushButton):
            # Enter in a text field must not save a half-filled form (QDialog's default behaviour).
            button.setAutoDefault(False)
            button.setDefault(False)

        self._loading = True
        self.load(record)
        self._loading = False
        self._refresh_title()
        if restored:
            self.status.setText(QCoreApplication.translate("RecordForm",
                                                           "Restored from an autosaved draft; not saved yet."))
            self.mark_dirty()

    def _returned_note(self, parent: QWidget) -> QLabel:
        """The manager's comment on a returned record, above the fields it is about (hidden otherwise)."""
        note = QLabel(parent)
        note.setObjectName("returned_comment")
        note.setWordWrap(True)
        note.setStyleSheet("background: #fff4e5; border: 1px solid #f0b35a; padding: 6px;")
        returns = [e for e in self.ctx.review.trail(self.record.id) if e.action == ReviewAction.RETURN] \
            if getattr(self.record, "review_state", None) == ReviewState.RETURNED else []
        if returns:
            note.setText(QCoreApplication.translate("RecordForm", "Returned for fixes: %1").replace(
                "%1", returns[-1].comment))
        note.setVisible(bool(returns))
        return note

    # --- to implement --------------------------------------------------------------------

    def build(self, layout: QFormLayout) -> None:
        raise NotImplementedError

    def load(self, record: Record) -> None:
        raise NotImplementedError

    def collect(self) -> Record:
        """The record as the widgets show it now (may be invalid: the service decides)."""
        raise NotImplementedError

    def title(self, is_new: bool) -> str:
        raise NotImplementedError

    def county_code(self) -> str | None:
        return None

    # --- dirty tracking and drafts -------------------------------------------------------

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def draft_key(self) -> str:
        return draft_key(self.record)

    def watch(self, *widgets: QWidget) -> None:
        """Mark the form dirty when any of ``widgets`` is edited."""
        for w in widgets:
            if isinstance(w, QLineEdit):
                w.textEdited.connect(self.mark_dirty)
            elif isinstance(w, QPlainTextEdit):
                w.textChanged.connect(self.mark_dirty)
            elif isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self.mark_dirty)
                w.editTextChanged.connect(self.mark_dirty)
            elif isinstance(w, QDateEdit):
                w.dateChanged.connect(self.mark_dirty)
            elif isinstance(w, QAbstractSpinBox):
                w.valueChanged.connect(self.mark_dirty)  # type: ignore[attr-defined]
            elif isinstance(w, (QCheckBox, QAbstractButton)):
                w.toggled.connect(self.mark_dirty)
            elif hasattr(w, "changed"):
                w.changed.connect(self.mark_dirty)
            elif hasattr(w, "division_changed"):
                w.division_changed.connect(self.mark_dirty)

    def mark_dirty(self, *_args: object) -> None:
        if self._loading:
            return
        self._dirty = True
        self._refresh_title()
        if not self._autosave.isActive():
            self._autosave.start()
        if self._errors_shown:
            self._recheck.start()

    def recheck_now(self) -> None:
        """Check the input as it is now (on the worker) and show what is still wrong, focus unmoved."""
        records, record, county = self.ctx.records, self.collect(), self.county_code()
        self.ctx.runner.run(lambda: records.check(record, county), on_success=lambda _r: self._show_errors(None),
                            on_invalid=self._show_errors, label="check form", owner=self)

    def _show_errors(self, error: ValidationError | None) -> None:
        if self._busy or not self._errors_shown:
            return  # a save is under way, or succeeded: its answer is the one that counts
        if error is None:
            self.errors.clear()
            self.status.setText(QCoreApplication.translate("RecordForm", "Ready to save."))
        else:
            self.errors.show(error, focus=False)

    def draft_payload(self) -> dict:
        return {"record": to_payload(self.collect()), "county_code": self.county_code(),
                "base": to_payload(self.base) if self.base is not None else None}

    def autosave_now(self) -> None:
        """Keep the current input as a draft (on the worker); nothing to do if unchanged."""
        if not self._dirty:
            self._autosave.stop()
            return
        payload = self.draft_payload()
        if payload == self._last_draft:
            return
        self._last_draft = payload
        key, drafts = self.draft_key, self.ctx.drafts
        self.ctx.runner.run(lambda: drafts.save(key, payload), label="autosave draft")

    # --- saving --------------------------------------------------------------------------

    def request_save(self, *, submit: bool = False, close_after: bool = False) -> None:
        if self._busy:
            return
        record = self.collect()
        if submit:
            record = record.with_changes(review_state=ReviewState.SUBMITTED)
            close_after = True
        self._set_busy(True)
        self.errors.clear()
        self.status.setText(QCoreApplication.translate("RecordForm", "Saving…"))
        self.save_requested.emit(replace(self.make_request(record, close_after), base=self.base))

    def make_request(self, record: Record, close_after: bool) -> SaveRequest:
        return SaveRequest(record, self.county_code(), close_after=close_after)

    def on_saved(self, record: Record, close_after: bool = False, sent: Record | None = None) -> None:
        """``sent`` is what the form asked to store: fields where ``record`` differs came from a
        change made elsewhere meanwhile and merged with this one; the status line names them."""
        self._set_busy(False)
        self._errors_shown = False
        self.record = self.base = record
        self._is_new = False
        self._dirty = False
        self._last_draft = None
        self._autosave.stop()
        key, drafts = self.draft_key, self.ctx.drafts
        self.ctx.runner.run(lambda: drafts.discard(key), label="discard draft")
        self._loading = True
        self.load(record)
        self._loading = False
        self._refresh_title()
        saved_at = QDateTime.currentDateTime().toString("HH:mm")
        text = QCoreApplication.translate("RecordForm", "Saved at %1.").replace("%1", saved_at)
        merged = edited_fields(sent, record) - {"review_state"} if sent is not None else set()
        if merged:
            text += " " + QCoreApplication.translate(
                "RecordForm", "A change made elsewhere meanwhile was kept too: %1.").replace("%1", field_list(merged))
        self.status.setText(text)
        self.saved.emit(record)
        if close_after:
            self.done(QDialog.DialogCode.Accepted)

    def on_invalid(self, error: ValidationError) -> None:
        self._set_busy(False)
        self._errors_shown = True
        self.status.setText(QCoreApplication.translate("RecordForm", "Not saved: please correct the marked fields."))
        self.errors.show(error, self.scroll)

    def on_edit_conflict(self, conflict: EditConflict, request: SaveRequest) -> None:
        """The record changed elsewhere since the form loaded it: ask, and save nothing until answered."""
        self._set_busy(False)
        self.status.setText(QCoreApplication.translate("RecordForm", "Not saved: this record changed elsewhere."))
        prompt = EditConflictPrompt(conflict, self)
        prompt.reload_requested.connect(lambda: self._take_stored(conflict, conflict.keep_theirs))
        prompt.keep_mine_requested.connect(lambda: self._take_stored(conflict, conflict.keep_mine, request))
        prompt.finished.connect(lambda _r: setattr(self, "conflict_prompt", None))
        self.conflict_prompt = prompt
        prompt.open()

    def _take_stored(self, conflict: EditConflict, shown: Record, save: SaveRequest | None = None) -> None:
        """Continue from the stored record, showing ``shown`` (it plus the user's changes to keep);
        with ``save``, save it as that request asked (submit, close)."""
        self.record = self.base = conflict.current
        self._loading = True
        self.load(shown)
        self._loading = False
        if save is not None:
            submit = save.record.review_state == ReviewState.SUBMITTED != conflict.current.review_state
            self.request_save(submit=submit, close_after=save.close_after)
            return
        self.status.setText(QCoreApplication.translate(
            "RecordForm", "Reloaded: the saved values are shown; your other changes are kept, not saved yet."))
        if not edited_fields(conflict.current, shown):
            self._dirty = False
            self._refresh_title()

    def on_failed(self) -> None:
        self._set_busy(False)
        self.status.setText(QCoreApplication.translate("RecordForm", "Not saved."))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.save_button, self.submit_button):
            button.setEnabled(not busy)

    def _refresh_title(self) -> None:
        self.setWindowTitle(self.title(self._is_new) + (" *" if self._dirty else ""))

    # --- closing -------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Close or the title bar: ask first when there is unsaved input."""
        if not self._dirty:
            self._close_clean()
            return
        if self.close_prompt is not None:
            return
        prompt = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("RecordForm", "Unsaved changes"),
                             QCoreApplication.translate("RecordForm", "Save your changes before closing?"),
                             QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                             | QMessageBox.StandardButton.Cancel, self)
        prompt.setDefaultButton(QMessageBox.StandardButton.Save)
        prompt.setEscapeButton(QMessageBox.StandardButton.Cancel)
        prompt.buttonClicked.connect(lambda b: self._close_answered(prompt.standardButton(b)))
        prompt.finished.connect(lambda _r: setattr(self, "close_prompt", None))
        self.close_prompt = prompt
        prompt.open()

    def _close_answered(self, button: QMessageBox.StandardButton) -> None:
        if button == QMessageBox.StandardButton.Save:
            self.request_save(close_after=True)
        elif button == QMessageBox.StandardButton.Discard:
            key, drafts = self.draft_key, self.ctx.drafts
            self.ctx.runner.run(lambda: drafts.discard(key), label="discard draft")
            self._dirty = False
            self._close_clean()

    def _close_clean(self) -> None:
        self._autosave.stop()
        super().reject()

    def keep_draft_and_close(self) -> None:
        """The app is quitting: keep unsaved input as a draft (offered back next start), no question."""
        if self._dirty:
            self._last_draft = None
            self.autosave_now()
        self._dirty = False
        self._close_clean()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._dirty:
            event.ignore()
            self.reject()
        else:
            self._autosave.stop()
            super().closeEvent(event)
