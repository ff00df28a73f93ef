"""About: methodology, the sources of the data on screen, and the accessibility statement."""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard import data
from dashboard.chrome import page_messages
from dashboard.paths import DOCS_DIR
from layouts import i18n
from layouts.i18n import _
from layouts.tables import data_table
from layouts.texts import language_name
from loaders.store import StoreData

dash.register_page(__name__, path="/about", title=lambda: _("About City SDG Dashboard"), name="About")


def document(name: str) -> tuple[str, str] | None:
    """The text of docs/<language>/<name> for the language in force, else of the English
    docs/<name>, with the language it is written in; None when neither exists."""
    language = i18n.language()
    for code, path in ((language, DOCS_DIR / language / name), (i18n.SOURCE_LANGUAGE, DOCS_DIR / name)):
        if path.is_file():
            return path.read_text(encoding="utf-8"), code
    return None


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
    return html.Section([*note, dcc.Markdown(content)], id=section_id, lang=code,
                        dir=i18n.direction(code), className="mt-4 markdown-doc")


def sources_table(meta: dict) -> pd.DataFrame:
    columns = [_("Source"), _("Format"), _("Publisher"), _("Licence"), _("Imported")]
    rows = [
        [
            s.get("name") or s.get("file", ""),
            s.get("format", ""),
            s.get("publisher", ""),
            s.get("licence") or s.get("license", ""),
            i18n.day(s.get("imported")),
        ]
        for s in meta.get("sources", [])
    ]
    return pd.DataFrame(rows, columns=columns)


def version_line(store: StoreData) -> str:
    created = i18n.day(store.meta.get("created"))
    if store.is_demo and created:
        line = _("Data version {version} (demonstration data), created on {date}.")
    elif store.is_demo:
        line = _("Data version {version} (demonstration data), created at an unknown time.")
    elif created:
        line = _("Data version {version} (imported data), created on {date}.")
    else:
        line = _("Data version {version} (imported data), created at an unknown time.")
    return line.format(version=store.version, date=created)


def layout(**query: str) -> html.Div:
    store = data.current()
    return html.Div(
        [
            page_messages(store, []),
            html.H1(_("About this dashboard"), className="h3"),
            html.Nav(html.Ul([
                html.Li(html.A(_("Data on screen"), href="#sources")),
                html.Li(html.A(_("Methodology"), href="#methodology")),
                html.Li(html.A(_("Accessibility"), href="#accessibility")),
            ]), **{"aria-label": _("On this page")}),
            html.H2(_("Data on screen"), id="sources", className="h4 mt-3"),
            html.P(version_line(store)),
            data_table(sources_table(store.meta), _("Sources of the current data version")),
            html.P(_("Place names, coordinates and populations: GeoNames (CC BY 4.0, geonames.org). "
                     "Map boundaries: Natural Earth (public domain).")),
            doc_section("methodology.md", "methodology"),
            doc_section("accessibility.md", "accessibility"),
        ]
    )
