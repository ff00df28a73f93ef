"""The rows each explore view shows: one filtered frame per view, the same for chart, table and download."""

from __future__ import annotations

import pandas as pd

from layouts import ranking, scores
from loaders.store import StoreData
from views.explore import fresh
from views.explore.model import AXIS_YEARS, MAX_LINES, Catalogue, State
from views.explore.places import chosen_places
from views.explore.shown import (  # noqa: F401 (the tests read them here, where they were)
    column_label,
    display_frame,
    indicator_headers,
    observed,
    observed_indicators,
    year_texts,
)
from views.explore.subject import measure, subject, subject_scores
from views.explore.wholes import without_wholes

PLACE_COLUMNS = ["place_id", "name", "country_iso3", "area", "un_region", "un_subregion", "population"]


def present(places: pd.DataFrame) -> pd.DataFrame:
    """The PLACE_COLUMNS `places` has (a frame made without `area` lacks it)."""
    return places[[column for column in PLACE_COLUMNS if column in places.columns]]


def best_first(frame: pd.DataFrame, column: str, higher_is_better: bool) -> pd.DataFrame:
    return scores.best_first(frame, column, ascending=column == "value" and not higher_is_better)


def place_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """One row per chosen place with data for the subject in the year, best first, with its position."""
    return places_and_wholes(store, cat, state)[0]


def places_and_wholes(store: StoreData, cat: Catalogue, state: State) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`place_rows`, and the places left out of them as the whole of places ranked among them
    (Bristol among its wards, `wholes.without_wholes`), as the map leaves them out."""
    subj = subject(cat, state)
    column = measure(subj, state)
    scores = subject_scores(store, subj, state.year, state.year)
    chosen = chosen_places(cat.places, state)
    frame = present(chosen).merge(scores, on="place_id").dropna(subset=[column])
    frame, left_out = without_wholes(store, chosen, frame, column)
    frame = best_first(frame, column, subj.higher_is_better)
    if subj.kind == "indicator":
        frame.insert(frame.columns.get_loc("value") + 1, "unit", subj.source_unit)
    frame.insert(1, "position", range(1, len(frame) + 1))
    return frame.reset_index(drop=True), left_out


def table_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """The table view: place rows found by name, in the chosen order."""
    return table_order(place_rows(store, cat, state), cat, state)


def folded_names(cat: Catalogue) -> dict[str, str]:
    """{place_id: its name as a search compares it}, made once per catalogue (a data version): folding
    10,000 names took 55 ms of every search."""
    made = cat.__dict__.get("_folded_names")
    if made is None:
        pairs = zip(cat.places["place_id"], cat.places["name"], strict=True)
        made = cat.__dict__["_folded_names"] = {str(place): ranking.folded(name) for place, name in pairs}
    return made


def table_order(frame: pd.DataFrame, cat: Catalogue, state: State) -> pd.DataFrame:
    if state.find:  # as the map's and the projects' searches: accents and case aside ('potosi': Potosí)
        folded = frame["place_id"].astype(str).map(folded_names(cat)).astype("string")
        found = folded.str.contains(ranking.folded(state.find), regex=False).fillna(False)
        frame = frame[found.to_numpy(bool)]
    key, direction = state.sort.rsplit("-", 1)
    if key == "score":
        subj = subject(cat, state)
        column = measure(subj, state)
        best_low = column == "value" and not subj.higher_is_better  # worst first: the other way, ties A to Z
        frame = scores.best_first(frame, column, ascending=best_low != (direction == "asc"))
    else:
        frame = frame.sort_values([key, "name"], ascending=[direction == "asc", True])
    return frame.reset_index(drop=True)


def distribution_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    return by_region(place_rows(store, cat, state), cat, state)


def by_region(frame: pd.DataFrame, _cat: Catalogue, _state: State) -> pd.DataFrame:
    return frame.sort_values(["un_region", "position"], na_position="last").reset_index(drop=True)


def scatter_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """One row per chosen place with both x and y in the year; columns named by indicator id, then
    the years their values come from (`AXIS_YEARS`, last: a download read by position keeps its
    columns)."""
    return scatter_and_wholes(store, cat, state)[0]


def scatter_and_wholes(store: StoreData, cat: Catalogue, state: State) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`scatter_rows`, and the wholes left out of them as the ranking leaves them (`without_wholes`):
    Bristol was a 35th point among its 34 wards, beside a ranking of 34, and counted in the
    correlation beside the wards it is made of."""
    column = state.measure
    table = store.select("indicator_scores", year=state.year,
                         indicator_id=list(dict.fromkeys([state.x, state.y])))
    table = table.astype({"place_id": "string", "indicator_id": "string"})
    places = chosen_places(cat.places, state)
    frame = present(places)
    for axis, indicator in zip(AXIS_YEARS, (state.x, state.y), strict=True):
        values = table[table["indicator_id"] == indicator]
        values = pd.DataFrame({"place_id": values["place_id"], indicator: values[column]} | (
            {axis: pd.to_numeric(values["value_year"], errors="coerce").astype("Int64")}
            if "value_year" in values else {}))
        frame = frame.merge(values.drop(columns=[indicator] if indicator in frame else []), on="place_id")
    frame = frame.dropna(subset=[state.x, state.y])
    frame = frame[[c for c in frame.columns if c not in AXIS_YEARS] + [c for c in AXIS_YEARS if c in frame]]
    frame, left_out = without_wholes(store, places, frame, state.x)
    return frame.sort_values("name").reset_index(drop=True), left_out


