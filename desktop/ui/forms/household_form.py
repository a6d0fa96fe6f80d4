"""The household form: who is served, where, what they farm, and their consent to keep contact details."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.records import Household, Record
from desktop.domain.validation import ValidationError
from desktop.services import vocabulary
from desktop.ui.widgets.division_picker import DivisionPicker
from desktop.services.household_merges import HouseholdMergeService
from desktop.ui.forms.duplicate_dialog import DuplicateHouseholdDialog
from desktop.ui.forms.household_merge_dialog import HouseholdMergeDialog
from desktop.ui.widgets.form_fields import add_field_row
from desktop.ui.shell.i18n import vocab
from desktop.ui.forms.record_form import RecordForm, SaveRequest
from desktop.ui.widgets.industries_picker import IndustriesPicker
from desktop.ui.widgets.number_field import NumberField, with_unit
from sync.domain.rules import consent_errors
from sync.domain.vocabulary import HouseholdKind

class HouseholdForm(RecordForm):
    """Create or edit a Household. Before saving, the window checks for likely duplicates and the
    form lets the user open the existing household or save anyway."""

    open_household_requested = Signal(str)
    history_requested = Signal(str)

    def build(self, layout: QFormLayout) -> None:
        self._duplicates_accepted = False
        self.duplicate_dialog: DuplicateHouseholdDialog | None = None
        self.merge_dialog: HouseholdMergeDialog | None = None
        self._merge_after_save: list[Household] = []
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("Head of household or name of the entity"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        for kind in HouseholdKind:
            self.kind.addItem(vocab(vocabulary.HOUSEHOLD_KINDS, kind), kind.value)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("Mobile or landline with area code"))
        self.village = DivisionPicker(self.ctx.reference, parent=self)
        self.industries = IndustriesPicker(self.ctx.reference.industry_catalogue(), self)
        self.industries.setObjectName("industries")
        self.livestock = NumberField(self, whole=True, hint=self.tr("not recorded"))
        self.livestock.setObjectName("livestock_head")
        self.land = NumberField(self, hint=self.tr("not recorded"))
        self.land.setObjectName("land_mu")
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        consent_box = QWidget(self)
        self.consent = QCheckBox(self.tr("The person agreed that their name and phone number are kept"), consent_box)
        self.consent.setObjectName("contact_consent")
        why = QLabel(self.tr("China's Personal Information Protection Law asks for consent before contact details "
                             "are kept, and for no more data than the service needs. They are used only to follow "
                             "up on advice and are shared only with your station."), consent_box)
        why.setWordWrap(True)
        why.setEnabled(False)
        self.consent_since = QLabel(consent_box)
        self.consent_since.setObjectName("consent_date")
        consent_layout = QVBoxLayout(consent_box)
        consent_layout.setContentsMargins(0, 0, 0, 0)
        consent_layout.addWidget(self.consent)
        consent_layout.addWidget(self.consent_since)
        consent_layout.addWidget(why)
        self.history_button = QPushButton(self.tr("Visits and trainings of this household…"), self)
        self.history_button.clicked.connect(lambda: self.history_requested.emit(self.record.id))

        e = self.errors
        add_field_row(layout, e, self.tr("Name"), self.name, "name")
        add_field_row(layout, e, self.tr("Kind"), self.kind, "kind")
        add_field_row(layout, e, self.tr("Phone"), self.phone, "phone")
        add_field_row(layout, e, self.tr("Village"), self.village, "village_code", focus=self.village.search)
        add_field_row(layout, e, self.tr("Industries"), self.industries, "industries",
                      focus=self.industries.focus_target())
        add_field_row(layout, e, self.tr("Livestock"), with_unit(self.livestock, self.tr("head")), "livestock_head",
                      focus=self.livestock)
        add_field_row(layout, e, self.tr("Land"), with_unit(self.land, self.tr("mu")), "land_mu", focus=self.land)
        add_field_row(layout, e, self.tr("Notes"), self.notes, "notes")
        add_field_row(layout, e, self.tr("Consent"), consent_box, "contact_consent", focus=self.consent)
        layout.addRow(self.history_button)
        self.watch(self.name, self.kind, self.phone, self.village, self.industries, self.livestock, self.land,
                   self.notes, self.consent)
        self.name.textEdited.connect(self._identity_edited)
        self.phone.textEdited.connect(self._identity_edited)
        self.village.division_changed.connect(self._identity_edited)
        self.resize(680, 540)

    def title(self, is_new: bool) -> str:
        return self.tr("New household") if is_new else self.tr("Household: %1").replace("%1", self.record.name)

    def load(self, record: Household) -> None:
        self.name.setText(record.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(record.kind))))
        self.phone.setText(record.phone)
        self.village.set_value(record.village_code)
        self.industries.set_value(record.industries)
        self.livestock.setValue(record.livestock_head)
        self.land.setValue(record.land_mu)
        self.notes.setPlainText(record.notes)
        self.consent.setChecked(record.contact_consent)
        self._show_consent_date(record.consent_date)
        self.history_button.setEnabled(record.created_at is not None)
        self._flag_kept_without_consent(record)

    def _show_consent_date(self, day: dt.date | None) -> None:
        text = self.tr("Agreed on %1").replace("%1", QLocale().toString(day, QLocale.FormatType.ShortFormat)) \
            if day else ""
        self.consent_since.setText(text)
        self.consent_since.setVisible(bool(text))

    def _flag_kept_without_consent(self, record: Household) -> None:
        """A household stored before consent was checked may hold a phone without it: say so at once."""
        found = consent_errors({"phone": record.phone, "notes": record.notes,
                                "contact_consent": record.contact_consent})
        if found:
            self.errors.show(ValidationError(found), focus=False)
            self._errors_shown = True  # the message goes as soon as the field is put right

    def collect(self) -> Household:
        return self.record.with_changes(
            name=self.name.text().strip(),
            kind=HouseholdKind(self.kind.currentData()),
            phone=self.phone.text().strip(),
            village_code=self.village.value() if self.village.level() == "village" else "",
            industries=self.industries.value(),
            livestock_head=self.livestock.value(),
            land_mu=self.land.value(),
            notes=self.notes.toPlainText().strip(),
            contact_consent=self.consent.isChecked(),
            consent_date=(self.record.consent_date or dt.date.today()) if self.consent.isChecked() else None,
        )

    def make_request(self, record: Record, close_after: bool) -> SaveRequest:
        return SaveRequest(record, check_duplicates=not self._duplicates_accepted, close_after=close_after)

    def on_duplicates(self, duplicates: list[Household], request: SaveRequest) -> None:
        """The window found households that look like this one: let the user decide."""
        self.on_failed()
        self.status.setText(self.tr("Not saved yet: this household may already be registered."))
        dialog = DuplicateHouseholdDialog(duplicates, self.ctx, self, can_merge=self._merges().may_merge)
        dialog.open_requested.connect(self.open_household_requested)
        dialog.save_anyway_requested.connect(lambda: self._save_anyway(request))
        dialog.merge_requested.connect(lambda: self._save_then_merge(request, duplicates))
        self.duplicate_dialog = dialog
        dialog.open()

    def _merges(self) -> HouseholdMergeService:
        return self.ctx.household_merges

    def _save_then_merge(self, request: SaveRequest, duplicates: list[Household]) -> None:
        self._merge_after_save = duplicates
        self._save_anyway(request)

    def on_saved(self, record: Record, close_after: bool = False, sent: Record | None = None) -> None:
        duplicates, self._merge_after_save = self._merge_after_save, []
        super().on_saved(record, close_after, sent)
        if duplicates and isinstance(record, Household):
            # The form may have closed: the dialog belongs to the window.
            dialog = HouseholdMergeDialog(self.ctx, self._merges(), record, duplicates, self.parentWidget())
            self.merge_dialog = dialog
            dialog.open()

    def on_failed(self) -> None:
        self._merge_after_save = []
        super().on_failed()

    def on_invalid(self, error: ValidationError) -> None:
        self._merge_after_save = []
        super().on_invalid(error)

    def _save_anyway(self, request: SaveRequest) -> None:
        self._duplicates_accepted = True
        self.request_save(close_after=request.close_after)

    def _identity_edited(self, *_args: object) -> None:
        # A new name, phone or village deserves a fresh duplicate check.
        self._duplicates_accepted = False
