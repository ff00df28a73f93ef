"""Maps of places: markers by dashboard rating or score, and a country choropleth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from layouts import design, i18n, names
from layouts.design import GRAPH_CONFIG, RATING_SYMBOLS, SCORE_SCALE, TOPOJSON_URL  # noqa: F401
from layouts.extents import longitude_span, padded, rotation, shape_points
from layouts.facts import drawn_as_country, drawn_as_state
from layouts.i18n import _
from layouts.reference import DASHBOARD_COLOURS, arrow, rating

REGIONS = {
    "world": ((-180, 180), (-56, 84)),
    "africa": ((-20, 55), (-36, 38)),
    "americas": ((-170, -30), (-56, 72)),
    "asia": ((25, 150), (-12, 56)),
    "europe": ((-25, 45), (34, 71)),
    "oceania": ((110, 180), (-48, 2)),
}
"""Each region's longitude and latitude range: the world leaves out Antarctica and the far Arctic."""
MARKER_LINE = {"width": 1, "color": "#333333"}
ON_SHAPE = "on-shape"
"""The `meta` of a rating's markers drawn on countries' (or US states') shapes."""
COLOURBAR = {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.02, "yanchor": "top",
             "len": 0.7, "thickness": 10, "title": {"side": "top", "font": {"size": 12}},
             "tickfont": {"size": 11}}
"""A horizontal colour bar under the map: on a phone it takes the map's width, not its height."""


SCORE_POINT = "%{customdata[1]}"
"""Where a hover label takes its point's score: formatted on the server in the reader's language (the
text the table and the ranking show; plotly's own rounding could differ from it at ties)."""


def hover_template(scored: object, colour: object = None, trend: object = None) -> str:
    """The hover label of a group of markers: the name (`text`) and score (`customdata[1]`) from each
    point, the rating and trend written once for the group, each line a whole translated sentence
    fragment. Ten thousand markers then carry a name and a number each, not four lines of words
    (about two thirds of a 10,000-place map's bytes before)."""
    score = _("Score: {score} / 100").format(score=SCORE_POINT) if scored else _("Score: no data")
    lines = ["%{text}", score]
    if colour is not None:
        lines.append(_("Rating: {rating}").format(rating=rating(colour)))
    if trend is not None:
        lines.append(_("Trend: {trend}").format(trend=" ".join(arrow(trend))))
    return "<br>".join(lines) + "<extra></extra>"


FIT_MARGIN = 0.1
"""A share of a fitted map's span kept around its markers on each side (at least a degree)."""
FLATTEST = 0.35
"""A fitted map is at least this share as tall as it is wide (in degrees): Lisbon to Athens was a
strip 39 degrees wide and 6 tall, a line across a phone."""


def fitted_extent(lon: np.ndarray, lat: np.ndarray) -> tuple | None:
    """(lon, lat) ranges around the points, the shorter way round the globe (`longitude_span`);
    None when they need most of the world. Plotly's own fitting to locations took the long way:
    the projects of Oceania, Apia among them, were a map of the world."""
    span = longitude_span(lon)
    if span is None or not len(lat):
        return None
    (west, east), (south, north) = padded(span, (float(np.min(lat)), float(np.max(lat))), FIT_MARGIN, 1.0)
    if east - west >= 300:
        return None
    middle, half = (south + north) / 2, max(north - south, FLATTEST * (east - west)) / 2
    return (west, east), (max(-90.0, middle - half), min(90.0, middle + half))


USA = "usa"
"""The scope of a map whose places all lie in the USA and are drawn as states (`views.map.Context`):
plotly's map of the USA (Albers projection, Alaska and Hawaii beside the 48 states), whose topology
holds the states' shapes (the world's does not)."""


