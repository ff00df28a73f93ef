"""No year written as a period is split across two lines on a 375 px phone: every "2020-21" of
Bristol's pages, in every text a page builds (a goal table's "fell from 2018-19 to 2020-21", a
breakdown's year headers, a table's caption, Explore's table drawn in the browser), stands in a
span that keeps it whole, and each such span is drawn on one line."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from tests.browser import start

pytestmark = [pytest.mark.browser, pytest.mark.realdata]

LOOSE = r"""
const PERIOD = /(^|[^\d])\d{4}[-\/\u2013]\d{2}(?:\d{2})?(?!\d)/;
const loose = [], split = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const where = node.parentElement;
  if (!PERIOD.test(node.textContent)) continue;
  if (where.closest('script, style, svg, textarea, .js-plotly-plot')) continue;
  let kept = false;
  for (let e = where; e && !kept; e = e.parentElement) kept = getComputedStyle(e).whiteSpace === 'nowrap';
  if (!kept) loose.push(where.tagName + ': ' + node.textContent.slice(0, 80));
}
document.querySelectorAll('.text-nowrap').forEach(span => {
  if (span.getClientRects().length > 1) split.push(span.textContent);
});
return [loose, split];
"""


def phone(dash_duo) -> None:
    dash_duo.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True})


def opened(dash_duo, path: str, ready: str) -> list:
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready, timeout=30)
    dash_duo.driver.execute_script(
        "document.querySelectorAll('details:not([open]) > summary').forEach(s => s.click());")
    dash_duo._wait_for(lambda _: not dash_duo.driver.find_elements("css selector", ".goal-table-waiting")
                       and dash_duo.driver.find_elements("css selector", "details[open] table"),
                       timeout=30, msg=lambda *_: "tables not loaded")
    return dash_duo.driver.execute_script(LOOSE)


def test_bristol_s_periods_stay_whole_on_a_phone(dash_duo, tmp_path, realdata, monkeypatch):
    from dashboard.cli import main

    store = tmp_path / "store"
    assert main(["import", str(realdata / "bristol-opensdg"), "--store", str(store), "--quiet"]) in (0, 1)
    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    start(dash_duo, create_app(str(store)))
    phone(dash_duo)
    for path, ready in (("/city/gbr-bristol?lang=fr", ".goal-section"),
                        ("/city/gbr-bristol?lang=es", ".goal-section"),
                        ("/explore?view=trend&measure=value&indicator=16-1-4-ward&lang=fr",
                         "#explore-summary")):
        loose, split = opened(dash_duo, path, ready)
        assert loose == [], (path, loose)
        assert split == [], (path, split)
    spans = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('caption .text-nowrap')).map(s => s.textContent)")
    assert "2020-21" in spans  # Explore's table, drawn in the browser (assets/tables.js), keeps its caption's
