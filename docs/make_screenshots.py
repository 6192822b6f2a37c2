"""Regenerate the README screenshots: run the app (csil-dashboard serve), then
``python docs/make_screenshots.py [URL]``. Needs chromium, chromedriver and Pillow."""

import sys
import time
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050/"
OUT = Path(__file__).resolve().parent
VIEWS = {
    "screenshot-fr-2019.png": "?lang=fr&date=2019-06-15",
    "screenshot-nl-example.png": "?lang=nl&dataset=example",
    "screenshot-en-breakdown.png": "?lang=en&dataset=example&region=03000&level=province",
}


def main() -> None:
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000",
                "--disable-background-networking", "--hide-scrollbars"):  # fmt: skip
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        for name, query in VIEWS.items():
            driver.get(BASE + query)
            time.sleep(8)
            if "breakdown" in name:
                driver.execute_script(
                    "document.querySelector('.breakdown').scrollIntoView({block: 'start'})"
                )
                time.sleep(1)
            path = OUT / name
            driver.save_screenshot(str(path))
            img = Image.open(path).convert("RGB")
            img = img.resize((img.width * 3 // 4, img.height * 3 // 4), Image.LANCZOS)
            img.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)
            print(path, path.stat().st_size)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
