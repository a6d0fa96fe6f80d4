"""Marks user-visible text in Qt-free code so `pyside6-lupdate` finds it; the UI translates it."""


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Return ``source`` unchanged; lupdate records it under ``context`` for translators."""
    return source
