"""Form rows with an inline error line under each field, and the mapping from FieldError to widget."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop.domain.validation import FieldError, ValidationError
from desktop.ui.shell.i18n import field_error_text

ERROR_STYLE = "color: #b3261e;"


class ErrorLabel(QLabel):
    """The red line under a field; hidden while the field is fine."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class FieldErrors:
    """Knows, for each record field, the widget to focus and the label to show its error in."""

    def __init__(self, banner: ErrorLabel):
        self.banner = banner  # errors about fields this form has no row for
        self._fields: dict[str, tuple[QWidget, ErrorLabel]] = {}

    def bind(self, field: str, widget: QWidget, label: ErrorLabel) -> None:
        self._fields[field] = (widget, label)

    def label(self, field: str) -> ErrorLabel | None:
        entry = self._lookup(field)
        return entry[1] if entry else None

    def messages(self) -> dict[str, str]:
        """Field → message currently shown (what the user sees)."""
        shown = {f: label.text() for f, (_w, label) in self._fields.items() if label.isVisibleTo(label.parentWidget())}
        if self.banner.isVisibleTo(self.banner.parentWidget()):
            shown[""] = self.banner.text()
        return shown

    def clear(self) -> None:
        for _widget, label in self._fields.values():
            label.show_message("")
        self.banner.show_message("")

    def show(self, error: ValidationError, scroll: QScrollArea | None = None, *, focus: bool = True) -> None:
        """Every message of ``error`` under its field; with ``focus``, the first bad field gets it."""
        self.clear()
        unplaced: list[str] = []
        for item in error.errors:
            entry = self._lookup(item.field)
            if entry is None:
                unplaced.append(field_error_text(item))
            else:
                entry[1].show_message(_join(entry[1].text(), field_error_text(item)))
        self.banner.show_message("\n".join(unplaced))
        first = self._lookup(error.errors[0].field) if error.errors and focus else None
        if first is not None:
            widget = first[0]
            if scroll is not None:
                scroll.ensureWidgetVisible(widget)
            widget.setFocus()

    def _lookup(self, field: str) -> tuple[QWidget, ErrorLabel] | None:
        # "attendees.farmer" falls back to the "attendees" row when it has no row of its own.
        return self._fields.get(field) or self._fields.get(field.split(".", 1)[0])


def _join(existing: str, new: str) -> str:
    return f"{existing}\n{new}" if existing else new


def add_field_row(layout: QFormLayout, errors: FieldErrors, label: str, widget: QWidget,
                  field: str | None = None, focus: QWidget | None = None) -> ErrorLabel:
    """Add ``label: widget`` with its error line beneath; ``focus`` is what gets focus on error."""
    box = QWidget()
    inner = QVBoxLayout(box)
    inner.setContentsMargins(0, 0, 0, 0)
    inner.setSpacing(2)
    inner.addWidget(widget)
    error_label = ErrorLabel(box)
    inner.addWidget(error_label)
    row_label = QLabel(label)
    row_label.setBuddy(focus or widget)
    layout.addRow(row_label, box)
    if field:
        errors.bind(field, focus or widget, error_label)
    return error_label


__all__ = ["ErrorLabel", "FieldError", "FieldErrors", "add_field_row"]
