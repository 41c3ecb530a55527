"""Screenshots of pages for a human to look at: scripts/screenshot.py URL [URL...]

Saves phone (390x844) and desktop (1280x800) PNGs under var/screenshots/. Set LOGIN=handle
(password: the demo password) to look as a member.
"""

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "var" / "screenshots"
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main(urls: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for size_name, (width, height) in SIZES.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            login = os.environ.get("LOGIN")
            if login:
                base = re.match(r"https?://[^/]+", urls[0]).group(0)
                page.goto(f"{base}/accounts/login/")
                page.fill("#id_login", login)
                page.fill("#id_password", os.environ.get("PASSWORD", "gathering-demo"))
                page.click("button[type=submit]")
            for url in urls:
                page.goto(url)
                name = re.sub(r"[^a-z0-9]+", "-", url.split("//", 1)[-1].lower()).strip("-")
                path = OUT / f"{name}-{size_name}.png"
                page.screenshot(path=str(path), full_page=True)
                print(path)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
