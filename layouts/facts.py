"""The facts under every sentence: what a view's data say, counted once from the data the view
draws, so that titles, summaries, captions and tiles cannot contradict the picture or each other.

Sentences are rendered from these facts in `layouts/summaries.py`; no sentence computes a count of
its own. The views compute the facts for their state (`value_year_spans` once per data version)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import pandas as pd

from layouts import i18n, names
from layouts import years as written_years
from layouts.extents import country_shapes_known
from layouts.i18n import _, missing
from layouts.reference import SEA_GOAL
from loaders.scoring.settings import Settings, landlocked_countries, rank_group
from loaders.store import StoreData


@dataclass(frozen=True)
class Years:
    """The span of years a set of values comes from (both None: no value), each end written as its
    sources wrote it where they agree (`layouts.years`: Bristol's 2021 is "2020-21")."""

    first: int | None = None
    last: int | None = None
    first_text: str | None = None
    last_text: str | None = None

    @property
    def known(self) -> bool:
        return self.first is not None

    def only(self, year: int | None) -> bool:
        """True when every value is from `year` itself, written as that year: Bristol's values of
        2021 are from "2020-21", which a sentence says."""
        return self.known and self.first == self.last == year and self.ends() == (str(year), str(year))

    def ends(self) -> tuple[str, str]:
        """The first and last year as a reader sees them."""
        return (self.first_text or str(self.first), self.last_text or str(self.last))

    def text(self) -> str:
        """'2013' or '2013-2017' (one value when both ends are equal), '2017-18 to 2020-21' (a dash
        between periods written with dashes is not read); '' when no value."""
        if not self.known:
            return ""
        first, last = self.ends()
        if self.first == self.last:
            return first
        if written_years.plain(first) and written_years.plain(last):
            return f"{first}\u2013{last}"
        return self.span()

    def span(self) -> str:
        """What follows "from" in a sentence: '2013', or '2013 to 2017' in the reader's language
        (French read "de 2002–2019", where "de 2002 à 2019" is said); '2020 and 2020-21' for the
        two years of a calendar year and a period, one after the other (Bristol's goals heading read
        "latest values up to 2021 (from 2020 to 2020-21)", a stretch of time that ends where it
        began); '' when no value."""
        if not self.known or self.first == self.last:
            return self.text()
        first, last = self.ends()
        if self.paired:
            return _("{first} and {last}").format(first=first, last=last)
        return _("{first} to {last}").format(first=first, last=last)

    @property
    def paired(self) -> bool:
        """Two years one after the other, one a calendar year and one a period ("2020", "2020-21"):
        two years, not a stretch of time between them."""
        if not self.known or self.last != self.first + 1:
            return False
        first, last = self.ends()
        return written_years.plain(first) != written_years.plain(last)

    def written(self, store: StoreData, indicators: Callable[[int], Iterable[str] | None]) -> Years:
        """These years with each end as the version's values of `indicators(year)` (None: all of
        them) write it (`layouts.years.of_indicators`)."""
        if not self.known:
            return self
        first, last = (written_years.of_indicators(store, end, indicators(end))
                       for end in (self.first, self.last))
        return replace(self, first_text=first, last_text=last)

    @classmethod
    def of(cls, years: pd.Series) -> Years:
        years = pd.to_numeric(years, errors="coerce").dropna()
        return cls(int(years.min()), int(years.max())) if len(years) else cls()

    def told(self, texts: dict[int, str] | None) -> Years:
        """These years with each end as `texts` (year -> text) writes it, the number where it says
        nothing."""
        if not texts or not self.known:
            return self
        return replace(self, first_text=texts.get(self.first), last_text=texts.get(self.last))

    @classmethod
    def of_rows(cls, years: pd.Series, labels: pd.Series) -> Years:
        """The span of rows that carry their own year labels (`year_label`), ends as written."""
        span = cls.of(years)
        return span.told(written_years.by_year(years.tolist(), labels.tolist())) if span.known else span


def value_years(rows: pd.DataFrame, store: StoreData | None = None) -> Years:
    """The span of years of the values behind a set of scores: `rows` are indicator_scores rows
    (a view reads the slice it shows: one place and year, or one goal and year), whose
    `value_year` is the year of the value scoring carried forward to the row's year; with `store`,
    each end written as the values of its year write it."""
    if rows.empty or "value_year" not in rows:
        return Years()
    span = Years.of(rows["value_year"])
    if store is None or "indicator_id" not in rows:
        return span
    at = pd.to_numeric(rows["value_year"], errors="coerce")
    ids = rows["indicator_id"].astype(str)
    return span.written(store, lambda year: ids[(at == year).to_numpy(dtype=bool)].unique())


@dataclass(frozen=True)
class Extreme:
    name: str
    score: float
    tied: tuple[str, ...] = ()
    """Other places drawn with the same score as the page writes it, named (at most `TIED_NAMED`)."""
    more: int = 0
    """Places tied beyond those named: the sentence counts them rather than leaving them out."""
    digits: int = 1
    """Decimals the score is written with: more where one would write the next place's the same
    (`ranking.separating_digits`), as the ranked list beside the map writes it."""

    ids: tuple[str, ...] = ()
    """place_id of the first place and of every one tied with it, where known: two places can share
    a name (Bolivia's San Pedros), so a place is matched by id, not by the name a sentence writes."""

    @property
    def shown(self) -> str:
        return i18n.number(self.score, self.digits)

    def holds(self, place_id: str, name: str) -> bool:
        """Whether this end is that place, or ties with it."""
        return place_id in self.ids if self.ids else name in (self.name, *self.tied)


TIED_NAMED = 2
"""Tied places a sentence names besides the first; past that it counts them."""


@dataclass(frozen=True)
class MapFacts:
    """What the map of one goal (or the index) in one year draws, and what it cannot."""

    goal: int | None
    year: int
    total: int
    """Places that can carry a score (cities and districts)."""
    scored: int
    drawn: int
    """Places on the map with a score."""
    grey: int
    """Places on the map without a score for the year."""
    too_little_data: int
    """Index only: places on the map whose index does not meet the coverage rule (drawn grey, not
    ranked)."""
    no_coordinates: int
    no_coordinates_scored: int
    top: Extreme | None = None
    bottom: Extreme | None = None
    median: float | None = None
    ratings: dict[str, int] = field(default_factory=dict)
    """Ratings of the places on the map, as the legend counts them."""
    values: Years = Years()
    scored_unrated: int = 0
    """Places with a goal score but no rating (too few of its indicators are rated), drawn or not."""
    withheld: int = 0
    """Index only: places whose index does not meet the coverage rule, drawn or not."""
    not_applicable: int = 0
    """Places on the map without a score for a goal that does not apply to them (Goal 14 and a
    landlocked country: `reference.not_applicable`)."""
    no_thresholds: bool = False
    """No indicator of the goal has thresholds to rate it by: its places' missing ratings are the
    source's, not their data's."""

    @property
    def rated(self) -> bool:
        """Whether a place on the map has a rating: else a goal's map draws scores, not the grey of
        "not rated" everywhere (a source without thresholds), and says nothing of ratings."""
        return bool(set(self.ratings) - {"grey"})


def located(frame: pd.DataFrame) -> pd.Series:
    """Whether the map draws each place: at its coordinates, or a country as its shape
    (`drawn_as_country`, `maps.country_shapes`), or a US state as its own (`drawn_as_state`)."""
    return (frame["lat"].notna() & frame["lon"].notna()) | drawn_as_country(frame) | drawn_as_state(frame)


def drawn_as_state(frame: pd.DataFrame) -> pd.Series:
    """Which places are drawn as a US state's shape: those `scores.mapped_places` gives a `state`."""
    if "state" not in frame:
        return pd.Series(False, index=frame.index)
    return pd.Series(frame["state"].notna().to_numpy(dtype=bool), index=frame.index)


def drawn_as_country(frame: pd.DataFrame) -> pd.Series:
    """Which places are drawn as their country's shape: countries without coordinates whose ISO code
    has a shape on the map (`extents.country_shapes_known`: not Monaco or Tuvalu at this scale)."""
    if "kind" not in frame or "country_iso3" not in frame:
        return pd.Series(False, index=frame.index)
    country = (frame["kind"] == "country").to_numpy(dtype=bool, na_value=False)
    if not country.any():  # a store of cities: nothing to look up
        return pd.Series(False, index=frame.index)
    unplaced = (frame["lat"].isna() | frame["lon"].isna()).to_numpy(dtype=bool)
    known = frame["country_iso3"].astype("string").str.upper().isin(country_shapes_known())
    return pd.Series(unplaced & country & known.to_numpy(dtype=bool, na_value=False), index=frame.index)


MOST_DIGITS = 3
"""Decimals a score is written with at most to tell it from the next (62.21 and 62.19, where one
decimal wrote both 62.2 and numbered them 1 and 1 beside a city page's 'rank 2')."""


def written(values: np.ndarray, digits: int) -> np.ndarray:
    """`values` as the pages write them with `digits` decimals: rounded half to even on their shortest
    decimal form, as Babel (`i18n.number`) rounds, not on their binary values (40.355 is written
    "40.36", where NumPy's and Python's rounding give 40.35). Rounded by NumPy where no tie is near."""
    values = np.asarray(values, dtype="float64")
    out = np.round(values, digits)
    scaled = np.abs(values) * 10.0 ** digits
    with np.errstate(invalid="ignore"):
        hair = np.maximum(1e-6, 64 * np.spacing(scaled))  # as `i18n.numbers` finds a tie
        near = np.flatnonzero(np.abs(scaled - np.floor(scaled) - 0.5) < hair)
    step = Decimal(1).scaleb(-int(digits))
    for at in near.tolist():
        out[at] = float(Decimal(repr(float(values[at]))).quantize(step, rounding=ROUND_HALF_EVEN))
    return out


def separating_digits(scores: np.ndarray, digits: int = 1, most: int = MOST_DIGITS) -> np.ndarray:
    """For scores in order, the decimals each is written with: `digits`, or as many more (up to
    `most`) as tell it from a neighbour of another score that would read the same; equal scores stay
    equal, and tie; each is written so that it reads as above or below its neighbours as it is.
    Until nothing changes: a score given more decimals by one neighbour can come to read as the other
    does (Bolivia's Cuchumuela 45.3521 and Combaya 45.3487 were 45.4 and 45.3, then both "45.35",
    each raised by its other neighbour, and ranked 171 and 171), or out of order (45.4 below 45.36)."""
    values = np.asarray(scores, dtype="float64")
    found = np.full(len(values), digits, dtype=int)
    if len(values) < 2:
        return found
    shown = {d: written(values, d).tolist() for d in range(digits, max(digits, most) + 1)}
    plain = values.tolist()
    changed = True
    while changed:
        changed = False
        for i in range(len(plain) - 1):
            a, b, da, db = plain[i], plain[i + 1], found[i], found[i + 1]
            if a == b or a != a or b != b:
                continue
            # parted, and in their order: Tupiza's 53.975 written "53.98" above Sipe Sipe's 53.964
            # written "54.0" read as out of order, though the two texts differ
            if (shown[da][i] - shown[db][i + 1]) * (a - b) > 0:
                continue
            needed = max(da, db)
            while needed < most and shown[needed][i] == shown[needed][i + 1]:
                needed += 1
            if needed > max(da, db) or da != db:
                found[i] = found[i + 1] = needed
                changed = True
        # equal scores are written alike: Thailand's 100 took two decimals from Malaysia's 99.98 after
        # it and Azerbaijan's 100 one, so "100.0" and "100.00" were ranked 1 and 2 instead of tied
        start = 0
        for end in range(1, len(plain) + 1):
            if end == len(plain) or plain[end] != plain[start]:
                if end - start > 1 and found[start:end].min() != found[start:end].max():
                    found[start:end] = found[start:end].max()
                    changed = True
                start = end
    return found


def extreme(frame: pd.DataFrame, row: object, scored: pd.Series) -> Extreme:
    """The place at index `row` of `frame` and its score, named as the ranked list names it
    (`names.place_labels`): with its country where another `scored` place has that name (Bolivia
    has several San Pedros), and its id too where that one is in the same country. Only the rows of
    that name are taken: a map of 10,000 places is not copied for it."""
    return Extreme(label(frame, row, scored), float(frame.at[row, "score"]))


def label(frame: pd.DataFrame, row: object, scored: pd.Series) -> str:
    name = frame.at[row, "name"]
    same = frame[(frame["name"] == name).to_numpy(dtype=bool, na_value=False) & scored.to_numpy(dtype=bool)]
    return str(names.place_labels(same).at[row] if len(same) > 1 else name)


def end_ties(values: np.ndarray, digits: int = 1) -> tuple[int, list[int]]:
    """For values in order from the end wanted first: the decimals the first is written with (`digits`,
    or more where the next different value would read the same: `separating_digits`), and the
    positions after it of the values that read the same at those decimals, which tie with it. The map's
    summary and Explore's sentences name their ends by this one rule (they had two: "2 places at
    62.2" beside the map's 62.21 and 62.19)."""
    first = float(values[0])
    other = values[values != first]
    if len(other) and not np.isnan(other[0]):
        digits = int(separating_digits(np.array([first, other[0]]), digits)[0])
    written = i18n.number(first, digits)
    near = np.flatnonzero(np.abs(values - first) < 10.0 ** -digits)  # only these can read the same
    return digits, [int(i) for i in near if i and i18n.number(float(values[i]), digits) == written]


def extreme_of(frame: pd.DataFrame, rows: pd.Index, scored: pd.Series) -> Extreme:
    """The first of `rows` (places drawn, the end of the order that is wanted first) and every other
    place whose score reads the same on the page: Bristol's highest is two wards at 100.0, and a
    sentence naming one of them says the other is lower."""
    digits, positions = end_ties(frame.loc[rows, "score"].to_numpy(dtype=float))
    # named in the list's order, whichever end (the lowest were named from the bottom up)
    first, *tied = sorted([rows[0], *(rows[i] for i in positions)], key=frame.index.get_loc)
    named = tuple(label(frame, row, scored) for row in tied[:TIED_NAMED])
    ids = tuple(str(frame.at[row, "place_id"]) for row in (first, *tied)) if "place_id" in frame else ()
    score = float(frame.at[rows[0], "score"])
    return Extreme(label(frame, first, scored), score, named, len(tied) - len(named), digits, ids)


def map_facts(frame: pd.DataFrame, goal: int | None, year: int, values: Years = Years()) -> MapFacts:
    """`frame`: scores.place_scores (sorted best first), index scores already limited to ranked places,
    with `too_little_data` marking the places whose index the coverage rule withholds."""
    on_map = located(frame)
    has = frame["score"].notna()
    drawn = frame[on_map & has]
    little = frame["too_little_data"] if "too_little_data" in frame else pd.Series(False, index=frame.index)
    top = bottom = None
    if len(drawn):
        top, bottom = extreme_of(frame, drawn.index, has), extreme_of(frame, drawn.index[::-1], has)
    ratings, scored_unrated = {}, 0
    if "colour" in frame:
        colours = frame["colour"].astype("string").fillna("grey")
        ratings = colours[on_map].value_counts().to_dict()
        # every place, drawn or not: the sentence reads as a total (Bolivia's said 74, the places
        # drawn, of its 339 places scored and none rated)
        scored_unrated = int((has & (colours == "grey")).sum())
    absent = 0
    if goal == SEA_GOAL and {"place_id", "kind", "country_iso3"} <= set(frame.columns):
        landlocked = frame["place_id"].astype(str).isin(landlocked_countries(frame)).to_numpy(dtype=bool)
        absent = int((on_map & ~has & landlocked).sum())
    return MapFacts(
        goal, year, total=len(frame), scored=int(has.sum()), drawn=len(drawn), not_applicable=absent,
        grey=int((on_map & ~has).sum()), too_little_data=int((on_map & little & ~has).sum()),
        no_coordinates=int((~on_map).sum()), no_coordinates_scored=int((~on_map & has).sum()),
        top=top, bottom=bottom, median=float(frame.loc[has, "score"].median()) if has.any() else None,
        ratings={str(k): int(v) for k, v in ratings.items()}, values=values, scored_unrated=scored_unrated,
        withheld=int((little & ~has).sum()))


@dataclass(frozen=True)
class CountryFacts:
    year: int
    goal: int | None
    countries: int
    places: int
    top: Extreme | None
    bottom: Extreme | None


@dataclass(frozen=True)
class IndexFacts:
    """A place's SDG Index in a year and whether the coverage rule lets it be shown."""

    score: float | None
    rank: int | None
    ranked_places: int
    """How many places are ranked in that year: the rank's group."""
    shown: bool
    goals_with_data: int
    """Goals with a score of the place's own (not one imputed from its group's mean)."""
    indicators: int
    available: int
    required: float
    min_goals: int
    """Goals with a score a place needs for an index and a rank (`Settings.index_min_goals`)."""
    published: tuple[float, int | None, int, int] | None = None
    """The index the source itself published for the place (SDSN's workbooks) in the year, or the
    latest year before it: score, rank (None where it gives none), how many places it ranked that
    year, and the year; None where it published none."""
    digits: int = 1
    """Decimals the score is written with: more where one would write a neighbour in the ranking the
    same (`separating_digits`): San Pedro's "51.6, rank 61" beside Mineros' "51.58, rank 62"."""
    published_unranked: tuple[int, int] | None = None
    """Where the source's index is of another year that this dashboard gives the place no index
    for: the place's indicators with data then and those the index needs (Eritrea's page of 2018
    beside the source's 2019, a year it has data for 78 % of them, under the 80 % rule)."""

    @property
    def too_few_goals(self) -> bool:
        return self.goals_with_data < self.min_goals

    @property
    def too_few_indicators(self) -> bool:
        return self.indicators > 0 and self.available / self.indicators < self.required - 1e-9


def settings_of(store: StoreData) -> Settings:
    """The scoring settings of the store's version, by the source's options."""
    try:
        return Settings.from_options(store.meta.get("options"))
    except (TypeError, ValueError):
        return Settings()


def required_coverage(store: StoreData) -> float:
    """The share of index indicators a place needs for an index and a rank, by the source's options."""
    return settings_of(store).place_coverage


def index_facts(store: StoreData, place_id: str, year: int) -> IndexFacts | None:
    settings = settings_of(store)
    table = store.tables.get("index")
    if table is None or table.empty:
        return None
    rows, at, groups = year_rows(store, table, year)
    position = at.get(str(place_id))
    if position is None:
        return None
    row = rows.iloc[position]
    scores, digits = groups.get(ranking_of(kinds_of(store).get(str(place_id)), row.get("whole")),
                                (np.zeros(0), np.zeros(0, dtype=int)))
    ranked = bool(row.get("ranked", True)) if not pd.isna(row.get("ranked", True)) else False
    score = None if pd.isna(row["score"]) else float(row["score"])
    rank = None if pd.isna(row.get("rank")) else int(row["rank"])
    published = published_index(store, place_id, year)
    # a rank among one place tells nothing (València, the only city beside its ranked districts)
    return IndexFacts(score, rank if ranked and not row.get("lone", False) else None, len(scores),
                      shown=ranked and score is not None,
                      goals_with_data=count(row, "n_goals") - count(row, "n_goals_imputed"),
                      indicators=count(row, "n_indicators"),
                      available=count(row, "n_available"), required=settings.place_coverage,
                      min_goals=settings.index_min_goals, published=published,
                      digits=written_digits(scores, digits, score) if ranked and score is not None else 1,
                      published_unranked=unranked_in(store, table, place_id, published[3])
                      if published is not None and published[3] != int(year) else None)


def year_rows(store: StoreData, table: pd.DataFrame, year: int):
    """`index_year` of a year, kept per version."""
    return store.kept("index-year", int(year), lambda: index_year(table, year, kinds_of(store)), limit=32)


def written_digits(scores: np.ndarray, digits: np.ndarray, score: float) -> int:
    """The decimals a place's index score is written with in its ranking (`scores` best first and
    their `separating_digits`), as the map's list writes it: San Pedro's "51.6, rank 61" stood
    beside Mineros' 51.58, rank 62."""
    if not len(scores):
        return 1
    at = min(int(np.searchsorted(-scores, -score, side="left")), len(scores) - 1)
    return int(digits[at])


def count(row: pd.Series, name: str) -> int:
    """A count of an index row, 0 where it is missing."""
    value = row.get(name)
    return 0 if value is None or pd.isna(value) else int(value)


def unranked_in(store: StoreData, table: pd.DataFrame, place_id: str, year: int) -> tuple[int, int] | None:
    """(indicators with data, indicators of the index) of a place in a year this dashboard gives it no
    index for; None where it does give one (or has no row for it)."""
    rows, at, _groups = year_rows(store, table, year)
    position = at.get(str(place_id))
    if position is None:
        return None
    row = rows.iloc[position]
    ranked = row.get("ranked", True)
    if not pd.isna(ranked) and bool(ranked):
        return None
    return count(row, "n_available"), count(row, "n_indicators")


def published_index(store: StoreData, place_id: str, year: int) -> tuple[float, int | None, int, int] | None:
    """`IndexFacts.published`: the source's own index of the place in the year, else in the latest
    year before it the source published one for the place (the European Cities index of 2019, on a
    page of 2023 that other sources' values reach), else in the first year after it (SDSN's Africa
    index of 2019, on Eritrea's page of 2018, the last year the dashboard ranks it), from the
    store's `published_index` table (kept per version and year)."""
    table = store.tables.get("published_index")
    if table is None or table.empty or "score" not in table:
        return None
    years = store.kept("published-index-years", 0, lambda: sorted(
        {int(y) for y in pd.to_numeric(table["year"], errors="coerce").dropna()}, reverse=True))
    for published in [y for y in years if y <= int(year)] + [y for y in reversed(years) if y > int(year)]:
        scores, ranked = store.kept("published-index-year", published,
                                    lambda published=published: published_year(table, published), limit=32)
        found = scores.get(str(place_id))
        if found is not None:
            return found[0], found[1], ranked, published
    return None


def published_year(table: pd.DataFrame, year: int) -> tuple[dict[str, tuple[float, int | None]], int]:
    """{place_id: (score, rank)} of a year's published index rows with a score (the last of a place
    kept twice), and how many of them have a rank."""
    rows = table[(table["year"] == year).fillna(False).to_numpy(dtype=bool)]
    scores = pd.to_numeric(rows["score"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    ranks = (pd.to_numeric(rows["rank"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
             if "rank" in rows else np.full(len(rows), np.nan))
    found: dict[str, tuple[float, int | None]] = {}
    for place, score, rank in zip(rows["place_id"].astype(str), scores.tolist(), ranks.tolist(), strict=True):
        if not np.isnan(score):  # a place the source lists without an index (SDR's unranked countries)
            found[place] = (float(score), None if np.isnan(rank) else int(rank))
    return found, sum(rank is not None for _, rank in found.values())


def kinds_of(store: StoreData) -> dict[str, object]:
    """Each place's ranking group by id (its kind; cities and districts together: `rank_group`), once
    per version: ranks are counted among places of one group."""
    def made() -> dict[str, object]:
        places = store.places
        if places is None or not {"place_id", "kind"} <= set(places.columns):
            return {}
        return dict(zip(places["place_id"].astype(str), map(rank_group, places["kind"].astype(object)),
                        strict=True))

    return store.kept("place-kinds", 0, made, limit=1)


def index_year(table: pd.DataFrame, year: int, kinds: dict[str, object] | None = None
               ) -> tuple[pd.DataFrame, dict[str, int], dict[object, tuple[np.ndarray, np.ndarray]]]:
    """A year's index rows, where each place's (first) row is in them, and each ranking group's
    ranked scores, best first, with the decimals each is written with (`separating_digits`): its
    size is the rank's "of N" (ranks count like with like: a country's row among its states is
    ranked among countries), its texts those of the map's list. Once per version and year, not a
    scan of every year's rows per city page."""
    this_year = table[(table["year"] == year).fillna(False).to_numpy(dtype=bool)].reset_index(drop=True)
    this_year["lone"] = lone_ranks(this_year, kinds or {})
    at: dict[str, int] = {}
    for position, place in enumerate(this_year["place_id"].astype(object).tolist()):
        at.setdefault(str(place), position)
    ranked = this_year["ranked"].astype("boolean").fillna(False).to_numpy(dtype=bool) \
        if "ranked" in this_year else np.ones(len(this_year), dtype=bool)
    scores = pd.to_numeric(this_year["score"], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    places = this_year["place_id"].astype(object).tolist()
    wholes = this_year["whole"].tolist() if "whole" in this_year else [False] * len(places)
    rankings = [ranking_of((kinds or {}).get(str(place)), whole)
                for place, whole in zip(places, wholes, strict=True)]
    members: dict[tuple[object, bool], list[int]] = {}
    for row in np.flatnonzero(ranked & ~np.isnan(scores)).tolist():
        members.setdefault(rankings[row], []).append(row)
    groups = {}
    for group, rows in members.items():
        ordered = np.sort(scores[rows])[::-1]
        groups[group] = (ordered, separating_digits(ordered))
    return this_year, at, groups


def lone_ranks(index: pd.DataFrame, kinds: dict[str, object]) -> np.ndarray:
    """Per index row: whether its rank is the only one in its ranking of the year (`ranking_of`:
    València, the one whole beside its ranked districts). A rank among one place says nothing, so
    the map, the city page (`index_facts`) and Explore's rank column give none; the stored rank stays."""
    if index.empty or "rank" not in index:
        return np.zeros(len(index), dtype=bool)
    ranked = index["rank"].notna()
    group = index["place_id"].astype(str).map(kinds).astype(object).fillna("")  # unknown kinds: one group
    whole = index["whole"].astype("boolean").fillna(False) if "whole" in index else \
        pd.Series(False, index=index.index)
    alone = ranked & (ranked.groupby([index["year"], group, whole]).transform("sum") == 1)
    return alone.to_numpy(dtype=bool)


def ranking_of(kind: object, whole: object) -> tuple[object, bool]:
    """The ranking an index row is counted in: its place's group (`kinds_of`), and whether the place
    is ranked as the whole of places ranked that year (the index's `whole`: València apart from its
    districts; missing in stores scored before, where it was ranked among them)."""
    return kind, bool(whole) if isinstance(whole, (bool, np.bool_)) else False


@dataclass(frozen=True)
class CityFacts:
    """A place's goals in a year: what its tiles, summary and title may say."""

    place: str
    year: int
    goals_scored: int
    worst: tuple[int, float] | None
    best: tuple[int, float] | None
    with_trend: int
    on_track: int
    red: int
    index: IndexFacts | None
    values: Years
    opening: int | None = None
    """The year the place's page opens on (`scores.place_opening_years`; None: no goal score in any
    year)."""
    other_scored: int = 0
    """The place's indicators of no SDG goal with a score that year (`city.OTHER`'s section): Benin's
    départements have 44 and no goal score, and their page said only "no goal scores yet"."""


def city_facts(name: str, goal_rows: pd.DataFrame, index: IndexFacts | None, year: int,
               values: Years, opening: int | None = None, other_scored: int = 0) -> CityFacts:
    """What a place's goal rows of one year may say. Read as lists: the 17 rows made five frames
    in pandas, 2 ms of every city page."""
    scored, with_trend, on_track, red = [], 0, 0, 0
    for goal, score, colour, arrow in zip(*(goal_rows[column].tolist() for column in
                                            ("goal", "score", "colour", "arrow")), strict=True):
        if not missing(arrow) and arrow != "no_data":
            with_trend += 1
            on_track += arrow in ("on_track", "maintaining")
        if not missing(score):
            scored.append((float(score), goal))
            red += isinstance(colour, str) and colour == "red"
    scored.sort()  # by score, then goal, as the worst and best are named
    worst = (int(scored[0][1]), scored[0][0]) if scored else None
    best = (int(scored[-1][1]), scored[-1][0]) if scored else None
    return CityFacts(name, year, goals_scored=len(scored), worst=worst, best=best, with_trend=with_trend,
                     on_track=on_track, red=red, index=index, values=values, opening=opening,
                     other_scored=other_scored)


def rounded_equal(a: float, b: float, digits: int = 0) -> bool:
    """Two scores that read the same once rounded for the page."""
    return bool(np.round(a, digits) == np.round(b, digits))


@dataclass(frozen=True)
class Agreement:
    """How many of the source's own published ratings this project's recomputation matches."""

    published: int
    agree: int
    rated: int | None = None
    """Of the published ratings, how many this project rates too (not grey); None: all of them."""


def agreement(published: pd.DataFrame | None, computed: pd.DataFrame, keys: list[str]) -> Agreement | None:
    """Published colours (other than grey: no rating) against the computed ones on the same keys.
    A key the source published twice (one index read from its CSV and its JSON) counts once, the
    last read."""
    if published is None or published.empty or "colour" not in published:
        return None
    rated = published[published["colour"].astype("string").fillna("grey") != "grey"]
    rated = rated.assign(place_id=rated["place_id"].astype("string"))
    rated = rated.drop_duplicates(keys, keep="last")
    computed = computed.assign(place_id=computed["place_id"].astype("string"))
    computed = computed.drop_duplicates(keys, keep="last")
    both = rated[[*keys, "colour"]].merge(computed[[*keys, "colour"]], on=keys, how="left",
                                          suffixes=("_published", ""))
    if both.empty:
        return None
    ours = both["colour"].astype("string").fillna("grey")
    same = both["colour_published"].astype("string") == ours
    return Agreement(len(both), int(same.fillna(False).sum()), int((ours != "grey").sum()))


@dataclass(frozen=True)
class PublishedFirst:
    """The place the source's own index ranks first in a year, among the places a map draws."""

    name: str
    score: float
    same: bool
    """Whether this dashboard's recomputation has it first too (tied first included)."""


def published_first(store: StoreData, frame: pd.DataFrame, year: int,
                    top: Extreme | None) -> PublishedFirst | None:
    """`PublishedFirst` of the year's published index over the places of `frame` (place_id, name),
    by rank, else by score: the US states' map ranked Massachusetts first at 73.4 under "Source:
    SDSN", where SDSN's own index has it first at 61.0 (and Vermont and Washington in another
    order), and said nothing of it."""
    table = store.tables.get("published_index")
    if table is None or table.empty or "score" not in table or top is None or frame.empty:
        return None
    order = store.kept("published-index-order", int(year), lambda: published_order(table, int(year)),
                       limit=32)
    drawn = dict(zip(frame["place_id"].astype(str), frame["name"].astype(str), strict=True))
    place, score = next(((p, s) for p, s in order if p in drawn), (None, None))
    if place is None:
        return None
    return PublishedFirst(drawn[place], score, top.holds(place, drawn[place]))


def published_order(table: pd.DataFrame, year: int) -> list[tuple[str, float]]:
    """(place_id, score) of a year's published index, first first: by rank, else by score."""
    scores, _ranked = published_year(table, year)
    ordered = sorted(scores.items(), key=lambda item: (item[1][1] if item[1][1] is not None else np.inf,
                                                       -item[1][0], item[0]))
    return [(place, score) for place, (score, _rank) in ordered]


def assumed_directions(store: StoreData, goal: int | None) -> tuple[int, int]:
    """(indicators scored in an assumed direction, indicators scored) behind a goal, or every goal's
    for the index (None): where the source states no direction and neither the bounds nor the name
    tell (the bounds table's `direction_source` 'assumed'). València's Goal 1 ranks districts on 18
    counts of people scored as higher is better by assumption; only the import report said so."""
    def counted() -> tuple[int, int]:
        bounds = store.tables.get("bounds")
        if bounds is None or bounds.empty or not {"direction_source", "goal"} <= set(bounds.columns):
            return 0, 0
        rows = bounds[pd.to_numeric(bounds["goal"], errors="coerce").notna().to_numpy(bool)]
        if goal is not None:
            rows = rows[(pd.to_numeric(rows["goal"], errors="coerce") == goal).to_numpy(bool)]
        if "n_values" in rows:
            rows = rows[(pd.to_numeric(rows["n_values"], errors="coerce").fillna(0) > 0).to_numpy(bool)]
        return int((rows["direction_source"].astype("string") == "assumed").sum()), len(rows)
    return store.kept("assumed-directions", goal, counted, limit=32)
