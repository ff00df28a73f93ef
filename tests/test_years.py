"""A year of observed data is written as its source wrote it in every table, title and sentence
(`layouts.years`): Bristol's financial year "2017-18", stored as 2018, read "2017-18" in the trend
and "2018" in the goal's table, the breakdowns and the district map beside it."""

from __future__ import annotations

import pandas as pd
import pytest

from layouts import (
    breakdowns,
    explain,
    i18n,
    indicator_rows,
    indicator_tables,
    sparklines,
    summaries,
    year_spans,
    years,
)
from layouts.year_spans import Years
from loaders.store import StoreData


def labelled_store() -> StoreData:
    """Two indicators of one place: one in financial years, one in calendar years."""
    obs = pd.DataFrame({
        "place_id": ["a"] * 6,
        "indicator_id": ["safe", "safe", "safe", "web", "web", "web"],
        "year": [2018, 2019, 2021, 2018, 2019, 2020],
        "year_label": ["2017-18", "2018-19", "2020-21", "2018", "", "2020"],
        "value": [69.62, 70.0, 62.87, 80.0, 81.0, 82.0],
        "breakdown": [""] * 6,
    })
    return StoreData("v1", {}, {"observations": obs, "indicators": pd.DataFrame(
        {"indicator_id": ["safe", "web"], "goal": [16, 9]})})


def test_a_year_is_its_source_s_words_else_its_number():
    assert years.written(2018, "2017-18") == "2017-18"
    assert years.written(2018, "") == years.written(2018, None) == "2018"
    assert years.written(2019, "2019 edition (latest available)") == "2019"  # an edition is no period
    assert years.written(None) == ""
    assert years.by_year([2018, 2018, 2019, 2020], ["2017-18", "2017-18", "2019", ""]) == {2018: "2017-18"}
    assert years.by_year([2018, 2018], ["2017-18", "2017/18"]) == {}  # two ways: the number


def test_a_version_writes_a_year_as_every_value_of_it_does():
    store = labelled_store()
    assert years.of_indicators(store, 2021) == "2020-21"  # only a financial year's values
    assert years.of_indicators(store, 2018) == "2018"  # "2017-18" and a calendar "2018"
    assert years.of_indicators(store, 2018, ["safe"]) == "2017-18"
    assert years.of_indicators(store, 2020, ["safe"]) == "2020"  # no value: the number
    assert years.of_indicators(store, None) == ""


def test_a_span_of_years_writes_its_ends_as_the_sources_did():
    store = labelled_store()
    rows = pd.DataFrame({"indicator_id": ["safe", "safe", "web"], "value_year": [2018, 2021, 2020]})
    span = year_spans.value_years(rows, store)
    assert (span.first, span.last) == (2018, 2021)
    assert span.span() == "2017-18 to 2020-21" and span.text() == "2017-18 to 2020-21"
    assert Years(2013, 2017).text() == "2013\u20132017"  # plain years keep their dash
    assert not Years(2021, 2021, "2020-21", "2020-21").only(2021)  # "up to 2021, from 2020-21"
    assert Years(2021, 2021).only(2021)
    with i18n.use("fr"):
        assert span.span() == "2017-18 à 2020-21"
    told = Years.of_rows(pd.Series([2019, 2021]), pd.Series(["2018-19", "2020-21"]))
    assert told.text() == "2018-19 to 2020-21"


def test_a_calendar_year_and_the_period_after_it_are_two_years_not_a_stretch():
    """Bristol's goals heading read "latest values up to 2021 (from 2020 to 2020-21)": values of 2020
    and of 2020-21, nothing between them, read as a stretch of time that ends where it began."""
    assert Years(2020, 2021, "2020", "2020-21").span() == "2020 and 2020-21"
    assert Years(2020, 2021, "2020", "2020-21").text() == "2020 and 2020-21"
    assert Years(2020, 2021, "2019-20", "2021").span() == "2019-20 and 2021"
    assert Years(2019, 2021, "2019", "2020-21").span() == "2019 to 2020-21"  # years between
    assert Years(2020, 2021, "2019-20", "2020-21").span() == "2019-20 to 2020-21"  # alike
    assert Years(2020, 2021).span() == "2020 to 2021"
    with i18n.use("fr"):
        assert Years(2020, 2021, "2020", "2020-21").span() == "2020 et 2020-21"
    with i18n.use("es"):
        assert Years(2020, 2021, "2020", "2020-21").span() == "2020 y 2020-21"


def goal_rows(store: StoreData) -> pd.DataFrame:
    obs = store.observations
    history = obs[obs["indicator_id"] == "safe"].set_index("year")["value"]
    return pd.DataFrame({
        "goal": [16], "indicator_id": ["safe"], "name": ["Feel safe"], "name_language": ["en"],
        "value": [62.87], "unit": ["%"], "unit_language": [None], "value_year": [2021.0],
        "colour": ["grey"], "arrow": [None], "history": pd.array([history], dtype=object),
        "year_texts": pd.array([indicator_rows.told_years(obs)["safe"]], dtype=object),
        "target": ["16.1"], "target_value": [None]})


