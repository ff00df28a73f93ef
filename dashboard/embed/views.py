"""What each embeddable view shows for one query: the same builders as the full pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.graph_objects as go
from dash.development.base_component import Component

from dashboard import data
from dashboard.api.links import download_url
from dashboard.api.views import page_module
from dashboard.query import Query, encode
from layouts import explore, views
from layouts import explore_filters as filters
from layouts.i18n import N_, _
from layouts.map_view import map_view
from layouts.tables import data_table
from loaders.store import StoreData


@dataclass
class EmbedView:
    """One embed: a figure (or HTML body), its text alternative and data table, and where the
    full view and the data live."""

    title: str
    summary: str
    table: Component
    full_path: str
    figure: go.Figure | None = None
    body: Component | None = None
    static_figure: go.Figure | None = None
    api_path: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def image_figure(self) -> go.Figure | None:
        return self.static_figure or self.figure


class UnknownPlace(LookupError):
    """The query names a place the store does not have."""


Builder = Callable[[StoreData, Query], EmbedView]


def map_embed(store: StoreData, q: Query) -> EmbedView:
    years = views.years(store)
    if not years:
        raise UnknownPlace("no scores")
    goal = q.text("goal", ["index", *map(str, range(1, 18))], "index")
    year = q.integer("year", years[0], years[-1], years[-1])
    view = q.text("view", ["places", "countries"], "places")
    shown = map_view(store, None if goal == "index" else int(goal), year, view)
    query = {"goal": None if goal == "index" else goal, "year": year,
             "view": None if view == "places" else view}
    return EmbedView(shown.title, shown.summary, shown.table, "/" + encode(query),
                     figure=shown.figure, problems=q.problems,
                     api_path="/api/v1/scores/" + ("index" if goal == "index" else "goals")
                     + encode({"goal": query["goal"], "year": year}))


def explore_embed(view: str) -> Builder:
    """Ranking or scatter from the explore page's own state parsing, rows and chart."""

    def build(store: StoreData, q: Query) -> EmbedView:
        page = page_module("/explore")
        cat = page.current()[1] if store.version == data.current().version else filters.catalogue(store)
        state, problems = page.parse({**q.raw, "view": view}, cat)
        frame = explore.filtered_frame(store, cat, state)
        title, figure, summary = explore.chart(frame, cat, state)
        caption = _("{title}: the chart's data").format(title=title)
        table = data_table(explore.display_frame(frame, cat), caption,
                           links={explore.column_label("name"): "link"})
        query = filters.to_query(state, cat)
        return EmbedView(title, summary, table, "/explore" + encode(query), figure=figure,
                         problems=[*q.problems, *problems],
                         api_path=download_url("explore", query, "csv"))

    return build


VIEWS: dict[str, tuple[str, Builder, int]] = {
    "map": (N_("Map of places"), map_embed, 640),
    "ranking": (N_("Ranking of places"), explore_embed("ranking"), 720),
    "scatter": (N_("Scatter plot of two indicators"), explore_embed("scatter"), 680),
}
"""view name -> (what it is, builder, suggested iframe height in pixels)."""
