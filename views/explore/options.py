"""The options each explore control offers, in the reader's language, given the choices above it."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from layouts import names, scores, texts
from layouts.i18n import _
from layouts.names import alphabetical
from layouts.reference import goal_label
from views.explore import pairs
from views.explore.contents import assumed_direction, indicator_names, narrowed_indicators
from views.explore.model import BANDS, MEASURES, SORTS, UNRANKED_SORTS, VALUE_SORTS, Catalogue, State, option
from views.explore.places import geography, place_options


def sort_label(key: str, measure: str, assumed: bool = False) -> str:
    """The order `key` in the reader's language, said of values where the table shows values: it
    said "Order: Score, best first" over a table of values; of an assumed direction, without a best."""
    if measure == "value" and key in VALUE_SORTS:
        return _(UNRANKED_SORTS[key] if assumed else VALUE_SORTS[key])
    return _(SORTS[key])


def goal_options(indicators: pd.DataFrame, index: bool = True) -> list[dict]:
    """The goals to choose from, after the SDG Index (`index`: unless it ranks no place, when
    Explore opens on a goal, `Catalogue.goal`, and choosing the index would draw nothing)."""
    goals = sorted(int(g) for g in indicators["goal"].dropna().unique())
    return [option(_("All goals (SDG Index)"), None)] * index + [option(goal_label(g), g) for g in goals]


def target_key(target: str) -> list[tuple[int, int, str]]:
    """Targets in their natural order: 11.2 before 11.10, numbers before letters (11.a)."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in target.split(".")]


def target_options(indicators: pd.DataFrame, goal: int | None) -> list[dict]:
    targets = narrowed_indicators(indicators, goal, None)["target"].dropna().unique()
    ordered = sorted(targets, key=target_key)
    return [option(_("All targets"), None)] + [
        option(_("Target {target}").format(target=t), t) for t in ordered]


def indicator_options(indicators: pd.DataFrame, goal: int | None, target: str | None) -> list[dict]:
    chosen = narrowed_indicators(indicators, goal, target)
    return [option(_("None: goal score, or the SDG Index"), None)] + all_indicator_options(chosen)


def all_indicator_options(indicators: pd.DataFrame) -> list[dict]:
    """Indicators by name and target (by name alone where the source gives no target: SDSN's
    indicators said "(<NA>)"); pass `indicator_names(cat)` for names in the reader's language, a
    name in another language tagged with it rather than marked after it (`language_note` says it
    once)."""
    names = indicators["listed_name"] if "listed_name" in indicators else indicators["name"]
    languages = (indicators["name_language"] if "name_language" in indicators
                 else pd.Series(None, index=indicators.index, dtype=object))
    return [texts.tagged_option(_("{indicator} ({target})").format(indicator=name, target=target)
                                if isinstance(target, str) and target.strip() else str(name), indicator,
                                language if isinstance(name, str) else None)
            for name, target, indicator, language
            in zip(names, indicators["target"], indicators["indicator_id"], languages, strict=True)]


def region_options(places: pd.DataFrame) -> list[dict]:
    return [option(_("All regions"), None)] + regions(places["un_region"])


def regions(column: pd.Series) -> list[dict]:
    """UN regions or subregions named in the reader's language, in alphabetical order; the
    value stays the English name the store and the URL use."""
    shown = sorted(((names.region(r), r) for r in column.dropna().unique()),
                   key=lambda pair: alphabetical(pair[0]))
    return [option(label, value) for label, value in shown]


def subregion_options(places: pd.DataFrame, state: State) -> list[dict]:
    within = geography(places, state, "region")["un_subregion"]
    return [option(_("All subregions"), None)] + regions(within)


def country_name(iso3: str, stored: str) -> str:
    """The country in the reader's language; the store's own name for a code CLDR does not know."""
    shown = names.country(iso3)
    return stored if shown == iso3 and stored else shown


def country_options(places: pd.DataFrame, state: State) -> list[dict]:
    within = geography(places, state, "subregion")[["country_iso3", "country_name"]]
    within = within.dropna().drop_duplicates()  # each country once, not once per place
    shown = sorted({(country_name(iso3, name), iso3) for iso3, name
                    in zip(within["country_iso3"].tolist(), within["country_name"].tolist(), strict=True)},
                   key=lambda pair: alphabetical(pair[0]))
    return [option(_("All countries"), None)] + [option(name, iso3) for name, iso3 in shown]


def band_label(key: str) -> str:
    """'Small: under 300,000' in the language in force."""
    return _("{band}: {sizes}").format(band=_(BANDS[key]), sizes=scores.band_range(key))


