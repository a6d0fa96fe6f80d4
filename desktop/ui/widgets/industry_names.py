"""Industry names as the UI shows them: a reference industry's English name in the English UI.

The lists' column functions have no context to ask, so the profile's catalogue is set here once
(``use_catalogue``, when the app context is made); free-text industries read as typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from desktop.domain.industries import IndustryCatalogue
from desktop.ui.shell.i18n import ui_is_english

_catalogue: IndustryCatalogue | None = None


def use_catalogue(catalogue: IndustryCatalogue) -> None:
    global _catalogue
    _catalogue = catalogue


def industry_label(name: str) -> str:
    return _catalogue.display(name, ui_is_english()) if _catalogue is not None else name


def industry_labels(names: Iterable[str]) -> list[str]:
    return [industry_label(n) for n in names]
