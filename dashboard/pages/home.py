"""The map: every place coloured by the SDG Index or one goal, for a chosen year."""

from __future__ import annotations

from urllib.parse import quote

import dash
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import data
from dashboard.cache import view_answer
from dashboard.chrome import (
    heading_parts,
    page_messages,
    summary_parts,
    table_payload,
    table_when_opened,
    view_card,
)
from dashboard.widgets import Choices, Select, YearRange
from layouts import bootstrap, i18n, names, ranking, scores
from layouts.i18n import N_, _, ngettext
from layouts.reference import goal_label
from loaders.store import StoreData
from views import map as map_view
from views.base import NotAvailable

dash.register_page(__name__, path="/", title=lambda: _("City SDG Dashboard: map"), name="Map")


class Ids:
    GOAL = "map-goal"
    YEAR = "map-year"
    VIEW = "map-view"
    GRAPH = "map-graph"
    TITLE = "map-title"
    SUMMARY = "map-summary"
    TABLE = "map-table"
    TABLE_DATA = "map-table-data"
    TABLE_OPEN = "map-table-open"
    """The table's <summary>: its clicks open and close the table."""
    TABLE_ASK = "map-table-ask"
    """The state whose table the open table asks for (tableAsk in assets/clientside.js)."""
    NAV = "map-nav"
    STATE = "map-state"
    URL_SINK = "map-url-sink"
    REGION = "map-region"
    RANKING = "map-ranking"
    SEARCH = "place-search"


def region_options(local: bool = False, present: tuple[str, ...] | None = None,
                   chosen: str | None = None) -> list[dict]:
    """"World" (`local`: "All places", a store whose places the map draws at their own extent), then
    the UN regions: those with places of the store (`present`), and the one `chosen` (an address
    may ask for another; it is then said to have none). Bristol's wards were offered Africa, the
    Americas, Asia and Oceania, each an empty map."""
    return [{"label": _("All places") if local else _("World"), "value": "world"}] + [
        {"label": names.region(name), "value": key} for key, name in map_view.REGION_NAMES.items()
        if present is None or key in present or key == chosen]


def search_example(store: StoreData) -> str | None:
    """A place the search box finds, offered as its example (once per version)."""
    return names.example_place(store.places, scores.mapped_kinds(store))


HEADINGS = {"region": N_("How are regions doing on the SDGs?"),
            "department": N_("How are departments doing on the SDGs?"),
            "state": N_("How are states doing on the SDGs?"),
            "province": N_("How are provinces doing on the SDGs?"),
            "country": N_("How are countries doing on the SDGs?")}
"""The map page's heading for a store whose map carries regions or countries (`scores.mapped_kinds`);
CITIES_HEADING for cities and districts."""
CITIES_HEADING = N_("How are cities doing on the SDGs?")
"""Marked apart: inside `_()`'s argument the marker was not seen by the message extraction, so the
heading was never translated (its French and Spanish were dropped as unused)."""


def headings(store: StoreData) -> tuple[str, str]:
    kind = names.said_kind(scores.mapped_kinds(store)[0], store.meta)  # Benin's départements
    heading = HEADINGS.get(kind, HEADINGS["region"] if kind in names.UNIT_WORDS else CITIES_HEADING)
    return _(heading), ranking.search_label(kind)


def search_box(example: str | None, label: str | None = None) -> html.Div:
    """Find any place by name (accents, case and punctuation forgiven); Enter opens the first found.
    `example`: a place of the store to show as an example (`names.example_place`)."""
    return html.Div([
        bootstrap.label(label or _("Find your city"), Ids.SEARCH, className="form-label fw-semibold"),
        dcc.Input(id=Ids.SEARCH, type="search", debounce=0.3, autoComplete="off",
                  placeholder=_("e.g. {place}").format(place=example) if example else ""),
        html.P(id=f"{Ids.SEARCH}-status", className="small mb-1", **{"aria-live": "polite"}),
        html.Div(id=f"{Ids.SEARCH}-results", className="search-found"),
    ], className="mb-3 search-box")


def goal_options() -> list[dict]:
    return [{"label": _("SDG Index (all goals)"), "value": "index"}] + [
        {"label": goal_label(g), "value": str(g)} for g in range(1, 18)
    ]


def view_options() -> list[dict]:
    return [{"label": _("Places"), "value": "places"},
            {"label": _("Countries (mean)"), "value": "countries"}]


