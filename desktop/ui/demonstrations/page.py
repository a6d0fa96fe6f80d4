"""The page of demonstration bases and projects: new ones, a search, and the table of both kinds."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.records import DemonstrationBase, DemonstrationProject
from desktop.domain.summaries import DemonstrationSummary
from desktop.services import vocabulary
from desktop.services.changes import Changes
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import vocab
from desktop.ui.widgets.industry_names import industry_label
from desktop.ui.widgets.plain_table_model import KEY_ROLE, PlainTableModel


class DemonstrationsPage(QWidget):
    """``new_requested(cls)`` and ``open_requested(cls, id)`` ask the window for a form; the page
    re-queries when bases or projects changed (or the user did)."""

    new_requested = Signal(object)
    open_requested = Signal(object, str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.items: list[DemonstrationSummary] = []
        self.new_base = QPushButton(self.tr("New demonstration base"), self)
        self.new_base.setObjectName("new_demo_base")
        self.new_base.clicked.connect(lambda: self.new_requested.emit(DemonstrationBase))
        self.new_project = QPushButton(self.tr("New demonstration project"), self)
        self.new_project.setObjectName("new_demo_project")
        self.new_project.clicked.connect(lambda: self.new_requested.emit(DemonstrationProject))
        self.search = QLineEdit(self)
        self.search.setObjectName("demonstration_search")
        self.search.setPlaceholderText(self.tr("Search by name or industry"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.count = QLabel(self)
        self.count.setObjectName("count_label")
        self.note = QLabel(self.tr("The plan asks for two long-term demonstration bases in every county (182 in "
                                   "the region) and 100 or more demonstration projects by 2025; approved ones "
                                   "count in the year-end evaluation."), self)
        self.note.setWordWrap(True)
        self.model = PlainTableModel([self.tr("Record"), self.tr("Name"), self.tr("Type"), self.tr("County"),
                                      self.tr("Industry"), self.tr("Responsible specialist"), self.tr("Years"),
                                      self.tr("Review")], self)
        self.table = QTableView(self)
        self.table.setObjectName("demonstration_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated.connect(lambda index: self._open(index.row()))
        ctx.runner.changed.connect(self._changed)

        top = QHBoxLayout()
        top.addWidget(self.new_base)
        top.addWidget(self.new_project)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def start(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        records, text = self.ctx.records, self.search.text()
        self.ctx.runner.run(lambda: records.list_demonstrations(text), on_success=self._show,
                            label="demonstrations", owner=self)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _changed(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(("demonstrations", "identity", "reference")):
            self.refresh()

    def _show(self, items: list[DemonstrationSummary]) -> None:
        self.items = items
        kinds = {"demo_base": self.tr("Base"), "demo_project": self.tr("Project")}
        rows = [(kinds[i.record_type], i.name,
                 vocab(vocabulary.BASE_KINDS if i.record_type == "demo_base" else vocabulary.PROJECT_KINDS, i.kind),
                 i.county_name, industry_label(i.industry), i.specialist_name, i.years,
                 vocab(vocabulary.REVIEW_STATES, i.review_state)) for i in items]
        self.model.set_rows(rows, [i.id for i in items])
        bases = sum(i.record_type == "demo_base" for i in items)
        self.count.setText(self.tr("Bases: %1, projects: %2").replace("%1", str(bases))
                           .replace("%2", str(len(items) - bases)))
        self.table.resizeColumnsToContents()
        self.loaded.emit()

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.items):
            item = self.items[row]
            cls = DemonstrationBase if item.record_type == "demo_base" else DemonstrationProject
            self.open_requested.emit(cls, self.model.index(row, 0).data(KEY_ROLE))


__all__ = ["DemonstrationsPage"]
