"""Dash callback requests checked before Dash reads them: a body that is not a callback request, or
names no callback of this app, gets 400 with a reason instead of an error inside Dash; a callback
that fails on the values it was sent answers 400 too (its traceback goes to the log only)."""

from __future__ import annotations

import logging

import dash
from flask import Response, request

from dashboard.health import DASH_CALLBACK, callback_body, loggable, plain

log = logging.getLogger("city_sdg.callbacks")
LOGGED: set[tuple[str, str]] = set()
"""(callback output, error type) whose stack this process has logged once already."""


def problem(payload: object, known: dict) -> str | None:
    """Why `payload` is not a callback request of this app, or None when it is one."""
    if not isinstance(payload, dict):
        return "the body must be a JSON object"
    output = payload.get("output")
    if not isinstance(output, str) or output not in known:
        return "the body names no callback of this app"
    for name in ("inputs", "state"):
        items = payload.get(name, [])
        if not isinstance(items, list):
            return f"'{name}' must be a list"
        for item in items:
            flat = item if isinstance(item, list) else [item]  # pattern-matching inputs come as lists
            if not all(isinstance(i, dict) and "id" in i and isinstance(i.get("property"), str)
                       for i in flat):
                return f"each of '{name}' needs an id and a property"
    if not isinstance(payload.get("changedPropIds", []), list):
        return "'changedPropIds' must be a list"
    outputs = payload.get("outputs")
    if not isinstance(outputs, dict | list):
        return "'outputs' is missing"
    flat = [one for item in (outputs if isinstance(outputs, list) else [outputs])
            for one in (item if isinstance(item, list) else [item])]  # pattern-matching ones as lists
    if not all(isinstance(i, dict) and "id" in i and isinstance(i.get("property"), str) for i in flat):
        return "each of 'outputs' needs an id and a property"
    if "{" not in output and [f"{i['id']}.{i['property']}" for i in flat] != declared(output):
        return "'outputs' are not the callback's"  # Dash failed on these inside, a traceback a request
    return None


def declared(output: str) -> list[str]:
    """The "id.property" outputs Dash names in a callback's key: "id.prop", or "..a.x...b.y.." for several."""
    return output[2:-2].split("...") if output.startswith("..") and output.endswith("..") else [output]


def refuse(reason: str) -> Response:
    return plain({"error": {"status": 400, "message": f"Not a callback request: {reason}."}}, 400)


def install(app: dash.Dash) -> None:
    server = app.server

    @server.before_request
    def check_callback() -> Response | None:
        if request.path != DASH_CALLBACK or request.method != "POST":
            return None
        if request.content_length and request.content_length > (server.config["MAX_CONTENT_LENGTH"] or 0):
            return plain({"error": {"status": 413, "message": "The request is too large."}}, 413)
        reason = problem(callback_body(), app.callback_map)
        return refuse(reason) if reason else None

    @server.errorhandler(Exception)
    def callback_failed(error: Exception):
        from werkzeug.exceptions import HTTPException

        if isinstance(error, HTTPException):
            return error
        if request.path == DASH_CALLBACK:
            sent = callback_body()
            output = sent.get("output") if isinstance(sent, dict) else None
            # the stack once per callback and kind of error: a client posting bad values in a loop
            # wrote 30 lines a request into the log
            seen = (str(output), type(error).__name__)
            first = seen not in LOGGED and len(LOGGED) < 256
            if first:  # at most 256 kept: past them, one line each
                LOGGED.add(seen)
            log.warning("callback %s failed on the values sent (%s)", loggable(output, 120),
                        loggable(f"{type(error).__name__}: {error}", 200), exc_info=error if first else None)
            return plain({"error": {"status": 400, "message": "These values cannot be shown."}}, 400)
        log.error("%s %s failed", loggable(request.method, 20), loggable(request.full_path), exc_info=error)
        if request.method in ("GET", "HEAD") and wants_html():
            return error_page()
        return plain({"error": {"status": 500, "message": "Something went wrong on the server; "
                                "the error has been logged."}}, 500)


def wants_html() -> bool:
    """A browser asking for a page (HTML preferred to JSON), not a script or a client of the data
    (`*/*`, as curl and python-requests send it, gets JSON)."""
    return request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html"


def error_page() -> Response:
    """A page a reader can leave (a link to the map), in their language, where a page failed: it
    once answered with the JSON a script gets, with no way back."""
    from html import escape

    from dashboard.delivery import files
    from layouts import i18n
    from layouts.i18n import _

    try:
        language, css, home = i18n.language(), files.url("bootstrap.min.css"), i18n.href("/")
    except Exception:  # noqa: BLE001 - the page that failed must not fail again here
        language, css, home = "en", "", "/"
    title = _("This page could not be shown")
    said = _("Something went wrong on the server; the error has been logged. Other pages may still work.")
    link = f'<link rel="stylesheet" href="{escape(css)}">' if css else ""
    body = (f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>{link}</head><body><main class=\"container py-4\">"
            f'<h1 class="h3">{escape(title)}</h1><p>{escape(said)}</p>'
            f'<p><a href="{escape(home)}">{escape(_("Back to the map"))}</a></p></main></body></html>')
    return Response(body, 500, content_type="text/html; charset=utf-8")