def band_options() -> list[dict]:
    return [option(_("All sizes"), None)] + [option(band_label(key), key) for key in BANDS]


def year_options(years: list[int]) -> list[dict]:
    return [option(y, y) for y in years]


def scatter_defaults(indicators: pd.DataFrame, state: State,
                     counts: pd.DataFrame | None = None) -> tuple[str | None, str | None]:
    """x: the chosen indicator or the first of the goal/target; y: the next one on another subject
    (another goal, or within a chosen goal another target), so the default chart relates two
    things rather than two measures of one (the demo's two poverty lines), else the next one.
    With `counts` (`pairs.shared_counts` of the state's year and measure), the first such pair that
    shares places (`pairs.MIN_SHARED`), x going on down the list where the first has no partner:
    Bristol's scatter opened on two indicators that share no ward in 2021, an empty chart."""
    narrowed = list(narrowed_indicators(indicators, state.goal, state.target)["indicator_id"])
    order = list(dict.fromkeys(narrowed + list(indicators["indicator_id"])))
    subject = dict(zip(indicators["indicator_id"], indicators["target" if state.goal else "goal"].astype(str),
                       strict=True))

    def partners(x: str | None) -> list[str]:
        rest = [i for i in order if i != x]
        elsewhere = [i for i in rest if subject.get(i) != subject.get(x)]
        return elsewhere + [i for i in rest if i not in elsewhere]

    at = {} if counts is None else {str(i): n for n, i in enumerate(counts.index)}
    shared = None if counts is None else counts.to_numpy()  # read by position: .at cost 7 ms a request

    def sharing(x: str | None) -> str | None:
        """The first partner of `x` sharing places with it (None: none, or no counts)."""
        if shared is None or x not in at:
            return None
        row = shared[at[x]]
        return next((y for y in partners(x) if y in at and row[at[y]] >= pairs.MIN_SHARED), None)

    # a chosen indicator stays the x; else the first down the list that has a partner
    x = state.indicator or next((i for i in order if sharing(i)), (order or [None])[0])
    across = state.x or x
    return x, sharing(across) or (partners(across) or [None])[0]


def control_values(state: State) -> dict[str, object]:
    """The state as the values of the page's controls, keyed by URL parameter."""
    return {
        "view": state.view, "goal": "" if state.goal is None else str(state.goal),
        "target": state.target or "", "indicator": state.indicator or "", "measure": state.measure,
        "region": state.region or "", "subregion": state.subregion or "", "country": state.country or "",
        "band": state.band or "", "places": list(state.places), "year": str(state.year),
        "from": str(state.start), "to": str(state.end), "x": state.x or "", "y": state.y or "",
        "size": ["population"] if state.size else [], "sort": state.sort, "q": state.find,
    }


OPTION_INPUTS = {"target": ("goal",), "indicator": ("goal", "target"), "subregion": ("region",),
                 "country": ("region", "subregion"), "places": ("region", "subregion", "country", "band"),
                 "measure": ("indicator", "view"),
                 # the order's words name what the table shows: scores, or an indicator's values
                 "sort": ("goal", "target", "indicator", "measure", "view")}
"""Each control whose options depend on others, and the URL parameters they depend on."""


def option_sets(state: State, cat: Catalogue, keys: Iterable[str] = OPTION_INPUTS) -> dict[str, list[dict]]:
    """The options of every control that depends on another (or of the controls `keys` names)."""
    value_ok = bool(state.indicator) or state.view == "scatter"
    builders = {
        "target": lambda: target_options(cat.indicators, state.goal),
        "indicator": lambda: indicator_options(indicator_names(cat), state.goal, state.target),
        "subregion": lambda: subregion_options(cat.places, state),
        "country": lambda: country_options(cat.places, state),
        "places": lambda: place_options(cat.places, state),
        "measure": lambda: [{"label": _(label), "value": key, "disabled": key == "value" and not value_ok}
                            for key, label in MEASURES.items()],
        "sort": lambda: [{"label": sort_label(key, state.measure, assumed_direction(cat, state.indicator)),
                          "value": key} for key in SORTS],
    }
    return {key: builders[key]() for key in keys}


def changed_options(query: dict[str, str], previous: object) -> list[str]:
    """The controls whose options can differ from those shown for the `previous` query (the state
    the page last stored; every control when there is none): a change of goal or year leaves the
    10,000 options of the places control where they are instead of sending them again."""
    if not isinstance(previous, dict):
        return list(OPTION_INPUTS)
    return [key for key, inputs in OPTION_INPUTS.items()
            if any(str(query.get(name, "")) != str(previous.get(name, "")) for name in inputs)]
