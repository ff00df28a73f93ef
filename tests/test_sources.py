"""How sources are named to readers (layouts/sources.py), on the shapes each reader records."""

from __future__ import annotations

from layouts.sources import cited, source_gives, source_name, sources_table

OPEN_SDG = {"file": "/home/someone/clones/valencia/source", "format": "opensdg", "place": "València"}
WARDS = {"file": "/home/someone/clones/valencia/source/Distritos.geojson", "format": "boundaries"}
PROJECTS = {"file": "/srv/in/projects-2026.xlsx", "format": "projects", "source": "Mayor's office register"}
SDSN = {"file": "/tmp/x/cities.csv", "format": "sdsn", "name": "SDSN SDG Index and Dashboards",
        "publisher": "Sustainable Development Solutions Network (SDSN)"}
MAPPED = {"file": "/tmp/x/pt-access.csv", "format": "mapped", "mapping": "/tmp/x/transport.yml"}


def test_a_source_is_named_by_what_it_is_never_by_a_path():
    assert source_name(OPEN_SDG) == "Open SDG data of València"  # not its folder's name, "source"
    assert source_name(WARDS) == "Distritos.geojson"
    assert source_name(PROJECTS) == "Mayor's office register"
    assert source_name(SDSN) == "SDSN SDG Index and Dashboards"
    assert source_name(MAPPED) == "pt-access.csv"
    assert source_name({"format": "opensdg", "file": "/a/bristol-opensdg"}) == "bristol-opensdg"  # no place


def test_what_each_source_gives_follows_its_format():
    assert source_gives(WARDS) == "the places' boundaries, drawn on the maps"
    assert source_gives(PROJECTS) == "the innovation projects"  # the loader records a format, not a kind
    assert source_gives(OPEN_SDG) == source_gives(MAPPED) == "the indicator values"
    assert source_gives({"demo": True, "format": "demo"}).startswith("invented")


def test_the_about_table_lists_every_source_then_the_reference_data():
    table = sources_table({"sources": [OPEN_SDG, WARDS, PROJECTS, SDSN]})
    assert table["Source"].tolist()[:4] == ["Open SDG data of València", "Distritos.geojson",
                                           "Mayor's office register", "SDSN SDG Index and Dashboards"]
    assert "GeoNames" in table["Source"].tolist() and "Natural Earth" in table["Source"].tolist()
    assert not table.astype(str).apply(lambda column: column.str.contains("/home/|/srv/|/tmp/")).any().any()


def test_a_file_from_inside_another_source_s_folder_is_credited_by_that_source():
    """Bristol's charts said "Source: Open SDG data of Bristol and
    Bristol_Wards_(December_2020)_UK_BGC_V2.geojson": the boundary file is the site's own."""
    from dashboard.embed.page import source_names
    from loaders.store import StoreData

    site = {"file": "/data/bristol-opensdg", "format": "opensdg", "place": "Bristol"}
    wards = {"file": "/data/bristol-opensdg/geojson/Bristol_Wards_(December_2020)_UK_BGC_V2.geojson",
             "format": "boundaries"}
    beside = {"file": "/data/ons/wards.geojson", "format": "boundaries"}
    assert cited([site, wards]) == [site]
    assert cited([site, wards, beside]) == [site, beside]
    assert cited([wards]) == [wards]  # imported alone, it is the source
    assert source_names(StoreData("v", {"sources": [site, wards]}, {})) == "Open SDG data of Bristol"
    listed = sources_table({"sources": [site, wards]}).iloc[:, 0].tolist()  # About lists what each brought
    assert "Bristol_Wards_(December_2020)_UK_BGC_V2.geojson" in listed


def test_one_source_read_from_two_files_is_one_row_and_the_un_is_named_in_the_reader_s_language():
    """The European index's CSV and JSON were two rows of "SDSN SDG Index and Dashboards"; the
    'Date' column, the import's, read as the data's; "United Nations" stayed English."""
    from layouts import i18n

    json_copy = {**SDSN, "file": "/tmp/x/cities.json"}
    table = sources_table({"sources": [SDSN, json_copy]})
    assert table["Source"].tolist().count("SDSN SDG Index and Dashboards") == 1
    with i18n.use("fr"):
        french = sources_table({"sources": [SDSN]})
    assert "Nations unies" in french.iloc[:, 2].tolist()


def test_a_country_s_open_sdg_site_is_named_in_the_reader_s_words():
    """Nepal's site read "Données Open SDG (Nepal)" on French pages."""
    from layouts import i18n

    with i18n.use("fr"):
        assert source_name({"format": "opensdg", "place": "Nepal"}) == "Données Open SDG (Népal)"
        assert source_name(OPEN_SDG) == "Données Open SDG (València)"


def test_a_chart_names_the_sources_of_what_it_shows():
    """Berlin's projects were credited "Source: SDSN SDG Index and Dashboards; and Global Goals Berlin
    project list", and its goal map to the project list too: a chart names the sources of its own
    kind of data, a page that shows both (About) all of them, and a store of one kind that one."""
    from dashboard.chrome import source_line, subject_of
    from loaders.store import StoreData
    from views.base import View

    both = StoreData("v1", {"sources": [SDSN, PROJECTS], "created": "2026-12-07T00:00:00Z"}, {})
    projects = source_line(both, subject_of(View("Projects by goal", "", None, "/projects?goal=13")))
    mapped = source_line(both, subject_of(View("Goal 13", "", None, "/?goal=13")))
    assert "Mayor's office register" in projects and "SDSN" not in projects
    assert "SDSN SDG Index and Dashboards" in mapped and "register" not in mapped
    assert "SDSN" in source_line(both) and "register" in source_line(both)
    alone = StoreData("v2", {"sources": [PROJECTS]}, {})
    assert "Mayor's office register" in source_line(alone, "indicators")
