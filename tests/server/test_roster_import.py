"""``fieldbook-server user import``: a roster checked row by row, written all at once, idempotent."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, text

from sync.domain.vocabulary import RecordType
from sync.protocol import ActivateRequest, LoginRequest
from sync.server.errors import ApiError
from sync.server.services import activation, auth, reference_import
from sync.server.store import migrate
from sync.server.store.database import Database
from sync.server.store.models import ActivationCode, AuditEntry, Record, User

from .conftest import BACKENDS, fresh_database
from .roster_files import write_csv, write_xlsx
from .support import run_in_process

GOOD = [("乌云", "13812345678", "专家", "特聘农技员", "WS-001", "", ""),
        ("张丽", 13912345678, "站长", "科技特派员", "晟源山茶科技特派员专家工作站", "150125", ""),
        ("巴图", "13712345678", "旗县管理员", "", "", "巴林左旗", "赤峰市"),
        ("高娃", "13612345678", "盟市管理员", "", "", "", "1504")]


@pytest.fixture(scope="module", params=BACKENDS)
def reference_db(request, tmp_path_factory) -> Iterator[str]:
    directory = tmp_path_factory.mktemp(f"roster-{request.param}")
    with fresh_database(request.param, directory) as url:
        db = Database(url)
        migrate.upgrade(db)
        reference_import.import_reference(db, reference_import.default_reference_dir())
        db.dispose()
        yield url


@pytest.fixture
def db(reference_db: str) -> Iterator[Database]:
    database = Database(reference_db)
    yield database
    with database.write() as session:  # each test starts without accounts
        for table in ("console_sessions", "activation_codes", "devices", "login_failures", "audit_log"):
            session.execute(text(f"DELETE FROM {table}"))
        session.execute(delete(Record).where(Record.record_type == RecordType.USER.value))
        session.execute(delete(User))
    database.dispose()


def _users(db: Database) -> dict[str, User]:
    with db.read() as session:
        return {u.username: u for u in session.execute(select(User)).scalars()}


def test_a_clean_roster_creates_the_accounts_and_writes_activation_sheets(db, tmp_path, capsys, monkeypatch):
    roster = write_xlsx(tmp_path / "名单.xlsx", GOOD)
    status, out, err = run_in_process(capsys, monkeypatch, "user", "import", str(roster), "--db", db.url,
                                      "--sheets", str(tmp_path / "sheets.pdf"))
    assert status == 0, err
    assert "4 rows checked: 4 accounts were created, 0 updated" in out
    accounts = _users(db)
    assert (accounts["13812345678"].display_name, accounts["13812345678"].station_id,
            accounts["13812345678"].specialist_type) == ("乌云", "WS-001", "hired_agent")
    assert accounts["13912345678"].role == "station_manager"
    assert (accounts["13712345678"].role, accounts["13712345678"].county_code) == ("county_admin", "150422")
    assert (accounts["13612345678"].league_code, accounts["13612345678"].county_code) == ("1504", None)
    pages = subprocess.run(["pdftotext", str(tmp_path / "sheets.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    station_page = next(page for page in pages if "晟源山茶科技特派员专家工作站" in page)
    assert "乌云" in station_page and "13812345678" in station_page and "张丽" in station_page
    assert "巴图" not in station_page and any("巴图" in page and "高娃" in page for page in pages)
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(ActivationCode)) == 4
        user_record = session.get(Record, (RecordType.USER.value, accounts["13812345678"].id))
        assert user_record.fields["specialist_type"] == "hired_agent"
        [entry] = session.execute(select(AuditEntry)).scalars().all()
        assert (entry.action, entry.target, entry.detail["created"]) == ("roster_import", "名单.xlsx", 4)
        assert entry.actor.startswith("console:") and entry.source.startswith("command line")


def test_importing_the_same_roster_twice_changes_nothing_the_second_time(db, tmp_path, capsys, monkeypatch):
    roster = write_csv(tmp_path / "roster.csv", GOOD)
    assert run_in_process(capsys, monkeypatch, "user", "import", str(roster), "--db", db.url,
                          "--sheets", str(tmp_path / "a.pdf"))[0] == 0
    with db.read() as session:
        before = session.execute(select(Record.record_id, Record.revision, Record.change_seq)).all()
    status, out, _ = run_in_process(capsys, monkeypatch, "user", "import", str(roster), "--db", db.url,
                                    "--sheets", str(tmp_path / "b.pdf"))
    assert status == 0 and "0 accounts were created, 0 updated, 4 already up to date" in out
    assert not (tmp_path / "b.pdf").exists()
    with db.read() as session:
        assert session.execute(select(Record.record_id, Record.revision, Record.change_seq)).all() == before
        assert session.scalar(select(func.count()).select_from(ActivationCode)) == 4


def test_a_changed_row_updates_the_account_and_its_scope(db, tmp_path, capsys, monkeypatch):
    assert run_in_process(capsys, monkeypatch, "user", "import", str(write_xlsx(tmp_path / "a.xlsx", GOOD)),
                          "--db", db.url, "--sheets", str(tmp_path / "s.pdf"))[0] == 0
    moved = [("乌云", "13812345678", "专家", "基层农技员", "WS-002", "", ""), *GOOD[1:]]
    status, out, _ = run_in_process(capsys, monkeypatch, "user", "import", str(write_xlsx(tmp_path / "b.xlsx", moved)),
                                    "--db", db.url, "--sheets", str(tmp_path / "s2.pdf"))
    assert status == 0 and "0 accounts were created, 1 updated, 3 already up to date" in out
    user = _users(db)["13812345678"]
    assert (user.station_id, user.specialist_type, user.scope_version) == ("WS-002", "grassroots", 2)


@pytest.mark.parametrize(("row", "where", "fix"), [
    (("李明", "1381234567", "专家", "", "WS-001", "", ""), "row 3, column 手机号", "11 digits starting with 1"),
    (("李明", "13800000001", "专家", "", "WS-999", "", ""), "row 3, column 工作站", "no station 'WS-999'"),
    (("李明", "13800000001", "旗县管理员", "", "", "不存在旗", ""), "row 3, column 旗县区", "no county (旗县区) '不存在旗'"),
    (("李明", "13800000001", "园长", "", "WS-001", "", ""), "row 3, column 角色", "write 专家, 站长"),
    (("李明", "13800000001", "旗县管理员", "", "WS-001", "150125", ""), "row 3, column 工作站", "leave 工作站 empty"),
    (("李明", "13800000001", "专家", "教授", "WS-001", "", ""), "row 3, column 专家类型", "not a specialist type"),
    (("李明", "13800000001", "专家", "", "WS-001", "150422", ""), "row 3, column 旗县区", "lies in county 150125"),
    (("李明", "13812345678", "专家", "", "WS-001", "", ""), "row 3, column 手机号", "also on row 2"),
])
def test_a_bad_row_writes_nothing_and_names_row_column_and_fix(db, tmp_path, capsys, monkeypatch, row, where, fix):
    roster = write_xlsx(tmp_path / "bad.xlsx", [GOOD[0], row])
    status, out, err = run_in_process(capsys, monkeypatch, "user", "import", str(roster), "--db", db.url,
                                      "--sheets", str(tmp_path / "s.pdf"))
    assert status == 2, out + err
    assert "nothing was written" in err and where in err and fix in err, err
    assert _users(db) == {}
    assert not (tmp_path / "s.pdf").exists()


def test_every_bad_row_is_listed_at_once(db, tmp_path, capsys, monkeypatch):
    rows = [("", "123", "专家", "", "WS-001", "", ""), ("李明", "13800000001", "专家", "", "", "", "")]
    status, _, err = run_in_process(capsys, monkeypatch, "user", "import", str(write_xlsx(tmp_path / "r.xlsx", rows)),
                                    "--db", db.url)
    assert status == 2
    assert "row 2, column 姓名" in err and "row 2, column 手机号" in err and "row 3, column 工作站" in err


def test_english_headers_and_a_dry_run(db, tmp_path, capsys, monkeypatch):
    header = ("Name", "Phone", "Role", "Specialist type", "Station", "County", "League")
    roster = write_csv(tmp_path / "roster.csv", [("Wuyun", "13812345678", "specialist", "hired_agent", "WS-001", "", "")],
                       header)
    status, out, _ = run_in_process(capsys, monkeypatch, "user", "import", str(roster), "--db", db.url, "--dry-run")
    assert status == 0 and "1 accounts would be created" in out and "nothing was written" in out
    assert _users(db) == {}


@pytest.mark.parametrize(("name", "content", "message"), [
    ("roster.xlsx", b"PK\x03\x04 not really a zip", "not an Excel workbook"),
    ("roster.xlsx", b"", "not an Excel workbook"),
    ("roster.csv", "姓名,电话\n乌云,138\n".encode(), "no column 手机号"),
])
def test_a_file_that_is_not_a_roster_is_refused_clearly(db, tmp_path, capsys, monkeypatch, name, content, message):
    (tmp_path / name).write_bytes(content)
    status, _, err = run_in_process(capsys, monkeypatch, "user", "import", str(tmp_path / name), "--db", db.url)
    assert status == 2 and message in err, err


def test_an_activation_code_works_once_and_sets_the_password(db, tmp_path, capsys, monkeypatch):
    assert run_in_process(capsys, monkeypatch, "user", "import", str(write_xlsx(tmp_path / "a.xlsx", GOOD[:1])),
                          "--db", db.url, "--sheets", str(tmp_path / "s.pdf"))[0] == 0
    status, out, _ = run_in_process(capsys, monkeypatch, "user", "activation-code", "13812345678", "--db", db.url)
    code = out.split(": ")[1].split()[0]
    with pytest.raises(ApiError) as refused:
        auth.login(db, LoginRequest(username="13812345678", password="anything long", device_id="d1", device_name="pc"))
    assert "not activated yet" in refused.value.detail
    request = ActivateRequest(username="13812345678", activation_code=code.lower().replace("-", " "),
                              new_password="my new password", device_id="d1", device_name="pc")
    response = activation.activate(db, request, "127.0.0.1")
    assert response.display_name == "乌云" and response.token
    with pytest.raises(ApiError) as again:
        activation.activate(db, request, "127.0.0.1")
    assert "used already" in again.value.detail
    assert auth.login(db, LoginRequest(username="13812345678", password="my new password", device_id="d1",
                                       device_name="pc")).user_id == response.user_id


def test_an_expired_or_foreign_code_is_refused(db, tmp_path, capsys, monkeypatch):
    assert run_in_process(capsys, monkeypatch, "user", "import", str(write_xlsx(tmp_path / "a.xlsx", GOOD[:2])),
                          "--db", db.url, "--sheets", str(tmp_path / "s.pdf"))[0] == 0
    code = run_in_process(capsys, monkeypatch, "user", "activation-code", "13812345678",
                          "--db", db.url)[1].split(": ")[1].split()[0]
    foreign = ActivateRequest(username="13912345678", activation_code=code, new_password="my new password",
                              device_id="d2", device_name="pc")
    with pytest.raises(ApiError) as refused:
        activation.activate(db, foreign, "127.0.0.1")
    assert refused.value.status == 401
    with db.write() as session:
        for row in session.execute(select(ActivationCode)).scalars():
            row.expires_at = row.created_at
    with pytest.raises(ApiError) as expired:
        activation.activate(db, foreign.model_copy(update={"username": "13812345678"}), "127.0.0.1")
    assert "expired" in expired.value.detail
