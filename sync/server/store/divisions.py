"""Official divisions and leading industries on the server: replaced on import, read for reports."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select
from sqlalchemy.orm import Session

from sync.domain.coverage import CountyGeography, is_administrative_village, is_rural_township
from sync.server.store.models import AnnexIndustry, Division, Station

_INSERT_BATCH = 2000


def replace_divisions(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """The whole division list becomes ``rows`` (dicts of code, name, level, parent_code)."""
    session.execute(delete(Division))
    for start in range(0, len(rows), _INSERT_BATCH):
        session.execute(insert(Division), list(rows[start:start + _INSERT_BATCH]))


def replace_annex_industries(session: Session, rows: Sequence[dict[str, str]]) -> None:
    """The annexes' industries become ``rows`` (dicts of county_code, industry, annex)."""
    session.execute(delete(AnnexIndustry))
    if rows:
        session.execute(insert(AnnexIndustry), list(rows))


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Division)) or 0


# Built once: every push chunk asks them.
_AMONG = Division.code.in_(bindparam("codes", expanding=True))
_VILLAGES_AMONG = select(Division.code).where(Division.level == "village", _AMONG)
_PLACES_AMONG = select(Division.code).where(Division.level.in_(("county", "township")), _AMONG)
_ANY = select(Division.code).limit(1)


def known_villages(session: Session, codes: Iterable[str]) -> set[str] | None:
    """Which of ``codes`` are villages of the official list; None while the server has no list."""
    wanted = sorted({code for code in codes if isinstance(code, str)})
    found = set(session.scalars(_VILLAGES_AMONG, {"codes": wanted})) if wanted else set()
    if not found and session.scalar(_ANY) is None:
        return None
    return found


def known_places(session: Session, codes: Iterable[str]) -> set[str]:
    """Which of ``codes`` are counties or townships of the official list (demonstration records name them)."""
    wanted = sorted({code for code in codes if isinstance(code, str)})
    return set(session.scalars(_PLACES_AMONG, {"codes": wanted})) if wanted else set()


def annex_rows(session: Session) -> set[tuple[str, str, str]]:
    return {tuple(row) for row in session.execute(
        select(AnnexIndustry.county_code, AnnexIndustry.industry, AnnexIndustry.annex))}


def by_level(session: Session, level: str) -> dict[str, str]:
    """Code → name of every division of one level (league, county, …)."""
    return dict(session.execute(select(Division.code, Division.name).where(Division.level == level)).all())


def name_of(session: Session, code: str) -> str | None:
    return session.scalar(select(Division.name).where(Division.code == code))


def _range(within: str) -> tuple[str, str]:
    return (within, str(int(within) + 1)) if within != "15" else ("15", "16")


def county_geographies(session: Session, within: str) -> tuple[list[CountyGeography], dict[str, str]]:
    """Each county under ``within`` with its rural townships, administrative villages and leading
    industries (stations' and the annexes'), and the names of those townships and villages.

    The same rules as the device's ``desktop.store.indicator_queries.county_geographies``, so both
    sides cover the same places.
    """
    low, high = _range(within)
    rows = session.execute(select(Division.code, Division.name, Division.level).where(
        Division.level.in_(("county", "township", "village")), Division.code >= low, Division.code < high))
    counties: list[tuple[str, str]] = []
    townships: dict[str, set[str]] = {}
    villages: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for code, name, level in rows:
        if level == "county":
            counties.append((code, name))
        elif level == "township" and is_rural_township(code):
            townships.setdefault(code[:6], set()).add(code)
            names[code] = name
        elif level == "village" and is_administrative_village(code):
            villages.setdefault(code[:6], set()).add(code)
            names[code] = name
    leading = _leading_industries(session)
    geographies = [
        CountyGeography(code, name, frozenset(townships.get(code, ())), frozenset(villages.get(code, ())),
                        frozenset(leading.get(code, ())))
        for code, name in sorted(counties)
    ]
    return geographies, names


def _leading_industries(session: Session) -> dict[str, set[str]]:
    leading: dict[str, set[str]] = {}
    for county, industries in session.execute(select(Station.county_code, Station.industries)):
        leading.setdefault(county, set()).update(_names(industries))
    for county, industry in session.execute(select(AnnexIndustry.county_code, AnnexIndustry.industry)):
        leading.setdefault(county, set()).add(industry)
    return leading


def _names(values: Iterable[Any] | None) -> Iterable[str]:
    return (v for v in values or () if isinstance(v, str))
