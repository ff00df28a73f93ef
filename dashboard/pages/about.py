"""About: methodology, the sources of the data on screen, and the accessibility statement."""

from __future__ import annotations

import dash
from dash import dcc, html

from dashboard import data, docs_text
from dashboard.chrome import page_messages
from dashboard.docs_text import document
from dashboard.pages.about_parts import not_drawn, rating_guide, version_line, what_it_shows
from layouts import i18n
from layouts.i18n import _
from layouts.sources import sources_table
from layouts.tables import data_table
from layouts.texts import language_name

dash.register_page(__name__, path="/about", title=lambda: _("About City SDG Dashboard"), name="About")


def doc_section(name: str, section_id: str) -> html.Section:
    """A document as a page section, tagged with its own language; when it is shown in English
    to a reader of another language, a note in the reader's language says so at its top."""
    found = document(name)
    if found is None:
        return html.Section(html.P(_("The document {name} is missing.").format(name=name)),
                            id=section_id, className="mt-4 markdown-doc")
    content, code = found
    note = []
    if code != i18n.language():
        note = [html.P(
            _("This section is not yet available in {language}; it is shown in English.").format(
                language=language_name(i18n.language())),
            className="alert alert-info small doc-fallback", lang=i18n.language(), dir=i18n.direction(),
        )]
    return html.Section([*note, dcc.Markdown(docs_text.page_links(content))], id=section_id, lang=code,
                        dir=i18n.direction(code), className="mt-4 markdown-doc")


def layout(**query: str) -> html.Div:
    store = data.current()
    return html.Div(
        [
            page_messages(store, []),
            html.H1(_("About this dashboard"), className="h3"),
            html.Nav(html.Ul([
                html.Li(html.A(_("What this dashboard shows"), href="#what")),
                html.Li(html.A(_("How to read a rating"), href="#ratings")),
                html.Li(html.A(_("Places that are not on the map"), href="#not-drawn")),
                html.Li(html.A(_("Where the data come from"), href="#sources")),
                html.Li(html.A(_("Full methodology"), href="#methodology")),
                html.Li(html.A(_("Accessibility"), href="#accessibility")),
            ]), **{"aria-label": _("On this page")}),
            what_it_shows(),
            rating_guide(store),
            not_drawn(),
            html.H2(_("Where the data come from"), id="sources", className="h4 mt-4"),
            html.P(version_line(store)),
            data_table(sources_table(store.meta), _("Sources of the data on screen")),
            html.Details([html.Summary(_("Full methodology (for specialists)"), className="h5"),
                          doc_section("methodology.md", "methodology")], className="mt-4"),
            html.Details([html.Summary(_("Accessibility statement"), className="h5"),
                          doc_section("accessibility.md", "accessibility")], className="mt-3"),
        ]
    )
