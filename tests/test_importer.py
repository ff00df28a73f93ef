"""Import end to end with a stand-in reader: merge, versions, nothing lost on failure."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from loaders import formats, schema
from loaders.bundle import Bundle
from loaders.importer import import_files, merge
from loaders.options import ReadOptions
from loaders.report import LoadError
from loaders.store import Store


def read_tiny(path: Path, report, options) -> Bundle:
    """A reader for 'place,indicator,year,value' lines; 'boom' files cannot be read."""
    text = path.read_text()
    if "boom" in text:
        raise LoadError(f"{path.name} is broken on purpose.")
    rows = [line.split(",") for line in text.splitlines()[1:]]
    count = report.count(path)
    count.rows_read = len(rows)
    good = [r for r in rows if r[3].strip()]
    for number, row in enumerate(rows, start=2):
        if not row[3].strip():
            report.add(path, "empty value", line=number, column="value")
    count.rows_rejected = len(rows) - len(good)
    count.rows_kept = len(good)
    obs = pd.DataFrame(good, columns=["place_id", "indicator_id", "year", "value"])
    places = pd.DataFrame({"place_id": obs["place_id"].unique(), "kind": "region"})
    places["name"] = places["place_id"]
    indicators = pd.DataFrame({"indicator_id": obs["indicator_id"].unique(), "goal": 11})
    return Bundle(
        places=schema.conform("places", places),
        indicators=schema.conform("indicators", indicators),
        observations=schema.conform("observations", obs),
        sources=[{"file": str(path), "format": "tiny"}],
    )


@pytest.fixture
def tiny_format(monkeypatch):
    module = SimpleNamespace(NAME="tiny", sniff=lambda path: True, read=read_tiny)
    monkeypatch.setattr(formats, "detect", lambda path, mapping=None: module)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_import_writes_a_version_and_reports_rejections(tmp_path, tiny_format):
    store = Store(tmp_path / "store")
    source = write(tmp_path, "a.csv", "p,i,y,v\nr1,pm25,2020,10\nr1,pm25,2021,\n")
    report, version = import_files(store, [source], ReadOptions())
    assert version == store.current_version()
    assert (report.rows_read, report.rows_kept, report.rows_rejected) == (2, 1, 1)
    assert report.exit_status() == 1
    issue = report.issues[0]
    assert (issue["line"], issue["column"], issue["reason"]) == (3, "value", "empty value")
    data = store.read()
    assert data.observations["value"].tolist() == [10.0]
    assert (store.version_dir(version) / "import_report.csv").is_file()


def test_second_import_merges_and_first_version_stays_restorable(tmp_path, tiny_format):
    store = Store(tmp_path / "store")
    first = write(tmp_path, "a.csv", "p,i,y,v\nr1,pm25,2020,10\nr1,pm25,2021,12\n")
    second = write(tmp_path, "b.csv", "p,i,y,v\nr1,pm25,2021,11\nr2,pm25,2021,30\n")
    _, v1 = import_files(store, [first], ReadOptions())
    _, v2 = import_files(store, [second], ReadOptions())
    obs = store.read().observations.sort_values(["place_id", "year"])
    assert obs[["place_id", "year", "value"]].values.tolist() == [
        ["r1", 2020, 10.0],
        ["r1", 2021, 11.0],
        ["r2", 2021, 30.0],
    ]
    store.restore(v1)
    assert store.read().observations["value"].tolist() == [10.0, 12.0]
    assert [m["version"] for m in store.versions()] == [v1, v2]


def test_unreadable_file_is_reported_and_others_still_load(tmp_path, tiny_format):
    store = Store(tmp_path / "store")
    good = write(tmp_path, "good.csv", "p,i,y,v\nr1,pm25,2020,10\n")
    bad = write(tmp_path, "bad.csv", "boom")
    report, version = import_files(store, [bad, good], ReadOptions())
    assert version is not None
    assert report.counts[str(bad)].unreadable == "bad.csv is broken on purpose."
    assert report.exit_status() == 1


def test_nothing_readable_leaves_store_untouched(tmp_path, tiny_format):
    store = Store(tmp_path / "store")
    good = write(tmp_path, "good.csv", "p,i,y,v\nr1,pm25,2020,10\n")
    _, before = import_files(store, [good], ReadOptions())
    bad = write(tmp_path, "bad.csv", "boom")
    report, version = import_files(store, [bad], ReadOptions())
    assert version is None and report.exit_status() == 2
    assert store.current_version() == before and len(store.versions()) == 1


def test_merge_keeps_stored_values_the_new_rows_leave_empty():
    old = Bundle(places=schema.conform("places", pd.DataFrame(
        {"place_id": ["x"], "name": ["X"], "kind": ["city"], "population": [100.0]})))
    new = Bundle(places=schema.conform("places", pd.DataFrame(
        {"place_id": ["x"], "name": ["X town"], "kind": ["city"]})))
    current = SimpleNamespace(tables={t: getattr(old, t) for t in schema.TABLES})
    merged = merge(current, new)["places"]
    assert merged[["name", "population"]].values.tolist() == [["X town", 100.0]]


def test_concurrent_imports_wait_for_each_other_and_lose_nothing(tmp_path, tiny_format):
    import threading

    store_root = tmp_path / "store"
    files = [write(tmp_path, f"{name}.csv", f"p,i,y,v\n{name},pm25,2020,{n}\n")
             for n, name in enumerate(["r1", "r2", "r3", "r4"], start=1)]
    errors = []

    def run(path):
        try:
            import_files(Store(store_root), [path], ReadOptions())
        except Exception as error:  # noqa: BLE001 - collected for the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(path,)) for path in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = Store(store_root)
    assert len(store.versions()) == 4
    assert sorted(store.read().observations["place_id"]) == ["r1", "r2", "r3", "r4"]


def test_stale_incoming_folders_are_removed_but_fresh_ones_kept(tmp_path):
    import os
    import time

    store = Store(tmp_path / "store")
    store.write({}, {}, version="v1")
    versions = tmp_path / "store" / "versions"
    stale, fresh = versions / ".incoming-old", versions / ".incoming-new"
    stale.mkdir()
    fresh.mkdir()
    an_hour_ago = time.time() - 7200
    os.utime(stale, (an_hour_ago, an_hour_ago))
    store.write({}, {}, version="v2")
    assert not stale.exists() and fresh.exists()


def test_an_indicator_redefined_by_a_second_source_is_warned(tmp_path):
    from loaders.importer import warn_redefined_indicators
    from loaders.report import ImportReport

    stored = pd.DataFrame({"indicator_id": ["11-1-1"], "name": ["Slum population"], "unit": ["%"]})
    incoming = pd.DataFrame({"indicator_id": ["11-1-1"], "name": ["Homelessness"], "unit": ["%"]})
    report = ImportReport()
    warn_redefined_indicators(incoming, stored, report)
    assert len(report.issues) == 1
    assert "already exists with name 'Slum population'" in report.issues[0]["reason"]


def test_rename_applies_to_indicator_ids_of_any_format(tmp_path, tiny_format):
    store = Store(tmp_path / "store")
    source = write(tmp_path, "a.csv", "p,i,y,v\nr1,pm25,2020,10\n")
    import_files(store, [source], ReadOptions(rename={"pm25": "la-pm25"}))
    data = store.read()
    assert data.observations["indicator_id"].tolist() == ["la-pm25"]
    assert data.indicators["indicator_id"].tolist() == ["la-pm25"]


def texts_bundle(name: str, rows: list[tuple[str, str]]) -> Bundle:
    """Indicator 'pm25' called `name`, with (language, name) translations."""
    return Bundle(
        indicators=schema.conform("indicators", pd.DataFrame({"indicator_id": ["pm25"], "name": [name]})),
        indicator_texts=schema.conform("indicator_texts", pd.DataFrame(
            [{"indicator_id": "pm25", "language": lang, "name": text} for lang, text in rows],
            columns=["indicator_id", "language", "name"])),
    )


def test_reimport_replaces_a_languages_translation_and_keeps_the_others():
    old = texts_bundle("Fine dust", [("es", "Polvo fino"), ("fr", "Poussières fines")])
    current = SimpleNamespace(tables={t: getattr(old, t) for t in schema.TABLES})
    merged = merge(current, texts_bundle("Fine dust", [("es", "Partículas finas")]))["indicator_texts"]
    assert sorted(merged[["language", "name"]].values.tolist()) == [
        ["es", "Partículas finas"], ["fr", "Poussières fines"]]


def test_a_new_name_drops_the_translations_of_the_old_one():
    old = texts_bundle("Fine dust", [("es", "Polvo fino")])
    current = SimpleNamespace(tables={t: getattr(old, t) for t in schema.TABLES})
    assert merge(current, texts_bundle("Coarse dust", []))["indicator_texts"].empty
    assert len(merge(current, texts_bundle("", []))["indicator_texts"]) == 1  # no name: kept


def test_language_option_and_rename_reach_indicators_and_translations(tmp_path, tiny_format):
    from loaders.sources import rename_indicators

    store = Store(tmp_path / "store")
    source = write(tmp_path, "a.csv", "p,i,y,v\nr1,pm25,2020,10\n")
    import_files(store, [source], ReadOptions(language="fr"))
    assert store.read().indicators["language"].tolist() == ["fr"]
    bundle = texts_bundle("Fine dust", [("es", "Polvo fino")])
    rename_indicators(bundle, {"pm25": "la-pm25"})
    assert bundle.indicator_texts["indicator_id"].tolist() == ["la-pm25"]


def test_translations_of_an_unknown_indicator_are_reported_and_dropped():
    from loaders.importer import check_references
    from loaders.report import ImportReport

    bundle = texts_bundle("Fine dust", [("es", "Polvo fino")])
    bundle.indicator_texts.loc[0, "indicator_id"] = "ghost"
    report = ImportReport()
    assert check_references(bundle, None, report).indicator_texts.empty
    assert "unknown indicator 'ghost'" in report.issues[0]["reason"]


def test_a_place_another_source_brought_keeps_its_facts(tmp_path):
    """The UN's 11.2.1 file names the City of London 'London' (population 8,072): imported after
    the European Cities index, it rewrote that London's population and position without a word."""
    mapping = ("place: {column: City}\ncountry: {column: Country}\nindicator: {column: Indicator}\n"
               "year: {column: Year}\nvalue: {column: Value}\nlat: {column: Lat}\nlon: {column: Lon}\n"
               "population: {column: Pop}\nsource: {source}\n")
    store = Store(tmp_path / "store")
    rows = {"index": "London,GBR,idx,2019,60,51.5085,-0.1257,8961989\n",
            "transport": "London,GBR,pt,2020,80,51.5128,-0.0918,8072\n"}
    for name, row in rows.items():
        (tmp_path / f"{name}.csv").write_text("City,Country,Indicator,Year,Value,Lat,Lon,Pop\n" + row)
        (tmp_path / f"{name}.yml").write_text(mapping.replace("{source}", name))
        report, _ = import_files(store, [tmp_path / f"{name}.csv"],
                                 ReadOptions(mapping=tmp_path / f"{name}.yml"))
    london = store.read().places.set_index("place_id").loc["gbr-london"]
    assert (london["population"], london["lon"], london["source"]) == (8961989, -0.1257, "index.csv")
    warning = report.frame().query("column == 'place'").iloc[0]
    assert warning["reason"] == ("place 'gbr-london' is in the store from index.csv; this file gives another "
                                 "population: the stored one is kept")
    assert warning["value"] == "8,072 (stored: 8,961,989)"
    # the index's own file again, with a new population: its own source updates it
    (tmp_path / "index.csv").write_text("City,Country,Indicator,Year,Value,Lat,Lon,Pop\n"
                                        "London,GBR,idx,2019,60,51.5085,-0.1257,9000000\n")
    import_files(store, [tmp_path / "index.csv"], ReadOptions(mapping=tmp_path / "index.yml"))
    assert store.read().places.set_index("place_id").loc["gbr-london", "population"] == 9000000


