"""The plan's targets: listing them, a region admin changing values, the shipped list, and what a pull carries."""

from __future__ import annotations

import getpass
import json
import math
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from sync.domain.rules import MAX_TARGET_VALUE, TARGET_EDITOR_ROLES
from sync.protocol import ErrorCode, PlanTarget, TargetList, TargetUpdate
from sync.server.clock import utcnow
from sync.server.errors import ApiError
from sync.server.services import audit
from sync.server.services.admin import AdminError
from sync.server.services.auth import Caller
from sync.server.store import targets
from sync.server.store.database import Database
from sync.server.store.models import Target, User
from sync.server.validation import storable

TARGETS_FILE = "targets.json"
_TEXT_LIMITS = {"key": 64, "name_zh": 200, "name_en": 200, "unit": 32, "scope": 32, "source": 200}


def current(db: Database) -> TargetList:
    with db.read() as session:
        return _target_list(targets.version(session), targets.list_all(session))


def for_pull(db: Database, known_version: int) -> tuple[int, list[PlanTarget] | None]:
    """The server's targets version, and every target when ``known_version`` (the device's) differs."""
    with db.read() as session:
        return for_pull_in(session, known_version)


def for_pull_in(session: Session, known_version: int) -> tuple[int, list[PlanTarget] | None]:
    """As for_pull, in the caller's transaction (a pull page reads its targets with its changes)."""
    version = targets.version(session)
    if version == known_version:
        return version, None
    return version, [_plan_target(t) for t in targets.list_all(session)]


def update(db: Database, caller: Caller, body: TargetUpdate, actor: audit.Actor | None = None) -> TargetList:
    """Set the values in ``body`` all at once for a region admin; ApiError 403 / 404 otherwise.
    The change goes to the audit log, as ``actor``'s (the web console's user) or the app user's."""
    if caller.viewer.role not in TARGET_EDITOR_ROLES:
        raise ApiError(403, ErrorCode.FORBIDDEN, "only a region administrator may change the plan's targets")
    with db.write() as session:
        user = session.get(User, caller.viewer.user_id)
        missing = targets.set_values(session, body.values, user.username if user else caller.viewer.user_id,
                                     utcnow())
        if missing:
            raise ApiError(404, ErrorCode.NOT_FOUND, f"no target with key {', '.join(missing)}")
        actor = actor or audit.Actor(user.username if user else caller.viewer.user_id,
                                     f"app, device {caller.device_id}")
        audit.record(session, actor, "targets_changed", ", ".join(body.values), None, values=dict(body.values))
        return _target_list(targets.version(session), targets.list_all(session))


def set_from_console(db: Database, key: str, text: str) -> PlanTarget:
    """``fieldbook-server target set KEY VALUE``: the value as typed; AdminError when it is not usable."""
    value = parse_value(text)
    with db.write() as session:
        if targets.set_values(session, {key: value}, f"console:{_login_name()}", utcnow()):
            raise AdminError(f"no target {key!r}; `fieldbook-server target list` shows the keys")
        row = session.get(Target, key)
        assert row is not None
        return _plan_target(row)


def parse_value(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise AdminError(f"the value should be a number, not {text!r}") from None
    if not math.isfinite(value) or value < 0 or value > MAX_TARGET_VALUE:
        raise AdminError(f"the value should be a number from 0 to {MAX_TARGET_VALUE:,}, not {text}")
    return value


def merge_shipped(db: Database, directory: Path) -> int | None:
    """Merge the shipped targets.json in (values an admin changed are kept); None if there is no file."""
    shipped = read_shipped(directory)
    if shipped is None:
        return None
    with db.write() as session:
        return targets.merge_shipped(session, shipped, utcnow())


def import_if_empty(db: Database, directory: Path) -> int | None:
    """At a server's start: the shipped targets into a server that has none yet (a new or upgraded
    one); how many were added, or None when there was nothing to do."""
    with db.read() as session:
        if targets.count(session):
            return None
    return merge_shipped(db, directory)


def read_shipped(directory: Path) -> list[dict[str, Any]] | None:
    path = directory / TARGETS_FILE
    if not path.exists():
        return None
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AdminError(f"cannot read {path}: {exc}") from None
    if not isinstance(rows, list):
        raise AdminError(f"{path} should hold a list")
    return [_shipped_row(row, index) for index, row in enumerate(rows)]


def _shipped_row(row: Any, index: int) -> dict[str, Any]:
    where = f"{TARGETS_FILE} entry {index + 1}"
    if not isinstance(row, dict):
        raise AdminError(f"{where} is not an object")
    values: dict[str, Any] = {}
    for name, limit in _TEXT_LIMITS.items():
        text = row.get(name, "" if name in ("unit", "source") else None)
        if not isinstance(text, str) or len(text) > limit or not storable(text) or (not text and name == "key"):
            raise AdminError(f"{where}: {name} should be a text of at most {limit} characters")
        values[name] = text
    value = row.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= MAX_TARGET_VALUE:
        raise AdminError(f"{where} ({values['key']}): value should be a number from 0 to {MAX_TARGET_VALUE:,}")
    values["value"] = float(value)
    return values


def _target_list(version: int, rows: Any) -> TargetList:
    return TargetList(version=version, targets=[_plan_target(t) for t in rows])


def _plan_target(row: Target) -> PlanTarget:
    return PlanTarget(key=row.key, name_zh=row.name_zh, name_en=row.name_en, value=row.value, unit=row.unit,
                      scope=row.scope, source=row.source, revision=row.revision, updated_at=row.updated_at,
                      updated_by=row.updated_by)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


