"""The HTML report in a real browser: headless Chromium from Debian, driven by Selenium.

Skipped when Chromium, chromedriver or Selenium are missing, unless OCRFIX_REQUIRE_BROWSER
is set (CI sets it, so there a missing browser fails instead of passing silently).
"""

import importlib.util
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from ocrfix import Config, clean_text
from ocrfix.cli import main
from ocrfix.pipeline import clean_file
from ocrfix.report.html import render_report
from ocrfix.report.page import Page
from ocrfix.rules import load_rules

from test_report import HOSTILE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def _missing() -> str | None:
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed"
    if not (CHROMIUM and CHROMEDRIVER):
        return "chromium / chromedriver not found (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    why = _missing()
    if why:
        if os.environ.get("OCRFIX_REQUIRE_BROWSER"):
            pytest.fail(why)
        pytest.skip(why)
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never download
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,1000", "--disable-extensions", "--no-first-run"):
        opts.add_argument(arg)
    downloads = tmp_path_factory.mktemp("downloads")
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads)})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _open(driver, path: Path) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.as_uri())
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.body.dataset.ready") == "1")


def _write(tmp_path: Path, pages: list[Page], name: str = "report.html") -> Path:
    out = tmp_path / name
    out.write_text(render_report(pages), encoding="utf-8")
    return out


def test_seed_report_lists_edits_and_stage_filter_hides_and_shows_them(browser, tmp_path,
                                                                       seed_paths):
    from selenium.webdriver.common.by import By

    page = Page.from_doc(clean_file(str(seed_paths[0])))
    _open(browser, _write(tmp_path, [page]))
    rows = browser.find_elements(By.CSS_SELECTOR, "#p0 tr.edit")
    assert len(rows) == len(page.edits) and all(r.is_displayed() for r in rows)
    stages = [e.stage for e in page.edits]
    assert "furniture" in stages and "normalise" in stages
    box = browser.find_element(By.XPATH, "//fieldset[@id='stage-filter']//label"
                                         "[contains(., 'furniture')]/input")
    box.click()
    shown = {int(r.get_attribute("data-e")) for r in rows if r.is_displayed()}
    assert shown == {i for i, s in enumerate(stages) if s != "furniture"}
    marks = browser.find_elements(By.CSS_SELECTOR, "#p0 table.side .h[data-e]")
    for m in marks:
        off = "off" in m.get_attribute("class").split()
        assert off == (stages[int(m.get_attribute("data-e"))] == "furniture")
    browser.save_screenshot(str(tmp_path / "filtered.png"))
    box.click()
    from selenium.webdriver.common.action_chains import ActionChains

    target = next(m for m in marks if m.is_displayed())
    ActionChains(browser).move_to_element(target).perform()
    e = page.edits[int(target.get_attribute("data-e"))]
    title = target.get_attribute("title")
    assert f"{e.stage}/{e.rule}" in title and e.reason in title and f"{e.confidence:.2f}" in title
    target.click()
    assert e.reason in browser.find_element(By.ID, "detail").text
    assert all(r.is_displayed() for r in rows)
    assert not browser.find_elements(By.CSS_SELECTOR, "#p0 .off")
    shot = tmp_path / "report.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    if os.environ.get("OCRFIX_SCREENSHOT"):  # to keep a copy for a human to look at
        shutil.copy(shot, os.environ["OCRFIX_SCREENSHOT"])


def test_hostile_text_does_not_execute_or_break_layout(browser, tmp_path):
    from selenium.webdriver.common.by import By

    page = Page.from_doc(clean_text(HOSTILE, name="evil.txt"))
    _open(browser, _write(tmp_path, [page], "evil.html"))
    js = browser.execute_script
    assert browser.title == "ocrfix report: evil"
    assert js("return typeof window.__pwned") == "undefined"
    assert js("return document.querySelectorAll('img, b[onmouseover], style').length") == 1
    assert js("return document.scripts.length") == 2
    assert js("return getComputedStyle(document.body).display") == "block"
    side = browser.find_element(By.CSS_SELECTOR, "#p0 table.side")
    assert side.is_displayed() and "<script>window.__pwned=1" in side.text
    assert '"><img src=x onerror=' in side.text and "</style><style>" in side.text
    for mark in browser.find_elements(By.CSS_SELECTOR, "#p0 table.side .h[data-e]")[:5]:
        mark.click()  # tooltips and the detail box take the text as text
    assert js("return typeof window.__pwned") == "undefined"
    cells = js("return [...document.querySelectorAll('#p0 table.side tr')].map("
               "r => r.cells.length)")
    assert cells and set(cells) == {2}  # every row still has its two columns


def test_report_for_all_seeds_opens_offline_and_requests_nothing(browser, tmp_path,
                                                                seed_paths):
    pages = [Page.from_doc(clean_file(str(p))) for p in seed_paths]
    path = _write(tmp_path, pages)
    assert path.stat().st_size < 2_000_000
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": 0, "uploadThroughput": 0})
    try:
        _open(browser, path)
        js = browser.execute_script
        assert js("return performance.getEntriesByType('resource').length") == 0
        assert js("return document.querySelectorAll('tr.edit').length") == \
            sum(len(p.edits) for p in pages)
        assert js("return document.querySelectorAll('#index tbody tr').length") == len(pages)
    finally:
        browser.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def test_marks_exported_from_the_page_are_learned_and_not_repeated(browser, tmp_path, root):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    rules = tmp_path / "rules"
    shutil.copytree(root / "rules", rules)
    cfg = Config(rules_dir=str(rules))
    text = "标题一\n\n本报讯(记者 王洋)会议召开,各方参加。\n\n要闻\n\n正文继续,完。\n"
    page = Page.from_doc(clean_text(text, cfg, name="p.txt"))
    banner = next(i for i, e in enumerate(page.edits) if e.rule == "banner_list")
    paren = next(i for i, e in enumerate(page.edits) if e.before == "(")
    _open(browser, _write(tmp_path, [page]))
    for i, action in ((banner, "protect"), (paren, "pair")):
        row = browser.find_element(By.CSS_SELECTOR, f"#p0-e{i}")
        Select(row.find_element(By.CSS_SELECTOR, "select.action")).select_by_value(action)
        row.find_element(By.CSS_SELECTOR, "input.mark").click()
    browser.find_element(By.ID, "export").click()
    exported = browser.find_element(By.ID, "marks-json").get_attribute("value")
    marks = json.loads(exported)["marks"]
    assert sorted((m["edit"], m["action"]) for m in marks) == \
        sorted([(banner, "protect"), (paren, "pair")])
    path = tmp_path / "marks.json"
    path.write_text(exported, encoding="utf-8")
    try:
        res = CliRunner().invoke(main, ["rules", "learn", str(path), "--rules", str(rules)])
        assert res.exit_code == 0, res.output
        again = clean_text(text, cfg)
    finally:
        load_rules.cache_clear()
    assert "要闻" in again.text and "本报讯(记者" in again.text
    assert not any(e.rule == "banner_list" for e in again.edits)
    assert "会议召开，各方参加" in again.text
