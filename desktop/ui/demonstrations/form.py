"""The form of a demonstration base or project: where it is, what it shows, who answers for it, its years."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from desktop.domain.records import Demonstration, DemonstrationBase, DemonstrationProject
from desktop.services import vocabulary
from desktop.ui.forms.record_form import RecordForm
from desktop.ui.shell.i18n import vocab
from desktop.ui.widgets.division_picker import DivisionPicker
from desktop.ui.widgets.form_fields import add_field_row
from desktop.ui.widgets.industry_picker import IndustryPicker
from desktop.ui.widgets.gps_fields import GpsFields
from desktop.ui.widgets.number_field import NumberField, with_unit
from sync.domain.demonstration_rules import FIRST_YEAR
from sync.domain.vocabulary import BaseKind, ProjectKind

_CODE_FIELDS = (("county_code", 6), ("township_code", 9), ("village_code", 12))


def _year_box(parent: QWidget, name: str, *, optional: bool = False) -> QSpinBox:
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(FIRST_YEAR - 1 if optional else FIRST_YEAR, dt.date.today().year + 10)
    if optional:
        box.setSpecialValueText("—")  # the minimum shows as "not set"
    return box


class DemonstrationForm(RecordForm):
    """Create or edit a DemonstrationBase or a DemonstrationProject (the rows differ only in their years)."""

    can_submit = True

    @property
    def is_base(self) -> bool:
        return isinstance(self.record, DemonstrationBase)

    def build(self, layout: QFormLayout) -> None:
        ctx = self.ctx
        self.name = QLineEdit(self)
        self.name.setObjectName("name")
        self.name.setPlaceholderText(self.tr("e.g. Lindong beef cattle demonstration base"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        labels, kinds = (vocabulary.BASE_KINDS, BaseKind) if self.is_base else (vocabulary.PROJECT_KINDS, ProjectKind)
        for kind in kinds:
            self.kind.addItem(vocab(labels, kind), kind.value)
        self.place = DivisionPicker(ctx.reference, parent=self)
        self.industry = IndustryPicker(ctx.reference.industry_catalogue(), self)
        self.specialist = QComboBox(self)
        self.specialist.setObjectName("specialist_id")
        self.first_year = _year_box(self, "year_established" if self.is_base else "start_year")
        self.last_year = _year_box(self, "end_year", optional=True)
        years = QWidget(self)
        row = QHBoxLayout(years)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.first_year)
        if self.is_base:
            self.last_year.hide()  # a base has only the year it was set up
        else:
            row.addWidget(self.last_year)
        row.addStretch(1)
        self.area = NumberField(self, hint=self.tr("e.g. 300"))
        self.area.setObjectName("area_mu")
        self.scale = QLineEdit(self)
        self.scale.setObjectName("scale")
        self.scale.setPlaceholderText(self.tr("e.g. 600 head of cattle, 3 greenhouses"))
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("description")
        self.description.setPlaceholderText(self.tr("What it demonstrates, and to whom"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(80)
        self.gps = GpsFields(self)
        self.latitude, self.longitude = self.gps.latitude, self.gps.longitude

        e = self.errors
        add_field_row(layout, e, self.tr("Name"), self.name, "name")
        add_field_row(layout, e, self.tr("Kind"), self.kind, "kind")
        place_error = add_field_row(layout, e, self.tr("County, township or village"), self.place, "county_code",
                                    focus=self.place.search)
        for field, _length in _CODE_FIELDS[1:]:
            e.bind(field, self.place.search, place_error)
        add_field_row(layout, e, self.tr("Industry"), self.industry, "industry", focus=self.industry.combo)
        add_field_row(layout, e, self.tr("Responsible specialist"), self.specialist, "specialist_id")
        if self.is_base:
            add_field_row(layout, e, self.tr("Year established"), years, "year_established", focus=self.first_year)
        else:
            error = add_field_row(layout, e, self.tr("Project period (first and last year)"), years, "start_year",
                                  focus=self.first_year)
            e.bind("end_year", self.last_year, error)
        add_field_row(layout, e, self.tr("Area"), with_unit(self.area, self.tr("mu")), "area_mu", focus=self.area)
        add_field_row(layout, e, self.tr("Scale (optional)"), self.scale, "scale")
        add_field_row(layout, e, self.tr("Description"), self.description, "description")
        add_field_row(layout, e, self.tr("GPS (optional)"), self.gps, "latitude", focus=self.latitude)
        self.watch(self.name, self.kind, self.place, self.industry, self.specialist, self.first_year,
                   self.last_year, self.area, self.scale, self.description, self.latitude, self.longitude)
        self.resize(760, 720)

    def title(self, is_new: bool) -> str:
        if self.is_base:
            return self.tr("New demonstration base") if is_new else \
                self.tr("Demonstration base: %1").replace("%1", self.record.name)
        return self.tr("New demonstration project") if is_new else \
            self.tr("Demonstration project: %1").replace("%1", self.record.name)

    def load(self, record: Demonstration) -> None:
        self.name.setText(record.name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(record.kind))))
        self.place.set_value(record.village_code or record.township_code or record.county_code)
        self.industry.set_value(record.industry)
        identity = self.ctx.identity
        members = {identity.user_id: identity.display_name, **self.ctx.team_log.member_names()}
        if record.specialist_id and record.specialist_id not in members:
            members[record.specialist_id] = record.specialist_id
        self.specialist.clear()
        for user_id, name in members.items():
            self.specialist.addItem(name, user_id)
        self.specialist.setCurrentIndex(max(0, self.specialist.findData(record.specialist_id or identity.user_id)))
        today = dt.date.today().year
        if isinstance(record, DemonstrationBase):
            self.first_year.setValue(record.year_established or today)
        else:
            self.first_year.setValue(record.start_year or today)
            self.last_year.setValue(record.end_year or self.last_year.minimum())
        self.area.setValue(record.area_mu)
        self.scale.setText(record.scale)
        self.description.setPlainText(record.description)
        self.latitude.setValue(record.latitude)
        self.longitude.setValue(record.longitude)
        self.submit_button.setEnabled(record.review_state in ("draft", "returned"))

    def collect(self) -> Demonstration:
        code = self.place.value()
        places = {field: code[:length] if len(code) >= length else "" for field, length in _CODE_FIELDS}
        years = {"year_established": self.first_year.value()} if self.is_base else {
            "start_year": self.first_year.value(),
            "end_year": None if self.last_year.value() == self.last_year.minimum() else self.last_year.value()}
        return self.record.with_changes(
            name=self.name.text().strip(), kind=self.kind.currentData(), **places, industry=self.industry.value(),
            specialist_id=self.specialist.currentData() or "", area_mu=self.area.value(),
            scale=self.scale.text().strip(), description=self.description.toPlainText().strip(),
            latitude=self.latitude.value(), longitude=self.longitude.value(), **years)


__all__ = ["DemonstrationForm", "DemonstrationProject"]
