"""Windows sized for the screen they open on: a 1366×768 laptop with a taskbar is the smallest we serve."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

#: Room for the window manager's title bar and border, which Qt does not know before the window shows.
TITLE_BAR = 40
BORDER = 8


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less where the screen's free area (without its
    taskbar) is smaller. Forms scroll and keep their buttons below the scrolling part, so they can
    always be made this small."""
    area = widget.screen().availableGeometry()
    widget.resize(min(width, area.width() - 2 * BORDER), min(height, area.height() - TITLE_BAR - BORDER))
