"""The visit form: one service visit with its village, households, services, advice and photos."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from desktop.domain.records import Visit
from desktop.services import vocabulary
from desktop.services.photo_exif import PhotoFacts
from desktop.ui.widgets.date_fields import OptionalDateEdit, date_edit, from_qdate, to_qdate
from desktop.ui.widgets.division_picker import DivisionPicker
from desktop.ui.widgets.industry_picker import IndustryPicker
from desktop.ui.widgets.form_fields import add_field_row
from desktop.ui.forms.household_picker import HouseholdPicker
from desktop.ui.shell.i18n import mnemonic_safe, vocab
from desktop.ui.forms.photo_facts_offer import PhotoFactsOffer
from desktop.ui.forms.photo_strip import PhotoStrip
from desktop.ui.forms.record_form import RecordForm
from desktop.ui.widgets.gps_fields import GpsFields
from desktop.ui.widgets.number_field import NumberField, with_unit
from sync.domain.vocabulary import ServiceType, VisitMode


def _text(edit: QPlainTextEdit) -> str:
    return edit.toPlainText().strip()


class VisitForm(RecordForm):
    """Create or edit a Visit. ``new_household_requested`` asks the window for the household form."""

    new_household_requested = Signal()
    can_submit = True

    def build(self, layout: QFormLayout) -> None:
        ctx = self.ctx
        self.visit_date = date_edit(self)
        self.visit_date.setObjectName("visit_date")
        self.mode = QComboBox(self)
        self.mode.setObjectName("mode")
        for mode in VisitMode:
            self.mode.addItem(vocab(vocabulary.VISIT_MODES, mode), mode.value)
        self.duration = NumberField(self, hint=self.tr("e.g. 2.5"))
        self.duration.setObjectName("duration_hours")
        self.village = DivisionPicker(ctx.reference, parent=self)
        self.households = HouseholdPicker(ctx, self)
        self.households.new_household_requested.connect(self.new_household_requested)
        self.service_box = QWidget(self)
        grid = QGridLayout(self.service_box)
        grid.setContentsMargins(0, 0, 0, 0)
        self.service_checks: dict[str, QCheckBox] = {}
        for n, service in enumerate(ServiceType):
            check = QCheckBox(mnemonic_safe(vocab(vocabulary.SERVICE_TYPES, service)), self.service_box)
            check.setObjectName(f"service_{service.value}")
            self.service_checks[service.value] = check
            grid.addWidget(check, n // 3, n % 3)
        self.industry = IndustryPicker(ctx.reference.industry_catalogue(), self)
        self.problem = QPlainTextEdit(self)
        self.problem.setObjectName("problem")
        self.problem.setPlaceholderText(self.tr("What did you find? e.g. maize leaves yellowing in the lower field"))
        self.advice = QPlainTextEdit(self)
        self.advice.setObjectName("advice")
        self.advice.setPlaceholderText(self.tr("What did you advise or do?"))
        for edit in (self.problem, self.advice):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(72)
        self.follow_up = OptionalDateEdit(self.tr("Planned for"), self)
        # A resident stay of several days: each of its days counts once toward the on-site days.
        self.end_date = OptionalDateEdit(self.tr("Several days, until"), self)
        self.end_date.setObjectName("end_date")
        self.gps = GpsFields(self)
        self.latitude, self.longitude = self.gps.latitude, self.gps.longitude
        self.demonstration = QComboBox(self)
        self.demonstration.setObjectName("demonstration_id")
        self.demonstration.addItem(self.tr("None"), None)
        base_label, project_label = self.tr("Base"), self.tr("Project")
        for item in ctx.records.list_demonstrations():
            kind = base_label if item.record_type == "demo_base" else project_label
            self.demonstration.addItem(f"{kind} · {item.name} ({item.county_name})", item.id)
        self.photos = PhotoStrip(ctx, self)
        self.photo_offer = PhotoFactsOffer(self)
        self.photos.facts_found.connect(self._photo_facts_found)
        self.photo_offer.accepted.connect(self._use_photo_facts)

        e = self.errors
        add_field_row(layout, e, self.tr("Date"), self.visit_date, "visit_date")
        add_field_row(layout, e, self.tr("Last day"), self.end_date, "end_date", focus=self.end_date.enabled)
        add_field_row(layout, e, self.tr("How"), self.mode, "mode")
        add_field_row(layout, e, self.tr("Duration"), with_unit(self.duration, self.tr("hours")), "duration_hours",
                      focus=self.duration)
        add_field_row(layout, e, self.tr("Village"), self.village, "village_code", focus=self.village.search)
        add_field_row(layout, e, self.tr("Households served"), self.households, "household_ids",
                      focus=self.households.search)
        add_field_row(layout, e, self.tr("Services"), self.service_box, "service_types",
                      focus=self.service_checks[ServiceType.GUIDANCE.value])
        add_field_row(layout, e, self.tr("Industry"), self.industry, "industry", focus=self.industry.combo)
        add_field_row(layout, e, self.tr("Problem found"), self.problem, "problem")
        add_field_row(layout, e, self.tr("Advice and measures"), self.advice, "advice")
        add_field_row(layout, e, self.tr("Follow-up"), self.follow_up, "follow_up_date", focus=self.follow_up.enabled)
        add_field_row(layout, e, self.tr("GPS (optional)"), self.gps, "latitude", focus=self.latitude)
        add_field_row(layout, e, self.tr("Demonstration base or project (optional)"), self.demonstration,
                      "demonstration_id")
        add_field_row(layout, e, self.tr("Photos"), self.photos, "photo_ids", focus=self.photos.add_button)
        layout.addRow(self.photo_offer)
        layout.addRow(QLabel(self.tr("Only on-site visits count toward the 60 on-site days a year."), self))
        self.watch(self.visit_date, self.end_date, self.mode, self.duration, self.village, self.households,
                   *self.service_checks.values(), self.industry, self.problem, self.advice, self.follow_up,
                   self.latitude, self.longitude, self.demonstration, self.photos)
        self.resize(780, 860)

    def title(self, is_new: bool) -> str:
        if is_new:
            return self.tr("New visit")
        date = self.record.visit_date.isoformat() if self.record.visit_date else ""
        return self.tr("Visit of %1").replace("%1", date)

    def load(self, record: Visit) -> None:
        self.visit_date.setDate(to_qdate(record.visit_date or dt.date.today()))
        self.end_date.set_value(record.end_date, default=(record.visit_date or dt.date.today()) + dt.timedelta(days=1))
        self.mode.setCurrentIndex(max(0, self.mode.findData(str(record.mode))))
        self.duration.setValue(record.duration_hours)
        self.village.set_value(record.village_code)
        self.households.set_value(record.household_ids)
        for code, check in self.service_checks.items():
            check.setChecked(code in record.service_types)
        self.industry.set_value(record.industry)
        self.problem.setPlainText(record.problem)
        self.advice.setPlainText(record.advice)
        self.follow_up.set_value(record.follow_up_date, default=(record.visit_date or dt.date.today())
                                 + dt.timedelta(days=14))
        self.latitude.setValue(record.latitude)
        self.longitude.setValue(record.longitude)
        self.photos.set_value(record.photo_ids)
        if record.demonstration_id and self.demonstration.findData(record.demonstration_id) < 0:
            self.demonstration.addItem(record.demonstration_id, record.demonstration_id)  # not on this device
        self.demonstration.setCurrentIndex(max(0, self.demonstration.findData(record.demonstration_id)))
        self.submit_button.setEnabled(record.review_state in ("draft", "returned"))

    def _photo_facts_found(self, facts: PhotoFacts) -> None:
        if self.photo_offer.offer(facts, from_qdate(self.visit_date.date()), self.latitude.value(),
                                  self.longitude.value()):
            self.scroll.ensureWidgetVisible(self.photo_offer)

    def _use_photo_facts(self, facts: PhotoFacts) -> None:
        """The user took the photo's date and position: they fill the fields, as if typed."""
        if facts.taken_on is not None:
            self.visit_date.setDate(to_qdate(facts.taken_on))
        if facts.latitude is not None:
            self.latitude.setValue(facts.latitude)
            self.longitude.setValue(facts.longitude)
        self.mark_dirty()

    def collect(self) -> Visit:
        return self.record.with_changes(
            visit_date=from_qdate(self.visit_date.date()),
            end_date=self.end_date.value(),
            mode=VisitMode(self.mode.currentData()),
            duration_hours=self.duration.value(),
            village_code=self.village.value() if self.village.level() == "village" else "",
            household_ids=self.households.value(),
            service_types=tuple(code for code, check in self.service_checks.items() if check.isChecked()),
            industry=self.industry.value(),
            problem=_text(self.problem),
            advice=_text(self.advice),
            follow_up_date=self.follow_up.value(),
            latitude=self.latitude.value(),
            longitude=self.longitude.value(),
            photo_ids=self.photos.value(),
            demonstration_id=self.demonstration.currentData(),
        )
