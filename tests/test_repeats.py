"""Rows of one key in every reader: a row with a value is kept before a blank or '..' one, whichever
comes first, and the message says which line is kept and with what value; an SDMX message written
on one line counts each observation it rejects."""

from __future__ import annotations

import re
import shutil

import numpy as np
import pandas as pd
import pytest

from loaders.importer import import_files
from loaders.mapped import stream
from loaders.options import ReadOptions
from loaders.repeats import keepers, repeat_reason
from loaders.report import ImportReport
from loaders.store import Store
from loaders.unsdg import reader as unsdg
from tests.test_mapped import load, rejected
from tests.test_number_limits import MAPPING


def test_keepers_prefer_the_first_row_with_a_value():
    frame = pd.DataFrame({"k": ["a", "a", "b", "b", "c", "c", "d"],
                          "value": [np.nan, 5, 1, 2, np.nan, np.nan, 3]})
    assert keepers(frame, ["k"]).tolist() == [1, 1, 2, 2, 4, 4, 6]
    assert keepers(frame.iloc[:0], ["k"]).tolist() == []


def test_repeat_reasons_name_the_kept_line_and_both_values():
    assert repeat_reason("line 3", 5.0, np.nan) == (
        "no value, and line 3 has one (5) (same place, indicator, year and breakdown): line 3 is kept")
    same = "duplicate of line 3 (same place, indicator, year and breakdown)"
    assert repeat_reason("line 3", 5.0, 5.0) == same
    assert "with another value (5 there, 7.5 here)" in repeat_reason("line 3", 5.0, 7.5)


def test_open_sdg_keeps_the_number_a_blank_row_came_before(tmp_path):
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    (site / "data/indicator_3-1-1.csv").write_text(
        "Year,Sex,Value\n2022,,\n2022,,5\n2023,,..\n2023,,7\n2024,,1\n2024,,2\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    report, _ = import_files(store, [site], ReadOptions(place="Porto", country="PRT"))
    values = store.read().observations.set_index("year")["value"]
    assert values.to_dict() == {2022: 5.0, 2023: 7.0, 2024: 1.0}
    reasons = dict(zip(report.frame()["line"], report.frame()["reason"], strict=False))
    assert reasons[2].startswith("no value, and line 3 has one (5)")
    assert reasons[4].startswith("no value, and line 5 has one (7)")
    assert "with another value (1 there, 2 here)" in reasons[7]


@pytest.mark.parametrize("streamed", [False, True])
def test_a_mapped_file_keeps_the_number_whole_or_streamed(tmp_path, monkeypatch, streamed):
    data = ("City,Country,Year,Value\n"
            "Sevilla,ESP,2022,\nSevilla,ESP,2022,5\nSevilla,ESP,2023,4\nSevilla,ESP,2023,6\n")
    if not streamed:
        bundle, report = load(tmp_path, data, MAPPING)
        values = bundle.observations.set_index("year")["value"].to_dict()
    else:
        monkeypatch.setattr(stream, "MIN_BYTES", 0)
        (tmp_path / "data.csv").write_text(data, encoding="utf-8")
        (tmp_path / "mapping.yml").write_text(MAPPING, encoding="utf-8")
        store = Store(tmp_path / "store")
        options = ReadOptions(mapping=tmp_path / "mapping.yml")
        report, _ = import_files(store, [tmp_path / "data.csv"], options)
        values = store.read().observations.set_index("year")["value"].to_dict()
    assert values == {2022: 5.0, 2023: 4.0}
    reasons = rejected(report)
    assert set(reasons) == {2, 5}
    assert reasons[2].startswith("no value, and line 3 has one (5)")
    assert "duplicate of line 4 with another value (4 there, 6 here)" in reasons[5]


def test_a_un_export_keeps_the_number_and_says_both_values(tmp_path):
    head = ("Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,"
            "Value,Units\n")
    row = "11,11.6,11.6.2,EN_ATM_PM25,PM2.5,620,Portugal,{year},{value},GPERM3\n"
    rows = [(2020, ""), (2020, "12"), (2021, "10"), (2021, "12")]
    path = tmp_path / "export.csv"
    path.write_text(head + "".join(row.format(year=y, value=v) for y, v in rows), encoding="utf-8")
    report = ImportReport()
    bundle = unsdg.read(path, report, ReadOptions())
    assert bundle.observations.set_index("year")["value"].to_dict() == {2020: 12.0, 2021: 10.0}
    frame = report.frame().query("severity == 'rejected'").set_index("line")
    assert frame.loc[2, "reason"].startswith("no value, and line 3 has one (12)")
    assert "with another value (10 there, 12 here)" in frame.loc[5, "reason"]
    assert frame.loc[5, "value"] == "12"


@pytest.mark.realdata
def test_an_sdmx_message_on_one_line_counts_every_observation(realdata, tmp_path):
    """Nepal's message with its line breaks taken out (as a machine may write it): 886 observations
    on line 1, of which 185 are rejected; the count said 1 (all on one line), and the report kept one."""
    source = tmp_path / "source"
    shutil.copytree(realdata / "nepal-opensdg-sdmx/source", source)
    data = source / "data/CBS_DATA.xml"
    data.write_text(re.sub(r">\s*\n\s*<", "><", data.read_text(encoding="utf-8")), encoding="utf-8")
    store = Store(tmp_path / "store")
    report, _ = import_files(store, [source], ReadOptions())
    count = report.count(data)
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (886, 701, 185)
    assert len(report.frame().query("severity == 'rejected'")) == 185
    assert len(store.read().observations) > 0
