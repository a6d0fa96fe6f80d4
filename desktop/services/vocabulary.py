"""Display labels for the protocol's vocabularies (English source text, translated by the UI).

The UI shows a label with ``QCoreApplication.translate("Vocabulary", label)``; codes never reach
the screen.
"""

from __future__ import annotations

from enum import StrEnum

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from sync.domain.vocabulary import (
    AttendeeCategory,
    BaseKind,
    HouseholdKind,
    ProjectKind,
    ReviewState,
    Role,
    ServiceType,
    VisitMode,
)

CONTEXT = "Vocabulary"

HOUSEHOLD_KINDS: dict[str, str] = {
    HouseholdKind.FARMER: QT_TRANSLATE_NOOP("Vocabulary", "Farming or herding household"),
    HouseholdKind.COOPERATIVE: QT_TRANSLATE_NOOP("Vocabulary", "Cooperative"),
    HouseholdKind.FAMILY_FARM: QT_TRANSLATE_NOOP("Vocabulary", "Family farm"),
    HouseholdKind.LARGE_GROWER: QT_TRANSLATE_NOOP("Vocabulary", "Large grower or breeder"),
    HouseholdKind.LEADING_ENTERPRISE: QT_TRANSLATE_NOOP("Vocabulary", "Leading enterprise"),
    HouseholdKind.DEMONSTRATION: QT_TRANSLATE_NOOP("Vocabulary", "Demonstration entity"),
}

BASE_KINDS: dict[str, str] = {
    BaseKind.PLANTING: QT_TRANSLATE_NOOP("Vocabulary", "Crop growing"),
    BaseKind.LIVESTOCK: QT_TRANSLATE_NOOP("Vocabulary", "Livestock"),
    BaseKind.FACILITY: QT_TRANSLATE_NOOP("Vocabulary", "Greenhouses and facilities"),
    BaseKind.INTEGRATED: QT_TRANSLATE_NOOP("Vocabulary", "Crops and livestock together"),
}

PROJECT_KINDS: dict[str, str] = {
    ProjectKind.INDUSTRY: QT_TRANSLATE_NOOP("Vocabulary", "Leading-industry S&T demonstration"),
    ProjectKind.EXTENSION: QT_TRANSLATE_NOOP("Vocabulary", "Extension demonstration"),
    ProjectKind.TRANSFER: QT_TRANSLATE_NOOP("Vocabulary", "Transfer of results"),
}

VISIT_MODES: dict[str, str] = {
    VisitMode.ONSITE: QT_TRANSLATE_NOOP("Vocabulary", "On site"),
    VisitMode.PHONE: QT_TRANSLATE_NOOP("Vocabulary", "Phone"),
    VisitMode.WECHAT: QT_TRANSLATE_NOOP("Vocabulary", "WeChat"),
    VisitMode.VIDEO: QT_TRANSLATE_NOOP("Vocabulary", "Video call"),
}

SERVICE_TYPES: dict[str, str] = {
    ServiceType.GUIDANCE: QT_TRANSLATE_NOOP("Vocabulary", "Technical guidance"),
    ServiceType.POLICY: QT_TRANSLATE_NOOP("Vocabulary", "Policy promotion"),
    ServiceType.TRANSFER: QT_TRANSLATE_NOOP("Vocabulary", "Transfer of results"),
    ServiceType.RESEARCH: QT_TRANSLATE_NOOP("Vocabulary", "Research and development"),
    ServiceType.TRAINING: QT_TRANSLATE_NOOP("Vocabulary", "S&T training"),
    ServiceType.MARKETING: QT_TRANSLATE_NOOP("Vocabulary", "Linking production and sales"),
}

ATTENDEE_CATEGORIES: dict[str, str] = {
    AttendeeCategory.BACKBONE: QT_TRANSLATE_NOOP("Vocabulary", "Technical backbones"),
    AttendeeCategory.LOCAL_EXPERT: QT_TRANSLATE_NOOP("Vocabulary", "Local experts"),
    AttendeeCategory.TECH_SAVVY: QT_TRANSLATE_NOOP("Vocabulary", "Tech-savvy villagers"),
    AttendeeCategory.FARMER: QT_TRANSLATE_NOOP("Vocabulary", "Farmers and herders"),
    AttendeeCategory.EXTENSION_STAFF: QT_TRANSLATE_NOOP("Vocabulary", "Grassroots extension staff"),
}

REVIEW_STATES: dict[str, str] = {
    ReviewState.DRAFT: QT_TRANSLATE_NOOP("Vocabulary", "Draft"),
    ReviewState.SUBMITTED: QT_TRANSLATE_NOOP("Vocabulary", "Submitted"),
    ReviewState.APPROVED: QT_TRANSLATE_NOOP("Vocabulary", "Approved"),
    ReviewState.RETURNED: QT_TRANSLATE_NOOP("Vocabulary", "Returned"),
}

ROLES: dict[str, str] = {
    Role.SPECIALIST: QT_TRANSLATE_NOOP("Vocabulary", "Specialist"),
    Role.STATION_MANAGER: QT_TRANSLATE_NOOP("Vocabulary", "Station manager"),
    Role.COUNTY_ADMIN: QT_TRANSLATE_NOOP("Vocabulary", "County administrator"),
    Role.LEAGUE_ADMIN: QT_TRANSLATE_NOOP("Vocabulary", "League administrator"),
    Role.REGION_ADMIN: QT_TRANSLATE_NOOP("Vocabulary", "Region administrator"),
}


def label(vocabulary: dict[str, str], code: str | StrEnum) -> str:
    """The English source label of ``code``, or the code itself if the vocabulary does not know it
    (a newer server may send values this version has no label for)."""
    return vocabulary.get(str(code), str(code))
