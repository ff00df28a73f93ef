"""The analyst view: filter places and indicators, then rank, compare, spread, follow, list and download."""

from __future__ import annotations

import dash
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html, no_update

from dashboard import data
from dashboard.cache import view_answer
from dashboard.chrome import (
    chart_card,
    folding_filters,
    heading,
    named_chart,
    page_messages,
    table_payload,
    table_when_opened,
    toggle_fold,
)
from dashboard.widgets import Choices, Select, checklist
from layouts import bootstrap, i18n, phone_ranking, texts
from layouts.i18n import N_, _
from loaders.store import StoreData
from views.base import NotAvailable
from views.explore import contents, model
from views.explore import options as offered
from views.explore import places as within
from views.explore import state as explore_state
from views.explore.build import build
from views.explore.model import Catalogue
from views.explore.model import State as ExploreState
from views.explore.state import follow_defaults, parse, to_query
from views.params import download_url
from views.registry import EXPLORE_VIEWS

dash.register_page(__name__, path="/explore", title=lambda: _("City SDG Dashboard: explore"), name="Explore")


class Ids:
    VIEW = "explore-view"
    GOAL = "explore-goal"
    TARGET = "explore-target"
    INDICATOR = "explore-indicator"
    MEASURE = "explore-measure"
    REGION = "explore-region"
    SUBREGION = "explore-subregion"
    COUNTRY = "explore-country"
    BAND = "explore-band"
    PLACES = "explore-places"
    YEAR = "explore-year"
    START = "explore-from"
    END = "explore-to"
    X = "explore-x"
    Y = "explore-y"
    SIZE = "explore-size"
    SORT = "explore-sort"
    FIND = "explore-find"
    MESSAGES = "explore-messages"
    CONTENT = "explore-content"
    GRAPH = "explore-graph"
    FOLD = "explore-fold"
    """A ranking's chart with what a phone leaves out of it (layouts.phone_ranking)."""
    CHART_TITLE = "explore-chart-title"
    SUMMARY = "explore-summary"
    TABLE = "explore-table"
    TABLE_DATA = "explore-table-data"
    TABLE_OPEN = "explore-table-open"
    """A chart's table <summary>: its clicks ask for the table (sent only then)."""
    TABLE_ASK = "explore-table-ask"
    """The state whose table the opened <details> asks for (tableAsk in assets/clientside.js)."""
    STATE = "explore-state"
    VERSION = "explore-version"
    URL_SINK = "explore-url-sink"
    CSV = "explore-csv"
    JSON = "explore-json"
    YEAR_BOX = "explore-year-box"
    RANGE_BOX = "explore-range-box"
    SCATTER_BOX = "explore-scatter-box"
    TABLE_BOX = "explore-table-box"
    ANNOUNCE = "explore-announce"
    CHIPS = "explore-chips"
    FILTERS = "explore-filters"
    TOGGLE = "explore-filters-toggle"


FILTER_LABELS = {"goal": N_("Goal"), "target": N_("Target"), "indicator": N_("Indicator"),
                 "measure": N_("Show"),
                 "region": N_("UN region"), "subregion": N_("UN subregion"), "country": N_("Country"),
                 "band": N_("Population"), "places": N_("Places"), "year": N_("Year"), "from": N_("From"),
                 "to": N_("To"), "x": N_("Across (x)"), "y": N_("Up (y)"), "size": N_("Point size"),
                 "sort": N_("Order"), "q": N_("Find a place by name")}
"""Each filter's name on its chip: the same words as its control's label."""


CONTROLS = {
    "view": Ids.VIEW, "goal": Ids.GOAL, "target": Ids.TARGET, "indicator": Ids.INDICATOR,
    "measure": Ids.MEASURE, "region": Ids.REGION, "subregion": Ids.SUBREGION, "country": Ids.COUNTRY,
    "band": Ids.BAND, "places": Ids.PLACES, "year": Ids.YEAR, "from": Ids.START, "to": Ids.END,
    "x": Ids.X, "y": Ids.Y, "size": Ids.SIZE, "sort": Ids.SORT, "q": Ids.FIND,
}
"""URL key -> control id; every control's `value` is both read and (canonical) written back."""
BOXES = {Ids.YEAR_BOX: ("ranking", "scatter", "distribution", "table"), Ids.RANGE_BOX: ("trend",),
         Ids.SCATTER_BOX: ("scatter",), Ids.TABLE_BOX: ("table",)}
