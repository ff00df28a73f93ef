"""The Content-Security-Policy in Chromium: every page and embed works under it, with no violation."""

from __future__ import annotations

import pytest

from tests.browser import start
from tests.test_pages_browser import PAGES

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile);
});
"""
EMBEDS = {"map": "/embed/map?goal=3", "city-goals": "/embed/city-goals?place=ken-nairobi",
          "ranking": "/embed/ranking"}


def watch(driver) -> None:
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})


def csp_console_errors(dash_duo) -> list[str]:
    return [entry["message"] for entry in dash_duo.driver.get_log("browser")
            if "Content Security Policy" in entry["message"]]


@pytest.mark.parametrize("name", list(PAGES))
def test_pages_run_under_the_policy(dash_duo, app, name):
    path, ready = PAGES[name]
    start(dash_duo, app)
    watch(dash_duo.driver)
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo.wait_for_element(ready, timeout=20)
    policy = dash_duo.driver.execute_script(
        "return fetch(location.href).then(r => r.headers.get('content-security-policy'))")
    assert "script-src 'self' 'sha256-" in policy and "unsafe-inline' 'sha" not in policy
    assert dash_duo.driver.execute_script("return window.cspViolations") == []
    assert csp_console_errors(dash_duo) == []


@pytest.mark.parametrize("name", list(EMBEDS))
def test_embeds_run_under_their_policy(dash_duo, app, name):
    start(dash_duo, app)
    watch(dash_duo.driver)
    dash_duo.driver.get(dash_duo.server_url + EMBEDS[name])
    dash_duo.wait_for_element("main h1", timeout=20)
    if name != "city-goals":
        dash_duo.wait_for_element("#embed-chart svg", timeout=20)
        later = dash_duo.driver.find_elements("css selector", "#embed-live")
        if later:  # plotly.js fetched on demand is a script of this origin too
            dash_duo.driver.execute_script("arguments[0].click()", later[0])
        dash_duo.wait_for_element("#embed-chart .main-svg", timeout=20)
    assert dash_duo.driver.execute_script("return window.cspViolations") == []
    assert csp_console_errors(dash_duo) == []
