"""How a data version's sources are named to readers: under every chart, in its embed and in the
About pages' table of sources (live and static), by one rule."""

from __future__ import annotations

from pathlib import PurePath

import pandas as pd

from layouts import i18n, names
from layouts.i18n import N_, _
from loaders.countries import country_iso3


def source_name(source: dict) -> str:
    """The name a source gave itself; an Open SDG site by its place ("Open SDG data of València":
    its folder is often named `source` or `data`, which says nothing); a projects file by the source
    its mapping names; else the file's own name. Never the path it was imported from on somebody's
    machine, which means nothing to a reader."""
    if source.get("name"):
        return str(source["name"])
    if source.get("format") == "opensdg" and source.get("place"):
        place = str(source["place"])
        iso3 = country_iso3(place) if len(place) > 3 else None  # a country's site, in the reader's words
        return _("Open SDG data of {place}").format(place=names.country(iso3) if iso3 else place)
    if source.get("format") == "projects" and source.get("source"):
        return str(source["source"])
    return PurePath(str(source.get("file") or "")).name


def cited(sources: list[dict]) -> list[dict]:
    """The sources a chart's source line names: a file imported from inside another source's folder
    (an Open SDG site's boundary file: "Bristol_Wards_(December_2020)_UK_BGC_V2.geojson") is part of
    that source, named by it. The About page still lists each with what it brought."""
    folders = [PurePath(str(s["file"])) for s in sources if s.get("file")]

    def inside_another(source: dict) -> bool:
        if not source.get("file") or source.get("name"):
            return False
        path = PurePath(str(source["file"]))
        return any(path != folder and path.is_relative_to(folder) for folder in folders)

    return [s for s in sources if not inside_another(s)]


def about(sources: list[dict], subject: str) -> list[dict]:
    """The sources of `subject`: "projects" (project lists), "indicators" (everything else: values,
    boundaries) or "all"; all of them where none is of that subject (the demo brings both)."""
    if subject == "all":
        return sources
    wanted = [s for s in sources if (s.get("format") == "projects") == (subject == "projects")]
    return wanted or sources


def source_gives(source: dict) -> str:
    """What a source brought to the version, in words."""
    if source.get("demo"):
        return _("invented indicator values and projects, for trying the dashboard")
    if source.get("format") == "projects":
        return _("the innovation projects")
    if source.get("format") == "boundaries":
        return _("the places' boundaries, drawn on the maps")
    return _("the indicator values")


REFERENCE_SOURCES = [
    ("GeoNames", N_("place names, coordinates and populations"), "geonames.org", "CC BY 4.0"),
    ("Natural Earth", N_("map boundaries"), "naturalearthdata.com", N_("public domain")),
    (N_("UN SDG framework"), N_("the 17 goals, their targets and official colours"),
     N_("United Nations"), ""),
]
"""What every data version shows besides its own sources."""


def sources_table(meta: dict) -> pd.DataFrame:
    """Every source of the data on screen, and the reference data every page uses; a column
    that no source fills is left out, so the table has no empty columns."""
    # when a source was imported (its data's own year is on each chart): "Date" read as the data's
    columns = [_("Source"), _("What it gives"), _("Publisher"), _("Licence"), _("Imported")]
    rows = [
        [
            source_name(s),
            source_gives(s),
            s.get("publisher") or ("" if not s.get("demo") else _("this project (generated)")),
            s.get("licence") or s.get("license", ""),
            i18n.day(s.get("imported") or s.get("as_of")),
        ]
        for s in meta.get("sources", [])
    ]
    rows += [[name if name in ("GeoNames", "Natural Earth") else _(name), _(what),
              publisher if "." in publisher else _(publisher),
              _(licence) if licence else "", ""] for name, what, publisher, licence in REFERENCE_SOURCES]
    # one source read from two files (the European index's CSV and JSON) is one row to a reader
    frame = pd.DataFrame(rows, columns=columns).drop_duplicates().reset_index(drop=True)
    filled = [c for c in frame.columns if frame[c].fillna("").astype(str).str.strip().ne("").any()]
    return frame[filled]
