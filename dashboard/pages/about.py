"""About: methodology, the sources of the data on screen, and the accessibility statement."""

from __future__ import annotations

import dash
import pandas as pd
from dash import dcc, html

from dashboard import data
from dashboard.chrome import page_messages
from layouts.tables import data_table
from loaders.paths import DOCS_DIR

dash.register_page(__name__, path="/about", title="About City SDG Dashboard", name="About")


def doc(name: str) -> str:
    path = DOCS_DIR / name
    return path.read_text(encoding="utf-8") if path.is_file() else f"({name} is missing.)"


def sources_table(meta: dict) -> pd.DataFrame:
    rows = [
        {
            "Source": s.get("name") or s.get("file", ""),
            "Format": s.get("format", ""),
            "Publisher": s.get("publisher", ""),
            "Licence": s.get("licence") or s.get("license", ""),
            "Imported": s.get("imported", ""),
        }
        for s in meta.get("sources", [])
    ]
    return pd.DataFrame(rows, columns=["Source", "Format", "Publisher", "Licence", "Imported"])


def layout(**query: str) -> html.Div:
    store = data.current()
    kind = "demonstration data" if store.is_demo else "imported data"
    return html.Div(
        [
            page_messages(store, []),
            html.H1("About this dashboard", className="h3"),
            html.Nav(html.Ul([
                html.Li(html.A("Data on screen", href="#sources")),
                html.Li(html.A("Methodology", href="#methodology")),
                html.Li(html.A("Accessibility", href="#accessibility")),
            ]), **{"aria-label": "On this page"}),
            html.H2("Data on screen", id="sources", className="h4 mt-3"),
            html.P(f"Data version {store.version} ({kind}), created "
                   f"{store.meta.get('created', 'at an unknown time')}."),
            data_table(sources_table(store.meta), "Sources of the current data version"),
            html.P("Place names, coordinates and populations: GeoNames (CC BY 4.0, geonames.org). "
                   "Map boundaries: Natural Earth (public domain)."),
            html.Section(dcc.Markdown(doc("methodology.md")), id="methodology",
                         className="mt-4 markdown-doc"),
            html.Section(dcc.Markdown(doc("accessibility.md")), id="accessibility",
                         className="mt-4 markdown-doc"),
        ]
    )