@pytest.mark.parametrize("streamed", [False, True])
def test_one_city_named_two_ways_by_two_sources_is_one_place(tmp_path, monkeypatch, streamed):
    """'Wien' in the UN's 11.2.1 file and 'Vienna' in the European Cities index were two places,
    each with half the city's data. Two names one source puts on one point stay two places (the
    UN's file gives Torbay the coordinates of Corby)."""
    from loaders.mapped import stream

    monkeypatch.setattr(stream, "MIN_BYTES", 0 if streamed else 10**12)
    mapping = ("place: {column: City}\ncountry: {column: Country}\nindicator: {column: Indicator}\n"
               "year: {column: Year}\nvalue: {column: Value}\nlat: {column: Lat}\nlon: {column: Lon}\n")
    store = Store(tmp_path / "store")
    files = {"index": "Vienna,AUT,idx,2019,70,48.20849,16.37208\n",
             "transport": "Wien,AUT,pt,2020,80,48.20849,16.37208\nTorbay,GBR,pt,2020,50,52.49,-0.69\n"
                          "Corby,GBR,pt,2020,40,52.49,-0.69\n"}
    for name, rows in files.items():
        (tmp_path / f"{name}.csv").write_text("City,Country,Indicator,Year,Value,Lat,Lon\n" + rows)
        (tmp_path / f"{name}.yml").write_text(mapping)
        options = ReadOptions(mapping=tmp_path / f"{name}.yml")
        report, _ = import_files(store, [tmp_path / f"{name}.csv"], options)
    data = store.read()
    assert "aut-wien" not in set(data.places["place_id"])
    vienna = data.observations[data.observations["place_id"] == "aut-vienna"]
    assert sorted(vienna["indicator_id"]) == ["idx", "pt"]
    assert {"gbr-torbay", "gbr-corby"} <= set(data.places["place_id"])
    said = [r for r in report.frame()["reason"] if "very point" in r]
    assert said == ["city 'Wien' (aut-wien) is at the very point of Vienna (aut-vienna), the same gazetteer "
                    "city: its values join that place"]


