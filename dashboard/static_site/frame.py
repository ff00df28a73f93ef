"""The static pages' HTML: the frame every page shares (head, navigation, languages), a View drawn
as a section, the controls that switch pre-built states, and links rewritten from the app's paths
to the export's files."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from html import escape
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import plotly.io as pio

from dashboard.chrome import credit, source_line, subject_of
from dashboard.embed.markup import render, tagged_html, unbroken
from dashboard.embed.page import FIGURE_CONFIG, figure_payload, script_json
from dashboard.static_site.output import compact, relative
from layouts import design, i18n, phone_ranking, static_svg
from layouts.i18n import N_, _
from layouts.tables import data_table
from views.base import View

NAV = (
    ("index.html", N_("Map")),
    ("rankings.html", N_("Rankings")),
    ("explore.html", N_("Explore")),
    ("projects.html", N_("Projects")),
    ("financing.html", N_("Financing")),
    ("data.html", N_("Open data")),
    ("embeds.html", N_("Embeds")),
    ("about.html", N_("About")),
)
PROJECT_PAGES = ("projects.html", "financing.html")
"""Pages of the projects, left out of the menu of a store that holds none."""
PAGES = {
    "/": "index.html",
    "/explore": "explore.html",
    "/projects": "projects.html",
    "/projects/financing": "financing.html",
    "/about": "about.html",
}
"""The app's pages and the export's file for each (a city page is city/<place>.html)."""

EXTRACTED = (N_("Data table"), N_("Pages"), N_("Skip to content"), N_("City SDG Dashboard"))
"""Words used inside f-strings, where the catalogue's extractor does not look; listed here so
they reach the catalogues."""


@dataclass
class Site:
    """What every page of one language needs: where the shared assets are, which languages exist,
    the published address and the city pages written."""

    language: str
    languages: list[str]
    assets: dict[str, str]
    base_url: str = ""
    cities: set[str] = field(default_factory=set)
    topology: dict | None = None
    store: Any = None
    """The store version exported."""
    pictures: bool = True
    """Whether PNG and SVG pictures are drawn (and linked)."""
    years: int | None = None
    """Only the latest `years` years get map states (a partial export); None: every year."""
    links: dict[tuple[str, str], str | None] = field(default_factory=dict)
    """`static_href` of each (page, app link) met so far: a map's 400 states link the same places."""
    usa: dict | None = None
    """plotly's topology of the USA, for a map of US states (`static_svg.usa_svg`)."""

    def path(self, page: str) -> str:
        return f"{self.language}/{page}"

    def absolute(self, path: str) -> str:
        return f"{self.base_url}/{path}" if self.base_url else ""


def static_href(site: Site, page: str, href: str) -> str | None:
    """The export's file for an app link (`/city/x?lang=en`), relative to `page`; None when the
    export has no such page."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return href
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "lang"]
    path = parts.path.rstrip("/") or "/"
    if path.startswith("/city/") and path.removeprefix("/city/") in site.cities:
        target = f"city/{path.removeprefix('/city/')}.html"
        query = []
    elif path == "/projects":  # a place's or goal's projects: the list's filter, in the hash
        kept = [(k, v) for k, v in query if k in ("place", "goal")]
        link = relative(page, site.path(PAGES[path]))
        return link + ("#" + urlencode(kept) if kept else "")
    elif path.startswith("/api/"):  # the open data the export holds: its files, listed on one page
        return relative(page, site.path("data.html"))
    elif path in PAGES:
        target = PAGES[path]
        if path not in ("/", "/explore"):
            query = []
    else:
        return None
    link = relative(page, site.path(target))
    return link + ("?" + urlencode(query) if query else "") + ("#" + parts.fragment if parts.fragment else "")


HREF = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.S)


def rewrite_links(site: Site, page: str, html_text: str) -> str:
    """Every app link in `html_text` pointed at the export's file; a link to a page the export does
    not hold keeps its words and loses its link."""

    def replace(match: re.Match) -> str:
        key = (page, match.group(1))
        if key not in site.links:
            site.links[key] = static_href(site, page, match.group(1).replace("&amp;", "&"))
        target = site.links[key]
        if target is None:
            return match.group(3)
        return f'<a href="{escape(target)}"{match.group(2)}>{match.group(3)}</a>'

    return HREF.sub(replace, html_text)


def table_html(site: Site, page: str, view: View) -> str:
    if view.table is None:
        return ""
    table = data_table(view.table.rows, view.table.caption, links=view.table.links, nowrap=view.table.nowrap,
                       languages=view.table.languages,
                       caption_languages=view.table.caption_languages)
    return unlabelled(rewrite_links(site, page, render(table)))


LABEL = re.compile(r' data-label="[^"]*"')


def unlabelled(html_text: str) -> str:
    """The HTML without each cell's copy of its column name (`data-label`, which makes a table's
    rows cards on a phone): the pages' script puts it back from the table's header
    (static_site.js `label`), so a city page is about 12 kB lighter in every language."""
    return LABEL.sub("", html_text)


@cache
def shared_figure() -> dict:
    """What every chart of the export has in common: the chart template and the graph configuration
    (less the language and the topology's address, which the page's script sets). Written once,
    in front of the site's script (`export.shared_assets`), not in every chart: about 1.6 kB a chart,
    three charts on a city page."""
    template = json.loads(pio.to_json(design.figure([], {}), validate=False))["layout"]["template"]
    config = design.graph_config(**FIGURE_CONFIG)
    return {"template": template, "config": {k: v for k, v in config.items() if k not in PAGE_SETS}}


PAGE_SETS = ("locale", "topojsonURL")
"""Graph settings the page's script gives every chart itself."""


