"""The page for the URL comes inside the first layout, and the router is the fallback."""

from __future__ import annotations

import json
import re

import pytest
from selenium.webdriver.common.by import By

from loaders.paths import DEMO_STORE
from tests.browser import start, without_inline_layout

CALLBACK_FETCHES = """
return performance.getEntriesByType('resource')
  .filter(e => e.initiatorType === 'fetch' && !/_dash-(layout|dependencies)$/.test(e.name))
  .map(e => e.name);
"""


@pytest.fixture(scope="module")
def client():
    from dashboard.app import create_app

    return create_app(str(DEMO_STORE)).server.test_client()


def container(layout: dict) -> dict:
    found = {}

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") in ("_pages_location", "_pages_content", "_pages_store"):
                found[props["id"]] = props
            walk(props.get("children"))

    walk(layout)
    return found


def test_layout_request_carries_the_page_of_its_referer(client):
    response = client.get("/_dash-layout", headers={"Referer": "http://localhost/city/ken-nairobi?lang=fr"})
    parts = container(json.loads(response.get_data()))
    assert parts["_pages_location"]["pathname"] == "/city/ken-nairobi"
    assert parts["_pages_location"]["search"] == "?lang=fr"
    assert "Nairobi" in json.dumps(parts["_pages_content"]["children"], ensure_ascii=False)
    assert parts["_pages_store"]["data"]["title"].endswith("Nairobi")


def test_unknown_path_gets_the_404_page_and_no_referer_gets_dashs_empty_container(client):
    missing = container(json.loads(client.get(
        "/_dash-layout", headers={"Referer": "http://localhost/nowhere"}).get_data()))
    assert missing["_pages_content"]["children"]
    plain = container(json.loads(client.get("/_dash-layout").get_data()))
    assert "pathname" not in plain["_pages_location"] and not plain["_pages_content"].get("children")
    other_site = container(json.loads(client.get(
        "/_dash-layout", headers={"Referer": "http://elsewhere.example/city/ken-nairobi"}).get_data()))
    assert "pathname" not in other_site["_pages_location"]


def test_the_page_html_carries_its_layout_and_the_callbacks(client):
    """The renderer's first two answers come inside the page (one round trip less on a phone): the
    same layout `_dash-layout` gives for that URL, and the callbacks' list."""
    html = client.get("/city/ken-nairobi?lang=fr").get_data(as_text=True)
    inline = re.search(r'<script type="application/json" id="_inline-layout">(.*?)</script>', html, re.S)
    asked = client.get("/_dash-layout", headers={"Referer": "http://localhost/city/ken-nairobi?lang=fr"})
    assert json.loads(inline.group(1)) == json.loads(asked.get_data())
    callbacks = re.search(r'id="_inline-dependencies">(.*?)</script>', html, re.S)
    assert json.loads(callbacks.group(1)) == json.loads(client.get("/_dash-dependencies").get_data())
    assert html.index('id="first-paint"') < inline.start() < html.index('id="react-entry-point"')


def test_data_blocks_cannot_be_closed_by_the_data():
    from dashboard.routing import data_block

    block = data_block("x", json.dumps({"name": "</script><script>alert(1)</script>"}))
    assert block.count("</script>") == 1 and "<script>alert" not in block
    inner = block[len('<script type="application/json" id="x">'):-len("</script>")]
    assert json.loads(inner) == {"name": "</script><script>alert(1)</script>"}


@pytest.mark.browser
def test_page_starts_without_a_router_callback(dash_duo, app):
    start(dash_duo, app)
    dash_duo.driver.get(dash_duo.server_url + "/city/ken-nairobi")
    dash_duo.wait_for_element("#_pages_content .goal-tile", timeout=60)
    dash_duo.wait_for_element("#city-trend .main-svg", timeout=60)
    assert dash_duo.driver.execute_script(CALLBACK_FETCHES) == []
    assert dash_duo.driver.execute_script(  # nor a layout or callbacks request: both came in the page
        "return performance.getEntriesByType('resource').filter(e => /_dash-(layout|dependencies)/"
        ".test(e.name)).length") == 0
    dash_duo.driver.find_element(By.LINK_TEXT, "Explore").click()  # the router still routes
    dash_duo.wait_for_element("#_pages_content #explore-chart, #_pages_content h1", timeout=60)
    assert "/explore" in dash_duo.driver.current_url


@pytest.mark.browser
def test_a_cut_short_referer_falls_back_to_the_router(dash_duo, app):
    """Without the layout in the page (a proxy that rewrites HTML, say), the renderer asks the server;
    when its request names only the origin, the router callback renders the page."""
    def origin_only(response):
        response.headers["Referrer-Policy"] = "origin"  # the layout request then names only "/"
        return response

    # Flask runs after-request functions last-registered first: at the list's head this one runs
    # after the security headers, which would otherwise set same-origin again
    app.server.after_request_funcs.setdefault(None, []).insert(0, origin_only)
    without_inline_layout(app)

    start(dash_duo, app)
    dash_duo.driver.get(dash_duo.server_url + "/city/ken-nairobi")
    dash_duo.wait_for_element("#_pages_content .goal-tile", timeout=60)
    assert "Nairobi" in dash_duo.find_element("#_pages_content h1").text
    assert dash_duo.driver.execute_script(CALLBACK_FETCHES)  # the router callback did the work
