"""Boundary files (GeoJSON, shapefile, GeoPackage, zipped shapefile) as places with outlines.

Every boundary leaves this module in EPSG:4326, repaired (make_valid) and simplified with
`options.simplify_tolerance` degrees (recorded in the bundle's source entry). Centroids are
computed in an equal-area CRS (EPSG:6933) before simplification, then brought back to 4326.
"""

from __future__ import annotations

import json
import math
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from loaders import places, schema
from loaders.bundle import Bundle
from loaders.options import ReadOptions
from loaders.report import INFO, WARNING, ImportReport, LoadError

NAME = "boundaries"
WGS84 = "EPSG:4326"
EQUAL_AREA = "EPSG:6933"
FEATURE_COLLECTION = re.compile(r'"type"\s*:\s*"FeatureCollection"')
ROW_NUMBER_COLUMNS = {"objectid", "fid", "ogc_fid", "gid", "index", "id_0"}
CODE_VALUE = re.compile(r"^[A-Za-z0-9_.:/-]+$")
MAX_EXAMPLES = 5


def sniff(path: Path) -> bool:
    """GeoJSON FeatureCollections, shapefiles, GeoPackages and zips holding a shapefile."""
    path = Path(path)
    if not path.is_file():
        return False
    suffix = path.suffix.lower()
    if suffix in (".shp", ".gpkg"):
        return True
    if suffix in (".geojson", ".json"):
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            return bool(FEATURE_COLLECTION.search(handle.read(65_536)))
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                return any(name.lower().endswith(".shp") for name in archive.namelist())
        except zipfile.BadZipFile:
            return False
    return False


def read(path: Path, report: ImportReport, options: ReadOptions) -> Bundle:
    """Each feature becomes a place (kind 'district' unless told otherwise) with its outline."""
    path = Path(path)
    frame, source = read_frame(path, report, options, options.boundary_id, options.boundary_name)
    iso3 = places.country_iso3(options.country) if options.country else None
    parent_id = places.place_id("city", options.place, iso3) if options.place else None
    kind = options.boundary_kind or "district"
    frame["place_id"] = [
        places.place_id(
            kind,
            code,
            places.country_iso3(code) if kind == "country" else iso3,
            parent_id=parent_id,
            code=code,
        )
        for code in frame["code"]
    ]
    table = pd.DataFrame(
        {
            "place_id": frame["place_id"],
            "name": frame["name"].where(frame["name"] != "", frame["code"]),
            "kind": kind,
            "parent_id": parent_id,
            "code": frame["code"],
            "country_iso3": iso3,
            "lat": frame["lat"],
            "lon": frame["lon"],
            "source": path.name,
        }
    )
    place_table = schema.conform("places", table).assign(country=options.country)
    # points (or lines) place their features but outline nothing: a file of points was stored as
    # outlines and drew a flat grey map with dots, and nothing said the file held no areas
    areas = frame.geometry.geom_type.isin(["Polygon", "MultiPolygon"]).to_numpy(dtype=bool)
    if not areas.all():
        kinds = sorted(set(frame.geometry.geom_type[~areas].dropna().astype(str)))
        report.add(path, f"{int((~areas).sum())} features are {', '.join(kinds) or 'no shape'}, not areas: "
                   "their places are placed at them, without an outline", severity=WARNING,
                   value=", ".join(frame.loc[~areas, "code"].head(MAX_EXAMPLES)))
    outlines = frame.loc[areas, ["place_id", "code", "geometry"]].reset_index(drop=True)
    return Bundle(places=place_table, boundaries=outlines, sources=[source])


