"""The map, the rankings and the explore selection: each a page whose controls switch between
states built here, every one by the view layer (`views.registry.build`), as the live app builds them."""

from __future__ import annotations

import gzip
import itertools
import json
from html import escape

import pandas as pd

from dashboard.static_site.frame import Site, controls, page, state_file, state_json, view_section
from dashboard.static_site.output import Output, relative
from layouts import names, ranking, scores
from layouts.i18n import N_, _
from layouts.reference import goal_label
from loaders.store import StoreData
from views import map as map_view
from views import registry
from views.base import NotAvailable
from views.explore import allowed as explore_allowed
from views.explore import options as explore_options
from views.explore import state as explore_state

KIND_WORDS = {"places": N_("Places"), "countries": N_("Countries")}

EXTRACTED = (
    N_("Map"),
    N_("This data holds no scores yet."),
    N_("Where places stand on the SDGs"),
    N_("Rankings by goal and region"),
    N_("Explore"),
    N_("Embed this chart"),
)
"""Words used inside f-strings, where the catalogue's extractor does not look; listed here so
they reach the catalogues."""


def goal_words(goal: str) -> str:
    return _("SDG Index") if goal in ("index", "") else goal_label(int(goal))


def write_states(
    out: Output,
    site: Site,
    here: str,
    folder: str,
    targets: list[tuple[str, str]],
    grid: list[tuple[str, list[str]]],
) -> dict:
    """Every combination of the grid's values, each section `target` built as its view `name`, written as
    one small JSON file per combination; returns {file: query} of what was written."""
    written = {}
    keys = [key for key, _values in grid]
    for combination in itertools.product(*(values for _key, values in grid)):
        query = {k: v for k, v in zip(keys, combination, strict=True) if v != ""}
        sections = {}
        for target, name in targets:
            try:
                view = registry.build(name, query, site.store)
            except NotAvailable:
                continue
            sections[target] = state_json(site, here, view, name, target)
        if not sections:
            continue
        file = state_file(list(combination))
        body = '{"sections":{' + ",".join(f"{json.dumps(k)}:{v}" for k, v in sections.items()) + "}}"
        # gzip: a map state is about 45 kB as text and 8 kB compressed; the page's script unpacks it
        out.write(f"{folder}/{file}", gzip.compress(body.encode("utf-8"), compresslevel=9, mtime=0))
        written[file] = query
    return written


def unscored(out: Output, site: Site, name: str, title: str) -> dict:
    """A page of scores for a store that holds none yet (a register of projects alone): it says so,
    as the live page does, so that the menu's links lead somewhere (the export stopped half written)."""
    out.write(site.path(name), page(site, name, title, f'<h1 class="h3">{escape(title)}</h1>'
                                    f"<p>{escape(_('This data holds no scores yet.'))}</p>"))
    return {}


def map_page(out: Output, site: Site, store: StoreData) -> dict:
    here = site.path("index.html")
    ctx = map_view.context(store)
    years = [str(y) for y in ctx.years][-(site.years or 0) :]
    if not years:
        return unscored(out, site, "index.html", _("Map"))
    folder = site.path("states/map")
    by_country = map_view.offers_countries(store)
    # a state's file is named by the form's fields (static_site.js): no countries' view, no field
    grid = [("goal", list(map_view.GOALS)), ("year", years),
            *([("view", list(map_view.KINDS))] if by_country else [])]
    states = write_states(out, site, here, folder, [("map-view", "map")], grid)
    # the year the map opens on, unless the site keeps fewer years than reach back to it
    shown = opening if (opening := str(map_view.opening_year(ctx, {}))) in years else years[-1]
    default = registry.build("map", {"year": shown}, store)
    form = controls(
        "map-view",
        relative(here, folder) + "/",
        [
            ("goal", _("Colour by"), [(g, goal_words(g)) for g in map_view.GOALS], ctx.goal),
            ("year", _("Year"), [(y, y) for y in reversed(years)], shown),
            *([("view", _("Show"), [(k, _(w)) for k, w in KIND_WORDS.items()], "places")]
              if by_country else []),
        ],
    )
    main = (f'<h1 class="h3">{escape(_("Where places stand on the SDGs"))}</h1>'
            + city_search(out, site, store, here) + form
            + view_section(site, here, "map-view", default, embed_links(site, here, "map")))
    out.write(here, page(site, "index.html", default.title, main, oembed=oembed_href(site, "map")))
    return states


def search_listing(places: pd.DataFrame) -> list[dict[str, str]]:
    """`cities.json`: each place's id and its label as the live search labels it: a department
    tells Bolivia's two San Pedros apart (both were "San Pedro, Bolivia", and the box opened the
    first whichever was chosen), and a country is named once ("Ghana", not "Ghana, Ghana")."""
    index = ranking.search_index(places, tuple(places["kind"].dropna().astype(str).unique()))
    return [{"id": str(place), "label": str(label)}
            for place, label in zip(index["place_id"], index["label"], strict=True)]


