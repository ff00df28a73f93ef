"""Page layouts and callbacks called as functions, on the shipped demo store."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import data
from layouts import i18n, ranking
from layouts.reference import DASHBOARD_COLOURS
from loaders.paths import DEMO_STORE
from tests.components import by_class, find, text, walk


@pytest.fixture(autouse=True)
def demo_store(monkeypatch):
    monkeypatch.setenv("CITY_SDG_STORE", str(DEMO_STORE))


@pytest.fixture(scope="module")
def pages():
    import importlib

    import dash

    from dashboard.app import create_app

    create_app(str(DEMO_STORE))
    by_path = {p["path"]: p["module"] for p in dash.page_registry.values()}
    return tuple(importlib.import_module(by_path[path]) for path in ("/", "/city/none", "/about"))


def test_map_page_reads_state_from_the_url(pages):
    home, _, _ = pages
    tree = home.layout(goal="11", year="2020")
    figure = find(tree, home.Ids.GRAPH).figure
    assert text(find(tree, home.Ids.TITLE)) == "Goal 11: Sustainable cities and communities, 2020"
    # read out when a goal or year is chosen (a screen reader heard nothing of the change)
    assert getattr(find(tree, home.Ids.TITLE), "aria-live") == "polite"
    assert figure.layout.title.text is None  # the heading above the chart carries it
    assert find(tree, home.Ids.GOAL).value == "11" and find(tree, home.Ids.YEAR).value == 2020
    assert "Demonstration data" in text(tree)
    summary = text(find(tree, home.Ids.SUMMARY))
    assert summary.startswith("150 of 150 places are on the map with a score for Goal 11")


def test_map_page_bad_parameters_fall_back_with_a_message(pages):
    home, _, _ = pages
    tree = home.layout(goal="99", year="abc", view="cubes")
    messages = text(by_class(tree, "url-problem"))
    assert "goal '99', which is not known" in messages
    assert "year must be a whole number" in messages
    assert "view 'cubes', which is not known" in messages
    assert find(tree, home.Ids.GOAL).value == "index"
    assert find(tree, home.Ids.YEAR).value == 2025


def ranked_items(ranked) -> list:
    """The items of a ranked list (they carry no class names; site.css styles them by position)."""
    return list(by_class(ranked, "ranked-list")[0].children)


def test_ranked_list_shows_the_first_places_says_how_many_more_and_colours_as_the_palette():
    frame = pd.DataFrame({"place_id": [f"p{i}" for i in range(5)], "name": list("ABCDE"),
                          "score": [90.0, 80.0, 70.0, 60.0, None],
                          "colour": ["green", "red", "odd", "yellow", None]})
    listing = ranking.ranked_list(frame, goal=3, limit=2)
    items = ranked_items(listing)
    assert [text(item.children[1]) for item in items] == ["A", "B"]
    assert [item.children[3].data_rating for item in items] == ["green", "red"]
    assert ("The first 2 of 4 places with a score; the table lists them all. 1 place has no score."
            in text(listing))
    assert [i.children[3].data_rating for i in ranked_items(ranking.ranked_list(frame, 3))] == [
        "green", "red", "grey", "yellow"]
    css = (Path(__file__).resolve().parents[1] / "dashboard" / "assets" / "site.css").read_text()
    for key, colour in DASHBOARD_COLOURS.items():
        if key != "grey":
            assert f'.ranked-list [data-rating="{key}"]::before {{ background: {colour}; }}' in css
    assert f"background: {DASHBOARD_COLOURS['grey']}; }}" in css
    unrated = ranked_items(ranking.ranked_list(frame.assign(colour="grey"), 3))  # no threshold anywhere
    assert [len(item.children) for item in unrated] == [3] * 4 and "not rated" not in str(unrated)


def test_ranked_list_numbers_places_tied_on_a_score_alike():
    """Two wards tied at 100.0 were numbered 1 and 2 under a summary saying both have the highest
    score; the third is 3rd, and a screen reader hears the same numbers (`value`). Two scores that
    one decimal writes alike but differ are written with the decimals that tell them apart and
    numbered apart (Ghana 62.21 first, Côte d'Ivoire 62.19 second, as its page and SDSN rank them)."""
    frame = pd.DataFrame({"place_id": ["a", "b", "c", "d"], "name": ["Westbury-on-Trym and Henleaze",
                                                                     "Bedminster", "Cotham", "Lawrence Hill"],
                          "score": [100.0, 100.0, 90.04, 89.96]})  # the last two both read 90.0
    items = ranked_items(ranking.ranked_list(frame, goal=None))
    assert [text(item.children[0]) for item in items] == ["1", "1", "3", "4"]
    assert [item.value for item in items] == ["1", "1", "3", "4"]
    assert [text(item.children[-1]).split()[-1] for item in items][2:] == ["90.04", "89.96"]
    with i18n.use("en"):  # a name holding the list's own word: a comma says where the last name begins
        assert i18n.join(["Westbury-on-Trym and Henleaze", "Bedminster"]) == (
            "Westbury-on-Trym and Henleaze, and Bedminster")
        assert i18n.join(["Cotham", "Bedminster"]) == "Cotham and Bedminster"
    with i18n.use("fr"):
        assert i18n.join(["Bosnie et Herzégovine", "Serbie", "Croatie"]) == (
            "Bosnie et Herzégovine, Serbie, et Croatie")


def test_map_callbacks(pages):
    home, _, _ = pages
    title, figure, summary, query, ranked = home.update("3", 2019, "countries", "world")
    summary = summary[0]  # the sentence, then the links it points to
    assert text(title) == "Goal 3: Good health and well-being, 2019 mean score of each country's places"
    assert query == {"goal": "3", "year": "2019", "view": "countries"}
    assert figure.data[0].type == "choropleth"
    assert "Goal 3" in summary
    assert len(ranked_items(ranked)) == 150
    assert home.open_city({"points": [{"customdata": ["ken-nairobi"]}]}) == "/city/ken-nairobi?lang=en"


def test_map_zooms_to_a_region_and_ranks_its_places_only(pages):
    home, _, _ = pages
    title, figure, summary, query, ranked = home.update("6", 2025, "places", "africa")
    summary = summary[0]
    assert query == {"goal": "6", "region": "africa"}
    assert "Africa" in text(title)
    geo = figure.layout.geo
    (west, east), (south, north) = geo.lonaxis.range, geo.lataxis.range
    assert west <= -20 and east >= 55 and south <= -36 and north >= 38  # Africa's frame, at least
    assert east - west < 80 and north - south < 80  # taken out only to its places' margins
    items = ranked_items(ranked)
    store = data.current()
    places = store.places
    african = places[(places["un_region"] == "Africa") & places["kind"].isin(["city", "district"])]
    assert 0 < len(items) == len(african)
    assert summary.startswith(f"{len(african)} of {len(african)} places")
    scores = [float(text(item.children[2])) for item in items]
    assert scores == sorted(scores, reverse=True)


def test_search_forgives_accents_case_punctuation_and_near_spellings(pages):
    home, _, _ = pages
    for typed in ("sao paulo", "SÃO PAULO", "São-Paulo", "saopaulo"):
        assert "São Paulo, Brazil" in text(home.show_found(typed)), typed
    assert "Bogotá" in text(home.show_found("bogata"))
    assert "No place matches 'qqqq'" in text(home.show_found("qqqq"))
    assert len(text(home.show_found("q" * 100_000))) < 300  # the first 200 characters are read, and said
    assert home.show_found("a " * 100_000)  # 100,000 words: the first 100 are compared
    assert home.open_found(1, "nairobi") == "/city/ken-nairobi?lang=en"
    with i18n.use("fr"):  # the index is kept per language: the countries are named in the reader's
        assert "São Paulo, Brésil" in text(home.show_found("sao paulo"))
        assert "Bogotá, Colombie" in text(home.show_found("bogata"))
    assert "São Paulo, Brazil" in text(home.show_found("sao"))

    # the count is said (read out by the live status line), not the list: each pause in typing read
    # up to eight names aloud, and never said there were more
    found, said = home.show_found("a")
    assert said.startswith("The first 8 of ") and said.endswith("more letters find fewer.")
    assert home.show_found("nairobi")[1] == "1 place found, listed below."
    assert home.show_found("qqqq") == ([], "No place matches 'qqqq'. Try fewer letters.")
    box = home.search_box("Nairobi")
    assert text(box) == "Find your city"  # nothing announced before typing
    status, results = box.children[2], box.children[3]
    assert getattr(status, "aria-live") == "polite" and not hasattr(results, "aria-live")


def test_search_finds_the_same_places_as_a_scan_of_every_name():
    """The index made once per version and language answers as folding every place per search did:
    whole words in any order, a name that starts with them first, at most `limit`."""
    places = pd.DataFrame({
        "place_id": [f"p{i}" for i in range(8)], "kind": ["city"] * 6 + ["country", "district"],
        "name": ["Port Louis", "Louisville", "San Luis", "Saint-Louis", "Louis", "St. Louis Park",
                 "Louisiana", "Louis Trichardt"],
        "country_iso3": ["MUS", "USA", "ARG", "SEN", "", "USA", "USA", "ZAF"]})
    index = ranking.search_index(places)
    assert "p6" not in set(index["place_id"])  # a country is not a city
    found = ranking.find(places, "louis", limit=3, index=index)
    assert [p for p, _label in found] == ["p4", "p7", "p1"]  # names that start with the word, by name
    assert ranking.find(places, "louis", limit=3) == found  # made on the spot: the same
    assert [p for p, _ in ranking.find(places, "louis saint", index=index)] == ["p3"]
    assert [p for p, _ in ranking.find(places, "louisvile", index=index)] == ["p1"]  # a near spelling
    assert ranking.find(places, "  ", index=index) == []
    # the lists' matcher: names that start with the words first, each group in the labels' order
    labels = ["city 1077", "city 77", "city 770", "old city 77"]
    assert ranking.holding(labels, "City 77") == [1, 2, 0, 3]
    assert ranking.holding(labels, "77 city", limit=2) == [0, 1]
    assert ranking.holding(labels, "x" * 201) == [] and ranking.holding(labels, None) == []


def test_city_page_has_17_tiles_summary_and_indicators(pages):
    _, city, _ = pages
    tree = city.layout(place_id="ken-nairobi", year="2025")
    assert len(by_class(tree, "goal-tile")) == 17
    assert text(by_class(tree, "city-summary")).startswith("Nairobi is on track for")
    assert find(tree, "goal-3") is not None
    assert find(tree, city.Ids.TREND).figure.data[0].mode == "lines+markers"


def test_city_page_says_why_each_goal_has_its_rating_and_ranks_out_of_a_total(pages):
    _, city, _ = pages
    store = data.current()
    tree = city.layout(place_id="ken-nairobi", year="2025")
    index = store.tables["index"]
    ranked = int(index[index["year"] == 2025]["rank"].notna().sum())
    mine = index[(index["year"] == 2025) & (index["place_id"] == "ken-nairobi")].iloc[0]
    assert f"rank {int(mine['rank'])} of {ranked}" in text(tree)
    sections = by_class(tree, "goal-section")
    assert sections and all(s.id.startswith("goal-") for s in sections)
    goals = store.tables["goal_scores"]
    rows = goals[(goals["place_id"] == "ken-nairobi") & (goals["year"] == 2025)].set_index("goal")
    for section in sections:
        why = text(by_class(section, "why-rating"))
        colour = rows.loc[int(section.id.split("-")[1]), "colour"]
        if colour in ("green", "yellow", "orange", "red"):
            assert why.startswith("Rated ") and ("weakest" in why or "only rated" in why), why
        else:
            assert why.startswith(("Too few indicators to rate", "Not rated")), why


def test_city_goal_tables_are_sent_when_asked_as_the_page_drew_them(pages):
    """The page carries a closed section per goal with a "Loading" line, not the table; the tables
    sent for the goals asked are the ones the page drew before, rows, histories and all, with the
    place and year they are of."""
    from layouts import indicator_rows, indicator_tables
    from layouts.static_tree import StaticTree
    from views import city as city_view

    _, city, _ = pages
    store = data.current()
    tree = city.layout(place_id="ken-nairobi", year="2024")
    assert "Indicators of goal" not in text(tree)
    every = indicator_rows.table_rows(store, "ken-nairobi", 2024)
    counts = indicator_rows.target_project_counts(indicator_rows.place_projects(store, "ken-nairobi"))
    before = indicator_tables.indicator_tables(every, "ken-nairobi", counts)
    sections = next(c for c in tree._traverse() if getattr(c, "id", None) == city.Ids.GOAL_SECTIONS).tree
    assert sections[1] == {"data-ask": city.Ids.GOAL_ASK, "data-place": "ken-nairobi", "data-year": "2024",
                           "data-wait": str(city.ANSWER_WAIT_MS), "data-retry": "Try again",
                           "data-failed": "The indicators could not be loaded."}
    waiting = [int(node[1]["data-goal"]) for node in sections[2:] if node[0] == "details"]
    assert waiting == sorted(before)
    assert all(city.WAITING in str(node) for node in sections[2:] if node[0] == "details")
    answer = city.goal_tables_answer({"goals": [*before, 3], "place": "ken-nairobi", "year": 2024, "at": 1})
    assert (answer["place"], answer["year"]) == ("ken-nairobi", 2024)
    assert answer["tables"] == {str(goal): table.tree for goal, table in before.items()}
    observations = store.tables["observations"]
    mine = observations[(observations["place_id"] == "ken-nairobi") & (observations["breakdown"] == "")
                        & (observations["year"] <= 2024)]
    rows = indicator_rows.table_rows(store, "ken-nairobi", 2024, 11)
    assert set(rows["goal"]) == {11} and len(rows) == (every["goal"] == 11).sum()
    for indicator, history in zip(rows["indicator_id"], rows["history"], strict=True):
        expected = mine[mine["indicator_id"] == indicator].sort_values("year")
        assert history.tolist() == expected["value"].tolist()
        assert list(history.index) == expected["year"].tolist()
    with __import__("layouts.i18n", fromlist=["use"]).use("fr"):
        french = city.goal_tables_answer({"goals": [11], "place": "ken-nairobi", "year": 2024})
    assert "Indicateurs" in text(StaticTree(tree=french["tables"]["11"]))
    assert city_view.goal_table(store, city_view.State("ken-nairobi", 2024), 99) is None


NOT_HERE = "This table is not available for this place and year."


@pytest.mark.parametrize("asked, tables", [
    (None, {}), ([], {}), ({"goals": [3]}, {}), ({"goals": "3", "place": "ken-nairobi", "year": 2024}, {}),
    ({"goals": [3], "place": "ken-nairobi", "year": True}, {}),
    ({"goals": [3], "place": "ken-nairobi", "year": "2024"}, {}),
    ({"goals": [3], "place": "x" * 10_000_000, "year": 2024}, {}),
    ({"goals": [-1, 18, True, None, 2.5, "3", [3], {"a": 3}, "x" * 10_000], "place": "ken-nairobi",
      "year": 2024}, {}),
    # 0: the indicators of no goal, which Nairobi has none of
    ({"goals": [0], "place": "ken-nairobi", "year": 2024},
     {"0": "No indicator of this goal has a value up to 2024."}),
    ({"goals": [3], "place": "nowhere", "year": 2024}, {"3": NOT_HERE}),
    ({"goals": [3], "place": "<script>alert(1)</script>", "year": 2024}, {"3": NOT_HERE}),
    ({"goals": [3], "place": " ken-nairobi ", "year": 2024}, {"3": NOT_HERE}),
    ({"goals": [3], "place": "ken-nairobi", "year": 1}, {"3": NOT_HERE}),
    ({"goals": [3], "place": "ken-nairobi", "year": 10 ** 4000}, {"3": NOT_HERE}),
    ({"goals": [3] * 1_000_000, "place": "ken-nairobi", "year": 2024}, {"3": "table"}),
])
def test_a_hostile_goal_table_ask_gets_no_table_or_a_short_message(pages, asked, tables):
    _, city, _ = pages
    answer = city.goal_tables_answer(asked)
    got = {goal: "table" if tree[0] == "table" else tree[2] for goal, tree in answer["tables"].items()}
    assert got == tables
    assert len(str(answer)) < 20_000 or tables == {"3": "table"}


def test_city_peers_leave_out_the_city_and_are_sorted_best_first(pages):
    _, city, _ = pages
    from layouts import city as city_layout
    peers = city_layout.peer_table(data.current(), "ken-nairobi", 2025)
    assert "ken-nairobi" not in set(peers["place_id"])
    scored = peers["score"].dropna().tolist()
    assert scored == sorted(scored, reverse=True)


def test_city_compare_offers_the_peers_nearest_in_score(pages, monkeypatch):
    """A national store has thousands of peers in a subregion: the comparison offers the ones
    nearest the city in score (and any already chosen), says so, and the table keeps them all."""
    import pandas as pd

    from layouts import city as city_layout

    peers = pd.DataFrame({"place_id": list("abcdef"), "score": [90.0, 80.0, 70.0, None, 60.0, 50.0]})
    assert city_layout.nearest_peers(peers, 72.0, 3) == ["b", "c", "e"]  # best first, as listed
    assert city_layout.nearest_peers(peers, None, 2) == ["a", "b"]
    assert city_layout.nearest_peers(peers, 10.0, 9) == list("abcdef")
    _, city, _ = pages
    everyone = city_layout.peer_table(data.current(), "ken-nairobi", 2025)
    monkeypatch.setattr(city_layout, "COMPARE_CHOICES", 2)
    tree = city.layout(place_id="ken-nairobi", year="2025", compare=everyone["place_id"].iloc[-1])
    offered = [o["value"] for o in find(tree, city.Ids.COMPARE).options]
    assert len(offered) == 3 and offered[-1] == everyone["place_id"].iloc[-1]
    assert "The 2 cities nearest in SDG Index score are offered here" in text(tree)
    assert len(find(tree, city.Ids.PEER_DATA).data["rows"]) == len(everyone) + 1  # and Nairobi's own
    monkeypatch.setattr(city, "PEER_ROWS", 3)  # a national store: the table lists a window, explore all
    tree = city.layout(place_id="ken-nairobi", year="2025", compare=everyone["place_id"].iloc[-2])
    peers = find(tree, city.Ids.PEER_DATA).data
    # the caption still counts the peers, the place beside them
    assert len(peers["rows"]) == 4 and peers["caption"].startswith(
        f"Nairobi and the 3 of {len(everyone)} other cities")
    assert peers["rows"][peers["current"]][0] == "Nairobi (this place)"
    link = next(node for node in walk(tree) if getattr(node, "href", "") and "/explore" in node.href)
    # Explore lists every city of the subregion, Nairobi too
    assert "subregion=Eastern+Africa" in link.href and f"All {len(everyone) + 1} cities" in text(link)


def test_city_compare_tells_apart_two_offered_places_of_one_name(pages):
    """Two peers of one name in one country (a municipality and the UN's urban area, from two
    sources) were two identical choices: each is offered with its country and id."""
    from loaders.store import Store, StoreData

    _, city, _ = pages
    demo = Store(DEMO_STORE).read()
    peers = city.city.peer_table(demo, "ken-nairobi", 2025)["place_id"].head(2).tolist()
    places = demo.places.copy()
    at = places["place_id"].isin(peers)
    places.loc[at, "name"], places.loc[at, "country_iso3"] = "Twin", "KEN"
    twins = StoreData(demo.version + "-twins", demo.meta, {**demo.tables, "places": places})
    with city.dash.get_app().server.test_request_context("/"):
        tree = city.page(twins, "ken-nairobi", {"year": "2025"})
    labels = {o["value"]: o["label"] for o in find(tree, city.Ids.COMPARE).options}
    assert [labels[p] for p in peers] == [f"Twin (KEN, {p})" for p in peers]
    assert all("(" not in label for p, label in labels.items() if p not in peers)


def test_city_peer_table_data_is_the_subregion_listing_made_once(pages):
    """Each city page takes its peers' rows from its subregion's listing, formatted once per year and
    language: the rows, links and note are what formatting the page's own peers gives, in every
    language, for places of different subregions."""
    from dashboard.pages.city_parts import peer_listing
    from layouts import city as city_layout
    from layouts import i18n
    from layouts.i18n import gettext
    from layouts.tables import paired, table_data

    city = pages[1]
    store = data.current()
    places = store.places.set_index("place_id")
    checked = 0
    for language, place_id in (("en", "ken-nairobi"), ("fr", "uga-kampala"), ("es", "ken-nairobi"),
                               ("en", "bra-sao-paulo")):
        if place_id not in places.index:
            continue
        with i18n.use(language):
            peers = city_layout.peer_table(store, place_id, 2025)
            for listed in (peers, peers.iloc[[2, 0]] if len(peers) > 2 else peers):
                expected = paired(table_data(peer_listing(listed, countries=True), "caption",
                                             links={gettext("Place"): "link"}, max_rows=city.PAGE_ROWS))
                assert city.peer_data(store, places.loc[place_id, "un_subregion"], 2025, listed,
                                      "caption") == expected
                checked += 1
    assert checked >= 4


def test_place_projects_are_the_places_rows_in_stored_order(pages):
    from layouts import indicator_rows

    store = data.current()
    for place_id in [*store.projects["place_id"].dropna().unique()[:5].tolist(), "atlantis"]:
        expected = store.projects[store.projects["place_id"] == place_id]
        assert indicator_rows.place_projects(store, place_id).equals(expected)


def test_city_page_unknown_place_is_a_message(pages):
    _, city, _ = pages
    assert "There is no place 'atlantis'" in text(city.layout(place_id="atlantis"))
    # Dash passes the path as typed: the message named 'potos%C3%AD'; an id typed encoded is found
    assert "There is no place 'potosí'" in text(city.layout(place_id="potos%C3%AD"))
    assert "There is no place" not in text(city.layout(place_id="ken-nairob%69"))


def test_city_compare_and_trend_callbacks(pages):
    _, city, _ = pages
    context = {"place_id": "ken-nairobi", "year": 2025}
    card, query = city.update_compare(["eth-addis-ababa"], None, context)
    assert "Addis Ababa" in text(card) and query == {"compare": "eth-addis-ababa"}
    _title, figure, summary, _, query = city.update_trend("child-stunting", ["eth-addis-ababa"], context)
    assert query == {"indicator": "child-stunting", "compare": "eth-addis-ababa"}
    assert text(summary).startswith("Stunting among children under 5:")
    assert city.page_title("ken-nairobi") == "City SDG Dashboard: Nairobi"
    assert city.page_title("atlantis") == "City SDG Dashboard: city profile"


def test_about_page_lists_sources_and_methodology(pages):
    _, _, about = pages
    tree = about.layout()
    assert "City SDG Dashboard demonstration data" in text(tree)
    assert find(tree, "methodology") is not None


def test_the_methodology_in_every_language_says_places_are_ranked_among_their_own_kind():
    """The English methodology says a place is ranked among places of its own kind and needs 9 of
    the 17 goals for a rank; a reader of /about in Spanish or French read neither."""
    from dashboard.docs_text import document
    from layouts import i18n

    said = {"en": "ranked among places\n  of their own kind",
            "es": "se clasifica entre los de su propio tipo",
            "fr": "est classé parmi ceux de son propre type"}
    for language, words in said.items():
        with i18n.use(language):
            text_of, code = document("methodology.md")
        assert code == language and words in text_of and "(`index_min_goals`)" in text_of, language


def test_city_page_lists_projects_and_links_goals_to_the_projects_page(pages):
    _, city, _ = pages
    tree = city.layout(place_id="ken-nairobi")
    body = text(tree)
    assert "Innovation projects (" in body
    links = [n.href for n in __import__("tests.components", fromlist=["walk"]).walk(tree)
             if getattr(n, "href", None) and "/projects?place=ken-nairobi" in n.href]
    assert "/projects?place=ken-nairobi&lang=en" in links
    assert any("&goal=" in href for href in links)


def test_city_page_in_french_formats_numbers_and_keeps_the_language_in_links(pages):
    from layouts import i18n
    from layouts.static_tree import StaticTree
    from tests.components import walk

    _, city, _ = pages
    with i18n.use("fr"):
        tree = city.layout(place_id="ken-nairobi", year="2025", compare="eth-addis-ababa")
        answer = city.goal_tables_answer({"goals": list(range(1, 18)), "place": "ken-nairobi", "year": 2025})
    tables = [StaticTree(tree=table) for table in answer["tables"].values()]
    links = [n.href for n in walk([tree, tables]) if isinstance(getattr(n, "href", None), str)
             and n.href.startswith("/")]
    assert links and all("lang=fr" in href for href in links)
    assert re.search(r"\d\xa0%", " ".join(text(t) for t in tables))  # French percentages: '42 %'
    assert "4\u202f397\u202f073" in text(tree)  # Nairobi's population, French grouping
    assert find(tree, city.Ids.TREND).figure.layout.separators.startswith(",")
    assert re.search(r"\d+,\d en 2015", text(find(tree, city.Ids.TREND_SUMMARY)))


def test_the_countries_map_has_a_table_of_its_countries(demo_store):
    """The countries view's table lists the country means it shades, best first, as its summary
    says (it listed the places: the shading had no text alternative)."""
    from loaders.store import Store
    from views import map as map_view

    store = data.load_version(str(DEMO_STORE), Store(DEMO_STORE).current_version())
    state, _problems = map_view.parse({"goal": "14", "year": "2019", "view": "countries"}, store)
    view = map_view.build(store, state)
    rows = view.table.rows
    assert list(rows.columns) == ["Country", "Mean score", "Places with a score"]
    assert rows["Mean score"].is_monotonic_decreasing and "Countries by mean score" in view.table.caption
    assert f"{rows.iloc[0]['Country']} ({rows.iloc[0]['Mean score']:.1f})" in view.summary
    assert map_view.table(store, state).rows.equals(rows)  # the table sent when opened: the same


def test_a_pages_chart_is_a_figure_named_by_its_heading_and_described_by_its_summary(pages):
    """Screen readers reach the map as a figure whose name is the heading and whose description is
    the summary sentence (the plotly area had no name and nothing tied the sentence to it)."""
    home, _, _ = pages
    tree = home.layout(goal="11", year="2020")
    figures = [n for n in walk(tree) if getattr(n, "role", None) == "figure"]
    assert figures
    ids = [getattr(n, "id", None) for n in walk(tree)]
    for node in figures:
        props = node.to_plotly_json()["props"]
        assert props.get("aria-labelledby") in ids or props.get("aria-label")
        assert props.get("aria-describedby") in [*ids, None]
    assert any(n.to_plotly_json()["props"].get("aria-describedby") == home.Ids.SUMMARY for n in figures)


def test_the_explore_chart_is_a_figure_too(pages):
    import importlib

    import dash

    from loaders.store import Store
    from views.explore.contents import catalogue
    from views.explore.state import parse

    explore = importlib.import_module(next(p["module"] for p in dash.page_registry.values()
                                           if p["path"] == "/explore"))
    store = data.load_version(str(DEMO_STORE), Store(DEMO_STORE).current_version())
    cat = catalogue(store)
    card, _summary = explore.render(store, cat, parse({"goal": "3"}, cat)[0])
    figures = [n for n in walk(card) if getattr(n, "role", None) == "figure"]
    assert len(figures) == 1
    props = figures[0].to_plotly_json()["props"]
    assert props["aria-labelledby"] == explore.Ids.CHART_TITLE
    assert props["aria-describedby"] == explore.Ids.SUMMARY


def test_peers_of_one_country_have_no_country_column_and_pair_their_cells_on_a_phone():
    """A national store's city page listed 'Country: Bolivia' on each of its 50 peer cards, one cell a
    line: most of a phone's 14,500 px page. The column goes when every peer is of one country, and
    on a phone the table of short cells stays a table (four columns) or its cards put two cells a
    line (five)."""
    from dashboard.pages.city_parts import peer_listing
    from layouts.i18n import gettext
    from layouts.static_tree import tree_html
    from layouts.tables import data_table, paired, table_data, table_tree

    peers = pd.DataFrame({"place_id": ["bol-a", "bol-b"], "name": ["A", "B"], "country_iso3": ["BOL", "BOL"],
                          "population": [1000.0, 2000.0], "score": [60.0, 55.0], "rank": [1, 2]})
    assert gettext("Country") not in peer_listing(peers).columns
    assert gettext("Country") in peer_listing(peers, countries=True).columns
    mixed = peers.assign(country_iso3=["BOL", "PER"])
    assert gettext("Country") in peer_listing(mixed).columns
    # SDSN's US states have no population: the column was 50 dashes
    assert gettext("Population") in peer_listing(peers).columns
    assert gettext("Population") not in peer_listing(peers.assign(population=float("nan"))).columns
    payload = table_data(peer_listing(peers), "Peers", links={gettext("Place"): "link"})
    assert "short-cells" in tree_html(table_tree(paired(payload)))  # four columns: a table on a phone
    assert "short-cells" not in tree_html(table_tree(payload))
    linked = {gettext("Place"): "link"}
    table = data_table(peer_listing(peers), "Peers", links=linked, short_cells=True)
    assert "short-cells" in tree_html(table.tree)
    wide = table_data(peer_listing(mixed), "Peers", links={gettext("Place"): "link"})
    assert "cells-paired" in tree_html(table_tree(paired(wide)))  # five: cards, two cells a line
    # how the browser lays them out: tests/test_pages_browser.py


def test_a_city_s_project_budgets_are_in_dollars_else_in_their_own_currency():
    """A Bolivian register's budgets (bolivianos, no rate table) showed '–' in the city's table of
    projects, as if none was stated."""
    from dashboard.pages.city_parts import budget_text

    assert budget_text(1500.0, 1500.0, "USD") == "$1,500"
    assert budget_text(None, 389000.0, "BOB") == "BOB\u00a0389,000"
    assert budget_text(pd.NA, 389000.0, None) == "389,000"
    assert budget_text(None, None, "BOB") == "–"


def test_a_city_s_table_of_projects_leaves_out_what_none_of_them_states(monkeypatch):
    """Sucre's eight projects, from a register without themes, were eight cards each saying
    "Theme: –"; a column no project of the city fills is left out."""
    from dashboard.pages import city_parts

    columns = {"title": ["Agua", "Bosque"], "goals": ["6", "15;13"], "theme": [None, None],
               "status": ["active", None], "budget_usd": [None, None], "budget": [389000.0, None],
               "currency": ["BOB", None], "language": [None, None]}
    monkeypatch.setattr(city_parts.indicator_rows, "place_project_columns", lambda *_: columns)
    section = text(city_parts.project_section(None, "bol-sucre"))
    assert "Theme" not in section and "Status" in section and "Budget" in section
    assert "Agua" in section and "BOB\u00a0389,000" in section
    monkeypatch.setattr(city_parts.indicator_rows, "place_project_columns", lambda store, place_id, names: {
        **columns, "status": [None, None], "budget": [None, None]})
    section = text(city_parts.project_section(None, "bol-sucre"))
    assert "Status" not in section and "Budget" not in section and "Goals" in section


def test_a_city_page_shows_a_page_of_its_projects_and_links_to_all(monkeypatch):
    """Berlin's 420 projects, every one a card, made its page 49,556 px tall on a phone."""
    from dashboard.pages import city_parts
    from loaders.paths import DEMO_STORE
    from loaders.store import Store
    from tests.components import text

    data = Store(DEMO_STORE).read()
    counts = data.projects["place_id"].value_counts()
    place, total = counts.index[0], int(counts.iloc[0])
    monkeypatch.setattr(city_parts, "PROJECT_ROWS", total - 1)
    section = city_parts.project_section(data, place)
    said = text(section)
    assert f"Innovation projects ({total})" in said and f"First {total - 1} of {total} rows." in said
    table = section[1].tree
    assert str(table).count("'tr'") == total  # its header and the first total - 1 projects


def test_the_header_says_a_rank_once_where_the_subregion_is_every_ranked_place():
    """Massachusetts: "SDG Index 2018: 73.4 · rank 1 of 50 · Rank 1 of 50 in its UN subregion": the
    50 states are all of Northern America. A subregion of fewer places keeps its sentence."""
    from dashboard.pages.city_parts import header
    from layouts.place_facts import IndexFacts

    place = pd.Series({"name": "Massachusetts", "kind": "region", "country_iso3": "USA", "population": None,
                       "un_region": "Americas", "un_subregion": "Northern America", "area": None})
    index = IndexFacts(73.4, 1, 50, True, 15, 50, 50, 0.8, 3)
    every = pd.DataFrame({"peer_group": ["un_subregion"], "rank": [1], "n_peers": [50]})
    said = text(header(place, index, every, 2018))
    assert "rank 1 of 50" in said and "in its UN subregion" not in said
    some = every.assign(rank=2, n_peers=12)
    assert "Rank 2 of 12 in its UN subregion." in text(header(place, index, some, 2018))


def test_peers_scores_tell_apart_what_one_decimal_writes_alike():
    """Benin's peers listed Ghana and Côte d'Ivoire both at "62.2" beside ranks 1 and 2: their scores
    take the decimals that tell them apart, as the map's ranked list writes them; no score is a dash."""
    from dashboard.pages.city_parts import peer_listing
    from layouts.i18n import gettext
    from layouts.tables import table_data

    peers = pd.DataFrame({"place_id": ["gha", "civ", "sen", "x"],
                          "name": ["Ghana", "Côte d'Ivoire", "Sénégal", "X"],
                          "country_iso3": ["GHA", "CIV", "SEN", "X"], "population": [1.0, 2.0, 3.0, 4.0],
                          "score": [62.213, 62.186, 60.58, float("nan")], "rank": [1, 2, 3, None]})
    shown = table_data(peer_listing(peers, kind="country"), "Peers", links={gettext("Place"): "link"})
    at = shown["columns"].index(gettext("SDG Index"))
    assert [row[at] for row in shown["rows"]] == ["62.21", "62.19", "60.6", "–"]


def test_a_city_page_s_chart_titles_are_headings_under_their_section(pages):
    """"One indicator over time" (h2) was followed by the chart's own h2, a sibling rather than a
    subheading; and the trend's title, refilled when an indicator is chosen, stays an h3."""
    from dash import html

    _, city, _ = pages
    tree = city.layout(place_id="ken-nairobi", year="2025")
    title = find(tree, city.Ids.TREND_TITLE)
    assert isinstance(title.children[0], html.H3)
    context = find(tree, city.Ids.YEAR).data
    refilled = city.update_trend("pm25", [], context)[0]
    assert isinstance(refilled[0], html.H3)


def test_peers_name_namesakes_and_write_scores_as_their_ranking_does():
    """Bolivia's peers table listed "El Puente" and "San Ramón" bare, though the store has two of
    each, and wrote Mineros' 51.58 as "51.6" beside San Pedro's page badge of 51.65 (its decimals
    taken among the 50 peers listed, without the page's own place): a namesake is labelled as the
    map's list labels it, and each score has the decimals of its own ranking."""
    from dashboard.pages.city_parts import peer_listing
    from layouts import city as city_layout
    from layouts.i18n import gettext
    from layouts.tables import table_data
    from loaders.store import StoreData

    ids = ["san-pedro-sc", "mineros", "san-pedro-pando", "el-puente-sc", "el-puente-tarija", "tupiza"]
    places = pd.DataFrame({
        "place_id": ids, "name": ["San Pedro", "Mineros", "San Pedro", "El Puente", "El Puente", "Tupiza"],
        "kind": "city", "country_iso3": "BOL", "un_subregion": "South America", "population": 1000.0,
        "area": ["Santa Cruz", "Santa Cruz", "Pando", "Santa Cruz", "Tarija", "Potosí"]})
    index = pd.DataFrame({"place_id": ids, "year": 2020,
                          "score": [51.646, 51.58, 30.0, 70.0, 60.0, float("nan")],
                          "rank": [3, 4, 5, 1, 2, None], "ranked": [True] * 5 + [False],
                          "n_goals": 17, "n_goals_imputed": 0, "n_indicators": 10, "n_available": 10})
    store = StoreData("v", {}, {"places": places, "index": index})
    peers = city_layout.peer_table(store, "san-pedro-sc", 2020)
    shown = table_data(peer_listing(peers), "Peers", links={gettext("Place"): "link"})
    place, score = (shown["columns"].index(gettext(c)) for c in ("Place", "SDG Index"))
    assert [(row[place], row[score]) for row in shown["rows"]] == [
        ("El Puente (Santa Cruz)", "70.0"), ("El Puente (Tarija)", "60.0"), ("Mineros", "51.58"),
        ("San Pedro (Pando)", "30.0")]


def test_a_city_s_peers_are_the_cities_ranked_beside_their_districts_too(pages):
    """València ranked among its own districts listed them as its peers: a whole's peers are the
    other wholes of its year, and its districts' peers the districts and cities without it."""
    from dashboard.pages.city_parts import peer_listing
    from layouts import city as city_layout
    from layouts.i18n import gettext
    from layouts.tables import paired, table_data
    from loaders.store import StoreData

    city = pages[1]
    ids = ["vlc", "vlc-1", "vlc-2", "bcn", "bcn-1", "bcn-2"]
    places = pd.DataFrame({"place_id": ids, "name": ["València", "V1", "V2", "Barcelona", "B1", "B2"],
                           "kind": ["city", "district", "district"] * 2, "country_iso3": "ESP",
                           "parent_id": [None, "vlc", "vlc", None, "bcn", "bcn"],
                           "un_subregion": "Southern Europe", "population": 1000.0})
    index = pd.DataFrame({"place_id": ids, "year": 2020, "score": [53.0, 78.0, 34.0, 60.0, 70.0, 40.0],
                          "rank": [2, 1, 4, 1, 2, 3], "ranked": True, "whole": [True, False, False] * 2})
    store = StoreData("v", {}, {"places": places, "index": index})
    peers = city_layout.peer_table(store, "vlc", 2020)
    assert peers["place_id"].tolist() == ["bcn"]
    assert city_layout.peer_table(store, "vlc-1", 2020)["place_id"].tolist() == ["bcn-1", "bcn-2", "vlc-2"]
    expected = paired(table_data(peer_listing(peers), "caption", links={gettext("Place"): "link"},
                                 max_rows=city.PAGE_ROWS))
    assert city.peer_data(store, "Southern Europe", 2020, peers, "caption", "city", whole=True) == expected


def embed_names(tree) -> list[str]:
    """Each Embed button's name as a screen reader makes it: the texts its aria-labelledby names."""
    return [" ".join(text(find(tree, part)) for part in getattr(button, "aria-labelledby").split())
            for button in by_class(tree, "embed-button")]


def test_each_embed_button_is_named_by_its_chart_s_heading(pages):
    """A page's Embed buttons were named by their kind of chart ("Embed: A place's 17 goals"), the
    same on every city's page: each is now its own word and its chart's heading, also after a
    callback has rewritten the heading."""
    from dashboard.chrome import title_of
    from tests.components import page_module

    home, city, _ = pages
    assert embed_names(home.layout(goal="7", year="2024")) == [
        "Embed Goal 7: Affordable and clean energy, 2024"]
    refilled = home.update("3", 2024, "places", "world")[0]
    assert text(find(refilled, title_of(home.Ids.TITLE))) == "Goal 3: Good health and well-being, 2024"
    names = embed_names(city.layout(place_id="ken-nairobi", year="2024", compare="uga-kampala"))
    assert [" ".join(name.split()) for name in names[:2]] == [
        "Embed The 17 goals, scored on values from 2023 to 2024",
        "Embed Nairobi: Population below the international poverty line, 2015–2024"], names
    assert "Embed Nairobi: Goal scores, 2024" in names
    projects = page_module("/projects").layout()
    names = embed_names(projects)
    assert names[0] == "Embed Innovation projects by place, 2018 to 2031"  # the years its projects run
    assert "Embed Funding source mix" in names
    for tree in (page_module("/explore").layout(view="scatter"), page_module("/projects/financing").layout()):
        names += embed_names(tree)
    assert len(names) == len(set(names)) >= 8 and all(n.startswith("Embed ") and len(n) > 12 for n in names)
    with i18n.use("fr"):
        assert embed_names(home.layout(goal="7", year="2024")) == [
            "Intégrer Objectif 7\u00a0: Énergie propre et d'un coût abordable, 2024"]
