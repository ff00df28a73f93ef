"""The explore view's parameters, declared once: what each filter may be, given the filters before it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

import pandas as pd

from layouts.i18n import N_, _, language
from loaders.store import StoreData
from views.base import prepared
from views.explore import choices
from views.explore.choices import BANDS, MEASURES, SORTS, VIEWS, Catalogue, State
from views.params import Declaration, Param


def context(store: StoreData) -> Catalogue:
    return prepared(store, choices.catalogue)


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
    if cat.unscored and indicator == cat.unscored and choices.assumed_direction(cat, indicator):
        return "value"
    return "score"


def first_measured(cat: Catalogue, values: dict) -> str | None:
    """No indicator (the goal's or the index's scores); for a store of one place, the goal's
    indicator with the most years of values (`choices.opening_indicator`)."""
    if not cat.measured:
        chosen = partial(values)  # a store with no goal score: an indicator, unless one was asked for
        return cat.unscored if chosen.goal is None and chosen.target is None else None
    state = partial(values)
    return kept(cat, "first_measured", (state.goal, state.target),
                lambda: choices.opening_indicator(cat, state.goal, state.target))


def page_view(store: StoreData) -> str:
    """The view the explore page opens on without a `view` in its address (its first picture, its
    oEmbed, the published copy's first chart)."""
    cat = context(store)
    return kept(cat, "page_view", (), lambda: parse({}, cat)[0].view)


def goals(cat: Catalogue, _values: dict) -> list[str]:
    if not len(cat.indicators):
        return []
    return kept(cat, "goals", (),
                lambda: option_values(choices.goal_options(cat.indicators, cat.goal is None)))


def targets(cat: Catalogue, values: dict) -> list[str]:
    if not goals(cat, {}):
        return []
    goal = partial(values).goal
    return kept(cat, "targets", (goal,),
                lambda: option_values(choices.target_options(cat.indicators, goal)))


def indicators(cat: Catalogue, values: dict) -> list[str]:
    if not len(cat.indicators):
        return []
    state = partial(values)
    return kept(cat, "indicators", (state.goal, state.target), lambda: option_values(
        choices.indicator_options(cat.indicators, state.goal, state.target)))


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
                lambda: choices.geography(cat.places, state)["place_id"].astype(str).tolist())


def year_bounds(cat: Catalogue, _values: dict) -> tuple[int, int]:
    return (cat.years[0], cat.years[-1]) if cat.years else (0, 0)


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
        return kept(cat, "scatter_defaults", (state.goal, state.target, state.indicator, state.x),
                    lambda: choices.scatter_defaults(cat.indicators, state))[axis]

    return default


DECLARATION = Declaration(
    (
        Param(
            "view",
            "choice",
            N_("Chart"),
            offered_views,
            opening_view,
            description="Which view's rows (default: ranking; for data of one place, trend).",
            example="ranking",
        ),
        Param(
            "goal",
            "choice",
            N_("Goal"),
            goals,
            opening_goal,
            description="SDG goal: its goal score (default: the SDG Index, or where it ranks no place "
            "the goal most places have a score for).",
            example="3",
            value_type="integer",
        ),
        Param(
            "target",
            "choice",
            N_("Target"),
            targets,
            description="SDG target, narrowing the indicator choice.",
            example="3.9",
        ),
        Param(
            "indicator",
            "choice",
            N_("Indicator"),
            indicators,
            first_measured,
            description="An indicator: its scores or values (default: none, so the goal's or the index's "
            "scores; for data of one place, the indicator with the most years of values).",
            example="pm25-concentration",
        ),
        Param(
            "measure",
            "choice",
            N_("Show"),
            tuple(MEASURES),
            opening_measure,
            description="score, or value (an indicator's own unit; the default for data of one place, and "
            "for an indicator of no stated direction where no goal is scored).",
            example="value",
        ),
        Param(
            "region",
            "choice",
            N_("UN region"),
            geography(lambda places, _s: choices.region_options(places)),
            description="UN region.",
            example="Africa",
        ),
        Param(
            "year",
            "integer",
            N_("Year"),
            default=opening_year,
            bounds=year_bounds,
            description="Year of ranking, table, distribution and scatter; default the latest in "
            "which the SDG Index ranks a place.",
            example="2020",
        ),
        Param(
            "from",
            "integer",
            N_("From"),
            default=first_year,
            bounds=year_bounds,
            attr="start",
            description="First year of the time series.",
            example="2018",
        ),
        Param(
            "to",
            "integer",
            N_("To"),
            default=last_year,
            bounds=year_bounds,
            attr="end",
            description="Last year of the time series.",
            example="2020",
        ),
        Param(
            "size",
            "flag",
            N_("Point size"),
            on="population",
            description="Scatter: population to size points.",
            example="population",
        ),
        Param(
            "sort",
            "choice",
            N_("Order"),
            tuple(SORTS),
            "score-desc",
            description="Table order.",
            example="name-asc",
        ),
        Param(
            "q",
            "text",
            N_("Find a place by name"),
            attr="find",
            description="Table: places whose name contains this text.",
            example="san",
        ),
        Param(
            "subregion",
            "choice",
            N_("UN subregion"),
            geography(choices.subregion_options),
            description="UN subregion.",
            example="Eastern Africa",
        ),
        Param(
            "country",
            "choice",
            N_("Country"),
            geography(choices.country_options),
            description="ISO3 country code.",
            example="KEN",
        ),
        Param(
            "band", "choice", N_("Population"), tuple(BANDS), description="Population band.", example="large"
        ),
        Param(
            "places",
            "many",
            N_("Places (leave empty for all)"),
            place_ids,
            description="place_ids, comma-separated (default: every place that passes).",
            example="ken-nairobi",
        ),
        Param(
            "x",
            "choice",
            N_("Across (x)"),
            all_indicators,
            scatter_default(0),
            description="Scatter: indicator across.",
            example="pm25-concentration",
        ),
        Param(
            "y",
            "choice",
            N_("Up (y)"),
            other_indicators,
            scatter_default(1),
            description="Scatter: indicator up.",
            example="water-access",
        ),
    )
)


