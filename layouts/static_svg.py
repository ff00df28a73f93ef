"""A plotly geo figure drawn as a small, accessible SVG, so a page shows its map before any script.

Pure: takes the figure, the words and a TopoJSON topology (plotly's own world_110m file), and
returns an SVG string. It draws what the live map draws at a glance: land, country borders,
countries shaded as in a choropleth, places' own areas (GeoJSON choropleths) and markers in their
trace's colour and shape, on the Natural Earth projection plotly uses, of the world or fitted to a
map's own ranges (a region's zoom, a city's wards); the title and description name it for screen
readers.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from html import escape

import plotly.graph_objects as go
from plotly.colors import get_colorscale, sample_colorscale

from layouts import albers_usa, static_bars
from layouts.extents import decoded_arcs, longitude_span, padded, polygons, ring_points, wrapped

WIDTH, HEIGHT = 720, 376
LAND, BORDER, OCEAN = "#f2f2f2", "#bbbbbb", "#e8f1f8"
MARKER_RADIUS = 4.5
LEGEND_FONT, LEGEND_CHARACTER, LEGEND_ROW = 18, 9.6, 28
"""The legend's words: 18 units read as about 9 px on a phone, where the picture is half as wide
(at 12 they were 6 px); a character about 9.6 units wide, a row 28 units tall."""
SHAPES = {"circle", "circle-open", "diamond", "square", "triangle-down"}


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I (Šavrič, Jenny, Patterson, Petrovič and Hurni, 2011), in radians out."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


_X_MAX = natural_earth(180, 0)[0]
_Y_MAX = natural_earth(0, 90)[1]
_SCALE = min(WIDTH / (2 * _X_MAX), HEIGHT / (2 * _Y_MAX))


def project(lon: float, lat: float) -> tuple[float, float]:
    """Pixels in the SVG's frame, north up."""
    x, y = natural_earth(lon, lat)
    return WIDTH / 2 + x * _SCALE, HEIGHT / 2 - y * _SCALE


Projection = Callable[[float, float], tuple[float, float]]


def turned_range(lon: Sequence[float], turn: float) -> tuple[float, float]:
    """A (west, east) range on a map turned to `turn`: its west edge turned, its width kept."""
    west = wrapped(float(lon[0]), turn)
    return west, west + float(lon[1]) - float(lon[0])


def local_projection(lon: Sequence[float], lat: Sequence[float], turn: float = 0.0) -> Projection:
    """Pixels for a map of `lon` x `lat` ranges (a region, a country, a city) as plotly draws one: the
    Natural Earth projection, turned to `turn`, of the ranges fitted to the frame and centred,
    north up."""
    return local_fit(lon, lat, turn)[0]


def local_fit(lon: Sequence[float], lat: Sequence[float],
              turn: float = 0.0) -> tuple[Projection, tuple[float, ...]]:
    """`local_projection` and the box (left, top, width, height) the ranges fill: meridians curve on
    Natural Earth, so the ranges' corners are not its edges (Oceania's east reaches past them). A
    range across the antimeridian (east beyond 180) is drawn turned to its middle, as plotly draws it."""
    (west, east), (south, north) = turned_range(lon, turn), (float(lat[0]), float(lat[1]))
    widest = 0.0 if south <= 0 <= north else (south if abs(south) < abs(north) else north)
    xs = [natural_earth(edge, at)[0] for edge in (west, east) for at in (south, north, widest)]
    low_x, high_x = min(xs), max(xs)
    low_y, high_y = natural_earth(0, south)[1], natural_earth(0, north)[1]
    width, height = max(high_x - low_x, 1e-12), max(high_y - low_y, 1e-12)
    scale = min(WIDTH / width, HEIGHT / height)
    left, top = (WIDTH - width * scale) / 2, (HEIGHT - height * scale) / 2

    def to_xy(x: float, y: float) -> tuple[float, float]:
        px, py = natural_earth(wrapped(x, turn), y)
        return left + (px - low_x) * scale, top + (high_y - py) * scale

    to_xy.turn = turn  # where its lines jump from edge to edge (`path_data`)
    return to_xy, (left, top, width * scale, height * scale)


