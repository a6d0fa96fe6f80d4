"""What the visit, training and household lists show: their columns and where their rows come from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from desktop.domain.filters import RecordFilter, SortKey
from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.services import vocabulary
from desktop.services.records import RecordService
from desktop.ui.shell.i18n import list_separator, vocab
from desktop.ui.widgets.industry_names import industry_label, industry_labels

CONTEXT = "RecordColumns"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    header: str  # English source, translated in CONTEXT
    display: Callable[[Any], str]
    sort: SortKey | None = None
    alignment: Qt.AlignmentFlag | None = None
    stretch: bool = False

    def title(self) -> str:
        return QCoreApplication.translate(CONTEXT, self.header)


@dataclass(frozen=True)
class ListSource:
    """How a list model counts and pages its rows; both run on the database worker."""

    count: Callable[[RecordFilter], int]
    fetch: Callable[[RecordFilter, int, int], list[Any]]


def _date(value) -> str:
    return value.isoformat() if value else ""


def _hours(value: float | None) -> str:
    return f"{value:g}" if value is not None else ""


VISIT_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Date"), lambda r: _date(r.visit_date), SortKey.DATE),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "How"), lambda r: vocab(vocabulary.VISIT_MODES, r.mode)),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Township"), lambda r: r.township_name),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Village"), lambda r: r.village_name, SortKey.VILLAGE),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Households"), lambda r: str(r.household_count), alignment=_RIGHT),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Services"),
           lambda r: list_separator().join(vocab(vocabulary.SERVICE_TYPES, s) for s in r.service_types)),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Industry"), lambda r: industry_label(r.industry), SortKey.INDUSTRY),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Problem found"), lambda r: r.problem.replace("\n", " "),
           stretch=True),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Review"), lambda r: vocab(vocabulary.REVIEW_STATES, r.review_state),
           SortKey.STATE),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Recorded by"), lambda r: r.author_name, SortKey.AUTHOR),
)

TRAINING_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Date"), lambda r: _date(r.training_date), SortKey.DATE),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Township"), lambda r: r.township_name),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Village"), lambda r: r.village_name, SortKey.VILLAGE),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Topic"), lambda r: r.topic, stretch=True),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Industry"), lambda r: industry_label(r.industry), SortKey.INDUSTRY),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Hours"), lambda r: _hours(r.hours), alignment=_RIGHT),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Attendees"), lambda r: str(r.attendee_total), alignment=_RIGHT),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Review"), lambda r: vocab(vocabulary.REVIEW_STATES, r.review_state),
           SortKey.STATE),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Recorded by"), lambda r: r.author_name, SortKey.AUTHOR),
)

HOUSEHOLD_COLUMNS = (
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Name"), lambda r: r.name, SortKey.NAME),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Kind"), lambda r: vocab(vocabulary.HOUSEHOLD_KINDS, r.kind),
           SortKey.KIND),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Phone"), lambda r: r.phone),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Township"), lambda r: r.township_name),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Village"), lambda r: r.village_name, SortKey.VILLAGE),
    Column(QT_TRANSLATE_NOOP("RecordColumns", "Industries"), lambda r: list_separator().join(industry_labels(r.industries)),
           stretch=True),
)


def visit_source(records: RecordService) -> ListSource:
    return ListSource(records.count_visits, lambda f, offset, limit: records.list_visits(f, offset, limit))


def training_source(records: RecordService) -> ListSource:
    return ListSource(records.count_trainings,
                      lambda f, offset, limit: records.list_trainings(f, offset, limit))


def household_source(records: RecordService) -> ListSource:
    return ListSource(
        lambda f: records.count_households(f.text, f.division_code),
        lambda f, offset, limit: records.list_households(f.text, f.division_code, offset, limit, f.sort,
                                                         f.descending),
    )