def controls(state: map_view.State, years: list[int], local: bool = False,
             present: tuple[str, ...] | None = None, by_country: bool = True) -> html.Div:
    """The map's controls; `by_country`: offer the countries' view (hidden, not removed, for a store
    whose places are countries, where it would draw the same map again)."""
    labels = {p.name: _(p.label) for p in map_view.DECLARATION}
    regions = region_options(local, present, state.region)
    return bootstrap.row([
        bootstrap.col([bootstrap.label(labels["goal"], Ids.GOAL),
                       Select(id=Ids.GOAL, options=goal_options(), value=state.goal)], xs=12, md=4),
        # a phone's half width cut the zoom's words ("Tous les territoi"): a line of its own there;
        # hidden (not removed) where "All places" is its one choice: the US states', Bolivia's and
        # Bristol's maps offered a zoom to nothing else
        bootstrap.col([bootstrap.label(labels["region"], Ids.REGION),
                       Select(id=Ids.REGION, options=regions, value=state.region)],
                      "d-none" if len(regions) == 1 else "", xs=12, sm=6, md=2),
        bootstrap.col(html.Fieldset([
            html.Legend(labels["view"], className="form-label fs-6 mb-1"),
            Choices(id=Ids.VIEW, options=view_options(), value=state.view)], hidden=not by_country),
            "map-show", xs=12, sm=6, md=2),
        bootstrap.col([bootstrap.label(labels["year"], Ids.YEAR, id=f"{Ids.YEAR}-label"),
                       # one year (the European cities' index): its number beside a still thumb, not
                       # written twice and offered as a choice of one
                       YearRange(Ids.YEAR, years[0], years[-1], state.year, disabled=len(years) == 1,
                                 marks=spaced_marks(years) if len(years) > 1 else [])],
                      xs=12, md=4),
    ], className="g-2 mb-2")


MARKS = 4
"""Year marks under the map's slider, at most: five years of four digits fill a phone's track."""


def spaced_marks(years: list[int], most: int = MARKS) -> list[int]:
    """Years to mark under the slider, the first and the last among them, each at least a
    `most`-th of the span from the one before: marks are placed by year, so every other year of
    the data (2002, then 2011 to 2019 in steps of 2) ran together ("20112013201520172019")."""
    if not years:
        return []
    gap = (years[-1] - years[0]) / most
    marks = [years[0]]
    for year in years[1:]:
        if year - marks[-1] >= gap:
            marks.append(year)
    if marks[-1] != years[-1]:  # the last year is marked, in place of a mark too close to it
        if len(marks) > 1 and years[-1] - marks[-1] < gap:
            marks.pop()
        marks.append(years[-1])
    return marks


def empty_store_text(store) -> html.P:
    """What a store without scores holds and where to go: its projects, or how data get in."""
    count = len(store.projects)
    if count:
        return html.P([ngettext("This data holds {count} innovation project but no indicator values yet.",
                                "This data holds {count} innovation projects but no indicator values yet.",
                                count).format(count=i18n.integer(count)), " ",
                       dcc.Link(_("See the projects"), href=i18n.href("/projects"))])
    return html.P([_("Import indicator data to see the map:"), " ", html.Code("city-sdg import")])


def layout(**query: str) -> html.Div:
    store = data.current()
    state, problems = map_view.parse(query, store)
    try:
        view = built(store, state)
    except NotAvailable:
        return html.Div([page_messages(store, problems),
                         html.H1(_("No place has scores yet"), className="h3"), empty_store_text(store)])
    view.hint = _("Select a place on the map, in the ranking or in the table, to open its page.")
    heading, search_label = headings(store)
    card = view_card(view, "map", Ids.GRAPH, Ids.TITLE, Ids.SUMMARY, Ids.TABLE, table_later=True,
                     table_summary_id=Ids.TABLE_OPEN, announced=True)
    ctx = map_view.context(store)
    return html.Div([
        page_messages(store, problems),
        html.H1(heading, className="h3"),
        search_box(store.prepared(search_example), search_label),
        controls(state, ctx.years, ctx.extent is not None or ctx.scope != "world", ctx.regions,
                 map_view.offers_countries(store)),
        dcc.Location(id=Ids.NAV, refresh="callback-nav"),
        bootstrap.row([bootstrap.col(card, lg=8), bootstrap.col(html.Div(view.body, id=Ids.RANKING), lg=4)],
                      className="g-3"),
        dcc.Store(id=Ids.STATE, data=view.query),
        dcc.Store(id=Ids.TABLE_DATA),  # sent when the reader opens the table (`table`)
        dcc.Store(id=Ids.TABLE_ASK),
        html.Div(id=Ids.URL_SINK, hidden=True),
    ])


