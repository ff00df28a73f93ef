"""Shape stored scores for a view: one row per place for a goal (or the index) and a year."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from layouts import i18n, names
from layouts.extents import clamped, country_parts, longitude_span, padded, small_country_points, us_states
from layouts.i18n import N_, _
from loaders.scoring import whole_codes
from loaders.scoring.goals import ranked_wholes
from loaders.scoring.peers import SIZE_BANDS
from loaders.scoring.peers import population_band as peer_band
from loaders.scoring.settings import parents_of, wholes_of
from loaders.store import StoreData

PLACE_COLUMNS = ["place_id", "name", "kind", "parent_id", "country_iso3", "area", "un_region",
                 "un_subregion", "lat", "lon", "population", "name_in_source"]
"""`name_in_source`: where a country is named in the reader's language (`names.countries_named`)."""
BAND_WORDS = {"small": N_("under {high}"), "medium": N_("{low} to {high}"), "large": N_("{low} to {high}"),
              "metro": N_("{low} and more")}
POPULATION_BANDS = [(key, BAND_WORDS[key], low, high) for key, low, high in SIZE_BANDS]
"""Band key, its range in words (translated and filled in by `band_range`), lower and upper bound:
the bands the city page's peers of a city's size were scored in (`loaders.scoring.peers`)."""


def band_range(key: str) -> str:
    """'under 300,000' / 'moins de 300 000': a band's range in the language in force."""
    for band, words, low, high in POPULATION_BANDS:
        if band == key:
            return _(words).format(low=i18n.integer(low), high=i18n.integer(high))
    return key


def years(store: StoreData) -> list[int]:
    table = store.tables.get("index")
    source = table if table is not None and len(table) else store.observations
    return sorted(int(y) for y in source["year"].dropna().unique())


def opening_year(store: StoreData) -> int | None:
    """The year a map or a ranking of the index opens on: the latest in which the index ranks a
    place the map draws (a city or district), else the latest in which one has an index score, else
    the latest year (None: no years). The latest year alone may be one only a later source reaches:
    a national atlas that ends in 2019 beside one UN indicator for 2,000 cities up to 2023 left the
    map of 2023 empty, every place grey."""
    every = years(store)
    table = store.tables.get("index")
    if table is None or not len(table):
        return every[-1] if every else None
    table = table[table["place_id"].isin(store.prepared(mapped_places)["place_id"])]  # what a map draws
    for shown in (flags(table, "ranked"), table["score"].notna().to_numpy()):
        if shown.any():
            return int(pd.to_numeric(table.loc[shown, "year"]).max())
    return every[-1] if every else None


def flags(table: pd.DataFrame, column: str) -> np.ndarray:
    """A yes/no column as booleans, missing (or no such column) as False."""
    if column not in table:
        return np.zeros(len(table), dtype=bool)
    return table[column].astype("boolean").fillna(False).to_numpy(dtype=bool)


def opening_goal(store: StoreData, year: int | None) -> int | None:
    """The goal a map opens on when the index ranks no place it draws in any year (an Open SDG
    city's wards, with four goals each, drew a grey map): the goal most of its places have a score
    for in `year` (ties: the lower number); None: the index, as for a store that ranks places."""
    table = store.tables.get("index")
    if year is None or table is None or "goal_scores" not in store.tables:
        return None
    mapped = store.prepared(mapped_places)["place_id"]
    if (flags(table, "ranked") & table["place_id"].isin(mapped).to_numpy()).any():
        return None
    rows = store.select("goal_scores", year=year)
    rows = rows[rows["score"].notna() & rows["place_id"].isin(mapped)]
    if rows.empty:
        return None
    counts = rows["goal"].astype("int64").value_counts()
    return int(counts[counts == counts.max()].index.min())


LOCAL_SPAN = (100.0, 80.0)
"""Longitude and latitude spans within which a store's places are drawn on a map of their own
extent instead of the world (a country's municipalities, a city's wards, Africa's countries: 72
degrees tall, they were a small part of a map of the world)."""
NARROWEST = 6.0
"""Degrees a map of one place alone (one marker, no area) shows around it: one city's store (Los
Angeles, Cape Town) was a grey square around one dot, with no coast or border to tell where it is
(the map keeps Natural Earth's 1:110 million shapes: the static site and embeds ship only those).
Several places are framed by their spread, a store with its places' areas by the areas."""


