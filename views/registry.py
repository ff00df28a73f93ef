"""Every embeddable view by name: what it is, how it reads a query and builds itself, and which full page
shows it. Pages, embeds, oEmbed discovery, pictures and exports all look views up here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from layouts.i18n import N_
from loaders.store import StoreData
from views import city, financing, projects
from views import map as map_view
from views.base import NotAvailable, View
from views.explore import build as explore_build
from views.explore import state as explore_state
from views.params import Declaration

Parser = Callable[[Mapping[str, str], StoreData], tuple[Any, list[str]]]
Builder = Callable[[StoreData, Any], View]


@dataclass(frozen=True)
class Embed:
    name: str
    what: str
    """What it shows, in English (translated where shown)."""
    parse: Parser
    build: Builder
    height: int
    """The iframe height the snippet suggests, in pixels."""


def explore_parser(view: str) -> Parser:
    def parse(raw: Mapping[str, str], store: StoreData):
        state, problems = explore_state.parse({**raw, "view": view}, explore_state.context(store))
        if state.view != view:  # a chart the data cannot draw (a scatter of one indicator) is not another
            raise NotAvailable(problems[0] if problems else view)
        return state, problems
    return parse


def projects_parser(raw: Mapping[str, str], store: StoreData):
    return projects.parse(raw, projects.context(store))


EXPLORE_VIEWS = ("ranking", "scatter", "distribution", "trend")
EMBEDS: dict[str, Embed] = {e.name: e for e in (
    Embed("city-goals", N_("A place's 17 goals"), city.parse, city.goals, 760),
    Embed("city-trend", N_("A place's indicator over time"), city.parse, city.trend, 620),
    Embed("city-districts", N_("A city's districts on a map"), city.parse_districts, city.districts,
          620),
    Embed("city-compare", N_("Goal scores of places side by side"), city.parse, city.compare, 760),
    Embed("map", N_("Map of places"), map_view.parse, map_view.build, 640),
    Embed("ranking", N_("Ranking of places"), explore_parser("ranking"), explore_build.build, 720),
    Embed("scatter", N_("Scatter plot of two indicators"), explore_parser("scatter"), explore_build.build,
          680),
    Embed("distribution", N_("Distribution of places by region"), explore_parser("distribution"),
          explore_build.build, 640),
    Embed("trend", N_("Places over time"), explore_parser("trend"), explore_build.build, 640),
    Embed("projects-map", N_("Map of innovation projects"), projects_parser, projects.project_map, 640),
    Embed("projects-goals", N_("Projects and budget by goal"), projects_parser,
          projects.chart("projects-goals"), 640),
    Embed("projects-funding", N_("Funding source mix"), projects_parser, projects.chart("projects-funding"),
          520),
    Embed("projects-procurement", N_("Procurement methods"), projects_parser,
          projects.chart("projects-procurement"), 520),
    Embed("projects-themes", N_("Jobs created and people reached, by theme"), projects_parser,
          projects.chart("projects-themes"), 560),
    Embed("projects-years", N_("Projects by start year and status"), projects_parser,
          projects.chart("projects-years"), 560),
    Embed("financing-gaps", N_("Which goals get funded least, relative to their rating"), financing.parse,
          financing.chart("financing-gaps"), 640),
    Embed("financing-sources", N_("Share of budget by funding source"), financing.parse,
          financing.chart("financing-sources"), 520),
    Embed("financing-methods", N_("Share of budget by procurement method"), financing.parse,
          financing.chart("financing-methods"), 520),
)}

CITY_PREFIX = "/city/"
PAGE_EMBEDS: dict[str, Callable[[Mapping[str, str], StoreData], str]] = {
    "/": lambda _query, _store: "map",
    CITY_PREFIX: lambda query, _store: "city-trend" if "indicator" in query else "city-goals",
    "/explore": lambda query, store: query.get("view") if query.get("view") in EXPLORE_VIEWS
    else opening_explore_view(store),
    "/projects": lambda _query, _store: "projects-map",
    "/projects/financing": lambda _query, _store: "financing-gaps",
}
"""A full page's main chart as an embed, for oEmbed discovery: page path -> embed name for its query
and the store it shows."""


def opening_explore_view(store: StoreData) -> str:
    """The explore view its page opens on, as an embed's name (a store of one place: its trend)."""
    opening = explore_state.page_view(store)
    return opening if opening in EXPLORE_VIEWS else "ranking"


__all__ = ["NotAvailable"]


def page_embed(path: str, query: Mapping[str, str], store: StoreData) -> tuple[str, dict[str, str]] | None:
    """The embed view (and its query) that shows the main chart of a full page, if any."""
    query = dict(query)
    if path.startswith(CITY_PREFIX) and len(path) > len(CITY_PREFIX):
        query["place"] = path[len(CITY_PREFIX):]
        path = CITY_PREFIX
    choose = PAGE_EMBEDS.get(path)
    return (choose(query, store), query) if choose else None


def build(name: str, raw: Mapping[str, str], store: StoreData) -> View:
    """The named view for a raw query: parsed (problems kept on the view) and built."""
    embed = EMBEDS[name]
    state, problems = embed.parse(raw, store)
    view = embed.build(store, state)
    view.problems = [*problems, *view.problems]
    return view


FAMILIES = {"city-": city.DECLARATION, "map": map_view.DECLARATION, "projects-": projects.DECLARATION,
            "financing-": financing.DECLARATION,
            **{name: explore_state.DECLARATION for name in EXPLORE_VIEWS}}


def declaration(name: str) -> Declaration:
    """The parameters the embed `name` reads: its page's."""
    return next(found for start, found in FAMILIES.items() if name.startswith(start))


def describe(store: StoreData | None = None) -> dict[str, list[dict]]:
    """Every view's parameters as JSON (choices and defaults of `store` when given)."""
    declarations = {"map": (map_view.DECLARATION, map_view.context), "city": (city.DECLARATION, city.context),
                    "explore": (explore_state.DECLARATION, explore_state.context),
                    "projects": (projects.DECLARATION, projects.context),
                    "financing": (financing.DECLARATION, projects.context)}
    return {name: declaration.describe(context(store) if store is not None else None)
            for name, (declaration, context) in declarations.items()}
