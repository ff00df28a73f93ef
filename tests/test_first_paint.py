"""The server-drawn first picture: the SVG builder on tiny inputs, and the pages' first HTML."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from layouts import static_svg
from loaders.paths import DEMO_STORE

# one square country 'AAA' (lon 10..20, lat 0..10) and one 'BBB' beside it, sharing an edge
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [1, 1], "translate": [0, 0]},
    "arcs": [[[10, 0], [0, 10]], [[10, 10], [10, 0], [0, -10], [-10, 0]], [[20, 0], [0, 10]],
             [[20, 10], [10, 0], [0, -10], [-10, 0]]],
    "objects": {
        "countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "AAA", "arcs": [[0, ~2, 3]]},
            {"type": "Polygon", "id": "BBB", "arcs": [[2, ~0, ~1]]}]},
        "land": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0, 1, 2, 3]]}]},
    },
}


def test_projection_is_natural_earth_centred_and_north_up():
    assert static_svg.project(0, 0) == (static_svg.WIDTH / 2, static_svg.HEIGHT / 2)
    west, _ = static_svg.project(-180, 0)
    east, _ = static_svg.project(180, 0)
    assert west == pytest.approx(0, abs=1) or east == pytest.approx(static_svg.WIDTH, abs=1)
    assert static_svg.project(0, 60)[1] < static_svg.project(0, 0)[1]
    # Natural Earth narrows towards the poles: 180 degrees east at 80 N lies nearer the centre
    assert static_svg.project(180, 80)[0] < east


def test_markers_keep_their_trace_colour_shape_and_the_svg_is_labelled():
    figure = go.Figure([
        go.Scattergeo(lat=[5, 6], lon=[12, 14], name="green (2)",
                      marker={"color": "#1E7B34", "symbol": "circle"}),
        go.Scattergeo(lat=[5], lon=[25], name="red (1)",
                      marker={"color": "#C0262D", "symbol": "triangle-down"}),
    ])
    svg = static_svg.geo_svg(figure, "Goal 3 & more", "3 places <drawn>", TOPOLOGY, "t")
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="t-title t-desc"' in svg
    assert '<title id="t-title">Goal 3 &amp; more</title>' in svg
    assert '<desc id="t-desc">3 places &lt;drawn&gt;</desc>' in svg
    green = re.search(r'<g fill="#1E7B34"[^>]*>(.*?)</g>', svg).group(1)
    assert green.count("<circle") == 2
    red = re.search(r'<g fill="#C0262D"[^>]*>(.*?)</g>', svg).group(1)
    assert red.count("<path") == 1
    assert "green (2)" in svg and "red (1)" in svg  # the legend names each colour in words


def test_choropleth_shades_only_countries_with_a_value_on_its_scale():
    figure = go.Figure(go.Choropleth(locations=["AAA"], z=[100], zmin=0, zmax=100,
                                     colorscale=[[0, "#000000"], [1, "#ffffff"]]))
    svg = static_svg.geo_svg(figure, "t", "d", TOPOLOGY)
    shaded = re.findall(r'<path fill="(rgb\([^"]+\))" d="([^"]+)"', svg)
    assert [colour for colour, _ in shaded] == ["rgb(255, 255, 255)"]
    left, _top = static_svg.project(10, 10)
    assert f"M{round(left)} " in shaded[0][1]
    assert static_svg.drawable(figure)
    assert not static_svg.drawable(go.Figure(go.Bar(x=[1], y=[2])))


def absolute_points(data: str) -> list[list[tuple[int, int]]]:
    """The pixels an "M x y l dx dy ... Z" path visits, as a browser reads it."""
    rings = []
    for move, steps in re.findall(r"M(-?\d+ -?\d+)l([^MZ]*)Z?", data):
        x, y = map(int, move.split())
        numbers = [int(n) for n in re.findall(r"-?\d+", steps)]
        ring = [(x, y)]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def test_paths_step_relatively_to_the_same_whole_pixels():
    line = [(10, 0), (10.2, 0.1), (20, 10), (0, -10), (-30, 40)]
    data = static_svg.path_data([line], closed=True)
    expected = []
    for lon, lat in line:
        point = tuple(round(v) for v in static_svg.project(lon, lat))
        if not expected or point != expected[-1]:
            expected.append(point)
    assert len(expected) == 4  # the second point rounds onto the first and is dropped
    assert absolute_points(data) == [expected]
    assert data.endswith("Z") and " -" not in data and data.count("l") == 1


def test_markers_on_a_scale_get_a_key_and_name_themselves_on_pointing():
    figure = go.Figure(go.Scattergeo(lat=[0, 10], lon=[15, 16], text=["A<br>Score: 10", "B & C"],
                                     marker={"color": [10, 90], "cmin": 0, "cmax": 100,
                                             "colorscale": [[0, "#ffffff"], [1, "#000000"]],
                                             "colorbar": {"title": {"text": "Score<br>darker = better"}}}))
    svg = static_svg.geo_svg(figure, "t", "d", TOPOLOGY, "k", tooltips=True)
    assert '<linearGradient id="k-scale">' in svg and 'fill="url(#k-scale)"' in svg
    assert ">Score darker = better</text>" in svg and ">0</text>" in svg and ">100</text>" in svg
    assert "<title>A\nScore: 10</title>" in svg and "<title>B &amp; C</title>" in svg
    assert "<title>A" not in static_svg.geo_svg(figure, "t", "d", TOPOLOGY, "k")  # pages: plotly hovers


def test_a_map_of_its_own_ranges_draws_places_areas_and_markers_in_a_frame_of_them():
    """A city's wards: the ranges fill the frame (north up, longitude narrowed at that latitude),
    each area in its place's colour under its marker, and the world's far shapes left out."""
    to_xy = static_svg.local_projection((10.0, 12.0), (0.0, 1.0))
    corners = [to_xy(x, y) for x in (10.0, 12.0) for y in (0.0, 1.0)]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert min(xs) > -0.1 and max(xs) < static_svg.WIDTH + 0.1 and min(ys) > -0.1
    assert max(ys) < static_svg.HEIGHT + 0.1
    assert height == pytest.approx(static_svg.HEIGHT) or width == pytest.approx(static_svg.WIDTH)
    assert to_xy(11.0, 0.5) == pytest.approx((static_svg.WIDTH / 2, static_svg.HEIGHT / 2), abs=1)
    assert to_xy(11.0, 1.0)[1] < to_xy(11.0, 0.0)[1]  # north up

    def aspect(projection) -> float:
        (x0, y0), (x1, y1) = projection(10.0, 61.0), projection(12.0, 60.0)
        return (x1 - x0) / (y1 - y0)

    # Natural Earth, as plotly: a degree of longitude narrows towards the poles
    assert aspect(static_svg.local_projection((10.0, 12.0), (60.0, 61.0))) < 0.97 * width / height
    wards = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"place_id": "w1"},
         "geometry": {"type": "Polygon", "coordinates": [[[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]]}},
        {"type": "Feature", "properties": {"place_id": "w2"}, "geometry": {
            "type": "MultiPolygon", "coordinates": [[[[11, 0], [12, 0], [12, 1], [11, 0]]]]}}]}
    figure = go.Figure([
        go.Choropleth(geojson=wards, featureidkey="properties.place_id", locations=["w1", "w2"], z=[0, 100],
                      zmin=0, zmax=100, colorscale=[[0, "#000000"], [1, "#ffffff"]], marker={"opacity": 0.5}),
        go.Scattergeo(lat=[0.5], lon=[10.5], marker={"color": "#1E7B34"})])
    figure.update_geos(lonaxis_range=[10, 12], lataxis_range=[0, 1])
    assert static_svg.drawable(figure) and not static_svg.drawable(go.Figure(figure.data))  # the world: not
    svg = static_svg.geo_svg(figure, "t", "d", TOPOLOGY, "w")
    areas = re.search(r'<g fill-opacity="0.5"[^>]*>(.*?)</g>', svg).group(1)
    assert re.findall(r'fill="(rgb\([^"]+\))"', areas) == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    left, bottom = to_xy(10, 0)  # the first ring's first corner
    assert f'd="M{round(left)} {round(bottom)}l' in areas
    x, y = to_xy(10.5, 0.5)
    assert f'<circle cx="{x:.1f}" cy="{y:.1f}"' in svg and '<clipPath id="w-frame">' in svg
    far = static_svg.geo_svg(go.Figure(figure.data, layout={"geo": {"lonaxis": {"range": [100, 101]},
                                                                     "lataxis": {"range": [50, 51]}}}),
                             "t", "d", TOPOLOGY, "f")
    assert 'stroke-width="0.6" d=""' in far  # AAA and BBB lie far away: no border drawn


def test_a_region_s_frame_holds_all_of_it_where_its_meridians_curve():
    """Oceania's ranges (110-180 E): on Natural Earth its east edge bows out beyond its corners, and
    the frame clipped Suva and Auckland off; the frame is the ranges' fitted box."""
    figure = go.Figure(go.Scattergeo(lat=[-18.1, -36.8, 1.0], lon=[178.4, 174.8, 110.5],
                                     marker={"color": "#333333"}))
    figure.update_geos(lonaxis_range=[110, 180], lataxis_range=[-48, 2])
    svg = static_svg.geo_svg(figure, "t", "d", TOPOLOGY, "o")
    box = r'<clipPath id="o-frame"><rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"'
    x, y, width, height = (float(v) for v in re.search(box, svg).groups())
    for cx, cy in re.findall(r'<circle cx="([-\d.]+)" cy="([-\d.]+)"', svg):
        assert x - 1 <= float(cx) <= x + width + 1 and y - 1 <= float(cy) <= y + height + 1, (cx, cy)


