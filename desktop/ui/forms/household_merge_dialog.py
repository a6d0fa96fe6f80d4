"""The dialog in which a station manager merges two household records of one family."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.records import Household
from desktop.services import vocabulary
from desktop.services.household_merges import HouseholdMergeService, MergePreview, MergeRefused
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import vocab


def refusal_text(error: MergeRefused) -> str:
    """A MergeRefused in the user's language."""
    return QCoreApplication.translate("HouseholdMerges", str(error)).replace("%1", error.name)


def _short(household: Household) -> str:
    """Name and phone: two records of one family usually share the name, so the phone tells them apart."""
    phone = household.phone if household.contact_consent else ""
    return f"{household.name} ({phone})" if phone else household.name


class HouseholdMergeDialog(QDialog):
    """Pick the duplicate, pick which record stays, see what moves, confirm. The merge is written
    through the runner's bus and reaches the server with the next sync, like any change."""

    def __init__(self, ctx: AppContext, merges: HouseholdMergeService, household: Household,
                 candidates: list[Household], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.merges, self.household = ctx, merges, household
        self._preview: MergePreview | None = None
        self.setWindowTitle(self.tr("Merge households"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        intro = QLabel(self.tr("Two records of the same family count it twice. Choose the duplicate of %1 and "
                               "which record stays: the visits and trainings of the other one move to it, and "
                               "the other one is no longer listed.").replace("%1", household.name), self)
        intro.setWordWrap(True)
        self.candidates = QListWidget(self)
        self.candidates.setObjectName("merge_candidates")
        self.candidates.setMaximumHeight(self.fontMetrics().height() * 7)
        for other in candidates:
            item = QListWidgetItem(self._describe(other))
            item.setData(Qt.ItemDataRole.UserRole, other.id)
            self.candidates.addItem(item)
        self.keep_this = QRadioButton(self.tr("Keep %1 (this record)").replace("%1", self._describe(household)), self)
        self.keep_this.setObjectName("keep_this")
        self.keep_other = QRadioButton(self.tr("Keep the duplicate chosen above"), self)
        self.keep_other.setObjectName("keep_other")
        self.keep_this.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.keep_this)
        group.addButton(self.keep_other)
        self.preview = QLabel(self)
        self.preview.setObjectName("merge_preview")
        self.preview.setWordWrap(True)
        later = QLabel(self.tr("Works offline: the merge reaches the server and the other laptops with the next "
                               "sync. An edit a colleague made meanwhile to the record that goes away is kept on "
                               "the one that stays, or shown as a conflict to decide."), self)
        later.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.merge_button = buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("merge_button")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.merge_button.clicked.connect(self._merge)
        layout = QVBoxLayout(self)
        for widget in (intro, self.candidates, self.keep_this, self.keep_other, self.preview, later, buttons):
            layout.addWidget(widget)
        self.candidates.currentRowChanged.connect(lambda _row: self._ask_preview())
        group.buttonToggled.connect(lambda _button, checked: checked and self._ask_preview())
        if candidates:
            self.candidates.setCurrentRow(0)
        else:
            self.preview.setText(self.tr("No likely duplicate of %1 is on this laptop (same phone number, or "
                                         "same name in the same village).").replace("%1", household.name))
            self.merge_button.setEnabled(False)
        self.resize(680, 360)

    def _describe(self, household: Household) -> str:
        village = self.ctx.reference.division(household.village_code)
        return " · ".join(filter(None, (household.name, vocab(vocabulary.HOUSEHOLD_KINDS, household.kind),
                                        household.phone if household.contact_consent else "",
                                        village.path if village else household.village_code)))

    def chosen(self) -> tuple[str, str] | None:
        """(merged away, kept) as the dialog stands; None before a duplicate is chosen."""
        item = self.candidates.currentItem()
        if item is None:
            return None
        other = item.data(Qt.ItemDataRole.UserRole)
        return (other, self.household.id) if self.keep_this.isChecked() else (self.household.id, other)

    def _ask_preview(self) -> None:
        pair = self.chosen()
        if pair is None:
            return
        self.merge_button.setEnabled(False)
        self.ctx.runner.run(lambda: self.merges.preview(*pair), on_success=self._show_preview,
                            on_failure=self._refused, label="merge preview", owner=self)

    def _show_preview(self, preview: MergePreview) -> None:
        if self.chosen() != (preview.merged.id, preview.kept.id):
            return  # an answer for an earlier choice; the current one is on its way
        self._preview = preview
        moving = self.tr("%n visit(s)", "", preview.visits) + self.tr(" and ") + self.tr("%n training(s)", "",
                                                                                          preview.trainings)
        self.preview.setText(self.tr("%1 of %2 move to %3. %2 is no longer listed.")
                             .replace("%1", moving).replace("%2", _short(preview.merged))
                             .replace("%3", _short(preview.kept)))
        self.merge_button.setEnabled(True)

    def _merge(self) -> None:
        pair = self.chosen()
        if pair is None or self._preview is None:
            return
        self.merge_button.setEnabled(False)
        self.ctx.runner.write(lambda: self.merges.merge(*pair), self, on_success=self._merged, on_failure=self._refused,
                              label="merge households", owner=self)

    def _merged(self, _changes) -> None:
        self.accept()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, MergeRefused):
            self.ctx.runner.report(error, "merge households")
            return
        self.preview.setText(refusal_text(error))
        self.merge_button.setEnabled(False)
