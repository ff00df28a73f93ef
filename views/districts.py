"""A city's districts on a map, where the store holds district boundaries."""

from __future__ import annotations

import json

import pandas as pd

from layouts import i18n, scores, summaries, texts
from layouts import years as written_years
from layouts.districts import district_figure, district_indicators, district_rows, district_values
from layouts.echo import said
from layouts.facts import TIED_NAMED, Extreme
from layouts.i18n import _, ngettext
from layouts.sparklines import value_text
from layouts.year_spans import Years
from loaders.store import StoreData
from views.base import NotAvailable, Table, View
from views.params import encode


def indicator_words(store: StoreData, indicator: str) -> tuple[str, str]:
    """The indicator's name and unit in the reader's language (or marked with their own); a percent
    unit by its sign, as the city page writes it (`texts.short_unit`: Bristol's wards' colour bar read
    "Value (Percentage (%))")."""
    shown = texts.indicator_texts(store).set_index("indicator_id")
    if indicator not in shown.index:
        return indicator, ""
    meta = shown.loc[indicator]
    return texts.marked(meta["name"], meta["name_language"]), texts.marked(
        texts.short_unit(meta["unit"]), meta["unit_language"]
    )


def district_view(store: StoreData, place_id: str, year: int, indicator: str = "") -> View | None:
    """Title, figure, summary and table of the district map of `indicator` (empty: the indicator with
    most district data), or None where the districts have no values up to `year`."""
    rows = district_rows(store, place_id, year)
    available = district_indicators(rows)
    if not available:
        return None
    place = store.places.loc[store.places["place_id"] == place_id, "name"].iloc[0]
    if indicator and indicator not in available:
        raise NotAvailable(refusal(store, place, indicator, year))
    indicator = indicator or available[0]
    frame = district_values(store, rows, indicator)
    name, unit = indicator_words(store, indicator)
    shapes = store.boundaries[store.boundaries["place_id"].isin(frame["place_id"])]
    geojson = json.loads(shapes[["place_id", "geometry"]].to_json())
    values = Years.of_rows(frame["year"], frame["year_label"])
    shown = (_("{indicator}, by district, {years}").format(indicator=name, years=values.text())
             if values.known else _("{indicator}, by district").format(indicator=name))
    # named by its city, as the city's other charts are: an iframe's title is all a screen reader
    # says of it on a mayor's page
    title = _("{place}: {title}").format(place=place, title=shown)
    figure = district_figure(frame, geojson, unit)
    ordered = scores.best_first(frame, "value")
    districts = store.places[store.places["parent_id"] == place_id]
    summary = district_summary(ordered, len(districts), values, year)
    listing = ordered.assign(value=ordered["value"].map(value_text),
                             year=written_years.written_all(ordered["year"], ordered["year_label"]))
    listing = listing[["name", "year", "value"]]
    table = Table(
        listing.rename(columns={"name": _("District"), "year": _("Year"), "value": _("Value")}),
        _("{indicator} by district").format(indicator=name),
        nowrap=written_years.periods(_("Year"), listing["year"]),
    )
    return View(
        title,
        summary,
        table,
        f"/city/{place_id}",
        figure=figure,
        api_path="/api/v1/observations" + encode({"indicator": indicator, "year": year}),
    )


def refusal(store: StoreData, place: str, indicator: str, year: int) -> str:
    """Why the district map of `indicator` is not drawn: no such indicator, or none of its values
    is a district's up to `year`."""
    if indicator not in set(store.indicators["indicator_id"].astype(str)):
        return _("There is no indicator '{indicator}' in this data.").format(indicator=said(indicator))
    name, _unit = indicator_words(store, indicator)
    return _("The districts of {place} have no values of {indicator} up to {year}.").format(
        place=place, indicator=name, year=year)


def district_summary(ordered: pd.DataFrame, total: int, values: Years, year: int) -> str:
    """How many districts are drawn with a value, of how many, from which years; highest and lowest."""
    count = len(ordered)
    sentences = [ngettext("{count} of {total} district is drawn with a value.",
                          "{count} of {total} districts are drawn with a value.", count).format(
        count=i18n.integer(count), total=i18n.integer(total))]
    if values.known and not values.only(year):
        sentences.append(_("Each district's latest value up to {year} is shown, from {years}.").format(
            year=year, years=values.span()))
    top = ordered.iloc[0]
    if count == 1:
        sentences.append(_("The only district with a value is {district} ({value}).").format(
            district=top["name"], value=value_text(top["value"])))
    else:
        shown, labels = [value_text(v) for v in ordered["value"]], [str(n) for n in ordered["name"]]
        if shown[0] == shown[-1]:
            sentences.append(_("All {count} districts have {value}.").format(
                count=i18n.integer(count), value=shown[0]))
        else:
            sentences.append(_("Highest: {top} ({top_value}); lowest: {bottom} ({bottom_value}).").format(
                top=summaries.with_tied(top_end := tied_end(labels, shown)),
                top_value=summaries.tied_score(top_end, shown[0]),
                bottom=summaries.with_tied(bottom_end := tied_end(labels[::-1], shown[::-1], backwards=True)),
                bottom_value=summaries.tied_score(bottom_end, shown[-1])))
    return " ".join(sentences)


def tied_end(labels: list[str], shown: list[str], backwards: bool = False) -> Extreme:
    """The first district and those whose value reads the same (`facts.Extreme`, for `with_tied`),
    named in the table's order (`backwards`: `labels` run from the bottom of it)."""
    group = [label for label, text in zip(labels, shown, strict=True) if text == shown[0]]
    first, *tied = group[::-1] if backwards else group
    named = tuple(tied[:TIED_NAMED])
    return Extreme(first, float("nan"), named, len(tied) - len(named))