def geo_layout(title: str = "", region: str = "world", extent: tuple | None = None,
               scope: str = "world") -> dict:
    """The one map style as a plain layout dict (the region's ranges, no Antarctica, the template;
    `extent`, (lon, lat) ranges in place of the region's usual frame: the store's own extent, or a
    region's frame taken out to its places, `views.map.Context.ranges`). Without a title the map
    starts at the top: the page's heading says what it shows."""
    lon, lat = extent if extent is not None else REGIONS.get(region, REGIONS["world"])
    turn = rotation(lon)
    layout = {
        "template": design.TEMPLATE,
        "geo": {"projection": {"type": "natural earth", "rotation": {"lon": turn}},
                "lonaxis": {"range": list(lon)}, "lataxis": {"range": list(lat)},
                "center": {"lon": turn or sum(lon) / 2, "lat": sum(lat) / 2},
                "showcountries": True, "countrycolor": "#bbbbbb", "showland": True, "landcolor": "#f2f2f2",
                "showocean": True, "oceancolor": "#e8f1f8", "showframe": False, "resolution": 110},
        "margin": {"l": 0, "r": 0, "t": 40 if title else 10, "b": 0},
        "separators": i18n.separators(),
        "legend": {"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "title": {"text": ""}},
    }
    if scope == USA:  # its projection draws the states in their own frame: no ranges, no centre
        layout["geo"] = {**{key: value for key, value in layout["geo"].items()
                            if key not in ("projection", "lonaxis", "lataxis", "center")},
                         "scope": USA, "projection": {"type": "albers usa"}, "showsubunits": True,
                         "subunitcolor": "#ffffff"}
    if title:
        layout["title"] = {"text": title}
    return layout


def map_figure(traces: list[dict], title: str, region: str, legend_on_top: bool = False,
               extent: tuple | None = None, scope: str = "world") -> go.Figure:
    """Traces and the map style made into a figure once: plotly checks a figure built from plain
    dicts in a few milliseconds, where each `update_layout` with the template took about 0.1 s.
    `legend_on_top`: the legend above the map, where a colour bar takes the space under it (both
    under the map were drawn over each other on a phone)."""
    layout = geo_layout(title, region, extent, scope)
    if legend_on_top:
        layout["legend"] = {**layout["legend"], "y": 1.0, "yanchor": "bottom"}
    return design.figure(traces, layout)


def marker_trace(located: dict, chosen: np.ndarray, name: str, marker: dict, template: str) -> dict:
    """The chosen rows (positions) of the located places' columns (`located_columns`) as one marker
    trace: a place's id and its score as customdata (the id opens its page on a click)."""
    return {"type": "scattergeo", "lat": located["lat"][chosen], "lon": located["lon"][chosen],
            "text": located["name"][chosen], "customdata": located["customdata"][chosen],
            "hovertemplate": template, "name": name, "marker": marker}


def located_columns(located: pd.DataFrame) -> dict[str, np.ndarray | None]:
    """What the markers draw and say, as arrays taken once: each trace is then a choice of rows.
    Coordinates in single precision (a metre or so on the ground, half the bytes); text as
    fixed-width NumPy strings, not objects: plotly deep-copies a figure's arrays, one Python call per
    element of an object array (about 20 ms for a 10,000-place map), one copy of memory otherwise.
    `group` numbers each row's hover label (`hover_template` of `labels[group]`)."""
    scores = located["score"].to_numpy(float, na_value=float("nan"))
    scored = ~np.isnan(scores)
    colours = (located["colour"].astype("string").fillna("grey").to_numpy(object)
               if "colour" in located else None)
    arrows = (located["arrow"].astype("string").fillna("no_data").to_numpy(object)
              if "arrow" in located else None)
    said = [(name, values) for name, values in (("scored", scored), ("colour", colours), ("trend", arrows))
            if values is not None]
    combined = np.zeros(len(scores), dtype=np.int64)
    for _name, values in said:
        codes, kinds = pd.factorize(values, sort=True)
        combined = combined * (len(kinds) + 1) + codes
    _, first, group = np.unique(combined, return_index=True, return_inverse=True)
    return {"lat": located["lat"].to_numpy("float32"), "lon": located["lon"].to_numpy("float32"),
            "name": located["name"].astype("string").fillna("").to_numpy(str), "score": scores,
            "scored": scored, "colour": colours,
            "customdata": np.column_stack([located["place_id"].to_numpy(str),
                                           np.array(i18n.numbers(scores), dtype=str)]),
            "group": group,
            "labels": [hover_template(**{name: values[row] for name, values in said}) for row in first]}


def hover_groups(located: dict, chosen: np.ndarray) -> list[tuple[np.ndarray, str]]:
    """The chosen rows split by what their hover label says besides name and score (score known or
    not, rating, trend), each with its template, in a stable order."""
    groups = located["group"][chosen]
    return [(chosen[groups == number], located["labels"][number]) for number in np.unique(groups)]


def legend_traces(located: dict, chosen: np.ndarray, name: str, group: str, marker: dict) -> list[dict]:
    """One legend entry (`name`, clicked to show or hide them all) for the chosen rows, drawn as one
    trace per hover group with the same marker."""
    traces = []
    for number, (rows, template) in enumerate(hover_groups(located, chosen)):
        trace = marker_trace(located, rows, name, marker, template)
        traces.append({**trace, "legendgroup": group, "showlegend": number == 0})
    return traces


SHAPE_OPACITY = 0.55
"""Areas are filled paler than their markers, which carry the shape of a rating and the hover label."""
AREA_LINE = {"color": "#ffffff", "width": 1}


def shape_traces(frame: pd.DataFrame, shapes: dict, by_rating: bool,
                 scale: tuple[float, float] = (0, 100)) -> list[dict]:
    """The areas of the places drawn (`shapes`: GeoJSON features keyed by `properties.place_id`)
    filled as their markers are, under them: a city's wards drawn as wards, where markers alone were
    dots in a blank box. Colour is not their only sign: each area keeps its marker, shape and label.
    Pointing at an area names its place, and choosing it opens the place's page as its marker does
    (a ward is a larger target on a phone than its marker). Each trace carries its own areas only,
    so an answer sends each area once."""
    features = {feature["properties"]["place_id"]: feature for feature in shapes["features"]}
    located = frame["lat"].notna() & frame["lon"].notna()
    frame = frame[frame["place_id"].astype(str).isin(features) & located]

    def areas(rows: pd.Series, z: list, colorscale: list, **scale) -> dict:
        places = frame.loc[rows, "place_id"].astype(str).tolist()
        return {"type": "choropleth", "featureidkey": "properties.place_id", "locations": places,
                "geojson": {"type": "FeatureCollection", "features": [features[p] for p in places]},
                "z": z, "colorscale": colorscale, **scale, "showscale": False, "showlegend": False,
                "text": frame.loc[rows, "name"].astype("string").fillna("").tolist(),
                "customdata": [[p] for p in places], "hovertemplate": "%{text}<extra></extra>",
                "marker": {"opacity": SHAPE_OPACITY, "line": AREA_LINE}}

    def plain(key: str, rows: pd.Series) -> dict:
        return areas(rows, [0] * int(rows.sum()), [[0, DASHBOARD_COLOURS[key]], [1, DASHBOARD_COLOURS[key]]])

    if by_rating:
        colours = frame["colour"].astype("string").fillna("grey") if "colour" in frame else \
            pd.Series("grey", index=frame.index)
        return [plain(key, colours == key) for key in DASHBOARD_COLOURS if (colours == key).any()]
    scored = frame["score"].notna()
    traces = [plain("grey", ~scored)] if (~scored).any() else []
    if scored.any():
        traces.append(areas(scored, frame.loc[scored, "score"].astype(float).tolist(), SCORE_SCALE,
                            zmin=scale[0], zmax=scale[1]))
    return traces


def country_shapes(frame: pd.DataFrame) -> pd.DataFrame:
    """The places a map draws as their country's shape: countries without coordinates whose ISO code
    is known (a store of SDSN's country indices: the SDR, the Africa index). Their shapes are the
    map's own (Natural Earth, served with the app), so no position is needed."""
    return frame[drawn_as_country(frame).to_numpy(dtype=bool)]


def state_shapes(frame: pd.DataFrame) -> pd.DataFrame:
    """The places a map draws as a US state's shape (`facts.drawn_as_state`): SDSN's report of the
    states gives no coordinates, and the USA map has the states' shapes (Natural Earth)."""
    return frame[drawn_as_state(frame).to_numpy(dtype=bool)]


def country_traces(countries: pd.DataFrame, by_rating: bool, column: str = "country_iso3",
                   mode: str = "ISO-3", scale: tuple[float, float] = (0, 100)) -> list[dict]:
    """Countries (`country_shapes`) filled as their markers would be: by rating, one legend entry per
    rating (named in words, with its count: the colour is not the only sign, and the ranking and table
    beside the map say each country's rating); else by score on the score scale, grey where none.
    Pointing at a country names it with its score and rating; choosing it opens its page. US states
    (`state_shapes`) the same way, by their postal code (`column` "state", `mode` "USA-states")."""
    if countries.empty:
        return []
    located = located_columns(countries.assign(lat=0.0, lon=0.0))
    iso3 = countries[column].astype(str).str.upper().to_numpy(str)

    def filled(rows: np.ndarray, values: np.ndarray, colorscale: list, **extra) -> list[dict]:
        """The chosen rows, one trace per hover label; `values`: each row's colour value."""
        return [{"type": "choropleth", "locationmode": mode, "locations": iso3[group].tolist(),
                 "z": values[group].tolist(), "colorscale": colorscale, "showscale": False,
                 "text": located["name"][group].tolist(), "customdata": located["customdata"][group].tolist(),
                 "hovertemplate": template, "marker": {"line": {"color": "#ffffff", "width": 0.5}}, **extra}
                for group, template in hover_groups(located, rows)]

    def plain(key: str, rows: np.ndarray, name: str) -> list[dict]:
        colour = DASHBOARD_COLOURS[key]
        traces = filled(rows, np.zeros(len(iso3)), [[0, colour], [1, colour]], name=name, legendgroup=key)
        for number, trace in enumerate(traces):
            trace["showlegend"] = number == 0
        return traces

    def marked(key: str, rows: np.ndarray) -> list[dict]:
        """The rating's marker on each shape, which colour alone told apart (orange "significant" and
        red "major challenges"), pointing and choosing as the shape does (`ON_SHAPE`: not counted
        twice in the legend)."""
        points = shape_points("subunits" if mode == "USA-states" else "countries")
        style = {"size": 7, "color": DASHBOARD_COLOURS[key], "symbol": RATING_SYMBOLS[key],
                 "line": MARKER_LINE}
        traces = []
        for group, template in hover_groups(located, rows):
            group = group[[code in points for code in iso3[group]]]
            if len(group):
                traces.append({"type": "scattergeo", "mode": "markers", "meta": ON_SHAPE,
                               "lon": [points[code][0] for code in iso3[group]],
                               "lat": [points[code][1] for code in iso3[group]], "marker": style,
                               "text": located["name"][group].tolist(),
                               "customdata": located["customdata"][group].tolist(), "hovertemplate": template,
                               "legendgroup": key, "showlegend": False})
        return traces

    if by_rating:
        colours = located["colour"] if located["colour"] is not None else np.full(len(iso3), "grey")
        traces = []
        for key in DASHBOARD_COLOURS:
            rows = np.flatnonzero(colours == key)
            if len(rows):
                named = _("{rating} ({count})").format(rating=rating(key), count=len(rows))
                traces += plain(key, rows, named) + marked(key, rows)
        return traces
    unscored, scored = np.flatnonzero(~located["scored"]), np.flatnonzero(located["scored"])
    traces = []
    if len(unscored):
        traces += plain("grey", unscored, _("no score ({count})").format(count=len(unscored)))
    for number, trace in enumerate(filled(scored, located["score"], SCORE_SCALE, zmin=scale[0], zmax=scale[1],
                                          showlegend=False)):
        if number == 0:  # one colour bar for the scale
            trace.update(showscale=True, colorbar={
                **COLOURBAR, "title": {**COLOURBAR["title"], "text": _("Score (0-100), darker = better")}})
        traces.append(trace)
    return traces


def place_map(frame: pd.DataFrame, title: str, by_rating: bool, region: str = "world",
              extent: tuple | None = None, shapes: dict | None = None, scope: str = "world",
              scale: tuple[float, float] = (0, 100)) -> go.Figure:
    """Places as markers (countries and US states without coordinates as their shapes). `frame`:
    place_id, name, lat, lon, score, and colour/arrow for ratings; `scope`: "world" or USA;
    `scale`: the scores the colour scale spans (`layouts.score_range`).

    By rating: one legend entry per rating (named in words, own colour and shape).
    Otherwise: markers coloured by score on a colour-blind-safe scale.
    With `shapes` (GeoJSON of the places' areas), each area filled beneath its marker.
    """
    located = located_columns(frame.dropna(subset=["lat", "lon"]))
    traces = shape_traces(frame, shapes, by_rating, scale) if shapes else []
    traces += country_traces(country_shapes(frame), by_rating, scale=scale)
    traces += country_traces(state_shapes(frame), by_rating, "state", "USA-states", scale)
    if by_rating:
        colours = located["colour"] if located["colour"] is not None else np.full(len(located["lat"]), "grey")
        for key, colour in DASHBOARD_COLOURS.items():
            chosen = np.flatnonzero(colours == key)
            if not len(chosen):
                continue
            traces += legend_traces(
                located, chosen, _("{rating} ({count})").format(rating=rating(key), count=len(chosen)), key,
                {"size": 7, "color": colour, "symbol": RATING_SYMBOLS[key], "line": MARKER_LINE})
    else:
        unscored = np.flatnonzero(~located["scored"])
        if len(unscored):
            traces += legend_traces(
                located, unscored, _("no score ({count})").format(count=len(unscored)), "grey",
                {"size": 7, "color": DASHBOARD_COLOURS["grey"], "symbol": RATING_SYMBOLS["grey"],
                 "line": MARKER_LINE})
        colourbar = {**COLOURBAR,
                     "title": {**COLOURBAR["title"], "text": _("Score (0-100), darker = better")}}
        scored = hover_groups(located, np.flatnonzero(located["scored"]))
        for number, (rows, template) in enumerate(scored or [(np.arange(0), hover_template(True))]):
            marker = {"size": 7, "color": located["score"][rows], "colorscale": SCORE_SCALE, "cmin": scale[0],
                      "cmax": scale[1], "line": MARKER_LINE}
            if number == 0:  # one colour bar for the scale
                marker["colorbar"] = colourbar
            # no legend entry: the colour bar under the map says what the colours mean
            traces.append({**marker_trace(located, rows, _("score"), marker, template),
                           "legendgroup": "score", "showlegend": False})
    one_entry_per_group(traces, by_rating)
    return map_figure(traces, title, region, legend_on_top=not by_rating, extent=extent, scope=scope)


def one_entry_per_group(traces: list[dict], by_rating: bool) -> None:
    """One legend entry per rating (or for "no score") counting every place of it, where countries
    drawn as shapes and small states drawn as markers each had one: "no score (11)" and "no score
    (19)". The entry goes on a marker trace where the group has one (it shows the rating's symbol,
    not only its colour) and is ranked in the ratings' order whatever trace carries it."""
    def points(trace: dict) -> int:
        if trace.get("meta") == ON_SHAPE:  # a shape's marker: the shape is counted
            return 0
        return len(trace["locations"] if trace["type"] == "choropleth" else trace["lat"])

    groups: dict[str, list[dict]] = {}
    for trace in traces:
        if trace.get("legendgroup") in DASHBOARD_COLOURS:
            groups.setdefault(trace["legendgroup"], []).append(trace)
    order = list(DASHBOARD_COLOURS)
    for key, members in groups.items():
        if not any(trace.get("showlegend") for trace in members):
            continue
        bearer = next((t for t in members if t["type"] == "scattergeo"), members[0])
        count = sum(points(trace) for trace in members)
        for trace in members:
            trace["showlegend"] = trace is bearer
        words = rating(key) if by_rating else _("no score")
        bearer.update(name=_("{rating} ({count})").format(rating=words, count=count),
                      legendrank=1000 + order.index(key))


def country_map(frame: pd.DataFrame, title: str, region: str = "world",
                extent: tuple | None = None, scale: tuple[float, float] = (0, 100)) -> go.Figure:
    """Countries shaded by the mean score of their places. `frame`: country_iso3, score, places.
    Countries without data keep the plain land colour, which the colour bar's title names."""
    trace = {
        "type": "choropleth", "locations": frame["country_iso3"], "z": frame["score"],
        "locationmode": "ISO-3", "colorscale": SCORE_SCALE, "zmin": scale[0], "zmax": scale[1],
        "text": [
            i18n.ngettext("{country}: mean {score} over {count} place",
                          "{country}: mean {score} over {count} places", int(count)).format(
                country=names.country(iso3), score=i18n.number(score), count=int(count))
            for iso3, score, count in zip(frame["country_iso3"], frame["score"], frame["places"], strict=True)
        ],
        "hoverinfo": "text", "marker": {"line": {"color": "#ffffff", "width": 0.5}},
        "colorbar": {**COLOURBAR, "title": {**COLOURBAR["title"], "text": "<br>".join(
            [_("Mean score (0-100), darker = better"), _("pale grey = no data")])}},
    }
    return map_figure([trace], title, region, extent=extent)
