"""Who is acting (for the audit log and for what they may manage) and writing their actions down."""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sync.server.clock import utcnow
from sync.server.store import audit_log


@dataclass(frozen=True)
class Actor:
    """An administrator at work: ``within`` is the area code they manage ("" for the whole region)."""

    name: str
    source: str
    within: str = ""

    def covers(self, area: str) -> bool:
        return area.startswith(self.within)


def command_line() -> Actor:
    """The server's own administrator at a shell: manages everything."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unknown"
    return Actor(f"console:{login}", f"command line on {socket.gethostname()}")


def record(session: Session, actor: Actor, action: str, target: str, area: str | None,
           **detail: Any) -> None:
    """Write one action in the caller's transaction: it is logged exactly when it happens."""
    audit_log.add(session, utcnow(), actor.name, action, target, area, actor.source, detail)
