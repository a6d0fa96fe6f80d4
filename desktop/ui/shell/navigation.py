"""The window's page list: its keys in order, their titles, and the navigation list both the start-up
frame and the main window show (so the frame looks like the window that replaces it)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QListWidget, QWidget

#: Page keys in navigation order; the sync and review work plugs into "review" and the status bar.
PAGES = ("visits", "trainings", "households", "demonstrations", "review", "statistics")


def window_title(demo: bool = False) -> str:
    title = QCoreApplication.translate("MainWindow", "Fieldbook — S&T service log")
    return title + QCoreApplication.translate("MainWindow", " (demo: sample data, removed on closing)") \
        if demo else title


def page_titles() -> dict[str, str]:
    """Each page's title in the UI language."""
    translate = QCoreApplication.translate
    return {"visits": translate("MainWindow", "Service visits"), "trainings": translate("MainWindow", "Trainings"),
            "households": translate("MainWindow", "Households"),
            "demonstrations": translate("MainWindow", "Demonstrations"), "review": translate("MainWindow", "Review"),
            "statistics": translate("MainWindow", "Statistics")}


def navigation_list(parent: QWidget) -> QListWidget:
    """The list of pages on the window's left, one row per key of ``PAGES``."""
    nav = QListWidget(parent)
    nav.setObjectName("navigation")
    nav.setIconSize(QSize(20, 20))
    titles = page_titles()
    for key in PAGES:
        nav.addItem(titles[key])
    font = nav.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    nav.setFont(font)
    nav.setStyleSheet("QListWidget#navigation::item { padding: 8px 10px; }")
    nav.setFixedWidth(max(130, nav.sizeHintForColumn(0) + 40))
    return nav
