"""The rows each explore view shows: one filtered frame per view, the same for chart, table and download."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from layouts import i18n, names, place_facts, ranking, scores, texts
from layouts import years as written_years
from layouts.i18n import N_, _
from layouts.reference import arrow, goal_label, goal_phrase, rating, text
from loaders.store import StoreData
from views.explore import fresh
from views.explore.contents import indicator_names
from views.explore.model import MAX_LINES, Catalogue, State
from views.explore.places import chosen_places
from views.explore.wholes import without_wholes

PLACE_COLUMNS = ["place_id", "name", "country_iso3", "area", "un_region", "un_subregion", "population"]
COLUMN_LABELS = {
    "name": N_("Place"), "position": N_("Position"), "country_iso3": N_("Country"),
    "area": N_("Department, state or province"),
    "un_region": N_("UN region"), "un_subregion": N_("UN subregion"), "population": N_("Population"),
    "year": N_("Year"), "score": N_("Score"), "value": N_("Value"), "value_year": N_("Value from"),
    "x_value_year": N_("Value from (across)"), "y_value_year": N_("Value from (up)"),
    "unit": N_("Unit"),
    # the rank in this dashboard's index: "Official rank" said it was the source's, which differs
    "rating": N_("Rating"), "trend": N_("Trend"), "rank": N_("Index rank"),
}
"""Headers of the on-screen table, in English; `column_label` gives them in the reader's language.
The frames (and the downloads) keep the stable English column keys."""
CODES = ("colour", "arrow")
"""The rating's and trend's codes (`green`, `on_track`), as the scores tables hold them: in the
downloads, not on the page, which shows the words (`rating`, `trend`)."""


def present(places: pd.DataFrame) -> pd.DataFrame:
    """The PLACE_COLUMNS `places` has (a frame made without `area` lacks it)."""
    return places[[column for column in PLACE_COLUMNS if column in places.columns]]


@dataclass(frozen=True)
class Subject:
    """What the ranking, distribution, time series and table measure: the index, a goal or an indicator."""

    kind: str
    label: str
    goal: int | None = None
    indicator: str | None = None
    unit: str = ""
    higher_is_better: bool = True
    phrase: str = ""
    """The subject inside a sentence (a goal takes an article in other languages); `label` titles. An
    indicator's name in another language than the reader's is marked after it in `label` (a title
    is a picture's too, which cannot tag it), and is bare in `phrase`, tagged where a page shows it
    (`languages`)."""
    assumed: bool = False
    """An indicator scored in an assumed direction (the source states none, neither bounds nor name
    tell): its values are ranked highest first, never 'best' (UNdata's populations)."""
    source_unit: str = ""
    """The unit as the source wrote it, for the rows a download holds; `unit` is as the pages write
    it (`texts.short_unit`: "%" for Bristol's "Percentage (%)", as on the city page)."""
    languages: tuple[tuple[str, str], ...] = ()
    """(words, language) of the phrase's words in another language than the reader's."""

    @property
    def titled(self) -> str:
        """The subject inside a title: a goal as a sentence holds it ("selon l'objectif 3"), an
        indicator with its language marked where it is not the reader's."""
        return self.label if self.kind == "indicator" else self.phrase or self.label


def subject(cat: Catalogue, state: State) -> Subject:
    if state.indicator:
        row = indicator_names(cat).set_index("indicator_id").loc[state.indicator]
        goal = None if pd.isna(row["goal"]) else int(row["goal"])  # an indicator of no goal (a pillar's)
        unit = text(row["unit"])
        plain = str(row.get("listed_name", row["name"]))
        words = pd.Series([texts.short_unit(unit), plain])
        foreign = texts.foreign_words(words, pd.Series([row.get("unit_language"), row.get("name_language")]))
        return Subject("indicator", str(row["name"]), goal, state.indicator,
                       texts.short_unit(unit), text(row["direction"]) != "lower", plain,
                       bool(row.get("assumed", False)), text(row.get("stated_unit", row["unit"])),
                       tuple(foreign.items()))
    goal = state.goal
    if goal is None and state.target:
        goal = int(state.target.split(".")[0])
    if goal is not None:
        return Subject("goal", goal_label(goal), goal, phrase=goal_phrase(goal))
    return Subject("index", _("the SDG Index"), phrase=_("the SDG Index"))


def measure(subj: Subject, state: State) -> str:
    """The column shown: an indicator's value only when asked for; goals and the index have scores."""
    return "value" if subj.kind == "indicator" and state.measure == "value" else "score"


SHARED_SCORES = 8
"""Subject slices a loaded version keeps: an explore state's ranking, its table, another order of it
and the sentence on the places it leaves out (`build.measured_elsewhere`) read the same slice."""


def subject_scores(store: StoreData, subj: Subject, first: int, last: int) -> pd.DataFrame:
    """place_id, year, score (and value, rating, trend or rank) of the subject, years first..last;
    read once per version, language and slice (read only)."""
    key = (subj.kind, subj.goal, subj.indicator, first, last, i18n.language())
    return store.kept("subject-scores", key, lambda: read_subject_scores(store, subj, first, last),
                      limit=SHARED_SCORES)


def read_subject_scores(store: StoreData, subj: Subject, first: int, last: int) -> pd.DataFrame:
    if subj.kind == "indicator":
        table = store.select("indicator_scores", indicator_id=subj.indicator,
                             year=list(range(first, last + 1)))
        columns = ["place_id", "year", "value", "value_year", "score", "colour", "arrow"]
        columns = [c for c in columns if c in table]
    elif subj.kind == "goal":
        table = store.select("goal_scores", goal=subj.goal, year=list(range(first, last + 1)))
        columns = ["place_id", "year", "score", "colour", "arrow"]
    else:
        index = store.tables["index"]
        # the years asked first: the lone ranks of a national index's 250,000 rows took 100 ms
        table = lone_ranks_left_out(store, index[index["year"].between(first, last)])
        columns = ["place_id", "year", "score", "rank"]
        if "ranked" in table:  # an index only where the method's coverage rule is met
            table = table.assign(score=table["score"].where(table["ranked"].astype("boolean").fillna(False)))
    table = table[table["year"].between(first, last)][columns].astype({"place_id": "string"})
    if "value_year" in table:
        table["value_year"] = pd.to_numeric(table["value_year"], errors="coerce").astype("Int64")
    if "colour" in table:
        trend = i18n.once_each(table["arrow"].astype("string"), lambda a: " ".join(arrow(a)))
        table["rating"] = pd.array(i18n.once_each(table["colour"].astype("string"), rating), dtype="string")
        table["trend"] = pd.array(trend, dtype="string")
        # the codes stay beside the words: the API's and the downloads' `colour` and `arrow` read the
        # same in every language (the words change with `lang`; the page shows them only)
        table = table[[c for c in table.columns if c not in CODES] + list(CODES)]
    return table


def lone_ranks_left_out(store: StoreData, index: pd.DataFrame) -> pd.DataFrame:
    """The index without the ranks `place_facts.lone_ranks` says are alone in their ranking of the year."""
    alone = place_facts.lone_ranks(index, place_facts.kinds_of(store))
    return index.assign(rank=index["rank"].mask(alone)) if alone.any() else index


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


AXIS_YEARS = ("x_value_year", "y_value_year")
"""A scatter's columns of the years its x and y values come from (a place's latest value up to the
year chosen), as a ranking's `value_year`."""


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


def observed(state: State) -> tuple[str, ...]:
    """The frame's columns that hold years of observed values, which a reader sees as the source wrote
    them (`layouts.years`): a value's `value_year`, and a trend of values' `year` (each point is a
    value of its own year). A year the reader chose (the ranking's) and the year a score is computed
    for (a trend of scores, which carries values forward) stay numbers. Read from the state alone: an
    indicator is the subject wherever the state names one, measured as the state says (`subject`,
    `measure`); a scatter's, the years of its two indicators' values."""
    if state.view == "scatter":
        return AXIS_YEARS
    if not state.indicator:
        return ()
    return ("year", "value_year") if state.view == "trend" and state.measure == "value" else ("value_year",)


def observed_indicators(state: State) -> tuple[str, ...]:
    """The indicators whose values' years `observed` holds: a scatter's two, else the subject."""
    return (state.x, state.y) if state.view == "scatter" else (state.indicator,)


def year_texts(store: StoreData, indicators: tuple[str, ...], frame: pd.DataFrame,
               columns: tuple[str, ...]) -> dict[int, str]:
    """The years in the frame's `columns` that every value of the `indicators` in that year
    writes otherwise than as the number ("2020-21" for Bristol's 2021: `years.of_indicators`), as the
    city page, the map and the district map write them; empty where none is."""
    if not store.prepared(written_years.version_texts):  # no value's year is written otherwise
        return {}
    found = pd.concat([pd.to_numeric(frame[c], errors="coerce") for c in columns if c in frame]) \
        if any(c in frame for c in columns) else pd.Series(dtype="float64")
    told = {}
    for year in found.dropna().unique().tolist():
        text = written_years.of_indicators(store, year, list(indicators))
        if text != str(int(year)):
            told[int(year)] = text
    return told


def written_column(values: pd.Series, told: dict[int, str]) -> pd.Series:
    """A column of years as text, each as `told` writes it, else the number."""
    years = pd.to_numeric(values, errors="coerce")
    shown = [pd.NA if pd.isna(y) else told.get(int(y), str(int(y))) for y in years.tolist()]
    return pd.Series(pd.array(shown, dtype="string"), index=values.index)


def column_label(column: str) -> str:
    """A column's header in the reader's language (the key itself for a column without one)."""
    return _(COLUMN_LABELS[column]) if column in COLUMN_LABELS else column


def display_frame(frame: pd.DataFrame, cat: Catalogue, told: dict[int, str] | None = None,
                  observed_columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """Readable headers, numbers and region names in the reader's language; the place name links to
    its city page; the years of observed values in `observed_columns` as their source wrote them
    (`told`, from `year_texts`: Bristol's "2020-21"). The frame, the API's rows, keeps its numbers."""
    shown = frame.drop(columns=list(CODES), errors="ignore")
    if told:
        for column in observed_columns:
            if column in shown:
                shown[column] = written_column(shown[column], told)
    if "area" in shown and not shown["area"].astype("string").str.strip().fillna("").ne("").any():
        shown = shown.drop(columns="area")  # no source named one: an empty column headed by a key
    if "population" in shown:
        shown["population"] = [text or "–" for text in i18n.numbers(shown["population"], 0)]
    for column in ("un_region", "un_subregion"):
        if column in shown:
            shown[column] = i18n.once_each(shown[column], names.region, missing=pd.NA)
    if "country_iso3" in shown:
        shown["country_iso3"] = i18n.once_each(shown["country_iso3"], names.country, missing=pd.NA)
    shown["link"] = "/city/" + shown["place_id"]
    shown = shown[["name", *[c for c in shown.columns if c not in ("name", "place_id")]]]
    labels = {c: column_label(c) for c in shown.columns if c in COLUMN_LABELS}
    labels.update(indicator_headers(cat, shown.columns)[0])
    return shown.rename(columns=labels)


def indicator_headers(cat: Catalogue, columns) -> tuple[dict[str, str], dict[str, str]]:
    """The headers of a table's indicator columns (a scatter's, named by id): each indicator's name
    as its source wrote it, and {header: language} of those in another language than the reader's,
    to tag (`Table.languages`): Bristol's French table kept "(en anglais)" after each name where its
    sentences tag them."""
    if not len(cat.indicators):
        return {}, {}
    meta = indicator_names(cat).set_index("indicator_id")
    plain = meta["listed_name"] if "listed_name" in meta else meta["name"]
    found = [str(c) for c in columns if c in meta.index]
    labels = {c: str(plain[c]) for c in found}
    if "name_language" not in meta:
        return labels, {}
    return labels, {labels[c]: str(meta.at[c, "name_language"]) for c in found
                    if texts.foreign(meta.at[c, "name_language"])}
