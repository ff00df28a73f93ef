"""What a review of real use found (session 28): real folders that hold one index twice, sources
that state no direction, index reasons, the source's ratings when this dashboard rates nothing,
comparisons an address asks for, a country's page, oEmbed of a missing place and a failed page."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.cli import main
from layouts import as_published, breakdowns, summaries, texts
from layouts.place_facts import IndexFacts, city_facts
from layouts.year_spans import Years
from loaders.scoring.normalise import directions, named_lower
from tests.components import find, page_module, text, walk
from tests.conftest import REALDATA


def city_page_module():
    return page_module("/city/none")


# --- directions -------------------------------------------------------------------------------


def test_a_name_tells_the_direction_only_where_nothing_else_does():
    meta = pd.DataFrame({
        "name": ["% households which have experienced severe food insecurity",
                 "Homelessness statistics (Rough Sleeper snapshot by year)",
                 "Percentage who feel safe outdoors after dark: Deprivation",
                 "Wastewater treatment (% of wastewater)", "LGBT inclusion in hate crime laws",
                 "Infant mortality rate", "Infant mortality rate", "Access to broadband"],
        "direction": [None, None, None, None, None, "higher", None, None],
        "best": [None, None, None, None, None, None, 0.0, None],
        "worst": [None, None, None, None, None, None, 50.0, None],
    }, dtype=object).astype({"best": float, "worst": float})
    direction, source = directions(meta)
    assert direction.tolist() == ["lower", "lower", "higher", "higher", "higher", "higher", "lower",
                                  "higher"]
    assert source.tolist() == ["name", "name", "assumed", "assumed", "assumed", "metadata", "bounds",
                               "assumed"]
    real = {  # SDG and city indicator names, and which way is better
        "Mortality rate attributed to unsafe water, unsafe sanitation and lack of hygiene": True,
        "Proportion of untreated wastewater": True,
        "Proportion of municipal solid waste collected and managed in controlled facilities": False,
        "Proportion of population with access to electricity": False,
        "Smoke-free homes": False,
        "Singapore Index on Cities' Biodiversity": False,
        "Proportion of urban population living in slums": True,
        "Proportion of women subjected to violence": True,
        "Youth not in employment, education or training": True,
        "Emissions avoided by renewable energy": False,
        "Protected areas": False,
        "Unemployment rate": True,
        # read the wrong way round before (Nepal's and Los Angeles' Open SDG sites, SDSN's US states
        # and Bolivia atlas): Louisiana's 1,527 prisoners per 100,000 scored 100, Massachusetts' 422 0
        "Incarceration rate": True,
        "Low-income energy burden": True,
        "Contraceptive deserts": True,
        "Unsatisfied basic needs (% of population)": True,
        "Households that do not have a toilet, bathroom or latrine (%)": True,
        "Overcrowding rate (% of households)": True,
        "Proportion of children moderately or severely stunted [2.2.1]": True,
        "Proportion of children moderately or severely overweight [2.2.2]": True,
        "Number of new HIV infections per 1,000 uninfected population": True,
        "Age-standardized prevalence of current tobacco use among persons aged 15 years and older": True,
        "Alcohol per capita consumption (aged 15 years and older)": True,
        "Proportion of women aged 20-24 years who were married or in a union before age 18": True,
        "Proportion and number of children aged 5–17 years engaged in child labour": True,
        "Proportion of informal employment in total employment, by sector and sex": True,
        "Proportion of youth (aged 15–24 years) not in education, employment or training": True,
        "Proportion of children aged 1–17 years who experienced any physical punishment": True,
        "Proportion of population with large household expenditures on health": True,
        "Percentage satisfied with their local area": False,
        "Coverage of treatment interventions for substance use disorders": False,
        "Infection prevention and control programmes": False,
        "Proportion of births attended by skilled health personnel": False,
    }
    assert dict(zip(real, named_lower(pd.Series(list(real))).tolist(), strict=True)) == real
    # only the words before a first ": " count: after it, Open SDG names a breakdown
    found = named_lower(pd.Series(["Gender wage gap: by age", "Feel safe: Deprivation"]))
    assert found.tolist() == [True, False]


def test_names_in_spanish_and_french_and_losses_to_disasters_say_which_way_is_better():
    """A city's own file in its language ('Tasa de desempleo' was scored as if more unemployment were
    better), and the UN's FIS4SDGs city files, whose disaster deaths, damaged dwellings and economic
    losses were all scored as if more were better."""
    real = {
        "Number of people affected by disaster (number)": True,
        "Number damaged dwellings attributed to disasters, by hazard type (number)": True,
        "Direct economic loss attributed to disasters relative to GDP (%)": True,
        "Number of injured or ill people attributed to disasters (number)": True,
        "Number of missing persons due to disaster (number)": True,
        "Annual mean levels of fine particulate matter in cities (micrograms per cubic meter)": True,
        "Proportion of local governments that adopt local disaster risk reduction strategies (%)": False,
        "Adult illiteracy rate": True,
        "Tasa de desempleo": True,
        "Tasa de mortalidad infantil": True,
        "Población en situación de pobreza (%)": True,
        "Inseguridad ciudadana: denuncias por cada 1.000 habitantes": True,
        "Aguas residuales no tratadas (%)": True,
        "Cobertura de recolección de residuos sólidos (%)": False,
        "Porcentaje de aguas residuales tratadas": False,
        "Acceso a agua potable": False,
        "Percepción de seguridad en el barrio": False,
        "Taux de chômage des jeunes": True,
        "Prévalence de l'insécurité alimentaire (%)": True,
        "Taux de mortalité maternelle": True,
        "Femmes de 20 à 24 ans mariées ou en union avant l'age de 18 ans (%)": True,
        "Eaux usées non traitées (%)": True,
        "Taux de traitement des déchets (%)": False,
        "Taux net de scolarisation dans le primaire (%)": False,
        "Population ayant accès à l'électricité (%)": False,
    }
    assert dict(zip(real, named_lower(pd.Series(list(real))).tolist(), strict=True)) == real


@pytest.fixture(scope="module")
def bristol(tmp_path_factory):
    """Bristol's Open SDG site imported (its wards, boundaries and report)."""
    folder = REALDATA / "bristol-opensdg"
    if not folder.is_dir():
        pytest.skip("real data folder is absent")
    root = tmp_path_factory.mktemp("bristol")
    store = root / "store"
    assert main(["import", str(folder), "--store", str(store), "--report", str(root / "r.csv")]) in (0, 1)
    return store


