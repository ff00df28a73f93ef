"""A percent unit the values prove wrong is shown as the source states it, with what the values
show, and never shortened to a '%' sign: València's 8-5-2 counts the unemployed (61,152 in 2009)
under its Spanish metadata's unit 'Porcentaje', and the pages wrote '61.152 en 2009 (Porcentaje)'."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.cli import main
from layouts import i18n, texts
from layouts.i18n import _
from loaders import schema
from loaders.store import Store, StoreData


def tiny_store(units: dict[str, str], highs: dict[str, float]) -> StoreData:
    indicators = pd.DataFrame({"indicator_id": list(units), "goal": [8] * len(units),
                               "name": list(units), "unit": list(units.values())})
    observations = pd.DataFrame({"place_id": "x", "indicator_id": list(highs), "year": 2020,
                                 "value": list(highs.values()), "breakdown": ""})
    return StoreData("v1", {}, {"indicators": schema.conform("indicators", indicators),
                                "observations": schema.conform("observations", observations)})


def test_a_percent_unit_past_100_keeps_its_word_and_says_what_the_values_show():
    store = tiny_store({"jobless": "Porcentaje", "share": "Percentage (%)", "big": "Percentage (%)",
                        "people": "Persons"},
                       {"jobless": 61152.0, "share": 45.5, "big": 100.7, "people": 61152.0})
    with i18n.use("en"):
        table = texts.indicator_texts(store).set_index("indicator_id")
    shown = table["unit"]
    assert table.loc["jobless", "stated_unit"] == "Porcentaje"  # what downloads keep
    assert shown["jobless"] == "Porcentaje (as the source says, but its values reach 61,152)"
    assert shown["big"] == "Percentage (%) (as the source says, but its values reach 100.7)"
    assert (shown["share"], shown["people"]) == ("Percentage (%)", "Persons")
    # no '%' sign where the values are no percentages; the sign for those that can be
    assert texts.short_unit(shown["big"]) == shown["big"] and texts.short_unit(shown["share"]) == "%"


@pytest.mark.realdata
def test_valencias_unemployed_are_not_written_as_a_percentage(realdata, tmp_path):
    store = tmp_path / "store"
    assert main(["import", str(realdata / "valencia-opensdg"), "--place", "València", "--country", "ESP",
                 "--store", str(store), "--quiet"]) in (0, 1)
    data = Store(store).read()
    highest = data.observations.query("indicator_id == '8-5-2'")["value"].max()
    assert highest == 81773  # 2013's unemployed, in people
    with i18n.use("es"):
        unit = texts.indicator_texts(data).set_index("indicator_id").loc["8-5-2", "unit"]
        said = _("{unit} (as the source says, but its values reach {highest})").format(
            unit="Porcentaje", highest="81.773")
    assert unit == said and texts.short_unit(unit) == unit