def path_data(lines: Iterable[list[tuple[float, float]]], closed: bool, to_xy: Projection = project) -> str:
    """SVG path data in whole pixels, dropping points that round onto the previous one. After the
    first point each step is relative ("l3 0 2-1"): small numbers, half the characters of absolute
    ones, and more alike, so the page that carries the picture compresses to a third less."""
    parts = []
    turn = getattr(to_xy, "turn", 0.0)
    for line in lines:
        cut = seam_pieces(line, turn) if closed and turn else split_at_antimeridian(line, turn)
        for piece in cut:
            pixels = []
            for lon, lat in piece:
                x, y = to_xy(lon, lat)
                point = (round(x), round(y))
                if not pixels or point != pixels[-1]:
                    pixels.append(point)
            if len(pixels) < 2:
                continue
            steps = " ".join(f"{x - px} {y - py}" for (px, py), (x, y) in itertools.pairwise(pixels))
            parts.append(f"M{pixels[0][0]} {pixels[0][1]}l" + steps.replace(" -", "-")
                         + ("Z" if closed else ""))
    return "".join(parts)


def split_at_antimeridian(line: list[tuple[float, float]],
                          turn: float = 0.0) -> list[list[tuple[float, float]]]:
    """A line that jumps from one edge of the map (turned to `turn`) to the other (Fiji, Russia) as
    separate pieces."""
    pieces = [[]]
    for point in line:
        if pieces[-1] and abs(wrapped(point[0], turn) - wrapped(pieces[-1][-1][0], turn)) > 180:
            pieces.append([])
        pieces[-1].append(point)
    return pieces


EDGE_STEP = 2.0
"""Degrees of latitude between the points that close a ring along the edge of a turned map."""


def seam_pieces(ring: list[tuple[float, float]], turn: float) -> list[list[tuple[float, float]]]:
    """A closed ring on a map turned to `turn`, cut where it crosses the map's edge (the meridian
    opposite `turn`; Natural Earth's shapes are cut only at 180), each piece closed along that edge,
    round the pole where a piece leaves by the other edge: joined by a straight line instead, the
    ends of a piece of Eurasia cut at 106 degrees filled the North Pacific as land."""
    turned = [wrapped(lon, turn) for lon, _ in ring]
    crossings = [i for i in range(len(ring)) if abs(turned[(i + 1) % len(ring)] - turned[i]) > 180]
    if not crossings:
        return [ring]
    edge = 180 - 1e-9  # a longitude just inside the edge, on the side its sign says

    def seam_point(i: int) -> tuple[float, float, float]:
        """Where the step from point i to the next crosses the edge: (latitude, side it leaves, side
        it enters)."""
        j = (i + 1) % len(ring)
        leave = math.copysign(1.0, turned[i])
        gone, to_come = 180 - abs(turned[i]), 180 - abs(turned[j])
        share = gone / (gone + to_come) if gone + to_come else 0.0
        return ring[i][1] + share * (ring[j][1] - ring[i][1]), leave, -leave

    def along(side: float, start: float, end: float) -> list[tuple[float, float]]:
        steps = max(1, math.ceil(abs(end - start) / EDGE_STEP))
        return [(turn + side * edge, start + (end - start) * k / steps) for k in range(steps + 1)]

    pieces = []
    for here, after in zip(crossings, crossings[1:] + crossings[:1], strict=True):
        first_lat, _, first_side = seam_point(here)
        last_lat, last_side, _ = seam_point(after)
        end = after + 1 + (len(ring) if after <= here else 0)  # one crossing: the whole ring
        inner = [ring[k % len(ring)] for k in range(here + 1, end)]
        if first_side == last_side:
            closing = along(last_side, last_lat, first_lat)
        else:  # a ring round a pole: along one edge to the pole, and back down the other
            pole = math.copysign(90.0, sum(lat for _, lat in inner) or 1.0)
            closing = along(last_side, last_lat, pole) + along(first_side, pole, first_lat)
        pieces.append(inner + closing)
    return pieces


