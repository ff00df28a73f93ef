"""The open data as files: each API table as CSV and JSON (the API's columns, row order and JSON
envelope, without paging), observations also one file per indicator; and the sitemap.

Compressed with gzip (which pandas, R, DuckDB, a browser's `DecompressionStream` and any archive tool
read, and which makes these files about a tenth of their size): every JSON file (the API's answer),
each indicator's CSV, and a whole table of more than `LARGE` rows (the observations and scores of
any but a small store), which comes as CSV only, its observations being in the per-indicator files
too. Other tables (places, indicators, projects: what a person opens in a spreadsheet) are plain
CSV. The demo's open data is 4 MB instead of 50."""

from __future__ import annotations

import gzip
import json
import re
from html import escape
from xml.sax.saxutils import escape as xml_escape

import pandas as pd

from dashboard.api import tables
from dashboard.api.respond import csv_text, records
from dashboard.api.spec import RESOURCES
from dashboard.static_site.frame import Site, page
from dashboard.static_site.output import Output, relative
from layouts import i18n, texts
from layouts.i18n import N_, _, ngettext
from layouts.reference import goal_label

EXTRACTED = (
    N_("Open data"),
    N_("Table"),
    N_("Rows"),
    N_("Files"),
    N_("Tables"),
    N_("Observations by indicator"),
    # the API tables' titles (dashboard/api/spec.py), shown in the reader's language
    N_("Places"),
    N_("Indicators"),
    N_("Observations"),
    N_("Indicator scores"),
    N_("Goal scores"),
    N_("SDG Index"),
    N_("Projects"),
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
    return csv_text(frame), '{"data":' + records(frame) + ',"meta":' + json.dumps(meta) + "}"


LARGE = 10_000
"""Whole tables longer than this come as compressed CSV (`.csv.gz`)."""


def packed(text: str) -> bytes:
    """gzip with no time stamp in it, so the same rows give the same bytes (an unchanged file is not
    written again)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def csv_suffix(rows: int) -> str:
    return ".csv.gz" if rows > LARGE else ".csv"


INDICATOR_CSV = ".csv.gz"
"""An indicator's observations: 150 places over 11 years is 120 kB of CSV, 9 kB compressed (the
source's name, repeated on every row, is most of it)."""


def write_one(
    out: Output, stem: str, frame: pd.DataFrame, version: str, whole: bool = True
) -> tuple[str, ...]:
    """The rows as CSV and compressed JSON; the suffixes written. A whole table (`whole`) longer than
    `LARGE` rows comes as compressed CSV only: its JSON would be a Python object per row to write (a
    25 M-row store's observations: tens of GB) and its rows are in the per-indicator files. An
    indicator's file (not `whole`) is always compressed CSV and compressed JSON, however long."""
    suffix = csv_suffix(len(frame)) if whole else INDICATOR_CSV
    if whole and suffix.endswith(".gz"):
        out.write(stem + suffix, packed(csv_text(frame)))
        return (suffix[1:],)
    csv, body = encoded(frame, version)
    out.write(stem + suffix, packed(csv) if suffix.endswith(".gz") else csv)
    out.write(stem + ".json.gz", packed(body))
    return (suffix[1:], "json.gz")


def table_file(name: str, rows: int) -> str:
    """The CSV file of the API table `name` (a key of RESOURCES) that has `rows` rows."""
    return f"data/{file_name(name)}{csv_suffix(rows)}"


def indicator_stem(indicator: str) -> str:
    """An indicator's open-data files without their suffix (`.csv.gz`, `.json.gz`)."""
    return f"data/indicators/{safe_id(indicator)}"


def indicator_file(indicator: str) -> str:
    return indicator_stem(indicator) + INDICATOR_CSV


def write_tables(out: Output, root: str, version: str) -> list[tuple]:
    """(title, file stem, rows, formats, indicator id or None) of every file written under data/."""
    out.write("data/version.json", json.dumps({"version": version}))
    listed = []
    for name, resource in RESOURCES.items():
        if resource.kind != "table":
            continue
        frame = tables.prepared(root, version, name).frame
        frame = frame.astype({c: "string" for c in frame if isinstance(frame[c].dtype, pd.CategoricalDtype)})
        stem = f"data/{file_name(name)}"
        listed.append((resource.title, stem, len(frame), write_one(out, stem, frame, version), None))
        if name == "observations":
            for indicator, rows in frame.groupby("indicator_id", sort=True, observed=True):
                stem = indicator_stem(str(indicator))
                formats = write_one(out, stem, rows.reset_index(drop=True), version, whole=False)
                listed.append((str(indicator), stem, len(rows), formats, str(indicator)))
    rows = api_projects(root, version)
    listed.append(("Projects", "data/projects", len(rows), write_one(out, "data/projects", rows, version),
                   None))
    return listed


def api_projects(root: str, version: str) -> pd.DataFrame:
    """The projects as the API answers `/api/v1/projects` (every row, in English): the stored table
    lacked the API's place name, region and country, and left blank the status an answer says is
    "not stated"."""
    from dashboard.api.params import Args
    from dashboard.api.views import project_rows

    with i18n.use("en"):
        rows, _name = project_rows(Args({}, RESOURCES["projects"]), root, version)
    return rows.astype({c: "string" for c in rows if isinstance(rows[c].dtype, pd.CategoricalDtype)})


def format_words(suffix: str) -> str:
    """`csv.gz` -> "CSV (gzip)"."""
    kind, _dot, packing = suffix.partition(".")
    return kind.upper() + (f" ({packing.replace('gz', 'gzip')})" if packing else "")


def data_page(out: Output, site: Site, listed: list[tuple]) -> None:
    """The open data files: the whole tables by their titles, then each indicator's files under its
    goal (a section per goal, closed: 65 indicators in one list were 8 screens on a phone), by the
    indicator's name in the page's language with its id, which names its files, beside it."""
    here = site.path("data.html")
    known = texts.indicator_texts(site.store).set_index("indicator_id")["name"] if site.store else {}

    def named(title: str, indicator: str | None) -> str:
        if indicator is None:
            return escape(_(title))
        name = known.get(indicator) if indicator in known else None
        shown = escape(str(name)) if isinstance(name, str) and name else ""
        return f'{shown} <code class="small">{escape(indicator)}</code>' if shown else escape(indicator)

    def table(caption: str, entries: list[tuple], hidden: bool = False) -> str:
        rows = "".join(
            f'<tr><td>{named(title, indicator)}</td><td class="text-end">{i18n.integer(count)}</td><td>'
            + " · ".join(
                f'<a href="{relative(here, stem + "." + fmt)}">{format_words(fmt)}</a>' for fmt in formats
            )
            + "</td></tr>"
            for title, stem, count, formats, indicator in entries
        )
        shown = ' class="visually-hidden"' if hidden else ""
        return (
            f'<div class="table-responsive"><table class="table table-sm caption-top">'
            f"<caption{shown}>{escape(caption)}</caption>"
            f'<thead><tr><th scope="col">{escape(_("Table"))}</th><th scope="col">'
            f'{escape(_("Rows"))}</th><th scope="col">{escape(_("Files"))}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )

    intro = _(
        "The tables of the API as files: the same columns and row order, every row in one file. "
        "Observations are also split into one file per indicator. Every JSON file, the files of each "
        "indicator and the CSV files of tables longer than {rows} rows are compressed with gzip (.gz), "
        "which pandas, R and other data tools read as they are and any archive tool opens; those long "
        "tables come as CSV only. The other tables are plain CSV for spreadsheets."
    ).format(rows=i18n.integer(LARGE))
    whole = [entry for entry in listed if entry[4] is None]
    sections = "".join(
        f'<details class="mb-2"><summary>{escape(heading)} · '
        + escape(ngettext("{count} indicator", "{count} indicators", len(entries)).format(
            count=i18n.integer(len(entries))))
        + f"</summary>{table(heading, entries, hidden=True)}</details>"
        for heading, entries in by_goal([entry for entry in listed if entry[4] is not None], site.store)
    )
    main = (
        f'<h1 class="h3">{escape(_("Open data"))}</h1><p>{escape(intro)}</p>'
        f'{table(_("Tables"), whole)}'
        + (f'<h2 class="h4 mt-4">{escape(_("Observations by indicator"))}</h2>{sections}' if sections else "")
    )
    out.write(here, page(site, "data.html", _("Open data"), main, plotly=False, script=False))


def by_goal(entries: list[tuple], store: object) -> list[tuple[str, list[tuple]]]:
    """Indicators' file entries grouped under their goals' labels, goals in order, then those of no
    goal ("Other indicators")."""
    goals: dict[str, int] = {}
    indicators = getattr(store, "indicators", None)
    if indicators is not None and "goal" in indicators:
        numbers = pd.to_numeric(indicators["goal"], errors="coerce")
        goals = {str(i): int(g) for i, g in zip(indicators["indicator_id"], numbers, strict=True)
                 if pd.notna(g) and 1 <= g <= 17}
    grouped: dict[int, list[tuple]] = {}
    for entry in entries:
        grouped.setdefault(int(goals.get(entry[4], 0)), []).append(entry)
    return [(goal_label(goal) if goal else _("Other indicators"), grouped[goal])
            for goal in sorted(grouped, key=lambda g: g or 99)]


def sitemap(out: Output, base_url: str, languages: list[str], pages: list[str]) -> None:
    """sitemap.xml with each page's language versions, at the published address `base_url` (the
    sitemap protocol takes absolute addresses only, so an export without --base-url writes none)."""
    prefix = f"{base_url}/"
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
