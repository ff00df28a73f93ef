"""With JavaScript off, Chromium still shows the map as SVG, the summary sentence and the table link."""

from __future__ import annotations

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By

from tests.browser import foreign_requests, start

pytestmark = pytest.mark.browser


@pytest.fixture
def no_script_browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=375,812"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options)
    yield driver
    driver.quit()


def test_map_and_city_pages_without_javascript(dash_duo, app, no_script_browser):
    start(dash_duo, app)
    origin = dash_duo.server_url.rstrip("/")
    browser = no_script_browser
    browser.get(origin + "/")
    svg = browser.find_element(By.CSS_SELECTOR, "#react-entry-point svg[role='img']")
    assert svg.size["width"] > 300 and svg.size["height"] > 150  # drawn, and fits the phone
    assert browser.find_elements(By.CSS_SELECTOR, "svg g circle, svg g path")
    assert "place" in browser.find_element(By.CSS_SELECTOR, "#react-entry-point p.lead").text
    table_link = browser.find_element(By.LINK_TEXT, "Data table").get_attribute("href")
    assert table_link.startswith(origin + "/embed/map")
    browser.get(table_link)
    assert browser.find_elements(By.CSS_SELECTOR, "#embed-data table")
    browser.get(origin + "/embed/map")
    assert browser.find_element(By.CSS_SELECTOR, "#embed-chart svg").size["width"] > 300
    browser.get(origin + "/city/ken-nairobi")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#react-entry-point .goal-tile")) == 17
    assert "Nairobi" in browser.find_element(By.TAG_NAME, "h1").text
    assert not foreign_requests(browser, origin)


def test_live_app_replaces_the_picture(dash_duo, app):
    start(dash_duo, app)
    dash_duo.wait_for_element("#map-graph .main-svg", timeout=60)
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, ".first-paint")
    assert dash_duo.driver.execute_script(
        "return Object.keys(Plotly.PlotSchema.get().traces).sort().join(',')") == \
        "bar,box,choropleth,scatter,scattergeo"
