"""``fieldbook export`` run as a separate process, as a township office's scheduled task runs it."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.reports import hand_counted as hc

REPO = Path(__file__).resolve().parents[2]


def export(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "desktop.export_cli", *map(str, args)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture
def folder(records, profile) -> Path:
    hc.record_hand_counted_year(records)
    return profile.folder


def test_indicators_go_to_a_workbook_with_chinese_sheets(folder, tmp_path):
    out = tmp_path / "巴林左旗2026.xlsx"
    done = export("--profile", folder, "--year", "2026", "--area", hc.COUNTY, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "7 sheets" in done.stdout and str(out) in done.stdout
    book = load_workbook(out)
    assert book.sheetnames[0] == "指标汇总" and book["专家现场服务"]["C2"].value == hc.ONSITE_DAYS


def test_the_evaluation_report_prints_headless_in_english_too(folder, tmp_path):
    out = tmp_path / "report.pdf"
    done = export("--profile", folder, "--year", "2026", "--area", hc.COUNTY, "--format", "pdf", "--out", out,
                  "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF") and "pages" in done.stdout
    assert not list(tmp_path.glob(".*partial"))


def test_a_station_s_approved_visits_go_to_csv(folder, tmp_path):
    out = tmp_path / "visits.csv"
    done = export("--profile", folder, "--what", "visits", "--year", "2026", "--station", "WS-045", "--out", out)
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == 1 + hc.VISITS + 1  # the county's approved ones and the one in 新城区
    wider = export("--profile", folder, "--what", "visits", "--year", "2026", "--include-submitted", "--out", out)
    assert wider.returncode == 0 and f"{hc.WITH_SUBMITTED_VISITS + 1} visits" in wider.stdout


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--year", "2026", "--area", "159999"], 2, "no league or county with code 159999"),
    (["--year", "2026", "--area", "150422100"], 2, "6-digit county"),
    (["--year", "2026", "--area", hc.COUNTY, "--station", "WS-999"], 2, "no station 'WS-999'"),
    (["--area", hc.COUNTY], 2, "need --year and --area"),
    (["--year", "2026", "--area", hc.COUNTY, "--format", "csv"], 2, "xlsx or pdf"),
    (["--what", "households", "--format", "pdf"], 2, "xlsx or csv"),
    (["--year", "1850", "--area", hc.COUNTY], 2, "calendar year"),
])
def test_bad_requests_say_what_is_wrong_and_exit_2(folder, tmp_path, args, code, message):
    out = tmp_path / "out.xlsx"
    done = export("--profile", folder, *args, "--out", out)
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith("fieldbook export: error: ") and message in done.stderr
    assert not out.exists()


def test_a_folder_without_a_profile_exits_3_and_creates_nothing(tmp_path):
    empty = tmp_path / "nothing-here"
    done = export("--profile", empty, "--year", "2026", "--area", hc.COUNTY, "--out", tmp_path / "x.xlsx")
    assert done.returncode == 3 and "no Fieldbook profile" in done.stderr
    assert not empty.exists()


def test_an_unwritable_destination_exits_4(folder, tmp_path):
    done = export("--profile", folder, "--year", "2026", "--area", hc.COUNTY, "--out", tmp_path / "no" / "x.xlsx")
    assert done.returncode == 4 and "does not exist" in done.stderr


def test_an_unknown_option_is_a_usage_error(folder, tmp_path):
    done = export("--profile", folder, "--colour", "red", "--out", tmp_path / "x.xlsx")
    assert done.returncode == 2 and "unrecognized arguments" in done.stderr
