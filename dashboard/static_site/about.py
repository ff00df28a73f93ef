"""The About page of the export (data on screen, methodology, accessibility) and the root page that
sends a reader to a language."""

from __future__ import annotations

from html import escape

from dashboard import docs_text
from dashboard.docs_text import document
from dashboard.embed.markup import render
from dashboard.pages.about_parts import not_drawn, rating_guide, version_line, what_it_shows
from dashboard.static_site.frame import Site, page
from dashboard.static_site.output import Output
from layouts import i18n
from layouts.i18n import N_, _
from layouts.sources import sources_table
from layouts.tables import data_table
from loaders.store import StoreData

EXTRACTED = (
    N_("About this dashboard"),
    N_("Data on screen"),
)
"""Words used inside f-strings, where the catalogue's extractor does not look; listed here so
they reach the catalogues."""


def doc_section(name: str, section_id: str) -> str:
    found = document(name)
    if found is None:
        missing = _("The document {name} is missing.").format(name=name)
        return f'<section id="{section_id}"><p>{escape(missing)}</p></section>'
    content, code = found
    return (
        f'<section id="{section_id}" class="mt-4 markdown-doc" lang="{code}" dir="{i18n.direction(code)}">'
        f"{docs_text.html(content)}</section>"
    )


def about_page(out: Output, site: Site, store: StoreData) -> None:
    main = (
        f'<h1 class="h3">{escape(_("About this dashboard"))}</h1>'
        + render([what_it_shows(), rating_guide(store), not_drawn()])  # as the live page says them
        + f'<h2 class="h4 mt-3" id="sources">{escape(_("Data on screen"))}</h2>'
        f"<p>{escape(version_line(store))}</p>"
        + render(data_table(sources_table(store.meta), _("Sources of the current data version")))
        + doc_section("methodology.md", "methodology")
        + doc_section("accessibility.md", "accessibility")
    )
    out.write(
        site.path("about.html"),
        page(site, "about.html", _("About this dashboard"), main, plotly=False, script=False),
    )


def root_page(out: Output, languages: list[str], default: str) -> None:
    """index.html at the root: a link per language, and a move to the default one."""
    links = "".join(
        f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
        f"{escape(i18n.native_name(code))}</a></li>"
        for code in languages
    )
    alternates = "".join(
        f'<link rel="alternate" hreflang="{code}" href="{code}/index.html">' for code in languages
    )
    with i18n.use(default):  # in the language the page is marked with (it was English under lang="fr")
        name = escape(_("City SDG Dashboard"))
    out.write(
        "index.html",
        f"""<!DOCTYPE html>
<html lang="{default}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<meta http-equiv="refresh" content="0; url={default}/index.html">
<title>{name}</title>{alternates}</head>
<body><main><h1>{name}</h1><ul>{links}</ul></main></body></html>
""",
    )
