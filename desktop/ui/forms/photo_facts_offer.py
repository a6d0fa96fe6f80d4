"""The offer under a visit's photos: "this photo was taken on … at …: use it for the visit?"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services.photo_exif import PhotoFacts


class PhotoFactsOffer(QFrame):
    """Hidden until ``offer`` is given a photo's facts that differ from the form's; ``accepted(facts)``
    when the user takes them (only what differs is offered). Nothing changes unless they do."""

    accepted = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("photo_facts_offer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.use_button = QPushButton(self.tr("Use them"), self)
        self.use_button.setObjectName("use_photo_facts")
        self.ignore_button = QPushButton(self.tr("No, thanks"), self)
        self.use_button.clicked.connect(self._use)
        self.ignore_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.use_button)
        row.addWidget(self.ignore_button)
        self._facts = PhotoFacts()
        self.hide()

    def offer(self, facts: PhotoFacts, date: dt.date | None, latitude: float | None,
              longitude: float | None) -> bool:
        """Show what of ``facts`` differs from the form's date and position; whether anything does."""
        new_date = facts.taken_on if facts.taken_on and facts.taken_on != date else None
        new_place = facts.latitude is not None and (facts.latitude, facts.longitude) != (latitude, longitude)
        self._facts = PhotoFacts(facts.latitude if new_place else None, facts.longitude if new_place else None,
                                 new_date)
        parts = []
        if new_date:
            parts.append(self.tr("taken on %1").replace("%1", new_date.isoformat()))
        if new_place:
            parts.append(self.tr("at %1, %2").replace("%1", f"{facts.latitude:.6f}")
                         .replace("%2", f"{facts.longitude:.6f}"))
        if not parts:
            self.hide()
            return False
        what = (self.tr("Use them for the visit's date and GPS position?") if new_date and new_place
                else self.tr("Use it for the visit's date?") if new_date
                else self.tr("Use it for the visit's GPS position?"))
        self.text.setText(self.tr("The photo was %1. %2").replace("%1", self.tr(" and ").join(parts))
                          .replace("%2", what))
        self.show()
        return True

    def offered(self) -> PhotoFacts:
        return self._facts

    def _use(self) -> None:
        self.hide()
        self.accepted.emit(self._facts)