def city_search(out: Output, site: Site, store: StoreData, here: str) -> str:
    """"Find your city" (region, country: `ranking.search_label`): a box that suggests the names
    of the places with a page as the reader types and opens the one chosen (static_site.js). The
    names come from `cities.json`, read when the box is first used, so the map page is no heavier
    with 10,000 places."""
    if not site.cities:
        return ""
    listing = site.path("cities.json")
    places = store.places[store.places["place_id"].isin(list(site.cities))].sort_values("name")
    out.write(listing, json.dumps(search_listing(places), ensure_ascii=False, separators=(",", ":")))
    hint = _("Type a place's name and choose it from the list to open its page.")
    several = _("Several places have this name: choose one from the list.")
    found = names.example_place(places)
    example = _("e.g. {place}").format(place=found) if found else ""
    return (
        f'<form class="city-search mb-3" role="search" data-source="{escape(relative(here, listing))}" '
        f'data-pages="{escape(relative(here, site.path("city")))}/">'
        f'<label class="form-label fw-semibold" for="find-city">'
        f'{escape(ranking.search_label(scores.mapped_kinds(store)[0]))}</label>'
        f'<input class="form-control" id="find-city" name="city" type="search" list="city-names" '
        f'autocomplete="off" placeholder="{escape(example)}" aria-describedby="find-city-hint">'
        f'<datalist id="city-names"></datalist>'
        f'<p class="small text-muted mb-0" id="find-city-hint" aria-live="polite" '
        f'data-several="{escape(several)}">{escape(hint)}</p></form>'
    )


def rankings_page(out: Output, site: Site, store: StoreData) -> dict:
    """Rankings of places per goal and by UN region, for the year the map opens on
    (`scores.opening_year`)."""
    here = site.path("rankings.html")
    cat = explore_state.context(store)
    if not cat.years:
        return unscored(out, site, "rankings.html", _("Rankings by goal and region"))
    goals = explore_allowed.goals(cat, {})
    regions = [o["value"] for o in explore_options.region_options(cat.places) if o["value"]]
    folder = site.path("states/rankings")
    grid = [("goal", ["", *goals]), ("region", ["", *regions])]
    states = write_states(out, site, here, folder, [("ranking-view", "ranking")], grid)
    default = registry.build("ranking", {}, store)
    form = controls(
        "ranking-view",
        relative(here, folder) + "/",
        [
            ("goal", _("Goal"), [("", _("SDG Index")), *((g, goal_words(g)) for g in goals)], ""),
            (
                "region",
                _("UN region"),
                [("", _("All regions")), *((r, names.region(r)) for r in regions)],
                "",
            ),
        ],
    )
    main = f'<h1 class="h3">{escape(_("Rankings by goal and region"))}</h1>{form}' + view_section(
        site, here, "ranking-view", default, embed_links(site, here, "ranking")
    )
    out.write(here, page(site, "rankings.html", default.title, main, oembed=oembed_href(site, "ranking")))
    return states


def explore_page(out: Output, site: Site, store: StoreData) -> dict:
    """Explore's four charts at their defaults; its free combinations are the live dashboard's."""
    here = site.path("explore.html")
    if not explore_state.context(store).years:
        return unscored(out, site, "explore.html", _("Explore"))
    folder = site.path("states/explore")
    offered = explore_state.offered_views(explore_state.context(store))  # a scatter needs two indicators
    kinds = [kind for kind in registry.EXPLORE_VIEWS if kind in offered]
    states = {}
    for kind in kinds:
        states.update(write_states(out, site, here, folder, [("explore-view", kind)], [("view", [kind])]))
    opening = registry.opening_explore_view(store)  # as the live page: one place opens on its trend
    default = registry.build(opening, {}, store)
    words = {
        "ranking": _("Ranking"),
        "scatter": _("Scatter"),
        "distribution": _("Distribution"),
        "trend": _("Trend"),
    }
    form = controls(
        "explore-view",
        relative(here, folder) + "/",
        [("view", _("Chart"), [(k, words[k]) for k in kinds], opening)],
    )
    note = _(
        "This published copy offers a pre-built selection of charts. Choosing any goal, indicator, "
        "place, year or region together is possible on the live dashboard."
    )
    main = (
        f'<h1 class="h3">{escape(_("Explore"))}</h1><p class="alert alert-secondary">{escape(note)}</p>'
        f"{form}" + view_section(site, here, "explore-view", default, embed_links(site, here, opening))
    )
    out.write(here, page(site, "explore.html", _("Explore"), main, oembed=oembed_href(site, opening)))
    return states


def embed_links(site: Site, here: str, name: str) -> list[tuple[str, str]]:
    return [(relative(here, site.path(f"embed/{name}.html")), _("Embed this chart"))]


def oembed_href(site: Site, name: str) -> str | None:
    return site.absolute(site.path(f"oembed/{name}.json")) or None
