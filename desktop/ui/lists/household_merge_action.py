"""The households list's "Merge…" button: a station manager merges the selected household's duplicate."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from desktop.domain.records import Household
from desktop.services.changes import Changes
from desktop.services.household_merges import HouseholdMergeService, MergeRefused
from desktop.ui.forms.household_merge_dialog import HouseholdMergeDialog, refusal_text
from desktop.ui.lists.record_list_page import RecordListPage
from desktop.ui.lists.record_table_model import ID_ROLE
from desktop.ui.shell.context import AppContext


class HouseholdMergeAction(QObject):
    """Adds the button to ``page`` (shown to station managers only); the merge itself is written
    through the runner's bus like every write."""

    def __init__(self, ctx: AppContext, page: RecordListPage, window: QWidget):
        super().__init__(window)
        self.ctx, self.page, self.window = ctx, page, window
        self.dialog: HouseholdMergeDialog | None = None
        self.button = QPushButton(self.tr("Merge duplicates…"), page)
        self.button.setObjectName("merge_households")
        self.button.setToolTip(self.tr("Merge the selected household with another record of the same family"))
        self.button.clicked.connect(self.start)
        page.add_button(self.button)
        page.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        ctx.runner.changed.connect(lambda changes, _initiator: self.apply_changes(changes))
        self.apply_changes(Changes())

    def merges(self) -> HouseholdMergeService:
        return self.ctx.household_merges

    def apply_changes(self, _changes: Changes) -> None:
        """The button follows the role (a sign-in may change it) and the selection."""
        self.button.setVisible(self.merges().may_merge)
        self._enable()

    def _enable(self) -> None:
        self.button.setEnabled(self._selected() is not None)

    def _selected(self) -> str | None:
        index = self.page.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() and self.page.table.selectionModel().hasSelection() else None

    def start(self) -> None:
        household_id = self._selected()
        if household_id is None:
            return
        merges = self.merges()
        self.ctx.runner.run(lambda: merges.candidates(household_id),
                            on_success=lambda found: self._open(merges, *found), on_failure=self._refused,
                            label="merge candidates", owner=self.button)

    def _open(self, merges: HouseholdMergeService, household: Household, candidates: list[Household]) -> None:
        dialog = HouseholdMergeDialog(self.ctx, merges, household, candidates, self.window)
        self.dialog = dialog
        dialog.open()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, MergeRefused):
            QMessageBox.information(self.window, self.tr("Merge households"), refusal_text(error))
        else:
            self.ctx.runner.report(error, "merge candidates")