def test_a_city_joining_another_s_id_takes_its_published_results_along():
    """SDSN's published index of Vienna stayed under 'aut-vienna' when Vienna joined the UN's
    'aut-wien': the page of the city never showed it."""
    from loaders.report import ImportReport
    from loaders.same_cities import same_cities

    stored = pd.DataFrame({"place_id": ["aut-wien"], "name": ["Wien"], "kind": ["city"],
                           "country_iso3": ["AUT"], "lat": [48.20849], "lon": [16.37208],
                           "source": ["pt-access.csv"]})
    index = pd.DataFrame({"place_id": ["aut-vienna"], "year": [2019], "score": [62.5]})
    bundle = Bundle(places=stored.assign(place_id="aut-vienna", name="Vienna", source="cities.csv"),
                    published={"index": index})
    assert same_cities(bundle, stored, ImportReport()) == {"aut-vienna": "aut-wien"}
    assert bundle.published["index"]["place_id"].tolist() == ["aut-wien"] and bundle.places.empty


def test_an_import_s_own_two_places_on_one_point_stay_two():
    """The UN file names Frankfurt and Frankfurt Am Main; SDSN's stored Frankfurt has the second's id:
    the first joined it, and the file's own rows of the two were rejected as repeats of each other,
    where validate (no store) kept them."""
    from loaders.report import ImportReport
    from loaders.same_cities import same_cities

    point = {"kind": ["city"], "country_iso3": ["DEU"], "lat": [50.11552], "lon": [8.68417]}
    stored = pd.DataFrame({"place_id": ["deu-frankfurt-am-main"], "name": ["Frankfurt"], **point,
                           "source": ["eu-cities.csv"]})
    new = pd.DataFrame({"place_id": ["deu-frankfurt", "deu-frankfurt-am-main"],
                        "name": ["Frankfurt", "Frankfurt Am Main"], "kind": ["city"] * 2,
                        "country_iso3": ["DEU"] * 2, "lat": [50.11552] * 2, "lon": [8.68417] * 2,
                        "source": ["pt-access.csv"] * 2})
    assert same_cities(Bundle(places=new), stored, ImportReport()) == {}
    alone = Bundle(places=new.iloc[:1])  # a file with Frankfurt alone still joins the stored city
    assert same_cities(alone, stored, ImportReport()) == {"deu-frankfurt": "deu-frankfurt-am-main"}


