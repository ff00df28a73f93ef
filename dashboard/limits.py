"""Rate limits per client for the expensive endpoints (embed pictures, embeds, the API), kept in
the shared Redis when there is one so every server counts the same client once; while Redis is
unreachable each process counts in memory and serving goes on."""

from __future__ import annotations

import time

from flask import Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from dashboard import config

PICTURE_SUFFIXES = (".png", ".svg")


def is_picture() -> bool:
    return request.path.startswith("/embed/") and request.path.endswith(PICTURE_SUFFIXES)


def install(server: Flask, api_blueprint) -> Limiter:
    """Call after the embed routes and the API blueprint are registered."""
    rates = config.rate_limits()
    shared = config.cache_url() if config.cache_url().startswith("redis") else ""  # not a file:// cache
    limiter = Limiter(
        get_remote_address,  # the client's address; behind a proxy, ProxyFix ($CITY_SDG_PROXIES) sets it
        app=server,
        storage_uri=shared or "memory://",
        storage_options={"socket_connect_timeout": 0.5, "socket_timeout": 1.0} if shared else {},
        key_prefix="city-sdg-limits",
        headers_enabled=False,  # its headers would overwrite the picture pool's own Retry-After
        swallow_errors=True,
        in_memory_fallback_enabled=True,
        strategy="moving-window",
    )
    embed_view = server.view_functions["embed"]
    limited = limiter.limit(rates["pictures"], scope="pictures", exempt_when=lambda: not is_picture())(
        limiter.limit(rates["embeds"], scope="embeds", exempt_when=is_picture)(embed_view))
    server.view_functions["embed"] = limited
    limiter.limit(rates["api"], scope="api")(api_blueprint)

    @server.after_request
    def retry_after(response: Response) -> Response:
        current = limiter.current_limit
        if response.status_code == 429 and current is not None:
            response.headers["Retry-After"] = str(max(1, int(current.reset_at - time.time())))
            response.headers["Cache-Control"] = "no-store"
        return response

    return limiter
