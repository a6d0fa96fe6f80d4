"""The review queue: a manager's team records waiting for review, or a specialist's own records and their state."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import vocabulary
from desktop.services.changes import Changes
from desktop.services.review import QueueItem
from desktop.ui.shell.context import AppContext
from desktop.ui.widgets.date_fields import OptionalDateEdit
from desktop.ui.shell.i18n import vocab
from desktop.ui.widgets.plain_table_model import KEY_ROLE, PlainTableModel
from desktop.ui.review.dialog import ReviewDialog
from sync.domain.vocabulary import ReviewState

UNDO_MS = 8000


class ReviewQueue(QWidget):
    """``edit_requested(type, id)`` asks the window for the record's form (the author fixes and
    resubmits there). Review steps are writes on ``ctx.runner``; the page hears of them on the bus."""

    edit_requested = Signal(str, str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.reviewer = ctx.identity.can_review
        self.items: list[QueueItem] = []
        self.dialog: ReviewDialog | None = None
        self.member = QComboBox(self)
        self.member.setObjectName("review_member")
        self.member.addItem(self.tr("(all members)"), None)
        self.member.setVisible(self.reviewer)
        self.date_from = OptionalDateEdit(self.tr("From"), self)
        self.date_to = OptionalDateEdit(self.tr("To"), self)
        self.state = QComboBox(self)
        self.state.setObjectName("review_state")
        self.state.addItem(self.tr("(any review state)"), None)
        for s in ReviewState:
            self.state.addItem(vocab(vocabulary.REVIEW_STATES, s), s.value)
        self.state.setCurrentIndex(self.state.findData(ReviewState.SUBMITTED.value) if self.reviewer else 0)
        self.returned = QLabel(self)
        self.returned.setObjectName("returned_banner")
        self.returned.setWordWrap(True)
        self.returned.setStyleSheet("QLabel { background: #fff4e5; border: 1px solid #f0b35a; padding: 8px; }")
        self.returned.hide()
        self.count = QLabel(self)
        self.model = PlainTableModel([self.tr("Date"), self.tr("Kind"), self.tr("Author"), self.tr("Subject"),
                                      self.tr("Review state"), self.tr("Reviewer's comment")], self)
        self.table = QTableView(self)
        self.table.setObjectName("review_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # A manager approves a run of records at once (Ctrl/Shift+click); others open one at a time.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if self.reviewer
                                    else QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.open_button = QPushButton(self.tr("Open…"), self)
        self.approve_button = QPushButton(self.tr("Approve"), self)
        self.approve_button.setObjectName("queue_approve")
        self.return_button = QPushButton(self.tr("Return with comment…"), self)
        self.undo_button = QPushButton(self.tr("Undo"), self)
        self.undo_button.setObjectName("queue_undo")
        self.undo_button.clicked.connect(self.undo_approval)
        self.undo_button.hide()
        self.pending_note = QLabel(self)
        self.pending_note.setObjectName("pending_approval")
        # Approvals wait this long for an Undo before they are recorded (and later synced).
        self._pending: list[tuple[str, str]] = []
        self._commit_timer = QTimer(self)
        self._commit_timer.setSingleShot(True)
        self._commit_timer.setInterval(UNDO_MS)
        self._commit_timer.timeout.connect(self.commit_approvals)
        self.fix_button = QPushButton(self.tr("Fix and resubmit…"), self)
        self.fix_button.setObjectName("queue_fix")
        for button in (self.approve_button, self.return_button):
            button.setVisible(self.reviewer)
        self.fix_button.setVisible(not self.reviewer)
        self.open_button.clicked.connect(self.open_selected)
        self.approve_button.clicked.connect(self.approve_selected)
        self.return_button.clicked.connect(lambda: self.open_selected(focus_comment=True))
        self.fix_button.clicked.connect(self.fix_selected)
        for combo in (self.member, self.state):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

        filters = QHBoxLayout()
        for w in (self.member, self.date_from, self.date_to, self.state):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count)
        actions = QHBoxLayout()
        for w in (self.open_button, self.approve_button, self.return_button, self.fix_button):
            actions.addWidget(w)
        actions.addStretch(1)
        actions.addWidget(self.pending_note)
        actions.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.returned)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._update_buttons()

    def start(self) -> None:
        if self.reviewer:
            team = self.ctx.team_log
            self.ctx.runner.run(team.member_names, on_success=self._members_loaded, label="team members", owner=self)
        self.refresh()

    def apply_changes(self, changes: Changes) -> None:
        if changes.visits or changes.trainings or changes.demonstrations or changes.reviews or changes.identity:
            self.refresh()

    def refresh(self) -> None:
        review, state, member = self.ctx.review, self.state.currentData(), self.member.currentData()
        first, last = self.date_from.value(), self.date_to.value()
        self.ctx.runner.run(lambda: review.queue(state, member, first, last), on_success=self._show,
                            label="review queue", owner=self)

    def _members_loaded(self, names: dict[str, str]) -> None:
        for author_id, name in sorted(names.items(), key=lambda p: (p[1], p[0])):
            self.member.addItem(name or author_id, author_id)

    def _show(self, items: list[QueueItem]) -> None:
        if not self.reviewer:  # what came back to the author goes first
            items = sorted(items, key=lambda i: i.review_state != ReviewState.RETURNED)
        self.items = items
        kinds = {"visit": self.tr("Visit"), "training": self.tr("Training"), "demo_base": self.tr("Demonstration base"),
                 "demo_project": self.tr("Demonstration project")}
        self.model.set_rows([(str(i.record_date), kinds.get(i.record_type, i.record_type), i.author_name or i.author_id, i.title,
                              vocab(vocabulary.REVIEW_STATES, i.review_state),
                              i.last_comment if i.review_state == ReviewState.RETURNED else "") for i in items],
                            [(i.record_type, i.record_id) for i in items])
        self.count.setText(self.tr("%n record(s)", "", len(items)))
        self._show_returned([i for i in items if i.review_state == ReviewState.RETURNED])
        self._update_buttons()
        self.loaded.emit()

    def _show_returned(self, returned: list[QueueItem]) -> None:
        if self.reviewer or not returned:
            self.returned.hide()
            return
        lines = [f"<b>{html.escape(str(i.record_date))} {html.escape(i.title)}</b>: {html.escape(i.last_comment)}"
                 for i in returned[:3]]
        heading = self.tr("%n record(s) returned to you for fixes. Open one, correct it and submit it again.",
                          "", len(returned))
        self.returned.setText(f"{html.escape(heading)}<br>" + "<br>".join(lines))
        self.returned.show()

    # --- actions ---------------------------------------------------------------------------

    def selected(self) -> tuple[str, str] | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(KEY_ROLE) if rows else None

    def selected_keys(self) -> list[tuple[str, str]]:
        return [index.data(KEY_ROLE) for index in self.table.selectionModel().selectedRows()]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def _update_buttons(self) -> None:
        key = self.selected()
        item = next((i for i in self.items if (i.record_type, i.record_id) == key), None)
        self.open_button.setEnabled(item is not None)
        waiting = {(i.record_type, i.record_id) for i in self.items if i.review_state == ReviewState.SUBMITTED}
        approvable = [k for k in self.selected_keys() if k in waiting and k not in self._pending]
        self.approve_button.setEnabled(bool(approvable))
        self.approve_button.setText(self.tr("Approve %n selected", "", len(approvable)) if len(approvable) > 1
                                    else self.tr("Approve"))
        self.return_button.setEnabled(item is not None and item.review_state == ReviewState.SUBMITTED)
        self.fix_button.setEnabled(item is not None and item.review_state != ReviewState.APPROVED)

    def open_selected(self, focus_comment: bool = False) -> ReviewDialog | None:
        key = self.selected()
        if key is None:
            return None
        dialog = ReviewDialog(self.ctx, key[0], key[1], self)
        dialog.edit_requested.connect(self.edit_requested)
        self.dialog = dialog
        dialog.open()
        if focus_comment:
            dialog.comment.setFocus()
        return dialog

    def approve_selected(self) -> None:
        """Approve every selected submitted record, after a short wait in which Undo takes it back."""
        if not self.reviewer:
            return
        waiting = {(i.record_type, i.record_id) for i in self.items if i.review_state == ReviewState.SUBMITTED}
        keys = [k for k in self.selected_keys() if k in waiting and k not in self._pending]
        if not keys:
            return
        self.commit_approvals()  # an earlier batch is final once a new one starts: one undo, the last action
        self._pending = keys
        self.pending_note.setText(self.tr("%n record(s) approved.", "", len(keys)))
        self.pending_note.show()
        self.undo_button.show()
        self._commit_timer.start()
        self._update_buttons()

    def undo_approval(self) -> None:
        """Take back the last batch of approvals; nothing of it was recorded."""
        self._commit_timer.stop()
        self._pending = []
        self.pending_note.setText(self.tr("Approval undone."))
        self.undo_button.hide()
        self._update_buttons()

    def commit_approvals(self) -> None:
        """Record the waiting approvals now (the Undo time is over, or the page is left)."""
        self._commit_timer.stop()
        keys, self._pending = self._pending, []
        self.undo_button.hide()
        self.pending_note.hide()
        if not keys:
            return
        review = self.ctx.review

        def approve_all() -> Changes:
            changes = Changes()
            for key in keys:
                changes = changes | review.approve(*key)
            return changes

        self.ctx.runner.write(approve_all, self, on_invalid=lambda _e: self.refresh(), label="approve", owner=self)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        self.commit_approvals()
        super().hideEvent(event)

    def fix_selected(self) -> None:
        key = self.selected()
        if key is not None:
            self.edit_requested.emit(*key)