APPLIES = {"year": BOXES[Ids.YEAR_BOX], "from": BOXES[Ids.RANGE_BOX], "to": BOXES[Ids.RANGE_BOX],
           "x": BOXES[Ids.SCATTER_BOX], "y": BOXES[Ids.SCATTER_BOX], "size": BOXES[Ids.SCATTER_BOX],
           "sort": BOXES[Ids.TABLE_BOX], "q": BOXES[Ids.TABLE_BOX],
           **dict.fromkeys(("goal", "target", "indicator"), ("ranking", "distribution", "trend", "table"))}
"""The views a control's value changes (the others keep it, hidden, for when the reader returns):
a ranking showed "Order: Value, worst first" as a filter in effect, in the table's order only; a
scatter showed "Goal: ..." over its two indicators, which the goal only picks until they are chosen."""


def current() -> tuple[StoreData, Catalogue]:
    """The store and its prepared catalogue (built once per store version)."""
    store = data.current()
    return store, explore_state.context(store)


def render(store: StoreData, cat: Catalogue, state: ExploreState) -> tuple[html.Div, str]:
    """The view's card (title, chart, summary, table) and its summary, from one filtered frame. The
    table view sends its table with it; a chart's table, folded under the chart, is sent only when
    the reader opens it (`table`): a ranking of 1,000 places was 167 of its answer's 197 kB."""
    view = build(store, state, cat, with_table=state.view == "table")
    said = bootstrap.tagged(view.summary, view.languages)  # names in another language tagged, periods whole
    summary = html.P([*(said if isinstance(said, list) else [said]), *place_link(cat)], id=Ids.SUMMARY)
    if view.figure is None:  # the table view: its table is what it shows
        body = [heading(view, Ids.CHART_TITLE), summary,
                table_holder(with_query(table_payload(view.table), to_query(state, cat))),
                # the charts' table opener, never clicked here: a change of state with the table
                # view shown fired the opener's callback, and the browser logged "A nonexistent
                # object was used in an Input"
                html.Span(id=Ids.TABLE_OPEN, hidden=True)]
        return bootstrap.card(body, className="mb-3"), view.summary
    view.hint = None if cat.alone else _("Select a place name in the data table to open its page.")
    embed = state.view if state.view in EXPLORE_VIEWS else None
    chart = named_chart(view, Ids.GRAPH, Ids.CHART_TITLE, Ids.SUMMARY, strip=True)  # no mode bar on a phone
    if state.view == "ranking":  # its sentence first: 200 bars were 4,900 px above it on a phone
        chart = phone_ranking.folded(chart, phone_ranking.bar_count(view.figure), Ids.FOLD)
        parts, summary = [heading(view, Ids.CHART_TITLE), summary, chart], None
    else:
        parts = [heading(view, Ids.CHART_TITLE), chart]
    card = chart_card(html.Div(parts), summary, table_holder(None), view.hint, embed=embed,
                      table_summary_id=Ids.TABLE_OPEN, heading_id=Ids.CHART_TITLE)
    return card, view.summary


def place_link(cat: Catalogue) -> list:
    """For data of one place, a link to its page, where all its values are (Cape Town's, all broken
    down, rank nothing here; the sentence said they were "on its page" and linked none)."""
    if not cat.alone:
        return []
    place = cat.places.iloc[0]
    return [" ", dcc.Link(_("Open the page of {place}").format(place=place["name"]),
                          href=i18n.href(f"/city/{place['place_id']}"))]


def table_holder(payload: dict | None) -> html.Div:
    """Where the view's table is drawn, in the browser, from the data beside it (`assets/tables.js`):
    given now, or later by `table`."""
    return html.Div([html.Div(id=Ids.TABLE), dcc.Store(id=Ids.TABLE_DATA, data=payload)])


@callback(Output(Ids.TABLE_DATA, "data"), Input(Ids.TABLE_ASK, "data"),
          prevent_initial_call=True)
def table(query: dict | None) -> dict | None:
    """The table of the chart shown, as data for assets/tables.js, once the reader opens it; `query`
    is the state the page shows (its canonical URL query)."""
    store, cat = current()
    state, _problems = parse(query if isinstance(query, dict) else {}, cat)
    canonical = to_query(state, cat)
    return view_answer("explore-table", store.version, sorted(canonical.items()),
                       lambda: table_answer(store, cat, state, canonical))


def table_answer(store: StoreData, cat: Catalogue, state: ExploreState, canonical: dict) -> dict | None:
    try:
        view = build(store, state, cat)
    except NotAvailable:  # a state no chart is drawn for (asked by hand): no table either
        return None
    return with_query(table_payload(view.table), canonical)


def with_query(payload: dict | None, query: dict) -> dict | None:
    """A table's data with the state it is of: the page draws it only while that state is shown."""
    return None if payload is None else {**payload, "query": query}


