"""Explore's ranking on a 375 px phone: its sentence above the chart, its first bars only with words
saying so and a button for the rest, its table still there; every bar on a desktop."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from layouts.phone_ranking import PHONE_BARS
from tests.browser import polled, start

pytestmark = pytest.mark.browser

DRAWN = """
const graph = document.querySelector('#explore-graph .js-plotly-plot'), layout = graph && graph._fullLayout;
if (!layout) return null;
const range = layout.yaxis.range;
const count = graph.data.reduce((n, t) => n + (t.type === 'bar' ? t.y.length : 0), 0);
return {bars: count, shown: Math.round(Math.abs(range[0] - range[1])),
        height: graph.getBoundingClientRect().height};
"""


def drawn(driver, wanted) -> dict | None:
    return polled(driver, DRAWN, wanted)


def test_a_ranking_on_a_phone_says_its_sentence_first_and_folds_its_bars(dash_duo, app):
    """The demo's 150 places were 150 bars (about 3,700 px) above the sentence saying who leads; on a
    phone the sentence now comes first and the chart shows its first PHONE_BARS bars, the words under
    it say how many of how many, and their button draws every bar; the data table is still there."""
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    driver.get(dash_duo.server_url + "/explore")
    folded = drawn(driver, lambda seen: seen["shown"] == PHONE_BARS)
    assert folded and folded["shown"] == PHONE_BARS and folded["bars"] == 150, folded
    assert folded["height"] < 110 + 24 * (PHONE_BARS + 6)  # short: each bar keeps its own height
    summary = driver.find_element(By.ID, "explore-summary")
    chart = driver.find_element(By.ID, "explore-graph")
    assert summary.rect["y"] < chart.rect["y"] < 812  # the sentence, then the chart, on the first screen
    note = driver.find_element(By.CSS_SELECTOR, "#explore-fold .ranking-fold-note")
    assert note.is_displayed()
    assert f"first {PHONE_BARS} of the chart's 150 bars" in note.text and "data table" in note.text
    assert driver.find_elements(By.ID, "explore-table-open")  # the whole table one click away
    button = note.find_element(By.TAG_NAME, "button")
    assert button.text == "Show all 150 bars"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", button)
    opened = drawn(driver, lambda seen: seen["shown"] == 150)
    assert opened["shown"] == 150 and opened["height"] > 110 + 24 * 140, opened
    assert not note.is_displayed()
    assert driver.switch_to.active_element.get_attribute("role") == "figure"  # the focus not lost


def test_a_ranking_on_a_desktop_draws_every_bar_under_its_sentence(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.set_window_size(1366, 900)
    driver.get(dash_duo.server_url + "/explore")
    seen = drawn(driver, lambda seen: seen["shown"] == 150)
    assert seen and seen["shown"] == 150, seen
    assert not driver.find_element(By.CSS_SELECTOR, "#explore-fold .ranking-fold-note").is_displayed()
    summary = driver.find_element(By.ID, "explore-summary")
    assert summary.rect["y"] < driver.find_element(By.ID, "explore-graph").rect["y"]
