"""Choosing several industries (a household's): one industry picker per industry, added and removed."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QToolButton, QVBoxLayout, QWidget

from desktop.domain.industries import IndustryCatalogue
from desktop.ui.widgets.industry_picker import IndustryPicker


class IndustriesPicker(QWidget):
    """``value()`` is the chosen industries in order, each a reference name or the text typed beside
    其他; an empty picker is left out, and an industry chosen twice is kept once. Each row is an
    :class:`IndustryPicker` (searchable by Chinese, pinyin or English) with a button to remove it."""

    changed = Signal()

    def __init__(self, catalogue: IndustryCatalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalogue = catalogue
        self.pickers: list[IndustryPicker] = []
        self._row_of: dict[int, QWidget] = {}
        self._rows = QVBoxLayout()
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(4)
        self.add_button = QPushButton(self.tr("Add an industry"), self)
        self.add_button.setObjectName("add_industry")
        self.add_button.clicked.connect(self._add_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._rows)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_picker()

    # --- public --------------------------------------------------------------------------

    def value(self) -> tuple[str, ...]:
        chosen: list[str] = []
        for picker in self.pickers:
            name = picker.value()
            if name and name not in chosen:
                chosen.append(name)
        return tuple(chosen)

    def set_value(self, names: list[str] | tuple[str, ...]) -> None:
        """Show stored industries, one picker each (reference names selected, other text beside 其他)."""
        self.blockSignals(True)
        while self.pickers:
            self._remove(self.pickers[-1], announce=False)
        for name in names or ("",):
            self.add_picker().set_value(name)
        self.blockSignals(False)

    def add_picker(self) -> IndustryPicker:
        picker = IndustryPicker(self.catalogue, self)
        picker.changed.connect(self.changed)
        remove = QToolButton(self)
        remove.setText("✕")
        remove.setObjectName("remove_industry")
        remove.setToolTip(self.tr("Remove this industry"))
        remove.clicked.connect(lambda: self._remove(picker))
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(picker, 1)
        row_layout.addWidget(remove)
        self._row_of[id(picker)] = row
        self._rows.addWidget(row)
        self.pickers.append(picker)
        return picker

    def focus_target(self) -> QWidget:
        """The widget an error of the field focuses: the first picker's search."""
        return self.pickers[0].combo

    # --- internals -----------------------------------------------------------------------

    def _add_clicked(self) -> None:
        picker = self.add_picker()
        picker.combo.setFocus()
        self.changed.emit()

    def _remove(self, picker: IndustryPicker, announce: bool = True) -> None:
        if announce and len(self.pickers) == 1:
            picker.set_value("")  # the last row stays, emptied
        else:
            self.pickers.remove(picker)
            row = self._row_of.pop(id(picker))
            self._rows.removeWidget(row)
            row.setParent(None)
            row.deleteLater()
        if announce:
            self.changed.emit()
