"""Imports reference data into the server: stations, official divisions, the annexes' industries, the plan's targets."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from sync.server.clock import utcnow
from sync.server.services.admin import AdminError
from sync.server.services import targets as target_service
from sync.server.store import divisions, stations, targets
from sync.server.store.database import Database
from sync.server.validation import storable

STATIONS_FILE = "stations.json"
DIVISIONS_FILE = "divisions.csv"
#: Annexes 1 and 3 of the plan: national S&T teams and service squads, each with a county's industries.
ANNEX_FILES = ("national_teams.json", "squads.json")
_COUNTY = re.compile(r"[0-9]{6}")
_DIVISION_CODE = {"league": re.compile(r"15[0-9]{2}"), "county": re.compile(r"15[0-9]{4}"),
                  "township": re.compile(r"15[0-9]{7}"), "village": re.compile(r"15[0-9]{10}")}


def default_reference_dir() -> Path:
    """resources/reference of the installed (or source) Fieldbook package."""
    return Path(str(resources.files("resources"))) / "reference"


@dataclass(frozen=True)
class ImportSummary:
    """Stations read and added or changed; divisions and annex industries loaded (0: file absent);
    targets added or changed."""

    total: int
    changed: int
    divisions: int = 0
    annex_industries: int = 0
    targets: int = 0


def import_reference(db: Database, directory: Path) -> ImportSummary:
    """Stations from stations.json (required); divisions and annex industries if their files are there.

    Divisions and annex industries are replaced as a whole: they are the official lists, never edited here.
    Targets from targets.json are merged in: a value an admin changed is kept.
    """
    values = [_station_values(row, index) for index, row in enumerate(_json_list(directory / STATIONS_FILE))]
    division_rows, annex_rows = _division_rows(directory), _annex_rows(directory)
    shipped_targets = target_service.read_shipped(directory)
    now = utcnow()
    with db.write() as session:
        changed = sum(stations.upsert(session, row, now) for row in values)
        _replace_geography(session, division_rows, annex_rows)
        targets_changed = targets.merge_shipped(session, shipped_targets, now) if shipped_targets else 0
    return ImportSummary(len(values), changed, len(division_rows or ()), len(annex_rows or ()), targets_changed)


def import_if_empty(db: Database, directory: Path) -> ImportSummary | None:
    """At a server's start: everything into a server that has no stations yet; the divisions alone
    into one that has stations but no divisions (a server upgraded to the reports). None: nothing to do."""
    with db.read() as session:
        has_stations, has_divisions = stations.count(session) > 0, divisions.count(session) > 0
    if not has_stations:
        return import_reference(db, directory) if (directory / STATIONS_FILE).exists() else None
    if has_divisions or not (directory / DIVISIONS_FILE).exists():
        return None
    division_rows, annex_rows = _division_rows(directory), _annex_rows(directory)
    with db.write() as session:
        _replace_geography(session, division_rows, annex_rows)
    return ImportSummary(0, 0, len(division_rows or ()), len(annex_rows or ()))


def _replace_geography(session: Session, division_rows: list[dict[str, Any]] | None,
                       annex_rows: list[dict[str, str]] | None) -> None:
    if division_rows is not None:
        divisions.replace_divisions(session, division_rows)
    if annex_rows is not None:
        divisions.replace_annex_industries(session, annex_rows)


def _json_list(path: Path) -> list[Any]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AdminError(f"no {path.name} in {path.parent}") from None
    except (OSError, ValueError) as exc:
        raise AdminError(f"cannot read {path}: {exc}") from None
    if not isinstance(rows, list):
        raise AdminError(f"{path} should hold a list")
    return rows


def _division_rows(directory: Path) -> list[dict[str, Any]] | None:
    """divisions.csv (code,name,level,parent_code) checked row by row; None if the file is absent."""
    path = directory / DIVISIONS_FILE
    if not path.exists():
        return None
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise AdminError(f"cannot read {path}: {exc}") from None
    values = []
    for line, row in enumerate(rows, start=2):
        code, name, level = row.get("code") or "", row.get("name") or "", row.get("level") or ""
        parent = row.get("parent_code") or None
        pattern = _DIVISION_CODE.get(level)
        if pattern is None or not pattern.fullmatch(code):
            raise AdminError(f"{DIVISIONS_FILE} line {line}: {code!r} is not a {level or 'known'} level code")
        if not name or len(name) > 100 or not storable(name):
            raise AdminError(f"{DIVISIONS_FILE} line {line} ({code}): the name is missing or too long")
        if parent is not None and not code.startswith(parent):
            raise AdminError(f"{DIVISIONS_FILE} line {line} ({code}): parent {parent} does not contain it")
        values.append({"code": code, "name": name, "level": level, "parent_code": parent})
    return values


def _annex_rows(directory: Path) -> list[dict[str, str]] | None:
    """(county, industry, annex) of national_teams.json and squads.json; None if neither is there."""
    found: dict[tuple[str, str, str], dict[str, str]] = {}
    present = False
    for name in ANNEX_FILES:
        path = directory / name
        if not path.exists():
            continue
        present = True
        annex = name.removesuffix(".json")
        for index, row in enumerate(_json_list(path)):
            county = row.get("county_code") if isinstance(row, dict) else None
            industries = row.get("industries") if isinstance(row, dict) else None
            if not isinstance(county, str) or not _COUNTY.fullmatch(county):
                raise AdminError(f"{name} entry {index + 1}: county_code should have 6 digits")
            if not isinstance(industries, list) or not all(isinstance(i, str) and 0 < len(i) <= 64
                                                           and storable(i) for i in industries):
                raise AdminError(f"{name} entry {index + 1}: industries should be a list of short names")
            for industry in industries:
                found[(county, industry, annex)] = {"county_code": county, "industry": industry, "annex": annex}
    return list(found.values()) if present else None


def _station_values(row: Any, index: int) -> dict[str, Any]:
    where = f"{STATIONS_FILE} entry {index + 1}"
    if not isinstance(row, dict):
        raise AdminError(f"{where} is not an object")
    code, name, county = row.get("code"), row.get("name"), row.get("county_code")
    if not isinstance(code, str) or not code or len(code) > 32:
        raise AdminError(f"{where}: code should be a short text such as WS-001")
    if not isinstance(name, str) or not name or len(name) > 256:
        raise AdminError(f"{where} ({code}): name is missing or too long")
    if not isinstance(county, str) or not _COUNTY.fullmatch(county):
        raise AdminError(f"{where} ({code}): county_code should have 6 digits")
    league = row.get("league_code") or county[:4]
    if league != county[:4]:
        raise AdminError(f"{where} ({code}): league_code {league} does not contain county {county}")
    industries = row.get("industries") or []
    if not isinstance(industries, list) or not all(isinstance(i, str) for i in industries):
        raise AdminError(f"{where} ({code}): industries should be a list of names")
    expert_count = row.get("expert_count")
    if expert_count is not None and (not isinstance(expert_count, int) or expert_count < 0):
        raise AdminError(f"{where} ({code}): expert_count should be a whole number")
    source = row.get("source")
    texts = [code, name, *industries] + ([source] if isinstance(source, str) else [])
    if not all(storable(text) for text in texts):
        raise AdminError(f"{where} ({code!r}): contains a NUL character or an unpaired surrogate")
    return {"code": code, "name": name, "county_code": county, "league_code": league, "industries": industries,
            "expert_count": expert_count, "source": source if isinstance(source, str) else None}
