"""National-size import machinery on small files: the streaming reader gives the same store
and report as the whole-file reader; re-imports replace; versions share unchanged files;
prune; progress output."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from loaders import serving
from loaders.importer import import_files
from loaders.mapped import stream
from loaders.options import ReadOptions
from loaders.progress import Progress
from loaders.store import Store
from tests.test_mapped import TIDY_DATA, TIDY_MAPPING

SAME_KEY = "(same place, indicator, year and breakdown)"

MORE = "".join(f"Town {n},GBR,pm25,{2010 + n % 12},,{n / 7:.3f},µg/m3,\n" for n in range(400))
REPEATED = "Town 5,GBR,pm25,2015,,9.5,µg/m3,\n"  # Town 5 already has 2015: a duplicate far away
ODD = (  # rows the distinct-cell checks decide, and rows they hand back to the row-by-row rules
    "Town 1,GBR,pm25,,,3,µg/m3,\n"  # empty year
    "Town 2,GBR,pm25,=2019,,3,µg/m3,\n"  # a formula in the year
    "=A1,GBR,pm25,2019,,3,µg/m3,\n"  # a formula in the place
    "Town 3,Atlantis,pm25,2019,,3,µg/m3,\n"  # an unknown country
    " Town 4 ,GBR,pm25, 2019 , ,  12.5 ,µg/m3,\n"  # spaces around cells
    'Town 6,GBR,pm25,2019,,"0,5",µg/m3,\n'  # a decimal comma
    ",,,,,,,\n"  # a blank row
    "Town 7,GBR,,2019,,3,µg/m3,\n"  # an empty indicator
    "Town 8,GBR,pm25,1700,,3,µg/m3,\n"  # a year out of range
    "Town 9,GBR,pm25,2019,,1e3,µg/m3,\n"  # an exponent
    "Town 9,GBR,pm25,2020,,-0.25,µg/m3,Estimate\n"
)
UNSEEN = "Bar\x07nsley\u202e,GBR,pm25,2019,,3,µg/m3,\n"  # a name that loses characters, in two batches

SIMPLE_MAPPING = """
format: tidy
place: {column: City}
country: {column: Country}
indicator: {column: Indicator}
year: {column: Year}
value: {column: Value}
"""


def write_source(tmp_path, text: str, name: str = "data.csv", mapping_text: str = TIDY_MAPPING):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    mapping = tmp_path / "mapping.yml"
    mapping.write_text(mapping_text, encoding="utf-8")
    return path, ReadOptions(mapping=mapping)


def run(tmp_path, monkeypatch, folder: str, streaming: bool, text: str):
    monkeypatch.setattr(stream, "MIN_BYTES", 0 if streaming else 10**12)
    monkeypatch.setattr(stream, "BLOCK", 2048)  # many batches
    path, options = write_source(tmp_path, text)
    store = Store(tmp_path / folder)
    report, version = import_files(store, [path], options)
    return store, report, version


def report_rows(report) -> list[tuple]:
    frame = report.frame().fillna({"line": -1})
    return sorted(frame[["line", "column", "value", "severity", "reason"]].astype(str)
                  .itertuples(index=False, name=None))


def observations(store: Store) -> pd.DataFrame:
    obs = store.read().observations.drop(columns="imported_from")
    return obs.sort_values(["place_id", "indicator_id", "year", "breakdown"]).reset_index(drop=True)


@pytest.mark.parametrize("text", [TIDY_DATA + MORE + REPEATED, TIDY_DATA + ODD + MORE,
                                  TIDY_DATA + MORE + 'Leeds,GBR,pm25,2020,,"1\n2",µg/m3,\n',
                                  TIDY_DATA + UNSEEN + MORE + UNSEEN.replace("2019", "2020")])
def test_streaming_gives_the_same_store_and_report_as_reading_whole(tmp_path, monkeypatch, text):
    whole, whole_report, _ = run(tmp_path, monkeypatch, "whole", False, text)
    streamed, streamed_report, _ = run(tmp_path, monkeypatch, "streamed", True, text)
    assert (streamed_report.rows_read, streamed_report.rows_kept, streamed_report.rows_rejected) == (
        whole_report.rows_read, whole_report.rows_kept, whole_report.rows_rejected)
    assert report_rows(streamed_report) == report_rows(whole_report)
    pd.testing.assert_frame_equal(observations(streamed), observations(whole))
    for table in ("places", "indicators", "goal_scores", "index"):
        left, right = streamed.read().tables[table], whole.read().tables[table]
        assert len(left) == len(right), table


COMMA_HEADER = "City;Country;Indicator;Year;Value\n"


def comma_rows(cells: list[str], indicator: str, start: int = 0) -> str:
    return "".join(f"Town {start + n};GBR;{indicator};2020;{cell}\n" for n, cell in enumerate(cells))


@pytest.mark.parametrize(("text", "expected"), [
    # the comma shows first ('95,6'); later batches write people with dots that group thousands
    (COMMA_HEADER + comma_rows(["95,6"] * 300, "rate") + comma_rows(["726.705"] * 300, "pop", 300),
     {"rate": 95.6, "pop": 726705.0}),
    # '1.250' comes before any cell tells the mark, then '12,5' does: the file is read whole
    (COMMA_HEADER + comma_rows(["1.250"] * 300, "pop") + comma_rows(["12,5"] * 300, "rate", 300),
     {"pop": 1250.0, "rate": 12.5}),
    # so does one with a footnote or a flag ('1.250*', '≥1.250'), whose number reads two ways too
    (COMMA_HEADER + comma_rows(["1.250*"] * 150 + ["≥1.250"] * 150, "pop")
     + comma_rows(["12,5"] * 300, "rate", 300),
     {"pop": 1250.0, "rate": 12.5}),
    # a point file: '1,250' groups thousands, whatever the later '0.5' (no comma decides here)
    (COMMA_HEADER + comma_rows(["1,250"] * 300, "pop") + comma_rows(["0.5"] * 300, "rate", 300),
     {"pop": 1250.0, "rate": 0.5}),
    # three decimals after a zero can only be a decimal comma
    (COMMA_HEADER + comma_rows(["0,875", "1,250", "2,125"], "ratio"), {"ratio": None}),
])
def test_one_decimal_mark_for_the_whole_file_however_it_is_read(tmp_path, monkeypatch, text, expected):
    """A 17 MB file whose first 150,000 rows wrote '95,6' and the next '726.705' (people) stored
    726.705: each batch found its own decimal mark. Streamed or read whole, one mark now reads the
    whole file, found from all its value cells as the whole-file reader finds it."""
    for streaming in (True, False):
        monkeypatch.setattr(stream, "MIN_BYTES", 0 if streaming else 10**12)
        monkeypatch.setattr(stream, "BLOCK", 2048)  # many batches
        path, options = write_source(tmp_path, text, mapping_text=SIMPLE_MAPPING)
        store = Store(tmp_path / f"store-{streaming}")
        import_files(store, [path], options)
        values = store.read().observations.groupby("indicator_id")["value"]
        if expected == {"ratio": None}:
            assert sorted(values.get_group("ratio")) == [0.875, 1.25, 2.125]
            continue
        assert values.min().to_dict() == expected == values.max().to_dict(), streaming


def test_a_duplicate_in_a_later_batch_cites_the_first_line(tmp_path, monkeypatch):
    _, report, _ = run(tmp_path, monkeypatch, "s", True, TIDY_DATA + MORE + REPEATED)
    last_line = len((TIDY_DATA + MORE + REPEATED).splitlines())
    issue = report.frame().set_index("line").loc[last_line]
    first = 3 + len(TIDY_DATA.splitlines()) - 2 + 5  # Town 5's row
    assert issue["reason"] == (f"duplicate of line {first} with another value (0.714 there, 9.5 here) "
                               "(same place, indicator, year and breakdown): the first is kept; check which "
                               "is right")


@pytest.mark.parametrize("streamed", [(), ("first.csv", "second.csv"), ("first.csv",), ("second.csv",)])
def test_a_key_an_earlier_file_brought_is_rejected_against_its_line(tmp_path, monkeypatch, streamed):
    """Two files of one import with the same key: the first file's row is kept and the second's is
    rejected with its own file, line, column and value, citing the first's file and line, whether
    each file was read whole or streamed. The later file used to win silently: a value was lost with
    no trace (a correction belongs in a later import, whose merge reports it as a change)."""
    header = "City,Country,Indicator,Year,Value\n"
    first, options = write_source(tmp_path, header + "Leeds,GBR,pm25,2019,4\nLeeds,GBR,pm25,2020,5\n",
                                  "first.csv", SIMPLE_MAPPING)
    second, _ = write_source(tmp_path, header + "York,GBR,pm25,2019,8\nLeeds,GBR,pm25,2020,\n"
                             "Leeds,GBR,pm25,2021,6\nYork,GBR,pm25,2019,9\n", "second.csv", SIMPLE_MAPPING)
    read = stream.read
    monkeypatch.setattr(stream, "MIN_BYTES", 0)
    monkeypatch.setattr(stream, "read",
                        lambda path, *rest: read(path, *rest) if path.name in streamed else None)
    store = Store(tmp_path / "store")
    report, _ = import_files(store, [first, second], options)
    obs = store.read().observations.sort_values(["place_id", "year"])
    assert obs[["place_id", "year", "value"]].values.tolist() == [
        ["gbr-leeds", 2019, 4.0], ["gbr-leeds", 2020, 5.0], ["gbr-leeds", 2021, 6.0],
        ["gbr-york", 2019, 8.0]]
    issues = report.frame().query("severity == 'rejected'").sort_values("line")
    assert issues[["file", "line", "column", "value", "reason"]].values.tolist() == [
        [str(second), 3, "Value", "", f"duplicate of {first} line 3 {SAME_KEY}"],
        [str(second), 5, "Value", "9",
         f"duplicate of line 2 with another value (8 there, 9 here) {SAME_KEY}: the first is kept; "
         "check which is right"],
    ]
    counts = {Path(c.file).name: (c.rows_read, c.rows_kept, c.rows_rejected) for c in report.counts.values()}
    assert counts == {"first.csv": (2, 2, 0), "second.csv": (4, 2, 2)}


def test_a_file_given_twice_is_read_once(tmp_path):
    """A file named and also found in its folder would otherwise repeat every key of itself."""
    header = "City,Country,Indicator,Year,Value\n"
    path, options = write_source(tmp_path, header + "Leeds,GBR,pm25,2019,4\n", mapping_text=SIMPLE_MAPPING)
    report, _ = import_files(Store(tmp_path / "store"), [path, tmp_path / "." / path.name], options)
    assert (report.rows_read, report.rows_kept, report.rows_rejected) == (1, 1, 0)
    assert report.frame()["reason"].tolist().count("given more than once: read once") == 1


def test_a_key_of_a_file_without_lines_is_cited_by_its_file():
    """An Open SDG site or a UN file has no line to cite: a later file's row names the file; its own
    repeated keys keep the last row, as its reader left it."""
    from types import SimpleNamespace

    from loaders import spool as spooling
    from loaders.report import ImportReport

    rows = pd.DataFrame({"place_id": ["a", "a", "a", "b"], "indicator_id": "x", "year": 2020,
                         "breakdown": "", "value": [1.0, 2.0, 3.0, 4.0],
                         "_file": [0, 0, 1, 1], "_line": pd.array([None, None, 7, 8], dtype="Int64")})
    spool = SimpleNamespace(files=["site", "b.csv"], value_columns={1: "Value"},
                            per_file={0: 3, 1: 2})
    report = ImportReport()
    report.count("b.csv").rows_read = 2  # one value per line: a tidy file, whose clash is a rejected line
    kept = spooling.drop_duplicate_rows(rows, spool, report)
    assert kept[["place_id", "value"]].values.tolist() == [["a", 2.0], ["b", 4.0]]
    assert report.frame()[["file", "line", "column", "value", "reason"]].values.tolist() == [
        ["b.csv", 7, "Value", "3", "duplicate of a row of site (same place, indicator, year and breakdown)"]]


def test_importing_a_source_again_replaces_its_rows_unless_appended(tmp_path):
    header = "City,Country,Indicator,Year,Value\n"
    path, options = write_source(tmp_path, header + "Leeds,GBR,pm25,2019,4\nLeeds,GBR,pm25,2020,5\n"
                                 "Leeds,GBR,pm25,2021,6\n", mapping_text=SIMPLE_MAPPING)
    other, _ = write_source(tmp_path, header + "York,GBR,pm25,2019,8\n", "other.csv", SIMPLE_MAPPING)
    store = Store(tmp_path / "store")
    import_files(store, [path, other], options)
    path.write_text(header + "Leeds,GBR,pm25,2019,4\nLeeds,GBR,pm25,2020,7\nLeeds,GBR,pm25,2022,9\n")
    report, _ = import_files(store, [path], options)
    assert report.changes == {"added": 1, "changed": 1, "removed": 1}
    assert "1 observations added, 1 changed, 1 removed" in report.summary()
    obs = store.read().observations.sort_values(["place_id", "year"])
    assert obs[["place_id", "year", "value"]].values.tolist() == [
        ["gbr-leeds", 2019, 4.0], ["gbr-leeds", 2020, 7.0], ["gbr-leeds", 2022, 9.0],
        ["gbr-york", 2019, 8.0]]
    files = [s["file"] for s in store.read().meta["sources"]]
    assert sorted(files) == sorted([str(path), str(other)])  # each source once
    path.write_text(header + "Leeds,GBR,pm25,2023,1\n")
    report, _ = import_files(store, [path], ReadOptions(mapping=options.mapping, append=True))
    assert report.changes == {"added": 1, "changed": 0, "removed": 0}
    assert len(store.read().observations) == 5


def test_importing_into_a_store_written_before_imported_from_existed(tmp_path):
    """The shipped demo store (and a store from an earlier release) has no `imported_from` column
    and writes its text as large strings: an import into a copy of it keeps every old row and adds
    the new one (it stopped with a KeyError)."""
    import shutil

    from loaders.paths import DEMO_STORE

    shutil.copytree(DEMO_STORE, tmp_path / "store")
    store = Store(tmp_path / "store")
    before = store.read().observations
    assert "imported_from" not in before.columns
    header = "City,Country,Indicator,Year,Value\n"
    path, options = write_source(tmp_path, header + "Nairobi,KEN,11.6.2,2020,25.5\n",
                                 mapping_text=SIMPLE_MAPPING)
    report, version = import_files(store, [path], options)
    assert version is not None and report.changes == {"added": 1, "changed": 0, "removed": 0}
    after = store.read().observations
    assert len(after) == len(before) + 1
    added = after[after["indicator_id"] == "11-6-2"]
    assert added[["place_id", "year", "value"]].values.tolist() == [["ken-nairobi", 2020, 25.5]]
    kept = after[after["imported_from"].isna()].drop(columns="imported_from")
    key = ["place_id", "indicator_id", "year", "breakdown"]
    pd.testing.assert_frame_equal(kept.sort_values(key).reset_index(drop=True),
                                  before.sort_values(key).reset_index(drop=True), check_dtype=False)


def test_new_version_links_unchanged_tables_and_prune_keeps_the_newest(tmp_path):
    header = "City,Country,Indicator,Year,Value\n"
    path, options = write_source(tmp_path, header + "Leeds,GBR,pm25,2019,4\n", mapping_text=SIMPLE_MAPPING)
    store = Store(tmp_path / "store")
    _, v1 = import_files(store, [path], options)
    path.write_text(header + "Leeds,GBR,pm25,2019,5\n")
    _, v2 = import_files(store, [path], options)
    first, second = store.version_dir(v1), store.version_dir(v2)
    assert os.stat(first / "places.parquet").st_ino == os.stat(second / "places.parquet").st_ino
    assert os.stat(first / "observations.parquet").st_ino != os.stat(second / "observations.parquet").st_ino
    _, v3 = import_files(store, [path], options)  # nothing new: every table is linked
    assert store.read(v3).meta["scoring"] == {"rescored": [], "linked": True}
    third = store.version_dir(v3)

    def same(left: Path, right: Path) -> bool:
        return os.stat(left).st_ino == os.stat(right).st_ino

    # and so are the copies for serving made from them (the peers, ranked again, are written again)
    assert same(second / "observations.parquet", third / "observations.parquet")
    copies = [f"by_place/{name}{end}" for name in ("observations", "indicator_scores", "goal_scores")
              for end in (".parquet", ".arrow", ".places.arrow")]
    copies += ["fine/value_spans.parquet", "fine/year_labels.parquet"]
    assert all((third / copy).is_file() and same(second / copy, third / copy) for copy in copies)
    assert not same(second / "by_place/peers.parquet", third / "by_place/peers.parquet")
    assert not same(first / "by_place/observations.arrow", second / "by_place/observations.arrow")
    # a version whose copies were written otherwise (no `layout` recorded: an older release's) is
    # not linked from: the next import writes its copies again
    meta = third / "meta.json"  # as JSON: a text replace also hit the layout stage's 1.3 seconds ("null.3")
    written = json.loads(meta.read_text())
    assert written["layout"] == 1
    meta.write_text(json.dumps({**written, "layout": None}))
    _, v4 = import_files(store, [path], options)
    fourth = store.version_dir(v4)
    assert same(third / "observations.parquet", fourth / "observations.parquet")
    assert not same(third / "by_place/observations.arrow", fourth / "by_place/observations.arrow")
    assert not same(third / "fine/value_spans.parquet", fourth / "fine/value_spans.parquet")
    served = [serving.read_served(store, version) for version in (v2, v3)]
    place = served[1].places["place_id"].iloc[0]
    for name in ("observations", "indicator_scores", "goal_scores"):
        found = [version.select(name, place_id=place) for version in served]
        pd.testing.assert_frame_equal(found[1], found[0])
    store.restore(v1)
    assert store.prune(keep=1) == [v2, v3]  # v4 is the newest, v1 is current
    assert [m["version"] for m in store.versions()] == [v1, v4]
    assert store.read(v4).observations["value"].tolist() == [5.0]


def test_progress_lines_when_not_a_terminal_and_silence_when_quiet():
    out = io.StringIO()
    report = Progress(stream=out, interactive=False).stage("reading x.csv")
    report(10, 10)
    assert out.getvalue().startswith("reading x.csv: 10 of 10 rows")
    quiet = io.StringIO()
    Progress(quiet=True, stream=quiet).stage("reading")(5, 10)
    assert quiet.getvalue() == ""
    from loaders.progress import per_second

    assert [per_second(r) for r in (12_345.6, 2.46, 0.234, 0.0)] == ["12,346", "2.5", "0.23", "0"]


def test_duplicates_dropped_in_arrow_as_pandas_drops_them():
    """A bucket with keys repeated within a file (rejected, reported) and between files (the first
    file's row kept, a later file's rejected and reported; file 2 has no lines, as an Open SDG
    site): the same rows and the same report as the whole bucket through pandas, the rest left in
    Arrow in the store's order."""
    from types import SimpleNamespace

    import numpy as np
    import pyarrow as pa

    from loaders import spool as spooling
    from loaders.report import ImportReport

    rng = np.random.default_rng(7)
    n = 3_000
    rows = pd.DataFrame({name: pd.Series([None] * n, dtype=object) for name in spooling.SCHEMA.names})
    rows["place_id"] = rng.choice(["a", "b", "c", "d"], n)
    rows["indicator_id"] = rng.choice(["x", "y"], n)
    rows["year"] = rng.integers(2000, 2040, n)
    rows["breakdown"] = rng.choice(["", "f", "m"], n)  # spooled rows are conformed: never missing
    rows["flag"] = ""
    rows["value"] = rng.normal(size=n)
    rows["_file"] = rng.integers(0, 3, n).astype("int32")
    rows["_line"] = pd.array(np.arange(2, n + 2), dtype="Int64")
    rows.loc[rows["_file"] == 2, "_line"] = pd.NA
    table = pa.Table.from_pandas(rows, schema=spooling.SPOOL_SCHEMA, preserve_index=False)
    counts = rows["_file"].value_counts()
    spool = SimpleNamespace(files={0: "a.csv", 1: "b.csv", 2: "c.csv"}, value_columns={},
                            per_file={int(f): int(c) for f, c in counts.items()})
    fast, slow = ImportReport(), ImportReport()
    for report in (fast, slow):  # tidy files: one value per line read
        for number, name in spool.files.items():
            report.count(name).rows_read = int(counts[number])
    found = spooling.without_duplicates(*spooling.sorted_with_repeats(table), spool, fast)
    expected = spooling.drop_duplicate_rows(table.to_pandas(), spool, slow)
    expected = pa.Table.from_pandas(spooling.conform(expected), schema=spooling.SCHEMA, preserve_index=False)
    expected = expected.sort_by([(c, "ascending") for c in spooling.ORDER])
    assert 0 < len(found) < n and fast.rows_rejected > 0
    pd.testing.assert_frame_equal(found.to_pandas(), expected.cast(found.schema).to_pandas())
    assert report_rows(fast) == report_rows(slow)
    assert fast.rows_rejected == slow.rows_rejected
    key = ["place_id", "indicator_id", "year", "breakdown"]
    ordered = rows.sort_values(["_file", "_line"], kind="stable")
    of_first_file = ordered[ordered["_file"] == ordered.groupby(key)["_file"].transform("first")]
    without_lines = of_first_file[of_first_file["_file"] == 2]
    chosen = pd.concat([of_first_file[of_first_file["_file"] < 2].drop_duplicates(key, keep="first"),
                        without_lines.drop_duplicates(key, keep="last")])
    assert sorted(found["value"].to_pylist()) == sorted(chosen["value"])
    # every row dropped from the files with lines is a rejected line; c.csv has none, so its rows
    # that repeat an earlier file's key are warnings and its own repeats are dropped silently
    dropped = rows.drop(index=chosen.index)
    assert fast.rows_rejected == int((dropped["_file"] < 2).sum())


