"""What a store offers Explore: its indicators in order and in the reader's language, places and years."""

from __future__ import annotations

import re
from functools import partial

import pandas as pd

from layouts import i18n, names, scores, texts
from layouts import years as written_years
from loaders.scoring import normalise
from loaders.store import StoreData
from views.explore import pairs
from views.explore.model import Catalogue


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
                     unscored_opening(store, places, indicators, opening),
                     written_years.known_periods(store), partial(pairs.shared_counts, store))


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


def narrowed_indicators(indicators: pd.DataFrame, goal: int | None, target: str | None) -> pd.DataFrame:
    chosen = indicators
    if goal is not None:
        chosen = chosen[chosen["goal"] == goal]
    if target:
        chosen = chosen[chosen["target"] == target]
    return chosen


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
                                 name_language=shown["name_language"].to_numpy(),
                                 unit_language=shown["unit_language"].to_numpy())


def assumed_direction(cat: Catalogue, indicator: str | None) -> bool:
    """Whether the indicator is scored in a direction nothing states or tells (`scored_directions`)."""
    if not indicator or "assumed" not in cat.indicators:
        return False
    return bool(cat.indicators.loc[cat.indicators["indicator_id"] == indicator, "assumed"].any())
