"""One page per place: its header, goal tiles with ratings, index and peers, the indicators by goal,
the trend of its first indicator, the goal scores beside its nearest peers, its districts and its
projects; the views come from `views.city` through the registry, as on the live city page."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

import pandas as pd

from dashboard.embed.markup import render
from dashboard.pages import own_row
from dashboard.pages.city_parts import (
    PEER_ROWS,
    RANKED_IN_REGION,
    broken_down,
    city_of,
    district_links,
    header,
    peer_listing,
    project_section,
    said_of,
    with_said_kind,
)
from dashboard.pages.peer_words import (
    NEAREST_CAPTIONS,
    NO_PEERS,
    OWN_CAPTIONS,
    OWN_NEAREST_CAPTIONS,
    PEER_CAPTIONS,
    peer_words,
)
from dashboard.static_site.frame import Site, page, rewrite_links, view_section
from dashboard.static_site.output import Output, relative
from layouts import city, i18n, indicator_rows, indicator_tables, names, texts
from layouts.i18n import N_, _, ngettext
from layouts.pillars import pillars_of
from layouts.static_tree import StaticTree
from layouts.tables import paired, table_data, table_tree
from loaders.scoring.peers import peer_kind
from loaders.store import StoreData
from views import city as city_view
from views import registry
from views.base import NotAvailable, View

MAX_PEERS = 3

EXTRACTED = (
    N_("Districts"),
    N_("Indicators by goal"),
    N_("Embed this chart"),
)
"""Words used inside f-strings, where the catalogue's extractor does not look; listed here so
they reach the catalogues."""


def peers_of(store: StoreData, place_id: str, year: int) -> tuple[pd.DataFrame, list[str]]:
    """The place's UN-subregion peers and the (up to three) best ranked of them to compare with."""
    peers = city.peer_table(store, place_id, year)
    if peers.empty:
        return peers, []
    others = peers[(peers["place_id"] != place_id) & peers["rank"].notna()].sort_values("rank")
    return peers, list(others["place_id"].head(MAX_PEERS))


def city_views(store: StoreData, place_id: str, compare: list[str]) -> dict[str, View]:
    """Every view of the city page that the data allows, by embed name."""
    found = {}
    for name, extra in (
        ("city-goals", {}),
        ("city-trend", {}),
        ("city-compare", {"compare": ",".join(compare)} if compare else None),
        ("city-districts", {}),
    ):
        if extra is None:
            continue
        try:
            found[name] = registry.build(name, {"place": place_id, **extra}, store)
        except NotAvailable:
            continue
    return found


def unscored_page(out: Output, site: Site, store: StoreData, place_id: str, here: str) -> None:
    """The page of a place with nothing to score (a store of projects alone), as the app's
    (`pages.city.missing_place`): its name, why, and its projects. The projects page linked to a
    page the export had not written."""
    try:
        registry.build("city-goals", {"place": place_id}, store)
        message = _("This data holds no scores yet.")
    except NotAvailable as error:
        message = str(error)
    name = str(city_view.context(store).places.loc[place_id, "name"])
    parts = [f'<h1 class="h3">{escape(name)}</h1>', f'<p class="alert alert-warning">{escape(message)}</p>']
    count = len(indicator_rows.place_project_columns(store, place_id, ("project_id",))["project_id"])
    if count:
        words = ngettext("{count} project of this place", "{count} projects of this place", count)
        href = "/projects?" + urlencode({"place": place_id})
        parts.append(f'<p><a href="{escape(href)}">{escape(words.format(count=i18n.integer(count)))}</a></p>')
    parts.append(f'<p><a href="/">{escape(_("Back to the map"))}</a></p>')
    out.write(here, page(site, f"city/{place_id}.html", name, rewrite_links(site, here, "".join(parts))))


