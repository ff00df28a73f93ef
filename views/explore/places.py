"""Which places an explore view shows: the geographic filters, the places chosen, and finding them by name."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from layouts import ranking
from views.explore.model import Catalogue, State, option


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


def chosen_places(places: pd.DataFrame, state: State) -> pd.DataFrame:
    """The places every view shows: geographic filters, then the chosen places if any."""
    within = geography(places, state)
    if state.places:
        within = within[within["place_id"].isin(state.places)]
    return within


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
    made = cat.__dict__
    if "_folded_labels" not in made:
        labels = cat.places["label"].tolist()
        made["_folded_labels"] = np.array([ranking.folded(label) for label in labels], dtype=object)
    return made["_folded_labels"]


def chosen_place_options(places: pd.DataFrame, chosen: Iterable[str]) -> list[dict]:
    """Options of the chosen places only (their labels in a filter chip)."""
    found = places[places["place_id"].isin(list(chosen))]
    return [option(label, place) for label, place in zip(found["label"].tolist(), found["place_id"].tolist(),
                                                         strict=True)]
