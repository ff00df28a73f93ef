"""The explore view's state and its choices: what can be filtered, and which options each filter offers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from layouts import i18n, names, ranking, scores, texts
from layouts.i18n import N_, _
from layouts.names import alphabetical
from layouts.reference import goal_label
from loaders.scoring import normalise
from loaders.store import StoreData

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


def sort_label(key: str, measure: str, assumed: bool = False) -> str:
    """The order `key` in the reader's language, said of values where the table shows values: it
    said "Order: Score, best first" over a table of values; of an assumed direction, without a best."""
    if measure == "value" and key in VALUE_SORTS:
        return _(UNRANKED_SORTS[key] if assumed else VALUE_SORTS[key])
    return _(SORTS[key])


def assumed_direction(cat: Catalogue, indicator: str | None) -> bool:
    """Whether the indicator is scored in a direction nothing states or tells (`scored_directions`)."""
    if not indicator or "assumed" not in cat.indicators:
        return False
    return bool(cat.indicators.loc[cat.indicators["indicator_id"] == indicator, "assumed"].any())


BANDS = {"small": N_("Small"), "medium": N_("Medium"), "large": N_("Large"), "metro": N_("Metro")}
"""The keys of scores.POPULATION_BANDS and their names; every label is in English, translated where shown."""
MAX_LINES = 12
"""More lines than this make a time series unreadable; the rest are left out and the summary says so."""


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

    @property
    def alone(self) -> bool:
        """One place (whose scores, where it has any, come from fixed bounds: there is no other)."""
        return len(self.places) == 1


def scored_directions(store: StoreData, indicators: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's direction as it was scored (the bounds table's: stated, else read from its
    bounds or its name), else as stated, and whether it was only assumed (`assumed`: stated nowhere,
    told by neither bounds nor name): Baltimore's infant mortality, 'lower' from its name, was
    ranked worst first in values ("Best: Arlington (20.0)") because it states none."""
    bounds = store.tables.get("bounds")
    ids = indicators["indicator_id"].astype(str)
    if bounds is None or "direction" not in bounds or bounds.empty:  # as scoring reads them (a store
        scored = normalise.stated(store.indicators)                    # scored before the bounds table)
    else:
        scored = bounds.drop_duplicates("indicator_id")
        scored = scored.set_index(scored["indicator_id"].astype(str))
    found = ids.map(scored["direction"].astype("string"))
    how = ids.map(scored["direction_source"].astype("string")) if "direction_source" in scored \
        else pd.Series(pd.NA, index=ids.index, dtype="string")
    stated = indicators["direction"].astype("string")
    return pd.DataFrame({"direction": found.where(found.notna(), stated),
                         "assumed": how.astype("string").eq("assumed").fillna(False).astype(bool)},
                        index=indicators.index)