def city_page(out: Output, site: Site, store: StoreData, place_id: str) -> dict[str, View]:
    file = f"city/{place_id}.html"
    here = site.path(file)
    state, _problems = city_view.parse({"place": place_id}, store)
    place = with_said_kind(store, city_view.context(store).places.loc[place_id])
    peers, compare = peers_of(store, place_id, state.year)
    views = city_views(store, place_id, compare)
    if "city-goals" not in views:
        unscored_page(out, site, store, place_id, here)
        return {}
    peer_rows = store.select("peers", place_id=place_id, year=state.year)
    known = city_view.city_facts(store, state)
    parts = [render(header(place, known.index, peer_rows, state.year, city_of(store, place)))]
    goals = views["city-goals"]
    pillars = [render(tree) for tree in pillars_of(store, place_id, state.year)]
    if not known.goals_scored:  # before 17 empty tiles, as the app's page has them
        parts += pillars
    rows = city_view.indicator_rows(store, place_id, state.year)
    if known.goals_scored or ("goal" in rows and rows["goal"].notna().any()):
        parts.append(view_section(site, here, "city-goals", goals, embed(site, here, "city-goals", place_id)))
    else:  # no indicator of a goal (Benin's départements): the summary, not 17 empty tiles
        parts.append(f'<p class="lead city-summary">{escape(goals.summary)}</p>')
    lonely = broken_down(store, state)
    if lonely.alone:  # Cape Town's, as on the app
        parts += [render(part) for part in lonely.body]
    if known.goals_scored:
        parts += pillars
    if "city-trend" in views:
        parts.append(view_section(site, here, "city-trend", views["city-trend"]))
    parts.append(indicator_sections(store, state))
    if not lonely.alone:  # Los Angeles' indicators without a total, after those with one, as on the app
        parts += [render(part) for part in lonely.body]
    parts.append(f'<h2 class="h4 mt-4">{escape(peers_heading(place))}</h2>')
    if not peers.empty:
        every = city.subregion_peers(store, place["un_subregion"], int(state.year), place["kind"],
                                     city.ranked_whole(store, place_id, state.year))
        parts.append(peers_table(site, here, place, peers, known.index.score if known.index else None,
                                 (every, place_id)))
    else:  # as on the app: the section is there, and says why it lists no one
        words = peer_words(NO_PEERS, said_of(place)).format(
            subregion=names.region(place["un_subregion"]), year=state.year)
        parts.append(f'<p class="small">{escape(words)}</p>')
    if "city-compare" in views:
        parts.append(view_section(site, here, "city-compare", views["city-compare"]))
    links = district_links(store, place_id)
    if "city-districts" in views or links:
        parts.append(f'<h2 class="h4 mt-4">{escape(_("Districts"))}</h2>')
    if "city-districts" in views:
        parts.append(view_section(site, here, "city-districts", views["city-districts"]))
    parts += [render(part) for part in links]  # each district's page, mapped or not
    parts.append(render(project_section(store, place_id)))
    main = rewrite_links(site, here, "".join(parts))  # the header holds the page's one h1
    oembed = site.absolute(site.path(f"oembed/city/{place_id}.json")) or None
    out.write(here, page(site, file, str(place["name"]), main, oembed=oembed))
    return views


def peers_table(site: Site, here: str, place: pd.Series, peers: pd.DataFrame, score: object,
                own: tuple[pd.DataFrame, str] | None = None) -> str:
    """The place's peers, as on the live page: all of them, or in a national store the PEER_ROWS
    nearest its score and a link to its region's rankings. Every one of Bolivia's 339 published
    municipality pages listed its 338 peers: 61,000 px on a phone, and most of the site's size.
    With the place's own row, marked, where the index ranks it among them (`own`: its subregion's
    listing, `city.subregion_peers`, and the place's id)."""
    kind, said = place.get("kind"), said_of(place)
    listed, more = peers, ""
    if len(peers) > PEER_ROWS:
        listed = peers.iloc[city.nearest_positions(peers, score, PEER_ROWS)]
    rows, at = own_row.listed_with(own[0], listed, own[1]) if own is not None else (listed, None)
    named = {"place": place["name"]} if at is not None else {}
    caption = peer_words(OWN_CAPTIONS if named else PEER_CAPTIONS, said).format(**named)
    countries = peers["country_iso3"].nunique(dropna=False) > 1
    if len(peers) > PEER_ROWS:
        caption = peer_words(OWN_NEAREST_CAPTIONS if named else NEAREST_CAPTIONS, said).format(
            shown=i18n.integer(len(listed)), total=i18n.integer(len(peers)), **named)
        if not pd.isna(place.get("un_region")):
            query = urlencode({"region": place["un_region"]})
            link = relative(here, site.path("rankings.html")) + "?" + query
            words = _(RANKED_IN_REGION).format(region=names.region(place["un_region"]))
            more = f'<p class="small"><a href="{escape(link)}">{escape(words)}</a></p>'
    table = table_data(peer_listing(rows, peer_kind(kind), countries), caption, links={_("Place"): "link"})
    return render(StaticTree(tree=table_tree(own_row.marked(paired(table), at)))) + more


def peers_heading(place: pd.Series) -> str:
    return _("Peers in {subregion}").format(subregion=names.region(place["un_subregion"]))


def indicator_sections(store: StoreData, state: city_view.State) -> str:
    rows = indicator_rows.table_rows(store, state.place, state.year)
    parts = [f'<h2 class="h4 mt-4">{escape(_("Indicators by goal"))}</h2>']
    mine = indicator_rows.place_projects(store, state.place)
    target_counts = indicator_rows.target_project_counts(mine)
    tables = indicator_tables.indicator_tables(rows, state.place, target_counts) if len(rows) else {}
    note = texts.language_note(rows["name"], rows["name_language"]) if len(rows) else ""
    if note:  # once, where each name of another language carries only its `lang`
        parts.append(f'<p class="small text-muted">{escape(note)}</p>')
    for goal in indicator_rows.goals_with_rows(rows):  # `tables`' goals, the indicators of no goal last
        # folded shut, as on the live page: Bolivia's 62 indicators, open, were 20,000 px of a phone's
        # page; a goal tile's #goal-N link opens its section (static_site.js)
        parts.append(f'<details class="goal-section mt-2" id="goal-{goal}"><summary><h3 class="h5 d-inline">'
                     f'{escape(indicator_tables.section_label(goal))}</h3></summary>'
                     '<div class="table-responsive">' + render(tables[goal]) + "</div></details>")
    return "".join(parts)


def embed(site: Site, here: str, name: str, place_id: str) -> list[tuple[str, str]]:
    return [(relative(here, site.path(f"embed/{name}/{place_id}.html")), _("Embed this chart"))]
