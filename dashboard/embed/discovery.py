"""From a page's address to its embed: the oEmbed endpoint and the pages' discovery links."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit

from flask import jsonify, request

from dashboard import config, data
from dashboard.embed import snippet
from dashboard.embed.page import frame_title
from layouts import i18n
from layouts.i18n import _
from views.base import NotAvailable
from views.registry import EMBEDS, build, page_embed


def error(status: int, message: str):
    return jsonify({"error": {"status": status, "message": message}}), status


def page_path(parts: SplitResult, url: str, root: str) -> str | None:
    """The dashboard's path of an address of this dashboard: http(s) on its public host (under the
    public address's path, behind a proxy that adds one) or the host it was asked on, or a path of
    it; None for any other. `%00` (which urlsplit strips to nothing: the map) and `javascript:...`
    are not ours."""
    if not parts.scheme and not parts.netloc:
        return (parts.path or "/") if url.startswith("/") else None
    if parts.scheme not in ("http", "https"):
        return None
    for base in (urlsplit(root), urlsplit(request.root_url)):
        prefix = base.path.rstrip("/")
        if parts.netloc == base.netloc and (parts.path + "/").startswith(prefix + "/"):
            return parts.path[len(prefix):] or "/"
    return None


def oembed_response(args: Mapping[str, str]):
    """oEmbed 1.0 'rich' answer for a page of this dashboard (format json; xml is not offered)."""
    url = args.get("url", "")
    if args.get("format", "json") != "json":
        return error(501, _("Only the json format is offered."))
    parts = urlsplit(url)
    root = config.public_url(request.root_url)
    path = page_path(parts, url, root)
    if path is None or not url.isprintable() or " " in url:
        return error(404, _("The url is not a page of this dashboard."))
    target = page_embed(path, dict(parse_qsl(parts.query)), data.current())
    if target is None or target[0] not in EMBEDS:
        return error(404, _("This page has no embeddable chart."))
    name, query = target
    if name.startswith(("projects", "financing")) and data.current().projects.empty:  # "No matching project"
        return error(404, _("This page has no embeddable chart."))
    asked = query.get("lang")  # the page's language, which its embed speaks, not the request's
    language = asked if asked in i18n.languages() else i18n.language()
    with i18n.use(language):  # the view names the frame, in the embed's language
        try:  # a page of a place the data does not have: its embed would be a 404 in the reader's site
            view = build(name, dict(query), data.current())
        except NotAvailable as reason:
            return error(404, str(reason))
        heading, title = view.heading, frame_title(view)
    # the picture of the view's own canonical query (and the place its page's path names): a picture
    # refuses what its page would replace by a default (?goal=99) or does not read (the page's ?sort=)
    drawn = {**{k: v for k, v in query.items() if k == "place"}, **view.query,
             **{k: v for k, v in query.items() if k == "version"}}
    height = EMBEDS[name].height
    try:
        wide, high = int(args.get("maxwidth", 0)), int(args.get("maxheight", 0))
    except ValueError:
        return error(400, _("maxwidth and maxheight must be whole numbers."))
    if wide < 0 or high < 0:  # -5 was taken as 200 without a word
        return error(400, _("maxwidth and maxheight must be 0 or more."))
    # never larger than asked (oEmbed 1.0, 2.3.4): the frame is as wide as the reader's column anyway
    width = min(wide or 800, 2000)
    height = min(height, high or height)
    # a page without ?lang is read in the language this answer is in (as the dialog writes it):
    # without it the frame followed each reader's browser, under a title in this language
    query, drawn = {**query, "lang": language}, {**drawn, "lang": language}
    src = f"{root}/embed/{name}?{urlencode(query)}"
    answer = {
        "version": "1.0", "type": "rich", "provider_name": _("City SDG Dashboard"),
        "provider_url": root + "/", "title": heading, "width": width, "height": height,
        "html": snippet.iframe(src, title, height, width),
    }
    if (not wide or wide >= THUMBNAIL[0]) and (not high or high >= THUMBNAIL[1]):  # drawn at one size only
        answer.update(thumbnail_url=f"{root}/embed/{name}.png?" + urlencode(drawn),
                      thumbnail_width=THUMBNAIL[0], thumbnail_height=THUMBNAIL[1])
    return jsonify(answer)


THUMBNAIL = (960, 600)
"""The size of an embed's PNG, which an answer names as its thumbnail only where it fits within
maxwidth and maxheight (the thumbnail respects them too)."""
