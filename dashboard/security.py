"""Security headers on every response (flask-talisman), the proxy in front, and request size limits.

Pages get a Content-Security-Policy that allows only this origin's scripts plus the hashes of
Dash's own inline scripts (no 'unsafe-inline' for scripts); styles keep 'unsafe-inline' because
plotly.js and Dash components set element styles at run time. Pages may be framed only by this
origin; embeds by the sites in $CITY_SDG_EMBED_ANCESTORS (default any), with no X-Frame-Options.
HSTS is sent only on HTTPS requests (directly, or as told by a trusted proxy).
"""

from __future__ import annotations

import threading

import dash
from flask import Flask
from flask_talisman import Talisman
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import config

EMBED_ENDPOINTS = ("embed",)
"""Views that other sites may frame (the /embed/<view> documents, their pictures and 404 pages)."""
PERMISSIONS = {feature: "()" for feature in (
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
    "payment", "usb", "browsing-topics")}
COMMON = {
    "default-src": "'self'",
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": "'self'",
    "object-src": "'none'",
}


def page_policy(app: dash.Dash) -> dict[str, str | list[str]]:
    """The pages' policy; its script hashes are completed by `hash_inline_scripts` once Dash has set
    itself up (Dash Pages adds its own clientside callback on the first request)."""
    return {**COMMON, "script-src": ["'self'", *app.csp_hashes()], "base-uri": "'self'",
            "form-action": "'self'", "frame-ancestors": "'self'"}


def hash_inline_scripts(app: dash.Dash, policy: dict) -> None:
    """After Dash's own first-request setup (a before_request registered before this one), put the
    hash of every inline script it will write into the pages' policy, once."""
    done = threading.Event()

    @app.server.before_request
    def complete_policy() -> None:
        if not done.is_set():
            policy["script-src"] = ["'self'", *app.csp_hashes()]
            done.set()


def embed_policy() -> dict[str, str | list[str]]:
    return {**COMMON, "script-src": "'self'", "base-uri": "'none'", "form-action": "'none'",
            "frame-ancestors": config.embed_frame_ancestors()}


def untrusted_scheme_dropped(wsgi_app):
    """With no proxy trusted ($CITY_SDG_PROXIES unset), a client's own `X-Forwarded-Proto` is not
    believed: flask-talisman read it and sent Strict-Transport-Security over plain HTTP to whoever
    sent `X-Forwarded-Proto: https`."""
    def app(environ, start_response):
        environ.pop("HTTP_X_FORWARDED_PROTO", None)
        return wsgi_app(environ, start_response)
    return app


def install(app: dash.Dash) -> Talisman:
    """Headers and limits for `app`'s server; call last in the app factory."""
    server: Flask = app.server
    proxies = config.trusted_proxies()
    if proxies:
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies,
                                   x_prefix=proxies)
    else:
        server.wsgi_app = untrusted_scheme_dropped(server.wsgi_app)
    server.config["MAX_CONTENT_LENGTH"] = config.max_request_bytes()
    server.config["MAX_FORM_MEMORY_SIZE"] = config.max_request_bytes()
    talisman = Talisman(
        server,
        force_https=False,  # TLS ends at the proxy; redirecting here would loop behind plain-http proxies
        strict_transport_security=True,
        strict_transport_security_max_age=31536000,
        content_security_policy=page_policy(app),
        frame_options="SAMEORIGIN",
        referrer_policy="same-origin",  # callbacks read the page's language from the Referer
        permissions_policy=PERMISSIONS,
        session_cookie_secure=False,
        x_xss_protection=False,
    )
    hash_inline_scripts(app, talisman.content_security_policy)  # talisman keeps its own copy
    for endpoint in EMBED_ENDPOINTS:
        view = server.view_functions[endpoint]
        view.talisman_view_options = {"frame_options": None, "content_security_policy": embed_policy()}
    return talisman
