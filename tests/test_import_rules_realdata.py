"""The real files keep the row counts they had before three rules came in: a blank city in a UN city
series is rejected (every UN layout), a place's second row in an SDSN atlas or time series is
rejected, and a name that loses invisible characters is reported. None of these files has such a
row, so none of them may lose one."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.options import ReadOptions
from loaders.report import ImportReport
from loaders.sources import read_sources
from tests.test_places_realdata import POPULATION, TRANSPORT

pytestmark = [pytest.mark.realdata, pytest.mark.slow]

BENIN = "sdsn-benin-subnational-2023/Database-Benin-"
COUNTS = {
    "unsd-fis4sdgs/data/unsd": {
        "All_Countries_Goal_11.xlsx": (10641, 10641, 0),
        "Country_Kenya_404_Goal_11.xlsx": (98, 98, 0),
        "Indicator_11.1.1_Series_EN_LND_SLUM.json": (520, 520, 0),
        "csv_Indicator_11.1.1_Series_EN_LND_SLUM.csv": (248, 125, 0),
        "csv_Indicator_11.6.2_Series_EN_ATM_PM25.csv": (496, 384, 0),
        "csv_Indicator_6.1.1_Series_SH_H2O_SAFE.csv": (744, 205, 0),
    },
    "unhabitat-urban-indicators-hdx/tests/fixtures": {
        "7476ba9ab3fa45ebb683e253a3688997-data.xlsx": (26, 26, 0),
        "cc37148f95304783a6ccfad8a9124a9d-data.xlsx": (667, 667, 0),
        "fbb02b19d417497093418484448e3465-data.xlsx": (1394, 1394, 0),
    },
    "sdsn-bolivia-municipal-atlas-2020/sdgVariables/sdgVariables.csv": {"sdgVariables.csv": (339, 339, 0)},
    "sdsn-sdr-2019-global/2019GlobalIndexResults.xlsx": {
        "2019GlobalIndexResults.xlsx [Codebook]": (114, 114, 0),
        "2019GlobalIndexResults.xlsx [SDR2019 Data]": (193, 193, 0),
        "2019GlobalIndexResults.xlsx [Raw Data (trends)]": (3860, 3860, 0),
    },
    "sdsn-sdr-2020-global/SDR2020Database.xlsx": {
        "SDR2020Database.xlsx [Codebook]": (115, 115, 0),
        "SDR2020Database.xlsx [SDR2020 Data]": (204, 193, 11),
        "SDR2020Database.xlsx [Raw Trend Data]": (4053, 4053, 0),
    },
    "sdsn-sdr-2021-global/SDR 2021 - Database.xlsx": {
        "SDR 2021 - Database.xlsx [Codebook]": (120, 120, 0),
        "SDR 2021 - Database.xlsx [SDR2021 Data]": (205, 193, 12),
        "SDR 2021 - Database.xlsx [Data for Trends]": (4246, 4246, 0),
    },
    f"{BENIN}Infranationale-2023.xlsx": {
        "Database-Benin-Infranationale-2023.xlsx [Codebook]": (45, 45, 0),
        "Database-Benin-Infranationale-2023.xlsx [Base Complète]": (13, 13, 0),
        "Database-Benin-Infranationale-2023.xlsx [Données brutes]": (130, 130, 0),
    },
    f"{BENIN}Regional-2023.xlsx": {
        "Database-Benin-Regional-2023.xlsx [Codebook]": (96, 96, 0),
        "Database-Benin-Regional-2023.xlsx [Base complète]": (16, 15, 1),
        "Database-Benin-Regional-2023.xlsx [Données brutes]": (384, 360, 24),
    },
    "sdsn-european-cities-sdg-index/public/data": {"cities.csv": (45, 45, 0), "cities.json": (45, 45, 0)},
    "un-sdg-11-2-1-cities-geocoded/data/pt-access.csv": {"pt-access.csv": (2030, 1944, 86)},
    "unsd-city-population/data/unsd-citypopulation-year-both.csv": {
        # 17,059 data rows; the 164 rows of the footnote table after them are no longer read as data
        "unsd-citypopulation-year-both.csv": (17059, 16954, 105),
    },
}
"""Rows read, kept and rejected per file (and sheet), as `city-sdg validate` gave them before."""
MAPPINGS = {"pt-access.csv": TRANSPORT, "unsd-citypopulation-year-both.csv": POPULATION}
NEW_REASONS = r"^empty city|a second row for the same place|from the name; (?:read as|nothing is left)"


@pytest.mark.parametrize("relative", list(COUNTS))
def test_real_files_keep_their_row_counts(realdata, tmp_path, relative):
    path = realdata / relative
    mapping = MAPPINGS.get(path.name)
    options = ReadOptions()
    if mapping:
        (tmp_path / "mapping.yml").write_text(mapping, encoding="utf-8")
        options = ReadOptions(mapping=tmp_path / "mapping.yml")
    report = ImportReport()
    read_sources([path], options, report, known_places=None)
    counts = {Path(key).name: (c.rows_read, c.rows_kept, c.rows_rejected) for key, c in report.counts.items()
              if not c.unreadable}
    assert counts == COUNTS[relative]
    issues = report.frame()
    assert issues[issues["reason"].str.contains(NEW_REASONS)].empty


def test_a_workbook_s_row_issues_name_their_sheet(realdata):
    """SDR 2021's line 196 was Australia in its trend sheet and an aggregate row in its data sheet,
    and the report said 'SDR 2021 - Database.xlsx:196' for both; a replaced series value did not say
    what replaced it."""
    path = realdata / "sdsn-sdr-2021-global" / "SDR 2021 - Database.xlsx"
    report = ImportReport()
    read_sources([path], ReadOptions(), report, known_places=None)
    rows = report.frame()
    lined = rows[rows["line"].notna()]
    assert len(lined) and set(lined["file"]) == {f"{path} [SDR2021 Data]", f"{path} [Data for Trends]"}
    aggregates = lined[lined["reason"].str.startswith("aggregate of several countries")]
    assert len(aggregates) == 12 and set(aggregates["file"]) == {f"{path} [SDR2021 Data]"}
    replaced = lined[lined["reason"].str.startswith("series value replaced")]
    assert len(replaced) and set(replaced["file"]) == {f"{path} [Data for Trends]"}
    assert replaced["reason"].str.fullmatch(r"series value replaced by the headline value of the same "
                                            r"year \([-\d.e+]+\)").all()


def test_a_workbook_of_french_names_is_read_as_french_unless_told(realdata):
    """SDSN's Benin workbook writes its 45 indicators' names in French: read as English, French
    readers saw "Taux de succès au BAC (%) (en anglais)". Without --language they are French, the
    report says so; with it, as stated. No other real source is read as another language."""
    path = realdata / "sdsn-benin-subnational-2023" / "Database-Benin-Infranationale-2023.xlsx"
    report = ImportReport()
    bundle = read_sources([path], ReadOptions(), report, known_places=None)
    assert set(bundle.indicators["language"]) == {"fr"} and len(bundle.indicators) == 45
    assert any("read as written in French (fr)" in reason for reason in report.frame()["reason"])
    told = read_sources([path], ReadOptions(language="en", language_stated=True), ImportReport(),
                        known_places=None)
    assert set(told.indicators["language"]) == {"en"}
    sdr = realdata / "sdsn-sdr-2019-global" / "2019GlobalIndexResults.xlsx"
    regional = read_sources([sdr], ReadOptions(), ImportReport(), known_places=None)
    assert set(regional.indicators["language"]) == {"en"}


def test_a_language_is_guessed_only_from_words_that_tell():
    from loaders.languages import guess

    french = ["Taux de succès au BAC (%)", "Nombre d'habitants par lits d'hôpitaux", "Accès à l'électricité",
              "Part des ménages sans eau", "Taux de chômage des jeunes"]
    spanish = ["Tasa de pobreza", "Población con acceso a agua", "Porcentaje de los hogares",
               "Tasa de homicidios", "Índice de desarrollo del municipio"]
    english = ["Share of the population with access to water", "Poverty rate", "Rate of unemployment",
               "Homicides per 100,000", "Mean years of schooling"]
    assert (guess(french), guess(spanish), guess(english)) == ("fr", "es", "en")
    assert guess(["PM2.5 (µg/m³)", "CO2 (t)", "GDP", "Internet (%)", "Slums (%)"]) is None  # no word to go by
    assert guess(french[:3]) is None  # too few names to tell
