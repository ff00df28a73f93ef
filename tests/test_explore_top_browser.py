"""Explore's charts under their heading: on a 375 px phone, which hides plotly's mode bar, no band of
nothing above the plot (the 40 px kept for the mode bar); on a desktop the mode bar stands in a strip
above the plot, under the heading."""

from __future__ import annotations

import time

import pytest

from tests.browser import start

pytestmark = pytest.mark.browser

TOP = """
const graph = document.querySelector('#explore-graph .js-plotly-plot'), layout = graph && graph._fullLayout;
if (!layout) return null;
const box = graph.getBoundingClientRect(), bar = graph.querySelector('.modebar');
const heading = document.getElementById('explore-chart-title').getBoundingClientRect();
const shown = bar && getComputedStyle(graph.querySelector('.modebar-container')).display !== 'none';
return {plotTop: Math.round(box.top + layout._size.t), headingBottom: Math.round(heading.bottom),
        barTop: shown ? Math.round(bar.getBoundingClientRect().top) : null,
        barBottom: shown ? Math.round(bar.getBoundingClientRect().bottom) : null};
"""


def measured(driver):
    deadline, seen = time.time() + 30, None
    while time.time() < deadline and not seen:
        seen = driver.execute_script(TOP)
        time.sleep(0.3)
    return seen


@pytest.mark.parametrize("view", ["scatter", "distribution", "trend"])
def test_a_chart_on_a_phone_starts_under_its_heading(dash_duo, app, view):
    """At 375 px the scatter, distribution and trend plots began 44 px under their heading, 40 of
    them kept for a mode bar the phone does not show; now 14 px."""
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    driver.get(f"{dash_duo.server_url}/explore?view={view}")
    seen = measured(driver)
    assert seen and seen["barTop"] is None, seen
    assert seen["plotTop"] - seen["headingBottom"] <= 20, seen


def test_a_chart_on_a_desktop_keeps_its_mode_bar_above_the_plot(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.set_window_size(1366, 900)
    driver.get(f"{dash_duo.server_url}/explore?view=scatter")
    seen = measured(driver)
    driver.execute_script("document.querySelector('#explore-graph .nsewdrag').dispatchEvent("
                          "new MouseEvent('mousemove', {bubbles: true}))")  # the mode bar shows on hover
    seen = measured(driver)
    assert seen and seen["barTop"] is not None, seen
    assert seen["headingBottom"] <= seen["barTop"] and seen["barBottom"] <= seen["plotTop"] + 2, seen
