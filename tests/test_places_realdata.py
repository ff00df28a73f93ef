"""City lists of the UN read through a mapping: names placed within their country (>= 95 %)."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.cli import main
from loaders.store import Store

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

TRANSPORT = """\
place: {column: city}
country: {column: country_iso2}
year: {column: year}
value: {column: pct_pt_access}
indicator: {value: "11-2-1"}
"""
POPULATION = """\
place: {column: City}
country: {column: Country or Area}
year: {column: Year}
value: {column: Value}
indicator: {value: city-population}
breakdown: {City type: City type, Record Type: Record type}
"""


def imported(realdata, tmp_path, relative: str, mapping: str, capsys):
    (tmp_path / "mapping.yml").write_text(mapping, encoding="utf-8")
    store = tmp_path / "store"
    status = main(["import", str(realdata / relative), "--mapping", str(tmp_path / "mapping.yml"),
                   "--store", str(store), "--report", str(tmp_path / "report.csv")])
    out = capsys.readouterr().out
    assert status in (0, 1), out
    return Store(store).read(), pd.read_csv(tmp_path / "report.csv", dtype=str, keep_default_na=False)


def placed_share(places: pd.DataFrame) -> float:
    cities = places[places["kind"] == "city"]
    return float((cities["lat"].notna() & cities["lon"].notna()).mean())


def test_un_transport_cities_are_placed_within_their_country(realdata, tmp_path, capsys):
    data, report = imported(realdata, tmp_path, "un-sdg-11-2-1-cities-geocoded/data/pt-access.csv",
                            TRANSPORT, capsys)
    meta = data.meta["report"]
    assert meta["rows_read"] == 2030 == meta["rows_kept"] + meta["rows_rejected"]
    assert placed_share(data.places) >= 0.95
    places = data.places.set_index("place_id")
    assert places.loc["usa-portland", "lat"] == pytest.approx(45.52, abs=0.1)  # Oregon, not Illinois
    obs = data.observations
    abu_dhabi = obs[(obs["place_id"] == "are-abu-zaby") & (obs["year"] == 2020)]
    assert abu_dhabi["value"].round(4).tolist() == [27.3006]
    assert places.loc["are-abu-zaby", "name"] == "Abu Zaby"
    assert any("placed on the map" in r for r in report["reason"])


def test_un_city_population_places_us_cities_by_their_state(realdata, tmp_path, capsys):
    data, report = imported(realdata, tmp_path, "unsd-city-population/data/unsd-citypopulation-year-both.csv",
                            POPULATION, capsys)
    meta = data.meta["report"]
    assert meta["rows_read"] == meta["rows_kept"] + meta["rows_rejected"]
    places = data.places.set_index("place_id")
    us = data.places[data.places["country_iso3"] == "USA"]
    assert len(us) > 250 and placed_share(us) >= 0.95
    # 92 %: close spellings among several near cities (Zhuozhou, Zhuzhou, Zhaozhou) are no longer placed
    assert placed_share(data.places) >= 0.92
    assert pd.isna(places.loc["chn-zhuozhou", "lat"])
    assert places.loc["usa-columbus-ga", "lat"] == pytest.approx(32.46, abs=0.1)
    assert places.loc["usa-columbus-oh", "lat"] == pytest.approx(39.96, abs=0.1)
    assert places.loc["usa-portland-or", "lon"] == pytest.approx(-122.68, abs=0.1)
    for springfield in ("usa-springfield-il", "usa-springfield-ma", "usa-springfield-mo"):
        assert springfield in places.index and pd.notna(places.loc[springfield, "lat"])
    tirana = data.observations[(data.observations["place_id"] == "alb-tirana")
                               & (data.observations["year"] == 2011)]
    assert len(tirana) > 0
