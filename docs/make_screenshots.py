"""Regenerate the README screenshots: run the app (csil-dashboard serve), then
``python docs/make_screenshots.py [URL]``. Needs chromium, chromedriver and Pillow.

Every view is taken in a 1366×768 window (the office-laptop screen): ``*.png`` is what a
user sees on opening the link; ``*-story.png`` stacks the text summary of the map, the
breakdown and the timeline of the same view, to check that they tell one story."""

import sys
import time
from pathlib import Path

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8050/"
OUT = Path(__file__).resolve().parent
STORY = (".map-summary", ".breakdown", ".timeline")
VIEWS = {
    "screenshot-en-2019": ("?lang=en&date=2019-06-15", STORY),
    "screenshot-fr-2016": ("?lang=fr&date=2016-05-27", STORY),
    "screenshot-nl-example": ("?lang=nl&dataset=example", ()),
    "screenshot-fr-province": ("?lang=fr&date=2019-06-15&province=60000", ()),
    "screenshot-en-breakdown": ("?lang=en&dataset=example&region=03000&level=province",
                                (".breakdown",)),
}  # fmt: skip


def save(img: Image.Image, path: Path) -> None:
    img = img.convert("RGB")
    img = img.resize((img.width * 3 // 4, img.height * 3 // 4), Image.LANCZOS)
    img.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)
    print(path, path.stat().st_size)


def main() -> None:
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768",
                "--disable-background-networking", "--hide-scrollbars"):  # fmt: skip
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    tmp = OUT / ".shot.png"
    try:
        for name, (query, sections) in VIEWS.items():
            driver.get(BASE + query)
            time.sleep(9)
            driver.save_screenshot(str(tmp))
            if name != "screenshot-en-breakdown":
                save(Image.open(tmp), OUT / f"{name}.png")
            parts = []
            for css in sections:
                el = driver.find_element(By.CSS_SELECTOR, css)
                driver.execute_script(
                    "arguments[0].scrollIntoView({block: 'start'});window.scrollBy(0, -80)", el
                )  # the sticky banner
                time.sleep(1)
                el.screenshot(str(tmp))
                parts.append(Image.open(tmp).convert("RGB"))
            if parts:
                width = max(p.width for p in parts)
                story = Image.new("RGB", (width, sum(p.height for p in parts)), "white")
                y = 0
                for p in parts:
                    story.paste(p, (0, y))
                    y += p.height
                suffix = "" if name == "screenshot-en-breakdown" else "-story"
                save(story, OUT / f"{name}{suffix}.png")
    finally:
        driver.quit()
        tmp.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
