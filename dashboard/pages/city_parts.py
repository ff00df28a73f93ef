"""The city page's own blocks around its views: the header with index and peers, projects, peer rows."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
from dash import dcc, html

from dashboard.pages.peer_words import SIZE_PEERS, worded
from layouts import bootstrap, breakdowns, i18n, indicator_rows, names, ranking, scores, texts
from layouts.districts import city_districts
from layouts.i18n import N_, _, ngettext
from layouts.place_facts import IndexFacts
from layouts.static_tree import StaticTree
from layouts.tables import data_table, payload, rows_note, table_tree
from layouts.texts import tagged_tree
from layouts.vocabulary import label
from views import city as city_view
from views.params import encode


def peer_sentence(peer_group: str, rank: int, count: int, key: object = None, kind: object = None) -> str:
    """Where the place stands among its peers (places of its kind), as a rank: exact even where
    scores tie (a share "better than" counted the place itself and its ties as beaten). Peers of its
    size are named by their band (`key`), the band explore filters by; a store scored before the
    bands were one names bands of its own, and the sentence then leaves the band unsaid."""
    banded, plain = worded(SIZE_PEERS, kind, (
        N_("Rank {rank} of {count} among cities of its size (population {sizes})."),
        N_("Rank {rank} of {count} among cities of its size.")))
    if peer_group == "un_subregion":
        message = _("Rank {rank} of {count} in its UN subregion.")
    elif key in scores.BAND_WORDS:
        message = _(banded)
    else:
        message = _(plain)
    sizes = scores.band_range(str(key)) if key in scores.BAND_WORDS else ""
    return message.format(rank=i18n.integer(rank), count=i18n.integer(count), sizes=sizes)


PEER_ROWS = 50
"""Peers listed on a city page, live or published; more (a national store) are listed in explore
(live) or in the rankings (published), linked."""
RANKED_IN_REGION = N_("All places ranked: {region}")
"""A published city page's link to the rankings of its region, below its nearest peers."""


def with_said_kind(store, place: pd.Series) -> pd.Series:
    """`place` with `said`, the kind its sentences call it by, where that is its source's own word
    for a country's units (`names.said_kind`: Benin's départements, which the pages called
    regions). Its `kind` stays what picks its peers."""
    word = names.said_kind(place.get("kind"), store.meta)
    if word == place.get("kind"):
        return place
    shown = place.copy()
    shown["said"] = word
    return shown


def said_of(place: pd.Series) -> object:
    """The kind a place's sentences call it by (`with_said_kind`)."""
    return place.get("said", place.get("kind"))


def index_badge(index: IndexFacts) -> str:
    """Why a place has no index, in short: the rule it fails (both: the indicators'), or that none
    of the index's indicators has a score there at all (Benin's départements, whose scored
    indicators are of no SDG goal; Los Angeles, whose indicators have values but no bounds to
    score them by): "too few" said of none misled."""
    if index.available == 0:
        return _("No SDG Index: no indicator of an SDG goal has a score")
    if index.too_few_indicators:
        return _("No SDG Index: too few indicators with a score")
    if index.too_few_goals:
        return _("No SDG Index: too few goals with a score")
    return _("No SDG Index")


