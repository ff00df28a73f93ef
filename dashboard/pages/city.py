"""The city profile: goal tiles, index and peers, every indicator with its trend, districts, projects."""

from __future__ import annotations

from urllib.parse import unquote

import dash
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, dcc, html

from dashboard import data
from dashboard.cache import state_pairs, view_answer
from dashboard.chrome import PAGE_ROWS, heading_parts, page_messages, table_of, tagged, view_card
from dashboard.embed.dialog import embed_button
from dashboard.pages import own_row
from dashboard.pages.city_parts import (
    PEER_ROWS,
    broken_down,
    city_of,
    district_links,
    header,
    peer_listing,
    project_section,
    projects_link,
    said_of,
    with_said_kind,
)
from dashboard.pages.peer_words import (
    ALL_PEERS,
    NEAREST_CAPTIONS,
    NO_PEERS,
    OFFERED_PEERS,
    OWN_CAPTIONS,
    OWN_NEAREST_CAPTIONS,
    PEER_CAPTIONS,
    peer_words,
)
from dashboard.widgets import Select, checklist
from layouts import bootstrap, city, design, i18n, indicator_rows, indicator_tables, names, summaries, texts
from layouts.echo import said
from layouts.i18n import _, ngettext
from layouts.pillars import pillars_of
from layouts.static_tree import StaticTree
from layouts.tables import paired, payload_rows, table_data
from loaders.scoring.peers import peer_kind
from views import city as city_view
from views.base import NotAvailable, View
from views.params import encode


def page_title(place_id: str | None = None) -> str:
    """The browser tab's title: the place's name when the path names a known place."""
    places = city_view.context(data.current()).places
    if place_id in places.index:
        return _("City SDG Dashboard: {place}").format(place=places.loc[place_id, "name"])
    return _("City SDG Dashboard: city profile")


dash.register_page(__name__, path_template="/city/<place_id>", title=page_title, name="City")


GOALS_HEADING = "city-goals-heading"
"""The goals' heading, which names their Embed button (no callback names it: not among `Ids`,
which the validation layout holds every one of)."""


class Ids:
    INDICATOR = "city-indicator"
    INDICATOR_LANGUAGE = "city-indicator-language"
    TREND = "city-trend"
    TREND_TITLE = "city-trend-title"
    TREND_SUMMARY = "city-trend-summary"
    TREND_TABLE = "city-trend-table"
    COMPARE = "city-compare"
    COMPARE_OUT = "city-compare-out"
    YEAR = "city-year"
    STATE = "city-state"
    URL_SINK = "city-url-sink"
    PEERS = "city-peers"
    PEER_DATA = "city-peer-data"
    GOAL_SECTIONS = "city-goal-sections"
    GOAL_ASK = "city-goal-ask"
    GOAL_ANSWER = "city-goal-answer"


def missing_place(store, place_id: str | None, message: str | None = None) -> html.Div:
    """A page for a place this data does not have, or (`message`, why) has nothing to score: its
    name and its projects where it has some (Berlin's store of 420 projects and no score said only
    "This data holds no scores yet")."""
    known = message is not None
    message = message or _("There is no place '{place}' in this data. Choose one on the map.").format(
        place=said(place_id))
    parts = [page_messages(store, [])]
    if known:
        parts.append(html.H1(city_view.context(store).places.loc[place_id, "name"], className="h3"))
    parts.append(bootstrap.alert(message, "warning"))
    count = len(indicator_rows.place_project_columns(store, place_id, ("project_id",))["project_id"]) \
        if known else 0
    if count:
        words = ngettext("{count} project of this place", "{count} projects of this place", count)
        parts.append(html.P(dcc.Link(words.format(count=i18n.integer(count)),
                                     href=i18n.href("/projects" + encode({"place": place_id})))))
    parts.append(dcc.Link(_("Back to the map"), href=i18n.href("/")))
    return html.Div(parts)


