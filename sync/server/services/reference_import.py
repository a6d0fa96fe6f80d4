"""Imports reference data (stations.json) into the server database."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sync.server.clock import utcnow
from sync.server.services.admin import AdminError
from sync.server.store import stations
from sync.server.store.database import Database
from sync.server.validation import storable

STATIONS_FILE = "stations.json"
_COUNTY = re.compile(r"[0-9]{6}")


def default_reference_dir() -> Path:
    """resources/reference of the installed (or source) Fieldbook package."""
    return Path(str(resources.files("resources"))) / "reference"


@dataclass(frozen=True)
class ImportSummary:
    total: int
    changed: int


def import_reference(db: Database, directory: Path) -> ImportSummary:
    path = directory / STATIONS_FILE
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AdminError(f"no {STATIONS_FILE} in {directory}") from None
    except (OSError, ValueError) as exc:
        raise AdminError(f"cannot read {path}: {exc}") from None
    if not isinstance(rows, list):
        raise AdminError(f"{path} should hold a list of stations")
    values = [_station_values(row, index) for index, row in enumerate(rows)]
    now = utcnow()
    with db.write() as session:
        changed = sum(stations.upsert(session, row, now) for row in values)
    return ImportSummary(len(values), changed)


def import_if_empty(db: Database, directory: Path) -> ImportSummary | None:
    """Import at the first start of a server that has no stations yet (if the file is there)."""
    with db.read() as session:
        if stations.count(session):
            return None
    if not (directory / STATIONS_FILE).exists():
        return None
    return import_reference(db, directory)


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
