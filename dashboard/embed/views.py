"""What each embeddable view shows for one query: the same builders as the full pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from dash.development.base_component import Component

from dashboard import data
from dashboard.api.links import download_url
from dashboard.api.views import page_module
from dashboard.query import Query, encode
from layouts import city, districts, explore, i18n, projects, summaries, texts, views
from layouts import explore_filters as filters
from layouts import projects_figures as project_figures
from layouts.i18n import N_, _
from layouts.map_view import map_view
from layouts.reference import DASHBOARD_COLOURS, arrow, goal_label, rating
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


def scored_years(store: StoreData) -> list[int]:
    years = views.years(store)
    if not years:
        raise UnknownPlace(_("This data holds no scores yet."))
    return years


def map_embed(store: StoreData, q: Query) -> EmbedView:
    years = scored_years(store)
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
        cat = data.prepared(filters.catalogue, str(data.serving_store().root), store.version)
        state, problems = page.parse({**q.raw, "view": view}, cat)
        if view == "scatter" and not (state.x and state.y):
            raise UnknownPlace(_("A scatter plot needs two indicators; this data has fewer."))
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


def place_of(store: StoreData, q: Query) -> pd.Series:
    place_id = q.raw.get("place")
    places = store.places.set_index("place_id", drop=False)
    if not place_id:
        raise UnknownPlace(_("Name a place: add ?place=<place id> to the address."))
    if place_id not in places.index:
        raise UnknownPlace(_("There is no place '{place}' in this data.").format(place=place_id))
    return places.loc[place_id]


def goal_rows(store: StoreData, place_id: str, year: int) -> pd.DataFrame:
    scores = store.tables["goal_scores"]
    return scores[(scores["place_id"] == place_id) & (scores["year"] == year)].sort_values("goal")


def goal_figure(rows: pd.DataFrame) -> go.Figure:
    """The tiles as a bar chart, for the static picture: one bar per goal in its rating's colour,
    with the rating in words at the bar's end (colour is never the only signal)."""
    labels = [goal_label(int(g)) for g in rows["goal"]]
    words = [f"{i18n.number(s, 0)} · {rating(c)}" for s, c in zip(rows["score"], rows["colour"], strict=True)]
    colours = [DASHBOARD_COLOURS.get(c if isinstance(c, str) else "grey", "#8A8A8A") for c in rows["colour"]]
    figure = go.Figure(go.Bar(y=labels, x=rows["score"], orientation="h", text=words,
                              textposition="outside", marker={"color": colours}))
    figure.update_layout(height=600, separators=i18n.separators(), xaxis={"range": [0, 130]},
                         yaxis={"autorange": "reversed"}, margin={"l": 10, "r": 10})
    return figure


def city_goals_embed(store: StoreData, q: Query) -> EmbedView:
    place = place_of(store, q)
    years = scored_years(store)
    year = q.integer("year", years[0], years[-1], years[-1])
    rows = goal_rows(store, place["place_id"], year)
    index = store.tables["index"]
    index_rows = index[(index["place_id"] == place["place_id"]) & (index["year"] == year)]
    full_path = f"/city/{place['place_id']}" + encode({"year": year if year != years[-1] else None})
    tiles = city.goal_tiles(rows, page_module("/city/none").project_goal_counts(store, place["place_id"]))
    for tile in tiles.children:  # a tile links to its goal's section of the full page
        tile.href = i18n.href(full_path) + tile.href
    listing = pd.DataFrame({_("Goal"): [goal_label(int(g)) for g in rows["goal"]],
                            _("Score"): rows["score"].to_numpy(),
                            _("Rating"): [rating(c) for c in rows["colour"]],
                            _("Trend"): [" ".join(arrow(a)) for a in rows["arrow"]]})
    title = _("{place}: the 17 goals in {year}").format(place=place["name"], year=year)
    summary = summaries.city_summary(place["name"], rows, index_rows.iloc[0] if len(index_rows) else None)
    return EmbedView(title, summary, data_table(listing, title), full_path, body=tiles,
                     static_figure=goal_figure(rows), problems=q.problems,
                     api_path="/api/v1/scores/goals" + encode({"place": place["place_id"], "year": year}))


def city_trend_embed(store: StoreData, q: Query) -> EmbedView:
    place = place_of(store, q)
    years = scored_years(store)
    year = q.integer("year", years[0], years[-1], years[-1])
    rows = city.indicator_rows(store, place["place_id"], year)
    available = rows["indicator_id"].tolist() if len(rows) else []
    if not available:
        raise UnknownPlace(_("{place} has no indicator data.").format(place=place["name"]))
    indicator = q.text("indicator", available, available[0])
    figure, sentence, table = page_module("/city/none").trend_view(store, place["place_id"], indicator, year)
    shown = texts.indicator_texts(store).set_index("indicator_id").loc[indicator]
    title = _("{place}: {indicator}").format(
        place=place["name"], indicator=texts.marked(shown["name"], shown["name_language"]))
    full_path = f"/city/{place['place_id']}" + encode({"indicator": indicator, "year": year})
    return EmbedView(title, sentence, table, full_path, figure=figure, problems=q.problems,
                     api_path="/api/v1/observations" + encode({"place": place["place_id"],
                                                                "indicator": indicator}))


