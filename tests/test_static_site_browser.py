"""The exported demo in Chromium through a plain static file server (`python -m http.server`), at
1366 px and 375 px: charts drawn, controls switch pre-built states with the address and Back
following, the projects list filtered in the page, no console error, no request to another origin,
no serious or critical axe finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.browser import foreign_requests, serious_violations, served_folder
from tests.static_site_check import BASE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(demo_site):
    folder, _report = demo_site
    with served_folder(folder, "/en/index.html") as origin:
        yield origin, folder


def browser(width: int, height: int):
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options)
    # headless Chromium keeps windows at least 500 px wide: a phone's width is set on the page itself
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})
    return driver


def foreign(driver, origin: str) -> list[str]:
    """Requests to another origin; the pages' <link rel="alternate|canonical"> to the published
    address (--base-url) name it for search engines and oEmbed consumers, and are never fetched."""
    return [url for url in foreign_requests(driver, origin) if not url.startswith(BASE + "/")]


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def title(driver, section: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, f"#{section} .view-title").text


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (375, 812)])
def test_map_switches_states_and_keeps_the_address(served, width, height):
    origin, _folder = served
    driver = browser(width, height)
    try:
        driver.get(origin + "/en/index.html")
        wait = WebDriverWait(driver, 60)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map-view .view-chart .main-svg"))
        chart = driver.find_element(By.CSS_SELECTOR, "#map-view .view-chart")
        assert chart.size["width"] <= width and chart.size["height"] > 200
        first = title(driver, "map-view")
        assert first.startswith("SDG Index")
        Select(driver.find_element(By.ID, "map-view-goal")).select_by_value("6")
        wait.until(lambda d: title(d, "map-view") != first)
        assert title(driver, "map-view").startswith("Goal 6")
        assert driver.current_url.endswith("/en/index.html?goal=6")
        assert driver.title == title(driver, "map-view") + " · City SDG Dashboard"  # the tab follows
        # the published table leaves out each cell's column name; the script puts it back (a phone's cards)
        table = "#map-view table.card-rows"
        headers = driver.execute_script(
            f"return Array.from(document.querySelectorAll('{table} thead th')).map(th => th.textContent);")
        labels = driver.execute_script(
            f"return Array.from(document.querySelectorAll('{table} tbody tr:first-child td'))"
            ".map(td => td.getAttribute('data-label'));")
        assert len(headers) > 2 and labels == headers[1:]
        Select(driver.find_element(By.ID, "map-view-year")).select_by_value("2024")
        wait.until(lambda d: "2024" in title(d, "map-view"))
        assert driver.current_url.endswith("?goal=6&year=2024")
        driver.back()
        wait.until(lambda d: "2024" not in title(d, "map-view"))
        assert title(driver, "map-view").startswith("Goal 6")
        # an address with a state opens on it
        driver.get(origin + "/en/index.html?goal=3&view=countries")
        wait.until(lambda d: title(d, "map-view").startswith("Goal 3"))
        assert "country" in driver.find_element(By.CSS_SELECTOR, "#map-view .view-subtitle").text
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map-view .main-svg"))
        assert console_errors(driver) == []
        assert foreign(driver, origin) == []
        assert serious_violations(driver) == []
        # a place's marker opens its page, as on the live map (plotly's click, sent as plotly does)
        driver.get(origin + "/en/index.html?goal=6")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map-view .view-chart .main-svg"))
        wait.until(lambda d: d.execute_script(
            "const c = document.querySelector('#map-view .view-chart'); return !!(c && c.emit && c.data);"))
        # (this export holds six places' pages: a marker without one stays where it is)
        place = driver.execute_script(
            "const c = document.querySelector('#map-view .view-chart');"
            "const has = new Set(Array.from(c.closest('section').querySelectorAll('.view-rows a'))"
            "  .map(a => a.getAttribute('href').split('/').pop().replace('.html', '')));"
            "const rows = c.data.flatMap(t => t.customdata || []);"
            "const without = rows.find(row => !has.has(row[0]));"
            "c.emit('plotly_click', {points: [{customdata: without}]});"
            "const chosen = rows.find(row => has.has(row[0]));"
            "setTimeout(() => c.emit('plotly_click', {points: [{customdata: chosen}]}), 300);"
            "return chosen[0];")
        wait.until(lambda d: d.current_url.endswith(f"/en/city/{place}.html"))
    finally:
        driver.quit()


def test_find_your_city_opens_its_page(served):
    """The map's search box suggests the places with a page and opens the one typed, however its
    accents are typed (the published copy had no way to find a city but the table)."""
    origin, _folder = served
    driver = browser(375, 812)
    try:
        wait = WebDriverWait(driver, 60)
        driver.get(origin + "/fr/index.html")
        box = driver.find_element(By.ID, "find-city")
        box.click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#city-names option")) > 1)
        options = driver.find_elements(By.CSS_SELECTOR, "#city-names option")
        labels = [option.get_attribute("value") for option in options]
        assert any(label.startswith("Nairobi, ") for label in labels)
        box.send_keys("nairobi\n")
        wait.until(lambda d: d.current_url.endswith("/fr/city/ken-nairobi.html"))
        assert console_errors(driver) == []
    finally:
        driver.quit()


def test_city_rankings_projects_and_languages(served):
    origin, _folder = served
    driver = browser(1366, 900)
    try:
        wait = WebDriverWait(driver, 60)
        driver.get(origin + "/fr/city/ken-nairobi.html")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#city-trend .main-svg"))
        assert len(driver.find_elements(By.CSS_SELECTOR, ".goal-tile")) == 17
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
        assert serious_violations(driver) == []
        # the goal sections are folded shut, and a goal tile's #goal-N opens its section
        assert not driver.find_element(By.ID, "goal-3").get_attribute("open")
        driver.execute_script("arguments[0].click()",
                              driver.find_element(By.CSS_SELECTOR, '.goal-tile[href$="#goal-3"]'))
        wait.until(lambda d: d.find_element(By.ID, "goal-3").get_attribute("open"))
        assert driver.find_element(By.CSS_SELECTOR, "#goal-3 table").is_displayed()
        driver.get(origin + "/en/rankings.html?goal=6&region=Africa")
        wait.until(lambda d: "Africa" in d.find_element(By.CSS_SELECTOR, "#ranking-view .view-subtitle").text)
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#ranking-view .main-svg"))
        driver.get(origin + "/en/projects.html")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".project-list tbody tr"))
        every = len(driver.find_elements(By.CSS_SELECTOR, ".project-list tbody tr"))
        Select(driver.find_element(By.ID, "filter-goal")).select_by_value("6")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".project-list tbody tr")) < every)
        assert "#goal=6" in driver.current_url
        # a city page's link to its projects: the list filtered to the place (and goal), which clears
        driver.get(origin + "/en/projects.html#place=ken-nairobi")
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, ".project-place span").text)
        assert "Nairobi" in driver.find_element(By.CSS_SELECTOR, ".project-place span").text
        assert set(cell.text for cell in driver.find_elements(
            By.CSS_SELECTOR, ".project-list tbody td:nth-child(2)")) == {"Nairobi"}
        every_place = driver.find_element(By.CSS_SELECTOR, ".project-place button")
        driver.execute_script("arguments[0].click()", every_place)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".project-list tbody tr")) == every)
        # words as the app reads them, whatever their accents and case ('okostrom' found no Ökostrom)
        driver.find_element(By.ID, "filter-q").send_keys("NAIRÓBI")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".project-list tbody tr")) < every)
        assert set(cell.text for cell in driver.find_elements(
            By.CSS_SELECTOR, ".project-list tbody td:nth-child(2)")) == {"Nairobi"}
        driver.find_element(By.ID, "filter-q").clear()
        Select(driver.find_element(By.ID, "projects-charts-goal")).select_by_value("6")
        wait.until(lambda d: "6" in d.find_element(By.CSS_SELECTOR, "#view-projects-map .view-subtitle").text)
        driver.get(origin + "/en/embed/map.html")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#embed-chart svg"))
        # read on its own, as a page of the site, its links stay in the tab (framed, they leave it)
        assert not driver.find_elements(By.CSS_SELECTOR, "a[target='_blank']")
        driver.execute_script("arguments[0].click()", driver.find_element(By.ID, "embed-live"))
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#embed-chart .main-svg"))
        assert console_errors(driver) == []
        assert foreign(driver, origin) == []
    finally:
        driver.quit()


def test_a_framed_embed_opens_the_full_view_outside_the_frame(served, tmp_path):
    """On a mayor's page "Open the full view" loaded the whole site inside the embed's frame."""
    from dashboard.embed.snippet import iframe

    origin, _folder = served
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Mayor</title></head><body>'
        + iframe(origin + "/en/embed/map.html", "Map", 700) + "</body></html>", encoding="utf-8")
    with served_folder(tmp_path, "/index.html") as mayor:
        driver = browser(1366, 900)
        try:  # the mayor's page at another origin than the site's 127.0.0.1
            driver.get(mayor.replace("127.0.0.1", "localhost") + "/index.html")
            driver.switch_to.frame(driver.find_element(By.TAG_NAME, "iframe"))
            wait = WebDriverWait(driver, 30)
            link = wait.until(lambda d: d.find_element(By.PARTIAL_LINK_TEXT, "Open the full view"))
            assert link.get_attribute("target") == "_blank"
            link.send_keys(Keys.ENTER)  # a reader's keypress: the frame is shorter than the page it holds
            wait.until(lambda d: len(d.window_handles) == 2)
            assert driver.execute_script("return location.pathname") == "/en/embed/map.html"
        finally:
            driver.quit()


def test_opened_as_a_file_shows_the_first_view(served):
    _origin, folder = served
    driver = browser(1366, 900)
    try:
        driver.get((Path(folder) / "en" / "index.html").as_uri())
        WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#map-view svg"))
        Select(driver.find_element(By.ID, "map-view-goal")).select_by_value("6")
        WebDriverWait(driver, 20).until(
            lambda d: d.find_element(By.CSS_SELECTOR, ".state-offline").is_displayed()
        )
    finally:
        driver.quit()


def test_the_project_list_works_without_the_filters_a_list_cannot_use(served):
    """Berlin's list states no theme and no status, so its page's form has neither filter; the list's
    script read both and stopped: "Every project" showed nothing. The demo's page with those two
    filters taken out (as `project_filter` writes Berlin's) lists, filters and follows its address."""
    import re

    origin, folder = served
    page = (folder / "en" / "projects.html").read_text(encoding="utf-8")
    field = r'<div class="col-auto"><label[^>]*for="filter-(?:theme|status)">.*?</select></div>'
    lean, removed = re.subn(field, "", page)
    assert removed == 2
    copy = folder / "en" / "projects-lean-check.html"
    copy.write_text(lean, encoding="utf-8")
    driver = browser(1366, 900)
    try:
        wait = WebDriverWait(driver, 60)
        driver.get(origin + "/en/projects-lean-check.html#goal=6&theme=financing&status=active")
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".project-list tbody tr"))
        assert not driver.find_elements(By.ID, "filter-theme")
        goal = Select(driver.find_element(By.ID, "filter-goal"))
        assert goal.first_selected_option.get_attribute("value") == "6"
        goal_six = len(driver.find_elements(By.CSS_SELECTOR, ".project-list tbody tr"))
        Select(driver.find_element(By.ID, "filter-goal")).select_by_value("")
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".project-list tbody tr")) > goal_six)
        assert console_errors(driver) == []
    finally:
        driver.quit()
        copy.unlink()
