"""The server's division list and annex industries: imported with the reference data, upgraded into place."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from resources import resource_path
from sync.server import cli
from sync.server.services import admin, reference_import
from sync.server.store import divisions, migrate
from sync.server.store.database import Database

DIVISIONS = 15_937  # 12 leagues, 108 counties, 1,225 townships, 14,592 villages
ANNEX_INDUSTRIES = 73  # (county, industry, annex) rows of annexes 1 and 3


def run(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    status = cli.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def url(tmp_path: Path, capsys, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'server.db'}"
    assert run(capsys, monkeypatch, "db", "upgrade", "--db", url)[0] == 0
    return url


def test_import_reference_loads_the_official_divisions_and_the_annexes(url, capsys, monkeypatch):
    for _ in range(2):  # a second import replaces the lists with the same ones
        status, out, err = run(capsys, monkeypatch, "import-reference", "--db", url)
        assert status == 0, err
        assert f"{DIVISIONS} divisions and {ANNEX_INDUSTRIES} annex industries loaded" in out
    db = Database(url)
    try:
        with db.read() as s:
            assert divisions.count(s) == DIVISIONS and divisions.name_of(s, "150422") == "巴林左旗"
            [county], names = divisions.county_geographies(s, "150422")
            assert ("150422", "national_teams") in {(c, a) for c, _, a in divisions.annex_rows(s)}
    finally:
        db.dispose()
    assert (len(county.township_codes), len(county.village_codes)) == (11, 166)
    assert {"牧草", "肉驴", "笤帚", "牛"} <= county.leading_industries  # team, team, station, squad
    assert names["150422102"] == "十三敖包镇"


def test_a_broken_division_row_is_named_and_nothing_is_half_imported(url, tmp_path, capsys, monkeypatch):
    folder = tmp_path / "reference"
    shutil.copytree(resource_path("reference"), folder)
    lines = (folder / "divisions.csv").read_text(encoding="utf-8").splitlines()
    lines[5] = "1501020010,海拉尔东路街道,township,150102"
    (folder / "divisions.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    status, _, err = run(capsys, monkeypatch, "import-reference", "--dir", str(folder), "--db", url)
    assert status == 1 and "divisions.csv line 6" in err and "'1501020010'" in err
    db = Database(url)
    try:
        with db.read() as s:
            assert divisions.count(s) == 0
    finally:
        db.dispose()


def test_a_server_upgraded_to_the_reports_gets_its_divisions_at_the_next_start(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        migrate.upgrade(db, "0001")
        admin.add_station(db, "WS-1", "老站", "150125")
        migrate.upgrade(db)
        reference = resource_path("reference")
        summary = reference_import.import_if_empty(db, reference)
        assert summary == reference_import.ImportSummary(0, 0, DIVISIONS, ANNEX_INDUSTRIES)
        assert reference_import.import_if_empty(db, reference) is None
        assert [s.code for s in admin.list_stations(db)] == ["WS-1"]  # its stations are left as they are
    finally:
        db.dispose()
