"""The language of each request: ?lang= in the URL, then Accept-Language, then the default.

A page is one GET (its URL carries ?lang=) followed by Dash's callback requests, whose
Referer is the page's URL; the same rule reads the language from either, so a layout,
a callback and the page's <html lang> always agree. Pages keep ?lang= in every link.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import parse_qs, urlsplit

from flask import Flask, g, request

from layouts import i18n
from layouts.i18n import N_, _

HTML_TAG = re.compile(r"<html[^>]*>")
APP_TITLE = N_("City SDG Dashboard")


def requested_language() -> str | None:
    if "lang" in request.args:
        return request.args.get("lang")
    if request.referrer and request.path.startswith(("/_dash-", "/api/")):
        referrer = urlsplit(request.referrer)
        if referrer.netloc == request.host:
            return (parse_qs(referrer.query).get("lang") or [None])[-1]
    return None


def request_language() -> str:
    accepted = [value for value, _quality in request.accept_languages]
    return i18n.choose(requested_language(), accepted)


def html_tag(language: str) -> str:
    return f'<html lang="{language}" dir="{i18n.direction(language)}">'


def install(server: Flask) -> None:
    """Sets the language for every request and writes it into each page's <html> tag."""

    @server.before_request
    def set_language() -> None:
        g.language_token = i18n.set_language(request_language())

    @server.teardown_request
    def forget_language(_error=None) -> None:
        # a worker thread (or a test) must not keep this request's language for the next one
        token = g.pop("language_token", None)
        if token is not None:
            with contextlib.suppress(ValueError):  # set in another context: nothing of ours to undo
                i18n.reset_language(token)

    @server.after_request
    def mark_page(response):
        # Callbacks read the page's language from the Referer, so keep it whole on our own
        # origin and send none to other sites.
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers["Content-Language"] = i18n.language()
        response.vary.add("Accept-Language")
        # the API's documentation page is written in English only, whatever the request's language
        if (response.mimetype == "text/html" and not response.direct_passthrough
                and not request.path.startswith("/api/")):
            body = response.get_data(as_text=True)
            if body.lstrip().lower().startswith("<!doctype html>"):
                body = HTML_TAG.sub(html_tag(i18n.language()), body, count=1)
                # the first title, before Dash's router sets the page's own: the app's name
                body = body.replace(f"<title>{APP_TITLE}</title>", f"<title>{_(APP_TITLE)}</title>", 1)
                response.set_data(body)
        return response
