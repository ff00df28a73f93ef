"""The live map on a 375 px phone and a 1,366 px desktop: as tall as the geography drawn in it (no
blank bands), the card's whole width used, zoom buttons a phone shows above the map, and a region
chosen both zooms the map and fits it again."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By

from tests.browser import start

pytestmark = pytest.mark.browser

FRAME = """
const chart = document.querySelector('#map-graph .js-plotly-plot'), layout = chart && chart._fullLayout;
if (!layout || !layout.geo || !layout.geo._subplot || !layout.geo._subplot.bounds) return null;
const b = layout.geo._subplot.bounds, box = chart.getBoundingClientRect();
return {plotWide: layout._size.w, plotHigh: layout._size.h, wide: b[1][0] - b[0][0], high: b[1][1] - b[0][1],
        plotTop: box.top + layout._size.t, scale: layout.geo.projection.scale,
        subtitle: (document.querySelector('#map-title .view-subtitle') || {}).textContent || ''};
"""


def fitted_frame(driver, region: str = "") -> dict | None:
    """The map's frame once it is fitted (a relayout after the first draw), or the last seen."""
    deadline, frame = time.time() + 30, None
    while time.time() < deadline:
        frame = driver.execute_script(FRAME)
        if (frame and abs(frame["plotHigh"] - frame["high"]) <= 3 and frame["wide"] >= frame["plotWide"] - 4
                and region in frame["subtitle"]):
            break
        time.sleep(0.3)
    return frame


def phone(driver) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})


def test_the_map_on_a_phone_has_no_blank_bands_and_zooms_from_buttons_above_it(dash_duo, app):
    """On a 375 px phone the world (about 150 px tall) stood in a 325 px plot between two blank bands
    of 88 px, and site.css hid plotly's zoom buttons: a city was one dot of a blob with no way closer
    but the region choice. The map is now as tall as the world drawn, the card's whole width, with
    zoom buttons (in, out, whole map) in a strip of their own above it; Europe chosen is fitted too."""
    start(dash_duo, app)
    driver = dash_duo.driver
    phone(driver)
    driver.get(dash_duo.server_url + "/")
    frame = fitted_frame(driver)
    assert frame is not None
    assert abs(frame["plotHigh"] - frame["high"]) <= 3, frame  # no band above or below the world
    assert frame["wide"] >= frame["plotWide"] - 4, frame  # the card's whole width
    assert frame["plotHigh"] < 200, frame  # the world at 325 px is about 150 px tall
    buttons = driver.find_elements(By.CSS_SELECTOR, "#map-graph .modebar-btn")
    shown = {(b.get_attribute("data-attr"), b.get_attribute("data-val")) for b in buttons if b.is_displayed()}
    assert shown == {("zoom", "in"), ("zoom", "out"), ("reset", "null")}, shown  # no camera, no pan here
    zoom = driver.find_element(By.CSS_SELECTOR, "#map-graph .modebar-btn[data-val='in']")
    assert zoom.size["height"] >= 40 and zoom.size["width"] >= 40  # a finger's target
    assert zoom.rect["y"] + zoom.size["height"] <= frame["plotTop"] + 1  # above the map, not on it
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", zoom)
    time.sleep(0.5)
    zoomed = driver.execute_script(FRAME)
    assert zoomed["scale"] > frame["scale"]
    assert abs(zoomed["plotHigh"] - frame["plotHigh"]) <= 3  # zooming does not refit the box
    driver.get(dash_duo.server_url + "/?region=europe")
    europe = fitted_frame(driver, "Europe")
    assert abs(europe["plotHigh"] - europe["high"]) <= 3 and europe["wide"] >= europe["plotWide"] - 4, europe
    assert europe["plotHigh"] > frame["plotHigh"] + 30  # Europe is less flat than the world


def test_the_map_on_a_desktop_is_fitted_and_keeps_its_whole_mode_bar(dash_duo, app):
    """At 1,366 px the world stood between two bands of 47 px; fitted, the mode bar keeps its picture
    download and pan beside the zoom buttons."""
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.set_window_size(1366, 900)
    driver.get(dash_duo.server_url + "/")
    frame = fitted_frame(driver)
    assert frame is not None and abs(frame["plotHigh"] - frame["high"]) <= 3, frame
    assert frame["wide"] >= frame["plotWide"] - 4 and frame["plotWide"] > 700, frame
    ranking = driver.find_element(By.ID, "map-ranking").rect
    chart = driver.find_element(By.ID, "map-graph").rect
    assert ranking["x"] > chart["x"] + chart["width"]  # the ranking still beside the map
    buttons = driver.find_elements(By.CSS_SELECTOR, "#map-graph .modebar-btn")
    assert {b.get_attribute("data-attr") for b in buttons} >= {"dragmode", "zoom", "reset"}
