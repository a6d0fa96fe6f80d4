"""A writer killed with SIGKILL at random moments loses no reported save and leaves a sound store.

The number of kills is ``FIELDBOOK_CHAOS_RUNS`` (default 4 in the ordinary suite; 100 for the full run).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
from tests.store_files import connect
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.store_files import copy_store

WRITER = Path(__file__).with_name("writer_process.py")
ROOT = Path(__file__).resolve().parents[2]
RUNS = int(os.environ.get("FIELDBOOK_CHAOS_RUNS", "4"))


def _run_and_kill(folder: Path, rng: random.Random) -> list[str]:
    proc = subprocess.Popen([sys.executable, str(WRITER), str(folder)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    reported: list[str] = []
    wanted = rng.randint(1, 40)
    deadline = time.monotonic() + 120
    while len(reported) < wanted and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        reported.append(line.strip())
    time.sleep(rng.random() * 0.05)  # land the kill anywhere inside the next save
    proc.send_signal(signal.SIGKILL)
    rest = proc.stdout.read()  # lines printed before the kill count as reported too
    proc.wait()
    return reported + rest.split()


@pytest.mark.parametrize("run", range(RUNS))
def test_no_reported_save_is_lost_and_the_outbox_matches_the_records(tmp_path, template_profile, run):
    folder = tmp_path / "profile"
    folder.mkdir()
    copy_store(template_profile, folder)
    reported = _run_and_kill(folder, random.Random(run))
    assert reported, "the writer saved nothing before it was killed"

    with connect(folder / "fieldbook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        visits = {row[0]: row[1] for row in db.execute("SELECT id, advice FROM visits")}
        assert set(reported) <= set(visits), "a save reported as done is missing"
        creates = [r for (r,) in db.execute("SELECT record_id FROM outbox WHERE record_type='visit' AND kind='create'")]
        assert sorted(creates) == sorted(visits), "every visit has exactly one create entry, and no entry lacks its visit"
        edited = {r for (r,) in db.execute("SELECT record_id FROM outbox WHERE record_type='visit' AND kind='update'")}
        assert edited == {v for v, advice in visits.items() if advice != "补液"}
        seqs = [s for (s,) in db.execute("SELECT seq FROM outbox ORDER BY seq")]
        assert seqs == list(range(1, len(seqs) + 1))
        assert db.execute("SELECT value FROM sync_state WHERE key='next_seq'").fetchone() == (str(len(seqs) + 1),)
