"""A map of US states drawn before any script (the static site's pages, the live map's first paint,
the embed page): on the Albers map of the USA from plotly's own topology of the USA, each state in its
rating's or score's colour. The script-free drawer knew the world's map only, so such a page showed
no map, or opened from file:// (where plotly cannot fetch the topology) a colour bar and no state."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.first_paint import topology
from dashboard.static_site import frame
from layouts import albers_usa, maps, static_svg
from layouts.reference import DASHBOARD_COLOURS
from views.base import View


def places(**columns) -> pd.DataFrame:
    frame = pd.DataFrame({
        "place_id": ["al", "ca"], "name": ["Alabama", "California"], "kind": "region",
        "country_iso3": "USA", "lat": None, "lon": None, "state": ["AL", "CA"], "score": [40.0, 70.0],
        "colour": ["red", "green"], "arrow": "no_data", **columns})
    frame[["lat", "lon"]] = frame[["lat", "lon"]].astype("float64")
    return frame


def view_of(figure) -> View:
    return View("SDG Index, 2020", "2 of 2 places are on the map.", None, "/", figure)


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


def state_fills(svg: str) -> list[str]:
    return re.findall(r'<path fill="([^"]+)" d="M', svg)


def test_the_projection_puts_the_states_where_plotly_does():
    to_xy = albers_usa.projection(960, 500)  # plotly's own frame for the map of the USA
    assert [round(v) for v in to_xy(-96.6, 38.7)] == [480, 250]  # the 48 states' centre, mid-frame
    sf, boston, anchorage, honolulu = (to_xy(*p) for p in ((-122.4, 37.8), (-71.1, 42.4), (-149.9, 61.2),
                                                            (-157.9, 21.3)))
    assert sf[0] < 150 < 800 < boston[0] and boston[1] < sf[1]  # west to east, Boston further north
    # Alaska and Hawaii in the south-west corner, beside the 48 states, not where they lie
    assert anchorage[0] < 300 and anchorage[1] > 400 and 250 < honolulu[0] < 350 and honolulu[1] > 420
    # the Aleutians on both sides of the antimeridian are drawn side by side
    assert abs(to_xy(179.9, 51.8)[0] - to_xy(-179.9, 51.8)[0]) < 2


def test_a_map_of_the_usa_draws_every_state_in_its_ratings_colour():
    usa = maps.place_map(places(), "", by_rating=True, scope=maps.USA)
    assert static_svg.drawable(usa)
    svg = static_svg.picture(usa, "SDG Index, 2020", "2 of 2", topology(), "map-view",
                             usa=topology("usa_110m"))
    fills = state_fills(svg)
    assert len(fills) == 51  # the 50 states and DC
    red, green = rgb(DASHBOARD_COLOURS["red"]), rgb(DASHBOARD_COLOURS["green"])
    assert fills.count(red) == 1 and fills.count(green) == 1
    assert fills.count(static_svg.LAND) == 49
    # colour is not the only sign: the ratings are named under the map, each beside its colour
    assert ">major challenges (1)</text>" in svg and ">SDG achieved (1)</text>" in svg
    assert f'fill="{DASHBOARD_COLOURS["red"]}"' in svg
    assert 'aria-labelledby="map-view-title map-view-desc"' in svg
    # without the USA's topology there is no picture, rather than a wrong one
    assert static_svg.picture(usa, "t", "d", topology()) == ""


def test_a_map_of_the_usa_by_score_has_its_scale():
    usa = maps.place_map(places(colour=None), "", by_rating=False, scope=maps.USA)
    svg = static_svg.picture(usa, "SDG Index, 2020", "2 of 2", topology(), usa=topology("usa_110m"))
    assert len(state_fills(svg)) == 51 and "Score (0-100), darker = better</text>" in svg
    assert ">0</text>" in svg and ">100</text>" in svg


def test_the_static_site_and_the_first_paint_draw_it_without_chromium(monkeypatch):
    from dashboard import pictures

    def refused(*_args, **_kwargs):
        raise AssertionError("no picture is drawn by Chromium for a page's first view")

    monkeypatch.setattr(pictures.pool, "draw", refused)
    usa = view_of(maps.place_map(places(), "", by_rating=True, scope=maps.USA))
    site = frame.Site("en", ["en"], {}, topology=topology(), usa=topology("usa_110m"))
    shown = frame.chart_html(site, usa, "en/index.html", "map-view")
    assert shown.startswith("<svg") and len(state_fills(shown)) == 51
    assert frame.chart_html(site, usa, "en/index.html", "map-view") == shown  # the same bytes each export


def test_a_map_of_the_world_is_drawn_as_before():
    located = places(country_iso3=["KEN", "FRA"], state=None, lat=[-1.3, 48.9], lon=[36.8, 2.4])
    world = maps.place_map(located, "", by_rating=True)
    assert not static_svg.is_usa(world)
    svg = static_svg.picture(world, "t", "d", topology(), usa=topology("usa_110m"))
    assert 'class="first-paint-map"' in svg and svg.count("<circle") == 2


def test_the_embed_of_a_map_of_the_usa_preloads_the_usa_topology():
    from dashboard.embed.page import topology_preload

    usa = view_of(maps.place_map(places(), "", by_rating=True, scope=maps.USA))
    assert "usa_110m.json" in topology_preload(usa)
    world = view_of(maps.place_map(places(country_iso3=["KEN", "FRA"], state=None, lat=[-1.3, 48.9],
                                          lon=[36.8, 2.4]), "", by_rating=True))
    assert "world_110m.json" in topology_preload(world)