def header(place: pd.Series, index: IndexFacts | None, peers: pd.DataFrame,
           year: int | None = None, within: pd.Series | None = None) -> html.Div:
    """The place's name, country, region and population, its index score (of `year`, which it names:
    a page opens on the place's last ranked year, which can be before the map's, and Eritrea's
    "SDG Index 44.9, rank 47 of 51" of 2018 read as the year its map showed it unranked) and rank
    out of the ranked places (only where the coverage rule is met), and where it stands among its
    peers; a district's page names and links the city it is in (`within`): Baltimore's 96
    neighbourhood pages said only "United States · Northern America"."""
    area = place.get("area")  # the department, state or province, where the source names it
    country = None if place.get("kind") == "country" else names.country(place["country_iso3"])  # its name
    facts = [None if pd.isna(area) else str(area), country, names.region(place["un_subregion"])]
    if not pd.isna(place["population"]):
        facts.append(_("population {count}").format(count=i18n.integer(place["population"])))
    badges = []
    if index is not None and index.shown:
        words = (_("SDG Index {score}") if year is None else _("SDG Index {year}: {score}")).format(
            score=i18n.number(index.score, index.digits), year=year)
        badges.append(bootstrap.badge(words, "dark", className="me-2"))
        if index.rank is not None:
            badges.append(bootstrap.badge(ranking.rank_words(index.rank, index.ranked_places),
                                          "secondary", className="me-2"))
    elif index is not None and index.indicators:
        badges.append(html.Span(index_badge(index), className="me-2"))
    for row in peers.itertuples(index=False):
        ranked = index is not None and index.shown and index.rank is not None
        if ranked and (int(row.rank), int(row.n_peers)) == (index.rank, index.ranked_places):
            continue  # its subregion is every ranked place (SDSN's US states): "rank 1 of 50" twice
        badges.append(html.Span([peer_sentence(row.peer_group, int(row.rank), int(row.n_peers),
                                                 getattr(row, "peer_key", None), said_of(place)), " "],
                                className="me-2"))
    published = published_words(index, year)
    said = " · ".join(f for f in facts if f)
    if within is not None:
        city_link = dcc.Link(str(within["name"]), href=i18n.href(f"/city/{within.name}"))
        said = [_("A district of"), " ", city_link, *([" · ", said] if said else [])]
    return html.Div([html.H1(place["name"], className="h3"),
                     html.P(said, className="text-muted"),
                     html.Div(badges, className="mb-2"),
                     *([html.P([published, " ", html.A(_("How this dashboard computes the index"),
                                                       href=i18n.href("/about") + "#methodology")],
                               className="small published-index")] if published else [])])


def published_words(index: IndexFacts | None, year: int | None) -> str | None:
    """What the source itself published as the place's index, beside this dashboard's own: a mayor's
    office that knows SDSN's report (California 55.6, 6th of 50 states) met only the recomputation
    (65.2, 11th), and SDSN's figure, kept in the store, on no page."""
    if index is None or index.published is None:
        return None
    score, rank, ranked, published_year = index.published
    same_score = index.shown and index.score is not None and i18n.number(index.score) == i18n.number(score)
    if same_score and (rank is None or rank == index.rank) and published_year == year:
        return _("The source publishes the same SDG Index.")
    values = {"score": i18n.number(score), "year": published_year, "rank": i18n.integer(rank or 0),
              "count": i18n.integer(ranked)}
    said = (_("The source publishes an SDG Index of {score} for {year}, rank {rank} of {count}.") if rank
            else _("The source publishes an SDG Index of {score} for {year}."))
    parts = [said.format(**values), _("This dashboard recomputes the index from the source's values, by "
                                      "its own methodology, so the two can differ.")]
    if index.published_unranked is not None:  # why the page shows another year than the source's
        available, needed = index.published_unranked
        parts.append(_("For {year}, it gives no index: data for {available} of the {total} indicators of "
                       "the index, under the {required} its rule asks.").format(
            year=published_year, available=i18n.integer(available), total=i18n.integer(needed),
            required=i18n.percent(index.required)))
    return " ".join(parts)


def peer_listing(peers: pd.DataFrame, kind: object = "city", countries: bool | None = None) -> pd.DataFrame:
    """The peers table's visible columns in the reader's language, with each place's link; without a
    country column for peers that are countries (`kind`), which would repeat their names, or when
    `countries` is False: the peers are all of one country (a national store: "Bolivia" 50 times, a
    line of each card on a phone). By default, said by `peers` themselves. Without a population column
    where no peer has one."""
    countries = peers["country_iso3"].nunique(dropna=False) > 1 if countries is None else countries
    country = {} if str(kind) == "country" or not countries else {
        _("Country"): i18n.once_each(peers["country_iso3"], names.country)}
    # no population column of dashes alone (SDSN's US states give none)
    population = {} if pd.to_numeric(peers["population"], errors="coerce").isna().all() else {
        _("Population"): i18n.numbers(peers["population"], 0, None)}
    return pd.DataFrame({
        _("Place"): peers.get("label", peers["name"]), **country, **population,
        _("SDG Index"): peer_scores(peers["score"], peers.get("digits")),
        _("Rank"): i18n.numbers(peers["rank"], 0, None),
        "link": "/city/" + peers["place_id"]}, index=peers.index)


