"""Stores of SDSN's country and state indices (the SDR, the US states): their places are what the map,
the ranking, the search and the peers carry, since the store scores no city. Before, such a store
showed an empty map, an empty ranking and search, peers tables without a peer, a département ranked
among countries "of its size", and a country said to rank among "cities"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dashboard.cli import main
from tests.components import page_module, walk
from tests.conftest import REALDATA

SDR = REALDATA / "sdsn-sdr-2019-global" / "2019GlobalIndexResults.xlsx"
US = REALDATA / "sdsn-us-states-2018" / "SDGUSA.xlsx"
BENIN = REALDATA / "sdsn-benin-subnational-2023" / "Database-Benin-Infranationale-2023.xlsx"


def served(tmp_path_factory, path, name):
    if not path.is_file():
        pytest.skip(f"real data file {path} is absent (it is always present in CI)")
    from dashboard.app import create_app

    store = tmp_path_factory.mktemp(name) / "store"
    assert main(["import", str(path), "--store", str(store), "--quiet"]) in (0, 1)
    app = create_app(str(store))
    assert app.server.test_client().get("/healthz").status_code == 200
    return app


@pytest.fixture(scope="module")
def sdr(tmp_path_factory):
    return served(tmp_path_factory, SDR, "sdr")


@pytest.fixture(scope="module")
def states(tmp_path_factory):
    return served(tmp_path_factory, US, "states")


@pytest.fixture(scope="module")
def departements(tmp_path_factory):
    return served(tmp_path_factory, BENIN, "benin")


@pytest.mark.realdata
def test_a_store_of_countries_maps_ranks_and_finds_its_countries(sdr):
    from dashboard import data
    from layouts import ranking, scores
    from views import map as map_view

    with sdr.server.test_request_context("/"):
        store = data.current()
        assert scores.mapped_kinds(store) == ("country",)
        assert len(scores.mapped_places(store)) == 193
        state, _ = map_view.parse({"year": "2019"}, store)
        view = map_view.build(store, state)
        shapes = [t.to_plotly_json() for t in view.figure.data if t.type == "choropleth"]
        assert shapes and all(t["locationmode"] == "ISO-3" for t in shapes)
        drawn = [code for t in shapes for code in t["locations"]]
        # the 165 countries with a shape at the map's scale; 27 smaller ones (Malta, Monaco) as markers
        # on their largest island (they were counted as not drawn: 28, 8 of them with a score)
        from layouts.extents import country_shapes_known

        assert len(drawn) == len(set(drawn)) == 165 and "FIN" in drawn and "MCO" not in drawn
        assert set(drawn) <= country_shapes_known()
        markers = [t.to_plotly_json() for t in view.figure.data if t.type == "scattergeo"]
        placed = {data[0]: (lon, lat) for t in markers
                  for data, lon, lat in zip(t["customdata"], t["lon"], t["lat"], strict=True)}
        assert len(placed) == 27 and "tuv" not in placed
        assert placed["mlt"] == pytest.approx((14.45, 35.9), abs=0.2)  # Malta, not Gozo
        assert placed["sgp"] == pytest.approx((103.8, 1.35), abs=0.2)
        assert view.summary.startswith(
            "162 of 193 places are on the map with a score for the SDG Index in 2019. 30 places have data "
            "for too few indicators to get an index or a rank, and are grey. 1 place cannot be drawn")
        assert store.places.set_index("place_id").loc["mlt", ["lat", "lon"]].isna().all()  # stored as read
        finland = next(t for t in shapes if "FIN" in t["locations"])
        assert finland["customdata"][finland["locations"].index("FIN")][0] == "fin"  # a click opens its page
        goal, _ = map_view.parse({"year": "2019", "goal": "6"}, store)
        rated = [t.to_plotly_json() for t in map_view.build(store, goal).figure.data]
        assert {t["name"].split(" (")[0] for t in rated if t.get("showlegend")} >= {
            "challenges remain", "major challenges"}  # each rating named in the legend, not by colour alone
        found = ranking.search_index(store.places, scores.mapped_kinds(store))
        assert found.loc[found["place_id"] == "fin", "label"].tolist() == ["Finland"]
        home = page_module("/")
        assert home.headings(store) == ("How are countries doing on the SDGs?", "Find your country")
        shown = home.layout()  # the countries' view would draw the same map again: its choice is hidden
        from tests.components import find, walk

        assert find(shown, home.Ids.VIEW) is not None
        fieldsets = [node for node in walk(shown) if type(node).__name__ == "Fieldset"
                     and any(getattr(child, "id", None) == home.Ids.VIEW for child in walk(node))]
        assert len(fieldsets) == 1 and fieldsets[0].hidden is True


@pytest.mark.realdata
def test_a_country_page_lists_its_peers_and_says_they_are_countries(sdr):
    from dashboard import data
    from layouts import city

    city_page = page_module("/city/none")
    with sdr.server.test_request_context("/"):
        store = data.current()
        peers = city.peer_table(store, "fin", 2019)
        assert len(peers) == 9 and "swe" in set(peers["place_id"])  # Northern Europe, ranked
        shown = str(city_page.page(store, "fin", {}).to_plotly_json())
        assert "Rank 3 of 10 in its UN subregion." in shown
        assert "among countries of its size" in shown and "among cities" not in shown
        assert "Finland and the other countries in the same UN subregion, best first" in shown
        assert "Finland (this place)" in shown  # its own row among them
        compared = str(city_page.page(store, "fin", {"compare": "swe,nor"}).to_plotly_json())
        assert "Only cities and districts" not in compared
        # its peers' table names no country beside each country; a subregion of more countries than
        # are offered for comparison says how many countries are (Western Asia: 17 ranked)
        assert "'Country'" not in shown and "Finland" in shown
        western = str(city_page.page(store, "arm", {}).to_plotly_json())
        assert "The 12 countries nearest in SDG Index score are offered here." in western
        assert "cities" not in western.lower().replace("sustainable cities", "")


@pytest.mark.realdata
def test_goal_14_does_not_apply_to_a_landlocked_country(sdr):
    """The SDR gives landlocked countries no Goal 14 score: Bolivia's tile said "No rated indicator"
    and the map counted 40 countries as missing a score."""
    from dashboard import data
    from views import city as city_view
    from views import map as map_view

    with sdr.server.test_request_context("/"):
        store = data.current()
        bolivia = city_view.reasons(store, city_view.parse({"place": "bol"}, store)[0])
        assert bolivia[14] == ("Not applicable: no sea coast",
                               "Goal 14 does not apply: a landlocked country has no sea.")
        caspian = city_view.reasons(store, city_view.parse({"place": "aze"}, store)[0])  # SDSN scores it
        assert not caspian[14][0].startswith("Not applicable")
        france = city_view.reasons(store, city_view.parse({"place": "fra"}, store)[0])
        assert not france[14][0].startswith("Not applicable")
        summary = map_view.build(store, map_view.parse({"goal": "14"}, store)[0]).summary
        assert ("40 places on the map have no score for 2019 and are grey. Goal 14 does not apply to 40 of "
                "them: landlocked countries have no sea.") in summary
        assert "does not apply" not in map_view.build(store, map_view.parse({"goal": "6"}, store)[0]).summary


@pytest.mark.realdata
def test_a_store_of_states_ranks_its_states(states):
    from dashboard import data
    from layouts import scores
    from views import map as map_view

    with states.server.test_request_context("/"):
        store = data.current()
        assert scores.mapped_kinds(store) == ("region",)
        state, _ = map_view.parse({}, store)
        view = map_view.build(store, state)
        # the file gives no coordinates: each state is drawn as its shape on the map of the USA, where
        # before the map was empty ("No data matches this selection", "50 places cannot be drawn")
        assert view.summary.startswith("50 of 50 places are on the map with a score for the SDG Index")
        assert "cannot be drawn" not in view.summary
        shapes = [t.to_plotly_json() for t in view.figure.data if t.type == "choropleth"]
        assert shapes and all(t["locationmode"] == "USA-states" for t in shapes)
        assert all(len(t.lat) == 0 for t in view.figure.data if t.type == "scattergeo")  # the colour bar's
        drawn = [code for t in shapes for code in t["locations"]]
        assert len(drawn) == len(set(drawn)) == 50 and "DC" not in drawn
        assert {"AL", "AK", "HI", "WY"} <= set(drawn)
        alabama = next(t for t in shapes if "AL" in t["locations"])
        # a click opens its page
        assert alabama["customdata"][alabama["locations"].index("AL")][0] == "region-alabama"
        geo = view.figure.layout.geo
        assert geo.scope == "usa" and geo.projection.type == "albers usa"
        assert map_view.context(store).regions == ()  # no UN region to zoom to on the map of the USA
        ranked = str(view.body.to_plotly_json()) if hasattr(view.body, "to_plotly_json") else str(view.body)
        assert "Massachusetts" in ranked
        home = page_module("/")
        assert home.headings(store) == ("How are states doing on the SDGs?", "Find your state")
        shown = home.layout()
        from tests.components import find, walk

        zooms = find(shown, home.Ids.REGION)
        assert [option["value"] for option in zooms.options] == ["world"]
        assert zooms.options[0]["label"] == "All places"
        column = next(node for node in walk(shown) if any(  # its one choice: a zoom to nothing else, hidden
            getattr(child, "id", None) == home.Ids.REGION for child in getattr(node, "children", None) or []
            if not isinstance(child, str)))
        assert "d-none" in column.className.split()
        fieldsets = [node for node in walk(shown) if type(node).__name__ == "Fieldset"
                     and any(getattr(child, "id", None) == home.Ids.VIEW for child in walk(node))]
        assert fieldsets[0].hidden is True  # the one country's mean would be the map of one country


@pytest.mark.realdata
def test_a_departement_shows_its_pillar_scores_as_published_and_why_it_has_no_goal_score(departements):
    """Benin's départements are scored on SDSN's four "leave no one behind" pillars, not on goals:
    their pages showed 17 empty tiles, "No SDG Index: too few indicators with a score" and "There
    are no goal scores for Alibori yet", and the pillar scores the workbook publishes nowhere."""
    from dashboard import data
    from layouts import pillars as pillar_layouts
    from tests.components import text

    city_page = page_module("/city/none")
    with departements.server.test_request_context("/"):
        store = data.current()
        from views import city as city_view

        year = city_view.parse({"place": "region-alibori"}, store)[0].year
        rows = pillar_layouts.pillar_rows(store, "region-alibori", year).set_index("pillar")
        # the published "Score Genre, Pauvreté, Revenu, Services" of Alibori: 42.411, 44.530, 69.630, 26.547
        assert rows["score"].round(3).to_dict() == {
            "Accessibilité et qualité des services": 26.547, "Égalité des sexes": 42.411,
            "Inégalité de revenus et de richesse": 69.63, "Pauvreté et privation matérielle": 44.53}
        assert rows["indicators"].sum() == 45 and rows.loc["Égalité des sexes", "scored"] == 13
        # ranked among Benin's 12 départements (their published scores: Alibori's services the lowest)
        assert rows["rank"].to_dict() == {
            "Accessibilité et qualité des services": 12, "Égalité des sexes": 12,
            "Inégalité de revenus et de richesse": 5, "Pauvreté et privation matérielle": 9}
        assert set(rows["ranked"]) == {12}
        shown = text(city_page.page(store, "region-alibori", {}))
        # (this workbook alone has no SDG indicator: no badge at all)
        assert "too few indicators" not in shown and "no goal scores for Alibori yet" not in shown
        assert f"Alibori has no goal score in {year}: its 44 indicators with a score belong to no SDG goal" \
            in shown
        assert "Pillars of the source's index" in shown and "42.4" in shown and "13 of 14" in shown
        assert "5 of 12" in shown
        assert "Rank: among the departments of Benin with a score of that pillar" in shown
        # called what the workbook calls them ("les départements de Bénin"), not regions
        assert store.meta["options"]["region_word"] == "department"
        assert "No other department of these data in Western Africa has an SDG Index rank" in shown
        assert "region" not in shown.replace("subregion", "")
        assert page_module("/").headings(store) == ("How are departments doing on the SDGs?",
                                                    "Find your department")
        # the English map names its 45 French indicators in a sentence: each one it names is tagged
        from dashboard.chrome import summary_parts
        from views import map as map_view

        view = map_view.build(store, map_view.parse({}, store)[0])
        tagged = [part for part in walk(summary_parts(view)) if getattr(part, "lang", None) == "fr"]
        named = "Accouchements assistés par du personnel de santé qualifié (%)"
        assert len(view.languages) == 45 and view.languages[named] == "fr"
        staff = "Nombre d'habitants par personnel de santé (médecins et infirmiers)"
        beds = "Nombre d'habitants par lits d'hopitaux"
        # the last in the link to Explore
        assert [part.children for part in tagged] == [named, beds, staff, named]
        # the source's words, tagged with their language and said once, not marked after each of them
        assert "These 4 pillar names are in French, as the source publishes them." in shown
        assert shown.count("(in French)") == 1  # the trend chart's title alone, which its embed shows too
        table = str(pillar_layouts.pillar_section(rows.reset_index(), year)[0].tree)
        assert "['th', {'scope': 'row', 'lang': 'fr'}, 'Égalité des sexes']" in table
        # and no 17 empty tiles, which filled two screens of a phone under a heading claiming values
        assert "The 17 goals" not in shown and "No rated indicator" not in shown
        # nor in the first picture drawn before the page's scripts run (it had the 17 tiles)
        first = departements.server.test_client().get("/city/region-alibori").get_data(as_text=True)
        assert 'id="first-paint"' not in first and 'class="goal-tile' not in first
        # the static export's page alike
        from dashboard.data import STORE_KEY
        from dashboard.static_site.export import Part, export

        site = Path(departements.server.config[STORE_KEY]).parent / "site"
        export(Path(departements.server.config[STORE_KEY]), site, "", languages=["en"], pictures=False,
               jobs=1, part=Part(places=("region-alibori",), years=1))
        exported = (site / "en" / "city" / "region-alibori.html").read_text(encoding="utf-8")
        assert "belong to no SDG goal" in exported and "No rated indicator" not in exported
        # found by the search; scored on pillars only, the départements are still the places the
        # map and Explore carry (their store had an empty map and an empty Explore), and Explore
        # opens on the indicator most of them have, not on an empty SDG Index ranking
        from layouts import ranking, scores
        from views.explore import build as explore_build
        from views.explore import state as explore_state

        assert scores.mapped_kinds(store) == ("region",) and len(scores.mapped_places(store)) == 12
        home = page_module("/")
        found = ranking.find(store.places, "alibo", index=home.findable_index(store))
        assert found == [("region-alibori", "Alibori, Benin")]
        cat = explore_state.context(store)
        state, problems = explore_state.parse({}, cat)
        assert problems == [] and state.indicator == cat.unscored is not None and state.goal is None
        said = explore_build.build(store, state, cat).summary
        assert said.startswith("12 places have scores for ") and "Best: " in said
        chips = text(page_module("/explore").chips(state, cat))
        assert chips.startswith("Indicator: ") and "No filter" not in chips


