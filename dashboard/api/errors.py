"""API errors as JSON that names the bad parameter; never a traceback, whatever went wrong."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, request
from werkzeug.exceptions import HTTPException, default_exceptions

from dashboard.api.spec import PREFIX
from layouts.echo import said
from layouts.i18n import _

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")


class ApiError(Exception):
    """A request the API cannot answer: its HTTP status, the parameter at fault (if any), and why."""

    def __init__(self, status: int, message: str, parameter: str | None = None):
        super().__init__(message)
        self.status, self.message, self.parameter = status, message, parameter


def bad(parameter: str, message: str) -> ApiError:
    return ApiError(400, message, parameter)


def error_response(status: int, message: str, parameter: str | None = None) -> Response:
    # a parameter's name is said back as its value is: an unknown key may be 5,000 characters long
    named = None if parameter is None else said(parameter)
    body = {"error": {"status": status, "parameter": named, "message": message}}
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")


def http_message(error: HTTPException) -> str:
    if error.code == 404:
        return _("There is nothing at {path}; the list of resources is at {docs}.").format(
            path=said(request.path), docs=f"{PREFIX}/")
    if error.code == 405:
        return _("{method} is not allowed: the API is read-only, use GET.").format(method=request.method)
    return _("The request could not be served (HTTP {status}).").format(status=error.code)


def register(blueprint: Blueprint) -> None:
    """JSON for every error raised while serving the blueprint's routes."""

    @blueprint.errorhandler(ApiError)
    def api_error(error: ApiError) -> Response:
        return error_response(error.status, error.message, error.parameter)

    def http_error(error: HTTPException) -> Response:
        response = error_response(error.code or 500, http_message(error))
        if error.code == 405:
            response.headers["Allow"] = ", ".join(ALLOWED_METHODS)
        return response

    # by code as well: Flask prefers the app's handler for a code (Dash has one for 404) to ours by class
    for code in (HTTPException, *default_exceptions):
        blueprint.register_error_handler(code, http_error)

    @blueprint.errorhandler(Exception)
    def server_error(error: Exception) -> Response:
        current_app.logger.exception("API request %s failed", request.full_path)
        return error_response(500, _("Something went wrong on the server; the error has been logged."))