def refresh(raw: dict, previous: dict | None = None, stale: bool = True) -> dict:
    """Everything the update callback writes, for the state the controls describe; the options of a
    control whose own inputs did not change since `previous` are left as the page has them, unless
    they are `stale` (of another data version, or of a page that did not say which)."""
    store, cat = current()
    state, _problems = parse(follow_defaults(raw, previous or {}, cat), cat)
    card, summary = render(store, cat, state)
    query = to_query(state, cat)
    options = offered.option_sets(state, cat, offered.changed_options(query, None if stale else previous))
    return {
        "content": card, "announce": summary, "messages": page_messages(store, []),
        "state": query, "version": store.version, "values": offered.control_values(state),
        "options": {key: options.get(key, no_update) for key in OPTION_KEYS},
        "hidden": {box: state.view not in shown for box, shown in BOXES.items()},
        "chips": chips(state, cat),
        # with the places' options, when they are sent (their geographic filters changed)
        "hint": (places_hint(within.lists_every_place(cat.places, state)) if "places" in options
                 else no_update),
    }


def chip_options(state: ExploreState, cat: Catalogue, key: str) -> list[dict]:
    """The options that name the values of one filter chip (only the chosen places, not all)."""
    if key == "places":
        return within.chosen_place_options(cat.places, state.places)
    if key in offered.OPTION_INPUTS:
        return offered.option_sets(state, cat, [key])[key]
    named = {"goal": lambda: offered.goal_options(cat.indicators, cat.goal is None),
             "region": lambda: offered.region_options(cat.places), "band": offered.band_options,
             "x": lambda: offered.all_indicator_options(contents.indicator_names(cat))}
    named["y"] = named["x"]
    return named[key]() if key in named else []


def chips(state: ExploreState, cat: Catalogue) -> html.Ul:
    """The filters in effect (every value that differs from its default), as chips in words."""
    items = []
    query = to_query(state, cat)
    if cat.goal is not None and "goal" not in query and state.goal:
        # opened on the map's goal, where the index ranks no place: a default, but not "no filter"
        query = {"goal": state.goal, **query}
    if (cat.measured or cat.unscored) and "indicator" not in query and state.indicator:
        # a store of one place, or of places without goal scores, opens on one indicator: a default,
        # but not "no filter"
        query = {**query, "indicator": state.indicator}
    for key, value in query.items():
        if key not in FILTER_LABELS or state.view not in APPLIES.get(key, (state.view,)):
            continue
        labels = {str(o["value"]): o["label"] for o in chip_options(state, cat, key)}
        shown = [str(labels.get(v, v)) for v in str(value).split(",")] if key == "places" else [
            str(labels.get(str(value), value))]
        words = _("{filter}: {value}").format(filter=_(FILTER_LABELS[key]), value=", ".join(shown))
        items.append(html.Li(words, className="filter-chip"))
    if not items:
        items = [html.Li(_("No filter: every place and indicator"), className="filter-chip")]
    return html.Ul(items, className="filter-chips", **{"aria-label": _("Filters in effect")})


def select(key: str, label: str, options: list[dict], value: str) -> html.Div:
    """A labelled native select, one a line (the filter panel is a narrow column beside the chart); the
    option "" is "all"."""
    return bootstrap.col([bootstrap.field_label(label, CONTROLS[key]),
                          Select(id=CONTROLS[key], options=options, value=value)], xs=12)


def choices(key: str, legend: str, options: list[dict], value, component=Choices):
    legend = html.Legend(legend, className="form-label fs-6 mb-1")
    return bootstrap.col(html.Fieldset([legend, component(id=CONTROLS[key], options=options, value=value,
                                                          inline=True)]), xs=12)


def places_control(options: list[dict], value: list[str], every: bool = True) -> html.Div:
    """The places to show; `every`: its options list every place that passes the filters, else
    (a national store) the reader types to find places (`find_places`)."""
    return bootstrap.col([bootstrap.field_label(_("Places (leave empty for all)"), Ids.PLACES),
                          dcc.Dropdown(id=Ids.PLACES, options=options, value=value, multi=True,
                                       placeholder=places_hint(every), labels=dropdown_labels())], xs=12)


def places_hint(every: bool) -> str:
    """The places control's empty text: with every place listed, what empty means; else (short
    enough for a phone's width: the label says what empty means) that places are found by name."""
    return _("All places that pass the filters") if every else _("Type a name to find places")


