"""A country's units are called what their source calls them where the store knows it: Benin's
report speaks of 'les départements de Bénin', and its French pages said 'région'."""

from __future__ import annotations

import pandas as pd

from layouts import i18n, names
from loaders.unit_words import region_word


def test_the_workbook_s_own_word_for_its_units_is_read():
    assert region_word(["La base de données complète pour les départements de Bénin."]) == "department"
    assert region_word(["Sustainable Development Report of the United States 2018"]) == "state"
    assert region_word(["La base de données complète pour les pays de la CEDEAO"]) is None
    assert region_word(["départements et provinces"]) is None  # two kinds: none said


def test_a_region_is_called_by_the_stored_word_and_other_kinds_keep_theirs():
    options = {"options": {"region_word": "department"}}
    assert names.said_kind("region", options) == "department"
    assert names.said_kind("city", options) == "city" and names.said_kind("region", {}) == "region"
    assert names.said_kind("region", {"options": {"region_word": "shire"}}) == "region"


def test_the_peers_sentences_use_the_word(app):
    from dashboard.pages.city_parts import peer_sentence
    from dashboard.pages.peer_words import NO_PEERS, peer_words
    from layouts import ranking

    with i18n.use("en"):
        assert peer_words(NO_PEERS, "department").startswith("No other department of these data")
        # a province had no words of its own and was called a region (Nepal's provinces)
        assert peer_words(NO_PEERS, "province").startswith("No other province of these data")
        ranked = peer_sentence("size", 2, 12, None, "department")
        assert ranked == "Rank 2 of 12 among departments of its size."
        assert ranking.search_label("department") == "Find your department"
        assert ranking.search_label("state") == "Find your state"  # the US states' workbook's word
        assert ranking.search_label("province") == "Find your province"
        assert peer_sentence("size", 2, 7, None, "province") == "Rank 2 of 7 among provinces of its size."


def test_the_us_states_are_called_states(app, monkeypatch):
    """SDSN's US states workbook calls its places states (recorded at import as `region_word`), and
    the pages said 'Find your region', 'How are regions doing on the SDGs?', 'The 12 regions nearest
    in SDG Index score are offered here.'"""
    from dashboard.pages.city_parts import peer_sentence
    from dashboard.pages.peer_words import NEAREST_CAPTIONS, NO_PEERS, OFFERED_PEERS, peer_caption, peer_words
    from layouts import scores
    from loaders.store import StoreData
    from tests.components import page_module

    headings = page_module("/").headings  # imported by its own name, the page would register twice
    monkeypatch.setattr(scores, "mapped_kinds", lambda store: ("region",))  # the map carries the 50
    places = pd.DataFrame({"place_id": ["region-alabama"], "name": ["Alabama"], "kind": ["region"]})
    store = StoreData("v", {"options": {"region_word": "state"}}, {"places": places})
    kind = names.said_kind("region", store.meta)
    with i18n.use("en"):
        assert kind == "state"
        assert peer_words(OFFERED_PEERS, kind).format(count=12) == \
            "The 12 states nearest in SDG Index score are offered here."
        assert peer_words(NO_PEERS, kind).startswith("No other state of these data")
        assert peer_words(NEAREST_CAPTIONS, kind).startswith("The {shown} of {total} states")
        assert peer_caption(kind) == "Other states in the same UN subregion, best first"
        assert peer_sentence("size", 3, 10, None, kind) == "Rank 3 of 10 among states of its size."
        assert headings(store) == ("How are states doing on the SDGs?", "Find your state")
    with i18n.use("es"):
        assert headings(store)[1] == "Encuentre su estado"
        assert peer_words(OFFERED_PEERS, kind).format(count=12).startswith("Aquí se ofrecen los 12 estados")
    with i18n.use("fr"):
        assert headings(store)[1] == "Trouvez votre État"
        assert peer_caption(kind).startswith("Autres États")
    # a store that records no word keeps the region's
    plain = StoreData("w", {}, {"places": places})
    with i18n.use("en"):
        assert headings(plain) == ("How are regions doing on the SDGs?", "Find your region")


def test_an_open_sdg_site_of_provinces_records_that_word():
    """Nepal's Open SDG site names its units "Province 1", "Bagmati", ...: its pages said "Find your
    region" and "How are regions doing on the SDGs?"; a city's wards record no word."""
    from loaders.opensdg.place import region_option

    provinces = pd.DataFrame({"name": ["Nepal", "Province 1", "Bagmati"],
                              "kind": ["country", "region", "region"]})
    assert region_option(provinces) == {"region_word": "province"}
    wards = pd.DataFrame({"name": ["Bristol", "Ashley"], "kind": ["city", "district"]})
    assert region_option(wards) == {}
    assert region_option(provinces.assign(name=["Nepal", "Koshi", "Bagmati"])) == {}