def test_peers_are_places_of_one_group_in_the_ranks_and_in_the_table():
    """A store of Benin's départements and the ECOWAS countries ranked a département among
    countries 'of its size'; cities and districts stay one group, as their pages call them cities."""
    import pandas as pd

    from layouts import city
    from loaders.scoring.peers import peer_table
    from loaders.store import StoreData

    places = pd.DataFrame({
        "place_id": ["ben", "tgo", "nga", "ben-alibori", "ben-atacora", "lagos", "lagos-island"],
        "name": ["Bénin", "Togo", "Nigeria", "Alibori", "Atacora", "Lagos", "Lagos Island"],
        "kind": ["country", "country", "country", "region", "region", "city", "district"],
        "country_iso3": ["BEN", "TGO", "NGA", "BEN", "BEN", "NGA", "NGA"],
        "un_region": "Africa", "un_subregion": "Western Africa",
        "population": [13e6, 8e6, 200e6, 0.9e6, 0.8e6, 15e6, 1e6], "lat": None, "lon": None})
    index = pd.DataFrame({"place_id": places["place_id"], "year": 2023,
                          "score": [55.0, 56.0, 51.0, 60.0, 50.0, 70.0, 65.0], "ranked": True})
    peers = peer_table(places, index).set_index(["place_id", "peer_group"])
    assert peers.loc[("ben", "un_subregion"), "n_peers"] == 3  # the countries alone
    assert peers.loc[("ben-alibori", "un_subregion"), ["rank", "n_peers"]].tolist() == [1, 2]
    assert peers.loc[("lagos-island", "un_subregion"), ["rank", "n_peers"]].tolist() == [2, 2]
    ranked = index.assign(rank=[2, 1, 3, 1, 2, 1, 2])
    store = StoreData("v", {}, {"places": places, "index": ranked})
    assert sorted(city.peer_table(store, "ben", 2023)["place_id"]) == ["nga", "tgo"]
    assert city.peer_table(store, "ben-alibori", 2023)["place_id"].tolist() == ["ben-atacora"]
    assert city.peer_table(store, "lagos-island", 2023)["place_id"].tolist() == ["lagos"]


