"""A breakdown cell that says 'Total' (or 'All ages', 'Ambos sexos') does not break the value down:
a row of such cells is the place's total, which goals are scored from. An Open SDG file writing
'Total' in its Sex and Age columns had no total, and its indicator was never scored, unsaid."""

from __future__ import annotations

import pytest

from loaders.importer import import_files
from loaders.options import ReadOptions
from loaders.store import Store
from loaders.totals import is_total
from tests.test_mapped import load


@pytest.mark.parametrize("cell", ["Total", " total ", "TOTAL", "All ages", "_T", "Ambos sexos", "Ensemble",
                                  "Insgesamt", "", None])
def test_words_for_a_total(cell):
    assert is_total(cell)


@pytest.mark.parametrize("cell", ["Female", "Totally", "<18", "Urban", "Total fertility"])
def test_words_that_break_down(cell):
    assert not is_total(cell)


def test_an_open_sdg_file_s_total_cells_make_its_headline(tmp_path):
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data/indicator_4-1-1.csv").write_text(
        "Year,Sex,Age,Units,Value\n2019,Total,Total,Percent,80.1\n2019,Female,Total,Percent,82.0\n"
        "2019,Total,<18,Percent,70\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    import_files(store, [site], ReadOptions(place="Lisbon", country="PRT"))
    obs = store.read().observations.set_index("breakdown")["value"]
    assert obs.to_dict() == {"": 80.1, "Sex=Female": 82.0, "Age=<18": 70.0}


def test_a_mapped_file_s_total_cells_make_its_headline(tmp_path):
    mapping = ("format: tidy\nplace: {column: City}\ncountry: {column: Country}\n"
               "indicator: {value: '8.5.2'}\nyear: {column: Year}\nvalue: {column: Value}\n"
               "breakdown: [Sexo]\n")
    data = "City,Country,Year,Sexo,Value\nSevilla,ESP,2022,Ambos sexos,20.3\nSevilla,ESP,2022,Mujeres,24.1\n"
    bundle, _ = load(tmp_path, data, mapping)
    assert bundle.observations.set_index("breakdown")["value"].to_dict() == {"": 20.3, "Sexo=Mujeres": 24.1}