def cells(tree) -> list[str]:
    found = []

    def walk(node):
        if isinstance(node, list):
            for child in node[1:]:
                if isinstance(child, dict):
                    if "aria-label" in child:
                        found.append(child["aria-label"])
                    continue
                walk(child)
        elif isinstance(node, str):
            found.append(node)
    walk(tree)
    return found


def test_a_goal_s_table_writes_the_value_s_year_as_the_trend_does():
    """Bristol's "62.87 %, 2021" in the goal's table beside "62.87 in 2020-21" in the trend."""
    store = labelled_store()
    assert indicator_rows.told_years(store.observations) == {
        "safe": {2018: "2017-18", 2019: "2018-19", 2021: "2020-21"}}
    words = cells(indicator_tables.indicator_table(goal_rows(store), 16, "a").tree)
    assert "2020-21" in words and "2021" not in words
    at = words.index("value ↘ fell from ")  # its periods each in a span that keeps it whole
    assert words[at:at + 4] == ["value ↘ fell from ", "2017-18", " to ", "2020-21"]
    spoken = next(w for w in words if w.startswith("2017-18 to"))
    assert spoken == "2017-18 to 2018-19: 69.62, 70. 2020-21: 62.87."


def test_a_direction_and_spoken_values_of_plain_years_are_unchanged():
    points = [(2015, 1.0), (2016, 2.0), (2018, 3.0)]
    assert explain.points_direction(points) == "value ↗ rose 2015-2018"
    assert explain.points_direction(points, {}) == "value ↗ rose 2015-2018"
    assert sparklines.spoken_points([2015, 2016, 2018], ["1", "2", "3"]) == "2015–2016: 1, 2. 2018: 3."


def test_a_breakdown_table_is_headed_by_the_years_as_written():
    obs = pd.DataFrame({"indicator_id": ["d"] * 10,
                        "breakdown": ["Deprivation=Most", "Deprivation=Least"] * 5,
                        "year": [2017, 2017, 2018, 2018, 2019, 2019, 2020, 2020, 2021, 2021],
                        "year_label": ["2016-17"] * 2 + ["2017-18"] * 2 + ["2018-19"] * 2 + ["2019-20"] * 2
                        + ["2020-21"] * 2,
                        "value": [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]})
    named = pd.DataFrame({"indicator_id": ["d"], "name": ["Feel safe"], "unit": [""],
                          "name_language": ["en"]})
    (caption, table), = breakdowns.breakdown_tables(obs, named)
    assert list(table.columns)[1:] == ["2017-18", "2018-19", "2019-20", "2020-21"]
    assert "The year 2016-17 is in the download." in caption


# --- Explore: the years of observed values, the chosen year a number -----------------------------


def explore_store() -> StoreData:
    """Three wards with one indicator in financial years (2019 is "2018-19" everywhere, 2021
    "2020-21"); the east ward's 2021 value is its 2020 one, carried forward for scoring."""
    places = pd.DataFrame({
        "place_id": ["w-north", "w-south", "w-east"], "name": ["North", "South", "East"],
        "kind": ["district"] * 3, "country_iso3": ["GBR"] * 3, "un_region": ["Europe"] * 3,
        "un_subregion": ["Northern Europe"] * 3, "lat": [51.5, 51.4, 51.45], "lon": [-2.6, -2.6, -2.5],
        "population": [None] * 3})
    indicators = pd.DataFrame({"indicator_id": ["safe"], "goal": [16], "target": ["16.1"],
                               "name": ["Feel safe"], "unit": ["%"], "direction": ["higher"],
                               "description": ["Feel safe outdoors after dark"]})
    scored = pd.DataFrame({
        "place_id": ["w-north", "w-north", "w-south", "w-south", "w-east", "w-east"],
        "indicator_id": ["safe"] * 6, "goal": [16] * 6, "year": [2019, 2021] * 3,
        "value_year": [2019, 2021, 2019, 2021, 2019, 2019],
        "value": [70.0, 62.87, 60.0, 65.0, 50.0, 50.0], "score": [80.0, 60.0, 70.0, 75.0, 40.0, 40.0],
        "colour": ["green"] * 6, "arrow": ["on_track"] * 6})
    observed = scored[scored["year"] == scored["value_year"]].drop(columns=["value_year", "score"])
    observed = observed.assign(year_label=observed["year"].map({2019: "2018-19", 2021: "2020-21"}),
                               breakdown="")
    goal_scores = scored.groupby(["place_id", "goal", "year"], as_index=False)["score"].mean()
    goal_scores["colour"], goal_scores["arrow"] = "orange", "stagnating"
    index = goal_scores.groupby(["place_id", "year"], as_index=False)["score"].mean()
    index["rank"] = index.groupby("year")["score"].rank(ascending=False).astype("Int64")
    return StoreData("fy", {}, {"places": places, "indicators": indicators, "observations": observed,
                                "indicator_scores": scored, "goal_scores": goal_scores, "index": index})


