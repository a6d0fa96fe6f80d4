"""The UI language: installs Qt translators and turns the core's English source text into it."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QCoreApplication, QDateTime, QLibraryInfo, QLocale, QTranslator

from desktop.domain.validation import FieldError
from desktop.services import vocabulary
from resources import resource_path

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")

_installed: list[QTranslator] = []


def translations_dir():
    return resource_path("translations")


def install_language(language: str) -> str:
    """Make ``language`` the UI language of the running app; returns the language in force."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    # English is the source language: its file holds only the plural forms ("1 conflict", "2 conflicts").
    _load(app, f"fieldbook_{language}", str(translations_dir()))
    if language != "en":
        # Qt's own strings: the standard buttons (OK, Cancel, Save…) and the context menus.
        _load(app, f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    QLocale.setDefault(QLocale("zh_CN") if language == "zh_CN"
                       else QLocale("en_GB"))
    return language


def _load(app: QCoreApplication, name: str, folder: str) -> None:
    translator = QTranslator(app)
    if translator.load(name, folder):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("no translation %s in %s", name, folder)


def field_error_text(error: FieldError) -> str:
    """A validation message in the UI language, its %1, %2… filled in."""
    text = QCoreApplication.translate("Validation", error.message)
    for n, param in enumerate(error.params, start=1):
        text = text.replace(f"%{n}", param)
    return text


def mnemonic_safe(text: str) -> str:
    """Text for a button or check box: a literal "&" (as in "S&T") must not become a shortcut."""
    return text.replace("&", "&&")


def list_separator() -> str:
    """Between items of a list in running text: "、" in Chinese, ", " in English."""
    return QCoreApplication.translate("RecordColumns", ", ")


def local_time_text(utc: dt.datetime) -> str:
    """A naive UTC time from the store, as local time for people."""
    seconds = int(utc.replace(tzinfo=dt.UTC).timestamp())
    return QDateTime.fromSecsSinceEpoch(seconds).toString("yyyy-MM-dd HH:mm")


def vocab(vocabulary_map: dict[str, str], code: str) -> str:
    """The label of a vocabulary code (household kind, visit mode…) in the UI language."""
    return QCoreApplication.translate(vocabulary.CONTEXT, vocabulary.label(vocabulary_map, code))


def ui_is_english() -> bool:
    """Whether the UI is in English (reference names then show their English name)."""
    return QLocale().language() == QLocale.Language.English