def trend_section(store, state: city_view.State, rows: pd.DataFrame) -> list:
    if rows.empty:
        return []
    view = city_view.trend(store, state)
    options = [texts.tagged_option(n, i, lang) for i, n, lang in zip(
        rows["indicator_id"], rows["name"], rows["name_language"], strict=True)]
    note = texts.language_note(rows["name"], rows["name_language"])
    return [html.H2(_("One indicator over time"), className="h4 mt-4"),
            bootstrap.label(_("Indicator"), Ids.INDICATOR),
            *([html.P(note, id=Ids.INDICATOR_LANGUAGE, className="small text-muted mb-1")] if note else []),
            Select(id=Ids.INDICATOR, options=options, className="form-select mb-2",
                   value=state.indicator or rows["indicator_id"].iloc[0],
                   **({"aria-describedby": Ids.INDICATOR_LANGUAGE} if note else {})),
            view_card(view, "city-trend", Ids.TREND, Ids.TREND_TITLE, Ids.TREND_SUMMARY, Ids.TREND_TABLE,
                      tag="h3")]


def district_section(store, state: city_view.State) -> list:
    """The districts on a map where they have outlines, and links to each district's page. The map
    is drawn for its default indicator: the page's `indicator` is its trend's, which the districts
    may have no value of."""
    try:
        default = city_view.State(state.place, state.year)
        shown = [view_card(city_view.districts(store, default), "city-districts", tag="h3")]
    except NotAvailable:
        shown = []
    links = district_links(store, state.place)
    return [html.H2(_("Districts"), className="h4 mt-4"), *shown, *links] if shown or links else []


ANSWER_WAIT_MS = 20_000
"""How long a page waits for a goal's table before it offers to ask again (assets/tables.js): at
10,000 places an answer takes about a tenth of a second, so this is a failed one."""
WAITING = "goal-table-waiting"
"""The class of a goal section's "Loading" line, which its table replaces (assets/tables.js asks
for the open sections that still have it)."""


def indicator_sections(store, state: city_view.State, rows: pd.DataFrame, counts: dict[int, int],
                       reasons: dict[int, tuple[str, str]]) -> list:
    """Each goal's indicators in a section that opens (closed at first, so a phone is not 14,000 px
    tall), headed by the goal and why it has its rating; one StaticTree, as the renderer costs
    grow with components. The tables are not in it: a section's table is asked for when it opens,
    by a click, a key or a goal tile's link (assets/tables.js), and put into the tree in place of
    its "Loading" line (`goal_tables_answer`, then `citySdg.goalTables`): a page drew 17 tables
    of up to 100 rows each that most readers never open."""
    goals = indicator_rows.goals_with_rows(rows)
    if not goals:  # no heading over nothing, no "Open a goal" with no goal to open
        return []
    sections: list = [
        ["h2", {"className": "h4 mt-4"}, _("Indicators by goal")],
        ["p", {"className": "small text-muted"}, _(
            "Open a goal to see its indicators: value, rating, the score's trend and which way "
            "the value itself went.")]]
    note = texts.language_note(rows["name"], rows["name_language"])
    if note:
        sections.append(["p", {"className": "small text-muted"}, note])
    for goal in goals:
        why = reasons.get(goal, ("", ""))[1]
        body = ["div", {"className": "goal-section-body"}]
        if why:
            body.append(["p", {"className": "why-rating"}, why])
        waiting = ["p", {"className": f"small text-muted {WAITING}"}, _("Loading the indicators…")]
        if goal != indicator_rows.OTHER:  # projects address goals; an indicator of no goal has none
            body.append(projects_link(state.place, goal, counts.get(goal, 0)))
        body.append(["div", {"className": "goal-table"}, waiting])
        section = {"id": f"goal-{goal}", "className": "goal-section", "data-goal": str(goal)}
        heading = ["h3", {}, indicator_tables.section_label(goal)]
        sections.append(["details", section, ["summary", {}, heading], body])
    asks = {"data-ask": Ids.GOAL_ASK, "data-place": state.place, "data-year": str(state.year),
            "data-wait": str(ANSWER_WAIT_MS), "data-failed": _("The indicators could not be loaded."),
            "data-retry": _("Try again")}
    return [StaticTree(id=Ids.GOAL_SECTIONS, tree=["div", asks, *sections]),
            dcc.Store(id=Ids.GOAL_ASK), dcc.Store(id=Ids.GOAL_ANSWER)]


