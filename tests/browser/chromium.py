"""Debian's Chromium driven by Selenium: the system browser and driver, headless, never a download."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1366,768",
         "--lang=zh-CN")


def require_chromium() -> None:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Debian's chromium and chromium-driver are not installed (.ci/run installs them)")


@contextmanager
def chromium(download_dir: Path) -> Iterator:
    """A headless Chromium at 1366×768 that saves downloads into ``download_dir``."""
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch a browser or a driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(download_dir),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which(str(CHROMEDRIVER))))
    driver.set_window_size(1366, 768)
    driver.set_page_load_timeout(60)
    driver.implicitly_wait(15)  # a loaded machine may take a while to render the next page
    try:
        yield driver
    finally:
        driver.quit()


def wait_for_file(directory: Path, suffix: str, timeout: float = 30.0) -> Path:
    """The first finished download ending in ``suffix``. Chromium reserves the final name with an
    empty file while it writes ``….crdownload``: finished is non-empty with no download under way."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        under_way = any(directory.glob("*.crdownload"))
        done = [p for p in directory.glob(f"*{suffix}") if p.stat().st_size > 0]
        if done and not under_way:
            return done[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} download in {directory} after {timeout} s")


def click_and_load(driver, element, timeout: float = 30.0) -> None:
    """Click ``element`` (a submit button or a link) and return once the page it leads to has loaded.

    Looking for an element straight after a click can find it on the page being left, which then goes
    stale or shows the old figures; waiting for the old document to go stale rules that out."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(driver, timeout)
    wait.until(expected_conditions.staleness_of(old))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def console_sign_in(driver, base_url: str, username: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(base_url + "/console/login")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    click_and_load(driver, driver.find_element(By.ID, "sign-in"))