def shape_path(geometry: dict, arcs: list, to_xy: Projection = project) -> str:
    return path_data((ring_points(r, arcs) for poly in polygons(geometry) for r in poly), True, to_xy)


def rings(geometry: dict) -> list:
    """Every ring of a GeoJSON Polygon or MultiPolygon ([] for any other geometry)."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    return []


def geojson_path(geometry: dict, to_xy: Projection) -> str:
    """A GeoJSON Polygon or MultiPolygon (lon, lat positions) as path data."""
    return path_data(([(float(x), float(y)) for x, y, *_ in ring] for ring in rings(geometry)), True, to_xy)


def keyed_features(trace: go.Choropleth) -> dict[str, dict]:
    """A GeoJSON choropleth's features by the key its locations name (`featureidkey`, else `id`)."""
    key = (trace.featureidkey or "id").removeprefix("properties.")
    return {str(f.get("properties", {}).get(key) if trace.featureidkey else f.get("id")): f
            for f in trace.geojson.get("features", [])}


def area_layer(trace: go.Choropleth, to_xy: Projection) -> str:
    """A choropleth of places' own areas (GeoJSON, `featureidkey` properties.place_id) filled as
    plotly fills them, with the trace's opacity."""
    features = keyed_features(trace)
    opacity = trace.marker.opacity if trace.marker and trace.marker.opacity is not None else 1
    shapes = "".join(f'<path fill="{colour}" d="{geojson_path(features[place]["geometry"], to_xy)}"/>'
                     for place, colour in choropleth_fills(trace).items() if place in features)
    return (f'<g fill-opacity="{opacity:g}" fill-rule="evenodd" stroke="#ffffff" stroke-width="1">'
            f'{shapes}</g>')


def colour_of(value, low: float, high: float, scale) -> str | None:
    return colours_of([value], low, high, scale)[0]


def colours_of(values, low: float, high: float, scale) -> list[str | None]:
    """Each value's colour on the scale (None for a missing value), the scale read once: a map of
    10,000 places sampled it one marker at a time, 1.5 s of its first page."""
    known = [not (value is None or (isinstance(value, float) and math.isnan(value))) for value in values]
    positions = [0.0 if high <= low else min(1.0, max(0.0, (float(value) - low) / (high - low)))
                 for value, ok in zip(values, known, strict=True) if ok]
    if not positions:
        return [None] * len(known)
    stops = get_colorscale(scale) if isinstance(scale, str) else [[p, c] for p, c in scale]
    sampled = iter(sample_colorscale(stops, positions, colortype="rgb"))
    return [next(sampled) if ok else None for ok in known]


def z_range(trace: go.Choropleth) -> tuple[float, float] | None:
    """The ends of a choropleth's colour scale: its own, else its values' (missing ones left out)."""
    known = [float(v) for v in (trace.z if trace.z is not None else []) if v is not None
             and math.isfinite(float(v))]
    if not known:
        return None
    return (trace.zmin if trace.zmin is not None else min(known),
            trace.zmax if trace.zmax is not None else max(known))


def choropleth_fills(trace: go.Choropleth) -> dict[str, str]:
    """Each location's fill on the trace's scale (a location without a value: none)."""
    ends = z_range(trace)
    if ends is None:
        return {}
    colours = colours_of(list(trace.z), *ends, trace.colorscale or "cividis")
    return {str(place): colour for place, colour in zip(trace.locations, colours, strict=True) if colour}


def marker(x: float, y: float, symbol: str) -> str:
    r = MARKER_RADIUS
    if symbol == "square":
        return f'<rect x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}"/>'
    if symbol == "diamond":
        return f'<path d="M{x:.1f} {y - r - 1:.1f}l{r + 1} {r + 1}l{-r - 1} {r + 1}l{-r - 1} {-r - 1}Z"/>'
    if symbol == "triangle-down":
        return f'<path d="M{x - r - 1:.1f} {y - r:.1f}h{2 * r + 2}l{-r - 1} {2 * r}Z"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'