def compare_card(store, state: city_view.State):
    return view_card(city_view.compare(store, state), "city-compare", tag="h3") if state.compare else None


SHARED_LISTING = 2 * PEER_ROWS
"""A subregion of at most this many cities has its peers' table formatted once per year and language,
each of its pages taking its rows from it; a bigger one (a national store's: thousands) formats the
PEER_ROWS a page lists, so that no worker keeps thousands of formatted rows per year and language."""


def peer_data(store, subregion: object, year: int, listed: pd.DataFrame, caption: str,
              kind: object = "city", whole: bool = False, own: str | None = None) -> dict:
    """The peers table's data (`listed`: rows of `city.peer_table`, places of `kind`'s peer group,
    wholes of ranked places where `whole`, as `city.subregion_peers`), with the row of the place
    `own` among them, marked as its own, where the index ranks it among them."""
    links = {_("Place"): "link"}
    every = city.subregion_peers(store, subregion, int(year), kind, whole)
    countries = store.kept("peer-countries", (str(subregion), int(year), peer_kind(kind), whole),
                           lambda: every["country_iso3"].nunique(dropna=False) > 1)  # once, not per page
    if len(every) > SHARED_LISTING:
        rows, at = own_row.listed_with(every, listed, own) if own is not None else (listed, None)
        listing = peer_listing(rows, peer_kind(kind), countries)
        return own_row.marked(paired(table_data(listing, caption, links=links, max_rows=PAGE_ROWS)), at)
    full = store.kept("peer-listing", (str(subregion), int(year), peer_kind(kind), whole, i18n.language()),
                      lambda: {**table_data(peer_listing(every, peer_kind(kind), countries), "", links=links),
                               "at": {str(p): i for i, p in enumerate(every["place_id"])}}, limit=64)
    ids = listed["place_id"].astype(str).tolist()
    positions, at = own_row.positions_with(full["at"], ids, own) if own is not None else (
        [full["at"][p] for p in ids if p in full["at"]], None)
    return own_row.marked(paired(payload_rows(full, positions, caption, max_rows=PAGE_ROWS)), at)


def offered_labels(places: pd.DataFrame, offered: list[str]) -> dict[str, str]:
    """How the comparison's choices are named (`places`: by place id): by name alone when no two
    share one (the common case, looked up, not a frame of the places made and compared: 1 ms of
    every city page), else as `names.place_labels` tells them apart."""
    named = places["name"]
    plain = [named.get(place) for place in offered]
    if all(isinstance(name, str) for name in plain) and len(set(plain)) == len(plain):
        return dict(zip(offered, plain, strict=True))
    return names.place_labels(places.loc[offered]).to_dict()


