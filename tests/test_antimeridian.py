"""A store whose places lie on both sides of the antimeridian (New Zealand with the Chatham Islands,
Chukotka, Fiji) is drawn at its own extent across 180 degrees, live and without scripts, not as a
map of the world."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from layouts.extents import longitude_span

NEW_ZEALAND = {"Auckland": (174.76, -36.85), "Hamilton": (175.28, -37.79), "Wellington": (174.78, -41.29),
               "Christchurch": (172.64, -43.53), "Invercargill": (168.35, -46.41),
               "Chatham Islands": (-176.56, -43.95)}


def span_of(spans: list[tuple[float, float]]) -> tuple[float, float] | None:
    return longitude_span([w for w, _ in spans], [e for _, e in spans])


def test_the_shortest_span_of_longitudes_goes_round_the_globe_when_that_is_shorter():
    assert span_of([(174.76, 174.76), (172.64, 172.64), (-176.56, -176.56)]) == pytest.approx(
        (172.64, 183.44))
    assert span_of([(-2.6, -2.6), (-2.5, -2.4)]) == (-2.6, -2.4)  # Bristol: as before
    assert span_of([(-50.0, -50.0), (50.0, 50.0)]) == (-50.0, 50.0)  # the shorter way
    assert span_of([(-100.0, -100.0), (100.0, 100.0)]) == (100.0, 260.0)  # round the back
    # an island split at 180 (as GeoJSON asks), each half a span of its own
    assert span_of([(-179.9, -178.0), (177.0, 180.0)]) == (177.0, 182.0)
    assert span_of([(190.0, 191.0), (175.0, 176.0)]) == (175.0, 191.0)  # beyond 180 as given
    # a span that crosses 180 itself (a ward given in 0..360), with a marker beyond the seam
    assert span_of([(175.0, 185.0), (-178.0, -178.0)]) == (175.0, 185.0)
    assert span_of([(177.0, 182.0), (-179.0, -179.0)]) == (177.0, 182.0)
    assert span_of([(float("nan"), 1.0), (10.0, 10.0)]) == (10.0, 10.0)  # not a number: left out
    assert span_of([]) is None and span_of([(-170.0, 200.0)]) == (-180.0, 180.0)


def nz_store(folder: Path) -> Path:
    """Six of the demo's cities moved to New Zealand, the Chatham Islands east of 180 degrees."""
    from loaders.store import Store
    from tests.store_matrix import moved_cities

    meta, tables = moved_cities(NEW_ZEALAND)
    Store(folder).write(tables, meta)
    return folder


@pytest.fixture(scope="module")
def new_zealand(tmp_path_factory):
    from loaders.store import Store

    return Store(nz_store(tmp_path_factory.mktemp("nz") / "store")).read()


def test_the_store_s_extent_crosses_180_degrees(new_zealand):
    from layouts.scores import local_extent

    (west, east), (south, north) = local_extent(new_zealand)
    assert 160 < west < 168.35 and 183.44 < east < 195  # not -176.6 to 175: most of the world
    assert south < -46.41 and north > -36.85


def test_the_live_map_is_turned_to_the_middle_of_its_extent(new_zealand):
    from views.registry import build

    figure = build("map", {}, new_zealand).figure
    geo = figure.layout.geo
    west, east = geo.lonaxis.range
    assert east > 180 and geo.projection.rotation.lon == pytest.approx((west + east) / 2)
    assert geo.center.lon == pytest.approx(geo.projection.rotation.lon)


def test_the_picture_without_scripts_puts_every_place_inside_its_frame(new_zealand):
    from dashboard.first_paint import topology
    from layouts.static_svg import geo_svg
    from views.registry import build

    figure = build("map", {}, new_zealand).figure
    svg = geo_svg(figure, "New Zealand", "Six places", topology())
    frame = re.search(r'<clipPath id="map-frame"><rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)"', svg)
    left, top, width, height = (int(v) for v in frame.groups())
    centres = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([-\d.]+)" cy="([-\d.]+)"', svg)]
    centres += [(float(x), float(y)) for x, y in re.findall(r'<path d="M([-\d.]+) ([-\d.]+)m', svg)]
    assert len(centres) >= len(NEW_ZEALAND)
    for x, y in centres:
        assert left - 1 <= x <= left + width + 1 and top - 1 <= y <= top + height + 1, (x, y)
    # New Zealand's land is drawn, and no line of it jumps across the frame
    assert "<path fill=\"#f2f2f2\" d=\"M" in svg
    land = svg.split('fill="#f2f2f2" d="', 1)[1].split('"', 1)[0]
    steps = [abs(int(dx)) for dx in re.findall(r"(?<=[l ])(-?\d+)(?= -?\d)", land)]
    assert max(steps) < width / 2