@callback(
    Output(Ids.TITLE, "children"), Output(Ids.GRAPH, "figure"), Output(Ids.SUMMARY, "children"),
    Output(Ids.STATE, "data"), Output(Ids.RANKING, "children"),
    Input(Ids.GOAL, "value"), Input(Ids.YEAR, "value"), Input(Ids.VIEW, "value"), Input(Ids.REGION, "value"),
    prevent_initial_call=True,
)
def update(goal: str, year: int, view: str, region: str):
    store = data.current()
    state, _problems = map_view.parse({"goal": goal, "year": year, "view": view, "region": region}, store)
    return answer(store, state)


def answer(store, state: map_view.State) -> tuple:
    """The map callback's outputs for one state. Its table is not among them: it is sent only when
    the reader opens it (`table`), which at 10,000 places is a megabyte less per change. Made from
    the cached view (`built`) each time, not cached again: the outputs are the view's parts, and a
    second cache entry pickled and wrote the same figure twice for every new state."""
    shown = built(store, state)
    return heading_parts(shown, Ids.TITLE), shown.figure, summary_parts(shown), shown.query, shown.body


def built(store, state: map_view.State):
    """The view of one state without its table, built once per data version, language and state:
    the page's layout and the map callback share it (the table comes alone: `table_answer`)."""
    return view_answer("map-view", store.version, state,
                       lambda: map_view.build(store, state, with_table=False))


@callback(Output(Ids.TABLE_DATA, "data"), Input(Ids.TABLE_ASK, "data"), prevent_initial_call=True)
def table(query: dict | None):
    """The table of the state shown, as data for assets/tables.js, once the reader opens it."""
    store = data.current()
    state, _problems = map_view.parse(query if isinstance(query, dict) else {}, store)
    return view_answer("map-table", store.version, state, lambda: table_answer(store, state))


def table_answer(store, state: map_view.State) -> dict | None:
    """The table alone: the cached view leaves it out (a 10,000-row frame pickled with every new
    state, for the few readers who open the table)."""
    payload = table_payload(map_view.table(store, state))
    return None if payload is None else {**payload, "query": map_view.query(state, store)}


@callback(Output(f"{Ids.SEARCH}-results", "children"), Output(f"{Ids.SEARCH}-status", "children"),
          Input(Ids.SEARCH, "value"), prevent_initial_call=True)
def show_found(typed: str | None) -> tuple[list, str]:
    store = data.current()
    return ranking.search_results(store.places, typed, searched(store))


def searched(store):
    """The place search's index of this data version in the reader's language, made once: every
    place a reader can find (`scores.findable_places`), not only those the map carries."""
    return store.kept("place-search", i18n.language(), lambda: findable_index(store), limit=8)


def findable_index(store):
    found = store.prepared(scores.findable_places)
    return ranking.search_index(found, tuple(found["kind"].dropna().astype(str).unique()))


@callback(Output(Ids.NAV, "href", allow_duplicate=True), Input(Ids.SEARCH, "n_submit"),
          State(Ids.SEARCH, "value"), prevent_initial_call=True)
def open_found(_submitted: int | None, typed: str | None) -> str:
    store = data.current()
    found = ranking.find(store.places, typed or "", limit=1, index=searched(store))
    if not found:
        raise dash.exceptions.PreventUpdate
    return i18n.href(f"/city/{found[0][0]}")


@callback(Output(Ids.NAV, "href"), Input(Ids.GRAPH, "clickData"), prevent_initial_call=True)
def open_city(click: dict | None) -> str:
    point = (click or {}).get("points", [{}])[0]
    data = point.get("customdata") if isinstance(point, dict) else None
    place = data[0] if isinstance(data, list) and data else None
    if not isinstance(place, str) or not place:  # a crafted click: "//elsewhere" made /city///elsewhere
        raise dash.exceptions.PreventUpdate
    return i18n.href("/city/" + quote(place, safe=""))


table_when_opened(Ids.TABLE_OPEN, Ids.STATE, Ids.TABLE_ASK, Ids.TABLE, Ids.TABLE_DATA)


clientside_callback(
    ClientsideFunction("citySdg", "pushQuery"),
    Output(Ids.URL_SINK, "className"),
    Input(Ids.STATE, "data"),
)