def peer_section(store, state: city_view.State, place: pd.Series, score: object = None) -> list:
    """The city's peers as a table drawn in the browser (all of them, or in a national store the
    PEER_ROWS nearest the city's `score`, with a link to all of them in explore), and the peers
    nearest in score offered for a side-by-side comparison."""
    peers = city.peer_table(store, state.place, state.year)
    heading = html.H2(_("Peers in {subregion}").format(subregion=names.region(place["un_subregion"])),
                      className="h4 mt-4")
    if peers.empty and not state.compare:  # a store of one city: no table of headers over nothing
        return [heading, html.P(peer_words(NO_PEERS, said_of(place)).format(
                    subregion=names.region(place["un_subregion"]), year=state.year), className="small"),
                html.Div(id=Ids.PEERS), dcc.Store(id=Ids.PEER_DATA),
                html.Fieldset(checklist(id=Ids.COMPARE, value=[], options=[]), hidden=True),
                html.Div(id=Ids.COMPARE_OUT)]
    places = city_view.context(store).places
    others = city.nearest_peers(peers, score) if len(peers) else []
    others += [p for p in state.compare if p not in others]
    labels = offered_labels(places, others)
    kind = said_of(place)
    offered = ([html.P(peer_words(OFFERED_PEERS, kind).format(
                   count=i18n.integer(city.COMPARE_CHOICES)), className="small text-muted mb-1")]
               if len(peers) > city.COMPARE_CHOICES else [])
    whole = city.ranked_whole(store, state.place, state.year)
    # the place's own row among them, where the index ranks it (the captions still count its peers)
    own = own_row.ranked_among(city.subregion_peers(store, place["un_subregion"], int(state.year),
                                                    place["kind"], whole), state.place)
    named = {"place": place["name"]} if own else {}
    caption = peer_words(OWN_CAPTIONS if own else PEER_CAPTIONS, kind).format(**named)
    listed, more = peers, []
    if len(peers) > PEER_ROWS:  # a subregion of a national store: thousands of rows, 100,000 px on a phone
        listed = peers.iloc[city.nearest_positions(peers, score, PEER_ROWS)]
        caption = peer_words(OWN_NEAREST_CAPTIONS if own else NEAREST_CAPTIONS, kind).format(
            shown=i18n.integer(len(listed)), total=i18n.integer(len(peers)), **named)
        where = encode({"view": "table", "subregion": place["un_subregion"], "year": state.year})
        # every one of them, the place too where it is ranked: Explore's table lists it
        everyone = i18n.integer(len(peers) + (1 if own else 0))
        more = [html.P(dcc.Link(peer_words(ALL_PEERS, kind).format(total=everyone),
                                href=i18n.href("/explore" + where)), className="small")]
    return [
        heading,
        html.Div(id=Ids.PEERS),  # drawn in the browser from the data beside it (assets/tables.js)
        dcc.Store(id=Ids.PEER_DATA,
                  data=peer_data(store, place["un_subregion"], state.year, listed, caption, place["kind"],
                                 whole, state.place if own else None)),
        *more,
        html.Fieldset([
            html.Legend(_("Compare side by side with (up to 3)"), className="form-label fs-6 mb-1"), *offered,
            checklist(id=Ids.COMPARE, value=list(state.compare), inline=True,
                          options=[{"label": labels[p], "value": p} for p in others])]),
        html.Div(compare_card(store, state), id=Ids.COMPARE_OUT, className="mt-2"),
    ]


def layout(place_id: str | None = None, **query: str) -> html.Div:
    if place_id is None:  # Dash's validation layout: every component the callbacks name
        return validation_layout()
    store = data.current()
    place_id = unquote(place_id)  # Dash passes the path as typed: '/city/potos%C3%AD' names 'potosí'
    state, problems = city_view.parse({**query, "place": place_id}, store)
    # the state read, not the address: ?year=02021 and ?year=2020-21 are ?year=2021's page, built once
    key = [("place", place_id), *state_pairs(state), *(("problem", text) for text in problems)]
    return view_answer("city-page", store.version, key,
                       lambda: page(store, place_id, query, (state, problems)))


def validation_layout() -> html.Div:
    """What Dash checks the page's callbacks against (asked once, at the server's first request, and
    sent to every browser): every component the callbacks name, empty. It was the first city's page,
    which held them only when that city had scores: a store whose first city had none (Cape Town's
    values with no bounds, a gazetteer of cities with no data) sent a page without them, and every
    browser reported "ID not found in layout" for the trend and goal tables; and one data fault on
    that page (an index read twice) failed the server's first request (/healthz answered 500)."""
    empty = View("", "", None, "/", figure=design.figure([], {}))
    return html.Div([
        Select(id=Ids.INDICATOR, options=[]), html.P(id=Ids.INDICATOR_LANGUAGE),
        view_card(empty, "city-trend", Ids.TREND, Ids.TREND_TITLE, Ids.TREND_SUMMARY, Ids.TREND_TABLE,
                  tag="h3"),
        html.Div(id=Ids.PEERS), dcc.Store(id=Ids.PEER_DATA), checklist(id=Ids.COMPARE, value=[], options=[]),
        html.Div(id=Ids.COMPARE_OUT), StaticTree(id=Ids.GOAL_SECTIONS, tree=["div", {}]),
        dcc.Store(id=Ids.GOAL_ASK), dcc.Store(id=Ids.GOAL_ANSWER), dcc.Store(id=Ids.YEAR),
        dcc.Store(id=Ids.STATE), html.Div(id=Ids.URL_SINK, hidden=True),
    ])


