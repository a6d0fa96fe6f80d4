"""Loads the shipped reference data (divisions, stations, teams, squads, industries, targets) into a store."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from desktop.domain.industries import IndustryCatalogue, IndustryItem
from desktop.domain.search_text import search_key
from desktop.store.models import Division, Industry, NationalTeam, Squad, Station, Target
from desktop.store.store import Store
from resources import resource_path

REFERENCE_FILES = ("divisions.csv", "stations.json", "national_teams.json", "squads.json",
                   "industries.json", "targets.json")
_STATE_KEY = "reference_digest"


def reference_dir() -> Path:
    return resource_path("reference")


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for name in REFERENCE_FILES:
        h.update(name.encode())
        h.update((folder / name).read_bytes())
    return h.hexdigest()


def _json(folder: Path, name: str) -> list[dict]:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def _divisions(folder: Path) -> list[dict]:
    with (folder / "divisions.csv").open(encoding="utf-8", newline="") as f:
        return [
            {"code": r["code"], "name": r["name"], "level": r["level"],
             "parent_code": r["parent_code"] or None, "search_key": search_key(r["name"])}
            for r in csv.DictReader(f)
        ]


def load_industry_catalogue(folder: Path | None = None) -> IndustryCatalogue:
    """The shipped industry list, read from its file (the migration maps free text with it)."""
    rows = _json(folder or reference_dir(), "industries.json")
    return IndustryCatalogue([IndustryItem(r["code"], r["name"], r.get("name_en", ""), tuple(r.get("aliases", ())))
                              for r in rows])


def _pick(rows: list[dict], columns: set[str]) -> list[dict]:
    return [{k: v for k, v in row.items() if k in columns} for row in rows]


def load_reference(store: Store, folder: Path | None = None, *, force: bool = False) -> bool:
    """Load the reference files if they changed since the last load. Returns whether it loaded.

    Targets already in the store are kept: an admin may have changed them for this year.
    """
    folder = folder or reference_dir()
    digest = _digest(folder)
    if not force and store.state(_STATE_KEY) == digest:
        return False
    with store.unit_of_work() as s:
        _replace(s, Division, _divisions(folder))
        for model, name in ((Station, "stations.json"), (NationalTeam, "national_teams.json"), (Squad, "squads.json")):
            _replace(s, model, _pick(_json(folder, name), set(model.__table__.columns.keys())))
        industries = _json(folder, "industries.json")
        _replace(s, Industry, [{**i, "search_key": search_key(i["name"])}
                               for i in _pick(industries, {"code", "name", "name_en", "aliases"})])
        known_targets = {t for t in s.scalars(Target.__table__.select().with_only_columns(Target.key))}
        new_targets = [t for t in _pick(_json(folder, "targets.json"), set(Target.__table__.columns.keys()))
                       if t["key"] not in known_targets]
        if new_targets:
            s.execute(insert(Target), new_targets)
        store.set_state(s, _STATE_KEY, digest)
    return True


def _replace(session: Session, model: type, rows: list[dict]) -> None:
    # Stations created on the server later arrive by sync with codes of their own, so a reload
    # replaces only what the shipped files define.
    codes = [r["code"] for r in rows]
    session.execute(delete(model).where(model.code.in_(codes)))
    if rows:
        session.execute(insert(model), rows)
