"""The place an Open SDG site is about, its districts or regions, and their boundaries.

The site is options.place, else its configuration's place (country.name, site_name, title),
else the place its metadata covers most often, else the SDMX area that contains all others;
never the folder's name. Each GeoCode (or REF_AREA) is a district of a city, or a region of a
country, named by its boundary, else by the data's name column, else by the code.
Boundaries: --boundaries, else the config's map_layers, else a built site's geojson/ layers;
the layer matching most GeoCodes is joined.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from loaders import places, schema
from loaders.boundaries import reader as boundaries
from loaders.opensdg import built
from loaders.opensdg.meta import readable
from loaders.opensdg.rows import distinct
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError
from loaders.unit_words import region_word

COVERAGE_KEYS = ("national_geographical_coverage", "source_geographical_coverage_1")
CITY_PREFIX = re.compile(
    r"^(the\s+)?(city and county of|city of|municipality of|ciudad de|ciutat de|ville de|municipio de|"
    r"municipi de|ayuntamiento de|ajuntament de|commune de)\s+", re.I)
CITY_SUFFIX = re.compile(r",\s*(city of|city and county of)\s*$", re.I)
NEAR_KM = 60


def map_layers(config: dict) -> list[dict]:
    """Boundary layers named in the config: geojson_file, id_property, name_property."""
    layers = config.get("map_layers") or []
    return [layer for layer in layers if isinstance(layer, dict) and layer.get("geojson_file")]


def clean_place_name(text: str) -> str:
    """'City of Los Angeles', 'Bristol, City of' and 'Ciudad de Valencia' -> the city's own name."""
    name = CITY_SUFFIX.sub("", CITY_PREFIX.sub("", str(text).strip()))
    return re.sub(r"\s+", " ", name).strip()


def infer_place(metas: list[dict]) -> tuple[str, str]:
    """The most common geographical coverage across indicators, and how it was chosen."""
    votes = Counter()
    for meta in metas:
        for key in COVERAGE_KEYS:
            text = readable(meta.get(key))
            if text:
                votes[clean_place_name(text)] += 1
    if not votes:
        return "", ""
    name, count = votes.most_common(1)[0]
    total = sum(votes.values())
    return name, f"{count} of {total} geographical-coverage entries in the metadata"


def city_iso3(name: str, country: str | None, centre: tuple[float, float] | None) -> tuple[str | None, str]:
    """ISO3 of the city's country: from `country`, else the gazetteer (a name shared by
    several cities is settled by the city nearest `centre`, a (lon, lat) of its districts)."""
    if country:
        iso3 = places.country_iso3(country)
        return iso3, "" if iso3 else f"country '{country}' is not recognised"
    hit, reason = places.match_city(name)
    if hit is not None:
        return hit.get("iso3"), ""
    if centre is not None:
        table = places.gazetteer()
        key = places.fold(name)
        candidates = table[table["key"].isin({key, places.STRIP_WORDS.sub("", key).strip()})]
        distances = [
            km(centre, (lon, lat)) for lon, lat in zip(candidates["lon"], candidates["lat"], strict=True)
        ]
        if distances and min(distances) <= NEAR_KM:
            return candidates.iloc[distances.index(min(distances))]["iso3"], ""
    return None, reason


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1.0, h)))


def site_name(root: Path, options: ReadOptions, metas: list[dict], report: ImportReport,
              config: dict | None = None, area: str = "", translated: Callable[[], list[dict]] | None = None
              ) -> str:
    """options.place, else the site configuration's place (country.name, site_name, title), else
    the place the metadata covers most often, else the place its `translated` metadata (a site's
    other languages) covers most often, else `area` (the SDMX area containing all others).
    Never the folder's name: a LoadError asks for --place."""
    if options.place:
        return options.place
    name, how = config_place(config or {}), "the site configuration"
    if not name:
        name, how = infer_place(metas)
    if not name and translated is not None:
        # València's own metadata names no place; its Spanish copy says 'Ciudad de Valencia'
        name, how = infer_place(translated())
        how = f"{how} of its translations" if name else how
    if not name and area:
        name, how = area, "the SDMX reference area that contains all the others"
    if not name:
        raise LoadError(
            f"{root.name}: neither the site configuration nor the metadata names the place this "
            "Open SDG site is about; pass --place (and --country)."
        )
    report.add(
        root,
        f"the place was inferred as '{name}' from {how}; pass --place (and --country) to override",
        column="place",
        value=name,
        severity=WARNING,
    )
    return name


def config_place(config: dict) -> str:
    """The place a site's configuration names: country.name / country.adjective-free name,
    site_name, or title (Open SDG's _config.yml and config_data.yml keys)."""
    country = config.get("country")
    if isinstance(country, dict) and readable(country.get("name")):
        return clean_place_name(readable(country["name"]))
    for key in ("site_name", "title", "site_title"):
        if readable(config.get(key)):
            return clean_place_name(readable(config[key]))
    return ""


def region_option(table: pd.DataFrame) -> dict:
    """{'region_word': ...} where the site's places are a country's units and their own names call
    them one kind ('Province 1': Nepal's provinces, which the pages called regions), by the rule SDSN's
    workbooks are read by (`unit_words.region_word`)."""
    regions = table.loc[table["kind"] == "region", "name"].dropna().astype(str).tolist()
    word = region_word(regions) if regions else None
    return {"region_word": word} if word else {}


