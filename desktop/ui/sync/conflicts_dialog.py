"""The conflicts window: fields two people changed at once, each side's value, and changes the server refused."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.kinds import RECORD_CLASSES
from desktop.domain.records import Conflict, Record
from desktop.domain.summaries import ConflictOrigin
from desktop.services.changes import Changes
from desktop.services.sync_service import SyncOverview
from desktop.ui.sync.conflict_edit_dialog import ConflictEditDialog
from desktop.ui.sync.conflict_text import editable_by_hand, field_label, record_kind_label, record_label, value_text
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import local_time_text
from desktop.ui.widgets.screen_fit import fit_to_screen
from sync.domain.vocabulary import RecordType

if TYPE_CHECKING:
    from desktop.services.sync_service import RejectedChange, SetAsideChange


@dataclass(frozen=True)
class ConflictsView:
    """What the dialog lists, read on the database worker."""

    conflicts: list[Conflict]
    records: dict[str, Record | None]  # conflict id -> the record it is about, as it is now
    rejected: list[RejectedChange]
    set_aside: list[SetAsideChange]
    origins: dict[str, ConflictOrigin] = field(default_factory=dict)  # conflict id -> who made the server value


def load_conflicts(ctx: AppContext) -> ConflictsView:
    overview: SyncOverview = ctx.sync_service().overview()
    records = {}
    for conflict in overview.open_conflicts:
        cls = RECORD_CLASSES.get(RecordType(conflict.record_type))
        records[conflict.id] = ctx.records.get(cls, conflict.record_id) if cls else None
    origins = ctx.conflict_origins.origins([c.id for c in overview.open_conflicts])
    return ConflictsView(overview.open_conflicts, records, overview.rejected, overview.set_aside, origins)


def origin_text(origin: ConflictOrigin | None) -> str:
    """"王建国, 2026-12-06 14:30": who made the other change and when, as far as the server said."""
    if origin is None or (not origin.user_id and origin.changed_at is None):
        return QCoreApplication.translate("ConflictsDialog", "not known")
    who = origin.name or (QCoreApplication.translate("ConflictsDialog", "another user") if origin.user_id
                          else QCoreApplication.translate("ConflictsDialog", "someone"))
    if origin.changed_at is None:
        return who
    return QCoreApplication.translate("ConflictsDialog", "%1, %2").replace("%1", who).replace(
        "%2", local_time_text(origin.changed_at))


class ConflictsDialog(QDialog):
    """Lists open conflicts; "Keep server value", "Keep mine" and "Edit by hand" resolve the selected
    one with an ordinary edit (``SyncService.keep_value`` / ``resolve_conflict``) that the next sync
    sends. Each resolution is a write on ``ctx.runner`` (initiator this dialog); the dialog reloads
    when the bus says conflicts changed."""


    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        ctx.runner.changed.connect(self._changed)
        self.view: ConflictsView | None = None
        self.setWindowTitle(self.tr("Conflicts and refused changes"))
        fit_to_screen(self, 900, 560)
        intro = QLabel(self.tr("Someone else changed these fields while you were offline. The server's value "
                               "stands until you choose; your choice is sent with the next sync."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("conflicts")
        self.table.setHorizontalHeaderLabels([self.tr("Record"), self.tr("Field"), self.tr("Server value"),
                                              self.tr("Server value set by"), self.tr("Your value")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._enable_buttons)
        self.keep_server = QPushButton(self.tr("Keep server value"), self)
        self.keep_server.setObjectName("keep_server")
        self.keep_mine = QPushButton(self.tr("Keep mine"), self)
        self.keep_mine.setObjectName("keep_mine")
        self.edit = QPushButton(self.tr("Edit by hand…"), self)
        self.edit.setObjectName("edit_by_hand")
        self.keep_server.clicked.connect(lambda: self._keep("server"))
        self.keep_mine.clicked.connect(lambda: self._keep("client"))
        self.edit.clicked.connect(self.edit_by_hand)
        actions = QHBoxLayout()
        for button in (self.keep_server, self.keep_mine, self.edit):
            actions.addWidget(button)
        actions.addStretch(1)
        self.empty = QLabel(self.tr("No open conflicts."), self)
        self.rejected_title = QLabel(self.tr("Changes the server refused"), self)
        self.rejected = _small_table(self, "rejected", [self.tr("Record"), self.tr("Reason"), self.tr("Time")])
        self.set_aside_title = QLabel(self.tr("Records received from the server that this computer could not "
                                              "store. They are kept and tried again at every sync; the rest "
                                              "of the sync went on without them."), self)
        self.set_aside_title.setWordWrap(True)
        self.set_aside = _small_table(self, "set_aside", [self.tr("Record"), self.tr("Reason"), self.tr("Time")])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(actions)
        layout.addWidget(self.rejected_title)
        layout.addWidget(self.rejected)
        layout.addWidget(self.set_aside_title)
        layout.addWidget(self.set_aside)
        layout.addWidget(buttons)
        self._enable_buttons()

    def reload(self) -> None:
        self.ctx.runner.run(lambda: load_conflicts(self.ctx), on_success=self.show_view, label="conflicts",
                            owner=self)

    def show_view(self, view: ConflictsView) -> None:
        self.view = view
        self.table.setRowCount(len(view.conflicts))
        for row, conflict in enumerate(view.conflicts):
            cells = (record_label(conflict.record_type, view.records.get(conflict.id)), field_label(conflict.field),
                     value_text(conflict.field, conflict.server_value), origin_text(view.origins.get(conflict.id)),
                     value_text(conflict.field, conflict.client_value))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        self.empty.setVisible(not view.conflicts)
        if view.conflicts and not self.table.selectedItems():
            self.table.selectRow(0)
        for title, table, changes in ((self.rejected_title, self.rejected, view.rejected),
                                      (self.set_aside_title, self.set_aside, view.set_aside)):
            _fill_table(table, [(record_kind_label(c.record_type), c.reason, local_time_text(c.time))
                                for c in changes])
            for widget in (title, table):
                widget.setVisible(bool(changes))
        self._enable_buttons()

    def selected(self) -> Conflict | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if self.view is None or len(rows) != 1:
            return None
        return self.view.conflicts[rows.pop()]

    def _enable_buttons(self) -> None:
        conflict = self.selected()
        for button in (self.keep_server, self.keep_mine):
            button.setEnabled(conflict is not None)
        self.edit.setEnabled(conflict is not None and editable_by_hand(conflict.field))

    def _keep(self, side: str) -> None:
        conflict = self.selected()
        if conflict is not None:
            self._resolve(lambda: self.ctx.sync_service().keep_value(conflict.id, side))

    def edit_by_hand(self) -> ConflictEditDialog | None:
        conflict = self.selected()
        if conflict is None or not editable_by_hand(conflict.field):
            return None
        dialog = ConflictEditDialog(self.ctx, conflict, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _resolve(self, call) -> None:
        for button in (self.keep_server, self.keep_mine, self.edit):
            button.setEnabled(False)
        self.ctx.runner.write(call, self, on_failure=self._failed, label="resolve conflict", owner=self)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.conflicts:
            self.reload()

    def _failed(self, error: BaseException) -> None:
        self._enable_buttons()
        self.ctx.runner.report(error, "resolve conflict")


def _small_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """A read-only list of (record, reason, time) rows under the conflicts."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    table.setMaximumHeight(160)
    return table


def _fill_table(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(row, column, item)
    table.resizeColumnToContents(0)
    table.resizeColumnToContents(2)
