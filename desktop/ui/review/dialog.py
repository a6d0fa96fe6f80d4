"""A visit, training, demonstration base or project shown read-only with its review trail; a station manager approves or returns it here."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import kinds
from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.domain.records import Demonstration, DemonstrationBase, Household, Record, ReviewEvent, Visit
from desktop.domain.validation import ValidationError
from desktop.services import vocabulary
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import field_error_text, list_separator, local_time_text, vocab
from desktop.ui.widgets.screen_fit import fit_to_screen
from desktop.ui.widgets.industry_names import industry_label
from sync.domain.typical_cases import MARKING_ROLES, MAX_WRITE_UP

_ACTIONS = {
    "submit": QT_TRANSLATE_NOOP("ReviewDialog", "Submitted for review"),
    "approve": QT_TRANSLATE_NOOP("ReviewDialog", "Approved"),
    "return": QT_TRANSLATE_NOOP("ReviewDialog", "Returned for fixes"),
    "mark_typical": QT_TRANSLATE_NOOP("ReviewDialog", "Marked as a typical case"),
    "unmark_typical": QT_TRANSLATE_NOOP("ReviewDialog", "No longer a typical case"),
}


@dataclass(frozen=True)
class ReviewDetail:
    record: Record  # a visit, a training, a demonstration base or project
    trail: list[ReviewEvent]
    place: str
    households: list[str]
    names: dict[str, str]


def load_detail(ctx: AppContext, record_type: str, record_id: str) -> ReviewDetail | None:
    """Everything the dialog shows, read on the worker."""
    record = ctx.records.get(kinds.record_class(record_type), record_id)
    if record is None:
        return None
    code = record.village_code or getattr(record, "township_code", "") or getattr(record, "county_code", "")
    division = ctx.reference.division(code) if code else None
    ids = record.household_ids if isinstance(record, Visit) else getattr(record, "attendee_household_ids", ())
    households = [h.name for h in (ctx.records.get(Household, i) for i in ids) if h is not None]
    return ReviewDetail(record, ctx.review.trail(record_id), division.path if division else code,
                        households, ctx.team_log.display_names())


class ReviewDialog(QDialog):
    """An approve or a return is a write on ``ctx.runner`` (initiator: this dialog); ``edit_requested(type, id)``
    when the author asks to fix the record in its form."""

    edit_requested = Signal(str, str)

    def __init__(self, ctx: AppContext, record_type: str, record_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.record_type, self.record_id = ctx, record_type, record_id
        self.detail: ReviewDetail | None = None
        self.setWindowTitle(self.tr("Review a record"))
        fit_to_screen(self, 760, 620)
        self.details = QTextBrowser(self)
        self.details.setObjectName("review_details")
        self.trail = QTextBrowser(self)
        self.trail.setObjectName("review_trail")
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("review_comment")
        self.comment.setPlaceholderText(self.tr("Comment for the author (required to return the record)"))
        self.comment.setMaximumHeight(90)
        self.error = QLabel(self)
        self.error.setObjectName("review_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.approve_button = QPushButton(self.tr("Approve"), self)
        self.approve_button.setObjectName("approve_button")
        self.return_button = QPushButton(self.tr("Return for fixes"), self)
        self.return_button.setObjectName("return_button")
        self.edit_button = QPushButton(self.tr("Open in form to fix"), self)
        self.edit_button.setObjectName("edit_button")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (self.approve_button, self.return_button, self.edit_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_for_fixes)
        self.edit_button.clicked.connect(self._edit)
        self.comment.textChanged.connect(self.error.hide)
        reviewer = ctx.identity.can_review
        for widget in (self.approve_button, self.return_button, self.comment):
            widget.setVisible(reviewer)
        self.edit_button.setVisible(not reviewer)
        typical = self._typical_widgets(ctx.identity.role in MARKING_ROLES)

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.details)
        split.addWidget(self.trail)
        split.setSizes([400, 160])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.comment)
        layout.addLayout(typical)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.reload()

    def _typical_widgets(self, marker: bool) -> QVBoxLayout:
        """A write-up and the buttons that mark the record a typical case (典型案例) or take it back."""
        self.typical_state = QLabel(self)
        self.typical_state.setObjectName("typical_state")
        self.typical_state.setWordWrap(True)
        self.write_up = QPlainTextEdit(self)
        self.write_up.setObjectName("typical_write_up")
        self.write_up.setPlaceholderText(self.tr("Typical case: a short write-up of why this record is worth "
                                                 "showing (at most %1 characters)").replace("%1", str(MAX_WRITE_UP)))
        self.write_up.setMaximumHeight(70)
        self.mark_button = QPushButton(self.tr("Mark as typical case"), self)
        self.mark_button.setObjectName("mark_typical_button")
        self.unmark_button = QPushButton(self.tr("Not a typical case"), self)
        self.unmark_button.setObjectName("unmark_typical_button")
        self.mark_button.clicked.connect(self.mark_typical)
        self.unmark_button.clicked.connect(self.unmark_typical)
        self.write_up.textChanged.connect(self.error.hide)
        buttons = QVBoxLayout()
        buttons.addWidget(self.mark_button)
        buttons.addWidget(self.unmark_button)
        row = QHBoxLayout()
        row.addWidget(self.write_up, 1)
        row.addLayout(buttons)
        for widget in (self.typical_state, self.write_up, self.mark_button, self.unmark_button):
            widget.setVisible(marker)
            widget.setEnabled(False)
        column = QVBoxLayout()
        column.addWidget(self.typical_state)
        column.addLayout(row)
        return column

    def reload(self) -> None:
        ctx, record_type, record_id = self.ctx, self.record_type, self.record_id
        ctx.runner.run(lambda: load_detail(ctx, record_type, record_id), on_success=self._show,
                       label="load review detail", owner=self)

    def _show(self, detail: ReviewDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.details.setPlainText(self.tr("This record no longer exists."))
            return
        self.details.setHtml(self._record_html(detail))
        self.trail.setHtml(self._trail_html(detail))
        state = detail.record.review_state
        self.approve_button.setEnabled(state == "submitted")
        self.return_button.setEnabled(state == "submitted")
        self.edit_button.setEnabled(detail.record.author_id == self.ctx.identity.user_id)
        write_up = self.ctx.review.typical_write_up(detail.trail)
        self.typical_state.setText(self.tr("Not marked as a typical case.") if write_up is None else
                                   self.tr("Typical case: %1").replace("%1", write_up))
        if write_up is not None and not self.write_up.toPlainText():
            self.write_up.setPlainText(write_up)
        for widget in (self.typical_state, self.write_up, self.mark_button):
            widget.setEnabled(True)
        self.unmark_button.setEnabled(write_up is not None)

    def _record_html(self, d: ReviewDetail) -> str:
        r, sep = d.record, list_separator()
        if isinstance(r, Visit):
            rows = [(self.tr("Kind"), self.tr("Service visit")), (self.tr("Date"), str(r.visit_date)),
                    (self.tr("Mode"), vocab(vocabulary.VISIT_MODES, r.mode)),
                    (self.tr("Hours"), "" if r.duration_hours is None else f"{r.duration_hours:g}"),
                    (self.tr("Village"), d.place), (self.tr("Households"), sep.join(d.households)),
                    (self.tr("Service types"), sep.join(vocab(vocabulary.SERVICE_TYPES, s) for s in r.service_types)),
                    (self.tr("Industry"), industry_label(r.industry)), (self.tr("Problem found"), r.problem),
                    (self.tr("Advice and measures"), r.advice),
                    (self.tr("Follow-up"), str(r.follow_up_date or ""))]
        elif isinstance(r, Demonstration):
            rows = self._demonstration_rows(r, d)
        else:
            rows = [(self.tr("Kind"), self.tr("Training session")), (self.tr("Date"), str(r.training_date)),
                    (self.tr("Village"), d.place), (self.tr("Place"), r.place), (self.tr("Topic"), r.topic),
                    (self.tr("Industry"), industry_label(r.industry)), (self.tr("Trainers"), sep.join(r.trainers)),
                    (self.tr("Hours"), "" if r.hours is None else f"{r.hours:g}"),
                    (self.tr("Attendees"), sep.join(f"{vocab(vocabulary.ATTENDEE_CATEGORIES, k)} {v}"
                                                    for k, v in r.attendees.items() if v))]
        rows[1:1] = [(self.tr("Author"), d.names.get(r.author_id) or r.author_id),
                     (self.tr("Review state"), vocab(vocabulary.REVIEW_STATES, r.review_state)),
                     *([(self.tr("Photos"), str(len(r.photo_ids)))] if hasattr(r, "photo_ids") else [])]
        body = "".join(f"<tr><td style='padding-right:12px'><b>{html.escape(k)}</b></td>"
                       f"<td>{html.escape(v)}</td></tr>" for k, v in rows)
        return f"<table cellspacing='4'>{body}</table>"

    def _demonstration_rows(self, r: Demonstration, d: ReviewDetail) -> list[tuple[str, str]]:
        if isinstance(r, DemonstrationBase):
            kind, labels, years = self.tr("Demonstration base"), vocabulary.BASE_KINDS, str(r.year_established or "")
        else:
            kind, labels = self.tr("Demonstration project"), vocabulary.PROJECT_KINDS
            years = "–".join(str(y) for y in (r.start_year, r.end_year) if y)
        return [(self.tr("Kind"), kind), (self.tr("Name"), r.name), (self.tr("Type"), vocab(labels, r.kind)),
                (self.tr("Place"), d.place), (self.tr("Industry"), industry_label(r.industry)),
                (self.tr("Responsible specialist"), d.names.get(r.specialist_id) or r.specialist_id),
                (self.tr("Years"), years), (self.tr("Area (mu)"), "" if r.area_mu is None else f"{r.area_mu:g}"),
                (self.tr("Scale"), r.scale), (self.tr("Description"), r.description)]

    def _trail_html(self, d: ReviewDetail) -> str:
        if not d.trail:
            empty = self.tr("Not submitted for review yet.")
            return f"<i>{html.escape(empty)}</i>"
        lines = []
        for e in reversed(d.trail):
            who = d.names.get(e.author_id) or e.author_id
            action = QCoreApplication.translate("ReviewDialog", _ACTIONS.get(str(e.action), str(e.action)))
            when = local_time_text(e.created_at) if e.created_at else ""
            text = f"{when} · <b>{html.escape(who)}</b> · {html.escape(action)}"
            if e.comment:
                text += f"<br>&nbsp;&nbsp;“{html.escape(e.comment)}”"
            lines.append(text)
        heading = self.tr("Review trail")
        return f"<h4>{html.escape(heading)}</h4>" + "<br>".join(lines)

    # --- actions ---------------------------------------------------------------------------

    def approve(self) -> None:
        review, record_type, record_id = self.ctx.review, self.record_type, self.record_id
        self._run(lambda: review.approve(record_type, record_id))

    def return_for_fixes(self) -> None:
        comment = self.comment.toPlainText()
        if not comment.strip():  # the service refuses it too; say so before asking the worker
            self._invalid_text(self.tr("Say what needs fixing, so the author can correct it."))
            return
        review, record_type, record_id = self.ctx.review, self.record_type, self.record_id
        self._run(lambda: review.return_for_fixes(record_type, record_id, comment))

    def mark_typical(self) -> None:
        write_up = self.write_up.toPlainText()
        if not write_up.strip() or len(write_up.strip()) > MAX_WRITE_UP:  # the service refuses it too
            self._invalid_text(self.tr("Write up the typical case in 1 to %1 characters.")
                               .replace("%1", str(MAX_WRITE_UP)))
            return
        review, record_type, record_id = self.ctx.review, self.record_type, self.record_id
        self._run(lambda: review.mark_typical(record_type, record_id, write_up))

    def unmark_typical(self) -> None:
        review, record_type, record_id = self.ctx.review, self.record_type, self.record_id
        self._run(lambda: review.unmark_typical(record_type, record_id))

    def _run(self, call) -> None:
        for button in (self.approve_button, self.return_button, self.mark_button, self.unmark_button):
            button.setEnabled(False)
        self.ctx.runner.write(call, self, on_success=self._done, on_invalid=self._invalid, label="review step",
                              owner=self)

    def _done(self, _changes) -> None:
        self.accept()

    def _invalid(self, error: ValidationError) -> None:
        self._invalid_text(field_error_text(error.errors[0]))
        self.reload()

    def _invalid_text(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.comment.setFocus()

    def _edit(self) -> None:
        self.edit_requested.emit(self.record_type, self.record_id)
        self.accept()

