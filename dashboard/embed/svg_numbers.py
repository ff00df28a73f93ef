"""Shorter SVG pictures: plotly's exporter writes every coordinate of a shape with all the digits a
double holds (`465.8350535037642,172.52768453353792`). A world map's country outlines are then
about 870 kB, most of it digits no screen or printer can show. Rounding the coordinates of path
data and transforms to hundredths of a pixel (a 960-pixel picture printed a metre wide moves a
point by less than 0.02 mm) makes the same picture a third of that size.

Only the geometry attributes are touched (`d`, `transform`, `points`); text, colours, ids and
styles keep every character, so labels that show numbers stay exactly as drawn.
"""

from __future__ import annotations

import re

DECIMALS = 2
GEOMETRY = re.compile(rb'(\s(?:d|transform|points)=")([^"]*)(")')
NUMBER = re.compile(rb"-?\d+\.\d{3,}(?:[eE][-+]?\d+)?")


def _shorter(match: re.Match[bytes]) -> bytes:
    text = f"{float(match.group(0)):.{DECIMALS}f}".rstrip("0").rstrip(".")
    return b"0" if text in ("-0", "") else text.encode("ascii")


def _attribute(match: re.Match[bytes]) -> bytes:
    return match.group(1) + NUMBER.sub(_shorter, match.group(2)) + match.group(3)


def trimmed(svg: bytes) -> bytes:
    """The SVG with its geometry's coordinates rounded to `DECIMALS` places; the rest unchanged."""
    return GEOMETRY.sub(_attribute, svg)
