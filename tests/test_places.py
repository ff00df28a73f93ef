"""Countries to ISO3 and UN regions; cities to the gazetteer."""

import pandas as pd
import pytest

from loaders.places import country_facts, country_iso3, harmonise, match_city, place_id
from loaders.report import ImportReport


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Kenya", "KEN"),
        ("KEN", "KEN"),
        ("KE", "KEN"),
        ("404", "KEN"),
        ("004", "AFG"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("Côte d'Ivoire", "CIV"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("NA", "NAM"),
        ("World", None),
        ("Northern Europe", None),
        ("", None),
    ],
)
def test_country_iso3(text, iso3):
    assert country_iso3(text) == iso3


def test_country_facts_give_m49_regions():
    facts = country_facts("KEN")
    assert (facts["un_region"], facts["un_subregion"], facts["m49"]) == (
        "Africa",
        "Eastern Africa",
        "404",
    )


def test_match_city_handles_accents_and_alternate_names():
    assert match_city("Sao Paulo", "BRA")[0]["name"] == "São Paulo"
    assert match_city("München")[0]["iso3"] == "DEU"
    assert match_city("Los Angeles County", "USA")[0]["name"] == "Los Angeles"


def test_ambiguous_city_is_reported_not_guessed():
    hit, reason = match_city("Córdoba")
    assert hit is None
    assert "ambiguous" in reason and "ARG" in reason and "ESP" in reason
    assert match_city("Córdoba", "ESP")[0]["iso3"] == "ESP"


def test_place_ids_are_stable_slugs():
    assert place_id("country", "Kenya", "KEN") == "ken"
    assert place_id("city", "São Paulo", "BRA") == "bra-sao-paulo"
    assert place_id("district", "Ashley", parent_id="gbr-bristol", code="E05010885") == (
        "gbr-bristol-e05010885"
    )


def test_harmonise_fills_regions_and_coordinates_and_reports_unknowns():
    frame = pd.DataFrame(
        {
            "place_id": ["ken-nairobi", "xx-atlantis"],
            "name": ["Nairobi", "Atlantis Nowhere"],
            "kind": ["city", "city"],
            "country": ["Kenya", None],
        }
    )
    report = ImportReport()
    out = harmonise(frame, report, "test.csv")
    nairobi = out.iloc[0]
    assert nairobi["country_iso3"] == "KEN" and nairobi["un_region"] == "Africa"
    assert abs(nairobi["lat"] - -1.28) < 0.1 and nairobi["population"] > 1_000_000
    assert pd.isna(out.iloc[1]["lat"])
    assert any("Atlantis" in issue["value"] for issue in report.issues)