def test_a_map_of_areas_alone_fitted_to_them_is_drawn_with_its_colour_bar():
    """A city's districts (`layouts.districts`): areas alone, the map fitted to them and the world
    hidden. Drawn at the areas' extent, without land or borders, with the bar of its values."""
    districts = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"place_id": "d1"},
         "geometry": {"type": "Polygon", "coordinates": [[[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]]}},
        {"type": "Feature", "properties": {"place_id": "d2"},
         "geometry": {"type": "Polygon", "coordinates": [[[11, 0], [12, 0], [12, 1], [11, 0]]]}}]}
    figure = go.Figure(go.Choropleth(
        geojson=districts, featureidkey="properties.place_id", locations=["d1", "d2"], z=[50.15, 96.51],
        colorscale=[[0, "#ffffff"], [1, "#000000"]],
        colorbar={"title": {"text": "Value (%), darker = higher"}}))
    figure.update_geos(fitbounds="locations", visible=False)
    (west, east), (south, north) = static_svg.local_ranges(figure)
    assert 9.9 < west < 10 and 12 < east < 12.1 and -0.1 < south < 0 and 1 < north < 1.1
    assert static_svg.drawable(figure)
    svg = static_svg.geo_svg(figure, "t", "d", TOPOLOGY, "c")
    assert svg.count('<path fill="rgb(') == 2 and f'fill="{static_svg.LAND}"' not in svg
    assert ">Value (%), darker = higher</text>" in svg and ">50.1</text>" in svg and ">96.5</text>" in svg


