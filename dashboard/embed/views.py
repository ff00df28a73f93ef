"""What each embeddable view shows for one query: the same builders as the full pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.graph_objects as go
from dash.development.base_component import Component

from dashboard.query import Query, encode
from layouts import views
from layouts.i18n import N_
from layouts.map_view import map_view
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


VIEWS: dict[str, tuple[str, Builder, int]] = {
    "map": (N_("Map of places"), map_embed, 640),
}
"""view name -> (what it is, builder, suggested iframe height in pixels)."""
