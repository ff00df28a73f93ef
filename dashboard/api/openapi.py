"""The OpenAPI 3.1 description, generated from the same spec the routes read, so the two cannot drift."""

from __future__ import annotations

from dashboard.api.columns import Column
from dashboard.api.spec import DEFAULT_LIMIT, MAX_LIMIT, PREFIX, RESOURCES, Param, Resource, accepted
from layouts.years import ASKED_PERIOD

INTRO = (
    "Open data behind the City SDG Dashboard: places, indicators, observations, scores, projects and "
    "data versions, as JSON (default) or CSV (`?format=csv` or a `.csv` ending). Read-only, no key, "
    f"no cookies, CORS open to every origin. Table resources return {DEFAULT_LIMIT:,} rows per page by "
    f"default (at most {MAX_LIMIT:,}); `meta.next` and the `Link` header give the next page. "
    "Missing values are null in JSON and empty in CSV. Errors are JSON: "
    '`{"error": {"status", "parameter", "message"}}`.'
)


YEAR = {"oneOf": [{"type": "integer"},
                   {"type": "string", "pattern": f"^{ASKED_PERIOD}$",
                    "description": "A period the data writes (2020-21, 2020/21): the year it ends."}]}
"""A year as the API reads it (`layouts.years.asked`): a whole number, or a period the data writes.
The pattern is the shape of every period it can read; which periods a version writes, its errors
name (Bristol's 2012-13 to 2020-21)."""


def parameter(param: Param) -> dict:
    item = dict(YEAR) if param.type == "year" else {"type": param.type}
    if param.enum:
        item["enum"] = list(param.enum)
    schema = {"type": "string", "pattern": r"^[^,]+(,[^,]+)*$"} if param.many else item
    out = {"name": param.name, "in": "query", "required": False, "description": param.description,
           "schema": schema}
    if param.example:
        out["example"] = param.example
    return out


def column(col: Column) -> dict:
    return {"type": [col.type, "null"], "description": col.description}


def row_schema(resource: Resource) -> dict:
    schema = {"type": "object", "properties": {c.name: column(c) for c in resource.columns}}
    if resource.name == "explore":
        schema["additionalProperties"] = {"type": ["number", "null"],
                                          "description": "Scatter view: one column per indicator id."}
    return schema


def envelope(name: str) -> dict:
    return {"type": "object", "required": ["data", "meta"], "properties": {
        "data": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}},
        "meta": {"$ref": "#/components/schemas/Meta"}}}


def operation(resource: Resource, key: str) -> dict:
    ok = {"application/json": {"schema": envelope(key) if resource.columns else {"type": "object"}}}
    if "csv" in resource.formats:
        ok["text/csv"] = {"schema": {"type": "string"}}
    params = [parameter(p) for p in accepted(resource).values()]
    if resource.kind == "version":
        params.insert(0, {"name": "version", "in": "path", "required": True, "schema": {"type": "string"}})
        params = [p for p in params if (p["name"], p["in"]) != ("version", "query")]
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {"get": {
        "summary": resource.title, "description": resource.description, "operationId": key,
        "parameters": params,
        "responses": {"200": {"description": resource.title, "content": ok},
                      "400": {"description": "A bad parameter, named in the error.", "content": error},
                      "404": {"description": "Unknown resource or data version.", "content": error}}}}


def schema_name(resource: Resource) -> str:
    return "".join(part.capitalize() for part in resource.name.replace("{version}", "one").split("/"))


META = {"type": "object", "properties": {
    "resource": {"type": "string"}, "version": {"type": "string"}, "demo": {"type": "boolean"},
    "total": {"type": "integer", "description": "Rows that pass the filters."},
    "count": {"type": "integer", "description": "Rows in this page."},
    "limit": {"type": ["integer", "null"]}, "offset": {"type": "integer"},
    "columns": {"type": "array", "items": {"type": "string"}},
    "next": {"type": ["string", "null"], "description": "URL of the next page, null on the last."}}}
ERROR = {"type": "object", "properties": {"error": {"type": "object", "properties": {
    "status": {"type": "integer"}, "parameter": {"type": ["string", "null"]},
    "message": {"type": "string"}}}}}


def description(server_url: str = "") -> dict:
    """The whole OpenAPI document; `server_url` is this server's root ('' for relative)."""
    schemas = {schema_name(r): row_schema(r) for r in RESOURCES.values() if r.columns}
    return {
        "openapi": "3.1.0",
        "info": {"title": "City SDG Dashboard open data API", "version": "1.0.0", "description": INTRO},
        "servers": [{"url": server_url.rstrip("/") + PREFIX}],
        "paths": {f"/{r.name}": operation(r, schema_name(r)) for r in RESOURCES.values()},
        "components": {"schemas": {**schemas, "Meta": META, "Error": ERROR}},
    }
