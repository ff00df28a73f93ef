"""Rows of an SDSN table that are not kept are reported with their line and reason: a place's
second row, a row cut short, an empty name; published scores and ranks that cannot be are left out."""

from __future__ import annotations

from loaders.sdsn import reader as sdsn
from tests.test_sdsn import CITY_CSV, read


def report_rows(report, severity: str) -> dict[int, tuple[str, str]]:
    frame = report.frame()
    frame = frame[(frame["severity"] == severity) & frame["line"].notna()]
    return {int(line): (column, reason) for line, column, reason in
            zip(frame["line"], frame["column"], frame["reason"], strict=True)}


def test_city_table_rejects_a_second_row_of_a_place_a_short_row_and_an_empty_name(tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text(CITY_CSV + "Oslo,10,5,Western Europe,1,2,99,50,9,red,red,red,red,e\n"
                    "Bergen,10,6,Northern Europe,1\n   ,10,7,Western Europe,1,2,3,4,5,red,red,red,red,f\n",
                    encoding="utf-8")
    bundle, report = read(path)
    rejected = report_rows(report, "rejected")
    assert rejected[6] == ("city", "duplicate of line 2 (a second row for the same place)")
    assert rejected[7][0] == "SDG3" and rejected[7][1].startswith("has 5 of 14 cells")
    assert rejected[8] == ("city", "empty city name")
    (count,) = report.counts.values()
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (7, 4, 3)
    obs = bundle.observations.set_index(["place_id", "indicator_id"])
    assert obs.loc[("nor-oslo", "sdg1_pov"), "value"] == 5  # the first row's value, not 99
    assert "Bergen" not in set(bundle.places["name"])


def test_city_table_published_scores_and_ranks_out_of_range_are_reported(tmp_path):
    path = tmp_path / "cities.csv"
    text = CITY_CSV.replace("Oslo,74.8,1,Northern Europe,80,90", "Oslo,1e400,1,Northern Europe,250,90")
    text = text.replace("Barcelona,60.1,2,Southern Europe,50,70", "Barcelona,60.1,abc,Southern Europe,-40,70")
    path.write_text(text, encoding="utf-8")
    _, report = read(path)
    warned = report.frame()
    warned = {(int(r.line), r.column): r.reason for r in warned[warned["severity"] == "warning"].itertuples()
              if r.line == r.line and r.line}
    assert warned[(2, "SDG1")] == warned[(3, "SDG1")] == "not a number from 0 to 100; cell skipped"
    assert warned[(2, "score")] == "not a number from 0 to 100; cell skipped"
    assert warned[(3, "rank")] == "not a whole number of 1 or more; cell skipped"
    published = sdsn.read_published(path)
    goals = published["goal_scores"].set_index(["place_id", "goal"])["score"]
    assert goals.isna()[("nor-oslo", 1)] and goals.isna()[("esp-barcelona", 1)]
    assert goals[("nor-oslo", 3)] == 90
    index = published["index"].set_index("place_id")
    assert index["score"].isna()["nor-oslo"] and index["rank"].isna()["esp-barcelona"]


def test_workbook_rejects_a_second_row_of_a_country(tmp_path):
    import openpyxl

    from tests.test_sdsn import CODEBOOK, HEADER, ROWS

    book = openpyxl.Workbook()
    codebook = book.create_sheet("Codebook")
    for row in CODEBOOK:
        codebook.append(row)
    data = book.create_sheet("SDR2099 Data")
    again = list(ROWS[0])
    again[11] = 99.0  # Kenya's poverty rate, relabelled
    for row in [HEADER, ROWS[0], ROWS[1], again]:
        data.append(row)
    path = tmp_path / "index.xlsx"
    book.save(path)
    bundle, report = read(path)
    rejected = report_rows(report, "rejected")
    assert rejected[4] == ("Country", "duplicate of line 2 (a second row for the same place)")
    obs = bundle.observations.set_index(["place_id", "indicator_id"])
    assert obs.loc[("ken", "sdg1_pov"), "value"] == 36.8


def test_time_series_sheet_rejects_a_second_row_of_a_place_and_year(tmp_path):
    import openpyxl

    from tests.test_sdsn import CODEBOOK, HEADER, ROWS, TRENDS

    book = openpyxl.Workbook()  # the codebook without its codeless row, which is rejected on line 7 too
    for name, rows in [("Codebook", CODEBOOK[:-1]), ("SDR2099 Data", [HEADER, ROWS[0], ROWS[1]]),
                       ("Raw Data (trends)", [*TRENDS, ["Kenya", "KEN", 2018, "Africa", 99.0, 99.0, 1]])]:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "index.xlsx"
    book.save(path)
    bundle, report = read(path)
    rejected = report_rows(report, "rejected")
    assert rejected[7] == ("country", "duplicate of line 3 (a second row for the same place and year)")
    count = report.counts[f"{path} [Raw Data (trends)]"]
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (6, 4, 2)  # and line 6, 'not a year'
    obs = bundle.observations.set_index(["place_id", "indicator_id", "year"])["value"]
    assert obs[("ken", "sdg1_pov", 2018)] == 36.8  # the first row's, which also dates the headline value
    assert obs[("ken", "sdg2_stuntseries", 2018)] == 27.0


ATLAS_GOALS = [(1, 1), (1, 2), (2, 1), (3, 1), (3, 2), (4, 1), (5, 1), (6, 1), (7, 1), (8, 1)]
ATLAS_COLUMNS = ["asdf_id", *(f"sdg{goal}_{n}_x" for goal, n in ATLAS_GOALS)]


def atlas(tmp_path, rows: list[list[object]], names: str) -> object:
    """A values table keyed by asdf_id beside the names table that gives each key its place."""
    (tmp_path / "values").mkdir()
    (tmp_path / "names").mkdir()
    lines = [",".join(map(str, row)) for row in [ATLAS_COLUMNS, *rows]]
    (tmp_path / "values" / "values.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "names" / "names.csv").write_text("asdf_id,mun,dep\n" + names, encoding="utf-8")
    return read(tmp_path / "values" / "values.csv", country="BOL")


def test_atlas_rejects_a_copied_row_a_relabelled_key_and_a_short_row(tmp_path):
    rows = [[0, *range(10, 20)], [1, *range(20, 30)], [2, *range(30, 40)], [1, *[99] * 10],
            [3, *[77] * 10], [2, 1, 2]]
    names = "0,Sucre,Chuquisaca\n1,Oruro,Oruro\n2,Potosí,Potosí\n3,Sucre,Chuquisaca\n"
    bundle, report = atlas(tmp_path, rows, names)
    rejected = report_rows(report, "rejected")
    assert rejected[5] == ("asdf_id", "duplicate of line 3 (a second row for the same place)")
    assert rejected[6] == ("asdf_id", "duplicate of line 2 (a second row for the same place)")  # Sucre again
    assert rejected[7][0] == "sdg2_1_x" and rejected[7][1].startswith("has 3 of 11 cells")
    (count,) = report.counts.values()
    assert (count.rows_read, count.rows_kept, count.rows_rejected) == (6, 3, 3)
    obs = bundle.observations.set_index(["place_id", "indicator_id"])["value"]
    assert obs[("bol-oruro-oruro", "sdg1_1_x")] == 20 and obs[("bol-sucre-chuquisaca", "sdg1_1_x")] == 10
    assert len(bundle.places) == 3


def test_city_table_reports_a_name_that_loses_control_characters(tmp_path):
    path = tmp_path / "cities.csv"
    path.write_text(CITY_CSV.replace("Barcelona,", "\u202eBarce\x07lona,"), encoding="utf-8")
    bundle, report = read(path)
    warned = report.frame().query("severity == 'warning' and reason.str.startswith('removed')")
    assert warned[["line", "column", "value"]].values.tolist() == [[3, "city", "<U+202E>Barce<U+0007>lona"]]
    assert warned.iloc[0]["reason"] == ("removed 1 control character (U+0007) and 1 direction character "
                                        "(U+202E) from the name; read as 'Barcelona'")
    assert "esp-barcelona" in set(bundle.places["place_id"]) and report.rows_rejected == 0


def test_published_index_rows_without_any_figure_are_left_out():
    """A Spanish workbook's index columns were not read, and its published index was 30 rows of
    nothing (score and rank NaN), which pages then compared with."""
    import pandas as pd

    from loaders.sdsn.published import published_tables

    frame = pd.DataFrame({"Country": ["A", "B", "C"], "Puntuación del índice": ["55,6", "", "61,2"],
                          "Ranking del índice": ["2", "", "1"], "_line": [2, 3, 4]})
    pid = pd.Series(["a", "b", "c"])
    index = published_tables(frame, list(frame.columns), pid, {}, 2023, {})["index"]
    assert index["place_id"].tolist() == ["a", "c"]
    assert index["score"].tolist() == [55.6, 61.2] and index["rank"].tolist() == [2, 1]
    empty = published_tables(frame[["Country", "_line"]], ["Country"], pid, {}, 2023, {})["index"]
    assert empty.empty
