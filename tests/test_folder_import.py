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
    assert "site: 1 row read" in out or "indicator_1-1-1.csv: 1 row read, 1 kept" in out


def small_atlas(folder) -> None:
    """A municipal atlas as SDSN Bolivia's is kept: values, names and published indices in three
    sibling folders, joined on one key; and a table of another kind beside them."""
    columns = ["asdf_id", *(f"sdg{goal}_1_x" for goal in range(1, 11)), "population_2012"]
    rows = [[key, *(10 * key + goal for goal in range(1, 11)), 1000 + key] for key in range(4)]
    for part in ("values", "names", "indices", "other"):
        (folder / part).mkdir(parents=True)
    (folder / "values" / "values.csv").write_text(
        "\n".join(",".join(map(str, row)) for row in [columns, *rows]) + "\n", encoding="utf-8")
    (folder / "names" / "names.csv").write_text(
        "asdf_id,mun,dep\n0,Sucre,Chuquisaca\n1,Oruro,Oruro\n2,Potosí,Potosí\n3,Tarija,Tarija\n",
        encoding="utf-8")
    (folder / "indices" / "indices.csv").write_text(
        "asdf_id,imds," + ",".join(f"index_sdg{goal}" for goal in range(1, 11)) + "\n"
        + "".join(f"{key},{50 + key}," + ",".join(str(40 + key + goal) for goal in range(1, 11)) + "\n"
                  for key in range(4)), encoding="utf-8")
    (folder / "other" / "budget.csv").write_text("year,amount\n2020,5\n", encoding="utf-8")


def test_an_atlas_folder_reports_its_names_and_indices_as_read_with_its_values(tmp_path, capsys):
    """The atlas reads the names table and the published indices beside its values: importing the
    folder said both were 'rejected: format not recognised' and exited 1, every night, for an import
    that had read them. A table nothing reads (budget.csv) is still refused."""
    folder = tmp_path / "atlas"
    small_atlas(folder)
    report_file = tmp_path / "r.csv"
    status = main(["import", str(folder), "--store", str(tmp_path / "store"), "--country", "BOL",
                   "--report", str(report_file)])
    out = capsys.readouterr().out
    assert status == 1, out  # budget.csv
    report = pd.read_csv(report_file, dtype=str, keep_default_na=False).set_index("file")
    assert report.loc[str(folder / "names" / "names.csv"), "reason"] == \
        "read with values.csv beside it, as the names of its places"
    assert report.loc[str(folder / "indices" / "indices.csv"), "reason"] == \
        "read with values.csv beside it, as the indices it publishes"
    assert set(report.loc[report["severity"] == "rejected"].index) == {str(folder / "other" / "budget.csv")}
    assert "values.csv: 4 rows read, 4 kept, 0 rejected" in out
    data = Store(tmp_path / "store").read()
    assert len(data.tables["published_goal_scores"]) == 40  # the indices were read, not only named
    shutil.rmtree(folder / "other")
    assert main(["import", str(folder), "--store", str(tmp_path / "store"), "--country", "BOL"]) == 0


def test_a_table_an_atlas_reads_names_the_file_to_import_instead(tmp_path, capsys):
    folder = tmp_path / "atlas"
    small_atlas(folder)
    status = main(["import", str(folder / "indices" / "indices.csv"), "--store", str(tmp_path / "store")])
    out = capsys.readouterr().out
    assert status == 2, out
    assert ("indices.csv is read with values.csv beside it, as the indices it publishes, not on its own: "
            "import values.csv or the folder that holds both.") in out
    assert not (tmp_path / "store").exists() or not any((tmp_path / "store").glob("versions/*"))


@pytest.mark.realdata
def test_bolivias_atlas_folder_is_read_whole_with_nothing_refused(realdata):
    from loaders.options import ReadOptions
    from loaders.report import ImportReport
    from loaders.sources import complete_places, read_sources

    report = ImportReport()
    folder = realdata / "sdsn-bolivia-municipal-atlas-2020"
    bundle = read_sources([folder], ReadOptions(), report, known_places=None)
    said = report.frame().set_index("file")
    assert not (said["severity"] == "rejected").any()
    assert said.loc[str(folder / "regionNames/regionNames.csv"), "reason"] \
        == "read with sdgVariables.csv beside it, as the names of its places"
    assert said.loc[str(folder / "sdg/sdg.csv"), "reason"] \
        == "read with sdgVariables.csv beside it, as the indices it publishes"
    assert len(bundle.places) == 339 and len(bundle.published["goal_scores"]) > 0
    # each municipality in its own department or nowhere: its department ('area') was not the region
    # looked in, so Tinguipaya of Potosí stood at Tiquipaya (Cochabamba), and two San Pedros (Pando,
    # Santa Cruz) on San Pedro de Tiquina (La Paz), whose own municipality stood there too
    placed = complete_places(bundle, ImportReport(), frozenset()).places  # as an import places them
    places = placed.set_index("place_id")
    for wrong in ("bol-tinguipaya-potosi", "bol-san-pedro-pando", "bol-san-pedro-santa-cruz",
                  "bol-santa-rosa-pando", "bol-santa-rosa-beni"):
        assert pd.isna(places.loc[wrong, "lat"]), wrong
    assert places.loc["bol-san-pedro-de-tiquina-la-paz", "lat"] == pytest.approx(-16.237, abs=0.01)
    assert places.loc["bol-san-ignacio-beni", "lat"] == pytest.approx(-14.99, abs=0.01)  # de Moxos
    # a seat of a few thousand people, the one place of its name in Bolivia, in its own department:
    # placed, its population the atlas's (11,731), not the town's (3,500)
    assert places.loc["bol-samaipata-santa-cruz", "lat"] == pytest.approx(-18.18, abs=0.01)
    assert places.loc["bol-samaipata-santa-cruz", "population"] == 11731
    placed = placed.dropna(subset=["lat"])
    assert not placed.duplicated(["lat", "lon"]).any() and len(placed) >= 120  # 74 before the villages