@pytest.mark.realdata
def test_an_open_sdg_site_scores_food_insecurity_lower_is_better_and_the_import_warns(bristol):
    store, tmp_path = bristol, bristol.parent
    version = (store / "CURRENT").read_text().strip()
    bounds = pd.read_parquet(store / "versions" / version / "bounds.parquet")
    indicators = pd.read_parquet(store / "versions" / version / "indicators.parquet")
    named = bounds.merge(indicators[["indicator_id", "name"]], on="indicator_id")
    insecure = named[named["name"].str.contains("food insecurity")]
    assert len(insecure) == 2 and set(insecure["direction"]) == {"lower"}
    assert set(insecure["direction_source"]) == {"name"}
    report = pd.read_csv(tmp_path / "r.csv")
    warned = report[(report["column"] == "direction") & (report["severity"] == "warning")]
    assert len(warned) == len(named[named["direction_source"].isin(["name", "assumed"])]) > 0
    assert warned["reason"].str.contains("states no direction").all()
    # the ward with the most food insecurity no longer has the best score for goal 2
    scores = pd.read_parquet(store / "versions" / version / "indicator_scores.parquet")
    observed = scores[scores["indicator_id"].isin(insecure["indicator_id"])].dropna(subset=["value", "score"])
    worst = observed.loc[observed.groupby("indicator_id")["value"].idxmax()]
    best = observed.loc[observed.groupby("indicator_id")["value"].idxmin()]
    assert (worst["score"].to_numpy() < best["score"].to_numpy()).all()


# --- one index read twice ----------------------------------------------------------------------


