"""One indicator at a glance: its name, the figure, and how it stands against the plan's target."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget


class IndicatorCard(QFrame):
    """``show_figure(value, detail, ratio)``: ``ratio`` (0..1+) shows a progress bar, None hides it."""

    def __init__(self, title: str, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"QFrame#{object_name} {{ background: palette(base); border: 1px solid palette(mid);"
                           " border-radius: 6px; }")
        self.title = QLabel(title, self)
        self.title.setWordWrap(True)
        self.value = QLabel("–", self)
        self.value.setObjectName("card_value")
        self.value.setStyleSheet("font-size: 22pt; font-weight: 600; border: none;")
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setObjectName("card_detail")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(8)
        self.progress.hide()
        for label in (self.title, self.detail):
            label.setStyleSheet("border: none;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.progress)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.setMinimumWidth(200)

    def show_figure(self, value: int, detail: str, ratio: float | None = None) -> None:
        self.value.setText(f"{value:,}")
        self.detail.setText(detail)
        self.progress.setVisible(ratio is not None)
        if ratio is not None:
            self.progress.setValue(min(1000, round(ratio * 1000)))