def tooltip(text) -> str:
    """A marker's hover text as an SVG <title> (plotly's `<br>` as line breaks, no other markup)."""
    if not isinstance(text, str) or not text:
        return ""
    plain = re.sub(r"<[^>]*>", "", re.sub(r"<br\s*/?>", "\n", text, flags=re.I))
    return f"<title>{escape(plain)}</title>"


PLACEHOLDER = re.compile(r"%\{(text|customdata\[(\d+)\])\}")
"""The hover template fields the maps use (layouts/maps.hover_template)."""


def point_texts(trace: go.Scattergeo) -> list | None:
    """Each marker's hover label as plotly shows it: the trace's template filled with the point's
    text and customdata, or its text where it has no template."""
    texts = trace.text if trace.text is not None and not isinstance(trace.text, str) else None
    template = trace.hovertemplate
    if not isinstance(template, str) or not template:
        return texts
    data = trace.customdata

    def label(index: int) -> str:
        def field(found: re.Match) -> str:
            if found.group(1) == "text":
                return str(texts[index]) if texts is not None else ""
            return str(data[index][int(found.group(2))]) if data is not None else ""

        return PLACEHOLDER.sub(field, template)

    return [label(index) for index in range(len(trace.lat))]


def marker_layer(trace: go.Scattergeo, tooltips: bool = False, to_xy: Projection = project) -> str:
    style = trace.marker
    symbol = style.symbol if style.symbol in SHAPES else "circle"
    line = (style.line.color if style.line and style.line.color else "#333333")
    colours = style.color
    per_point = not isinstance(colours, str) and colours is not None
    low = style.cmin if style.cmin is not None else 0
    high = style.cmax if style.cmax is not None else 100
    fills = colours_of(list(colours), low, high, style.colorscale or "cividis") if per_point else None
    texts = point_texts(trace) if tooltips else None
    shapes = []
    for index, (lat, lon) in enumerate(zip(trace.lat, trace.lon, strict=True)):
        if lat is None or lon is None:
            continue
        x, y = to_xy(float(lon), float(lat))
        shape = marker(x, y, symbol)
        if fills is not None:
            shape = shape.replace("/>", f' fill="{fills[index] or "#ffffff"}"/>', 1)
        if texts is not None:
            shape = shape.replace("/>", f">{tooltip(texts[index])}</{shape[1:].split(' ', 1)[0]}>", 1)
        shapes.append(shape)
    fill = "none" if symbol == "circle-open" else (colours if isinstance(colours, str) else "#ffffff")
    stroke = colours if symbol == "circle-open" and isinstance(colours, str) else line
    return f'<g fill="{escape(fill)}" stroke="{escape(stroke)}" stroke-width="1">{"".join(shapes)}</g>'


def scale_key(figure: go.Figure, svg_id: str = "map") -> tuple[str, int]:
    """For markers coloured along a scale (the index), or areas with a colour bar: its title and a
    bar from the lowest to the highest value, the ends in numbers, so the picture says which way the
    colours go."""
    scaled = [t for t in figure.data if t.type == "scattergeo" and t.marker.color is not None
              and not isinstance(t.marker.color, str) and t.marker.colorscale]
    shaded = [t for t in figure.data if t.type == "choropleth" and (
        t.showscale is True or (isinstance(t.geojson, dict) and t.showscale is not False))]
    if scaled:
        style = scaled[0].marker
        low = style.cmin if style.cmin is not None else 0
        high = style.cmax if style.cmax is not None else 100
    elif shaded and z_range(shaded[0]) is not None:
        style = shaded[0]  # areas by score (a city's districts, countries, states): their colour bar
        low, high = z_range(style)
    else:
        return "", 0
    title = style.colorbar.title.text if style.colorbar and style.colorbar.title else ""
    title = re.sub(r"<[^>]*>", " ", title or "").strip()
    colours = [colour_of(low + (high - low) * i / 10, low, high, style.colorscale) for i in range(11)]
    stops = "".join(f'<stop offset="{i / 10:.1f}" stop-color="{c}"/>' for i, c in enumerate(colours))
    # sized for the picture scaled down to a phone's width (about half): 18 units read as 9 px there
    x, width, y = WIDTH / 2 - 180, 360, HEIGHT + 6
    return (f'<defs><linearGradient id="{svg_id}-scale">{stops}</linearGradient></defs>'
            f'<text x="{WIDTH / 2:.0f}" y="{y + 18}" font-size="18" text-anchor="middle">'
            f'{escape(title)}</text>'
            f'<rect x="{x:.0f}" y="{y + 26}" width="{width}" height="14" fill="url(#{svg_id}-scale)" '
            f'stroke="#999999"/><text x="{x - 8:.0f}" y="{y + 39}" font-size="16" text-anchor="end">'
            f'{round(low, 1):g}</text><text x="{x + width + 8:.0f}" y="{y + 39}" font-size="16">'
            f'{round(high, 1):g}</text>'), 50