@pytest.mark.realdata
def test_a_folder_with_one_index_as_csv_and_json_keeps_each_rating_once(tmp_path, monkeypatch):
    folder = REALDATA / "sdsn-european-cities-sdg-index" / "public" / "data"
    if not folder.is_dir():
        pytest.skip("real data folder is absent")
    store = tmp_path / "store"
    assert main(["import", str(folder), "--store", str(store)]) in (0, 1)
    version = (store / "CURRENT").read_text().strip()
    published = pd.read_parquet(store / "versions" / version / "published_goal_scores.parquet")
    assert not published.duplicated(["place_id", "goal", "year"]).any()
    from dashboard import data
    from dashboard.app import create_app
    from views import city as city_view
    from views import map as map_view

    monkeypatch.setenv("CITY_SDG_STORE", str(store))
    app = create_app(str(store))
    city_page = city_page_module()
    with app.server.test_request_context("/"):
        current = data.current()
        places = city_view.context(current).mapped
        said = []
        for place in places:  # every city page rendered (each was a 500)
            shown = text(city_page.page(current, place, {}))
            said += [int(n) for n in re.findall(r"ratings? for (\d+) goals?", shown)]
        assert said and max(said) <= 17
        state, _problems = map_view.parse({"goal": "3"}, current)
        summary = map_view.build(current, state).summary
        count = int(re.search(r"ratings for (\d+) places", summary).group(1))
        assert count <= len(places)
        # one year (2019): the year is written once beside a still thumb, not offered as a choice of one
        home = page_module("/")
        year = find(home.layout(goal="3"), home.Ids.YEAR)
        assert year.min == year.max == 2019 and year.disabled and year.marks == []


def test_agreement_counts_a_key_published_twice_once_and_says_when_nothing_is_rated():
    published = pd.DataFrame({"place_id": ["a", "a", "b"], "goal": [1, 1, 1], "year": [2020] * 3,
                              "colour": ["red", "red", "green"]})
    computed = pd.DataFrame({"place_id": ["a", "b"], "goal": [1, 1], "year": [2020] * 2,
                             "colour": ["red", "grey"]})
    found = as_published.agreement(published, computed, ["place_id", "goal", "year"])
    assert (found.published, found.agree, found.rated) == (2, 1, 1)
    assert summaries.agreement_sentence(found, "places") == (
        "The source publishes its own ratings for 2 places; this dashboard rates 1 of them too and "
        "agrees on 1.")
    keys = ["place_id", "goal", "year"]
    unrated = as_published.agreement(published, computed.assign(colour=[None, "grey"]), keys)
    assert unrated.rated == 0
    assert summaries.agreement_sentence(unrated, "goals") == (
        "The source publishes its own ratings for 2 goals; this dashboard rates none of them here, so "
        "the two cannot be compared.")
    every = as_published.agreement(published, computed.assign(colour=["red", "red"]), keys)
    assert summaries.agreement_sentence(every, "goals") == (
        "The source publishes its own ratings for 2 goals; this dashboard's recomputation agrees on 1.")


# --- why there is no index --------------------------------------------------------------------


def test_no_index_names_the_rule_that_fails():
    goals_only = IndexFacts(None, None, 0, shown=False, goals_with_data=4, indicators=6, available=6,
                                  required=0.8, min_goals=9)
    assert summaries.index_sentence(goals_only) == (
        "No SDG Index: 4 of 17 goals have a score; the method needs at least 9 (the coverage of its "
        "indicators, 6 of the index's 6 with a score, is enough).")
    both = IndexFacts(None, None, 0, shown=False, goals_with_data=4, indicators=10, available=5,
                            required=0.8, min_goals=9)
    assert summaries.index_sentence(both) == (
        "No SDG Index: 4 of 17 goals have a score, and 5 of 10 indicators (50%) have a score; the method "
        "needs at least 9 goals and 80%.")
    indicators_only = IndexFacts(None, None, 0, shown=False, goals_with_data=12, indicators=10,
                                       available=5, required=0.8, min_goals=9)
    assert summaries.index_sentence(indicators_only).endswith("(50%); the method needs 80%.")


@pytest.mark.realdata
def test_bristol_is_told_it_has_too_few_goals_not_too_few_indicators(monkeypatch, bristol):
    from dashboard import data
    from dashboard.app import create_app

    monkeypatch.setenv("CITY_SDG_STORE", str(bristol))
    app = create_app(str(bristol))
    city_page = city_page_module()
    with app.server.test_request_context("/"):
        shown = text(city_page.page(data.current(), "gbr-bristol", {}))
        home = page_module("/")
        shown_home = home.layout()
        zooms = [o["value"] for o in find(shown_home, home.Ids.REGION).options]
        column = next(node for node in walk(shown_home) if any(
            getattr(child, "id", None) == home.Ids.REGION for child in getattr(node, "children", None) or []
            if not isinstance(child, str)))
    assert zooms == ["world", "europe"]  # no empty map of Africa offered to a city's wards
    assert "d-none" not in column.className.split()  # two choices: the control is shown
    assert "No SDG Index: too few goals with a score" in shown
    assert "too few indicators" not in shown
    assert re.search(r"the method needs at least 9 \(the coverage of its indicators, (\d+) of the index's \1 "
                     r"with a score, is enough\)", shown)