def trend_rows(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """place x year within from..to for the chosen places (at most MAX_LINES), or the top five."""
    return trend_and_wholes(store, cat, state)[0]


def trend_and_wholes(store: StoreData, cat: Catalogue, state: State) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`trend_rows`, and the wholes left out of the five best as the ranking leaves them out
    (`without_wholes`: València was one of its own districts' five best), with their latest value
    drawn; none where the reader chose the places, whose lines are drawn side by side, unranked."""
    subj = subject(cat, state)
    column = measure(subj, state)
    scores = subject_scores(store, subj, state.start, state.end).dropna(subset=[column])
    if subj.kind == "indicator":
        # a value (or its score) carried into later years is drawn once, at the year it is of: Los
        # Angeles' 2018 value was drawn again at 2019 and 2020 and said to be "2,544.0 in 2020"; the
        # five best are chosen among the values drawn, so that each of them draws something
        scores = fresh.measured(store, scores, "indicator", None)
    places = chosen_places(cat.places, state)
    left_out = pd.DataFrame(columns=["name", column])
    if state.places:
        known = set(places["place_id"])  # once: a callback naming 10,000 places built it 10,000 times
        order = [p for p in state.places if p in known][:MAX_LINES]
    else:
        mine = scores[scores["place_id"].isin(places["place_id"])]
        # an indicator: each place's last value drawn; a goal or the index: the last year's scores
        by_place = subj.kind == "indicator"
        latest = (mine.sort_values("year").drop_duplicates("place_id", keep="last") if by_place
                  else mine[mine["year"] == scores["year"].max()])
        latest, left_out = without_wholes(store, places, latest.merge(places[["place_id", "name"]]), column)
        order = list(best_first(latest, column, subj.higher_is_better)["place_id"].head(5))
    frame = places[places["place_id"].isin(order)][["place_id", "name", "country_iso3"]]
    frame = frame.merge(scores, on="place_id").drop(columns=["rating", "colour", "rank"], errors="ignore")
    if subj.kind == "indicator":
        frame["unit"] = subj.source_unit
    if subj.kind != "indicator":  # a goal's or the index's score only where a year brings a value
        frame = fresh.measured(store, frame, subj.kind, subj.goal)
    frame["order"] = frame["place_id"].map({p: i for i, p in enumerate(order)})
    return frame.sort_values(["order", "year"]).drop(columns="order").reset_index(drop=True), left_out


ROWS = {"ranking": place_rows, "table": table_rows, "distribution": distribution_rows,
        "scatter": scatter_rows, "trend": trend_rows}


PLACED = {"ranking": lambda frame, _cat, _state: frame, "table": table_order, "distribution": by_region}
"""The views made of `place_rows`, from them."""


def filtered_frame(store: StoreData, cat: Catalogue, state: State) -> pd.DataFrame:
    """Exactly the rows the current view draws, lists and downloads."""
    return ROWS[state.view](store, cat, state)


def frame_and_wholes(store: StoreData, cat: Catalogue, state: State) -> tuple[pd.DataFrame, pd.DataFrame]:
    """`filtered_frame`, and the wholes left out of it (`places_and_wholes`), made once."""
    if state.view == "scatter":
        return scatter_and_wholes(store, cat, state)
    if state.view == "trend":
        return trend_and_wholes(store, cat, state)
    if state.view not in PLACED:
        return filtered_frame(store, cat, state), pd.DataFrame(columns=["name"])
    placed, left_out = places_and_wholes(store, cat, state)
    return PLACED[state.view](placed, cat, state), left_out