@pytest.mark.realdata
@pytest.mark.parametrize("goal", ["index", "6"])
def test_the_states_map_is_drawn_before_any_script(states, goal):
    """The live map's first paint, the embed and the static pages draw the states as SVG (the drawer
    knew the world's map only: no map before plotly, none without scripts, none from file://)."""
    import re

    from dashboard import data
    from dashboard.first_paint import topology
    from layouts import static_svg
    from views import map as map_view

    with states.server.test_request_context("/"):
        store = data.current()
        view = map_view.build(store, map_view.parse({"goal": goal}, store)[0], with_table=False)
    svg = static_svg.picture(view.figure, view.title, view.summary, topology(), usa=topology("usa_110m"))
    fills = re.findall(r'<path fill="([^"]+)" d="M', svg)
    assert len(fills) == 51 and fills.count(static_svg.LAND) == 1  # every state but DC, not in the index
    page = states.server.test_client().get("/embed/map?goal=" + goal).get_data(as_text=True)
    assert page.count('<path fill="') >= 51  # the embed page too (plotly then comes when asked for)
    home = states.server.test_client().get("/?goal=" + goal).get_data(as_text=True)
    first = home[home.index('<div id="first-paint">'):home.index('<div id="react-entry-point">')]
    assert first.count('<path fill="') >= 51  # the map page's first paint
    assert 'href="/assets/topojson/usa_110m.json" as="fetch"' in home and "world_110m.json" not in home