@pytest.mark.realdata
def test_a_goal_that_no_place_scores_because_no_indicator_has_bounds_says_why(bristol):
    """Bristol's Goal 4 is one indicator (4.2.1) with values for the city alone: one place's values
    give no best and worst, so no place has a score in any year, and its map said only that."""
    from loaders.serving.served import read_served
    from loaders.store import Store
    from views import map as map_view

    served = Store(str(bristol))
    served = read_served(served, served.current_version())
    assert map_view.unbounded(served, 4) == 1 and map_view.unbounded(served, 2) == 0
    state, _problems = map_view.parse({"goal": "4", "year": "2021"}, served)
    assert map_view.build(served, state, with_table=False).summary == (
        "No place has a score for Goal 4: Quality education in 2021. Its only indicator has no score in this "
        "data: scoring needs a best and a worst value, which neither the source states nor the spread of "
        "places' values gives.")
    state, _problems = map_view.parse({"goal": "2", "year": "2021"}, served)
    assert "scoring needs a best" not in map_view.build(served, state, with_table=False).summary


# --- the city page's address and a country's page ---------------------------------------------


def test_a_comparison_says_why_each_place_is_left_out(app):
    from dashboard import data
    from views import city

    with app.server.test_request_context("/"):
        state, problems = city.parse({"place": "ken-nairobi", "compare": "afg,zzz,ken-nairobi,uga-kampala"},
                                     data.current())
        assert state.compare == ("uga-kampala",)
        assert problems == [
            "Nairobi is not compared with itself.",
            "Only cities and districts are compared side by side, so Afghanistan is left out.",
            "The address asks to compare with zzz, which is not in this data; it is left out."]
        mapped = [p for p in city.context(data.current()).mapped if p != "ken-nairobi"][:5]
        named = city.context(data.current()).places["name"]
        state, problems = city.parse({"place": "ken-nairobi", "compare": ",".join(mapped)}, data.current())
        assert state.compare == tuple(mapped[:3])
        assert problems == [f"Up to 3 places are compared side by side; the others ({named[mapped[3]]} and "
                            f"{named[mapped[4]]}) are left out."]


def test_a_country_without_scores_leads_to_its_places(app):
    from dashboard import data
    city_page = city_page_module()

    with app.server.test_request_context("/"):
        shown = text(city_page.page(data.current(), "afg", {}))
    assert "Afghanistan is a country: see its cities and districts in Explore" in shown
    assert "Indicators by goal" not in shown and "Open a goal" not in shown


# --- embeds and errors --------------------------------------------------------------------------


def test_oembed_of_a_place_the_data_does_not_have_is_a_404(app):
    client = app.server.test_client()
    answer = client.get("/oembed?url=http://localhost/city/nope&format=json")
    assert answer.status_code == 404 and "nope" in answer.get_json()["error"]["message"]
    assert client.get("/oembed?url=http://localhost/city/ken-nairobi&format=json").status_code == 200


@pytest.fixture
def broken_city_page(app, monkeypatch):
    """The demo app whose city pages all fail, as one whose data has a fault."""
    def broken(*_args):
        raise RuntimeError("secret internals")

    city_page = city_page_module()
    monkeypatch.setattr(city_page, "page", broken)
    return city_page


def test_a_page_that_fails_is_an_html_page_for_a_browser_and_json_for_a_script(app, broken_city_page):
    client = app.server.test_client()
    browser = client.get("/city/ken-nairobi?indicator=unasked-1", headers={"Accept": "text/html,*/*;q=0.8"})
    shown = browser.get_data(as_text=True)
    assert browser.status_code == 500 and browser.mimetype == "text/html"
    assert "This page could not be shown" in shown and "secret" not in shown
    assert re.search(r'<a href="/(\?lang=en)?">Back to the map</a>', shown)
    for accept in ("application/json", "*/*", "application/json, text/plain, */*"):  # scripts, curl, axios
        script = client.get(f"/city/ken-nairobi?indicator=unasked-{len(accept)}", headers={"Accept": accept})
        assert script.status_code == 500 and script.get_json()["error"]["status"] == 500