def find_control(value: str) -> html.Div:
    return bootstrap.col([bootstrap.field_label(_("Find a place by name"), Ids.FIND),
                          dcc.Input(id=Ids.FIND, type="search", value=value, debounce=True)], xs=12)


def dropdown_labels() -> dict[str, str]:
    """The texts Dash's dropdown draws itself ({num_selected} is filled in by the browser)."""
    return {"select_all": _("Select all"), "deselect_all": _("Deselect all"),
            "selected_count": _("{num_selected} selected"), "search": _("Search"),
            "clear_search": _("Clear search"), "clear_selection": _("Clear selection"),
            "no_options_found": _("No options found")}


def names_note(cat: Catalogue) -> list:
    """Once, which of the indicators' names are in another language than the reader's (each is
    tagged with it in the lists, not marked after it)."""
    named = contents.indicator_names(cat)
    if "name_language" not in named:
        return []
    note = texts.language_note(named["listed_name"], named["name_language"])
    return [html.P(note, className="small text-muted mb-2")] if note else []


def controls(state: ExploreState, cat: Catalogue) -> html.Div:
    v, opts = offered.control_values(state), offered.option_sets(state, cat)
    years = offered.year_options(cat.years)
    every = offered.all_indicator_options(contents.indicator_names(cat))
    hidden = {box: state.view not in shown for box, shown in BOXES.items()}
    views = [{"label": _(model.VIEWS[key]), "value": key} for key in explore_state.offered_views(cat)]
    size = [{"label": _("By population"), "value": "population"}]
    return html.Div([
        html.H2(_("What"), className="h5"),
        bootstrap.row([select("goal", _("Goal"), offered.goal_options(cat.indicators, cat.goal is None),
                              v["goal"]),
                       select("target", _("Target"), opts["target"], v["target"]),
                       select("indicator", _("Indicator"), opts["indicator"], v["indicator"]),
                       choices("measure", _("Show"), opts["measure"], v["measure"])], className="g-2 mb-2"),
        *names_note(cat),
        html.H2(_("Where"), className="h5"),
        bootstrap.row([select("region", _("UN region"), offered.region_options(cat.places), v["region"]),
                       select("subregion", _("UN subregion"), opts["subregion"], v["subregion"]),
                       select("country", _("Country"), opts["country"], v["country"]),
                       select("band", _("Population"), offered.band_options(), v["band"]),
                       places_control(opts["places"], v["places"],
                                      within.lists_every_place(cat.places, state))],
                      className="g-2 mb-2"),
        html.H2(_("View"), className="h5"),
        bootstrap.row([choices("view", _("Chart"), views, v["view"])], className="g-2 mb-1"),
        html.Div(bootstrap.row([select("year", _("Year"), years, v["year"])], className="g-2"),
                 id=Ids.YEAR_BOX, hidden=hidden[Ids.YEAR_BOX]),
        html.Div(bootstrap.row([select("from", _("From"), years, v["from"]),
                                select("to", _("To"), years, v["to"])], className="g-2"),
                 id=Ids.RANGE_BOX, hidden=hidden[Ids.RANGE_BOX]),
        html.Div(bootstrap.row([select("x", _("Across (x)"), every, v["x"]),
                                select("y", _("Up (y)"), every, v["y"]),
                                choices("size", _("Point size"), size, v["size"], checklist)],
                               className="g-2"),
                 id=Ids.SCATTER_BOX, hidden=hidden[Ids.SCATTER_BOX]),
        html.Div(bootstrap.row([select("sort", _("Order"), opts["sort"], v["sort"]), find_control(v["q"])],
                               className="g-2"),
                 id=Ids.TABLE_BOX, hidden=hidden[Ids.TABLE_BOX]),
    ], className="mb-3")


def layout(**query: str) -> html.Div:
    store, cat = current()
    if not cat.years:
        return html.Div([page_messages(store, []), html.H1(_("Explore"), className="h3"),
                         html.P(_("This data holds no scores yet."))])
    state, problems = parse(query, cat)
    card, summary = render(store, cat, state)
    query = to_query(state, cat)
    downloads = html.Div([
        *download_links(query),
        html.Span(_("Both files hold every row of the chart's data table, from the open data API."),
                  className="small text-muted"),
    ], className="mb-3")
    toggle, panel = folding_filters(bootstrap.card(controls(state, cat)), Ids.FILTERS, Ids.TOGGLE)
    return html.Div([
        html.Div(page_messages(store, problems), id=Ids.MESSAGES),
        html.H1(_("Explore and compare places"), className="h3"),
        html.Div([toggle, html.Div(chips(state, cat), id=Ids.CHIPS, className="flex-grow-1")],
                 className="d-flex align-items-start flex-wrap gap-1 mb-2"),
        bootstrap.row([bootstrap.col(panel, lg=4, className="order-lg-last"),
                 bootstrap.col([html.Div(card, id=Ids.CONTENT), downloads], lg=8)], className="g-3"),
        html.Div(summary, id=Ids.ANNOUNCE, className="visually-hidden", **{"aria-live": "polite"}),
        dcc.Store(id=Ids.STATE, data=to_query(state, cat)),
        dcc.Store(id=Ids.TABLE_ASK),
        dcc.Store(id=Ids.VERSION, data=store.version),  # the data version the controls' options are of
        html.Div(id=Ids.URL_SINK, hidden=True),
    ])


