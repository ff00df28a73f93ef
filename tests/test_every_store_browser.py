"""No page of an odd or imported store asks another origin for anything: the district map of an
imported Open SDG site and the maps of a store whose places mostly lack coordinates draw their
topology from this app, in a real browser."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from tests import store_matrix
from tests.browser import foreign_requests, start

pytestmark = pytest.mark.browser

GEO = "return document.querySelectorAll('.js-plotly-plot .geo, .js-plotly-plot .geolayer').length"
DRAWN = "return document.querySelectorAll('.js-plotly-plot .main-svg').length"


def visit(dash_duo, path: str) -> None:
    dash_duo.driver.get(dash_duo.server_url + path)
    dash_duo._wait_for(lambda _: dash_duo.driver.execute_script(DRAWN) > 0, timeout=30,
                       msg=lambda *_: f"no chart drawn on {path}")


@pytest.mark.realdata
def test_imported_site_with_districts_stays_on_its_origin(dash_duo, tmp_path, realdata, monkeypatch):
    from dashboard.cli import main

    store = tmp_path / "store"
    assert main(["import", str(realdata / "bristol-opensdg"), "--store", str(store)]) in (0, 1)
    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    start(dash_duo, create_app(str(store)))
    visit(dash_duo, "/city/gbr-bristol")
    dash_duo._wait_for(lambda _: dash_duo.driver.execute_script(GEO) > 0, timeout=30,
                       msg=lambda *_: "no district map drawn")
    assert foreign_requests(dash_duo.driver, dash_duo.server_url) == []
    visit(dash_duo, "/explore")
    assert foreign_requests(dash_duo.driver, dash_duo.server_url) == []


def test_store_without_coordinates_stays_on_its_origin(dash_duo, tmp_path, monkeypatch):
    store = store_matrix.build("no-coordinates", tmp_path)
    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    start(dash_duo, create_app(str(store)))
    for path in ("/?goal=6", "/projects"):
        visit(dash_duo, path)
        assert foreign_requests(dash_duo.driver, dash_duo.server_url) == [], path
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_contains_text("#map-summary", "cannot be drawn: they have no coordinates", timeout=30)
