"""The Albers map of the USA as plotly draws it (its "albers usa" projection, from d3-geo): the 48
states on an Albers equal-area conic, Alaska (shrunk) and Hawaii on conics of their own beside
them, in a frame of 960 x 500 units at scale 1070, here scaled to the frame asked for.

Each part is a conic equal-area projection: with standard parallels p1 and p2, n = (sin p1 +
sin p2) / 2, c = 1 + sin p1 (2n - sin p1), r(lat) = sqrt(c - 2n sin lat) / n, and a point at
(lon, lat), turned by the part's rotation, is at (r sin(n lon), r(0) - r cos(n lon)), then moved
so that the part's centre lands on its place in the frame."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

SCALE, FRAME = 1070.0, (960.0, 500.0)
"""plotly's (d3's) scale of the map and the frame it fills."""


@dataclass(frozen=True)
class Conic:
    rotation: float
    """Degrees added to each longitude: the part's central meridian is minus this."""
    centre: tuple[float, float]
    """(lon, lat) of the turned map that lands on `offset`."""
    parallels: tuple[float, float]
    shrink: float
    """The part's scale, a share of the map's."""
    offset: tuple[float, float]
    """Where the centre lands, as shares of the scale from the middle of the frame."""

    def raw(self, lon: float, lat: float, turned: bool = True) -> tuple[float, float]:
        """The conic's (x, y) of a point, turned by `rotation` (`turned`: its `centre` is not)."""
        low, high = (math.radians(p) for p in self.parallels)
        n = (math.sin(low) + math.sin(high)) / 2
        c = 1 + math.sin(low) * (2 * n - math.sin(low))
        angle = math.radians((lon + (self.rotation if turned else 0) + 180) % 360 - 180)
        r = math.sqrt(max(c - 2 * n * math.sin(math.radians(lat)), 0.0)) / n
        return r * math.sin(n * angle), math.sqrt(c) / n - r * math.cos(n * angle)


LOWER_48 = Conic(96, (-0.6, 38.7), (29.5, 45.5), 1.0, (0.0, 0.0))
ALASKA = Conic(154, (-2, 58.5), (55, 65), 0.35, (-0.307, 0.201))
HAWAII = Conic(157, (-3, 19.9), (8, 18), 1.0, (-0.205, 0.212))


def part_of(lon: float, lat: float) -> Conic:
    """The part a point is drawn on: Alaska north of 50 degrees and west of 129 (its Aleutians
    reach past the antimeridian), Hawaii south of 24 and west of 150, else the 48 states."""
    west = lon if lon <= 0 else lon - 360
    if lat >= 50 and west <= -129:
        return ALASKA
    if lat <= 24 and west <= -150:
        return HAWAII
    return LOWER_48


def projection(width: float, height: float) -> Callable[[float, float], tuple[float, float]]:
    """Pixels (north up) of a point on the map fitted, centred, into width x height."""
    fit = min(width / FRAME[0], height / FRAME[1])
    scale = SCALE * fit
    middle_x, middle_y = width / 2, height / 2
    centres = {part: part.raw(*part.centre, turned=False) for part in (LOWER_48, ALASKA, HAWAII)}

    def to_xy(lon: float, lat: float) -> tuple[float, float]:
        part = part_of(lon, lat)
        x, y = part.raw(lon, lat)
        cx, cy = centres[part]
        k = scale * part.shrink
        return (middle_x + part.offset[0] * scale + k * (x - cx),
                middle_y + part.offset[1] * scale - k * (y - cy))

    to_xy.turn = 0.0  # no edge to jump across: the Aleutians are given west of -180 (`static_svg`)
    return to_xy