def local_extent(store: StoreData) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The longitude and latitude ranges a "world" map of this store draws: its places' extent with
    a margin, when they lie within LOCAL_SPAN; None: the world. Bristol's 35 wards were one dot on
    a map of the world. A store across the antimeridian (New Zealand with the Chatham Islands,
    Chukotka, Fiji) spans it: its east edge then lies beyond 180 (`longitude_span`)."""
    places = store.prepared(mapped_places)
    lon = pd.to_numeric(places["lon"], errors="coerce")
    lat = pd.to_numeric(places["lat"], errors="coerce")
    located = lon.notna() & lat.notna()
    # countries drawn as their shapes count with their shapes (ECOWAS: West Africa, not the one
    # small state drawn as a marker, Cabo Verde, alone)
    parts = [part for code in places.loc[(places["kind"] == "country").fillna(False) & ~located,
                                         "country_iso3"].dropna().astype(str)
             for part in country_parts().get(code.upper(), [])]
    if not located.any() and not parts:
        return None
    bounds = np.array(parts, dtype="float64").reshape(-1, 4)
    west = np.concatenate([lon[located].to_numpy(dtype="float64"), bounds[:, 0]])
    east = np.concatenate([lon[located].to_numpy(dtype="float64"), bounds[:, 1]])
    south = float(np.concatenate([lat[located].to_numpy(dtype="float64"), bounds[:, 2]]).min())
    north = float(np.concatenate([lat[located].to_numpy(dtype="float64"), bounds[:, 3]]).max())
    shapes = mapped_boundaries(store)
    if shapes is not None:  # a ward reaches beyond its marker: Avonmouth's docks were cut off
        parts = shapes.geometry.explode(index_parts=False).bounds.dropna()  # a split island: each half apart
        west = np.concatenate([west, parts["minx"].to_numpy(dtype="float64")])
        east = np.concatenate([east, parts["maxx"].to_numpy(dtype="float64")])
        south, north = min(south, float(parts["miny"].min())), max(north, float(parts["maxy"].max()))
    west, east = longitude_span(west, east)
    if east - west > LOCAL_SPAN[0] or north - south > LOCAL_SPAN[1]:
        return None
    if shapes is None and east - west < 1e-6 and north - south < 1e-6:  # one dot: room for what is around
        return padded((west, east), (south, north), 0.1, NARROWEST / 2)
    return padded((west, east), (south, north), 0.1, 0.02)


ZOOM_MARGIN = 3.0
"""Degrees kept around a place that lies outside its region's usual frame."""
ZOOM_WIDEST = 120.0
"""The widest a region zoom is taken out to its places (degrees of longitude): UN regions put all of
Russia in Europe, and Blagoveshchensk would stretch Europe's zoom to 130 degrees east."""


def zoom_ranges(store: StoreData, boxes: dict[str, tuple], names: dict[str, str]) -> dict[str, tuple]:
    """Each region zoom's (lon, lat) ranges for this store: the region's usual frame (`boxes`), taken
    out to every place of the region (`names`: zoom key -> UN region) with a margin, up to
    ZOOM_WIDEST. Apia, Papeete and Saipan are Oceania but lie outside its usual frame: the ranking
    listed them, the map did not show them. A frame taken across the antimeridian has its east edge
    beyond 180."""
    places = store.prepared(mapped_places)
    lon = pd.to_numeric(places["lon"], errors="coerce")
    lat = pd.to_numeric(places["lat"], errors="coerce")
    located = lon.notna().to_numpy() & lat.notna().to_numpy()
    ranges = {}
    for key, region in names.items():
        ranges[key] = box = tuple(tuple(float(v) for v in edges) for edges in boxes[key])
        mine = (places["un_region"] == region).fillna(False).to_numpy(dtype=bool) & located
        if not mine.any():
            continue
        centres = lon[mine].to_numpy(dtype="float64")
        west, east = longitude_span(np.append(centres - ZOOM_MARGIN, box[0][0]),
                                    np.append(centres + ZOOM_MARGIN, box[0][1]))
        if east - west > max(ZOOM_WIDEST, box[0][1] - box[0][0]):
            continue  # a place far away: the usual frame
        south = max(-90.0, min(box[1][0], float(lat[mine].min()) - ZOOM_MARGIN))
        north = min(90.0, max(box[1][1], float(lat[mine].max()) + ZOOM_MARGIN))
        ranges[key] = (clamped(west, east), (south, north))
    return ranges


