"""The team log: each member's visits, on-site days, households, trainings and photos in a period."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import vocabulary
from desktop.services.changes import Changes
from desktop.services.team_log import MemberFigures, Period, TimelineEntry
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import vocab
from desktop.ui.widgets.period_picker import PeriodPicker
from desktop.ui.widgets.plain_table_model import KEY_ROLE, PlainTableModel
from desktop.ui.widgets.screen_fit import fit_to_screen


def _table(parent: QWidget, model: PlainTableModel, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class TeamLogPage(QWidget):
    """Double-click a member for their timeline; ``open_requested(type, id)`` opens a record from it."""

    open_requested = Signal(str, str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[MemberFigures] = []
        self.dialog: MemberTimelineDialog | None = None
        self.period = PeriodPicker(parent=self)
        # A manager looks back over the year first; a month would often open empty.
        self.period.set_period(Period("year", dt.date.today().year))
        self.period.period_changed.connect(lambda _p: self.refresh())
        self.totals = QLabel(self)
        self.totals.setObjectName("team_totals")
        self.model = PlainTableModel([self.tr("Member"), self.tr("Visits"), self.tr("On-site days"),
                                      self.tr("Households served"), self.tr("Trainings"), self.tr("Photos")], self)
        self.table = _table(self, self.model, "team_table")
        self.table.horizontalHeader().setStretchLastSection(True)  # numbers stay next to the names
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().resizeSection(0, 200)
        self.table.doubleClicked.connect(lambda index: self.open_timeline(index.data(KEY_ROLE)))
        hint = QLabel(self.tr("Double-click a member to see their visits and trainings."), self)
        hint.setStyleSheet("color: palette(mid);")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Period:"), self))
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)

    def start(self) -> None:
        self.refresh()

    def apply_changes(self, changes: Changes) -> None:
        if changes.visits or changes.trainings or changes.identity or changes.attachments:
            self.refresh()

    def refresh(self) -> None:
        team, period = self.ctx.team_log, self.period.period()
        self.ctx.runner.run(lambda: team.members(period), on_success=self._show, label="team log", owner=self)

    def _show(self, rows: list[MemberFigures]) -> None:
        self.rows = rows
        self.model.set_rows([(r.name or r.author_id, r.visits, r.onsite_days, r.households, r.trainings, r.photos)
                             for r in rows], [r.author_id for r in rows])
        p = self.period.period()
        self.totals.setText(self.tr("%1 to %2: %3 visits, %4 on-site days, %5 trainings by %n member(s)", "",
                                    len(rows))
                            .replace("%1", str(p.first)).replace("%2", str(p.last))
                            .replace("%3", str(sum(r.visits for r in rows)))
                            .replace("%4", str(sum(r.onsite_days for r in rows)))
                            .replace("%5", str(sum(r.trainings for r in rows))))
        self.loaded.emit()

    def open_timeline(self, author_id: str | None) -> MemberTimelineDialog | None:
        row = next((r for r in self.rows if r.author_id == author_id), None)
        if row is None:
            return None
        dialog = MemberTimelineDialog(self.ctx, row, self.period.period(), self)
        dialog.open_requested.connect(self.open_requested)
        self.dialog = dialog
        dialog.open()
        return dialog


class MemberTimelineDialog(QDialog):
    """One member's visits and trainings of the period, newest first; double-click opens one."""

    open_requested = Signal(str, str)

    def __init__(self, ctx: AppContext, member: MemberFigures, period: Period, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Timeline of %1").replace("%1", member.name or member.author_id))
        fit_to_screen(self, 760, 480)
        self.model = PlainTableModel([self.tr("Date"), self.tr("Kind"), self.tr("Subject"), self.tr("Mode"),
                                      self.tr("Photos"), self.tr("Review state")], self)
        self.table = _table(self, self.model, "timeline_table")
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self.open_requested.emit(*index.data(KEY_ROLE)))
        summary = QLabel(self.tr("%1 to %2 · %3 visits · %4 on-site days · %5 households · %6 trainings")
                         .replace("%1", str(period.first)).replace("%2", str(period.last))
                         .replace("%3", str(member.visits)).replace("%4", str(member.onsite_days))
                         .replace("%5", str(member.households)).replace("%6", str(member.trainings)), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        team = ctx.team_log
        ctx.runner.run(lambda: team.timeline(member.author_id, period), on_success=self._show,
                       label="member timeline", owner=self)

    def _show(self, entries: list[TimelineEntry]) -> None:
        kinds = {"visit": self.tr("Visit"), "training": self.tr("Training")}
        self.model.set_rows([(str(e.record_date), kinds[e.record_type], e.title,
                              vocab(vocabulary.VISIT_MODES, e.mode) if e.mode else "", e.photos,
                              vocab(vocabulary.REVIEW_STATES, e.review_state)) for e in entries],
                            [(e.record_type, e.record_id) for e in entries])
