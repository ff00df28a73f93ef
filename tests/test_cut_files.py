"""Files cut short or ragged: a row with fewer cells than the header is rejected with its line
and first missing column, never read as a missing value that replaces a stored one."""

from __future__ import annotations

import pytest

from dashboard.cli import main
from loaders.mapped import reader as mapped
from loaders.opensdg import reader as opensdg
from loaders.options import ReadOptions
from loaders.report import REJECTED, ImportReport, LoadError
from loaders.store import Store
from tests.test_opensdg import TESTVILLE, site

MAPPING = "place: {column: City}\ncountry: {column: Country}\nindicator: {value: pm25}\n" \
          "year: {column: Year}\nvalue: {column: Value}\n"
GOOD = "City,Country,Year,Value\nBristol,GBR,2020,12.5\nLeeds,GBR,2020,9.1\n"
SHORT = "has {} of 4 cells: the file may be cut short or use another delimiter"


def read_mapped(tmp_path, data: bytes | str, mapping: str = MAPPING):
    path = tmp_path / "data.csv"
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    (tmp_path / "mapping.yml").write_text(mapping, encoding="utf-8")
    report = ImportReport()
    bundle = mapped.read(path, report, ReadOptions(mapping=tmp_path / "mapping.yml"))
    return bundle, report


def rejected(report: ImportReport) -> list[list]:
    frame = report.frame()
    return frame[frame["severity"] == REJECTED][["line", "column", "value", "reason"]].values.tolist()


def counts(report: ImportReport) -> tuple[int, int, int]:
    (count,) = report.counts.values()
    return count.rows_read, count.rows_kept, count.rows_rejected


def test_a_short_row_in_the_middle_is_rejected_and_the_others_kept(tmp_path):
    bundle, report = read_mapped(tmp_path, GOOD + "York,GBR\nBath,GBR,2020,3\n")
    assert rejected(report) == [[4, "Year", "", SHORT.format(2)]]
    assert counts(report) == (4, 3, 1)
    assert sorted(bundle.observations["value"]) == [3, 9.1, 12.5]


def test_a_file_cut_inside_its_last_row_rejects_that_row(tmp_path):
    bundle, report = read_mapped(tmp_path, GOOD + "York,GBR,2020,")  # cut after the last comma
    assert counts(report) == (3, 3, 0)  # a written empty cell is a missing value: kept as such
    bundle, report = read_mapped(tmp_path, GOOD + "York,GBR,2020")
    assert rejected(report) == [[4, "Value", "", SHORT.format(3)]]
    assert counts(report) == (3, 2, 1)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_utf8_cut_inside_a_character_keeps_its_accents(tmp_path, bom):
    data = bom + (GOOD + "Zürich,CHE,2020,7\nMalmö").encode("utf-8")[:-1]
    bundle, report = read_mapped(tmp_path, data)
    assert "che-zurich" in set(bundle.observations["place_id"])
    assert "Zürich" in set(bundle.places["name"])
    assert rejected(report) == [[5, "Country", "", SHORT.format(1)]]


def test_a_short_row_of_a_wide_file_is_reported_even_without_values(tmp_path):
    mapping = 'place: {column: City}\nindicator: {value: pm25}\nyear: {pattern: "^(\\\\d{4})$"}\n' \
              "country: {value: United Kingdom}\n"
    data = "City,2019,2020\nBristol,1,2\nLeeds\nYork,3\n"
    bundle, report = read_mapped(tmp_path, data, mapping)
    has = "has {} of 3 cells: the file may be cut short or use another delimiter"
    assert rejected(report) == [[3, "2019", "", has.format(1)], [4, "2020", "", has.format(2)]]
    assert sorted(bundle.observations["value"]) == [1, 2]


def test_a_header_without_rows_and_a_lone_bom_say_what_they_are(tmp_path):
    bundle, report = read_mapped(tmp_path, "City,Country,Year,Value\n\n")
    assert report.count(tmp_path / "data.csv").unreadable == "data.csv has a header but no data rows."
    assert bundle.observations.empty and report.exit_status() == 2
    with pytest.raises(LoadError, match=r"^data\.csv is empty\.$"):
        read_mapped(tmp_path, b"\xef\xbb\xbf")


def test_an_open_sdg_short_row_is_rejected_not_read_as_missing(tmp_path):
    report = ImportReport()
    files = {"data/indicator_11-6-2.csv": "Year,Units,Value\n2016,PM2.5,12.1\n2017,PM2.5\n2018,PM2.5,\n"}
    bundle = opensdg.read(site(tmp_path, files), report, TESTVILLE)
    has = "has 2 of 3 cells: the file may be cut short or use another delimiter"
    assert rejected(report) == [[3, "Value", "", has]]
    assert bundle.observations["year"].tolist() == [2016, 2018]  # 2018's empty value is written
    count = report.count(tmp_path / "data" / "indicator_11-6-2.csv")
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (3, 2, 1)


def test_importing_a_cut_file_keeps_the_stored_value_and_reports_the_row(tmp_path, capsys):
    store = tmp_path / "store"
    (tmp_path / "mapping.yml").write_text(MAPPING, encoding="utf-8")
    good, cut = tmp_path / "good.csv", tmp_path / "cut.csv"
    good.write_text(GOOD, encoding="utf-8")
    cut.write_text(GOOD.replace("12.5", "13.0").removesuffix(",9.1\n"), encoding="utf-8")  # 'Leeds,GBR,2020'
    mapping = ["--mapping", str(tmp_path / "mapping.yml")]
    assert main(["import", str(good), *mapping, "--store", str(store)]) == 0
    report = tmp_path / "report.csv"
    status = main(["import", str(cut), *mapping, "--store", str(store), "--report", str(report)])
    out = capsys.readouterr().out
    assert status == 1
    assert "cut.csv: 2 rows read, 1 kept, 1 rejected" in out
    assert f"cut.csv,3,Value,,rejected,{SHORT.format(3)}" in report.read_text(encoding="utf-8")
    stored = Store(store).read().observations.set_index("place_id")["value"]
    assert stored.to_dict() == {"gbr-bristol": 13.0, "gbr-leeds": 9.1}