def page(store, place_id: str | None, query: dict, read: tuple | None = None) -> html.Div:
    """The city page for one place and query (`read`: its state and problems, read already)."""
    return built(store, place_id, *(read or city_view.parse({**query, "place": place_id}, store)))


def built(store, place_id: str | None, state: city_view.State, problems: list[str]) -> html.Div:
    """The city page for one place and the state read from its address, with the problems found in
    it (cached by data version, language, state and problems: `layout`)."""
    try:
        city_view.place_row(store, state)
    except NotAvailable as reason:
        return missing_place(store, place_id, None if place_id not in city_view.context(store).places.index
                             else str(reason))
    place = with_said_kind(store, city_view.context(store).places.loc[state.place])
    rows = city_view.indicator_rows(store, state.place, state.year)
    counts = city_view.project_goal_counts(store, state.place)
    goal_rows = city_view.goal_rows(store, state.place, state.year)  # read once for the parts below
    known = city_view.city_facts(store, state, goal_rows)
    reasons = city_view.reasons(store, state, goal_rows, indicators=rows)
    goals = city_view.goals(store, state, known, reasons, counts, goal_rows, tiles_only=True)
    peer_rows = store.select("peers", place_id=state.place, year=state.year)
    pillars = pillars_of(store, state.place, state.year)
    first = pillars if not known.goals_scored else []  # before 17 empty tiles (a phone's two screens)
    tiles = [html.Div([html.H2(bootstrap.unbroken(summaries.goals_heading(state.year, known.values)),
                               className="h4 me-auto", id=GOALS_HEADING),
                       embed_button("city-goals", GOALS_HEADING)],
                      className="d-flex align-items-start gap-2"),
             goals.body] if city_view.goals_shown(known, rows) else []
    lonely = broken_down(store, state)
    return html.Div([
        page_messages(store, problems),
        header(place, known.index, peer_rows, state.year, city_of(store, place)),
        html.P(bootstrap.unbroken(goals.summary), className="lead city-summary"),
        *opening_link(store, state, known),
        *(lonely.body if lonely.alone else []), *first,
        *tiles, *(pillars if not first else []),
        *trend_section(store, state, rows), *district_section(store, state),
        *indicator_sections(store, state, rows, counts, reasons), *([] if lonely.alone else lonely.body),
        *project_section(store, state.place),
        *peer_section(store, state, place, known.index.score if known.index is not None else None),
        dcc.Store(id=Ids.YEAR, data={"place_id": state.place, "year": state.year}),
        dcc.Store(id=Ids.STATE, data=city_view.query(state, store)),
        html.Div(id=Ids.URL_SINK, hidden=True),
    ])


def opening_link(store, state: city_view.State, known) -> list:
    """A link to the year the place's page opens on, when the page's year has no goal score; for a
    country without scores of its own, a link to its places in Explore (a reader who followed a
    country's name found 17 empty tiles and no way on)."""
    place = city_view.context(store).places.loc[state.place] if known.opening is None else None
    if place is not None and not known.goals_scored and place.get("kind") == "country":
        mapped = city_view.context(store).places.loc[city_view.context(store).mapped]
        inside = int((mapped["country_iso3"] == place["country_iso3"]).sum())
        if inside:
            where = encode({"view": "table", "country": place["country_iso3"]})
            words = _("{country} is a country: see its cities and districts in Explore")
            return [html.P(dcc.Link(words.format(country=place["name"]), href=i18n.href("/explore" + where)))]
    if known.goals_scored or known.opening is None or known.opening == state.year:
        return []
    path = city_view.full_path(city_view.State(state.place, known.opening), store)
    return [html.P(dcc.Link(_("See {place} in {year}").format(place=known.place, year=known.opening),
                            href=i18n.href(path)))]