@pytest.mark.realdata
def test_countries_are_named_in_the_readers_language_and_found_by_the_sources_name(sdr):
    """The SDR names its countries as the World Bank does in English ("Egypt, Arab Rep."): a French
    page said so too. Pages name them in the reader's language; the API keeps the source's names."""
    from dashboard import data
    from layouts import i18n, ranking, scores

    client = sdr.server.test_client()
    for language, name in (("fr", "Égypte"), ("es", "Egipto"), ("en", "Egypt")):
        page = client.get(f"/city/egy?lang={language}").get_data(as_text=True)
        heading = json.dumps({"children": name, "className": "h3"}).replace(" ", "")  # the page's h1
        assert heading in page.replace(" ", "") and "Arab Rep." not in page, language
        with sdr.server.test_request_context(f"/?lang={language}"), i18n.use(language):
            store = data.current()
            places = scores.findable_places(store)
            assert places.set_index("place_id").loc["egy", "name"] == name
            # the map page's search finds it by either name, accents and punctuation ignored
            index = ranking.search_index(places, ("country",))
            assert dict(ranking.find(places, "egypt arab rep", index=index))["egy"] == name
            assert "egy" in dict(ranking.find(places, name.lower(), index=index))
    api = client.get("/api/v1/places?kind=country&limit=500").get_json()["data"]
    assert {row["place_id"]: row["name"] for row in api}["egy"] == "Egypt, Arab Rep."
    # a store of cities is served as it is, in every language
    from dashboard.data import shown
    from loaders.paths import DEMO_STORE
    from loaders.store import Store

    demo = Store(DEMO_STORE).read()
    with i18n.use("fr"):
        assert shown(demo) is demo