SHAPE_BYTES = 500_000
"""The most GeoJSON a map of a store's own extent carries for its places' areas: every answer of
the map sends it once, and plotly's figure walks it a few times (about 30 ms per MB each). More
detailed areas are simplified (SIMPLIFIED), and left out, the places drawn as markers alone, if
they are too large even so (Bristol's 34 wards: 26 kB as published)."""
SIMPLIFIED = 1 / 2_000
"""Areas too detailed for SHAPE_BYTES are simplified to this share of the map's longer side: about
a third of a pixel on a map 720 px wide, at the zoom it opens on."""


def mapped_boundaries(store: StoreData):
    """The boundaries (a GeoDataFrame in longitude and latitude) of the places a map draws, or None."""
    boundaries = store.boundaries
    if boundaries is None or not len(boundaries):
        return None
    mapped = set(store.prepared(mapped_places)["place_id"].astype(str))
    shapes = boundaries[boundaries["place_id"].astype(str).isin(mapped)]
    if shapes.empty:
        return None
    if shapes.crs is not None and not shapes.crs.equals("EPSG:4326", ignore_axis_order=True):
        shapes = shapes.to_crs("EPSG:4326")
    return shapes


def local_shapes(store: StoreData, extent: tuple | None) -> dict | None:
    """The mapped places' own areas as GeoJSON features (`properties.place_id`), coordinates to five
    decimals (about a metre), for a store drawn at its own `extent` that holds them; None for a map
    of the world, a store without areas, or areas too detailed to send with every answer even
    simplified to SIMPLIFIED of the extent (a country's municipalities as published)."""
    shapes = mapped_boundaries(store) if extent is not None else None
    if shapes is None:
        return None
    import shapely  # here: a store without areas never loads it

    shapes = shapes[shapes.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]  # what plotly fills
    span = max(extent[0][1] - extent[0][0], extent[1][1] - extent[1][0])
    for tolerance in (0.0, span * SIMPLIFIED):
        drawn = shapes.geometry.to_numpy()
        if tolerance:  # each shape alone: a gap or overlap between neighbours stays under a pixel
            drawn = shapely.simplify(drawn, tolerance, preserve_topology=True)
        rounded = shapely.transform(drawn, lambda xy: np.round(xy, 5))
        features = [{"type": "Feature", "properties": {"place_id": str(place)}, "geometry": geometry}
                    for place, geometry in zip(shapes["place_id"],
                                               (shapely.geometry.mapping(g) for g in rounded), strict=True)]
        collection = {"type": "FeatureCollection", "features": features}
        if len(json.dumps(collection)) <= SHAPE_BYTES:
            return collection
    return None


