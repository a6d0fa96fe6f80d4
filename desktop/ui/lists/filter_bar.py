"""The search box and filters above a record list; emits the RecordFilter the list should show."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QWidget

from desktop.domain.filters import RecordFilter
from desktop.services import vocabulary
from desktop.services.reference import ReferenceService
from desktop.ui.widgets.date_fields import OptionalDateEdit
from desktop.ui.widgets.division_picker import DivisionPicker
from desktop.ui.shell.i18n import vocab
from desktop.ui.widgets.reference_cache import CachedReference
from desktop.ui.widgets.industry_names import industry_label
from sync.domain.vocabulary import ReviewState, ServiceType

TYPING_PAUSE_MS = 250


class FilterBar(QWidget):
    """``filter_changed(RecordFilter)`` fires when the user changes a filter (typing is debounced).

    ``with_record_filters=False`` (households) keeps only the search box and the division.
    """

    filter_changed = Signal(object)

    def __init__(self, reference: CachedReference | ReferenceService, *, with_record_filters: bool = True,
                 with_service_type: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("list_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F): Chinese text or pinyin initials, e.g. ym for 玉米"))
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _t: self._typing.start())
        self.search.returnPressed.connect(self._emit)
        self.division = DivisionPicker(reference, compact=True, parent=self)
        self.division.search.setPlaceholderText(self.tr("Place (e.g. blzq)"))
        self.division.division_changed.connect(lambda _c: self._emit())
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.clicked.connect(self.clear)

        self.date_from = OptionalDateEdit(self.tr("From"), self)
        self.date_to = OptionalDateEdit(self.tr("To"), self)
        self.industry = self._combo("filter_industry", self.tr("(any industry)"),
                                    [(industry_label(name), name) for name in reference.industries()])
        self.service_type = self._combo("filter_service", self.tr("(any service)"),
                                        [(vocab(vocabulary.SERVICE_TYPES, s), s.value) for s in ServiceType])
        self.review_state = self._combo("filter_state", self.tr("(any review state)"),
                                        [(vocab(vocabulary.REVIEW_STATES, s), s.value) for s in ReviewState])
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(self._emit)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        layout.addLayout(top, 0, 0)
        bottom = QHBoxLayout()
        bottom.addWidget(self.division, 4)
        layout.addLayout(bottom, 1, 0)
        if with_record_filters:
            top.addWidget(self.date_from, 1)
            top.addWidget(self.date_to, 1)
            bottom.addWidget(self.industry, 1)
            bottom.addWidget(self.service_type, 1)
            bottom.addWidget(self.review_state, 1)
            self.service_type.setVisible(with_service_type)
        else:
            for widget in (self.date_from, self.date_to, self.industry, self.service_type, self.review_state):
                widget.hide()
        top.addWidget(self.clear_button)

    def _combo(self, name: str, anything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.addItem(anything, "")
        for text, data in items:
            combo.addItem(text, data)
        # Sized for a short choice, not the longest (English industry names run to 40 letters).
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        combo.currentIndexChanged.connect(lambda _i: self._emit())
        return combo

    def current_filter(self) -> RecordFilter:
        return RecordFilter(
            date_from=self.date_from.value() if self.date_from.isVisibleTo(self) else None,
            date_to=self.date_to.value() if self.date_to.isVisibleTo(self) else None,
            division_code=self.division.value() or None,
            industry=self.industry.currentData() or None,
            service_type=self.service_type.currentData() or None,
            review_state=self.review_state.currentData() or None,
            text=self.search.text().strip(),
        )

    def clear(self) -> None:
        widgets = (self.search, self.division, self.industry, self.service_type, self.review_state,
                   self.date_from, self.date_to)
        for w in widgets:
            w.blockSignals(True)
        self.search.clear()
        self.division.set_value("")
        for combo in (self.industry, self.service_type, self.review_state):
            combo.setCurrentIndex(0)
        self.date_from.set_value(None)
        self.date_to.set_value(None)
        for w in widgets:
            w.blockSignals(False)
        self._emit()

    def _emit(self) -> None:
        self._typing.stop()
        self.filter_changed.emit(self.current_filter())
