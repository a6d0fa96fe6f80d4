"""``scope.can_read`` as a SQL condition on the records table (a test checks that they agree).

The condition names the viewer through bound parameters (``viewer_params``), so its shape depends
on the viewer's role alone and a statement holding it can be built once per role and reused: a
pull runs one on every call, and building a fresh statement costs more than the query.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, and_, bindparam, false, or_

from sync.domain.vocabulary import Role
from sync.server.scope import Audience, Viewer
from sync.server.store.models import Record

_USER, _STATION, _COUNTY, _LEAGUE = "v_user", "v_station", "v_county", "v_league"


def visible_to(viewer: Viewer) -> ColumnElement[bool]:
    """The condition with the viewer's values bound in (for a statement built on the spot)."""
    values = viewer_params(viewer)
    return _rule(shape_of(viewer), lambda name: bindparam(name, values[name]))


def shape_of(viewer: Viewer) -> Role | None:
    """What the condition depends on: the role, or None for a role that sees only its own and public rows
    (a station role without a station, an area admin without an area)."""
    match viewer.role:
        case Role.SPECIALIST | Role.STATION_MANAGER if viewer.station_id is not None:
            return viewer.role
        case Role.COUNTY_ADMIN if viewer.county_code is not None:
            return viewer.role
        case Role.LEAGUE_ADMIN if viewer.league_code is not None:
            return viewer.role
        case Role.REGION_ADMIN:
            return viewer.role
    return None


def viewer_params(viewer: Viewer) -> dict[str, Any]:
    """The bound values ``rule_for`` reads."""
    return {_USER: viewer.user_id, _STATION: viewer.station_id, _COUNTY: viewer.county_code,
            _LEAGUE: viewer.league_code}


@cache
def rule_for(shape: Role | None) -> ColumnElement[bool]:
    """The condition for a viewer of ``shape`` (``shape_of``), naming the viewer by bound parameters
    whose values ``viewer_params`` gives at execution."""
    return _rule(shape, bindparam)


def _rule(shape: Role | None, value: Callable[[str], BindParameter[Any]]) -> ColumnElement[bool]:
    rules: list[ColumnElement[bool]] = [Record.audience == Audience.PUBLIC.value, Record.owner_id == value(_USER)]
    not_private = Record.audience != Audience.PRIVATE.value
    match shape:
        case Role.SPECIALIST:
            rules.append(and_(Record.station_id == value(_STATION), Record.audience == Audience.STATION.value))
        case Role.STATION_MANAGER:
            rules.append(Record.station_id == value(_STATION))
        case Role.COUNTY_ADMIN:
            rules.append(and_(Record.county_code == value(_COUNTY), not_private))
        case Role.LEAGUE_ADMIN:
            rules.append(and_(Record.league_code == value(_LEAGUE), not_private))
        case Role.REGION_ADMIN:
            rules.append(not_private)
        case _:
            rules.append(false())
    return or_(*rules)