SAME_AS_FIRST = "=data[0]"
"""Written for a trace's array that is the first trace's (static_site.js puts it back)."""


def written_once(data: list[dict]) -> list[dict]:
    """The traces with each array that equals the first trace's under the same key written as
    `SAME_AS_FIRST`: grouped bars repeat the 17 goals' names in every place's trace (2 kB of a
    city page)."""
    if len(data) < 2:
        return data
    first = data[0]

    def shared(key: str, value: object) -> bool:
        return isinstance(value, list) and len(value) > 1 and value == first.get(key)

    return [first, *({key: SAME_AS_FIRST if shared(key, value) else value for key, value in trace.items()}
                     for trace in data[1:])]


def static_figure(view: View) -> dict:
    """The view's figure without what `shared_figure` holds and with arrays the traces share written
    once (the page's script puts both back)."""
    payload = figure_payload(view)
    payload["data"] = written_once(payload.get("data") or [])
    shared = shared_figure()
    if payload["layout"].get("template") == shared["template"]:
        del payload["layout"]["template"]
    config = payload.pop("config")
    own = {k: v for k, v in config.items() if k not in PAGE_SETS and shared["config"].get(k) != v}
    if own:
        payload["config"] = own
    return payload


def figure_text(view: View) -> str:
    return script_json(static_figure(view), (",", ":"))


def state_payload(site: Site, page: str, view: View) -> dict:
    """One pre-built state of a view, as the page's script puts it in place."""
    figure = static_figure(view) if view.figure is not None else None
    return {**state_words(site, page, view), "figure": figure}


def state_words(site: Site, page: str, view: View) -> dict:
    return {
        "title": view.title,
        "subtitle": view.subtitle,
        "summary": view.summary,
        # the data's words in another language, which the page's script tags as the export did
        "languages": {words: code for words, code in view.languages.items()
                      if words in view.title or words in view.summary},
        "problems": view.problems,
        "table": compact(table_html(site, page, view)),  # a page's tables: compacted as it is written
        "query": view.query,
    }


def state_json(site: Site, page: str, view: View, name: str, key: str = "") -> str:
    """`state_payload` as JSON text, the figure's JSON put in as plotly writes it (not read and
    written again); with the section's `key`, what a phone leaves out of a ranking too."""
    fold = {"fold": render(phone_ranking.figure_note(view.figure, key))} if key else {}
    words = json.dumps(
        {**state_words(site, page, view), **fold, "view": name}, ensure_ascii=False, separators=(",", ":")
    )
    figure = figure_text(view) if view.figure is not None else "null"
    return words[:-1] + ',"figure":' + figure + "}"


