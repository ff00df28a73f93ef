"""A map whose places all lie in one country offers no countries' view: Bolivia's 339 municipalities
and Bristol's wards offered "Show: Countries (mean)", which drew one country alone, said "1 country is
shaded by the mean score of its places" and gave no number, and took a phone's screen for it."""

from __future__ import annotations

import pandas as pd

from loaders import schema
from loaders.store import StoreData
from views import map as map_view


def store_of(countries: list[str]) -> StoreData:
    ids = [f"{code.lower()}-{n}" for n, code in enumerate(countries)]
    places = schema.conform("places", pd.DataFrame({
        "place_id": ids, "name": ids, "kind": "city", "country_iso3": countries,
        "lat": [-16.5 + n for n in range(len(ids))], "lon": [-68.1 + n for n in range(len(ids))]}))
    index = pd.DataFrame({"place_id": ids, "year": 2020, "score": 50.0, "rank": 1, "ranked": True})
    return StoreData("v", {}, {"places": places, "index": index})


def test_places_of_one_country_offer_no_countries_view():
    assert not map_view.offers_countries(store_of(["BOL", "BOL", "bol"]))
    assert map_view.offers_countries(store_of(["BOL", "PER", "BOL"]))
