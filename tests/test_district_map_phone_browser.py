"""Bristol's ward map on its city page at 375 px: the wards as wide as their card (plotly's fitbounds
drew them 200 px wide in a 325 px card) and the map as tall as they are."""

from __future__ import annotations

import time

import pytest

from dashboard.app import create_app
from tests.browser import start

pytestmark = [pytest.mark.browser, pytest.mark.realdata]

WARDS = """
const chart = document.querySelector('.graph-fluid.geo-map .js-plotly-plot');
const layout = chart && chart._fullLayout;
if (!layout || !layout.geo || !layout.geo._subplot || !layout.geo._subplot.bounds) return null;
const bounds = layout.geo._subplot.bounds;
const areas = [...chart.querySelectorAll('.choroplethlocation')].map(p => p.getBoundingClientRect())
  .filter(box => box.width > 0);
if (!areas.length) return null;
const left = Math.min(...areas.map(b => b.left)), right = Math.max(...areas.map(b => b.right));
const top = Math.min(...areas.map(b => b.top)), bottom = Math.max(...areas.map(b => b.bottom));
return {plotWide: layout._size.w, plotHigh: layout._size.h, wide: Math.round(right - left),
        high: Math.round(bottom - top), frameHigh: bounds[1][1] - bounds[0][1],
        frameWide: bounds[1][0] - bounds[0][0]};
"""


def test_bristol_s_wards_fill_their_card_on_a_phone(dash_duo, tmp_path, realdata, monkeypatch):
    from dashboard.cli import main

    store = tmp_path / "store"
    assert main(["import", str(realdata / "bristol-opensdg"), "--store", str(store), "--quiet"]) in (0, 1)
    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    start(dash_duo, create_app(str(store)))
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})
    driver.get(dash_duo.server_url + "/city/gbr-bristol")
    deadline, wards = time.time() + 40, None
    while time.time() < deadline:
        wards = driver.execute_script(WARDS)
        if wards and abs(wards["plotHigh"] - wards["frameHigh"]) <= 3 and (
                wards["frameWide"] >= wards["plotWide"] - 4):
            break
        time.sleep(0.3)
    assert wards is not None and abs(wards["plotHigh"] - wards["frameHigh"]) <= 3, wards  # fitted
    assert wards["frameWide"] >= wards["plotWide"] - 4, wards
    assert wards["wide"] >= 0.9 * wards["plotWide"], wards  # the card's width, less the ranges' margin
    assert wards["high"] >= 0.85 * wards["plotHigh"], wards  # no blank band above or below them
