"""Explore's table as a reader sees it: headers in the reader's language, years as the source writes them."""

from __future__ import annotations

import pandas as pd

from layouts import i18n, names, texts
from layouts import years as written_years
from layouts.i18n import N_, _
from loaders.store import StoreData
from views.explore.contents import indicator_names
from views.explore.model import AXIS_YEARS, Catalogue, State
from views.explore.subject import CODES

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
