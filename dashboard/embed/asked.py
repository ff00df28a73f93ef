"""A picture's address checked before anything is drawn: refused (400) where the chart would not be
the one asked for, and a HEAD answered without drawing."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Response

from layouts import i18n
from layouts.echo import said
from layouts.i18n import _
from loaders.store import StoreData
from views import registry
from views.base import NotAvailable
from views.params import blamed

RESERVED = ("lang", "version")
"""Read by every embed besides its view's own parameters."""


def refusal(name: str, fmt: str, query: Mapping[str, str], store: StoreData,
            language: str | None = None) -> str | None:
    """Why the picture `name` of `query` (and `language`, its ?lang=) is not drawn, or None. An
    embed page draws its default chart for a bad value and says so beside it; a picture has nowhere
    to say it (an <img> in a report, a slide), so `?goal=99` drew the SDG Index map as if asked for,
    and `?lang=xx` drew it in English."""
    names = registry.declaration(name).names
    if language and not spoken(language):
        return refused(_("'{value}' is not a language of this site; it speaks: {languages}.").format(
            value=said(language), languages=", ".join(i18n.languages())))
    if name in registry.EXPLORE_VIEWS and query.get("view", name) not in ("", name):  # the path names it
        return refused(_("'{value}' is not a value of '{parameter}' here.").format(
            value=said(query["view"]), parameter="view"))
    for key in query:
        if key not in names:
            reason = _("'{parameter}' is not a parameter of {resource}; it takes: {names}.").format(
                parameter=said(key), resource=f"/embed/{name}.{fmt}", names=", ".join([*names, *RESERVED]))
            return refused(reason)
    parse = registry.EMBEDS[name].parse
    problems = parse(query, store)[1]  # NotAvailable (a place the store lacks) goes on: a 404
    if not problems:
        return None

    def found(asked: Mapping[str, str]) -> list[str]:
        try:
            return parse(asked, store)[1]
        except NotAvailable:  # without that parameter the chart cannot be drawn at all: not to blame
            return problems

    culprit = blamed(found, query, names)
    message = (_("'{value}' is not accepted for '{parameter}' with the other parameters given.")
               if len(query) > 1 else _("'{value}' is not a value of '{parameter}' here."))
    page = _("The embed's page at the same address shows its default chart instead and says: {problems}")
    return refused(message.format(value=said(query[culprit]), parameter=culprit),
                   page.format(problems=" ".join(problems)))


def spoken(language: str) -> bool:
    """Whether ?lang= names a language of the site (`fr`, or `fr-CA` and `FR` by their language)."""
    return language in i18n.languages() or \
        language.replace("_", "-").split("-")[0].lower() in i18n.languages()


def refused(*reasons: str) -> str:
    return "\n".join([_("No picture is drawn for this address, so that it never shows another chart than "
                         "the one asked for."), *reasons]) + "\n"


def unseen(content_type: str, version: str) -> Response:
    """The answer to HEAD for a picture not drawn yet: the status and type GET would give, without
    drawing it (a flood of HEADs drew a picture each) and so without a Content-Length, which only
    the drawing knows (a HEAD of a picture already drawn is answered from the cache, with one)."""
    response = Response(status=200, content_type=content_type)  # given a body, it would say Content-Length: 0
    response.headers["X-Data-Version"] = version
    response.automatically_set_content_length = False
    return response
