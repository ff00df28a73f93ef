"""Whole imports of each real data folder through the command line, into one store."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.cli import main
from loaders.store import Store

pytestmark = pytest.mark.realdata


def test_every_real_folder_imports_into_one_store(realdata, tmp_path, capsys):
    store = tmp_path / "store"
    imports = [
        [str(realdata / "losangeles-opensdg")],
        [str(realdata / "bristol-opensdg")],
        [str(realdata / "unsd-fis4sdgs/data/unsd/2019.Q3.G.01"
             / "csv_Indicator_11.6.2_Series_EN_ATM_PM25.csv")],
        [str(realdata / "unhabitat-urban-indicators-hdx/tests/fixtures"
             / "7476ba9ab3fa45ebb683e253a3688997-data.xlsx")],
        [str(realdata / "sdsn-european-cities-sdg-index/public/data/cities.csv")],
    ]
    for files in imports:
        status = main(["import", *files, "--store", str(store)])
        out = capsys.readouterr().out
        assert status in (0, 1), out
        assert "Traceback" not in out
    data = Store(store).read()
    assert len(Store(store).versions()) == len(imports)
    places = data.places.set_index("place_id")
    assert {"usa-los-angeles", "gbr-bristol"} <= set(places.index)
    assert places.loc["gbr-bristol", "country_iso3"] == "GBR"
    assert data.boundaries is not None and len(data.boundaries) == 34
    obs = data.observations
    pm25 = "11-6-2-fine-particulates-pm2-5"  # one of the file's two units, its own indicator
    la_pm25 = obs[(obs["place_id"] == "usa-los-angeles") & (obs["indicator_id"] == pm25)
                  & (obs["year"] == 2013) & (obs["breakdown"] == "")]
    assert la_pm25["value"].tolist() == [11.95]
    bristol = obs[(obs["place_id"] == "gbr-bristol") & (obs["indicator_id"] == "11-1-1-c")
                  & (obs["year_label"] == "2017-18") & (obs["breakdown"] == "")]
    assert bristol["value"].round(4).tolist() == [76.4324]
    for table in ("indicator_scores", "goal_scores", "index", "bounds"):
        assert len(data.tables[table]) > 0, table
    assert pd.api.types.is_numeric_dtype(data.tables["index"]["score"])
    assert data.tables["indicator_texts"].empty  # none of these sources publishes translations
    assert set(data.indicators["language"]) == {"en"}


def test_berlin_projects_import_with_their_mapping(realdata, tmp_path, capsys):
    from loaders.paths import REFERENCE_DIR

    store = tmp_path / "store"
    mapping = REFERENCE_DIR / "mappings" / "berlin-global-goals.yml"
    source = realdata / "global-goals-berlin-projects" / "masterlist.csv"
    status = main(["import", "--kind", "projects", str(source), "--mapping", str(mapping),
                   "--store", str(store)])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "420 rows read, 420 kept, 0 rejected" in out
    data = Store(store).read()
    assert len(data.projects) == 420
    assert set(data.projects["place_id"]) == {"deu-berlin"}
    assert "deu-berlin" in set(data.places["place_id"])


def test_projects_without_mapping_is_a_clear_error(tmp_path, capsys):
    source = tmp_path / "p.csv"
    source.write_text("title\nx\n")
    assert main(["validate", "--kind", "projects", str(source)]) == 2
    assert "--kind projects needs a --mapping file" in capsys.readouterr().err
