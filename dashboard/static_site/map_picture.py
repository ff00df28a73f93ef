"""A page's first map where the script-free drawer cannot draw it (plotly's map of the USA, its states
in the Albers projection), drawn by Kaleido as the live map is: without it a page read with no script
showed no map, and one opened from file:// (where plotly cannot fetch the topology) a colour bar and
no state."""

from __future__ import annotations

import json
import logging
import re
from html import escape

import plotly.graph_objects as go
import plotly.io as pio

from dashboard import pictures
from dashboard.embed.svg_numbers import trimmed

log = logging.getLogger("city_sdg.static_site")
GEO_TRACES = {"scattergeo", "choropleth"}
HEIGHT = 450
"""The live chart's height (plotly's default); the picture is as wide as the card, at most this tall,
so the page does not jump when plotly draws the chart in its place."""
SIZE = {"width": 960, "height": HEIGHT}
IDS = re.compile(r'\sid="([^"]+)"')
OPENING = re.compile(r"<svg\b[^>]*>")
SIZING = re.compile(r'\s(?:width|height|style)="[^"]*"')


def is_map(figure: go.Figure | None) -> bool:
    return figure is not None and any(trace.type in GEO_TRACES for trace in figure.data)


def steady_ids(svg: str, svg_id: str) -> str:
    """The picture with plotly's ids (a random number each drawing: `clip3f9a1cgeo`) named after the
    section, so the page's bytes change only when its map does and two pictures never share an id."""
    found = list(dict.fromkeys(IDS.findall(svg)))
    if not found:
        return svg
    names = {old: f"{svg_id}-{number}" for number, old in enumerate(found, 1)}
    pattern = re.compile(r'(id="|#)(' + "|".join(map(re.escape, sorted(found, key=len, reverse=True)))
                         + r')(?=["\')])')
    return pattern.sub(lambda match: match.group(1) + names[match.group(2)], svg)


def picture(figure: go.Figure, title: str, description: str, svg_id: str) -> str:
    """The map as an SVG named by its title and description (as `layouts.static_svg` names its
    pictures), or "" when no picture can be drawn now: the page keeps its words and table."""
    shown = json.loads(pio.to_json(figure, validate=False))
    for number, trace in enumerate(shown["data"]):
        trace["uid"] = f"{svg_id}-trace-{number}"  # names its colour bar's classes, random when unset
    try:
        drawn = trimmed(pictures.pool.draw(shown, "svg", **SIZE)).decode("utf-8")
    except (pictures.RendererMissing, pictures.PoolBusy) as error:
        log.warning("the map's first picture is left out: %s", error)
        return ""
    labels = (f' role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" '
              f'style="width: 100%; height: auto; max-height: {HEIGHT}px">'
              f'<title id="{svg_id}-title">{escape(title)}</title>'
              f'<desc id="{svg_id}-desc">{escape(description)}</desc>')
    return OPENING.sub(lambda match: SIZING.sub("", match.group(0))[:-1] + labels,
                       steady_ids(drawn, svg_id), count=1)
