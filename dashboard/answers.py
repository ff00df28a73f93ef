"""Whole answers of the expensive GET endpoints (API, embeds, embed pictures) kept in the shared
cache, keyed by (data version, language, path and normalised query): one server computes an
answer, every server behind the same Redis serves it. `X-Cache: hit|miss` says which happened."""

from __future__ import annotations

from flask import Flask, Response, g, request

from dashboard import data
from dashboard.cache import cache, key
from layouts import i18n
from loaders.store import VERSION_NAME

CACHED_PATHS = ("/api/v1/", "/embed/")
KEPT_HEADERS = ("Content-Type", "Cache-Control", "X-Data-Version", "X-Total-Count", "Link",
                "Content-Disposition")
MAX_BYTES = 5_000_000
"""Answers larger than this (a whole table as CSV) are served but not kept."""


def cacheable() -> bool:
    return request.method in ("GET", "HEAD") and request.path.startswith(CACHED_PATHS) \
        and request.path != "/api/v1/"


def version() -> str | None:
    """The version an answer will come from; None (not cached) for a name no version can have."""
    asked = request.args.get("version")
    if asked:
        return asked if VERSION_NAME.fullmatch(asked) else None
    return data.serving_store().current_version()


def install(server: Flask) -> None:
    """Call after the language is set per request (dashboard.language.install)."""

    @server.before_request
    def serve_kept() -> Response | None:
        if not cacheable():
            return None
        served = version()
        if served is None:
            return None
        state = [("path", request.path), *request.args.items(multi=True)]
        g.answer_version, g.answer_key = served, key("answer", served, i18n.language(), state)
        found = cache.get(g.answer_key)
        if found is None:
            return None
        status, headers, body = found
        response = Response(body, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers["X-Cache"] = "hit"
        return response

    @server.after_request
    def keep(response: Response) -> Response:
        if "answer_key" not in g or response.headers.get("X-Cache") == "hit":
            return response
        response.headers["X-Cache"] = "miss"
        # an import between reading CURRENT and building the answer: keep it only under its own version
        same_version = response.headers.get("X-Data-Version") == g.answer_version
        if response.status_code == 200 and same_version and not response.direct_passthrough:
            body = response.get_data()
            if len(body) <= MAX_BYTES:
                headers = [(k, v) for k, v in response.headers.items() if k in KEPT_HEADERS]
                cache.set(g.answer_key, (response.status_code, headers, body))
        return response

