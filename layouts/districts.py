"""District values of a city and their choropleth, where the store holds district boundaries."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from layouts import design, i18n, static_svg
from layouts.i18n import _
from layouts.maps import COLOURBAR
from layouts.sparklines import value_text
from loaders.store import StoreData


def city_districts(places: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """The city's districts (a country is the parent of its cities too: those are not)."""
    if "parent_id" not in places or "kind" not in places:
        return places.iloc[:0]
    return places[((places["parent_id"] == place_id) & (places["kind"] == "district")).fillna(False)
                  .to_numpy(bool)]


def outlined_districts(store: StoreData, place_id: str) -> pd.DataFrame:
    """The city's districts that have an outline to draw."""
    if store.boundaries is None or not len(store.boundaries):
        return store.places.iloc[:0]
    districts = city_districts(store.places, place_id)
    return districts[districts["place_id"].isin(store.boundaries["place_id"])]


def district_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    """The values of the city's outlined districts up to `year` (empty where there are none)."""
    outlined = outlined_districts(store, place_id)
    if outlined.empty:
        return pd.DataFrame()
    obs = store.select("observations", place_id=list(outlined["place_id"]))
    return obs[(obs["year"] <= year) & obs["value"].notna()]


def district_indicators(rows: pd.DataFrame) -> list[str]:
    """The indicators of `district_rows`, the one with most districts first (the map's default)."""
    if rows.empty:
        return []
    counts = rows.groupby("indicator_id")["place_id"].nunique()
    return list(counts.sort_values(ascending=False, kind="stable").index)


def district_values(store: StoreData, rows: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """Headline values of the districts of `district_rows` for `indicator`, each its latest, named,
    with its year as the source wrote it (`year_label`)."""
    rows = rows[rows["indicator_id"] == indicator] if len(rows) else rows
    if rows.empty:
        return pd.DataFrame(columns=["place_id", "name", "year", "year_label", "value"])
    # a district's breakdowns differ by file; take its most common breakdown, latest year
    breakdown = rows["breakdown"].mode().iloc[0]
    rows = rows[rows["breakdown"] == breakdown].sort_values("year").groupby("place_id").tail(1)
    frame = rows.merge(store.places[["place_id", "name"]], on="place_id")
    return frame[["place_id", "name", "year", "year_label", "value"]]


def scale_title(unit: str) -> str:
    """The colour bar of measured values: their unit and which way the colour goes (a value has no
    better or worse here; the blues are the index's, and no rating colour is used)."""
    return _("Value ({unit}), darker = higher").format(unit=unit) if unit else _("Value, darker = higher")


def district_figure(frame: pd.DataFrame, geojson: dict, unit: str) -> go.Figure:
    """A choropleth of district values; `unit` is display text. The title is the view's heading."""
    hover = [_("{district}: {value}").format(district=d, value=value_text(v))
             for d, v in zip(frame["name"], frame["value"], strict=True)]
    figure = design.figure(
        [{"type": "choropleth", "geojson": geojson, "featureidkey": "properties.place_id",
          "locations": frame["place_id"], "z": frame["value"], "colorscale": design.SCORE_SCALE,
          "text": hover, "hoverinfo": "text",
          "colorbar": {**COLOURBAR, "title": {**COLOURBAR["title"], "text": scale_title(unit)}},
          "marker": {"line": {"color": "#ffffff"}}}],
        {"geo": {"fitbounds": "locations", "visible": False},
         "separators": i18n.separators(), "margin": {"l": 0, "r": 0, "t": 10, "b": 0}})
    # The districts' own extent as the map's ranges, not plotly's `fitbounds`: that fits them inside
    # the world's 2:1 frame, so Bristol's wards, less wide than 2:1, were 200 px wide in a 325 px
    # card whatever its height; framed by their ranges, the map is as wide as its card and
    # assets/map_fit.js makes it as tall as they are.
    ranges = static_svg.fitted_ranges(figure)
    if ranges is not None:
        figure.update_geos(fitbounds=False, lonaxis_range=list(ranges[0]), lataxis_range=list(ranges[1]))
    return figure
