"""Take full-page screenshots of the running app in headless Debian chromium.

Usage: python scripts/screenshot.py URL OUT.png [WIDTHxHEIGHT]
Used to look at pages as users see them (desktop 1400x1000, projector 1920x1080).
"""

from __future__ import annotations

import shutil
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options


def main(url: str, out: str, size: str = "1400x1000", mode: str = "full") -> None:
    """``mode`` "full" captures the whole page; "window" only the first screenful."""
    width, height = (int(p) for p in size.split("x"))
    options = Options()
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(options=options)
    try:
        driver.get(url)
        time.sleep(4)
        if mode == "full":
            full = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
            driver.set_window_size(width, min(int(full) + 50, 6000))
            time.sleep(1.5)
        driver.save_screenshot(out)
        for entry in driver.get_log("browser"):
            if entry.get("level") == "SEVERE":
                print("console:", entry.get("message"))
    finally:
        driver.quit()


if __name__ == "__main__":
    main(*sys.argv[1:])