def test_buckets_merged_two_at_a_time_give_the_same_file_and_report(tmp_path, monkeypatch):
    """Threads read and sort buckets ahead; the merge, the report and the file follow bucket order,
    so they are the same as one thread's: a first import with duplicates, then a re-import that
    changes, removes and adds rows against the stored ones."""
    import pyarrow.parquet as pq

    from loaders import spool

    header = "City,Country,Indicator,Year,Value\n"
    first = header + "".join(f"Town {n % 40},GBR,ind{n % 9},{2010 + n % 7},{n / 3:.3f}\n"
                             for n in range(600))  # 600 rows on 40 x 9 x 7 keys: duplicates
    again = header + "".join(f"Town {n % 40},GBR,ind{n % 11},{2012 + n % 7},{n / 5:.3f}\n"
                             for n in range(500))
    found = {}
    for threads in (1, 2):
        monkeypatch.setattr(spool, "MERGE_THREADS", threads)
        folder = tmp_path / str(threads)
        folder.mkdir()
        path, options = write_source(folder, first, mapping_text=SIMPLE_MAPPING)
        store = Store(folder / "store")
        reports = [import_files(store, [path], options)[0]]
        path.write_text(again, encoding="utf-8")
        reports.append(import_files(store, [path], options)[0])
        table = pq.read_table(store.version_dir(store.current_version()) / "observations.parquet")
        found[threads] = ([r.frame().drop(columns="file").to_dict("records") for r in reports],
                          [r.changes for r in reports], table.drop_columns(["imported_from"]))
    assert found[1][0] == found[2][0] and found[1][0][0]  # the duplicates, in the same order
    assert found[1][1] == found[2][1]
    assert found[1][2].equals(found[2][2])


