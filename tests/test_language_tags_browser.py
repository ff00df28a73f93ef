"""A name in another language than the page's is an option tagged with it in the browser's list
(widgets.js draws the options): Bolivia's Spanish page listed 60 English names each followed by
"(en inglés)"."""

from __future__ import annotations

import pytest

from dashboard.cli import main
from tests.browser import start
from tests.conftest import CITY_MAPPING

pytestmark = pytest.mark.browser


def test_an_english_name_on_a_spanish_page_is_an_option_tagged_english(dash_duo, tmp_path, monkeypatch):
    from dashboard.app import create_app

    source = tmp_path / "cities.csv"
    source.write_text("City,Country,Indicator,Year,Value\nNairobi,KE,slums,2019,40.1\nNairobi,KE,slums,2020,38.2\n",
                      encoding="utf-8")
    mapping = tmp_path / "m.yml"
    named = "indicators:\n  slums: {name: Urban population living in slums, goal: 11}\n"
    mapping.write_text(CITY_MAPPING + named, encoding="utf-8")
    store = tmp_path / "store"
    assert main(["import", str(source), "--mapping", str(mapping), "--store", str(store), "--language", "en",
                 "--quiet"]) in (0, 1)
    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    start(dash_duo, create_app(str(store)))
    dash_duo.driver.get(f"{dash_duo.server_url}/city/ken-nairobi?lang=es")
    option = dash_duo.wait_for_element("#city-indicator option", timeout=20)
    assert option.text == "Urban population living in slums" and option.get_attribute("lang") == "en"
    note = dash_duo.find_element("#city-indicator-language").text
    assert note == "Este nombre de indicador está en inglés, tal como lo publica la fuente."
    described = dash_duo.find_element("#city-indicator").get_attribute("aria-describedby")
    assert described == "city-indicator-language"