def peer_scores(scores: pd.Series, digits: pd.Series | None = None) -> pd.Series:
    """Peers' index scores (best first, unscored last) with the decimals that tell each from its
    neighbours, as the map's ranked list writes them: Ghana 62.21 and Côte d'Ivoire 62.19 were both
    "62.2" beside their ranks 1 and 2; a peer without a score keeps the table's dash. With `digits`
    (`city.subregion_peers`), those each is written with in its whole ranking, as its page and the
    map write it, rather than among the peers listed."""
    values = scores.to_numpy(dtype="float64", na_value=np.nan)
    known = np.flatnonzero(~np.isnan(values))  # best first: the scored peers come first
    given = None if digits is None else np.asarray(digits, dtype=int)[known]
    texts = ranking.score_texts(values[known], given) if len(known) else []
    shown: list[str | None] = [None] * len(values)  # plain lists: pandas' own steps cost 4 ms a page
    for at, text in zip(known.tolist(), texts, strict=True):
        shown[at] = text
    return pd.Series(shown, index=scores.index, dtype=object)


def projects_link(place_id: str, goal: int, count: int) -> list:
    """How many projects address the goal, linked to them (a static-tree element)."""
    if not count:
        return ["p", {"className": "small"}, _("No project in this data addresses this goal.")]
    words = ngettext("{count} project addresses this goal", "{count} projects address this goal",
                     count).format(count=i18n.integer(count))
    href = i18n.href(f"/projects?place={place_id}&goal={goal}")
    return ["p", {"className": "small"}, ["a", {"href": href}, words]]


def budget_text(usd: object, amount: object, currency: object) -> str:
    """A project's budget in a city's table: in US dollars where it can be, else in its own
    currency (a Bolivian register's 389.000 BOB showed '–', as if it stated none), else '–'."""
    if not i18n.missing(usd):
        return i18n.money(usd, "USD")
    if not i18n.missing(amount):
        return i18n.money(amount, None if i18n.missing(currency) else str(currency))
    return "–"


def project_section(store, place_id: str) -> list:
    wanted = ("title", "goals", "theme", "status", "budget_usd", "budget", "currency", "language")
    columns = indicator_rows.place_project_columns(store, place_id, wanted)
    if not columns["title"]:
        return []
    missing = lambda value: value is None or (not isinstance(value, str) and pd.isna(value))  # noqa: E731
    texts = {  # the cells as `data_table` writes them ('–' where there is nothing), row by row: a
        # city's few projects made as a frame, mapped and formatted cost about 3 ms a page
        _("Project"): ["–" if missing(t) else tagged_tree(str(t), language)
                       for t, language in zip(columns["title"], columns["language"], strict=True)],
        _("Goals"): [i18n.join([n for n in ("" if missing(g) else str(g)).split(";") if n])
                     for g in columns["goals"]],
        _("Theme"): [label("theme", key) or "–" for key in columns["theme"]],
        _("Status"): [label("status", key) or "–" for key in columns["status"]],
        _("Budget"): [budget_text(usd, amount, currency) for usd, amount, currency
                      in zip(columns["budget_usd"], columns["budget"], columns["currency"], strict=True)]}
    # a column no project of the city fills goes: Sucre's eight cards each said "Theme: –"
    texts = {name: cells for n, (name, cells) in enumerate(texts.items())
             if n == 0 or any(cell != "–" for cell in cells)}
    total = len(columns["title"])  # Berlin's 420 made its page 49,556 px tall on a phone: the first ones
    shown = {name: cells[:PROJECT_ROWS] for name, cells in texts.items()}
    table = payload(list(shown), list(shown.values()), _("Projects in this city"),
                    note=rows_note(total, PROJECT_ROWS))
    return [
        html.H2(_("Innovation projects ({count})").format(count=i18n.integer(total)), className="h4 mt-4"),
        StaticTree(tree=table_tree(table)),
        dcc.Link(_("See them on the projects page"), href=i18n.href(f"/projects?place={place_id}")),
    ]


PROJECT_ROWS = 25
"""A city page's projects: as many as a page of the projects list, which has them all."""


def city_of(store, place: pd.Series) -> pd.Series | None:
    """The city a district or ward is in (its parent, a city of the data), else None."""
    places = city_view.context(store).places
    parent = place.get("parent_id")
    if place.get("kind") == "city" or pd.isna(parent) or parent not in places.index:
        return None
    found = places.loc[parent]
    return found if found.get("kind") == "city" else None