def chart_html(site: Site, view: View, page: str, key: str = "map") -> str:
    """The view's first picture (its SVG's title and description named by ids of the section `key`:
    a city page's pictures all used "map-title"), or its HTML body."""
    if view.figure is not None:
        if site.topology is None and static_svg.drawable(view.figure):
            return ""
        return static_svg.picture(view.figure, view.title, view.summary, site.topology or {}, f"{key}-svg",
                                  usa=site.usa)
    return rewrite_links(site, page, render(view.body)) if view.body is not None else ""


def source(site: Site, view: View) -> str:
    """Under every chart, as on the live page: where the data come from and which version (the
    published pages said neither, so a reader could not tell the numbers' origin or age)."""
    if site.store is None:
        return ""
    text = source_line(site.store, subject_of(view))
    return f'<p class="chart-source small text-muted mb-1">{escape(text)}</p>'


def view_section(site: Site, page: str, key: str, view: View, links: list[tuple[str, str]] = ()) -> str:
    """A view as a card: title and subtitle, chart (SVG drawn here, then plotly) or HTML body,
    summary, data table, and its links (embed, open data)."""
    subtitle = f'<p class="small text-muted mb-1 view-subtitle">{unbroken(view.subtitle)}</p>'
    problems = "".join(f'<p class="alert alert-info py-1 small">{escape(p)}</p>' for p in view.problems)
    chart_attrs = (
        f' role="img" aria-label="{escape(view.title)}" aria-describedby="{key}-summary"'
        if view.figure is not None
        else ""
    )
    figure = (
        f'<script type="application/json" class="view-figure">{figure_text(view)}</script>'
        if view.figure is not None
        else ""
    )
    extra = " · ".join(chart_link(key, n, href, words) for n, (href, words) in enumerate(links))
    return (
        f'<section class="card mb-3 view-card" id="{key}" aria-labelledby="{key}-title">'
        f'<div class="card-body"><div class="view-heading">'
        f'<h2 class="h5 mb-0 view-title" id="{key}-title">{tagged_html(view.title, view.languages)}</h2>'
        f'{subtitle}</div>'
        f'<div class="view-problems">{problems}</div>'
        f'<div class="view-chart"{chart_attrs}>{chart_html(site, view, page, key)}</div>'
        # a long ranking's first bars only on a phone, as on the live Explore (assets/ranking_fold.js)
        f'<div class="view-fold">{render(phone_ranking.figure_note(view.figure, key))}</div>'
        f'<p class="view-summary" id="{key}-summary">{tagged_html(view.summary, view.languages)}</p>'
        f'{source(site, view)}'
        f'<details class="view-table chart-table mt-2"><summary>{escape(_("Data table"))}</summary>'
        f'<div class="view-rows">{table_html(site, page, view)}</div></details>'
        f'<p class="small mb-0 view-links">{extra}</p>{figure}</div></section>'
    )


def chart_link(key: str, n: int, href: str, words: str) -> str:
    """The `n`th link under the view `key` (its embed), named by its words and the view's title, which
    the page's script rewrites with the state: every chart's link was "Embed this chart" alike."""
    own = f"{key}-link-{n}"
    return f'<a href="{escape(href)}" id="{own}" aria-labelledby="{own} {key}-title">{escape(words)}</a>'


def controls(target: str, states: str, params: list[tuple[str, str, list[tuple[str, str]], str]]) -> str:
    """A form of selects (name, label, [(value, words)], default) that switches the section `target`
    between the pre-built states in the folder `states`."""
    fields = []
    for name, label, options, default in params:
        choices = "".join(
            f'<option value="{escape(v)}"{" selected" if v == default else ""}>{escape(w)}</option>'
            for v, w in options
        )
        fields.append(
            f'<div class="col-auto"><label class="form-label small mb-0" for="{target}-{name}">'
            f'{escape(label)}</label><select class="form-select form-select-sm" id="{target}-{name}" '
            f'name="{escape(name)}" data-default="{escape(default)}">{choices}</select></div>'
        )
    note = escape(
        _(
            "Switching views needs the folder to be served by a web server (even "
            "`python -m http.server`); opened as a file, this page shows its first view."
        )
    )
    return (
        f'<form class="row g-2 align-items-end mb-2 state-controls" data-target="{target}" '
        f'data-states="{escape(states)}">{"".join(fields)}</form>'
        f'<p class="alert alert-warning small state-offline" hidden>{note}</p>'
        f'<p class="visually-hidden" aria-live="polite" id="{target}-status"></p>'
    )