def explore_view(store: StoreData, **asked):
    from views.explore import build, contents, model

    cat = contents.catalogue(store)
    base = {"goal": 16, "indicator": "safe", "measure": "value", "year": 2021, "start": 2019, "end": 2021}
    return build.build(store, model.State(**{**base, **asked}), cat)


def test_explore_s_trend_of_values_writes_each_year_as_its_source_did():
    """Bristol's trend in Explore read "(values), 2018 to 2021" and "62.87 in 2021" beside the city
    page's "62.87 in 2020-21", in its title, sentences, hover, axis and table."""
    store = explore_store()
    trend = explore_view(store, view="trend")
    assert trend.title == "Feel safe (values), 2018-19 to 2020-21"
    assert "Feel safe from 2018-19 to 2020-21, for the 3 places with data." in trend.summary
    assert "North: 70.0 % in 2018-19 to 62.9 % in 2020-21 (down 7.1)." in trend.summary
    assert "East: 50.0 % in 2018-19, the only year with a value." in trend.summary
    north = next(line for line in trend.figure.data if line.name == "North")
    assert list(north.hovertext) == ["North, 2018-19: 70.0 %", "North, 2020-21: 62.9 %"]
    assert list(north.x) == [2019, 2021]  # drawn at the numbers: the axis keeps its order and step
    axis = trend.figure.layout.xaxis
    assert list(axis.tickvals) == [2019, 2020, 2021]
    assert list(axis.ticktext) == ["2018-19", "2020", "2020-21"]  # no value of 2020: the number
    assert list(trend.table.rows["Year"]) == ["2018-19", "2020-21", "2018-19", "2020-21", "2018-19"]
    with i18n.use("fr"):
        french = explore_view(store, view="trend")
        assert "de 2018-19 à 2020-21" in french.summary and french.title.endswith("2018-19 à 2020-21")


def test_a_period_in_explore_s_table_stays_on_one_line():
    """'2020-21' broke after its hyphen in the narrow 'Value from' column, as it had in a goal's table;
    a table of plain years is sent as before."""
    from layouts import tables

    trend = explore_view(explore_store(), view="trend")
    assert trend.table.nowrap == ("Year", "Value from")
    payload = tables.table_data(trend.table.rows, "t", trend.table.links, nowrap=trend.table.nowrap)
    year = payload["columns"].index("Year")
    assert year in payload["nowrap"]
    first_row = tables.table_tree(payload)[2][4][2]
    assert first_row[year + 2][2] == ["span", {"className": "text-nowrap"}, "2018-19"]
    assert tables.payload_rows(payload, [0], "t")["nowrap"] == payload["nowrap"]
    plain = tables.table_data(pd.DataFrame({"Year": [2021]}), "t", nowrap=())
    assert "nowrap" not in plain


def test_explore_s_chosen_year_stays_the_number_and_its_values_years_are_written():
    """"Each place's latest value up to {year} is shown, from {years}": the year chosen is a number, the
    values' years as the source wrote them, as the map says it; the API's rows keep numbers."""
    from views.explore import build, contents, model, rows

    store = explore_store()
    ranking = explore_view(store, view="ranking")
    assert ranking.title == "Ranking by Feel safe (values), 2021"
    assert "Each place's latest value up to 2021 is shown, from 2018-19 to 2020-21." in ranking.summary
    table = ranking.table.rows
    assert set(table["Year"]) == {2021} and list(table["Value from"]) == ["2020-21", "2020-21", "2018-19"]
    # every value of 2021 is of 2020-21: said, not passed over as "2021"
    only = explore_view(store, view="ranking", places=("w-north", "w-south"))
    assert "Each place's latest value up to 2021 is shown, from 2020-21." in only.summary
    assert "from 2018-19 to 2020-21" in explore_view(store, view="distribution").summary
    # a trend of scores is of the years they are computed for; the values behind them are written;
    # East's 2021 score, of its 2019 value carried forward, is not drawn as if measured (it was)
    scores = explore_view(store, view="trend", measure="score")
    assert scores.title == "Feel safe (scores), 2019 to 2021" and "2018-19" not in scores.summary
    assert list(scores.table.rows["Year"]) == [2019, 2021, 2019, 2021, 2019]
    assert "2020-21" in list(scores.table.rows["Value from"])
    cat = contents.catalogue(store)
    state = model.State(goal=16, indicator="safe", measure="value", view="trend", start=2019, end=2021)
    api = rows.filtered_frame(store, cat, state)
    assert api["year"].tolist() == [2019, 2021, 2019, 2021, 2019] and "year_label" not in api
    assert build.build(store, state, cat).table.rows.shape[0] == len(api)


# --- Bristol's Open SDG site, read in place ---------------------------------------------------


@pytest.fixture(scope="module")
def bristol_store(tmp_path_factory):
    from dashboard.cli import main
    from tests.conftest import REALDATA

    folder = REALDATA / "bristol-opensdg"
    if not folder.is_dir():
        pytest.skip("real data folder is absent")
    store = tmp_path_factory.mktemp("bristol-years") / "store"
    assert main(["import", str(folder), "--store", str(store)]) in (0, 1)
    return store