def test_a_map_of_countries_is_framed_by_their_shapes_and_small_states():
    """ECOWAS beside Benin's départements: once Cabo Verde, too small for the map's shapes, had a
    marker, the map was framed by that marker alone (a 6-degree box of sea); the frame holds the
    countries drawn as shapes too. A store of every country's is still the world."""
    import pandas as pd

    from layouts import scores
    from loaders import schema
    from loaders.store import StoreData

    def store_of(codes: list[str]) -> StoreData:
        places = schema.conform("places", pd.DataFrame({
            "place_id": [c.lower() for c in codes], "name": codes, "kind": "country", "country_iso3": codes}))
        index = pd.DataFrame({"place_id": places["place_id"], "year": 2023, "score": 50.0, "rank": 1,
                              "ranked": True})
        return StoreData("v", {}, {"places": places, "index": index})

    west_africa = store_of(["SEN", "MLI", "NER", "NGA", "GHA", "CPV"])
    (west, east), (south, north) = scores.local_extent(west_africa)
    assert west < -23.6 and east > 14.6 and south < 4.5 and north > 23  # Cabo Verde to Niger, the Sahara
    placed = scores.mapped_places(west_africa).set_index("place_id")
    assert placed.loc["cpv", "lon"] == pytest.approx(-23.6, abs=0.3) and pd.isna(placed.loc["sen", "lon"])
    assert scores.local_extent(store_of(["SEN", "BRA", "JPN", "CPV"])) is None
    (west, east), (south, north) = scores.local_extent(store_of(["MAR", "EGY", "ZAF", "SOM", "CPV", "MUS"]))
    assert west < -23.6 and east > 57.5 and south < -34.5 and north > 35.5  # Africa, not the world


