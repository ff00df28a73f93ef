"""The open data as files: each API table as CSV and JSON (the API's columns, row order and JSON
envelope, without paging), observations also one file per indicator; and the sitemap."""

from __future__ import annotations

import json
import re
from html import escape
from xml.sax.saxutils import escape as xml_escape

import pandas as pd

from dashboard.api import tables
from dashboard.api.respond import records
from dashboard.api.spec import RESOURCES
from dashboard.static_site.frame import Site, page
from dashboard.static_site.output import Output, relative
from layouts.i18n import N_, _

EXTRACTED = (
    N_("Open data"),
    N_("Table"),
    N_("Rows"),
    N_("Files"),
)
"""Words used inside f-strings, where the catalogue's extractor does not look; listed here so
they reach the catalogues."""


def file_name(resource: str) -> str:
    return resource.replace("/", "-")


def safe_id(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", value).strip("-") or "indicator"


def encoded(frame: pd.DataFrame, version: str) -> tuple[str, str]:
    """CSV and JSON of a whole table, as the API answers without paging. The data version is named
    once, in data/version.json, not in every file: a file whose rows did not change stays the same
    file, so a new version rewrites only the tables and indicators it changed."""
    meta = {"total": len(frame), "count": len(frame), "columns": [str(c) for c in frame.columns]}
    return frame.to_csv(index=False), '{"data":' + records(frame) + ',"meta":' + json.dumps(meta) + "}"


LARGE = 10_000
"""Tables longer than this come as one JSON file per indicator (observations) or as CSV only: a whole
100,000-row table as JSON records is tens of megabytes, which a static host should not carry."""


def write_one(out: Output, stem: str, frame: pd.DataFrame, version: str, with_json: bool) -> tuple[str, ...]:
    csv, body = encoded(frame, version)
    out.write(stem + ".csv", csv)
    if not with_json:
        return ("csv",)
    out.write(stem + ".json", body)
    return ("csv", "json")


def write_tables(out: Output, root: str, version: str, projects: pd.DataFrame) -> list[tuple]:
    """(title, file stem, rows, formats) of every file written under data/."""
    out.write("data/version.json", json.dumps({"version": version}))
    listed = []
    for name, resource in RESOURCES.items():
        if resource.kind != "table":
            continue
        frame = tables.prepared(root, version, name).frame
        frame = frame.astype({c: "string" for c in frame if isinstance(frame[c].dtype, pd.CategoricalDtype)})
        stem = f"data/{file_name(name)}"
        listed.append(
            (resource.title, stem, len(frame), write_one(out, stem, frame, version, len(frame) <= LARGE))
        )
        if name == "observations":
            for indicator, rows in frame.groupby("indicator_id", sort=True, observed=True):
                stem = f"data/indicators/{safe_id(str(indicator))}"
                formats = write_one(out, stem, rows.reset_index(drop=True), version, True)
                listed.append((str(indicator), stem, len(rows), formats))
    listed.append(
        (
            "Projects",
            "data/projects",
            len(projects),
            write_one(out, "data/projects", projects, version, len(projects) <= LARGE),
        )
    )
    return listed


def data_page(out: Output, site: Site, listed: list[tuple]) -> None:
    here = site.path("data.html")
    rows = "".join(
        f'<tr><td>{escape(title)}</td><td class="text-end">{rows:,}</td><td>'
        + " · ".join(f'<a href="{relative(here, stem + "." + fmt)}">{fmt.upper()}</a>' for fmt in formats)
        + "</td></tr>"
        for title, stem, rows, formats in listed
    )
    intro = _(
        "The tables of the API as files: the same columns and row order, every row in one file. "
        "Observations are also split into one file per indicator. The longest tables come as CSV only."
    )
    main = (
        f'<h1 class="h3">{escape(_("Open data"))}</h1><p>{escape(intro)}</p>'
        f'<div class="table-responsive"><table class="table table-sm"><caption>{escape(_("Open data"))}'
        f'</caption><thead><tr><th scope="col">{escape(_("Table"))}</th><th scope="col">{escape(_("Rows"))}'
        f'</th><th scope="col">{escape(_("Files"))}</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )
    out.write(here, page(site, "data.html", _("Open data"), main, plotly=False, script=False))


def sitemap(out: Output, base_url: str, languages: list[str], pages: list[str]) -> None:
    """sitemap.xml with each page's language versions (absolute addresses need --base-url; without
    it the addresses are relative to the site's root)."""
    prefix = f"{base_url}/" if base_url else ""
    entries = []
    for path in pages:
        for code in languages:
            links = "".join(
                f'<xhtml:link rel="alternate" hreflang="{other}" '
                f'href="{xml_escape(prefix + other + "/" + path)}"/>'
                for other in languages
            )
            entries.append(f"<url><loc>{xml_escape(prefix + code + '/' + path)}</loc>{links}</url>")
    out.write(
        "sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n",
    )
