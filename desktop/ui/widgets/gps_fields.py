"""GpsFields: the latitude and longitude boxes of a form, side by side, as typed (never rounded)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop.ui.widgets.number_field import NumberField


class GpsFields(QWidget):
    """Two NumberFields named ``latitude`` and ``longitude``; the form reads and checks them as it
    reads any number field, so a value stays as the user typed it until the user changes it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.latitude = NumberField(self, hint=self.tr("latitude, e.g. 43.98"))
        self.latitude.setObjectName("latitude")
        self.longitude = NumberField(self, hint=self.tr("longitude, e.g. 119.39"))
        self.longitude.setObjectName("longitude")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.latitude)
        row.addWidget(self.longitude)
