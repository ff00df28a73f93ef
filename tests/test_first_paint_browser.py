"""With JavaScript off, Chromium still shows the map as SVG, the summary sentence and the table link."""

from __future__ import annotations

import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By

from dashboard import first_paint
from dashboard.delivery import files
from tests.browser import foreign_requests, start, without_inline_layout

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
    svg = browser.find_element(By.CSS_SELECTOR, "#first-paint svg[role='img']")
    assert svg.size["width"] > 300 and svg.size["height"] > 150  # drawn, and fits the phone
    assert browser.find_elements(By.CSS_SELECTOR, "svg g circle, svg g path")
    assert "place" in browser.find_element(By.CSS_SELECTOR, "#first-paint p.lead").text
    table_link = browser.find_element(By.LINK_TEXT, "Data table").get_attribute("href")
    assert table_link.startswith(origin + "/embed/map")
    browser.get(table_link)
    assert browser.find_elements(By.CSS_SELECTOR, "#embed-data table")
    browser.get(origin + "/embed/map")
    assert browser.find_element(By.CSS_SELECTOR, "#embed-chart svg").size["width"] > 300
    browser.get(origin + "/city/ken-nairobi")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#first-paint .goal-tile")) == 17
    assert "Nairobi" in browser.find_element(By.TAG_NAME, "h1").text
    assert not foreign_requests(browser, origin)


def test_live_app_replaces_the_picture(dash_duo, app):
    start(dash_duo, app)
    dash_duo.wait_for_element("#map-graph .main-svg", timeout=60)
    assert not dash_duo.driver.find_elements(By.CSS_SELECTOR, ".first-paint")
    assert dash_duo.driver.execute_script(
        "return Object.keys(Plotly.PlotSchema.get().traces).sort().join(',')") == \
        "bar,box,choropleth,scatter,scattergeo"


def test_the_picture_stands_until_the_live_page_has_drawn(dash_duo, app):
    """The picture used to sit inside Dash's entry point, which React empties when the renderer
    starts: a slow phone saw the picture, then "Loading..." for seconds, then the page. With the
    layout request held back, the renderer starts and the picture must still be all there is."""
    without_inline_layout(app)  # the layout asked of the server, which the test holds back
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*_dash-layout*"]})
    try:
        driver.get(dash_duo.server_url + "/city/ken-nairobi")
        dash_duo.wait_for_element("#first-paint .goal-tile", timeout=20)
        time.sleep(3)  # the renderer has started and is waiting for the layout that never comes
        assert driver.execute_script("return !!(window.dash_clientside && window.React)")
        assert len(driver.find_elements(By.CSS_SELECTOR, "#first-paint .goal-tile")) == 17
        assert all(not e.is_displayed() for e in driver.find_elements(By.CSS_SELECTOR, "._dash-loading"))
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    driver.get(dash_duo.server_url + "/city/ken-nairobi")
    dash_duo.wait_for_element("#city-trend .main-svg", timeout=60)
    assert not driver.find_elements(By.ID, "first-paint")


def test_the_map_draws_when_plotlys_hashed_address_fails(dash_duo, app):
    """The head's loader falls back to Dash's own plotly.js address when the hashed one fails (a
    proxy that does not pass `/h/`), and the graph that was already waiting for it still draws."""
    from flask import request

    def late_failure():
        if request.path == files.plotly_address("/"):
            time.sleep(3)  # long after the graph has mounted and asked for plotly.js
            return "unavailable", 503
        return None

    app.server.before_request_funcs.setdefault(None, []).insert(0, late_failure)
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(dash_duo.server_url + "/?goal=6")
    dash_duo.wait_for_element("#map-graph .main-svg .scattergeo", timeout=60)
    loaded = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert any(name.endswith("/" + first_paint.PLOTLY_PATH) for name in loaded)
