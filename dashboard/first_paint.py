"""Something to read before any script runs: the default view of a page, drawn by the server into
the first HTML response, inside Dash's loading area, which React replaces when the app starts.

A reader with JavaScript off, or on a phone too weak for plotly, still sees the map (an SVG),
the title, the summary sentence and a link to the data table. Pictures are cached per data
version, language and URL.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from urllib.parse import urlencode

import dash
import plotly.graph_objects as go
from flask import request

from dashboard import data, routing
from dashboard.delivery import files, worker
from dashboard.embed.markup import render, unbroken
from dashboard.paths import ASSETS_DIR
from layouts import i18n, maps, static_svg
from layouts.design import TOPOJSON_URL
from layouts.i18n import _
from views import city as city_view
from views import map as map_view
from views import registry
from views.base import NotAvailable


@dataclass
class FirstPaint:
    """What the first response shows of a page: its default view's words and picture."""

    title: str
    summary: str
    figure: go.Figure | None = None
    body: object = None  # a Dash component drawn as HTML (the city's goal tiles)
    table_link: str | None = None


PAGE_VIEWS = {"/": "map", "/city/": "city-goals", "/explore": "ranking", "/projects": "projects-map"}
"""The pages that draw their default view into the first response, and which view that is (explore
draws the chart its `view` parameter asks for)."""


def default_view(path: str, query: dict[str, str]) -> FirstPaint | None:
    """The view a URL shows first, from the view layer (the same View its page and embed draw);
    None where no picture is drawn yet."""
    store = data.current()
    name, raw = PAGE_VIEWS.get(path), dict(query)
    if name is None and path.startswith("/city/"):
        name, raw = PAGE_VIEWS["/city/"], {**query, "place": path.removeprefix("/city/").strip("/")}
    if name is None:
        return None
    if path == "/explore":  # the chart the page opens on, or the one its address asks for
        asked = query.get("view")
        name = asked if asked in registry.EXPLORE_VIEWS else registry.opening_explore_view(store)
    try:
        shown = registry.build(name, raw, store)
        if name == PAGE_VIEWS["/city/"] and not city_goals_shown(store, raw):
            return None  # the page shows no tiles (Benin's départements): nor does its first picture
    except NotAvailable:
        return None
    return FirstPaint(shown.title, shown.summary, shown.figure, body=shown.body,
                      table_link=embed_link(f"/embed/{name}", raw))


def city_goals_shown(store, raw: dict[str, str]) -> bool:
    """`views.city.goals_shown` for the city page an address asks for."""
    state, _problems = city_view.parse(raw, store)
    return city_view.goals_shown(city_view.city_facts(store, state),
                                 city_view.indicator_rows(store, state.place, state.year))


def embed_link(path: str, query: dict[str, str]) -> str:
    """The embed of the same view, whose data table is plain HTML (no script needed)."""
    return f"{path}?{urlencode({**query, 'lang': i18n.language()})}#embed-data"


@lru_cache(maxsize=2)
def topology(name: str = "world_110m") -> dict:
    """One of plotly's topologies served with the app: the world's, or the USA's ("usa_110m")."""
    return json.loads((ASSETS_DIR / "topojson" / f"{name}.json").read_text(encoding="utf-8"))


def picture(paint: FirstPaint) -> str:
    """The view as plain HTML: heading, SVG map or bars or HTML tiles, summary and a link to the table."""
    parts = [f'<h1 class="h4">{unbroken(paint.title)}</h1>']
    drawn = static_svg.picture(paint.figure, paint.title, paint.summary, topology(), usa=topology("usa_110m"))
    if drawn:
        parts.append(f'<div class="first-paint-figure" style="max-width:960px">{drawn}</div>')
    if paint.body is not None:
        parts.append(render(paint.body))
    parts.append(f'<p class="lead">{unbroken(paint.summary)}</p>')
    if paint.table_link:
        parts.append(f'<p><a href="{escape(paint.table_link)}">{escape(_("Data table"))}</a></p>')
    return "".join(parts)


@lru_cache(maxsize=256)
def _cached(version: str, language: str, path: str, query: tuple) -> str:
    paint = default_view(path, dict(query))
    if paint is None:
        return ""
    brand = escape(_("City SDG Dashboard"))
    return (f'<div class="first-paint container-fluid" data-version="{escape(version)}">'
            f'<p class="py-2 mb-2 border-bottom"><a href="{escape(i18n.href("/"))}">{brand}</a></p>'
            f'<main>{picture(paint)}</main></div>')


def forget() -> None:
    """Let go of the pictures drawn so far (the server's master, when it opens a new version)."""
    _cached.cache_clear()


def first_paint_html(path: str, query: dict[str, str]) -> str:
    """The picture for this URL in the request's language, from the current data version."""
    store = data.current()
    return _cached(str(store.version), i18n.language(), path, tuple(sorted(query.items())))


GEO_PAGES = ("/", "/projects")
"""Pages whose default view is a world map: plotly asks for the topology only after every script
has run and the layout has come; fetched alongside the scripts instead, it is there when needed."""
PLOTLY_PATH = "_dash-component-suites/plotly/package_data/plotly.min.js"
"""Where dcc.Graph loads plotly.js from when the page has none (Dash's renderer names this address;
`delivery/serve.py` answers it with the partial bundle)."""

