"""The 统计 page: a year's indicators for an area against the plan's targets, charts and 三覆盖 per county."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services import vocabulary
from desktop.services.changes import Changes
from desktop.services.targets import can_edit_targets
from desktop.ui.statistics.chart_section import ChartSection
from desktop.ui.shell.context import AppContext
from desktop.ui.statistics.coverage_dialog import CoverageDialog
from desktop.ui.shell.i18n import list_separator, vocab
from desktop.ui.statistics.indicator_card import IndicatorCard
from desktop.ui.widgets.plain_table_model import KEY_ROLE, PlainTableModel
from desktop.ui.statistics.evaluation_section import EvaluationSection
from desktop.ui.statistics.data import (
    AreaChoice,
    StatisticsData,
    area_choices,
    load_statistics,
)
from desktop.ui.statistics.targets_dialog import TargetsDialog
from desktop.ui.widgets.industry_names import industry_label, industry_labels
from sync.indicators import ONSITE_DAYS_TARGET


class StatisticsPage(QWidget):
    """Figures are computed on the worker whenever the year, area or "approved only" changes, and
    again when records change while the page is loaded (it listens to the change bus)."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.data: StatisticsData | None = None
        self.dialog: QWidget | None = None
        self._started = False
        ctx.runner.changed.connect(self._changed)
        self.year = QSpinBox(self)
        self.year.setObjectName("stats_year")
        self.year.setRange(2020, dt.date.today().year + 1)
        self.year.setValue(dt.date.today().year)
        self.area = QComboBox(self)
        self.area.setObjectName("stats_area")
        self.area.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Approved records count by default; drafts and returned records never do.
        self.include_submitted = QCheckBox(self.tr("Include submitted records not yet reviewed"), self)
        self.include_submitted.setObjectName("include_submitted")
        self.rule = QLabel(self)
        self.rule.setObjectName("counting_rule")
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.edit_targets_button = QPushButton(self.tr("Edit targets…"), self)
        self.edit_targets_button.setObjectName("edit_targets")
        self.edit_targets_button.setVisible(can_edit_targets(ctx.identity))
        self.status = QLabel(self)
        self.cards = {key: IndicatorCard(title, f"card_{key}", self) for key, title in (
            ("households", self.tr("Households served")),
            ("talent", self.tr("People trained (backbones, local experts, tech-savvy villagers)")),
            ("grassroots", self.tr("Grassroots extension staff trained")),
            ("days", self._days_title(ONSITE_DAYS_TARGET)))}
        self.below = QLabel(self)
        self.below.setObjectName("below_target_list")
        self.below.setWordWrap(True)
        self.service_types = ChartSection(self.tr("Visits by service type"), self.tr("Service type"), self)
        self.industries = ChartSection(self.tr("Visits by industry"), self.tr("Industry"), self)
        self.coverage_model = PlainTableModel([
            self.tr("County"), self.tr("Leading industries guided"), self.tr("Not guided yet"),
            self.tr("Townships with on-site service"), self.tr("Villages served")], self)
        self.coverage = QTableView(self)
        self.coverage.setObjectName("coverage_table")
        self.coverage.setModel(self.coverage_model)
        self.coverage.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.coverage.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.coverage.verticalHeader().hide()
        self.coverage.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.coverage.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.coverage.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.evaluation = EvaluationSection(ctx, self)
        self.coverage.doubleClicked.connect(lambda index: self.open_coverage(index.data(KEY_ROLE)))

        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.area.currentIndexChanged.connect(lambda _i: self.refresh())
        self.include_submitted.toggled.connect(lambda _b: self.refresh())
        self.export_button.clicked.connect(self.export)
        self.edit_targets_button.clicked.connect(self.open_targets)
        self._layout()

    def _layout(self) -> None:
        top = QHBoxLayout()
        for label, widget in ((self.tr("Year:"), self.year), (self.tr("Area:"), self.area)):
            top.addWidget(QLabel(label, self))
            top.addWidget(widget)
        top.addWidget(self.include_submitted)
        top.addWidget(self.rule)
        top.addStretch(1)
        top.addWidget(self.status)
        top.addWidget(self.edit_targets_button)
        top.addWidget(self.export_button)
        cards = QGridLayout()
        for n, card in enumerate(self.cards.values()):
            cards.addWidget(card, 0, n)
        cards.addWidget(self.below, 1, 0, 1, 4)
        charts = QHBoxLayout()
        charts.addWidget(self.service_types, 1)
        charts.addWidget(self.industries, 1)
        coverage = QGroupBox(self.tr("Three coverages by county (double-click a county for what is not covered)"), self)
        QVBoxLayout(coverage).addWidget(self.coverage)
        coverage.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.addLayout(cards)
        inner.addLayout(charts)
        inner.addWidget(coverage)
        inner.addWidget(self.evaluation)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        ctx = self.ctx
        ctx.runner.run(lambda: area_choices(ctx), on_success=self._areas_loaded, label="statistics areas", owner=self)

    def _changed(self, changes: Changes, _initiator: object) -> None:
        self.apply_changes(changes)

    def apply_changes(self, changes: Changes) -> None:
        if changes.identity:
            self.edit_targets_button.setVisible(can_edit_targets(self.ctx.identity))
        if self._started and (changes.visits or changes.trainings or changes.reviews or changes.reference):
            self.refresh()

    def _areas_loaded(self, choices: list[AreaChoice]) -> None:
        levels = {"station": self.tr("Station"), "county": self.tr("County"), "league": self.tr("League"),
                  "region": self.tr("Region")}
        self.area.blockSignals(True)
        for choice in choices:
            self.area.addItem(f"{levels[choice.level]}: {choice.name}", choice)
        self.area.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        choice = self.area.currentData()
        if choice is None:
            self.status.setText(self.tr("Set your station or county in the settings to see statistics."))
            return
        ctx, year, approved = self.ctx, self.year.value(), not self.include_submitted.isChecked()
        self.status.setText(self.tr("Computing…"))
        ctx.runner.run(lambda: load_statistics(ctx, year, choice, approved), on_success=self._show,
                       label="statistics", owner=self)

    def _show(self, data: StatisticsData) -> None:
        if data.choice != self.area.currentData() or data.approved_only == self.include_submitted.isChecked() \
                or data.figures.year != self.year.value():
            return  # an older answer: a newer request is on its way
        self.data = data
        f = data.figures
        self.status.setText(self.tr("%1 visits (%2 on site), %3 trainings").replace("%1", f"{f.visits:,}")
                            .replace("%2", f"{f.onsite_visits:,}").replace("%3", f"{f.trainings:,}"))
        self.rule.setText(self.tr("Counts approved records only") if data.approved_only else
                          self.tr("Counts approved records and submitted records not yet reviewed (unreviewed included)"))
        for card in self.cards.values():
            card.setToolTip(self.rule.text())
        region = data.choice.level == "region"
        for key, card_key, value in (("households_served", "households", f.households_served),
                                     ("people_trained", "talent", f.local_talent_trained),
                                     ("grassroots_technicians_trained", "grassroots", f.grassroots_technicians_trained)):
            target = data.targets.get(key)
            self.cards[card_key].show_figure(value, *self._against(value, target, region))
        below = f.specialists_below_target
        self.cards["days"].title.setText(self._days_title(f.onsite_days_target))
        self.cards["days"].show_figure(len(below), self.tr("of %n specialist(s) with visits this year", "",
                                                           len(f.specialists)))
        self.below.setText(self.tr("Below %1 on-site days: %2").replace("%1", str(f.onsite_days_target)).replace(
            "%2", list_separator().join(f"{data.names.get(s.author_id) or s.author_id} ({s.onsite_days})"
                                        for s in below)) if below else "")
        self.below.setVisible(bool(below))
        self.service_types.set_bars([(vocab(vocabulary.SERVICE_TYPES, code), n)
                                     for code, n in f.visits_by_service_type.items()])
        self.industries.set_bars([(industry_label(i), n) for i, n in f.visits_by_industry.items()])
        self.coverage_model.set_rows([
            (c.name, f"{len(c.industries_guided)}/{len(c.industries_guided) + len(c.industries_unguided)}",
             list_separator().join(industry_labels(c.industries_unguided)), f"{c.townships_served}/{c.townships_total}",
             f"{c.villages_served}/{c.villages_total}") for c in f.coverage], [c.county_code for c in f.coverage])
        rows = min(12, max(1, len(f.coverage)))
        self.coverage.setFixedHeight(self.coverage.horizontalHeader().sizeHint().height()
                                     + rows * self.coverage.verticalHeader().defaultSectionSize() + 4)
        if data.evaluation is not None:
            self.evaluation.show_document(data.evaluation)
        self.loaded.emit()

    def _days_title(self, target: int) -> str:
        return self.tr("Specialists below %1 on-site days").replace("%1", str(target))

    def _against(self, value: int, target: float | None, region: bool) -> tuple[str, float | None]:
        if target is None:
            return "", None
        if region:
            return (self.tr("%1 % of the plan's %2").replace("%1", f"{100 * value / target:.1f}")
                    .replace("%2", f"{target:,.0f}"), value / target)
        return self.tr("Region-wide target: %1 (not divided among areas)").replace("%1", f"{target:,.0f}"), None

    def open_coverage(self, county_code: str | None) -> CoverageDialog | None:
        if self.data is None:
            return None
        coverage = next((c for c in self.data.figures.coverage if c.county_code == county_code), None)
        if coverage is None:
            return None
        dialog = CoverageDialog(self.ctx, coverage, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_targets(self) -> TargetsDialog:
        """The region admin's targets editor; the figures are compared with the new values once saved."""
        dialog = TargetsDialog(self.ctx, self)
        self.dialog = dialog
        dialog.open()
        return dialog

    def export(self) -> None:
        """Save this year's figures for the chosen area as an XLSX workbook or a PDF report (on the worker)."""
        choice: AreaChoice | None = self.area.currentData()
        if choice is None:
            return
        xlsx, pdf = self.tr("Excel workbook (*.xlsx)"), self.tr("PDF report (*.pdf)")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export statistics"),
                                                   f"fieldbook-{self.year.value()}.xlsx", f"{xlsx};;{pdf}")
        if not path:
            return
        fmt = "pdf" if chosen == pdf or path.lower().endswith(".pdf") else "xlsx"
        self.run_export(path, fmt)

    def run_export(self, path: str, fmt: str) -> None:
        from pathlib import Path

        from desktop.reports.exporter import Exporter
        choice: AreaChoice = self.area.currentData()
        export, language = self.ctx.export, self.ctx.settings.language
        year, approved = self.year.value(), not self.include_submitted.isChecked()
        area = choice.area.division_code

        def call() -> str:
            return Exporter(export, language).export(
                "indicators", fmt, Path(path), year=year, area=area, station=choice.area.station_id,
                approved_only=approved)

        self.status.setText(self.tr("Exporting…"))
        self.ctx.runner.run(call, on_success=lambda _s: self.status.setText(self.tr("Exported to %1").replace(
            "%1", path)), label="export statistics", owner=self)