def site_places(
    name: str, options: ReadOptions, rows: pd.DataFrame, outlines, root: Path, report: ImportReport
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The city row, then one district per GeoCode; and GeoCode -> place_id. Without
    options.country the gazetteer gives the country, or the place id goes without one."""
    centre = None
    if outlines is not None and len(outlines):
        centre = (float(outlines["lon"].mean()), float(outlines["lat"].mean()))
    nation = places.country_iso3(name)
    if nation and not options.country:
        iso3, reason = nation, ""
    else:
        iso3, reason = city_iso3(name, options.country, centre)
    kind, part = ("country", "region") if nation and nation == iso3 else ("city", "district")
    if reason:
        message = f"{reason}; the place id has no country prefix (pass --country)"
        report.add(root, message, column="place", value=name, severity=WARNING)
    city_id = places.place_id(kind, name, iso3)
    coded = rows.loc[rows["geocode"].fillna("") != "", ["geocode", "geoname"]]
    data_names = coded[coded["geoname"] != ""].drop_duplicates("geocode")
    data_names = dict(zip(data_names["geocode"], data_names["geoname"], strict=True))
    drawn = outlines.set_index("code") if outlines is not None else pd.DataFrame()
    table = [{"place_id": city_id, "name": name, "kind": kind, "country_iso3": iso3, "source": root.name}]
    for code in coded["geocode"].unique():
        known = code in drawn.index
        label = (drawn.at[code, "name"] if known else "") or data_names.get(code, code)
        table.append(
            {
                "place_id": places.place_id("district", label, parent_id=city_id, code=code),
                "name": label,
                "kind": part,
                "parent_id": city_id,
                "code": code,
                "country_iso3": iso3,
                "source": root.name,
                "lat": drawn.at[code, "lat"] if known else pd.NA,
                "lon": drawn.at[code, "lon"] if known else pd.NA,
            }
        )
    place_table = schema.conform("places", pd.DataFrame(table)).assign(country=options.country)
    districts = place_table.iloc[1:]
    return place_table, dict(zip(districts["code"], districts["place_id"], strict=True))


def codes_of_the_whole_city(
    rows: pd.DataFrame, layer_codes: set[str], root: Path, report: ImportReport
) -> pd.DataFrame:
    """An indicator whose rows all carry one code that the district layer lacks (Bristol's
    local-authority code E06000023 beside its ward codes) describes the city itself."""
    rows = rows.copy()
    for indicator_id, group in rows.groupby("indicator_id"):
        codes = distinct(group["geocode"])
        blank = (group["geocode"].fillna("").str.strip() == "").any()
        if len(codes) == 1 and not blank and codes[0] not in layer_codes:
            rows.loc[group.index, "geocode"] = ""
            report.add(root, f"GeoCode {codes[0]} is the only code of indicator {indicator_id} "
                       "and is not in the district layer: read as the city itself",
                       column="GeoCode", value=codes[0], severity=INFO)
    return rows



def site_boundaries(
    root: Path, options: ReadOptions, config: dict, geocodes: pd.Series, report: ImportReport
):
    """The boundary layer (options.boundaries, else the config's map_layers and a built site's
    geojson/ layers) best matching the GeoCodes."""
    codes = pd.Series(distinct(geocodes.astype("string")), dtype="string")
    candidates = []
    if options.boundaries:
        candidates.append((Path(options.boundaries), options.boundary_id, options.boundary_name))
    elif len(codes):
        for layer in map_layers(config):
            target = str(layer["geojson_file"])
            if re.match(r"^[a-z]+://", target, re.I):
                report.add(
                    root,
                    "a map layer is a web address and was not downloaded; pass "
                    "--boundaries with a local copy",
                    value=target,
                    severity=WARNING,
                )
                continue
            candidates.append(
                (
                    root / target,
                    options.boundary_id or layer.get("id_property"),
                    options.boundary_name or layer.get("name_property"),
                )
            )
        named = {str(layer.get("output_subfolder")): layer for layer in map_layers(config)}
        for file in built.geojson_layers(root):
            layer = named.get(file.parent.name, {})
            found_id, found_name = built.layer_properties(file, set(codes))
            named_id, named_name = layer.get("id_property"), layer.get("name_property")
            candidates.append((file, named_id or found_id, named_name or found_name))
    best, seen = None, set()
    for file, id_column, name_column in candidates:
        if (Path(file).resolve(), id_column, name_column) in seen:  # a map layer's file, built again
            continue  # its warnings were said twice
        seen.add((Path(file).resolve(), id_column, name_column))
        try:
            frame, source = boundaries.read_frame(file, report, options, id_column, name_column)
        except LoadError as error:
            report.unreadable(file, str(error))
            continue
        matches = int(frame["code"].isin(codes).sum())
        if best is None or matches > best[2]:
            best = (frame, source, matches, file)
    if best is None:
        return None, None
    return boundaries.join_boundaries(best[0], codes, report, best[3]), best[1]