def test_the_demo_offers_every_zoom_and_the_about_page_states_the_index_rule(app):
    with app.server.test_request_context("/"):
        home = page_module("/")
        zooms = [o["value"] for o in find(home.layout(), home.Ids.REGION).options]
        about = text(page_module("/about").layout())
    assert zooms == ["world", "africa", "americas", "asia", "europe", "oceania"]
    assert ("only when it has data for at least 80% of the index's indicators and scores for at least 9"
            in about)


def test_a_fault_in_the_first_city_page_neither_fails_health_nor_the_callbacks_check(app, broken_city_page):
    city_page = broken_city_page
    client = app.server.test_client()
    assert client.get("/healthz").status_code == 200
    checked = set()

    def collect(node) -> None:
        if isinstance(node, list | tuple):
            for child in node:
                collect(child)
        elif hasattr(node, "to_plotly_json"):
            checked.add(str(getattr(node, "id", None)))
            collect(getattr(node, "children", None))

    collect(app.validation_layout)
    named = {value for key, value in vars(city_page.Ids).items() if not key.startswith("_")}
    assert named <= checked


def test_a_city_page_part_on_lists_keeps_pandas_answers_for_missing_cells():
    from layouts import indicator_rows

    goals = pd.DataFrame({"goal": [1, 2, 3], "score": [40.0, 55.0, None],
                          "colour": pd.array(["red", pd.NA, "green"], dtype="string"),
                          "arrow": pd.array(["on_track", None, "decreasing"], dtype="string")})
    known = city_facts("Ames", goals, None, 2020, Years())
    assert (known.red, known.goals_scored, known.with_trend, known.on_track) == (1, 2, 2, 1)
    assert known.worst == (1, 40.0) and known.best == (2, 55.0)
    scores = pd.DataFrame({"indicator_id": ["b", None, "a", "b", "c"], "goal": pd.array([1, 1, 1, 1, None]),
                           "year": [2019, 2019, 2020, 2020, 2018]})
    # as the sort and drop of duplicates did: latest of each id, by goal then id, missing ones last
    assert indicator_rows.latest_rows(scores, 2020) == [2, 3, 1, 4]
    assert indicator_rows.latest_rows(scores, 2019) == [0, 1, 4]
    assert indicator_rows.latest_rows(scores.astype({"indicator_id": "category"}), 2020) == [2, 3, 1, 4]


# --- indicator metadata beside any import -------------------------------------------------------


def test_indicator_metadata_is_checked_row_by_row(tmp_path):
    from loaders import indicator_meta
    from loaders.bundle import Bundle
    from loaders.report import ImportReport

    path = tmp_path / "meta.csv"
    path.write_text("indicator_id,Direction,best,worst,green_threshold,goal,colour\n"
                    "a,lower,0,50,10,2,x\n"          # line 2: kept
                    "b,sideways,,,,,\n"              # 3: a bad direction
                    ",higher,,,,,\n"                 # 4: no id
                    "c,higher,100,100,,,\n"          # 5: equal bounds
                    "d,,\"12,5\",n/a,,,\n"           # 6: a decimal comma is read; 'n/a' is no number
                    "e,higher,,,,18,\n"              # 7: no such goal
                    "a,lower,0,40,10,2,\n"           # 8: replaces line 2
                    "zz,higher,,,,,\n", encoding="utf-8")  # 9: not in the import
    report = ImportReport()
    meta = indicator_meta.read(path, report)
    first, last = meta.to_dict("records")
    assert first == {"indicator_id": "a", "direction": "lower", "best": 0.0, "worst": 40.0,
                     "green_threshold": 10.0, "goal": 2}
    assert last["indicator_id"] == "zz" and last["direction"] == "higher"
    assert all(pd.isna(last[field]) for field in ("best", "worst", "green_threshold", "goal"))
    rejected = {(i["line"], i["column"]) for i in report.issues if i["severity"] == "rejected"}
    assert rejected == {(3, "direction"), (4, "indicator_id"), (5, "worst"), (6, "worst"), (7, "goal")}
    warned = " ".join(i["reason"] for i in report.issues if i["severity"] == "warning")
    assert "column 'colour' is not an indicator field" in warned and "given again" in warned
    bundle = Bundle()
    bundle.indicators = pd.DataFrame({"indicator_id": ["a", "b"], "direction": [None, "higher"],
                                      "best": [None, 1.0], "goal": [1, 1]})
    indicator_meta.apply(bundle, meta, path, report)
    a, b = bundle.indicators.to_dict("records")
    assert a == {"indicator_id": "a", "direction": "lower", "best": 0.0, "goal": 2, "worst": 40.0,
                 "green_threshold": 10.0}
    assert (b["direction"], b["best"], b["goal"]) == ("higher", 1.0, 1)  # blank cells keep the source's
    assert pd.isna(b["worst"]) and pd.isna(b["green_threshold"])
    assert "'zz' is not among this import's indicators" in " ".join(i["reason"] for i in report.issues)


