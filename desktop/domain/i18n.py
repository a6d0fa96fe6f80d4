"""Marks user-visible text in Qt-free code so `pyside6-lupdate` finds it (the marker lives in sync.domain)."""

from sync.domain.i18n import QT_TRANSLATE_NOOP

__all__ = ["QT_TRANSLATE_NOOP"]