def test_batches_checked_ahead_in_a_thread_are_reported_as_checked_in_turn(tmp_path, monkeypatch):
    """The thread that checks the next batch while the main one spools changes nothing: the same
    issues in the same order, the same counts and rows as checking each batch in turn."""
    from concurrent.futures import Future

    class InTurn:  # an executor that runs each task when it is handed over
        def __init__(self, *args, **kwargs):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def submit(self, task, *args):
            done = Future()
            done.set_result(task(*args))
            return done

    text = TIDY_DATA + ODD + MORE + REPEATED + ODD
    ahead, ahead_report, _ = run(tmp_path, monkeypatch, "ahead", True, text)
    monkeypatch.setattr(stream, "ThreadPoolExecutor", InTurn)
    in_turn, turn_report, _ = run(tmp_path, monkeypatch, "in-turn", True, text)
    assert ahead_report.frame().drop(columns="file").equals(turn_report.frame().drop(columns="file"))
    assert len(ahead_report.issues) > 10
    assert (ahead_report.rows_read, ahead_report.rows_kept) == (turn_report.rows_read, turn_report.rows_kept)
    pd.testing.assert_frame_equal(observations(ahead), observations(in_turn))


@pytest.mark.parametrize("streaming", [False, True])
def test_the_source_a_mapping_names_is_credited_under_every_chart(tmp_path, monkeypatch, streaming):
    """`source:` in a mapping named every value's source, but the charts' source line and the About
    page credited the file's name ('Source: pt-access.csv.')."""
    from dashboard.embed.page import source_names
    from layouts.sources import sources_table

    monkeypatch.setattr(stream, "MIN_BYTES", 0 if streaming else 10**12)
    path, options = write_source(tmp_path, "City,Country,Indicator,Year,Value\nLeeds,GBR,pm25,2019,4\n"
                                 "York,GBR,pm25,2019,8\n", mapping_text='source: "UN SDG Global Database"\n'
                                 + SIMPLE_MAPPING)
    store = Store(tmp_path / "store")
    import_files(store, [path], options)
    data = store.read()
    assert source_names(data) == "UN SDG Global Database"
    assert "UN SDG Global Database" in sources_table(data.meta).iloc[:, 0].tolist()
    assert set(data.tables["observations"]["source"]) == {"UN SDG Global Database"}