def legend(figure: go.Figure, svg_id: str = "map") -> tuple[str, int]:
    """The named traces in words under the map, each with its colour: colour is never the only sign;
    or, for markers coloured along a scale, the scale (`scale_key`)."""
    ranked = []
    for number, t in enumerate(figure.data):
        if not t.name or t.showlegend is False:
            continue
        rank = (1000 if t.legendrank is None else t.legendrank, number)  # plotly's order of entries
        if t.type == "scattergeo" and isinstance(t.marker.color, str):
            ranked.append((rank, (t.name, t.marker.color, t.marker.symbol or "circle")))
        # areas filled by rating (countries, US states): one colour a trace, drawn as a square
        elif t.type == "choropleth" and t.colorscale and t.colorscale[0][1] == t.colorscale[-1][1]:
            ranked.append((rank, (t.name, t.colorscale[0][1], "square")))
    items = [item for _rank, item in sorted(ranked, key=lambda pair: pair[0])]
    if len(items) < 2:
        return scale_key(figure, svg_id)
    cells = []
    x, y = 8, HEIGHT + 20
    for name, colour, symbol in items:  # sized as the scale key: the picture is about half as wide on a phone
        width = 36 + LEGEND_CHARACTER * len(name)
        if x + width > WIDTH:
            x, y = 8, y + LEGEND_ROW
        cells.append(f'<g transform="translate({x:.0f},{y})"><g fill="{escape(colour)}" '
                     f'stroke="#333333" transform="scale(1.5)">{marker(0, 0, symbol)}</g>'
                     f'<text x="14" y="6" font-size="{LEGEND_FONT}">{escape(name)}</text></g>')
        x += width
    return "".join(cells), y - HEIGHT + 16