def test_a_map_fitted_to_two_markers_on_one_spot_and_a_choropleth_with_a_gap_are_drawn():
    """The projects map fits itself to its places (`fitbounds`): two of them on one spot still span
    a little land, and a value missing from a shaded map leaves its country unshaded."""
    markers = go.Figure(go.Scattergeo(lat=[5, 5], lon=[15, 15], marker={"color": "#333333"}))
    markers.update_geos(fitbounds="locations")
    (west, east), (south, north) = static_svg.local_ranges(markers)
    assert east - west > 0.019 and north - south > 0.019
    svg = static_svg.geo_svg(markers, "t", "d", TOPOLOGY, "p")
    assert svg.count("<circle") == 2 and 'cx="360.0"' in svg
    gap = go.Figure(go.Choropleth(locations=["AAA", "BBB"], z=[float("nan"), 50], zmin=0, zmax=100,
                                  colorscale=[[0, "#000000"], [1, "#ffffff"]]))
    assert list(static_svg.choropleth_fills(gap.data[0])) == ["BBB"]


def test_lines_across_the_antimeridian_are_split():
    pieces = static_svg.split_at_antimeridian([(170, 0), (179, 1), (-179, 1), (-170, 0)])
    assert pieces == [[(170, 0), (179, 1)], [(-179, 1), (-170, 0)]]


@pytest.fixture(scope="module")
def client():
    from dashboard.app import create_app

    return create_app(str(DEMO_STORE)).server.test_client()


def entry_point(html: str) -> str:
    start = html.index('<div id="first-paint">')
    return html[start:html.index('<script id="_dash-config"', start)]


def test_the_page_has_one_footer_landmark(client):
    """Dash wrapped its scripts in an empty <footer> beside the page's own (axe:
    landmark-no-duplicate-contentinfo): a screen reader listed an empty "content info" region."""
    html = client.get("/").get_data(as_text=True)
    assert "<footer" not in html.split('<div id="react-entry-point"', 1)[1]
    assert '<script id="_dash-config"' in html


