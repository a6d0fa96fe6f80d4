"""The training form: one training session with its place, trainers, attendance by category and photos."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QWidget

from desktop.domain.records import Training
from desktop.services import vocabulary
from desktop.ui.widgets.date_fields import date_edit, from_qdate, to_qdate
from desktop.ui.widgets.division_picker import DivisionPicker
from desktop.ui.widgets.industry_picker import IndustryPicker
from desktop.ui.widgets.form_fields import add_field_row
from desktop.ui.forms.household_picker import HouseholdPicker
from desktop.ui.shell.i18n import vocab
from desktop.ui.forms.photo_strip import PhotoStrip
from desktop.ui.forms.record_form import RecordForm
from desktop.ui.widgets.number_field import NumberField, with_unit
from sync.domain.vocabulary import AttendeeCategory

_NAME_SEPARATORS = re.compile(r"[,，、;；]+")


def split_names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in _NAME_SEPARATORS.split(text) if n.strip())


class TrainingForm(RecordForm):
    """Create or edit a Training. Attendee counts are per category; named attendees come from households."""

    new_household_requested = Signal()
    can_submit = True

    def build(self, layout: QFormLayout) -> None:
        ctx = self.ctx
        self.training_date = date_edit(self)
        self.training_date.setObjectName("training_date")
        self.village = DivisionPicker(ctx.reference, parent=self)
        self.place = QLineEdit(self)
        self.place.setObjectName("place")
        self.place.setPlaceholderText(self.tr("e.g. village committee meeting room, demonstration field"))
        self.topic = QLineEdit(self)
        self.topic.setObjectName("topic")
        self.topic.setPlaceholderText(self.tr("e.g. Spring sowing of maize with drip irrigation"))
        self.industry = IndustryPicker(ctx.reference.industry_catalogue(), self)
        self.trainers = QLineEdit(self)
        self.trainers.setObjectName("trainers")
        self.trainers.setPlaceholderText(self.tr("Names, separated by commas"))
        self.hours = NumberField(self, hint=self.tr("e.g. 2.5"))
        self.hours.setObjectName("hours")

        self.attendee_box = QWidget(self)
        grid = QGridLayout(self.attendee_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.attendee_spins: dict[str, NumberField] = {}
        for n, category in enumerate(AttendeeCategory):
            spin = NumberField(self.attendee_box, whole=True, hint="0")
            spin.setObjectName(f"attendees_{category.value}")
            spin.textChanged.connect(self._update_total)
            label = QLabel(vocab(vocabulary.ATTENDEE_CATEGORIES, category), self.attendee_box)
            label.setBuddy(spin)
            grid.addWidget(label, n // 2, (n % 2) * 2)
            grid.addWidget(spin, n // 2, (n % 2) * 2 + 1)
            self.attendee_spins[category.value] = spin
        self.total_label = QLabel(self.attendee_box)
        self.total_label.setObjectName("attendee_total")
        grid.addWidget(self.total_label, 2, 2, 1, 2)
        self.named = HouseholdPicker(ctx, self)
        self.named.new_household_requested.connect(self.new_household_requested)
        self.photos = PhotoStrip(ctx, self)

        e = self.errors
        add_field_row(layout, e, self.tr("Date"), self.training_date, "training_date")
        add_field_row(layout, e, self.tr("Village"), self.village, "village_code", focus=self.village.search)
        add_field_row(layout, e, self.tr("Place"), self.place, "place")
        add_field_row(layout, e, self.tr("Topic"), self.topic, "topic")
        add_field_row(layout, e, self.tr("Industry"), self.industry, "industry", focus=self.industry.combo)
        add_field_row(layout, e, self.tr("Trainers"), self.trainers, "trainers")
        add_field_row(layout, e, self.tr("Hours"), with_unit(self.hours, self.tr("hours")), "hours", focus=self.hours)
        add_field_row(layout, e, self.tr("Attendees"), self.attendee_box, "attendees",
                      focus=self.attendee_spins[AttendeeCategory.BACKBONE.value])
        add_field_row(layout, e, self.tr("Named attendees (optional)"), self.named, "attendee_household_ids",
                      focus=self.named.search)
        add_field_row(layout, e, self.tr("Photos"), self.photos, "photo_ids", focus=self.photos.add_button)
        self.watch(self.training_date, self.village, self.place, self.topic, self.industry, self.trainers,
                   self.hours, *self.attendee_spins.values(), self.named, self.photos)
        self.resize(780, 820)

    def title(self, is_new: bool) -> str:
        if is_new:
            return self.tr("New training session")
        date = self.record.training_date.isoformat() if self.record.training_date else ""
        return self.tr("Training of %1").replace("%1", date)

    def load(self, record: Training) -> None:
        self.training_date.setDate(to_qdate(record.training_date or dt.date.today()))
        self.village.set_value(record.village_code)
        self.place.setText(record.place)
        self.topic.setText(record.topic)
        self.industry.set_value(record.industry)
        trainers = record.trainers or ((self.ctx.identity.display_name,) if record.created_at is None else ())
        self.trainers.setText("，".join(trainers))
        self.hours.setValue(record.hours)
        for code, spin in self.attendee_spins.items():
            spin.setValue(record.attendees.get(code))
        self.named.set_value(record.attendee_household_ids)
        self.photos.set_value(record.photo_ids)
        self.submit_button.setEnabled(record.review_state in ("draft", "returned"))
        self._update_total()

    def collect(self) -> Training:
        return self.record.with_changes(
            training_date=from_qdate(self.training_date.date()),
            village_code=self.village.value() if self.village.level() == "village" else "",
            place=self.place.text().strip(),
            topic=self.topic.text().strip(),
            industry=self.industry.value(),
            trainers=split_names(self.trainers.text()),
            hours=self.hours.value(),
            attendees={code: spin.value() for code, spin in self.attendee_spins.items() if spin.value()},
            attendee_household_ids=self.named.value(),
            photo_ids=self.photos.value(),
        )

    def total(self) -> int:
        """Of the counts that are whole numbers; validation names the others."""
        return sum(v for v in (spin.value() for spin in self.attendee_spins.values()) if isinstance(v, int))

    def _update_total(self) -> None:
        self.total_label.setText(self.tr("Total: %n person(s)", "", self.total()))