def read_frame(
    path: Path,
    report: ImportReport,
    options: ReadOptions,
    id_column: str | None = None,
    name_column: str | None = None,
) -> tuple[gpd.GeoDataFrame, dict]:
    """A GeoDataFrame with code, name ('' when unknown), lat, lon and geometry (4326), and its
    source entry."""
    raw = open_file(path, options.sheet if isinstance(options.sheet, str) else None, report)
    original_crs = raw.crs.to_string() if raw.crs is not None else ""
    frame = to_wgs84(raw, path, report)
    id_column = id_column or detect_id_column(frame, path)
    name_column = name_column or detect_name_column(frame, id_column)
    for column in (id_column, name_column):
        if column and column not in frame.columns:
            names = ", ".join(c for c in frame.columns if c != frame.geometry.name)
            raise LoadError(f"{path.name} has no property '{column}'; its properties are: {names}.")
    count = report.count(path)
    count.rows_read = len(frame)
    codes = frame[id_column].map(code_text)
    labels = frame[name_column].map(code_text) if name_column else pd.Series("", index=frame.index)
    frame = gpd.GeoDataFrame({"code": codes, "name": labels}, geometry=frame.geometry.values)
    frame.attrs[UNREADABLE] = raw.attrs.get(UNREADABLE, {})  # why, where GDAL refused the file
    frame = reject_unusable(frame, path, report, id_column)
    frame = dissolve_repeats(frame, path, report, id_column)
    frame = repair(frame, path, report)
    centroids = frame.geometry.to_crs(EQUAL_AREA).centroid.to_crs(WGS84)
    frame["lon"], frame["lat"] = centroids.x.values, centroids.y.values
    tolerance = float(options.simplify_tolerance or 0)
    if tolerance > 0:
        frame["geometry"] = frame.geometry.simplify(tolerance, preserve_topology=True)
    count.rows_kept = count.rows_read - count.rows_rejected
    source = {
        "format": NAME,
        "file": str(path),
        "id_column": id_column,
        "name_column": name_column,
        "crs": original_crs or "none (assumed EPSG:4326)",
        "simplify_tolerance": tolerance,
        "features": len(frame),
    }
    return frame[["code", "name", "lat", "lon", "geometry"]], source


def chosen_layer(path: Path, layer: str | None, report: ImportReport | None) -> str | None:
    """The layer to read of a file that holds several (a GeoPackage of districts and neighbourhoods,
    a zip of two shapefiles): the one `--sheet` names, else the first, saying which others there
    are (only the first was read, and nothing said the others were left)."""
    try:
        import pyogrio

        layers = [str(name) for name, _kind in pyogrio.list_layers(path)]
    except Exception:  # not a layered source pyogrio lists: read it as it comes
        return layer
    if layer is not None and layer not in layers:
        raise LoadError(f"{path.name} has no layer '{layer}'; its layers are: {', '.join(layers)}.")
    if layer is None and len(layers) > 1:
        if report is not None:
            report.add(path, f"{len(layers)} layers ({', '.join(layers)}): the first, '{layers[0]}', was "
                       "read; name another with --sheet, and import the file once for each layer wanted",
                       value=layers[0], severity=WARNING)
        return layers[0]
    return layer


def open_file(path: Path, layer: str | None = None, report: ImportReport | None = None) -> gpd.GeoDataFrame:
    if not path.exists():
        raise LoadError(f"The boundary file {path} does not exist.")
    layer = chosen_layer(path, layer, report)
    try:
        frame = gpd.read_file(path, engine="pyogrio", **({"layer": layer} if layer else {}))
    except Exception as error:  # pyogrio/GDAL raise several types for damaged files
        frame = features_one_by_one(path)
        if frame is None:
            raise LoadError(f"{path.name} cannot be read as a boundary file: {first_line(error)}.") from error
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all() or frame.empty:
        raise LoadError(f"{path.name} has no geometries, so it cannot give boundaries.")
    return frame


UNREADABLE = "unreadable"
"""`attrs` key of a frame read feature by feature: {position: why its geometry could not be read}."""