def slug(value: object) -> str:
    """A state's value as part of a file name; the page's script makes the same."""
    text = re.sub(r"[^a-z0-9]+", "-", str(value).lower()).strip("-")
    return text or "all"


def state_file(values: list[object]) -> str:
    return "_".join(slug(v) for v in values) + ".json.gz"


WITHOUT_SCRIPTS = N_("Without JavaScript this page shows its default view, its tables and its links; its "
                     "choices (goal, year, place search, the list of projects) need JavaScript.")
NOSCRIPT = '<noscript><p class="alert alert-info small">{note}</p></noscript>'
"""Said at the top of a page read without scripts, whose controls (hidden then: static_site.css's
`.no-js`) did nothing, with nothing to say so."""


def page(
    site: Site,
    path: str,
    title: str,
    main: str,
    oembed: str | None = None,
    script: bool = True,
    plotly: bool = True,
) -> str:
    """A whole page of the export in the site's language (`path` relative to the language folder)."""
    here = site.path(path)

    def asset(name: str) -> str:
        return relative(here, site.assets[name])

    alternates = []
    for code in site.languages:
        target = f"{code}/{path}"
        href = site.absolute(target) or relative(here, target)
        alternates.append(f'<link rel="alternate" hreflang="{code}" href="{escape(href)}">')
    default_href = site.absolute(f"{site.languages[0]}/{path}") or relative(
        here, f"{site.languages[0]}/{path}"
    )
    alternates.append(f'<link rel="alternate" hreflang="x-default" href="{escape(default_href)}">')
    discovery = (
        f'<link rel="alternate" type="application/json+oembed" href="{escape(oembed)}">' if oembed else ""
    )
    canonical = f'<link rel="canonical" href="{escape(site.absolute(here))}">' if site.base_url else ""
    current, chosen = ' aria-current="page"', ' aria-current="true"'
    nav = "".join(
        f'<li class="nav-item"><a class="nav-link" href="{relative(here, site.path(target))}"'
        f"{current if target == path else ''}>{escape(_(words))}</a></li>"
        for target, words in NAV
        if target not in PROJECT_PAGES or site.store is None or not site.store.projects.empty
    )
    languages = " ".join(
        f'<a href="{relative(here, code + "/" + path)}" hreflang="{code}" lang="{code}"'
        f"{chosen if code == site.language else ''}>{escape(i18n.native_name(code))}</a>"
        for code in site.languages
    )
    home = relative(here, site.path("index.html"))
    scripts = ""
    if plotly:
        scripts += f'<script src="{asset("plotly.min.js")}"></script>'
    if script:  # the live pages' map fit and ranking fold first: static_site.js uses them
        scripts += "".join(f'<script src="{asset(name)}"></script>'
                           for name in ("map_fit.js", "ranking_fold.js", "static_site.js"))
    return f"""<!DOCTYPE html>
<html lang="{site.language}" dir="{i18n.direction(site.language)}" class="{"no-js" if script else ""}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{escape(title)} · {escape(_("City SDG Dashboard"))}</title>
<link rel="stylesheet" href="{asset("bootstrap.min.css")}">
<link rel="stylesheet" href="{asset("site.css")}">
<link rel="stylesheet" href="{asset("colours.css")}">
<link rel="stylesheet" href="{asset("static_site.css")}">
{"".join(alternates)}{discovery}{canonical}
</head>
<body data-topojson="{asset("topojson")}/">
<a class="visually-hidden-focusable" href="#main">{escape(_("Skip to content"))}</a>
<header class="border-bottom mb-3"><nav class="container-fluid" aria-label="{escape(_("Pages"))}">
<p class="h5 my-2"><a class="text-decoration-none" href="{home}">{escape(_("City SDG Dashboard"))}</a></p>
<ul class="nav flex-wrap">{nav}</ul>
<p class="small mb-1 languages">{languages}</p></nav></header>
<main id="main" class="container-fluid">
{NOSCRIPT.format(note=escape(_(WITHOUT_SCRIPTS))) if script else ""}{unlabelled(main) if script else main}
</main>
<footer class="container-fluid small text-muted border-top mt-4 py-2">{escape(credit())}</footer>
{scripts}
</body>
</html>
"""