def city_districts_embed(store: StoreData, q: Query) -> EmbedView:
    place = place_of(store, q)
    years = scored_years(store)
    year = q.integer("year", years[0], years[-1], years[-1])
    view = districts.district_view(store, place["place_id"], year)
    if view is None:
        raise UnknownPlace(_("{place} has no district data.").format(place=place["name"]))
    title, figure, summary, table = view
    return EmbedView(title, summary, table, f"/city/{place['place_id']}" + encode({"year": year}),
                     figure=figure, problems=q.problems,
                     api_path="/api/v1/observations" + encode({"year": year}))


def city_compare_embed(store: StoreData, q: Query) -> EmbedView:
    place = place_of(store, q)
    years = scored_years(store)
    year = q.integer("year", years[0], years[-1], years[-1])
    others = [p for p in q.many("compare", store.places["place_id"]) if p != place["place_id"]][:3]
    title, figure, summary, table = page_module("/city/none").compare_parts(
        store, place["place_id"], others, year)
    query = {"compare": others, "year": year}
    return EmbedView(_("{place}: {title}").format(place=place["name"], title=title), summary, table,
                     f"/city/{place['place_id']}" + encode(query), figure=figure, problems=q.problems,
                     api_path="/api/v1/scores/goals" + encode({"place": [place["place_id"], *others],
                                                                 "year": year}))


PROJECT_CHARTS = ("projects-goals", "projects-funding", "projects-procurement", "projects-themes",
                  "projects-years")
"""The projects page's charts, in the order layouts.projects_figures.chart_parts draws them."""


def project_selection(store: StoreData, q: Query):
    page = page_module("/projects")
    cat = data.prepared(projects.store_catalogue, str(data.serving_store().root), store.version)
    chosen, problems = page.parse(q.raw, cat)
    return cat, chosen, problems


def projects_map_embed(store: StoreData, q: Query) -> EmbedView:
    cat, chosen, problems = project_selection(store, q)
    places = projects.by_place(projects.select(cat, chosen), cat.places)
    focus = chosen.region is not None or chosen.place is not None
    query = chosen.query()
    return EmbedView(_("Innovation projects by place"), projects.place_summary(places),
                     page_module("/projects").place_table(places), "/projects" + encode(query),
                     figure=go.Figure(project_figures.project_map(places, focus)), problems=problems,
                     api_path=download_url("projects", query, "csv"))


def project_chart_embed(name: str) -> Builder:
    def build(store: StoreData, q: Query) -> EmbedView:
        cat, chosen, problems = project_selection(store, q)
        title, figure, summary, table = project_figures.chart_parts(projects.select(cat, chosen))[
            PROJECT_CHARTS.index(name)]
        query = chosen.query()
        return EmbedView(title, summary, table, "/projects" + encode(query), figure=go.Figure(figure),
                         problems=problems, api_path=download_url("projects", query, "csv"))

    return build


def financing_embed(name: str) -> Builder:
    def build(store: StoreData, q: Query) -> EmbedView:
        page = page_module("/projects/financing")
        cat = data.prepared(projects.store_catalogue, str(data.serving_store().root), store.version)
        region = q.text("region", page.regions(cat), None)
        charts, _summary = page.parts(store, cat, region)
        title, figure, summary, table, _hint = charts[page.FINANCING_CHARTS.index(name)]
        query = {"region": region}
        return EmbedView(title, summary, table, "/projects/financing" + encode(query),
                         figure=go.Figure(figure), problems=q.problems,
                         api_path=download_url("projects", query, "csv"))

    return build


VIEWS: dict[str, tuple[str, Builder, int]] = {
    "city-goals": (N_("A city's 17 goals"), city_goals_embed, 760),
    "city-trend": (N_("A city's indicator over time"), city_trend_embed, 620),
    "city-districts": (N_("A city's districts on a map"), city_districts_embed, 620),
    "city-compare": (N_("Goal scores of cities side by side"), city_compare_embed, 760),
    "map": (N_("Map of places"), map_embed, 640),
    "ranking": (N_("Ranking of places"), explore_embed("ranking"), 720),
    "scatter": (N_("Scatter plot of two indicators"), explore_embed("scatter"), 680),
    "distribution": (N_("Distribution of places by region"), explore_embed("distribution"), 640),
    "trend": (N_("Places over time"), explore_embed("trend"), 640),
    "projects-map": (N_("Map of innovation projects"), projects_map_embed, 640),
    "projects-goals": (N_("Projects and budget by goal"), project_chart_embed("projects-goals"), 640),
    "projects-funding": (N_("Funding source mix"), project_chart_embed("projects-funding"), 520),
    "projects-procurement": (N_("Procurement methods"), project_chart_embed("projects-procurement"), 520),
    "projects-themes": (N_("Jobs created and people reached, by theme"),
                        project_chart_embed("projects-themes"), 560),
    "projects-years": (N_("Projects started per year, by status"), project_chart_embed("projects-years"),
                       560),
    "financing-gaps": (N_("Which goals get funded least, relative to their rating"),
                       financing_embed("financing-gaps"), 640),
    "financing-sources": (N_("Share of budget by funding source"), financing_embed("financing-sources"), 520),
    "financing-methods": (N_("Share of budget by procurement method"), financing_embed("financing-methods"),
                          520),
}
"""view name -> (what it is, builder, suggested iframe height in pixels)."""
