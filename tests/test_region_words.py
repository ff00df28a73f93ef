"""A country's units are called what their source calls them where the store knows it: Benin's
report speaks of 'les départements de Bénin', and its French pages said 'région'."""

from __future__ import annotations

from layouts import i18n, names
from loaders.sdsn.units import region_word


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
    from dashboard.pages.city_parts import NO_PEERS, peer_sentence, peer_words
    from layouts import ranking

    with i18n.use("en"):
        assert peer_words(NO_PEERS, "department").startswith("No other department of these data")
        assert peer_words(NO_PEERS, "province").startswith("No other region")  # no words of its own
        ranked = peer_sentence("size", 2, 12, None, "department")
        assert ranked == "Rank 2 of 12 among departments of its size."
        assert ranking.search_label("department") == "Find your department"
        assert ranking.search_label("state") == "Find your region"
