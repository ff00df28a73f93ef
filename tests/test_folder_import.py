"""A folder of ordinary files: each file read with its own detected format, reported per file."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from dashboard.cli import main
from loaders.store import Store

HABITAT = "unhabitat-urban-indicators-hdx/tests/fixtures"


@pytest.mark.realdata
def test_folder_of_un_habitat_workbooks_reads_each_file(realdata, tmp_path, capsys):
    folder = tmp_path / "downloads"
    shutil.copytree(realdata / HABITAT, folder)
    (folder / "README.md").write_text("notes, not data\n", encoding="utf-8")
    (folder / "notes.csv").write_text("just,a\nplain,table\n", encoding="utf-8")
    store = tmp_path / "store"
    status = main(["import", str(folder), "--store", str(store), "--report", str(tmp_path / "r.csv")])
    out = capsys.readouterr().out
    assert status == 1, out  # notes.csv is not a format any reader knows
    assert "7476ba9ab3fa45ebb683e253a3688997-data.xlsx: 26 rows read, 26 kept, 0 rejected" in out
    assert "cc37148f95304783a6ccfad8a9124a9d-data.xlsx: 667 rows read, 667 kept, 0 rejected" in out
    assert "fbb02b19d417497093418484448e3465-data.xlsx: 1394 rows read, 1394 kept, 0 rejected" in out
    assert "notes.csv: not read" in out and "README.md" not in out
    report = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    assert report["file"].str.endswith("notes.csv").any()
    data = Store(store).read()
    meta = data.meta["report"]
    assert meta["rows_read"] == 2087 == meta["rows_kept"] + meta["rows_rejected"]
    cities = data.places[data.places["kind"] == "city"]
    assert (cities["lat"].notna()).mean() >= 0.95


def test_open_sdg_repository_folder_is_still_read_as_one_site(tmp_path, capsys):
    (tmp_path / "site" / "data").mkdir(parents=True)
    (tmp_path / "site" / "data" / "indicator_1-1-1.csv").write_text("Year,Value\n2020,5\n", encoding="utf-8")
    status = main(["validate", str(tmp_path / "site"), "--place", "Nairobi", "--country", "Kenya",
                   "--report", str(tmp_path / "r.csv")])
    out = capsys.readouterr().out
    assert status == 0, out
    assert "site: 1 rows read" in out or "indicator_1-1-1.csv: 1 rows read, 1 kept" in out