def geo_svg(figure: go.Figure, title: str, description: str, topology: dict, svg_id: str = "map",
            tooltips: bool = False) -> str:
    """The figure's geo traces as an SVG with <title> and <desc> (role="img", labelled by both); with
    `tooltips`, each marker carries its hover text as a <title> the browser shows on pointing. A map
    of its own ranges (`local_ranges`) is drawn on `local_projection`, with the land and borders
    near them only, inside a frame of those ranges."""
    arcs = decoded_arcs(topology)
    ranges = local_ranges(figure)
    turn = map_turn(figure)
    to_xy, box = (project, (0.0, 0.0, WIDTH, HEIGHT)) if ranges is None else local_fit(*ranges, turn)
    countries = topology["objects"]["countries"]["geometries"]
    lands = topology["objects"]["land"]["geometries"]
    if ranges is not None:  # the rest of the world lies far outside the frame: bytes for nothing
        countries = [g for g in countries if near(g, arcs, ranges, turn)]
        lands = [g for g in lands if near(g, arcs, ranges, turn)]
    fills: dict[str, str] = {}
    for trace in figure.data:
        if trace.type == "choropleth" and trace.geojson is None:
            fills.update(choropleth_fills(trace))
    land = "".join(shape_path(g, arcs, to_xy) for g in lands)
    shaded = "".join(f'<path fill="{fills[g["id"]]}" d="{shape_path(g, arcs, to_xy)}"/>'
                     for g in countries if g.get("id") in fills)
    border_arcs = sorted({abs(i) if i >= 0 else ~i for g in countries for poly in polygons(g)
                          for ring in poly for i in ring})
    borders = path_data((arcs[i] for i in border_arcs), False, to_xy)
    areas = "".join(area_layer(t, to_xy) for t in figure.data
                    if t.type == "choropleth" and t.geojson is not None)
    markers = "".join(marker_layer(t, tooltips, to_xy) for t in figure.data if t.type == "scattergeo")
    key, below = legend(figure, svg_id)
    height = HEIGHT + below
    base = figure.layout.geo.visible is not False  # a map of areas alone (districts) hides the world
    drawn = (f'<path fill="{LAND}" d="{land}"/>{shaded}'
             f'<path fill="none" stroke="{BORDER}" stroke-width="0.6" d="{borders}"/>' if base else "")
    drawn += areas + markers
    if ranges is None:
        frame = f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{OCEAN}"/>'
    else:
        edges = 'x="{:.0f}" y="{:.0f}" width="{:.0f}" height="{:.0f}"'.format(*box)
        frame = f'<clipPath id="{svg_id}-frame"><rect {edges}/></clipPath>'
        frame += f'<rect {edges} fill="{OCEAN}" stroke="{BORDER}"/>' if base else ""
        drawn = f'<g clip-path="url(#{svg_id}-frame)">{drawn}</g>'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{svg_id}-title {svg_id}-desc" class="first-paint-map" '
            f'preserveAspectRatio="xMidYMid meet">'
            f'<title id="{svg_id}-title">{escape(title)}</title>'
            f'<desc id="{svg_id}-desc">{escape(description)}</desc>'
            f'{frame}{drawn}{key}</svg>')


def map_turn(figure: go.Figure) -> float:
    """The longitude plotly turns the figure's map to (`extents.rotation`), 0 when unset."""
    geo = figure.layout.geo
    turn = geo.projection.rotation.lon if geo and geo.projection and geo.projection.rotation else None
    return float(turn or 0.0)


def local_ranges(figure: go.Figure) -> tuple[Sequence[float], Sequence[float]] | None:
    """The (lon, lat) ranges of a map narrower than the world (a region's, a store's own, or the
    areas a map fits itself to: a city's districts), else None."""
    geo = figure.layout.geo
    if geo and geo.fitbounds == "locations":
        return fitted_ranges(figure)
    lon = geo.lonaxis.range if geo and geo.lonaxis else None
    lat = geo.lataxis.range if geo and geo.lataxis else None
    if lon is None or lat is None or float(lon[1]) - float(lon[0]) >= 359:
        return None
    return lon, lat


def fitted_ranges(figure: go.Figure) -> tuple[Sequence[float], Sequence[float]] | None:
    """The ranges plotly fits a map to (`fitbounds="locations"`): its areas' and markers' extent."""
    points = [(float(lon), float(lat)) for trace in figure.data
              if trace.type == "scattergeo" and trace.lon is not None and trace.lat is not None
              for lon, lat in zip(trace.lon, trace.lat, strict=False) if lon is not None and lat is not None]
    for trace in figure.data:
        if trace.type == "choropleth" and isinstance(trace.geojson, dict):
            features = keyed_features(trace)
            for place in [] if trace.locations is None else trace.locations:
                geometry = features.get(str(place), {}).get("geometry") or {}
                points += [(float(x), float(y)) for ring in rings(geometry) for x, y, *_ in ring]
    if not points:
        return None
    span = longitude_span([x for x, _ in points])  # two markers on one spot: still a span
    return padded(span, (min(y for _, y in points), max(y for _, y in points)), 0.02, 0.01)


