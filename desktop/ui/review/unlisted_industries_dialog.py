"""Industries typed as free text that are on no list: how often each is used, and mapping one to the list."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.industries import IndustryService, UnlistedIndustry
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import ui_is_english
from desktop.ui.widgets.industry_picker import IndustryPicker
from desktop.ui.widgets.plain_table_model import PlainTableModel


class UnlistedIndustriesDialog(QDialog):
    """Lists each free-text industry with its visit, training and household counts; choosing one and a reference
    industry maps every record using that text (announced on the runner's bus, for the lists to refresh)."""


    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Industries not in the list"))
        self.ctx = ctx
        self.service = ctx.industries()
        self.items: list[UnlistedIndustry] = []
        intro = QLabel(self.tr("These industries were typed by hand and match no industry of the list. "
                               "Choose one, then the industry of the list it means: every record using it "
                               "is changed, and the change syncs."), self)
        intro.setWordWrap(True)
        self.model = PlainTableModel([self.tr("Industry as typed"), self.tr("Visits"), self.tr("Trainings"),
                                     self.tr("Households")], self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.empty = QLabel(self.tr("Every industry in the records is one of the list."), self)
        self.target = IndustryPicker(ctx.reference.industry_catalogue(), self)
        self.target.other.setEnabled(False)
        self.map_button = QPushButton(self.tr("Map to this industry"), self)
        self.map_button.setObjectName("map_industry")
        self.map_button.clicked.connect(self.map_selected)
        self.status = QLabel("", self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Means:"), self))
        row.addWidget(self.target, 1)
        row.addWidget(self.map_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for part, stretch in ((intro, 0), (self.table, 1), (self.empty, 0)):
            layout.addWidget(part, stretch)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(620, 480)
        self.reload()

    def reload(self) -> None:
        self.ctx.runner.run(self.service.unlisted, on_success=self._show, label="unlisted industries", owner=self)

    def _show(self, items: list[UnlistedIndustry]) -> None:
        self.items = items
        self.model.set_rows([(i.text, i.visits, i.trainings, i.households) for i in items], [i.text for i in items])
        self.empty.setVisible(not items)
        if items:
            self.table.selectRow(0)

    def selected_text(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.key(rows[0].row()) if rows else None

    def map_selected(self) -> None:
        text, name = self.selected_text(), self.target.value()
        if text is None:
            self.status.setText(self.tr("Choose an industry as typed first."))
            return
        if not self.service.catalogue.is_listed(name):
            self.status.setText(self.tr("Choose the industry of the list it means."))
            return
        service = self.service
        self.ctx.runner.write(lambda: service.rename(text, name), self, on_success=lambda _c: self._mapped(text, name),
                              label="map industry", owner=self)

    def _mapped(self, text: str, name: str) -> None:
        self.status.setText(self.tr("“%1” is now %2.").replace("%1", text)
                            .replace("%2", self.service.catalogue.display(name, ui_is_english())))
        self.reload()