PLOTLY_LOADER = (
    "(function(w,d){if(w.Plotly)return;var q=[];"
    "function settle(i,v){var p=q;q=null;for(var k=0;k<p.length;k++)p[k][i](v);}"
    "w.Plotly={then:function(ok,fail){if(q)q.push([ok,fail]);else ok(w.Plotly);}};"
    "function run(urls){var s=d.createElement('script');s.src=urls[0];"
    "s.onload=function(){settle(0,w.Plotly);};"
    "s.onerror=function(e){s.remove();if(urls.length>1){run(urls.slice(1));return;}"
    "delete w.Plotly;settle(1,e);};d.head.appendChild(s);}"
    "run(%s);"
    "})(window,document);"
)
"""plotly.js started by the page's head, from its content-hashed address (`files.plotly_address`):
the browser reads it, or takes it compiled from the service worker's cache (`delivery/worker.py`),
while the page is still arriving, and runs it as soon as it is ready, instead of after the layout
has come and the graph has mounted. (Started at the first idle moment after DOMContentLoaded
instead, as until session 11, the repeat visit's map was 0.1-0.2 s later.) dcc.Graph takes
`window.Plotly` when there is one (`Promise.resolve(window.Plotly || load())`); until the script
has run, `window.Plotly` is a promise-like that settles with it, so dcc waits for this script
instead of loading it a second time. If the hashed address fails (a proxy that does not pass
`/h/`, a blocked request), the loader tries Dash's own address (`PLOTLY_PATH`); only if that fails
too does the promise-like go, and a graph mounted later tries that address itself."""


def plotly_loader(prefix: str = "/") -> str:
    return PLOTLY_LOADER % json.dumps([files.plotly_address(prefix), f"{prefix}{PLOTLY_PATH}"])


def head_scripts(path: str, prefix: str = "/") -> list[str]:
    """The inline scripts of a page's head (the app's policy carries their hashes)."""
    return [] if path.startswith("/about") else [plotly_loader(prefix)]


def preloads(path: str, prefix: str = "/", map_topology: str = "world_110m") -> str:
    """What a page's head starts alongside Dash's scripts: plotly.js (run while the page waits for its
    layout, see PLOTLY_LOADER); dcc's graph module; and, for a map, its topology (the map page's
    `map_topology`: the USA's for a store of US states, `views.map.Context.scope`)."""
    if path.startswith("/about"):
        return ""
    graph_module = f"{prefix}_dash-component-suites/dash/dcc/async-graph.js"
    links = [f'<link rel="preload" href="{script}" as="script">'
             for script in (files.plotly_address(prefix), graph_module)]
    links += [f"<script>{script}</script>" for script in head_scripts(path, prefix)]
    if path in GEO_PAGES:
        name = map_topology if path == "/" else "world_110m"
        links.append(f'<link rel="preload" href="{TOPOJSON_URL}{name}.json" as="fetch" '
                     'crossorigin="anonymous">')
    return "".join(links)


def install(app: dash.Dash) -> None:
    """Put the first picture before Dash's entry point in every page's HTML."""
    interpolate = app.interpolate_index
    prefix = app.config.requests_pathname_prefix or "/"

    def interpolate_index(**kwargs) -> str:
        query = {k: v for k, v in request.args.items() if k != "lang"}
        drawn = first_paint_html(request.path, query)
        # the picture first, then the layout and callbacks the renderer would otherwise ask for;
        # Dash's "Loading..." (read out by a screen reader, seen without a first picture) in the
        # reader's language
        entry = kwargs.get("app_entry", '<div id="react-entry-point"></div>')
        kwargs["app_entry"] = routing.inline_answers(app) + entry.replace("Loading...", escape(_("Loading…")))
        if drawn:
            # Beside Dash's entry point, not inside it: React would replace it with "Loading..."
            # as soon as the renderer starts, seconds before the page's layout arrives on a slow
            # phone. assets/first_paint.js removes it once the live page has drawn; site.css
            # hides Dash's "Loading..." while it stands.
            kwargs["app_entry"] = f'<div id="first-paint">{drawn}</div>' + kwargs.get(
                "app_entry", '<div id="react-entry-point"></div>')
        scope = map_view.context(data.current()).scope if request.path == "/" else "world"
        kwargs["metas"] = (kwargs.get("metas", "") + preloads(
            request.path, prefix, "usa_110m" if scope == maps.USA else "world_110m") + worker.meta(app))
        # No icon to fetch: Dash's own is 5 KB, a tenth of a second on a slow phone, on every visit.
        kwargs["favicon"] = '<link rel="icon" href="data:,">'
        return interpolate(**kwargs)

    app.interpolate_index = interpolate_index
    # Dash wraps its configuration and scripts in a <footer>: a second, empty "content info" landmark
    # beside the page's own footer, which a screen reader lists (axe: landmark-no-duplicate-contentinfo)
    app.index_string = re.sub(r"<footer>(.*?)</footer>", r"<div>\1</div>", app.index_string, flags=re.S)