def parse(raw: dict, cat: Catalogue) -> tuple[State, list[str]]:
    """URL parameters (or control values) to a valid state; each bad value named and replaced. An
    address that names an indicator and neither goal nor target is read with the indicator's goal
    where the goal Explore opens on does not offer it: `/explore?indicator=16-1-4-ward` on Bristol's
    data said the indicator "is not known here" (Explore opens on Goal 2 there) and showed another
    chart. Control values always carry a goal."""
    state, problems = read_state(raw, cat)
    asked = raw.get("indicator")
    if isinstance(asked, str) and state.indicator != asked and "goal" not in raw and "target" not in raw:
        found = cat.indicators.loc[cat.indicators["indicator_id"].astype(str) == asked, "goal"] \
            if len(cat.indicators) else pd.Series(dtype="float64")
        goal = pd.to_numeric(found, errors="coerce").dropna()
        if len(goal):
            return read_state({**raw, "goal": str(int(goal.iloc[0]))}, cat)
    return state, problems


def read_state(raw: dict, cat: Catalogue) -> tuple[State, list[str]]:
    """`parse` of the parameters as they are."""
    undrawable = raw.get("view") == "scatter" and "scatter" not in offered_views(cat)  # known, not here
    same_axes = raw.get("y") not in (None, "") and raw.get("y") == raw.get("x")  # y: among the others
    left_out = {"view", "x", "y", "size"} if undrawable else {"y"} if same_axes else set()
    values, problems = DECLARATION.read({k: v for k, v in raw.items() if k not in left_out}, cat)
    if undrawable:
        problems.insert(0, _("A scatter plot needs two indicators; this data has fewer. The default chart "
                             "is shown instead."))
    elif same_axes and values.get("x") == raw.get("x"):
        problems.append(_("The address asks for the same indicator across and up; another is shown up "
                          "instead."))
    state = partial(values)
    if state.start is not None and state.end is not None and state.start > state.end:
        problems.append(
            _("from {start} is after to {end}; showing {first} to {last}.").format(
                start=state.start, end=state.end, first=cat.years[0], last=cat.years[-1]
            )
        )
        state = replace(state, start=cat.years[0], end=cat.years[-1])
    if state.measure == "value" and not state.indicator and state.view != "scatter":
        state = replace(state, measure="score")
    return state, problems


def to_query(state: State, cat: Catalogue) -> dict[str, str]:
    """The state as URL parameters, defaults left out (the same dict the page stores for downloads)."""
    return DECLARATION.write(vars(state) | {"places": state.places}, cat)


def follow_defaults(raw: dict, previous: dict, cat: Catalogue) -> dict:
    """x and y follow the goal and indicator until the user picks them (they were absent from the URL),
    judged against the state shown before, defaults included: the goal Explore opens on where the
    index ranks no place (Bristol's) is absent from the URL, and x and y were taken as picked."""
    before = parse(previous, cat)[0]
    was = dict(zip(("x", "y"), choices.scatter_defaults(cat.indicators, before), strict=True))
    if cat.measured:  # one place: its opening indicator, and what it showed of it, follow too
        was["indicator"] = choices.opening_indicator(cat, before.goal, before.target)
        was["measure"] = opening_measure(cat, {"indicator": before.indicator})
    return {k: v for k, v in raw.items() if not (k in was and k not in previous and v == was[k])}