def in_order(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicators by goal, target and id, numbers in them read as numbers (València's 1.2.10 came
    before 1.2.2); those without a goal or target after those with one."""
    def natural(text: object) -> tuple:
        if text is None or (isinstance(text, float) and text != text) or text is pd.NA:
            return (1,)
        text = str(int(text)) if isinstance(text, float) and text.is_integer() else str(text)
        return (0, *((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text)))

    columns = zip(indicators["goal"], indicators["target"], indicators["indicator_id"], strict=True)
    keys = [(natural(goal), natural(target), natural(indicator)) for goal, target, indicator in columns]
    return indicators.iloc[sorted(range(len(keys)), key=keys.__getitem__)].reset_index(drop=True)


def catalogue(store: StoreData) -> Catalogue:
    """Empty (no years) when the store holds no scores yet, e.g. places only."""
    if any(name not in store.tables for name in ("indicators", "index", "indicator_scores")):
        return Catalogue(pd.DataFrame(), pd.DataFrame(), [])
    indicators = store.indicators[["indicator_id", "goal", "target", "name", "unit", "direction"]]
    indicators = indicators.assign(**scored_directions(store, indicators))
    indicators = in_order(indicators)
    places = scores.mapped_places(store).copy()
    places["band"] = scores.population_band(places["population"])
    countries = store.places[store.places["kind"] == "country"].dropna(subset=["country_iso3"])
    # one name per code: country rows without a code, or a code given twice, must not break the map
    countries = countries.drop_duplicates("country_iso3").set_index("country_iso3")["name"]
    stored_names = places["country_iso3"].map(countries).astype("string")
    places["country_name"] = stored_names.fillna(places["country_iso3"])
    places["label"] = names.place_labels(places)
    translated = {lang: texts.indicator_texts(store, lang).set_index("indicator_id")
                  for lang in i18n.languages()}
    opening = scores.opening_year(store)
    return Catalogue(indicators, places.sort_values("label").reset_index(drop=True), scores.years(store),
                     translated, opening, scores.opening_goal(store, opening), measured_years(store, places),
                     unscored_opening(store, places, indicators, opening))


def unscored_opening(store: StoreData, places: pd.DataFrame, indicators: pd.DataFrame,
                     year: int | None) -> str | None:
    """`Catalogue.unscored`: where no place Explore compares has a goal or index score."""
    if len(places) < 2 or year is None:
        return None
    ids = set(places["place_id"].astype(str))
    for name in ("index", "goal_scores"):
        table = store.tables.get(name)
        if table is not None and "score" in table and \
                (table["score"].notna() & table["place_id"].astype(str).isin(ids)).any():
            return None
    rows = store.select("indicator_scores", year=year)
    rows = rows[rows["score"].notna() & rows["place_id"].astype(str).isin(ids)]
    if rows.empty:
        return None
    counts = rows["indicator_id"].astype(str).value_counts()
    order = [i for i in indicators["indicator_id"].astype(str) if counts.get(i, 0) == counts.max()]
    return order[0] if order else None


def measured_years(store: StoreData, places: pd.DataFrame) -> dict[str, int]:
    """The years of values of each indicator of a store's one place where it has no goal or index
    score (`Catalogue.measured`): a place scored on fixed bounds keeps its ranking of scores."""
    if len(places) != 1:
        return {}
    place = str(places["place_id"].iloc[0])
    for name in ("goal_scores", "index"):
        scored = store.select(name, place_id=place)
        if "score" in scored and scored["score"].notna().any():
            return {}
    rows = store.select("indicator_scores", place_id=place)
    if rows.empty:
        return {}
    year = rows["value_year"] if "value_year" in rows else rows["year"]
    rows = rows.assign(value_year=pd.to_numeric(year, errors="coerce")).dropna(subset=["value", "value_year"])
    counts = rows.groupby(rows["indicator_id"].astype(str))["value_year"].nunique()
    order = store.indicators["indicator_id"].astype(str)
    return {i: int(counts[i]) for i in order if i in counts.index}


def opening_indicator(cat: Catalogue, goal: int | None, target: str | None) -> str | None:
    """For a store of one place, the indicator Explore opens on within the goal and target chosen:
    the one with the most years of values (the first in the goal's order on a tie), else None."""
    if not cat.measured:
        return None
    narrowed = narrowed_indicators(cat.indicators, goal, target)["indicator_id"].astype(str)
    years = [(cat.measured[i], -n) for n, i in enumerate(narrowed) if i in cat.measured]
    if not years:
        return None
    return narrowed.iloc[-max(years)[1]]


def indicator_names(cat: Catalogue) -> pd.DataFrame:
    """The catalogue's indicators with name and unit in the reader's language where the source gave
    one; a name left in another language says which; a nameless indicator goes by its id
    (`layouts.texts.indicator_texts`). Made once per catalogue (a data version) and language: every
    view asks for it, some twice. Read only."""
    made = cat.__dict__.setdefault("_indicator_names", {})
    language = i18n.language()
    if language not in made:
        made[language] = named_indicators(cat, language)
    return made[language]


def named_indicators(cat: Catalogue, language: str) -> pd.DataFrame:
    shown = cat.texts.get(language, cat.texts.get(i18n.SOURCE_LANGUAGE))
    if shown is None or cat.indicators.empty:
        return cat.indicators
    shown = shown.reindex(cat.indicators["indicator_id"])
    marked = [texts.marked(name, language) if isinstance(name, str) else original
              for name, language, original in zip(shown["name"], shown["name_language"],
                                                  cat.indicators["name"], strict=True)]
    units = shown["unit"].where(shown["unit"].notna(), cat.indicators["unit"].to_numpy())
    stated = shown["stated_unit"].where(shown["stated_unit"].notna(), cat.indicators["unit"].to_numpy())
    plain = shown["name"].where(shown["name"].notna(), cat.indicators["name"].to_numpy())
    return cat.indicators.assign(name=marked, unit=units.to_numpy(), stated_unit=stated.to_numpy(),
                                 listed_name=plain.to_numpy(),
                                 name_language=shown["name_language"].to_numpy())


def option(label: object, value: object) -> dict:
    return {"label": str(label), "value": "" if value is None else str(value)}


def goal_options(indicators: pd.DataFrame, index: bool = True) -> list[dict]:
    """The goals to choose from, after the SDG Index (`index`: unless it ranks no place, when
    Explore opens on a goal, `Catalogue.goal`, and choosing the index would draw nothing)."""
    goals = sorted(int(g) for g in indicators["goal"].dropna().unique())
    return [option(_("All goals (SDG Index)"), None)] * index + [option(goal_label(g), g) for g in goals]


def narrowed_indicators(indicators: pd.DataFrame, goal: int | None, target: str | None) -> pd.DataFrame:
    chosen = indicators
    if goal is not None:
        chosen = chosen[chosen["goal"] == goal]
    if target:
        chosen = chosen[chosen["target"] == target]
    return chosen


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


def geography(places: pd.DataFrame, state: State, upto: str = "band") -> pd.DataFrame:
    """Places that pass the geographic filters, from region down to `upto` (inclusive)."""
    order = ["region", "subregion", "country", "band"]
    columns = {"region": "un_region", "subregion": "un_subregion", "country": "country_iso3", "band": "band"}
    chosen = places
    for key in order[: order.index(upto) + 1]:
        value = getattr(state, key)
        if value:
            chosen = chosen[chosen[columns[key]] == value]
    return chosen


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


def place_options(places: pd.DataFrame, state: State) -> list[dict]:
    """The places control's options: every place within the geographic filters, or, beyond
    `ranking.PLACE_LIST` of them, the chosen places alone (the reader types to find others, with
    each change of region too: `place_matches`)."""
    within = geography(places, state)
    if len(within) > ranking.PLACE_LIST:
        within = within[within["place_id"].isin(list(state.places))]
    return [option(label, place)
            for label, place in zip(within["label"].tolist(), within["place_id"].tolist(), strict=True)]


def lists_every_place(places: pd.DataFrame, state: State) -> bool:
    return len(geography(places, state)) <= ranking.PLACE_LIST


def place_matches(cat: Catalogue, state: State, typed: object, chosen: Iterable[str] = (),
                  limit: int | None = None) -> list[dict]:
    """Options for a places control that does not list every place: the `chosen` places first (a
    choice is kept while others are found), then up to `limit` (`ranking.PLACE_MATCHES`) places within
    the geographic filters
    whose name holds every word typed, accents, case and punctuation ignored (`ranking.holding`:
    names that start with the words first). Each place found carries what was typed as its
    `search` text: the dropdown filters the options it is given again in the browser, by lower-cased
    substrings only, and would hide 'Île-Saint-Denis' from 'ile saint' or 'Nairobi' from 'Nairobi!'."""
    chosen = [p for p in chosen if isinstance(p, str)]
    places = cat.places
    kept = chosen_place_options(places, chosen)
    within = geography(places, state)
    found = within.iloc[ranking.holding(folded_labels(cat)[within.index.to_numpy()].tolist(), typed)]
    found = found[~found["place_id"].isin(chosen)].head(ranking.PLACE_MATCHES if limit is None else limit)
    said = typed[:ranking.MAX_TYPED] if isinstance(typed, str) else ""
    return kept + [{**option(label, place), "search": f"{label} {said}"}
                   for label, place in zip(found["label"].tolist(), found["place_id"].tolist(), strict=True)]


def folded_labels(cat: Catalogue):
    """Every place's label as a search compares it (`layouts.ranking.folded`), by the catalogue's
    row, made once per catalogue (a data version): folding 10,000 labels took about 60 ms."""
    import numpy as np

    made = cat.__dict__
    if "_folded_labels" not in made:
        labels = cat.places["label"].tolist()
        made["_folded_labels"] = np.array([ranking.folded(label) for label in labels], dtype=object)
    return made["_folded_labels"]


def year_options(years: list[int]) -> list[dict]:
    return [option(y, y) for y in years]


def chosen_places(places: pd.DataFrame, state: State) -> pd.DataFrame:
    """The places every view shows: geographic filters, then the chosen places if any."""
    within = geography(places, state)
    if state.places:
        within = within[within["place_id"].isin(state.places)]
    return within


def scatter_defaults(indicators: pd.DataFrame, state: State) -> tuple[str | None, str | None]:
    """x: the chosen indicator or the first of the goal/target; y: the next one on another subject
    (another goal, or within a chosen goal another target), so the default chart relates two
    things rather than two measures of one (the demo's two poverty lines), else the next one."""
    narrowed = list(narrowed_indicators(indicators, state.goal, state.target)["indicator_id"])
    everything = list(indicators["indicator_id"])
    x = state.indicator or (narrowed or everything or [None])[0]
    rest = [i for i in narrowed + everything if i != (state.x or x)]
    subject = dict(zip(indicators["indicator_id"], indicators["target" if state.goal else "goal"].astype(str),
                       strict=True))
    elsewhere = [i for i in rest if subject.get(i) != subject.get(state.x or x)]
    return x, (elsewhere or rest or [None])[0]


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


def chosen_place_options(places: pd.DataFrame, chosen: Iterable[str]) -> list[dict]:
    """Options of the chosen places only (their labels in a filter chip)."""
    found = places[places["place_id"].isin(list(chosen))]
    return [option(label, place) for label, place in zip(found["label"].tolist(), found["place_id"].tolist(),
                                                         strict=True)]
