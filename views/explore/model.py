"""What an explore view is: its state, what a store offers to choose from, and the fixed choices' names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from layouts.i18n import N_

VIEWS = {
    "ranking": N_("Ranking"),
    "scatter": N_("Scatter"),
    "distribution": N_("Distribution"),
    "trend": N_("Time series"),
    "table": N_("Table"),
}


MEASURES = {"score": N_("Score (0-100)"), "value": N_("Value (indicator's unit)")}


SORTS = {
    "score-desc": N_("Score, best first"),
    "score-asc": N_("Score, worst first"),
    "name-asc": N_("Name, A to Z"),
    "population-desc": N_("Population, largest first"),
}


VALUE_SORTS = {"score-desc": N_("Value, best first"), "score-asc": N_("Value, worst first")}
"""The order by the measure shown, named for values where the table shows them."""


UNRANKED_SORTS = {"score-desc": N_("Value, highest first"), "score-asc": N_("Value, lowest first")}
"""The same, for values of an indicator whose direction is only assumed: no end of them is best."""


BANDS = {"small": N_("Small"), "medium": N_("Medium"), "large": N_("Large"), "metro": N_("Metro")}
"""The keys of scores.POPULATION_BANDS and their names; every label is in English, translated where shown."""


MAX_LINES = 12
"""More lines than this make a time series unreadable; the rest are left out and the summary says so."""
AXIS_YEARS = ("x_value_year", "y_value_year")
"""A scatter's columns of the years its x and y values come from (a place's latest value up to the
year chosen), as a ranking's `value_year`."""


@dataclass(frozen=True)
class State:
    """Everything the page shows, as read from the URL or the controls (None = all / not chosen)."""

    view: str = "ranking"
    goal: int | None = None
    target: str | None = None
    indicator: str | None = None
    measure: str = "score"
    region: str | None = None
    subregion: str | None = None
    country: str | None = None
    band: str | None = None
    year: int | None = None
    start: int | None = None
    end: int | None = None
    places: tuple[str, ...] = ()
    x: str | None = None
    y: str | None = None
    size: bool = False
    sort: str = "score-desc"
    find: str = ""


@dataclass(frozen=True)
class Catalogue:
    """What a store offers to filter on: indicators, mapped places (with band and country name), years."""

    indicators: pd.DataFrame
    places: pd.DataFrame
    years: list[int] = field(default_factory=list)
    texts: dict[str, pd.DataFrame] = field(default_factory=dict)
    """Per language, the indicators' names and units as `texts.indicator_texts` gives them."""
    opening: int | None = None
    """The year a ranking opens on (`scores.opening_year`); None: the latest."""
    goal: int | None = None
    """The goal a ranking opens on where the index ranks no place, as the map's (`scores.opening_goal`);
    None: the SDG Index. Bristol's and Nepal's Explore opened on an empty index ranking."""
    measured: dict[str, int] = field(default_factory=dict)
    """For a store of one place without goal or index scores (`alone`): its indicators with values,
    each with its number of years of values, in catalogue order; empty otherwise. Explore opens on
    these values over time, not on a ranking of one place without a score (Los Angeles' and
    Valencia's Open SDG sites without their districts)."""
    unscored: str | None = None
    """For a store whose places have no goal or index score at all (Benin's départements, scored on
    the source's pillars), the indicator a ranking opens on: the one most of its places have a score
    for in the opening year (the first in catalogue order on a tie); it opened on an empty ranking
    of the SDG Index. None otherwise."""

    periods: dict[str, int] = field(default_factory=dict)
    """The periods the data writes, with the year each stands for (`years.known_periods`): the
    address's `year` may name one, as the page writes it."""

    shared: Callable[[int | None, str], pd.DataFrame] | None = field(default=None, repr=False, compare=False)
    """For a year and a measure, how many places each two indicators share (`pairs.shared_counts`):
    the scatter opens on two that share places (Bristol's opened on two sharing no ward in 2021)."""

    @property
    def alone(self) -> bool:
        """One place (whose scores, where it has any, come from fixed bounds: there is no other)."""
        return len(self.places) == 1


def option(label: object, value: object) -> dict:
    return {"label": str(label), "value": "" if value is None else str(value)}