def near(geometry: dict, arcs: list, ranges: tuple[Sequence[float], Sequence[float]],
         turn: float = 0.0) -> bool:
    """Whether a topology shape's bounding box meets the ranges (widened by a tenth of each side), on
    a map turned to `turn`."""
    points = [point for poly in polygons(geometry) for ring in poly for index in ring
              for point in arcs[index if index >= 0 else ~index]]
    if not points:
        return False
    (west, east), (south, north) = turned_range(ranges[0], turn), ranges[1]
    pad_lon, pad_lat = 0.1 * (east - west), 0.1 * (float(north) - float(south))
    lons, lats = [wrapped(x, turn) for x, _ in points], [y for _, y in points]
    return (min(lons) <= float(east) + pad_lon and max(lons) >= float(west) - pad_lon
            and min(lats) <= float(north) + pad_lat and max(lats) >= float(south) - pad_lat)


def is_usa(figure: go.Figure) -> bool:
    """Whether the figure is plotly's map of the USA (`layouts.maps.USA`: states in the Albers
    projection), which `usa_svg` draws from the USA's own topology."""
    geo = figure.layout.geo
    return bool(geo and geo.scope == "usa")


def usa_svg(figure: go.Figure, title: str, description: str, topology: dict, svg_id: str = "map",
            tooltips: bool = False) -> str:
    """The map of the USA (`is_usa`) as `geo_svg` draws the world's: each state of the topology
    (plotly's usa_110m: its `subunits`, keyed by postal code) filled as its choropleth fills it,
    else as land, with white borders, markers on top, and the legend or scale under it."""
    to_xy = albers_usa.projection(WIDTH, HEIGHT)
    # the Aleutians west of -180, so that no ring jumps across the antimeridian (`path_data`)
    arcs = [[(lon - 360 if lon > 0 else lon, lat) for lon, lat in arc] for arc in decoded_arcs(topology)]
    fills: dict[str, str] = {}
    for trace in figure.data:
        if trace.type == "choropleth" and trace.locationmode == "USA-states":
            fills.update(choropleth_fills(trace))
    states = "".join(f'<path fill="{fills.get(str(g.get("id")), LAND)}" d="{shape_path(g, arcs, to_xy)}"/>'
                     for g in topology["objects"]["subunits"]["geometries"])
    markers = "".join(marker_layer(t, tooltips, to_xy) for t in figure.data if t.type == "scattergeo")
    key, below = legend(figure, svg_id)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT + below}" role="img" '
            f'aria-labelledby="{svg_id}-title {svg_id}-desc" class="first-paint-map" '
            f'preserveAspectRatio="xMidYMid meet">'
            f'<title id="{svg_id}-title">{escape(title)}</title>'
            f'<desc id="{svg_id}-desc">{escape(description)}</desc>'
            f'<g stroke="#ffffff" stroke-width="1">{states}</g>{markers}{key}</svg>')


def drawable(figure: go.Figure | None) -> bool:
    """Whether geo_svg draws this figure faithfully: geo traces on the world's countries, and on a map
    of its own ranges also places' own areas (a GeoJSON choropleth, as `layouts.maps` draws wards);
    or usa_svg, on the map of the USA, states by postal code and markers."""
    if figure is None or not figure.data:
        return False
    if is_usa(figure):
        return all(t.type == "scattergeo" or (t.type == "choropleth" and t.locationmode == "USA-states")
                   for t in figure.data)
    local = local_ranges(figure) is not None
    return all(t.type == "scattergeo"
               or (t.type == "choropleth" and t.geojson is None and t.locationmode in (None, "ISO-3"))
               or (t.type == "choropleth" and local and isinstance(t.geojson, dict))
               for t in figure.data)


def picture(figure: go.Figure | None, title: str, description: str, topology: dict,
            svg_id: str = "map", tooltips: bool = False, usa: dict | None = None) -> str:
    """The view's chart as an SVG where one is drawn faithfully without scripts (a map of the world
    or of its own ranges, on `topology`, the world's; the map of the USA, on `usa`, its topology;
    or horizontal bars), else "" (the page shows its words and table until the live chart comes)."""
    if drawable(figure):
        if is_usa(figure):
            return usa_svg(figure, title, description, usa, svg_id, tooltips) if usa else ""
        return geo_svg(figure, title, description, topology, svg_id, tooltips)
    if static_bars.drawable(figure):
        return static_bars.bar_svg(figure, title, description, svg_id)
    return ""