def test_rows_brought_again_unchanged_skip_the_comparison_and_any_change_is_still_counted(monkeypatch):
    """A bucket whose stored rows an import brings again, every column the same, is kept as it is
    without the row-by-row comparison (69 s for an unchanged 25 M-row extract), a missing value
    too; a changed value or note, or a row more, still goes through it, and is counted as before."""
    from loaders import spool

    def rows(values, notes=None, years=(2019, 2020, 2021)):
        """Observations in their stored form (as `merge_bucket` writes them: `conform`ed)."""
        n = len(values)
        frame = pd.DataFrame({"place_id": ["a"] * n, "indicator_id": ["pm25"] * n, "year": list(years)[:n],
                              "value": values, "note": notes or [None] * n, "imported_from": ["x.csv"] * n})
        return pa.Table.from_pandas(spool.conform(frame), schema=spool.SCHEMA, preserve_index=False)

    compared = []
    original = spool.combine
    monkeypatch.setattr(spool, "combine", lambda *args: compared.append(1) or original(*args))
    old = rows([4.0, 5.0, 6.0])
    changes = spool.Changes()
    merged = spool.merge_bucket(old, rows([4.0, 5.0, 6.0]), {"x.csv"}, False, changes)
    assert (merged.equals(old), compared, changes) == (True, [], spool.Changes())
    brought = ((rows([4.0, 7.0, 6.0]), 1, 0), (rows([4.0, 5.0, 6.0], [None, "est.", None]), 1, 0),
               (rows([4.0, 5.0, 6.0, 1.0], years=(2019, 2020, 2021, 2022)), 0, 1))
    for new, changed, added in brought:
        changes = spool.Changes()
        merged = spool.merge_bucket(old, new, {"x.csv"}, False, changes)
        assert (changes.changed, changes.added, changes.removed) == (changed, added, 0)
        assert len(merged) == len(new)
    assert len(compared) == 3
    with_nan = rows([4.0, float("nan"), 6.0])
    changes = spool.Changes()
    spool.merge_bucket(with_nan, rows([4.0, float("nan"), 6.0]), {"x.csv"}, False, changes)
    assert len(compared) == 3 and (changes.changed, changes.added, changes.removed) == (0, 0, 0)