@pytest.fixture(scope="module")
def bristol(bristol_store):
    from loaders import serving
    from loaders.store import Store

    opened = Store(bristol_store)
    return serving.read_served(opened, opened.current_version()), opened.read()


@pytest.mark.realdata
def test_bristol_s_financial_years_read_alike_on_every_part_of_its_page(bristol):
    from dashboard.pages.city_parts import broken_down
    from tests.components import text
    from views import city as city_view
    from views import map as map_view

    served, memory = bristol
    assert set(map(tuple, served.year_labels().astype(str).to_numpy())) == set(
        map(tuple, memory.year_labels().astype(str).to_numpy()))
    state = city_view.State("gbr-bristol", 2021, "16-1-4-ward")
    trend = city_view.trend(served, state)
    assert "62.87 in 2020-21" in trend.summary
    table = cells(city_view.goal_table(served, state, 16).tree)
    assert "2020-21" in table and "2021" not in table  # the trend's year, not the number
    at = table.index("value ↘ fell from ")  # its periods each in a span that keeps it whole
    assert table[at:at + 4] == ["value ↘ fell from ", "2017-18", " to ", "2020-21"]
    district = city_view.districts(served, state)
    assert district.title.endswith(", by district, 2020-21")
    assert "from 2020-21" in district.summary
    assert set(district.table.rows[i18n._("Year")]) == {"2020-21"}
    goals = city_view.goals(served, state)
    # the years the scores' values are from, never a 2021 no value is written as (it read "latest
    # values up to 2021 (from 2020 to 2020-21)", then "(from 2020 and 2020-21)")
    assert goals.title == "Bristol: The 17 goals, scored on values of 2020 and 2020-21"
    drawn = map_view.build(served, map_view.parse({"goal": "16", "year": "2021"}, served)[0])
    assert "from 2020-21" in drawn.summary
    # 2018 is "2017-18", "2017/18" and a calendar "2018" in this store: the number
    assert years.of_indicators(served, 2018) == "2018"
    deprivation = text(broken_down(served, state).body)
    assert "2020-21" in deprivation and "2019-20" in deprivation
    with i18n.use("fr"):
        assert "2020-21" in cells(city_view.goal_table(served, state, 16).tree)


@pytest.mark.realdata
def test_bristol_s_financial_years_read_in_explore_as_on_its_city_page(bristol):
    """Explore's trend of Bristol's wards feeling safe read "(values), 2018 to 2021" and "in 2021"
    beside the city page's "62.87 in 2020-21"; its ranking of 2021 said nothing of the values being
    of 2020-21, which the map of the same year says."""
    from views.explore import build, contents, rows
    from views.explore import state as explore_state

    served, _memory = bristol
    cat = explore_state.context(served)
    asked = {"goal": "16", "indicator": "16-1-4-ward", "measure": "value"}
    trend = build.build(served, explore_state.parse({**asked, "view": "trend"}, cat)[0], cat)
    assert trend.title.endswith("(values), 2017-18 to 2020-21")
    assert " in 2017-18 to " in trend.summary and " in 2021" not in trend.summary
    assert set(trend.figure.layout.xaxis.ticktext) == {"2017-18", "2018-19", "2019-20", "2020-21"}
    hovered = {hover.rsplit(": ", 1)[0].rsplit(", ", 1)[1]
               for line in trend.figure.data for hover in line.hovertext}
    assert hovered == {"2017-18", "2018-19", "2019-20", "2020-21"}
    assert set(trend.table.rows["Year"]) <= {"2017-18", "2018-19", "2019-20", "2020-21"}
    state = explore_state.parse({**asked, "view": "ranking", "year": "2021"}, cat)[0]
    ranking = build.build(served, state, cat)
    assert ranking.title.endswith("(values), 2021")  # the year chosen
    assert "Each place's latest value up to 2021 is shown, from 2020-21." in ranking.summary
    assert set(ranking.table.rows["Value from"]) == {"2020-21"}
    assert set(rows.filtered_frame(served, cat, state)["value_year"]) == {2021}  # the API's numbers
    with i18n.use("fr"):
        french = build.build(served, explore_state.parse({**asked, "view": "trend"}, cat)[0],
                             contents.catalogue(served))
        assert "2017-18 à 2020-21" in french.title


