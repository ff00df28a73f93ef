"""Every embed view as a static page (the live embed's own document), the gallery with each one's
snippet, oEmbed answers as files for discovery, and the PNG/SVG pictures of the default states."""

from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import parse_qs, urlsplit

import plotly.io as pio

from dashboard.api.spec import RESOURCES
from dashboard.embed import page as embed_page
from dashboard.embed import snippet
from dashboard.embed.markup import tagged_html
from dashboard.static_site import opendata
from dashboard.static_site.frame import Site, page, rewrite_links
from dashboard.static_site.output import Output, digest, relative
from layouts.design import TOPOJSON_URL as TOPOLOGY_URL
from layouts.i18n import N_, _
from loaders.store import StoreData
from views import registry
from views.base import NotAvailable, View

HASHED = re.compile(r"/h/[0-9a-f]{16}/([\w.\-]+)")
TOPOLOGY = f'"topojsonURL": "{TOPOLOGY_URL}"'
DATA_FILES = {
    "/api/v1/scores/index": "scores/index",
    "/api/v1/scores/goals": "scores/goals",
    "/api/v1/scores/indicators": "scores/indicators",
    "/api/v1/observations": "observations",
}
"""The API table a view's API address selects from, whose open-data file the embed links."""

EXTRACTED = (
    N_("Open the embed"),
    N_("Code to paste"),
    N_("Embeds"),
)
"""Words used inside f-strings, where the catalogue's extractor does not look; listed here so
they reach the catalogues."""


RELATIVE_CODES = N_(
    "This copy was exported without --base-url, so the codes below use addresses relative to "
    "this page; export again with the published address to paste them into other sites."
)


def origin(base_url: str) -> str:
    """The origin the embed's height messages come from (scheme and host of --base-url)."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else "null"


def data_file(view: View, store: StoreData) -> str | None:
    """The open-data CSV holding the view's rows: its indicator's file when the view shows one
    indicator's observations, else the whole table's."""
    path, _sep, query = (view.api_path or "").partition("?")
    if path not in DATA_FILES:
        return None
    indicator = parse_qs(query).get("indicator", [])
    if path == "/api/v1/observations" and len(indicator) == 1:
        return opendata.indicator_file(indicator[0])
    name = DATA_FILES[path]
    return opendata.table_file(name, len(store.tables.get(RESOURCES[name].table, ())))


def embed_file(name: str, place: str | None) -> str:
    return f"embed/{name}/{place}.html" if place else f"embed/{name}.html"


def embed_document(
    out: Output, site: Site, store: StoreData, name: str, view: View, place: str | None = None
) -> str:
    """The live embed's HTML for the view, its addresses pointed at the export's files."""
    file = embed_file(name, place)
    here = site.path(file)
    full = relative(here, site.path(f"city/{place}.html" if place else page_of(name)))
    data = data_file(view, store)
    html_text = embed_page.document(store, view, False, full, relative(here, data) if data else None)
    html_text = HASHED.sub(lambda m: relative(here, site.assets[m.group(1)]), html_text)
    topology = relative(here, site.assets["topojson"])
    html_text = html_text.replace(TOPOLOGY, f'"topojsonURL": "{topology}/"')
    html_text = html_text.replace(f'href="{TOPOLOGY_URL}', f'href="{topology}/')
    # its links open outside a mayor's frame, as the live embed's do; read as a page of this site
    # (the gallery's "Open the embed"), embed.js keeps them in the tab, as the site's other links
    html_text = html_text.replace('<body class="embed">', '<body class="embed" data-unframed="same-tab">', 1)
    # no /favicon.ico request: on a host's sub-folder it would leave the site
    html_text = html_text.replace("</head>", '<link rel="icon" href="data:,">\n</head>', 1)
    out.write(here, rewrite_links(site, here, html_text))
    return file


def page_of(name: str) -> str:
    if name == "map":
        return "index.html"
    if name in registry.EXPLORE_VIEWS:
        return "rankings.html" if name == "ranking" else "explore.html"
    if name.startswith("financing"):
        return "financing.html"
    return "projects.html" if name.startswith("projects") else "index.html"


def gallery(out: Output, site: Site, store: StoreData, first_city: str | None) -> dict[str, View]:
    """Every embed view's default state as an embed page, listed with its snippet."""
    here = site.path("embeds.html")
    shown: dict[str, View] = {}
    items = []
    for name, embed in registry.EMBEDS.items():
        place = first_city if name.startswith("city-") else None
        if name.startswith("city-") and place is None:
            continue
        if name.startswith(("projects", "financing")) and store.projects.empty:  # Bristol: empty ones
            continue
        try:
            view = registry.build(name, {"place": place} if place else {}, store)
        except NotAvailable:
            continue
        shown[name] = view
        file = embed_file(name, place)
        if name != "city-goals":  # every city's goals embed is written with its city page
            embed_document(out, site, store, name, view, place)
        src = site.absolute(site.path(file)) or relative(here, site.path(file))
        code = snippet.snippet(src, embed_page.frame_title(view), embed.height, origin(site.base_url))
        picture = (
            ""
            if (view.picture or view.figure) is None or not site.pictures
            else (
                f' · <a href="{relative(here, site.path(f"embed/{name}.png"))}">PNG</a>'
                f' · <a href="{relative(here, site.path(f"embed/{name}.svg"))}">SVG</a>'
            )
        )
        items.append(
            f'<section class="card mb-3"><div class="card-body"><h2 class="h5">{escape(_(embed.what))}'
            f'</h2><p class="small">{tagged_html(view.heading, view.languages)}</p>'
            f'<p><a href="{relative(here, site.path(file))}">{escape(_("Open the embed"))}</a>{picture}</p>'
            f'<label class="form-label small" for="code-{name}">{escape(_("Code to paste"))}</label>'
            f'<textarea class="form-control font-monospace small" id="code-{name}" rows="4" readonly>'
            f"{escape(code)}</textarea></div></section>"
        )
    note = "" if site.base_url else (f'<p class="alert alert-warning">{escape(_(RELATIVE_CODES))}</p>')
    main = f'<h1 class="h3">{escape(_("Embeds"))}</h1>{note}{"".join(items)}'
    out.write(here, page(site, "embeds.html", _("Embeds"), main, plotly=False))
    return shown


