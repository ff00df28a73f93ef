"""The service worker: what it keeps (only addresses that name their content), how it is served,
and where pages name it; tests/test_worker_browser.py watches it work in Chromium."""

from __future__ import annotations

import json
import re

import pytest

from dashboard import first_paint
from dashboard.delivery import worker
from loaders.paths import DEMO_STORE


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    import os

    os.environ["CITY_SDG_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    from dashboard.app import create_app

    yield create_app(str(DEMO_STORE))
    del os.environ["CITY_SDG_CACHE"]


def kept(body: str) -> list[str]:
    return json.loads(re.search(r"^const KEPT = (\[.*\]);$", body, re.M).group(1))


def cache_name(body: str) -> str:
    return json.loads(re.search(r"^const CACHE = (.*);$", body, re.M).group(1))


def test_worker_is_served_fresh_as_a_script(app):
    response = app.server.test_client().get("/sw.js")
    assert response.status_code == 200 and response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"  # a release's new worker is seen at once
    body = response.get_data(as_text=True)
    assert "addRoutes" in body and 'requestMode: "navigate"}, source: "network"' in body


def test_it_keeps_every_fingerprinted_script_and_style_of_a_page_and_nothing_else(app):
    client = app.server.test_client()
    urls = kept(client.get("/sw.js").get_data(as_text=True))
    page = client.get("/").get_data(as_text=True)
    on_page = re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"', page)
    fingerprinted = [url for url in on_page if worker.FINGERPRINTED.search(url)]
    assert fingerprinted and set(fingerprinted) <= set(urls)
    assert first_paint.plotly_address("/") in urls  # started by the page's head script
    for url in urls:
        assert worker.FINGERPRINTED.search(url), url
        assert not re.search(r"^/(api|_dash-update|_dash-layout|city|explore|embed)", url), url
        assert client.get(url).status_code == 200, url  # install fails if one is missing
    # what a page loads by an address that does not name its content stays out
    assert "/_dash-component-suites/dash/dcc/async-graph.js" not in urls
    assert not any("topojson" in url or url.endswith("/plotly/package_data/plotly.min.js") for url in urls)


@pytest.mark.parametrize("url", [
    "/assets/site.css",
    "/_dash-component-suites/dash/dcc/async-graph.js",
    "/_dash-component-suites/plotly/package_data/plotly.min.js",
    "/h/d85327d99c7a3ee1x/bootstrap.min.css",
    "/api/v1/indicators?m=1",
])
def test_addresses_that_may_change_are_not_fingerprinted(url):
    assert not worker.FINGERPRINTED.search(url)


def test_a_new_release_gets_a_new_cache(app, monkeypatch):
    with app.server.test_request_context("/"):
        before = cache_name(worker.script(app))
        urls = worker.kept_urls(app)
        monkeypatch.setattr(worker, "kept_urls", lambda _: [*urls[:-1], "/h/0123456789abcdef/plotly.min.js"])
        after = worker.script(app)
    assert cache_name(after) != before and cache_name(after).startswith("city-sdg-")
    # and the new worker drops every older cache of its own, never anyone else's
    assert 'name.startsWith("city-sdg-") && name !== CACHE' in after


def test_pages_name_the_worker_and_the_registration_waits_for_load(app):
    client = app.server.test_client()
    for path in ("/", "/city/ken-nairobi", "/explore", "/about"):
        page = client.get(path).get_data(as_text=True)
        assert '<meta name="city-sdg-worker" content="/sw.js">' in page, path
        assert re.search(r'<script src="/assets/worker\.js\?m=[0-9.]+"></script>', page), path
    # an embed lives on another site's page: it registers nothing there
    assert "city-sdg-worker" not in client.get("/embed/map").get_data(as_text=True)