def test_a_store_without_year_labels_is_known_so_without_reading_its_rows(monkeypatch, tmp_path):
    """A national store of calendar years (25 M rows) read three columns of every row on a worker's
    first map or city page to learn that no year is written otherwise: the row groups' statistics
    say it (every label null), and every year is its number."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from loaders import serving
    from loaders.paths import DEMO_STORE
    from loaders.store import Store

    demo = Store(DEMO_STORE)
    served = serving.read_served(demo, demo.current_version())
    served.__dict__.pop("_year_labels", None)  # found afresh, whatever asked before

    def refused(*_args, **_kwargs):
        raise AssertionError("a row group was read")

    monkeypatch.setattr(pq.ParquetFile, "read_row_group", refused)
    assert served.year_labels().empty
    assert years.of_indicators(served, 2020) == "2020"
    # a row group holding one label is read; one without statistics may hold labels
    path = tmp_path / "obs.parquet"
    table = pa.table({"indicator_id": ["a", "a", "b", "b"], "year": [2020, 2021, 2020, 2021],
                      "year_label": [None, None, None, "2020-21"]})
    pq.write_table(table, path, row_group_size=2)
    file = pq.ParquetFile(path)
    assert [serving.holds_values(file, group, "year_label") for group in range(2)] == [False, True]
    pq.write_table(table, path, row_group_size=2, write_statistics=False)
    assert serving.holds_values(pq.ParquetFile(path), 0, "year_label")


def test_explore_writes_a_percent_unit_by_its_sign_as_the_city_page_does():
    """Explore wrote Bristol's "88.9 Percentage (%)" where the city page writes "88.9 %"; its
    download keeps the unit as the source wrote it."""
    store = explore_store()
    worded = StoreData("fy-unit", {}, {**store.tables, "indicators": store.indicators.assign(
        unit=["Percentage (%)"])})
    trend = explore_view(worded, view="trend")
    assert "North: 70.0 % in 2018-19 to 62.9 % in 2020-21 (down 7.1)." in trend.summary
    assert "Percentage" not in trend.summary + trend.title
    from views.explore import contents, model, rows

    cat = contents.catalogue(worded)
    state = model.State(goal=16, indicator="safe", measure="value", year=2021, start=2019, end=2021,
                          view="ranking")
    assert set(rows.filtered_frame(worded, cat, state)["unit"]) == {"Percentage (%)"}


@pytest.mark.realdata
def test_an_explore_address_naming_an_indicator_opens_on_its_goal(bristol):
    """`/explore?indicator=16-1-4-ward` on Bristol's data said the indicator "is not known here" and
    showed Goal 2's scores: Explore opens on Goal 2 there (the index ranks no place), whose
    indicators did not include it."""
    from views.explore import contents, state

    served, _memory = bristol
    cat = contents.catalogue(served)
    shown, problems = state.parse({"indicator": "16-1-4-ward", "view": "trend", "measure": "value"}, cat)
    assert problems == [] and shown.goal == 16 and shown.indicator == "16-1-4-ward"
    # a goal the address names is kept, and the indicator outside it still said
    other, said = state.parse({"goal": "2", "indicator": "16-1-4-ward"}, cat)
    assert other.goal == 2 and other.indicator is None and said


@pytest.mark.realdata
def test_a_labelled_store_s_years_are_read_from_the_small_table_written_at_import(bristol, monkeypatch):
    """Bristol's values do carry year labels, so the statistics cannot say "none": the import
    writes each (indicator, year, label) once beside the version, and a worker reads that instead
    of three columns of every observation (25 M rows in a national store of financial years)."""
    import pyarrow.parquet as pq

    from loaders import serving

    served, memory = bristol
    folder = served.tables.folder
    scanned = serving.year_labels_of(pq.ParquetFile(folder / "observations.parquet"))
    assert (folder / serving.FINE / f"{serving.YEAR_LABELS}.parquet").is_file()
    served.__dict__.pop("_year_labels", None)

    def refused(*_args, **_kwargs):
        raise AssertionError("a row group of the observations was read")

    monkeypatch.setattr(pq.ParquetFile, "read_row_group", refused)
    found = served.year_labels()

    def triples(frame):
        return set(map(tuple, frame.astype(str).to_numpy()))

    assert triples(found) == triples(scanned) == triples(memory.year_labels())
    assert ("16-1-4-ward", "2021", "2020-21") in triples(found)
    assert years.of_indicators(served, 2021, ["16-1-4-ward"]) == "2020-21"


def test_bristol_s_scatter_leaves_the_city_out_of_its_wards_as_the_ranking_does(bristol):
    """Explore's scatter of Bristol's wards drew the city as a 35th point among its 34 wards ("35
    places have values for both ...") beside a ranking of 34 that names it apart."""
    from views.explore import build, rows
    from views.explore import state as explore_state

    served, _memory = bristol
    cat = explore_state.context(served)
    asked = {"goal": "16", "indicator": "16-1-4-ward", "measure": "value", "year": "2021"}
    ranking = rows.filtered_frame(served, cat, explore_state.parse({**asked, "view": "ranking"}, cat)[0])
    state = explore_state.parse({**asked, "view": "scatter", "x": "16-1-4-ward", "y": "11-1-1-c"}, cat)[0]
    scatter = build.build(served, state, cat)
    drawn = rows.filtered_frame(served, cat, state)
    assert len(drawn) == len(ranking) == 34 and "gbr-bristol" not in set(drawn["place_id"])
    assert sum(len(trace.x) for trace in scatter.figure.data) == 34
    assert scatter.summary.startswith("34 places have values for both ")
    city = served.select("indicator_scores", place_id="gbr-bristol", year=2021,
                         indicator_id=["16-1-4-ward", "11-1-1-c"]).set_index("indicator_id")["value"]
    across, up = (f"{city[i]:.1f} %" for i in ("16-1-4-ward", "11-1-1-c"))
    assert f"Bristol as a whole ({across} across, {up} up) is not drawn among its own districts." \
        in scatter.summary
    chosen = explore_state.parse({**asked, "view": "scatter", "x": "16-1-4-ward", "y": "11-1-1-c",
                                  "places": "gbr-bristol"}, cat)[0]
    assert list(rows.filtered_frame(served, cat, chosen)["place_id"]) == ["gbr-bristol"]  # as chosen


def test_bristol_s_scatter_says_the_years_its_values_come_from(bristol):
    """Explore's scatter of Bristol's wards in 2021 drew broadband access of 2020 against feeling
    safe in 2020-21 and said nothing of either; its rows had no year of their values, which the
    ranking's have (`value_year`). Now each axis' years are columns after the old ones, written as
    the source wrote them in the table, and said as the ranking says them."""
    from views.explore import build, rows
    from views.explore import state as explore_state

    served, _memory = bristol
    cat = explore_state.context(served)
    state = explore_state.parse({"view": "scatter", "year": "2021", "x": "16-1-4-ward",
                                 "y": "9-c-1-access-to-mobile-broadband-at-home"}, cat)[0]
    frame = rows.filtered_frame(served, cat, state)
    assert list(frame.columns[-4:]) == ["16-1-4-ward", "9-c-1-access-to-mobile-broadband-at-home",
                                        "x_value_year", "y_value_year"]
    assert set(frame["x_value_year"]) == {2021} and set(frame["y_value_year"]) == {2020}  # the API's numbers
    view = build.build(served, state, cat)
    assert "Each place's latest values up to 2021 are shown, from 2020 and 2020-21." in view.summary
    assert set(view.table.rows["Value from (across)"]) == {"2020-21"}
    assert set(view.table.rows["Value from (up)"]) == {"2020"}
    same = explore_state.parse({"view": "scatter", "year": "2021", "x": "16-1-4-ward", "y": "11-1-1-c"},
                               cat)[0]
    said = build.build(served, same, cat).summary
    assert "Each place's latest values up to 2021 are shown, from 2020-21." in said


def test_bristol_s_district_map_writes_a_percent_by_its_sign(bristol):
    """The wards' colour bar read "Value (Percentage (%)), darker = higher" where the city page
    writes "62.87 %" (`texts.short_unit`)."""
    from views import city as city_view

    served, _memory = bristol
    for indicator in ("16-1-4-ward", "16-7-2-a-ward"):  # "Percentage (%)" and "%" in the source
        district = city_view.districts(served, city_view.State("gbr-bristol", 2021, indicator))
        assert district.figure.data[0].colorbar.title.text == "Value (%), darker = higher"
    with i18n.use("fr"):
        district = city_view.districts(served, city_view.State("gbr-bristol", 2021, "16-1-4-ward"))
        assert "(%)" in district.figure.data[0].colorbar.title.text


def test_a_column_of_years_stays_on_one_line_where_one_is_a_period():
    assert years.periods("Year", ["2019", "2020-21"]) == ("Year",)
    assert years.periods("Year", ["2012/13"]) == ("Year",)
    assert years.periods("Year", ["2019", "2020"]) == ()  # sent as before


@pytest.mark.realdata
def test_bristol_s_district_and_trend_tables_keep_a_period_on_one_line(bristol):
    """The district map's table of Bristol's wards (and the city trend's table) broke "2020-21" after
    its hyphen in the narrow Year column, where the goals' and Explore's tables keep it whole."""
    from layouts import tables
    from views import city as city_view

    served, _memory = bristol
    state = city_view.State("gbr-bristol", 2021, "16-1-4-ward")
    for view in (city_view.districts(served, state), city_view.trend(served, state)):
        assert view.table.nowrap == ("Year",)
        payload = tables.table_data(view.table.rows, "t", view.table.links, nowrap=view.table.nowrap)
        first_row = tables.table_tree(payload)[2][4][2]
        year = payload["columns"].index("Year")
        assert first_row[year + 2][2][:2] == ["span", {"className": "text-nowrap"}]


def test_a_period_in_a_sentence_is_kept_on_one_line():
    """A browser ended a line after the hyphen of "2020-21" ("2020-" / "21" on a 375 px phone); a
    span keeps the text as written (find-in-page and copy meet "2020-21", not "2020\u201121")."""
    from dash import html

    from dashboard.embed.markup import unbroken
    from layouts import bootstrap

    said = "from 2020 to 2020-21 (2012/13, 2013\u20132017; id 12345-678)"
    assert years.runs(said) == [("from 2020 to ", False), ("2020-21", True), (" (", False), ("2012/13", True),
                                (", ", False), ("2013\u20132017", True), ("; id 12345-678)", False)]
    kept = bootstrap.unbroken("in 2020-21.")
    assert kept[1].to_plotly_json() == html.Span("2020-21", className="text-nowrap").to_plotly_json()
    assert bootstrap.unbroken("in 2021.") == ["in 2021."]
    assert unbroken("a < 2020-21") == 'a &lt; <span class="text-nowrap">2020-21</span>'


def test_a_view_s_heading_and_summary_keep_a_period_on_one_line():
    from dashboard import chrome
    from tests.components import text
    from views.base import View

    view = View("Safe, 2017-18 to 2020-21", "62.87 in 2020-21.", None, "/", subtitle="of 2020-21")
    title, subtitle = chrome.heading_parts(view)
    assert [type(c).__name__ for c in title.children] == ["str", "Span", "str", "Span"]
    assert subtitle.children[1].className == "text-nowrap"
    assert chrome.summary_parts(view)[1].children == "2020-21"
    assert text(title).split() == ["Safe,", "2017-18", "to", "2020-21"]


def test_the_static_site_keeps_a_period_as_the_server_does():
    """static_site.js writes a state's title and summary with the pattern of `years.PERIOD`."""
    from dashboard.paths import STATIC_DIR

    script = (STATIC_DIR / "static_site.js").read_text(encoding="utf-8")
    after = years.PERIOD.pattern.removeprefix("(?<!\\d)")  # no lookbehind there: old Safari fails on it
    assert f"var PERIOD = /{after.replace('/', chr(92) + '/')}/g;" in script


@pytest.mark.realdata
def test_bristol_s_periods_stay_on_one_line_in_titles_and_sentences(bristol_store, monkeypatch):
    """On a 375 px phone Explore's trend of Bristol's wards was titled "... 2017-18 to 2020-" / "21",
    the Spanish city page's goals heading "... (de 2020 a 2020-" / "21)" and its district map
    "..., por distrito, 2020-" / "21"; the live page, the embed and the first picture keep each
    period in a text-nowrap span."""
    from dashboard.app import create_app
    from dashboard.first_paint import default_view, picture
    from tests.components import page_module, walk

    monkeypatch.setenv("CITY_SDG_STORE", str(bristol_store))
    client = create_app(str(bristol_store)).server.test_client()
    kept = '<span class="text-nowrap">2020-21</span>'
    embed = client.get("/embed/city-districts?place=gbr-bristol").get_data(as_text=True)
    assert f"<h1>Bristol: Percentage satisfied with their local area, by district, {kept}</h1>" in embed
    assert f"from {kept}." in embed
    # inside the app's request, as a page is built (outside one, the store is whichever version
    # this process read first: the demo's when this test ran alone)
    with client.application.test_request_context("/city/gbr-bristol?lang=es"), i18n.use("es"):
        tree = page_module("/city/none").layout(place_id="gbr-bristol")
    heading = next(n for n in walk(tree) if type(n).__name__ == "H2" and "17" in str(n.children))
    assert heading.children[-1].children == "2020-21" and heading.children[-1].className == "text-nowrap"
    explore = page_module("/explore")
    from views.explore import state as explore_state

    with client.application.test_request_context("/explore"):
        store, cat = explore.current()
        asked = {"goal": "16", "indicator": "16-1-4-ward", "measure": "value", "view": "trend"}
        state = explore_state.parse(asked, cat)[0]
        card, _summary = explore.render(store, cat, state)
    spans = [n.children for n in walk(card) if getattr(n, "className", None) == "text-nowrap"]
    assert spans[:2] == ["2017-18", "2020-21"]  # the title's
    with client.application.test_request_context("/city/gbr-bristol"):
        first = picture(default_view("/city/gbr-bristol", {}))
    assert f"scored on values of 2020 and {kept}</h1>" in first


def test_a_city_trend_is_titled_with_the_years_it_draws():
    from views import city as city_view

    drawn = Years.of_rows(pd.Series([2018, 2021]), pd.Series(["2017-18", "2020-21"]))
    assert city_view.trend_title("Bristol", "Feel safe", drawn) == "Bristol: Feel safe, 2017-18 to 2020-21"
    plain = Years(2015, 2025)
    assert city_view.trend_title("Nairobi", "PM2.5", plain) == "Nairobi: PM2.5, 2015\u20132025"
    assert city_view.trend_title("Nairobi", "PM2.5", Years()) == "Nairobi: PM2.5"  # nothing drawn


@pytest.mark.realdata
def test_bristol_s_trend_embed_and_its_frame_are_titled_with_its_years(bristol_store, monkeypatch):
    """The city-trend embed of Bristol's wards feeling safe was headed, and its frame titled,
    "Bristol: Percentage who feel safe outdoors after dark: Ward", with no year of the 2017-18 to
    2020-21 it draws."""
    import re

    from dashboard.app import create_app

    monkeypatch.setenv("CITY_SDG_STORE", str(bristol_store))
    client = create_app(str(bristol_store)).server.test_client()
    page = client.get("/embed/city-trend?place=gbr-bristol&indicator=16-1-4-ward").get_data(as_text=True)
    heading = "Bristol: Percentage who feel safe outdoors after dark: Ward, 2017-18 to 2020-21"
    assert re.search(r"<title>([^<]*)</title>", page).group(1) == f"{heading} · City SDG Dashboard"
    assert ('<h1>Bristol: Percentage who feel safe outdoors after dark: Ward, <span class="text-nowrap">'
            '2017-18</span> to <span class="text-nowrap">2020-21</span></h1>') in page
    pupils = client.get("/embed/city-trend?place=gbr-bristol&indicator=4-2-1").get_data(as_text=True)
    assert "(EYFSP), 2012/13 to 2018/19 · City SDG Dashboard</title>" in pupils


def test_a_picture_s_long_title_takes_more_lines_and_keeps_a_period_whole():
    """Bristol's trend of pupils' early learning, titled with its years, ran past the PNG's 960 px
    edge at "...early years f"; wrapped, the title keeps "2020-21" on one of its lines."""
    import plotly.graph_objects as go

    from dashboard.embed import static

    title = "Bristol: " + "x" * 82 + " 2020-21 to 2021-22"  # "2020-21" straddles the 95th character
    picture = static.captioned(go.Figure(), title, "Source: Bristol.")
    lines = picture.layout.title.text.split("<br>")
    assert lines == ["Bristol: " + "x" * 82, "2020-21 to 2021-22"]
    assert picture.layout.margin.t == 80 + static.TITLE_LINE
    assert static.captioned(go.Figure(), "Ranking", "s").layout.title.text == "Ranking"


def test_a_tree_keeps_its_periods_whole():
    """The words a page builds as a tree (a goal table's "fell from 2017-18 to 2020-21", a
    breakdown's year headers, a table's caption) keep each period in a text-nowrap span."""
    from layouts.tables import table_tree

    kept = ["span", {"className": "text-nowrap"}, "2020-21"]
    assert years.kept_whole("fell from 2017-18 to 2020-21") == [
        "fell from ", ["span", {"className": "text-nowrap"}, "2017-18"], " to ", kept]
    assert years.kept_whole("2021") == ["2021"] and years.kept_whole("") == []
    payload = {"caption": "Safe, 2019-20 and 2020-21", "columns": ["Ward", "2020-21"], "rows": [["A", "1"]],
               "links": {}, "note": ""}
    tree = table_tree(payload)
    table = tree[2]
    period = ["span", {"className": "text-nowrap"}, "2019-20"]
    assert table[2] == ["caption", {}, "Safe, ", period, " and ", kept]
    assert table[3][2][3] == ["th", {"scope": "col"}, kept]


def test_a_goal_table_keeps_its_value_s_direction_whole():
    from layouts.indicator_tables import indicator_tree

    history = pd.Series([10.0, 8.0], index=pd.Index([2019, 2021], name="year"))
    row = {"goal": 16, "target": "16.1", "name": "Safe", "name_language": "en", "value": 8.0, "unit": "",
           "value_year": 2021, "colour": "grey", "arrow": None, "history": history, "target_value": None,
           "year_texts": {2019: "2018-19", 2021: "2020-21"}}
    headers = ["Indicator", "Value", "Year", "Rating", "Trend", "History", "Target", "Projects"]
    with i18n.use("en"):
        tree = indicator_tree(16, [row], headers, "x", {}, {"rating": {}, "trend": {}}).tree
    smalls = []

    def find(node):
        if isinstance(node, list):
            if node[:1] == ["small"]:
                smalls.append(node)
            for child in node:
                find(child)

    find(tree)
    assert smalls == [["small", {}, "value ↘ fell from ", ["span", {"className": "text-nowrap"}, "2018-19"],
                       " to ", ["span", {"className": "text-nowrap"}, "2020-21"]]]


def test_tables_drawn_in_the_browser_keep_a_period_as_the_server_does():
    from dashboard.paths import ASSETS_DIR

    script = (ASSETS_DIR / "tables.js").read_text(encoding="utf-8")
    after = years.PERIOD.pattern.removeprefix("(?<!\\d)")
    assert f"const PERIOD = /{after.replace('/', chr(92) + '/')}/g;" in script


def test_the_goals_heading_says_the_years_the_scores_values_are_from():
    """Where the values behind the goals' scores reach the year chosen, the heading names their
    years as written, with no 'up to' a year none of them is written as; where they stop before it,
    that they are the latest up to it."""
    heading = summaries.goals_heading
    with i18n.use("en"):
        assert heading(2021, Years(2020, 2021, "2020", "2020-21")) == \
            "The 17 goals, scored on values of 2020 and 2020-21"
        assert heading(2021, Years(2021, 2021, "2020-21", "2020-21")) == \
            "The 17 goals, scored on values of 2020-21"
        assert heading(2021, Years(2015, 2021)) == "The 17 goals, scored on values from 2015 to 2021"
        assert heading(2021, Years(2019, 2021, "2019", "2020-21")) == \
            "The 17 goals, scored on values from 2019 to 2020-21"
        assert heading(2017, Years(2017, 2017)) == "The 17 goals in 2017"  # Baltimore's
        assert heading(2023, Years(2015, 2021)) == \
            "The 17 goals, latest values up to 2023 (from 2015 to 2021)"
    with i18n.use("es"):
        assert heading(2021, Years(2020, 2021, "2020", "2020-21")) == \
            "Los 17 objetivos, puntuados con valores de 2020 y de 2020-21"
    with i18n.use("fr"):
        assert heading(2021, Years(2020, 2021, "2020", "2020-21")) == \
            "Les 17 objectifs, notés d'après des valeurs de 2020 et de 2020-21"