@pytest.mark.parametrize("by_rating", [True, False])
def test_shapes_and_small_states_of_one_rating_share_one_legend_entry(by_rating):
    """The SDR's map said "no score (11)" for countries drawn as shapes and "no score (19)" for small
    states drawn as markers, told apart only by their symbol."""
    import pandas as pd

    from layouts import maps, scores

    codes = ["SEN", "MLI", "NGA", "CPV", "BRB", "TUV"]
    frame = scores.small_countries_placed(pd.DataFrame({
        "place_id": [c.lower() for c in codes], "name": codes, "kind": "country", "country_iso3": codes,
        "lat": float("nan"), "lon": float("nan"), "score": [70.0, None, 40.0, None, 55.0, None],
        "colour": ["green", None, "red", None, "green", None]}))
    figure = maps.place_map(frame, "t", by_rating=by_rating)
    entries = [trace for trace in figure.data if trace.showlegend is not False and trace.name]
    if by_rating:
        ranked = [trace.name for trace in sorted(entries, key=lambda trace: trace.legendrank)]
        assert ranked == ["SDG achieved (2)", "major challenges (1)", "not rated (2)"]
        achieved = next(trace for trace in entries if trace.name.startswith("SDG achieved"))
        assert achieved.type == "scattergeo"  # Barbados' marker: the entry shows the rating's symbol
        # each shape carries its rating's marker, and the legend shows it (the fill alone told
        # orange from red): Senegal's and Nigeria's, at a point inside each
        on_shapes = [t for t in figure.data if t.meta == maps.ON_SHAPE]
        assert sorted(name for t in on_shapes for name in t.text) == ["MLI", "NGA", "SEN"]
        major = next(trace for trace in entries if trace.name.startswith("major challenges"))
        assert major.type == "scattergeo" and major.marker.symbol == maps.RATING_SYMBOLS["red"]
        nigeria = next(t for t in on_shapes if "NGA" in t.text)
        assert 3 < nigeria.lon[0] < 14 and 4 < nigeria.lat[0] < 14
    else:
        assert [trace.name for trace in entries] == ["no score (2)"]  # Mali and Cabo Verde
        assert not [t for t in figure.data if t.meta == maps.ON_SHAPE]  # a scale of scores: no ratings
    drawn = sum(len(t.locations) if t.type == "choropleth" else len(t.lat) for t in figure.data
                if t.meta != maps.ON_SHAPE)
    assert drawn == 5  # Tuvalu has no shape at this scale and no island on the 1:50m map either


@pytest.mark.parametrize("years", [[2002, 2011, 2013, 2015, 2017, 2019], list(range(2000, 2020)),
                                   [2016, 2019, 2022], [2020], list(range(2015, 2025))])
def test_the_year_slider_marks_years_far_enough_apart_to_read(sdr, years):
    """The Africa index's years (2002, then 2011 to 2019 every other year) were marked every other
    one, placed by year: "20112013201520172019" on a phone."""
    home = page_module("/")
    marks = home.spaced_marks(years)
    assert marks[0] == years[0] and marks[-1] == years[-1] and len(marks) <= home.MARKS + 1
    gaps = [later - earlier for earlier, later in zip(marks, marks[1:], strict=False)]
    assert all(gap >= (years[-1] - years[0]) / home.MARKS for gap in gaps)
