"""Make the README's screenshots of the web console: every page in Chinese and English at 1366×768.

Runs tests/browser/test_console_pages.py (a real server, Debian's Chromium) with its screenshots kept
in docs/screenshots/console/. Run: `.venv/bin/python tools/console_screenshots.py`
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    folder = ROOT / "docs" / "screenshots" / "console"
    env = {**os.environ, "FIELDBOOK_CONSOLE_SCREENSHOTS": str(folder)}
    status = subprocess.call([sys.executable, "-m", "pytest", "-q", "tests/browser/test_console_pages.py"],
                             cwd=ROOT, env=env)
    if status == 0:
        print(f"screenshots in {folder.relative_to(ROOT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