def features_one_by_one(path: Path) -> gpd.GeoDataFrame | None:
    """A GeoJSON that GDAL refuses whole for one bad feature (a ring that does not close), read
    feature by feature: the bad ones keep their properties and no geometry, with the reason in
    `attrs[UNREADABLE]`, so that they alone are rejected, by number. None when it is no GeoJSON."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError):
        return None
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        return None
    shapes, rows, unreadable = [], [], {}
    for position, feature in enumerate(features):
        feature = feature if isinstance(feature, dict) else {}
        rows.append(feature.get("properties") or {})
        try:
            shapes.append(shapely.geometry.shape(feature["geometry"]) if feature.get("geometry") else None)
        except Exception as error:  # shapely raises several types for a malformed geometry
            shapes.append(None)
            unreadable[position] = first_line(error)
    named = ((document.get("crs") or {}).get("properties") or {}).get("name")
    try:
        frame = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=shapes, crs=named or WGS84)
    except Exception:  # a crs member pyproj cannot read: the file as GDAL refused it
        return None
    frame.attrs[UNREADABLE] = unreadable
    return frame


def first_line(error: Exception) -> str:
    """An error's message, its first line (GDAL's run to several), else its type's name."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def to_wgs84(frame: gpd.GeoDataFrame, path: Path, report: ImportReport) -> gpd.GeoDataFrame:
    if frame.crs is None:
        minx, miny, maxx, maxy = frame.total_bounds
        if min(minx, miny) < -180 or maxx > 180 or maxy > 90 or miny < -90:
            raise LoadError(
                f"{path.name} has no coordinate reference system and its coordinates are not "
                "longitude/latitude; add a .prj file or save it with a CRS."
            )
        report.add(
            path, "no coordinate reference system given; assumed EPSG:4326 (lon/lat)", severity=WARNING
        )
        return frame.set_crs(WGS84)
    if frame.crs.is_geographic:
        outside(frame, path)
    return frame if frame.crs.to_epsg() == 4326 else frame.to_crs(WGS84)


