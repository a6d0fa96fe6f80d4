"""End to end in a real browser over PostgreSQL: a county officer signs in to the console, imports a
roster with an error, fixes it, imports it, hands out a code; the specialist activates it from the
app's sign-in, records a visit and syncs; the county's dashboard shows it and exports the workbook."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt

from sync.protocol import ReviewState, Role
from sync.server.services import reference_import
from tests.browser.chromium import chromium, click_and_load, console_sign_in, require_chromium, wait_for_file
from tests.server.roster_files import write_xlsx
from tests.server.support import PASSWORD
from tests.ui.sync_fixtures import *  # noqa: F403 - the server and window fixtures

pytestmark = pytest.mark.postgres
COUNTY = "150422"  # 巴林左旗
PHONE = "13647761234"


@pytest.fixture(scope="module")
def backend() -> str:
    return "postgres"


def test_roster_to_activation_to_the_county_dashboard(qtbot, sync_window, sync_server, server_db, world, tmp_path,
                                                       add_household, add_visit, settle):
    from selenium.webdriver.common.by import By

    require_chromium()
    reference_import.import_reference(server_db, reference_import.default_reference_dir())
    officer = world.user(Role.COUNTY_ADMIN, county=COUNTY)
    wrong = write_xlsx(tmp_path / "名单-有错.xlsx", [("斯琴", PHONE, "专家", "特聘农技员", "WS-045", "巴林左旗", "赤峰市"),
                                                   ("阿拉坦", "1364776", "专家", "", "WS-045", "巴林左旗", "")])
    fixed = write_xlsx(tmp_path / "名单.xlsx", [("斯琴", PHONE, "专家", "特聘农技员", "WS-045", "巴林左旗", "赤峰市"),
                                              ("阿拉坦", "13647765678", "专家", "", "WS-045", "巴林左旗", "")])
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with chromium(downloads) as browser:
        console_sign_in(browser, sync_server.base_url, officer.username, PASSWORD)
        assert "巴林左旗" in browser.find_element(By.TAG_NAME, "h1").text

        browser.get(sync_server.base_url + "/console/roster")
        browser.find_element(By.ID, "roster-file").send_keys(str(wrong))
        click_and_load(browser, browser.find_element(By.ID, "check"))
        problems = browser.find_element(By.ID, "row-problems").find_element(By.XPATH, "..").text
        assert "手机号" in problems and "1364776" in problems and "3" in problems
        browser.find_element(By.ID, "roster-file").send_keys(str(fixed))
        click_and_load(browser, browser.find_element(By.ID, "check"))
        assert browser.find_elements(By.ID, "would-create"), browser.find_element(By.TAG_NAME, "main").text
        assert browser.find_element(By.ID, "would-create").text == "2"
        click_and_load(browser, browser.find_element(By.ID, "import"))
        assert browser.find_element(By.ID, "created").text == "2"
        browser.find_element(By.ID, "sheets").click()
        assert wait_for_file(downloads, ".pdf").read_bytes().startswith(b"%PDF")

        browser.get(sync_server.base_url + "/console/accounts")
        row = browser.find_element(By.CSS_SELECTOR, f'tr[data-username="{PHONE}"]')
        assert "待激活" in row.text and "特聘农技员" in row.text
        click_and_load(browser, row.find_element(By.CSS_SELECTOR, "button.reset-code"))
        code = browser.find_element(By.ID, "activation-code").text
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{2}", code)

        # the specialist's first sign-in, from the app
        dialog = sync_window.sync.open_sign_in()
        dialog.server.clear()
        qtbot.keyClicks(dialog.server, sync_server.base_url)
        qtbot.keyClicks(dialog.username, PHONE)
        qtbot.mouseClick(dialog.first_time, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.first_time.height() // 2))
        qtbot.keyClicks(dialog.activation_code, code)
        qtbot.keyClicks(dialog.password, "steppe-2026!")
        qtbot.keyClicks(dialog.repeat, "steppe-2026!")
        with qtbot.waitSignal(dialog.accepted, timeout=30000):
            qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        settle()
        visit = add_visit((add_household().id,))
        visit, _ = sync_window.ctx.records.save(visit.with_changes(review_state=ReviewState.SUBMITTED))
        sync_window.sync.sync_now()
        with qtbot.waitSignal(sync_window.sync.controller.sync_finished, timeout=60000) as finished:
            pass
        assert finished.args[0].error is None and finished.args[0].pushed >= 1
        settle()

        dashboard = f"{sync_server.base_url}/console/indicators?year={visit.visit_date.year}&area={COUNTY}"
        browser.get(dashboard)  # submitted, not yet reviewed: not counted, and the page says by which rule
        assert browser.find_element(By.ID, "visits").text == "0"
        assert "仅已审核通过" in browser.find_element(By.ID, "counting-rule").text
        browser.find_element(By.ID, "submitted").click()
        click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "#filter button[type=submit]"))
        assert browser.find_element(By.ID, "visits").text == "1"
        click_and_load(browser, browser.find_element(By.LINK_TEXT, "巴林左旗科技特派员工作站"))
        assert browser.find_element(By.ID, "visits").text == "1"
        click_and_load(browser, browser.find_element(By.LINK_TEXT, "斯琴"))
        assert "斯琴" in browser.find_element(By.CSS_SELECTOR, "nav.trail").text

        browser.get(dashboard + "&submitted=true")
        browser.find_element(By.ID, "export").click()
        book = load_workbook(io.BytesIO(wait_for_file(downloads, ".xlsx").read_bytes()))
        assert book.worksheets[0]["B2"].value == 1
        assert any(row[0].value == "斯琴" for row in book.worksheets[1].iter_rows(min_row=2))
