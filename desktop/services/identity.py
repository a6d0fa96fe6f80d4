"""Who uses this profile: the local user set up on first run, later linked to a server account."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from desktop.domain.i18n import QT_TRANSLATE_NOOP
from desktop.domain.validation import FieldError, ValidationError
from desktop.services.changes import Changes
from desktop.store import users
from desktop.store.store import Store
from sync.domain.vocabulary import Role

SPECIALIST_TYPES = {
    "commissioner": QT_TRANSLATE_NOOP("Vocabulary", "S&T commissioner"),  # 科技特派员
    "hired_agent": QT_TRANSLATE_NOOP("Vocabulary", "Specially hired extension agent"),  # 特聘农技员
    "grassroots": QT_TRANSLATE_NOOP("Vocabulary", "Grassroots extension staff"),  # 基层农技员
    "three_areas": QT_TRANSLATE_NOOP("Vocabulary", "\"Three areas\" talent"),  # 三区人才
    "national_team": QT_TRANSLATE_NOOP("Vocabulary", "National S&T team member"),  # 科技特派团
}


@dataclass(frozen=True)
class Identity:
    user_id: str
    display_name: str
    role: Role
    specialist_type: str
    station_code: str | None
    home_county_code: str | None

    @property
    def can_review(self) -> bool:
        return self.role == Role.STATION_MANAGER


class IdentityService:
    def __init__(self, store: Store):
        self.store = store

    def current(self) -> Identity | None:
        user_id = self.store.state("user_id")
        if not user_id:
            return None
        with self.store.reader() as s:
            user = users.find(s, user_id)
            if user is None:
                return None
            return Identity(user.id, user.display_name, Role(user.role), user.specialist_type,
                            user.station_code, user.home_county_code)

    def set_up(self, display_name: str, role: Role, specialist_type: str, station_code: str | None,
               home_county_code: str | None) -> tuple[Identity, Changes]:
        """First run: record who uses this laptop. Works offline; a server account is linked later."""
        errors = []
        if not display_name.strip():
            errors.append(FieldError("display_name", QT_TRANSLATE_NOOP("Validation", "This field is required.")))
        with self.store.unit_of_work() as s:
            if station_code and not users.station_exists(s, station_code):
                errors.append(FieldError("station_code", QT_TRANSLATE_NOOP("Validation", "Choose a station from the list.")))
            if home_county_code and not users.county_exists(s, home_county_code):
                errors.append(FieldError("home_county_code", QT_TRANSLATE_NOOP("Validation", "Choose a county from the list.")))
            if errors:
                raise ValidationError(errors)
            user_id = self.store.state("user_id") or f"local-{uuid.uuid4()}"
            users.put_local_user(s, user_id, display_name.strip(), role.value, specialist_type, station_code,
                                 home_county_code)
            self.store.set_state(s, "user_id", user_id)
        identity = self.current()
        assert identity is not None
        return identity, Changes(identity=True)
