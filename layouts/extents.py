"""Longitude and latitude ranges of maps narrower than the world (a store's own extent, a region
zoom, a map fitted to its markers), measured the shorter way round the globe: a range across the
antimeridian has its east edge beyond 180, and its map is turned to its middle, as plotly turns it."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

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


def longitude_span(spans: Iterable[tuple[float, float]]) -> tuple[float, float] | None:
    """The shortest (west, east) range of longitudes that covers every (west, east) span: the
    complement of the widest gap between them, going round the globe. When that gap is not the one
    at the antimeridian, the range crosses it and `east` is given beyond 180 (Auckland and the
    Chatham Islands: 174.8 to 183.4, not -176.6 to 174.8, which is most of the world). Spans may be
    given beyond 180 or below -180 and may cross it themselves; spans that are not numbers are left
    out; None when none is left; the world when a span is as wide."""
    pieces = []
    for west, east in spans:
        west, east = float(west), float(east)
        if not (math.isfinite(west) and math.isfinite(east)) or east < west:
            continue
        if east - west >= 360:
            return -180.0, 180.0
        start = west if -180 <= west < 180 else (west + 180) % 360 - 180
        end = east if start == west else start + (east - west)
        pieces += [(start, 180.0), (-180.0, end - 360)] if end > 180 else [(start, end)]
    if not pieces:
        return None
    pieces.sort()
    merged = [list(pieces[0])]
    for west, east in pieces[1:]:
        if west <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], east)
        else:
            merged.append([west, east])
    gap, after = merged[0][0] + 360 - merged[-1][1], None  # the gap round the back of the globe
    for index in range(1, len(merged)):
        if merged[index][0] - merged[index - 1][1] > gap:
            gap, after = merged[index][0] - merged[index - 1][1], index
    if after is None:
        return merged[0][0], merged[-1][1]
    return merged[after][0], merged[after - 1][1] + 360


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
