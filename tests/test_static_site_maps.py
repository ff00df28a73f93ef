"""The static site's first map where the script-free drawer cannot draw it: the map of the USA (its
states in the Albers projection) is drawn by Kaleido, so a page read without scripts, or opened from
file:// where plotly cannot fetch the topology, shows the states (it showed no map, or a colour bar
and no state). A map of the world is still drawn without Chromium."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from dashboard import pictures
from dashboard.paths import ASSETS_DIR
from dashboard.static_site import frame
from layouts import maps
from layouts.reference import DASHBOARD_COLOURS
from views.base import View

DRAWN = ('<svg class="main-svg" xmlns="http://www.w3.org/2000/svg" width="960" height="450" style="" '
         'viewBox="0 0 960 450"><defs id="defs-3f9a1c"><clipPath id="clip3f9a1cgeo"><rect/></clipPath>'
         '<linearGradient id="g3f9a1c-cbmap"/></defs><g clip-path="url(#clip3f9a1cgeo)">'
         '<path class="choroplethlocation" fill="rgb(192, 38, 45)"/></g>'
         '<rect style="fill: url(\'#g3f9a1c-cbmap\');"/><defs id="topdefs-3f9a1c"/></svg>')
"""What Kaleido hands back, in short: plotly's ids carry a number drawn at random each time."""


def places(**columns) -> pd.DataFrame:
    frame = pd.DataFrame({
        "place_id": ["al", "ca"], "name": ["Alabama", "California"], "kind": "region",
        "country_iso3": "USA", "lat": None, "lon": None, "state": ["AL", "CA"], "score": [40.0, 70.0],
        "colour": ["red", "green"], "arrow": "no_data", **columns})
    frame[["lat", "lon"]] = frame[["lat", "lon"]].astype("float64")
    return frame


def view_of(figure) -> View:
    return View("SDG Index, 2020", "2 of 2 places are on the map.", None, "/", figure)


def world_topology() -> dict:
    return json.loads((ASSETS_DIR / "topojson" / "world_110m.json").read_text(encoding="utf-8"))


@pytest.fixture
def handed(monkeypatch):
    """What the picture pool is asked to draw, answered without Chromium."""
    asked = []

    def draw(figure: dict, fmt: str, width: int, height: int) -> bytes:
        asked.append((figure, fmt, width, height))
        return DRAWN.encode("utf-8")

    monkeypatch.setattr(pictures.pool, "draw", draw)
    return asked


def test_the_first_map_of_the_usa_is_drawn_by_kaleido_with_its_states(handed):
    site = frame.Site("en", ["en"], {}, topology=world_topology())
    usa = view_of(maps.place_map(places(), "", by_rating=True, scope=maps.USA))
    shown = frame.chart_html(site, usa, "en/index.html", "map-view")
    assert len(handed) == 1
    figure, fmt, width, height = handed[0]
    assert (fmt, width, height) == ("svg", 960, 450)  # as wide as a picture, as tall as the live chart
    assert figure["layout"]["geo"]["scope"] == "usa"
    assert figure["layout"]["geo"]["projection"]["type"] == "albers usa"
    assert {trace["locationmode"] for trace in figure["data"]} == {"USA-states"}
    assert sorted(code for trace in figure["data"] for code in trace["locations"]) == ["AL", "CA"]
    # each trace named, so its colour bar's classes are the same in every export
    assert [trace["uid"] for trace in figure["data"]] == [f"map-view-svg-trace-{n}" for n in range(2)]
    assert shown.startswith("<svg") and 'class="choroplethlocation" fill="rgb(192, 38, 45)"' in shown
    assert 'role="img" aria-labelledby="map-view-svg-title map-view-svg-desc"' in shown
    assert '<title id="map-view-svg-title">SDG Index, 2020</title>' in shown
    assert '<desc id="map-view-svg-desc">2 of 2 places are on the map.</desc>' in shown
    # plotly's random ids are named after the section, and what points at them follows
    assert "3f9a1c" not in shown
    assert re.findall(r'\sid="([^"]+)"', shown)[2:] == [f"map-view-svg-{n}" for n in range(1, 5)]
    assert 'clip-path="url(#map-view-svg-2)"' in shown and "url('#map-view-svg-3')" in shown
    # as wide as the card, no taller than the live chart
    opening = shown[:shown.index(">") + 1]
    assert 'width="960"' not in opening and "max-height: 450px" in opening
    assert 'viewBox="0 0 960 450"' in opening


def test_without_pictures_or_chromium_the_page_keeps_its_words(handed, monkeypatch):
    usa = view_of(maps.place_map(places(), "", by_rating=False, scope=maps.USA))
    assert frame.chart_html(frame.Site("en", ["en"], {}, pictures=False), usa, "en/index.html") == ""
    assert handed == []

    def missing(*_args, **_kwargs):
        raise pictures.RendererMissing("Chromium is not installed")

    monkeypatch.setattr(pictures.pool, "draw", missing)
    assert frame.chart_html(frame.Site("en", ["en"], {}), usa, "en/index.html") == ""


def test_a_map_of_the_world_is_still_drawn_without_chromium(handed):
    site = frame.Site("en", ["en"], {}, topology=world_topology())
    located = places(country_iso3=["KEN", "FRA"], state=None, lat=[-1.3, 48.9], lon=[36.8, 2.4])
    shown = frame.chart_html(site, view_of(maps.place_map(located, "", by_rating=True)), "en/index.html")
    assert 'class="first-paint-map"' in shown and handed == []


@pytest.mark.browser
@pytest.mark.skipif(pictures.chromium() is None, reason="pictures need Chromium (scripts/setup.sh)")
def test_kaleido_draws_the_states_in_their_ratings_colours():
    usa = view_of(maps.place_map(places(), "", by_rating=True, scope=maps.USA))
    site = frame.Site("en", ["en"], {}, topology=world_topology())
    shown = frame.chart_html(site, usa, "en/index.html", "map-view")
    fills = re.findall(r'class="choroplethlocation" fill="rgb\((\d+), (\d+), (\d+)\)"', shown)
    expected = {tuple(str(int(DASHBOARD_COLOURS[key][i:i + 2], 16)) for i in (1, 3, 5))
                for key in ("red", "green")}
    assert len(fills) == 2 and set(fills) == expected  # Alabama red, California green, as on the live map
    assert frame.chart_html(site, usa, "en/index.html", "map-view") == shown  # the same bytes each export
