"""An embedded map as tall as the world drawn in it (the live pages' map_fit.js, served to embeds):
on a 375 px phone, and framed in another site's page, where the frame's own height is no bound."""

from __future__ import annotations

import time

import pytest

from tests.browser import start

pytestmark = pytest.mark.browser

LIVE = """
const doc = arguments[0] ? document.querySelector('iframe').contentDocument : document;
const button = doc && doc.getElementById('embed-live');
if (button && !button.hidden && !button.disabled) button.click();
"""
FRAME = """
const doc = arguments[0] ? document.querySelector('iframe').contentDocument : document;
const chart = doc && doc.querySelector('#embed-chart.js-plotly-plot'), layout = chart && chart._fullLayout;
if (!layout || !layout.geo || !layout.geo._subplot || !layout.geo._subplot.bounds) return null;
const b = layout.geo._subplot.bounds;
return {plotWide: layout._size.w, plotHigh: layout._size.h, wide: b[1][0] - b[0][0], high: b[1][1] - b[0][1],
        box: chart.getBoundingClientRect().height, figure: layout.height};
"""


def fitted(driver, framed: bool = False) -> dict | None:
    """The live map's frame once fitted (after the reader reached for it), or the last seen."""
    deadline, frame = time.time() + 30, None
    while time.time() < deadline:
        driver.execute_script(LIVE, framed)
        frame = driver.execute_script(FRAME, framed)
        if frame and abs(frame["plotHigh"] - frame["high"]) <= 3:
            break
        time.sleep(0.3)
    return frame


def screen(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
        "screenWidth": width, "screenHeight": height})


def test_an_embedded_map_on_a_phone_has_no_blank_bands(dash_duo, app):
    """At 375 px the embed's world (161 px tall) stood in a 247 px plot, between two blank bands of
    43 px, inside the embed's 320 px box; fitted, the plot is the world's height and the box shrinks
    to the figure."""
    start(dash_duo, app)
    driver = dash_duo.driver
    screen(driver, 375, 812)
    driver.get(dash_duo.server_url + "/embed/map")
    frame = fitted(driver)
    assert frame is not None and abs(frame["plotHigh"] - frame["high"]) <= 3, frame
    assert frame["wide"] >= frame["plotWide"] - 4, frame  # the frame's whole width
    assert frame["plotHigh"] < 200 and abs(frame["box"] - frame["figure"]) <= 2, frame


def test_a_framed_map_is_bounded_by_the_screen_not_by_its_frame(dash_duo, app):
    """Framed, the embed's window is the frame, whose height the host's resize script sets from the
    embed's: 60 % of it would shrink the map, the frame, then the map again. A 1,300 px frame 400 px
    tall on a 900 px screen draws the world up to 540 px tall (60 % of the screen), not 240."""
    start(dash_duo, app)
    driver = dash_duo.driver
    screen(driver, 1366, 900)
    driver.get(dash_duo.server_url + "/embed/ranking")
    driver.execute_script(
        "document.body.innerHTML = '<iframe src=\"/embed/map\" title=\"map\" "
        "style=\"width:1300px;height:400px;border:0\"></iframe>';")
    frame = fitted(driver, framed=True)
    assert frame is not None and abs(frame["plotHigh"] - frame["high"]) <= 3, frame
    assert 240 < frame["plotHigh"] <= 540, frame