def test_one_register_s_two_spellings_of_a_stored_city_are_that_city():
    """A register wrote 'MUNCHEN' (the stored München's id) and 'Muenchen': the second became a new
    place on München's point, because the import brought both."""
    from loaders.report import ImportReport
    from loaders.same_cities import same_cities, spelled_alike

    point = {"kind": ["city"], "country_iso3": ["DEU"], "lat": [48.13743], "lon": [11.57549]}
    stored = pd.DataFrame({"place_id": ["deu-munchen"], "name": ["München"], **point, "source": ["a.csv"]})
    new = pd.DataFrame({"place_id": ["deu-munchen", "deu-muenchen"], "name": ["MUNCHEN", "Muenchen"],
                        "kind": ["city"] * 2, "country_iso3": ["DEU"] * 2, "lat": [48.13743] * 2,
                        "lon": [11.57549] * 2, "source": ["register.csv"] * 2})
    assert same_cities(Bundle(places=new), stored, ImportReport()) == {"deu-muenchen": "deu-munchen"}
    assert same_cities(Bundle(places=new.copy()), None, ImportReport()) == {"deu-muenchen": "deu-munchen"}
    assert spelled_alike("Köln", "koeln") and spelled_alike("Köln", "KOLN")
    # one name written the same twice stays two places (two San Pedros of two departments, placed by
    # the source on one point): their ids tell them apart
    twins = new.assign(place_id=["bol-san-pedro-potosi", "bol-san-pedro-santa-cruz"], name="San Pedro",
                       country_iso3="BOL")
    assert same_cities(Bundle(places=twins), None, ImportReport()) == {}
    assert not spelled_alike("Frankfurt", "Frankfurt am Main")


def test_stored_facts_go_into_columns_of_any_type():
    """Plain float64 columns refused the stored coordinates ("Invalid value ... for dtype float64")."""
    from loaders.report import ImportReport
    from loaders.stored_places import keep_stored

    stored = pd.DataFrame({"place_id": ["gbr-london"], "name": ["London"], "kind": ["city"], "lat": [51.5085],
                           "lon": [-0.1257], "population": [8961989.0], "source": ["index.csv"]})
    new = stored.assign(lat=51.5128, lon=-0.0918, population=8072.0, source="transport.csv")
    assert new["lat"].dtype == "float64"
    out = keep_stored(new, stored, ImportReport())
    assert out.iloc[0][["lat", "population", "source"]].tolist() == [51.5085, 8961989.0, "index.csv"]
