"""Embeds: /embed/<view> (HTML), /embed/<view>.png|.svg (static), /oembed, and the framing rules."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, abort, jsonify, request, send_from_directory

from dashboard import config, data, plotly_bundle
from dashboard.embed import asked, page, static
from dashboard.embed.discovery import oembed_response
from layouts import i18n, scores
from layouts.echo import said
from layouts.i18n import _
from loaders.report import LoadError
from views import registry
from views.base import NotAvailable
from views.params import as_csv

log = logging.getLogger("city_sdg.embed")
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
RESERVED = set(asked.RESERVED)


def store_for(version: str | None):
    """The requested data version (a frozen embed), else the current one; 404 for an unknown one."""
    if not version:
        return data.current()
    store = data.serving_store()
    try:
        store.version_dir(version)
    except LoadError:
        abort(404, _("There is no data version '{version}'.").format(version=said(version)))
    return data.shown(data.load_version(str(store.root), version))


def build(name: str, fmt: str = ""):
    """(store, view, frozen) of the embed `name`; a picture (`fmt`) whose address the view would
    not draw as asked is a 400 (`asked.refusal`) before anything is built."""
    if name not in registry.EMBEDS:
        abort(404, _("There is no embeddable view '{name}'.").format(name=said(name)))
    version = request.args.get("version")
    store = store_for(version)
    query = {k: values[-1] for k, values in request.args.lists() if k not in RESERVED}
    try:
        refused = asked.refusal(name, fmt, query, store, request.args.get("lang")) if fmt else None
        if refused:
            abort(Response(refused, 400, {"Content-Type": "text/plain; charset=utf-8",
                                          "X-Data-Version": store.version}))
        return store, registry.build(name, query, store), bool(version)
    except NotAvailable as error:
        abort(404, str(error))


def absolute(path: str) -> str:
    return config.public_url(request.root_url) + i18n.href(path)


def register(server: Flask) -> None:
    @server.route("/vendor/plotly/<path:filename>")
    def plotly_file(filename: str):
        # the partial bundle (dashboard/delivery/serve.py answers first, compressed)
        return send_from_directory(plotly_bundle.bundle_path().parent, filename, max_age=3600)

    @server.route("/embed-static/<path:filename>")
    def embed_static(filename: str):
        return send_from_directory(STATIC_DIR, filename, max_age=3600)

    @server.route("/embed/<name>")
    def embed(name: str):
        stem, _dot, fmt = name.partition(".")
        if fmt:
            return embed_image(stem, fmt)
        store, view, frozen = build(name)
        full = absolute(view.full_path)
        # the embed's "Download the data (CSV)": the view's rows as CSV (four views' links gave JSON)
        api = config.public_url(request.root_url) + as_csv(view.api_path) if view.api_path else None
        if api and frozen:
            api += ("&" if "?" in api else "?") + urlencode({"version": store.version})
        return page.document(store, view, frozen, full, api), 200, {"X-Data-Version": store.version}

    def embed_image(name: str, fmt: str):
        if fmt not in static.FORMATS:
            abort(404, _("Embeds come as HTML, .png or .svg, not .{format}.").format(format=fmt))
        store, view, frozen = build(name, fmt)
        figure = view.picture or view.figure
        if figure is None:
            abort(404, _("This view has no picture."))
        if request.method == "HEAD":
            return asked.unseen(static.FORMATS[fmt], store.version)
        footer = page.source_line(store, view, frozen)
        try:
            body = static.image(static.captioned(figure, view.heading, footer, view.caveat), fmt)
        except static.RendererMissing:
            return (_("Pictures of charts need Chromium on the server (scripts/setup.sh installs it)."),
                    503, {"Content-Type": "text/plain; charset=utf-8"})
        except static.PoolBusy as busy:
            return (_("Too many pictures are being drawn; please try again in a few seconds."), 503,
                    {"Content-Type": "text/plain; charset=utf-8", "Retry-After": str(busy.retry_after),
                     "Cache-Control": "no-store"})
        return body, 200, {"Content-Type": static.FORMATS[fmt], "X-Data-Version": store.version}

    @server.route("/oembed")
    def oembed():
        return oembed_response(request.args)

    register_headers(server)


def register_headers(server: Flask) -> None:
    """Caching and cross-origin rules for embeds and their files, discovery links on full pages, and
    embed-shaped 404s."""

    @server.after_request
    def framing(response):
        path = request.path
        if path.startswith("/embed/"):
            # their Content-Security-Policy (framing included) is set by dashboard/security.py
            # a frozen embed never changes; a current one follows the next import within minutes
            frozen = "version" in request.args and response.status_code == 200
            busy = response.status_code in (429, 503)
            lasting = "public, max-age=31536000, immutable" if frozen else "public, max-age=300"
            response.headers.setdefault("Cache-Control", "no-store" if busy else lasting)
        elif path.startswith(("/assets/topojson/", "/oembed", "/vendor/", "/embed-static/", "/h/")):
            # a sandboxed embed has an opaque origin: its map must fetch topology across origins
            response.headers["Access-Control-Allow-Origin"] = "*"
        elif response.mimetype == "text/html" and response.status_code == 200:
            try:
                add_discovery(response)
            except Exception:  # a store that cannot be read: the page (the app's error page) is sent as it is
                log.exception("no oEmbed discovery link for %s", request.path)
        return response

    def add_discovery(response) -> None:
        target = registry.page_embed(urlsplit(request.url).path, request.args, data.current())
        if target is None or response.direct_passthrough or not offered(target[0]):
            return
        body = response.get_data(as_text=True)
        if "</head>" not in body:
            return
        # the page's public address: behind a proxy request.url is the internal one, which /oembed
        # (asked by a CMS on the internet) answered 404
        root = config.public_url(request.root_url)
        page_url = root + request.path + ("?" + request.query_string.decode("latin-1")
                                          if request.query_string else "")
        href = root + "/oembed?" + urlencode({"url": page_url, "format": "json"})
        link = f'<link rel="alternate" type="application/json+oembed" href="{href}">'
        response.set_data(body.replace("</head>", link + "</head>", 1))

    def offered(name: str) -> bool:
        """Whether the store has what the embed `name` draws: Berlin's projects alone announced the
        map's embed on its map page, and the announced address answered 404."""
        store = data.current()
        if name.startswith("projects"):
            return len(store.projects) > 0
        return bool(store.prepared(scores.years))

    @server.errorhandler(404)
    def not_found(error):
        if request.path.startswith("/embed/"):
            return page.message_page(404, error.description), 404, {
                "Content-Type": "text/html; charset=utf-8"}
        if request.path.startswith("/oembed"):
            return jsonify({"error": {"status": 404, "message": error.description}}), 404
        return error
