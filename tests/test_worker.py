"""The service worker: what it keeps (only addresses that name their content), how it is served,
and where pages name it; tests/test_worker_browser.py watches it work in Chromium."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import urlsplit

import pytest

from dashboard import plotly_bundle
from dashboard.delivery import files, worker
from loaders.paths import DEMO_STORE

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CITY_SDG_CACHE", str(tmp_path_factory.mktemp("cache")))
        from dashboard.app import create_app

        yield create_app(str(DEMO_STORE))


def block(body: str, name: str):
    return json.loads(re.search(rf"^const {name} = (.*);$", body, re.M).group(1))


def test_worker_is_served_fresh_as_a_script(app):
    response = app.server.test_client().get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"  # a release's new worker is seen at once
    body = response.get_data(as_text=True)
    assert 'requestMode: "navigate"}, source: "network"' in body and "integrity: integrity" in body
    again = app.server.test_client().get("/sw.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not again.get_data()  # a reader's update check costs no body


def test_it_keeps_every_fingerprinted_script_and_style_of_a_page_and_nothing_else(app):
    client = app.server.test_client()
    body = client.get("/sw.js").get_data(as_text=True)
    kept = dict(block(body, "KEPT"))
    page = client.get("/").get_data(as_text=True)
    on_page = re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"', page)
    fingerprinted = [url for url in on_page if worker.FINGERPRINTED.search(url)]
    assert fingerprinted and set(fingerprinted) <= set(kept)
    assert files.plotly_address("/") in kept  # started by the page's head script
    for url, integrity in kept.items():
        assert not re.search(r"^/(api|_dash-update|_dash-layout|city|explore|embed)", url), url
        response = client.get(url, headers={"Accept-Encoding": "identity"})
        # cached for good by the browser too, and the bytes the install will check
        assert response.status_code == 200 and response.headers["Cache-Control"] == IMMUTABLE, url
        expected = base64.b64encode(hashlib.sha256(response.get_data()).digest()).decode()
        assert integrity == f"sha256-{expected}", url
    # what a page loads by an address that does not name its content stays out
    assert "/_dash-component-suites/dash/dcc/async-graph.js" not in kept
    assert not any("topojson" in url or url.endswith("/plotly/package_data/plotly.min.js") for url in kept)
    # one route per kept address, matching its path and query exactly
    routes = [(r["urlPattern"]["pathname"], r["urlPattern"]["search"]) for r in block(body, "ROUTES")]
    assert routes == [(urlsplit(url).path, urlsplit(url).query) for url in kept]  # nothing to escape


def test_a_route_escapes_what_a_url_pattern_reads_as_syntax():
    assert worker.route("/h/0123456789abcdef/a(b)*.js?m=1+2") == {
        "urlPattern": {"pathname": "/h/0123456789abcdef/a\\(b\\)\\*.js", "search": "m=1\\+2"}}


@pytest.mark.parametrize("url", [
    "/assets/site.css",
    "/_dash-component-suites/dash/dcc/async-graph.js",
    "/_dash-component-suites/plotly/package_data/plotly.min.js",
    "/h/d85327d99c7a3ee1x/bootstrap.min.css",
    "/api/v1/indicators?m=1",
])
def test_addresses_that_may_change_are_not_fingerprinted(url):
    assert not worker.FINGERPRINTED.search(url)


def test_a_new_plotly_build_gets_a_new_address_and_a_new_cache(app, monkeypatch, tmp_path):
    with app.server.test_request_context("/sw.js"):
        before = worker.script(app)
    rebuilt = tmp_path / "plotly.min.js"
    rebuilt.write_bytes(plotly_bundle.bundle_path().read_bytes() + b"\n// rebuilt\n")
    named = files.named_files()
    monkeypatch.setattr(files, "named_files", lambda: {**named, "plotly.min.js": rebuilt})
    with app.server.test_request_context("/sw.js"):
        after = worker.script(app)
    assert block(after, "CACHE") != block(before, "CACHE") and block(after, "CACHE").startswith("city-sdg-")
    old, new = dict(block(before, "KEPT")), dict(block(after, "KEPT"))
    old_plotly = next(url for url in old if url.endswith("/plotly.min.js"))
    assert set(old) - set(new) == {old_plotly} and old_plotly != files.plotly_address("/")
    assert new[files.plotly_address("/")] == worker.integrity(rebuilt)


def test_pages_name_the_worker_and_the_registration_waits_for_load(app):
    client = app.server.test_client()
    for path in ("/", "/city/ken-nairobi", "/explore", "/about"):
        page = client.get(path).get_data(as_text=True)
        assert '<meta name="city-sdg-worker" content="/sw.js">' in page, path
        assert re.search(r'<script src="/assets/worker\.js\?m=[0-9.]+"></script>', page), path
    # an embed lives on another site's page: it registers nothing there
    assert "city-sdg-worker" not in client.get("/embed/map").get_data(as_text=True)
