"""The open data API at /api/v1: a Flask blueprint; `register(server)` adds it to the app's server."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, abort, redirect, request

from dashboard import config, data
from dashboard.api import docs_page, errors, openapi, params, respond, tables, views
from dashboard.api.spec import PREFIX, RESOURCES, Resource
from layouts.echo import said
from layouts.i18n import _
from views import registry

NAME = "api_v1"
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
"""Every method reaches the blueprint, so that a write gets the API's JSON 405, not the app's page."""
EXPOSED = "Link, X-Total-Count, X-Data-Version, Content-Disposition"

blueprint = Blueprint(NAME, __name__, url_prefix="/api")
errors.register(blueprint)


def register(server: Flask) -> None:
    """Serve the API from `server` (once; a second call does nothing)."""
    if NAME not in server.blueprints:
        server.register_blueprint(blueprint)


@blueprint.before_request
def read_only() -> Response | None:
    if request.method == "OPTIONS":
        response = Response(status=204)
        response.headers["Allow"] = response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "*"
        response.headers["Access-Control-Max-Age"] = "86400"
        return response
    if request.method not in ("GET", "HEAD"):
        abort(405)
    return None


@blueprint.after_request
def open_data(response: Response) -> Response:
    """Open to every origin, and never a cookie: the API keeps no state about anyone."""
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers.remove("Set-Cookie")
    return response


def table_response(resource: Resource, suffix: str | None) -> Response:
    args = params.Args(request.args, resource)
    fmt = args.format(suffix)
    root, version = tables.resolve(args.get("version"))
    limit, offset = args.paging()
    positions, filename = None, f"city-sdg-{resource.name.replace('/', '-')}-{version}"
    paged = None
    if resource.kind == "table":
        filters = params.filters(args, tables.reference(root, version), version)
        paged = tables.page_from_disk(resource, root, version, filters, limit, offset)
        if paged is None:
            frame, positions = tables.select(resource, root, version, filters)
    elif resource.name == "explore":
        frame, filename = views.explore_rows(args, root, version)
    elif resource.name == "projects":
        frame, filename = views.project_rows(args, root, version)
    else:
        frame = views.version_rows(root)
    if paged is not None:
        rows, total = paged
    else:
        total = len(frame) if positions is None else len(positions)
        rows = respond.page(frame, positions, limit, offset)
    demo = bool(tables.meta(root, version).get("demo"))
    meta = {"resource": resource.name, "version": version, "demo": demo, "total": total,
            "limit": limit, "offset": offset,
            "next": respond.next_url(args.raw, version, total, limit, offset)}
    return respond.rows(rows, meta, fmt, filename, pinned=args.get("version") is not None)


def route(resource: Resource) -> None:
    def serve(suffix: str | None = None) -> Response:
        return table_response(resource, suffix)

    endpoint = resource.name.replace("/", "_")
    blueprint.add_url_rule(f"/v1/{resource.name}", endpoint, serve, methods=METHODS)
    blueprint.add_url_rule(f"/v1/{resource.name}.<suffix>", endpoint, serve, methods=METHODS)


for _resource in RESOURCES.values():
    if _resource.kind != "version":
        route(_resource)


@blueprint.route("/v1/versions/<version>", methods=METHODS)
def one_version(version: str) -> Response:
    resource = RESOURCES["versions/{version}"]
    args = params.Args(request.args, resource)
    version, suffix = views.split_suffix(version)
    fmt = args.format(suffix)
    root, version = tables.resolve(version)
    meta = views.version_meta(root, version)
    return respond.document({"data": meta, "meta": {"resource": "versions", "version": version,
                                                    "format": fmt}}, version)


@blueprint.route("/v1/", methods=METHODS)
def docs() -> str:
    root, version = tables.resolve(None)
    return docs_page.render(config.public_url(request.root_url) + "/", version, tables.samples(root, version))


@blueprint.route("/v1/views", methods=METHODS)
@blueprint.route("/v1/views.json", methods=METHODS)
def view_declarations() -> Response:
    """Every view's parameters as declared once: key, kind, label, choices and default for this data
    version (what the static site's script and other clients build their controls and links from)."""
    takes_only(f"{PREFIX}/views", "version", "lang")
    root, version = tables.resolve(request.args.get("version"))
    declarations = registry.describe(data.load_version(root, version))
    embeds = {name: {"what": e.what, "height": e.height} for name, e in registry.EMBEDS.items()}
    return respond.document({"data": {"views": declarations, "embeds": embeds},
                             "meta": {"resource": "views", "version": version}}, version)


@blueprint.route("/v1/openapi.json", methods=METHODS)
def openapi_json() -> Response:
    takes_only(f"{PREFIX}/openapi.json", "lang")
    return respond.document(openapi.description(config.public_url(request.root_url) + "/"))


def takes_only(resource: str, *names: str) -> None:
    """A 400 for a parameter `resource` does not take, as every other resource answers: `views` and
    `openapi.json` answered 200 to `?bogus=1`."""
    for key in request.args:
        if key not in names:
            message = _("'{parameter}' is not a parameter of {resource}; it takes: {names}.")
            raise errors.bad(key, message.format(parameter=said(key), resource=resource,
                                                 names=", ".join(names)))


@blueprint.route("", methods=METHODS)
@blueprint.route("/", methods=METHODS)
@blueprint.route("/v1", methods=METHODS)
def home() -> Response:
    return redirect(f"{PREFIX}/", code=302)


@blueprint.route("/<path:rest>", methods=METHODS)
def unknown(rest: str) -> Response:
    abort(404)