def test_map_page_first_html_carries_the_svg_map_title_and_summary(client):
    html = client.get("/?goal=3&lang=fr").get_data(as_text=True)
    first = entry_point(html)
    assert first.count("<svg") == 1 and "<desc" in first
    assert "Objectif 3" in first
    assert re.search(r'<p class="lead">[^<]*\d', first)  # the summary sentence, with its numbers
    assert "/embed/map?goal=3&amp;lang=fr#embed-data" in first  # the table, readable without scripts


def test_city_page_first_html_carries_its_goal_tiles(client):
    first = entry_point(client.get("/city/ken-nairobi").get_data(as_text=True))
    assert first.count('class="goal-tile sdg-') == 17 and 'class="goal-tile sdg-17"' in first
    assert "Nairobi" in first and "/embed/city-goals?place=ken-nairobi" in first


def test_pages_without_a_picture_keep_dashs_loading_area(client):
    assert "_dash-loading" in client.get("/city/no-such-place").get_data(as_text=True)


def test_dash_s_loading_words_are_in_the_reader_s_language(client):
    """Dash's "Loading..." stayed English under ?lang=es and ?lang=fr on every page."""
    for lang, words in (("es", "Cargando…"), ("fr", "Chargement…"), ("en", "Loading…")):
        html = client.get(f"/city/no-such-place?lang={lang}").get_data(as_text=True)
        assert words in html and "Loading..." not in html, lang


def test_map_embed_carries_the_svg_until_plotly_draws(client):
    html = client.get("/embed/map").get_data(as_text=True)
    chart = html[html.index('id="embed-chart"'):html.index("</div>", html.index('id="embed-chart"'))]
    assert "<svg" in chart and "</svg>" in chart


def test_bars_are_drawn_top_row_first_with_names_values_and_no_missing_bar():
    from layouts import static_bars

    figure = go.Figure(go.Bar(x=[40.0, None, 75.5], y=["Low <town>", "No data", "High"], orientation="h",
                              marker={"color": ["#aa0000", "#00aa00", "#0000aa"]}))
    svg = static_bars.bar_svg(figure, "Ranking", "Two places.")
    assert static_bars.drawable(figure) and not static_bars.drawable(go.Figure(go.Bar(x=[1], y=["a"])))
    assert svg.index("High") < svg.index("Low &lt;town&gt;") and "No data" not in svg
    assert "75.5" in svg and 'fill="#0000aa"' in svg and "<title" in svg and "<desc" in svg
    reversed_axis = go.Figure(figure).update_yaxes(autorange="reversed")
    assert static_bars.rows_of(reversed_axis)[0][0] == "Low <town>"
    # counts (projects per goal) are whole numbers: '40', not '40.0'
    counts = static_bars.bar_svg(go.Figure(go.Bar(x=[40.0, 256.0], y=["Goal 1", "Goal 13"], orientation="h")),
                                 "Projects", "Two goals.")
    assert ">256<" in counts and ">40<" in counts and "40.0" not in counts


def test_bars_write_the_live_charts_labels_and_keep_room_for_them():
    """The picture before the scripts wrote a ranking's 62.21 and 62.19 both as "62.2" again after
    the live chart had learnt to part them; a goal's "72 · Major challenges" ends inside the picture."""
    import re

    from layouts import explore_figures, static_bars

    frame = pd.DataFrame({"place_id": ["gha", "civ"], "name": ["Ghana", "Côte d'Ivoire"],
                          "country_iso3": ["GHA", "CIV"], "score": [62.21, 62.19]})
    svg = static_bars.bar_svg(explore_figures.ranking_figure(frame, "score"), "Ranking", "Two.")
    assert ">62.21<" in svg and ">62.19<" in svg
    words = go.Figure(go.Bar(x=[100.0, 30.0], y=["Goal 1", "Goal 2"], orientation="h",
                             text=["100 · SDG achieved", "30 · Major challenges"]))
    svg = static_bars.bar_svg(words, "Goals", "Two goals.")
    assert ">100 · SDG achieved<" in svg
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)"', svg)]
    assert static_bars.LABEL + max(widths) + 4 + static_bars.VALUE_CHAR * 18 <= static_bars.WIDTH


