"""A headless writer for the crash tests: saves visits forever, printing each id once the save returned."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from desktop.domain.records import Household, Visit
from desktop.profile import open_profile
from desktop.services.records import RecordService
from sync.domain.vocabulary import Role


def main(folder: str) -> None:
    profile = open_profile(Path(folder))
    identity = profile.identity.current() or profile.identity.set_up(
        "王芳", Role.SPECIALIST, "commissioner", "WS-045", "150422")[0]
    service = RecordService(profile.store, identity, today=lambda: dt.date(2026, 6, 30))
    home, _ = service.save(Household(name="巴特尔", village_code="150422100200"))
    n = 0
    while True:
        n += 1
        saved, _ = service.save(Visit(
            visit_date=dt.date(2026, 6, 1 + n % 28), duration_hours=2.0, village_code="150422100200",
            household_ids=(home.id,), service_types=("guidance",), industry="肉牛",
            problem=f"第{n}次 犊牛腹泻", advice="补液",
        ))
        if n % 3 == 0:  # edits too, so updates are interrupted as well as inserts
            service.save(saved.with_changes(advice=f"补液，复查{n}"))
        print(saved.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