WIDTH = 800
"""The width an oEmbed file answers, as the live /oembed does when no maxwidth is asked."""


def oembed_target(file: str, view: View) -> tuple[str, str, str]:
    """What an oEmbed file needs of an embed page (language relative) and its view: the file, the
    view's heading (the answer's title) and the frame's title (`embed.page.frame_title`); a city
    page's view is not kept for its oEmbed file, which is written after the language's last page."""
    return file, view.heading, embed_page.frame_title(view)


def oembed_files(out: Output, site: Site, targets: dict[str, tuple[str, str, str]]) -> None:
    """oEmbed 'rich' answers as files: {oembed file (language relative): `oembed_target`}. Written
    only with --base-url, as oEmbed consumers need absolute addresses."""
    if not site.base_url:
        return
    for target, (file, heading, frame) in targets.items():
        name = file.split("/")[1].removesuffix(".html")
        height = registry.EMBEDS[name].height
        src = site.absolute(site.path(file))
        body = {
            "version": "1.0",
            "type": "rich",
            "provider_name": _("City SDG Dashboard"),
            "provider_url": site.absolute(site.path("index.html")),
            "title": heading,
            "width": WIDTH,
            "height": height,
            "html": snippet.iframe(src, frame, height, WIDTH),
        }
        if not file.count("/") > 1:
            body.update(
                thumbnail_url=site.absolute(site.path(f"embed/{name}.png")),
                thumbnail_width=960,
                thumbnail_height=600,
            )
        out.write(site.path(f"oembed/{target}"), json.dumps(body, ensure_ascii=False))


def pictures(
    out: Output, site: Site, store: StoreData, shown: dict[str, View], draw: bool
) -> tuple[int, int]:
    """PNG and SVG of each gallery view; a picture whose figure, caption and footer did not change
    since the last export is kept, not drawn again. Returns (drawn, kept)."""
    from dashboard.embed import static

    drawn = kept = 0
    for name, view in shown.items():
        figure = view.picture or view.figure
        if figure is None:
            continue
        footer = embed_page.source_line(store, view, False)
        captioned = static.captioned(figure, view.heading, footer, view.caveat)
        fingerprint = digest(pio.to_json(captioned, validate=False).encode("utf-8"))[:32]
        for fmt in static.FORMATS:
            path = site.path(f"embed/{name}.{fmt}")
            if out.picture_unchanged(path, fingerprint):
                out.keep(path)
                kept += 1
            elif draw:
                out.write(path, static.image(captioned, fmt))
                drawn += 1
    return drawn, kept
