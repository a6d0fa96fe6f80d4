"""Every console page in Chinese and English in Chromium at 1366×768: it renders, nothing runs off the
side of the screen, and a screenshot is kept (FIELDBOOK_CONSOLE_SCREENSHOTS=DIR saves them there;
tools/console_screenshots.py makes the ones under docs/screenshots/console)."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pytest
import requests
from openpyxl import load_workbook

from sync.domain.vocabulary import RecordType, Role
from sync.server.services import admin, audit, reference_import, roster_import
from sync.server.services import targets as target_service
from sync.server.services.evaluation import evaluation_document
from tests.browser.chromium import chromium, click_and_load, console_sign_in, require_chromium
from tests.server.roster_files import write_xlsx, xlsx_bytes
from tests.server.support import PASSWORD, World, visit_fields

COUNTY, STATION = "150422", "WS-045"
VILLAGES = ("150422100200", "150422100201", "150422101200", "150422102201")
SPECIALISTS = (("斯琴", "hired_agent"), ("阿拉坦", "commissioner"), ("王芳", "grassroots"), ("巴特尔", "three_areas"))


@pytest.fixture(scope="module")
def backend() -> str:
    return "sqlite"


def _year_of_work(world: World) -> None:
    year = dt.date.today().year
    types = ("guidance", "policy", "transfer", "training", "marketing")
    industries = ("肉牛", "玉米", "肉羊", "谷子")
    for index, (name, kind) in enumerate(SPECIALISTS):
        phone = f"1364776{index:04d}"
        roster_import.import_roster(world.db, xlsx_bytes([(name, phone, "专家", kind, STATION, "", "")]),
                                    "roster.xlsx", audit.command_line())
        admin.set_password(world.db, phone, PASSWORD)
        device = world.login(type("A", (), {"username": phone})())
        entries = [device.create(RecordType.VISIT, visit_fields(
            visit_date=f"{year}-{month:02d}-{day:02d}", village_code=VILLAGES[(index + day) % 4],
            service_types=[types[(index + day) % 5]], industry=industries[(month + index) % 4],
            station_id=STATION, mode="onsite" if day % 3 else "phone", review_state="submitted"))
            for month in range(3, 3 + 2 + index) for day in (3, 11, 19)]
        device.push(*entries)


@pytest.fixture(scope="module")
def scene(server, server_db):
    require_chromium()
    world = World(server, server_db)
    reference_import.import_reference(server_db, reference_import.default_reference_dir())
    target_service.merge_shipped(server_db, reference_import.default_reference_dir())
    _year_of_work(world)
    region = world.user(Role.REGION_ADMIN)
    admin.add_user(server_db, "hongmei", "<b>红梅</b>", Role.COUNTY_ADMIN, PASSWORD, admin.Area(county=COUNTY))
    return world, region


PAGES = (
    # The year's visits are submitted, not yet reviewed: the pages count them on request, and say so.
    ("indicators-region", "/console/indicators?submitted=true"),
    ("indicators-county", f"/console/indicators?area={COUNTY}&submitted=true"),
    ("indicators-station", f"/console/indicators?area={COUNTY}&station={STATION}&submitted=true"),
    ("accounts", "/console/accounts"),
    ("roster", "/console/roster"),
    ("devices", "/console/devices"),
    ("targets", "/console/targets"),
    ("audit", "/console/audit"),
    ("evaluation-region", "/console/evaluation?submitted=true"),
    ("evaluation-county", f"/console/evaluation?area={COUNTY}&submitted=true"),
)


def _fits(browser) -> None:
    width = browser.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{browser.current_url} is {width[0]} px wide in a {width[1]} px window"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_console_page_renders_and_fits_1366_by_768(scene, lang, tmp_path):
    from selenium.webdriver.common.by import By

    world, region = scene
    folder = Path(os.environ.get("FIELDBOOK_CONSOLE_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    base = world.server.base_url
    with chromium(tmp_path) as browser:
        browser.get(f"{base}/console/lang/{lang}?next=/console/login")
        browser.save_screenshot(str(folder / f"login-{lang}.png"))
        console_sign_in(browser, base, region.username, PASSWORD)
        for name, path in PAGES:
            browser.get(base + path)
            assert browser.find_elements(By.ID, "sign-out"), browser.page_source[:500]
            _fits(browser)
            browser.save_screenshot(str(folder / f"{name}-{lang}.png"))
            if name == "accounts":  # a name holding markup is shown as the text it is
                assert browser.find_elements(By.XPATH, "//td[text()='<b>红梅</b>']")
        # The evaluation page shows the figures of the one evaluation function, and exports them.
        browser.get(f"{base}/console/evaluation?area={COUNTY}&submitted=true")
        served = evaluation_document(world.db, int(browser.find_element(By.NAME, "year").get_attribute("value")),
                                     COUNTY, approved_only=False)
        shown = [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
                 for row in browser.find_elements(By.CSS_SELECTOR, "#units-specialist tbody tr")]
        assert served["units"]["specialist"] and [(r[2], float(r[-1])) for r in shown] == [
            (u["unit_id"], u["score"]) for u in served["units"]["specialist"]]
        export = browser.find_element(By.ID, "export").get_attribute("href")
        cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
        book = load_workbook(io.BytesIO(requests.get(export, cookies=cookies, timeout=60).content))
        sheet = book[book.sheetnames[1]]  # the specialists, in the page's language
        assert [(r[2], r[-1]) for r in sheet.iter_rows(min_row=2, values_only=True)] == [
            (u["unit_id"], u["score"]) for u in served["units"]["specialist"]]
        browser.get(f"{base}/console/indicators?area={COUNTY}&station={STATION}&submitted=true")
        click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "table a"))
        browser.save_screenshot(str(folder / f"indicators-specialist-{lang}.png"))
        browser.get(base + "/console/roster")
        bad = write_xlsx(tmp_path / "roster.xlsx", [("乌兰", "13800001111", "专家", "教授", "WS-999", "", ""),
                                                    ("萨仁", "1380000", "站长", "", STATION, "巴林右旗", "")])
        browser.find_element(By.ID, "roster-file").send_keys(str(bad))
        click_and_load(browser, browser.find_element(By.ID, "check"))
        assert browser.find_elements(By.ID, "row-problems")
        _fits(browser)
        browser.save_screenshot(str(folder / f"roster-errors-{lang}.png"))
        good = write_xlsx(tmp_path / "good.xlsx", [("乌兰", "13800001111", "专家", "特聘农技员", STATION, "", "")])
        browser.find_element(By.ID, "roster-file").send_keys(str(good))
        click_and_load(browser, browser.find_element(By.ID, "check"))
        browser.save_screenshot(str(folder / f"roster-preview-{lang}.png"))
        browser.get(base + "/console/accounts")
        click_and_load(browser, browser.find_element(By.CSS_SELECTOR, "button.reset-code"))
        assert browser.find_elements(By.ID, "activation-code")
        browser.save_screenshot(str(folder / f"activation-code-{lang}.png"))
