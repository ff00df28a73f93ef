"""The service worker in Chromium: installed after a first visit, it answers the next visit's scripts
from its cache, never the page, its callbacks or the API, and the page works as before."""

from __future__ import annotations

import pytest
from selenium.webdriver.support.ui import Select

from tests.browser import foreign_requests, start, text

pytestmark = pytest.mark.browser

READY = """
const done = arguments[0];
if (!navigator.serviceWorker) { done("no service worker"); return; }
setTimeout(() => done("timeout"), 20000);
navigator.serviceWorker.ready.then((registration) => {
  const worker = registration.active;
  if (worker.state === "activated") { done(worker.state); return; }
  worker.addEventListener("statechange", () => done(worker.state));
});
"""
SOURCES = """
return [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .map(e => [e.name.replace(location.origin, ''), e.workerFinalSourceType || '']);
"""


def test_the_next_visit_takes_its_scripts_from_the_worker(dash_duo, app):
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.set_script_timeout(30)  # the page registers its worker 4 s after it has loaded
    driver.get(dash_duo.server_url + "/explore?goal=11")
    dash_duo.wait_for_contains_text("#explore-chart-title", "Ranking by Goal 11")
    assert driver.execute_async_script(READY) == "activated"
    keys = driver.execute_async_script("caches.keys().then(arguments[0])")
    assert len(keys) == 1 and keys[0].startswith("city-sdg-")

    driver.get(dash_duo.server_url + "/explore?goal=11")
    dash_duo.wait_for_contains_text("#explore-chart-title", "Ranking by Goal 11")
    dash_duo._wait_for(lambda _: driver.execute_script(
        "return !!document.querySelector('#explore-graph .js-plotly-plot .main-svg')"),
        timeout=20, msg=lambda *_: "no graph drawn on the second visit")
    sources = dict(driver.execute_script(SOURCES))
    plotly = [url for url in sources if url.endswith("/plotly.min.js")]
    assert plotly and all(sources[url] == "cache" for url in plotly)
    renderer = [url for url in sources if "dash_renderer" in url]
    assert renderer and sources[renderer[0]] == "cache"
    # the page itself and what the worker does not keep never come from its cache
    pages = [url for url in sources if url.startswith("/explore?goal=11")]
    assert pages and all(sources[url] != "cache" for url in pages), sources
    chunk = [url for url in sources if "async-graph" in url]
    assert chunk and all(sources[url] != "cache" for url in chunk), sources

    # callbacks and downloads still reach the server
    Select(dash_duo.find_element("#explore-goal")).select_by_value("6")
    dash_duo._wait_for(lambda _: text(driver, "#explore-chart-title").startswith("Ranking by Goal 6"),
                       timeout=20, msg=lambda *_: f"title {text(driver, '#explore-chart-title')!r}")
    csv = dash_duo.find_element("#explore-csv").get_attribute("href")
    status = driver.execute_async_script(
        "fetch(arguments[0]).then(r => arguments[1](r.status + ' ' + r.headers.get('content-type')))", csv)
    assert status.startswith("200 text/csv")
    assert foreign_requests(driver, dash_duo.server_url) == []
