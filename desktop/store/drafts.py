"""Autosaved form drafts, one row per open form (see services.drafts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.capture import utcnow
from desktop.store.models import Draft


def put(session: Session, form: str, payload: dict[str, Any]) -> None:
    session.merge(Draft(form=form, payload=payload, saved_at=utcnow()))


def drop(session: Session, form: str) -> None:
    draft = session.get(Draft, form)
    if draft is not None:
        session.delete(draft)


def newest_first(session: Session) -> list[tuple[str, dict[str, Any], dt.datetime]]:
    """(form, payload, saved at) of every draft, newest first."""
    return [(d.form, d.payload, d.saved_at) for d in session.scalars(select(Draft).order_by(Draft.saved_at.desc()))]