def chosen(context: dict, indicator: str | None, compare: list[str] | None):
    """The page's state from its controls, checked as the URL would be."""
    store = data.current()
    raw = {"place": context["place_id"], "year": context["year"], "indicator": indicator or "",
           "compare": ",".join((compare or [])[: city_view.MAX_COMPARE])}
    return store, city_view.parse(raw, store)[0]


@callback(Output(Ids.TREND_TITLE, "children"), Output(Ids.TREND, "figure"),
          Output(Ids.TREND_SUMMARY, "children"), Output(Ids.TREND_TABLE, "children"),
          Output(Ids.STATE, "data"),
          Input(Ids.INDICATOR, "value"), State(Ids.COMPARE, "value"), State(Ids.YEAR, "data"),
          prevent_initial_call=True)
def update_trend(indicator_id: str, compare: list[str] | None, context: dict):
    store, state = chosen(context, indicator_id, compare)
    view = city_view.trend(store, state)
    return (heading_parts(view, Ids.TREND_TITLE, tag="h3"), view.figure, tagged(view.summary, view.languages),
            table_of(view.table), city_view.query(state, store))


@callback(Output(Ids.COMPARE_OUT, "children"), Output(Ids.STATE, "data", allow_duplicate=True),
          Input(Ids.COMPARE, "value"), State(Ids.INDICATOR, "value"), State(Ids.YEAR, "data"),
          prevent_initial_call=True)
def update_compare(compare: list[str] | None, indicator_id: str | None, context: dict):
    store, state = chosen(context, indicator_id, compare)
    return compare_card(store, state), city_view.query(state, store)


def integer(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def goal_tables_answer(asked: object) -> dict:
    """The indicator tables of the goals a page asks for (`asked`: {"goals", "place", "year"}), as
    static trees by goal number, with the place and year they are of: the page puts them in only
    while it still shows that place and year (an answer may arrive after a link was followed). Each
    table is cached like the page. Anything else a request may carry gets no table, or a short
    message in place of one, not an error."""
    asked = asked if isinstance(asked, dict) else {}
    place, year, goals = asked.get("place"), integer(asked.get("year")), asked.get("goals")
    place = place if isinstance(place, str) and len(place) <= 200 else None
    answer = {"place": place, "year": year, "tables": {}}
    if place is None or year is None or not isinstance(goals, list):
        return answer
    wanted = sorted({goal for goal in goals[:18] if integer(goal) in range(indicator_rows.OTHER, 18)})
    store = data.current()
    state = city_view.parse({"place": place, "year": year}, store)[0]
    try:
        city_view.place_row(store, state)
        known = (state.place, state.year) == (place, year)
    except NotAvailable:
        known = False
    for goal in wanted:
        if not known:  # a request no page of this version sends: its words are not echoed
            said = _("This table is not available for this place and year.")
        else:
            key = [("place", state.place), ("year", state.year), ("goal", goal)]
            table = view_answer("city-goal-table", store.version, key,
                                lambda goal=goal: city_view.goal_table(store, state, goal))
            said = table.tree if table is not None else _(
                "No indicator of this goal has a value up to {year}.").format(year=year)
        answer["tables"][str(goal)] = said if isinstance(said, list) else ["p", {"className": "small"}, said]
    return answer


@callback(Output(Ids.GOAL_ANSWER, "data"), Input(Ids.GOAL_ASK, "data"), prevent_initial_call=True)
def send_goal_tables(asked: object) -> dict:
    return goal_tables_answer(asked)


clientside_callback(
    ClientsideFunction("citySdg", "goalTables"),
    Output(Ids.GOAL_SECTIONS, "tree"),
    Input(Ids.GOAL_ANSWER, "data"), State(Ids.GOAL_SECTIONS, "tree"), State(Ids.YEAR, "data"),
    prevent_initial_call=True,
)


clientside_callback(
    ClientsideFunction("citySdg", "pushQuery"),
    Output(Ids.URL_SINK, "className"),
    Input(Ids.STATE, "data"),
)



clientside_callback(
    ClientsideFunction("citySdg", "table"),
    Output(Ids.PEERS, "children"),
    Input(Ids.PEER_DATA, "data"),
)
