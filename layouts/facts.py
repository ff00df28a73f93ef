"""The facts under every sentence: what a view's data say, counted once from the data the view
draws, so that titles, summaries, captions and tiles cannot contradict the picture or each other.

Sentences are rendered from these facts in `layouts/summaries.py`; no sentence computes a count of
its own. The views compute the facts for their state (`value_year_spans` once per data version)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import pandas as pd

from layouts import i18n, names
from layouts.extents import country_shapes_known
from layouts.reference import SEA_GOAL
from layouts.year_spans import Years
from loaders.scoring.settings import landlocked_countries
from loaders.store import StoreData


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
