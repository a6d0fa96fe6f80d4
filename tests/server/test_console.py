"""The web console against a real server: sign-in and its cookie, CSRF, escaping, the roster import
with its preview, limits on uploads, sign-out and idle expiry, the indicators and the XLSX export."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from sync.domain.vocabulary import RecordType, Role
from sync.server.services import admin
from sync.server.store import users
from sync.server.store.models import ConsoleSession, User

from .console_client import ConsoleClient
from .roster_files import xlsx_bytes
from .support import PASSWORD, World, visit_fields

HOME, AWAY = "150125", "150422"


def _client(world: World, role: Role = Role.COUNTY_ADMIN, **area) -> tuple[ConsoleClient, str]:
    area = area or ({"county": HOME} if role is Role.COUNTY_ADMIN else {})
    account = world.user(role, **area)
    client = ConsoleClient(world.server)
    assert client.sign_in(account.username, PASSWORD).status_code == 303
    return client, account.username


def test_signing_in_sets_a_strict_http_only_cookie_and_secure_behind_tls(world: World):
    account = world.user(Role.COUNTY_ADMIN, county=HOME)
    client = ConsoleClient(world.server)
    response = client.sign_in(account.username, PASSWORD)
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Secure" not in cookie
    page = client.get("/console/indicators")
    assert page.status_code == 200 and "Name of " + account.username in page.text
    behind_tls = ConsoleClient(world.server)
    behind_tls.http.headers["X-Forwarded-Proto"] = "https"
    form = behind_tls.get("/console/login")
    assert "Secure" in form.headers["set-cookie"]  # so the browser sends it back over https only: given here
    token = form.headers["set-cookie"].split("=", 1)[1].split(";")[0]
    answer = behind_tls.post("/console/login", {"username": account.username, "password": PASSWORD},
                             cookies={"fieldbook_console_login": token})
    assert "Secure" in answer.headers["set-cookie"]


def test_a_wrong_password_is_refused_in_chinese_and_throttled(world: World):
    account = world.user(Role.COUNTY_ADMIN, county=HOME)
    client = ConsoleClient(world.server)
    refused = client.sign_in(account.username, "wrong password")
    assert refused.status_code == 401 and "用户名或密码错误。" in refused.text
    for _ in range(5):
        refused = client.sign_in(account.username, "wrong password")
    assert refused.status_code == 429 and "登录失败次数过多" in refused.text


def test_a_forged_post_without_the_csrf_token_changes_nothing(world: World):
    client, _ = _client(world)
    member = world.user(Role.SPECIALIST, world.station(HOME))
    for token in (None, "forged"):
        data = {} if token is None else {"csrf": token}
        answer = client.post(f"/console/accounts/{member.username}/deactivate", data, with_csrf=False)
        assert answer.status_code == 403 and "未做任何修改" in answer.text
    with world.db.read() as session:
        assert users.by_username(session, member.username).active
    assert client.post(f"/console/accounts/{member.username}/deactivate").status_code == 303
    with world.db.read() as session:
        assert not users.by_username(session, member.username).active


def test_stored_strings_are_escaped_on_every_page(world: World):
    station = world.station(HOME)
    evil = "<script>alert('x')</script>"
    username = f"xss-{station}"
    admin.add_user(world.db, username, evil, Role.SPECIALIST, PASSWORD, admin.Area(station=station))
    device = world.login(world.user(Role.SPECIALIST, station))
    device.login_name = username
    client, _ = _client(world)
    for path in ("/console/accounts", "/console/devices"):
        page = client.get(path)
        assert evil not in page.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in client.get("/console/accounts").text


def test_a_roster_with_an_error_writes_nothing_then_the_fixed_one_is_previewed_and_imported(world: World):
    station = world.station(HOME)
    client, _ = _client(world)
    bad = xlsx_bytes([("乌兰", "13800001111", "专家", "特聘农技员", station, "", ""),
                      ("萨仁", "1380000", "专家", "", station, "", "")])
    answer = client.http.post(world.server.url("/console/roster"), data={"csrf": client.csrf},
                              files={"roster": ("名单.xlsx", bad)}, timeout=60)
    assert answer.status_code == 422 and "row 3" not in answer.text  # rows and columns are in the table
    assert "<td class=\"num\">3</td><td>手机号</td>" in answer.text
    with world.db.read() as session:
        assert users.by_username(session, "13800001111") is None
    good = xlsx_bytes([("乌兰", "13800001111", "专家", "特聘农技员", station, "", ""),
                       ("萨仁", "13800002222", "专家", "", station, "", "")])
    preview = client.http.post(world.server.url("/console/roster"), data={"csrf": client.csrf},
                               files={"roster": ("名单.xlsx", good)}, timeout=60)
    assert preview.status_code == 200 and 'id="would-create">2<' in preview.text
    with world.db.read() as session:
        assert users.by_username(session, "13800001111") is None  # a preview writes nothing
    token = preview.text.split('name="token" value="')[1].split('"')[0]
    done = client.post("/console/roster/import", {"token": token, "filename": "名单.xlsx"})
    assert done.status_code == 200 and 'id="created">2<' in done.text
    sheet = done.text.split('id="sheets" href="')[1].split('"')[0]
    pdf = client.get(sheet)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    with world.db.read() as session:
        assert users.by_username(session, "13800001111").specialist_type == "hired_agent"
    other, _ = _client(world)
    assert other.get(sheet).status_code == 404  # the codes are for whoever imported them


@pytest.mark.parametrize(("name", "content", "status", "text"), [
    ("big.xlsx", b"x" * (10 * 1024 * 1024 + 10), 413, "文件超过 10 MB"),
    ("roster.xlsx", b"%PDF-1.4 not a workbook", 422, "not an Excel workbook"),
])
def test_uploads_over_10_mb_or_not_a_workbook_are_refused_clearly(world: World, name, content, status, text):
    client, _ = _client(world)
    answer = client.http.post(world.server.url("/console/roster"), data={"csrf": client.csrf},
                              files={"roster": (name, content)}, timeout=60)
    assert answer.status_code == status and text in answer.text


def test_the_template_sheet_has_the_roster_headers(world: World):
    client, _ = _client(world)
    sheet = load_workbook(io.BytesIO(client.get("/console/roster/template.xlsx").content)).active
    assert [c.value for c in sheet[1]] == ["姓名", "手机号", "角色", "专家类型", "工作站", "旗县区", "盟市"]


def test_signing_out_and_idling_end_the_session(world: World):
    client, username = _client(world)
    assert client.post("/console/logout").status_code == 303
    assert client.get("/console/indicators").headers["location"].startswith("/console/login")
    client, username = _client(world)
    with world.db.write() as session:
        user_id = session.execute(select(User.id).where(User.username == username)).scalar_one()
        session.execute(update(ConsoleSession).where(ConsoleSession.user_id == user_id).values(
            last_seen_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=31)))
    assert client.get("/console/indicators").status_code == 303


def test_a_county_admin_sees_their_county_and_drills_down_to_a_specialist(world: World):
    station = world.station(HOME)
    device = world.login(world.user(Role.SPECIALIST, station))
    year = dt.date.today().year
    device.push(device.create(RecordType.VISIT, visit_fields(visit_date=f"{year}-05-01", review_state="submitted")))
    client, _ = _client(world)
    county = client.get("/console/indicators")
    assert county.status_code == 200 and f"station={station}" in county.text
    assert "仅已审核通过的记录" in county.text  # the rule in force is stated: not reviewed yet, not counted
    assert 'id="visits">0<' in client.get(f"/console/indicators?area={HOME}&station={station}").text
    at_station = client.get(f"/console/indicators?area={HOME}&station={station}&submitted=true")
    assert 'id="visits">1<' in at_station.text and device.account.username in at_station.text
    assert "已提交未审核" in at_station.text and "submitted=true" in at_station.text  # drill-down keeps the rule
    person = client.get(f"/console/indicators?area={HOME}&station={station}&specialist={device.user_id}"
                        "&submitted=true")
    assert person.status_code == 200 and "<b>1</b>" in person.text
    away = client.get(f"/console/indicators?area={AWAY}")
    assert away.status_code == 403
    exported = client.get(f"/console/export.xlsx?area={HOME}&station={station}&submitted=true").content
    assert load_workbook(io.BytesIO(exported)).worksheets[0]["B2"].value == 1


def test_english_is_one_click_away(world: World):
    client, _ = _client(world)
    client.get("/console/lang/en?next=/console/accounts")
    assert "Sign out" in client.get("/console/accounts").text


def test_a_specialist_in_the_console_sees_only_their_own_figures(world: World):
    station = world.station(HOME)
    year = dt.date.today().year
    me, colleague = (world.login(world.user(Role.SPECIALIST, station)) for _ in range(2))
    me.push(me.create(RecordType.VISIT, visit_fields(visit_date=f"{year}-05-01", review_state="submitted")))
    colleague.push(*(colleague.create(RecordType.VISIT, visit_fields(visit_date=f"{year}-05-0{d}",
                                                                     review_state="submitted")) for d in (2, 3)))
    client = ConsoleClient(world.server)
    assert client.sign_in(me.account.username, PASSWORD).status_code == 303
    for path in ("/console/indicators?submitted=true", f"/console/indicators?area={HOME}&submitted=true"):
        page = client.get(path)
        assert 'id="visits">1<' in page.text and colleague.account.username not in page.text
    assert client.get("/console/audit").status_code == 404