def place_opening_years(store: StoreData) -> dict[str, int]:
    """The year each place's page opens on: the latest in which its index is ranked, else the latest
    with a score of its own for at least one goal (the index table counts them per place and year,
    and those filled in from a group's mean; a version without the counts: the latest with an index
    score); a place with neither is left out. A municipality whose national atlas ends in 2019, in a
    store that a UN indicator takes to 2023, opened on 2023 and said it had no goal scores; and a
    city ranked in 2025 with one more indicator published for 2027 opens on its 17 goals of 2025,
    not on one goal of 2027."""
    table = store.tables.get("index")
    if table is None or not len(table):
        return {}
    codes, places = pd.factorize(table["place_id"])
    years = pd.to_numeric(table["year"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    # a goal filled in from its group's mean is not the place's own
    scored = (counted(table, "n_goals") - counted(table, "n_goals_imputed") > 0 if "n_goals" in table
              else table["score"].notna().to_numpy())
    ranked = flags(table, "ranked")
    opening = np.full(len(places), -np.inf)
    for rows in (scored, ranked):  # ranked years last, so that they win where a place has both
        rows = rows & (codes >= 0) & np.isfinite(years)
        latest = np.full(len(places), -np.inf)
        np.maximum.at(latest, codes[rows], years[rows])
        opening = np.where(np.isfinite(latest), latest, opening)
    found = np.isfinite(opening)
    return dict(zip(places[found].astype(str).tolist(), opening[found].astype(int).tolist(), strict=True))


def counted(table: pd.DataFrame, column: str) -> np.ndarray:
    """A count column as numbers, 0 where missing or absent."""
    if column not in table:
        return np.zeros(len(table))
    return pd.to_numeric(table[column], errors="coerce").fillna(0).to_numpy(dtype="float64")


LOCAL_KINDS = ("city", "district")


def mapped_kinds(store: StoreData) -> tuple[str, ...]:
    """The kinds of place a map, a ranking and the place search carry: cities and districts, unless
    the store scores none of them, then its regions, else its countries (once per version). A
    store of SDSN's country or state indices (the SDR, the US states, Benin's départements) showed
    an empty map, ranking and search, and peer tables without a peer."""
    return store.prepared(scored_kinds)


def scored_kinds(store: StoreData) -> tuple[str, ...]:
    """Where no place has an index score (a source of no SDG goal: Benin's départements, scored on
    the source's pillars), the kinds of the places with indicator scores: the départements' own
    store had an empty map and an empty Explore."""
    index, places = store.tables.get("index"), store.places
    if places.empty:
        return LOCAL_KINDS
    scored: set[str] = set()
    if index is not None and not index.empty and "score" in index:
        scored = set(index.loc[index["score"].notna(), "place_id"].astype(str))
    if not scored and "indicator_scores" in store.tables:
        indexed = store.places_with_rows("indicator_scores") if hasattr(store, "places_with_rows") else None
        scored = indexed if indexed is not None else \
            set(store.select("indicator_scores", ["place_id"])["place_id"].astype(str))
    kinds = set(places.loc[places["place_id"].astype(str).isin(scored), "kind"].dropna().astype(str))
    if not kinds or kinds & set(LOCAL_KINDS):
        return LOCAL_KINDS
    return next(((kind,) for kind in ("region", "country") if kind in kinds), LOCAL_KINDS)


def wholes(store: StoreData) -> frozenset[str]:
    """Places that are the whole of other mapped places: a city whose wards are in the store too
    (Bristol and its 34 wards). Kept per version."""
    return store.prepared(whole_ids)


def whole_ids(store: StoreData) -> frozenset[str]:
    places = store.places
    if "parent_id" not in places or places.empty:
        return frozenset()
    return frozenset(wholes_of(places[places["kind"].isin(mapped_kinds(store))]))  # as scoring finds them


def split_wholes(frame: pd.DataFrame, whole: frozenset[str],
                 column: str = "score") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the places to map and rank, the wholes left out): a whole is left out where one of its parts
    has a score (or the `column` ranked) here, so Bristol is not ranked 25th among its own wards nor
    drawn as a dot inside its Central ward; where none of its parts has one, it stays (a goal
    measured for the city only). The rule is scoring's for the index's ranks (`parted_wholes`)."""
    if not whole or frame.empty:
        return frame, frame.head(0)
    ids = frame["place_id"].astype(str)
    if not ids.isin(whole).any():
        return frame, frame.head(0)
    left_out = parted_wholes(ids, store_parents(frame), frame[column].notna().to_numpy(dtype=bool))
    return frame[~left_out].reset_index(drop=True), frame[left_out].reset_index(drop=True)


def parted_wholes(ids: pd.Series, parents: pd.Series, ranked: np.ndarray) -> np.ndarray:
    """Per place: whether it is the whole of a place `ranked` among them, by scoring's own rule for
    the index (`goals.ranked_wholes` of one ranking: a city whose districts have scores, and a
    district whose neighbourhoods have, are both wholes). One ranking: the places a map or a list
    holds are of one rank group (`mapped_kinds`: cities with districts, or regions, or countries)."""
    places = pd.Index(ids.to_numpy()).unique()  # a place listed twice is one place
    at = places.get_indexer(ids.to_numpy())
    pairs = parents_of(pd.DataFrame({"place_id": ids.to_numpy(), "parent_id": parents.to_numpy()}))
    whole_of = whole_codes(pairs, places, None)
    ranked_once = np.zeros(len(places), dtype=bool)
    np.logical_or.at(ranked_once, at, ranked)
    codes = np.arange(len(places))
    return ranked_wholes(codes, np.zeros(len(places), dtype=np.int64), ranked_once, whole_of)[at]


def store_parents(frame: pd.DataFrame) -> pd.Series:
    return frame["parent_id"] if "parent_id" in frame else pd.Series(pd.NA, index=frame.index, dtype="string")


def mapped_places(store: StoreData) -> pd.DataFrame:
    """Places that can carry scores on a map or in a ranking: cities and districts (`mapped_kinds`),
    with `state`, the postal code of a US state the map draws as its shape (`extents.us_states`),
    and a country too small for the map's shapes placed where the map draws its marker
    (`small_countries_placed`)."""
    places = store.places
    places = places[places["kind"].isin(mapped_kinds(store))]
    shown = places[[c for c in PLACE_COLUMNS if c in places.columns]].assign(state=us_states(places))
    return small_countries_placed(shown)


def small_countries_placed(places: pd.DataFrame) -> pd.DataFrame:
    """`places` with each country that has no coordinates and no shape on the maps (Malta,
    Singapore, Barbados: `extents.small_country_points`) given the middle of its largest island, so
    that the map draws it as a marker; the stored places keep no coordinates."""
    if "kind" not in places or not (places["kind"] == "country").any():
        return places
    points = small_country_points()
    code = places["country_iso3"].astype("string")
    placed = ((places["kind"] == "country").fillna(False) & places["lat"].isna() & places["lon"].isna()
              & code.isin(list(points))).to_numpy(bool)
    if not placed.any():
        return places
    lon, lat = places["lon"].copy(), places["lat"].copy()
    lon[placed] = [points[c][0] for c in code[placed]]
    lat[placed] = [points[c][1] for c in code[placed]]
    return places.assign(lon=lon, lat=lat)


def findable_places(store: StoreData) -> pd.DataFrame:
    """The places a reader can find (the search, the static site's pages): those the map carries
    (`mapped_places`), and places of other kinds that have data (a row in the index table, or
    indicator rows where a source of no SDG indicator made no index row). Benin's départements,
    scored on pillars and no goal, sit in a store whose map carries its countries: their pages
    were reachable by address only."""
    mapped = mapped_places(store)
    places = store.places
    others = places[~places["kind"].isin(mapped_kinds(store))]
    if others.empty:
        return mapped
    index = store.tables.get("index")
    with_data = set() if index is None else set(index["place_id"].astype(str))
    if not others["place_id"].astype(str).isin(with_data).all() and "indicator_scores" in store.tables:
        # a source of no SDG indicator has no index row: its places' indicator rows tell (once per
        # version: the by-place index where the version has one, else the place column alone)
        indexed = store.places_with_rows("indicator_scores") if hasattr(store, "places_with_rows") else None
        with_data |= indexed if indexed is not None else \
            set(store.select("indicator_scores", ["place_id"])["place_id"].astype(str))
    more = others[others["place_id"].astype(str).isin(with_data)]
    return pd.concat([mapped, more[list(mapped.columns.drop('state'))].assign(state=pd.NA)],
                     ignore_index=True) if len(more) \
        else mapped


def population_band(population: pd.Series) -> pd.Series:
    """Each population's band key, missing where the population is: the peers' own rule
    (`peers.population_band`). A second one here gave Bristol's 34 wards, which have no population,
    the band "metro" (a nullable missing value passed its test), so the size filter "Metro" kept
    the wards and "Medium" their city alone."""
    return peer_band(population)


def index_by_year(store: StoreData) -> dict[int | None, pd.DataFrame]:
    """The index table split by year once per version (a map state of the index takes its year);
    None: no row, with the table's columns."""
    table = store.tables["index"]
    table = table[[c for c in ("place_id", "year", "score", "rank", "ranked") if c in table]]
    split = {int(year): rows.drop(columns="year") for year, rows in table.groupby("year", sort=False)}
    return {**split, None: table.iloc[:0].drop(columns="year")}


def place_scores(store: StoreData, goal: int | None, year: int) -> pd.DataFrame:
    """Every mapped place with its score, rating colour and arrow for `goal` (None = index)."""
    places = store.prepared(mapped_places)  # kept per version: merge below makes a new frame
    if goal is None:
        by_year = store.prepared(index_by_year)
        scores = by_year.get(int(year), by_year[None])
    else:
        scores = grid_scores(store, places, goal, year)
        if scores is not None:
            frame = pd.DataFrame({**{column: places[column].array for column in places.columns}, **scores},
                                 index=pd.RangeIndex(len(places)))
            return best_first(frame).reset_index(drop=True)
        scores = store.select("goal_scores", ["place_id", "score", "colour", "arrow"], goal=goal, year=year)
    frame = left_join(places, scores, "place_id")
    if "colour" in frame:
        frame["colour"] = frame["colour"].astype("string").fillna("grey")
        frame["arrow"] = frame["arrow"].astype("string").fillna("no_data")
    return best_first(frame).reset_index(drop=True)


def best_first(frame: pd.DataFrame, column: str = "score", ascending: bool = False) -> pd.DataFrame:
    """`frame` by `column` (highest first unless `ascending`; missing last), places of equal value
    by name from A to Z, accents and case aside: the one order of ties on the map, its ranked list,
    Explore and the district page (the map listed Bristol's two wards at 100.0 one way, Explore the
    other)."""
    order = frame.sort_values(column, ascending=ascending, na_position="last", kind="stable")
    tied = order[column].duplicated(keep=False).to_numpy(dtype=bool)  # missing ties missing
    if "name" not in frame or not tied.any():
        return order
    # within each run of equal values, by name; names folded only where a place shares its value
    # (folding and sorting 1,000 names was 2 ms of every map request)
    runs = pd.factorize(order[column], use_na_sentinel=False)[0]  # rising: the values are sorted
    keys = names.by_name(order["name"][tied]).tolist()
    by_name = np.zeros(len(order), dtype=np.int64)
    by_name[np.flatnonzero(tied)[sorted(range(len(keys)), key=keys.__getitem__)]] = np.arange(len(keys))
    return order.iloc[np.lexsort((by_name, runs))]


def grid_scores(store: StoreData, places: pd.DataFrame, goal: int, year: int) -> dict | None:
    """`places`' score, colour and arrow of a goal and year taken from the version's grid by
    position (as the select and join below give them: no row, no score, grey, no_data); None
    when the version has no grid."""
    grid = store.map_grid()
    if grid is None:
        return None
    at = store.prepared(grid_rows)
    cells = grid.cells(goal, year)
    known = at >= 0
    score = np.full(len(at), np.nan)
    colour = np.full(len(at), None, dtype=object)
    arrow = np.full(len(at), None, dtype=object)
    if cells is not None:
        score[known] = cells["score"][at[known]]
        colour[known] = grid.texts("colour", cells["colour"][at[known]])
        arrow[known] = grid.texts("arrow", cells["arrow"][at[known]])
    return {"score": score, "colour": pd.array(colour, dtype="string").fillna("grey"),
            "arrow": pd.array(arrow, dtype="string").fillna("no_data")}


def grid_rows(store: StoreData) -> np.ndarray:
    """Where each mapped place is in the version's grid (-1: nowhere), once per version."""
    return store.map_grid().where(store.prepared(mapped_places)["place_id"])


def left_join(left: pd.DataFrame, right: pd.DataFrame, key: str) -> pd.DataFrame:
    """`left.merge(right, on=key, how="left")` where `right` holds each key once: its rows found by
    position and taken whole, columns and types as the merge gives them (about 0.3 ms for 1,000
    places instead of 1.7 ms; a map state asks once). Repeated keys go through the merge."""
    keys = right[key].astype(str).to_numpy(object)
    found = pd.Index(keys)
    if not found.is_unique:
        return left.merge(right, on=key, how="left")
    at = found.get_indexer(left[key].astype(str).to_numpy(object))
    columns = {column: left[column].array for column in left.columns}
    for column in right.columns:
        if column != key:
            columns[column] = pd.api.extensions.take(right[column].array, at, allow_fill=True)
    return pd.DataFrame(columns, index=pd.RangeIndex(len(left)))


def country_means(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean score of each country's places (places without a score left out)."""
    scored = frame.dropna(subset=["score", "country_iso3"])
    grouped = scored.groupby("country_iso3")["score"]
    return pd.DataFrame({"score": grouped.mean(), "places": grouped.size()}).reset_index()


def rating_counts(frame: pd.DataFrame) -> dict[str, int]:
    if "colour" not in frame:
        return {}
    return frame["colour"].value_counts().to_dict()


def rated_goal(store: StoreData, goal: int | None) -> bool:
    """Whether any indicator of `goal` (of any goal, for the index) has thresholds to rate it by: a
    source that states none (Bolivia's atlas, Bristol's and València's sites) rates no place, and
    the map said its places' indicators were "too few rated" as if their data fell short."""
    def made() -> frozenset:
        bounds = store.tables.get("bounds")
        if bounds is None or not {"goal", "green_threshold", "red_threshold"} <= set(bounds.columns):
            return frozenset()
        green = pd.to_numeric(bounds["green_threshold"], errors="coerce")
        red = pd.to_numeric(bounds["red_threshold"], errors="coerce")
        rated = bounds.loc[(green.notna() & red.notna()).to_numpy(dtype=bool), "goal"]
        return frozenset(int(g) for g in pd.to_numeric(rated, errors="coerce").dropna())

    goals = store.kept("rated-goals", 0, made, limit=1)
    return bool(goals) if goal is None else goal in goals