def inside(lon: float, west: float, east: float) -> bool:
    """Whether `lon` lies in [west, east], a range whose east edge may lie beyond 180."""
    return any(west <= lon + turn <= east for turn in (-360, 0, 360))


@pytest.mark.parametrize("region", ["africa", "americas", "asia", "europe", "oceania"])
def test_a_region_zoom_shows_every_place_its_ranking_lists(region):
    """The demo's Oceania has Apia and Papeete east of 180 degrees and Saipan north of the usual
    frame: the zoom listed them in its ranking and left them off its map."""
    from loaders.paths import DEMO_STORE
    from loaders.store import Store
    from views.map import REGION_NAMES
    from views.registry import build

    store = Store(DEMO_STORE).read()
    figure = build("map", {"region": region}, store).figure
    (west, east), (south, north) = figure.layout.geo.lonaxis.range, figure.layout.geo.lataxis.range
    places = store.places[(store.places["un_region"] == REGION_NAMES[region]) & store.places["lon"].notna()]
    assert len(places)
    for name, lon, lat in zip(places["name"], places["lon"], places["lat"], strict=True):
        assert inside(float(lon), west, east) and south <= float(lat) <= north, (region, name, lon, lat)
    if region == "oceania":
        assert east > 180 and figure.layout.geo.projection.rotation.lon == pytest.approx((west + east) / 2)


def test_land_cut_by_a_turned_map_s_edge_is_closed_along_that_edge():
    """A ring across the edge of a map turned to -70 (its edge the meridian at 110): two pieces, one
    each side, each closed along the edge; closed by a straight line instead, the ends of Eurasia
    cut at 106 degrees filled a wedge of the North Pacific as land."""
    from layouts.extents import wrapped
    from layouts.static_svg import seam_pieces

    ring = [(100.0, 10.0), (120.0, 10.0), (120.0, 30.0), (100.0, 30.0)]
    pieces = seam_pieces(ring, -70.0)
    assert len(pieces) == 2
    for piece in pieces:
        sides = {wrapped(lon, -70.0) > 0 for lon, _ in piece}
        assert len(sides) == 1  # every point of a piece on one side of the edge
        edge = [(lon, lat) for lon, lat in piece if abs(abs(wrapped(lon, -70.0)) - 180) < 1e-6]
        lats = [lat for _, lat in edge]
        assert min(lats) == pytest.approx(10.0) and max(lats) == pytest.approx(30.0)
        assert len(edge) >= 5  # along the edge, every 2 degrees, not one straight line across
    assert seam_pieces(ring, 0.0) == [ring]  # not turned: Natural Earth's own cut at 180 holds


def test_a_turned_map_keeps_the_countries_near_its_frame():
    """On a map turned to -163.5 (Sydney to Los Angeles), Mexico lies inside the frame only in turned
    longitudes: its borders are drawn. Unturned, -117 to -86 looks far from 142 to 251."""
    from dashboard.first_paint import topology
    from layouts.static_svg import decoded_arcs, near

    topo = topology()
    arcs = decoded_arcs(topo)
    mexico = next(g for g in topo["objects"]["countries"]["geometries"] if g.get("id") == "MEX")
    france = next(g for g in topo["objects"]["countries"]["geometries"] if g.get("id") == "FRA")
    ranges = ((142.0, 251.0), (-40.0, 41.0))
    assert near(mexico, arcs, ranges, -163.5) and not near(france, arcs, ranges, -163.5)


def test_a_place_far_from_its_region_keeps_the_region_s_usual_frame(tmp_path):
    """Mauritius takes Africa's zoom out to 60.5 degrees east; a place of the region 120 degrees
    away (UN regions put Blagoveshchensk in Europe) leaves the usual frame as it is."""
    from layouts.maps import REGIONS
    from layouts.scores import zoom_ranges
    from loaders.store import Store
    from tests.store_matrix import moved_cities
    from views.map import REGION_NAMES

    meta, tables = moved_cities({"Nairobi": (36.8, -1.3), "Port Louis": (57.5, -20.2)})
    near = Store(tmp_path / "near")
    near.write(tables, meta)
    (west, east), _ = zoom_ranges(near.read(), REGIONS, REGION_NAMES)["africa"]
    assert (west, east) == (REGIONS["africa"][0][0], 60.5)
    meta, tables = moved_cities({"Nairobi": (36.8, -1.3), "Far away": (150.0, -5.0)})
    far = Store(tmp_path / "far")
    far.write(tables, meta)
    assert zoom_ranges(far.read(), REGIONS, REGION_NAMES)["africa"] == tuple(
        tuple(float(v) for v in edges) for edges in REGIONS["africa"])
