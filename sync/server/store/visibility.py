"""``scope.can_read`` as a SQL condition on the records table (a test checks that they agree)."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, false, or_

from sync.domain.vocabulary import Role
from sync.server.scope import Audience, Viewer
from sync.server.store.models import Record


def visible_to(viewer: Viewer) -> ColumnElement[bool]:
    rules: list[ColumnElement[bool]] = [Record.audience == Audience.PUBLIC.value,
                                         Record.owner_id == viewer.user_id]
    not_private = Record.audience != Audience.PRIVATE.value
    match viewer.role:
        case Role.SPECIALIST if viewer.station_id is not None:
            rules.append(and_(Record.station_id == viewer.station_id, Record.audience == Audience.STATION.value))
        case Role.STATION_MANAGER if viewer.station_id is not None:
            rules.append(Record.station_id == viewer.station_id)
        case Role.COUNTY_ADMIN if viewer.county_code is not None:
            rules.append(and_(Record.county_code == viewer.county_code, not_private))
        case Role.LEAGUE_ADMIN if viewer.league_code is not None:
            rules.append(and_(Record.league_code == viewer.league_code, not_private))
        case Role.REGION_ADMIN:
            rules.append(not_private)
        case _:
            rules.append(false())
    return or_(*rules)
