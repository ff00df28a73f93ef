"""What each explore parameter may be and defaults to, given the parameters before it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from layouts.i18n import language
from loaders.store import StoreData
from views.base import prepared
from views.explore import contents as explore_contents
from views.explore import options as explore_options
from views.explore import places as explore_places
from views.explore.model import VIEWS, Catalogue, State


def context(store: StoreData) -> Catalogue:
    return prepared(store, explore_contents.catalogue)


def partial(values: dict) -> State:
    """The values read so far as a State (the rest at their defaults), for the choices that depend on them."""
    known = {k: v for k, v in values.items() if k in State.__dataclass_fields__}
    if isinstance(known.get("goal"), str):
        known["goal"] = int(known["goal"])
    return replace(State(), **known)


def option_values(options: list[dict]) -> list[str]:
    return [o["value"] for o in options if o["value"] != ""]


T = TypeVar("T")


GEOGRAPHY = ("region", "subregion", "country", "band")
"""The fields the geographic choices depend on (each level narrows the next)."""


def kept(cat: Catalogue, name: str, key: tuple, compute: Callable[[], T]) -> T:
    """A control's choices (or defaults) computed once per catalogue (so per data version) and what
    they depend on: a parse asks for each control's choices, and a country's or a place's choices at
    1,000 places took longer than the rest of the parse. Kept per language too: the values are ids,
    but in the order of their names (the API's description lists them so). Read only."""
    memo = cat.__dict__.setdefault("_choices", {})
    key = (name, language(), key)
    found = memo.get(key)
    if found is None:  # a local: another thread may clear the dict meanwhile
        if len(memo) > 4096:
            memo.clear()
        found = memo[key] = compute()
    return found


def opening_goal(cat: Catalogue, _values: dict) -> str | None:
    """The goal a ranking opens on: the map's (`Catalogue.goal`), else none (the SDG Index)."""
    return None if cat.goal is None else str(cat.goal)


def opening_view(cat: Catalogue, _values: dict) -> str:
    """A ranking; for a store of one place, its values over time (`Catalogue.alone`)."""
    return "trend" if cat.measured else "ranking"


def offered_views(cat: Catalogue, _values: dict = None) -> tuple[str, ...]:
    """The charts the data can draw: a scatter needs two indicators (UNdata's populations and a
    store of one indicator have one; `?view=scatter` failed there with a server error)."""
    return tuple(v for v in VIEWS if v != "scatter" or len(cat.indicators) >= 2)


def opening_measure(cat: Catalogue, values: dict) -> str:
    """Scores; for a store of one place, the values of the indicator it opens on (while there is one:
    a goal without a measured indicator shows goal scores, and the next goal's values again); for a
    store without goal scores, the values of the indicator it opens on where its direction is only
    assumed (UNdata's city populations ranked as scores, "Best: BUENOS AIRES (100.0)")."""
    indicator = values.get("indicator")
    if cat.measured and indicator:
        return "value"
    if cat.unscored and indicator == cat.unscored and explore_contents.assumed_direction(cat, indicator):
        return "value"
    return "score"


def first_measured(cat: Catalogue, values: dict) -> str | None:
    """No indicator (the goal's or the index's scores); for a store of one place, the goal's
    indicator with the most years of values (`explore_contents.opening_indicator`)."""
    if not cat.measured:
        chosen = partial(values)  # a store with no goal score: an indicator, unless one was asked for
        return cat.unscored if chosen.goal is None and chosen.target is None else None
    state = partial(values)
    return kept(cat, "first_measured", (state.goal, state.target),
                lambda: explore_contents.opening_indicator(cat, state.goal, state.target))


def goals(cat: Catalogue, _values: dict) -> list[str]:
    if not len(cat.indicators):
        return []
    return kept(cat, "goals", (),
                lambda: option_values(explore_options.goal_options(cat.indicators, cat.goal is None)))


def targets(cat: Catalogue, values: dict) -> list[str]:
    if not goals(cat, {}):
        return []
    goal = partial(values).goal
    return kept(cat, "targets", (goal,),
                lambda: option_values(explore_options.target_options(cat.indicators, goal)))


def indicators(cat: Catalogue, values: dict) -> list[str]:
    if not len(cat.indicators):
        return []
    state = partial(values)
    return kept(cat, "indicators", (state.goal, state.target), lambda: option_values(
        explore_options.indicator_options(cat.indicators, state.goal, state.target)))


def geography(options):
    def found(cat: Catalogue, values: dict) -> list[str]:
        if not len(cat.places):
            return []
        state = partial(values)
        return kept(cat, options.__name__, tuple(getattr(state, key) for key in GEOGRAPHY),
                    lambda: option_values(options(cat.places, state)))

    return found


def place_ids(cat: Catalogue, values: dict) -> list[str]:
    """The places the geographic filters let through, as ids (the options' labels are not needed to
    check a choice: at 10,000 places building them took longer than the view)."""
    if not len(cat.places):
        return []
    state = partial(values)
    return kept(cat, "place_ids", tuple(getattr(state, key) for key in GEOGRAPHY),
                lambda: explore_places.geography(cat.places, state)["place_id"].astype(str).tolist())


def year_bounds(cat: Catalogue, _values: dict) -> tuple[int, int]:
    return (cat.years[0], cat.years[-1]) if cat.years else (0, 0)


def known_periods(cat: Catalogue, _values: dict) -> dict[str, int]:
    return cat.periods


def first_year(cat: Catalogue, _values: dict) -> int | None:
    return cat.years[0] if cat.years else None


def last_year(cat: Catalogue, _values: dict) -> int | None:
    return cat.years[-1] if cat.years else None


def opening_year(cat: Catalogue, _values: dict) -> int | None:
    """The year the ranking, table, distribution and scatter open on: the map's (`scores.opening_year`)."""
    return cat.opening if cat.opening is not None else last_year(cat, _values)


def all_indicators(cat: Catalogue, _values: dict) -> list[str]:
    """Kept on the catalogue (a version's): every parse asks several times."""
    if "_all_indicators" not in cat.__dict__:
        cat.__dict__["_all_indicators"] = list(cat.indicators["indicator_id"]) if len(cat.indicators) else []
    return list(cat.__dict__["_all_indicators"])


def other_indicators(cat: Catalogue, values: dict) -> list[str]:
    return [i for i in all_indicators(cat, values) if i != values.get("x")]


def scatter_default(axis: int):
    def default(cat: Catalogue, values: dict) -> str | None:
        if not len(cat.indicators):
            return None
        state = partial(values)  # a parse asks about 9 times
        # which indicators share places is counted for a scatter only: a ranking or a table has no
        # use for its axes, and counting a year's pairs was 50 ms of its first request of that year
        counted = cat.shared is not None and state.view == "scatter"
        key = (state.goal, state.target, state.indicator, state.x, state.year, state.measure, counted)
        return kept(cat, "scatter_defaults", key, lambda: explore_options.scatter_defaults(
            cat.indicators, state, cat.shared(state.year, state.measure) if counted else None))[axis]

    return default