def test_the_same_figure_in_two_files_is_read_once_and_a_wide_file_s_clash_is_a_warning():
    """The European cities index publishes its table as CSV and as JSON: its 2,277 values were each
    counted as a rejected row of a 45-row file ("45 rows read, -2232 kept"). The same value again
    is read once and said in one line; another value in a wide file (several values a line) is a
    warning, its line still kept, so rows read equal kept + rejected."""
    from types import SimpleNamespace

    from loaders import spool as spooling
    from loaders.report import ImportReport

    rows = pd.DataFrame({"place_id": ["a", "b", "a", "b"], "indicator_id": "x", "year": 2020,
                         "breakdown": "", "value": [1.0, 2.0, 1.0, 5.0], "flag": "",
                         "_file": [0, 0, 1, 1], "_line": pd.array([2, 2, 3, 3], dtype="Int64")})
    spool = SimpleNamespace(files=["cities.csv", "cities.json"], value_columns={}, per_file={0: 90, 1: 90})
    report = ImportReport()
    for name in spool.files:
        report.count(name).rows_read = report.count(name).rows_kept = 45
    kept = spooling.drop_duplicate_rows(rows, spool, report)
    assert kept[["place_id", "value"]].values.tolist() == [["a", 1.0], ["b", 2.0]]
    said = report.frame()[["file", "line", "column", "severity", "reason"]].astype(object)
    said = said.where(said.notna(), None).values.tolist()
    clash = ("duplicate of cities.csv line 2 (same place, indicator, year and breakdown) with another "
             "value: the first file's is kept")
    echo = "1 values repeat those of cities.csv exactly (same key, same value): read once"
    assert said == [["cities.json", 3, "x", "warning", clash], ["cities.json", None, "", "info", echo]]
    json = report.count("cities.json")
    assert (json.rows_read, json.rows_kept, json.rows_rejected) == (45, 45, 0)
