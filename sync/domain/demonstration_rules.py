"""The rules of a demonstration base (示范基地) and a demonstration project (示范项目), device and server alike.

``sync.domain.rules`` runs them with its checker; they add their own messages (context "Validation").
A base or project lies in one county (旗县区); its township and village are optional, each inside the
one above it and on the official division list.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from sync.domain.i18n import QT_TRANSLATE_NOOP
from sync.domain.vocabulary import BaseKind, ProjectKind

#: The first year a base may say it was set up in, and the longest a project may run.
FIRST_YEAR = 1949
MAX_PROJECT_YEARS = 10
MAX_DEMONSTRATION_NAME = 200
#: An industry's name and a scale ("600头", "3 greenhouses") are short; an area beyond this is a typo.
MAX_SHORT_TEXT = 128
MAX_AREA_MU = 1_000_000
_CODE_LENGTH = {"county_code": 6, "township_code": 9, "village_code": 12}
_DIGITS = re.compile(r"[0-9]+")

MESSAGES = {
    "county": QT_TRANSLATE_NOOP("Validation", "Choose a county (旗县区) from the official list."),
    "township": QT_TRANSLATE_NOOP("Validation", "Choose a township of the chosen county from the official list."),
    "village_in": QT_TRANSLATE_NOOP("Validation", "Choose a village of the chosen township from the official list."),
    "year": QT_TRANSLATE_NOOP("Validation", "Enter a year from %1 to %2."),
    "period": QT_TRANSLATE_NOOP("Validation",
                                "The last year cannot come before the first, nor more than %1 years after it."),
}


class Checker(Protocol):
    """What the rules ask of ``sync.domain.rules``' checker."""

    ctx: Any

    def __getitem__(self, field: str) -> Any: ...
    def fail(self, field: str, key: str, *params: object) -> None: ...
    def required_text(self, field: str, max_length: int = ...) -> None: ...
    def text(self, field: str, max_length: int = ...) -> None: ...
    def size(self, field: str, maximum: int, *, whole: bool = False) -> None: ...
    def choice(self, field: str, allowed: type) -> None: ...
    def position(self) -> None: ...


def _place(c: Checker) -> None:
    """County required; township and village optional, each within the one above it."""
    exists = c.ctx.division_exists
    parent = ""
    for field, length in _CODE_LENGTH.items():
        code = c[field]
        if field != "county_code" and code in (None, ""):
            continue
        good_shape = isinstance(code, str) and len(code) == length and _DIGITS.fullmatch(code) is not None
        if not good_shape or not code.startswith(parent):
            c.fail(field, {"county_code": "county", "township_code": "township"}.get(field, "village_in"))
            return
        if field not in c.ctx.unchanged:
            known = c.ctx.village_exists(code) if length == 12 else (exists is None or exists(code))
            if not known:
                c.fail(field, {"county_code": "county", "township_code": "township"}.get(field, "village_in"))
                return
        parent = code


def _year(c: Checker, field: str, last: int, *, required: bool = True) -> int | None:
    value = c[field]
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or \
            (field not in c.ctx.unchanged and not FIRST_YEAR <= value <= last):
        c.fail(field, "year", FIRST_YEAR, last)
        return None
    return value


def _common(c: Checker, kinds: type) -> None:
    c.required_text("name", MAX_DEMONSTRATION_NAME)
    c.choice("kind", kinds)
    _place(c)
    c.required_text("industry", MAX_SHORT_TEXT)
    c.required_text("specialist_id", 64)
    c.size("area_mu", MAX_AREA_MU)
    c.text("scale", MAX_SHORT_TEXT)
    c.text("description")
    c.position()


def demonstration_base(c: Checker) -> None:
    _common(c, BaseKind)
    _year(c, "year_established", c.ctx.today.year)


def demonstration_project(c: Checker) -> None:
    _common(c, ProjectKind)
    start = _year(c, "start_year", c.ctx.today.year + 1)
    end = c["end_year"]
    if end is None or start is None:
        return
    if isinstance(end, bool) or not isinstance(end, int) or not start <= end <= start + MAX_PROJECT_YEARS:
        c.fail("end_year", "period", MAX_PROJECT_YEARS)