@pytest.mark.realdata
def test_an_open_sdg_site_gets_its_directions_and_thresholds_from_a_file(tmp_path, bristol):
    version = (bristol / "CURRENT").read_text().strip()
    indicators = pd.read_parquet(bristol / "versions" / version / "indicators.parquet")
    insecure = indicators[indicators["name"].str.contains("food insecurity")]["indicator_id"].tolist()
    meta = tmp_path / "bristol-meta.csv"
    meta.write_text("indicator_id,direction,best,worst,green_threshold,red_threshold\n" + "".join(
        f"{indicator},lower,0,30,5,15\n" for indicator in insecure), encoding="utf-8")
    store = tmp_path / "store"
    folder = REALDATA / "bristol-opensdg"
    assert main(["import", str(folder), "--store", str(store), "--indicator-meta", str(meta)]) in (0, 1)
    version = (store / "CURRENT").read_text().strip()
    bounds = pd.read_parquet(store / "versions" / version / "bounds.parquet").set_index("indicator_id")
    assert set(bounds.loc[insecure, "direction_source"]) == {"metadata"}
    assert set(bounds.loc[insecure, "bounds_source"]) == {"metadata"}
    scores = pd.read_parquet(store / "versions" / version / "indicator_scores.parquet")
    rated = scores[scores["indicator_id"].isin(insecure)].dropna(subset=["value"])
    assert set(rated["colour"].astype(str)) - {"grey"}  # rated now: green, yellow, orange or red
    expected = (100 * (30 - rated["value"]) / 30).clip(0, 100)
    assert (rated["score"] - expected).abs().max() < 1e-9
    # the next import of the site, from a scheduled job that does not give the file, keeps what it
    # set: the site states none of it, and a blank new value never replaces a stored one
    assert main(["import", str(folder), "--store", str(store), "--quiet"]) in (0, 1)
    version = (store / "CURRENT").read_text().strip()
    again = pd.read_parquet(store / "versions" / version / "bounds.parquet").set_index("indicator_id")
    assert set(again.loc[insecure, "direction_source"]) == {"metadata"}
    assert set(again.loc[insecure, "direction"]) == {"lower"} and set(again.loc[insecure, "worst"]) == {30.0}


@pytest.mark.realdata
def test_a_place_with_only_broken_down_values_says_so_and_links_to_them(tmp_path):
    """Cape Town's Open SDG fork gives travel to work by mode of travel and no total: its 32 values
    were "no data" on 17 tiles and shown nowhere on its page."""
    folder = REALDATA / "capetown-opensdg-fork"
    if not folder.is_dir():
        pytest.skip(f"real data folder {folder} is absent (it is always present in CI)")
    from dashboard import data
    from dashboard.app import create_app

    store = tmp_path / "store"
    assert main(["import", str(folder), "--store", str(store), "--quiet", "--place", "Cape Town",
                 "--country", "ZAF"]) in (0, 1)
    app = create_app(str(store))
    client = app.server.test_client()
    assert client.get("/healthz").status_code == 200
    with app.server.test_request_context("/"):
        shown = text(city_page_module().page(data.current(), "zaf-cape-town", {}))
    assert ("Cape Town has 32 values in this data, all broken down (by Method of Travel and Travel Time to "
            "Work) with no total for the place; goals are scored from a place's totals.") in shown
    answer = client.get("/api/v1/observations?place=zaf-cape-town&limit=100").get_json()
    assert len(answer["data"]) == 32
    # and shows them: a table per indicator, the modes by their 2018 share, both years across
    with app.server.test_request_context("/"):
        tables = breakdowns.breakdown_tables(
            data.current().select("observations", place_id="zaf-cape-town"),
            texts.indicator_texts(data.current()))
    (modes_caption, modes), (_, times) = tables
    assert modes_caption == "Indicator 11.2.1 (Percent)"
    assert list(modes.columns) == ["Method of Travel", "2014", "2018"]
    assert modes.iloc[0].tolist() == ["Own car/other private vehicle/company vehicle", "39.3", "42.8"]
    assert times.iloc[0].tolist() == ["31–60 minutes", "34.07", "37.11"]
    assert "Own car/other private vehicle/company vehicle" in shown and "Download these values (CSV)" in shown
    download = client.get("/api/v1/observations.csv?place=zaf-cape-town")
    assert download.status_code == 200 and len(download.get_data(as_text=True).strip().splitlines()) == 33


