"""An address too long to read answered by the app itself, in the reader's language, before the web
server's own English-only page would be (docs/deploying.md, "Long addresses")."""

from __future__ import annotations

from urllib.parse import quote

from flask import Flask, Response, request

from dashboard.api.errors import error_response
from dashboard.embed.page import message_page
from layouts import i18n
from layouts.i18n import _

MOST_BYTES = 8000
"""Bytes of an address (path and query, as sent) the app reads at most. gunicorn refuses a request
line over 8,190 bytes (`serve.gunicorn_options`, its largest setting; nginx's default buffers take
8 KB) with its own page, in English; an address up to this many bytes reaches the app, which says
why in the reader's language; the few bytes between are the method and protocol's room."""


def length() -> int:
    """The address's length as the client sent it (gunicorn keeps it as RAW_URI)."""
    raw = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI")
    if raw:
        return len(raw.encode("latin-1", "replace"))
    query = request.query_string
    return len(quote(request.path).encode()) + (len(query) + 1 if query else 0)


def answer(size: int) -> Response:
    """414 as each part of the site answers an error: JSON for the API, text for a picture, a short
    page for everything else."""
    message = _("This address is {size} bytes long; this site reads addresses of up to {most} bytes. "
                "Ask for less in one address: fewer places, or a region or country instead.").format(
        size=i18n.integer(size), most=i18n.integer(MOST_BYTES))
    if request.path.startswith("/api/"):
        return error_response(414, message)
    if request.path.startswith("/embed/") and request.path.endswith((".png", ".svg")):
        return Response(message + "\n", 414, content_type="text/plain; charset=utf-8")
    return Response(message_page(414, message), 414, content_type="text/html; charset=utf-8")


def install(server: Flask) -> None:
    """Call right after the language is set per request (`language.install`), before any cached or
    computed answer."""

    @server.before_request
    def too_long() -> Response | None:
        size = length()
        return answer(size) if size > MOST_BYTES else None
