"""Embeds in Chromium: inside a sandboxed iframe on another origin, accessible, and the dialog."""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import Select

from dashboard.embed.snippet import snippet
from tests.browser import foreign_requests, free_port, serious_violations, start
from views.registry import EMBEDS as VIEWS

pytestmark = pytest.mark.browser

SAMPLE_QUERIES = {"city-goals": "place=ken-nairobi", "city-trend": "place=ken-nairobi",
                  "city-compare": "place=ken-nairobi&compare=uga-kampala"}

HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A city's own website</title></head>
<body><h1>Our progress</h1>
{snippet}
<script>
window.heights = [];
window.addEventListener("message", function (event) {{
  window.heights.push({{origin: event.origin, data: event.data}});
}});
</script>
</body></html>
"""


@pytest.fixture
def host_site(tmp_path):
    """A static web server on another port: the mayor's office's website."""

    def serve(html: str) -> str:
        (tmp_path / "index.html").write_text(html, encoding="utf-8")
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
        handler.log_message = lambda *args: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/index.html"

    servers: list = []
    yield serve
    for server in servers:
        server.shutdown()


def test_embed_in_a_sandboxed_frame_on_another_site(dash_duo, app, host_site):
    start(dash_duo, app)
    origin = dash_duo.server_url.rstrip("/")
    code = snippet(f"{origin}/embed/map?goal=3", "Goal 3 map", 300, origin)
    driver = dash_duo.driver
    driver.get(host_site(HOST_PAGE.format(snippet=code)))
    frame = driver.find_element("css selector", "iframe")
    assert frame.get_attribute("sandbox") == ("allow-scripts allow-popups allow-popups-to-escape-sandbox "
                                              "allow-downloads")
    deadline = time.time() + 20
    while time.time() < deadline and not driver.execute_script("return window.heights.length"):
        time.sleep(0.2)
    messages = driver.execute_script("return window.heights")
    assert messages, "the embed posted no height"
    # a sandboxed frame has an opaque origin, which the snippet's check accepts
    assert {m["origin"] for m in messages} == {"null"}
    height = messages[-1]["data"]["height"]
    assert messages[-1]["data"]["type"] == "city-sdg-embed:height" and height > 300
    deadline = time.time() + 5
    while time.time() < deadline and frame.size["height"] <= 300:
        time.sleep(0.2)
    assert frame.size["height"] > 300, "the snippet's script did not fit the frame"

    if os.environ.get("SCREENSHOT_DIR"):
        driver.set_window_size(1100, 1000)
        driver.save_screenshot(str(Path(os.environ["SCREENSHOT_DIR"]) / "embed-on-another-site.png"))
    driver.switch_to.frame(frame)
    dash_duo.wait_for_element("#embed-chart svg", timeout=20)  # the picture, before any plotly.js
    assert driver.execute_script("return window.Plotly === undefined")
    driver.execute_script("arguments[0].click()", driver.find_element("css selector", "#embed-live"))
    # the map's traces come after its topology: the chart's frame is drawn before them
    dash_duo.wait_for_element("#embed-chart .main-svg .scattergeo", timeout=20)
    assert foreign_requests(driver, origin) == []
    driver.switch_to.default_content()
    driver.get(f"{origin}/embed-static/embed.css")
    assert driver.get_cookies() == []


def test_the_same_embed_pasted_twice_fits_both_frames(dash_duo, app, host_site):
    """A page with the ranking in its article and again in its sidebar: the second copy's script
    found the first frame (querySelector on the address's hash), so the second never grew."""
    start(dash_duo, app)
    origin = dash_duo.server_url.rstrip("/")
    code = snippet(f"{origin}/embed/ranking", "Ranking", 300, origin)
    driver = dash_duo.driver
    driver.get(host_site(HOST_PAGE.format(snippet=f"<article>{code}</article><aside>{code}</aside>")))
    frames = driver.find_elements("css selector", "iframe")
    assert len(frames) == 2
    deadline = time.time() + 20
    while time.time() < deadline and min(f.size["height"] for f in frames) <= 300:
        time.sleep(0.2)
    assert [f.size["height"] > 300 for f in frames] == [True, True]


WORDPRESS_POST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A WordPress post</title></head>
<body><h1>How our city is doing</h1>
<iframe class="wp-embedded-content" sandbox="allow-scripts" security="restricted" title="Goals"
  src="{src}#?secret=Ab12Cd34Ef" data-secret="Ab12Cd34Ef" width="600" height="150"></iframe>
<script>
// wp-embed.js's receiver, as WordPress 6 has it: a frame is fitted only to its own secret
window.addEventListener("message", function (event) {{
  var data = event.data || {{}};
  if (!data.secret || /[^a-zA-Z0-9]/.test(data.secret) || data.message !== "height") return;
  var frame = document.querySelector('iframe[data-secret="' + data.secret + '"]');
  if (!frame || event.source !== frame.contentWindow) return;
  frame.height = Math.min(Math.max(parseInt(data.value, 10), 200), 1000);
}});
</script>
</body></html>
"""


def test_an_oembed_in_a_wordpress_post_is_fitted_by_wordpress_s_own_script(dash_duo, app, host_site):
    """WordPress strips the snippet's script and the frame's style, sandboxes the frame with
    allow-scripts alone and listens for its own message, {message: 'height', value, secret}; the
    embed answered only ours, so the goals stayed a 150 px high box."""
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(host_site(WORDPRESS_POST.format(src=f"{dash_duo.server_url}/embed/city-goals?place=ken-nairobi")))
    frame = driver.find_element("css selector", "iframe")
    deadline = time.time() + 20
    while time.time() < deadline and frame.size["height"] <= 200:
        time.sleep(0.2)
    assert frame.size["height"] > 200, "the embed did not answer WordPress's resize protocol"


def test_a_map_whose_topology_cannot_be_fetched_keeps_its_picture(dash_duo, app):
    """In a sandboxed frame on a plain static host plotly cannot fetch the topology (no
    Access-Control-Allow-Origin): the picture was removed before plotly drew, and the map went
    blank when the reader reached for it. The picture stays, with a word on why."""
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*topojson*"]})
    try:
        driver.get(f"{dash_duo.server_url}/embed/map")
        dash_duo.wait_for_element("#embed-chart svg.first-paint-map", timeout=20)
        driver.execute_script("arguments[0].click()", driver.find_element("css selector", "#embed-live"))
        dash_duo.wait_for_element(".embed-note", timeout=20)
        assert "could not be loaded" in driver.find_element("css selector", ".embed-note").text
        picture = driver.find_element("css selector", "#embed-chart > svg.first-paint-map")
        assert picture.is_displayed() and picture.size["height"] > 100
        assert not driver.find_elements("css selector", "#embed-chart .main-svg")
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


@pytest.mark.parametrize("name", [v for v in VIEWS if v != "city-districts"])  # demo: no boundaries
def test_each_embed_is_accessible_offline_and_fits_a_phone(dash_duo, app, name):
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 800, "deviceScaleFactor": 1, "mobile": True})
    query = SAMPLE_QUERIES.get(name, "")
    driver.get(f"{dash_duo.server_url}/embed/{name}?{query}")
    ready = "#embed-chart svg" if name != "city-goals" else ".goal-tile"  # a picture or the live chart
    dash_duo.wait_for_element(ready, timeout=20)
    assert driver.find_element("css selector", "h1").text
    assert driver.find_element("css selector", "#embed-summary").text
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 375px"
    assert serious_violations(driver) == []
    assert foreign_requests(driver, dash_duo.server_url) == []


def test_embed_dialog_writes_the_snippet_for_the_chart(dash_duo, app):
    start(dash_duo, app)
    dash_duo.driver.get(dash_duo.server_url + "/?goal=5&year=2024")
    dash_duo.wait_for_element("#map-graph .main-svg", timeout=20)
    # a filter changed on the page (pushState) is what the snippet shows
    Select(dash_duo.find_element("#map-goal")).select_by_value("7")
    dash_duo.wait_for_contains_text("#map-title", "Goal 7", timeout=20)
    button = dash_duo.find_element(".embed-button")
    # named by its word and the chart's heading, as the heading is now (WCAG 2.4.6, 4.1.2)
    assert button.accessible_name == "Embed Goal 7: Affordable and clean energy, 2024"
    dash_duo.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus(); arguments[0].click()", button)
    dash_duo.wait_for_element("#embed-code", timeout=30)
    # the address is HTML-escaped inside the iframe's src attribute
    dash_duo.wait_for_contains_text("#embed-code", "/embed/map?goal=7&amp;year=2024&amp;lang=en",
                                    timeout=20)
    code = dash_duo.find_element("#embed-code").get_attribute("value")
    assert code.startswith("<iframe ") and 'loading="lazy"' in code and "<script>" in code
    Select(dash_duo.find_element("#embed-language")).select_by_value("fr")
    dash_duo.wait_for_contains_text("#embed-code", "lang=fr", timeout=20)
    dash_duo.find_element("label[for='embed-frozen-0']").click()
    dash_duo.wait_for_contains_text("#embed-code", "version=demo-1", timeout=20)
    preview = dash_duo.find_element("#embed-preview").get_attribute("href")
    assert "/embed/map?" in preview and "version=demo-1" in preview
    # a modal <dialog>: named by its title, closed by Escape, focus back on the button that opened it
    dialog = dash_duo.find_element("#embed-dialog")
    assert dialog.get_attribute("open") is not None
    assert dash_duo.driver.execute_script(
        "return document.getElementById(arguments[0].getAttribute('aria-labelledby')).textContent",
        dialog) == "Embed this chart on your website"
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(dash_duo.driver).send_keys(Keys.ESCAPE).perform()
    dash_duo.wait_for_no_elements("#embed-dialog[open]", timeout=5)
    assert dash_duo.driver.execute_script("return document.activeElement.classList.contains('embed-button')")


def test_a_map_embed_fetches_plotly_only_when_the_reader_reaches_for_it(dash_duo, app):
    """On a city's website the embed costs its picture, not 400 kB of plotly.js: the markers name
    themselves on hover; pointing at the map (or the button, by keyboard) brings the live chart."""
    start(dash_duo, app)
    driver = dash_duo.driver
    driver.get(f"{dash_duo.server_url}/embed/map")
    dash_duo.wait_for_element("#embed-chart svg circle title")
    time.sleep(1)  # nothing fetches plotly.js by itself
    loaded = "return performance.getEntriesByType('resource').some(e => e.name.includes('plotly'))"
    assert not driver.execute_script(loaded) and driver.execute_script("return window.Plotly === undefined")
    assert "Score:" in driver.find_element("css selector", "#embed-chart svg circle title").get_attribute(
        "textContent")
    assert serious_violations(driver) == []
    button = driver.find_element("css selector", "#embed-live")
    assert button.is_displayed() and button.text == "Interactive chart"
    driver.execute_script("arguments[0].focus()", button)
    button.send_keys(" ")  # the keyboard's way
    dash_duo.wait_for_element("#embed-chart .main-svg .scattergeo", timeout=20)
    assert not button.is_displayed()
    assert driver.execute_script("return document.activeElement.id") == "embed-chart"
    assert serious_violations(driver) == []
    assert foreign_requests(driver, dash_duo.server_url) == []
    # a pointer over the picture starts it too
    driver.get(f"{dash_duo.server_url}/embed/ranking")
    dash_duo.wait_for_element("#embed-chart svg")
    driver.execute_script("document.getElementById('embed-chart').dispatchEvent("
                          "new PointerEvent('pointerenter'))")
    dash_duo.wait_for_element("#embed-chart .main-svg", timeout=20)