def test_grouped_bars_draw_the_first_place_and_ranked_bars_keep_the_axis_order():
    """Places side by side: the picture draws the first (the page's place) and says so, rather than
    each goal's name once per place told apart by colour alone; bars split into traces by rating
    stay in the axis's rank order."""
    from layouts import static_bars

    goals = ["1. No poverty", "2. Zero hunger"]
    side_by_side = go.Figure([go.Bar(x=[45.0, 41.6], y=goals, orientation="h", name="Kabul"),
                              go.Bar(x=[75.0, 61.0], y=goals, orientation="h", name="Tehran")],
                             layout={"barmode": "group", "yaxis": {"autorange": "reversed"}})
    svg = static_bars.bar_svg(side_by_side, "Kabul", "Goal scores.")
    assert svg.count("<rect") == 2 and "75.0" not in svg and svg.index("No poverty") < svg.index("Zero")
    assert "The picture shows Kabul only; the table also has Tehran." in svg
    # said where it is seen, not only to a screen reader: a caption naming both places stood above
    # bars of one
    assert '<text x="0" y="20" font-style="italic">The picture shows Kabul only' in svg
    # a long goal name is cut to end within its column: French goal 11 lost its number off the left
    french = go.Figure(go.Bar(x=[50.0], y=["11. Villes et communautés durables"], orientation="h"))
    assert ">11. Villes et co…<" in static_bars.bar_svg(french, "t", "d")
    ranked = go.Figure([go.Bar(x=[90.0, 50.0], y=["A", "C"], orientation="h"),
                        go.Bar(x=[70.0], y=["B"], orientation="h")],
                       layout={"barmode": "overlay", "yaxis": {"categoryarray": ["A", "B", "C"],
                                                               "autorange": "reversed"}})
    assert [row[0] for row in static_bars.rows_of(ranked)] == ["A", "B", "C"]
    assert "the table also has" not in static_bars.bar_svg(ranked, "R", "Three.")


def test_long_bar_charts_are_cut_and_say_so():
    from layouts import static_bars

    names = [f"Place {i}" for i in range(100)]
    svg = static_bars.bar_svg(go.Figure(go.Bar(x=list(range(100)), y=names, orientation="h")), "R", "All.")
    assert svg.count("<rect") == static_bars.MAX_ROWS
    assert f"the first {static_bars.MAX_ROWS} of 100 bars" in svg


def test_explore_and_projects_first_html_carry_their_pictures(client):
    explore = entry_point(client.get("/explore").get_data(as_text=True))
    assert explore.count('class="first-paint-bars"') == 1 and "Ranking by" in explore
    scatter = entry_point(client.get("/explore?view=scatter").get_data(as_text=True))
    assert "<svg" not in scatter and " against " in scatter  # no faithful SVG of a scatter: its words
    projects = entry_point(client.get("/projects").get_data(as_text=True))
    assert 'class="first-paint-map"' in projects and "projects" in projects.lower()
    ranking = client.get("/embed/ranking").get_data(as_text=True)
    assert 'class="first-paint-bars"' in ranking


def test_a_city_s_district_map_is_framed_by_its_districts_own_ranges():
    """`fitbounds` fitted Bristol's wards inside plotly's 2:1 frame of the world: 200 px wide in a
    325 px card whatever its height. The district map now names the districts' extent as its ranges,
    so plotly's frame is theirs (and map_fit.js makes it as tall as they are); the picture drawn
    before plotly keeps the same ranges."""
    from layouts.districts import district_figure

    districts = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"place_id": "d1"},
         "geometry": {"type": "Polygon", "coordinates": [[[10, 0], [11, 0], [11, 1], [10, 1], [10, 0]]]}},
        {"type": "Feature", "properties": {"place_id": "d2"},
         "geometry": {"type": "Polygon", "coordinates": [[[11, 0], [12, 0], [12, 1], [11, 0]]]}}]}
    frame = pd.DataFrame({"place_id": ["d1", "d2"], "name": ["One", "Two"], "value": [50.15, 96.51]})
    figure = district_figure(frame, districts, "%")
    geo = figure.layout.geo
    assert not geo.fitbounds and geo.visible is False
    (west, east), (south, north) = geo.lonaxis.range, geo.lataxis.range
    assert 9.9 < west < 10 and 12 < east < 12.1 and -0.1 < south < 0 and 1 < north < 1.1
    assert static_svg.local_ranges(figure) == (geo.lonaxis.range, geo.lataxis.range)
    assert static_svg.geo_svg(figure, "t", "d", TOPOLOGY, "c").count('<path fill="rgb(') == 2
