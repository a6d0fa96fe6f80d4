"""A record's photos as thumbnails: add from files (imported on the worker), remove, open large."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services.photos import PhotoImportError, StoredPhoto
from desktop.ui.shell.context import AppContext
from desktop.ui.widgets.screen_fit import fit_to_screen

THUMB = 96
_SHA_ROLE = Qt.ItemDataRole.UserRole


class PhotoStrip(QWidget):
    """``value()`` is the photos' sha256s in order; ``changed`` fires on add or remove, and
    ``facts_found(PhotoFacts)`` when an added photo says where or when it was taken."""

    changed = Signal()
    facts_found = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.list = QListWidget(self)
        self.list.setObjectName("photo_list")
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMB, THUMB))
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setFixedHeight(THUMB + 28)
        self.list.setMovement(QListWidget.Movement.Static)
        self.list.itemDoubleClicked.connect(lambda item: self.open_large(item.data(_SHA_ROLE)))
        self.add_button = QPushButton(self.tr("Add photos…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button.clicked.connect(self._remove_selected)
        self.hint = QLabel(self.tr("Double-click a photo to view it large."), self)
        self.hint.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.viewer: PhotoViewerDialog | None = None

    def value(self) -> tuple[str, ...]:
        return tuple(self.list.item(i).data(_SHA_ROLE) for i in range(self.list.count()))

    def set_value(self, shas: tuple[str, ...]) -> None:
        self.list.clear()
        for sha in shas:
            self._append(sha)

    def add_files(self, paths: list[Path]) -> None:
        """Import ``paths`` on the worker (downscale, hash, store) and show them when done."""
        if not paths:
            return
        photos = self.ctx.photos
        self.add_button.setEnabled(False)
        self.ctx.runner.run(lambda: [photos.import_photo(p) for p in paths], on_success=self._imported,
                            on_failure=self._import_failed, label="import photos", owner=self)

    def open_large(self, sha: str) -> None:
        self.viewer = PhotoViewerDialog(self.ctx.photos.read(sha), self)
        self.viewer.open()

    def _choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Add photos"), str(Path.home()),
                                                      self.tr("Images (*.jpg *.jpeg *.png *.heic *.webp *.bmp)"))
        self.add_files([Path(n) for n in names])

    def _imported(self, photos: list[StoredPhoto]) -> None:
        self.add_button.setEnabled(True)
        known = set(self.value())
        for photo in photos:
            if photo.sha256 not in known:
                self._append(photo.sha256)
                known.add(photo.sha256)
        self.changed.emit()
        told = next((p.facts for p in photos if p.facts.any()), None)
        if told is not None:
            self.facts_found.emit(told)

    def _import_failed(self, error: BaseException) -> None:
        self.add_button.setEnabled(True)
        if isinstance(error, PhotoImportError):
            QMessageBox.warning(self, self.tr("Photo not added"),
                                self.tr("%1 is not a picture this program can read.").replace("%1", error.path.name))
        else:
            self.ctx.runner.report(error, "import photos")

    def _append(self, sha: str) -> None:
        item = QListWidgetItem()
        item.setData(_SHA_ROLE, sha)
        pixmap = _pixmap(self.ctx.photos.read(sha))
        if pixmap.isNull():
            item.setText(self.tr("not on this device"))
            item.setToolTip(self.tr("This photo has not been downloaded to this laptop."))
        else:
            item.setIcon(QIcon(pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation)))
            item.setToolTip(sha[:12])
        self.list.addItem(item)

    def _remove_selected(self) -> None:
        rows = sorted({self.list.row(i) for i in self.list.selectedItems()}, reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if rows:
            self.changed.emit()


class PhotoViewerDialog(QDialog):
    """One photo at the size of the screen, scrollable if larger."""

    def __init__(self, data: bytes | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Photo"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        label = QLabel(self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = _pixmap(data)
        if pixmap.isNull():
            label.setText(self.tr("This photo has not been downloaded to this laptop."))
        else:
            screen = self.screen().availableGeometry().size() * 0.85
            label.setPixmap(pixmap.scaled(screen, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
        scroll = QScrollArea(self)
        scroll.setWidget(label)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        fit_to_screen(self, min(pixmap.width(), 1200) + 40 if not pixmap.isNull() else 400,
                    min(pixmap.height(), 900) + 40 if not pixmap.isNull() else 200)


def _pixmap(data: bytes | None) -> QPixmap:
    """The photo's pixmap, empty when it is not on this laptop."""
    pixmap = QPixmap()
    if data is not None:
        pixmap.loadFromData(data)
    return pixmap