OPTION_KEYS = tuple(offered.OPTION_INPUTS)


@callback(
    output={
        "content": Output(Ids.CONTENT, "children"), "announce": Output(Ids.ANNOUNCE, "children"),
        "messages": Output(Ids.MESSAGES, "children"), "state": Output(Ids.STATE, "data"),
        "version": Output(Ids.VERSION, "data"),
        "values": {key: Output(cid, "value") for key, cid in CONTROLS.items()},
        "options": {key: Output(CONTROLS[key], "options") for key in OPTION_KEYS},
        "hidden": {box: Output(box, "hidden") for box in BOXES},
        "chips": Output(Ids.CHIPS, "children"),
        "hint": Output(Ids.PLACES, "placeholder"),
    },
    inputs={key: Input(cid, "value") for key, cid in CONTROLS.items()},
    state={"previous": State(Ids.STATE, "data"), "seen": State(Ids.VERSION, "data")},
    prevent_initial_call=True,
)
def update(previous: dict | None = None, seen: str | None = None, **values) -> dict:
    raw = {k: ",".join(v) if isinstance(v, list) else v for k, v in values.items()}
    version = data.current().version
    stale = seen != version  # the options shown are of another version (an import since the page opened)
    known = sorted(previous.items()) if isinstance(previous, dict) else [("no previous state", "")]
    key = [*sorted(raw.items()), *(("previous:" + str(k), v) for k, v in known), ("stale options", stale)]
    return view_answer("explore-update", version, key, lambda: refresh(raw, previous, stale))


toggle_fold(Ids.FILTERS, Ids.TOGGLE)


GEOGRAPHY = ("region", "subregion", "country", "band")
"""The filters that narrow the places control's places."""


@callback(Output(Ids.PLACES, "options", allow_duplicate=True), Input(Ids.PLACES, "search_value"),
          State(Ids.PLACES, "value"), *(State(CONTROLS[key], "value") for key in GEOGRAPHY),
          prevent_initial_call=True)
def find_places(typed: object, chosen: object, *geography: object) -> list[dict]:
    """The places control's options as the reader types, where it does not list every place (a
    national store): the chosen places and those within the geographic filters whose name holds
    the words typed. The filters are read from their controls, not from the state the page last
    stored, which a change of region typed after at once may not have reached yet. Where every
    place is listed, the options stay as they are."""
    _store, cat = current()
    raw = {key: value for key, value in zip(GEOGRAPHY, geography, strict=True) if isinstance(value, str)}
    state, _problems = parse(raw, cat)
    if within.lists_every_place(cat.places, state):
        raise dash.exceptions.PreventUpdate
    return within.place_matches(cat, state, typed, chosen if isinstance(chosen, list) else [])


def download_links(query: dict) -> list[html.A]:
    """CSV and JSON of the view's rows, straight from the API (so a download is what the API returns),
    in the page's language (the rating and trend words; a link opened elsewhere has no page to follow)."""
    return [html.A(_("Download CSV"), id=Ids.CSV, href=i18n.href(download_url("explore", query, "csv")),
                   className="btn btn-outline-primary me-2", download=""),
            html.A(_("Download JSON"), id=Ids.JSON, href=i18n.href(download_url("explore", query, "json")),
                   className="btn btn-outline-primary me-2", download="")]


@callback(Output(Ids.CSV, "href"), Output(Ids.JSON, "href"), Input(Ids.STATE, "data"),
          prevent_initial_call=True)
def update_downloads(query: dict | None) -> tuple[str, str]:
    return tuple(link.href for link in download_links(query or {}))


table_when_opened(Ids.TABLE_OPEN, Ids.STATE, Ids.TABLE_ASK, Ids.TABLE, Ids.TABLE_DATA)


clientside_callback(
    ClientsideFunction("citySdg", "pushQuery"),
    Output(Ids.URL_SINK, "className"),
    Input(Ids.STATE, "data"),
)
