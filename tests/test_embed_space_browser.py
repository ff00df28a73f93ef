"""Embeds in Chromium: no blank band between an embed's heading and its chart."""

from __future__ import annotations

import time

import pytest

from tests.browser import start
from views.registry import EMBEDS as VIEWS

pytestmark = pytest.mark.browser

QUERIES = {"city-goals": "place=ken-nairobi", "city-trend": "place=ken-nairobi",
           "city-compare": "place=ken-nairobi"}
GAP = 24
"""Most pixels between what stands above an embed's chart and the first thing the chart draws: the
figure's 10 px and the page's spacing, with room for plotly's rounding."""

LIVE = """
const chart = document.getElementById('embed-chart');
const button = document.getElementById('embed-live');
if (button && !chart.querySelector('.main-svg')) { button.hidden = false; button.click(); }
"""
DRAWN = """
const graph = document.querySelector('#embed-chart .js-plotly-plot');
return !!(graph && graph._fullLayout && graph.querySelector('.main-svg'));
"""
GAP_SCRIPT = """
const chart = document.getElementById('embed-chart');
let above = 0;
for (const el of document.querySelectorAll('main > *')) {
  if (el.contains(chart)) break;
  const box = el.getBoundingClientRect();
  if (box.height) above = Math.max(above, box.bottom);
}
// what plotly draws: the plot area, a map, the legend, an annotation (a panel's title)
const drawn = chart.querySelectorAll(
  '.nsewdrag, .geolayer .bg, .legend, .annotation-text, .choroplethlayer path');
const tops = [...drawn].map(el => el.getBoundingClientRect()).filter(box => box.width && box.height)
  .map(box => box.top);
return Math.round(Math.min(...tops) - above);
"""


@pytest.mark.parametrize("name", [v for v in VIEWS if v not in ("city-goals", "city-districts")])
def test_no_blank_band_sits_above_an_embedded_chart(dash_duo, app, name):
    """The scatter, trend and distribution embeds drew their plot about 40 px under their heading:
    the explore charts keep that top margin for the page's mode bar, which an embed does not show
    (a city compared with no peer kept it for a legend plotly does not draw). Measured on the live
    chart, which the reader gets on reaching for the picture."""
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(f"{dash_duo.server_url}/embed/{name}?{QUERIES.get(name, '')}")
    dash_duo.wait_for_element("#embed-chart svg", timeout=20)
    driver.execute_script(LIVE)
    deadline = time.time() + 30
    while not driver.execute_script(DRAWN) and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)  # the picture gives way once plotly has drawn
    gap = driver.execute_script(GAP_SCRIPT)
    assert 0 <= gap <= GAP, f"{name}: {gap} px of blank space above the chart"
