"""One state of the map (goal or index, year, places or countries): figure, summary and table,
shared by the map page and its embed."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
from dash import html

from layouts import maps, names, summaries, views
from layouts.i18n import _
from layouts.reference import arrow, goal_label, rating
from layouts.tables import data_table
from loaders.store import StoreData


@dataclass
class MapView:
    title: str
    figure: go.Figure
    summary: str
    table: html.Div


def map_view(store: StoreData, goal: int | None, year: int, view: str = "places") -> MapView:
    frame = views.place_scores(store, goal, year)
    title = (_("SDG Index, {year}").format(year=year) if goal is None
             else _("{subject}, {year}").format(subject=goal_label(goal), year=year))
    if view == "countries":
        figure = maps.country_map(views.country_means(frame), title)
    else:
        figure = maps.place_map(frame, title, by_rating=goal is not None)
    listing = frame.assign(link="/city/" + frame["place_id"],
                           country_iso3=frame["country_iso3"].map(names.country))
    columns = {"name": _("Place"), "country_iso3": _("Country"), "score": _("Score")}
    if goal is not None:
        columns.update({"rating": _("Rating"), "trend": _("Trend")})
        listing["rating"] = listing["colour"].map(rating)
        listing["trend"] = listing["arrow"].map(lambda a: " ".join(arrow(a)))
    else:
        columns["rank"] = _("Rank")
    listing = listing.rename(columns=columns)
    table = data_table(listing[[*columns.values(), "link"]],
                       _("Places by score: {title}").format(title=title), links={_("Place"): "link"})
    return MapView(title, figure, summaries.map_summary(frame, goal, year), table)