def test_a_table_no_reader_knows_is_pointed_at_a_mapping_and_a_json_file_is_not(tmp_path, capsys):
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "budget.csv").write_text("year,amount\n2020,5\n", encoding="utf-8")
    (folder / "package.json").write_text('{"name": "x", "resources": []}', encoding="utf-8")
    assert main(["import", str(folder), "--store", str(tmp_path / "store")]) == 2
    out = capsys.readouterr().out
    assert ("budget.csv: format not recognised; pass --format (opensdg, sdsn, unsdg, mapped, boundaries) or "
            "a --mapping file ('city-sdg mapping draft budget.csv' writes a starter one).") in out
    assert ("package.json: format not recognised; pass --format (opensdg, sdsn, unsdg, mapped, "
            "boundaries).\n") in out


def site_of(root, files: dict[str, bytes]):
    for name, data in files.items():
        (root / "data" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "data" / name).write_bytes(data)
    return root


def test_a_site_file_that_no_longer_reads_keeps_its_stored_rows(tmp_path, capsys):
    """Berlin's 8-5-2 CSV saved again as something unreadable: the re-import removed its five
    stored values ("0 added, 0 changed, 5 removed") though only that file had failed."""
    place = ["--place", "Berlin", "--country", "DEU", "--store", str(tmp_path / "store")]
    site = site_of(tmp_path / "site", {"indicator_1-1-1.csv": b"Year,Value\n2019,1\n",
                                       "indicator_8-5-2.csv": b"Year,Value\n2019,5\n2020,6\n"})
    assert main(["import", str(site), *place]) == 0
    site_of(site, {"indicator_1-1-1.csv": b"Year,Value\n2019,1\n2020,3\n",
                   "indicator_8-5-2.csv": b"\x00\x01\x02binary\x00\x00\x03" * 20})
    assert main(["import", str(site), *place]) == 1
    out = capsys.readouterr().out
    assert "1 of its files could not be read (above): the rows this source brought before are kept" in out
    obs = Store(tmp_path / "store").read().observations
    assert sorted(obs[obs["indicator_id"] == "8-5-2"]["value"]) == [5.0, 6.0]
    assert sorted(obs[obs["indicator_id"] == "1-1-1"]["value"]) == [1.0, 3.0]
    # fixed, read again: the source's rows are replaced as usual (8-5-2's 2020 value is gone)
    site_of(site, {"indicator_8-5-2.csv": b"Year,Value\n2019,5\n"})
    assert main(["import", str(site), *place]) == 0
    obs = Store(tmp_path / "store").read().observations
    assert sorted(obs[obs["indicator_id"] == "8-5-2"]["value"]) == [5.0]


def test_an_import_that_keeps_no_row_writes_no_version(tmp_path, capsys):
    """A header-only file said "0 rows read" and exit 2, and still wrote a version with a new
    place and an empty indicator."""
    store = tmp_path / "store"
    first = site_of(tmp_path / "one", {"indicator_1-1-1.csv": b"Year,Value\n2019,1\n"})
    assert main(["import", str(first), "--place", "Berlin", "--country", "DEU", "--store", str(store)]) == 0
    before = Store(store).read().version
    empty = site_of(tmp_path / "two", {"indicator_1-2-1.csv": b"Year,Value\n"})
    assert main(["import", str(empty), "--place", "Munich", "--country", "DEU", "--store", str(store)]) == 2
    assert "nothing was imported" in capsys.readouterr().out
    data = Store(store).read()
    assert data.version == before and list(data.places["place_id"]) == ["deu-berlin"]


@pytest.mark.parametrize(("data", "said"), [
    (b"", "is empty."), (b"\xef\xbb\xbf", "is empty."), (b"Year,Value\n", "has a header and no rows."),
])
def test_a_file_no_reader_knows_says_what_is_wrong_with_it(tmp_path, capsys, data, said):
    """An empty file, a BOM alone or a header alone was 'format not recognised; pass --format',
    which sent its owner looking for a format when the file had nothing in it."""
    path = tmp_path / "upload.csv"
    path.write_bytes(data)
    assert main(["validate", str(path), "--report", str(tmp_path / "r.csv")]) == 2
    assert f"upload.csv {said}" in capsys.readouterr().out


def test_a_damaged_workbook_says_so(tmp_path, capsys):
    path = tmp_path / "upload.xlsx"
    path.write_bytes(b"PK\x03\x04not really a workbook")
    assert main(["validate", str(path), "--report", str(tmp_path / "r.csv")]) == 2
    assert "upload.xlsx cannot be read as a workbook" in capsys.readouterr().out