LISTED_INDICATORS = 40
"""Indicators a download address names at most; past that it gives all of the place's values."""


class BrokenDown(NamedTuple):
    """A place's indicators with values only broken down (`broken_down`): `alone` when the place has
    no total at all (the page's opening says so), else a section after the indicators."""

    body: list
    alone: bool


def broken_down(store, state: city_view.State) -> BrokenDown:
    """The place's indicators whose values are all broken down (by sex, by mode of travel...) with no
    total for the place, which is what goals are scored from: each as a table. Cape Town's 32 values
    of travel to work, all by mode, were "no data" on 17 tiles and shown nowhere; Los Angeles' four
    indicators without a total (city staff by gender, beaches by station) were left out of its page
    because its other indicators have totals."""
    # the city page's own slice (`PLACE_OBSERVATIONS`, kept by the server): each year as written too
    obs = store.select("observations", indicator_rows.PLACE_OBSERVATIONS, place_id=state.place)
    if obs.empty:
        return BrokenDown([], False)
    split = obs["breakdown"].astype("string").fillna("").str.strip()
    with_total = set(obs.loc[(split == "").to_numpy(bool), "indicator_id"])
    lonely = ~obs["indicator_id"].isin(with_total).to_numpy(bool)
    if not lonely.any():
        return BrokenDown([], False)
    alone = not with_total
    obs, split = obs[lonely], split[lonely]
    dimensions = list(breakdowns.categories(split.drop_duplicates()).columns)  # as its tables head them
    name = city_view.context(store).places.loc[state.place, "name"]
    by = i18n.join([d for d in dimensions if d])
    indicators = list(dict.fromkeys(obs["indicator_id"].astype(str)))
    if alone:
        words = ngettext(
            "{place} has {count} value in this data, broken down by {breakdown} with no total for the place; "
            "goals are scored from a place's totals.",
            "{place} has {count} values in this data, all broken down (by {breakdown}) with no total for the "
            "place; goals are scored from a place's totals.", len(obs)).format(
            place=name, count=i18n.integer(len(obs)), breakdown=by)
        download = "/api/v1/observations.csv" + encode({"place": state.place})
    else:
        words = ngettext(
            "{count} indicator has values for {place} only broken down (by {breakdown}), with no total for "
            "the place: goals are scored from a place's totals, so it has no score and is shown here.",
            "{count} indicators have values for {place} only broken down (by {breakdown}), with no total for "
            "the place: goals are scored from a place's totals, so they have no score and are shown here.",
            len(indicators)).format(place=name, count=i18n.integer(len(indicators)), breakdown=by)
        # named in the address while it stays short (a proxy refuses one of several kB)
        listed = {"indicator": ",".join(indicators)} if len(indicators) <= LISTED_INDICATORS else {}
        download = "/api/v1/observations.csv" + encode({"place": state.place, **listed})
    tables = [data_table(frame, caption, short_cells=True)
              for caption, frame in breakdowns.breakdown_tables(obs, texts.indicator_texts(store))]
    if len(indicators) > breakdowns.MAX_TABLES:
        words += " " + _("The first {shown} are shown as tables; all {count} are in the download.").format(
            shown=i18n.integer(len(tables)), count=i18n.integer(len(indicators)))
    body = [html.P([words, " ", html.A(_("Download these values (CSV)"), href=download)]), *tables]
    if not alone:
        body = [html.Section([html.H2(_("Values without a total"), className="h4 mt-4"), *body],
                             id="without-total")]
    return BrokenDown(body, alone)


def district_links(store, place_id: str) -> list:
    """Links to the pages of the city's districts, folded (Baltimore's 96 neighbourhoods, scored but
    without outlines to map, were on the city's page neither drawn nor named, nor linked)."""
    children = city_districts(store.places, place_id)
    if children.empty:
        return []
    children = children.assign(key=children["name"].map(ranking.folded)).sort_values(["key", "place_id"])
    count = len(children)
    heading = ngettext("The page of its district", "The pages of its {count} districts", count).format(
        count=i18n.integer(count))
    items = [html.Li(dcc.Link(str(name), href=i18n.href(f"/city/{place}")), className="list-inline-item")
             for place, name in zip(children["place_id"].astype(str), children["name"], strict=True)]
    return [html.Details([html.Summary(heading), html.Ul(items, className="list-inline mt-2")],
                         className="district-links mb-3")]
