"""Every visit and training a household had, newest first, read on the worker."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.services import vocabulary
from desktop.services.records import HouseholdHistory
from desktop.ui.shell.context import AppContext
from desktop.ui.shell.i18n import list_separator, vocab
from desktop.ui.widgets.screen_fit import fit_to_screen

_ID_ROLE = Qt.ItemDataRole.UserRole


class HouseholdHistoryDialog(QDialog):
    """Double-clicking a line asks the window to open that record (``visit_requested`` / ``training_requested``)."""

    visit_requested = Signal(str)
    training_requested = Signal(str)
    loaded = Signal()

    def __init__(self, ctx: AppContext, household_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Household history"))
        self.heading = QLabel(self.tr("Loading…"), self)
        self.visits = QListWidget(self)
        self.visits.setObjectName("history_visits")
        self.trainings = QListWidget(self)
        self.trainings.setObjectName("history_trainings")
        self.visits_label = QLabel(self)
        self.trainings_label = QLabel(self)
        self.visits.itemDoubleClicked.connect(lambda i: self.visit_requested.emit(i.data(_ID_ROLE)))
        self.trainings.itemDoubleClicked.connect(lambda i: self.training_requested.emit(i.data(_ID_ROLE)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.visits_label)
        layout.addWidget(self.visits, 2)
        layout.addWidget(self.trainings_label)
        layout.addWidget(self.trainings, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 520)
        records = ctx.records
        ctx.runner.run(lambda: records.household_history(household_id), on_success=self._show,
                       label="household history")

    def _show(self, history: HouseholdHistory | None) -> None:
        if history is None:
            self.heading.setText(self.tr("This household is not on this device."))
            self.loaded.emit()
            return
        self.heading.setText(f"<b>{history.household.name}</b>")
        self.visits_label.setText(self.tr("Visits (%1)").replace("%1", str(len(history.visits))))
        self.trainings_label.setText(self.tr("Trainings attended (%1)").replace("%1", str(len(history.trainings))))
        for v in history.visits:
            services = list_separator().join(vocab(vocabulary.SERVICE_TYPES, s) for s in v.service_types)
            text = " · ".join(filter(None, (v.visit_date.isoformat() if v.visit_date else "",
                                            vocab(vocabulary.VISIT_MODES, v.mode), services, v.problem[:40])))
            self._add(self.visits, text, v.id)
        for t in history.trainings:
            text = " · ".join(filter(None, (t.training_date.isoformat() if t.training_date else "", t.topic)))
            self._add(self.trainings, text, t.id)
        self.loaded.emit()

    @staticmethod
    def _add(target: QListWidget, text: str, record_id: str) -> None:
        item = QListWidgetItem(text)
        item.setData(_ID_ROLE, record_id)
        target.addItem(item)
