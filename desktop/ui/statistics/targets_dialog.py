"""The plan's targets for a region admin to change: name, value, unit and scope, saved through the server."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.domain.validation import ValidationError
from desktop.services.changes import Changes
from desktop.services.reference import TargetItem
from desktop.ui.shell.context import AppContext
from desktop.ui.sync.messages import error_text
from desktop.ui.widgets.screen_fit import fit_to_screen
from sync.client.errors import SyncError
from sync.domain.rules import MAX_TARGET_VALUE

SCOPES = {
    "region": QT_TRANSLATE_NOOP("TargetsDialog", "Whole region"),
    "per_county": QT_TRANSLATE_NOOP("TargetsDialog", "Each county"),
    "per_specialist": QT_TRANSLATE_NOOP("TargetsDialog", "Each specialist"),
}
NAME, VALUE, UNIT, SCOPE = range(4)


class TargetsDialog(QDialog):
    """Lists the targets this device holds with an editable value each. Save sends the changed
    values to the server on the network worker, a write whose changes reach the views on the bus;
    the dialog closes only once the server took them. Offline, signed out or refused, it says so
    and nothing changes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ctx.targets
        self.values: dict[str, QDoubleSpinBox] = {}
        self.setWindowTitle(self.tr("Edit targets"))
        fit_to_screen(self, 820, 560)
        intro = QLabel(self.tr("The plan's targets for the whole region. A change is saved on the server and "
                               "reaches every device at its next sync."), self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("targets_table")
        self.table.setHorizontalHeaderLabels([self.tr("Target"), self.tr("Value"), self.tr("Unit"),
                                              self.tr("Applies to")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setObjectName("targets_message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        ctx.runner.run(self.service.targets, on_success=self._show, label="targets", owner=self)

    def _show(self, targets: list[TargetItem]) -> None:
        chinese = QLocale().language() == QLocale.Language.Chinese  # the language in force (--lang too)
        self.table.setRowCount(len(targets))
        for row, target in enumerate(targets):
            name = QTableWidgetItem(target.name_zh if chinese else target.name_en)
            name.setToolTip(target.key)
            self.table.setItem(row, NAME, name)
            value = QDoubleSpinBox(self.table)
            value.setObjectName(f"target_{target.key}")
            value.setDecimals(0 if float(target.value).is_integer() else 2)
            value.setRange(0, MAX_TARGET_VALUE)
            value.setValue(target.value)
            self.table.setCellWidget(row, VALUE, value)
            self.values[target.key] = value
            self.table.setItem(row, UNIT, QTableWidgetItem(target.unit))
            scope = SCOPES.get(target.scope)
            self.table.setItem(row, SCOPE, QTableWidgetItem(
                QCoreApplication.translate("TargetsDialog", scope) if scope else target.scope))
        self.save_button.setEnabled(bool(targets))

    def save(self) -> None:
        values = {key: box.value() for key, box in self.values.items()}
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Saving on the server…"))
        self.ctx.network_runner().write(lambda: self.service.save(values), self, on_success=self._saved,
                                        on_invalid=self._refused, on_failure=self._failed, label="save targets",
                                        owner=self)

    def _saved(self, _changes: Changes) -> None:
        self.message.clear()
        self.accept()

    def _refused(self, error: ValidationError) -> None:
        first = error.errors[0]
        text = QCoreApplication.translate("Validation", first.message)
        for n, param in enumerate(first.params, start=1):
            text = text.replace(f"%{n}", param)
        self._not_saved(text)
        box = self.values.get(first.field)
        if box is not None:
            box.setFocus()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, SyncError):
            self.ctx.runner.report(error, "save targets")
            self._not_saved(self.tr("Something went wrong; see the error report."))
            return
        if error.status == 403:  # signed in, but the server does not count this account as a region admin
            self._not_saved(self.tr("Only a region administrator may change the plan's targets."))
            return
        self._not_saved(error_text(error))

    def _not_saved(self, reason: str) -> None:
        self.message.setText(self.tr("The targets were not changed. %1").replace("%1", reason))
        self.save_button.setEnabled(True)