def test_a_store_of_goalless_indicators_says_why_its_map_has_no_score(tmp_path):
    """UNdata's city populations, imported with a mapping: the map said only "No place has a score
    for the SDG Index in 2014" over 4,186 grey circles."""
    from dashboard.app import create_app
    from views import map as map_view

    (tmp_path / "pop.csv").write_text("City,Country,Year,Value\nLima,PER,2014,8472935\nCusco,PER,2014,"
                                      "420137\nArequipa,PER,2014,869351\n", encoding="utf-8")
    (tmp_path / "pop.yml").write_text("format: tidy\nplace: {column: City}\ncountry: {column: Country}\n"
                                      "indicator: {value: population}\nyear: {column: Year}\n"
                                      "value: {column: Value}\n", encoding="utf-8")
    store = tmp_path / "store"
    assert main(["import", str(tmp_path / "pop.csv"), "--mapping", str(tmp_path / "pop.yml"),
                 "--store", str(store), "--quiet"]) in (0, 1)
    app = create_app(str(store))
    from dashboard import data

    with app.server.test_request_context("/"):
        state, _ = map_view.parse({}, data.current())
        view = map_view.build(data.current(), state)
    assert "The data's indicator, population, belongs to no SDG goal" in view.summary
    assert ("Explore population", "/explore?indicator=population") in view.notes


@pytest.mark.realdata
def test_a_published_city_page_without_peers_says_why_as_the_app_does(bristol, tmp_path):
    """Bristol's published page had no peers section at all where the app's says it has no peer."""
    from dashboard.static_site.export import Part, export

    export(bristol, tmp_path / "site", "", languages=["en"], pictures=False, jobs=1,
           part=Part(places=("gbr-bristol",), years=1))
    page = (tmp_path / "site" / "en" / "city" / "gbr-bristol.html").read_text(encoding="utf-8")
    assert re.search(r"<h2[^>]*>Peers in [^<]+</h2><p class=\"small\">No other city of these data in [^<]+"
                     r"has no peer to be compared with\.</p>", page)


@pytest.mark.realdata
def test_the_un_city_files_losses_to_disasters_are_scored_lower_is_better(tmp_path):
    """All of FIS4SDGs' Goal 11 workbook states no direction: its 27 series of deaths, people
    affected, damaged dwellings, disrupted services and economic losses to disasters, and its
    particulate matter, were scored as if more were better (a city with more losses scored higher)."""
    from loaders.store import Store

    source = REALDATA / "unsd-fis4sdgs" / "data" / "unsd" / "2019.Q2.G.01" / "All_Countries_Goal_11.xlsx"
    if not source.is_file():
        pytest.skip("real data file is absent")
    assert main(["import", str(source), "--store", str(tmp_path / "s"), "--quiet"]) in (0, 1)
    data = Store(tmp_path / "s").read()
    bounds = data.tables["bounds"].merge(data.indicators[["indicator_id", "name"]], on="indicator_id")
    named = bounds["name"].str.contains
    losses = bounds[named("attributed to disasters|due to disaster|affected by disaster") & ~named("strateg")]
    assert len(losses) >= 20 and set(losses["direction"]) == {"lower"}, losses[["name", "direction"]]
    assert set(losses["direction_source"]) == {"name"}
    strategies = bounds[bounds["name"].str.contains("disaster risk reduction strateg")]
    assert len(strategies) and set(strategies["direction"]) == {"higher"}  # adopting one is good
    air = bounds[bounds["name"].str.contains("fine particulate matter")]
    assert len(air) and set(air["direction"]) == {"lower"}