def outside(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Refuse a file whose coordinates cannot be degrees though its CRS says they are: GeoJSON is
    longitude/latitude by definition, so a GeoJSON saved in metres without a `crs` member (Bristol's
    wards in the British National Grid) was read as degrees, and its places lost their positions."""
    minx, miny, maxx, maxy = frame.total_bounds
    # longitudes up to 360 are degrees too: the Chatham Islands at 183.5, Fiji across the antimeridian
    if math.isnan(minx) or (minx >= -180.0001 and maxx <= 360.0001 and miny >= -90.0001 and maxy <= 90.0001):
        return  # no geometry at all is said feature by feature
    reach = max(abs(minx), abs(miny), abs(maxx), abs(maxy))
    raise LoadError(
        f"{path.name} gives its coordinates as longitude/latitude ({frame.crs.name}), but they reach "
        f"{reach:,.0f}: they are projected (metres or feet). Save it with its own coordinate reference "
        "system (a GeoJSON `crs` member, a .prj beside a shapefile) or reproject it to EPSG:4326."
    )


def code_text(value: object) -> str:
    """A property value as a code: whole floats lose their '.0', blanks become ''."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


NEARLY_UNIQUE = 0.9
"""A property named like a code stays the id with a few blank or repeated values (at least this
share of features with a code of their own): those features are reported, not the column passed
over for a row number."""


def detect_id_column(frame: gpd.GeoDataFrame, path: Path) -> str:
    """The property whose values are unique codes; names ending in CD/code/GEOID/id win, also with
    a few blank or repeated values (`NEARLY_UNIQUE`): one ward drawn as two features made Bristol's
    `WD20CD` lose to `OBJECTID`, and every ward was keyed by its row number, in silence."""
    best, best_score = None, -1.0
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        values = frame[column].map(code_text)
        lower = column.lower()
        if lower in ROW_NUMBER_COLUMNS:
            score = 0.0
        elif lower.endswith(("cd", "code", "geoid")):
            score = 4.0
        elif lower.endswith("id"):
            score = 3.0
        else:
            score = 1.0
        whole = not (values == "").any() and values.is_unique
        if not whole:
            coded = values[values != ""]
            if score < 3 or len(values) < 2 or coded.nunique() < NEARLY_UNIQUE * len(values):
                continue
            score -= 0.5  # a whole column of the same kind still wins
        filled = values[values != ""]
        if filled.str.fullmatch(CODE_VALUE).all() and not filled.str.isdigit().all():
            score += 1
        if score > best_score:
            best, best_score = column, score
    if best is None:
        raise LoadError(
            f"{path.name} has no property with a unique value per feature; "
            "name the id property with --boundary-id."
        )
    return best


def detect_name_column(frame: gpd.GeoDataFrame, id_column: str) -> str | None:
    """The best-filled property named like a name ('WD20NM', 'NAME', 'ward_name'), or None."""
    candidates = [
        c
        for c in frame.columns
        if c not in (frame.geometry.name, id_column)
        and (c.lower().endswith(("nm", "name", "label")) or c.lower() == "nom")
    ]
    if not candidates:
        return None
    filled = {c: (frame[c].map(code_text) != "").mean() for c in candidates}
    return max(candidates, key=lambda c: filled[c])


def reject_unusable(frame, path: Path, report: ImportReport, id_column: str):
    """Features without geometry or without an id cannot be drawn or joined: reported."""
    no_geometry = frame.geometry.isna() | frame.geometry.is_empty
    no_code = frame["code"] == ""
    unreadable = frame.attrs.get(UNREADABLE, {})
    for position in frame.index[no_geometry | no_code]:
        reason = "feature has no geometry" if no_geometry[position] else f"feature has no {id_column}"
        if position in unreadable:
            reason = f"feature's geometry cannot be read: {unreadable[position]}"
        report.add(path, reason, line=int(position) + 1, column=id_column, value=frame.at[position, "code"])
    report.count(path).rows_rejected += int((no_geometry | no_code).sum())
    return frame[~(no_geometry | no_code)]


def dissolve_repeats(frame, path: Path, report: ImportReport, id_column: str):
    """Several features with one code (multi-part shapefiles) become one outline."""
    repeated = frame["code"].duplicated(keep=False)
    if not repeated.any():
        return frame.reset_index(drop=True)
    codes = frame.loc[repeated, "code"].unique()
    report.add(
        path,
        f"{len(codes)} codes appear on several features; their parts were merged",
        column=id_column,
        value=", ".join(codes[:MAX_EXAMPLES]),
        severity=WARNING,
    )
    return frame.dissolve(by="code", aggfunc="first", sort=False).reset_index()


def repair(frame, path: Path, report: ImportReport):
    """Invalid polygons are made valid, keeping only their polygonal parts."""
    invalid = ~frame.geometry.is_valid
    if invalid.any():
        fixed = [polygonal(shape) for shape in shapely.make_valid(frame.geometry[invalid].values)]
        frame = frame.copy()
        frame.loc[invalid, "geometry"] = gpd.GeoSeries(fixed, index=frame.index[invalid], crs=WGS84)
        report.add(
            path,
            f"{int(invalid.sum())} invalid geometries were repaired (make_valid)",
            value=", ".join(frame.loc[invalid, "code"].head(MAX_EXAMPLES)),
            severity=WARNING,
        )
    return frame


def polygonal(shape):
    if shape.geom_type != "GeometryCollection":
        return shape
    parts = [p for p in shapely.get_parts(shape) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shape


def join_boundaries(
    boundaries: gpd.GeoDataFrame, codes: pd.Series, report: ImportReport, file: str | Path
) -> gpd.GeoDataFrame:
    """The boundaries whose `code` occurs in `codes`; codes without a boundary and boundaries
    without data are reported as warnings with counts and examples."""
    wanted = pd.Series(codes, dtype="string").dropna().str.strip()
    wanted = set(wanted[wanted != ""])
    boundaries = with_data_codes(boundaries, wanted)
    present = set(boundaries["code"])
    no_boundary = sorted(wanted - present)
    no_data = sorted(present - wanted)
    if no_boundary:
        report.add(
            file,
            f"{len(no_boundary)} place codes in the data have no boundary in "
            f"{Path(file).name}; they are kept without an outline",
            column="GeoCode",
            value=", ".join(no_boundary[:MAX_EXAMPLES]),
            severity=WARNING,
        )
    if no_data:
        report.add(
            file,
            f"{len(no_data)} of {len(present)} boundaries have no data and were left out",
            column="code",
            value=", ".join(no_data[:MAX_EXAMPLES]),
            severity=WARNING,
        )
    return boundaries[boundaries["code"].isin(wanted)].reset_index(drop=True)


def with_data_codes(boundaries: gpd.GeoDataFrame, wanted: set[str]) -> gpd.GeoDataFrame:
    """Boundary codes written with leading zeros ('01') under the data's spelling ('1'), and the
    other way round, where that number is one code on each side: 9 of València's 19 districts were
    left without an outline for a zero."""
    numeric = {code.lstrip("0") or "0": code for code in wanted if code.isdigit()}
    if not numeric:
        return boundaries
    codes = boundaries["code"].astype("string")
    folded = codes.where(~codes.str.fullmatch(r"\d+").fillna(False), codes.str.lstrip("0").replace("", "0"))
    unique = ~folded.duplicated(keep=False)
    renamed = folded.map(numeric).where(unique & ~codes.isin(wanted))
    if renamed.isna().all():
        return boundaries
    return boundaries.assign(code=renamed.fillna(codes))


def onto_store_places(bundle: Bundle, store_places: pd.DataFrame | None, report: ImportReport,
                      path: Path) -> Bundle:
    """Outlines whose code is a store place's code (in the same country, when the file's places have
    one) are that place's: a municipal atlas keeps each municipality's official code (Bolivia's INE
    code), and a boundary file keyed by it drew 339 new, empty places beside the atlas's instead of
    the atlas's own. Such a place keeps its row, and gets its outline's centre where it had no
    coordinates, so that the map can draw it; the other outlines stay places of their own."""
    if store_places is None or bundle.places.empty or "code" not in store_places:
        return bundle
    coded = store_places.dropna(subset=["code"])
    new = bundle.places
    with_country = new["country_iso3"].notna().all()
    if not with_country and coded["country_iso3"].nunique() > 1:
        return bundle  # a code says which place only within one country (--country names it)
    store_keys = code_keys(coded, with_country)
    unique = ~store_keys.duplicated(keep=False)  # a code two store places share names neither
    owners = dict(zip(store_keys[unique], coded["place_id"][unique], strict=True))
    matched = code_keys(new, with_country).map(owners)
    if matched.isna().all():
        return bundle
    renamed = dict(zip(new["place_id"][matched.notna()], matched.dropna(), strict=True))
    own = store_places.set_index("place_id").loc[list(renamed.values())].reset_index()
    centres = new[matched.notna()].set_index(matched.dropna().to_numpy())
    for column in ("lat", "lon"):
        own[column] = own[column].fillna(own["place_id"].map(centres[column]))
    bundle.places = pd.concat([schema.conform("places", own), new[matched.isna()]], ignore_index=True)
    bundle.boundaries["place_id"] = bundle.boundaries["place_id"].replace(renamed)
    report.add(path, f"{len(renamed):,} of {len(new):,} outlines are of places the store has, found by "
               "their code; the others are places of their own", severity=INFO)
    return bundle


def code_keys(places_frame: pd.DataFrame, with_country: bool) -> pd.Series:
    """Each place's code, with its country when `with_country`, as one text to match on; a number
    without its leading zeros ('01' is València's district 1, stored as '1')."""
    codes = places_frame["code"].astype("string").str.strip()
    numeric = codes.str.fullmatch(r"\d+").fillna(False)
    codes = codes.where(~numeric, codes.str.lstrip("0").replace("", "0"))
    if not with_country:
        return codes
    return codes + "/" + places_frame["country_iso3"].astype("string").fillna("")
